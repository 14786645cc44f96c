"""Demand for placements: the published series for a council, and their forecasts.

1. :func:`demand_series` reads the published tables with ``year_max=year`` (nothing after
   31 March of the edition's year is ever read into a series) and returns one annual
   series per measure in :data:`SERIES`.
2. :func:`build_forecasts` forecasts each series with :func:`.forecast.run_forecast`
   (method chosen by rolling-origin back-test) and makes the placement types add up to
   the total children looked after (:func:`.reconcile.reconcile_to_total`).
3. :func:`track_record_table` sets each chosen method's back-test beside the two plain methods.

What happens next lives beside this module: the gap against supply (:mod:`.gap`), the cost
(:mod:`.costs`) and the council's scenarios (:mod:`.scenarios`). :func:`local_inputs` says
which of the council's own files those steps can use.

The public tables do not split placement types into in-house, agency and family and
friends placements, so the placement-type forecasts don't either.

>>> fs = build_forecasts("209", 2022)
>>> fs.table()["measure"].nunique() == len(fs.results)
True
>>> list(fs.table().columns) == FORECAST_COLUMNS
True
"""
from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from sufficiency.core.assumptions import FORECAST_MIN_YEARS, FORECAST_YEARS_AHEAD
from sufficiency.core.errors import InputError
from sufficiency.core.files import disk_cached
from sufficiency.core.paths import DATA_LOCAL
from sufficiency.data import localdata, published
from sufficiency.data.councils import Council, resolve_council
from sufficiency.forecasting.forecast import ForecastResult, run_panel_forecast
from sufficiency.forecasting.methods import FORECAST_COLUMNS, INTERVAL_COLUMNS
from sufficiency.forecasting.panel import PanelFit, fit_panel, has_method
from sufficiency.forecasting.reconcile import reconcile_to_total
from sufficiency.forecasting.selection import PanelDecision, choose_panel_method

YEARS_AHEAD = FORECAST_YEARS_AHEAD



@dataclass(frozen=True)
class SeriesSpec:
    """One forecast series: id (the ``measure`` in forecasts.csv), label, unit, and whether it is a count."""

    measure: str
    label: str
    unit: str
    counts: bool = True
    group: str = "headline"
    short: str = ""          # for legends, tables and lists inside sentences (lower case)


#: The series the chapter forecasts, in the order it shows them.
SERIES: dict[str, SeriesSpec] = {s.measure: s for s in (
    SeriesSpec("cla_31_march", "Children looked after on 31 March", "children", short="children looked after"),
    SeriesSpec("cla_rate_per_10k", "Children looked after per 10,000 children", "per 10,000 children",
               counts=False, short="rate per 10,000 children"),
    SeriesSpec("starters", "Children who started to be looked after in the year", "children", short="children starting care"),
    SeriesSpec("ceased", "Children who stopped being looked after in the year", "children", short="children leaving care"),
    SeriesSpec("uasc", "Unaccompanied asylum-seeking children looked after on 31 March", "children", short="unaccompanied children"),
    SeriesSpec("care_leavers_17_to_18", "Care leavers aged 17 to 18", "young people", short="care leavers aged 17 to 18"),
    SeriesSpec("care_leavers_19_to_21", "Care leavers aged 19 to 21", "young people", short="care leavers aged 19 to 21"),
    SeriesSpec("placement_foster", "Children in foster care", "children", group="placement", short="foster care"),
    SeriesSpec("placement_homes", "Children in children's homes (including secure homes)", "children",
               group="placement", short="children's homes"),
    SeriesSpec("placement_semi_independent", "Children in semi-independent or supported accommodation",
               "children", group="placement", short="semi-independent and supported"),
    SeriesSpec("placement_other", "Children in other placements", "children", group="placement", short="other placements"),
)}
PLACEMENT_MEASURES = [m for m, s in SERIES.items() if s.group == "placement"]
#: DfE placement labels (cla_by_placement_type) behind each placement series; 'other' is the rest.
PLACEMENT_BREAKDOWNS = {
    "placement_foster": "Foster placements",
    "placement_homes": "Secure homes and children's homes",
    "placement_semi_independent": "Independent and semi-independent living arrangements/supported accommodation",
}
#: Short names for tables.
PLACEMENT_SHORT = {"placement_foster": "Foster care", "placement_homes": "Children's homes",
                   "placement_semi_independent": "Semi-independent and supported",
                   "placement_other": "Other placements"}


