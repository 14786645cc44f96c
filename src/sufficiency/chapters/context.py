"""The national and local context of a council's placement sufficiency, and its snapshot.

- **National** (chapter 2): England's children looked after over time (1994 onwards), its rate per
  10,000 children, placement types, distance from home, age profile, and how much residential and
  foster provision private providers run, each figure with its year and source.
- **Local** (chapter 3): a snapshot table of the council's headline figures for the edition year,
  with the change since the year before and how each compares with England and the statistical
  neighbours; and the ethnicity of its children looked after against its population.
- **Key trends** (chapter 4): :data:`TRENDS`, the measures shown against England, the region and
  the statistical neighbours, with the direction that is better for children.

A measure that is also a scorecard indicator (share in foster care, three or more placements, …)
is defined once, in :data:`sufficiency.measures.indicators.REGISTRY`; :func:`shared` turns that definition
into a :class:`Measure`, and only the chapter's own wording (key, label, sentences) lives here.

Every loader takes ``year_max`` and returns nothing dated after it.

>>> series = national_time_series(2024)
>>> series.loc[(series.measure == "cla_31_march") & (series.year == 1994), "value"].item()
47590.0
>>> int(national_time_series(2010).year.max())
2010
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd

from sufficiency.measures import indicators
from sufficiency.core import files
from sufficiency.data import publicdata
from sufficiency.data.councils import Council, resolve_council, statistical_neighbours
from sufficiency.core.assumptions import WIDE_GAP_POINTS
from sufficiency.core.errors import InputError
from sufficiency.core.markers import invalid_cells, parse_series
from sufficiency.publishing.words import fmt_number, round_half_up
from sufficiency.core.paths import DATA_RAW

NATIONAL = DATA_RAW / "cla_dfe_ees" / "national_2024_release"
TIME_SERIES_FILE = NATIONAL / "cla_time_series_1994_2024.csv"
PROVIDER_FILE = NATIONAL / "national_cla_on_31_march_by_placement_provider_placement_type_and_locality.csv"
MISSING_FILE = DATA_RAW / "cla_dfe_ees" / "la_children_who_were_missing_or_away_from_placement_without_authorisation.csv.gz"
STAYPUT_FILE = DATA_RAW / "cla_dfe_ees" / "la_care_leavers_stayput.csv"
OFSTED = DATA_RAW / "ofsted_providers"

SOURCE_R2024 = "DfE, Children looked after in England including adoptions, 2024 release (national tables)"
SOURCE_OFSTED = "Ofsted, Children's social care data in England: providers and places at 31 March"

_TIME_SERIES_MEASURES = {
    "Children looked after at 31 March": "cla_31_march",
    "Children starting to be looked after during the year": "starters",
    "Children ceasing to be looked after during the year": "ceased",
    "Children looked after at 31 March who were unaccompanied asylum-seeking children": "cla_uasc",
    "Children looked after who were adopted during the year": "adopted",
}


def _read_bom(path, required: list[str]) -> pd.DataFrame:
    """``files.read_csv`` for DfE's national files, which start with a byte-order mark."""
    raw = files.read_csv(path)
    raw.columns = [c.lstrip("\ufeff") for c in raw.columns]
    missing = [c for c in required if c not in raw.columns]
    if missing:
        raise InputError(path, "header row", f"columns {list(raw.columns)}", f"also the column(s) {missing}")
    return raw


def _parsed(raw: pd.DataFrame, column: str, path) -> tuple[pd.Series, pd.Series]:
    bad = invalid_cells(raw[column])
    if bad.any():
        label = bad.idxmax()
        raise InputError(path, f"row {raw.index.get_loc(label) + 2}, column '{column}'",
                         repr(raw.loc[label, column]), "a number or a DfE marker (c, z, x, k, low, ..)")
    return parse_series(raw[column])


# ----------------------------------------------------------------------------- national
@lru_cache(maxsize=1)
def _time_series_file() -> pd.DataFrame:
    raw = _read_bom(TIME_SERIES_FILE, ["time_period", "population_count", "number"])
    measure = raw["population_count"].str.strip().map(_TIME_SERIES_MEASURES)
    if measure.isna().any():
        label = measure.isna().idxmax()
        raise InputError(TIME_SERIES_FILE, f"row {label + 2}, column 'population_count'",
                         repr(raw.loc[label, "population_count"]), f"one of {sorted(_TIME_SERIES_MEASURES)}")
    value, marker = _parsed(raw, "number", TIME_SERIES_FILE)
    return pd.DataFrame({"year": raw["time_period"].astype(int), "measure": measure, "value": value,
                         "marker": marker, "source": SOURCE_R2024})


def national_time_series(year_max: int | None = None) -> pd.DataFrame:
    """England's children looked after on 31 March, starters, ceased, adopted and UASC, 1994
    onwards: columns year, measure, value, marker, source.

    Years after 2024 (and any year the per-council tables also cover) come from the newest
    release in :func:`publicdata.cla_headline` / :func:`publicdata.uasc`, which DfE revises;
    earlier years from the 2024 release's national time series.
    """
    files.record_read(TIME_SERIES_FILE)
    old = _time_series_file()
    newer = []
    headline = publicdata.cla_headline(year_max)
    uasc = publicdata.uasc(year_max)
    for frame in (headline, uasc):
        rows = frame[(frame["level"] == "england") & (frame["unit"] == "children") & (frame["breakdown"] == "")
                     & frame["measure"].isin(list(_TIME_SERIES_MEASURES.values()))]
        newer.append(pd.DataFrame({"year": rows["year"], "measure": rows["measure"], "value": rows["value"],
                                   "marker": rows["marker"],
                                   "source": rows["source"].map(lambda s: publicdata_source_name(s))
                                   + " (" + rows["release"] + ")"}))
    out = pd.concat([*newer, old], ignore_index=True).drop_duplicates(["year", "measure"], keep="first")
    if year_max is not None:
        out = out[out["year"] <= int(year_max)]
    return out.sort_values(["measure", "year"]).reset_index(drop=True)


def publicdata_source_name(source: str) -> str:
    """The publication behind a tidy ``source`` id ('ees_cla' → 'DfE, Children looked after …')."""
    from sufficiency.measures.trends import SOURCE_NAMES

    return SOURCE_NAMES.get(source, source)


def england_rate(year_max: int | None = None) -> pd.DataFrame:
    """England's children looked after per 10,000 children (year, value, source)."""
    headline = publicdata.cla_headline(year_max)
    rows = headline[(headline["level"] == "england") & (headline["measure"] == "cla_31_march")
                    & (headline["unit"] == publicdata.PER_10K)]
    return pd.DataFrame({"year": rows["year"], "value": rows["value"],
                         "source": rows["source"].map(publicdata_source_name) + " (" + rows["release"] + ")"}
                        ).reset_index(drop=True)


