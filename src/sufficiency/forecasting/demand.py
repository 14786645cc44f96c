"""Demand for placements over the next three years: data → series → forecasts, then the gap
against supply, the cost, and the council's own scenarios.

The steps, in the order the forecasts chapter uses them:

1. :func:`demand_series` reads the published tables with ``year_max=year`` (nothing after
   31 March of the edition's year is ever read into a series) and returns one annual
   series per measure in :data:`SERIES`.
2. :func:`build_forecasts` forecasts each series with :func:`methods.run_forecast`
   (method chosen by rolling-origin back-test) and makes the placement types add up to
   the total children looked after (:func:`methods.reconcile_to_total`).
3. :func:`gap_table` sets the placement-type forecasts against supply (:mod:`sufficiency.measures.supply`).
4. :func:`unit_costs` and :func:`cost_forecast` turn children into money: children ×
   weekly cost × 52.14, the range carried through.
5. :func:`apply_scenarios` re-prices and re-counts under each scenario in the council's
   ``scenarios.csv`` against the baseline forecast.

The public tables do not split placement types into in-house, agency and family and
friends placements, so the placement-type forecasts don't either; the council's share of
fostered children with its own carers comes from the foster places it filled
(:func:`supply.foster_places`).

>>> fs = build_forecasts("209", 2022)
>>> fs.table()["measure"].nunique() == len(fs.results)
True
>>> list(fs.table().columns) == FORECAST_COLUMNS
True
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from sufficiency.forecasting import methods
from sufficiency.data import localdata, publicdata
from sufficiency.measures import supply
from sufficiency.data.councils import Council, resolve_council
from sufficiency.core.assumptions import FORECAST_YEARS_AHEAD, WEEKS_PER_YEAR
from sufficiency.core.errors import InputError
from sufficiency.forecasting.methods import FORECAST_COLUMNS
from sufficiency.core.paths import DATA_LOCAL

YEARS_AHEAD = FORECAST_YEARS_AHEAD
INTERVALS = ["point", "lower_80", "upper_80", "lower_95", "upper_95"]


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

def _one_series(frame: pd.DataFrame, council: Council, measure: str, unit: str, breakdown: str = "") -> pd.Series:
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
    headline = publicdata.cla_headline(year_max=year)
    out = {
        "cla_31_march": _one_series(headline, council, "cla_31_march", "children"),
        "cla_rate_per_10k": _one_series(headline, council, "cla_31_march", publicdata.PER_10K),
        "starters": _one_series(headline, council, "starters", "children"),
        "ceased": _one_series(headline, council, "ceased", "children"),
    }
    out["uasc"] = _one_series(publicdata.uasc(year), council, "cla_uasc", "children")
    leavers = publicdata.care_leavers(year, "activity")
    for age in ("17_to_18", "19_to_21"):
        out[f"care_leavers_{age}"] = _one_series(leavers, council, f"care_leavers_activity_{age}", "young people")
    placements = publicdata.cla_characteristics(year, ["cla_by_placement_type"])
    total = _one_series(placements, council, "cla_by_placement_type", "children")
    named = {m: _one_series(placements, council, "cla_by_placement_type", "children", label).reindex(total.index)
             for m, label in PLACEMENT_BREAKDOWNS.items()}
    out.update(named)
    out["placement_other"] = total - sum(named.values())
    # Cut again here, whatever the loaders did: the edition for ``year`` never sees later figures.
    return {m: s[s.index <= int(year)].rename(m) for m, s in out.items()}


# ----------------------------------------------------------------------------- forecasts

@dataclass
class ForecastSet:
    """The chapter's forecasts for one council and edition year.

    ``results`` maps a measure to its :class:`methods.ForecastResult`; for placement
    types, ``frame`` is already reconciled to the total (``unreconciled`` keeps the
    direct forecasts). ``skipped`` names series with too little data, with the reason.
    """

    council: Council
    year: int
    series: dict[str, pd.Series]
    results: dict[str, methods.ForecastResult]
    unreconciled: dict[str, pd.DataFrame] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)

    def table(self) -> pd.DataFrame:
        """Every forecast in one frame with exactly :data:`FORECAST_COLUMNS` (for forecasts.csv)."""
        frames = [r.frame for r in self.results.values()]
        return pd.concat(frames, ignore_index=True)[FORECAST_COLUMNS] if frames else \
            pd.DataFrame(columns=FORECAST_COLUMNS)

    def frame(self, measure: str) -> pd.DataFrame:
        return self.results[measure].frame

    def write_csv(self, path: str | Path) -> Path:
        """Write forecasts.csv (numbers to 2 decimal places, so files diff cleanly)."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        table = self.table()
        table[INTERVALS] = table[INTERVALS].round(2)
        table.to_csv(path, index=False)
        return path


