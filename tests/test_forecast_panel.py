"""Tests for sufficiency.forecasting.panel: the pooled trend and the ranges calibrated on every
council's past misses, on seeded synthetic panels whose right answers are known."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sufficiency.forecasting import panel
from sufficiency.forecasting.selection import choose_panel_method

YEARS = range(2010, 2026)


def _random_walks(n=200, seed=7, trend=0.0):
    """Councils whose log figure moves by a random step each year, each with its own step size;
    with ``trend`` each also has its own persistent yearly trend of that spread."""
    rng = np.random.default_rng(seed)
    sigma = rng.uniform(0.03, 0.15, n)
    drift = rng.normal(0, trend, n) if trend else np.zeros(n)
    steps = rng.normal(0, 1, (n, len(YEARS))) * sigma[:, None] + drift[:, None]
    level = np.log(rng.uniform(50, 800, n))[:, None] + steps.cumsum(axis=1)
    return pd.DataFrame(np.round(np.expm1(level)), index=[f"{900 + i}" for i in range(n)], columns=list(YEARS))


@pytest.fixture(scope="module")
def walks():
    values = _random_walks()
    return values, panel.fit_panel(values, "walks")


def test_calibrated_ranges_hold_about_as_often_as_they_say(walks):
    _, fit = walks
    table = panel.backtest_panel(fit, range(2018, 2023))
    naive = table[table["method"] == "naive"]
    assert len(naive) == 200 * 5 * 3  # origins 2018-2022, three horizons each, all published by 2025
    assert naive["inside_80"].mean() == pytest.approx(0.80, abs=0.05)
    assert naive["inside_95"].mean() == pytest.approx(0.95, abs=0.03)


def test_a_random_walk_panel_keeps_almost_none_of_a_council_s_trend(walks):
    _, fit = walks
    assert abs(fit.coefs[(2024, 1)]) < 0.15


def test_a_panel_of_lasting_trends_keeps_them_and_chooses_the_pooled_trend():
    values = _random_walks(trend=0.08, seed=3)
    fit = panel.fit_panel(values, "trends")
    assert 0.6 < fit.coefs[(2024, 1)] < 1.1
    decision = choose_panel_method(fit, 2025)
    assert decision.method == "pooled_trend" and decision.beats_naive and decision.say_so is None
    record = decision.record
    assert record.loc["pooled_trend", "mase"] < record.loc["calibrated_naive", "mase"]
    assert record.loc["pooled_trend", "coverage_80"] == pytest.approx(0.80, abs=0.06)


def test_a_fit_at_an_origin_uses_no_later_figures(walks):
    values, fit = walks
    later = values.copy()
    later[[2022, 2023, 2024, 2025]] = later[[2022, 2023, 2024, 2025]] * 3  # wildly different later years
    refit = panel.fit_panel(later, "walks")
    assert refit.coefs[(2020, 1)] == fit.coefs[(2020, 1)]
    np.testing.assert_array_equal(refit.calibration("naive", 2020, 2), fit.calibration("naive", 2020, 2))
    one = values.iloc[0]
    pd.testing.assert_frame_equal(panel.panel_forecast(refit, "pooled_trend", one[one.index <= 2020], 2020, [2021]),
                                  panel.panel_forecast(fit, "pooled_trend", one[one.index <= 2020], 2020, [2021]))


def test_tiny_counts_never_get_a_range_below_zero(walks):
    _, fit = walks
    tiny = pd.Series([0.0, 1, 0, 0, 2, 0, 1, 0], index=range(2018, 2026))
    for method in panel.PANEL_METHODS:
        frame = panel.panel_forecast(fit, method, tiny, 2025, [2026, 2027, 2028])
        ends = frame[["point", "lower_80", "upper_80", "lower_95", "upper_95"]]
        assert (ends >= 0).all().all()
        assert (frame["lower_95"] <= frame["lower_80"]).all() and (frame["lower_80"] <= frame["point"]).all()
        assert (frame["point"] <= frame["upper_80"]).all() and (frame["upper_80"] <= frame["upper_95"]).all()


def test_a_forecast_is_never_made_from_a_carried_value(walks):
    _, fit = walks
    with pytest.raises(ValueError, match="no published figure for 2025"):
        panel.panel_forecast(fit, "naive", pd.Series([5.0, 6.0, np.nan], index=[2023, 2024, 2025]), 2025, [2026])


def test_a_jumpy_council_gets_a_wider_range_than_a_steady_one_of_the_same_size(walks):
    _, fit = walks
    steady = pd.Series([100.0, 101, 100, 102, 101, 100, 101, 100], index=range(2018, 2026))
    jumpy = pd.Series([100.0, 140, 80, 130, 70, 120, 90, 100], index=range(2018, 2026))
    width = {name: (lambda f: float(f["upper_80"].iloc[0] - f["lower_80"].iloc[0]))(
        panel.panel_forecast(fit, "naive", s, 2025, [2026])) for name, s in (("steady", steady), ("jumpy", jumpy))}
    assert width["jumpy"] > 3 * width["steady"]
