"""The forecast the book publishes: a series checked, a method chosen by back-test, and the
forecast rows for ``forecasts.csv``, with the choice and plain-English notes behind them.

>>> cla = pd.Series([484, 473, 468, 462, 433, 453, 439], index=range(2019, 2026))
>>> frame = forecast_series(cla, "children looked after at 31 March", years_ahead=3)
>>> list(frame.columns)
['measure', 'year', 'point', 'lower_80', 'upper_80', 'lower_95', 'upper_95', 'model']
>>> frame["year"].tolist()
[2026, 2027, 2028]
>>> bool((frame["lower_95"] <= frame["point"]).all() and (frame["point"] <= frame["upper_95"]).all())
True
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import numpy as np
import pandas as pd

from sufficiency.core.errors import InputError
from sufficiency.forecasting.cleaning import clean_series
from sufficiency.forecasting.methods import (
    DEFAULT_CANDIDATES,
    FORECAST_COLUMNS,
    MODELS,
    Model,
    one_blas_thread,
    resolve_models,
)
from sufficiency.forecasting.panel import MODEL_NAMES, PanelFit, panel_forecast, panel_model
from sufficiency.forecasting.selection import ModelChoice, PanelDecision, choose_model, council_record


@dataclass
class ForecastResult:
    """Rows for forecasts.csv, the method choice behind them and plain-English notes."""

    frame: pd.DataFrame
    choice: ModelChoice
    notes: list[str]
    history: pd.Series
    #: The method chosen from every council's record, when the forecast came from the panel.
    decision: PanelDecision | None = None


@one_blas_thread
def run_forecast(series: pd.Series, measure: str, years_ahead: int = 3, *, cut_off: int | None = None,
                 population: pd.Series | None = None,
                 candidates: Iterable[str | Model] = DEFAULT_CANDIDATES, min_train: int | None = None,
                 counts: bool = True) -> ForecastResult:
    """Choose a method by back-test, then forecast ``years_ahead`` years after the last year.

    ``cut_off`` drops every year after it first, so a ``--year Y`` build never uses
    later data. ``population`` (child population by year, used as an offset by the
    count regression) must cover the forecast years; pass projections published
    by the cut-off. In the back-test the count regression is given the recorded
    population of the test years, which it would only have had as a projection:
    its back-test is slightly flattered by that. Forecast years follow the
    series' last year even if that year's figure is missing.
    """
    history, notes = clean_series(series, measure, counts=counts, cut_off=cut_off)
    if population is not None:
        population = pd.to_numeric(population, errors="coerce").astype(float)
        population.index = pd.Index(population.index).astype(int)
    choice = choose_model(history, candidates, min_train=min_train, horizon=years_ahead,
                          population=population, counts=counts)
    notes = notes + choice.notes
    target = np.arange(int(history.index[-1]) + 1, int(history.index[-1]) + 1 + years_ahead)
    ranking = [choice.model] + [m for m in choice.summary.sort_values("mase", kind="stable").index
                                if m != choice.model]
    frame = None
    tested = {**MODELS, **{m.name: m for m in resolve_models(candidates)}}
    for name in ranking:
        try:
            fc = tested[name].forecast(history, target, population=population, counts=counts)
        except Exception as err:  # fall back to the next best tested method
            notes.append(f"{tested[name].label} could not be fitted to all the data ({type(err).__name__}); "
                         "the next best method was used.")
            continue
        if not fc.attrs.get("converged", True):
            notes.append(f"{tested[name].label}: the final fit did not fully converge; "
                         "its back-test record is the guide to how far to trust it.")
        frame = fc.assign(measure=measure, model=name)[FORECAST_COLUMNS]
        break
    if frame is None:
        raise InputError(f"series '{measure}'", problem="no forecasting method could be fitted")
    return ForecastResult(frame.reset_index(drop=True), choice, notes, history)


def forecast_series(series: pd.Series, measure: str, years_ahead: int = 3, **kwargs) -> pd.DataFrame:
    """Forecast rows with columns exactly ``measure, year, point, lower_80, upper_80,
    lower_95, upper_95, model`` (see :func:`run_forecast` for the options)."""
    return run_forecast(series, measure, years_ahead, **kwargs).frame


@one_blas_thread
def run_panel_forecast(series: pd.Series, measure: str, fit: PanelFit, decision: PanelDecision,
                       years_ahead: int = 3, *, cut_off: int | None = None, counts: bool = True) -> ForecastResult:
    """Forecast ``years_ahead`` years after the series' last published year with the method chosen
    from every council's record (``decision``), ranges calibrated on the panel (:mod:`.panel`).

    The council's own back-test of that method, beside the two plain methods, goes in the
    result's ``choice`` for the track-record table. The last year must have a published figure:
    the caller decides what to do when it has not (a forecast is never made from a carried value).
    """
    history, notes = clean_series(series, measure, counts=counts, cut_off=cut_off)
    observed = history.dropna()
    last = int(observed.index[-1])
    target = np.arange(last + 1, last + 1 + years_ahead)
    method = "naive" if decision.method == MODEL_NAMES["naive"] else "pooled_trend"
    frame = panel_forecast(fit, method, observed, last, target)
    frame = frame.assign(measure=measure, model=decision.method)[FORECAST_COLUMNS]
    chosen = panel_model(fit, method)
    choice = council_record(observed, [chosen, MODELS["naive"], MODELS["drift"]], chosen.name,
                            horizon=min(3, years_ahead), counts=counts, say_so=decision.say_so)
    return ForecastResult(frame.reset_index(drop=True), choice, notes + choice.notes, history)
