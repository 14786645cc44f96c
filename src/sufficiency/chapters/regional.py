"""The regional book (a group of councils): the group at a glance and its members side by side.

The figures come from :mod:`sufficiency.measures.regional`, which withholds any group total that
would reveal a suppressed member figure; this module words them, draws them and notes each figure
in the ledger (:mod:`sufficiency.core.ledger`) so two pages of the regional book cannot disagree.
The pages of where children live, the homes and their cost are in
:mod:`sufficiency.chapters.regional_places`; the forecasts in
:mod:`sufficiency.chapters.regional_forecasts`.

>>> cla = pd.DataFrame({"area": ["group", "group", "england", "england"], "year": [2024, 2025] * 2,
...                     "children": [1000.0, 1100.0, 83630.0, 81770.0], "children_marker": [None] * 4,
...                     "rate": [60.0, 66.0, 70.0, 68.0], "rate_marker": [None] * 4, "note": [""] * 4})
>>> print(headline_sentence(cla, "the 3 councils of Example", 2025))
On 31 March 2025 the 3 councils of Example looked after 1,100 children, 66 per 10,000 children, \
below England's 68 per 10,000 children.
"""
from __future__ import annotations

import math
import textwrap

import matplotlib.pyplot as plt
import pandas as pd

from sufficiency.chapters import maps
from sufficiency.core import ledger
from sufficiency.data import groups
from sufficiency.data.groups import Group
from sufficiency.measures import regional
from sufficiency.publishing.charts import LABEL_SIZE, ROLE_STYLE, alt_text, comparison_chart, theme
from sufficiency.publishing.pages import Markdown, Page, escape, prose
from sufficiency.publishing.words import (
    MISSING,
    and_list,
    compare,
    count_phrase,
    describe_change,
    fmt_figure,
    fmt_number,
    is_missing,
    marker_note,
)

#: Where the figures on children looked after come from, as readers see it.
SOURCE_CLA = "DfE, Children looked after in England including adoptions; ONS mid-year population estimates"
RATE_UNIT = "per 10,000 children"
#: Labels on the map only for groups this small; a larger group's councils are named in its table.
MAP_LABELS_UP_TO = 12


def group_for(group: str, members: str, year: int) -> Group:
    """The group a regional page is built for: by its name when it has one (``group``), otherwise
    the ad hoc group of the DfE codes in ``members`` (comma-separated)."""
    return groups.resolve(group or [code for code in members.split(",") if code.strip()], year)


def group_phrase(group: Group) -> str:
    """How sentences name the group: 'the 33 councils of London', or for an ad hoc group its
    members' names with 'together'.

    >>> from types import SimpleNamespace as S
    >>> group_phrase(S(name="London", kind="region", members=(1,) * 33))
    'the 33 councils of London'
    >>> group_phrase(S(name="Greenwich, Lewisham and Southwark", kind="ad hoc", members=(1, 2, 3)))
    'Greenwich, Lewisham and Southwark together'
    """
    if group.kind == "ad hoc":
        return f"{group.name} together"
    return f"the {len(group.members)} councils of {group.name}"


def possessive(name: str) -> str:
    """'London's', 'East Midlands'' (a name ending in s takes the apostrophe alone).

    >>> possessive("London"), possessive("East Midlands")
    ("London's", "East Midlands'")
    """
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def the_councils(group: Group) -> str:
    """The group's councils in captions: "London's councils"; an ad hoc group by its members' names.

    >>> from types import SimpleNamespace as S
    >>> the_councils(S(name="East Midlands", kind="region")), the_councils(S(name="A, B and C", kind="ad hoc"))
    ('the councils of East Midlands', 'A, B and C')
    """
    return group.name if group.kind == "ad hoc" else f"the councils of {group.name}"


def sentence_start(text: str) -> str:
    """``text`` with its first letter a capital, the rest as it is.

    >>> sentence_start("the councils of London")
    'The councils of London'
    """
    return text[:1].upper() + text[1:]


