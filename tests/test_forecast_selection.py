"""Tests for sufficiency.forecasting.selection: the method chosen by back-test, ties to the simpler
method, methods dropped with a note rather than a crash, and the sentences the choice gives readers."""
from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from sufficiency.forecasting import methods, selection

#: Lewisham children looked after at 31 March, 2019 to 2025 (DfE CLA statistics).
LEWISHAM_CLA = pd.Series([484, 473, 468, 462, 433, 453, 439], index=range(2019, 2026), dtype=float)


def line(start=2015, stop=2024, intercept=100.0, slope=5.0) -> pd.Series:
    years = range(start, stop + 1)
    return pd.Series([intercept + slope * (y - start) for y in years], index=years, dtype=float)


def test_constant_series_naive_wins_with_zero_error():
    flat = pd.Series(7.0, index=range(2015, 2025))
    choice = selection.choose_model(flat, ["naive", "drift", "count_trend"])
    assert choice.model == "naive"
    assert choice.summary.loc["naive", "mae"] == 0.0
    assert choice.summary.loc["naive", "mase"] == 0.0
    # drift ties at zero too; the tie goes to the simpler method
    assert choice.summary.loc["drift", "mase"] == 0.0
    assert not choice.beats_naive and choice.say_so is not None


def test_straight_line_drift_is_chosen():
    choice = selection.choose_model(line(), ["naive", "drift", "count_trend", "damped_trend"])
    assert choice.model == "drift"
    assert choice.beats_naive and choice.say_so is None
    assert choice.summary.loc["drift", "mae"] == pytest.approx(0.0, abs=1e-9)
    # naive misses by 5, 10, 15 a year per horizon: (4 * 30 + 15 + 5) / 15 = 9.33
    assert choice.summary.loc["naive", "mae"] == pytest.approx(140 / 15)


def test_choice_table_sets_candidates_side_by_side_on_the_same_forecasts():
    choice = selection.choose_model(LEWISHAM_CLA, ["naive", "drift", "count_trend", "damped_trend", "ar1_trend"])
    assert list(choice.summary.index) == ["naive", "drift", "count_trend", "damped_trend"]
    assert choice.summary["n_forecasts"].tolist() == [6, 6, 6, 6]
    assert choice.summary["chosen"].sum() == 1 and choice.summary.loc[choice.model, "chosen"]
    # the choice is the lowest back-test MASE
    assert choice.summary.loc[choice.model, "mase"] == choice.summary["mase"].min()
    assert ("trend with year-to-year persistence was not tested: it needs 5 years of data before the first "
            "test year, and there are 4.") in choice.notes


def test_a_method_that_fails_is_dropped_with_a_note_not_a_crash():
    def sometimes_broken(history, years, population=None):
        if history.index[-1] >= 2023:
            raise np.linalg.LinAlgError("singular matrix")
        return methods._naive(history, years)

    def gives_nan(history, years, population=None):
        out = methods._naive(history, years)
        out["point"] = out["point"] * np.nan
        return out

    broken = methods.Model("broken", "a broken method", 5, 2, sometimes_broken)
    nan_model = methods.Model("nan", "a method giving NaN", 6, 2, gives_nan)
    choice = selection.choose_model(LEWISHAM_CLA, ["naive", "drift", broken, nan_model])
    assert list(choice.summary.index) == ["naive", "drift"]
    assert ("a broken method could not be fitted with data to 2023 (LinAlgError: singular matrix)."
            in choice.notes)
    assert ("a method giving NaN was dropped from the comparison because it could not be fitted every time."
            in choice.notes)


def test_choice_warns_when_past_ranges_were_too_narrow():
    # a steady rise then a sharp fall: every method's ranges miss
    series = pd.Series([100.0, 101, 102, 103, 104, 60, 20, 5], index=range(2018, 2026))
    choice = selection.choose_model(series, ["naive", "drift"])
    assert choice.model == "naive"
    # inside the 80% range: 2022 from 2021 (a miss of 1 against 1.64) and 2025 from 2024 (15 against 35.0)
    assert choice.summary.loc["naive", "coverage_80"] == pytest.approx(2 / 9)
    assert choice.notes[-1] == ("In past tests the 80% range of last value carried forward held the actual figure "
                                "only 2 times in 9, so its ranges are probably too narrow.")


def test_say_so_sentence_when_naive_beats_the_one_other_method():
    choice = selection.choose_model(pd.Series(7.0, index=range(2015, 2025)), ["naive", "drift"])
    assert choice.say_so == (
        "The other method tested did not forecast past years better than carrying the last figure "
        "forward, so that is the forecast shown: treat it as 'no clear change expected', with the "
        "ranges showing how much a year can move.")


def test_say_so_sentence_when_naive_beats_several_and_when_too_short():
    choice = selection.choose_model(pd.Series(7.0, index=range(2015, 2025)), ["naive", "drift", "count_trend"])
    assert choice.say_so.startswith("None of the 2 other methods tested forecast past years better than carrying "
                                    "the last figure forward, so that is the forecast shown")
    short = selection.choose_model(pd.Series([20.0, 24.0, 23.0], index=[2023, 2024, 2025]))
    assert short.say_so == ("There are too few years to test any method against past data, so the forecast "
                            "simply carries the last figure forward, with its uncertainty.")


def test_auto_min_train_leaves_three_origins():
    every = list(methods.MODELS.values())
    assert [selection.auto_min_train(n, every) for n in (6, 7, 8, 9, 12)] == [4, 4, 5, 5, 5]


# ------------------------------------------------------------------ the choice learnt from every council

def _national(pooled_mase, pooled_80, naive_80=0.80):
    return pd.DataFrame({"forecasts": [900, 900], "councils": [150, 150], "first_origin": [2016, 2016],
                         "last_origin": [2021, 2021], "coverage_80": [naive_80, pooled_80],
                         "coverage_95": [0.95, 0.9], "mase": [1.50, pooled_mase], "mae_vs_naive": [1.0, 0.97]},
                        index=pd.Index(["calibrated_naive", "pooled_trend"], name="method"))


@pytest.mark.parametrize("pooled_mase, pooled_80, naive_80, chosen", [
    (1.40, 0.78, 0.80, "pooled_trend"),       # lower error, ranges that cover
    (1.40, 0.55, 0.80, "calibrated_naive"),   # lower error, but ranges far too narrow while naive's cover
    (1.40, 0.55, 0.60, "pooled_trend"),       # neither covers: the lower error wins
    (1.55, 0.80, 0.80, "calibrated_naive"),   # no better than the last figure
])
def test_choose_panel_method_weighs_coverage_as_well_as_error(monkeypatch, pooled_mase, pooled_80, naive_80, chosen):
    monkeypatch.setattr(selection, "national_record", lambda fit, year, horizon=3: _national(pooled_mase, pooled_80,
                                                                                             naive_80))
    decision = selection.choose_panel_method(SimpleNamespace(measure="cla_31_march"), 2025)
    assert decision.method == chosen
    assert decision.beats_naive == (chosen == "pooled_trend")
    assert (decision.say_so is None) == (chosen == "pooled_trend")
    if decision.say_so:
        assert decision.say_so == (
            "Across every council's past forecasts of this figure, following a council's own trend did no better "
            "than carrying the last figure forward, so that is the forecast shown: read it as 'no clear change "
            "expected', with ranges set by how far such figures have moved.")