def build_forecasts(council, year: int, *, series: dict[str, pd.Series] | None = None,
                    years_ahead: int = YEARS_AHEAD) -> ForecastSet:
    """Forecast every series ``years_ahead`` years past ``year``; placement types add up to the total.

    ``series`` may be given (tests); otherwise :func:`demand_series`. A series whose
    last figure is before ``year`` is still forecast from its own last year and
    then cut to the years after ``year``, so every forecast covers the same years.
    """
    council = resolve_council(council)
    series = demand_series(council, year) if series is None else series
    results: dict[str, methods.ForecastResult] = {}
    skipped: dict[str, str] = {}
    target = list(range(year + 1, year + 1 + years_ahead))
    for measure, spec in SERIES.items():
        history = series.get(measure)
        if history is None or history.dropna().shape[0] < 2:
            skipped[measure] = "fewer than two published years"
            continue
        last = int(history.dropna().index.max())
        ahead = years_ahead + max(0, year - last)
        try:
            result = methods.run_forecast(history, measure, ahead, cut_off=year, counts=spec.counts)
        except InputError as err:
            skipped[measure] = err.problem or str(err)
            continue
        result.frame = result.frame[result.frame["year"].isin(target)].reset_index(drop=True)
        results[measure] = result
    unreconciled = {}
    parts = [m for m in PLACEMENT_MEASURES if m in results]
    if "cla_31_march" in results and len(parts) == len(PLACEMENT_MEASURES):
        direct = pd.concat([results[m].frame for m in parts], ignore_index=True)
        reconciled = methods.reconcile_to_total(results["cla_31_march"].frame, direct)
        for m in parts:
            unreconciled[m] = results[m].frame
            results[m].frame = reconciled[reconciled["measure"] == m].reset_index(drop=True)
    return ForecastSet(council, year, series, results, unreconciled, skipped)


# ----------------------------------------------------------------------------- track record

