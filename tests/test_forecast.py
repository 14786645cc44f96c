"""Tests for sufficiency.forecasting.methods: exact behaviour on constructed series, hand-computed
intervals and errors, the cut-off rule, reconciliation and the chart/prose helpers."""
from __future__ import annotations

import io
import math

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from sufficiency.forecasting import methods as fc  # noqa: E402
from sufficiency.core.errors import InputError  # noqa: E402

#: Lewisham children looked after at 31 March, 2019 to 2025 (DfE CLA statistics).
LEWISHAM_CLA = pd.Series([484, 473, 468, 462, 433, 453, 439], index=range(2019, 2026), dtype=float)

# Student t quantiles, written out so the tests do not lean on the code's own scipy calls.
T90 = {2: 1.8856180831641267, 3: 1.6377443536962102}
T975 = {2: 4.302652729911275, 3: 3.182446305284263}


def line(start=2015, stop=2024, intercept=100.0, slope=5.0) -> pd.Series:
    years = range(start, stop + 1)
    return pd.Series([intercept + slope * (y - start) for y in years], index=years, dtype=float)


# ------------------------------------------------------------------ the forecast frame

def test_forecast_series_has_exactly_the_csv_columns_and_years():
    frame = fc.forecast_series(LEWISHAM_CLA, "children looked after", years_ahead=3,
                               candidates=["naive", "drift"])
    assert list(frame.columns) == ["measure", "year", "point", "lower_80", "upper_80",
                                   "lower_95", "upper_95", "model"]
    assert frame["year"].tolist() == [2026, 2027, 2028]
    assert (frame["measure"] == "children looked after").all()
    ordered = frame[["lower_95", "lower_80", "point", "upper_80", "upper_95"]].to_numpy()
    assert (np.diff(ordered, axis=1) >= 0).all()


def test_constant_series_naive_wins_with_zero_error():
    flat = pd.Series(7.0, index=range(2015, 2025))
    choice = fc.choose_model(flat, ["naive", "drift", "count_trend"])
    assert choice.model == "naive"
    assert choice.summary.loc["naive", "mae"] == 0.0
    assert choice.summary.loc["naive", "mase"] == 0.0
    # drift ties at zero too; the tie goes to the simpler method
    assert choice.summary.loc["drift", "mase"] == 0.0
    assert not choice.beats_naive and choice.say_so is not None
    frame = fc.forecast_series(flat, "flat", candidates=["naive", "drift"])
    assert frame[["point", "lower_80", "upper_80", "lower_95", "upper_95"]].to_numpy().tolist() == [[7.0] * 5] * 3


def test_straight_line_drift_forecasts_the_line_exactly_and_is_chosen():
    series = line()  # 100, 105, ..., 145 for 2015..2024
    choice = fc.choose_model(series, ["naive", "drift", "count_trend", "damped_trend"])
    assert choice.model == "drift"
    assert choice.beats_naive and choice.say_so is None
    assert choice.summary.loc["drift", "mae"] == pytest.approx(0.0, abs=1e-9)
    assert choice.summary.loc["naive", "mae"] > 5.0
    frame = fc.forecast_series(series, "line", candidates=["naive", "drift"])
    assert frame["model"].unique().tolist() == ["drift"]
    np.testing.assert_allclose(frame["point"], [150.0, 155.0, 160.0], rtol=0, atol=1e-9)
    # no spread around a perfect line, so the ranges close on the line
    np.testing.assert_allclose(frame["lower_95"], frame["upper_95"], atol=1e-9)


def test_drift_intervals_match_hand_calculation():
    # changes 1, 2, 1; slope 4/3; residual sum of squares 2/3 over 2 df -> sigma^2 = 1/3;
    # h = 1 variance = sigma^2 * 1 * (1 + 1/3) = 4/9 -> sd 2/3
    series = pd.Series([0.0, 1.0, 3.0, 4.0], index=range(2020, 2024))
    out = fc.MODELS["drift"].forecast(series, [2024, 2025], counts=False)
    point = 4 + 4 / 3
    assert out.loc[0, "point"] == pytest.approx(point)
    assert out.loc[0, "lower_80"] == pytest.approx(point - T90[2] * 2 / 3)
    assert out.loc[0, "upper_95"] == pytest.approx(point + T975[2] * 2 / 3)
    sd2 = math.sqrt(1 / 3 * 2 * (1 + 2 / 3))
    assert out.loc[1, "upper_80"] == pytest.approx(4 + 8 / 3 + T90[2] * sd2)


