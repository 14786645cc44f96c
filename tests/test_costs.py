"""Tests for sufficiency.measures.costs on Lewisham's published 2020-21 costs, the LAIT unit costs and the
2024-25 children's services spend, and for councils that have supplied no local files. The chapter's
sentences, reader tables and charts are tested in test_chapters_cost_of_care.py."""
from __future__ import annotations

import math
import shutil

import pandas as pd
import pytest

from sufficiency.core.paths import DATA_LOCAL
from sufficiency.data import councils, localdata
from sufficiency.measures import costs, trends


@pytest.fixture(scope="module")
def table():
    return costs.cost_table(localdata.load_costs("lewisham"), "2020-21")


@pytest.fixture(scope="module")
def lewisham():
    return councils.resolve_council("209")


# ---------------------------------------------------------------- weekly costs and annual spend

def test_cost_table_in_the_strategys_order_with_mode_and_mean(table):
    assert table["placement_type"].tolist() == [
        "inhouse_fostering", "agency_fostering", "family_and_friends", "supported_lodgings",
        "semi_independent_under_18", "semi_independent_over_18", "residential"]
    residential = table.set_index("placement_type").loc["residential"]
    assert (residential["children"], residential["weekly_cost_mode"], residential["weekly_cost_mean"]) == (57, 3200, 4279)
    assert residential["mean_minus_mode"] == 1079
    assert table.set_index("placement_type").loc["family_and_friends", "mean_minus_mode"] == 834


def test_annual_spend_is_children_times_weekly_mean_times_52_14(table):
    spend = table.set_index("placement_type")["annual_spend"]
    assert spend["residential"] == pytest.approx(57 * 4279 * 52.14)
    assert round(spend["agency_fostering"]) == 10_644_694
    assert round(spend.sum()) == 37_452_736
    shares = table.set_index("placement_type")
    assert round(shares.loc["residential", "share_of_children"], 1) == 9.3
    assert round(shares.loc["residential", "share_of_spend"], 1) == 34.0
    assert shares["share_of_children"].sum() == pytest.approx(100)


def test_latest_price_year_never_after_the_edition_year():
    frame = localdata.load_costs("lewisham")
    assert costs.latest_price_year(frame, 2025) == "2020-21"
    assert costs.latest_price_year(frame, 2021) == "2020-21"
    assert costs.latest_price_year(frame, 2020) is None


# ---------------------------------------------------------------- one very expensive placement

def test_one_placement_at_17993_a_week_moves_each_mean(table):
    effect = costs.one_placement_effect(table, 17993).set_index("placement_type")
    assert round(effect.loc["residential", "mean_without"], 2) == 4034.11
    assert round(effect.loc["residential", "lift"], 2) == 244.89
    assert round(effect.loc["semi_independent_under_18", "lift"], 2) == 270.10
    # groups too cheap to hold it: without it the others would average below the group's mode
    assert list(effect.index) == ["agency_fostering", "semi_independent_under_18", "semi_independent_over_18",
                                  "residential"]


def test_mean_without_one_needs_two_children():
    assert math.isnan(costs.mean_without_one(500, 1, 900))
    assert costs.mean_without_one(500, 4, 800) == 400


def test_median_and_trimmed_mean_resist_one_outlier():
    summary = costs.robust_summary([438] * 9 + [17993])
    assert summary["median"] == 438 and summary["trimmed_mean"] == 438
    assert summary["mean"] == pytest.approx(2193.5)
    assert costs.robust_summary([float("nan")])["n"] == 0


# ---------------------------------------------------------------- in-house against agency fostering

def test_fostering_gap_per_child_and_for_the_service():
    comparison = costs.fostering_comparison(localdata.load_fostering_cost_comparison("lewisham"))
    assert comparison["price_year"] == "2020-21"
    gap = costs.fostering_gap(comparison, 212).set_index("component")
    assert gap.loc["inhouse_full", "weekly_gap"] == 25
    assert gap.loc["inhouse_full", "yearly_gap_per_child"] == pytest.approx(1303.5)
    assert gap.loc["inhouse_full", "yearly_gap_all"] == pytest.approx(276_342)
    assert gap.loc["inhouse_direct", "weekly_gap"] == 196
    assert round(gap.loc["inhouse_direct", "yearly_gap_all"]) == 2_166_521


# ---------------------------------------------------------------- councils with no local files

def test_a_council_without_a_folder_gives_none_not_an_error():
    assert costs.local_folder("greenwich") is None
    assert costs.load_if_supplied(localdata.load_costs, "greenwich") is None


def test_the_empty_template_counts_as_not_supplied():
    assert costs.load_if_supplied(localdata.load_costs, "_template") is None


