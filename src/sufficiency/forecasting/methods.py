"""Forecasts for short annual series, chosen by their own track record.

Councils publish children-in-care figures once a year (years ending 31 March),
so a series is 7 to 15 points long. With so little data no method can be shown
to be right in advance; what we *can* show is how each method would have done
had we used it in past years. So every forecast here is chosen by a
rolling-origin back-test (never by in-sample fit), is shown next to the two
simplest methods (carry the last value forward; continue the average change),
and comes with 80% and 95% prediction intervals whose past coverage is reported.

The pieces, in the order the book uses them:

- :data:`MODELS` holds the candidate methods (:class:`Model`); each turns a
  history into point forecasts and 80%/95% intervals for given future years.
- :func:`backtest` refits a method at each past origin and scores it
  (MAE, MAPE, MASE, interval coverage).
- :func:`choose_model` back-tests every candidate on the same past forecasts
  and picks the lowest MASE (ties go to the simpler method).
- :func:`forecast_series` (or :func:`run_forecast`, which also returns the
  choice and notes) gives the rows written to ``forecasts.csv``.
- :func:`reconcile_to_total` makes placement-type forecasts add up to the total.
- :func:`fan_chart`, :func:`describe_forecast` and :func:`describe_track_record`
  draw and word the result.

Everything is deterministic: analytic intervals, or simulation from a fixed seed.

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

import contextlib
import functools
import math
import warnings
from dataclasses import dataclass, field
from typing import Callable, Iterable, Sequence

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import stats
# Imported here, not inside the fitting functions: statsmodels installs "always show"
# warning filters on first import, which would override our local silencing.
from statsmodels.tsa.arima.model import ARIMA
from statsmodels.tools.sm_exceptions import ConvergenceWarning
from statsmodels.tsa.exponential_smoothing.ets import ETSModel

from sufficiency.core.assumptions import FORECAST_SIMULATION_DRAWS, FORECAST_SIMULATION_SEED
from sufficiency.core.errors import InputError

#: Columns of every forecast frame, in order (the book writes these to forecasts.csv).
FORECAST_COLUMNS = ["measure", "year", "point", "lower_80", "upper_80", "lower_95", "upper_95", "model"]
#: Columns of a back-test table, in order. ``mase_scale`` is the training data's
#: in-sample naive one-step mean absolute error at that origin (the MASE denominator).
BACKTEST_COLUMNS = ["origin", "year", "horizon", "actual", "point", "lower_80", "upper_80",
                    "lower_95", "upper_95", "model", "mase_scale"]
_INTERVAL_COLUMNS = ["point", "lower_80", "upper_80", "lower_95", "upper_95"]

#: Fixed seed for the count model's simulated intervals: same inputs, same outputs.
SIMULATION_SEED = FORECAST_SIMULATION_SEED
SIMULATION_DRAWS = FORECAST_SIMULATION_DRAWS


def _one_blas_thread(func):
    """Run ``func`` with BLAS limited to one thread.

    The matrices here are tiny: extra BLAS threads only add overhead, and when
    several notebooks run in parallel they fight over the cores (a 3-6x slow-down
    measured on 2 cores). Uses threadpoolctl when installed; otherwise runs as is.
    """
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            from threadpoolctl import threadpool_limits
            limit = threadpool_limits(limits=1)
        except ImportError:  # optional: only speed depends on it
            limit = contextlib.nullcontext()
        with limit:
            return func(*args, **kwargs)
    return wrapper


class TooFewPoints(Exception):
    """A method was asked to fit fewer points than it needs (expected, not a failure)."""


# --------------------------------------------------------------------------------------
# Candidate methods
# --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Model:
    """One forecasting method.

    ``fit_predict(history, target_years, population)`` receives the observed
    history (int-year index, float values, no NaN, years increasing), the future
    years to forecast and an optional child-population series, and returns a
    dict of arrays ``point, lower_80, upper_80, lower_95, upper_95``.
    ``complexity`` orders methods for tie-breaks (lower = simpler);
    ``min_points`` is the fewest observed years it will fit. ``label`` is for
    prose, ``technical`` for the methods appendix.
    """

    name: str
    label: str
    complexity: int
    min_points: int
    fit_predict: Callable[[pd.Series, np.ndarray, pd.Series | None], dict]
    counts_only: bool = False
    technical: str = ""

    def forecast(self, history: pd.Series, target_years: Sequence[int], *,
                 population: pd.Series | None = None, counts: bool = True) -> pd.DataFrame:
        """Forecast ``target_years`` from ``history``; a frame with ``year`` and the interval columns.

        Raises :class:`TooFewPoints` when the history is too short, and lets any
        other fitting error through (callers record it and drop the method).
        Counts are never forecast below zero.
        """
        history = history.dropna().astype(float).sort_index()
        if len(history) < self.min_points:
            raise TooFewPoints(f"{self.label} needs at least {self.min_points} years of data")
        years = np.asarray(target_years, dtype=int)
        with warnings.catch_warnings(record=True) as caught:
            # statsmodels warns freely on tiny samples; keep the book clean, note only
            # non-convergence (the back-test judges the result either way).
            warnings.simplefilter("always")
            out = self.fit_predict(history, years, population)
        frame = pd.DataFrame({"year": years, **{c: np.asarray(out[c], dtype=float) for c in _INTERVAL_COLUMNS}})
        frame.attrs["converged"] = not any(issubclass(w.category, ConvergenceWarning) for w in caught)
        if not np.isfinite(frame[_INTERVAL_COLUMNS].to_numpy()).all():
            raise FloatingPointError(f"{self.label} gave a non-finite forecast")
        if counts:
            frame[_INTERVAL_COLUMNS] = frame[_INTERVAL_COLUMNS].clip(lower=0.0)
        return frame


def _steps(history: pd.Series, target_years: np.ndarray) -> np.ndarray:
    """Years ahead of the last observed year (1 for next year)."""
    steps = target_years - int(history.index[-1])
    if (steps < 1).any():
        raise ValueError("target years must come after the last observed year")
    return steps.astype(float)


def _per_year_sigma(history: pd.Series, slope: float, dof_used: int) -> tuple[float, int]:
    """Standard deviation of one year's change around ``slope``, and its degrees of freedom.

    Changes across a gap of g years are divided by sqrt(g), as a random walk's
    variance grows with the gap.
    """
    gaps = np.diff(history.index.to_numpy()).astype(float)
    changes = np.diff(history.to_numpy())
    scaled = (changes - slope * gaps) / np.sqrt(gaps)
    dof = len(scaled) - dof_used
    if dof < 1:
        raise TooFewPoints("not enough year-on-year changes to estimate the spread")
    return float(np.sqrt(np.sum(scaled ** 2) / dof)), dof


def _t_intervals(point: np.ndarray, sd: np.ndarray, dof: int) -> dict:
    """Symmetric intervals from Student t quantiles (wider than normal for short series)."""
    q80, q95 = stats.t.ppf(0.90, dof), stats.t.ppf(0.975, dof)
    return {"point": point, "lower_80": point - q80 * sd, "upper_80": point + q80 * sd,
            "lower_95": point - q95 * sd, "upper_95": point + q95 * sd}


def _naive(history: pd.Series, years: np.ndarray, population=None) -> dict:
    """Last value carried forward; a random walk's spread grows with sqrt(steps)."""
    steps = _steps(history, years)
    sigma, dof = _per_year_sigma(history, slope=0.0, dof_used=0)
    point = np.full(len(years), float(history.iloc[-1]))
    return _t_intervals(point, sigma * np.sqrt(steps), dof)