def test_naive_intervals_match_hand_calculation():
    # changes 2, -1, 3 -> sigma^2 = 14/3 on 3 df; two years ahead sd = sqrt(2 * 14/3)
    series = pd.Series([10.0, 12.0, 11.0, 14.0], index=range(2020, 2024))
    out = fc.MODELS["naive"].forecast(series, [2024, 2025])
    assert out["point"].tolist() == [14.0, 14.0]
    assert out.loc[1, "lower_80"] == pytest.approx(14 - T90[3] * math.sqrt(28 / 3))
    assert out.loc[1, "upper_95"] == pytest.approx(14 + T975[3] * math.sqrt(28 / 3))


def test_count_intervals_never_go_below_zero():
    falling = pd.Series([12.0, 9, 7, 4, 3, 1, 0], index=range(2019, 2026))
    for name in ["naive", "drift", "count_trend", "damped_trend"]:
        out = fc.MODELS[name].forecast(falling, [2026, 2027, 2028])
        assert (out[["point", "lower_80", "lower_95"]] >= 0).all().all(), name
    # drift would go negative without the floor
    assert fc.MODELS["drift"].forecast(falling, [2028])["point"].iloc[0] == 0.0


def test_count_regression_uses_child_population_offset():
    # a constant rate of 1 per 100 children, with a population that dips and rises
    population = pd.Series([40000, 42000, 41000, 43000, 45000, 44000, 47000, 46000, 50000],
                           index=range(2017, 2026), dtype=float)
    counts = population.loc[:2022] / 100
    out = fc.MODELS["count_trend"].forecast(counts, [2023, 2024, 2025], population=population)
    np.testing.assert_allclose(out["point"], [470.0, 460.0, 500.0], rtol=1e-6)
    assert (out["lower_95"] <= out["lower_80"]).all() and (out["upper_80"] <= out["upper_95"]).all()
    with pytest.raises(ValueError, match="missing for \\[2026\\]"):
        fc.MODELS["count_trend"].forecast(counts, [2026], population=population)


def test_same_inputs_same_outputs():
    first = fc.forecast_series(LEWISHAM_CLA, "cla", candidates=["naive", "count_trend"])
    second = fc.forecast_series(LEWISHAM_CLA, "cla", candidates=["naive", "count_trend"])
    pd.testing.assert_frame_equal(first, second)


# ------------------------------------------------------------------ back-test and errors

def test_lewisham_naive_backtest_matches_hand_calculation():
    bt = fc.backtest(LEWISHAM_CLA, "naive", min_train=4, horizon=3)
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
    s = fc.summarise_backtest(table, horizon=3)
    assert s["n_origins"] == 2 and s["n_forecasts"] == 4
    assert s["mae"] == pytest.approx((2 + 1 + 0 + 4) / 4)
    assert s["mape"] == pytest.approx(100 * (2 / 10 + 0 / 30 + 4 / 8) / 3)  # actual 0 left out
    assert s["mase"] == pytest.approx((1 + 0.5 + 0 + 1) / 4)
    assert s["mase_h1"] == pytest.approx(1.0) and s["mase_h2"] == pytest.approx(0.5)
    assert s["coverage_80"] == pytest.approx(0.5)
    assert s["coverage_95"] == pytest.approx(0.75)


def test_backtest_uses_only_data_up_to_each_origin():
    series = LEWISHAM_CLA.copy()
    changed = series.copy()
    changed.loc[2023:] = [900.0, 50.0, 700.0]
    for name in ["naive", "drift", "count_trend", "damped_trend"]:
        before = fc.backtest(series, name).table
        after = fc.backtest(changed, name).table
        cols = ["point", "lower_80", "upper_80", "lower_95", "upper_95", "mase_scale"]
        pd.testing.assert_frame_equal(before.loc[before["origin"] == 2022, cols],
                                      after.loc[after["origin"] == 2022, cols], obj=name)


