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
