"""A group's demand forecast from its members' own forecasts: central values summed, ranges combined.

Each member's forecast is the one its own book shows (:func:`.demand.build_forecasts`: the method
chosen from every council's record, ranges calibrated on every council's past misses). Adding the
members' range ends would claim that every council has its worst year at once; adding nothing
but the centres would ignore that councils' years do move together (a national change in policy
or in asylum arrivals reaches them all). So the group's ranges come from a simulation:

- each member's forecast for a year is read as a distribution through its five published points
  (the 2.5th, 10th, 50th, 90th and 97.5th percentiles: the 95% and 80% ranges and the central
  value), joined by straight lines on the normal-score scale and extended beyond them, never below
  zero (five points of a normal distribution give that normal back);
- the members are drawn together with a Gaussian copula whose correlation between any two members
  is ``rho``; :func:`error_correlation` estimates ``rho`` from the national panel's out-of-sample
  misses (how much of a year's miss is shared by every council);
- the group's range ends are the percentiles of the simulated sums. With ``rho = 0`` the sum's
  range is narrower than the sum of the ranges; with ``rho = 1`` it equals it.

The group's central value is the sum of the members' central values, so it agrees with the
members' books. A measure sums the members that have a forecast of it, when they are more than half
of the group, and names the members left out (a council with too few published figures has none:
the City of London, the Isles of Scilly); the group's rate per 10,000 children is not a sum and is
left out.

>>> a = pd.DataFrame({"year": [2026], "point": [100.0], "lower_80": [87.2], "upper_80": [112.8],
...                   "lower_95": [80.4], "upper_95": [119.6]})
>>> combine([a, a], 1.0)[["point", "lower_80", "upper_80"]].round(1).values.tolist()
[[200.0, 174.4, 225.6]]
>>> combine([a, a], 0.0)[["lower_80", "upper_80"]].round(0).values.tolist()
[[182.0, 218.0]]
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.special import ndtri

from sufficiency.core.assumptions import GROUP_MIN_COVERED_SHARE, WEEKS_PER_YEAR
from sufficiency.data import localdata
from sufficiency.data.groups import Group
from sufficiency.forecasting import costs as forecast_costs
from sufficiency.forecasting import gap as forecast_gap
from sufficiency.forecasting.demand import PLACEMENT_SHORT, SERIES, ForecastSet, council_forecasts, national_fits
from sufficiency.forecasting.panel import MODEL_NAMES
from sufficiency.forecasting.scenarios import SCENARIO_COLUMNS, apply_scenarios
from sufficiency.measures.costs import inhouse_foster_share
from sufficiency.publishing.words import and_list

RANGE_COLUMNS = ["point", "lower_80", "upper_80", "lower_95", "upper_95"]
#: The percentile each published column stands for.
PERCENTILES = {"lower_95": 0.025, "lower_80": 0.10, "point": 0.5, "upper_80": 0.90, "upper_95": 0.975}
DRAWS = 20000
SEED = 2025
#: A group figure sums the members that have one when they are at least two and more than half
#: of the members; the members left out are named beside it (a tiny council such as the Isles of
#: Scilly or the City of London often has too few published figures to forecast).
MIN_COVERED_SHARE = GROUP_MIN_COVERED_SHARE
GROUP_FORECAST_COLUMNS = ["measure", "year", "point", "lower_80", "upper_80", "lower_95", "upper_95", "median",
                          "added_lower_80", "added_upper_80", "correlation", "members", "members_missing"]


def _enough(covered: int, members: int) -> bool:
    """Whether ``covered`` of ``members`` members are enough to sum (:data:`MIN_COVERED_SHARE`)."""
    return covered >= 2 and covered > MIN_COVERED_SHARE * members


# ----------------------------------------------------------------------------- combining ranges
def _quantile_function(row: pd.Series):
    """A member's forecast as a function of a standard normal score: straight lines through its five
    points placed at their normal scores (so five points taken from a normal distribution give that
    normal back exactly), extended beyond them along the outer lines, never below zero."""
    scores = ndtri(np.array(list(PERCENTILES.values())))
    values = np.maximum.accumulate(np.array([float(row[c]) for c in PERCENTILES]))
    slope_low = (values[1] - values[0]) / (scores[1] - scores[0])
    slope_high = (values[-1] - values[-2]) / (scores[-1] - scores[-2])

    def q(z: np.ndarray) -> np.ndarray:
        out = np.interp(z, scores, values)
        low, high = z < scores[0], z > scores[-1]
        out[low] = values[0] - slope_low * (scores[0] - z[low])
        out[high] = values[-1] + slope_high * (z[high] - scores[-1])
        return np.maximum(out, 0.0)
    return q


def combine(frames: list[pd.DataFrame], rho: float, *, draws: int = DRAWS, seed: int = SEED) -> pd.DataFrame:
    """The sum of members' forecasts (``year`` and :data:`RANGE_COLUMNS` each) with ranges from
    simulated sums, the members' draws correlated ``rho`` (0 to 1), and the simulated ``median``.
    Years every member has only. ``point`` is the members' central values added, as their own
    books show them; with strongly one-sided member ranges the range may not contain it.

    The shared part of the draws is laid on an even grid of percentiles rather than drawn at random,
    so with ``rho = 1`` the ranges are exactly the members' range ends added, and the result is the
    same on every run.
    """
    rho = float(min(max(rho, 0.0), 1.0))
    years = sorted(set.intersection(*[set(f["year"].astype(int)) for f in frames])) if frames else []
    rng = np.random.default_rng(seed)
    shared = ndtri((np.arange(draws) + 0.5) / draws)
    own = rng.standard_normal((len(frames), draws))
    normals = math.sqrt(rho) * shared + math.sqrt(1 - rho) * own
    rows = []
    for year in years:
        members = [f[f["year"].astype(int) == year].iloc[0] for f in frames]
        total = np.zeros(draws)
        for member, z in zip(members, normals):
            total += _quantile_function(member)(z)
        row = {"year": year, "point": float(sum(float(m["point"]) for m in members))}
        for column, p in PERCENTILES.items():
            if column != "point":
                row[column] = float(np.quantile(total, p))
        # Not forced round the point: when most members' ranges reach further up than down, the sum
        # of many such members is likelier than not above the sum of their central values, and the
        # range says so (``median`` gives the simulated middle).
        row["median"] = float(np.quantile(total, 0.5))
        rows.append(row)
    return pd.DataFrame(rows, columns=["year", *RANGE_COLUMNS, "median"])


def error_correlation(year: int, measure: str) -> float:
    """How much of a year's forecast miss every council shares, from the national back-test.

    The chosen method's scaled out-of-sample misses (every council, every origin whose actual
    figure was published by ``year``) are grouped by origin and horizon; the intraclass
    correlation (one-way analysis of variance: the share of the misses' variance that lies
    between those groups) estimates the correlation between two councils' misses. Clipped to 0-1;
    0 when the measure has no national record.
    """
    fits = national_fits(int(year))
    if measure not in fits:
        return 0.0
    fit, decision = fits[measure]
    method = next((m for m, name in MODEL_NAMES.items() if name == decision.method), "naive")
    misses = fit.misses
    if misses.empty:
        return 0.0
    misses = misses[(misses["method"] == method) & (misses["origin"] + misses["horizon"] <= int(year))]
    misses = misses[np.isfinite(misses["score"])]
    return intraclass_correlation(misses["score"], [misses["origin"], misses["horizon"]])


def intraclass_correlation(scores: pd.Series, by) -> float:
    """One-way analysis of variance estimate of the correlation between two members of the same
    group (``by``: the columns that form groups), clipped to 0-1; 0 with fewer than two groups of two.

    >>> rng = np.random.default_rng(0)
    >>> shared = np.repeat(rng.standard_normal(2000), 10)
    >>> scores = pd.Series(np.sqrt(0.3) * shared + np.sqrt(0.7) * rng.standard_normal(20000))
    >>> round(intraclass_correlation(scores, np.repeat(np.arange(2000), 10)), 2)
    0.3
    """
    frame = pd.DataFrame({"score": pd.Series(scores).to_numpy()})
    keys = [pd.Series(k).to_numpy() for k in (by if isinstance(by, list) else [by])]
    for i, key in enumerate(keys):
        frame[f"k{i}"] = key
    cells = frame.groupby([f"k{i}" for i in range(len(keys))])["score"]
    frame["size"], frame["mean"] = cells.transform("size"), cells.transform("mean")
    frame = frame[frame["size"] >= 2]
    groups = frame.groupby([f"k{i}" for i in range(len(keys))])
    k, n = groups.ngroups, len(frame)
    if k < 2:
        return 0.0
    sizes, means = groups.size(), groups["score"].mean()
    grand = frame["score"].mean()
    between = float((sizes * (means - grand) ** 2).sum() / (k - 1))
    within = float(((frame["score"] - frame["mean"]) ** 2).sum() / (n - k))
    n0 = (n - float((sizes ** 2).sum()) / n) / (k - 1)
    denominator = between + (n0 - 1) * within
    icc = (between - within) / denominator if denominator > 0 else 0.0
    return float(min(max(icc, 0.0), 1.0))


# ----------------------------------------------------------------------------- the group's forecasts
@dataclass
class GroupForecast:
    """Every member's forecasts, the correlation used for each measure, and the members missing one.

    ``members`` maps a member's DfE number to its :class:`~.demand.ForecastSet` (the same forecasts
    its own book shows); ``missing`` maps a measure to the members with no forecast of it (their
    ``ForecastSet.skipped`` says why), so the group's is not summed.
    """

    group: Group
    year: int
    members: dict[str, ForecastSet]
    correlation: dict[str, float] = field(default_factory=dict)
    missing: dict[str, list[str]] = field(default_factory=dict)

    def covered(self, measure: str) -> list[str]:
        """The members (DfE numbers) with a forecast of ``measure``."""
        return [code for code, fs in self.members.items() if measure in fs.results]

    def summable(self) -> list[str]:
        """Count measures that enough members have a forecast of to sum (:data:`MIN_COVERED_SHARE`)."""
        return [m for m, spec in SERIES.items() if spec.counts and _enough(len(self.covered(m)), len(self.members))]

    def left_out(self, measure: str) -> str:
        """The members left out of the group's sum of ``measure``, by name ('' when none)."""
        names = {c.code: c.name for c in self.group.members}
        return and_list([names[c] for c in self.members if c not in self.covered(measure)])

    def table(self) -> pd.DataFrame:
        """The group's forecasts, one row per measure and year (:data:`GROUP_FORECAST_COLUMNS`):
        combined ranges, and beside them the 80% range ends simply added (``added_*``) to show what
        combining saves; ``members`` counts the members summed, ``members_missing`` names those left
        out because they have no forecast of the measure (their own books say why)."""
        frames = []
        for measure in self.summable():
            parts = [self.members[code].frame(measure) for code in self.covered(measure)]
            rho = self.correlation[measure]
            out = combine(parts, rho)
            added = pd.concat(parts).groupby("year")[["lower_80", "upper_80"]].sum()
            out["added_lower_80"] = out["year"].map(added["lower_80"])
            out["added_upper_80"] = out["year"].map(added["upper_80"])
            out["measure"], out["correlation"], out["members"] = measure, rho, len(parts)
            out["members_missing"] = self.left_out(measure)
            frames.append(out)
        if not frames:
            return pd.DataFrame(columns=GROUP_FORECAST_COLUMNS)
        return pd.concat(frames, ignore_index=True)[GROUP_FORECAST_COLUMNS]

    def frame(self, measure: str) -> pd.DataFrame:
        table = self.table()
        return table[table["measure"] == measure].reset_index(drop=True)