def test_cut_off_year_means_later_data_is_never_used():
    series = pd.Series([480, 470, 475, 462, 433, 453, 439, 445, 450, 455], index=range(2016, 2026), dtype=float)
    wild = series.copy()
    wild.loc[2023:] = [5000.0, np.nan, 1.0]
    with_cut = fc.run_forecast(series, "cla", cut_off=2022)
    wild_cut = fc.run_forecast(wild, "cla", cut_off=2022)
    truncated = fc.run_forecast(series.loc[:2022], "cla")
    assert with_cut.frame["year"].tolist() == [2023, 2024, 2025]
    pd.testing.assert_frame_equal(with_cut.frame, wild_cut.frame)
    pd.testing.assert_frame_equal(with_cut.frame, truncated.frame)
    pd.testing.assert_frame_equal(with_cut.choice.summary, wild_cut.choice.summary)
    assert with_cut.choice.backtests["year"].max() <= 2022
    assert with_cut.history.index.max() == 2022


# ------------------------------------------------------------------ choosing and failing

def test_choice_table_sets_candidates_side_by_side_on_the_same_forecasts():
    choice = fc.choose_model(LEWISHAM_CLA, ["naive", "drift", "count_trend", "damped_trend", "ar1_trend"])
    assert list(choice.summary.index) == ["naive", "drift", "count_trend", "damped_trend"]
    assert choice.summary["n_forecasts"].tolist() == [6, 6, 6, 6]
    assert choice.summary["chosen"].sum() == 1 and choice.summary.loc[choice.model, "chosen"]
    # the choice is the lowest back-test MASE
    assert choice.summary.loc[choice.model, "mase"] == choice.summary["mase"].min()
    # seven years leave too little room to test AR(1) + trend, and the notes say so
    assert any("trend with year-to-year persistence was not tested" in n for n in choice.notes)


def test_a_method_that_fails_is_dropped_with_a_note_not_a_crash():
    def sometimes_broken(history, years, population=None):
        if history.index[-1] >= 2023:
            raise np.linalg.LinAlgError("singular matrix")
        return fc._naive(history, years)

    def gives_nan(history, years, population=None):
        out = fc._naive(history, years)
        out["point"] = out["point"] * np.nan
        return out

    broken = fc.Model("broken", "a broken method", 5, 2, sometimes_broken)
    nan_model = fc.Model("nan", "a method giving NaN", 6, 2, gives_nan)
    choice = fc.choose_model(LEWISHAM_CLA, ["naive", "drift", broken, nan_model])
    assert list(choice.summary.index) == ["naive", "drift"]
    assert any("a broken method could not be fitted with data to 2023" in n for n in choice.notes)
    assert any("a method giving NaN was dropped" in n for n in choice.notes)


def test_missing_years_are_dropped_for_fitting_and_said_so():
    series = LEWISHAM_CLA.copy()
    series.loc[2021] = np.nan
    result = fc.run_forecast(series, "starters", candidates=["naive", "drift"])
    assert result.notes[0] == ("starters: no figure for 2021 (suppressed or not published), "
                               "so it was left out of the fit.")
    assert 2021 not in set(result.choice.backtests["year"]) | set(result.choice.backtests["origin"])
    assert np.isfinite(result.frame[fc._INTERVAL_COLUMNS].to_numpy()).all()


def test_missing_last_year_still_forecasts_the_years_after_it():
    series = LEWISHAM_CLA.copy()
    series.loc[2025] = np.nan
    frame = fc.forecast_series(series, "cla", candidates=["naive"])
    assert frame["year"].tolist() == [2026, 2027, 2028]
    assert frame["point"].tolist() == [453.0] * 3
    near = fc.MODELS["naive"].forecast(series.dropna(), [2025])
    # 2026 is two years after the last figure, so its range is wider than 2025's would be
    assert frame.loc[0, "upper_80"] - 453 == pytest.approx((near.loc[0, "upper_80"] - 453) * math.sqrt(2))


