"""The cost of care in figures: weekly costs by placement type, annual spend, in-house against
agency fostering, and public benchmarks (Section 251 unit costs from LAIT; children's services spend).

Every money figure carries its price year. Annual spend is ``children × weekly cost × 52.14``
(365 days / 7). The chapter's sentences, reader tables and charts are in
:mod:`sufficiency.chapters.cost_of_care`, which shows money rounded half up to whole pounds.

>>> costs = pd.DataFrame({"price_year": ["2020-21"], "placement_type": ["residential"], "children": [57.0],
...                       "weekly_cost_mode": [3200.0], "weekly_cost_mean": [4279.0], "source_section": [""]})
>>> round(float(cost_table(costs, "2020-21").loc[0, "annual_spend"]))
12717102
>>> round(mean_without_one(4279, 57, 17993), 2)
4034.11
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from sufficiency.core import files
from sufficiency.core.assumptions import WEEKS_PER_YEAR
from sufficiency.core.errors import InputError
from sufficiency.core.paths import DATA_RAW
from sufficiency.data import localdata, published
from sufficiency.data.councils import resolve_council
from sufficiency.data.published import lait_measure, prices
from sufficiency.publishing.words import is_missing

#: The order the strategy's cost table uses; other types follow in localdata's order.
TYPE_ORDER = ("inhouse_fostering", "agency_fostering", "family_and_friends", "supported_lodgings",
              "semi_independent_under_18", "semi_independent_over_18", "residential")
CS_EXPENDITURE = DATA_RAW / "cla_dfe_csc_dashboard" / "cs_expenditure_2024_25.csv"
CS_EXPENDITURE_YEAR = 2025    # financial year 2024-25 ends in March 2025
#: Section 251 weekly unit costs in LAIT: code → (tidy measure id, what it measures).
UNIT_COST_MEASURES = {
    "LACFinance": ("s251_cla_weekly_cost", "weekly spend per child looked after"),
    "FosteringFinance": ("s251_fostering_weekly_cost", "weekly spend per child in foster care"),
    "RescareFinance": ("s251_residential_weekly_cost", "weekly spend per child in residential care"),
}
UNIT = "£ a week"


# ---------------------------------------------------------------- the council's own files

def local_folder(council_slug: str, *, root: Path | None = None) -> Path | None:
    """The council's local data folder, or None when the council has none yet.

    Only a missing folder is turned into None; anything wrong inside an existing folder still
    raises :class:`InputError` when the files are loaded, so bad input always stops the build.

    >>> local_folder("lewisham").name, local_folder("no_such_council")
    ('lewisham', None)
    """
    if not localdata.has_local_folder(council_slug, root=root):
        return None
    return localdata.local_dir(council_slug, root=root)


def load_if_supplied(loader, council_slug: str, *, root: Path | None = None) -> pd.DataFrame | None:
    """``loader(council_slug)`` (a ``localdata.load_*`` function), or None when the council has no
    folder. An existing file with only its header row gives an empty frame: not supplied either."""
    if local_folder(council_slug, root=root) is None:
        return None
    frame = loader(council_slug, root=root)
    return frame if not frame.empty else None


def period_end_year(text) -> int | None:
    """The last calendar year a period refers to, to keep later figures out of an earlier edition.

    >>> [period_end_year(p) for p in ["2021-22", "2019-2020", "July 2022", "2022 (date not stated)", "", None]]
    [2022, 2020, 2022, 2022, None, None]
    """
    if is_missing(text):
        return None
    text = str(text)
    span = re.search(r"(\d{4})\s*[-–/]\s*(\d{2}|\d{4})\b", text)
    if span:
        start, end = span.group(1), span.group(2)
        return int(end) if len(end) == 4 else int(start[:2] + end) + (100 if int(end) < int(start[2:]) else 0)
    years = [int(y) for y in re.findall(r"\b(\d{4})\b", text)]
    return max(years) if years else None


def price_year_label(price_year: str) -> str:
    """'2020-21' → '2020–21' (en dash, as the book prints years)."""
    return str(price_year).replace("-", "–")


# ---------------------------------------------------------------- weekly costs by type

def latest_price_year(costs: pd.DataFrame, year: int) -> str | None:
    """The newest price year in costs.csv that ends no later than ``year`` (None if none does)."""
    years = [p for p in costs["price_year"].dropna().unique() if (period_end_year(p) or 9999) <= year]
    return max(years, key=period_end_year) if years else None


def cost_table(costs: pd.DataFrame, price_year: str) -> pd.DataFrame:
    """Costs of one price year, one row per placement type in the strategy's order, with
    ``label``, ``children``, ``weekly_cost_mode``, ``weekly_cost_mean``, ``mean_minus_mode``,
    ``annual_spend`` (children × mean × 52.14), ``share_of_children`` and ``share_of_spend`` (%)."""
    rows = costs[costs["price_year"] == price_year].copy()
    order = list(TYPE_ORDER) + [t for t in localdata.PLACEMENT_TYPES if t not in TYPE_ORDER]
    rows["_order"] = rows["placement_type"].map(order.index)
    rows = rows.sort_values("_order").drop(columns="_order").reset_index(drop=True)
    rows["label"] = rows["placement_type"].map(localdata.PLACEMENT_TYPES)
    rows["mean_minus_mode"] = rows["weekly_cost_mean"] - rows["weekly_cost_mode"]
    rows["annual_spend"] = rows["children"] * rows["weekly_cost_mean"] * WEEKS_PER_YEAR
    known = rows["annual_spend"].notna() & rows["children"].notna()
    rows["share_of_children"] = np.where(known, rows["children"] / rows.loc[known, "children"].sum() * 100, np.nan)
    rows["share_of_spend"] = np.where(known, rows["annual_spend"] / rows.loc[known, "annual_spend"].sum() * 100,
                                      np.nan)
    return rows[["price_year", "placement_type", "label", "children", "weekly_cost_mode", "weekly_cost_mean",
                 "mean_minus_mode", "annual_spend", "share_of_children", "share_of_spend", "source_section"]]


def mean_without_one(mean: float, children: float, one_cost: float) -> float:
    """The mean weekly cost of the other children if one child's placement costing ``one_cost``
    were taken out of a group of ``children`` whose mean is ``mean``."""
    if children is None or children < 2 or any(is_missing(v) for v in (mean, children, one_cost)):
        return float("nan")
    return (mean * children - one_cost) / (children - 1)


def one_placement_effect(table: pd.DataFrame, one_cost: float) -> pd.DataFrame:
    """For every type with at least two children that could hold it: how far one placement at
    ``one_cost`` a week would lift that type's mean (mean minus the mean of the other children)."""
    rows = table[(table["children"] >= 2) & table["weekly_cost_mean"].notna()].copy()
    rows["mean_without"] = [mean_without_one(m, n, one_cost) for m, n in zip(rows["weekly_cost_mean"], rows["children"])]
    rows["lift"] = rows["weekly_cost_mean"] - rows["mean_without"]
    # If taking the placement out would leave the others averaging less than the group's typical
    # cost (the mode), the placement cannot plausibly be in that group: leave the group out.
    rows = rows[rows["mean_without"] >= rows["weekly_cost_mode"].fillna(0)]
    return rows[["placement_type", "label", "children", "weekly_cost_mode", "weekly_cost_mean", "mean_without", "lift"]]


