"""Figures for a group of councils (a region, a London sub-region, a co-operative), from the same
published tables the council book reads.

Every group figure is a sum of its members' published figures, and every sum goes through one
function, :func:`group_total`, which keeps the group level from undoing DfE's suppression: a total
that includes a suppressed member (``c`` and the like) is itself withheld, so "the group minus the
other members" can never give the suppressed figure back. What can still be said is a lower bound,
the sum of the members whose figures are published (``at_least``), which adds nothing a reader
could not add up from the members' own rows. Inside one council's breakdown,
:func:`withhold_complements` applies the second step DfE applies: when exactly one part is
suppressed, another cell that would let it be worked out is withheld too.

Tables are long and keep DfE's markers; a withheld figure has value NaN, marker ``c`` and a
``note`` in readers' words. Areas are ``'member'``, ``'group'`` and ``'england'``.

>>> from sufficiency.data.groups import resolve
>>> london = resolve("London East", 2025)
>>> table = cla(london, 2025)
>>> table[(table.area == "group") & (table.year == 2025)][["children", "rate"]].values.tolist()
[[3462.0, 53.0]]
"""
from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
import pandas as pd

from sufficiency.core.markers import round_half_up
from sufficiency.data import published
from sufficiency.data.councils import all_councils
from sufficiency.data.groups import Group
from sufficiency.publishing.words import and_list

CLA_COLUMNS = ["area", "la_code", "area_name", "year", "children", "children_marker", "at_least",
               "rate", "rate_marker", "population", "note"]
MEMBER_COLUMNS = ["rank", "la_code", "la_name", "children", "children_marker", "rate", "rate_marker",
                  "rate_earlier", "earlier_year", "change"]
LONG_COLUMNS = ["area", "la_code", "area_name", "year", "measure", "value", "marker", "unit", "note"]
LOCATION_COLUMNS = SUPPLY_COLUMNS = COST_COLUMNS = LONG_COLUMNS

#: Markers that hide a real figure: a total including one would give it away.
SUPPRESSING = ("c", "x", "low", "k", "-", "u")
#: Markers that say a figure is not there to add (not applicable; not collected).
NOT_APPLICABLE = ("z",)
WITHHELD = "c"


class Total(NamedTuple):
    """A group total: its value (NaN when withheld), a DfE-style marker, why (reader words), and
    ``at_least``, the sum of the members whose figures are published (safe to show)."""

    value: float
    marker: str | None
    note: str
    at_least: float = math.nan


# ----------------------------------------------------------------------------- disclosure
def group_total(values: pd.Series, markers: pd.Series, names: pd.Series) -> Total:
    """The sum of member figures, or the reason it cannot be published.

    - every member published: the sum;
    - a member suppressed (c, x, low, k, '-', u): withheld (NaN, 'c'), the note names the members,
      and ``at_least`` is the others' sum; a total minus the others would otherwise give the
      suppressed figure back;
    - a member with DfE's 'z' (not applicable: no figure exists): left out, and the note says so;
    - a member with no figure at all, or '..': no total ('..'), the note names the members.

    >>> group_total(pd.Series([10.0, 20.0]), pd.Series([None, None]), pd.Series(["A", "B"]))
    Total(value=30.0, marker=None, note='', at_least=30.0)
    >>> group_total(pd.Series([10.0, np.nan, 5.0]), pd.Series([None, "c", None]), pd.Series(["A", "B", "C"]))
    Total(value=nan, marker='c', note="withheld because B's figure is suppressed and a total would reveal it", at_least=15.0)
    """
    values = pd.Series(values, dtype=float).reset_index(drop=True)
    markers = pd.Series(markers, dtype=object).reset_index(drop=True)
    markers = markers.where(markers.notna(), None).map(lambda m: str(m).strip() if m else None)
    names = pd.Series(names, dtype=object).reset_index(drop=True)
    suppressed = markers.isin(SUPPRESSING)
    not_applicable = markers.isin(NOT_APPLICABLE)
    absent = values.isna() & ~suppressed & ~not_applicable
    known = values.notna() & ~suppressed & ~not_applicable
    at_least = float(values[known].sum()) if known.any() else math.nan
    if suppressed.any():
        who = and_list([str(n) for n in names[suppressed]])
        verb = "is" if suppressed.sum() == 1 else "are"
        noun = "figure" if suppressed.sum() == 1 else "figures"
        return Total(math.nan, WITHHELD, f"withheld because {who}'s {noun} {verb} suppressed and a total "
                                         "would reveal it" if suppressed.sum() == 1 else
                     f"withheld because the {noun} of {who} {verb} suppressed and a total would reveal them",
                     at_least)
    if absent.any():
        who = and_list([str(n) for n in names[absent]])
        return Total(math.nan, "..", f"not available: no published figure for {who}", at_least)
    note = ""
    if not_applicable.any():
        who = and_list([str(n) for n in names[not_applicable]])
        note = f"{who}: not applicable (no figure published), so not included"
    return Total(float(values[known].sum()), None, note, at_least)


