"""The cost of care: weekly costs by placement type, annual spend, in-house against agency
fostering, and public benchmarks (Section 251 unit costs from LAIT; children's services spend).

Every money figure carries its price year. Annual spend is ``children × weekly cost × 52.14``
(365 days / 7). Money is rounded half up to whole pounds and shown with ``narrative.fmt_money``.

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
import textwrap
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import FuncFormatter

from sufficiency.core import files
from sufficiency.core.assumptions import WEEKS_PER_YEAR
from sufficiency.core.errors import InputError
from sufficiency.core.paths import DATA_RAW
from sufficiency.data import localdata
from sufficiency.data.published import lait_measure
from sufficiency.publishing import charts
from sufficiency.publishing.pages import escape
from sufficiency.publishing.words import fmt_money, fmt_number, fmt_percent, is_missing, marker_note, round_half_up

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


def readers_cost_table(table: pd.DataFrame) -> pd.DataFrame:
    """The weekly cost table as readers see it: money as money, counts as counts."""
    return pd.DataFrame({
        "Placement type": table["label"],
        "Children": [fmt_number(v) for v in table["children"]],
        "Most common weekly cost (mode)": [fmt_money(v) for v in table["weekly_cost_mode"]],
        "Average weekly cost (mean)": [fmt_money(v) for v in table["weekly_cost_mean"]],
        "Mean minus mode": [signed_money(v) for v in table["mean_minus_mode"]],
    })


def readers_spend_table(table: pd.DataFrame) -> pd.DataFrame:
    """Annual spend, and each type's share of spend against its share of children."""
    total_children = table["children"].sum(min_count=1)
    total_spend = table["annual_spend"].sum(min_count=1)
    out = pd.DataFrame({
        "Placement type": table["label"],
        "Children": [fmt_number(v) for v in table["children"]],
        "Annual spend": [fmt_money(v) for v in table["annual_spend"]],
        "Share of children": [fmt_percent(v, 1) for v in table["share_of_children"]],
        "Share of spend": [fmt_percent(v, 1) for v in table["share_of_spend"]],
    })
    total = pd.DataFrame([{"Placement type": "All types shown", "Children": fmt_number(total_children),
                           "Annual spend": fmt_money(total_spend), "Share of children": "100.0%",
                           "Share of spend": "100.0%"}])
    return pd.concat([out, total], ignore_index=True)


def signed_money(value) -> str:
    """A difference of money: '+£237', '−£10' (minus sign), '£0'.

    >>> signed_money(-10), signed_money(237.4), signed_money(0)
    ('−£10', '+£237', '£0')
    """
    if is_missing(value):
        return fmt_money(value)
    if round_half_up(value, 0) == 0:
        return "£0"
    return ("+" if value > 0 else "−") + fmt_money(abs(value))


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


def readers_effect_table(effect: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "Placement type": effect["label"],
        "Children": [fmt_number(v) for v in effect["children"]],
        "Mean as published": [fmt_money(v) for v in effect["weekly_cost_mean"]],
        "Mean of the other children": [fmt_money(v) for v in effect["mean_without"]],
        "Lift from one placement": [fmt_money(v) for v in effect["lift"]],
        "Mode as published": [fmt_money(v) for v in effect["weekly_cost_mode"]],
    })


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


def readers_fostering_table(comparison: dict) -> pd.DataFrame:
    names = localdata.FOSTERING_COST_COMPONENTS
    rows = [{"What the weekly cost covers": names[k], "Weekly cost": fmt_money(comparison[k]),
             "A year (× 52.14)": fmt_money(comparison[k] * WEEKS_PER_YEAR)}
            for k in names if k in comparison and not is_missing(comparison[k])]
    return pd.DataFrame(rows, columns=["What the weekly cost covers", "Weekly cost", "A year (× 52.14)"])


# ---------------------------------------------------------------- public benchmarks

def unit_cost_frames(year: int) -> dict[str, pd.DataFrame]:
    """The three LAIT Section 251 weekly unit costs up to ``year`` as tidy frames (unit '£ a week')."""
    return {code: lait_measure(code, year, measure=measure, unit=UNIT)
            for code, (measure, _) in UNIT_COST_MEASURES.items()}


