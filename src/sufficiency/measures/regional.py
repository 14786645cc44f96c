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

#: DfE's markers for a figure withheld to protect children (a small number, or one that would reveal one).
SUPPRESSED = {"c", "low"}
from sufficiency.data import groups, published
from sufficiency.data.councils import all_councils
from sufficiency.data.groups import Group
from sufficiency.data.published import ofsted
from sufficiency.measures import supply as supply_measures
from sufficiency.publishing.words import and_list

CLA_COLUMNS = ["area", "la_code", "area_name", "year", "children", "children_marker", "at_least",
               "rate", "rate_marker", "population", "note"]
MEMBER_COLUMNS = ["rank", "la_code", "la_name", "children", "children_marker", "rate", "rate_marker",
                  "rate_earlier", "earlier_year", "change"]
LONG_COLUMNS = ["area", "la_code", "area_name", "year", "measure", "value", "marker", "unit", "note", "at_least"]
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
        one = suppressed.sum() == 1
        # LAIT's '-' is "missing or suppressed": the words say so rather than claim a suppression.
        state = "missing or suppressed" if markers[suppressed].eq("-").all() else "suppressed"
        subject = f"{who}'s figure is" if one else f"the figures of {who} are"
        return Total(math.nan, WITHHELD, f"withheld because {subject} {state} and a total would reveal "
                                         f"{'it' if one else 'them'}", at_least)
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
class _Lookup:
    """A tidy table's values by (year, council or None, level), read once (filtering the frame for
    every member and year took seconds for London)."""

    def __init__(self, rows: pd.DataFrame):
        self.values: dict = {}
        for year, code, level, value, marker in zip(rows["year"], rows["la_code"], rows["level"], rows["value"],
                                                    rows["marker"]):
            key = (int(year), code if level == "local authority" else None, level)
            self.values.setdefault(key, (float(value), marker if isinstance(marker, str) else None))

    def get(self, year: int, code: str | None, level: str) -> tuple[float, str | None]:
        return self.values.get((int(year), code, level), (math.nan, None))


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
    sources = {"children": _Lookup(counts), "rate": _Lookup(rates), "population": _Lookup(population)}
    rows = []
    for y in sorted(counts["year"].unique()):
        codes = group.codes_in(int(y))
        if codes is None:
            continue
        members = []
        for code in codes:
            row = {"area": "member", "la_code": code, "area_name": names.get(code, code), "year": int(y)}
            for key, source in sources.items():
                row[key], row[f"{key}_marker"] = source.get(int(y), code, "local authority")
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
        for key, source in sources.items():
            england[key], england[f"{key}_marker"] = source.get(int(y), None, "england")
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


# ----------------------------------------------------------------------------- long tables, shared
def _council_names() -> dict[str, str]:
    return {c.code: c.name for c in all_councils(include_former=True)}


def _long_rows(group: Group, frame: pd.DataFrame, counts: dict[str, tuple[str, str, str]],
               years) -> list[dict]:
    """Member, group and England rows of count measures ``counts`` (id -> DfE measure, breakdown, unit)
    for each year the group can be formed; group values through :func:`group_total`."""
    names = _council_names()
    sources = {measure: _Lookup(frame[(frame["measure"] == dfe) & (frame["breakdown"] == breakdown)
                                      & (frame["unit"] == unit)])
               for measure, (dfe, breakdown, unit) in counts.items()}
    rows = []
    for year in sorted(int(y) for y in years):
        codes = group.codes_in(year)
        if codes is None:
            continue
        for measure, (dfe, breakdown, unit) in counts.items():
            source = sources[measure]
            members = []
            for code in codes:
                value, marker = source.get(year, code, "local authority")
                members.append({"area": "member", "la_code": code, "area_name": names.get(code, code),
                                "year": year, "measure": measure, "value": value, "marker": marker,
                                "unit": unit, "note": ""})
            part = pd.DataFrame(members)
            total = group_total(part["value"], part["marker"], part["area_name"])
            value, marker = source.get(year, None, "england")
            rows.extend(members)
            rows.append({"area": "group", "la_code": None, "area_name": group.name, "year": year,
                         "measure": measure, "value": total.value, "marker": total.marker, "unit": unit,
                         "note": total.note, "at_least": total.at_least if total.marker else math.nan})
            rows.append({"area": "england", "la_code": None, "area_name": "England", "year": year,
                         "measure": measure, "value": value, "marker": marker, "unit": unit, "note": ""})
    return rows