def shares(frame: pd.DataFrame, area: str | Council | None, measure: str, year: int) -> pd.DataFrame:
    """One area's breakdown of a measure in one year: breakdown, children, percent, marker.

    ``area`` is a council, 'england', or a region code. Percentages are DfE's published,
    rounded ones; ``marker`` carries DfE's symbol where the share is suppressed.
    """
    rows = frame[(frame["measure"] == measure) & (frame["year"] == int(year)) & (frame["breakdown"] != "")]
    if area == "england" or area is None:
        rows = rows[rows["level"] == "england"]
    elif isinstance(area, str) and area.startswith("E1"):
        rows = rows[(rows["level"] == "region") & (rows["region_code"] == area)]
    else:
        rows = rows[(rows["level"] == "local authority") & (rows["la_code"] == resolve_council(area).code)]
    counts = rows[rows["unit"] == "children"].set_index("breakdown")
    pct = rows[rows["unit"].isin(["%", "per cent"])].set_index("breakdown")
    order = list(dict.fromkeys(rows["breakdown"]))
    out = pd.DataFrame({"breakdown": order})
    out["children"] = out["breakdown"].map(counts["value"]) if len(counts) else np.nan
    out["percent"] = out["breakdown"].map(pct["value"]) if len(pct) else np.nan
    out["marker"] = out["breakdown"].map(pct["marker"]) if len(pct) else None
    out["marker"] = out["marker"].where(out["marker"].notna(), None)
    return out


# ----------------------------------------------------------------------------- Ofsted sector shares
def _find_header(path) -> int:
    """Ofsted's files start with title lines; the header row is the one naming 'URN'."""
    import gzip

    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8-sig", errors="replace") as fh:
        for number, line in enumerate(fh):
            cells = [c.strip().strip('"') for c in line.split(",")]
            if "URN" in cells and "Provision type" in cells:
                return number
            if number > 20:
                break
    raise InputError(path, "the first 20 lines", "no header row", "a row naming the columns 'URN' and 'Provision type'")


def ofsted_year_files(year_max: int | None = None) -> dict[int, list]:
    """Ofsted provider-level files by the 31 March they describe (2018 has two parts)."""
    files: dict[int, list] = {}
    for path in sorted(OFSTED.glob("ofsted_provider_level_at_31_march_*.csv.gz")):
        year = int(re.search(r"_(\d{4})", path.name).group(1))
        if year_max is None or year <= int(year_max):
            files.setdefault(year, []).append(path)
    return files


@lru_cache(maxsize=None)
def _ofsted_homes(path) -> pd.DataFrame:
    files.record_read(path)
    header = _find_header(path)
    try:
        raw = pd.read_csv(path, dtype=str, skiprows=header, encoding="utf-8-sig", encoding_errors="replace",
                          keep_default_na=False, na_values=[""])
    except (pd.errors.ParserError, OSError, EOFError) as exc:
        raise InputError(path, problem=f"the file cannot be read as CSV ({exc})",
                         expected="Ofsted's provider-level table") from None
    raw.columns = [re.sub(r"\s+", " ", str(c)).strip() for c in raw.columns]
    needed = {"Provision type", "Sector", "Local authority"}
    if not needed <= set(raw.columns):
        raise InputError(path, "header row", f"columns {list(raw.columns)[:12]}", f"columns {sorted(needed)}")
    homes = raw[raw["Provision type"].str.strip().str.casefold() == "children's home"].copy()
    if "Registration status" in homes:
        homes = homes[homes["Registration status"].fillna("Active").str.strip().str.casefold() != "inactive"]
    homes["places"] = pd.to_numeric(homes.get("Places", pd.Series(np.nan, index=homes.index)), errors="coerce")
    homes["sector"] = homes["Sector"].str.strip()
    homes["local_authority"] = homes["Local authority"].str.strip()
    homes["urn"] = homes["URN"].str.strip() if "URN" in homes else pd.Series(range(len(homes)), index=homes.index)
    return homes[["urn", "sector", "local_authority", "places"]].reset_index(drop=True)


def childrens_homes_by_sector(year_max: int | None = None) -> pd.DataFrame:
    """England's Ofsted-registered children's homes and their places by sector, at 31 March each
    year: year, sector, homes, places (NaN where Ofsted gave no places, as in 2015)."""
    rows = []
    for year, paths in ofsted_year_files(year_max).items():
        # 2018 comes in two overlapping parts: a home counts once.
        homes = pd.concat([_ofsted_homes(p) for p in paths], ignore_index=True).drop_duplicates("urn")
        grouped = homes.groupby("sector").agg(homes=("sector", "size"), places=("places", "sum"),
                                              known=("places", "count"))
        for sector, row in grouped.iterrows():
            rows.append({"year": year, "sector": sector, "homes": int(row["homes"]),
                         "places": float(row["places"]) if row["known"] else np.nan})
    return pd.DataFrame(rows, columns=["year", "sector", "homes", "places"])


def private_share_of_homes(year_max: int | None = None) -> pd.DataFrame:
    """Per year: children's homes and places in England, and the share run by private providers
    (``homes_private_pct``, ``places_private_pct``)."""
    by_sector = childrens_homes_by_sector(year_max)
    if by_sector.empty:
        return pd.DataFrame(columns=["year", "homes", "places", "homes_private_pct", "places_private_pct"])
    total = by_sector.groupby("year")[["homes", "places"]].sum(min_count=1)
    private = by_sector[by_sector["sector"].str.casefold() == "private"].set_index("year")[["homes", "places"]]
    out = total.copy()
    out["homes_private_pct"] = private["homes"] / total["homes"] * 100
    out["places_private_pct"] = private["places"] / total["places"] * 100
    return out.reset_index()


@lru_cache(maxsize=1)
def _provider_file() -> pd.DataFrame:
    raw = _read_bom(PROVIDER_FILE, ["time_period", "placement_type", "placement_provider", "number"])
    value, marker = _parsed(raw, "number", PROVIDER_FILE)
    return pd.DataFrame({"year": raw["time_period"].astype(int), "placement_type": raw["placement_type"].str.strip(),
                         "provider": raw["placement_provider"].str.strip(), "children": value, "marker": marker})


def foster_by_provider(year_max: int | None = None) -> pd.DataFrame:
    """England's children in foster placements on 31 March by provider (inside and outside the
    council's boundary together): year, provider, children, percent. 2020–2024 (2024 release)."""
    files.record_read(PROVIDER_FILE)
    raw = _provider_file()
    foster = raw[raw["placement_type"].str.match(r"^[23]a\. Foster placements$")]
    if year_max is not None:
        foster = foster[foster["year"] <= int(year_max)]
    summed = foster.groupby(["year", "provider"], as_index=False)["children"].sum(min_count=1)
    totals = summed[summed["provider"] == "All children"].set_index("year")["children"]
    summed = summed[summed["provider"] != "All children"].copy()
    summed["percent"] = summed["children"] / summed["year"].map(totals) * 100
    return summed.reset_index(drop=True)


# ----------------------------------------------------------------------------- extra local tables
@publicdata._year_limited
def missing_episodes(year_max: int | None = None) -> pd.DataFrame:
    """Children looked after who went missing, or were away without authorisation, during the year
    (2018–2024; DfE calls these Official Statistics and asks for caution comparing councils,
    whose recording differs). Measures ``missing_children`` (children), ``missing_pct`` (% of
    children looked after during the year), ``away_pct``, ``missing_incidents_per_child``."""
    raw = publicdata._read_cached(MISSING_FILE)
    group = raw["cla_group"].str.strip()
    spec = {
        "Children who had a missing incident during the year": ("missing_children", "children"),
        "Percentage of children who had a missing incident during the year": ("missing_pct", "%"),
        "Percentage of children who were away from placement without authorisation during the year": ("away_pct", "%"),
        "Average number of missing incidents per looked after child who went missing":
            ("missing_incidents_per_child", "incidents per child who went missing"),
    }
    measure = group.map({k: v[0] for k, v in spec.items()})
    units = group.map({k: v[1] for k, v in spec.items()})
    frame = publicdata._ees_table(MISSING_FILE, measure=measure, breakdown=pd.Series("", index=raw.index),
                                  value_columns={"number": "children"}, source="ees_cla",
                                  release=raw["source_release"])
    frame["unit"] = units.reindex(frame.index).values
    return publicdata._finish(publicdata._dedupe_keep_first(frame), year_max)