@pytest.mark.parametrize("bad, expected", [
    (pd.Series(["484", "c", "468"], index=[2019, 2020, 2021]), "year 2020: found 'c'"),
    (pd.Series([484.0, np.nan, np.nan], index=[2019, 2020, 2021]), "at least 2"),
    (pd.Series([1.0, 2.0, 3.0], index=[2019, 2019, 2020]), "repeated years"),
    (pd.Series([1.0, -2.0, 3.0], index=[2019, 2020, 2021]), "negative count"),
])
def test_bad_series_raise_input_error(bad, expected):
    with pytest.raises(InputError, match=expected):
        fc.forecast_series(bad, "cla")


def test_non_count_measures_may_go_negative_and_skip_count_regression():
    change = pd.Series([5.0, 2.0, -1.0, -4.0, -7.0, -10.0], index=range(2020, 2026))
    result = fc.run_forecast(change, "net change", counts=False, candidates=["naive", "drift", "count_trend"])
    assert "count_trend" not in result.choice.summary.index
    np.testing.assert_allclose(result.frame["point"], [-13.0, -16.0, -19.0])


# ------------------------------------------------------------------ reconciliation

def _parts():
    rows = []
    for measure, base in [("foster", 300.0), ("residential", 60.0), ("other", 90.0)]:
        for i, year in enumerate([2026, 2027, 2028]):
            p = base + 3 * i
            rows.append({"measure": measure, "year": year, "point": p, "lower_80": p * 0.9,
                         "upper_80": p * 1.1 + i, "lower_95": p * 0.8, "upper_95": p * 1.25, "model": "naive"})
    return pd.DataFrame(rows, columns=fc.FORECAST_COLUMNS)


def _total():
    return pd.DataFrame({"measure": "all", "year": [2026, 2027, 2028], "point": [440.0, 470.0, 455.5],
                         "lower_80": [400.0, 420.0, 400.0], "upper_80": [480.0, 520.0, 510.0],
                         "lower_95": [380.0, 400.0, 380.0], "upper_95": [500.0, 540.0, 530.0],
                         "model": "drift"}, columns=fc.FORECAST_COLUMNS)


@pytest.mark.parametrize("method", ["proportional", "variance"])
def test_reconciled_parts_add_up_to_the_total(method):
    parts = _parts()
    out = fc.reconcile_to_total(_total(), parts, method=method)
    sums = out.groupby("year")["point"].sum()
    np.testing.assert_allclose(sums.to_numpy(), [440.0, 470.0, 455.5], rtol=0, atol=1e-9)
    assert list(out.columns) == fc.FORECAST_COLUMNS
    assert (out["lower_95"] <= out["point"]).all() and (out["point"] <= out["upper_95"]).all()
    assert (out[["lower_80", "lower_95"]] >= 0).all().all()


def test_proportional_reconciliation_scales_intervals_by_the_same_factor():
    parts = _parts()
    out = fc.reconcile_to_total(_total(), parts)
    factor_2026 = 440.0 / 450.0
    foster = out[(out["measure"] == "foster") & (out["year"] == 2026)].iloc[0]
    assert foster["point"] == pytest.approx(300 * factor_2026)
    assert foster["upper_95"] == pytest.approx(300 * 1.25 * factor_2026)
    assert foster["lower_80"] == pytest.approx(270 * factor_2026)


def test_variance_reconciliation_moves_the_least_certain_part_most():
    out = fc.reconcile_to_total(_total(), _parts(), method="variance")
    shift = out.set_index(["measure", "year"])["point"] - _parts().set_index(["measure", "year"])["point"]
    # 2026: shortfall -10 shared by squared 80% widths 60^2, 12^2, 18^2
    widths = np.array([60.0, 12.0, 18.0]) ** 2
    expected = -10 * widths / widths.sum()
    np.testing.assert_allclose([shift[("foster", 2026)], shift[("residential", 2026)], shift[("other", 2026)]],
                               expected)


