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
from sufficiency.measures.costs import PRICE_INDEX_NAME, Repricing, fy, price_year_label
from sufficiency.publishing.pages import escape
from sufficiency.publishing.words import (
    MISSING,
    and_list,
    count_phrase,
    fmt_money,
    fmt_number,
    fmt_percent,
    is_missing,
    round_half_up,
)


def not_supplied(council_name: str, what: str, source: str) -> str:
    """A plain sentence for a gap: the council has not supplied something, and what would supply it
    (in words: the data-sources appendix names the files)."""
    return (f"{escape(council_name)} has not supplied {what}, so this section is empty. "
            f"The figures would come from {escape(source)}, which a policy officer fills in from the council's "
            f"template; the appendix on data sources says where.")


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


def spend_share_sentences(table: pd.DataFrame, looked_after: tuple[float, int] | None = None) -> str:
    """The annual spend in words: total, and the types whose share of spend is far from their
    share of children. ``looked_after`` is DfE's count of children looked after on 31 March of the
    table's year (count, year): a table of more children than that is not one day's count, and the
    estimate is said to overstate a year's cost."""
    rows = table.dropna(subset=["share_of_spend"])
    if rows.empty:
        return ""
    price = price_year_label(table["price_year"].iloc[0])
    total = rows["annual_spend"].sum()
    big = rows.loc[(rows["share_of_spend"] - rows["share_of_children"]).idxmax()]
    text = (f"The estimated total is {millions(total)} a year in {price} prices for the placements in the table. "
            f"{big['label']} take {fmt_percent(big['share_of_spend'])} of that spend for "
            f"{fmt_percent(big['share_of_children'])} of the children.")
    cheap = rows[rows["share_of_spend"] < rows["share_of_children"]]
    if not cheap.empty:
        text += (" Types whose share of spend is below their share of children: "
                 + ", ".join(_lower(label) for label in cheap["label"]) + ".")
    text += (" This is an estimate: it assumes every child stayed the whole year at the mean cost, "
             "and it leaves out placement types the table does not list.")
    counted = table["children"].sum()
    if looked_after is not None and not is_missing(looked_after[0]) and counted > looked_after[0]:
        adults = ", and includes young people aged 18 and over, who are no longer looked after" \
            if "semi_independent_over_18" in set(table.get("placement_type", [])) else ""
        text += (f" The table counts {fmt_number(counted)} children, more than the {fmt_number(looked_after[0])} DfE "
                 f"counted as looked after on 31 March {looked_after[1]}{adults}: it seems to count every child "
                 "placed at some time in the year, so an estimate that keeps each one for the whole year overstates "
                 "a year's cost.")
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


def no_bespoke_sentence(council_name: str) -> str:
    """The gap when the council has not given the weekly cost of its dearest single placement."""
    return (f"{escape(council_name)} has not given the weekly cost of its most expensive single placement among "
            f"its own figures, so its effect on the means cannot be shown.")


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

def two_fostering_prices_sentence(table: pd.DataFrame | None, comparison: dict) -> str:
    """Why the fostering comparison's prices differ from the weekly cost table's means for the same
    two kinds of home ('' when the table lacks either mean), in the comparison's prices."""
    if table is None or not comparison:
        return ""
    means = table.set_index("placement_type")["weekly_cost_mean"]
    if any(t not in means.index or is_missing(means[t]) for t in ("inhouse_fostering", "agency_fostering")):
        return ""
    return (f"These are the council's estimates of what one home costs. They differ from the averages in the table "
            f"of weekly costs above ({fmt_money(means['inhouse_fostering'])} a week with the council's own carers "
            f"and {fmt_money(means['agency_fostering'])} through an agency, in "
            f"{price_year_label(table['price_year'].iloc[0])} prices), which are what was paid on average for the "
            "children placed in the table's year. The book takes both from the council's own tables and does not "
            "reconcile them.")


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

def no_unit_cost_sentence(year: int) -> str:
    """For an edition before LAIT's first Section 251 unit costs.

    >>> no_unit_cost_sentence(2016)
    "DfE's Section 251 unit costs in LAIT begin in 2016–17, after this edition's year (2015–16)."
    """
    return f"DfE's Section 251 unit costs in LAIT begin in 2016–17, after this edition's year ({fy(year)})."


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


# ---------------------------------------------------------------- the price year

def millions(value) -> str:
    """Money for a year in £ millions to one decimal place: '£75.9m' ('no data' when missing)."""
    return MISSING if is_missing(value) else fmt_money(value / 1e6, 1) + "m"