# ----------------------------------------------------------------------------- series

def one_series(frame: pd.DataFrame, council: Council, measure: str, unit: str, breakdown: str = "") -> pd.Series:
    """One council's values of one measure, unit and breakdown from a tidy published table, by year."""
    rows = frame[(frame["la_code"] == council.code) & (frame["measure"] == measure)
                 & (frame["unit"] == unit) & (frame["breakdown"] == breakdown)]
    return rows.set_index("year")["value"].sort_index().astype(float)


def demand_series(council, year: int) -> dict[str, pd.Series]:
    """Every series in :data:`SERIES` for the council, with no year after ``year``.

    Suppressed figures are NaN (the forecasting leaves those years out and says so).
    'Other placements' is the total less the three named types, so it is missing
    whenever one of them is suppressed.
    """
    council = resolve_council(council)
    headline = published.cla_headline(year_max=year)
    out = {
        "cla_31_march": one_series(headline, council, "cla_31_march", "children"),
        "cla_rate_per_10k": one_series(headline, council, "cla_31_march", published.PER_10K),
        "starters": one_series(headline, council, "starters", "children"),
        "ceased": one_series(headline, council, "ceased", "children"),
    }
    out["uasc"] = one_series(published.uasc(year), council, "cla_uasc", "children")
    leavers = published.care_leavers(year, "activity")
    for age in ("17_to_18", "19_to_21"):
        out[f"care_leavers_{age}"] = one_series(leavers, council, f"care_leavers_activity_{age}", "young people")
    placements = published.cla_characteristics(year, ["cla_by_placement_type"])
    total = one_series(placements, council, "cla_by_placement_type", "children")
    named = {m: one_series(placements, council, "cla_by_placement_type", "children", label).reindex(total.index)
             for m, label in PLACEMENT_BREAKDOWNS.items()}
    out.update(named)
    out["placement_other"] = total - sum(named.values())
    # Cut again here, whatever the loaders did: the edition for ``year`` never sees later figures.
    return {m: s[s.index <= int(year)].rename(m) for m, s in out.items()}


def _wide(frame: pd.DataFrame, measure: str, unit: str, breakdown: str = "") -> pd.DataFrame:
    """Every council's values of one measure, unit and breakdown: rows councils, columns years."""
    rows = frame[frame["la_code"].notna() & (frame["measure"] == measure) & (frame["unit"] == unit)
                 & (frame["breakdown"] == breakdown)]
    return rows.pivot_table(index="la_code", columns="year", values="value", aggfunc="first").astype(float)


def demand_panel(year: int) -> dict[str, pd.DataFrame]:
    """Every series in :data:`SERIES` for every council (rows) by year (columns), none after ``year``.

    The same published tables as :func:`demand_series`, read once for all councils: the panel
    that the pooled forecasts (:mod:`.panel`) learn from. Suppressed figures are NaN.
    """
    headline = published.cla_headline(year_max=year)
    out = {
        "cla_31_march": _wide(headline, "cla_31_march", "children"),
        "cla_rate_per_10k": _wide(headline, "cla_31_march", published.PER_10K),
        "starters": _wide(headline, "starters", "children"),
        "ceased": _wide(headline, "ceased", "children"),
        "uasc": _wide(published.uasc(year), "cla_uasc", "children"),
    }
    leavers = published.care_leavers(year, "activity")
    for age in ("17_to_18", "19_to_21"):
        out[f"care_leavers_{age}"] = _wide(leavers, f"care_leavers_activity_{age}", "young people")
    placements = published.cla_characteristics(year, ["cla_by_placement_type"])
    total = _wide(placements, "cla_by_placement_type", "children")
    named = {m: _wide(placements, "cla_by_placement_type", "children", label).reindex_like(total)
             for m, label in PLACEMENT_BREAKDOWNS.items()}
    out.update(named)
    out["placement_other"] = total - sum(named.values())
    return {m: w.loc[:, [c for c in w.columns if int(c) <= int(year)]] for m, w in out.items()}


# ----------------------------------------------------------------------------- forecasts