def page_title(group: Group, what: str) -> str:
    """A page's title naming the group, e.g. 'London: the councils side by side'."""
    return f"{group.name}: {what}"


# ----------------------------------------------------------------------------- at a glance

def _row(cla: pd.DataFrame, area: str, year: int):
    rows = cla[(cla["area"] == area) & (cla["year"] == year)]
    return rows.iloc[0] if len(rows) else None


def headline_sentence(cla: pd.DataFrame, who: str, year: int) -> str:
    """The group's children looked after and rate on 31 March ``year`` against England's; where
    the group's total is withheld (a member's figure is suppressed), the reason instead."""
    g, e = _row(cla, "group", year), _row(cla, "england", year)
    if g is None:
        return f"No figures on children looked after are published for {who} for {year}."
    if is_missing(g["children"]):
        reason = str(g.get("note") or "").strip()
        if not is_missing(g.get("at_least")):
            return (f"On 31 March {year} {who} looked after at least {count_phrase(g['at_least'], 'child')}; the "
                    "exact total and the group's rate are not published" + (f", {reason.rstrip('.')}." if reason else "."))
        return (f"The number of children {who} looked after on 31 March {year} is not published"
                + (f": {reason.rstrip('.')}." if reason else "."))
    text = f"On 31 March {year} {who} looked after {count_phrase(g['children'], 'child')}"
    if is_missing(g["rate"]):
        return text + "; the group's rate per 10,000 children is not published."
    text += f", {fmt_number(g['rate'])} {RATE_UNIT}"
    england = e["rate"] if e is not None else None
    return text + f", {compare(g['rate'], england, RATE_UNIT, 'England')}."


def trend_sentence(cla: pd.DataFrame, name: str) -> str:
    """How the group's and England's rates changed over the years published for both.

    >>> cla = pd.DataFrame({"area": ["group", "group", "england", "england"], "year": [2020, 2025] * 2,
    ...                     "rate": [60.0, 66.0, 67.0, 68.0]})
    >>> print(trend_sentence(cla, "London"))
    London's rate rose from 60 per 10,000 children in 2020 to 66 in 2025 (up 6, or 10.0%); \
England's rose from 67 per 10,000 children in 2020 to 68 in 2025 (up 1, or 1.5%).
    """
    series = {area: dict(zip(cla.loc[cla["area"] == area, "year"].astype(int), cla.loc[cla["area"] == area, "rate"]))
              for area in ("group", "england")}
    known = {y for y, v in series["group"].items() if not is_missing(v)}
    england = {y: v for y, v in series["england"].items() if y in known}
    group_change = describe_change(series["group"], RATE_UNIT)
    if len(known) < 2:
        return ""
    england_change = describe_change(england, RATE_UNIT)
    return f"{possessive(name)} rate {group_change}; England's {england_change}."


def spread_sentence(members: pd.DataFrame, year: int) -> str:
    """The highest and lowest member rates in ``year``, and how many members' rates are withheld.

    >>> t = pd.DataFrame({"rank": [1.0, 2.0, float("nan")], "la_name": ["A", "B", "C"], "rate": [90.0, 40.0, float("nan")],
    ...                   "rate_marker": [None, None, "c"]})
    >>> print(spread_sentence(t, 2025))
    In 2025 the rate ranged from 40 per 10,000 children in B to 90 in A. C's rate is not published (c).
    """
    known = members.dropna(subset=["rate"]).sort_values("rate")
    text = ""
    if len(known) >= 2:
        low, high = known.iloc[0], known.iloc[-1]
        text = (f"In {year} the rate ranged from {fmt_number(low['rate'])} {RATE_UNIT} in {escape(low['la_name'])} "
                f"to {fmt_number(high['rate'])} in {escape(high['la_name'])}.")
    hidden = members[members["rate"].isna()]
    if len(hidden):
        names = and_list([escape(n) for n in hidden["la_name"]])
        markers = and_list(sorted({str(m) for m in hidden["rate_marker"].dropna()})) or MISSING
        verb = "rate is" if len(hidden) == 1 else "rates are"
        text += f" {names}'s {verb} not published ({markers})." if len(hidden) == 1 else \
            f" The {verb} of {names} are not published ({markers})."
    return text.strip()