def _drift(history: pd.Series, years: np.ndarray, population=None) -> dict:
    """Random walk with drift: the line from the first to the last observed value, extended.

    Forecast variance is sigma^2 * h * (1 + h / span): h years of new changes plus
    the uncertainty of the slope, estimated over ``span`` years.
    """
    steps = _steps(history, years)
    span = float(history.index[-1] - history.index[0])
    slope = float(history.iloc[-1] - history.iloc[0]) / span
    sigma, dof = _per_year_sigma(history, slope=slope, dof_used=1)
    point = float(history.iloc[-1]) + slope * steps
    return _t_intervals(point, sigma * np.sqrt(steps * (1.0 + steps / span)), dof)


def _trailing_run(history: pd.Series) -> pd.Series:
    """The latest stretch of consecutive years (methods needing a regular grid use only this)."""
    years = history.index.to_numpy()
    breaks = np.nonzero(np.diff(years) != 1)[0]
    start = breaks[-1] + 1 if len(breaks) else 0
    return history.iloc[start:]


def _damped_trend(history: pd.Series, years: np.ndarray, population=None) -> dict:
    """Additive damped-trend exponential smoothing (ETS(A,Ad,N)), analytic intervals."""
    run = _trailing_run(history)
    if len(run) < MODELS["damped_trend"].min_points:
        raise TooFewPoints("damped trend needs consecutive years")
    steps = _steps(run, years).astype(int)
    n = len(run)
    fit = ETSModel(pd.Series(run.to_numpy(), index=pd.RangeIndex(n)), error="add", trend="add",
                   damped_trend=True, initialization_method="estimated").fit(disp=False)
    prediction = fit.get_prediction(start=n, end=n + int(steps.max()) - 1)
    rows = steps - 1
    out = {"point": prediction.predicted_mean.to_numpy()[rows]}
    for level, alpha in (("80", 0.2), ("95", 0.05)):
        bounds = prediction.summary_frame(alpha=alpha)
        out[f"lower_{level}"] = bounds["pi_lower"].to_numpy()[rows]
        out[f"upper_{level}"] = bounds["pi_upper"].to_numpy()[rows]
    return out