@dataclass
class ForecastSet:
    """The chapter's forecasts for one council and edition year.

    ``results`` maps a measure to its :class:`ForecastResult`; for placement
    types, ``frame`` is already reconciled to the total (``unreconciled`` keeps the
    direct forecasts). ``skipped`` names series with too little data, with the reason.
    """

    council: Council
    year: int
    series: dict[str, pd.Series]
    results: dict[str, ForecastResult]
    unreconciled: dict[str, pd.DataFrame] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)

    def table(self) -> pd.DataFrame:
        """Every forecast in one frame with exactly :data:`FORECAST_COLUMNS` (for forecasts.csv)."""
        frames = [r.frame for r in self.results.values()]
        return pd.concat(frames, ignore_index=True)[FORECAST_COLUMNS] if frames else \
            pd.DataFrame(columns=FORECAST_COLUMNS)

    def frame(self, measure: str) -> pd.DataFrame:
        """The published forecast rows of one measure (reconciled, for placement types)."""
        return self.results[measure].frame

    def write_csv(self, path: str | Path) -> Path:
        """Write forecasts.csv (numbers to 2 decimal places, so files diff cleanly)."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        table = self.table()
        table[INTERVAL_COLUMNS] = table[INTERVAL_COLUMNS].round(2)
        table.to_csv(path, index=False)
        return path


@functools.lru_cache(maxsize=4)
@disk_cached("forecasting.national_fits")
def national_fits(year: int) -> dict[str, tuple[PanelFit, PanelDecision]]:
    """Every measure's panel fit on all councils' figures to ``year``, and the method chosen from it.

    The same for every council and every page of an edition (about ten seconds): kept on disk, keyed
    by the files it read, so the forecasts page, the first page and every council of a national run
    share one fit instead of each refitting it.
    """
    panel = demand_panel(year)
    out = {}
    for measure, values in panel.items():
        fit = fit_panel(values, measure, last_year=year)
        out[measure] = (fit, choose_panel_method(fit, year, YEARS_AHEAD))
    return out


def too_old_or_short(history: pd.Series, year: int) -> str | None:
    """Why a series is not forecast, or None: fewer than
    :data:`~sufficiency.core.assumptions.FORECAST_MIN_YEARS` published figures, or a latest figure
    older than the edition's last two years (later ones suppressed or not published).

    >>> too_old_or_short(pd.Series([11.0, None, None], index=[2017, 2024, 2025]), 2025)
    'only 1 published year'
    >>> too_old_or_short(pd.Series([9.0, 10.0, 11.0, None], index=[2015, 2016, 2017, 2025]), 2025)
    'the latest published figure is for 2017 and none has been published since, so there is nothing current to forecast from'
    """
    observed = history[history.index <= int(year)].dropna()
    if len(observed) == 0:
        return "no published figures"
    if len(observed) < FORECAST_MIN_YEARS:
        return f"only {len(observed)} published year{'' if len(observed) == 1 else 's'}"
    last = int(observed.index.max())
    if last < int(year) - 1:
        return (f"the latest published figure is for {last} and none has been published since, so there is "
                "nothing current to forecast from")
    return None


def build_forecasts(council, year: int, *, series: dict[str, pd.Series] | None = None,
                    years_ahead: int = YEARS_AHEAD) -> ForecastSet:
    """Forecast every series ``years_ahead`` years past ``year``; placement types add up to the total.

    ``series`` may be given (tests); otherwise :func:`demand_series`. Each series is forecast by
    the method chosen for its measure from every council's record (:func:`national_fits`), with
    ranges calibrated on all councils' past misses. A series whose last figure is for the year
    before ``year`` (``year`` itself suppressed) is forecast from that figure, a year further
    ahead; one with an older last figure, or fewer than three figures, is not forecast and the
    reason is kept in ``skipped``.
    """
    council = resolve_council(council)
    series = demand_series(council, year) if series is None else series
    fits = national_fits(int(year))
    results: dict[str, ForecastResult] = {}
    skipped: dict[str, str] = {}
    target = list(range(year + 1, year + 1 + years_ahead))
    for measure, spec in SERIES.items():
        history = series.get(measure)
        why = "no published figures" if history is None else too_old_or_short(history, year)
        if why is None and measure not in fits:
            why = "no national record to forecast with"
        if why:
            skipped[measure] = why
            continue
        fit, decision = fits[measure]
        last = int(history[history.index <= int(year)].dropna().index.max())
        ahead = years_ahead + int(year) - last
        if decision.method == "pooled_trend" and not has_method(fit, "pooled_trend", last, ahead):
            decision = PanelDecision(measure, "calibrated_naive", decision.record, False, decision.say_so)
        if not has_method(fit, "naive", last, ahead):
            skipped[measure] = "too few past forecasts across councils to set its ranges"
            continue
        try:
            result = run_panel_forecast(history, measure, fit, decision, ahead, cut_off=year, counts=spec.counts)
        except InputError as err:
            skipped[measure] = err.problem or str(err)
            continue
        result.frame = result.frame[result.frame["year"].isin(target)].reset_index(drop=True)
        result.decision = decision
        results[measure] = result
    unreconciled = {}
    parts = [m for m in PLACEMENT_MEASURES if m in results]
    if "cla_31_march" in results and len(parts) == len(PLACEMENT_MEASURES):
        direct = pd.concat([results[m].frame for m in parts], ignore_index=True)
        reconciled = reconcile_to_total(results["cla_31_march"].frame, direct)
        for m in parts:
            unreconciled[m] = results[m].frame
            results[m].frame = reconciled[reconciled["measure"] == m].reset_index(drop=True)
    return ForecastSet(council, year, series, results, unreconciled, skipped)


@disk_cached("forecasting.council_forecasts")
def _council_forecasts(code: str, year: int) -> ForecastSet:
    return build_forecasts(code, year)


def council_forecasts(council, year: int) -> ForecastSet:
    """:func:`build_forecasts` from the published series, kept on disk (keyed by the files it read):
    the forecasts page and the first page of a council's book, and the regional book of any group
    it belongs to, share one set of forecasts instead of each making it again."""
    return _council_forecasts(resolve_council(council).code, int(year))


# ----------------------------------------------------------------------------- track record

def _national(result: ForecastResult) -> dict:
    """The chosen method's national record (NaN without one): coverage and misses against naive."""
    d = result.decision
    row = d.record.loc[d.method] if d is not None and not d.record.empty and d.method in d.record.index else None
    return {"national_beats_naive": bool(d.beats_naive) if d is not None else False,
            "national_coverage_80": float(row["coverage_80"]) if row is not None else np.nan,
            "national_coverage_95": float(row["coverage_95"]) if row is not None else np.nan,
            "national_mae_vs_naive": float(row["mae_vs_naive"]) if row is not None else np.nan}