def robust_summary(weekly_costs, trim: float = 0.1) -> dict[str, float]:
    """Mean, median and trimmed mean (``trim`` cut from each end) of per-child weekly costs.

    Only possible where the council supplies a cost for each child; a trimmed mean and the
    median are hardly moved by one very expensive placement, where the mean is.

    >>> s = robust_summary([400, 420, 440, 450, 460, 480, 500, 520, 540, 17993])
    >>> s["mean"], s["median"], s["trimmed_mean"]
    (2220.3, 470.0, 476.25)
    """
    values = np.sort(np.asarray([v for v in weekly_costs if not is_missing(v)], dtype=float))
    if values.size == 0:
        return {"n": 0, "mean": float("nan"), "median": float("nan"), "trimmed_mean": float("nan")}
    cut = int(math.floor(values.size * trim))
    kept = values[cut:values.size - cut] if values.size - 2 * cut > 0 else values
    return {"n": int(values.size), "mean": float(values.mean()), "median": float(np.median(values)),
            "trimmed_mean": float(kept.mean())}


# ---------------------------------------------------------------- in-house against agency fostering

def fostering_comparison(comparison: pd.DataFrame, price_year: str | None = None) -> dict[str, float]:
    """Weekly costs of the fostering components in one price year (the newest if not given):
    component → £ a week, plus 'price_year'."""
    if comparison.empty:
        return {}
    if price_year is None or price_year not in set(comparison["price_year"]):
        price_year = max(comparison["price_year"].unique(), key=period_end_year)
    rows = comparison[comparison["price_year"] == price_year]
    out = dict(zip(rows["component"], rows["weekly_cost"]))
    out["price_year"] = price_year
    return out