def benchmark_sentences(t) -> str:
    """Money-worded sentences for a unit cost :class:`sufficiency.measures.trends.Trend` (cash prices)."""
    name = escape(t.council.name)
    table = t.table.dropna(subset=["council"])
    if table.empty:
        return f"LAIT publishes no figure for {name} for {t.what}."
    first, last = table.iloc[0], table.iloc[-1]
    y0, y1 = int(first["year"]), int(last["year"])
    text = f"{name}'s {t.what} was {fmt_money(last['council'])} in {fy(y1)}"
    if y1 != y0:
        change = (last["council"] - first["council"]) / first["council"] * 100 if first["council"] else float("nan")
        text += (f", against {fmt_money(first['council'])} in {fy(y0)}"
                 + (f" ({'up' if change >= 0 else 'down'} {fmt_percent(abs(change))} in cash terms)" if not is_missing(change) else ""))
    text += "."
    parts = []
    if not is_missing(last.get("england")):
        parts.append(f"England {fmt_money(last['england'])}")
    if not is_missing(last.get("region")):
        parts.append(f"{escape(t.council.region_name)} {fmt_money(last['region'])}")
    if not is_missing(last.get("neighbours_mean")):
        parts.append(f"the statistical neighbours' average {fmt_money(last['neighbours_mean'])} "
                     f"(from {fmt_money(last['neighbours_min'])} to {fmt_money(last['neighbours_max'])})")
    if parts:
        text += f" In {fy(y1)} the comparable figures were: " + "; ".join(parts) + "."
    if not is_missing(last.get("england")) and last["england"]:
        ratio = last["council"] / last["england"]
        text += (f" {name} spent {fmt_number(ratio, 1)} times England's figure." if ratio >= 1.05 else
                 f" {name} spent {fmt_percent(ratio * 100)} of England's figure." if ratio <= 0.95 else
                 f" {name} was within 5% of England's figure.")
    return text


def benchmark_figure(page, t, *, name: str, title: str):
    """The unit cost chart (council against England, region and neighbours), its £ axis,
    money-worded alt text and the numbers as money."""
    table = t.chart_table()
    fig = charts.comparison_chart(table, labels=t.labels, unit=UNIT + " (cash)", title=title)
    ax = fig.axes[0]
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt_money(v)))
    ax.set_xticklabels([fy(int(y)) for y in table.index], rotation=45, ha="right")
    fig.tight_layout()
    numbers = pd.DataFrame({"Financial year": [fy(int(y)) for y in t.table["year"]],
                            t.council.name: [t_m if t_m else fmt_money(v) for v, t_m in
                                             zip(t.table["council"], t.table["council_marker"])]})
    for col, label in (("england", "England"), ("region", t.council.region_name),
                       ("neighbours_mean", "Neighbours' average"), ("neighbours_min", "Neighbours' lowest"),
                       ("neighbours_max", "Neighbours' highest")):
        if col in t.table:
            numbers[label] = [fmt_money(v) for v in t.table[col]]
    caption = (f"{title}, {t.council.name} against England, {t.council.region_name} and its statistical "
               f"neighbours, in cash prices of each year. {marker_note(t.table['council_marker'])}").strip()
    return page.figure(fig, name=name, alt=benchmark_alt(t, title), caption=caption, source=t.sources,
                       data=numbers)


def benchmark_alt(t, title: str) -> str:
    table = t.table.dropna(subset=["council"])
    years = t.table["year"].astype(int)
    text = (f"Line chart of {title.lower()} in pounds a week, {fy(years.min())} to {fy(years.max())}, "
            f"for {t.council.name} compared with England, {t.council.region_name} and the average and range "
            f"of its statistical neighbours.")
    if len(table) >= 2:
        text += (f" {t.council.name} went from {fmt_money(table['council'].iloc[0])} in {fy(int(table['year'].iloc[0]))} "
                 f"to {fmt_money(table['council'].iloc[-1])} in {fy(int(table['year'].iloc[-1]))}.")
        last = table.iloc[-1]
        if not is_missing(last.get("england")):
            text += f" England in {fy(int(last['year']))}: {fmt_money(last['england'])}."
    return text


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


def readers_spend_benchmark(spend: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "Area": spend["area"],
        "Children's services spend": [fmt_money(v) for v in spend["cs_spend"]],
        "Spend per child aged 0–17": [fmt_money(v) for v in spend["per_child"]],
        "Share of all council spend": [fmt_percent(v, 1) for v in spend["cs_share_of_la"]],
        "Spent on children looked after": [fmt_money(v) for v in spend["cla_spend"]],
        "Looked-after share of children's services spend": [fmt_percent(v, 1) for v in spend["cla_share"]],
    })


