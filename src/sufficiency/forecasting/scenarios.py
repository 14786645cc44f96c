"""The council's scenarios, each against the baseline forecast: what happens to where children
live, and to the cost, when one assumption changes (scenarios.csv).

A share moves in a straight line from its latest published level to the scenario's target in
the scenario's year, then stays there. A year that is the edition's own leaves no time to move, so
the target holds from the first forecast year (the page names those scenarios); an earlier year is
refused (:class:`~sufficiency.core.errors.InputError`, naming the file, row and column). Every
scenario is priced as the baseline is (:func:`.costs.baseline_weekly`) except where it changes a
price, so a scenario with more children costs more.

>>> path_to_target(20.0, 2025, 50.0, 2028, 2026)
30.0
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from sufficiency.core.assumptions import FORECAST_YEARS_AHEAD
from sufficiency.core.errors import InputError
from sufficiency.forecasting.costs import UnitCosts, baseline_weekly, cost_forecast, foster_weekly_cost
from sufficiency.forecasting.demand import PLACEMENT_MEASURES, ForecastSet
from sufficiency.forecasting.methods import INTERVAL_COLUMNS
from sufficiency.measures import supply

#: Scenario parameters the forecasts understand, with what each does.
SCENARIO_PARAMETERS = {
    "share_inhouse_foster": "share of fostered children living with the council's own carers (%)",
    "share_foster_care": "share of children looked after who are in foster care (%)",
    "share_residential": "share of children looked after who are in children's homes (%)",
    "cla_rate_per_10k": "children looked after per 10,000 children",
    "uasc_count": "unaccompanied asylum-seeking children looked after",
    "uasc_pct_of_nts_level": "unaccompanied children as a share of the National Transfer Scheme level (%), "
                             "the level computed from the council's child population as the forecasts page does",
    "cost_inflation_pct": "yearly rise in weekly placement prices (%)",
}


def nts_level(council, year: int) -> float | None:
    """The National Transfer Scheme level for the council in the edition: 0.1% of its latest child
    population to ``year``, the one number the forecasts page states (None without a population)."""
    threshold = supply.nts_threshold(council, year)
    return float(threshold["threshold"].iloc[-1]) if len(threshold) else None


def path_to_target(start: float, start_year: int, target: float, target_year: int, year: int) -> float:
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
    year: int | None = None          # the year the target is due
    at_once: bool = False            # due in the edition's own year: held from the first forecast year


def _scaled(frame: pd.DataFrame, new_points: pd.Series) -> pd.DataFrame:
    """Move a forecast to new central values, ranges scaled by the same factor (relative width kept)."""
    out = frame.copy()
    old = out["point"].to_numpy(dtype=float)
    new = new_points.reindex(out["year"]).to_numpy(dtype=float)
    factor = np.divide(new, old, out=np.ones_like(new), where=old > 0)
    for column in INTERVAL_COLUMNS:
        out[column] = out[column].to_numpy(dtype=float) * factor
    out["point"] = new
    return out


#: Parameters whose year does not matter (a yearly rise runs from the edition's year).
UNDATED = ("cost_inflation_pct",)


def scenario_years(scenarios: pd.DataFrame, year: int) -> list[int]:
    """The year each scenario's target is due (the forecasts' last year when none is given).

    A year before ``year``, the edition's, is refused: the forecasts start from that year's figures, so
    a target due earlier has passed before they begin. The message names the file, row and column.
    """
    source = scenarios.attrs.get("source")
    out = []
    for i, given in enumerate(scenarios["year"] if "year" in scenarios.columns else [None] * len(scenarios)):
        due = supply.period_end_year(given) if given is not None and not pd.isna(given) and str(given).strip() else None
        if due is not None and due < int(year):
            raise InputError(source.path if source is not None else "scenarios.csv",
                             source.cell(i, "year") if source is not None else f"row {i + 2}, column 'year'",
                             str(given).strip(),
                             f"{year} or later, the year of the latest figures the forecasts start from, or an "
                             "empty cell for the forecasts' last year",
                             hint=f"A target for {year} is reached at once, in the first forecast year")
        out.append(due if due is not None else int(year) + FORECAST_YEARS_AHEAD)
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
    due = scenario_years(scenarios, fs.year)
    priced = baseline_weekly(fs, costs, inhouse)
    results = []
    for row, target_year in zip(scenarios.itertuples(index=False), due):
        parameter = str(row.parameter).strip()
        target = float(row.value)
        result = ScenarioResult(str(row.id), str(row.description), parameter,
                                str(row.illustrative).strip().lower() != "no", year=target_year,
                                at_once=target_year <= fs.year and parameter in SCENARIO_PARAMETERS
                                and parameter not in UNDATED)
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
        weekly = dict(priced)
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
                share = path_to_target(start, start_year, target, target_year, y) / 100
                new.loc[y, moved] = share * total[y]
                rest = points.loc[y, others]
                new.loc[y, others] = rest / rest.sum() * (total[y] - new.loc[y, moved]) if rest.sum() > 0 else 0
        elif parameter in ("cla_rate_per_10k", "uasc_count", "uasc_pct_of_nts_level"):
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
                new_total = pd.Series({y: path_to_target(start, start_year, target, target_year, y) * pop / 10000
                                       for y in years})
            else:
                if parameter == "uasc_pct_of_nts_level":
                    level = nts_level(fs.council, fs.year)
                    if level is None:
                        result.not_modelled = "no child population figure is published for the council"
                        results.append(result)
                        continue
                    target = target / 100 * level
                uasc = fs.frame("uasc").set_index("year")["point"] if "uasc" in fs.results else pd.Series(dtype=float)
                recorded = fs.series["uasc"].dropna()
                start, start_year = (float(recorded.iloc[-1]), int(recorded.index[-1])) if len(recorded) else (0.0, last_year)
                new_total = pd.Series({y: total[y] + path_to_target(start, start_year, target, target_year, y)
                                       - float(uasc.get(y, start)) for y in years})
            new = points.mul(new_total / total, axis=0)
        else:  # share_inhouse_foster or cost_inflation_pct: same children, different prices
            new = points
            if parameter == "share_inhouse_foster":
                if costs.inhouse_weekly is None or costs.agency_weekly is None or inhouse is None:
                    result.not_modelled = ("it needs the council's in-house and agency fostering costs and an "
                                           "in-house share worked out like for like")
                    results.append(result)
                    continue
                share0, year0, _ = inhouse
                weekly["placement_foster"] = {
                    # Only the in-house share moves; family and friends care is priced as in the baseline.
                    y: foster_weekly_cost(path_to_target(share0 * 100, year0, target, target_year, y) / 100,
                                          costs.inhouse_weekly, costs.agency_weekly,
                                          kin_share=getattr(inhouse, "family_and_friends_share", 0.0),
                                          kin_weekly=costs.kin_weekly) for y in years}
            else:
                rate = target / 100
                weekly = {m: {y: priced[m][y] * (1 + rate) ** (y - fs.year) for y in years} for m in priced}
        result.frames = {m: _scaled(base[m], new[m]) for m in base}
        result.cost = cost_forecast(fs, costs, frames=result.frames, weekly=weekly)
        results.append(result)
    return results


SCENARIO_COLUMNS = ["id", "scenario", "year", "cost", "cost_low_80", "cost_high_80", "difference",
                    "foster_children", "homes_children", "semi_children"]


def scenario_table(results: list[ScenarioResult], baseline: pd.DataFrame, year: int) -> pd.DataFrame:
    """One row per modelled scenario for ``year``: total annual cost and its 80% range, the
    difference from the baseline, and children in foster care, in children's homes and in
    semi-independent and supported homes (the dearest after children's homes)."""
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
                     "homes_children": float(r.frames["placement_homes"].set_index("year").loc[year, "point"]),
                     "semi_children": float(r.frames["placement_semi_independent"].set_index("year")
                                            .loc[year, "point"])})
    return pd.DataFrame(rows, columns=SCENARIO_COLUMNS)