def members_sentence(group: Group) -> str:
    """Which councils the book covers and where the group's definition comes from."""
    names = and_list([escape(c.name) for c in group.members])
    source = str(group.source).strip().rstrip(".")
    return f"This book covers {len(group.members)} councils: {names}. The group is {escape(source)}."


def joined_histories_text(group: Group) -> str:
    """How reorganised members' histories were joined, or that none needed joining."""
    if not group.joined_histories:
        return ("No member council was formed by a reorganisation in the years shown, so every member's "
                "figures are its own as published.")
    return " ".join(escape(s) for s in group.joined_histories)


def _note_cla(group: Group, cla: pd.DataFrame) -> None:
    """Note the group's and England's figures in the ledger, so every page agrees on them."""
    for area, code in (("group", group.slug), ("england", "england")):
        rows = cla[cla["area"] == area]
        ledger.record_many("regional_cla_children", [(code, y, v) for y, v in zip(rows["year"], rows["children"])])
        ledger.record_many("regional_cla_rate", [(code, y, v) for y, v in zip(rows["year"], rows["rate"])])
    members = cla[cla["area"] == "member"]
    ledger.record_many("regional_cla_rate", [(c, y, v) for c, y, v in
                                             zip(members["la_code"], members["year"], members["rate"])])


def trend_table(cla: pd.DataFrame, column: str) -> pd.DataFrame:
    """The group's and England's ``column`` by year, for :func:`comparison_chart` (the group as
    'council'), from the first year either has a figure."""
    wide = cla[cla["area"].isin(["group", "england"])].pivot_table(index="year", columns="area", values=column,
                                                                   aggfunc="first", dropna=False)
    wide = wide.rename(columns={"group": "council"}).reindex(columns=["council", "england"])
    wide.index = wide.index.astype(int)
    return wide.dropna(how="all").sort_index()


def overview_section(page: Page, group: Group, year: int) -> Markdown:
    """The first page's figures: the group's children looked after and rate against England, the
    trend and the spread among members, and the rate chart with its numbers."""
    cla = regional.cla(group, year)
    _note_cla(group, cla)
    members = regional.members_table(group, year)
    text = prose(headline_sentence(cla, group_phrase(group), year), trend_sentence(cla, escape(group.name)),
                 spread_sentence(members, year))
    table = trend_table(cla, "rate")
    if table["council"].isna().all():
        return text + prose(f"No rate is published for {escape(group.name)} as a whole in any year up to {year}: "
                            "each year at least one council's figure is suppressed, and a total would reveal it. "
                            "The next page shows each council's rate.")
    labels = {"council": group.name, "england": "England"}
    fig = comparison_chart(table, labels=labels, unit=RATE_UNIT,
                           title=f"Children looked after per 10,000 children, {group.name} and England")
    data = pd.DataFrame({"Year": table.index.astype(str),
                         group.name: [fmt_figure(v) for v in table["council"]],
                         "England": [fmt_figure(v) for v in table["england"]]})
    withheld = cla[(cla["area"] == "group") & cla["children"].isna() & cla["note"].astype(bool)]
    caption = f"Children looked after per 10,000 children on 31 March, {group.name} (all its councils) and England."
    if len(withheld):
        caption += f" Years without a group figure: {', '.join(str(int(y)) for y in withheld['year'])}."
    return text + page.figure(fig, name="group-rate", caption=caption, source=SOURCE_CLA, data=data,
                              alt=alt_text(table, labels=labels, unit=RATE_UNIT,
                                           what="children looked after per 10,000 children"))