def _rise_or_fall(percent: float, ndigits: int = 0) -> str:
    """'a rise of 17.3%' or 'a fall of 0.6%' (never a negative rise).

    >>> _rise_or_fall(17.27, 1), _rise_or_fall(-0.6, 1)
    ('a rise of 17.3%', 'a fall of 0.6%')
    """
    return f"a {'rise' if percent >= 0 else 'fall'} of {fmt_percent(abs(percent), ndigits)}"


def price_year_sentence(carry: Repricing, council_name: str) -> str:
    """Which prices the page's money is in, and how the council's costs were carried there."""
    name = escape(council_name)
    given, to = price_year_label(carry.given), price_year_label(carry.to)
    if carry.repriced:
        return (f"{name}'s weekly costs were priced in {given}. To set them beside this edition's figures they are "
                f"carried to {to} prices with {escape(PRICE_INDEX_NAME)}, the index HM Treasury uses for public "
                f"spending: its {to} average is {fmt_number(carry.to_index, 1)} against "
                f"{fmt_number(carry.given_index, 1)} in {given}, {_rise_or_fall((carry.factor - 1) * 100, 1)}. "
                f"Money on this page is in {to} prices unless a "
                f"caption says otherwise; the index measures prices across the whole economy, not what "
                f"placements cost, so it carries the council's costs forward only as far as general inflation.")
    if carry.reason:
        return f"{name}'s weekly costs are in {given} prices and stay so on this page: {escape(carry.reason)}."
    return f"{name}'s weekly costs are in {given} prices, this edition's year."


def readers_cost_table_at(given: pd.DataFrame, repriced: pd.DataFrame) -> pd.DataFrame:
    """The weekly cost table as the council gave it, with the mean carried to the edition's prices."""
    out = readers_cost_table(given)
    to = price_year_label(repriced["price_year"].iloc[0])
    if to != price_year_label(given["price_year"].iloc[0]):
        out[f"Mean at {to} prices"] = [fmt_money(v) for v in repriced["weekly_cost_mean"]]
    return out


# ---------------------------------------------------------------- the council's own foster carers

def share_sentences(share, table: pd.DataFrame, council_name: str) -> str:
    """The share of fostered children with the council's own carers, like for like, and the years
    it cannot be worked out for. ``share`` is a :class:`~sufficiency.measures.costs.FosterShare`
    (or None), ``table`` :func:`~sufficiency.measures.costs.inhouse_foster_share_table`."""
    name = escape(council_name)
    if share is None:
        return (f"{name} has not given a count of children living with family and friends foster carers, so the "
                f"share of fostered children with its own carers cannot be worked out like for like: Ofsted's "
                f"count of filled places with the council's carers leaves family and friends carers out, and "
                f"DfE's tables for each council do not split foster placements by type of carer.")
    agency = share.mainstream - share.inhouse
    text = (f"On 31 March {share.year}, {count_phrase(share.fostered, 'child')} from {name} were in foster care. "
            f"{fmt_number(share.family_and_friends)} of them lived with family and friends carers (the council's own "
            f"count). Of the other {fmt_number(share.mainstream)}, {fmt_number(share.inhouse)} were with the council's "
            f"own foster carers (Ofsted's count of filled places) and {fmt_number(agency)} with agency carers: "
            f"{fmt_percent(share.share * 100)} with the council's own carers. Ofsted's count leaves family and "
            f"friends carers out, so they are left out of both sides here; dividing "
            f"{fmt_number(share.inhouse)} by all {fmt_number(share.fostered)} fostered children would understate "
            f"the share ({fmt_percent(share.inhouse / share.fostered * 100)}).")
    later = table[(table["year"] > share.year) & table["inhouse"].notna() & table["fostered"].notna()
                  & table["share"].isna()]
    if not later.empty:
        years = and_list([str(int(y)) for y in later["year"]])
        text += (f" For {years} the council's own figures give no count of children with family and friends "
                 f"carers, so the share is not known for {'that year' if len(later) == 1 else 'those years'}; "
                 f"adding that count each year would supply it.")
    text += (f"\n\nThe cost model on this page prices foster care with this share and the share of fostered children "
             f"with family and friends carers ({fmt_percent(share.family_and_friends_share * 100)} in {share.year}), "
             f"each at its own weekly cost.")
    return text


def readers_share_table(table: pd.DataFrame) -> pd.DataFrame:
    """The parts of the in-house share by year, counts as counts and the share as a percentage."""
    return pd.DataFrame({
        "31 March": [str(int(y)) for y in table["year"]],
        "Children in foster care (DfE)": [fmt_number(v) for v in table["fostered"]],
        "With family and friends carers (council)": [fmt_number(v) for v in table["family_and_friends"]],
        "Other fostered children": [fmt_number(v) for v in table["mainstream"]],
        "With the council's own carers (Ofsted)": [fmt_number(v) for v in table["inhouse"]],
        "Share with the council's own carers": [fmt_percent(v) for v in table["share"]],
    })


