"""Chapter 3, the local context: the council's child population, the ethnicity of its children
looked after beside its residents', and a snapshot of its headline figures for the edition year
with the change since the year before and how each compares with England and its statistical
neighbours.

>>> change_words(72, 68, 0, "%", "High")
'up 4 points (better)'
"""
from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from sufficiency.chapters.national import line_chart
from sufficiency.core.markers import MARKER_LEGEND
from sufficiency.data.councils import Council, resolve_council, statistical_neighbours
from sufficiency.data.population import child_population
from sufficiency.measures.breakdowns import ethnicity_against_population
from sufficiency.measures.snapshot import snapshot
from sufficiency.publishing.charts import LABEL_SIZE, OKABE_ITO, theme
from sufficiency.publishing.pages import Markdown, escape, prose
from sufficiency.publishing.words import (
    MISSING,
    describe_change,
    fmt_figure,
    fmt_number,
    is_missing,
    marker_note,
    round_half_up,
)


# ----------------------------------------------------------------------------- words for the snapshot
def change_words(value, previous, ndigits: int, unit: str, good: str | None) -> str:
    """'up 3 points (better)' / 'down 12' / 'no change', compared after DfE rounding.

    >>> change_words(12, 13, 0, "%", "Low")
    'down 1 point (better)'
    >>> change_words(439, 453, 0, "children", None)
    'down 14'
    >>> change_words(float("nan"), 5, 0, "%", None)
    'not comparable'
    """
    if is_missing(value) or is_missing(previous):
        return "not comparable"
    a, b = round_half_up(value, ndigits), round_half_up(previous, ndigits)
    if a == b:
        return "no change"
    diff = fmt_number(abs(a - b), ndigits)
    if unit == "%":
        diff += " point" if abs(a - b) == 1 else " points"
    text = f"{'up' if a > b else 'down'} {diff}"
    if good in ("High", "Low"):
        better = (a > b) == (good == "High")
        text += " (better)" if better else " (worse)"
    return text


def position_words(value, other, ndigits: int, good: str | None) -> str:
    """Where the council stands against a comparator: 'higher (better)', 'lower', 'same'.

    >>> position_words(10, 8, 0, "Low"), position_words(5, 5, 0, None), position_words(3, 8, 0, None)
    ('higher (worse)', 'same', 'lower')
    """
    if is_missing(value) or is_missing(other):
        return "—"
    a, b = round_half_up(value, ndigits), round_half_up(other, ndigits)
    if a == b:
        return "same"
    text = "higher" if a > b else "lower"
    if good in ("High", "Low"):
        text += " (better)" if (a > b) == (good == "High") else " (worse)"
    return text


def against_words(value, other, ndigits: int, unit: str, good: str | None) -> str:
    """The comparator's figure and where the council stands: '67 (council higher, better)'.

    >>> against_words(8, 10, 0, "%", "Low"), against_words(8, None, 0, "%", "Low")
    ('10% (council lower, better)', 'no data')
    """
    figure = fmt_figure(other, unit, ndigits)
    if figure == MISSING:
        return figure
    words = position_words(value, other, ndigits, good)
    return figure if words == "—" else f"{figure} (council {words.replace(' (', ', ').rstrip(')')})"


def snapshot_table(snap: pd.DataFrame, council: Council) -> pd.DataFrame:
    """The snapshot as readers see it: rounded like DfE, markers kept, words for direction."""
    out = []
    for r in snap.itertuples(index=False):
        year = "" if pd.isna(r.year) else str(int(r.year))
        compared = bool(r.compared)
        out.append({
            "Measure": r.label,
            "Year": year or "—",
            council.name: fmt_figure(r.value, r.unit, r.ndigits, r.marker),
            "Change on the year before": ("no earlier year" if pd.isna(r.previous_year) else
                                          f"no figure for {int(r.previous_year)} ({r.previous_marker})"
                                          if r.previous_marker and pd.isna(r.previous) else
                                          change_words(r.value, r.previous, r.ndigits, r.unit, r.good)),
            "England": against_words(r.value, r.england, r.ndigits, r.unit, r.good) if compared else "—",
            "Neighbours' average": against_words(r.value, r.neighbours, r.ndigits, r.unit, r.good)
            if compared else "—",
            "Quartile band": (r.quartile or "—") if compared else "—",
        })
    return pd.DataFrame(out)