def _member_forecast(code: str, year: int) -> ForecastSet:
    return council_forecasts(code, year)     # the same, on disk, as the member's own book uses


def member_forecasts(group: Group, year: int) -> dict[str, ForecastSet]:
    """Each member's own forecasts for the edition ``year`` (what its own book shows). Kept on disk,
    keyed by the files they read, so the regional book's pages (and a later build) share them."""
    return {council.code: _member_forecast(council.code, int(year)) for council in group.members}


def group_forecast(group: Group, year: int) -> GroupForecast:
    """The group's forecasts from its members' (see the module's notes)."""
    members = member_forecasts(group, year)
    names = {c.code: c.name for c in group.members}
    missing = {m: [names[code] for code, fs in members.items() if m not in fs.results] for m in SERIES}
    correlation = {m: error_correlation(year, m) for m in SERIES if SERIES[m].counts}
    return GroupForecast(group, int(year), members, correlation, missing)


GAP_COLUMNS = [*forecast_gap.GAP_COLUMNS, "members", "members_missing"]


def group_gap(gf: GroupForecast) -> pd.DataFrame:
    """Forecast demand against the places public data count, by placement type, for the group
    (:data:`GAP_COLUMNS`): each member's gap table (:func:`.gap.gap_table`) for the members with a
    forecast of the type, demand combined as in :func:`combine`, supply those members' supply
    added (blank when any of theirs is not published)."""
    tables = {code: forecast_gap.gap_table(fs) for code, fs in gf.members.items()}
    rows = []
    for measure, placement in PLACEMENT_SHORT.items():
        if measure not in gf.summable():
            continue
        codes = gf.covered(measure)
        parts = {code: tables[code][tables[code]["placement"] == placement] for code in codes}
        demand = combine([gf.members[code].frame(measure) for code in codes], gf.correlation.get(measure, 0.0))
        supply = [float(p["supply"].iloc[0]) for p in parts.values()]
        known = all(not math.isnan(v) for v in supply)
        value = float(sum(supply)) if known else math.nan
        names = {c.code: c.name for c in gf.group.members}
        unknown = and_list([names[c] for c, v in zip(codes, supply) if math.isnan(v)])
        what = parts[codes[0]]["supply_what"].iloc[0] if known else f"not published for {unknown}"
        for r in demand.itertuples(index=False):
            rows.append({"placement": placement, "year": int(r.year), "demand": r.point,
                         "demand_low_80": r.lower_80, "demand_high_80": r.upper_80, "supply": value,
                         "supply_what": what, "gap": r.point - value, "gap_low_80": r.lower_80 - value,
                         "gap_high_80": r.upper_80 - value, "members": len(codes),
                         "members_missing": gf.left_out(measure)})
    return pd.DataFrame(rows, columns=GAP_COLUMNS)


