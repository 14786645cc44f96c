"""The regional book's pages on where children live, the homes in the group and what care costs.

Each reads a long table from :mod:`sufficiency.measures.regional` (one row per area, year and
measure, with DfE's symbol and, for a withheld group total, the reason in ``note``) and shows it
as one table of the members, the group and England, with sentences worded from the same rows.

>>> frame = pd.DataFrame({
...     "area": ["member", "member", "group", "england"], "la_code": ["1", "2", "g", "e"],
...     "area_name": ["A", "B", "The group", "England"], "year": [2025] * 4, "measure": ["share"] * 4,
...     "value": [20.0, np.nan, np.nan, 30.0], "marker": [None, "c", "c", None], "unit": ["%"] * 4,
...     "note": ["", "", "withheld: B's figure is suppressed", ""]})
>>> wide_table(frame, 2025, {"share": "Placed outside"}).to_dict("list")
{'Area': ['A', 'B', 'The group', 'England'], 'Placed outside': ['20%', 'c', 'c', '30%']}
>>> print(withheld_sentence(frame, 2025, {"share": "Placed outside"}))
For The group, placed outside is withheld: B's figure is suppressed.
"""
from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from sufficiency.chapters.forecasts_words import NOT_APPLICABLE, millions
from sufficiency.chapters.regional import group_phrase, possessive, the_councils
from sufficiency.core import ledger
from sufficiency.data.groups import Group
from sufficiency.measures import regional
from sufficiency.publishing.charts import LABEL_SIZE, OKABE_ITO, theme
from sufficiency.publishing.pages import Markdown, Page, escape, prose
from sufficiency.publishing.words import MISSING, and_list, fmt_figure, fmt_money, fmt_number, is_missing, marker_note

SOURCE_LOCATION = "DfE, Children looked after in England including adoptions (placement location and distance)"
SOURCE_SUPPLY = "Ofsted, children's social care providers and places; DfE, LAIT (council foster carers)"
SOURCE_COSTS = "DfE, Section 251 outturn: planned and actual spending on children looked after"
AREA_ORDER = {"member": 0, "group": 1, "england": 2}


def _at_year(frame: pd.DataFrame, year: int) -> pd.DataFrame:
    """The rows of ``year``, or of the latest year before it that has any (a source a year behind)."""
    years = sorted(int(y) for y in frame["year"].dropna().unique() if int(y) <= year)
    return frame[frame["year"] == years[-1]] if years else frame.iloc[0:0]


def _label(measure: str, labels: dict[str, str]) -> str:
    return labels.get(measure, measure.replace("_", " ").capitalize())


def _digits(unit: str) -> int:
    return 1 if str(unit or "").startswith("%") else 0


def _cell(r, measure: str, formats: dict) -> str:
    """One figure as readers see it; a withheld group count that has a published lower bound reads
    'c (at least 6,088)': the bound is the other members' sum, which reveals nothing."""
    marker = None if is_missing(r["marker"]) or not r["marker"] else str(r["marker"])
    if marker:
        bound = r.get("at_least")
        if r["area"] == "group" and not is_missing(bound) and measure in AT_LEAST_SHOWN:
            # In the same form as the figure would take (a spend in £ millions, say).
            shown = formats[measure](bound) if measure in formats else fmt_number(bound)
            return f"{marker} (at least {shown})"
        return marker
    if measure in formats:
        return formats[measure](r["value"])
    return fmt_figure(r["value"], r["unit"], _digits(r["unit"]))


#: Counts whose withheld group total is shown with its lower bound (not shares or differences).
AT_LEAST_SHOWN = {"cla", "own_placed_outside", "own_placed_inside", "placed_over_20_miles", "others_placed_inside",
                  "homes", "places", "foster_places", "foster_places_filled", "cla_spend"}


def wide_table(frame: pd.DataFrame, year: int, labels: dict[str, str], measures: list[str] | None = None,
               formats: dict | None = None) -> pd.DataFrame:
    """One row per area (members by name, then the group, then England), one column per measure
    (``measures``, or every one ``labels`` names, headed by ``labels``), each cell as readers see
    it: the value with its unit (or as ``formats`` writes it), DfE's symbol where suppressed or
    withheld, or :data:`MISSING`."""
    rows = _at_year(frame, year)
    formats = formats or {}
    measures = [m for m in (measures or labels) if m in set(rows["measure"])]
    rows = rows.assign(order=rows["area"].map(AREA_ORDER).fillna(3))
    rows = rows.assign(la_code=rows["la_code"].fillna(""))
    areas = rows.drop_duplicates(["area", "la_code"]).sort_values(["order", "area_name"])
    table = pd.DataFrame({"Area": areas["area_name"].tolist()})
    for measure in measures:
        cells = rows[rows["measure"] == measure].assign(la_code=lambda f: f["la_code"].fillna("")) \
            .set_index(["area", "la_code"])
        column = []
        for area, code in zip(areas["area"], areas["la_code"]):
            if (area, code) not in cells.index:
                column.append(MISSING)
                continue
            r = cells.loc[(area, code)]
            r = (r.iloc[0] if isinstance(r, pd.DataFrame) else r).copy()
            r["area"] = area
            column.append(_cell(r, measure, formats))
        table[_label(measure, labels)] = column
    return table