def snapshot_gaps(snap: pd.DataFrame, year: int) -> list[str]:
    """Plain sentences naming each snapshot figure that is missing, suppressed or older than ``year``."""
    notes = []
    for r in snap.itertuples(index=False):
        if pd.isna(r.year):
            notes.append(f"{r.label}: no figure is published for this council up to {year}.")
        elif r.marker:
            meaning = MARKER_LEGEND.get(r.marker, "not published")
            notes.append(f"{r.label}: the {int(r.year)} figure is not published (DfE symbol {r.marker}: "
                         f"{meaning}).")
        elif int(r.year) < int(year):
            notes.append(f"{r.label}: the latest published figure is for {int(r.year)}.")
        elif pd.isna(r.previous_year) or (r.previous_marker and pd.isna(r.previous)):
            why = f" (DfE symbol {r.previous_marker})" if r.previous_marker else ""
            notes.append(f"{r.label}: no figure for {int(r.year) - 1}{why}, so no change can be shown.")
    return notes


def snapshot_intro(council: Council, year: int, model: str = "2025") -> str:
    """The sentences above the snapshot table: what it holds and how to read it."""
    names = ", ".join(n.name for n in statistical_neighbours(council, model))
    return (f"The table sets out {escape(council.name)}'s headline figures for {year} beside England and the "
            f"average of its statistical neighbours ({escape(names)}). “Better” and “worse” mark the direction that "
            f"is better for children where DfE names one; quartile band A is the best quarter of councils (or the "
            f"highest values where no direction is named).")


# ----------------------------------------------------------------------------- sections
def snapshot_section(page, council: str | Council, year: int, model: str = "2025") -> Markdown:
    """The snapshot table with its notes on gaps."""
    council = resolve_council(council)
    snap = snapshot(council, year, model)
    text = snapshot_intro(council, year, model)
    gaps = snapshot_gaps(snap, year)
    if gaps:
        text += " Gaps: " + " ".join(escape(g) for g in gaps)
    return prose(text) + page.table(snapshot_table(snap, council), name="snapshot",
                                    caption=f"Snapshot of {council.name}'s children looked after, {year}",
                                    source="DfE, Children looked after in England including adoptions; "
                                           "DfE, Children's social care dashboard data; DfE, LAIT")


def population_sentences(council: Council, local: pd.DataFrame, england: pd.DataFrame, year: int) -> str:
    """How many children the council has, how that changed against England, and any gaps, from
    :func:`child_population` for the council and for England."""
    name = escape(council.name)
    known = local.dropna(subset=["children"])
    if known.empty:
        return (f"ONS publishes no estimate of the child population for {name} up to {year} in the data "
                f"this book holds.")
    last = known.iloc[-1]
    y0, y1 = int(known.iloc[0]["mid_year"]), int(last["mid_year"])
    text = (f"ONS estimated that {fmt_number(last['children'])} children aged 0 to 17 lived in {name} in mid-"
            f"{y1}, the estimate DfE uses for its rates for the year to 31 March {int(last['year'])}. "
            f"Between mid-{y0} and mid-{y1} the number "
            f"{describe_change(dict(zip(known['mid_year'], known['children'])), 'children')}")
    eng = england.set_index("mid_year")["children"]
    if y0 in eng.index and y1 in eng.index:
        change = (eng[y1] - eng[y0]) / eng[y0] * 100
        text += (f"; England's child population changed by {'+' if change >= 0 else '−'}"
                 f"{fmt_number(abs(change), 1)}% over the same years")
    text += "."
    gaps = local[local["children"].isna()]
    if len(gaps):
        text += (f" No estimate is shown for {', '.join(f'mid-{int(y)}' for y in gaps['mid_year'])}"
                 f" (symbol {', '.join(sorted(set(m for m in gaps['marker'] if m)) or ['none'])}).")
    if y0 > 2012:
        text += (f" Estimates for {name} start in mid-{y0}: the council did not exist in its present form "
                 f"before then.")
    return text


def population_section(page, council: str | Council, year: int) -> Markdown:
    """The council's children aged 0 to 17 over time (ONS), with England's change."""
    council = resolve_council(council)
    local = child_population(council, year)
    text = population_sentences(council, local, child_population(None, year), year)
    known = local.dropna(subset=["children"])
    if known.empty:
        return prose(text)
    y0, y1 = int(known.iloc[0]["mid_year"]), int(known.iloc[-1]["mid_year"])
    table = pd.DataFrame({"mid_year": known["mid_year"].astype(int), "children": known["children"]}).set_index("mid_year")
    fig = line_chart(table, {"children": f"{council.name}: children aged 0 to 17"},
                     title=f"Children aged 0 to 17 in {council.name}", unit="children")
    data = pd.DataFrame({"Mid-year": table.index, "Children aged 0 to 17": [fmt_number(v) for v in table["children"]]})
    alt = (f"Line chart of the estimated number of children aged 0 to 17 in {council.name}, mid-{y0} to mid-{y1}: "
           f"{fmt_number(known.iloc[0]['children'])} to {fmt_number(known.iloc[-1]['children'])}.")
    return prose(text) + page.figure(fig, name="child-population", alt=alt, data=data,
                                     caption=f"Children aged 0 to 17 in {council.name}, ONS mid-year estimates.",
                                     source=f"ONS mid-year population estimates for children aged 0 to 17, "
                                            f"mid-{y0} to mid-{y1}, as prepared by DfE")