def count_section(page: Page, group: Group, year: int) -> Markdown:
    """The number of children the group looked after each year, as a table (England's count is not
    comparable with a group's)."""
    cla = regional.cla(group, year)
    rows = cla[cla["area"] == "group"].sort_values("year")
    frame = pd.DataFrame({
        "Year": rows["year"].astype(int).astype(str),
        "Children looked after": [fmt_figure(v, "", 0, m) for v, m in zip(rows["children"], rows["children_marker"])],
        RATE_UNIT.capitalize(): [fmt_figure(v, "", 0, m) for v, m in zip(rows["rate"], rows["rate_marker"])],
        "Why no figure": [n if is_missing(v) else "" for v, n in zip(rows["children"], rows["note"])],
    })
    if not frame["Why no figure"].astype(bool).any():
        frame = frame.drop(columns="Why no figure")
    return page.table(frame, name="group-count", source=SOURCE_CLA,
                      caption=f"Children looked after on 31 March by {the_councils(group)}, by year.")


# ----------------------------------------------------------------------------- members side by side

def ranked_table(members: pd.DataFrame, year: int) -> pd.DataFrame:
    """The members ranked by rate as readers see it (a withheld rate shows its DfE symbol, ranked last).

    >>> t = pd.DataFrame({"rank": [1.0, float("nan")], "la_code": ["1", "2"], "la_name": ["A", "B"],
    ...                   "children": [500.0, float("nan")], "children_marker": [None, "c"], "rate": [90.0, float("nan")],
    ...                   "rate_marker": [None, "c"], "rate_earlier": [80.0, 70.0], "earlier_year": [2020, 2020],
    ...                   "change": [10.0, float("nan")]})
    >>> ranked_table(t, 2025).to_dict("records")[1]
    {'Rank': '–', 'Council': 'B', 'Children looked after, 2025': 'c', 'Per 10,000 children, 2025': 'c', \
'Per 10,000 children, 2020': '70', 'Change': 'no data'}
    """
    earlier = members["earlier_year"].dropna()
    earlier_year = int(earlier.iloc[0]) if len(earlier) else None
    table = pd.DataFrame({
        "Rank": ["–" if is_missing(r) else str(int(r)) for r in members["rank"]],
        "Council": members["la_name"],
        f"Children looked after, {year}": [fmt_figure(v, "", 0, m) for v, m in
                                           zip(members["children"], members["children_marker"])],
        f"Per 10,000 children, {year}": [fmt_figure(v, "", 0, m) for v, m in zip(members["rate"], members["rate_marker"])],
    })
    if earlier_year:
        table[f"Per 10,000 children, {earlier_year}"] = [fmt_figure(v) for v in members["rate_earlier"]]
        table["Change"] = [MISSING if is_missing(v) else f"{'+' if v > 0 else ''}{fmt_number(v)}"
                           for v in members["change"]]
    return table


def ranked_section(page: Page, group: Group, year: int) -> Markdown:
    members = regional.members_table(group, year)
    ledger.record_many("regional_cla_rate", [(c, year, v) for c, v in zip(members["la_code"], members["rate"])])
    note = marker_note(pd.concat([members["children_marker"], members["rate_marker"]]))
    return prose(spread_sentence(members, year)) + page.table(
        ranked_table(members, year), name="members-ranked", source=SOURCE_CLA,
        caption=(f"{sentence_start(the_councils(group))} ranked by children looked after per 10,000 children, 31 March {year} "
                 f"(1 is the highest). {note}").strip())


