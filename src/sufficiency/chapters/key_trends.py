"""Chapter 4, children looked after and the key trends: each measure of
:data:`sufficiency.measures.key_trends.TRENDS` over time against England, the region and the
statistical neighbours, and each section's breakdowns as shares beside England's.

>>> table = pd.DataFrame({"category": ["Foster placements", "Other placements"], "council": [68.0, 9.0],
...                       "council_marker": [None, None], "england": [67.0, 13.0]})
>>> print(breakdown_sentence(table, resolve_council("209"), 2025, "placement type"))
In 2025 the placement type with the largest share in Lewisham was “Foster placements” (68%; England 67%). \
The widest gap from England was “Other placements”: 9% against 13%, 4 percentage points lower.
"""
from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from sufficiency.core.assumptions import WIDE_GAP_POINTS
from sufficiency.data import published
from sufficiency.data.councils import Council, resolve_council
from sufficiency.measures import trends
from sufficiency.measures.breakdowns import breakdown_shares, breakdown_source
from sufficiency.measures.key_trends import BREAKDOWNS, TRENDS, trend_for
from sufficiency.measures.snapshot import LOADERS
from sufficiency.publishing.charts import LABEL_SIZE, OKABE_ITO, theme
from sufficiency.publishing.pages import Markdown, escape, prose
from sufficiency.publishing.words import and_list, fmt_figure, fmt_number, marker_note, points, round_half_up


def breakdown_figure(page, table: pd.DataFrame, council: Council, *, name: str, title: str, year: int,
                     source: str) -> Markdown:
    """Grouped horizontal bars of the shares in :func:`breakdown_shares`: the council, its
    statistical neighbours' average and England, told apart by colour and hatching, with the
    council's values written at the bar ends (its DfE symbol where suppressed). The categories run
    from the council's largest share to its smallest (suppressed ones last)."""
    theme()
    table = table.sort_values("council", ascending=False, na_position="last", kind="stable").reset_index(drop=True)
    n = len(table)
    # Each category's name on its own line above its bars, so long names take the chart's full width.
    names = [textwrap.fill(str(c), 56) for c in table["category"]]
    lines = max(c.count("\n") + 1 for c in names) if n else 1
    # In inches (one y unit is one inch of figure): three bars, the name's lines, a gap.
    height, line = 0.15, LABEL_SIZE * 1.25 / 72
    step = 3 * height + 0.14 + line * lines
    fig, ax = plt.subplots(figsize=(7.5, 1.9 + step * n))
    series = [("council", council.name, OKABE_ITO["blue"], ""), ("neighbours", "Statistical neighbours' average",
              OKABE_ITO["green"], "..."), ("england", "England", OKABE_ITO["black"], "///")]
    positions = np.arange(n) * step
    for i, (column, label, colour, hatch) in enumerate(series):
        face = colour if column != "england" else "white"
        ax.barh(positions + i * height, table[column].fillna(0), height=height, color=face, edgecolor=colour,
                hatch=hatch, label=label, linewidth=0.8)
    for pos, value, marker in zip(positions, table["council"], table["council_marker"]):
        ax.text((0 if pd.isna(value) else value) + 0.5, pos, fmt_number(value, 0, marker), va="center",
                fontsize=LABEL_SIZE)
    for pos, category in zip(positions, names):
        ax.text(0, pos - height / 2 - 0.03, category, va="bottom", ha="left", fontsize=LABEL_SIZE)
    ax.set_yticks([])
    ax.set_ylim((positions[-1] if n else 0) + 2.5 * height + 0.05, -(height / 2 + 0.06 + line * lines))
    ax.set_xlabel(f"per cent, {year}")
    ax.set_title(textwrap.fill(f"{title}, {year}", 48), pad=56)
    ax.grid(axis="y", visible=False)
    ax.spines["left"].set_visible(True)
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=2, borderaxespad=0.2)
    fig.tight_layout()
    data = pd.DataFrame({
        "Category": table["category"],
        council.name: [fmt_figure(v, "%", 0, m) for v, m in zip(table["council"], table["council_marker"])],
        "Statistical neighbours' average": [fmt_figure(v, "%") for v in table["neighbours"]],
        "England": [fmt_figure(v, "%") for v in table["england"]],
    })
    top = table.dropna(subset=["council"]).sort_values("council", ascending=False).head(1)
    alt = (f"Bar chart of {title.lower()} in {year}: the share of children in each of {n} categories for "
           f"{council.name}, the average of its statistical neighbours and England.")
    if len(top):
        r = top.iloc[0]
        alt += (f" The largest share for {council.name} is {r['category']} at {fmt_number(r['council'])}%, "
                f"against {fmt_number(r['england'])}% for England.")
    caption = f"{title}, {council.name} against its statistical neighbours and England, {year}. " \
              f"{marker_note(table['council_marker'])}".strip()
    return page.figure(fig, name=name, alt=alt, caption=caption, source=source, data=data)