def withheld_sentence(frame: pd.DataFrame, year: int, labels: dict[str, str] | None = None) -> str:
    """Why the withheld figures of ``year`` are not shown: one sentence per area and reason (the
    measures module's words), naming the figures it withholds when they are one or two (a list of
    many columns' names would read like a table's header).

    >>> f = pd.DataFrame({"area_name": ["London"] * 2, "year": [2025] * 2, "measure": ["cla", "net_gain"],
    ...                   "value": [float("nan")] * 2, "note": ["withheld because X's figure is suppressed"] * 2})
    >>> print(withheld_sentence(f, 2025, {"cla": "Children looked after", "net_gain": "Net gain"}))
    For London, children looked after and net gain are withheld because X's figure is suppressed.
    >>> g = pd.DataFrame({"area_name": ["London"] * 3, "year": [2025] * 3, "measure": ["cla", "own_out", "net_gain"],
    ...                   "value": [float("nan")] * 3, "at_least": [9288.0, 6088.0, float("nan")],
    ...                   "note": ["withheld because X's figure is suppressed"] * 3})
    >>> print(withheld_sentence(g, 2025))
    London's own totals are left blank where they cannot be shown: they are withheld because X's figure is \
suppressed. Where a cell reads 'at least', that is the other councils' figures added, which reveals nothing.
    """
    rows = _at_year(frame, year)
    notes = rows[rows["value"].isna() & rows["note"].fillna("").astype(bool)]
    sentences = []
    for (area, note), part in notes.groupby(["area_name", "note"], sort=False):
        names = list(dict.fromkeys(_label(m, labels or {}) for m in part["measure"]))
        names = [n[:1].lower() + n[1:] for n in names]
        note = str(note).rstrip(".")
        if len(names) <= 2:
            verb = "is" if len(names) == 1 else "are"
            sentences.append(f"For {area}, {and_list(names)} {verb} {note}.")
        else:   # a list of many columns' names reads like a table's header, not a sentence
            text = f"{area}'s own totals are left blank where they cannot be shown: they are {note}."
            if "at_least" in part and part["at_least"].notna().any():
                text += (" Where a cell reads 'at least', that is the other councils' figures added, which "
                         "reveals nothing.")
            sentences.append(text)
    return " ".join(sentences)


def _value(frame: pd.DataFrame, area: str, measure: str):
    rows = frame[(frame["area"] == area) & (frame["measure"] == measure)]
    return (rows["value"].iloc[0], rows["unit"].iloc[0]) if len(rows) else (np.nan, "")


def _note(frame: pd.DataFrame, group: Group, key: str) -> None:
    """Note the group's, England's and the members' figures in the ledger."""
    for r in frame.itertuples():
        area = {"group": group.slug, "england": "england"}.get(r.area, r.la_code)
        ledger.record(f"regional_{key}_{r.measure}", area, r.year, r.value, _digits(r.unit))


# ----------------------------------------------------------------------------- where children live

def placement_sentences(frame: pd.DataFrame, group: Group, year: int) -> str:
    """The group's share of children placed outside their own council and more than 20 miles from
    home, against England's, for the latest year published.

    >>> from types import SimpleNamespace as S
    >>> f = pd.DataFrame({"area": ["group", "england", "group", "england"], "year": [2025] * 4,
    ...                   "measure": ["share_placed_outside_la"] * 2 + ["share_placed_over_20_miles"] * 2,
    ...                   "value": [61.0, 43.0, np.nan, 16.0], "unit": ["%"] * 4})
    >>> print(placement_sentences(f, S(name="London", kind="region", members=(1,) * 33), 2025))
    On 31 March 2025, 61% of the children looked after by the 33 councils of London lived outside \
their own council's area (England 43%). The share living more than 20 miles from home is not published for \
the group.
    """
    rows = _at_year(frame, year)
    if rows.empty:
        return f"DfE publishes no figures on where children live for {the_councils(group)} up to {year}."
    latest = int(rows["year"].iloc[0])
    who = group_phrase(group)
    outside, _ = _value(rows, "group", "share_placed_outside_la")
    outside_e, _ = _value(rows, "england", "share_placed_outside_la")
    far, _ = _value(rows, "group", "share_placed_over_20_miles")
    far_e, _ = _value(rows, "england", "share_placed_over_20_miles")
    if is_missing(outside):
        text = (f"The share of children looked after by {who} who lived outside their own council's area on "
                f"31 March {latest} is not published for the group.")
    else:
        text = (f"On 31 March {latest}, {fmt_number(outside)}% of the children looked after by {who} lived outside "
                f"their own council's area (England {fmt_figure(outside_e, '%')}).")
    if is_missing(far):
        text += " The share living more than 20 miles from home is not published for the group."
    else:
        text += (f" {fmt_number(far)}% lived more than 20 miles from home (England {fmt_figure(far_e, '%')}).")
    return text


