"""Rolling-origin back-tests and their scores.

At each past year (the *origin*) a method is fitted to the years up to it only, forecasts the
years that follow, and is compared with what was then published. The scores: mean absolute
error (MAE), mean absolute percentage error (MAPE), mean absolute scaled error (MASE: the error
over the series' typical one-year change before the origin) and how often the actual figure fell
inside the 80% and 95% ranges.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from sufficiency.forecasting.methods import BACKTEST_COLUMNS, Model, TooFewPoints, one_blas_thread, resolve_models


def naive_scale(history: pd.Series) -> float:
    """In-sample mean absolute one-step change of the naive method (the MASE denominator).

    Uses pairs of consecutive years; if gaps leave none, changes per year across gaps.

    >>> naive_scale(pd.Series([10.0, 12.0, 11.0], index=[2020, 2021, 2022]))
    1.5
    """
    history = history.dropna()
    years = history.index.to_numpy()
    changes = np.diff(history.to_numpy())
    gaps = np.diff(years)
    consecutive = gaps == 1
    if consecutive.any():
        return float(np.mean(np.abs(changes[consecutive])))
    if len(changes):
        return float(np.mean(np.abs(changes) / gaps))
    return float("nan")


@dataclass
class Backtest:
    """A method's rolling-origin back-test: one row per past forecast, a summary, and notes."""

    model: str
    table: pd.DataFrame
    summary: pd.Series
    notes: list[str] = field(default_factory=list)
    failed: bool = False


@one_blas_thread
def backtest(series: pd.Series, model: str | Model, min_train: int = 4, horizon: int = 3, *,
             population: pd.Series | None = None, counts: bool = True) -> Backtest:
    """Rolling-origin back-test: fit on the years up to each origin, forecast ahead, compare.

    Origins run from the ``min_train``-th observed year to the last-but-one;
    each forecasts the observed years up to ``horizon`` ahead. Only data up to
    the origin is used to fit (and to scale the MASE). An origin where the method
    fails is skipped and noted; ``failed`` is set if it failed anywhere.

    >>> bt = backtest(pd.Series([1.0, 2, 3, 4, 5, 6], index=range(2020, 2026)), "drift")
    >>> bt.table[["origin", "year", "horizon"]].values.tolist()
    [[2023, 2024, 1], [2023, 2025, 2], [2024, 2025, 1]]
    >>> bt.table["point"].tolist()
    [5.0, 6.0, 6.0]
    >>> float(bt.summary["mae"])
    0.0
    """
    model = resolve_models([model])[0]
    observed = series.dropna().astype(float).sort_index()
    years = observed.index.to_numpy()
    rows, notes, failed, unconverged = [], [], False, []
    for i in range(max(min_train, 1) - 1, len(observed) - 1):
        origin = int(years[i])
        train = observed.iloc[: i + 1]
        test = observed[(observed.index > origin) & (observed.index <= origin + horizon)]
        if test.empty:
            continue
        try:
            fc = model.forecast(train, test.index.to_numpy(), population=population, counts=counts)
        except TooFewPoints:
            continue
        except Exception as err:  # any fitting failure: record it, keep going
            failed = True
            notes.append(f"{model.label} could not be fitted with data to {origin} ({type(err).__name__}: {err}).")
            continue
        if not fc.attrs.get("converged", True):
            unconverged.append(origin)
        block = fc.assign(origin=origin, horizon=fc["year"] - origin, actual=test.to_numpy(),
                          model=model.name, mase_scale=naive_scale(train))
        rows.append(block)
    if unconverged:
        notes.append(f"{model.label}: the fit did not fully converge with data to "
                     f"{', '.join(map(str, unconverged))}; those forecasts were scored as they came out.")
    table = (pd.concat(rows, ignore_index=True)[BACKTEST_COLUMNS] if rows
             else pd.DataFrame(columns=BACKTEST_COLUMNS))
    table = table.astype({"origin": int, "year": int, "horizon": int}) if rows else table
    return Backtest(model.name, table, summarise_backtest(table, model.name, horizon), notes, failed)


def _scaled_errors(table: pd.DataFrame) -> np.ndarray:
    """|error| / scale; a zero scale (flat training data) gives 0 for an exact forecast, inf otherwise."""
    error = (table["actual"] - table["point"]).abs().to_numpy(dtype=float)
    scale = table["mase_scale"].to_numpy(dtype=float)
    exact = error <= 1e-9 * np.maximum(1.0, table["actual"].abs().to_numpy(dtype=float))
    with np.errstate(divide="ignore", invalid="ignore"):
        scaled = np.where(scale > 0, error / np.where(scale > 0, scale, 1.0), np.where(exact, 0.0, np.inf))
    return scaled


def summarise_backtest(table: pd.DataFrame, model: str | None = None, horizon: int = 3) -> pd.Series:
    """Error summary of a back-test table.

    ``mae`` mean absolute error; ``mape`` mean absolute percentage error (years with
    an actual of zero left out); ``mase`` mean absolute error scaled by the training
    data's naive one-step MAE, pooled over all past forecasts, and ``mase_h1``...
    per horizon; ``coverage_80``/``coverage_95`` the share of actual values inside
    the interval (ends included).

    >>> t = pd.DataFrame({"origin": [2020, 2020], "year": [2021, 2022], "horizon": [1, 2],
    ...     "actual": [10.0, 20.0], "point": [12.0, 20.0], "lower_80": [11, 15], "upper_80": [13, 25],
    ...     "lower_95": [9, 14], "upper_95": [14, 26], "model": "m", "mase_scale": [4.0, 4.0]})
    >>> s = summarise_backtest(t, horizon=2)
    >>> float(s["mae"]), float(s["mase"]), float(s["coverage_80"]), float(s["coverage_95"])
    (1.0, 0.25, 0.5, 1.0)
    """
    if model is None:
        model = str(table["model"].iloc[0]) if len(table) else ""
    out = {"model": model, "n_origins": int(table["origin"].nunique()), "n_forecasts": int(len(table))}
    if len(table):
        actual = table["actual"].to_numpy(dtype=float)
        error = np.abs(actual - table["point"].to_numpy(dtype=float))
        nonzero = actual != 0
        scaled = _scaled_errors(table)
        out["mae"] = float(error.mean())
        out["mape"] = float(np.mean(error[nonzero] / np.abs(actual[nonzero])) * 100) if nonzero.any() else np.nan
        out["mase"] = float(scaled.mean())
        for h in range(1, horizon + 1):
            at_h = table["horizon"].to_numpy() == h
            out[f"mase_h{h}"] = float(scaled[at_h].mean()) if at_h.any() else np.nan
        for level in ("80", "95"):
            inside = (table[f"lower_{level}"] <= table["actual"]) & (table["actual"] <= table[f"upper_{level}"])
            out[f"coverage_{level}"] = float(inside.mean())
    else:
        for key in ["mae", "mape", "mase", *[f"mase_h{h}" for h in range(1, horizon + 1)],
                    "coverage_80", "coverage_95"]:
            out[key] = np.nan
    return pd.Series(out, name=model)