def _finish(rows: list[dict]) -> pd.DataFrame:
    out = pd.DataFrame(rows, columns=LONG_COLUMNS)
    if out.empty:
        return out
    out["marker"] = out["marker"].astype(object).where(out["marker"].notna(), None)
    out["year"] = out["year"].astype(int)
    return out.reset_index(drop=True)


def _ratio(rows: pd.DataFrame, measure: str, top: str, bottom: str, scale: float = 100.0) -> pd.DataFrame:
    """``top / bottom × scale`` for each group row, rounded half up to a whole number as DfE rounds its
    percentages; withheld (with the reason) where either part is."""
    out = []
    for (year, area), part in rows[rows["area"] == "group"].groupby(["year", "area"]):
        a = part[part["measure"] == top].iloc[0]
        b = part[part["measure"] == bottom].iloc[0]
        ok = a["marker"] is None and b["marker"] is None and b["value"] > 0
        out.append({**a.to_dict(), "measure": measure, "unit": "%",
                    "value": round_half_up(a["value"] / b["value"] * scale) if ok else math.nan,
                    "marker": None if ok else (a["marker"] or b["marker"]),
                    "note": "" if ok else (a["note"] or b["note"])})
    return pd.DataFrame(out, columns=LONG_COLUMNS)


# ----------------------------------------------------------------------------- where children live
LOCALITY = "cla_by_locality"
INSIDE = "Placed inside the local authority boundary"
OUTSIDE = "Placed outside the local authority boundary"
OTHERS_INSIDE = "2. Other LA children externally placed within the local authority boundary"
OVER_20 = "Placed more than 20 miles from home"

#: Placement location measures (id -> label for readers), in the order tables show them.
LOCATION_MEASURES: dict[str, str] = {
    "cla": "Children looked after",
    "own_placed_inside": "Living inside their own council's area",
    "own_placed_outside": "Living outside their own council's area",
    "share_placed_outside_la": "Share living outside their own council's area",
    "placed_over_20_miles": "Living more than 20 miles from home",
    "share_placed_over_20_miles": "Share living more than 20 miles from home",
    "others_placed_inside": "Children of other councils living in the area",
    "net_gain": "Net gain: other councils' children placed in, less own children placed out",
    "within_group_at_most": "Children placed in another member's area: at most",
    "outside_group_at_least": "Children placed outside the group's area: at least",
}
_LOCATION_COUNTS = {
    "cla": (LOCALITY, "", "children"),
    "own_placed_inside": (LOCALITY, INSIDE, "children"),
    "own_placed_outside": (LOCALITY, OUTSIDE, "children"),
    "placed_over_20_miles": ("cla_by_distance", OVER_20, "children"),
    "distance_all": ("cla_by_distance", "", "children"),
    "others_placed_inside": ("cla_by_la_of_placement", OTHERS_INSIDE, "children"),
}
_MEMBER_SHARES = {"share_placed_outside_la": (LOCALITY, OUTSIDE), "share_placed_over_20_miles": ("cla_by_distance", OVER_20)}