def member_baseline_cost(fs: ForecastSet) -> pd.DataFrame:
    """A member's baseline cost forecast exactly as its own forecasts page works it out: its weekly
    costs, with foster care priced at today's published in-house share where the split is known."""
    costs = forecast_costs.unit_costs(fs.council, fs.year)
    return forecast_costs.baseline_cost(fs, costs, inhouse_foster_share(fs.council, fs.year))


GROUP_COST_COLUMNS = [*forecast_costs.COST_COLUMNS, "members", "members_missing"]
_RANGE_NAMES = {"annual_cost": "point", "annual_low_80": "lower_80", "annual_high_80": "upper_80",
                "annual_low_95": "lower_95", "annual_high_95": "upper_95"}


def _member_costs(gf: GroupForecast) -> tuple[dict[str, pd.DataFrame], list[str], list[str]]:
    """Each member's baseline cost, the placement types the group costs (those its summed
    forecasts cover, costed for some member), and the members whose total covers every one of them."""
    tables = {code: member_baseline_cost(fs) for code, fs in gf.members.items()}
    kinds = [PLACEMENT_SHORT[m] for m in PLACEMENT_SHORT if m in gf.summable()
             and any((t["placement"] == PLACEMENT_SHORT[m]).any() for t in tables.values())]
    complete = [code for code, t in tables.items() if len(t) and set(kinds) <= set(t["placement"])]
    return tables, kinds, complete