def placement_chart(page: Page, frame: pd.DataFrame, group: Group, year: int) -> Markdown:
    """Each member's share of its children placed outside its own area, against England's."""
    rows = _at_year(frame, year)
    shares = rows[rows["measure"] == "share_placed_outside_la"]
    members = shares[shares["area"] == "member"].sort_values("value", ascending=True, na_position="first")
    if members["value"].isna().all():
        return prose(f"No council of {escape(group.name)} has a published share of children placed outside its area.")
    latest = int(rows["year"].iloc[0])
    england, _ = _value(rows, "england", "share_placed_outside_la")
    theme()
    fig, ax = plt.subplots(figsize=(7.5, 1.6 + 0.42 * len(members)))
    positions = np.arange(len(members))
    ax.barh(positions, members["value"].fillna(0), color=OKABE_ITO["blue"], height=0.7)
    for pos, value, marker in zip(positions, members["value"], members["marker"]):
        ax.text((0 if is_missing(value) else value) + 1, pos, fmt_figure(value, "%", 0, marker or None),
                va="center", fontsize=LABEL_SIZE - 2)
    if not is_missing(england):
        ax.axvline(england, color=OKABE_ITO["black"], linestyle="--", linewidth=1.5)
        # Named below the bars, clear of the title.
        ax.text(england, -0.7, f" England {fmt_number(england)}%", fontsize=LABEL_SIZE - 2, va="top")
        ax.set_ylim(-1.3, len(members) - 0.4)
    ax.set_yticks(positions, [textwrap.shorten(str(n), 24) for n in members["area_name"]], fontsize=LABEL_SIZE - 3)
    ax.set_xlim(0, 105)
    ax.set_xlabel(f"per cent of the council's children, 31 March {latest}")
    ax.set_title(textwrap.fill(f"Children placed outside their own council's area, {group.name}", 48))
    ax.grid(axis="y", visible=False)
    fig.tight_layout()
    shown = members.sort_values("value", ascending=False, na_position="last")
    data = pd.DataFrame({"Council": shown["area_name"],
                         "Placed outside its own area": [fmt_figure(v, "%", 0, m or None)
                                                         for v, m in zip(shown["value"], shown["marker"])]})
    data.loc[len(data)] = ["England", fmt_figure(england, "%")]
    known = shown.dropna(subset=["value"])
    alt = (f"Bar chart of the share of each of {len(members)} councils' children looked after who lived outside the "
           f"council's own area on 31 March {latest}, with England's share as a dashed line at "
           f"{fmt_figure(england, '%')}.")
    if len(known):
        alt += (f" Highest: {known.iloc[0]['area_name']} at {fmt_number(known.iloc[0]['value'])}%; lowest: "
                f"{known.iloc[-1]['area_name']} at {fmt_number(known.iloc[-1]['value'])}%.")
    return page.figure(fig, name="placed-outside", alt=alt, data=data, source=SOURCE_LOCATION,
                       caption=f"Share of each council's children looked after placed outside its own area, {latest}. "
                               f"{marker_note(members['marker'].dropna())}".strip())


#: The two tables of the placements page: where each council's own children live, and children
#: moving between councils' areas.
WHERE_OWN_LIVE = ["cla", "own_placed_inside", "own_placed_outside", "share_placed_outside_la", "placed_over_20_miles",
                  "share_placed_over_20_miles"]
BETWEEN_COUNCILS = ["others_placed_inside", "net_gain"]


