"""The candidate forecasting methods, and the columns every forecast and back-test frame carries.

A :class:`Model` turns a short annual history (years ending 31 March, often 7 to 15 points)
into point forecasts with 80% and 95% prediction intervals for chosen future years.
:data:`MODELS` lists the candidates from simplest to most elaborate:

- ``naive``: the last figure carried forward (a random walk);
- ``drift``: the average yearly change, continued;
- ``count_trend``: a Poisson (or, when over-dispersed, negative binomial) regression on year;
- ``damped_trend``: exponential smoothing with a trend that flattens out;
- ``ar1_trend``: a straight-line trend with year-to-year persistence, ARIMA(1,0,0).

Which one the book publishes is decided by back-test (:mod:`.backtesting`, :mod:`.selection`),
never by in-sample fit. Intervals are analytic, or simulated from a fixed seed, so the same
inputs always give the same numbers.

>>> history = pd.Series([10.0, 12.0, 11.0, 14.0], index=range(2020, 2024))
>>> MODELS["naive"].forecast(history, [2024])["point"].tolist()
[14.0]
>>> model_label("count_trend")
'count regression on year'
"""
from __future__ import annotations

import contextlib
import functools
import warnings
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

import numpy as np
import pandas as pd
from scipy.special import stdtrit

# Cheap to import, and importing it first puts statsmodels' own warning filters in place
# before any fit runs inside our warning-recording block.
from statsmodels.tools.sm_exceptions import ConvergenceWarning

from sufficiency.core.assumptions import FORECAST_SIMULATION_DRAWS, FORECAST_SIMULATION_SEED

try:
    from threadpoolctl import threadpool_limits
except ImportError:  # optional: only speed depends on it
    threadpool_limits = None

#: Columns of every forecast frame, in order (the book writes these to forecasts.csv).
FORECAST_COLUMNS = ["measure", "year", "point", "lower_80", "upper_80", "lower_95", "upper_95", "model"]
#: Columns of a back-test table, in order. ``mase_scale`` is the training data's
#: in-sample naive one-step mean absolute error at that origin (the MASE denominator).
BACKTEST_COLUMNS = ["origin", "year", "horizon", "actual", "point", "lower_80", "upper_80",
                    "lower_95", "upper_95", "model", "mase_scale"]
#: The central forecast and the ends of its two ranges.
INTERVAL_COLUMNS = ["point", "lower_80", "upper_80", "lower_95", "upper_95"]

#: Fixed seed for the count model's simulated intervals: same inputs, same outputs.
SIMULATION_SEED = FORECAST_SIMULATION_SEED
SIMULATION_DRAWS = FORECAST_SIMULATION_DRAWS


def one_blas_thread(func):
    """Run ``func`` with BLAS limited to one thread.

    The matrices here are tiny: extra BLAS threads only add overhead, and when
    several notebooks run in parallel they fight over the cores (a 3-6x slow-down
    measured on 2 cores). Uses threadpoolctl when installed; otherwise runs as is.
    """
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        limit = threadpool_limits(limits=1) if threadpool_limits is not None else contextlib.nullcontext()
        with limit:
            return func(*args, **kwargs)
    return wrapper


class TooFewPoints(Exception):
    """A method was asked to fit fewer points than it needs (expected, not a failure)."""


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
        frame = pd.DataFrame({"year": years, **{c: np.asarray(out[c], dtype=float) for c in INTERVAL_COLUMNS}})
        frame.attrs["converged"] = not any(issubclass(w.category, ConvergenceWarning) for w in caught)
        if not np.isfinite(frame[INTERVAL_COLUMNS].to_numpy()).all():
            raise FloatingPointError(f"{self.label} gave a non-finite forecast")
        if counts:
            frame[INTERVAL_COLUMNS] = frame[INTERVAL_COLUMNS].clip(lower=0.0)
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
    q80, q95 = stdtrit(dof, 0.90), stdtrit(dof, 0.975)
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
    # statsmodels' model classes take about a second to import: load them only when a fit needs them.
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

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
    # statsmodels' model classes take about a second to import: load them only when a fit needs them.
    from statsmodels.tsa.arima.model import ARIMA

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
    # statsmodels' model classes take about a second to import: load them only when a fit needs them.
    import statsmodels.api as sm

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

#: The methods learnt from every council (:mod:`.panel`): plain and technical names. They are
#: built per measure from the national fit, so they are not in :data:`MODELS`.
PANEL_LABELS: dict[str, tuple[str, str]] = {
    "calibrated_naive": ("last figure carried forward, ranges from every council", "naive, split-conformal ranges from all councils"),
    "pooled_trend": ("the council's own trend, weighed by every council's record",
                     "pooled median regression on the council's log trend, split-conformal ranges"),
}


def model_label(name: str, technical: bool = False) -> str:
    """Plain-English name of a method, for the book's prose and tables.

    >>> model_label("drift")
    'average yearly change continued'
    >>> model_label("drift", technical=True)
    'random walk with drift'
    """
    if name in PANEL_LABELS:
        return PANEL_LABELS[name][1 if technical else 0]
    if name not in MODELS:
        return name
    return MODELS[name].technical if technical else MODELS[name].label


def resolve_models(candidates: Iterable[str | Model]) -> list[Model]:
    """Candidate methods given by name or as :class:`Model`, simplest first.

    >>> [m.name for m in resolve_models(["drift", "naive"])]
    ['naive', 'drift']
    """
    resolved = [MODELS[c] if isinstance(c, str) else c for c in candidates]
    if not resolved:
        raise ValueError("no candidate methods given")
    return sorted(resolved, key=lambda m: m.complexity)