def _ar1_trend(history: pd.Series, years: np.ndarray, population=None) -> dict:
    """AR(1) around a straight-line trend (ARIMA(1,0,0) with constant and trend).

    Fitted on the full year grid with gaps as missing values (the Kalman filter skips them).
    """
    grid = np.arange(int(history.index[0]), int(history.index[-1]) + 1)
    endog = history.reindex(grid).to_numpy()
    steps = _steps(history, years).astype(int)
    fit = ARIMA(endog, order=(1, 0, 0), trend="ct").fit()
    prediction = fit.get_forecast(int(steps.max()))
    rows = steps - 1
    out = {"point": np.asarray(prediction.predicted_mean)[rows]}
    for level, alpha in (("80", 0.2), ("95", 0.05)):
        bounds = np.asarray(prediction.conf_int(alpha=alpha))
        out[f"lower_{level}"], out[f"upper_{level}"] = bounds[rows, 0], bounds[rows, 1]
    return out


def _count_trend(history: pd.Series, years: np.ndarray, population: pd.Series | None = None) -> dict:
    """Poisson regression of the count on year (log link), with a log child-population offset if given.

    Over-dispersion (Pearson chi-squared / df > 1) turns the Poisson into a
    negative binomial with variance phi * mean, and inflates the parameter
    covariance by phi. Intervals are quantiles of simulated counts: parameters
    drawn from their estimated normal distribution, then counts drawn around
    each mean, from a fixed seed. Intervals are whole numbers and never negative.
    """
    if (history < 0).any():
        raise ValueError("count regression needs non-negative values")
    last = int(history.index[-1])
    design = sm.add_constant((history.index.to_numpy() - last).astype(float), has_constant="add")
    future = sm.add_constant((years - last).astype(float), has_constant="add")
    offset = future_offset = None
    if population is not None:
        needed = list(history.index) + list(years)
        missing = [int(y) for y in needed if y not in population.index or not np.isfinite(population.get(y, np.nan))]
        if missing:
            raise ValueError(f"child population is missing for {missing}")
        offset = np.log(population.loc[history.index].to_numpy(dtype=float))
        future_offset = np.log(population.loc[years].to_numpy(dtype=float))
    fit = sm.GLM(history.to_numpy(), design, family=sm.families.Poisson(), offset=offset).fit()
    dof = len(history) - 2
    phi = max(1.0, float(fit.pearson_chi2) / dof) if dof > 0 else 1.0
    linear = future @ fit.params + (0.0 if future_offset is None else future_offset)
    point = np.exp(linear)

    rng = np.random.default_rng(SIMULATION_SEED)
    betas = rng.multivariate_normal(fit.params, fit.cov_params() * phi, size=SIMULATION_DRAWS,
                                    method="cholesky" if np.all(np.linalg.eigvalsh(fit.cov_params()) > 0) else "svd")
    means = np.exp(betas @ future.T + (0.0 if future_offset is None else future_offset))
    if phi > 1.0:
        # Negative binomial with mean mu and variance phi * mu.
        draws = rng.negative_binomial(means / (phi - 1.0), 1.0 / phi)
    else:
        draws = rng.poisson(means)
    q = np.quantile(draws, [0.10, 0.90, 0.025, 0.975], axis=0, method="inverted_cdf")
    return {"point": point, "lower_80": q[0], "upper_80": q[1], "lower_95": q[2], "upper_95": q[3]}