def group_costs(gf: GroupForecast) -> pd.DataFrame:
    """What the group's placements may cost (:data:`GROUP_COST_COLUMNS`): each member's baseline cost
    as its own book shows it (:func:`member_baseline_cost`: its own weekly costs, else its Section
    251 unit costs; :func:`unit_cost_sources` says which) combined across members as in
    :func:`combine`. A placement type sums the members with a cost for it. The 'Total' row sums the
    members costed for every type (``members_missing`` names the rest): inside one council the
    types' range ends are added (its placement types move together), then members' totals are
    combined like any other figure. ``weekly_cost`` is the group's average, weighted by children."""
    tables, kinds, complete = _member_costs(gf)
    names = {c.code: c.name for c in gf.group.members}
    value_columns = ["children", *_RANGE_NAMES]
    rows = []
    for placement in [*kinds, "Total"]:
        if placement == "Total":
            codes = complete
            parts = [tables[c][tables[c]["placement"].isin(kinds)].groupby("year", as_index=False)[value_columns].sum()
                     for c in codes]
            measure = "cla_31_march"
        else:
            codes = [c for c, t in tables.items() if (t["placement"] == placement).any()]
            parts = [tables[c][tables[c]["placement"] == placement] for c in codes]
            measure = next(m for m, short in PLACEMENT_SHORT.items() if short == placement)
        if not _enough(len(codes), len(gf.members)):
            continue
        cost = combine([p.rename(columns=_RANGE_NAMES) for p in parts], gf.correlation.get(measure, 0.0))
        children = pd.concat(parts).groupby("year")["children"].sum()
        missing = and_list([names[c] for c in gf.members if c not in codes])
        for r in cost.itertuples(index=False):
            kids = float(children.get(r.year, np.nan))
            rows.append({"placement": placement, "year": int(r.year), "children": kids,
                         "weekly_cost": r.point / kids / WEEKS_PER_YEAR if kids else np.nan,
                         "annual_cost": r.point, "annual_low_80": r.lower_80, "annual_high_80": r.upper_80,
                         "annual_low_95": r.lower_95, "annual_high_95": r.upper_95, "members": len(codes),
                         "members_missing": missing})
    return pd.DataFrame(rows, columns=GROUP_COST_COLUMNS)