def track_record_table(fs: ForecastSet) -> pd.DataFrame:
    """One row per series: the chosen method's back-test errors beside naive and drift.

    Columns: ``measure, label, chosen, tests, mae, mape, mase, naive_mae, naive_mase,
    drift_mae, drift_mase, coverage_80, coverage_95, beats_naive``. Errors are NaN
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
        })
    return pd.DataFrame(rows)


# ----------------------------------------------------------------------------- supply and the gap

def inhouse_foster_share(council, year: int) -> tuple[float, int, str] | None:
    """Share of fostered children living with the council's own carers (0–1), its year and source.

    Filled in-house foster places (LAIT) over children in foster care (DfE) in the
    latest year both are published, up to ``year``; None when there is none.
    """
    council = resolve_council(council)
    places = supply.foster_places(council, year).set_index("year")["places_filled"]
    frame = publicdata.cla_characteristics(year, ["cla_by_placement_type"])
    fostered = _one_series(frame, council, "cla_by_placement_type", "children", PLACEMENT_BREAKDOWNS["placement_foster"])
    both = pd.concat([places, fostered], axis=1, keys=["filled", "fostered"]).dropna()
    both = both[both["fostered"] > 0]
    if both.empty:
        return None
    last = both.index.max()
    share = float(both.loc[last, "filled"] / both.loc[last, "fostered"])
    return min(share, 1.0), int(last), "in-house foster places filled (LAIT) over children in foster care (DfE)"


GAP_COLUMNS = ["placement", "year", "demand", "demand_low_80", "demand_high_80", "supply", "supply_what",
               "gap", "gap_low_80", "gap_high_80"]


def gap_table(fs: ForecastSet) -> pd.DataFrame:
    """Forecast demand against the latest known supply, by placement type and year.

    Supply is held at its latest published level (no one forecasts capacity here):

    - foster care: the council's approved in-house foster places (LAIT);
    - children's homes: registered places in Ofsted-registered homes in the council's area
      (shared with every council that places children there);
    - semi-independent and other: no public count of places, so supply and gap are blank.

    ``gap`` = demand − supply: children who would need a place from elsewhere even if
    every counted place went to the council's children. Its 80% range follows the demand's.
    """
    council, year = fs.council, fs.year
    foster = supply.foster_places(council, year).dropna(subset=["places"])
    homes = supply.children_homes(council, year).dropna(subset=["places"])
    latest = {
        "placement_foster": (float(foster["places"].iloc[-1]),
                             f"the council's own approved foster places on 31 March {int(foster['year'].iloc[-1])}")
        if len(foster) else (np.nan, "not published"),
        "placement_homes": (float(homes["places"].iloc[-1]),
                            f"registered places in children's homes in the area on 31 March {int(homes['year'].iloc[-1])}")
        if len(homes) else (np.nan, "not published"),
        "placement_semi_independent": (np.nan, "no public count"),
        "placement_other": (np.nan, "no public count"),
    }
    rows = []
    for measure in PLACEMENT_MEASURES:
        if measure not in fs.results:
            continue
        value, what = latest[measure]
        for r in fs.frame(measure).itertuples(index=False):
            rows.append({"placement": PLACEMENT_SHORT[measure], "year": int(r.year), "demand": r.point,
                         "demand_low_80": r.lower_80, "demand_high_80": r.upper_80, "supply": value,
                         "supply_what": what, "gap": r.point - value, "gap_low_80": r.lower_80 - value,
                         "gap_high_80": r.upper_80 - value})
    return pd.DataFrame(rows, columns=GAP_COLUMNS)


# ----------------------------------------------------------------------------- costs

@dataclass
class UnitCosts:
    """Weekly cost per child by placement series, where it came from, and notes for the book."""

    weekly: dict[str, float]
    price_year: str
    source: str              # 'local' or 's251'
    notes: list[str]
    inhouse_weekly: float | None = None   # fostering split, local costs only
    agency_weekly: float | None = None


def _price_year_end(price_year: str) -> int:
    return supply.period_end_year(price_year) or 0


def unit_costs(council, year: int, *, root: Path | None = None) -> UnitCosts:
    """Weekly unit costs for the placement series.

    The council's own costs.csv (newest price year ending by ``year``) when it has one:
    foster care is the in-house, family and friends and agency costs weighted by the
    children each covers; children's homes 'residential'; semi-independent the under-18
    cost. Otherwise Section 251 unit costs from LAIT (fostering; residential care;
    and, for want of a semi-independent figure, the cost per child looked after).
    'Other placements' (with parents, for adoption, other settings) are not costed.
    """
    council = resolve_council(council)
    root = Path(root) if root is not None else DATA_LOCAL
    notes: list[str] = []
    costs = None
    if localdata.has_local_folder(council.slug, root=root):
        costs = localdata.load_costs(council.slug, root=root)
        costs = costs[costs["price_year"].map(_price_year_end) <= year]
    if costs is not None and not costs.empty:
        price_year = max(costs["price_year"].unique(), key=_price_year_end)
        rows = costs[costs["price_year"] == price_year].set_index("placement_type")

        def mean(kind):
            return float(rows.loc[kind, "weekly_cost_mean"]) if kind in rows.index else np.nan

        def children(kind):
            value = rows.loc[kind, "children"] if kind in rows.index else np.nan
            return float(value) if pd.notna(value) else np.nan

        foster_kinds = [k for k in ("inhouse_fostering", "family_and_friends", "agency_fostering")
                        if not math.isnan(mean(k))]
        weights = np.array([children(k) for k in foster_kinds])
        values = np.array([mean(k) for k in foster_kinds])
        if len(values) and np.isfinite(weights).all() and weights.sum() > 0:
            foster = float((weights * values).sum() / weights.sum())
        else:
            foster = float(np.nanmean(values)) if len(values) else np.nan
        weekly = {"placement_foster": foster, "placement_homes": mean("residential"),
                  "placement_semi_independent": mean("semi_independent_under_18")}
        inhouse = [mean(k) for k in ("inhouse_fostering",) if not math.isnan(mean(k))]
        agency = mean("agency_fostering")
        missing = [PLACEMENT_SHORT[m] for m, v in weekly.items() if math.isnan(v)]
        if missing:
            notes.append(f"costs.csv gives no {price_year} weekly cost for: {', '.join(missing)}; "
                         "those placements are not costed.")
        return UnitCosts(weekly, price_year, "local", notes, inhouse[0] if inhouse else None,
                         None if math.isnan(agency) else agency)
    # Fall back to Section 251 unit costs (cash, the financial year ending in the latest year published).
    weekly, years = {}, []
    for measure, code in (("placement_foster", "FosteringFinance"), ("placement_homes", "RescareFinance"),
                          ("placement_semi_independent", "LACFinance")):
        frame = publicdata.lait_measure(code, year)
        frame = frame[frame["la_code"] == council.code].dropna(subset=["value"])
        if frame.empty:
            weekly[measure] = np.nan
            continue
        row = frame.sort_values("year").iloc[-1]
        weekly[measure] = float(row["value"])
        years.append(int(row["year"]))
    price_year = f"{max(years) - 1}-{str(max(years))[2:]}" if years else ""
    notes.append("The council has no costs of its own in data/local, so the weekly costs are the "
                 "Section 251 unit costs it reported to DfE (LAIT): fostering, residential care, and the "
                 "cost per child looked after standing in for semi-independent accommodation, "
                 "which has no published unit cost.")
    return UnitCosts(weekly, price_year, "s251", notes)


COST_COLUMNS = ["placement", "year", "children", "weekly_cost", "annual_cost", "annual_low_80",
                "annual_high_80", "annual_low_95", "annual_high_95"]


def cost_forecast(fs: ForecastSet, costs: UnitCosts, *, frames: dict[str, pd.DataFrame] | None = None,
                  weekly: dict[str, dict[int, float]] | None = None) -> pd.DataFrame:
    """Annual cost by placement type and year: children × weekly cost × 52.14, ranges carried through.

    ``frames`` replaces the placement forecasts (scenarios); ``weekly`` gives a weekly
    cost per year for a series (e.g. a changing in-house share, or price rises).
    A 'Total' row per year adds the costed types; adding range ends assumes every type
    is at its low (or high) end together, so the total's range is if anything too wide.
    """
    frames = frames or {m: fs.frame(m) for m in PLACEMENT_MEASURES if m in fs.results}
    rows = []
    for measure, frame in frames.items():
        base = costs.weekly.get(measure, np.nan)
        if base is None or math.isnan(base):
            continue
        for r in frame.itertuples(index=False):
            week = (weekly or {}).get(measure, {}).get(int(r.year), base)
            factor = week * WEEKS_PER_YEAR
            rows.append({"placement": PLACEMENT_SHORT[measure], "year": int(r.year), "children": r.point,
                         "weekly_cost": week, "annual_cost": r.point * factor,
                         "annual_low_80": r.lower_80 * factor, "annual_high_80": r.upper_80 * factor,
                         "annual_low_95": r.lower_95 * factor, "annual_high_95": r.upper_95 * factor})
    out = pd.DataFrame(rows, columns=COST_COLUMNS)
    if out.empty:
        return out
    total = out.groupby("year", as_index=False)[[c for c in COST_COLUMNS if c.startswith(("annual", "children"))]].sum()
    total["placement"], total["weekly_cost"] = "Total", np.nan
    return pd.concat([out, total[COST_COLUMNS]], ignore_index=True)


# ----------------------------------------------------------------------------- scenarios

#: Scenario parameters the forecasts understand, with what each does.
SCENARIO_PARAMETERS = {
    "share_inhouse_foster": "share of fostered children living with the council's own carers (%)",
    "share_foster_care": "share of children looked after who are in foster care (%)",
    "share_residential": "share of children looked after who are in children's homes (%)",
    "cla_rate_per_10k": "children looked after per 10,000 children",
    "uasc_count": "unaccompanied asylum-seeking children looked after",
    "cost_inflation_pct": "yearly rise in weekly placement prices (%)",
}


def _path_to_target(start: float, start_year: int, target: float, target_year: int, year: int) -> float:
    """A straight line from the latest figure to the target, then held (a target already due is met at once)."""
    if target_year <= start_year:
        return target
    return start + (target - start) * min(1.0, (year - start_year) / (target_year - start_year))


@dataclass
class ScenarioResult:
    """One scenario's placement forecasts, cost and fostering need, or why it was not modelled."""

    id: str
    description: str
    parameter: str
    illustrative: bool
    frames: dict[str, pd.DataFrame] | None = None
    cost: pd.DataFrame | None = None
    not_modelled: str | None = None