#: The candidate methods, simplest first.
MODELS: dict[str, Model] = {
    m.name: m for m in (
        Model("naive", "last value carried forward", 0, 2, _naive,
              technical="naive (random walk)"),
        Model("drift", "average yearly change continued", 1, 3, _drift,
              technical="random walk with drift"),
        Model("count_trend", "count regression on year", 2, 3, _count_trend, counts_only=True,
              technical="Poisson / negative binomial GLM on year"),
        Model("damped_trend", "damped trend", 3, 4, _damped_trend,
              technical="exponential smoothing ETS(A,Ad,N)"),
        Model("ar1_trend", "trend with year-to-year persistence", 4, 5, _ar1_trend,
              technical="ARIMA(1,0,0) with linear trend"),
    )
}
DEFAULT_CANDIDATES: tuple[str, ...] = tuple(MODELS)


def model_label(name: str, technical: bool = False) -> str:
    """Plain-English name of a method, for the book's prose and tables.

    >>> model_label("drift")
    'average yearly change continued'
    >>> model_label("drift", technical=True)
    'random walk with drift'
    """
    if name not in MODELS:
        return name
    return MODELS[name].technical if technical else MODELS[name].label


def _resolve(candidates: Iterable[str | Model]) -> list[Model]:
    resolved = [MODELS[c] if isinstance(c, str) else c for c in candidates]
    if not resolved:
        raise ValueError("no candidate methods given")
    return sorted(resolved, key=lambda m: m.complexity)


# --------------------------------------------------------------------------------------
# Input checks
# --------------------------------------------------------------------------------------

def clean_series(series: pd.Series, measure: str | None = None, *, counts: bool = True,
                 cut_off: int | None = None) -> tuple[pd.Series, list[str]]:
    """Check an annual series; return it (float, int-year index, sorted, cut off) and notes.

    Missing (NaN) years stay in the returned series; methods skip them. The notes
    say in plain English which years were left out, for the book to print.

    >>> s, notes = clean_series(pd.Series([5, None, 7], index=[2020, 2021, 2022]), "starters")
    >>> notes
    ['starters: no figure for 2021 (suppressed or not published), so it was left out of the fit.']
    """
    name = measure or (str(series.name) if series.name is not None else "series")
    where = f"series '{name}'"
    try:
        years = pd.Index(series.index).astype(int)
    except (TypeError, ValueError):
        raise InputError(where, "index", repr(list(series.index)[:5]), "whole years such as 2025") from None
    if not np.array_equal(years.to_numpy(), np.asarray(series.index, dtype=float)):
        raise InputError(where, "index", repr(list(series.index)[:5]), "whole years such as 2025")
    if years.has_duplicates:
        raise InputError(where, "index", f"repeated years {sorted(set(years[years.duplicated()]))}",
                         "one value per year")
    values = pd.to_numeric(pd.Series(series.to_numpy(), index=years), errors="coerce")
    bad = values.isna() & pd.Series(series.to_numpy(), index=years).notna()
    if bad.any():
        first = bad[bad].index[0]
        raise InputError(where, f"year {first}", repr(series.to_numpy()[list(years).index(first)]),
                         "a number or NaN", hint="convert DfE markers to NaN before forecasting")
    values = values.astype(float).sort_index()
    if cut_off is not None:
        values = values[values.index <= int(cut_off)]
    if counts and (values < 0).any():
        raise InputError(where, f"year {values[values < 0].index[0]}", "a negative count", "zero or more")
    notes = []
    missing = [int(y) for y in values.index[values.isna()]]
    if missing:
        listed = ", ".join(map(str, missing))
        notes.append(f"{name}: no figure for {listed} (suppressed or not published), "
                     f"so {'it was' if len(missing) == 1 else 'they were'} left out of the fit.")
    if values.notna().sum() < 2:
        raise InputError(where, found=f"{int(values.notna().sum())} year(s) with a figure",
                         expected="at least 2 to forecast")
    return values, notes