# ---------------------------------------------------------------- against Section 251

def s251_sentences(check: pd.DataFrame, given: pd.DataFrame | None, carry: Repricing, council_name: str) -> str:
    """The council's costs (at the edition's prices) beside its Section 251 unit costs, and why they
    differ. ``check`` and ``given`` are :func:`~sufficiency.measures.costs.s251_check` at the edition's
    prices and in the table's own price year (None when Section 251 has no figure for that year)."""
    name = escape(council_name)
    rows = check.dropna(subset=["council_weekly", "s251_weekly"])
    if rows.empty:
        return f"LAIT publishes no Section 251 unit costs for {name} to set beside its own costs."
    year = fy(int(rows["s251_year"].max()))
    prices = price_year_label(carry.to)
    parts = [f"{_lower(r['what'])} {fmt_money(r['council_weekly'])} a week against {fmt_money(r['s251_weekly'])} "
             f"(Section 251 {fmt_number(r['ratio'], 1)} times the council's)" for _, r in rows.iterrows()]
    direction = ("lower" if (rows["ratio"] > 1).all() else "higher" if (rows["ratio"] < 1).all()
                 else "different")
    text = (f"Set beside the Section 251 unit costs {name} reported for {year}, its own costs in {prices} prices "
            f"are {direction}: " + "; ".join(parts) + ".")
    homes = given.set_index("code").loc["RescareFinance"] if given is not None and "RescareFinance" in set(
        given["code"]) else None
    if homes is not None and not is_missing(homes["s251_weekly"]) and not is_missing(homes["council_weekly"]):
        now = rows.set_index("code").loc["RescareFinance"] if "RescareFinance" in set(rows["code"]) else None
        text += (f"\n\nThe gap is not only inflation. In {fy(int(homes['s251_year']))}, the year the council's table "
                 f"was priced, Section 251 already put a week in a children's home at "
                 f"{fmt_money(homes['s251_weekly'])} against the table's {fmt_money(homes['council_weekly'])}.")
        if now is not None:
            rise = (now["s251_weekly"] / homes["s251_weekly"] - 1) * 100
            general = (carry.factor - 1) * 100
            text += (f" Since then the Section 251 figure has {'risen' if rise >= 0 else 'fallen'} "
                     f"{fmt_percent(abs(rise))}, while general prices {'rose' if general >= 0 else 'fell'} "
                     f"{fmt_percent(abs(general))}.")
    text += (" The two measure different things. A Section 251 unit cost is a whole year's spending divided by a "
             "count: fostering spending by the children in foster care on 31 March; spending on children's homes "
             "by the days children spent in residential care; and all looked-after spending, which also pays for "
             "special guardianship support, short breaks, the education of children looked after and support for "
             "care leavers, by the children looked after on 31 March. It includes the council's own staff and "
             "overheads, and the care of children who came into care or left it during the year. The council's "
             "table is the average weekly price it paid for the children in each type of care at one time. A "
             "Section 251 figure several times the table's says the table, even carried to today's prices, "
             "understates what care costs now; the forecasts built on it are a floor, not a budget.")
    return text


def readers_s251_table(check: pd.DataFrame, carry: Repricing) -> pd.DataFrame:
    """The council's weekly costs at the edition's prices beside the Section 251 unit costs."""
    prices = price_year_label(carry.to)
    return pd.DataFrame({
        "Placement": check["what"],
        f"Council's cost, {prices} prices": [fmt_money(v) for v in check["council_weekly"]],
        "Section 251 unit cost": [fmt_money(v) for v in check["s251_weekly"]],
        "Year of the unit cost": [fy(int(y)) if not is_missing(y) else MISSING for y in check["s251_year"]],
        "Section 251 ÷ council": [fmt_number(v, 1) for v in check["ratio"]],
    })


# ---------------------------------------------------------------- against what was spent