def _scaled(frame: pd.DataFrame, new_points: pd.Series) -> pd.DataFrame:
    """Move a forecast to new central values, ranges scaled by the same factor (relative width kept)."""
    out = frame.copy()
    old = out["point"].to_numpy(dtype=float)
    new = new_points.reindex(out["year"]).to_numpy(dtype=float)
    factor = np.divide(new, old, out=np.ones_like(new), where=old > 0)
    for column in INTERVALS:
        out[column] = out[column].to_numpy(dtype=float) * factor
    out["point"] = new
    return out


def apply_scenarios(fs: ForecastSet, scenarios: pd.DataFrame, costs: UnitCosts,
                    inhouse: tuple[float, int, str] | None) -> list[ScenarioResult]:
    """Each scenario row against the baseline: new placement forecasts and their cost.

    Shares move in a straight line from the latest published share to the target in the
    scenario's year, then stay there; children moved into or out of one placement type
    come from or go to the others in proportion. Totals (rate, UASC) scale every type.
    Ranges scale with the central figure. Unknown parameters are listed as not modelled.
    """
    base = {m: fs.frame(m) for m in PLACEMENT_MEASURES if m in fs.results}
    last_year = fs.year
    results = []
    for row in scenarios.itertuples(index=False):
        parameter = str(row.parameter).strip()
        target = float(row.value)
        target_year = supply.period_end_year(row.year) or (fs.year + YEARS_AHEAD)
        result = ScenarioResult(str(row.id), str(row.description), parameter,
                                str(row.illustrative).strip().lower() != "no")
        if parameter not in SCENARIO_PARAMETERS:
            result.not_modelled = "the forecasts do not model this setting"
            results.append(result)
            continue
        if len(base) < len(PLACEMENT_MEASURES):
            result.not_modelled = "there are no placement-type forecasts to change"
            results.append(result)
            continue
        years = base["placement_foster"]["year"].astype(int).tolist()
        points = pd.DataFrame({m: f.set_index("year")["point"] for m, f in base.items()})
        weekly: dict[str, dict[int, float]] = {}
        if parameter in ("share_foster_care", "share_residential"):
            moved = "placement_foster" if parameter == "share_foster_care" else "placement_homes"
            history = fs.series[moved] / fs.series["cla_31_march"].reindex(fs.series[moved].index)
            history = history.dropna()
            start = float(history.iloc[-1]) * 100 if len(history) else float(points[moved].iloc[0] / points.sum(axis=1).iloc[0] * 100)
            start_year = int(history.index[-1]) if len(history) else last_year
            total = points.sum(axis=1)
            others = [m for m in PLACEMENT_MEASURES if m != moved]
            new = points.copy()
            for y in years:
                share = _path_to_target(start, start_year, target, target_year, y) / 100
                new.loc[y, moved] = share * total[y]
                rest = points.loc[y, others]
                new.loc[y, others] = rest / rest.sum() * (total[y] - new.loc[y, moved]) if rest.sum() > 0 else 0
        elif parameter in ("cla_rate_per_10k", "uasc_count"):
            total = points.sum(axis=1)
            if parameter == "cla_rate_per_10k":
                population = supply.nts_threshold(fs.council, fs.year)
                if population.empty:
                    result.not_modelled = "no child population figure is published for the council"
                    results.append(result)
                    continue
                pop = float(population["population_0_17"].iloc[-1])
                rate = fs.series["cla_rate_per_10k"].dropna()
                start, start_year = float(rate.iloc[-1]), int(rate.index[-1])
                new_total = pd.Series({y: _path_to_target(start, start_year, target, target_year, y) * pop / 10000
                                       for y in years})
            else:
                uasc = fs.frame("uasc").set_index("year")["point"] if "uasc" in fs.results else pd.Series(0.0, index=years)
                recorded = fs.series["uasc"].dropna()
                start, start_year = (float(recorded.iloc[-1]), int(recorded.index[-1])) if len(recorded) else (0.0, last_year)
                new_total = pd.Series({y: total[y] + _path_to_target(start, start_year, target, target_year, y)
                                       - float(uasc.get(y, start)) for y in years})
            new = points.mul(new_total / total, axis=0)
        else:  # share_inhouse_foster or cost_inflation_pct: same children, different prices
            new = points
            if parameter == "share_inhouse_foster":
                if costs.inhouse_weekly is None or costs.agency_weekly is None or inhouse is None:
                    result.not_modelled = ("it needs in-house and agency fostering costs in costs.csv and a "
                                           "published in-house share")
                    results.append(result)
                    continue
                share0, year0, _ = inhouse
                weekly["placement_foster"] = {
                    y: (lambda s: s * costs.inhouse_weekly + (1 - s) * costs.agency_weekly)(
                        _path_to_target(share0 * 100, year0, target, target_year, y) / 100) for y in years}
                # The baseline prices foster care at today's in-house share, for a like-for-like difference.
                result.frames = {m: _scaled(base[m], new[m]) for m in base}
                baseline_week = share0 * costs.inhouse_weekly + (1 - share0) * costs.agency_weekly
                result.cost = cost_forecast(fs, costs, frames=result.frames, weekly=weekly)
                result.cost.attrs["baseline_foster_weekly"] = baseline_week
                results.append(result)
                continue
            rate = target / 100
            weekly = {m: {y: costs.weekly[m] * (1 + rate) ** (y - fs.year) for y in years}
                      for m in costs.weekly if not math.isnan(costs.weekly[m])}
        result.frames = {m: _scaled(base[m], new[m]) for m in base}
        result.cost = cost_forecast(fs, costs, frames=result.frames, weekly=weekly)
        results.append(result)
    return results