def fostering_gap(comparison: dict, agency_children: float | None) -> pd.DataFrame:
    """What the agency charge costs over council fostering, a week, a year per child, and a year for
    every child in agency fostering: one row against direct costs, one against full costs."""
    rows = []
    agency = comparison.get("agency_charge", float("nan"))
    for component, name in (("inhouse_direct", "council direct cost"), ("inhouse_full", "council full cost")):
        inhouse = comparison.get(component, float("nan"))
        weekly = agency - inhouse
        yearly = weekly * WEEKS_PER_YEAR
        rows.append({"against": name, "component": component, "agency_weekly": agency, "inhouse_weekly": inhouse,
                     "weekly_gap": weekly, "yearly_gap_per_child": yearly,
                     "agency_children": agency_children,
                     "yearly_gap_all": yearly * agency_children if not is_missing(agency_children) else float("nan")})
    return pd.DataFrame(rows)


# ---------------------------------------------------------------- public benchmarks

def unit_cost_frames(year: int) -> dict[str, pd.DataFrame]:
    """The three LAIT Section 251 weekly unit costs up to ``year`` as tidy frames (unit '£ a week')."""
    return {code: lait_measure(code, year, measure=measure, unit=UNIT)
            for code, (measure, _) in UNIT_COST_MEASURES.items()}


def fy(year: int) -> str:
    """Financial year ending in March ``year``: 2025 → '2024–25'."""
    return f"{year - 1}–{str(year)[-2:]}"


def childrens_services_spend(council, year: int) -> pd.DataFrame | None:
    """Children's services and children-looked-after spend in 2024-25 for the council, its region
    (and London sub-region) and England; None before ``year`` 2025 (the file is 2024-25 data).

    Columns: area, cs_spend (£), cla_spend (£), cla_share (% of children's services spend),
    per_child (£ per child aged 0-17), cs_share_of_la (% of all council spend).
    """
    if year < CS_EXPENDITURE_YEAR:
        return None
    frame = files.read_csv(CS_EXPENDITURE, required_columns=[
        "time_period", "geographic_level", "area_name", "old_la_code", "childrens_services_expenditure_gbp000",
        "childrens_services_share_pct", "cs_expenditure_per_child_gbp", "cla_expenditure_gbp000"])
    code = frame["old_la_code"].map(lambda c: str(int(float(c))) if isinstance(c, str) and c.strip() else None)
    wanted = [("Local authority", code == council.code, council.name)]
    if getattr(council, "subregion_name", ""):
        wanted.append(("Regional", frame["area_name"] == council.subregion_name, council.subregion_name))
    wanted.append(("Regional", frame["area_name"] == council.region_name, council.region_name))
    wanted.append(("National", frame["geographic_level"] == "National", "England"))
    rows = []
    for level, mask, label in wanted:
        hit = frame[mask & (frame["geographic_level"] == level)]
        if hit.empty:
            continue
        r = hit.iloc[0]
        cs = _number(r["childrens_services_expenditure_gbp000"], CS_EXPENDITURE) * 1000
        cla = _number(r["cla_expenditure_gbp000"], CS_EXPENDITURE) * 1000
        rows.append({"area": label, "cs_spend": cs, "cla_spend": cla, "cla_share": cla / cs * 100 if cs else np.nan,
                     "per_child": _number(r["cs_expenditure_per_child_gbp"], CS_EXPENDITURE),
                     "cs_share_of_la": _number(r["childrens_services_share_pct"], CS_EXPENDITURE)})
    return pd.DataFrame(rows, columns=["area", "cs_spend", "cla_spend", "cla_share", "per_child", "cs_share_of_la"])


def _number(text, path) -> float:
    if is_missing(text) or not str(text).strip():
        return float("nan")
    try:
        return float(str(text).replace(",", ""))
    except ValueError:
        raise InputError(path, None, repr(text), "a number") from None


