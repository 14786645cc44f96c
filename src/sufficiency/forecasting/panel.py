"""Forecasts learnt from every council's history: a pooled trend model and ranges calibrated on the
panel's own out-of-sample errors.

One council's 7 to 15 yearly figures cannot tell a trend from noise, nor say how wide a range
must be. 150-odd councils' histories can. For each measure this module works on the log scale,
``z = log(1 + value)`` (so a back-transformed forecast or range is never below zero), and learns:

- a **pooled trend**: the change over the next ``h`` years, ``z[t+h] - z[t]``, regressed across all
  councils and past years on the council's own recent trend (its average yearly log change over
  up to :data:`~sufficiency.core.assumptions.PANEL_TREND_YEARS` years). The fitted weight says how
  much of a council's recent trend has, across the country, tended to carry on: it shrinks each
  trend towards no change by what the panel learnt. The fit is a median (quantile) regression in
  statsmodels, so a few tiny councils' jumps from 0 to 5 children do not drive it. (A constant
  and a national-trend term were tried too: with one national value a year they over-fitted and
  did worse in the national back-test. Adding the mean trend of the council's 2021 statistical
  neighbours as a second term was tried outside the book: on the 2019-2022 back-test the pooled
  trend's MASE fell by 0.2-1.5% at one to three years ahead and its 80% coverage by up to 1.7
  points, too little to adopt yet.);
- **calibrated ranges** (split conformal): at every past year the model fitted on the years
  before it forecasts every council; each miss is divided by that council's typical yearly log
  change (so a small, jumpy council gets a wider range than a large, steady one); the 10th/90th
  and 2.5th/97.5th percentiles of those scaled misses, by measure and horizon, set the 80% and 95%
  ranges. Carrying the last figure forward gets ranges calibrated the same way.

Everything at origin ``t`` uses only figures published up to ``t``: a fit for origin ``t`` is
trained on pairs whose later year is at most ``t``, and calibrated on misses whose actual year
is at most ``t``.

>>> values = pd.DataFrame([[10.0, 11, 12, 13, 14, 15, 16, 17]] * 40, columns=range(2015, 2023))
>>> fit = fit_panel(values, "toy")
>>> fc = panel_forecast(fit, "naive", values.iloc[0], 2022, [2023])
>>> fc["point"].round(1).tolist()
[17.0]
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from sufficiency.core.assumptions import (
    PANEL_MIN_CALIBRATION,
    PANEL_MIN_TRAINING,
    PANEL_SCALE_FLOOR,
    PANEL_SCALE_PRIOR_YEARS,
    PANEL_TREND_YEARS,
    PANEL_VOLATILITY_YEARS,
)
from sufficiency.forecasting.methods import INTERVAL_COLUMNS, PANEL_LABELS, Model

#: The two panel methods: the last figure carried forward, and the pooled trend.
PANEL_METHODS = ("naive", "pooled_trend")
#: Quantiles of the scaled misses behind each range end.
LEVEL_QUANTILES = {"80": (0.10, 0.90), "95": (0.025, 0.975)}
#: Horizons fitted: one more than the book shows, so a series whose last figure is a year old
#: can still be forecast to the edition's last year.
MAX_HORIZON = 4


def to_log(values):
    """The panel's scale: log(1 + value), defined at zero."""
    return np.log1p(np.asarray(values, dtype=float))


def from_log(z):
    """Back from the log scale; never below zero."""
    return np.maximum(np.expm1(np.asarray(z, dtype=float)), 0.0)


def council_features(z: pd.DataFrame, origin: int) -> pd.DataFrame:
    """Each council's state at ``origin`` from log values ``z`` (rows councils, columns years).

    ``z``: the log value at ``origin`` (NaN if not published that year); ``trend``: the average
    yearly log change from the oldest figure within :data:`PANEL_TREND_YEARS` years before
    ``origin`` (NaN without one); ``scale``: the mean absolute log change between consecutive
    published years over the last :data:`PANEL_VOLATILITY_YEARS` years (NaN without a pair of
    consecutive years) and ``changes`` how many such changes it rests on (see :func:`shrink_scale`).
    """
    out = pd.DataFrame(index=z.index)
    now = z[origin] if origin in z.columns else pd.Series(np.nan, index=z.index)
    out["z"] = now
    trend = pd.Series(np.nan, index=z.index)
    for lag in range(1, PANEL_TREND_YEARS + 1):  # the longest lag available wins
        year = origin - lag
        if year in z.columns:
            trend = trend.where(z[year].isna(), (now - z[year]) / lag)
    out["trend"] = trend
    changes = [z[y] - z[y - 1] for y in range(origin - PANEL_VOLATILITY_YEARS + 1, origin + 1)
               if y in z.columns and y - 1 in z.columns]
    if changes:
        moves = pd.concat(changes, axis=1).abs()
        out["scale"], out["changes"] = moves.mean(axis=1), moves.notna().sum(axis=1)
    else:
        out["scale"], out["changes"] = np.nan, 0
    return out