UNIT_COST_COLUMNS = ["la_code", "la_name", "source", "price_year"]


def unit_cost_sources(gf: GroupForecast) -> pd.DataFrame:
    """Where each member's weekly costs come from: 'local' (its own cost table, carried to the
    edition's prices) or 's251' (its Section 251 unit costs, in cash prices of ``price_year``), so
    the book can say when members' costs are in different prices."""
    rows = []
    for council in gf.group.members:
        unit = forecast_costs.unit_costs(council.code, gf.year)
        rows.append({"la_code": council.code, "la_name": council.name, "source": unit.source,
                     "price_year": unit.price_year})
    return pd.DataFrame(rows, columns=UNIT_COST_COLUMNS)


# ----------------------------------------------------------------------------- scenarios
GROUP_SCENARIO_COLUMNS = [*SCENARIO_COLUMNS, "members"]


@dataclass
class GroupScenarios:
    """The group's scenarios: one row per modelled scenario (:data:`GROUP_SCENARIO_COLUMNS`) and, for
    each scenario that could not be modelled for every member, why (reader words)."""

    table: pd.DataFrame
    not_modelled: dict[str, str]
    descriptions: dict[str, str]


def group_scenario_file(group: Group, *, root: Path | None = None) -> pd.DataFrame | None:
    """The group's own scenarios, ``data/local/<group slug>/scenarios.csv`` (the same columns and
    checks as a council's, see ``data/local/README.md``), or None when the group has none."""
    if not localdata.has_table(group.slug, "scenarios", root=root):
        return None
    frame = localdata.load_table(group.slug, "scenarios", root=root)
    return None if frame.empty else frame