def _number(text, path) -> float:
    if is_missing(text) or not str(text).strip():
        return float("nan")
    try:
        return float(str(text).replace(",", ""))
    except ValueError:
        raise InputError(path, None, repr(text), "a number") from None


# ---------------------------------------------------------------- words and charts for the chapter

def not_supplied(council_name: str, what: str, files: str) -> str:
    """A plain sentence for a gap: the council has not supplied something, and where it would go."""
    return (f"{escape(council_name)} has not supplied {what}, so this section is empty. "
            f"The figures would come from the council's own files ({escape(files)}), which a policy officer "
            f"fills in from the template in data/local/\\_template.")


def cost_sentences(table: pd.DataFrame, council_name: str) -> str:
    """The weekly cost table in words: price year, children covered, the dearest and cheapest
    means, and where mean and mode differ most."""
    known = table.dropna(subset=["weekly_cost_mean"])
    if known.empty:
        return ""
    price = price_year_label(table["price_year"].iloc[0])
    dear, cheap = known.loc[known["weekly_cost_mean"].idxmax()], known.loc[known["weekly_cost_mean"].idxmin()]
    text = (f"In {price} prices, {escape(council_name)}'s table covers {fmt_number(table['children'].sum())} "
            f"children in {len(table)} types of placement. The average (mean) weekly cost ran from "
            f"{fmt_money(cheap['weekly_cost_mean'])} for {_lower(cheap['label'])} to "
            f"{fmt_money(dear['weekly_cost_mean'])} for {_lower(dear['label'])}.")
    gaps = known.dropna(subset=["mean_minus_mode"])
    above = gaps[gaps["mean_minus_mode"] > 0]
    if not above.empty:
        ratio = (above["weekly_cost_mean"] / above["weekly_cost_mode"]).replace(np.inf, np.nan)
        widest = above.loc[ratio.idxmax()] if ratio.notna().any() else above.iloc[0]
        text += (f" For {len(above)} of the {len(gaps)} types the mean is above the most common cost (the mode); "
                 f"the widest gap, relative to the mode, is for {_lower(widest['label'])}: "
                 f"a mode of {fmt_money(widest['weekly_cost_mode'])} against a mean of "
                 f"{fmt_money(widest['weekly_cost_mean'])}.")
    return text


def _lower(label: str) -> str:
    """'Children's homes (residential care)' → "children's homes (residential care)"; keeps IFA etc."""
    return label[0].lower() + label[1:] if label[:2] != label[:2].upper() else label


def outlier_sentences(effect: pd.DataFrame, one_cost: float, period: str) -> str:
    """What one very expensive placement does to a mean, worded from :func:`one_placement_effect`."""
    if effect.empty:
        return ""
    largest = effect.loc[effect["lift"].idxmax()]
    residential = effect.set_index("placement_type").loc["residential"] if "residential" in set(
        effect["placement_type"]) else None
    text = (f"The council's own figures include one bespoke placement costing {fmt_money(one_cost)} a week ({escape(period)}). They do not say in which row of "
            f"the table that child is counted, so the table below shows, for each type, how much one such "
            f"placement would lift the mean of the group. Types where the other children would then average "
            f"less than the typical cost are left out, since the placement cannot plausibly be among them.")
    if residential is not None:
        text += (f" Among the {fmt_number(residential['children'])} children in children's homes, it alone would "
                 f"add {fmt_money(residential['lift'])} a week to the mean: the other children would average "
                 f"{fmt_money(residential['mean_without'])}.")
    if largest["placement_type"] != "residential" or residential is None:   # else it was just said
        text += (f" The largest lift would be for {_lower(largest['label'])} "
                 f"({fmt_number(largest['children'])} children): {fmt_money(largest['lift'])} a week.")
    return text