@publicdata._year_limited
def staying_put(year_max: int | None = None) -> pd.DataFrame:
    """Care leavers who were in foster care at 18 and still lived with their former foster carers
    (Staying Put), 2018–2024: measures ``staying_put_18`` and ``staying_put_19_to_20`` (% of those
    eligible, and the count)."""
    raw = publicdata._read_cached(STAYPUT_FILE)
    age = raw["age"].str.strip().map({"Aged 18": "staying_put_18", "Aged 19 to 20": "staying_put_19_to_20"})
    living = raw["stay_put"].str.strip().str.startswith("Total living with former foster carers")
    measure = age.where(living)
    frame = publicdata._ees_table(STAYPUT_FILE, measure=measure, breakdown=pd.Series("", index=raw.index),
                                  value_columns={"number": "young people", "percentage": "%"},
                                  source="ees_cla", release=raw["source_release"])
    return publicdata._finish(publicdata._dedupe_keep_first(frame), year_max)


# ----------------------------------------------------------------------------- measures
@dataclass(frozen=True)
class Measure:
    """A measure with what it is, where it comes from and which way is better for children.

    Measures the scorecard also uses are made by :func:`shared`, never typed here: their
    ``indicator`` names the :data:`indicators.REGISTRY` entry every other field comes from.
    """

    key: str
    label: str                    # plain words, for tables and sentences
    loader: str                   # name in LOADERS (resolved at call time, so tests can swap it);
                                  # '' when ``indicator`` gives the definition
    measure: str
    unit: str                     # tidy unit of the rows ('%', 'children', 'per 10,000 children')
    breakdown: str = ""
    good: str | None = None       # 'High', 'Low' or None (as LAIT's polarity)
    ndigits: int = 0
    compared: bool = True         # False for counts
    loader_args: tuple = field(default=())
    indicator: str | None = None  # the registry id this measure is defined by, if any

    def frame(self, year_max: int | None) -> pd.DataFrame:
        if self.indicator:        # the registry's own loader, looked up at call time
            return indicators.REGISTRY[self.indicator].loader(year_max)
        return LOADERS[self.loader](year_max, *self.loader_args)


def shared(indicator_id: str, key: str, label: str | None = None) -> Measure:
    """The scorecard indicator ``indicator_id`` as a chapter 3 or 4 measure: loader, measure,
    breakdown, unit, better direction, decimals and whether comparators apply all come from
    :data:`indicators.REGISTRY`; ``key`` and ``label`` (default: the registry's) are this
    chapter's names for it.

    >>> m = shared("share_placements_3plus", "three_plus", "Three or more placements in the year (%)")
    >>> (m.measure, m.breakdown, m.unit, m.good, m.compared)
    ('stability_3_plus_placements', '', '%', 'Low', True)
    """
    spec = indicators.REGISTRY[indicator_id]
    if spec.loader is None or spec.tidy_unit is None:
        raise ValueError(f"indicator {indicator_id!r} has no published series to show in chapters 3 and 4")
    return Measure(key, label or spec.label, "", spec.measure, spec.tidy_unit, spec.breakdown, spec.polarity,
                   spec.ndigits, spec.comparable, indicator=indicator_id)


def _characteristics(year_max, *measures):
    return publicdata.cla_characteristics(year_max, list(measures) or None)


LOADERS = {
    "headline": lambda year_max: publicdata.cla_headline(year_max),
    "characteristics": _characteristics,
    "stability": lambda year_max: publicdata.placement_stability(year_max),
    "uasc": lambda year_max: publicdata.uasc(year_max),
    "care_leavers": lambda year_max, topic="accommodation": publicdata.care_leavers(year_max, topic),
    "ceased": lambda year_max: publicdata.ceased_by_characteristics(year_max),
    "new_placements": lambda year_max: publicdata.new_placements(year_max),
    "missing": missing_episodes,
    "staying_put": staying_put,
}

#: The snapshot's rows (chapter 3), in order. The inside-the-boundary and within-20-miles rows are
#: the other halves of the registry's outside-the-boundary and over-20-miles shares (DfE publishes
#: each half as its own rounded percentage), so they are measures of their own.
SNAPSHOT: list[Measure] = [
    Measure("cla", "Children looked after on 31 March", "headline", "cla_31_march", "children", compared=False),
    shared("cla_rate_per_10k", "cla_rate", "Children looked after per 10,000 children"),
    shared("share_foster_care", "foster", "Living in foster placements (%)"),
    Measure("inside", "Placed inside the council's boundary (%)", "characteristics", "cla_by_locality", "%",
            "Placed inside the local authority boundary", "High", loader_args=("cla_by_locality",)),
    Measure("within_20", "Placed 20 miles or less from home (%)", "characteristics", "cla_by_distance", "%",
            "Placed 20 miles or less from home", "High", loader_args=("cla_by_distance",)),
    shared("share_placements_3plus", "three_plus", "Three or more placements in the year (%)"),
    shared("share_long_term_stable", "long_term", "Long-term stability: same carer for 2+ years (%)"),
    shared("uasc_count", "uasc", "Unaccompanied asylum-seeking children"),
    Measure("uasc_share", "Unaccompanied asylum-seeking children (% of those looked after)", "characteristics",
            "cla_by_uasc", "%", "UASC", None, loader_args=("cla_by_uasc",)),
    shared("care_leavers_suitable_accommodation", "leavers_suitable",
           "Care leavers aged 19 to 21 in suitable accommodation (%)"),
]
_SNAPSHOT_BY_KEY = {m.key: m for m in SNAPSHOT}


def comparison_table(measure: Measure, council: str | Council, year: int, model: str = "2025") -> pd.DataFrame:
    """:func:`publicdata.comparators` for a measure (empty when the publication has no rows)."""
    frame = measure.frame(year)
    try:
        return publicdata.comparators(frame, council, measure.measure, measure.unit, breakdown=measure.breakdown,
                                      model=model, polarity=measure.good)
    except InputError:
        return pd.DataFrame(columns=["year", "council", "council_marker", "england", "neighbours_mean"])


