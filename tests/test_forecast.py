"""Tests for sufficiency.forecasting.forecast: the rows written to forecasts.csv, the cut-off rule
(an edition never uses later figures), missing years, fall-backs and the notes readers get."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from sufficiency.core.errors import InputError
from sufficiency.forecasting import forecast, methods

#: Lewisham children looked after at 31 March, 2019 to 2025 (DfE CLA statistics).
LEWISHAM_CLA = pd.Series([484, 473, 468, 462, 433, 453, 439], index=range(2019, 2026), dtype=float)


def test_forecast_series_has_exactly_the_csv_columns_and_years():
    frame = forecast.forecast_series(LEWISHAM_CLA, "children looked after", years_ahead=3,
                                     candidates=["naive", "drift"])
    assert list(frame.columns) == ["measure", "year", "point", "lower_80", "upper_80",
                                   "lower_95", "upper_95", "model"]
    assert frame["year"].tolist() == [2026, 2027, 2028]
    assert (frame["measure"] == "children looked after").all()
    ordered = frame[["lower_95", "lower_80", "point", "upper_80", "upper_95"]].to_numpy()
    assert (np.diff(ordered, axis=1) >= 0).all()


def test_a_flat_series_is_forecast_flat_with_no_spread():
    flat = pd.Series(7.0, index=range(2015, 2025))
    frame = forecast.forecast_series(flat, "flat", candidates=["naive", "drift"])
    assert frame[methods.INTERVAL_COLUMNS].to_numpy().tolist() == [[7.0] * 5] * 3


def test_a_straight_line_is_continued_exactly():
    series = pd.Series([100.0 + 5 * i for i in range(10)], index=range(2015, 2025))
    frame = forecast.forecast_series(series, "line", candidates=["naive", "drift"])
    assert frame["model"].unique().tolist() == ["drift"]
    np.testing.assert_allclose(frame["point"], [150.0, 155.0, 160.0], rtol=0, atol=1e-9)
    # no spread around a perfect line, so the ranges close on the line
    np.testing.assert_allclose(frame["lower_95"], frame["upper_95"], atol=1e-9)


def test_same_inputs_same_outputs():
    first = forecast.forecast_series(LEWISHAM_CLA, "cla", candidates=["naive", "count_trend"])
    second = forecast.forecast_series(LEWISHAM_CLA, "cla", candidates=["naive", "count_trend"])
    pd.testing.assert_frame_equal(first, second)


def test_cut_off_year_means_later_data_is_never_used():
    series = pd.Series([480, 470, 475, 462, 433, 453, 439, 445, 450, 455], index=range(2016, 2026), dtype=float)
    wild = series.copy()
    wild.loc[2023:] = [5000.0, np.nan, 1.0]
    with_cut = forecast.run_forecast(series, "cla", cut_off=2022)
    wild_cut = forecast.run_forecast(wild, "cla", cut_off=2022)
    truncated = forecast.run_forecast(series.loc[:2022], "cla")
    assert with_cut.frame["year"].tolist() == [2023, 2024, 2025]
    pd.testing.assert_frame_equal(with_cut.frame, wild_cut.frame)
    pd.testing.assert_frame_equal(with_cut.frame, truncated.frame)
    pd.testing.assert_frame_equal(with_cut.choice.summary, wild_cut.choice.summary)
    assert with_cut.choice.backtests["year"].max() <= 2022
    assert with_cut.history.index.max() == 2022


def test_missing_years_are_dropped_for_fitting_and_said_so():
    series = LEWISHAM_CLA.copy()
    series.loc[2021] = np.nan
    result = forecast.run_forecast(series, "starters", candidates=["naive", "drift"])
    assert result.notes[0] == ("starters: no figure for 2021 (suppressed or not published), "
                               "so it was left out of the fit.")
    assert 2021 not in set(result.choice.backtests["year"]) | set(result.choice.backtests["origin"])
    assert np.isfinite(result.frame[methods.INTERVAL_COLUMNS].to_numpy()).all()


def test_missing_last_year_still_forecasts_the_years_after_it():
    series = LEWISHAM_CLA.copy()
    series.loc[2025] = np.nan
    frame = forecast.forecast_series(series, "cla", candidates=["naive"])
    assert frame["year"].tolist() == [2026, 2027, 2028]
    assert frame["point"].tolist() == [453.0] * 3
    near = methods.MODELS["naive"].forecast(series.dropna(), [2025])
    # 2026 is two years after the last figure, so its range is wider than 2025's would be
    assert frame.loc[0, "upper_80"] - 453 == pytest.approx((near.loc[0, "upper_80"] - 453) * math.sqrt(2))


def test_bad_series_raise_input_error():
    with pytest.raises(InputError, match="year 2020: found 'c'"):
        forecast.forecast_series(pd.Series(["484", "c", "468"], index=[2019, 2020, 2021]), "cla")


def test_non_count_measures_may_go_negative_and_skip_count_regression():
    change = pd.Series([5.0, 2.0, -1.0, -4.0, -7.0, -10.0], index=range(2020, 2026))
    result = forecast.run_forecast(change, "net change", counts=False, candidates=["naive", "drift", "count_trend"])
    assert "count_trend" not in result.choice.summary.index
    np.testing.assert_allclose(result.frame["point"], [-13.0, -16.0, -19.0])


def test_too_short_to_test_carries_the_last_value_forward_and_says_so():
    result = forecast.run_forecast(pd.Series([20.0, 24.0, 23.0], index=[2023, 2024, 2025]), "uasc")
    assert result.choice.model == "naive" and not result.choice.beats_naive
    assert result.choice.say_so.startswith("There are too few years to test any method")
    assert result.frame["point"].tolist() == [23.0, 23.0, 23.0]


def test_when_the_chosen_method_cannot_fit_all_the_data_the_next_best_is_used():
    def fragile_drift(history, years, population=None):
        if history.index[-1] >= 2025:
            raise np.linalg.LinAlgError("singular matrix")
        return methods._drift(history, years)

    fragile = methods.Model("fragile", "a fragile method", 5, 3, fragile_drift)
    line = pd.Series([100.0 + 5 * i for i in range(10)], index=range(2016, 2026))
    result = forecast.run_forecast(line, "line", candidates=["naive", fragile])
    assert result.choice.model == "fragile"          # perfect on every past year
    assert result.frame["model"].unique().tolist() == ["naive"]
    assert result.notes[-1] == ("a fragile method could not be fitted to all the data (LinAlgError); "
                                "the next best method was used.")