def baseline_cost(fs: ForecastSet, costs: UnitCosts, inhouse: tuple[float, int, str] | None) -> pd.DataFrame:
    """The baseline cost; when the fostering split is known, foster care is priced at today's in-house share."""
    weekly = None
    if costs.inhouse_weekly is not None and costs.agency_weekly is not None and inhouse is not None:
        share = inhouse[0]
        week = share * costs.inhouse_weekly + (1 - share) * costs.agency_weekly
        weekly = {"placement_foster": {y: week for y in range(fs.year + 1, fs.year + 1 + YEARS_AHEAD)}}
    return cost_forecast(fs, costs, weekly=weekly)


SCENARIO_COLUMNS = ["id", "scenario", "year", "cost", "cost_low_80", "cost_high_80", "difference",
                    "foster_children", "homes_children"]


def scenario_table(results: list[ScenarioResult], baseline: pd.DataFrame, year: int) -> pd.DataFrame:
    """One row per modelled scenario for ``year``: total annual cost and its 80% range, the
    difference from the baseline, and children in foster care and in children's homes."""
    base_total = baseline[(baseline["placement"] == "Total") & (baseline["year"] == year)]
    base_cost = float(base_total["annual_cost"].iloc[0]) if len(base_total) else np.nan
    rows = []
    for r in results:
        if r.cost is None or r.cost.empty:
            continue
        total = r.cost[(r.cost["placement"] == "Total") & (r.cost["year"] == year)].iloc[0]
        rows.append({"id": r.id, "scenario": r.description, "year": year, "cost": total["annual_cost"],
                     "cost_low_80": total["annual_low_80"], "cost_high_80": total["annual_high_80"],
                     "difference": total["annual_cost"] - base_cost,
                     "foster_children": float(r.frames["placement_foster"].set_index("year").loc[year, "point"]),
                     "homes_children": float(r.frames["placement_homes"].set_index("year").loc[year, "point"])})
    return pd.DataFrame(rows, columns=SCENARIO_COLUMNS)