def withhold_complements(frame: pd.DataFrame, *, parts: list[str], total: str, value: str = "value",
                         marker: str = "marker", note: str = "note", key: str = "measure") -> pd.DataFrame:
    """Secondary suppression inside one additive set, ``parts`` adding up to ``total`` (rows named
    by ``key``). With exactly one part suppressed and the total published, the total is withheld
    too, or the suppressed part would be the total minus the others. With the total suppressed and
    exactly one part unpublished, nothing can be worked out, so nothing more is withheld.

    >>> f = pd.DataFrame({"measure": ["all", "inside", "outside"], "value": [40.0, np.nan, 36.0],
    ...                   "marker": [None, "c", None], "note": ["", "", ""]})
    >>> withhold_complements(f, parts=["inside", "outside"], total="all")[["value", "marker"]].values.tolist()
    [[nan, 'c'], [nan, 'c'], [36.0, None]]
    """
    frame = frame.copy()
    in_set = frame[key].isin(parts)
    hidden = in_set & (frame[marker].isin(SUPPRESSING) | frame[value].isna())
    is_total = frame[key] == total
    total_published = (is_total & frame[value].notna()).any()
    if hidden.sum() == 1 and total_published:
        frame.loc[is_total, value] = np.nan
        frame.loc[is_total, marker] = WITHHELD
        frame.loc[is_total, note] = "withheld because one of its parts is suppressed and the total would reveal it"
    return frame


# ----------------------------------------------------------------------------- children looked after
def _headline(year: int) -> pd.DataFrame:
    frame = published.cla_headline(year)
    return frame[frame["measure"].isin(["cla_31_march", "population_0_17"])]


def _pick(frame: pd.DataFrame, measure: str, unit: str) -> pd.DataFrame:
    return frame[(frame["measure"] == measure) & (frame["unit"] == unit) & (frame["breakdown"] == "")]


def cla(group: Group, year: int) -> pd.DataFrame:
    """Children looked after on 31 March, number and rate per 10,000 children, for each member, the
    group and England, every year the group can be formed (:meth:`Group.codes_in`) up to ``year``.

    The group's rate is its children over its children aged 0-17 (DfE's population estimates,
    published from 2019) × 10,000, rounded half up as DfE rounds; withheld with the number. Members
    before a reorganisation are their predecessors (Cumbria before 2024 in the North West).
    """
    frame = _headline(year)
    counts = _pick(frame, "cla_31_march", "children")
    rates = _pick(frame, "cla_31_march", published.PER_10K)
    population = _pick(frame, "population_0_17", "children")
    names = {c.code: c.name for c in all_councils(include_former=True)}
    rows = []
    for y in sorted(counts["year"].unique()):
        codes = group.codes_in(int(y))
        if codes is None:
            continue
        members = []
        for code in codes:
            row = {"area": "member", "la_code": code, "area_name": names.get(code, code), "year": int(y)}
            for key, source in (("children", counts), ("rate", rates), ("population", population)):
                match = source[(source["year"] == y) & (source["la_code"] == code) &
                               (source["level"] == "local authority")]
                row[key] = float(match["value"].iloc[0]) if len(match) else math.nan
                row[f"{key}_marker"] = match["marker"].iloc[0] if len(match) else None
            row["at_least"], row["note"] = math.nan, ""
            members.append(row)
        table = pd.DataFrame(members)
        total = group_total(table["children"], table["children_marker"], table["area_name"])
        pop = group_total(table["population"], table["population_marker"], table["area_name"])
        rate = round_half_up(total.value / pop.value * 10000) if total.marker is None and pop.marker is None \
            and pop.value > 0 else math.nan
        note = total.note
        if not note and pop.marker is not None:
            lacking = and_list(list(table.loc[table["population"].isna(), "area_name"]))
            note = ("no rate: DfE publishes the child population behind its rates from 2019"
                    if table["population"].isna().all() else f"no rate: DfE gives no child population for {lacking}")
        rows.extend(members)
        rows.append({"area": "group", "la_code": None, "area_name": group.name, "year": int(y),
                     "children": total.value, "children_marker": total.marker, "at_least": total.at_least,
                     "rate": rate, "rate_marker": total.marker, "population": pop.value, "note": note})
        england = {}
        for key, source in (("children", counts), ("rate", rates), ("population", population)):
            match = source[(source["year"] == y) & (source["level"] == "england")]
            england[key] = float(match["value"].iloc[0]) if len(match) else math.nan
            england[f"{key}_marker"] = match["marker"].iloc[0] if len(match) else None
        rows.append({"area": "england", "la_code": None, "area_name": "England", "year": int(y),
                     "at_least": math.nan, "note": "", **england})
    out = pd.DataFrame(rows)
    if out.empty:
        return pd.DataFrame(columns=CLA_COLUMNS)
    for column in ("children_marker", "rate_marker"):
        out[column] = out[column].astype(object).where(out[column].notna(), None)
    return out[CLA_COLUMNS].reset_index(drop=True)


def members_table(group: Group, year: int, *, years_back: int = 5) -> pd.DataFrame:
    """Each member in ``year``, ranked by its rate per 10,000 children (1 = highest), with its rate
    ``years_back`` years before and the change in children per 10,000. A member whose rate is
    suppressed has no rank and comes last; a change needs both rates published.
    """
    table = cla(group, year)
    now = table[(table["area"] == "member") & (table["year"] == int(year))]
    earlier_year = int(year) - years_back
    before = table[(table["area"] == "member") & (table["year"] == earlier_year)].set_index("la_code")
    out = now.rename(columns={"area_name": "la_name"})[["la_code", "la_name", "children", "children_marker",
                                                        "rate", "rate_marker"]].copy()
    out["rate_earlier"] = out["la_code"].map(before["rate"]) if len(before) else math.nan
    out["earlier_year"] = earlier_year
    out["change"] = out["rate"] - out["rate_earlier"]
    out["rank"] = out["rate"].rank(ascending=False, method="min")
    out = out.sort_values(["rank", "la_name"], na_position="last", kind="stable")
    return out[MEMBER_COLUMNS].reset_index(drop=True)
