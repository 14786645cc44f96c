"""The indicator registry: one id → where its numbers come from, what they mean, and which way is better.

An indicator id is the vocabulary of ``measures.csv`` and ``targets_2014.csv`` (see
:data:`sufficiency.data.localdata.KNOWN_INDICATORS`):

- computed from published data (``share_foster_care``, ``cla_rate_per_10k``, …): a series for the
  council with England, its region and the average of its statistical neighbours;
- ``local:<figure_id>`` (``local_figures.csv``), ``cost:<placement_type>`` (mean weekly cost in
  ``costs.csv``) and ``capacity:<column>`` (``capacity.csv``): the council's own figures, with no
  comparators.

:func:`series` returns one tidy table per indicator, one row per year and area:

``indicator``     the id
``year``          reporting year ending 31 March (local periods converted by :func:`reporting_year`)
``period``        the period as published or as typed ('2025', 'March 2022', '2021-22')
``area``          'council', 'england', 'region' or 'neighbours' (the neighbours' simple average)
``area_name``     'Lewisham', 'England', 'London', 'Statistical neighbours (average of 10)'
``value``         float; NaN where the publication shows a marker
``marker``        the DfE marker ('c', 'z', …) or None
``unit``          e.g. '%' or 'per 10,000 children'
``good_direction`` 'up', 'down' or None (DfE names no better direction)
``source``        where the council's figures come from, with releases and years

Percentages are DfE's own published, rounded percentages wherever DfE publishes one; only
``share_inhouse_foster`` is computed here (DfE publishes no such share), and its definition says so.
Nothing after ``year_max`` is ever returned.

>>> table = series("share_foster_care", "209", 2025)
>>> table[(table.area == "council") & (table.year >= 2022)].value.tolist()
[78.0, 79.0, 72.0, 68.0]
>>> describe("share_placements_3plus").good_direction
'down'
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Callable

import pandas as pd

from sufficiency.core import ledger
from sufficiency.core.errors import InputError
from sufficiency.core.paths import DATA_LOCAL
from sufficiency.data import localdata, published
from sufficiency.data.councils import resolve_council
from sufficiency.data.localdata import FILES, KNOWN_INDICATORS, PLACEMENT_TYPES, local_dir
from sufficiency.measures import comparators, costs
from sufficiency.measures.trends import source_note
from sufficiency.publishing.words import MONTHS

COLUMNS = ["indicator", "year", "period", "area", "area_name", "value", "marker", "unit",
           "good_direction", "source"]
AREAS = ("council", "england", "region", "neighbours")


@dataclass(frozen=True)
class Indicator:
    """What an indicator id means and how to get it.

    ``loader(year_max)`` returns a tidy frame in :data:`published.TIDY_COLUMNS`
    form holding ``measure``/``breakdown``/``tidy_unit``; None means DfE publishes
    nothing this build can use, and ``definition`` says why.
    """

    id: str
    label: str                       # plain words, for tables and charts
    unit: str                        # as shown to readers
    good_direction: str | None       # 'up', 'down', or None
    definition: str                  # what exactly is counted, and any caveat
    loader: Callable[[int | None], pd.DataFrame] | None = None
    measure: str = ""
    breakdown: str = ""
    tidy_unit: str | None = None
    comparable: bool = True          # False for counts: England's count says nothing about a council
    ndigits: int = 0                 # decimals shown
    kind: str = "public"             # 'public', 'local', 'cost', 'capacity'
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def has_public_data(self) -> bool:
        return self.kind != "public" or self.loader is not None

    @property
    def polarity(self) -> str | None:
        """The better direction in LAIT's words ('High', 'Low' or None), as
        :func:`comparators.comparators` and the chapter 3 and 4 tables take it.

        >>> REGISTRY["share_placements_3plus"].polarity, REGISTRY["cla_rate_per_10k"].polarity
        ('Low', None)
        """
        return {"up": "High", "down": "Low"}.get(self.good_direction)


# ----------------------------------------------------------------------------- loaders
def _placement_type(year_max):
    return published.cla_characteristics(year_max, ["cla_by_placement_type"])


def _distance(year_max):
    return published.cla_characteristics(year_max, ["cla_by_distance"])


def _locality(year_max):
    return published.cla_characteristics(year_max, ["cla_by_locality"])


def _accommodation(year_max):
    return published.care_leavers(year_max, "accommodation")


def _activity(year_max):
    return published.care_leavers(year_max, "activity")


def _staying_put(year_max):
    return published.staying_put(year_max)


def _ceased_sgo(year_max):
    return published.lait_measure("LAC_ceased_SGO", year_max, measure="ceased_sgo", unit="children")


def _inhouse_foster_places(year_max):
    return published.lait_measure("Number_Foster_Places(New)", year_max, measure="inhouse_foster_places",
                                  unit="places")


_LAIT_TIDY = published.PER_10K

#: Every indicator computed from published data (ids as in measures.csv). This is the one
#: definition of each: chapters 3 and 4 (:data:`sufficiency.chapters.context.SNAPSHOT` and
#: :data:`~sufficiency.chapters.context.TRENDS`) take the measures they share with it from here.
REGISTRY: dict[str, Indicator] = {i.id: i for i in [
    Indicator("cla_rate_per_10k", "Children looked after per 10,000 children", published.PER_10K, None,
              "Children looked after on 31 March per 10,000 children aged under 18 (DfE's published rate).",
              published.cla_headline, "cla_31_march", "", published.PER_10K),
    Indicator("starters_rate_per_10k", "Children starting to be looked after per 10,000 children",
              published.PER_10K, None,
              "Children who started to be looked after during the year to 31 March, per 10,000 children "
              "aged under 18 (DfE's published rate).",
              published.cla_headline, "starters", "", published.PER_10K),
    Indicator("share_foster_care", "Children looked after living in foster placements", "%", "up",
              "Share of children looked after on 31 March who were in foster placements of any kind "
              "(the council's own carers, agency carers and family and friends), as DfE publishes it.",
              _placement_type, "cla_by_placement_type", "Foster placements", "%"),
    Indicator("share_inhouse_foster", "Fostered children placed with the council's own mainstream carers",
              "%", "up",
              # The definition once, with its sources, then what DfE does not publish.
              costs.INHOUSE_SHARE_DEFINITION[0].upper() + costs.INHOUSE_SHARE_DEFINITION[1:] + ". DfE publishes no "
              "council-level split of foster placements by carer, so a year reads no data where the council's "
              "own count of family and friends carers is missing; England, regional and neighbour figures "
              "cannot be worked out the same way.",
              comparable=False, ndigits=0, kind="council share"),
    Indicator("share_placements_3plus", "Children looked after with three or more placements in the year",
              "%", "down",
              "Share of children looked after on 31 March who had three or more placements during the "
              "year, as DfE publishes it.",
              published.placement_stability, "stability_3_plus_placements", "", "%"),
    Indicator("share_long_term_stable", "Long-term placement stability", "%", "up",
              "Children under 16 looked after for 2.5 years or more who had lived with the same carer "
              "for at least 2 years, as a share of all such children (DfE). Before 2019 DfE counted the "
              "same placement rather than the same carer, a slightly narrower definition.",
              published.placement_stability, "stability_long_term", "", "%",
              extra={"definition_change": "DfE now counts children who stayed with the same carer for two "
                                          "years, while plans before 2019 counted the same placement, which is "
                                          "narrower."}),
    Indicator("share_placed_over_20_miles", "Children placed more than 20 miles from home", "%", "down",
              "Share of children looked after on 31 March placed more than 20 miles from the home they "
              "were removed from, inside or outside the council's area, as DfE publishes it.",
              _distance, "cla_by_distance", "Placed more than 20 miles from home", "%"),
    Indicator("share_placed_outside_la", "Children placed outside the council's boundary", "%", "down",
              "Share of children looked after on 31 March placed outside the council's boundary, as DfE "
              "publishes it.",
              _locality, "cla_by_locality", "Placed outside the local authority boundary", "%"),
    Indicator("care_leavers_suitable_accommodation", "Care leavers aged 19 to 21 in suitable accommodation",
              "%", "up",
              "Care leavers aged 19 to 21 whose accommodation was considered suitable, as a share of all "
              "care leavers of that age (DfE).",
              _accommodation, "care_leavers_accommodation_19_to_21", "Accommodation considered suitable", "%"),
    Indicator("care_leavers_eet", "Care leavers aged 19 to 21 in education, employment or training",
              "%", "up",
              "Care leavers aged 19 to 21 in education, employment or training, as a share of all care "
              "leavers of that age (DfE).",
              _activity, "care_leavers_activity_19_to_21", "Total in education, employment or training", "%"),
    Indicator("ceased_within_6_months", "Children who leave care within six months", "%", "down",
              "DfE publishes how long children stayed in care only for England as a whole, not for "
              "each council, so this measure needs the council's own figures (for example from its "
              "SSDA903 return); there is no public series for it here.",
              extra={"supplied_by": "DfE publishes time in care only for England. The council's SSDA903 "
                                    "return holds it: the share of children ceasing care in the year whose "
                                    "period of care lasted under six months."}),
    Indicator("share_residential", "Children looked after in children's homes and secure homes", "%", "down",
              "Share of children looked after on 31 March living in secure homes and children's homes, "
              "as DfE publishes it (other residential settings and residential schools are counted "
              "separately by DfE and are not included).",
              _placement_type, "cla_by_placement_type", "Secure homes and children's homes", "%"),
    Indicator("staying_put_18", "Care leavers aged 18 staying put with their former foster carers", "%", "up",
              "Young people who turned 18 while in a foster placement and were still living with their "
              "former foster carers under Staying Put, as a share of those who left foster care at 18 (DfE, "
              "care leavers; published to 2024).",
              _staying_put, "staying_put_18", "", "%"),
    Indicator("ceased_sgo", "Children leaving care on a special guardianship order", "children", "up",
              "Children who stopped being looked after during the year because a special guardianship "
              "order was made (DfE, children who ceased to be looked after, via LAIT). Child arrangements "
              "orders are counted separately by DfE and are not included.",
              _ceased_sgo, "ceased_sgo", "", "children", comparable=False),
    Indicator("inhouse_foster_places", "Places approved with the council's own foster carers", "places", "up",
              "Foster places the council's own mainstream carers are approved to provide on 31 March, filled "
              "or not (Ofsted, Fostering in England, via LAIT). Family and friends carers and agency carers "
              "are not included. Published from 2022.",
              _inhouse_foster_places, "inhouse_foster_places", "", "places", comparable=False),
    Indicator("uasc_count", "Unaccompanied asylum-seeking children looked after", "children", None,
              "Unaccompanied asylum-seeking children looked after on 31 March (DfE).",
              published.uasc, "cla_uasc", "", "children", comparable=False),
]}
assert set(REGISTRY) == set(KNOWN_INDICATORS), "registry and localdata.KNOWN_INDICATORS disagree"

_PREFIX_KIND = {"local": "local", "cost": "cost", "capacity": "capacity"}
_CAPACITY_COLUMNS = {c.name for c in FILES["capacity"] if c.kind == "count"}


def describe(indicator_id: str) -> Indicator:
    """The registry entry for an id; local, cost and capacity ids get an entry made on the spot.

    >>> describe("cost:residential").unit
    '£ per week'
    >>> describe("nonsense")
    Traceback (most recent call last):
    ...
    sufficiency.core.errors.InputError: indicator: found 'nonsense'; expected ...
    """
    text = str(indicator_id).strip()
    if text in REGISTRY:
        return REGISTRY[text]
    prefix, _, rest = text.partition(":")
    if prefix == "local" and re.fullmatch(r"[a-z0-9_]+", rest):
        return Indicator(text, rest.replace("_", " "), "", None, "A figure from the council's own records "
                         ".", kind="local", comparable=False, ndigits=1)
    if prefix == "cost" and rest in PLACEMENT_TYPES:
        return Indicator(text, f"Mean weekly cost: {PLACEMENT_TYPES[rest]}", "£ per week", "down",
                         "Total weekly cost divided by the number of children, from the council's own cost "
                         "table, in the prices "
                         "of the year it was recorded.", kind="cost", comparable=False)
    if prefix == "capacity" and rest in _CAPACITY_COLUMNS:
        return Indicator(text, rest.replace("_", " ").capitalize(), "count", None,
                         "The council's own count.", kind="capacity", comparable=False)
    raise InputError("indicator", None, repr(indicator_id),
                     "one of " + ", ".join(sorted(REGISTRY)) + ", or local:<figure_id>, "
                     "cost:<placement_type>, capacity:<column>")


# ----------------------------------------------------------------------------- periods
_MONTHS = {m.casefold(): i for i, m in enumerate(MONTHS, 1)}


def reporting_year(period) -> int | None:
    """The reporting year (ending 31 March) a period of a local file falls in, or None.

    A financial year counts as the year it ends; a month as the year ending the
    31 March on or after it; a bare calendar year as itself.

    >>> [reporting_year(p) for p in ["2021-22", "March 2022", "January 2022", "December 2014",
    ...                              "2019-2020", "2022 (date not stated)", "", None]]
    [2022, 2022, 2022, 2015, 2020, 2022, None, None]
    """
    if period is None or (isinstance(period, float) and math.isnan(period)):
        return None
    text = str(period).strip().casefold()
    match = re.search(r"(\d{4})\s*[-/–]\s*(\d{2,4})\b", text)
    if match:
        start, end = int(match.group(1)), match.group(2)
        return int(end) if len(end) == 4 else start + 1
    match = re.search(r"([a-z]+)\s+(\d{4})", text)
    if match and match.group(1) in _MONTHS:
        return int(match.group(2)) + (1 if _MONTHS[match.group(1)] > 3 else 0)
    match = re.search(r"\b(\d{4})\b", text)
    return int(match.group(1)) if match else None


# ----------------------------------------------------------------------------- series
def empty() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="int64" if c == "year" else float if c == "value" else object)
                         for c in COLUMNS})


def series(indicator_id: str, council, year_max: int | None, *, model: str = "2025",
           local_root=None) -> pd.DataFrame:
    """The indicator for ``council`` (and, for published data, England, its region and the
    average of its statistical neighbours under ``model``), one row per year and area,
    never later than ``year_max``. An indicator with no public data gives an empty table;
    an unknown id raises :class:`InputError`.
    """
    spec = describe(indicator_id)
    council = resolve_council(council)
    if spec.kind == "council share":
        return _inhouse_share_series(spec, council, year_max, local_root)
    if spec.kind != "public":
        return _local_series(spec, council, year_max, local_root)
    if spec.loader is None:
        return empty()
    frame = spec.loader(year_max)
    rows = frame[(frame["measure"] == spec.measure) & (frame["breakdown"] == spec.breakdown)]
    if spec.tidy_unit is not None:
        rows = rows[rows["unit"] == spec.tidy_unit]
    own = rows[(rows["level"] == "local authority") & (rows["la_code"] == council.code)]
    if own.empty:
        return empty()
    table = comparators.comparators(rows, council, spec.measure, spec.tidy_unit, breakdown=spec.breakdown,
                                   model=model, polarity=spec.polarity)
    source = source_note(own)
    n_neighbours = int(table["neighbours_n"].max()) if len(table) else 0
    names = {"council": council.name, "england": "England", "region": council.region_name,
             "neighbours": f"Statistical neighbours (average of {n_neighbours})"}
    parts = []
    for area, column in (("council", "council"), ("england", "england"), ("region", "region"),
                         ("neighbours", "neighbours_mean")):
        part = pd.DataFrame({"year": table["year"].astype("int64"), "value": table[column].astype(float)})
        part["marker"] = table["council_marker"] if area == "council" else None
        part["area"] = area
        part["area_name"] = names[area]
        parts.append(part)
    out = pd.concat(parts, ignore_index=True)
    out = out[out["value"].notna() | out["marker"].notna()]
    out["indicator"] = spec.id
    out["period"] = out["year"].astype(str)
    out["unit"] = spec.unit
    out["good_direction"] = spec.good_direction
    out["source"] = source
    out["marker"] = out["marker"].astype(object).where(out["marker"].notna(), None)
    return _order(out)


def _order(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.assign(_a=frame["area"].map({a: i for i, a in enumerate(AREAS)}))
    return frame.sort_values(["_a", "year"], kind="stable").drop(columns="_a")[COLUMNS].reset_index(drop=True)


def _inhouse_share_series(spec: Indicator, council, year_max, local_root) -> pd.DataFrame:
    """The in-house foster share for the council alone (:func:`costs.inhouse_foster_share_table`)."""
    table = costs.inhouse_foster_share_table(council, year_max if year_max is not None else 9999, root=local_root)
    table = table[table["share"].notna()]
    if table.empty:
        return empty()
    frame = pd.DataFrame({"year": table["year"].astype("int64"), "value": table["share"].astype(float)})
    frame = frame.assign(indicator=spec.id, period=frame["year"].astype(str), area="council", area_name=council.name,
                         marker=None, unit=spec.unit, good_direction=spec.good_direction,
                         source="Ofsted, Fostering in England (filled places, via LAIT); DfE, Children looked after in "
                                "England (foster placements); the council's own count of family and friends carers")
    ledger.record_many(spec.id, [(council.code, y, v) for y, v in zip(frame["year"], frame["value"])])
    return _order(frame)


def has_local_data(council, *, local_root=None) -> bool:
    """Whether the council has a folder of its own files (``data/local/<slug>``)."""
    return localdata.has_local_folder(resolve_council(council).slug, root=local_root)


def _local_series(spec: Indicator, council, year_max, local_root) -> pd.DataFrame:
    prefix, _, name = spec.id.partition(":")
    slug = council.slug
    local_dir(slug, root=local_root)   # a clear InputError when the council has no folder
    if prefix == "local":
        figures = localdata.load_local_figures(slug, root=local_root)
        rows = figures[figures["figure_id"] == name]
        if rows.empty:
            raise InputError(DATA_LOCAL / slug / "local_figures.csv", "column 'figure_id'", f"no {name!r}",
                             f"a row for the figure named in indicator {spec.id!r}")
        frame = pd.DataFrame({"period": rows["period"], "value": rows["value"], "unit": rows["unit"],
                              "source": rows["source"]})
    elif prefix == "cost":
        costs = localdata.load_costs(slug, root=local_root)
        rows = costs[costs["placement_type"] == name]
        frame = pd.DataFrame({"period": rows["price_year"], "value": rows["weekly_cost_mean"],
                              "unit": spec.unit,
                              "source": "the council's own costs, " + rows["source_section"].fillna("")})
    else:
        capacity = localdata.load_capacity(slug, root=local_root)
        frame = pd.DataFrame({"period": capacity["period"], "value": capacity[name], "unit": spec.unit,
                              "source": "the council's own capacity figures, " + capacity["source_section"].fillna("")})
    frame = frame.assign(year=frame["period"].map(reporting_year))
    frame = frame[frame["year"].notna() & frame["value"].notna()]   # an empty cell is not a value
    frame["year"] = frame["year"].astype("int64")
    if year_max is not None:
        frame = frame[frame["year"] <= int(year_max)]
    if frame.empty:
        return empty()
    frame = frame.assign(indicator=spec.id, area="council", area_name=council.name, marker=None,
                         good_direction=spec.good_direction)
    frame["unit"] = frame["unit"].fillna(spec.unit or "")
    frame["source"] = frame["source"].fillna("")
    shown = frame.drop_duplicates("year", keep="last")   # the later figure of a year is the one used (wide)
    ledger.record_many(spec.id, [(council.code, y, v) for y, v in zip(shown["year"], shown["value"])], ndigits=1)
    return _order(frame)


def wide(table: pd.DataFrame) -> pd.DataFrame:
    """One row per year, one column per area (council, england, region, neighbours).

    For a local series with two figures in one reporting year the later row wins.
    """
    if table.empty:
        return pd.DataFrame(columns=["council"], index=pd.Index([], name="year", dtype="int64"))
    out = table.pivot_table(index="year", columns="area", values="value", aggfunc="last", dropna=False)
    return out[[a for a in AREAS if a in out.columns]]


def latest(table: pd.DataFrame, area: str = "council") -> pd.Series | None:
    """The most recent row with a value for ``area`` (None when there is none)."""
    rows = table[(table["area"] == area) & table["value"].notna()]
    return None if rows.empty else rows.iloc[-1]