# ----------------------------------------------------------------------------- what the council has not supplied

LOCAL_INPUTS = {"costs": "weekly placement costs (costs.csv)",
                "capacity": "in-house fostering capacity (capacity.csv)",
                "scenarios": "scenarios to test (scenarios.csv)"}


def local_inputs(council, year: int, *, root: Path | None = None) -> tuple[dict[str, pd.DataFrame], list[str]]:
    """The council's costs, capacity and scenarios tables that exist and have rows, and the
    plain descriptions of those missing (for the page to list)."""
    council = resolve_council(council)
    root = Path(root) if root is not None else DATA_LOCAL
    found, missing = {}, []
    folder = root / council.slug
    for name, what in LOCAL_INPUTS.items():
        if not (folder / f"{name}.csv").is_file():
            missing.append(what)
            continue
        frame = localdata.load_table(council.slug, name, root=root)
        if frame.empty:
            missing.append(what)
        else:
            found[name] = frame
    return found, missing


# ----------------------------------------------------------------------------- words and tables for the page

def _fmt(value, step: int = 1) -> str:
    from sufficiency.publishing.words import fmt_number

    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return fmt_number(value) if step == 1 else fmt_number(round(value / step) * step)


def series_paragraph(fs: ForecastSet, measure: str) -> str:
    """The forecast for the last year with its ranges, the method's track record, and any caveats."""
    spec = SERIES[measure]
    result = fs.results[measure]
    unit = spec.unit
    text = [methods.describe_forecast(result.frame, unit).replace("By ", f"{spec.label}: by ", 1)]
    if result.choice.backtests is not None and len(result.choice.backtests):
        text.append(methods.describe_track_record(result.choice, unit))
    if result.choice.say_so:
        text.append(result.choice.say_so)
    if measure in PLACEMENT_MEASURES and measure in fs.unreconciled:
        text.append("The placement-type forecasts were scaled so that, year by year, they add up to the "
                    "forecast of all children looked after.")
    # Only the notes a reader needs here (missing years); which methods could be tested, and how
    # often ranges held, are in the track-record section.
    notes = [n.replace(f"{measure}:", f"{spec.label}:") for n in result.notes if "no figure for" in n]
    return " ".join(text + notes)