def reconciliation_sentences(rec, carry: Repricing, council_name: str) -> str:
    """The cost model's placements on 31 March against the looked-after spending of the same
    financial year (``rec`` a :class:`~sufficiency.measures.costs.Reconciliation`)."""
    name = escape(council_name)
    year, prices = fy(rec.year), price_year_label(carry.to)
    placed = rec.placements.dropna(subset=["annual_cost"])
    text = (f"Priced at the council's weekly costs in {prices} prices, the {fmt_number(placed['children'].sum())} "
            f"children in foster care, children's homes and semi-independent accommodation on 31 March {rec.year} "
            f"would cost {millions(rec.modelled)} a year.")
    if rec.ro3 is None:
        return text + f" MHCLG's revenue outturn has no row for {name} to set this against."
    ro3 = rec.ro3
    placements = ro3["residential"] + ro3["fostering"]
    text += (f" That is {fmt_percent(rec.modelled_share)} of the {millions(ro3['looked_after'])} {name} reported "
             f"spending on children looked after in {year} (MHCLG's revenue outturn). The outturn itself puts "
             f"{millions(ro3['residential'])} on residential care and {millions(ro3['fostering'])} on fostering "
             f"services: {millions(placements)}, or {fmt_percent(placements / ro3['looked_after'] * 100)} of the "
             f"total. The other {millions(ro3['looked_after'] - placements)} is everything else the return counts "
             f"as looked-after spending"
             + (f", {millions(ro3['asylum_looked_after'])} of it for unaccompanied asylum-seeking children"
                if ro3["asylum_looked_after"] else "")
             + "; the return does not split it further.")
    if not ro3["asylum_looked_after"] and ro3["asylum_seekers"]:
        # A nought on the looked-after line beside money on the separate line: say where the money is.
        text += (f" {name} recorded nothing for unaccompanied asylum-seeking children within that total: its "
                 f"{millions(ro3['asylum_seekers'])} for asylum seekers is on a line of its own, outside the "
                 f"{millions(ro3['looked_after'])}.")
    by = placed.set_index("group")
    homes = by.loc["Secure homes and children's homes", "annual_cost"] if "Secure homes and children's homes" in by.index \
        else float("nan")
    foster = by.loc["Foster placements", "annual_cost"] if "Foster placements" in by.index else float("nan")
    if not is_missing(homes) and not is_missing(foster):
        text += (f" The model falls furthest short on children's homes, {millions(homes)} against "
                 f"{millions(ro3['residential'])} spent; on fostering it is closer, {millions(foster)} against "
                 f"{millions(ro3['fostering'])}, which also pays for the council's fostering service.")
    if not is_missing(rec.s251_total):
        text += (f"\n\nDfE's Section 251 outturn, which LAIT uses, gives a larger looked-after total for {year}: "
                 f"{millions(rec.s251_total)}. LAIT's {fmt_money(rec.s251_weekly)} a week per child is that total "
                 f"divided by the {count_phrase(rec.children_looked_after, 'child')} looked after on 31 March "
                 f"{rec.year} and by 52.14 weeks (365 days ÷ 7), which gives back {millions(rec.s251_implied)}. "
                 f"Section 251 is a different return from the revenue outturn, collected by DfE rather than MHCLG, "
                 f"and draws the line around looked-after spending differently")
        if ro3["asylum_seekers"]:
            text += (f"; the revenue outturn, for one, puts {millions(ro3['asylum_seekers'])} for asylum seekers on "
                     f"a line of its own")
        text += (". Both totals are right for what they count: this page uses the revenue outturn for the split by "
                 "service and Section 251 for the unit costs.")
    return text


def reconciliation_later_sentence(year: int) -> str:
    """Why an edition before 2025 does not set the cost model against what was spent."""
    return (f"The comparison with what was spent uses the 2024–25 revenue outturn, which is later than this "
            f"edition's year ({year}), so it is left out.")


def readers_reconciliation_table(rec) -> pd.DataFrame:
    """The cost model's placements beside the revenue outturn's looked-after lines, £ millions."""
    by = rec.placements.set_index("group")

    def modelled(group):
        if group not in by.index or is_missing(by.loc[group, "annual_cost"]):
            return MISSING
        return f"{millions(by.loc[group, 'annual_cost'])} ({count_phrase(by.loc[group, 'children'], 'child')})"

    ro3 = rec.ro3 or {}
    spent = {k: millions(v) for k, v in ro3.items()} if ro3 else {}
    if ro3 and not ro3["asylum_looked_after"] and ro3["asylum_seekers"]:
        spent["asylum_looked_after"] = "none recorded on this line"    # the money is on the separate line
    rows = [
        ("Foster care", modelled("Foster placements"), spent.get("fostering", MISSING)),
        ("Children's homes and residential care", modelled("Secure homes and children's homes"),
         spent.get("residential", MISSING)),
        ("Semi-independent and supported accommodation",
         modelled("Independent and semi-independent living arrangements/supported accommodation"),
         "not a line of its own"),
        ("Unaccompanied asylum-seeking children looked after", "not costed", spent.get("asylum_looked_after", MISSING)),
        ("Everything else counted as looked-after spending", "not costed", spent.get("other", MISSING)),
        ("Total", millions(rec.modelled), spent.get("looked_after", MISSING)),
    ]
    if ro3 and ro3["asylum_seekers"]:
        rows.append(("Asylum seekers, on a line of its own (not in the total)", "not costed",
                     spent["asylum_seekers"]))
    return pd.DataFrame(rows, columns=["Spending on", f"Cost model: children on 31 March {rec.year}",
                                       f"Spent in {fy(rec.year)} (revenue outturn)"])
