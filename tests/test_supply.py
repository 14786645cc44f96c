"""Tests for sufficiency.measures.supply: counts checked against the published Ofsted, LAIT and
Home Office files (figures read off the raw files by hand), the year cut-off, and the
council's own capacity file."""
from __future__ import annotations

import shutil

import numpy as np
import pytest

from sufficiency.core import files as sio
from sufficiency.core.errors import InputError
from sufficiency.core.paths import DATA_LOCAL
from sufficiency.measures import supply


@pytest.fixture(scope="module")
def homes():
    return supply.children_homes_by_council()


# ------------------------------------------------------------------ councils by name

def test_la_code_for_name_matches_ofsted_spellings_and_rejects_others():
    assert supply.la_code_for_name("Bristol, City of") == "801"
    assert supply.la_code_for_name("Herefordshire, County of") == "884"
    assert supply.la_code_for_name("Lewisham") == "209"
    assert supply.la_code_for_name("Cardiff") is None          # Welsh: not an English council
    assert supply.la_code_for_name("Adur") is None             # a district, not a council with CSC
    assert supply.la_code_for_name(float("nan")) is None


# ------------------------------------------------------------------ children's homes

def test_children_homes_columns_and_one_row_per_council_year(homes):
    assert list(homes.columns) == supply.HOMES_COLUMNS
    assert not homes.duplicated(["la_code", "year"]).any()
    assert homes["year"].min() == 2015 and homes["year"].max() == 2025


def test_lewisham_children_homes_match_the_ofsted_file(homes):
    # Counted by hand in ofsted_provider_level_at_31_march_2025.csv.gz: Local authority
    # 'Lewisham', provision type containing "children's home": 11 homes, 43 places.
    lewisham = homes[homes["la_code"] == "209"].set_index("year")
    assert lewisham.loc[2025, ["homes", "places"]].tolist() == [11, 43.0]
    assert lewisham.loc[2022, ["homes", "places"]].tolist() == [10, 46.0]
    assert lewisham.loc[2016, ["homes", "places"]].tolist() == [5, 25.0]
    assert lewisham.loc[2025, "council_run_homes"] == 0


def test_places_unknown_in_2015_stay_missing_not_zero(homes):
    y2015 = homes[homes["year"] == 2015]
    assert y2015["places"].isna().all()            # the 2015 file has no Places column
    assert y2015["council_run_places"].isna().all()
    assert (y2015["homes"] > 0).all()


def test_england_totals_include_secure_homes_and_special_schools(homes):
    # Children's homes at 31 March 2025 in English councils' areas, all three provision
    # types ("Children's home"/"Children's Home", special schools registered as homes, secure):
    # the one count of homes in the book (see sufficiency.data.published.ofsted).
    total_2025 = homes.loc[homes["year"] == 2025, "homes"].sum()
    assert total_2025 == 4009
    assert homes.loc[homes["year"] == 2025, "secure_homes"].sum() == 14
    assert homes.loc[homes["year"] == 2025, "short_break_homes"].sum() == 125


def test_private_share_of_childrens_homes_counts_the_same_homes(homes):
    table = supply.private_share_of_homes(2025).set_index("year")
    assert table.loc[2025, "homes"] == 4009 and table.loc[2025, "places"] == 15742
    assert table.loc[2025, "homes"] == homes.loc[homes["year"] == 2025, "homes"].sum()
    assert round(table.loc[2025, "places_private_pct"], 1) == 76.2
    assert round(table.loc[2025, "homes_private_pct"], 1) == 83.7
    assert table.loc[2018, "homes"] == 2209             # the two 2018 files overlap: each home once
    assert np.isnan(table.loc[2015, "places"])          # Ofsted gave no places in 2015
    assert supply.private_share_of_homes(2020)["year"].max() == 2020


def test_childrens_homes_by_sector_joins_spellings_of_a_sector():
    sectors = supply.childrens_homes_by_sector(2025)
    y2025 = sectors[sectors["year"] == 2025].set_index("sector")["homes"]
    assert y2025.sum() == 4009 and "Local authority" in y2025.index and "Local Authority" not in y2025.index


def test_2018_uses_the_union_of_both_files(homes):
    # The second 2018 file lists 86 homes the first leaves out; the union has 2,209.
    assert homes.loc[homes["year"] == 2018, "homes"].sum() == 2209


def test_children_homes_for_a_council_fills_absent_years_with_zero():
    greenwich = supply.children_homes("203", 2025).set_index("year")
    assert greenwich.loc[2025, ["homes", "places", "council_run_homes", "council_run_places"]].tolist() == \
        [6, 23.0, 2, 11.0]
    assert list(greenwich.index) == list(range(2015, 2026))