def group_scenarios(gf: GroupForecast, scenarios: pd.DataFrame, year: int | None = None) -> GroupScenarios:
    """Each scenario applied to every member in the group's baseline total (:func:`group_costs`;
    :func:`.scenarios.apply_scenarios`: a share or a rate reaching the scenario's target in each
    member), the members' costs then combined as in :func:`group_costs`, for the forecasts' last
    year unless ``year`` is given. A scenario is shown for the group only when it can be modelled
    for every one of those members; otherwise the reason names them.
    ``difference`` is against the group's baseline (:func:`group_costs`)."""
    names = {c.code: c.name for c in gf.group.members}
    _, common, complete = _member_costs(gf)
    results = {code: apply_scenarios(gf.members[code], scenarios, forecast_costs.unit_costs(code, gf.year),
                                     inhouse_foster_share(code, gf.year)) for code in complete}
    baseline = group_costs(gf)
    year = int(year) if year is not None else (int(baseline["year"].max()) if len(baseline) else gf.year)
    base_total = baseline[(baseline["placement"] == "Total") & (baseline["year"] == year)]
    base_cost = float(base_total["annual_cost"].iloc[0]) if len(base_total) else np.nan
    rows, not_modelled, descriptions = [], {}, {}
    for index, row in enumerate(scenarios.itertuples(index=False)):
        sid = str(row.id)
        descriptions[sid] = str(row.description)
        per_member = {code: results[code][index] for code in results}
        missing = {code: r.not_modelled or "no cost" for code, r in per_member.items()
                   if r.cost is None or r.cost.empty}
        if missing:
            reasons = dict.fromkeys(missing.values())
            who = and_list([names[c] for c in missing])
            not_modelled[sid] = f"not modelled for {who}: " + "; ".join(reasons)
            continue
        value_columns = ["annual_cost", "annual_low_80", "annual_high_80", "annual_low_95", "annual_high_95"]
        totals = [r.cost[r.cost["placement"].isin(common)].groupby("year", as_index=False)[value_columns].sum()
                  .rename(columns={"annual_cost": "point", "annual_low_80": "lower_80", "annual_high_80": "upper_80",
                                   "annual_low_95": "lower_95", "annual_high_95": "upper_95"})
                  for r in per_member.values()]
        cost = combine(totals, gf.correlation.get("cla_31_march", 0.0))
        at = cost[cost["year"] == year]
        if at.empty:
            continue
        foster = sum(float(r.frames["placement_foster"].set_index("year").loc[year, "point"]) for r in per_member.values())
        homes = sum(float(r.frames["placement_homes"].set_index("year").loc[year, "point"]) for r in per_member.values())
        semi = sum(float(r.frames["placement_semi_independent"].set_index("year").loc[year, "point"])
                   for r in per_member.values())
        rows.append({"id": sid, "scenario": str(row.description), "year": year, "cost": float(at["point"].iloc[0]),
                     "cost_low_80": float(at["lower_80"].iloc[0]), "cost_high_80": float(at["upper_80"].iloc[0]),
                     "difference": float(at["point"].iloc[0]) - base_cost, "foster_children": foster,
                     "homes_children": homes, "semi_children": semi, "members": len(per_member)})
    return GroupScenarios(pd.DataFrame(rows, columns=GROUP_SCENARIO_COLUMNS), not_modelled, descriptions)