def test_reconcile_rejects_mismatched_years():
    with pytest.raises(ValueError, match="years differ"):
        fc.reconcile_to_total(_total().iloc[:2], _parts())


# ------------------------------------------------------------------ chart and words

def test_fan_chart_draws_history_forecast_and_both_ranges():
    frame = fc.forecast_series(LEWISHAM_CLA, "cla", candidates=["naive", "drift"])
    fig, ax = plt.subplots()
    try:
        assert fc.fan_chart(ax, LEWISHAM_CLA, frame, "Children looked after") is ax
        labels = [t.get_text() for t in ax.get_legend().get_texts()]
        assert labels == ["Children looked after: recorded", "central forecast", "80% range",
                          "95% range (dotted edges)"]
        history_line = next(l for l in ax.lines if l.get_label() == "Children looked after: recorded")
        assert history_line.get_linestyle() == "-" and history_line.get_marker() == "o"
        assert history_line.get_color() == fc.OKABE_ITO["blue"]
        assert "--" in {l.get_linestyle() for l in ax.lines}   # the forecast line is dashed
        assert len(ax.collections) == 2                        # 95% and 80% bands
        fig.savefig(io.BytesIO(), format="png")
    finally:
        plt.close(fig)


def test_describe_forecast_gives_ranges_rounded_outwards():
    frame = pd.DataFrame({"measure": "uasc", "year": [2026, 2027], "point": [20.0, 12.4],
                          "lower_80": [15.0, 8.2], "upper_80": [25.0, 17.1], "lower_95": [10.0, 5.9],
                          "upper_95": [30.0, 21.0], "model": "naive"})
    assert fc.describe_forecast(frame, "children") == (
        "By 2027 the central forecast is 12 children (80% range 8 to 18; 95% range 5 to 21).")
    assert fc.describe_forecast(frame, "children", year=2026).startswith("By 2026 the central forecast is 20 ")
    with pytest.raises(ValueError):
        fc.describe_forecast(pd.concat([frame, frame.assign(measure="other")]), "children")


def test_describe_track_record_compares_with_naive():
    choice = fc.choose_model(line(), ["naive", "drift"])
    assert fc.describe_track_record(choice, "children") == (
        "Tested on 15 past forecasts (made with data to 2018 to 2023), the chosen method "
        "(average yearly change continued) was off by 0 children on average, against 9 for carrying "
        "the last figure forward. 15 of 15 actual figures fell inside its 80% range and 15 of 15 "
        "inside its 95% range.")
    # naive misses by 5, 10, 15 a year per horizon: (4 * 30 + 15 + 5) / 15 = 9.33
    assert choice.summary.loc["naive", "mae"] == pytest.approx(140 / 15)


def test_choice_warns_when_past_ranges_were_too_narrow():
    # a steady rise then a sharp fall: every method's ranges miss
    series = pd.Series([100.0, 101, 102, 103, 104, 60, 20, 5], index=range(2018, 2026))
    choice = fc.choose_model(series, ["naive", "drift"])
    assert choice.summary.loc[choice.model, "coverage_80"] < 0.6
    assert any("so its ranges are probably too narrow" in n for n in choice.notes)


def test_too_short_to_test_carries_the_last_value_forward_and_says_so():
    short = pd.Series([20.0, 24.0, 23.0], index=[2023, 2024, 2025])
    result = fc.run_forecast(short, "uasc")
    assert result.choice.model == "naive" and not result.choice.beats_naive
    assert result.choice.say_so.startswith("There are too few years to test any method")
    assert result.frame["point"].tolist() == [23.0, 23.0, 23.0]


def test_say_so_sentence_when_naive_beats_the_one_other_method():
    flat = pd.Series(7.0, index=range(2015, 2025))
    choice = fc.choose_model(flat, ["naive", "drift"])
    assert choice.say_so == (
        "The other method tested did not forecast past years better than carrying the last figure "
        "forward, so that is the forecast shown: treat it as 'no clear change expected', with the "
        "ranges showing how much a year can move.")