def small_multiples(page: Page, group: Group, year: int) -> Markdown:
    """One small chart per member: its rate by year, with England's dashed in every panel, on one
    scale, so the councils can be compared at a glance."""
    cla = regional.cla(group, year)
    member_rows = cla[cla["area"] == "member"]
    england = cla[cla["area"] == "england"].set_index("year")["rate"].sort_index()
    names = [c.name for c in group.members]
    codes = [c.code for c in group.members]
    cols = 3 if len(names) > 4 else 2
    rows = math.ceil(len(names) / cols)
    theme()
    # Labels at the book's label size, as on every other chart: the figure is shrunk to a phone's
    # width and to the printed page, where smaller ones could not be read.
    height = 1.4 + 2.5 * rows
    fig, axes = plt.subplots(rows, cols, figsize=(7.5, height), sharex=True, sharey=True, squeeze=False)
    colour, style, marker = ROLE_STYLE["council"]
    e_colour, e_style, _ = ROLE_STYLE["england"]
    top = scale_top(member_rows["rate"], england)
    off_scale = []
    for ax, code, name in zip(axes.flat, codes, names):
        mine = member_rows[member_rows["la_code"] == code].set_index("year")["rate"].sort_index()
        ax.plot(england.index, england.to_numpy(dtype=float), color=e_colour, linestyle=e_style, linewidth=1.2)
        ax.plot(mine.index, mine.clip(upper=top).to_numpy(dtype=float), color=colour, linestyle=style, marker=marker,
                markersize=3, linewidth=2)
        title = textwrap.fill(name, 18)
        if mine.max() > top:
            # One council's far higher rate would flatten every other panel: it runs off the top, said so.
            off_scale.append(name)
            title += f"\n(peak {fmt_number(mine.max())},\noff the scale)"
        ax.set_title(title, fontsize=LABEL_SIZE, fontweight="normal")
        ax.tick_params(labelsize=LABEL_SIZE - 2)
        ax.set_ylim(0, top * 1.02)
        ax.grid(axis="x", visible=False)
    for ax in list(axes.flat)[len(names):]:
        ax.set_visible(False)
    years = sorted(int(y) for y in member_rows.dropna(subset=["rate"])["year"].unique())
    if years:
        axes[0][0].set_xticks([years[0], years[-1]])
    fig.suptitle(textwrap.fill(f"Children looked after per 10,000 children, each council of {group.name} "
                               "(solid) against England (dashed)", 52), x=0.02, ha="left",
                 fontsize=plt.rcParams["axes.titlesize"], fontweight="bold")
    fig.tight_layout(rect=(0, 0, 1, 1 - 1.2 / height))
    wide = member_rows.pivot_table(index="la_code", columns="year", values="rate", aggfunc="first", dropna=False)
    data = pd.DataFrame({"Council": names})
    for y in years:
        data[str(y)] = [fmt_figure(wide.at[c, y]) if c in wide.index and y in wide.columns else MISSING
                        for c in codes]
    data.loc[len(data)] = ["England"] + [fmt_figure(england.get(y)) for y in years]
    latest = member_rows[member_rows["year"] == year].dropna(subset=["rate"]).sort_values("rate")
    alt = (f"{len(names)} small line charts, one for each council of {group.name}, of children looked after per "
           f"10,000 children from {years[0] if years else year} to {year}, on one scale, each with England's rate "
           "as a dashed line.")
    if len(latest) >= 2:
        lo, hi = latest.iloc[0], latest.iloc[-1]
        alt += (f" In {year} the highest was {hi['area_name']} at {fmt_number(hi['rate'])} and the lowest "
                f"{lo['area_name']} at {fmt_number(lo['rate'])}; England {fmt_number(england.get(year))}.")
    if off_scale:
        alt += f" {and_list(off_scale)} rose above the charts' common scale; the table gives every value."
    return page.figure(fig, name="members-small-multiples", alt=alt, data=data, source=SOURCE_CLA,
                       caption=f"Children looked after per 10,000 children, by council of {group.name}, by year."
                               + (f" {and_list(off_scale)}: values above {fmt_number(top)} run off the top of "
                                  + ("its chart" if len(off_scale) == 1 else "their charts") + " (see the numbers)."
                                  if off_scale else ""))