def fan_alt(fs: ForecastSet, measure: str) -> str:
    """Alt text for a fan chart, from its numbers: what it shows, the latest figure, the forecast and ranges."""
    spec = SERIES[measure]
    history = fs.results[measure].history.dropna()
    frame = fs.frame(measure)
    last = frame.iloc[-1]
    first_year, last_year = int(history.index[0]), int(history.index[-1])
    trend = ("higher than" if history.iloc[-1] > history.iloc[0] else
             "lower than" if history.iloc[-1] < history.iloc[0] else "the same as")
    return (f"Line chart of {spec.label.lower()} ({spec.unit}), recorded {first_year} to {last_year} and forecast "
            f"to {int(last['year'])}. The latest recorded figure is {_fmt(history.iloc[-1])} in {last_year}, "
            f"{trend} the {_fmt(history.iloc[0])} of {first_year}. The central forecast for {int(last['year'])} is "
            f"{_fmt(last['point'])}, with an 80% range of {_fmt(last['lower_80'])} to {_fmt(last['upper_80'])} "
            f"and a 95% range of {_fmt(last['lower_95'])} to {_fmt(last['upper_95'])}.")


def chart_data(fs: ForecastSet, measures: list[str]) -> pd.DataFrame:
    """The numbers behind fan charts: recorded values and forecasts, one row per measure and year."""
    rows = []
    for m in measures:
        history = fs.results[m].history.dropna()
        for y, v in history.items():
            rows.append({"series": SERIES[m].label, "year": int(y), "recorded": v})
        for r in fs.frame(m).itertuples(index=False):
            rows.append({"series": SERIES[m].label, "year": int(r.year), "forecast": round(r.point, 1),
                         "low_80": round(r.lower_80, 1), "high_80": round(r.upper_80, 1),
                         "low_95": round(r.lower_95, 1), "high_95": round(r.upper_95, 1)})
    return pd.DataFrame(rows, columns=["series", "year", "recorded", "forecast", "low_80", "high_80",
                                       "low_95", "high_95"])


def fan_figure(fs: ForecastSet, measures: list[str], *, threshold: pd.DataFrame | None = None):
    """One fan chart per measure (a grid when several), with an optional dashed threshold line."""
    import matplotlib.pyplot as plt

    n = len(measures)
    cols = 1 if n == 1 else 2
    rows = math.ceil(n / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(8 if n == 1 else 10, 4.2 * rows), squeeze=False)
    for ax, m in zip(axes.flat, measures):
        result = fs.results[m]
        methods.fan_chart(ax, result.history, result.frame, SERIES[m].short.capitalize() if n > 1 else SERIES[m].label)
        ax.set_title(SERIES[m].label if n > 1 else "", fontsize=10, loc="left")
        ax.set_ylabel(SERIES[m].unit)
        ax.set_ylim(bottom=0)
        if threshold is not None and len(threshold):
            ax.plot(threshold["year"], threshold["threshold"], color="black", linestyle="-.", linewidth=1.5,
                    label="National Transfer Scheme level (0.1% of children)")
            ax.legend(frameon=False, fontsize=8)
        if n > 1:
            ax.legend(frameon=False, fontsize=8)
    for ax in list(axes.flat)[n:]:
        ax.axis("off")
    fig.tight_layout()
    return fig


def readers_forecast_table(fs: ForecastSet, measures: list[str]) -> pd.DataFrame:
    """Forecasts as readers see them: central figure and ranges, rounded to whole numbers."""
    rows = []
    for m in measures:
        for r in fs.frame(m).itertuples(index=False):
            rows.append({"Series": SERIES[m].label, "Year": str(int(r.year)), "Central forecast": _fmt(r.point),
                         "80% range": f"{_fmt(math.floor(r.lower_80))} to {_fmt(math.ceil(r.upper_80))}",
                         "95% range": f"{_fmt(math.floor(r.lower_95))} to {_fmt(math.ceil(r.upper_95))}"})
    return pd.DataFrame(rows)