# ---------------------------------------------------------------- carrying costs to the edition's prices

#: The index that carries the council's costs to the edition's prices, as the page names it.
PRICE_INDEX_NAME = "the ONS GDP deflator (series YBGB)"


@dataclass(frozen=True)
class Repricing:
    """How costs priced in ``given`` are carried to ``to`` prices: multiply by ``factor``.

    When the index does not reach one of the two years (or they are the same year), ``to`` is
    ``given``, ``factor`` is 1 and ``reason`` says why nothing was carried."""

    given: str                  # '2020-21'
    to: str                     # '2024-25'
    factor: float
    given_index: float | None = None
    to_index: float | None = None
    reason: str = ""

    @property
    def repriced(self) -> bool:
        return self.to != self.given


def edition_price_year(year: int) -> str:
    """The financial year an edition's data end in: 2025 → '2024-25'.

    >>> edition_price_year(2025)
    '2024-25'
    """
    return f"{year - 1}-{str(year)[2:]}"


def repricing(given: str, year: int) -> Repricing:
    """How to carry costs priced in financial year ``given`` ('2020-21') to the prices of the edition
    ``year`` (2025: 2024-25 prices), with the GDP deflator's financial-year means.

    >>> r = repricing("2020-21", 2025)
    >>> r.to, round(r.factor, 4), r.repriced
    ('2024-25', 1.1727, True)
    >>> repricing("2020-21", 2026).reason
    'the GDP deflator does not yet cover 2025–26'
    """
    to = edition_price_year(year)
    start = period_end_year(given)
    if start is None:
        return Repricing(given, given, 1.0, reason=f"the price year {given!r} is not a financial year")
    if start == year:
        return Repricing(given, given, 1.0)
    given_index, to_index = prices.financial_year_index(start), prices.financial_year_index(year)
    if given_index is None or to_index is None:
        missing = given if given_index is None else to
        return Repricing(given, given, 1.0, given_index, to_index,
                         reason=f"the GDP deflator does not yet cover {price_year_label(missing)}")
    return Repricing(given, to, to_index / given_index, given_index, to_index)


def reprice_table(table: pd.DataFrame, r: Repricing) -> pd.DataFrame:
    """A :func:`cost_table` carried to ``r.to`` prices: weekly costs and annual spend times the
    factor (shares of spend do not change: every type moves by the same index)."""
    out = table.copy()
    for column in ("weekly_cost_mode", "weekly_cost_mean", "mean_minus_mode", "annual_spend"):
        out[column] = out[column] * r.factor
    out["price_year"] = r.to
    return out


def reprice_comparison(comparison: dict, r: Repricing) -> dict:
    """The fostering comparison (:func:`fostering_comparison`) carried to ``r.to`` prices."""
    if not comparison:
        return {}
    out = {k: (v * r.factor if k != "price_year" and not is_missing(v) else v) for k, v in comparison.items()}
    out["price_year"] = r.to
    return out


# ---------------------------------------------------------------- the council's own foster carers

#: The council's own count of children with family and friends (connected person) foster carers.
FAMILY_AND_FRIENDS_FIGURE = "children_with_connected_carers"
FOSTER_PLACEMENTS = "Foster placements"
INHOUSE_SHARE_DEFINITION = (
    "children placed with the council's own mainstream foster carers on 31 March (Ofsted's count of "
    "filled places, published in LAIT, which leaves out family and friends carers) as a share of the "
    "children in foster care on 31 March (DfE) less those with family and friends foster carers "
    "(the council's own count), so that family and friends carers are left out of both")


class _Share(NamedTuple):
    share: float        # 0 to 1
    year: int           # 31 March of this year
    definition: str


class FosterShare(_Share):
    """The share of fostered children with the council's own mainstream carers, with its parts.

    It unpacks as ``(share, year, definition)`` like the share the forecasting modules take; the
    counts behind it are attributes: ``inhouse`` (numerator), ``fostered`` (all foster placements),
    ``family_and_friends`` and ``mainstream`` (the denominator: fostered less family and friends).
    """

    def __new__(cls, share: float, year: int, definition: str, *, inhouse: float, fostered: float,
                family_and_friends: float):
        self = super().__new__(cls, share, year, definition)
        self.inhouse, self.fostered, self.family_and_friends = inhouse, fostered, family_and_friends
        return self

    @property
    def mainstream(self) -> float:
        return self.fostered - self.family_and_friends

    @property
    def family_and_friends_share(self) -> float:
        """Children with family and friends carers as a share (0 to 1) of all fostered children."""
        return self.family_and_friends / self.fostered if self.fostered else float("nan")