def flow_sentence(frame: pd.DataFrame, group: Group, year: int) -> str:
    """Other councils' children living in the group's areas, and how many of the group's own
    children placed outside their council can be in another member's area (at most) or outside
    the group (at least): DfE publishes no council-to-council table.

    >>> from types import SimpleNamespace as S
    >>> f = pd.DataFrame({"area": ["group"] * 4, "year": [2025] * 4,
    ...                   "measure": ["others_placed_inside", "own_placed_outside", "within_group_at_most",
    ...                               "outside_group_at_least"], "value": [2177.0, 2161.0, 2161.0, 0.0],
    ...                   "unit": ["children"] * 4})
    >>> print(flow_sentence(f, S(name="London East", kind="london-subregion", members=(1,) * 10), 2025))
    On 31 March 2025, 2,177 children looked after by other councils lived in the areas of the 10 councils of London East. Of the 2,161 children of the group's councils living outside their own council's area, the published figures cannot say how many lived in another member's area: at most 2,161, so at least 0 lived outside the group.
    """
    rows = _at_year(frame, year)
    if rows.empty:
        return ""
    latest = int(rows["year"].iloc[0])
    others, _ = _value(rows, "group", "others_placed_inside")
    outside, _ = _value(rows, "group", "own_placed_outside")
    most, _ = _value(rows, "group", "within_group_at_most")
    least, _ = _value(rows, "group", "outside_group_at_least")
    text = ""
    if not is_missing(others):
        text = (f"On 31 March {latest}, {fmt_number(others)} children looked after by other councils lived in the "
                f"areas of {group_phrase(group)}.")
    if not is_missing(outside) and not is_missing(most):
        text += (f" Of the {fmt_number(outside)} children of the group's councils living outside their own council's "
                 "area, the published figures cannot say how many lived in another member's area: at most "
                 f"{fmt_number(most)}" + (f", so at least {fmt_number(least)} lived outside the group."
                                          if not is_missing(least) else "."))
    return text.strip()


def placements_section(page: Page, group: Group, year: int) -> Markdown:
    frame = regional.placement_location(group, year)
    _note(frame, group, "location")
    text = prose(placement_sentences(frame, group, year))
    if frame.empty:
        return text
    latest = int(_at_year(frame, year)["year"].iloc[0])
    labels = regional.LOCATION_MEASURES
    note = marker_note(frame.loc[frame["year"] == latest, "marker"].dropna())
    own = page.table(wide_table(frame, year, labels, WHERE_OWN_LIVE), name="placement-location", source=SOURCE_LOCATION,
                     caption=f"Where the children looked after by each council of {group.name} lived on 31 March "
                             f"{latest}. {note}".strip())
    between = page.table(wide_table(frame, year, labels, BETWEEN_COUNCILS), name="placed-between-councils",
                         source=SOURCE_LOCATION,
                         caption=f"Children of other councils living in each council's area, and the net gain (those "
                                 f"placed in, less the council's own placed out), 31 March {latest}. {note}".strip())
    return (text + placement_chart(page, frame, group, year) + own + prose(flow_sentence(frame, group, year))
            + between + prose(withheld_sentence(frame, year, labels)))


def not_published_section() -> Markdown:
    """What DfE does not publish about where children are placed, in the measures module's words."""
    return prose(" ".join(escape(s) for s in regional.not_published()))


# ----------------------------------------------------------------------------- homes

def supply_sentences(frame: pd.DataFrame, group: Group, year: int) -> str:
    """The group's children's homes and places, from the rows the measures module gives.

    >>> from types import SimpleNamespace as S
    >>> f = pd.DataFrame({"area": ["group", "group"], "year": [2025, 2025], "measure": ["homes", "places"],
    ...                   "value": [120.0, 450.0], "unit": ["homes", "places"]})
    >>> print(supply_sentences(f, S(name="X", kind="region", members=(1, 2)), 2025))
    In 2025 Ofsted registered 120 children's homes with 450 places in the areas of the 2 councils of X.
    """
    rows = _at_year(frame, year)
    if rows.empty:
        return f"No figures on children's homes are published for {the_councils(group)} up to {year}."
    latest = int(rows["year"].iloc[0])
    homes, _ = _value(rows, "group", "homes")
    places, _ = _value(rows, "group", "places")
    if is_missing(homes):
        return f"The number of children's homes in {escape(group.name)} as a whole is not published for {latest}."
    text = f"In {latest} Ofsted registered {fmt_number(homes)} children's homes"
    if not is_missing(places):
        text += f" with {fmt_number(places)} places"
    return text + f" in the areas of {group_phrase(group)}."


SUPPLY_TOTALS = ["homes", "places", "foster_places", "foster_places_filled"]
OWNERS = ["local_authority", "private", "voluntary", "health"]