def track_record_table(fs: ForecastSet) -> pd.DataFrame:
    """One row per series: the chosen method's back-test errors on the council's own figures beside
    naive and drift, and its national record.

    Columns: ``measure, label, chosen, tests, mae, mape, mase, naive_mae, naive_mase,
    drift_mae, drift_mase, coverage_80, coverage_95, beats_naive, national_beats_naive,
    national_coverage_80, national_coverage_95, national_mae_vs_naive``. Errors are NaN
    where a method could not be tested.
    """
    rows = []
    for measure, result in fs.results.items():
        s = result.choice.summary
        chosen = result.choice.model

        def get(model, column):
            return float(s.loc[model, column]) if model in s.index and column in s.columns else np.nan

        rows.append({
            "measure": measure, "label": SERIES[measure].label, "chosen": chosen,
            "tests": int(get(chosen, "n_forecasts")) if not math.isnan(get(chosen, "n_forecasts")) else 0,
            "mae": get(chosen, "mae"), "mape": get(chosen, "mape"), "mase": get(chosen, "mase"),
            "naive_mae": get("naive", "mae"), "naive_mase": get("naive", "mase"),
            "drift_mae": get("drift", "mae"), "drift_mase": get("drift", "mase"),
            "coverage_80": get(chosen, "coverage_80"), "coverage_95": get(chosen, "coverage_95"),
            "beats_naive": bool(result.choice.beats_naive),
            **_national(result),
        })
    return pd.DataFrame(rows)



# ----------------------------------------------------------------------------- what the council has not supplied

LOCAL_INPUTS = {"costs": "weekly placement costs",
                "capacity": "in-house fostering capacity",
                "scenarios": "scenarios to test"}


def local_inputs(council, year: int, *, root: Path | None = None) -> tuple[dict[str, pd.DataFrame], list[str]]:
    """The council's costs, capacity and scenarios tables that exist and have rows, and the
    plain descriptions of those missing (for the page to list)."""
    council = resolve_council(council)
    root = Path(root) if root is not None else DATA_LOCAL
    found, missing = {}, []
    for name, what in LOCAL_INPUTS.items():
        if not localdata.has_table(council.slug, name, root=root):   # a CSV file or a workbook sheet
            missing.append(what)
            continue
        frame = localdata.load_table(council.slug, name, root=root)
        if frame.empty:
            missing.append(what)
        else:
            found[name] = frame
    return found, missing