def scale_top(rates: pd.Series, england: pd.Series) -> float:
    """The top of the small multiples' common scale: every value, unless a few councils' rates
    are far above the rest (more than twice the 95th percentile), which then run off the top.

    >>> scale_top(pd.Series([40.0, 60, 80] * 10 + [350.0]), pd.Series([67.0]))
    88.0
    >>> scale_top(pd.Series([40.0, 60, 80]), pd.Series([67.0]))
    88.0
    """
    values = pd.concat([rates, england]).dropna().astype(float)
    if values.empty:
        return 1.0
    high = float(values.max())
    typical = float(values.quantile(0.95))
    return 1.1 * (high if high <= 2 * typical else typical)


def group_map(page: Page, group: Group, year: int) -> Markdown:
    """The group's councils on a map, shaded by their rate in ``year``; councils outside the group
    in outline only, for orientation."""
    members = regional.members_table(group, year)
    rates = members.set_index("la_code")["rate"]
    geo = maps.boundaries(year)
    inside = geo[geo["la_code"].isin(list(group.codes))].copy()
    if inside.empty:
        return prose(f"The boundaries of {the_councils(group)} for {year} are not in the map data.")
    inside["rate"] = inside["la_code"].map(rates)
    edges = maps._bands(inside["rate"], n=4)
    theme()
    fig, ax = plt.subplots(figsize=(7.5, 7.0))
    xmin, ymin, xmax, ymax = inside.total_bounds
    pad = 0.08 * max(xmax - xmin, ymax - ymin)
    around = geo.cx[xmin - pad:xmax + pad, ymin - pad:ymax + pad]
    around.plot(ax=ax, color="#f2f2f2", edgecolor="#999999", linewidth=0.4)
    handles = maps._choropleth(ax, inside, "rate", edges, "", legend_title=RATE_UNIT)
    inside.boundary.plot(ax=ax, color="black", linewidth=0.9)
    if len(inside) <= MAP_LABELS_UP_TO:
        for shape in inside.itertuples():
            point = shape.geometry.representative_point()
            ax.annotate(textwrap.fill(shape.name, 14), xy=(point.x, point.y), ha="center", va="center",
                        fontsize=LABEL_SIZE - 3, bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none",
                                                       "alpha": 0.85})
    ax.set_xlim(xmin - pad, xmax + pad)
    ax.set_ylim(ymin - pad, ymax + pad)
    maps._frame_axes(ax)
    maps._legend_below(fig, ax, handles, f"Per 10,000 children, {year}")
    ax.set_title(textwrap.fill(f"{group.name}: children looked after per 10,000 children, 31 March {year}", 44))
    fig.tight_layout()
    shown = members.sort_values("rate", ascending=False, na_position="last")
    data = pd.DataFrame({"Council": shown["la_name"],
                         "Per 10,000 children": [fmt_figure(v, "", 0, m) for v, m in
                                                 zip(shown["rate"], shown["rate_marker"])]})
    known = inside.dropna(subset=["rate"])
    alt = (f"Map of the {len(inside)} councils of {group.name}, each shaded in one of {max(len(edges) - 1, 0)} bands "
           f"by children looked after per 10,000 children in {year}"
           + (f", from {edges[0]} to {edges[-1]}" if edges else "") + "; neighbouring councils in grey outline.")
    if len(known):
        hi = known.sort_values("rate").iloc[-1]
        alt += f" The highest rate is in {hi['name']} ({fmt_number(hi['rate'])})."
    return page.figure(fig, name="group-map", alt=alt, data=data, source=f"{SOURCE_CLA}; {maps.SOURCE_BOUNDARIES}",
                       caption=f"{sentence_start(the_councils(group))} shaded by their rate of children looked after, {year}.")