def family_and_friends_counts(council, year: int, *, root: Path | None = None) -> pd.Series:
    """Children with family and friends foster carers by year (31 March), from the council's own
    figures; empty when it gives none. DfE's council tables in this book do not split foster
    placements by carer."""
    council = resolve_council(council)
    figures = load_if_supplied(localdata.load_local_figures, council.slug, root=root)
    if figures is None:
        return pd.Series(dtype=float, name="family_and_friends")
    rows = figures[(figures["figure_id"] == FAMILY_AND_FRIENDS_FIGURE) & figures["value"].notna()]
    ends = rows["period"].map(period_end_year)
    counts = pd.Series(rows["value"].astype(float).to_numpy(), index=ends.to_numpy(), name="family_and_friends")
    counts = counts[counts.index.notna()]
    counts.index = counts.index.astype(int)
    counts = counts[~counts.index.duplicated(keep="last")].sort_index()
    return counts[counts.index <= year]


def inhouse_foster_share_table(council, year: int, *, root: Path | None = None) -> pd.DataFrame:
    """Every year up to ``year`` with any of the parts of :data:`INHOUSE_SHARE_DEFINITION`:
    ``year, inhouse, fostered, family_and_friends, mainstream, share`` (%, NaN where a part is
    missing or suppressed). Numerator and denominator both leave out family and friends carers."""
    council = resolve_council(council)
    filled = lait_measure("Number_Foster_Places_Filled(New)", year, measure="filled", unit="places")
    filled = filled[filled["la_code"] == council.code].set_index("year")["value"]
    placed = published.cla_characteristics(year, ["cla_by_placement_type"])
    placed = placed[(placed["la_code"] == council.code) & (placed["breakdown"] == FOSTER_PLACEMENTS)
                    & (placed["unit"] == "children")].set_index("year")["value"]
    kin = family_and_friends_counts(council, year, root=root)
    out = pd.concat([filled, placed, kin], axis=1, keys=["inhouse", "fostered", "family_and_friends"])
    out = out.astype(float)
    out["mainstream"] = out["fostered"] - out["family_and_friends"]
    out["share"] = (out["inhouse"] / out["mainstream"] * 100).where(out["mainstream"] > 0)
    out.index.name = "year"
    return out.sort_index().reset_index()


def inhouse_foster_share(council, year: int, *, root: Path | None = None) -> FosterShare | None:
    """The latest :class:`FosterShare` up to ``year`` (None when no year has every part).

    >>> s = inhouse_foster_share("209", 2025)
    >>> round(s.share * 100, 1), s.year, s.inhouse, s.mainstream
    (29.0, 2022, 85.0, 293.0)
    """
    table = inhouse_foster_share_table(council, year, root=root).dropna(subset=["share"])
    if table.empty:
        return None
    last = table.iloc[-1]
    return FosterShare(min(float(last["share"]) / 100, 1.0), int(last["year"]), INHOUSE_SHARE_DEFINITION,
                       inhouse=float(last["inhouse"]), fostered=float(last["fostered"]),
                       family_and_friends=float(last["family_and_friends"]))


def foster_weekly(table: pd.DataFrame, share: FosterShare | None = None) -> float:
    """The weekly cost of a fostered child from a :func:`cost_table` (any price year).

    With ``share``: family and friends care at its cost for the share of fostered children with
    such carers, and the rest split between the council's own carers and agency carers by the
    in-house share. Without it (or without a cost for each of the three), the table's own mix:
    each kind of fostering weighted by the children it lists.

    >>> t = pd.DataFrame({"placement_type": ["inhouse_fostering", "agency_fostering", "family_and_friends"],
    ...                   "children": [100.0, 100.0, 50.0], "weekly_cost_mean": [400.0, 1000.0, 600.0]})
    >>> foster_weekly(t)
    680.0
    """
    kinds = ("inhouse_fostering", "agency_fostering", "family_and_friends")
    rows = table.set_index("placement_type")
    mean = {k: float(rows.loc[k, "weekly_cost_mean"]) if k in rows.index else float("nan") for k in kinds}
    if share is not None and all(not math.isnan(v) for v in mean.values()):
        kin = share.family_and_friends_share
        return (kin * mean["family_and_friends"]
                + (1 - kin) * (share.share * mean["inhouse_fostering"] + (1 - share.share) * mean["agency_fostering"]))
    known = [k for k in kinds if not math.isnan(mean[k])]
    weights = np.array([float(rows.loc[k, "children"]) if pd.notna(rows.loc[k, "children"]) else np.nan
                        for k in known])
    values = np.array([mean[k] for k in known])
    if len(values) and np.isfinite(weights).all() and weights.sum() > 0:
        return float((weights * values).sum() / weights.sum())
    return float(np.nanmean(values)) if len(values) else float("nan")


