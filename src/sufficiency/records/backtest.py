"""How well the stock-and-flow projection would have done, and beside the book's aggregate method.

:func:`backtest` is a rolling-origin back-test of :func:`.markov.project` on the
extract's own history, in the manner of :func:`sufficiency.forecasting.backtesting.backtest`: at each
past 31 March (the *origin*) the model is fitted with only what was known then
(:func:`.markov.as_known_at`), projects 1 to ``horizon`` years ahead, and is scored
against the number the extract shows looked after on 31 March of those years.

An origin needs ``history`` years of movements before it, and each year of movements
needs the stock on the 31 March before, so a six-year annual extract (2019-20 to
2024-25, stocks from 31 March 2019) gives origins 2022, 2023 and 2024 with the default
3-year history: six scored projections, only one of them three years ahead. That is
very little evidence, and every table here says how many projections stand behind each
figure (``n``). With fewer than ``history`` + 2 complete stocks there is no origin, and
no score is given.

:func:`compare_with_aggregate` sets this beside the method chapter 7 publishes for
children looked after at 31 March: a method chosen by back-test (:func:`forecast.run_forecast`)
on DfE's published series (:func:`published.cla_headline`), re-run as it would have been
at each of the same origins and scored on the same target years. The two are scored
against **different actual figures**: the stock-and-flow model against the extract's own
counts, the aggregate method against DfE's published counts. For a real extract those
differ by a few children (late returns, corrections); for a synthetic extract the earlier
years can differ a lot, because the generator is fitted to the final year only. Compare
their errors as "how far off was each from the figures it set out to predict", not as a
race on one target. MASE puts both on a scale of their own series' year-to-year change.

>>> from sufficiency.records.backtest import COMPARISON_COLUMNS
>>> COMPARISON_COLUMNS[:5]
['method', 'horizon', 'n', 'mae', 'mape']
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from sufficiency.data import published
from sufficiency.forecasting import backtesting, forecast, methods
from sufficiency.forecasting.methods import BACKTEST_COLUMNS
from sufficiency.records import markov
from sufficiency.records.indicators import prepare
from sufficiency.records.read import Extract

MODEL = "stock_and_flow"
AGGREGATE = "aggregate"
NAIVE = "naive"
#: What each method is scored against (for tables and prose).
SCORED_AGAINST = {MODEL: "the extract's own count", AGGREGATE: "DfE's published count",
                  NAIVE: "DfE's published count"}
METHOD_LABELS = {MODEL: "stock-and-flow model (council's own records)",
                 AGGREGATE: "method chosen on published figures (as in the forecasts chapter)",
                 NAIVE: "last published figure carried forward"}
COMPARISON_COLUMNS = ["method", "horizon", "n", "mae", "mape", "mase", "coverage_80", "scored_against"]


def actual_stocks(extract: Extract, *, prepared: pd.DataFrame | None = None) -> pd.Series:
    """Children looked after on 31 March of each year the extract holds in full (int-year index)."""
    prepared = prepare(extract) if prepared is None else prepared
    years = range(markov.first_complete_stock(extract), markov.last_complete_stock(extract) + 1)
    return pd.Series([float(len(markov.stock(prepared, y))) for y in years], index=list(years),
                     name="cla_31_march")


def origins(extract: Extract, *, history: int = 3) -> list[int]:
    """The origins a back-test can use: ``history`` years of movements before, one year after."""
    first, last = markov.first_complete_stock(extract), markov.last_complete_stock(extract)
    return list(range(first + history, last))


def backtest(extract: Extract, *, history: int = 3, horizon: int = 3, intervals: bool = True,
             draws: int = markov.SIMULATION_DRAWS) -> backtesting.Backtest:
    """Rolling-origin back-test of the stock-and-flow total; a :class:`backtesting.Backtest`.

    ``table`` has :data:`methods.BACKTEST_COLUMNS` with model ``stock_and_flow``:
    ``actual`` is the extract's count on 31 March ``year``; ``lower_80``/``upper_80`` the
    simulated range (NaN without ``intervals``; the 95% columns are always NaN, as the
    simulation gives no 95% range); ``mase_scale`` the mean yearly change of the extract's
    own stock up to the origin. ``summary`` is :func:`backtesting.summarise_backtest`.
    """
    actual = actual_stocks(extract)
    rows, notes = [], []
    for origin in origins(extract, history=history):
        projection = markov.from_origin(extract, origin, horizon=horizon, history=history,
                                        intervals=intervals, draws=draws)
        total = projection[(projection["measure"] == markov.BY_PLACEMENT) & (projection["breakdown"] == "")]
        total = total[total["year"].isin(actual.index)]
        rows.append(pd.DataFrame({
            "origin": origin, "year": total["year"].to_numpy(), "horizon": total["year"].to_numpy() - origin,
            "actual": actual.reindex(total["year"]).to_numpy(), "point": total["value"].to_numpy(),
            "lower_80": total["lower_80"].to_numpy() if intervals else np.nan,
            "upper_80": total["upper_80"].to_numpy() if intervals else np.nan,
            "lower_95": np.nan, "upper_95": np.nan, "model": MODEL,
            "mase_scale": backtesting.naive_scale(actual[actual.index <= origin])}))
    if not rows:
        notes.append(f"The extract holds too few complete years ({len(actual)} stocks on 31 March) to test the "
                     f"projection: it needs {history + 2}, so no track record is given.")
        table = pd.DataFrame(columns=BACKTEST_COLUMNS)
    else:
        table = pd.concat(rows, ignore_index=True)[BACKTEST_COLUMNS].astype({"origin": int, "year": int,
                                                                             "horizon": int})
        if table["origin"].nunique() < 3:
            notes.append(f"Only {table['origin'].nunique()} past origin(s) could be tested: "
                         "treat the track record as an illustration, not evidence.")
    return backtesting.Backtest(MODEL, table, backtesting.summarise_backtest(table, MODEL, horizon), notes)


def published_cla(la_code: str, year: int) -> pd.Series:
    """DfE's published children looked after at 31 March for the council, years to ``year``
    (the series chapter 7 forecasts; suppressed years are NaN)."""
    headline = published.cla_headline(year_max=year)
    rows = headline[(headline["la_code"] == str(la_code)) & (headline["measure"] == "cla_31_march")
                    & (headline["unit"] == "children") & (headline["breakdown"] == "")]
    series = rows.set_index("year")["value"].sort_index().astype(float)
    return series[series.index <= int(year)].rename("cla_31_march")


def aggregate_backtest(series: pd.Series, origin_years, *, horizon: int = 3) -> pd.DataFrame:
    """The book's aggregate method re-run at each origin, and the naive method beside it.

    At each origin the series is cut there and :func:`forecast.run_forecast` chooses a
    method by its own back-test, exactly as the forecasts chapter would have done that
    year; the forecasts for the observed years up to ``horizon`` ahead are scored.
    Rows in :data:`methods.BACKTEST_COLUMNS`; ``model`` is ``aggregate`` or ``naive``
    and an extra column ``chosen`` names the method picked at that origin.
    """
    observed = series.dropna()
    rows = []
    for origin in origin_years:
        train = observed[observed.index <= origin]
        test = observed[(observed.index > origin) & (observed.index <= origin + horizon)]
        if test.empty or len(train) < 2:
            continue
        target = np.arange(origin + 1, origin + horizon + 1)
        result = forecast.run_forecast(train, "cla_31_march", horizon, cut_off=origin)
        naive = methods.MODELS["naive"].forecast(train, target)
        for name, frame, chosen in ((AGGREGATE, result.frame, result.choice.model), (NAIVE, naive, "naive")):
            frame = frame[frame["year"].isin(test.index)]
            rows.append(frame.assign(origin=origin, horizon=frame["year"] - origin,
                                     actual=test.reindex(frame["year"]).to_numpy(), model=name,
                                     mase_scale=backtesting.naive_scale(train), chosen=chosen))
    if not rows:
        return pd.DataFrame(columns=[*BACKTEST_COLUMNS, "chosen"])
    table = pd.concat(rows, ignore_index=True)[[*BACKTEST_COLUMNS, "chosen"]]
    return table.astype({"origin": int, "year": int, "horizon": int})


@dataclass
class Comparison:
    """The stock-and-flow model beside the aggregate method, over the same origins and years.

    ``table``: one row per method and horizon ('all' pooled, then 1, 2, 3) with
    :data:`COMPARISON_COLUMNS`. ``rows``: every scored forecast (BACKTEST_COLUMNS plus
    ``method`` and ``scored_against``), for a chart. ``notes``: plain sentences for the book.
    """

    table: pd.DataFrame
    rows: pd.DataFrame
    notes: list[str] = field(default_factory=list)


def _summary_rows(rows: pd.DataFrame, method: str, horizon: int) -> list[dict]:
    out = []
    for label in ["all", *range(1, horizon + 1)]:
        part = rows if label == "all" else rows[rows["horizon"] == label]
        if part.empty:
            continue
        s = backtesting.summarise_backtest(part, method, horizon)
        out.append({"method": method, "horizon": label, "n": int(s["n_forecasts"]), "mae": s["mae"],
                    "mape": s["mape"], "mase": s["mase"], "coverage_80": s["coverage_80"],
                    "scored_against": SCORED_AGAINST[method]})
    return out


def compare_with_aggregate(extract: Extract, la_code: str, year: int, *, history: int = 3, horizon: int = 3,
                           published: pd.Series | None = None, draws: int = markov.SIMULATION_DRAWS) -> Comparison:
    """Back-test both methods on the same origins and target years (to ``year``) and tabulate.

    The stock-and-flow model is scored against the extract's own counts, the aggregate
    and naive methods against DfE's published counts (``published``, by default
    :func:`published_cla`): see the module's notes on what that comparison means.
    Only (origin, year) pairs that both sides can score are kept; with none, the table
    is empty and a note says why. No score is ever filled in.
    """
    own = backtest(extract, history=history, horizon=horizon, draws=draws)
    own_rows = own.table[own.table["year"] <= year]
    series = published_cla(la_code, year) if published is None else published[published.index <= year]
    aggregate = aggregate_backtest(series, sorted(own_rows["origin"].unique()), horizon=horizon)
    both = set(zip(own_rows["origin"], own_rows["year"])) & set(zip(aggregate["origin"], aggregate["year"]))
    keep = lambda frame: frame[[k in both for k in zip(frame["origin"], frame["year"])]]  # noqa: E731
    own_rows, aggregate = keep(own_rows), keep(aggregate)
    rows = pd.concat([own_rows.assign(chosen=MODEL), aggregate], ignore_index=True) if len(own_rows) else \
        pd.DataFrame(columns=[*BACKTEST_COLUMNS, "chosen"])
    rows["method"] = rows["model"]
    rows["scored_against"] = rows["method"].map(SCORED_AGAINST)
    table = [row for method in (MODEL, AGGREGATE, NAIVE)
             for row in _summary_rows(rows[rows["method"] == method], method, horizon)]
    table = pd.DataFrame(table, columns=COMPARISON_COLUMNS)
    notes = list(own.notes)
    if rows.empty:
        notes.append("No past year could be scored by both methods, so they are not compared.")
    else:
        n_origins = rows["origin"].nunique()
        notes.append(f"Both methods were tested from {n_origins} past year{'s' if n_origins > 1 else ''} "
                     f"({', '.join(map(str, sorted(rows['origin'].unique())))}), "
                     f"{len(own_rows)} forecast{'s' if len(own_rows) != 1 else ''} each. The stock-and-flow "
                     "model is scored against the council's own records, the others against DfE's published "
                     "figures.")
    return Comparison(table.reset_index(drop=True), rows.reset_index(drop=True), notes)