def readers_track_record(fs: ForecastSet) -> pd.DataFrame:
    """The back-test as readers see it: for each series, the chosen method and the two plain
    methods side by side (one row each; the chosen one is marked), with MAE, MAPE, MASE and how
    often the real figure fell inside the 80% and 95% ranges."""
    from sufficiency.publishing.words import fmt_number

    def num(v, nd=1):
        return "–" if pd.isna(v) else fmt_number(v, nd)

    def pct(v):
        return "–" if pd.isna(v) else f"{fmt_number(v * 100)}%"

    rows = []
    for measure, result in fs.results.items():
        s = result.choice.summary
        chosen = result.choice.model
        for i, model in enumerate([chosen] + [m for m in ("naive", "drift") if m != chosen]):
            if model not in s.index:
                continue
            r = s.loc[model]
            label = methods.model_label(model) + (" (chosen)" if model == chosen else "")
            rows.append({"Series": SERIES[measure].short.capitalize() if i == 0 else "",
                         "Method": label, "Tests": str(int(r["n_forecasts"])),
                         "MAE": num(r["mae"]), "MAPE": "–" if pd.isna(r["mape"]) else f"{fmt_number(r['mape'])}%",
                         "MASE": num(r["mase"], 2), "Inside 80% range": pct(r["coverage_80"]),
                         "Inside 95% range": pct(r["coverage_95"])})
    return pd.DataFrame(rows)


def readers_gap_table(gap: pd.DataFrame) -> pd.DataFrame:
    """Demand against places as readers see it (what the places are is said in the caption)."""
    def span(a, b):
        return "–" if pd.isna(a) else f"{_fmt(math.floor(a))} to {_fmt(math.ceil(b))}"

    return pd.DataFrame({
        "Placement type": gap["placement"], "Year": gap["year"].astype(str),
        "Children (forecast)": gap["demand"].map(_fmt),
        "80% range": [span(a, b) for a, b in zip(gap["demand_low_80"], gap["demand_high_80"])],
        "Places": gap["supply"].map(_fmt),
        "Children beyond the places": gap["gap"].map(_fmt),
        "80% range of the gap": [span(a, b) for a, b in zip(gap["gap_low_80"], gap["gap_high_80"])],
    })


def _money(value) -> str:
    """Annual money in millions to one decimal place: the forecasts are not more precise."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    from sufficiency.publishing.words import fmt_number

    return f"£{fmt_number(value / 1e6, 1)}m"


def readers_cost_table(cost: pd.DataFrame) -> pd.DataFrame:
    """Annual cost by type and year in £ millions, with the 80% and 95% ranges."""
    from sufficiency.publishing.words import fmt_money

    return pd.DataFrame({
        "Placement type": cost["placement"], "Year": cost["year"].astype(str),
        "Children (forecast)": cost["children"].map(_fmt),
        "Weekly cost": cost["weekly_cost"].map(lambda v: "–" if pd.isna(v) else fmt_money(v)),
        "Annual cost": cost["annual_cost"].map(_money),
        "80% range": [f"{_money(a)} to {_money(b)}" for a, b in zip(cost["annual_low_80"], cost["annual_high_80"])],
        "95% range": [f"{_money(a)} to {_money(b)}" for a, b in zip(cost["annual_low_95"], cost["annual_high_95"])],
    })


def readers_scenario_table(table: pd.DataFrame, baseline: pd.DataFrame, fs: ForecastSet) -> pd.DataFrame:
    """Scenarios beside the baseline for the last forecast year (cost to the nearest £10,000)."""
    year = fs.year + YEARS_AHEAD
    base = baseline[(baseline["placement"] == "Total") & (baseline["year"] == year)].iloc[0]
    rows = [{"Scenario": "Baseline forecast", "Annual cost": _money(base["annual_cost"]),
             "80% range": f"{_money(base['annual_low_80'])} to {_money(base['annual_high_80'])}",
             "Against the baseline": "–",
             "In foster care": _fmt(fs.frame("placement_foster").set_index("year").loc[year, "point"]),
             "In children's homes": _fmt(fs.frame("placement_homes").set_index("year").loc[year, "point"])}]
    for r in table.itertuples(index=False):
        sign = "+" if r.difference >= 0 else "−"  # a true minus sign
        rows.append({"Scenario": f"{r.id}: {r.scenario}", "Annual cost": _money(r.cost),
                     "80% range": f"{_money(r.cost_low_80)} to {_money(r.cost_high_80)}",
                     "Against the baseline": f"{sign}{_money(abs(r.difference))}",
                     "In foster care": _fmt(r.foster_children), "In children's homes": _fmt(r.homes_children)})
    return pd.DataFrame(rows)