def supply_section(page: Page, group: Group, year: int) -> Markdown:
    frame = regional.supply(group, year)
    _note(frame, group, "supply")
    text = prose(supply_sentences(frame, group, year))
    if frame.empty:
        return text
    rows = _at_year(frame, year)
    latest = int(rows["year"].iloc[0])
    labels = regional.SUPPLY_MEASURES
    note = marker_note(rows["marker"].dropna())
    # An owner with no home anywhere in the group that year gets no columns.
    owners = [o for o in OWNERS if (rows.loc[rows["measure"] == f"homes_{o}", "value"].fillna(0) > 0).any()]
    by_owner = [f"homes_{o}" for o in owners] + [f"places_{o}" for o in owners]
    totals = page.table(wide_table(frame, year, labels, SUPPLY_TOTALS), name="supply", source=SOURCE_SUPPLY,
                        caption=f"Children's homes and their places in each council's area of {group.name}, and places "
                                f"with councils' own foster carers, {latest}. {note}".strip())
    owned = page.table(wide_table(frame, year, labels, by_owner), name="supply-by-owner", source=SOURCE_SUPPLY,
                       caption=f"Children's homes and places in each council's area of {group.name} by who runs "
                               f"them, {latest}.")
    return text + totals + prose(owner_sentence(rows, group)) + owned + prose(withheld_sentence(frame, year, labels))


def owner_sentence(rows: pd.DataFrame, group: Group) -> str:
    """Who runs the group's children's homes: the private share of its places.

    >>> from types import SimpleNamespace as S
    >>> r = pd.DataFrame({"area": ["group"] * 3, "year": [2025] * 3, "measure": ["places", "places_private",
    ...                   "places_local_authority"], "value": [532.0, 486.0, 19.0], "unit": ["places"] * 3})
    >>> print(owner_sentence(r, S(name="London East")))
    Private companies run 91% of the places in London East's children's homes; councils run 4%.
    """
    places, _ = _value(rows, "group", "places")
    private, _ = _value(rows, "group", "places_private")
    council, _ = _value(rows, "group", "places_local_authority")
    if is_missing(places) or is_missing(private) or not places:
        return ""
    text = (f"Private companies run {fmt_number(100 * private / places)}% of the places in "
            f"{possessive(escape(group.name))} children's homes")
    if not is_missing(council):
        text += f"; councils run {fmt_number(100 * council / places)}%"
    return text + "."


# ----------------------------------------------------------------------------- costs

def cost_sentences(frame: pd.DataFrame, group: Group, year: int) -> str:
    """What the group's councils together reported spending on children looked after, and the
    range of spending per child among them."""
    rows = _at_year(frame, year)
    if rows.empty:
        return f"No Section 251 spending is published for {the_councils(group)} up to {year}."
    latest = int(rows["year"].iloc[0])
    spend, _ = _value(rows, "group", "cla_spend")
    text = (f"In the year to March {latest} {group_phrase(group)} reported spending {millions(spend)} on children "
            "looked after."
            if not is_missing(spend) else
            f"The group's total spending on children looked after is not published for {latest}.")
    per_child = rows[(rows["area"] == "member") & (rows["measure"] == "spend_per_child")].dropna(subset=["value"])
    if len(per_child) >= 2:
        per_child = per_child.sort_values("value")
        lo, hi = per_child.iloc[0], per_child.iloc[-1]
        text += (f" Spending per child looked after ranged from {fmt_money(lo['value'])} in {escape(lo['area_name'])} "
                 f"to {fmt_money(hi['value'])} in {escape(hi['area_name'])}.")
    return text


def costs_section(page: Page, group: Group, year: int) -> Markdown:
    frame = regional.costs(group, year)
    _note(frame, group, "costs")
    text = prose(cost_sentences(frame, group, year))
    if frame.empty:
        return text
    latest = int(_at_year(frame, year)["year"].iloc[0])
    labels = regional.COST_MEASURES
    caption = (f"Spending on children looked after reported by each council of {group.name} to DfE (Section 251), "
               f"{latest}. {marker_note(frame['marker'].dropna())}").strip()
    table = wide_table(frame, year, labels, formats={"cla_spend": millions})
    # A unit cost is not a sum: the group's row has none, which is not the same as a missing figure.
    weekly = [labels[m] for m in labels if m.startswith("weekly_cost") and labels[m] in table.columns]
    table.loc[table["Area"] == group.name, weekly] = NOT_APPLICABLE
    return (text + page.table(table, name="costs", caption=caption, source=SOURCE_COSTS)
            + prose("Weekly unit costs are each council's own; they are not added up for the group.",
                    withheld_sentence(frame, year, labels)))
