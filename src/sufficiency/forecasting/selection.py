"""Choosing a forecasting method by its back-test record.

Every candidate is back-tested on the same past forecasts; the one with the lowest MASE wins, and
a more elaborate method must beat a simpler one by more than a hair to replace it. Carrying the
last figure forward (``naive``) is always in the comparison, so the book can say whether anything
cleverer earned its place.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

import pandas as pd

from sufficiency.core.assumptions import COVERAGE_FLOOR_80
from sufficiency.forecasting.backtesting import Backtest, backtest, summarise_backtest
from sufficiency.forecasting.methods import (
    BACKTEST_COLUMNS,
    DEFAULT_CANDIDATES,
    MODELS,
    Model,
    model_label,
    one_blas_thread,
    resolve_models,
)
from sufficiency.forecasting.panel import MODEL_NAMES, PanelFit, national_record


@dataclass
class ModelChoice:
    """The chosen method and the evidence for it.

    ``summary`` has one row per candidate tested (same past forecasts for all),
    simplest first, with ``chosen`` and ``beats_naive`` columns; ``backtests`` the
    rows behind it; ``say_so`` a sentence for the book when the choice does not
    beat carrying the last value forward (else ``None``).
    """

    model: str
    summary: pd.DataFrame
    backtests: pd.DataFrame
    beats_naive: bool
    say_so: str | None
    notes: list[str]
    min_train: int
    horizon: int


def auto_min_train(n_observed: int, candidates: Sequence[Model], floor: int = 4) -> int:
    """Training years at the first back-test origin: enough for every candidate, but
    leaving at least three origins; never below ``floor``.

    >>> auto_min_train(7, list(MODELS.values())), auto_min_train(10, list(MODELS.values()))
    (4, 5)
    """
    needed = max(m.min_points for m in candidates)
    return max(floor, min(needed, n_observed - 3))


@one_blas_thread
def choose_model(series: pd.Series, candidates: Iterable[str | Model] = DEFAULT_CANDIDATES, *,
                 min_train: int | None = None, horizon: int = 3, population: pd.Series | None = None,
                 counts: bool = True, tie_margin: float = 1e-9) -> ModelChoice:
    """Choose a method by its back-test MASE over horizons 1..``horizon`` (pooled); ties go to the simpler.

    Every candidate is scored on the same past forecasts: a candidate that fails
    to fit anywhere, or cannot fit at the first origin, is dropped with a note.
    "Naive" is always tested, so the book can show the choice beside it. A method
    replaces a simpler one only if its MASE is lower by more than ``tie_margin``.

    >>> choice = choose_model(pd.Series([7.0] * 7, index=range(2019, 2026)))
    >>> choice.model, float(choice.summary.loc["naive", "mase"])
    ('naive', 0.0)
    """
    observed = series.dropna()
    models = resolve_models(candidates)
    if counts is False:
        models = [m for m in models if not m.counts_only]
    if "naive" not in [m.name for m in models]:
        models = resolve_models([MODELS["naive"], *models])
    notes: list[str] = []
    if min_train is None:
        min_train = auto_min_train(len(observed), models)
    results: list[Backtest] = []
    for m in models:
        if m.min_points > min_train:
            notes.append(f"{m.label} was not tested: it needs {m.min_points} years of data "
                         f"before the first test year, and there are {min_train}.")
            continue
        bt = backtest(series, m, min_train=min_train, horizon=horizon, population=population, counts=counts)
        notes.extend(bt.notes)
        if bt.failed or bt.table.empty:
            if m.name != "naive":
                notes.append(f"{m.label} was dropped from the comparison because it could not be fitted every time.")
                continue
        results.append(bt)
    naive_bt = next((r for r in results if r.model == "naive"), None)
    if naive_bt is None or naive_bt.table.empty:
        # Too short to test anything: carry the last value forward and say so.
        say = ("There are too few years to test any method against past data, so the forecast simply "
               "carries the last figure forward, with its uncertainty.")
        empty = pd.DataFrame([summarise_backtest(pd.DataFrame(columns=BACKTEST_COLUMNS), "naive", horizon)])
        empty = empty.set_index("model").assign(chosen=True, beats_naive=False)
        return ModelChoice("naive", empty, pd.DataFrame(columns=BACKTEST_COLUMNS), False, say, notes,
                           min_train, horizon)
    # Score everyone on exactly the same past forecasts as naive; a method that
    # skipped some (e.g. damped trend after a gap) is dropped rather than shrinking the test.
    keys = set(zip(naive_bt.table["origin"], naive_bt.table["year"]))
    kept = []
    for r in results:
        if set(zip(r.table["origin"], r.table["year"])) >= keys:
            kept.append(r)
        else:
            notes.append(f"{model_label(r.model)} was dropped from the comparison because it could not "
                         "forecast every past year tested.")
    results = kept
    tables = [r.table[[k in keys for k in zip(r.table["origin"], r.table["year"])]] for r in results]
    backtests = pd.concat(tables, ignore_index=True)
    summary = pd.DataFrame([summarise_backtest(t, r.model, horizon) for r, t in zip(results, tables)])
    summary = summary.set_index("model")
    best = None
    for r in results:  # simplest first: a later method must beat the best so far by more than the margin
        score = summary.loc[r.model, "mase"]
        if best is None or score < summary.loc[best, "mase"] - tie_margin:
            best = r.model
    naive_mase = summary.loc["naive", "mase"]
    summary["chosen"] = summary.index == best
    summary["beats_naive"] = summary["mase"] < naive_mase - tie_margin
    beats = bool(summary.loc[best, "beats_naive"])
    chosen = summary.loc[best]
    if chosen["coverage_80"] < 0.6:
        inside = round(chosen["coverage_80"] * chosen["n_forecasts"])
        notes.append(f"In past tests the 80% range of {model_label(best)} held the actual figure only "
                     f"{inside} times in {int(chosen['n_forecasts'])}, so its ranges are probably too narrow.")
    say_so = None
    if not beats:
        tried = len(summary) - 1
        others = "The other method tested" if tried == 1 else f"None of the {tried} other methods tested"
        verb = "did not forecast" if tried == 1 else "forecast"
        say_so = (f"{others} {verb} past years better than carrying the last figure forward, so that is "
                  "the forecast shown: treat it as 'no clear change expected', with the ranges showing "
                  "how much a year can move."
                  if tried else
                  "Only the simplest method, carrying the last figure forward, could be tested.")
    return ModelChoice(best, summary, backtests, beats, say_so, notes, min_train, horizon)


# ----------------------------------------------------------------------------- choice learnt from every council

@dataclass
class PanelDecision:
    """The method chosen for one measure from every council's record, and that record.

    ``record`` is :func:`.panel.national_record` (one row per panel method); ``method`` its
    chosen row; ``beats_naive`` whether the chosen method's forecasts missed by less than
    carrying the last figure forward; ``say_so`` the sentence for the book when they did not.
    """

    measure: str
    method: str
    record: pd.DataFrame
    beats_naive: bool
    say_so: str | None


def choose_panel_method(fit: PanelFit, year: int, horizon: int = 3) -> PanelDecision:
    """Choose between carrying the last figure forward and the pooled trend, from every council's
    back-test at ``year``: the pooled trend is chosen only if its average scaled miss (MASE) is
    lower than naive's and its 80% ranges held the actual figure at least
    :data:`~sufficiency.core.assumptions.COVERAGE_FLOOR_80` of the time (or naive's did not either).
    A method whose ranges cover is preferred to one whose ranges do not, whatever its error.

    >>> import numpy as np
    >>> from sufficiency.forecasting.panel import fit_panel
    >>> rng = np.random.default_rng(1)
    >>> values = pd.DataFrame(100 + rng.normal(0, 5, (60, 10)).cumsum(axis=1), columns=range(2015, 2025))
    >>> choose_panel_method(fit_panel(values, "toy"), 2024).method in ("calibrated_naive", "pooled_trend")
    True
    """
    record = national_record(fit, year, horizon)
    naive = MODEL_NAMES["naive"]
    if record.empty or naive not in record.index:
        return PanelDecision(fit.measure, naive, record, False, None)
    method = naive
    if MODEL_NAMES["pooled_trend"] in record.index:
        pooled, base = record.loc["pooled_trend"], record.loc[naive]
        covers = pooled["coverage_80"] >= COVERAGE_FLOOR_80 or base["coverage_80"] < COVERAGE_FLOOR_80
        if covers and pooled["mase"] < base["mase"]:
            method = "pooled_trend"
    beats = method != naive
    say_so = None if beats else (
        "Across every council's past forecasts of this figure, following a council's own trend did no "
        "better than carrying the last figure forward, so that is the forecast shown: read it as 'no clear "
        "change expected', with ranges set by how far such figures have moved.")
    return PanelDecision(fit.measure, method, record, beats, say_so)


@one_blas_thread
def council_record(series: pd.Series, models: Sequence[Model], chosen: str, *, horizon: int = 3,
                   counts: bool = True, say_so: str | None = None) -> ModelChoice:
    """The council's own back-test of the nationally chosen method beside the two plain methods.

    Unlike :func:`choose_model`, nothing is chosen here: ``chosen`` was decided from every
    council's record. Each method is scored on the same past forecasts; a method that cannot
    forecast all of them is left out of the table with a note.
    """
    observed = series.dropna()
    models = resolve_models(models)
    notes: list[str] = []
    min_train = max(3, min(4, len(observed) - 3))
    results = [backtest(series, m, min_train=min_train, horizon=horizon, counts=counts) for m in models]
    base = next((r for r in results if r.model == chosen), None)
    if base is None or base.table.empty:
        empty = pd.DataFrame([summarise_backtest(pd.DataFrame(columns=BACKTEST_COLUMNS), chosen, horizon)])
        empty = empty.set_index("model").assign(chosen=True, beats_naive=False)
        return ModelChoice(chosen, empty, pd.DataFrame(columns=BACKTEST_COLUMNS), False, say_so, notes,
                           min_train, horizon)
    keys = set(zip(base.table["origin"], base.table["year"]))
    kept = [r for r in results if set(zip(r.table["origin"], r.table["year"])) >= keys]
    tables = [r.table[[k in keys for k in zip(r.table["origin"], r.table["year"])]] for r in kept]
    summary = pd.DataFrame([summarise_backtest(t, r.model, horizon) for r, t in zip(kept, tables)]).set_index("model")
    summary["chosen"] = summary.index == chosen
    naive_mase = summary.loc["naive", "mase"] if "naive" in summary.index else float("nan")
    summary["beats_naive"] = summary["mase"] < naive_mase
    return ModelChoice(chosen, summary, pd.concat(tables, ignore_index=True), bool(summary.loc[chosen, "beats_naive"]),
                       say_so, notes, min_train, horizon)