def _plural(what: str) -> str:
    """'age group' → 'age groups', 'category of need' → 'categories of need'."""
    head, _, rest = what.partition(" ")
    if what.startswith(("category", "reason", "activity")):
        head = {"category": "categories", "reason": "reasons", "activity": "activities"}[head]
        return f"{head} {rest}".strip()
    return what + "s"


def breakdown_sentence(table: pd.DataFrame, council: Council, year: int, what: str) -> str:
    """One sentence naming the council's largest category of ``what`` (e.g. 'placement type') and,
    where the rounded shares differ by :data:`WIDE_GAP_POINTS` points or more, the category that
    differs most from England."""
    name = escape(council.name)
    known = table.dropna(subset=["council"])
    if known.empty:
        return (f"No breakdown by {what} is published for {name} for {year}"
                + (" (the figures are suppressed)." if table["council_marker"].notna().any() else "."))
    top = known.sort_values("council", ascending=False).iloc[0]
    hidden = table[table["council"].isna() & table["council_marker"].notna()]
    # A suppressed share may be as large as what the published shares leave of 100%.
    if len(hidden) and round_half_up(top["council"]) < 100 - known["council"].sum():
        markers = and_list(sorted(set(hidden["council_marker"])))
        text = (f"In {year} DfE published {name}'s share for {len(known)} of the {len(table)} {_plural(what)}; "
                f"the others are shown as {markers}, so which is largest cannot be told.")
    else:
        text = (f"In {year} the {what} with the largest share in {name} was “{escape(top['category'])}” "
                f"({fmt_number(top['council'])}%; England {fmt_number(top['england'])}%).")
    gap = known["council"].map(round_half_up) - known["england"].map(round_half_up)
    if gap.notna().any() and gap.abs().max() >= WIDE_GAP_POINTS:
        widest = gap.abs().idxmax()
        d = known.loc[widest]
        text += (f" The widest gap from England was “{escape(d['category'])}”: {fmt_number(d['council'])}% "
                 f"against {fmt_number(d['england'])}%, {points(gap.loc[widest])} "
                 f"{'higher' if gap.loc[widest] > 0 else 'lower'}.")
    return text


def no_figures_sentence(what: str, council: Council, year: int) -> str:
    """The sentence shown in place of a chart when DfE publishes nothing for a measure."""
    return f"DfE publishes no figures for {escape(what)} for {escape(council.name)} up to {year}."


def trend_section(page, section: str, council: str | Council, year: int, model: str = "2025") -> Markdown:
    """Everything chapter 4 shows for one section: for each measure its sentences and chart (or a
    sentence saying nothing is published), then the section's breakdown charts."""
    council = resolve_council(council)
    parts = []
    for item in TRENDS[section]:
        t = trend_for(item, council, year, model)
        if t is None or t.table["council"].isna().all() and t.table["council_marker"].isna().all():
            parts.append(prose(no_figures_sentence(item.what, council, year)))
            continue
        parts.append(prose(trends.sentences(t)))
        parts.append(trends.figure(page, t, name=f"{section}-{item.measure.key}", title=item.title))
    for loader, args, measure, title, what in BREAKDOWNS.get(section, []):
        frame = LOADERS[loader](year, *args)
        rows = frame[frame["measure"] == measure]
        if rows.empty:
            parts.append(prose(f"No breakdown by {what} is published up to {year}."))
            continue
        latest = int(rows["year"].max())
        table = breakdown_shares(rows, council, measure, latest, model)
        parts.append(prose(breakdown_sentence(table, council, latest, what)))
        parts.append(breakdown_figure(page, table, council, name=f"{section}-{measure}", title=title, year=latest,
                                      source=breakdown_source(rows, measure, latest)))
    if not parts:
        return Markdown("")
    out = parts[0]
    for part in parts[1:]:
        out = out + part
    return out


def looked_after_trend(council: str | Council, year: int, unit: str, model: str = "2025") -> trends.Trend:
    """Children looked after on 31 March as a count (``unit`` 'children', not compared: councils
    differ in size) or a rate ('per 10,000 children', against England, region and neighbours)."""
    return trends.trend(published.cla_headline(year_max=year), resolve_council(council), "cla_31_march", unit,
                        "children looked after on 31 March", model=model, compared=unit != "children")


def looked_after_section(page, council: str | Council, year: int, unit: str, model: str = "2025") -> Markdown:
    """The sentences and chart of :func:`looked_after_trend` (chapter 4's first page)."""
    t = looked_after_trend(council, year, unit, model)
    name, title = (("cla-count", "Children looked after on 31 March") if unit == "children" else
                   ("cla-rate", "Children looked after per 10,000 children"))
    return prose(trends.sentences(t)) + trends.figure(page, t, name=name, title=title)