def snapshot(council: str | Council, year: int, model: str = "2025") -> pd.DataFrame:
    """The council's headline figures for ``year`` (or the latest year before it with a published
    figure, named in ``year``), one row per :data:`SNAPSHOT` measure.

    Columns: key, label, unit, ndigits, good, compared, year, value, marker, previous_year, previous,
    previous_marker, england, neighbours, quartile. Missing figures stay NaN with DfE's marker (or
    None when the publication has no row at all).
    """
    council = resolve_council(council)
    rows = []
    for m in SNAPSHOT:
        table = comparison_table(m, council, year, model)
        row = {"key": m.key, "label": m.label, "unit": m.unit, "ndigits": m.ndigits, "good": m.good,
               "compared": m.compared, "year": np.nan, "value": np.nan, "marker": None,
               "previous_year": np.nan, "previous": np.nan, "previous_marker": None,
               "england": np.nan, "neighbours": np.nan, "quartile": None}
        if len(table):
            table = table.set_index("year")
            # The latest year with either a value or a marker for the council.
            present = table[table["council"].notna() | table["council_marker"].notna()]
            if len(present):
                latest = int(present.index.max())
                row.update(year=latest, value=table.at[latest, "council"], marker=table.at[latest, "council_marker"],
                           england=table.at[latest, "england"], neighbours=table.at[latest, "neighbours_mean"],
                           quartile=table.at[latest, "quartile"] if "quartile" in table else None)
                if latest - 1 in table.index and (pd.notna(table.at[latest - 1, "council"])
                                                  or table.at[latest - 1, "council_marker"] is not None):
                    row.update(previous_year=latest - 1, previous=table.at[latest - 1, "council"],
                               previous_marker=table.at[latest - 1, "council_marker"])
        rows.append(row)
    return pd.DataFrame(rows)


def _fmt(value, ndigits, marker=None, unit="") -> str:
    text = fmt_number(value, ndigits, marker)
    if text == "no data":
        return "not published"
    return text + ("%" if unit == "%" and not marker else "")


def change_words(value, previous, ndigits: int, unit: str, good: str | None) -> str:
    """'up 3 points (better)' / 'down 12' / 'no change', compared after DfE rounding.

    >>> change_words(72, 68, 0, "%", "High")
    'up 4 points (better)'
    >>> change_words(12, 13, 0, "%", "Low")
    'down 1 point (better)'
    >>> change_words(439, 453, 0, "children", None)
    'down 14'
    >>> change_words(float("nan"), 5, 0, "%", None)
    'not comparable'
    """
    if any(v is None or (isinstance(v, float) and math.isnan(v)) for v in (value, previous)):
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
    if any(v is None or (isinstance(v, float) and math.isnan(v)) for v in (value, other)):
        return "—"
    a, b = round_half_up(value, ndigits), round_half_up(other, ndigits)
    if a == b:
        return "same"
    text = "higher" if a > b else "lower"
    if good in ("High", "Low"):
        text += " (better)" if (a > b) == (good == "High") else " (worse)"
    return text


def _against(value, other, ndigits: int, unit: str, good: str | None) -> str:
    """The comparator's figure and where the council stands: '67 (council higher, better)'."""
    figure = _fmt(other, ndigits, None, unit)
    if figure == "not published":
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
            council.name: _fmt(r.value, r.ndigits, r.marker, r.unit),
            "Change on the year before": ("no earlier year" if pd.isna(r.previous_year) else
                                          f"no figure for {int(r.previous_year)} ({r.previous_marker})"
                                          if r.previous_marker and pd.isna(r.previous) else
                                          change_words(r.value, r.previous, r.ndigits, r.unit, r.good)),
            "England": _against(r.value, r.england, r.ndigits, r.unit, r.good) if compared else "—",
            "Neighbours' average": _against(r.value, r.neighbours, r.ndigits, r.unit, r.good) if compared else "—",
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
            notes.append(f"{r.label}: the {int(r.year)} figure is suppressed or not available "
                         f"(DfE symbol {r.marker}).")
        elif int(r.year) < int(year):
            notes.append(f"{r.label}: the latest published figure is for {int(r.year)}.")
        elif pd.isna(r.previous_year) or (r.previous_marker and pd.isna(r.previous)):
            why = f" (DfE symbol {r.previous_marker})" if r.previous_marker else ""
            notes.append(f"{r.label}: no figure for {int(r.year) - 1}{why}, so no change can be shown.")
    return notes


# ----------------------------------------------------------------------------- ethnicity
def ethnicity_against_population(council: str | Council, year: int) -> pd.DataFrame:
    """The ethnicity of children looked after on 31 March ``year`` (DfE, five groups) beside the
    council's residents of all ages (Census 2021): columns group, short, cla_children, cla_pct,
    cla_marker, residents_pct, england_cla_pct, england_residents_pct."""
    from sufficiency.data.population import ethnicity_groups

    council = resolve_council(council)
    chars = publicdata.cla_characteristics(year, ["cla_by_ethnicity"])
    local = shares(chars, council, "cla_by_ethnicity", year).set_index("breakdown")
    england = shares(chars, "england", "cla_by_ethnicity", year).set_index("breakdown")
    residents = ethnicity_groups(council, year)
    england_residents = ethnicity_groups(None, year)
    groups = residents if len(residents) else ethnicity_groups(None)
    out = groups[["group", "short"]].copy()
    out["cla_children"] = out["group"].map(local["children"]) if len(local) else np.nan
    out["cla_pct"] = out["group"].map(local["percent"]) if len(local) else np.nan
    out["cla_marker"] = out["group"].map(local["marker"]) if len(local) else None
    out["residents_pct"] = out["group"].map(residents.set_index("group")["percent"]) if len(residents) else np.nan
    out["england_cla_pct"] = out["group"].map(england["percent"]) if len(england) else np.nan
    out["england_residents_pct"] = (out["group"].map(england_residents.set_index("group")["percent"])
                                    if len(england_residents) else np.nan)
    out["cla_marker"] = out["cla_marker"].where(out["cla_marker"].notna(), None)
    return out.reset_index(drop=True)


def neighbour_list(council: str | Council, model: str = "2025") -> list[Council]:
    return statistical_neighbours(resolve_council(council), model)


# ----------------------------------------------------------------------------- key trends (chapter 4)
@dataclass(frozen=True)
class TrendMeasure:
    """A measure for chapter 4: :class:`Measure` plus the words that describe it."""

    measure: Measure
    what: str          # e.g. "children looked after living in foster placements"
    title: str         # chart title


def _m(key, label, loader, measure, unit, breakdown="", good=None, *args, compared=True, ndigits=0):
    return Measure(key, label, loader, measure, unit, breakdown, good, ndigits, compared, tuple(args))