def fostering_sentences(comparison: dict, gap: pd.DataFrame, agency_children, council_name: str) -> str:
    """In-house against agency fostering, a week, a year per child and for the whole service."""
    if not comparison or is_missing(comparison.get("agency_charge", float("nan"))):
        return ""
    price = price_year_label(comparison["price_year"])
    text = (f"In {price} prices, a typical independent fostering agency charged {fmt_money(comparison['agency_charge'])} "
            f"a week.")
    rows = gap.set_index("component")
    for component, words in (("inhouse_direct", "direct cost of a placement with the council's own carers"),
                             ("inhouse_full", "full cost, once the council's wider costs are included")):
        if component in rows.index and not is_missing(rows.loc[component, "inhouse_weekly"]):
            r = rows.loc[component]
            text += (f" Against the {words} ({fmt_money(r['inhouse_weekly'])}), that is "
                     f"{fmt_money(r['weekly_gap'])} more a week, or {fmt_money(r['yearly_gap_per_child'])} a year "
                     f"for each child")
            if not is_missing(agency_children):
                text += (f"; across the {fmt_number(agency_children)} children in agency foster care, "
                         f"{fmt_money(r['yearly_gap_all'])} a year")
            text += "."
    text += (f"\n\nThe full-cost comparison is the fairer one, because an agency's charge also covers its own "
             f"recruitment, training and support of carers. The saving is there only when one of "
             f"{escape(council_name)}'s own carers is free and suits the child.")
    return text


def share_chart(table: pd.DataFrame, *, title: str):
    """Horizontal bars: each type's share of children against its share of spend (hatched), so the
    two are told apart by pattern as well as colour."""
    charts._style()
    rows = table.dropna(subset=["share_of_spend"]).iloc[::-1]
    fig, ax = plt.subplots(figsize=(7.5, 0.55 * len(rows) + 1.4))
    y = np.arange(len(rows))
    ax.barh(y + 0.2, rows["share_of_children"], height=0.38, color=charts.OKABE_ITO["sky"], edgecolor="black",
            linewidth=0.5, label="Share of children")
    ax.barh(y - 0.2, rows["share_of_spend"], height=0.38, color=charts.OKABE_ITO["vermillion"], edgecolor="black",
            linewidth=0.5, hatch="///", label="Share of spend")
    for yy, a, b in zip(y, rows["share_of_children"], rows["share_of_spend"]):
        ax.text(a + 0.5, yy + 0.2, fmt_percent(a), va="center", fontsize=8)
        ax.text(b + 0.5, yy - 0.2, fmt_percent(b), va="center", fontsize=8)
    ax.set_yticks(y)
    ax.set_yticklabels([_wrap(label, 32) for label in rows["label"]], fontsize=9)
    ax.set_xlabel("% of all children in the table, and of their annual cost")
    ax.set_xlim(0, max(rows["share_of_children"].max(), rows["share_of_spend"].max()) * 1.15)
    ax.set_title(title, loc="left", fontsize=11, pad=22)
    ax.legend(frameon=False, fontsize=8, loc="lower left", bbox_to_anchor=(0, 1.0), ncol=2)
    ax.grid(axis="y", visible=False)
    fig.tight_layout()
    return fig


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width))


def share_alt(table: pd.DataFrame, price_year: str) -> str:
    rows = table.dropna(subset=["share_of_spend"])
    big = rows.loc[(rows["share_of_spend"] - rows["share_of_children"]).idxmax()]
    small = rows.loc[(rows["share_of_spend"] - rows["share_of_children"]).idxmin()]
    return (f"Bar chart comparing, for {len(rows)} placement types, each type's share of children with its share "
            f"of annual spend, in {price_year_label(price_year)} prices. {big['label']}: "
            f"{fmt_percent(big['share_of_children'])} of children and {fmt_percent(big['share_of_spend'])} of spend. "
            f"{small['label']}: {fmt_percent(small['share_of_children'])} of children and "
            f"{fmt_percent(small['share_of_spend'])} of spend.")


def spend_share_sentences(table: pd.DataFrame) -> str:
    """The annual spend in words: total, and the types whose share of spend is far from their
    share of children."""
    rows = table.dropna(subset=["share_of_spend"])
    if rows.empty:
        return ""
    price = price_year_label(table["price_year"].iloc[0])
    total = rows["annual_spend"].sum()
    big = rows.loc[(rows["share_of_spend"] - rows["share_of_children"]).idxmax()]
    text = (f"The estimated total is {fmt_money(total)} a year in {price} prices for the placements in the table. "
            f"{big['label']} take {fmt_percent(big['share_of_spend'])} of that spend for "
            f"{fmt_percent(big['share_of_children'])} of the children.")
    cheap = rows[rows["share_of_spend"] < rows["share_of_children"]]
    if not cheap.empty:
        text += (" Types whose share of spend is below their share of children: "
                 + ", ".join(_lower(label) for label in cheap["label"]) + ".")
    text += (" This is an estimate: it assumes every child stayed the whole year at the mean cost, "
             "and it leaves out placement types the table does not list.")
    return text