def largest_difference(table: pd.DataFrame) -> pd.Series | None:
    """The ethnic group whose share of children looked after differs most from its share of
    residents, compared as DfE rounds them; None when no group has both figures."""
    diff = table["cla_pct"].map(round_half_up) - table["residents_pct"].map(round_half_up)
    return table.loc[diff.abs().idxmax()] if diff.notna().any() else None


def ethnicity_sentences(council: Council, table: pd.DataFrame, year: int) -> str:
    """What the ethnicity chart compares, its largest difference, and any suppressed groups, from
    :func:`ethnicity_against_population`."""
    name = escape(council.name)
    text = (f"The chart compares the ethnicity of children looked after by {name} on 31 March {year} (DfE) "
            f"with that of everyone living in {name} at the 2021 Census. The Census figures cover residents of "
            f"all ages, not only children, because that is the table ONS publishes for every council; children "
            f"are, on the whole, more ethnically diverse than adults, so the comparison overstates any gap for "
            f"minority groups.")
    r = largest_difference(table)
    if r is not None:
        text += (f" The largest difference is for the {escape(r['short'])} group: {fmt_number(r['cla_pct'])}% of "
                 f"children looked after against {fmt_number(r['residents_pct'])}% of residents.")
    if table["cla_marker"].notna().any() or table["cla_pct"].isna().all():
        text += " Some groups are suppressed by DfE because the numbers are small. " + marker_note(table["cla_marker"])
    return text


def ethnicity_section(page, council: str | Council, year: int) -> Markdown:
    """Children looked after by ethnic group against the council's residents (Census 2021, all
    ages), with England's figures beside them."""
    council = resolve_council(council)
    table = ethnicity_against_population(council, year)
    if table["residents_pct"].isna().all():
        return prose(f"The 2021 Census ethnic group figures are not available for {escape(council.name)} for {year}"
                     + (" (the Census took place in March 2021)." if year < 2021 else "."))
    theme()
    # Largest share of children looked after first; groups DfE suppressed last.
    bars = table.sort_values("cla_pct", ascending=False, na_position="last", kind="stable").reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(7.5, 1.8 + 0.8 * len(bars)))
    pos = np.arange(len(bars))
    h = 0.38
    ax.barh(pos - h / 2, bars["cla_pct"].fillna(0), height=h, color=OKABE_ITO["blue"],
            label=f"Children looked after, {year}")
    ax.barh(pos + h / 2, bars["residents_pct"], height=h, color="white", edgecolor=OKABE_ITO["orange"],
            hatch="///", label="All residents, Census 2021")
    for p, v, m in zip(pos, bars["cla_pct"], bars["cla_marker"]):
        ax.text((0 if pd.isna(v) else v) + 0.5, p - h / 2, fmt_figure(v, "%", 0, m), va="center",
                fontsize=LABEL_SIZE)
    for p, v in zip(pos, bars["residents_pct"]):
        ax.text(v + 0.5, p + h / 2, fmt_figure(v, "%"), va="center", fontsize=LABEL_SIZE)
    ax.set_yticks(pos)
    ax.set_yticklabels(bars["short"])
    ax.invert_yaxis()
    ax.set_xlabel("per cent")
    ax.set_title(textwrap.fill(f"Ethnicity: children looked after and all residents, {council.name}", 48), pad=56)
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=1, borderaxespad=0.2)
    fig.tight_layout()
    data = pd.DataFrame({
        "Ethnic group": table["group"],
        f"Children looked after {year}": [fmt_figure(v, "%", 0, m) for v, m in zip(table["cla_pct"], table["cla_marker"])],
        "All residents, Census 2021": [fmt_figure(v, "%") for v in table["residents_pct"]],
        f"England: children looked after {year}": [fmt_figure(v, "%") for v in table["england_cla_pct"]],
        "England: all residents, Census 2021": [fmt_figure(v, "%") for v in table["england_residents_pct"]],
    })
    alt = (f"Bar chart comparing the ethnic groups of children looked after by {council.name} in {year} with "
           f"all residents at the 2021 Census.")
    r = largest_difference(table)
    if r is not None:
        alt += (f" {r['short']}: {fmt_number(r['cla_pct'])}% of children looked after, "
                f"{fmt_number(r['residents_pct'])}% of residents.")
    return prose(ethnicity_sentences(council, table, year)) + page.figure(
        fig, name="ethnicity", alt=alt, data=data,
        caption=f"Ethnicity of children looked after ({year}) and of all residents (Census 2021), {council.name}.",
        source="DfE, Children's social care dashboard data (children looked after by ethnicity); ONS, Census 2021, "
               "ethnic group (TS021), all usual residents")