# ---------------------------------------------------------------- against Section 251

#: What each Section 251 unit cost is compared with in the council's table.
S251_COMPARISONS = (
    ("FosteringFinance", "Foster care", "the council's fostering costs, mixed as its children are"),
    ("RescareFinance", "Children's homes", "the council's residential care cost"),
    ("LACFinance", "All children looked after", "the mean over every child in the council's table"),
)


def s251_check(table: pd.DataFrame, council, year: int, share: FosterShare | None = None) -> pd.DataFrame:
    """The council's weekly costs (a :func:`cost_table`, ideally carried to the edition's prices)
    beside the Section 251 unit costs of the latest year up to ``year``: one row per comparison,
    ``code, what, council_weekly, s251_weekly, s251_year, ratio`` (Section 251 ÷ council)."""
    council = resolve_council(council)
    rows = table.set_index("placement_type")
    known = table.dropna(subset=["weekly_cost_mean", "children"])
    council_costs = {
        "FosteringFinance": foster_weekly(table, share),
        "RescareFinance": float(rows.loc["residential", "weekly_cost_mean"]) if "residential" in rows.index
        else float("nan"),
        "LACFinance": float((known["weekly_cost_mean"] * known["children"]).sum() / known["children"].sum())
        if known["children"].sum() > 0 else float("nan"),
    }
    out = []
    for code, what, _ in S251_COMPARISONS:
        frame = lait_measure(code, year, measure=code, unit=UNIT)
        frame = frame[(frame["la_code"] == council.code)].dropna(subset=["value"]).sort_values("year")
        s251 = float(frame["value"].iloc[-1]) if len(frame) else float("nan")
        s251_year = int(frame["year"].iloc[-1]) if len(frame) else None
        mine = council_costs[code]
        out.append({"code": code, "what": what, "council_weekly": mine, "s251_weekly": s251, "s251_year": s251_year,
                    "ratio": s251 / mine if mine and not math.isnan(mine) else float("nan")})
    return pd.DataFrame(out, columns=["code", "what", "council_weekly", "s251_weekly", "s251_year", "ratio"])


# ---------------------------------------------------------------- against what was spent

RO3_YEAR = published.RO3_YEAR


def ro3_looked_after(council) -> dict[str, float] | None:
    """The council's 2024–25 spending on children looked after from MHCLG's revenue outturn (RO3), £:
    ``looked_after`` (total), ``residential``, ``fostering``, ``asylum_looked_after``, ``other``,
    and the separate ``asylum_seekers`` line. None when the return has no row for the council."""
    council = resolve_council(council)
    rows = published.ro3_looked_after_lines()
    hit = rows[rows["ons_code"].isin([council.ons_code, *council.former_ons_codes])]
    return None if hit.empty else {k: float(hit.iloc[0][k]) for k in published.RO3_LINES.values()}


def s251_looked_after_total(council, year: int) -> tuple[float, int] | None:
    """Gross spending on children looked after in DfE's Section 251 outturn (LAIT), £, and its year."""
    council = resolve_council(council)
    frame = lait_measure("TotalLACFinance", year, measure="s251_cla_total", unit="£")
    frame = frame[frame["la_code"] == council.code].dropna(subset=["value"]).sort_values("year")
    return (float(frame["value"].iloc[-1]), int(frame["year"].iloc[-1])) if len(frame) else None


#: DfE's placement groups priced by the council's table: group → the table's placement type ('' = foster mix).
PRICED_GROUPS = {
    FOSTER_PLACEMENTS: "",
    "Secure homes and children's homes": "residential",
    "Independent and semi-independent living arrangements/supported accommodation": "semi_independent_under_18",
}