# --------------------------------------------------------------------------------------
# Back-testing
# --------------------------------------------------------------------------------------

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


@_one_blas_thread
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
    model = _resolve([model])[0]
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


# --------------------------------------------------------------------------------------
# Choosing a method
# --------------------------------------------------------------------------------------

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


@_one_blas_thread
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
    models = _resolve(candidates)
    if counts is False:
        models = [m for m in models if not m.counts_only]
    if "naive" not in [m.name for m in models]:
        models = _resolve([MODELS["naive"], *models])
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


# --------------------------------------------------------------------------------------
# The forecast the book publishes
# --------------------------------------------------------------------------------------

@dataclass
class ForecastResult:
    """Rows for forecasts.csv, the method choice behind them and plain-English notes."""

    frame: pd.DataFrame
    choice: ModelChoice
    notes: list[str]
    history: pd.Series


@_one_blas_thread
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
    for name in ranking:
        try:
            fc = MODELS[name].forecast(history, target, population=population, counts=counts)
        except Exception as err:  # fall back to the next best tested method
            notes.append(f"{model_label(name)} could not be fitted to all the data ({type(err).__name__}); "
                         "the next best method was used.")
            continue
        if not fc.attrs.get("converged", True):
            notes.append(f"{model_label(name)}: the final fit did not fully converge; "
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


# --------------------------------------------------------------------------------------
# Making parts add up to the total
# --------------------------------------------------------------------------------------

def reconcile_to_total(total_fc: pd.DataFrame, parts_fc: pd.DataFrame, method: str = "proportional") -> pd.DataFrame:
    """Adjust part forecasts (e.g. by placement type) so their points add up to the total's, year by year.

    The total is forecast directly (it is the steadiest series) and kept as it is.

    - ``"proportional"``: each part is multiplied by total / sum of parts; its
      interval is multiplied by the same factor, so its relative width is kept.
    - ``"variance"`` (a diagonal "MinT-lite"): the shortfall is shared in
      proportion to each part's variance (from its 80% interval width), so the
      least certain parts move most; intervals shift with their point. A year
      where this would push a part below zero falls back to proportional.

    >>> total = pd.DataFrame({"measure": "all", "year": [2026], "point": [100.0], "lower_80": [90.0],
    ...     "upper_80": [110.0], "lower_95": [85.0], "upper_95": [115.0], "model": "drift"})
    >>> parts = pd.DataFrame({"measure": ["foster", "residential"], "year": 2026, "point": [60.0, 20.0],
    ...     "lower_80": [50.0, 15.0], "upper_80": [70.0, 25.0], "lower_95": [45.0, 12.0],
    ...     "upper_95": [75.0, 28.0], "model": "naive"})
    >>> reconcile_to_total(total, parts)["point"].tolist()
    [75.0, 25.0]
    """
    if method not in ("proportional", "variance"):
        raise ValueError(f"method must be 'proportional' or 'variance', not {method!r}")
    if total_fc["measure"].nunique() != 1 or total_fc["year"].duplicated().any():
        raise ValueError("total_fc must hold one measure, one row per year")
    if parts_fc.duplicated(["measure", "year"]).any():
        raise ValueError("parts_fc must hold one row per measure and year")
    totals = total_fc.set_index("year")["point"].astype(float)
    part_years = set(parts_fc["year"])
    if part_years != set(totals.index):
        raise ValueError(f"years differ: total has {sorted(totals.index)}, parts have {sorted(part_years)}")
    measures = parts_fc["measure"].unique()
    for year, group in parts_fc.groupby("year"):
        if set(group["measure"]) != set(measures):
            raise ValueError(f"every part needs a forecast for {year}")
    out = parts_fc.copy()
    out[_INTERVAL_COLUMNS] = out[_INTERVAL_COLUMNS].astype(float)
    for year, idx in out.groupby("year").groups.items():
        block = out.loc[idx]
        target = float(totals[year])
        current = float(block["point"].sum())
        shortfall = target - current
        if method == "variance":
            variance = (block["upper_80"] - block["lower_80"]).to_numpy(dtype=float) ** 2
            if variance.sum() > 0:
                shift = shortfall * variance / variance.sum()
                moved = block["point"].to_numpy() + shift
                if (moved >= 0).all():
                    for col in _INTERVAL_COLUMNS:
                        out.loc[idx, col] = block[col].to_numpy() + shift
                    out.loc[idx, ["lower_80", "lower_95"]] = out.loc[idx, ["lower_80", "lower_95"]].clip(lower=0)
                    continue
        if current > 0:
            factor = target / current
            out.loc[idx, _INTERVAL_COLUMNS] = block[_INTERVAL_COLUMNS].to_numpy() * factor
        else:
            # All parts forecast at zero: share the total equally, intervals shifted by the same amount.
            share = target / len(block)
            for col in _INTERVAL_COLUMNS:
                out.loc[idx, col] = block[col].to_numpy() + share
    return out


# --------------------------------------------------------------------------------------
# Drawing and wording
# --------------------------------------------------------------------------------------

#: Okabe–Ito colour-blind-safe palette (blue for recorded, vermillion for forecast).
OKABE_ITO = {"blue": "#0072B2", "vermillion": "#D55E00", "orange": "#E69F00", "sky": "#56B4E9",
             "green": "#009E73", "yellow": "#F0E442", "purple": "#CC79A7", "black": "#000000"}


def fan_chart(ax, history: pd.Series, forecast_frame: pd.DataFrame, label: str):
    """Draw recorded values and the forecast with its 80% and 95% ranges on ``ax``; return ``ax``.

    Recorded values: solid line with round markers. Forecast: dashed line with
    square markers, joined to the last recorded value, over a darker 80% band
    nested in a lighter 95% band whose edges are dotted. Years are whole numbers.
    Meaning never rests on colour alone: line style, marker, shading and the
    legend all carry it.
    """
    from matplotlib.patches import Patch
    from matplotlib.ticker import MaxNLocator

    history = history.astype(float).sort_index()
    observed = history.dropna()
    fc = forecast_frame.sort_values("year")
    colour_hist, colour_fc = OKABE_ITO["blue"], OKABE_ITO["vermillion"]
    # The fan opens from the last recorded value, where uncertainty is nil.
    if len(observed):
        anchor = pd.DataFrame({c: [observed.iloc[-1]] for c in _INTERVAL_COLUMNS}).assign(year=observed.index[-1])
        band = pd.concat([anchor, fc[["year", *_INTERVAL_COLUMNS]]], ignore_index=True)
    else:
        band = fc
    ax.fill_between(band["year"], band["lower_95"], band["upper_95"], color=colour_fc, alpha=0.15, linewidth=0)
    ax.plot(band["year"], band["lower_95"], linestyle=":", color=colour_fc, linewidth=1)
    ax.plot(band["year"], band["upper_95"], linestyle=":", color=colour_fc, linewidth=1)
    ax.fill_between(band["year"], band["lower_80"], band["upper_80"], color=colour_fc, alpha=0.35, linewidth=0)
    ax.plot(history.index, history.to_numpy(), linestyle="-", marker="o", color=colour_hist,
            linewidth=2, label=f"{label}: recorded")
    # One dashed line (two overlapping ones would look solid); square markers on forecast years only.
    ax.plot(band["year"], band["point"], linestyle="--", marker="s", color=colour_fc, linewidth=2,
            markevery=list(range(len(band) - len(fc), len(band))), label="central forecast")
    handles, labels = ax.get_legend_handles_labels()
    handles += [Patch(facecolor=colour_fc, alpha=0.35, label="80% range"),
                Patch(facecolor=colour_fc, alpha=0.15, label="95% range (dotted edges)")]
    ax.legend(handles=handles, frameon=False)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("Year ending 31 March")
    return ax


def _prose_step(value: float) -> int:
    """Rounding step for prose: whole numbers below 100, then 5, 10, 50, 100."""
    size = abs(value)
    if size < 100:
        return 1
    if size < 1000:
        return 5
    if size < 5000:
        return 10
    if size < 10000:
        return 50
    return 100


def describe_forecast(frame: pd.DataFrame, unit: str, year: int | None = None) -> str:
    """One sentence giving the central forecast and its ranges for the last (or given) year.

    Numbers are rounded for reading (to 5 between 100 and 1,000); range ends are
    rounded outwards so the ranges never look narrower than they are.

    >>> f = pd.DataFrame({"measure": "cla", "year": [2026, 2027, 2028], "point": [440.0, 436.0, 431.2],
    ...     "lower_80": [420.0, 405.0, 392.4], "upper_80": [460.0, 466.0, 468.0],
    ...     "lower_95": [410.0, 390.0, 371.0], "upper_95": [470.0, 482.0, 493.1], "model": "drift"})
    >>> describe_forecast(f, "children")
    'By 2028 the central forecast is 430 children (80% range 390 to 470; 95% range 370 to 495).'
    """
    if frame["measure"].nunique() > 1:
        raise ValueError("describe_forecast needs the rows of one measure")
    row = frame.sort_values("year").iloc[-1] if year is None else frame.set_index("year").loc[year]
    year = int(row["year"]) if year is None else int(year)
    step = _prose_step(float(row["point"]))

    def show(value: float, how: str) -> str:
        fn = {"round": lambda v: math.floor(v / step + 0.5), "down": lambda v: math.floor(v / step + 1e-9),
              "up": lambda v: math.ceil(v / step - 1e-9)}[how]
        return f"{int(fn(float(value)) * step):,}"

    unit_text = f" {unit}" if unit else ""
    return (f"By {year} the central forecast is {show(row['point'], 'round')}{unit_text} "
            f"(80% range {show(row['lower_80'], 'down')} to {show(row['upper_80'], 'up')}; "
            f"95% range {show(row['lower_95'], 'down')} to {show(row['upper_95'], 'up')}).")


def describe_track_record(choice: ModelChoice, unit: str) -> str:
    """One or two sentences on how the chosen method did on past years, beside carrying the last value forward.

    >>> cla = pd.Series([484, 473, 468, 462, 433, 453, 439], index=range(2019, 2026))
    >>> print(describe_track_record(choose_model(cla, ["naive"]), "children"))
    Tested on 6 past forecasts (made with data to 2022 to 2024), carrying the last figure forward was off by 17 children on average. 4 of 6 actual figures fell inside its 80% range and 5 of 6 inside its 95% range.
    """
    s = choice.summary
    if s.loc[choice.model, "n_forecasts"] == 0:
        return "There were too few years to test the forecast against past data."
    row = s.loc[choice.model]
    n = int(row["n_forecasts"])
    origins = sorted(choice.backtests["origin"].unique())
    span = f"{origins[0]}" if len(origins) == 1 else f"{origins[0]} to {origins[-1]}"
    unit_text = f" {unit}" if unit else ""
    name = "carrying the last figure forward" if choice.model == "naive" else f"the chosen method ({model_label(choice.model)})"
    text = f"Tested on {n} past forecasts (made with data to {span}), {name} was off by {row['mae']:,.0f}{unit_text} on average"
    if choice.model != "naive":
        text += f", against {s.loc['naive', 'mae']:,.0f} for carrying the last figure forward"
    inside80 = round(row["coverage_80"] * n)
    inside95 = round(row["coverage_95"] * n)
    return (text + f". {inside80} of {n} actual figures fell inside its 80% range and "
            f"{inside95} of {n} inside its 95% range.")