def test_bad_data_in_an_existing_folder_still_stops(tmp_path):
    shutil.copytree(DATA_LOCAL / "lewisham", tmp_path / "testcouncil")
    path = tmp_path / "testcouncil" / "costs.csv"
    frame = pd.read_csv(path, dtype=str)
    frame.loc[0, "weekly_cost_mean"] = "£440"
    frame.to_csv(path, index=False)
    with pytest.raises(localdata.InputError, match="row 2, column 'weekly_cost_mean'"):
        costs.load_if_supplied(localdata.load_costs, "testcouncil", root=tmp_path)


def test_period_end_year():
    assert [costs.period_end_year(p) for p in ["2020-21", "1999-00", "2019-2020", "August 2022", "n/a"]] == [
        2021, 2000, 2020, 2022, None]
    assert costs.fy(2025) == "2024–25"


# ---------------------------------------------------------------- public benchmarks

def test_s251_unit_costs_for_lewisham_against_england(lewisham):
    frames = costs.unit_cost_frames(2025)
    t = trends.trend(frames["RescareFinance"], lewisham, "s251_residential_weekly_cost", costs.UNIT,
                     "weekly spend per child in residential care", polarity=None)
    row = t.table.set_index("year").loc[2025]
    assert (row["council"], row["england"], row["region"]) == (16815, 7385, 8085)
    assert t.table.dropna(subset=["council"]).iloc[0][["year", "council"]].tolist() == [2017, 4260]


def test_unit_costs_respect_the_year():
    frames = costs.unit_cost_frames(2022)
    assert all(int(f["year"].max()) == 2022 for f in frames.values())


def test_childrens_services_spend_2024_25(lewisham):
    spend = costs.childrens_services_spend(lewisham, 2025).set_index("area")
    assert list(spend.index) == ["Lewisham", "Inner London", "London", "England"]
    assert spend.loc["Lewisham", "cs_spend"] == 124_905_000
    assert spend.loc["Lewisham", "per_child"] == 2013
    assert round(spend.loc["Lewisham", "cla_share"], 1) == 60.8
    assert costs.childrens_services_spend(lewisham, 2024) is None  # 2024-25 data is not for a 2024 edition


def test_price_years_as_the_book_prints_them():
    assert costs.price_year_label("2020-21") == "2020–21"
    assert costs.fy(2017) == "2016–17"


# ---------------------------------------------------------------- one cost model at the edition's prices

TO_2024_25 = 112.375 / 95.825     # GDP deflator, financial years 2024-25 over 2020-21


def test_costs_are_carried_from_2020_21_to_2024_25_prices_with_the_gdp_deflator(table):
    carry = costs.repricing("2020-21", 2025)
    assert (carry.given, carry.to, carry.given_index, carry.to_index) == ("2020-21", "2024-25", 95.825, 112.375)
    repriced = costs.reprice_table(table, carry).set_index("placement_type")
    assert repriced.loc["residential", "weekly_cost_mean"] == pytest.approx(4279 * TO_2024_25)
    assert round(repriced.loc["residential", "weekly_cost_mean"]) == 5018
    assert repriced.loc["residential", "annual_spend"] == pytest.approx(57 * 4279 * 52.14 * TO_2024_25)
    assert set(repriced["price_year"]) == {"2024-25"}
    # every type moves by the same index, so the shares of spend stay as they were
    assert repriced["share_of_spend"].tolist() == table.set_index("placement_type")["share_of_spend"].tolist()


def test_no_repricing_where_the_index_stops_or_the_years_match():
    later = costs.repricing("2020-21", 2026)
    assert (later.to, later.factor, later.repriced) == ("2020-21", 1.0, False)
    assert later.reason == "the GDP deflator does not yet cover 2025–26"
    same = costs.repricing("2024-25", 2025)
    assert (same.to, same.factor, same.reason) == ("2024-25", 1.0, "")


def test_the_fostering_comparison_is_carried_too():
    compared = costs.reprice_comparison({"agency_charge": 825.0, "inhouse_full": 800.0, "price_year": "2020-21"},
                                        costs.repricing("2020-21", 2025))
    assert compared == pytest.approx({"agency_charge": 825 * TO_2024_25, "inhouse_full": 800 * TO_2024_25,
                                      "price_year": "2024-25"})


# ---------------------------------------------------------------- the in-house foster share, matched

