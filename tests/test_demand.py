"""Tests for sufficiency.forecasting.demand: series read from the published tables, the year cut-off
(an edition never sees later figures), placement types adding up to the total, the track record
and the council's own inputs."""
from __future__ import annotations

import functools

import numpy as np
import pandas as pd
import pytest

from sufficiency.data import published
from sufficiency.forecasting import demand
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
        original = getattr(published, name)
        monkeypatch.setattr(published, name, lambda year_max=None, *a, _f=original: _f(None, *a))
    leaky = demand.demand_series("209", 2022)
    assert published.cla_headline(2022)["year"].max() > 2022   # the patch really leaks later rows
    for measure in expected:
        pd.testing.assert_series_equal(leaky[measure], expected[measure])


@pytest.mark.slow
def test_forecasts_for_2022_are_identical_whether_or_not_later_rows_exist(monkeypatch):
    expected = demand.build_forecasts("209", 2022).table()
    for name in ("cla_headline", "uasc", "care_leavers", "cla_characteristics"):
        original = getattr(published, name)
        monkeypatch.setattr(published, name, lambda year_max=None, *a, _f=original: _f(None, *a))
    # The panel of every council must be refitted from the leaky tables: neither the process's
    # cache nor the one on disk may answer.
    refit = demand.national_fits.__wrapped__.__wrapped__
    monkeypatch.setattr(demand, "national_fits", functools.lru_cache(maxsize=4)(refit))
    assert max(max(v.columns) for v in demand.demand_panel(2022).values()) == 2022
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


def test_a_series_whose_edition_year_is_suppressed_is_forecast_from_the_year_before_to_the_same_years():
    series = {"cla_31_march": pd.Series([10.0, 12, 11, 13, 12, 14, np.nan], index=range(2019, 2026))}
    fs = demand.build_forecasts("209", 2025, series=series)
    assert fs.frame("cla_31_march")["year"].tolist() == [2026, 2027, 2028]
    # the forecast starts from 2024's published 14, a year further ahead than the edition's own
    assert fs.frame("cla_31_march")["point"].between(12, 17).all()
    assert fs.results["cla_31_march"].notes == [
        "cla_31_march: no figure for 2025 (suppressed or not published), so it was left out of the fit."]


def test_a_last_figure_older_than_the_editions_last_two_years_is_not_forecast():
    """City of London's unaccompanied children: 11 in 2017, suppressed ever since. No forecast is
    made from it, and the reason is kept for the page."""
    series = {"uasc": pd.Series([8.0, 9.0, 11, np.nan, np.nan, np.nan], index=[2015, 2016, 2017, 2023, 2024, 2025]),
              "cla_31_march": pd.Series([5.0, 6.0], index=[2024, 2025])}
    fs = demand.build_forecasts("209", 2025, series=series)
    assert fs.results == {}
    assert fs.skipped["uasc"] == ("the latest published figure is for 2017 and none has been published since, "
                                  "so there is nothing current to forecast from")
    assert fs.skipped["cla_31_march"] == "only 2 published years"
    assert fs.skipped["starters"] == "no published figures"


def test_no_range_is_ever_below_zero_even_for_tiny_counts():
    series = {"uasc": pd.Series([0.0, 1, 0, 0, 2, 0, 1, 0, 0, 1], index=range(2016, 2026)),
              "cla_31_march": pd.Series([3.0, 1, 0, 2, 1, 0, 0, 1, 0, 0], index=range(2016, 2026))}
    table = demand.build_forecasts("209", 2025, series=series).table()
    assert len(table) == 6
    assert (table[["point", "lower_80", "upper_80", "lower_95", "upper_95"]] >= 0).all().all()
    assert (table["lower_95"] <= table["lower_80"]).all() and (table["upper_80"] <= table["upper_95"]).all()


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
    assert row["tests"] == summary.loc[row["chosen"], "n_forecasts"]


# ------------------------------------------------------------------ local inputs

def test_local_inputs_lists_what_a_council_without_files_lacks():
    found, missing = demand.local_inputs("203", 2025)
    assert found == {}
    assert missing == list(demand.LOCAL_INPUTS.values())
    found, missing = demand.local_inputs("209", 2025)
    assert set(found) == {"costs", "capacity", "scenarios"} and missing == []


def test_a_councils_forecasts_are_made_once_and_shared_through_the_disk(monkeypatch):
    made = demand.build_forecasts("209", 2025).table()
    pd.testing.assert_frame_equal(demand.council_forecasts("209", 2025).table(), made)

    def not_again(*args, **kwargs):
        raise AssertionError("the forecasts were made again instead of read from disk")

    monkeypatch.setattr(demand, "build_forecasts", not_again)
    pd.testing.assert_frame_equal(demand.council_forecasts("Lewisham", 2025).table(), made)
