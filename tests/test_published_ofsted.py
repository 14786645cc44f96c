"""sufficiency.data.published.ofsted: the one reader of Ofsted's provider-level register.

Counts were read off the raw files by hand (data/raw/ofsted_providers, see PROVENANCE.md)."""
from __future__ import annotations

import gzip

import pytest

from sufficiency.core import files as sio
from sufficiency.core.errors import InputError
from sufficiency.data.published import ofsted


@pytest.fixture(scope="module")
def homes():
    return ofsted.childrens_homes(2025)


def test_every_type_of_childrens_home_counts(homes):
    # 31 March 2025: 3,938 "Children's home" + 8 "Children's Home" + 49 residential special schools
    # registered as children's homes + 14 secure children's homes.
    y2025 = homes[homes["year"] == 2025]
    assert len(y2025) == 4009
    assert y2025["provision_type"].value_counts().to_dict() == {
        "Children's home": 3938, "Residential special school (registered as a children's home)": 49,
        "Secure children's home": 14, "Children's Home": 8}
    assert y2025["secure"].sum() == 14
    assert y2025["places"].sum() == 15742


def test_2018_is_the_union_of_its_two_files_each_home_once(homes):
    # Ofsted's main findings for 2018 give 2,209 children's homes of all types.
    y2018 = homes[homes["year"] == 2018]
    assert len(y2018) == 2209 and y2018["urn"].is_unique


def test_short_break_only_homes_in_every_spelling(homes):
    counts = homes.groupby("year")["short_break"].sum()
    assert counts[2015] == 195 and counts[2017] == 169       # 'Yes'; 'Short breaks only'
    assert counts[2023] == 169 and counts[2025] == 125       # "Short-break-only children's home"; 'Short breaks only'
    assert counts[2019] == 0                                  # no short-break column in 2018 to 2020


def test_places_unknown_in_2015(homes):
    assert homes.loc[homes["year"] == 2015, "places"].isna().all()


def test_year_max(homes):
    assert homes["year"].min() == 2015 and homes["year"].max() == 2025
    assert ofsted.childrens_homes(2020)["year"].max() == 2020


def _write(path, rows):
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("Children's social care data - Provider level,,,,,\n")
        fh.write("URN,Provision type,Registration status,Local authority,Sector,Places\n")
        for row in rows:
            fh.write(",".join(row) + "\n")


def test_a_provider_listed_twice_keeps_its_last_listing(tmp_path):
    _write(tmp_path / "ofsted_provider_level_at_31_march_2030.csv.gz",
           [("SC1", "Children's home", "Active", "Lewisham", "Private", "3"),
            ("SC2", "Children's home", "Active", "Lewisham", "Voluntary", "2"),
            ("SC9", "Independent Fostering Agency", "Active", "Lewisham", "Private", "")])
    _write(tmp_path / "ofsted_provider_level_at_31_march_2030_part2.csv.gz",
           [("SC1", "Children's home", "Active", "Lewisham", "Local Authority", "4"),
            ("SC3", "Secure children's home", "Suspended", "Greenwich", "Local Authority", "6")])
    homes = ofsted.childrens_homes(folder=tmp_path).set_index("urn")
    assert sorted(homes.index) == ["SC1", "SC2", "SC3"]
    assert homes.loc["SC1", "places"] == 4 and homes.loc["SC1", "sector"] == "Local Authority"
    assert bool(homes.loc["SC3", "secure"])


def test_reading_records_every_file(tmp_path, monkeypatch):
    log = tmp_path / "reads.txt"
    monkeypatch.setenv(sio.READS_LOG_ENV, str(log))
    ofsted.childrens_homes(2025)
    read = {line.rsplit("/", 1)[-1] for line in log.read_text().splitlines()}
    expected = {p.name for p in ofsted.OFSTED_DIR.glob("ofsted_provider_level_at_31_march_*.csv.gz")}
    assert expected <= read


def test_a_file_without_a_header_row_is_an_input_error(tmp_path):
    bad = tmp_path / "ofsted_provider_level_at_31_march_2030.csv.gz"
    with gzip.open(bad, "wt") as fh:
        fh.write("title line\nnotes\n")
    with pytest.raises(InputError, match="header row"):
        ofsted.header_row(bad)