#: Chapter 4's trend measures by section (section id → list). 'High'/'Low' is the better direction.
#: Only the snapshot table shows a measure's label, so the chapter-4-only shared measures keep the
#: registry's.
TRENDS: dict[str, list[TrendMeasure]] = {
    "entering": [
        TrendMeasure(shared("starters_rate_per_10k", "starters_rate"), "children starting to be looked after",
                     "Children starting to be looked after per 10,000 children"),
        TrendMeasure(_m("ceased", "Children who ceased to be looked after", "headline", "ceased", "children",
                        compared=False), "children who ceased to be looked after",
                     "Children who ceased to be looked after during the year"),
    ],
    "placement": [
        TrendMeasure(_SNAPSHOT_BY_KEY["foster"], "children looked after living in foster placements",
                     "Children living in foster placements (% of children looked after)"),
        TrendMeasure(shared("share_residential", "residential"),
                     "children looked after living in children's homes or secure homes",
                     "Children living in children's homes or secure homes (%)"),
        TrendMeasure(_m("private", "Placed with private providers (%)", "characteristics", "cla_by_provider", "%",
                        "Private provision", "Low", "cla_by_provider"),
                     "children looked after placed with private providers",
                     "Children placed with private providers (% of children looked after)"),
    ],
    "location": [
        TrendMeasure(_SNAPSHOT_BY_KEY["inside"], "children looked after placed inside the council's boundary",
                     "Children placed inside the council's boundary (%)"),
        TrendMeasure(shared("share_placed_over_20_miles", "over_20"),
                     "children looked after placed more than 20 miles from home",
                     "Children placed more than 20 miles from home (%)"),
    ],
    "stability": [
        TrendMeasure(_SNAPSHOT_BY_KEY["three_plus"], "children looked after with three or more placements in the year",
                     "Children with three or more placements in the year (%)"),
        TrendMeasure(_SNAPSHOT_BY_KEY["long_term"], "children in long-term stable placements",
                     "Long-term stability: children under 16 with the same carer for 2 years or more (%)"),
    ],
    "who": [
        TrendMeasure(_m("age_16_plus", "Aged 16 and over (%)", "characteristics", "cla_by_age", "%",
                        "16 years and over", None, "cla_by_age"), "children looked after aged 16 and over",
                     "Children looked after aged 16 and over (%)"),
        TrendMeasure(_m("male", "Boys (%)", "characteristics", "cla_by_sex", "%", "Male", None, "cla_by_sex"),
                     "children looked after who are boys", "Boys (% of children looked after)"),
    ],
    "legal": [
        TrendMeasure(_m("s20", "Accommodated by agreement under section 20 (%)", "characteristics",
                        "cla_by_legal_status", "%", "Voluntary agreements under S20 CA 1989", None,
                        "cla_by_legal_status"),
                     "children looked after under a voluntary agreement (section 20)",
                     "Children looked after under section 20 voluntary agreements (%)"),
    ],
    "uasc": [
        TrendMeasure(_SNAPSHOT_BY_KEY["uasc_share"],
                     "children looked after who were unaccompanied asylum-seeking children",
                     "Unaccompanied asylum-seeking children (% of children looked after)"),
        TrendMeasure(_SNAPSHOT_BY_KEY["uasc"], "unaccompanied asylum-seeking children looked after",
                     "Unaccompanied asylum-seeking children looked after on 31 March"),
    ],
    "missing": [
        TrendMeasure(_m("missing", "Went missing during the year (%)", "missing", "missing_pct", "%", "", "Low"),
                     "children looked after who went missing during the year",
                     "Children looked after who went missing during the year (%)"),
    ],
    "leavers": [
        TrendMeasure(_SNAPSHOT_BY_KEY["leavers_suitable"], "care leavers aged 19 to 21 in suitable accommodation",
                     "Care leavers aged 19 to 21 in suitable accommodation (%)"),
        TrendMeasure(shared("care_leavers_eet", "leavers_eet"),
                     "care leavers aged 19 to 21 in education, employment or training",
                     "Care leavers aged 19 to 21 in education, employment or training (%)"),
        TrendMeasure(_m("staying_put", "Staying put with former foster carers at 18 (%)", "staying_put",
                        "staying_put_18", "%", "", "High"),
                     "care leavers aged 18 staying put with their former foster carers",
                     "Care leavers aged 18 staying put with former foster carers (%)"),
    ],
}

#: Breakdown charts per section: (loader, loader args, tidy measure, chart title, what a category is).
BREAKDOWNS: dict[str, list[tuple]] = {
    "entering": [("ceased", (), "ceased_by_reason", "Why children ceased to be looked after",
                  "reason for leaving care")],
    "placement": [("characteristics", ("cla_by_placement_type",), "cla_by_placement_type", "Placement types",
                   "placement type"),
                  ("characteristics", ("cla_by_provider",), "cla_by_provider", "Placement providers", "provider")],
    "location": [("characteristics", ("cla_by_distance_and_locality",), "cla_by_distance_and_locality",
                  "Placement location and distance from home", "location")],
    "who": [("characteristics", ("cla_by_age",), "cla_by_age", "Age on 31 March", "age group")],
    "legal": [("characteristics", ("cla_by_legal_status",), "cla_by_legal_status", "Legal status",
               "legal status")],
    "leavers": [("care_leavers", ("activity",), "care_leavers_activity_19_to_21",
                 "Activity of care leavers aged 19 to 21", "activity")],
}


def breakdown_source(frame: pd.DataFrame, measure: str, year: int) -> str:
    """The publication and release behind a breakdown's rows for one year."""
    rows = frame[(frame["measure"] == measure) & (frame["year"] == int(year))]
    parts = sorted({f"{publicdata_source_name(s)} ({r})" for s, r in zip(rows["source"], rows["release"])})
    return "; ".join(parts) or "no rows published"


