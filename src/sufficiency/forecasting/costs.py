"""What the placement forecasts may cost: weekly unit costs, and children × weekly cost ×
52.14 weeks a year, with the forecast's ranges carried through.

The council's own weekly costs (its cost table with the newest price year ending by the
edition's year) are carried to the edition's prices with the GDP deflator
(:func:`sufficiency.measures.costs.repricing`); without a cost table, the Section 251 unit
costs it reported to DfE (LAIT), in cash prices of their year.

>>> foster_weekly_cost(0.25, inhouse_weekly=400.0, agency_weekly=1000.0)
850.0
>>> foster_weekly_cost(0.25, 400.0, 1000.0, kin_share=0.5, kin_weekly=600.0)
725.0
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from sufficiency.core.assumptions import FORECAST_YEARS_AHEAD, WEEKS_PER_YEAR
from sufficiency.core.paths import DATA_LOCAL
from sufficiency.data import localdata, published
from sufficiency.data.councils import resolve_council
from sufficiency.forecasting.demand import PLACEMENT_MEASURES, PLACEMENT_SHORT, ForecastSet
from sufficiency.measures import costs as cost_model
from sufficiency.measures import supply


@dataclass
class UnitCosts:
    """Weekly cost per child by placement series, where it came from, and notes for the book."""

    weekly: dict[str, float]
    price_year: str          # the prices the weekly costs are in ('2024-25')
    source: str              # 'local' or 's251'
    notes: list[str]
    inhouse_weekly: float | None = None   # fostering split, local costs only
    agency_weekly: float | None = None
    kin_weekly: float | None = None       # family and friends foster care, local costs only
    given_price_year: str | None = None   # the price year of the council's table ('2020-21'), local only
    index: str = ""                       # the index that carried them, '' when not carried


def _price_year_end(price_year: str) -> int:
    """The year a price year such as '2020-21' ends in (0 when it cannot be read)."""
    return supply.period_end_year(price_year) or 0


def unit_costs(council, year: int, *, root: Path | None = None) -> UnitCosts:
    """Weekly unit costs for the placement series.

    The council's own cost table (newest price year ending by ``year``) when it has one, carried
    to the edition's prices (2024-25 for 2025) with the GDP deflator: foster care is the
    in-house, family and friends and agency costs weighted by the children the table lists
    (:func:`baseline_cost` re-weights them by the published in-house share); children's homes
    'residential'; semi-independent the under-18 cost. Otherwise Section 251 unit costs from
    LAIT (fostering; residential care; and, for want of a semi-independent figure, the cost per
    child looked after). 'Other placements' (with parents, for adoption, other settings) are not costed.
    """
    council = resolve_council(council)
    root = Path(root) if root is not None else DATA_LOCAL
    notes: list[str] = []
    costs = None
    if localdata.has_local_folder(council.slug, root=root):
        costs = localdata.load_costs(council.slug, root=root)
        costs = costs[costs["price_year"].map(_price_year_end) <= year]
    if costs is not None and not costs.empty:
        given = max(costs["price_year"].unique(), key=_price_year_end)
        carry = cost_model.repricing(given, year)
        table = cost_model.reprice_table(cost_model.cost_table(costs, given), carry)
        rows = table.set_index("placement_type")

        def mean(kind):
            return float(rows.loc[kind, "weekly_cost_mean"]) if kind in rows.index else np.nan

        weekly = {"placement_foster": cost_model.foster_weekly(table), "placement_homes": mean("residential"),
                  "placement_semi_independent": mean("semi_independent_under_18")}
        if carry.reason:
            notes.append(f"The council's weekly costs stay in {given} prices: {carry.reason}.")
        missing = [PLACEMENT_SHORT[m] for m, v in weekly.items() if math.isnan(v)]
        if missing:
            notes.append(f"The council's cost table gives no {given} weekly cost for: {', '.join(missing)}; "
                         "those placements are not costed.")

        def known(kind):
            return None if math.isnan(mean(kind)) else mean(kind)

        return UnitCosts(weekly, carry.to, "local", notes, known("inhouse_fostering"), known("agency_fostering"),
                         known("family_and_friends"), given,
                         cost_model.PRICE_INDEX_NAME if carry.repriced else "")
    # Fall back to Section 251 unit costs (cash, the financial year ending in the latest year published).
    weekly, years = {}, []
    for measure, code in (("placement_foster", "FosteringFinance"), ("placement_homes", "RescareFinance"),
                          ("placement_semi_independent", "LACFinance")):
        frame = published.lait_measure(code, year)
        frame = frame[frame["la_code"] == council.code].dropna(subset=["value"])
        if frame.empty:
            weekly[measure] = np.nan
            continue
        row = frame.sort_values("year").iloc[-1]
        weekly[measure] = float(row["value"])
        years.append(int(row["year"]))
    price_year = f"{max(years) - 1}-{str(max(years))[2:]}" if years else ""
    notes.append("The council has given no weekly costs of its own, so the weekly costs are the "
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


def foster_weekly_cost(inhouse_share: float, inhouse_weekly: float, agency_weekly: float, *,
                       kin_share: float = 0.0, kin_weekly: float | None = None) -> float:
    """The weekly cost of a fostered child when ``inhouse_share`` (0 to 1) of the fostered children
    not with family and friends live with the council's own carers, at ``inhouse_weekly``, and the
    rest with agency carers, at ``agency_weekly``; ``kin_share`` (0 to 1) of all fostered children
    live with family and friends carers at ``kin_weekly`` (left out when 0 or unknown)."""
    mainstream = inhouse_share * inhouse_weekly + (1 - inhouse_share) * agency_weekly
    if not kin_share or kin_weekly is None or math.isnan(kin_share):
        return mainstream
    return kin_share * kin_weekly + (1 - kin_share) * mainstream


def baseline_weekly(fs: ForecastSet, costs: UnitCosts,
                    inhouse: tuple[float, int, str] | None) -> dict[str, dict[int, float]]:
    """The weekly cost of each costed placement type in each forecast year, as the baseline prices it:
    the unit costs, except that foster care, when the fostering split is known, is priced at today's
    in-house share (and, given a :class:`~sufficiency.measures.costs.FosterShare`, today's share of
    fostered children with family and friends carers at their own cost). Scenarios start from these
    prices, so a scenario that moves no child and no price costs exactly what the baseline does.

    >>> from types import SimpleNamespace
    >>> unit = UnitCosts({"placement_foster": 800.0, "placement_homes": 4000.0}, "2024-25", "local", [],
    ...                  inhouse_weekly=400.0, agency_weekly=1000.0)
    >>> baseline_weekly(SimpleNamespace(year=2025), unit, (0.2, 2025, "test"))["placement_foster"]
    {2026: 880.0, 2027: 880.0, 2028: 880.0}
    """
    years = range(fs.year + 1, fs.year + 1 + FORECAST_YEARS_AHEAD)
    weekly = {m: {y: float(v) for y in years} for m, v in costs.weekly.items()
              if v is not None and not math.isnan(v)}
    if costs.inhouse_weekly is not None and costs.agency_weekly is not None and inhouse is not None \
            and "placement_foster" in weekly:
        week = foster_weekly_cost(inhouse[0], costs.inhouse_weekly, costs.agency_weekly,
                                  kin_share=getattr(inhouse, "family_and_friends_share", 0.0),
                                  kin_weekly=costs.kin_weekly)
        weekly["placement_foster"] = {y: week for y in years}
    return weekly


def baseline_cost(fs: ForecastSet, costs: UnitCosts, inhouse: tuple[float, int, str] | None) -> pd.DataFrame:
    """The baseline cost, at the weekly costs of :func:`baseline_weekly` (foster care at today's
    in-house share when the fostering split is known)."""
    return cost_forecast(fs, costs, weekly=baseline_weekly(fs, costs, inhouse))
