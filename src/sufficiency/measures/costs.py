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
from pathlib import Path

import numpy as np
import pandas as pd

from sufficiency.core import files
from sufficiency.core.assumptions import WEEKS_PER_YEAR
from sufficiency.core.errors import InputError
from sufficiency.core.paths import DATA_RAW
from sufficiency.data import localdata
from sufficiency.data.published import lait_measure
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