def placement_location(group: Group, year: int) -> pd.DataFrame:
    """Where the group's children looked after live on 31 March (:data:`LOCATION_MEASURES`), for each
    member, the group and England, every year DfE publishes it (2020 on) up to ``year``.

    Members' figures and shares are DfE's; the group's counts are sums through :func:`group_total`,
    its shares worked out from them (rounded half up as DfE rounds), and inside/outside are checked
    with :func:`withhold_complements` so that one hidden part never shows through the total. Net
    gain is DfE's measure: other councils' children placed in the area less the council's own
    children placed outside it. ``within_group_at_most`` (group rows only) is the most children that
    can be living in another member's area: no more than the members placed outside their own areas,
    and no more than the members took in from other councils. DfE publishes no table from council
    to council, so the true number is not known (:func:`not_published`).
    """
    frame = published.cla_characteristics(year, [LOCALITY, "cla_by_distance", "cla_by_la_of_placement"])
    rows = pd.DataFrame(_long_rows(group, frame, _LOCATION_COUNTS, frame["year"].unique()), columns=LONG_COLUMNS)
    if rows.empty:
        return _finish([])
    parts = []
    for (year_, area, code), block in rows.groupby(["year", "area", "la_code"], dropna=False, sort=False):
        if area == "group":
            block = withhold_complements(block, parts=["own_placed_inside", "own_placed_outside"], total="cla")
        parts.append(block)
    rows = pd.concat(parts, ignore_index=True)
    shares = {measure: _Lookup(frame[(frame["measure"] == dfe) & (frame["breakdown"] == breakdown)
                                     & (frame["unit"] == "%")]) for measure, (dfe, breakdown) in _MEMBER_SHARES.items()}
    extra = []
    for (year_, area, code), block in rows.groupby(["year", "area", "la_code"], dropna=False, sort=False):
        first = block.iloc[0].to_dict()
        by = block.set_index("measure")
        if area == "group":
            for measure, (top, bottom) in {"share_placed_outside_la": ("own_placed_outside", "cla"),
                                           "share_placed_over_20_miles": ("placed_over_20_miles", "distance_all")}.items():
                extra.append(_ratio(block, measure, top, bottom).iloc[0].to_dict())
        else:
            for measure in _MEMBER_SHARES:
                value, marker = shares[measure].get(int(year_), code if area == "member" else None,
                                                    "local authority" if area == "member" else "england")
                extra.append({**first, "measure": measure, "value": value, "marker": marker, "unit": "%", "note": ""})
        inside, outside = by.loc["others_placed_inside"], by.loc["own_placed_outside"]
        ok = inside["marker"] is None and outside["marker"] is None and not (
            math.isnan(inside["value"]) or math.isnan(outside["value"]))
        # The reason shown is the part's that hides a figure, if any.
        cause = outside if outside["marker"] in SUPPRESSING or inside["marker"] not in SUPPRESSING else inside
        derived = {"marker": None if ok else (cause["marker"] or ".."), "note": "" if ok else cause["note"]}
        extra.append({**first, "measure": "net_gain", "unit": "children",
                      "value": inside["value"] - outside["value"] if ok else math.nan, **derived})
        if area == "group":
            extra.append({**first, "measure": "within_group_at_most", "unit": "children",
                          "value": min(inside["value"], outside["value"]) if ok else math.nan, **derived})
            extra.append({**first, "measure": "outside_group_at_least", "unit": "children",
                          "value": max(outside["value"] - inside["value"], 0.0) if ok else math.nan, **derived})
    rows = pd.concat([rows, pd.DataFrame(extra, columns=LONG_COLUMNS)], ignore_index=True)
    rows = rows[rows["measure"] != "distance_all"]
    order = {m: i for i, m in enumerate(LOCATION_MEASURES)}
    rows = rows.assign(_o=rows["measure"].map(order), _a=rows["area"].map({"member": 0, "group": 1, "england": 2}))
    rows = rows.sort_values(["year", "_o", "_a", "area_name"], kind="stable").drop(columns=["_o", "_a"])
    return _finish(rows.to_dict("records"))


def not_published() -> list[str]:
    """What DfE does not publish about where a group's children live, in readers' words."""
    return [
        "DfE publishes, for each council, how many of its own children looked after live outside its "
        "area and how many children of other councils live inside it, but not which council placed "
        "which child where: there is no published table from council to council.",
        "So this book cannot say how many of the group's children live in another member's area, or "
        "outside the group altogether; it gives only the most there could be, the smaller of the two "
        "published counts for the group.",
        "Distance from home is published for each council only as more or less than 20 miles, not for "
        "children moving between the group's councils.",
    ]


# ----------------------------------------------------------------------------- homes and places
SECTORS = {"local authority": "local_authority", "private": "private", "voluntary": "voluntary",
           "health authority": "health"}
#: Supply measures (id -> label for readers), in the order tables show them.
SUPPLY_MEASURES: dict[str, str] = {
    "homes": "Children's homes",
    "places": "Places in children's homes",
    "homes_local_authority": "Homes run by councils",
    "homes_private": "Homes run by private companies",
    "homes_voluntary": "Homes run by voluntary organisations",
    "homes_health": "Homes run by health authorities",
    "places_local_authority": "Places in homes run by councils",
    "places_private": "Places in homes run by private companies",
    "places_voluntary": "Places in homes run by voluntary organisations",
    "places_health": "Places in homes run by health authorities",
    "foster_places": "Places with councils' own foster carers",
    "foster_places_filled": "Of which filled",
}