def test_children_homes_respects_year_max():
    frame = supply.children_homes_by_council(2022)
    assert frame["year"].max() == 2022


def test_reading_ofsted_files_records_every_file(tmp_path, monkeypatch):
    log = tmp_path / "reads.txt"
    monkeypatch.setenv(sio.READS_LOG_ENV, str(log))
    supply.children_homes_by_council(2025)
    read = {line.rsplit("/", 1)[-1] for line in log.read_text().splitlines()}
    expected = {p.name for p in supply.OFSTED_DIR.glob("ofsted_provider_level_at_31_march_*.csv.gz")}
    assert expected <= read


# ------------------------------------------------------------------ foster places

def test_foster_places_match_lait():
    frame = supply.foster_places("209", 2025).set_index("year")
    assert frame["places"].tolist() == [175.0, 155.0, 145.0, 135.0]
    assert frame["places_filled"].tolist() == [85.0, 80.0, 100.0, 85.0]
    assert frame.loc[2024, "places_vacant"] == 45.0


def test_foster_places_cut_off_at_year_max():
    assert supply.foster_places("Greenwich", 2023)["year"].tolist() == [2022, 2023]
    assert supply.foster_places("209", 2021).empty


# ------------------------------------------------------------------ National Transfer Scheme

def test_nts_transfers_sum_quarters_into_years_ending_march():
    frame = supply.nts_transfers("209").set_index("year")
    # Quarters to June 2022 .. March 2023: into LA 1+0+2+6 = 9, from intake 1+5+3+3 = 12.
    assert frame.loc[2023, ["transfers_in", "transfers_in_from_intake", "quarters"]].tolist() == [9, 12, 4]
    # Quarters to June 2021 .. March 2022: into LA 0+2+3+9, from intake 3+6+3+5.
    assert frame.loc[2022, ["transfers_in", "transfers_in_from_intake"]].tolist() == [14, 17]
    assert frame.loc[2017, "quarters"] == 3   # series starts with the quarter to September 2016
    assert frame.loc[2024, "quarters"] == 2   # and ends with the quarter to September 2023


def test_nts_transfers_ignore_quarters_after_year_max():
    assert supply.nts_transfers("209", 2022)["year"].max() == 2022
    assert supply.nts_transfers("209", 2022).equals(supply.nts_transfers("209").query("year <= 2022")
                                                    .reset_index(drop=True))


def test_nts_threshold_is_a_thousandth_of_the_child_population():
    frame = supply.nts_threshold("209", 2025).set_index("year")
    assert frame.loc[2025, "population_0_17"] == 62052
    assert frame.loc[2025, "threshold"] == pytest.approx(62.052)
    assert frame.index.max() == 2025
    assert supply.nts_threshold("209", 2022)["year"].tolist() == [2019, 2020, 2021, 2022]


# ------------------------------------------------------------------ local capacity

def test_local_capacity_drops_later_periods_and_is_none_without_a_folder():
    lewisham = supply.local_capacity("lewisham", 2021)
    assert lewisham["period"].tolist() == ["December 2014"]
    assert supply.local_capacity("lewisham", 2022)["fostering_places"].tolist()[-1] == 143
    assert supply.local_capacity("greenwich", 2025) is None


def test_local_capacity_bad_cell_stops_with_the_file_named(tmp_path):
    folder = tmp_path / "testshire"
    shutil.copytree(DATA_LOCAL / "_template", folder)
    (folder / "capacity.csv").write_text(
        (DATA_LOCAL / "_template" / "capacity.csv").read_text().strip() + "\n2021-22,lots,,,,,,,,,\n")
    with pytest.raises(InputError, match="capacity.csv"):
        supply.local_capacity("testshire", 2025, root=tmp_path)


def test_period_end_year():
    assert [supply.period_end_year(p) for p in ["2021-22", "1999-00", "March 2022", "soon"]] == \
        [2022, 2000, 2022, None]


# ------------------------------------------------------------------ summary

def test_supply_summary_long_table():
    frame = supply.supply_summary("209", 2025)
    assert list(frame.columns) == supply.SUPPLY_COLUMNS
    value = frame.set_index(["measure", "year"])["value"]
    assert value[("childrens_homes", 2025)] == 11
    assert value[("foster_places", 2022)] == 175
    assert value[("nts_transfers_in", 2023)] == 21
    assert ("nts_transfers_in", 2024) not in value.index     # part year left out
    assert np.isclose(value[("nts_threshold", 2019)], 67.109)
