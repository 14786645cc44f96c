"""Sentences, alt text and reader tables for the cost-of-care chapter, worded from the figures
:mod:`sufficiency.measures.costs` works out.

Every function takes numbers and returns text (or a table of text), so each can be checked word for
word. Council names and anything else typed into a council's files are escaped in prose; alt text
and table cells take them as they are (the page handles those itself). Money is shown with
:func:`~sufficiency.publishing.words.fmt_money`; a missing value reads 'no data'.

>>> signed_money(-10), signed_money(237.4), signed_money(0)
('−£10', '+£237', '£0')
>>> _lower("Children's homes (residential care)"), _lower("IFA fostering")
("children's homes (residential care)", 'IFA fostering')
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from sufficiency.core.assumptions import WEEKS_PER_YEAR
from sufficiency.data import localdata
from sufficiency.measures.costs import fy, price_year_label
from sufficiency.publishing.pages import escape
from sufficiency.publishing.words import fmt_money, fmt_number, fmt_percent, is_missing, round_half_up


def not_supplied(council_name: str, what: str, files: str) -> str:
    """A plain sentence for a gap: the council has not supplied something, and where it would go."""
    return (f"{escape(council_name)} has not supplied {what}, so this section is empty. "
            f"The figures would come from the council's own files ({escape(files)}), which a policy officer "
            f"fills in from the template in data/local/\\_template.")


def not_supplied_again(council_name: str) -> str:
    """The gap in the sections after the first that need the council's placement costs."""
    return f"Not available: {escape(council_name)} has not supplied its placement costs (see above)."


def signed_money(value) -> str:
    """A difference of money: '+£237', '−£10' (minus sign), '£0'."""
    if is_missing(value):
        return fmt_money(value)
    if round_half_up(value, 0) == 0:
        return "£0"
    return ("+" if value > 0 else "−") + fmt_money(abs(value))


def _lower(label: str) -> str:
    """'Children's homes (residential care)' → "children's homes (residential care)"; keeps IFA etc."""
    return label[0].lower() + label[1:] if label[:2] != label[:2].upper() else label


# ---------------------------------------------------------------- weekly costs and annual spend

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


def readers_cost_table(table: pd.DataFrame) -> pd.DataFrame:
    """The weekly cost table as readers see it: money as money, counts as counts."""
    return pd.DataFrame({
        "Placement type": table["label"],
        "Children": [fmt_number(v) for v in table["children"]],
        "Most common weekly cost (mode)": [fmt_money(v) for v in table["weekly_cost_mode"]],
        "Average weekly cost (mean)": [fmt_money(v) for v in table["weekly_cost_mean"]],
        "Mean minus mode": [signed_money(v) for v in table["mean_minus_mode"]],
    })


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


def share_alt(table: pd.DataFrame, price_year: str) -> str:
    """Alt text for the share-of-children against share-of-spend chart: the two types furthest
    apart, one each way."""
    rows = table.dropna(subset=["share_of_spend"])
    big = rows.loc[(rows["share_of_spend"] - rows["share_of_children"]).idxmax()]
    small = rows.loc[(rows["share_of_spend"] - rows["share_of_children"]).idxmin()]
    return (f"Bar chart comparing, for {len(rows)} placement types, each type's share of children with its share "
            f"of annual spend, in {price_year_label(price_year)} prices. {big['label']}: "
            f"{fmt_percent(big['share_of_children'])} of children and {fmt_percent(big['share_of_spend'])} of spend. "
            f"{small['label']}: {fmt_percent(small['share_of_children'])} of children and "
            f"{fmt_percent(small['share_of_spend'])} of spend.")


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


# ---------------------------------------------------------------- one very expensive placement

def outlier_sentences(effect: pd.DataFrame, one_cost: float, period: str) -> str:
    """What one very expensive placement does to a mean, worded from
    :func:`sufficiency.measures.costs.one_placement_effect`."""
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


def no_bespoke_sentence(council_name: str, folder: str) -> str:
    """The gap when the council has not given the weekly cost of its dearest single placement."""
    return (f"{escape(council_name)} has not given the cost of its most expensive single placement "
            f"(figure bespoke\\_placement\\_weekly\\_cost in {escape(folder)}/local\\_figures.csv), so its "
            f"effect on the means cannot be shown.")