def _ofsted_tidy(year: int) -> pd.DataFrame:
    """Ofsted's children's homes and places in each council's area and England, all and by sector,
    as a tidy table; a council with no home in a year has 0 (not a gap); places are NaN for a year
    Ofsted gave none."""
    homes = ofsted.childrens_homes(year)
    homes = homes.assign(la_code=homes["local_authority"].map(
        {n: supply_measures.la_code_for_name(n) for n in homes["local_authority"].dropna().unique()}),
        sector=homes["sector"].str.casefold().map(SECTORS), one=1)
    with_places = homes.groupby("year")["places"].apply(lambda v: v.notna().any())
    frames = []
    for level, keys in (("local authority", ["year", "la_code"]), ("england", ["year"])):
        data = homes if level == "england" else homes[homes["la_code"].notna()]
        total = data.groupby(keys).agg(homes=("one", "sum"), places=("places", "sum"))
        by_sector = data.groupby([*keys, "sector"]).agg(homes=("one", "sum"), places=("places", "sum")).unstack(
            "sector").reindex(columns=pd.MultiIndex.from_product([["homes", "places"], list(SECTORS.values())]))
        by_sector.columns = [f"{what}_{sector}" for what, sector in by_sector.columns]
        wide = total.join(by_sector)
        if level == "local authority":   # every council that existed, 0 where it had no home
            index = pd.MultiIndex.from_tuples([(y, c.code) for y in with_places.index for c in groups.councils_in(y)],
                                              names=keys)
            wide = wide.reindex(index)
        wide = wide.fillna(0.0)
        places = [c for c in wide.columns if c.startswith("places")]
        no_places = ~wide.index.get_level_values("year").map(with_places).astype(bool)
        wide.loc[no_places, places] = np.nan
        long = wide.reset_index().melt(id_vars=keys, var_name="measure", value_name="value")
        long["level"] = level
        if level == "england":
            long["la_code"] = None
        frames.append(long)
    out = pd.concat(frames, ignore_index=True)
    out["unit"] = np.where(out["measure"].str.startswith("places"), "places", "homes")
    out["breakdown"], out["marker"] = "", None
    out["year"] = out["year"].astype(int)
    return out[["la_code", "level", "year", "measure", "breakdown", "unit", "value", "marker"]]


def supply(group: Group, year: int) -> pd.DataFrame:
    """Homes for children in the group's area (:data:`SUPPLY_MEASURES`): Ofsted-registered children's
    homes and their places, all and by who runs them, in each member's area, the group's and
    England's, at 31 March each year Ofsted's register is held (2015 on; places from 2016), and the
    places approved with each council's own foster carers, and how many were filled (LAIT, 2022 on;
    rounded by Ofsted to the nearest 5). Homes count where they are, whichever councils place
    children in them.
    """
    frame = _ofsted_tidy(year)
    foster = []
    for code, measure in (("Number_Foster_Places(New)", "foster_places"),
                          ("Number_Foster_Places_Filled(New)", "foster_places_filled")):
        part = published.lait_measure(code, year, measure=measure, unit="places")
        foster.append(part[part["level"].isin(["local authority", "england"])])
    frame = pd.concat([frame, *foster], ignore_index=True)
    counts = {m: (m, "", "places" if "places" in m else "homes") for m in SUPPLY_MEASURES}
    rows = _long_rows(group, frame, counts, frame["year"].unique())
    out = pd.DataFrame(rows, columns=LONG_COLUMNS)
    # A year before LAIT's foster places has no rows to show, rather than rows of gaps.
    out = out[~(out["measure"].str.startswith("foster") & out["value"].isna() & out["marker"].isna()
                & (out["area"] != "group"))]
    out = out[~(out["measure"].str.startswith("foster") & (out["area"] == "group") & (out["marker"] == "..")
                & ~out["year"].isin(out.loc[out["measure"].str.startswith("foster") & (out["area"] == "member"), "year"]))]
    return _finish(out.to_dict("records"))