def test_inhouse_share_leaves_family_and_friends_out_of_both_sides():
    """LAIT's filled in-house places leave out family and friends carers, so the denominator does too:
    March 2022, 85 filled of 362 fostered less 69 with family and friends carers = 29.0% (not 85/362 = 23.5%)."""
    share = costs.inhouse_foster_share("209", 2025)
    assert (share.year, share.inhouse, share.fostered, share.family_and_friends, share.mainstream) == (
        2022, 85.0, 362.0, 69.0, 293.0)
    assert share.share == pytest.approx(85 / 293)
    assert share.family_and_friends_share == pytest.approx(69 / 362)
    value, year, definition = share          # unpacks as the forecasting modules expect
    assert (value, year) == (share.share, 2022) and "left out of both" in definition


def test_inhouse_share_table_says_no_data_for_years_without_every_part():
    table = costs.inhouse_foster_share_table("209", 2025).set_index("year")
    assert table.loc[2025, ["inhouse", "fostered"]].tolist() == [85.0, 300.0]
    assert math.isnan(table.loc[2025, "family_and_friends"]) and math.isnan(table.loc[2025, "share"])
    assert table["share"].dropna().round(1).to_dict() == {2022: 29.0}


def test_no_share_for_a_council_without_its_family_and_friends_count():
    assert costs.inhouse_foster_share("203", 2025) is None        # Greenwich has no local figures


def test_foster_weekly_mixes_by_the_share_or_by_the_tables_children(table):
    share = costs.inhouse_foster_share("209", 2025)
    by_share = (69 * 978 + 85 * 440 + 208 * 963) / 362
    assert costs.foster_weekly(table, share) == pytest.approx(by_share)
    assert costs.foster_weekly(table) == pytest.approx((167 * 440 + 19 * 978 + 212 * 963) / 398)


# ---------------------------------------------------------------- Section 251 and actual spending

def test_s251_check_sets_the_repriced_costs_beside_lait(table):
    repriced = costs.reprice_table(table, costs.repricing("2020-21", 2025))
    check = costs.s251_check(repriced, "209", 2025, costs.inhouse_foster_share("209", 2025)).set_index("code")
    assert check["s251_weekly"].to_dict() == {"FosteringFinance": 1530.0, "RescareFinance": 16815.0,
                                              "LACFinance": 3835.0}
    assert set(check["s251_year"]) == {2025}
    assert check.loc["RescareFinance", "council_weekly"] == pytest.approx(4279 * TO_2024_25)
    assert check.loc["RescareFinance", "ratio"] == pytest.approx(16815 / (4279 * TO_2024_25))   # 3.4 times
    assert check.loc["FosteringFinance", "council_weekly"] == pytest.approx(
        (69 * 978 + 85 * 440 + 208 * 963) / 362 * TO_2024_25)
    mean_all = (table["weekly_cost_mean"] * table["children"]).sum() / table["children"].sum()
    assert check.loc["LACFinance", "council_weekly"] == pytest.approx(mean_all * TO_2024_25)


def test_placements_on_31_march_2025_at_2024_25_prices(table):
    repriced = costs.reprice_table(table, costs.repricing("2020-21", 2025))
    placed = costs.placements_on_31_march(repriced, "209", 2025, costs.inhouse_foster_share("209", 2025))
    assert placed["children"].tolist() == [300.0, 51.0, 39.0]
    assert placed["weekly_cost"].tolist() == pytest.approx(
        [(69 * 978 + 85 * 440 + 208 * 963) / 362 * TO_2024_25, 4279 * TO_2024_25, 1517 * TO_2024_25])
    assert placed["annual_cost"].sum() == pytest.approx((placed["children"] * placed["weekly_cost"]).sum() * 52.14)


@pytest.mark.slow    # reads MHCLG's spreadsheet (about 30 s the first time; cached on disk after)
def test_reconciliation_with_2024_25_spending(table):
    repriced = costs.reprice_table(table, costs.repricing("2020-21", 2025))
    rec = costs.reconciliation(repriced, "209", 2025, costs.inhouse_foster_share("209", 2025))
    assert rec.ro3 == {"looked_after": 75_897_000.0, "residential": 36_702_000.0, "fostering": 18_456_000.0,
                       "asylum_looked_after": 0.0, "other": 20_739_000.0, "asylum_seekers": 2_847_000.0}
    assert (rec.s251_total, rec.s251_weekly, rec.children_looked_after) == (87_779_797.0, 3835.0, 439.0)
    assert rec.s251_implied == pytest.approx(3835 * 439 * 365 / 7)          # £87.8m: LAIT's weekly cost × children
    assert rec.modelled == pytest.approx(rec.placements["annual_cost"].sum())
    assert rec.modelled_share == pytest.approx(rec.modelled / 75_897_000 * 100)
    assert round(rec.modelled / 1e5) == 324                                   # £32.4m
    assert costs.reconciliation(repriced, "209", 2024) is None