def shrink_scale(features: pd.DataFrame, typical: float) -> pd.Series:
    """A council's typical yearly change, shrunk towards the panel's ``typical`` one: a council with
    few published changes is mostly given the panel's, one with many mostly its own (weights: its
    number of changes against :data:`PANEL_SCALE_PRIOR_YEARS`). Never below :data:`PANEL_SCALE_FLOOR`.

    >>> f = pd.DataFrame({"scale": [0.5, np.nan], "changes": [1, 0]})
    >>> shrink_scale(f, 0.1).round(3).tolist()
    [0.2, 0.1]
    """
    n = features["changes"].astype(float)
    own = features["scale"].fillna(0.0)
    return ((n * own + PANEL_SCALE_PRIOR_YEARS * typical) / (n + PANEL_SCALE_PRIOR_YEARS)).clip(lower=PANEL_SCALE_FLOOR)


def history_features(history: pd.Series, origin: int) -> pd.DataFrame:
    """:func:`council_features` for one council's series (index years)."""
    z = pd.DataFrame([to_log(history.to_numpy())], columns=[int(y) for y in history.index])
    return council_features(z, origin)


@dataclass
class PanelFit:
    """One measure's pooled trend fits and calibrated scaled misses, for every origin.

    ``coefs[(origin, h)]`` is the weight on the council's own trend ``h`` years ahead, fitted on
    pairs whose later year is at most ``origin`` (absent when too few pairs); ``misses`` has one row
    per council, origin, horizon and method with the scaled miss ``score``, the ``actual`` and the
    ``point`` forecast (original scale) and the ``mase_scale`` (the council's mean absolute
    one-year change before the origin).
    """

    measure: str
    values: pd.DataFrame
    coefs: dict[tuple[int, int], float] = field(default_factory=dict)
    typical_scale: dict[int, float] = field(default_factory=dict)
    misses: pd.DataFrame = field(default_factory=pd.DataFrame)

    def calibration(self, method: str, origin: int, horizon: int) -> np.ndarray:
        """Scaled misses available at ``origin`` for ``horizon``: actual year at most ``origin``.

        When the measure has fewer than :data:`PANEL_MIN_CALIBRATION` of them (series that start
        late, such as placement types), every horizon up to this one is pooled, each miss
        stretched by sqrt(horizon / its horizon), as a random walk's spread grows.
        """
        m = self.misses
        if m.empty:
            return np.array([])
        known = m[(m["method"] == method) & (m["origin"] + m["horizon"] <= origin)]
        own = known.loc[known["horizon"] == horizon, "score"].to_numpy()
        if len(own) >= PANEL_MIN_CALIBRATION:
            return own
        near = known[known["horizon"] <= horizon]
        return (near["score"] * np.sqrt(horizon / near["horizon"])).to_numpy()


def _pairs(z: pd.DataFrame, features: dict[int, pd.DataFrame], horizon: int, last_target: int) -> pd.DataFrame:
    """Training pairs for one horizon: the own trend at t and the log change to t + h, for t + h <= last_target."""
    rows = [pd.DataFrame({"trend": f["trend"], "change": z[t + horizon] - f["z"]}).dropna()
            for t, f in features.items() if t + horizon <= last_target and t + horizon in z.columns]
    return pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=["trend", "change"])


def _quantreg(pairs: pd.DataFrame) -> float:
    """Median regression, through the origin, of the change on the council's own trend: the weight
    a council's trend keeps (1 would continue it in full, 0 carry the last figure forward)."""
    # statsmodels' model classes take about a second to import: load them only when a fit needs them.
    import statsmodels.api as sm

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # iteration-limit warnings on near-degenerate designs
        fit = sm.QuantReg(pairs["change"].to_numpy(float), pairs[["trend"]].to_numpy(float)).fit(q=0.5, max_iter=2000)
    return float(np.asarray(fit.params)[0])