def per_child_costs_sentence(council_name: str) -> str:
    """Why the median and a trimmed mean cannot be given: the council supplies no cost per child."""
    return (f"The median (the middle cost) and a trimmed mean (the mean after setting aside the dearest and "
            f"cheapest tenth of placements) would show the typical cost without that pull. Both need a cost for "
            f"each child. {escape(council_name)} supplies only the mode and the mean for each type, not costs per "
            f"child, so neither can be calculated here.")


def readers_effect_table(effect: pd.DataFrame) -> pd.DataFrame:
    """Each type's mean as published, the mean of the other children without the one placement,
    the lift it gives and the mode, as money."""
    return pd.DataFrame({
        "Placement type": effect["label"],
        "Children": [fmt_number(v) for v in effect["children"]],
        "Mean as published": [fmt_money(v) for v in effect["weekly_cost_mean"]],
        "Mean of the other children": [fmt_money(v) for v in effect["mean_without"]],
        "Lift from one placement": [fmt_money(v) for v in effect["lift"]],
        "Mode as published": [fmt_money(v) for v in effect["weekly_cost_mode"]],
    })


# ---------------------------------------------------------------- in-house against agency fostering

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


def readers_fostering_table(comparison: dict) -> pd.DataFrame:
    """Each fostering cost component the council gave, a week and a year."""
    names = localdata.FOSTERING_COST_COMPONENTS
    rows = [{"What the weekly cost covers": names[k], "Weekly cost": fmt_money(comparison[k]),
             "A year (× 52.14)": fmt_money(comparison[k] * WEEKS_PER_YEAR)}
            for k in names if k in comparison and not is_missing(comparison[k])]
    return pd.DataFrame(rows, columns=["What the weekly cost covers", "Weekly cost", "A year (× 52.14)"])


# ---------------------------------------------------------------- public benchmarks

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


def benchmark_alt(t, title: str) -> str:
    """Alt text for a unit cost chart: the years, what is compared, and the council's first and
    last figures against England's last."""
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


def readers_benchmark_numbers(t) -> pd.DataFrame:
    """The numbers behind a unit cost chart, as money, one row per financial year (where DfE gives
    a symbol instead of the council's figure, e.g. 'c' for suppressed, the symbol is shown)."""
    numbers = pd.DataFrame({"Financial year": [fy(int(y)) for y in t.table["year"]],
                            t.council.name: [t_m if t_m else fmt_money(v) for v, t_m in
                                             zip(t.table["council"], t.table["council_marker"])]})
    for col, label in (("england", "England"), ("region", t.council.region_name),
                       ("neighbours_mean", "Neighbours' average"), ("neighbours_min", "Neighbours' lowest"),
                       ("neighbours_max", "Neighbours' highest")):
        if col in t.table:
            numbers[label] = [fmt_money(v) for v in t.table[col]]
    return numbers


def spend_later_sentence(year: int) -> str:
    """Why an edition before 2025 leaves out the 2024–25 children's services spending."""
    return (f"The comparison of children's services spending uses 2024–25 figures, which are later than "
            f"this edition's year ({year}), so it is left out.")


def spend_no_row_sentence(council_name: str) -> str:
    """The gap when DfE's spending table has no row for the council."""
    return f"DfE's spending table has no row for {escape(council_name)}."


def readers_spend_benchmark(spend: pd.DataFrame) -> pd.DataFrame:
    """Children's services spend for the council, its region and England, as money and shares."""
    return pd.DataFrame({
        "Area": spend["area"],
        "Children's services spend": [fmt_money(v) for v in spend["cs_spend"]],
        "Spend per child aged 0–17": [fmt_money(v) for v in spend["per_child"]],
        "Share of all council spend": [fmt_percent(v, 1) for v in spend["cs_share_of_la"]],
        "Spent on children looked after": [fmt_money(v) for v in spend["cla_spend"]],
        "Looked-after share of children's services spend": [fmt_percent(v, 1) for v in spend["cla_share"]],
    })