# ----------------------------------------------------------------------------- spending
#: Spending measures (id -> label for readers), in the order tables show them.
COST_MEASURES: dict[str, str] = {
    "cla_spend": "Spending on children looked after (Section 251, gross)",
    "spend_per_child": "Spending per child looked after on 31 March",
    "weekly_cost_cla": "Weekly spending per child looked after (DfE unit cost)",
    "weekly_cost_fostering": "Weekly spending per child in foster care (DfE unit cost)",
    "weekly_cost_residential": "Weekly spending per child in residential care (DfE unit cost)",
}
_UNIT_COSTS = {"weekly_cost_cla": "LACFinance", "weekly_cost_fostering": "FosteringFinance",
               "weekly_cost_residential": "RescareFinance"}
UNIT_COST_NOTE = "a cost per child for each council, not added up across councils"


def costs(group: Group, year: int) -> pd.DataFrame:
    """What the group's councils reported spending on children looked after in DfE's Section 251
    outturn (LAIT, financial years ending 2017 on, cash prices of each year): the gross total for
    each member, the group (summed) and England; spending per child looked after on 31 March (the
    total over DfE's count of children, so the group's is worked out the same way as each member's);
    and DfE's weekly unit costs for each member and England (the group has none: a unit cost is not
    a sum, and DfE publishes no weighting to average them).
    """
    spend = published.lait_measure("TotalLACFinance", year, measure="cla_spend", unit="£")
    spend = spend[spend["level"].isin(["local authority", "england"])]
    rows = pd.DataFrame(_long_rows(group, spend, {"cla_spend": ("cla_spend", "", "£")}, spend["year"].unique()),
                        columns=LONG_COLUMNS)
    children = cla(group, year)
    extra = []
    for r in rows.itertuples(index=False):
        match = children[(children["year"] == r.year) & (children["area"] == r.area)
                         & ((children["la_code"] == r.la_code) if r.area == "member" else True)]
        kids, kids_marker = (float(match["children"].iloc[0]), match["children_marker"].iloc[0]) if len(match) \
            else (math.nan, "..")
        kids_note = match["note"].iloc[0] if len(match) else ""
        ok = r.marker is None and kids_marker is None and not math.isnan(r.value) and kids > 0
        extra.append({**r._asdict(), "measure": "spend_per_child", "unit": "£ a year",
                      "value": round_half_up(r.value / kids) if ok else math.nan,
                      "marker": None if ok else (r.marker or kids_marker or ".."),
                      "note": "" if ok else (r.note or kids_note), "at_least": math.nan})
    frames = [rows, pd.DataFrame(extra, columns=LONG_COLUMNS)]
    names = _council_names()
    # A council whose number of children DfE suppressed: its weekly unit cost beside its spending
    # would give that number away (City of London, 2025: £2.1m at £7,910 a week is about 5 children).
    hidden = {(str(r.la_code), int(r.year)) for r in children.itertuples(index=False)
              if r.area == "member" and r.children_marker in SUPPRESSED}
    for measure, code in _UNIT_COSTS.items():
        unit = published.lait_measure(code, year, measure=measure, unit="£ a week")
        lookup = _Lookup(unit)
        for y in sorted(int(v) for v in unit["year"].unique()):
            codes = group.codes_in(y)
            if codes is None:
                continue
            part = []
            for area_code in codes:
                value, marker = lookup.get(y, area_code, "local authority")
                note = ""
                if measure == "weekly_cost_cla" and (area_code, y) in hidden and marker is None:
                    value, marker = math.nan, "c"
                    note = (f"withheld: with {names.get(area_code, area_code)}'s spending it would reveal its "
                            "suppressed number of children")
                part.append({"area": "member", "la_code": area_code, "area_name": names.get(area_code, area_code),
                             "year": y, "measure": measure, "value": value, "marker": marker, "unit": "£ a week",
                             "note": note, "at_least": math.nan})
            value, marker = lookup.get(y, None, "england")
            part.append({"area": "england", "la_code": None, "area_name": "England", "year": y, "measure": measure,
                         "value": value, "marker": marker, "unit": "£ a week", "note": "", "at_least": math.nan})
            frames.append(pd.DataFrame(part, columns=LONG_COLUMNS))
    out = pd.concat(frames, ignore_index=True)
    order = {m: i for i, m in enumerate(COST_MEASURES)}
    out = out.assign(_o=out["measure"].map(order), _a=out["area"].map({"member": 0, "group": 1, "england": 2}))
    out = out.sort_values(["year", "_o", "_a", "area_name"], kind="stable").drop(columns=["_o", "_a"])
    return _finish(out.to_dict("records"))
