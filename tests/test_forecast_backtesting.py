"""Tests for sufficiency.forecasting.backtesting: the rolling-origin back-test worked by hand on
Lewisham's published figures, the error scores on a hand-made table, and no peeking past an origin."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sufficiency.forecasting import backtesting

#: Lewisham children looked after at 31 March, 2019 to 2025 (DfE CLA statistics).
LEWISHAM_CLA = pd.Series([484, 473, 468, 462, 433, 453, 439], index=range(2019, 2026), dtype=float)


def test_lewisham_naive_backtest_matches_hand_calculation():
    bt = backtesting.backtest(LEWISHAM_CLA, "naive", min_train=4, horizon=3)
    assert bt.table[["origin", "year", "horizon"]].values.tolist() == [
        [2022, 2023, 1], [2022, 2024, 2], [2022, 2025, 3],
        [2023, 2024, 1], [2023, 2025, 2], [2024, 2025, 1]]
    assert bt.table["point"].tolist() == [462.0, 462.0, 462.0, 433.0, 433.0, 453.0]
    errors = [29, 9, 23, 20, 6, 14]
    assert bt.summary["mae"] == pytest.approx(101 / 6)
    actual = [433, 453, 439, 453, 439, 439]
    assert bt.summary["mape"] == pytest.approx(100 * np.mean(np.divide(errors, actual)))
    # MASE scales: training data's mean |one-year change| at each origin
    scales = [22 / 3] * 3 + [51 / 4] * 2 + [71 / 5]
    assert bt.table["mase_scale"].tolist() == pytest.approx(scales)
    assert bt.summary["mase"] == pytest.approx(np.mean(np.divide(errors, scales)))
    assert bt.summary["mase_h3"] == pytest.approx(23 / (22 / 3))
    # worked by hand from the t intervals: 2023 and 2025 from 2022 fall outside the 80% range,
    # 2023 from 2022 outside the 95% range
    assert bt.summary["coverage_80"] == pytest.approx(4 / 6)
    assert bt.summary["coverage_95"] == pytest.approx(5 / 6)


def test_coverage_and_errors_on_a_hand_made_table():
    table = pd.DataFrame({
        "origin": [2020, 2020, 2020, 2021], "year": [2021, 2022, 2023, 2022], "horizon": [1, 2, 3, 1],
        "actual": [10.0, 0.0, 30.0, 8.0], "point": [12.0, 1.0, 30.0, 4.0],
        "lower_80": [11.0, 0.0, 25.0, 5.0], "upper_80": [13.0, 2.0, 35.0, 6.0],   # inside: 2nd (on the edge), 3rd
        "lower_95": [10.0, 0.0, 20.0, 3.0], "upper_95": [14.0, 3.0, 40.0, 7.0],  # inside: 1st (edge), 2nd, 3rd
        "model": "m", "mase_scale": [2.0, 2.0, 2.0, 4.0]})
    s = backtesting.summarise_backtest(table, horizon=3)
    assert s["n_origins"] == 2 and s["n_forecasts"] == 4
    assert s["mae"] == pytest.approx((2 + 1 + 0 + 4) / 4)
    assert s["mape"] == pytest.approx(100 * (2 / 10 + 0 / 30 + 4 / 8) / 3)  # actual 0 left out
    assert s["mase"] == pytest.approx((1 + 0.5 + 0 + 1) / 4)
    assert s["mase_h1"] == pytest.approx(1.0) and s["mase_h2"] == pytest.approx(0.5)
    assert s["coverage_80"] == pytest.approx(0.5)
    assert s["coverage_95"] == pytest.approx(0.75)


def test_a_flat_training_series_scores_exact_forecasts_zero_and_misses_infinite():
    table = pd.DataFrame({"origin": [2020, 2020], "year": [2021, 2022], "horizon": [1, 2],
                          "actual": [5.0, 6.0], "point": [5.0, 5.0], "lower_80": 5.0, "upper_80": 5.0,
                          "lower_95": 5.0, "upper_95": 5.0, "model": "naive", "mase_scale": [0.0, 0.0]})
    s = backtesting.summarise_backtest(table, horizon=2)
    assert s["mase_h1"] == 0.0 and s["mase_h2"] == np.inf


def test_backtest_uses_only_data_up_to_each_origin():
    changed = LEWISHAM_CLA.copy()
    changed.loc[2023:] = [900.0, 50.0, 700.0]
    for name in ["naive", "drift", "count_trend", "damped_trend"]:
        before = backtesting.backtest(LEWISHAM_CLA, name).table
        after = backtesting.backtest(changed, name).table
        cols = ["point", "lower_80", "upper_80", "lower_95", "upper_95", "mase_scale"]
        pd.testing.assert_frame_equal(before.loc[before["origin"] == 2022, cols],
                                      after.loc[after["origin"] == 2022, cols], obj=name)


def test_naive_scale_across_gaps_uses_change_per_year():
    assert backtesting.naive_scale(pd.Series([10.0, 16.0, 10.0], index=[2019, 2021, 2023])) == 3.0
    assert np.isnan(backtesting.naive_scale(pd.Series([10.0], index=[2020])))
