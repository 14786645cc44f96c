"""Tests for sufficiency.forecasting.demand: series read from the published tables, the year cut-off
(an edition never sees later figures), placement types adding up to the total, the gap,
costs (local and Section 251 fall-back) and scenarios."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from sufficiency.forecasting import demand
from sufficiency.data import publicdata
from sufficiency.forecasting.methods import FORECAST_COLUMNS


def _frame(measure, points, years=(2026, 2027, 2028), width=10.0, model="naive"):
    points = np.asarray(points, dtype=float)
    return pd.DataFrame({"measure": measure, "year": list(years), "point": points,
                         "lower_80": points - width, "upper_80": points + width,
                         "lower_95": points - 2 * width, "upper_95": points + 2 * width, "model": model})


@pytest.fixture(scope="module")
def series_2025():
    return demand.demand_series("209", 2025)


# ------------------------------------------------------------------ series

def test_lewisham_series_match_published_figures(series_2025):
    s = series_2025
    assert s["cla_31_march"].loc[2019:2025].tolist() == [484, 473, 468, 462, 433, 453, 439]
    assert s["placement_foster"].loc[2020:2025].tolist() == [348, 353, 362, 342, 326, 300]
    assert s["placement_homes"].loc[2020:2025].tolist() == [52, 36, 36, 26, 37, 51]
    assert s["uasc"].loc[2022:2025].tolist() == [49, 46, 46, 42]
    assert s["care_leavers_19_to_21"].loc[2025] == 278


def test_other_placements_are_the_rest_of_the_total(series_2025):
    s = series_2025
    parts = s["placement_foster"] + s["placement_homes"] + s["placement_semi_independent"] + s["placement_other"]
    assert parts.loc[2020:2025].tolist() == [473, 468, 462, 433, 453, 439]
    assert s["placement_other"].loc[2025] == 439 - 300 - 51 - 39


def test_demand_series_never_holds_a_year_after_the_edition():
    series = demand.demand_series("209", 2022)
    assert all(s.index.max() <= 2022 for s in series.values())


def test_series_for_2022_are_the_same_when_later_rows_exist(monkeypatch):
    """The loaders are made to ignore year_max (as if later rows leaked in): the series must not change."""
    expected = demand.demand_series("209", 2022)
    for name in ("cla_headline", "uasc", "care_leavers", "cla_characteristics"):
        original = getattr(publicdata, name)
        monkeypatch.setattr(publicdata, name, lambda year_max=None, *a, _f=original: _f(None, *a))
    leaky = demand.demand_series("209", 2022)
    assert publicdata.cla_headline(2022)["year"].max() > 2022   # the patch really leaks later rows
    for measure in expected:
        pd.testing.assert_series_equal(leaky[measure], expected[measure])


@pytest.mark.slow
def test_forecasts_for_2022_are_identical_whether_or_not_later_rows_exist(monkeypatch):
    expected = demand.build_forecasts("209", 2022).table()
    for name in ("cla_headline", "uasc", "care_leavers", "cla_characteristics"):
        original = getattr(publicdata, name)
        monkeypatch.setattr(publicdata, name, lambda year_max=None, *a, _f=original: _f(None, *a))
    pd.testing.assert_frame_equal(demand.build_forecasts("209", 2022).table(), expected)


# ------------------------------------------------------------------ forecasts

def _small_series():
    years = range(2016, 2026)
    total = pd.Series([500, 495, 490, 480, 470, 468, 462, 455, 450, 445], index=years, dtype=float)
    foster = (total * 0.7).round()
    homes = pd.Series([50, 52, 49, 51, 50, 48, 47, 49, 46, 45], index=years, dtype=float)
    semi = pd.Series([40, 41, 39, 38, 40, 37, 38, 36, 35, 36], index=years, dtype=float)
    return {"cla_31_march": total, "placement_foster": foster, "placement_homes": homes,
            "placement_semi_independent": semi, "placement_other": total - foster - homes - semi}


@pytest.fixture(scope="module")
def small_set():
    return demand.build_forecasts("209", 2025, series=_small_series())


def test_build_forecasts_reconciles_placements_to_the_total(small_set):
    fs = small_set
    table = fs.table()
    assert list(table.columns) == FORECAST_COLUMNS
    assert sorted(table["year"].unique()) == [2026, 2027, 2028]
    total = fs.frame("cla_31_march").set_index("year")["point"]
    parts = table[table["measure"].isin(demand.PLACEMENT_MEASURES)].groupby("year")["point"].sum()
    np.testing.assert_allclose(parts.to_numpy(), total.to_numpy())
    assert set(fs.skipped) == {"cla_rate_per_10k", "starters", "ceased", "uasc", "care_leavers_17_to_18",
                               "care_leavers_19_to_21"}


def test_a_series_ending_early_is_forecast_to_the_same_years():
    series = {"cla_31_march": pd.Series([10.0, 12, 11, 13, 12], index=range(2019, 2024))}
    fs = demand.build_forecasts("209", 2025, series=series)
    assert fs.frame("cla_31_march")["year"].tolist() == [2026, 2027, 2028]


def test_write_csv_has_exactly_the_forecast_columns(tmp_path, small_set):
    path = small_set.write_csv(tmp_path / "forecasts.csv")
    frame = pd.read_csv(path)
    assert list(frame.columns) == ["measure", "year", "point", "lower_80", "upper_80",
                                   "lower_95", "upper_95", "model"]
    assert len(frame) == 5 * 3


def test_track_record_table_sets_naive_and_drift_beside_the_choice(small_set):
    fs = small_set
    record = demand.track_record_table(fs).set_index("measure")
    row = record.loc["cla_31_march"]
    summary = fs.results["cla_31_march"].choice.summary
    assert row["naive_mase"] == pytest.approx(summary.loc["naive", "mase"])
    assert row["drift_mae"] == pytest.approx(summary.loc["drift", "mae"])
    assert row["beats_naive"] == (row["mase"] < row["naive_mase"])
    readers = demand.readers_track_record(fs)
    assert readers["Method"].str.endswith("(chosen)").sum() == len(fs.results)


# ------------------------------------------------------------------ gap and costs



def _fake_set(points=None):
    points = points or {"placement_foster": [300, 290, 280], "placement_homes": [50, 50, 50],
                        "placement_semi_independent": [40, 40, 40], "placement_other": [50, 50, 50]}
    results = {}
    for m, p in points.items():
        r = type("R", (), {})()
        r.frame = _frame(m, p)
        results[m] = r
    total = np.sum([np.asarray(p, dtype=float) for p in points.values()], axis=0)
    r = type("R", (), {})()
    r.frame = _frame("cla_31_march", total)
    results["cla_31_march"] = r
    from sufficiency.data.councils import resolve_council
    series = {"placement_foster": pd.Series([310.0], index=[2025]),
              "placement_homes": pd.Series([50.0], index=[2025]),
              "cla_31_march": pd.Series([450.0], index=[2025]),
              "cla_rate_per_10k": pd.Series([72.0], index=[2025]),
              "uasc": pd.Series([42.0], index=[2025])}
    return demand.ForecastSet(resolve_council("209"), 2025, series, results)


def test_gap_table_uses_latest_places():
    gap = demand.gap_table(_fake_set()).set_index(["placement", "year"])
    assert gap.loc[("Foster care", 2026), "supply"] == 135        # LAIT in-house places, 2025
    assert gap.loc[("Foster care", 2026), "gap"] == 300 - 135
    assert gap.loc[("Foster care", 2026), "gap_low_80"] == 290 - 135
    assert gap.loc[("Children's homes", 2028), "supply"] == 43     # Ofsted places in Lewisham, 2025
    assert math.isnan(gap.loc[("Other placements", 2026), "gap"])


def test_local_unit_costs_weight_fostering_by_children():
    costs = demand.unit_costs("209", 2025)
    assert costs.source == "local" and costs.price_year == "2020-21"
    # (167 × 440 + 19 × 978 + 212 × 963) / (167 + 19 + 212)
    assert costs.weekly["placement_foster"] == pytest.approx((167 * 440 + 19 * 978 + 212 * 963) / 398)
    assert costs.weekly["placement_homes"] == 4279
    assert costs.weekly["placement_semi_independent"] == 1517
    assert (costs.inhouse_weekly, costs.agency_weekly) == (440, 963)


def test_local_costs_after_the_edition_year_are_not_used():
    costs = demand.unit_costs("209", 2020)      # costs.csv is priced 2020-21, after March 2020
    assert costs.source == "s251"


def test_s251_fallback_for_a_council_without_local_files():
    costs = demand.unit_costs("203", 2025)
    assert costs.source == "s251" and costs.price_year == "2024-25"
    assert costs.weekly == {"placement_foster": 810.0, "placement_homes": 6995.0,
                            "placement_semi_independent": 2220.0}
    assert "no costs of its own" in costs.notes[0]


def test_cost_forecast_carries_ranges_and_adds_a_total():
    fs = _fake_set()
    costs = demand.UnitCosts({"placement_foster": 800.0, "placement_homes": 4000.0,
                              "placement_semi_independent": 1500.0}, "2024-25", "local", [])
    cost = demand.cost_forecast(fs, costs).set_index(["placement", "year"])
    assert cost.loc[("Foster care", 2026), "annual_cost"] == pytest.approx(300 * 800 * 52.14)
    assert cost.loc[("Foster care", 2026), "annual_low_80"] == pytest.approx(290 * 800 * 52.14)
    expected_total = (300 * 800 + 50 * 4000 + 40 * 1500) * 52.14
    assert cost.loc[("Total", 2026), "annual_cost"] == pytest.approx(expected_total)
    assert ("Other placements", 2026) not in cost.index


# ------------------------------------------------------------------ scenarios

def _scenarios(*rows):
    return pd.DataFrame(rows, columns=["id", "description", "parameter", "value", "unit", "year", "illustrative"])


def test_foster_share_scenario_moves_children_from_other_types():
    fs = _fake_set()
    costs = demand.UnitCosts({"placement_foster": 800.0, "placement_homes": 4000.0,
                              "placement_semi_independent": 1500.0}, "2024-25", "local", [])
    results = demand.apply_scenarios(fs, _scenarios(("S", "75% fostered", "share_foster_care", 75.0, "%", "2025", "yes")),
                                     costs, None)
    frames = results[0].frames
    for year in (2026, 2027, 2028):
        total = sum(f.set_index("year").loc[year, "point"] for f in frames.values())
        foster = frames["placement_foster"].set_index("year").loc[year, "point"]
        assert foster / total == pytest.approx(0.75)
        assert total == pytest.approx(440 - 10 * (year - 2026))   # the total is unchanged


def test_inhouse_share_scenario_changes_price_not_children():
    fs = _fake_set()
    costs = demand.UnitCosts({"placement_foster": 800.0, "placement_homes": 4000.0,
                              "placement_semi_independent": 1500.0}, "2020-21", "local", [], 400.0, 1000.0)
    results = demand.apply_scenarios(
        fs, _scenarios(("S1", "half in-house", "share_inhouse_foster", 50.0, "%", "2028", "yes")),
        costs, (0.2, 2025, "test"))
    cost = results[0].cost.set_index(["placement", "year"])
    # Share moves 20% → 50% in a straight line from 2025 to 2028: 30%, 40%, 50%.
    assert cost.loc[("Foster care", 2026), "weekly_cost"] == pytest.approx(0.3 * 400 + 0.7 * 1000)
    assert cost.loc[("Foster care", 2028), "weekly_cost"] == pytest.approx(0.5 * 400 + 0.5 * 1000)
    assert cost.loc[("Foster care", 2028), "children"] == 280


def test_unknown_scenario_parameter_is_reported_not_modelled():
    fs = _fake_set()
    costs = demand.UnitCosts({"placement_foster": 800.0}, "2020-21", "local", [])
    results = demand.apply_scenarios(fs, _scenarios(("X", "something", "unknown_setting", 1.0, "", "", "yes")),
                                     costs, None)
    assert results[0].not_modelled and results[0].cost is None


def test_price_rise_scenario_compounds_from_the_edition_year():
    fs = _fake_set()
    costs = demand.UnitCosts({"placement_foster": 800.0, "placement_homes": 4000.0,
                              "placement_semi_independent": 1500.0}, "2024-25", "local", [])
    results = demand.apply_scenarios(fs, _scenarios(("S6", "5% a year", "cost_inflation_pct", 5.0, "%", "", "yes")),
                                     costs, None)
    cost = results[0].cost.set_index(["placement", "year"])
    assert cost.loc[("Children's homes", 2028), "weekly_cost"] == pytest.approx(4000 * 1.05 ** 3)


# ------------------------------------------------------------------ local inputs

def test_local_inputs_lists_what_a_council_without_files_lacks():
    found, missing = demand.local_inputs("203", 2025)
    assert found == {}
    assert missing == list(demand.LOCAL_INPUTS.values())
    found, missing = demand.local_inputs("209", 2025)
    assert set(found) == {"costs", "capacity", "scenarios"} and missing == []
