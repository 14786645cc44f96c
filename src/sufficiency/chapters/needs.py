"""Children's needs, from what DfE publishes for every council: the main reason each child came to
be looked after (category of need) on 31 March, children looked after because of their own
disability, unaccompanied asylum-seeking children, and age on 31 March; each against the
statistical neighbours and England.

>>> table = pd.DataFrame({"category": ["Abuse or neglect", "Child's disability"], "council": [61.0, 2.0],
...                       "council_marker": [None, None], "england": [66.0, 3.0], "neighbours": [60.0, 4.0]})
>>> print(disability_sentence(table, resolve_council("209"), 2025))
In 2025, 2% of the children Lewisham looked after were in care mainly because of their own disability \
(England 3%; the statistical neighbours' average 4%).
"""
from __future__ import annotations

import pandas as pd

from sufficiency.chapters.key_trends import breakdown_figure, breakdown_sentence
from sufficiency.data import published
from sufficiency.data.councils import Council, resolve_council
from sufficiency.measures.breakdowns import breakdown_shares, breakdown_source
from sufficiency.measures.snapshot import snapshot
from sufficiency.publishing.pages import Markdown, escape, prose
from sufficiency.publishing.words import fmt_figure, fmt_number, is_missing, marker_meaning

DISABILITY = "Child's disability"


def disability_sentence(table: pd.DataFrame, council: Council, year: int) -> str:
    """The share looked after mainly because of their own disability (category N2)."""
    rows = table[table["category"].str.contains(DISABILITY, regex=False)]
    name = escape(council.name)
    if rows.empty:
        return f"No figure is published for {year} for children {name} looked after because of their own disability."
    r = rows.iloc[0]
    if is_missing(r["council"]):
        return (f"The share of children {name} looked after mainly because of their own disability is not "
                f"published for {year}{marker_meaning(r['council_marker'])}.")
    neighbours = "" if is_missing(r["neighbours"]) else \
        f"; the statistical neighbours' average {fmt_figure(r['neighbours'], '%')}"
    return (f"In {year}, {fmt_figure(r['council'], '%')} of the children {name} looked after were in care mainly "
            f"because of their own disability (England {fmt_figure(r['england'], '%')}{neighbours}).")


def uasc_sentence(snap: pd.DataFrame, council: Council) -> str:
    """How many unaccompanied asylum-seeking children the council looked after, and their share."""
    rows = snap.set_index("key")
    count, share = rows.loc["uasc"], rows.loc["uasc_share"]
    name = escape(council.name)
    if is_missing(count["year"]):
        return f"No figures for unaccompanied asylum-seeking children are published for {name}."
    year = int(count["year"])
    if is_missing(count["value"]):
        return (f"No count of unaccompanied asylum-seeking children looked after by {name} is published for "
                f"{year}{marker_meaning(count['marker'])}.")
    text = (f"On 31 March {year} {name} looked after {fmt_number(count['value'])} unaccompanied asylum-seeking "
            "children")
    if not is_missing(share["value"]) and int(share["year"]) == year:
        text += (f", {fmt_figure(share['value'], '%')} of all the children it looked after (England "
                 f"{fmt_figure(share['england'], '%')})")
    return text + (". Most arrive as teenagers; besides a home they need support with their asylum claim, "
                   "often with English, and with what they have been through.")


def _breakdown(page, council: Council, year: int, measure: str, title: str, what: str, model: str,
               extra=None, frame: pd.DataFrame | None = None) -> Markdown:
    frame = published.cla_characteristics(year, [measure]) if frame is None else frame
    rows = frame[frame["measure"] == measure]
    if rows.empty:
        return prose(f"No breakdown by {what} is published up to {year}.")
    latest = int(rows["year"].max())
    table = breakdown_shares(rows, council, measure, latest, model)
    parts = [breakdown_sentence(table, council, latest, what)]
    if extra is not None:
        parts.append(extra(table, council, latest))
    return prose(*parts) + breakdown_figure(page, table, council, name=measure.replace("_", "-"), title=title,
                                            year=latest, source=breakdown_source(rows, measure, latest))


def need_section(page, council: str | Council, year: int, model: str = "2025") -> Markdown:
    """The category of need on 31 March: the largest category, the widest gap from England, the
    share looked after because of their own disability, and the chart."""
    council = resolve_council(council)
    return _breakdown(page, council, year, "cla_by_need", "Main category of need on 31 March", "category of need",
                      model, disability_sentence)


def uasc_section(council: str | Council, year: int, model: str = "2025") -> Markdown:
    council = resolve_council(council)
    return prose(uasc_sentence(snapshot(council, year, model), council))


def age_section(page, council: str | Council, year: int, model: str = "2025") -> Markdown:
    council = resolve_council(council)
    return _breakdown(page, council, year, "cla_by_age", "Age on 31 March", "age group", model)


def entry_age_section(page, council: str | Council, year: int, model: str = "2025") -> Markdown:
    """The age at which children started to be looked after in the latest year: the largest group,
    the widest gap from England, and the chart."""
    council = resolve_council(council)
    return _breakdown(page, council, year, "started_by_age", "Age on starting to be looked after",
                      "age on starting to be looked after", model,
                      frame=published.started_by_characteristics(year))
