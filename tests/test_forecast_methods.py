"""Tests for sufficiency.forecasting.methods: each candidate method's forecasts and intervals,
worked by hand on constructed series; counts never below zero; the names readers see."""
from __future__ import annotations

import math
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from sufficiency.forecasting import methods

#: Lewisham children looked after at 31 March, 2019 to 2025 (DfE CLA statistics).
LEWISHAM_CLA = pd.Series([484, 473, 468, 462, 433, 453, 439], index=range(2019, 2026), dtype=float)

# Student t quantiles, written out so the tests do not lean on the code's own scipy calls.
T90 = {2: 1.8856180831641267, 3: 1.6377443536962102}
T975 = {2: 4.302652729911275, 3: 3.182446305284263}


def test_drift_intervals_match_hand_calculation():
    # changes 1, 2, 1; slope 4/3; residual sum of squares 2/3 over 2 df -> sigma^2 = 1/3;
    # h = 1 variance = sigma^2 * 1 * (1 + 1/3) = 4/9 -> sd 2/3
    series = pd.Series([0.0, 1.0, 3.0, 4.0], index=range(2020, 2024))
    out = methods.MODELS["drift"].forecast(series, [2024, 2025], counts=False)
    point = 4 + 4 / 3
    assert out.loc[0, "point"] == pytest.approx(point)
    assert out.loc[0, "lower_80"] == pytest.approx(point - T90[2] * 2 / 3)
    assert out.loc[0, "upper_95"] == pytest.approx(point + T975[2] * 2 / 3)
    sd2 = math.sqrt(1 / 3 * 2 * (1 + 2 / 3))
    assert out.loc[1, "upper_80"] == pytest.approx(4 + 8 / 3 + T90[2] * sd2)


def test_naive_intervals_match_hand_calculation():
    # changes 2, -1, 3 -> sigma^2 = 14/3 on 3 df; two years ahead sd = sqrt(2 * 14/3)
    series = pd.Series([10.0, 12.0, 11.0, 14.0], index=range(2020, 2024))
    out = methods.MODELS["naive"].forecast(series, [2024, 2025])
    assert out["point"].tolist() == [14.0, 14.0]
    assert out.loc[1, "lower_80"] == pytest.approx(14 - T90[3] * math.sqrt(28 / 3))
    assert out.loc[1, "upper_95"] == pytest.approx(14 + T975[3] * math.sqrt(28 / 3))


def test_count_intervals_never_go_below_zero():
    falling = pd.Series([12.0, 9, 7, 4, 3, 1, 0], index=range(2019, 2026))
    for name in ["naive", "drift", "count_trend", "damped_trend"]:
        out = methods.MODELS[name].forecast(falling, [2026, 2027, 2028])
        assert (out[["point", "lower_80", "lower_95"]] >= 0).all().all(), name
    # drift would go negative without the floor
    assert methods.MODELS["drift"].forecast(falling, [2028])["point"].iloc[0] == 0.0


def test_count_regression_uses_child_population_offset():
    # a constant rate of 1 per 100 children, with a population that dips and rises
    population = pd.Series([40000, 42000, 41000, 43000, 45000, 44000, 47000, 46000, 50000],
                           index=range(2017, 2026), dtype=float)
    counts = population.loc[:2022] / 100
    out = methods.MODELS["count_trend"].forecast(counts, [2023, 2024, 2025], population=population)
    np.testing.assert_allclose(out["point"], [470.0, 460.0, 500.0], rtol=1e-6)
    assert (out["lower_95"] <= out["lower_80"]).all() and (out["upper_80"] <= out["upper_95"]).all()
    with pytest.raises(ValueError, match="missing for \\[2026\\]"):
        methods.MODELS["count_trend"].forecast(counts, [2026], population=population)


def test_every_method_gives_the_same_numbers_twice():
    for name, model in methods.MODELS.items():
        first = model.forecast(LEWISHAM_CLA, [2026, 2027, 2028])
        second = model.forecast(LEWISHAM_CLA, [2026, 2027, 2028])
        pd.testing.assert_frame_equal(first, second, obj=name)


def test_a_method_refuses_a_history_shorter_than_it_needs():
    with pytest.raises(methods.TooFewPoints, match="damped trend needs at least 4 years"):
        methods.MODELS["damped_trend"].forecast(LEWISHAM_CLA.iloc[:3], [2022])


def test_target_years_must_follow_the_history():
    with pytest.raises(ValueError, match="must come after the last observed year"):
        methods.MODELS["naive"].forecast(LEWISHAM_CLA, [2025])


def test_labels_and_order_of_the_candidates():
    assert list(methods.MODELS) == ["naive", "drift", "count_trend", "damped_trend", "ar1_trend"]
    assert [methods.model_label(m) for m in methods.MODELS] == [
        "last value carried forward", "average yearly change continued", "count regression on year",
        "damped trend", "trend with year-to-year persistence"]
    assert methods.model_label("stock_and_flow") == "stock_and_flow"
    assert [m.name for m in methods.resolve_models(["ar1_trend", methods.MODELS["naive"], "drift"])] == [
        "naive", "drift", "ar1_trend"]
    with pytest.raises(ValueError, match="no candidate methods"):
        methods.resolve_models([])


def test_statsmodels_model_classes_load_only_when_a_fit_needs_them():
    """Importing the forecasts (as the record-level book does) must not pay for statsmodels' models."""
    code = ("import sys; import sufficiency.forecasting.demand, sufficiency.chapters.forecasts; "
            "print(sorted(m for m in ('statsmodels.api', 'statsmodels.tsa.arima.model', "
            "'statsmodels.tsa.exponential_smoothing.ets') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