def fit_panel(values: pd.DataFrame, measure: str, *, last_year: int | None = None,
              horizons: int = MAX_HORIZON) -> PanelFit:
    """Fit the pooled trend and collect the out-of-sample scaled misses at every origin.

    ``values``: one row per council, one column per year (NaN where not published);
    nothing after ``last_year`` is used. Origins run over every year with at least one
    earlier year.
    """
    values = values.loc[:, [c for c in values.columns if last_year is None or int(c) <= int(last_year)]]
    values.columns = [int(c) for c in values.columns]
    z = pd.DataFrame(to_log(values.clip(lower=0).to_numpy()), index=values.index, columns=values.columns)
    years = sorted(z.columns)
    fit = PanelFit(measure, values)
    features: dict[int, pd.DataFrame] = {}
    for t in years[1:]:
        f = council_features(z, t)
        typical = float(f["scale"].median()) if f["scale"].notna().any() else PANEL_SCALE_FLOOR
        fit.typical_scale[t] = typical
        f["scale"] = shrink_scale(f, typical)
        features[t] = f
    misses = []
    for h in range(1, horizons + 1):
        for t in features:
            pairs = _pairs(z, features, h, last_target=t)
            if len(pairs) >= PANEL_MIN_TRAINING:
                fit.coefs[(t, h)] = _quantreg(pairs)
            if t + h not in z.columns:
                continue
            f = features[t]
            actual_z = z[t + h]
            ok = f["z"].notna() & actual_z.notna() & f["scale"].notna()
            if not ok.any():
                continue
            scale = values.loc[ok, [y for y in years if y <= t]].apply(_naive_scale, axis=1)
            for method in PANEL_METHODS:
                point_z = _point_z(fit, method, f[ok], t, h)
                if point_z is None:
                    continue
                misses.append(pd.DataFrame({
                    "la_code": f.index[ok], "origin": t, "horizon": h, "method": method,
                    "score": ((actual_z[ok] - point_z) / f.loc[ok, "scale"]).to_numpy(),
                    "actual": values.loc[ok, t + h].to_numpy(), "point": from_log(point_z),
                    "last": values.loc[ok, t].to_numpy(), "mase_scale": scale.to_numpy()}))
    fit.misses = pd.concat(misses, ignore_index=True) if misses else pd.DataFrame(
        columns=["la_code", "origin", "horizon", "method", "score", "actual", "point", "last", "mase_scale"])
    return fit


def _naive_scale(row: pd.Series) -> float:
    """Mean absolute change between consecutive published years (the MASE denominator)."""
    s = row.dropna()
    years = s.index.to_numpy(dtype=int)
    consecutive = np.diff(years) == 1
    return float(np.mean(np.abs(np.diff(s.to_numpy())[consecutive]))) if consecutive.any() else np.nan


def _point_z(fit: PanelFit, method: str, f: pd.DataFrame, origin: int, h: int):
    """Central forecast on the log scale, or None when the pooled trend has no fit at this origin."""
    if method == "naive":
        return f["z"].to_numpy(dtype=float)
    coefs = fit.coefs.get((origin, h))
    if coefs is None:
        return None
    # A council with a single earlier figure has no trend: it is carried forward.
    return f["z"].to_numpy(dtype=float) + coefs * f["trend"].fillna(0.0).to_numpy(dtype=float)


def has_method(fit: PanelFit, method: str, origin: int, horizons: int) -> bool:
    """Whether ``method`` can forecast every horizon up to ``horizons`` from ``origin`` with calibrated ranges."""
    if method == "pooled_trend" and any((origin, h) not in fit.coefs for h in range(1, horizons + 1)):
        return False
    return all(len(fit.calibration(method, origin, h)) >= PANEL_MIN_CALIBRATION for h in range(1, horizons + 1))


def panel_forecast(fit: PanelFit, method: str, history: pd.Series, origin: int,
                   target_years) -> pd.DataFrame:
    """Forecast ``target_years`` from a council's ``history`` (published to ``origin``) with
    ``method``: a frame with ``year, point`` and the four range ends, never below zero.

    The figure at ``origin`` must be published: a forecast is never made from a carried value.
    """
    history = history.dropna()
    history.index = history.index.astype(int)
    if origin not in history.index:
        raise ValueError(f"no published figure for {origin} to forecast from")
    f = history_features(history[history.index <= origin], origin)
    f["scale"] = shrink_scale(f, fit.typical_scale.get(origin, PANEL_SCALE_FLOOR))
    rows = []
    for year in target_years:
        h = int(year) - int(origin)
        point_z = _point_z(fit, method, f, origin, h)
        if point_z is None:
            raise ValueError(f"the pooled trend has no fit for {origin} at {h} years ahead")
        scores = fit.calibration(method, origin, h)
        row = {"year": int(year), "point": float(from_log(point_z)[0])}
        for level, (lo, hi) in LEVEL_QUANTILES.items():
            q = np.quantile(scores, [lo, hi]) if len(scores) else np.array([np.nan, np.nan])
            row[f"lower_{level}"] = float(from_log(point_z + q[0] * f["scale"].to_numpy())[0])
            row[f"upper_{level}"] = float(from_log(point_z + q[1] * f["scale"].to_numpy())[0])
        rows.append(row)
    return pd.DataFrame(rows)[["year", "point", "lower_80", "upper_80", "lower_95", "upper_95"]]