def placements_on_31_march(table: pd.DataFrame, council, year: int,
                           share: FosterShare | None = None) -> pd.DataFrame:
    """What a year of the placements held on 31 March ``year`` would cost at the table's weekly costs:
    one row per DfE placement group the table prices, ``group, children, weekly_cost, annual_cost``.
    Groups the table does not price (placed with parents, for adoption, other) are left out."""
    council = resolve_council(council)
    placed = published.cla_characteristics(year, ["cla_by_placement_type"])
    placed = placed[(placed["la_code"] == council.code) & (placed["year"] == year) & (placed["unit"] == "children")]
    counts = placed.set_index("breakdown")["value"]
    rows = table.set_index("placement_type")
    out = []
    for group, kind in PRICED_GROUPS.items():
        weekly = foster_weekly(table, share) if kind == "" else (
            float(rows.loc[kind, "weekly_cost_mean"]) if kind in rows.index else float("nan"))
        children = float(counts.get(group, float("nan")))
        out.append({"group": group, "children": children, "weekly_cost": weekly,
                    "annual_cost": children * weekly * WEEKS_PER_YEAR})
    return pd.DataFrame(out, columns=["group", "children", "weekly_cost", "annual_cost"])


@dataclass
class Reconciliation:
    """The cost model's placements against what the council reported spending in the same year."""

    year: int                              # the financial year ending in March ``year``
    placements: pd.DataFrame               # :func:`placements_on_31_march`
    ro3: dict[str, float] | None           # :func:`ro3_looked_after`
    s251_total: float | None               # :func:`s251_looked_after_total`
    s251_weekly: float | None              # LAIT's weekly cost per child looked after
    children_looked_after: float | None    # on 31 March ``year``

    @property
    def modelled(self) -> float:
        return float(self.placements["annual_cost"].sum(min_count=1))

    @property
    def modelled_share(self) -> float:
        """The modelled placements as a % of the looked-after spending in the revenue outturn."""
        return self.modelled / self.ro3["looked_after"] * 100 if self.ro3 and self.ro3["looked_after"] else float("nan")

    @property
    def s251_implied(self) -> float:
        """LAIT's weekly cost per child × children looked after × 365 / 7: the Section 251 total again."""
        if self.s251_weekly is None or self.children_looked_after is None:
            return float("nan")
        return self.s251_weekly * self.children_looked_after * 365 / 7


def reconciliation(table: pd.DataFrame, council, year: int, share: FosterShare | None = None) -> Reconciliation | None:
    """The cost model (``table`` at the edition's prices) applied to the children placed on
    31 March ``year``, against the looked-after spending of 2024–25; None before a 2025 edition
    (the revenue outturn in the book is 2024–25's)."""
    if year < RO3_YEAR:
        return None
    council = resolve_council(council)
    weekly = lait_measure("LACFinance", RO3_YEAR, measure="s251_cla_weekly_cost", unit=UNIT)
    weekly = weekly[(weekly["la_code"] == council.code) & (weekly["year"] == RO3_YEAR)]["value"].dropna()
    total = s251_looked_after_total(council, RO3_YEAR)
    return Reconciliation(RO3_YEAR, placements_on_31_march(table, council, RO3_YEAR, share), ro3_looked_after(council),
                          total[0] if total and total[1] == RO3_YEAR else None,
                          float(weekly.iloc[0]) if len(weekly) else None,
                          children_looked_after_on(council, RO3_YEAR, edition=year))


def children_looked_after_on(council, year: int, *, edition: int | None = None) -> float | None:
    """DfE's count of the council's children looked after on 31 March ``year`` (None where there is
    no figure), from the release of ``edition`` (default: ``year``'s own).

    >>> children_looked_after_on("209", 2021), children_looked_after_on("209", 2025)
    (468.0, 439.0)
    """
    council = resolve_council(council)
    headline = published.cla_headline(edition or year)
    cla = headline[(headline["la_code"] == council.code) & (headline["year"] == year)
                   & (headline["measure"] == "cla_31_march") & (headline["unit"] == "children")]["value"]
    return float(cla.iloc[0]) if len(cla) and pd.notna(cla.iloc[0]) else None