def _per_cent(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows in '%' relabelled 'per cent', so generated sentences read '68 per cent', not '68 %'."""
    return frame.assign(unit=frame["unit"].replace({"%": "per cent"}))


def trend_for(item: TrendMeasure, council: str | Council, year: int, model: str = "2025"):
    """:func:`trends.trend` for a chapter-4 measure, or None when DfE publishes no rows for it."""
    from sufficiency.measures import trends

    m = item.measure
    frame = m.frame(year)
    frame = frame[(frame["measure"] == m.measure) & (frame["breakdown"] == m.breakdown) & (frame["unit"] == m.unit)]
    if frame.empty:
        return None
    unit = m.unit
    if unit == "%":
        frame, unit = _per_cent(frame), "per cent"
    return trends.trend(frame, resolve_council(council), m.measure, unit, item.what, model=model,
                        breakdown=m.breakdown, ndigits=m.ndigits, polarity=m.good, compared=m.compared)


def breakdown_shares(frame: pd.DataFrame, council: str | Council, measure: str, year: int,
                     model: str = "2025") -> pd.DataFrame:
    """Shares (%) of a breakdown in ``year`` for the council, England, its region and the simple
    average of its statistical neighbours: columns category, council, council_marker, england,
    region, neighbours. Categories with no value anywhere are dropped."""
    council = resolve_council(council)
    local = shares(frame, council, measure, year).set_index("breakdown")
    england = shares(frame, "england", measure, year).set_index("breakdown")
    region = shares(frame, council.region_code, measure, year).set_index("breakdown")
    neighbour_tables = [shares(frame, n, measure, year).set_index("breakdown")["percent"]
                        for n in statistical_neighbours(council, model)]
    categories = list(dict.fromkeys([*england.index, *local.index]))
    out = pd.DataFrame({"category": categories})
    out["council"] = out["category"].map(local["percent"]) if len(local) else np.nan
    out["council_marker"] = out["category"].map(local["marker"]) if len(local) else None
    out["england"] = out["category"].map(england["percent"]) if len(england) else np.nan
    out["region"] = out["category"].map(region["percent"]) if len(region) else np.nan
    if neighbour_tables:
        out["neighbours"] = out["category"].map(pd.concat(neighbour_tables, axis=1).mean(axis=1))
    else:
        out["neighbours"] = np.nan
    out["council_marker"] = out["council_marker"].where(out["council_marker"].notna(), None)
    keep = out[["council", "england", "neighbours"]].fillna(0).gt(0).any(axis=1) | out["council_marker"].notna()
    # Subtotals ('Total in education, …') would count children twice beside their parts.
    keep &= ~out["category"].str.startswith("Total")
    out["category"] = out["category"].str.replace(r"^\d+\. ", "", regex=True).str.replace(
        "the LA boundary", "the council's boundary", regex=False)
    return out[keep].reset_index(drop=True)


def breakdown_figure(page, table: pd.DataFrame, council: Council, *, name: str, title: str, year: int,
                     source: str):
    """Grouped horizontal bars of the shares in :func:`breakdown_shares`: the council, its
    statistical neighbours' average and England, told apart by colour and hatching, with the
    council's values written at the bar ends (its DfE symbol where suppressed)."""
    import textwrap

    import matplotlib.pyplot as plt

    from sufficiency.publishing.charts import OKABE_ITO, _style
    from sufficiency.publishing.words import marker_note

    _style()
    n = len(table)
    fig, ax = plt.subplots(figsize=(7.5, 0.9 + 0.55 * n))
    series = [("council", council.name, OKABE_ITO["blue"], ""), ("neighbours", "Statistical neighbours' average",
              OKABE_ITO["green"], "..."), ("england", "England", OKABE_ITO["black"], "///")]
    height = 0.26
    positions = np.arange(n)
    for i, (column, label, colour, hatch) in enumerate(series):
        values = table[column].fillna(0)
        face = colour if column != "england" else "white"
        ax.barh(positions + (i - 1) * height, values, height=height, color=face, edgecolor=colour,
                hatch=hatch, label=label, linewidth=0.8)
    for pos, value, marker in zip(positions, table["council"], table["council_marker"]):
        text = marker if marker else fmt_number(value)
        ax.text((0 if pd.isna(value) else value) + 0.5, pos - height, text, va="center", fontsize=8)
    ax.set_yticks(positions)
    ax.set_yticklabels([textwrap.fill(str(c), 38) for c in table["category"]], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel(f"per cent, {year}")
    ax.set_title(f"{title}, {year}", loc="left", fontsize=11)
    ax.grid(axis="y", visible=False)
    ax.legend(frameon=False, fontsize=8, loc="lower right")
    fig.tight_layout()
    data = pd.DataFrame({
        "Category": table["category"],
        council.name: [fmt_number(v, 0, m) + ("" if m or pd.isna(v) else "%") for v, m in
                       zip(table["council"], table["council_marker"])],
        "Statistical neighbours' average": [_fmt(v, 0, None, "%") for v in table["neighbours"]],
        "England": [_fmt(v, 0, None, "%") for v in table["england"]],
    })
    top = table.dropna(subset=["council"]).sort_values("council", ascending=False).head(1)
    alt = (f"Bar chart of {title.lower()} in {year}: the share of children in each of {n} categories for "
           f"{council.name}, the average of its statistical neighbours and England.")
    if len(top):
        r = top.iloc[0]
        alt += (f" The largest share for {council.name} is {r['category']} at {fmt_number(r['council'])}%, "
                f"against {fmt_number(r['england'])}% for England.")
    markers = marker_note(table["council_marker"])
    caption = f"{title}, {council.name} against its statistical neighbours and England, {year}. {markers}".strip()
    return page.figure(fig, name=name, alt=alt, caption=caption, source=source, data=data)


def breakdown_sentence(table: pd.DataFrame, council: Council, year: int, what: str) -> str:
    """One sentence naming the council's largest category of ``what`` (e.g. 'placement type') and
    where it differs most from England."""
    from sufficiency.publishing.pages import escape

    name = escape(council.name)
    known = table.dropna(subset=["council"])
    if known.empty:
        return (f"No breakdown by {what} is published for {name} for {year}"
                + (" (the figures are suppressed)." if table["council_marker"].notna().any() else "."))
    top = known.sort_values("council", ascending=False).iloc[0]
    text = (f"In {year} the {what} with the largest share in {name} was “{escape(top['category'])}” "
            f"({fmt_number(top['council'])}%; England {fmt_number(top['england'])}%).")
    gap = (known["council"].map(round_half_up) - known["england"].map(round_half_up))
    if gap.notna().any() and gap.abs().max() >= WIDE_GAP_POINTS:
        d = known.loc[gap.abs().idxmax()]
        points = int(abs(gap.loc[gap.abs().idxmax()]))
        text += (f" The widest gap from England was “{escape(d['category'])}”: {fmt_number(d['council'])}% "
                 f"against {fmt_number(d['england'])}%, {points} percentage points "
                 f"{'higher' if gap.loc[gap.abs().idxmax()] > 0 else 'lower'}.")
    return text


def trend_section(page, section: str, council: str | Council, year: int, model: str = "2025"):
    """Everything chapter 4 shows for one section: for each measure its sentences and chart (or a
    sentence saying nothing is published), then the section's breakdown charts."""
    from sufficiency.measures import trends
    from sufficiency.publishing.pages import Markdown, escape, prose

    council = resolve_council(council)
    parts = []
    for item in TRENDS[section]:
        t = trend_for(item, council, year, model)
        if t is None or t.table["council"].isna().all() and t.table["council_marker"].isna().all():
            parts.append(prose(f"DfE publishes no figures for {escape(item.what)} for {escape(council.name)} "
                               f"up to {year}."))
            continue
        parts.append(prose(trends.sentences(t)))
        parts.append(trends.figure(page, t, name=f"{section}-{item.measure.key}", title=item.title))
    for loader, args, measure, title, what in BREAKDOWNS.get(section, []):
        frame = LOADERS[loader](year, *args)
        rows = frame[frame["measure"] == measure]
        latest = int(rows["year"].max()) if len(rows) else None
        if latest is None:
            parts.append(prose(f"No breakdown by {what} is published up to {year}."))
            continue
        table = breakdown_shares(rows, council, measure, latest, model)
        parts.append(prose(breakdown_sentence(table, council, latest, what)))
        parts.append(breakdown_figure(page, table, council, name=f"{section}-{measure}", title=title, year=latest,
                                      source=breakdown_source(rows, measure, latest)))
    out = parts[0]
    for p in parts[1:]:
        out = out + p
    return out if parts else Markdown("")


# ----------------------------------------------------------------------------- chapter 2 pieces
def _line_chart(table: pd.DataFrame, labels: dict[str, str], *, title: str, unit: str):
    """Lines told apart by colour, line style and marker (index = year)."""
    import matplotlib.pyplot as plt

    from sufficiency.publishing.charts import OKABE_ITO, _style

    _style()
    styles = [(OKABE_ITO["blue"], "-", "o"), (OKABE_ITO["vermillion"], "--", "s"), (OKABE_ITO["green"], ":", "^"),
              (OKABE_ITO["black"], "-.", "D")]
    fig, ax = plt.subplots()
    years = table.index.astype(int)
    for (column, label), (colour, style, marker) in zip(labels.items(), styles):
        ax.plot(years, table[column], color=colour, linestyle=style, marker=marker, markersize=3.5,
                linewidth=2, label=label)
    ax.set_title(title, loc="left", fontsize=11)
    ax.set_ylabel(unit)
    ax.set_ylim(bottom=0)
    ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.legend(frameon=False, fontsize=8, loc="lower right")
    fig.tight_layout()
    return fig


def national_numbers(page, year: int):
    """Chapter 2: England's children looked after, starters and ceased since 1994, with the rate."""
    from sufficiency.publishing.words import describe_change
    from sufficiency.publishing.pages import prose

    series = national_time_series(year)
    wide = series.pivot(index="year", columns="measure", values="value")
    latest = int(wide["cla_31_march"].dropna().index.max())
    rate = england_rate(year).set_index("year")["value"]
    first = int(wide["cla_31_march"].dropna().index.min())
    text = (f"On 31 March {latest}, {fmt_number(wide.at[latest, 'cla_31_march'])} children were looked after "
            f"in England")
    if latest in rate.index:
        text += f", {fmt_number(rate[latest])} in every 10,000 children"
    text += (f". The number {describe_change(wide['cla_31_march'].to_dict(), 'children')}. During the year to "
             f"31 March {latest}, {fmt_number(wide.at[latest, 'starters'])} children started to be looked after and "
             f"{fmt_number(wide.at[latest, 'ceased'])} ceased to be.")
    if len(rate) >= 2:
        text += f" The rate per 10,000 children {describe_change(rate.to_dict(), 'per 10,000 children')}."
    labels = {"cla_31_march": "Looked after on 31 March", "starters": "Started during the year",
              "ceased": "Ceased during the year"}
    fig = _line_chart(wide[list(labels)], labels, title=f"Children looked after in England, {first} to {latest}",
                      unit="children")
    data = pd.DataFrame({"Year": wide.index.astype(int),
                         **{label: [fmt_number(v) for v in wide[c]] for c, label in labels.items()}})
    alt = (f"Line chart of children looked after in England on 31 March, and children starting and ceasing to be "
           f"looked after each year, {first} to {latest}. Looked after on 31 March "
           f"{describe_change(wide['cla_31_march'].to_dict(), 'children')}.")
    # One entry per publication (the releases are many and add nothing for readers here).
    sources = "; ".join(sorted({re.sub(r"\s*\((?:R\d{4}|SFR[^)]*|LAIT[^)]*)\)$", "", s) for s in series["source"]}))
    sources += f" (the 2024 national time series for 1994–2009; the newest release for each later year)"
    return prose(text) + page.figure(fig, name="england-cla", alt=alt, source=sources, data=data,
                                     caption=f"Children looked after in England, {first} to {latest}.")


def england_breakdown_table(page, measure: str, year: int, *, name: str, caption: str, first_year: int | None = None):
    """A table of England's shares (%) of a breakdown for each year 2020 onwards (CSC dashboard)."""
    frame = publicdata.cla_characteristics(year, [measure])
    rows = frame[(frame["level"] == "england") & (frame["unit"] == "%") & (frame["breakdown"] != "")]
    if first_year:
        rows = rows[rows["year"] >= first_year]
    wide = rows.pivot(index="breakdown", columns="year", values="value")
    wide = wide.loc[wide.max(axis=1).fillna(0) > 0]
    out = pd.DataFrame({"Category": [re.sub(r"^\d+\. ", "", b) for b in wide.index]})
    for y in wide.columns:
        out[str(int(y))] = [_fmt(v, 0, None, "%") for v in wide[y]]
    return page.table(out, name=name, caption=caption, source=breakdown_source(frame, measure, int(rows["year"].max()))
                      ), wide


def england_share_sentence(wide: pd.DataFrame, category: str, what: str) -> str:
    """'The share of … was 70% in 2020 and 67% in 2025.' from an England breakdown table."""
    if category not in wide.index:
        return ""
    row = wide.loc[category].dropna()
    if row.empty:
        return ""
    y0, y1 = int(row.index.min()), int(row.index.max())
    return (f"{what[0].upper() + what[1:]}: {fmt_number(row[y0])}% in {y0}"
            + (f" and {fmt_number(row[y1])}% in {y1}." if y1 != y0 else "."))


def private_provision(page, year: int):
    """Chapter 2: how much of England's children's home places and foster placements private
    providers supply (Ofsted places; DfE placements)."""
    from sufficiency.publishing.pages import Markdown, prose

    homes = private_share_of_homes(year).dropna(subset=["places_private_pct"])
    parts = []
    if len(homes):
        first, last = homes.iloc[0], homes.iloc[-1]
        parts.append(prose(
            f"On 31 March {int(last['year'])}, Ofsted listed {fmt_number(last['homes'])} children's homes in England "
            f"with {fmt_number(last['places'])} places; private providers ran {fmt_number(last['homes_private_pct'])}% "
            f"of the homes and {fmt_number(last['places_private_pct'])}% of the places, against "
            f"{fmt_number(first['places_private_pct'])}% of the places in {int(first['year'])}. These counts are of registered homes, including homes that offer only short breaks."))
        table = homes.set_index("year")
        labels = {"places_private_pct": "Places run by private providers",
                  "homes_private_pct": "Homes run by private providers"}
        fig = _line_chart(table[list(labels)], labels, title="Children's homes in England run by private providers",
                          unit="per cent")
        data = pd.DataFrame({"Year": table.index.astype(int), "Homes": [fmt_number(v) for v in table["homes"]],
                             "Places": [fmt_number(v) for v in table["places"]],
                             "Private share of homes": [_fmt(v, 0, None, "%") for v in table["homes_private_pct"]],
                             "Private share of places": [_fmt(v, 0, None, "%") for v in table["places_private_pct"]]})
        alt = (f"Line chart of the share of children's homes and of their places in England run by private "
               f"providers, {int(first['year'])} to {int(last['year'])}. The share of places rose from "
               f"{fmt_number(first['places_private_pct'])}% to {fmt_number(last['places_private_pct'])}%.")
        parts.append(page.figure(fig, name="private-homes", alt=alt, data=data, source=SOURCE_OFSTED,
                                 caption="Share of England's children's homes and places run by private providers."))
    else:
        parts.append(prose(f"No Ofsted count of children's home places is available up to {year}."))
    foster = foster_by_provider(year)
    private = foster[foster["provider"] == "Private provision"]
    if len(private):
        last = private.iloc[-1]
        parts.append(prose(
            f"In fostering, {fmt_number(last['percent'])}% of the children in foster placements in England on "
            f"31 March {int(last['year'])} were placed with private providers (independent fostering agencies), "
            f"against {fmt_number(private.iloc[0]['percent'])}% in {int(private.iloc[0]['year'])} (DfE's national "
            f"tables, 2024 release; the breakdown of foster placements by provider is not yet published beyond "
            f"{int(foster['year'].max())} in the data this book holds)."))
    out = parts[0]
    for p in parts[1:]:
        out = out + p
    return out


# ----------------------------------------------------------------------------- chapter 3 pieces
def population_section(page, council: str | Council, year: int):
    """Chapter 3: the council's children aged 0 to 17 over time (ONS), with England's change."""
    from sufficiency.publishing.words import describe_change
    from sufficiency.data.population import POPULATION_FILE, child_population
    from sufficiency.publishing.pages import escape, prose

    council = resolve_council(council)
    local = child_population(council, year)
    england = child_population(None, year)
    name = escape(council.name)
    known = local.dropna(subset=["children"])
    if known.empty:
        return prose(f"ONS publishes no estimate of the child population for {name} up to {year} in the data "
                     f"this book holds.")
    last = known.iloc[-1]
    text = (f"ONS estimated that {fmt_number(last['children'])} children aged 0 to 17 lived in {name} in mid-"
            f"{int(last['mid_year'])}, the estimate DfE uses for its rates for the year to 31 March {int(last['year'])}. "
            f"Between mid-{int(known.iloc[0]['mid_year'])} and mid-{int(last['mid_year'])} the number "
            f"{describe_change(dict(zip(known['mid_year'], known['children'])), 'children')}")
    eng = england.set_index("mid_year")["children"]
    y0, y1 = int(known.iloc[0]["mid_year"]), int(last["mid_year"])
    if y0 in eng.index and y1 in eng.index:
        change = (eng[y1] - eng[y0]) / eng[y0] * 100
        text += f"; England's child population changed by {'+' if change >= 0 else '−'}{fmt_number(abs(change), 1)}% over the same years"
    text += "."
    gaps = local[local["children"].isna()]
    if len(gaps):
        text += (f" No estimate is shown for {', '.join(f'mid-{int(y)}' for y in gaps['mid_year'])}"
                 f" (symbol {', '.join(sorted(set(m for m in gaps['marker'] if m)) or ['none'])}).")
    first_year = int(known.iloc[0]["mid_year"])
    if first_year > 2012:
        text += (f" Estimates for {name} start in mid-{first_year}: the council did not exist in its present form "
                 f"before then.")
    table = pd.DataFrame({"mid_year": known["mid_year"].astype(int), "children": known["children"]}).set_index("mid_year")
    fig = _line_chart(table, {"children": f"{council.name}: children aged 0 to 17"},
                      title=f"Children aged 0 to 17 in {council.name}", unit="children")
    data = pd.DataFrame({"Mid-year": table.index, "Children aged 0 to 17": [fmt_number(v) for v in table["children"]]})
    alt = (f"Line chart of the estimated number of children aged 0 to 17 in {council.name}, mid-{y0} to mid-{y1}: "
           f"{fmt_number(known.iloc[0]['children'])} to {fmt_number(last['children'])}.")
    return prose(text) + page.figure(fig, name="child-population", alt=alt, data=data,
                                     caption=f"Children aged 0 to 17 in {council.name}, ONS mid-year estimates.",
                                     source="ONS mid-year population estimates (as prepared by DfE, "
                                            f"{POPULATION_FILE.name})")


def ethnicity_section(page, council: str | Council, year: int):
    """Chapter 3: children looked after by ethnic group against the council's residents
    (Census 2021, all ages), with England's figures beside them."""
    import matplotlib.pyplot as plt

    from sufficiency.publishing.charts import OKABE_ITO, _style
    from sufficiency.publishing.words import marker_note
    from sufficiency.publishing.pages import escape, prose

    council = resolve_council(council)
    name = escape(council.name)
    table = ethnicity_against_population(council, year)
    if table["residents_pct"].isna().all():
        return prose(f"The 2021 Census ethnic group figures are not available for {name} for {year}"
                     + (" (the Census took place in March 2021)." if year < 2021 else "."))
    chars_year = year
    _style()
    fig, ax = plt.subplots(figsize=(7.5, 3.6))
    pos = np.arange(len(table))
    h = 0.38
    ax.barh(pos - h / 2, table["cla_pct"].fillna(0), height=h, color=OKABE_ITO["blue"],
            label=f"Children looked after, {chars_year}")
    ax.barh(pos + h / 2, table["residents_pct"], height=h, color="white", edgecolor=OKABE_ITO["orange"],
            hatch="///", label="All residents, Census 2021")
    for p, v, m in zip(pos, table["cla_pct"], table["cla_marker"]):
        ax.text((0 if pd.isna(v) else v) + 0.5, p - h / 2, m if m else fmt_number(v) + "%", va="center", fontsize=8)
    for p, v in zip(pos, table["residents_pct"]):
        ax.text(v + 0.5, p + h / 2, fmt_number(v) + "%", va="center", fontsize=8)
    ax.set_yticks(pos)
    ax.set_yticklabels(table["short"])
    ax.invert_yaxis()
    ax.set_xlabel("per cent")
    ax.set_title(f"Ethnicity: children looked after and all residents, {council.name}", loc="left", fontsize=11)
    ax.grid(axis="y", visible=False)
    ax.legend(frameon=False, fontsize=8, loc="lower right")
    fig.tight_layout()
    data = pd.DataFrame({
        "Ethnic group": table["group"],
        f"Children looked after {chars_year}": [fmt_number(v, 0, m) + ("" if m or pd.isna(v) else "%")
                                                for v, m in zip(table["cla_pct"], table["cla_marker"])],
        "All residents, Census 2021": [_fmt(v, 0, None, "%") for v in table["residents_pct"]],
        f"England: children looked after {chars_year}": [_fmt(v, 0, None, "%") for v in table["england_cla_pct"]],
        "England: all residents, Census 2021": [_fmt(v, 0, None, "%") for v in table["england_residents_pct"]],
    })
    diff = (table["cla_pct"].map(round_half_up) - table["residents_pct"].map(round_half_up))
    text = (f"The chart compares the ethnicity of children looked after by {name} on 31 March {chars_year} (DfE) "
            f"with that of everyone living in {name} at the 2021 Census. The Census figures cover residents of "
            f"all ages, not only children, because that is the table ONS publishes for every council; children "
            f"are, on the whole, more ethnically diverse than adults, so the comparison overstates any gap for "
            f"minority groups.")
    if diff.notna().any():
        i = diff.abs().idxmax()
        r = table.loc[i]
        text += (f" The largest difference is for the {escape(r['short'])} group: {fmt_number(r['cla_pct'])}% of "
                 f"children looked after against {fmt_number(r['residents_pct'])}% of residents.")
    if table["cla_marker"].notna().any() or table["cla_pct"].isna().all():
        text += " Some groups are suppressed by DfE because the numbers are small. " + marker_note(table["cla_marker"])
    alt = (f"Bar chart comparing the ethnic groups of children looked after by {council.name} in {chars_year} with "
           f"all residents at the 2021 Census.")
    if diff.notna().any():
        alt += (f" {table.loc[diff.abs().idxmax(), 'short']}: {fmt_number(table.loc[diff.abs().idxmax(), 'cla_pct'])}% "
                f"of children looked after, {fmt_number(table.loc[diff.abs().idxmax(), 'residents_pct'])}% of residents.")
    return prose(text) + page.figure(fig, name="ethnicity", alt=alt, data=data,
                                     caption=f"Ethnicity of children looked after ({chars_year}) and of all residents "
                                             f"(Census 2021), {council.name}.",
                                     source="DfE, Children's social care dashboard data (children looked after by "
                                            "ethnicity); ONS, Census 2021, ethnic group (TS021), all usual residents")


def snapshot_section(page, council: str | Council, year: int, model: str = "2025"):
    """Chapter 3: the snapshot table with its notes on gaps."""
    from sufficiency.publishing.pages import escape, prose

    council = resolve_council(council)
    snap = snapshot(council, year, model)
    table = snapshot_table(snap, council)
    names = ", ".join(n.name for n in statistical_neighbours(council, model))
    text = (f"The table sets out {escape(council.name)}'s headline figures for {year} beside England and the average "
            f"of its statistical neighbours ({escape(names)}). “Better” and “worse” mark the direction that is "
            f"better for children where DfE names one; quartile band A is the best quarter of councils (or the "
            f"highest values where no direction is named).")
    gaps = snapshot_gaps(snap, year)
    if gaps:
        text += " Gaps: " + " ".join(escape(g) for g in gaps)
    return prose(text) + page.table(table, name="snapshot", caption=f"Snapshot of {council.name}'s children looked "
                                    f"after, {year}", source="DfE, Children looked after in England including adoptions; "
                                    "DfE, Children's social care dashboard data; DfE, LAIT")