def backtest_panel(fit: PanelFit, origins, horizons: int = 3) -> pd.DataFrame:
    """Every council's out-of-sample forecasts from each origin, ranges calibrated only on misses
    known at that origin: one row per council, origin, horizon and method, with ``inside_80``,
    ``inside_95`` and the absolute error."""
    m = fit.misses
    out = []
    for origin in origins:
        for method in PANEL_METHODS:
            for h in range(1, horizons + 1):
                rows = m[(m["method"] == method) & (m["origin"] == origin) & (m["horizon"] == h)]
                scores = fit.calibration(method, origin, h)
                if rows.empty or len(scores) < PANEL_MIN_CALIBRATION:
                    continue
                block = rows.copy()
                for level, (lo, hi) in LEVEL_QUANTILES.items():
                    q = np.quantile(scores, [lo, hi])
                    block[f"inside_{level}"] = (rows["score"] >= q[0]) & (rows["score"] <= q[1])
                out.append(block)
    if not out:
        return pd.DataFrame()
    table = pd.concat(out, ignore_index=True)
    table["abs_error"] = (table["actual"] - table["point"]).abs()
    return table


#: Names the panel methods go by among the book's methods (the plain naive keeps its own name).
MODEL_NAMES = {"naive": "calibrated_naive", "pooled_trend": "pooled_trend"}


def panel_model(fit: PanelFit, method: str) -> Model:
    """A panel method as a :class:`~.methods.Model`, so the council's own back-test can score it.

    Forecasting from a past year uses the fit and calibration of that year only.
    """
    def fit_predict(history: pd.Series, years: np.ndarray, population=None) -> dict:
        frame = panel_forecast(fit, method, history, int(history.index[-1]), years)
        return {c: frame[c].to_numpy() for c in INTERVAL_COLUMNS}

    name = MODEL_NAMES[method]
    label, technical = PANEL_LABELS[name]
    return Model(name, label, 0 if method == "naive" else 1, 2, fit_predict, technical=technical)


def national_record(fit: PanelFit, year: int, horizons: int = 3, span: int = 6) -> pd.DataFrame:
    """Each panel method's national track record as known at ``year``: forecasts from the last
    ``span`` origins whose actual figure was published by ``year``, for every council.

    One row per method: ``forecasts``, ``councils``, ``first_origin``, ``last_origin``,
    ``coverage_80``, ``coverage_95``, ``mase`` (mean of each miss over the council's typical yearly
    change) and ``mae_vs_naive`` (its mean absolute error over naive's on the same forecasts).
    """
    origins = [t for t in range(year - span - horizons + 1, year) if t in fit.values.columns]
    table = backtest_panel(fit, origins, horizons)
    if table.empty:
        return pd.DataFrame()
    table = table[table["origin"] + table["horizon"] <= year]
    keys = ["la_code", "origin", "horizon"]
    both = table.groupby(keys)["method"].transform("nunique") == table["method"].nunique()
    table = table[both]
    naive_mae = table.loc[table["method"] == "naive", "abs_error"].mean()
    rows = []
    for method, part in table.groupby("method"):
        scaled = (part["abs_error"] / part["mase_scale"]).replace([np.inf, -np.inf], np.nan)
        rows.append({"method": MODEL_NAMES[method], "forecasts": len(part), "councils": part["la_code"].nunique(),
                     "first_origin": int(part["origin"].min()), "last_origin": int(part["origin"].max()),
                     "coverage_80": float(part["inside_80"].mean()), "coverage_95": float(part["inside_95"].mean()),
                     "mase": float(scaled.mean()), "mae_vs_naive": float(part["abs_error"].mean() / naive_mae)
                     if naive_mae > 0 else np.nan})
    return pd.DataFrame(rows).set_index("method")
