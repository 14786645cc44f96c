"""Tidy loaders for the published data in ``data/raw``.

Every loader returns one long table with the same columns (:data:`TIDY_COLUMNS`):

``la_code``      DfE three-digit LA number ('209'); None for England and regions
``la_name``      council name, or 'England' / the region's name
``level``        'local authority', 'region' or 'england'
``region_code``  ONS region (E12…, or E13… for DfE's Inner/Outer London rows); None for England
``region_name``
``year``         int, reporting year ending 31 March
``measure``      snake_case id, e.g. 'cla_31_march'
``breakdown``    '' for totals, else the category (e.g. 'Foster placements')
``value``        float; NaN when the publication shows a marker
``marker``       the DfE marker ('c', 'z', 'x', 'k', 'low', '..', '-') or None
``unit``         'children', 'per 10,000 children', '%', '£ per week'…
``source``       short source id ('ees_cla', 'lait', 'sfr_cla')
``release``      the release a figure came from ('R2025', 'LAIT 2026-04', 'SFR50/2017')

Every loader takes ``year_max`` and drops rows after it, so an edition for year
Y never shows later data. Where several releases cover a year, the newest wins.

>>> frame = cla_headline(2025)
>>> lewisham = frame[(frame.la_code == "209") & (frame.measure == "cla_31_march")
...                  & (frame.unit == "children") & (frame.year >= 2019)]
>>> lewisham.value.astype(int).tolist()
[484, 473, 468, 462, 433, 453, 439]
"""
from __future__ import annotations

import math
import re
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from sufficiency.core import files
from sufficiency.data.councils import LONDON_SUBREGIONS, REGIONS, _councils_by_code, resolve_council, statistical_neighbours
from sufficiency.core.errors import InputError
from sufficiency.core.markers import invalid_cells, parse_series
from sufficiency.core.paths import DATA_RAW

TIDY_COLUMNS = ["la_code", "la_name", "level", "region_code", "region_name", "year", "measure",
                "breakdown", "value", "marker", "unit", "source", "release"]

EES = DATA_RAW / "cla_dfe_ees"
DASHBOARD = DATA_RAW / "cla_dfe_csc_dashboard"
SFR = DATA_RAW / "cla_sfr_underlying_2010_2017"
LAIT_LONG = DATA_RAW / "lait" / "lait_bds_long.csv.gz"
LAIT_DICTIONARY = DATA_RAW / "lait" / "lait_data_dictionary.csv"
LAIT_RELEASE = "LAIT 2026-04"   # snapshot of the LAIT repository (commit 2e30e39, 8 April 2026)

PER_10K = "per 10,000 children"
ENGLAND = "E92000001"
LEVELS = {"Local authority": "local authority", "Regional": "region", "National": "england"}

# Region names as spelt by LAIT and the SFR tables → ONS code.
_REGION_BY_NAME = {name.casefold(): code for code, name in REGIONS.items()}
_REGION_BY_NAME.update({name.casefold(): code for code, name in LONDON_SUBREGIONS.items()})
_REGION_BY_NAME.update({"london (inner)": "E13000001", "london (outer)": "E13000002",
                        "yorkshire and the humber": "E12000003", "east of england": "E12000006",
                        "eastern": "E12000006"})
_ALL_REGION_NAMES = {**REGIONS, **LONDON_SUBREGIONS}


# ----------------------------------------------------------------------------- helpers
def empty_frame() -> pd.DataFrame:
    """A tidy frame with no rows (the right columns and types)."""
    return pd.DataFrame({c: pd.Series(dtype="int64" if c == "year" else float if c == "value" else object)
                         for c in TIDY_COLUMNS})


def _filter_years(frame: pd.DataFrame, year_max: int | None) -> pd.DataFrame:
    if year_max is not None:
        frame = frame[frame["year"] <= int(year_max)]
    return frame.reset_index(drop=True)


def _values(frame: pd.DataFrame, column: str, path: Path) -> tuple[pd.Series, pd.Series]:
    """Parse a value column into (values, markers); a bad cell becomes an InputError."""
    bad = invalid_cells(frame[column])
    if bad.any():
        label = bad.idxmax()
        row = frame.index.get_loc(label) + 2  # +1 for the header, +1 because rows count from one
        raise InputError(path, f"row {row}, column '{column}'", repr(str(frame.loc[label, column]).strip()),
                         "a number or a DfE marker (c, z, x, k, low, u, .., -)")
    return parse_series(frame[column])


def _region_lookup(code: str | None) -> tuple[str | None, str | None]:
    """(ONS region code, name) for a council's region column, with London kept whole."""
    if code in LONDON_SUBREGIONS:
        return "E12000007", "London"
    return code, REGIONS.get(code) if code else None


def _ees_geography(frame: pd.DataFrame) -> pd.DataFrame:
    """The tidy geography columns from an EES table's standard columns."""
    level = frame["geographic_level"].map(LEVELS)
    if level.isna().any():
        bad = frame.loc[level.isna(), "geographic_level"].iloc[0]
        raise ValueError(f"unknown geographic_level {bad!r}")
    is_la = level == "local authority"
    is_region = level == "region"
    out = pd.DataFrame(index=frame.index)
    out["la_code"] = frame["old_la_code"].where(is_la, None)
    out["la_name"] = np.where(is_la, frame["la_name"],
                              np.where(is_region, frame["region_name"], "England"))
    out["level"] = level
    # Some extracts leave the region blank on council rows: take it from the council list.
    councils = _councils_by_code()
    la_region = frame["region_code"].where(
        frame["region_code"].fillna("").str.strip() != "",
        _map_unique(frame["old_la_code"], lambda c: councils[c].region_code if c in councils else None))
    out["region_code"] = np.where(is_la, _map_unique(la_region, lambda c: _region_lookup(c)[0]),
                                  np.where(is_region, frame["region_code"], None))
    out["region_name"] = np.where(is_la, _map_unique(la_region, lambda c: _region_lookup(c)[1]),
                                  np.where(is_region, frame["region_name"], None))
    out["la_code"] = out["la_code"].astype(object).where(out["la_code"].notna(), None)
    for column in ("region_code", "region_name"):
        out[column] = out[column].astype(object).where(pd.notna(out[column]), None)
    return out


def _map_unique(values: pd.Series, function) -> pd.Series:
    """``values.map(function)``, calling the function once per distinct value (much faster)."""
    lookup = {value: function(value) for value in values.dropna().unique()}
    return values.map(lookup)


def _area_key(frame: pd.DataFrame) -> pd.Series:
    """One identifier per area: the LA number, the region code, or England's code."""
    return frame["la_code"].where(frame["level"] == "local authority",
                                  frame["region_code"].where(frame["level"] == "region", ENGLAND))


def newest_wins(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Stack tidy frames given newest source first; keep the first row per area-year-measure.

    The key is area, year, measure, breakdown and unit. A marked value (NaN) from
    a newer release still wins: the newer publication's choice to suppress stands.
    """
    stacked = pd.concat([f for f in frames if len(f)], ignore_index=True)
    if stacked.empty:
        return empty_frame()
    key = _area_key(stacked)
    stacked = stacked.assign(_area=key)
    stacked = stacked.drop_duplicates(["_area", "year", "measure", "breakdown", "unit"], keep="first")
    return stacked.drop(columns="_area")


def _finish(frame: pd.DataFrame, year_max: int | None) -> pd.DataFrame:
    frame = frame[TIDY_COLUMNS].copy()
    frame["year"] = frame["year"].astype("int64")
    frame["value"] = frame["value"].astype(float)
    frame["marker"] = frame["marker"].astype(object).where(frame["marker"].notna(), None)
    level_order = frame["level"].map({"england": 0, "region": 1, "local authority": 2})
    frame = frame.assign(_lvl=level_order).sort_values(
        ["measure", "unit", "breakdown", "_lvl", "region_code", "la_code", "year"], na_position="first"
    ).drop(columns="_lvl")
    return _filter_years(frame, year_max)


# ----------------------------------------------------------------------------- raw readers (cached)
@lru_cache(maxsize=None)
def _read(path: Path) -> pd.DataFrame:
    """Read a raw CSV once per process (every column as text)."""
    return files.read_csv(path)


def _read_cached(path: Path) -> pd.DataFrame:
    files.record_read(path)  # record the dependency even when the parse is cached
    return _read(path).copy()


@lru_cache(maxsize=1)
@files.disk_cached("publicdata._lait_long")
def _lait_long() -> pd.DataFrame:
    return files.read_csv(LAIT_LONG, required_columns=["measure_short", "data_item", "years", "area_name",
                                                   "value", "la_number", "region"])


@lru_cache(maxsize=1)
def _lait_by_measure() -> dict[str, pd.DataFrame]:
    """The LAIT long file split by measure code once, so each measure is a quick look-up."""
    return {code: rows for code, rows in _lait_long().groupby("measure_short", sort=False)}


@lru_cache(maxsize=1)
def lait_dictionary() -> pd.DataFrame:
    """The LAIT data dictionary (one row per measure_short, first entry kept)."""
    frame = files.read_csv(LAIT_DICTIONARY, required_columns=["Measure_short", "Measure", "Polarity"])
    frame["Measure_short"] = frame["Measure_short"].str.strip()
    return frame.drop_duplicates("Measure_short").set_index("Measure_short")


# ----------------------------------------------------------------------------- LAIT
_LAIT_YEAR = re.compile(r"^(\d{4})(?:[-/](\d{2}))?(?:\s*\((OT|Rev|Final|prov)\))?$", re.IGNORECASE)


def lait_year(text: str) -> int | None:
    """The reporting year (ending 31 March) of a LAIT ``years`` string.

    Financial or academic years count as the year they end in; multi-year
    windows ('2014-16', '2013/14-15/16') are not single years and give None.

    >>> lait_year("2024"), lait_year("2023-24 (OT)"), lait_year("2022/23"), lait_year("2025 (Rev)")
    (2024, 2024, 2023, 2025)
    >>> lait_year("2014-16") is None, lait_year("2013/14-15/16") is None
    (True, True)
    """
    match = _LAIT_YEAR.match(str(text).strip())
    if not match:
        return None
    start, end = match.group(1), match.group(2)
    if end is None:
        return int(start)
    if int(end) != (int(start[2:]) + 1) % 100:   # '2014-16' is a three-year window
        return None
    return int(start) + 1


def lait_measure(measure_short: str, year_max: int | None = None, *, measure: str | None = None,
                 unit: str | None = None) -> pd.DataFrame:
    """One LAIT measure as a tidy frame (``source='lait'``).

    ``measure`` names the tidy measure id (default: the LAIT code in snake case);
    ``unit`` defaults to the dictionary's y-axis name. Rows whose year string is a
    multi-year window are dropped.
    """
    return _filter_years(_lait_measure_all(measure_short, measure, unit), year_max).copy()


@lru_cache(maxsize=64)
def _lait_measure_all(measure_short: str, measure: str | None, unit: str | None) -> pd.DataFrame:
    files.record_read(LAIT_LONG)
    rows = _lait_by_measure().get(measure_short)
    if rows is None:
        raise InputError(LAIT_LONG, "column 'measure_short'", repr(measure_short),
                         "a measure code listed in lait/lait_data_dictionary.csv")
    rows = rows.copy()
    rows["year"] = rows["years"].map(lait_year)
    rows = rows[rows["year"].notna()]
    # Several year strings can map to one year ('2024' and '2024 (Rev)'): keep revised/final.
    rows["_rank"] = rows["years"].str.contains(r"\((?:Rev|Final|OT)\)", case=False).astype(int)
    rows = rows.sort_values("_rank", ascending=False).drop_duplicates(["la_number", "year"])
    value, marker = _values(rows, "value", LAIT_LONG)
    councils = _councils_by_code()
    number = rows["la_number"].astype(int)
    is_la = number < 970
    is_england = number == 970
    out = pd.DataFrame(index=rows.index)
    out["la_code"] = rows["la_number"].where(is_la, None)
    out["level"] = np.where(is_la, "local authority", np.where(is_england, "england", "region"))
    region_of_la = rows["la_number"].map(lambda c: councils[c].region_code if c in councils else None)
    region_of_area = rows["area_name"].str.strip().str.casefold().map(_REGION_BY_NAME)
    out["region_code"] = np.where(is_la, region_of_la, np.where(is_england, None, region_of_area))
    out["la_name"] = np.where(is_la, rows["la_number"].map(lambda c: councils[c].name if c in councils else None)
                              .fillna(rows["area_name"]),
                              np.where(is_england, "England", out["region_code"].map(_ALL_REGION_NAMES)))
    out["region_name"] = out["region_code"].map(lambda c: _ALL_REGION_NAMES.get(c) if c else None)
    out = out[(out["level"] != "region") | out["region_code"].notna()]  # e.g. 'England (discontinued)'
    out["year"] = rows["year"].astype(int)
    out["measure"] = measure or _snake(measure_short)
    out["breakdown"] = ""
    out["value"] = value
    out["marker"] = marker
    if unit is None:
        dictionary = lait_dictionary()
        unit = str(dictionary.loc[measure_short, "y_axis_name"]) if measure_short in dictionary.index else ""
    out["unit"] = unit
    out["source"] = "lait"
    out["release"] = LAIT_RELEASE
    for column in ("la_code", "region_code", "region_name"):
        out[column] = out[column].astype(object).where(pd.notna(out[column]), None)
    return _finish(out, None)


def _snake(text: str) -> str:
    """snake_case id from a code or label.

    >>> _snake("LACStable_2016on"), _snake("LAC_LongStable%")
    ('lacstable_2016on', 'lac_longstable_pct')
    """
    text = text.replace("%", "_pct").replace("&", "_and_")
    return re.sub(r"[^a-z0-9]+", "_", text.casefold()).strip("_")


def lait_polarity(measure_short: str) -> str | None:
    """'High' or 'Low' (which direction is better), or None when LAIT gives none."""
    dictionary = lait_dictionary()
    if measure_short not in dictionary.index:
        return None
    polarity = str(dictionary.loc[measure_short, "Polarity"]).strip().capitalize()
    return polarity if polarity in ("High", "Low") else None


# ----------------------------------------------------------------------------- SFR 2010–2017
_SFR_HEADLINE = {  # tidy measure → how its column name starts in each year's file
    "cla_31_march": ("CLA|March", ("MarTotal", "CLA_Mar")),
    "starters": ("ADM|Started", ("StartTotal", "CLA_started")),
    "ceased": ("CEA|Ceased", ("CeasedTotal", "CLA_cease")),
}


#: The statistical first release each year's underlying data belong to.
SFR_RELEASES = {2010: "SFR27/2010", 2011: "SFR21/2011", 2012: "SFR20/2012", 2013: "SFR36/2013",
                2014: "SFR36/2014", 2015: "SFR34/2015", 2016: "SFR41/2016", 2017: "SFR50/2017"}


def _sfr_file(year: int, pattern: str) -> Path | None:
    folder = SFR / str(year)
    for path in sorted(folder.glob("*.csv")):
        stem = path.stem
        if re.search(rf"_({pattern})(\d{{4}})?$|_{year}_({pattern})$", stem, re.IGNORECASE) \
                or re.search(rf"_({pattern})\d{{4}}$", stem):
            return path
    return None


@lru_cache(maxsize=None)
def _read_sfr(path: Path) -> pd.DataFrame:
    """SFR files are partly Windows-1252; fall back to Latin-1 when UTF-8 fails."""
    try:
        return files.read_csv(path)
    except InputError as error:
        if "UTF-8" not in str(error):
            raise
        return _read_latin1(path)


def _read_latin1(path: Path) -> pd.DataFrame:
    files.record_read(path)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="latin-1")
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame


def _sfr_geography(frame: pd.DataFrame) -> pd.DataFrame:
    level_text = frame["geog_l"].str.strip().str.upper()
    level = level_text.map({"NATIONAL": "england", "REGION": "region", "GOR": "region", "LA": "local authority"})
    councils = _councils_by_code()
    names = frame["geog_n"].str.strip()
    out = pd.DataFrame(index=frame.index)
    out["level"] = level
    is_la = level == "local authority"
    out["la_code"] = frame["geog_c"].str.strip().where(is_la, None)
    region_from_name = names.str.casefold().map(_REGION_BY_NAME)
    region_of_la = out["la_code"].map(lambda c: councils[c].region_code if c in councils else None)
    out["region_code"] = np.where(is_la, region_of_la, np.where(level == "region", region_from_name, None))
    out["la_name"] = np.where(is_la, out["la_code"].map(lambda c: councils[c].name if c in councils else None)
                              .fillna(names),
                              np.where(level == "region", out["region_code"].map(_ALL_REGION_NAMES), "England"))
    out["region_name"] = out["region_code"].map(lambda c: _ALL_REGION_NAMES.get(c) if c else None)
    out = out[level.notna()]
    for column in ("la_code", "region_code", "region_name"):
        out[column] = out[column].astype(object).where(pd.notna(out[column]), None)
    return out


def sfr_headline(year_max: int | None = None) -> pd.DataFrame:
    """CLA at 31 March, starters and ceased (counts) from the 2010–2017 SFR tables."""
    frames = []
    for year in range(2010, 2018):
        for measure, (pattern, prefixes) in _SFR_HEADLINE.items():
            path = _sfr_file(year, pattern)
            if path is None:
                continue
            raw = _read_sfr(path)
            files.record_read(path)
            column = next((c for c in raw.columns if c.startswith(prefixes)), None)
            if column is None:
                raise InputError(path, "header row", f"columns {list(raw.columns)[:8]}…",
                                 f"a column starting {' or '.join(prefixes)}")
            geography = _sfr_geography(raw)
            rows = raw.loc[geography.index]
            value, marker = _values(rows, column, path)
            tidy = geography.assign(year=year, measure=measure, breakdown="", value=value, marker=marker,
                                    unit="children", source="sfr_cla",
                                    release=SFR_RELEASES[year])
            frames.append(tidy)
    return _finish(pd.concat(frames, ignore_index=True), year_max) if frames else empty_frame()


# ----------------------------------------------------------------------------- EES headline
HEADLINE_MEASURES = {
    "children looked after at 31 march each year": "cla_31_march",
    "children looked after on 31 march each year": "cla_31_march",
    "children starting to be looked after each year": "starters",
    "children ceasing to be looked after each year": "ceased",
}

RATE_FILE = EES / "cla_number_and_rate_per_10k_children.csv"


def ees_headline(year_max: int | None = None) -> pd.DataFrame:
    """CLA at 31 March, starters and ceased, counts and rates, plus the 0–17 population (EES, 2019+)."""
    raw = _read_cached(RATE_FILE)
    for column in ("population_type", "population_estimate", "children_count", "rate_per_10000",
                   "source_release", "time_period", "geographic_level"):
        if column not in raw.columns:
            raise InputError(RATE_FILE, "header row", f"columns {list(raw.columns)}", f"a column '{column}'")
    measure = raw["population_type"].str.strip().str.casefold().map(HEADLINE_MEASURES)
    if measure.isna().any():
        label = measure.isna().idxmax()
        raise InputError(RATE_FILE, f"row {label + 2}, column 'population_type'",
                         repr(raw.loc[label, "population_type"]), f"one of {sorted(set(HEADLINE_MEASURES))}")
    geography = _ees_geography(raw)
    base = geography.assign(year=raw["time_period"].astype(int), breakdown="", source="ees_cla",
                            release=raw["source_release"], measure=measure)
    frames = []
    for column, unit in (("children_count", "children"), ("rate_per_10000", PER_10K)):
        value, marker = _values(raw, column, RATE_FILE)
        frames.append(base.assign(value=value, marker=marker, unit=unit))
    value, marker = _values(raw, "population_estimate", RATE_FILE)
    population = base.assign(value=value, marker=marker, unit="children", measure="population_0_17")
    frames.append(population.drop_duplicates(["la_code", "la_name", "year"]))
    return _finish(pd.concat(frames, ignore_index=True), year_max)


def cla_headline(year_max: int | None = None) -> pd.DataFrame:
    """Children looked after at 31 March, starters and ceased: counts and rates per 10,000.

    Measures ``cla_31_march``, ``starters``, ``ceased`` (units 'children' and
    'per 10,000 children') and ``population_0_17`` (the ONS mid-year estimate of
    the year before, used for the rate). 2019+ from the EES tables (newest
    release per year), 2016–2018 from the LAIT, 2010–2015 counts from the SFR
    tables. ``source`` and ``release`` say which publication each row is from.
    """
    files.record_read(RATE_FILE)
    files.record_read(LAIT_LONG)
    return _filter_years(_cla_headline_all(), year_max).copy()


@lru_cache(maxsize=1)
@files.disk_cached("publicdata._cla_headline_all")
def _cla_headline_all() -> pd.DataFrame:
    year_max = None
    frames = [ees_headline(year_max)]
    for code, measure, unit in (("LACnum", "cla_31_march", "children"), ("LAC", "cla_31_march", PER_10K),
                                ("LACnum_Start", "starters", "children"), ("LAC_Start_Rate", "starters", PER_10K),
                                ("LACceased", "ceased", "children")):
        frames.append(lait_measure(code, year_max, measure=measure, unit=unit))
    frames.append(sfr_headline(year_max))
    return _finish(newest_wins(frames), year_max)


# ----------------------------------------------------------------------------- comparisons
def _select(frame: pd.DataFrame, measure: str, unit: str | None, breakdown: str = "") -> pd.DataFrame:
    rows = frame[(frame["measure"] == measure) & (frame["breakdown"] == breakdown)]
    if unit is not None:
        rows = rows[rows["unit"] == unit]
    if rows.empty:
        raise InputError("measure", None, f"{measure!r} in unit {unit!r}",
                         f"one of {sorted(frame['measure'].unique())}")
    return rows


def quartile_bands(values: pd.Series, polarity: str | None) -> pd.Series:
    """LAIT-style quartile band per council: A is the best quarter, D the worst.

    With polarity 'High' (higher is better) the highest values get A; with 'Low'
    the lowest get A; with no polarity A is simply the highest values. Councils
    are ranked (ties share the lower rank) and split into quarters of the councils
    that have a value; NaN stays unbanded.

    >>> quartile_bands(pd.Series([1, 2, 3, 4, 5, 6, 7, 8.0]), "Low").tolist()
    ['A', 'A', 'B', 'B', 'C', 'C', 'D', 'D']
    """
    known = values.dropna()
    bands = pd.Series(None, index=values.index, dtype=object)
    if known.empty:
        return bands
    ascending = polarity == "Low"
    rank = known.rank(method="min", ascending=ascending)
    quarter = np.ceil(rank / len(known) * 4).clip(1, 4).astype(int)
    bands.loc[known.index] = quarter.map({1: "A", 2: "B", 3: "C", 4: "D"})
    return bands.astype(object).where(bands.notna(), None)


def comparators(frame: pd.DataFrame, council, measure: str, unit: str | None = None, *,
                breakdown: str = "", model: str = "2025", polarity: str | None = "lait",
                lait_code: str | None = None) -> pd.DataFrame:
    """Per year: the council, England, its region, and its statistical neighbours.

    Columns: year, council, england, region, neighbours_mean, neighbours_min,
    neighbours_max, neighbours_n (how many neighbours had a value), council_marker,
    rank (1 = best, or highest when there is no polarity), councils_ranked, quartile
    (A–D as in LAIT). The neighbours' mean is a simple mean of their published
    values (as LAIT does), not weighted by population.

    ``polarity`` is 'High', 'Low', None, or 'lait' to take it from the LAIT
    dictionary for ``lait_code`` (the LAIT code of the same measure, when known).
    """
    council = resolve_council(council)
    rows = _select(frame, measure, unit, breakdown)
    if polarity == "lait":
        polarity = lait_polarity(lait_code) if lait_code else LAIT_POLARITY.get(measure)
    las = rows[rows["level"] == "local authority"]
    wide = las.pivot_table(index="year", columns="la_code", values="value", aggfunc="first", dropna=False)
    years = sorted(rows["year"].unique())
    wide = wide.reindex(years)
    neighbours = [n.code for n in statistical_neighbours(council, model)]
    present = [n for n in neighbours if n in wide.columns]
    out = pd.DataFrame(index=pd.Index(years, name="year"))
    out["council"] = wide[council.code] if council.code in wide.columns else np.nan
    markers = las[las["la_code"] == council.code].set_index("year")["marker"]
    out["council_marker"] = markers.reindex(out.index).where(lambda s: s.notna(), None)
    england = rows[rows["level"] == "england"].set_index("year")["value"]
    out["england"] = england.reindex(out.index)
    region = rows[(rows["level"] == "region") & (rows["region_code"] == council.region_code)]
    out["region"] = region.set_index("year")["value"].reindex(out.index)
    sub = wide[present]
    out["neighbours_mean"] = sub.mean(axis=1)
    out["neighbours_min"] = sub.min(axis=1)
    out["neighbours_max"] = sub.max(axis=1)
    out["neighbours_n"] = sub.notna().sum(axis=1)
    current = [c.code for c in _current_councils() if c.code in wide.columns]
    ranks, counts, bands = [], [], []
    for year in years:
        values = wide.loc[year, current]
        band = quartile_bands(values, polarity)
        known = values.dropna()
        ascending = polarity == "Low"
        rank = known.rank(method="min", ascending=ascending)
        ranks.append(rank.get(council.code, np.nan))
        counts.append(len(known))
        bands.append(band.get(council.code))
    out["rank"] = ranks
    out["councils_ranked"] = counts
    out["quartile"] = bands
    out["polarity"] = polarity
    return out.reset_index()


def _current_councils():
    from sufficiency.data.councils import all_councils

    return all_councils()


#: Polarity of tidy measures that have a LAIT equivalent (None: no better direction).
LAIT_POLARITY: dict[str, str | None] = {"cla_31_march": None, "starters": None, "ceased": None}


# ----------------------------------------------------------------------------- EES/dashboard tables
def _year_limited(loader):
    """Build a loader's full table once per process; each call filters it to ``year_max``.

    (Each notebook runs in its own kernel, so the first call still records its reads.)
    """
    import functools

    # In memory within a process, on disk between processes (keyed by the files it read).
    full = lru_cache(maxsize=None)(files.disk_cached(f"{loader.__module__}.{loader.__qualname__}")(
        lambda *args: loader(None, *args)))

    @functools.wraps(loader)
    def wrapper(year_max: int | None = None, *args):
        args = tuple(tuple(a) if isinstance(a, list) else a for a in args)
        return _filter_years(full(*args), year_max).copy()

    return wrapper


def _harmonise_label(text: str) -> str:
    """One spelling for labels DfE changed between releases (see cla_dfe_ees/PROVENANCE.md).

    >>> _harmonise_label("Accommodation considered not suitable")
    'Accommodation considered unsuitable'
    >>> _harmonise_label("Carer requests placement ends due to childs behaviour")
    "Carer requests placement ends due to child's behaviour"
    >>> _harmonise_label("Aged 17 to 18"), _harmonise_label("Children looked after at 31 March")
    ('17 to 18 years', 'Children looked after on 31 March')
    """
    text = " ".join(str(text).split())
    text = text.replace("considered not suitable", "considered unsuitable")
    text = re.sub(r"\bchilds\b", "child's", text)
    text = re.sub(r"^Aged (\d+) to (\d+)$", r"\1 to \2 years", text)
    text = re.sub(r"\bat 31 March\b", "on 31 March", text)
    text = re.sub(r"^CLA on 31 March$", "Children looked after on 31 March", text)
    text = re.sub(r"^Special guardianship order$", "Special guardianship orders", text)
    return text


def _release_from_text(text: pd.Series) -> pd.Series:
    """'R2025' from a source description such as '… (CLA 2025 release)'."""
    return "R" + text.str.extract(r"(\d{4}) release", expand=False).fillna("")


def _ees_table(path: Path, *, measure: pd.Series, breakdown: pd.Series, value_columns: dict[str, str],
               source: str, release: pd.Series | str, totals: tuple[str, ...] = ("Total",)) -> pd.DataFrame:
    """Tidy rows from an EES-layout table, one row per value column (unit).

    ``measure`` and ``breakdown`` are per-row labels already computed by the
    caller; breakdown labels in ``totals`` become '' (the total).
    """
    raw = _read_cached(path)
    geography = _ees_geography(raw)
    labels = _map_unique(breakdown, _harmonise_label)
    labels = labels.where(~labels.isin(totals), "")
    base = geography.assign(year=raw["time_period"].astype(int), measure=measure, breakdown=labels,
                            source=source, release=release)
    frames = []
    for column, unit in value_columns.items():
        value, marker = _values(raw, column, path)
        frames.append(base.assign(value=value, marker=marker, unit=unit))
    out = pd.concat(frames, ignore_index=True)
    # Regional rows without a region code cannot be told apart (the ceased extract has them): dropped.
    unnamed_region = (out["level"] == "region") & out["region_code"].isna()
    return out[out["measure"].notna() & ~unnamed_region]


_DASHBOARD_GROUPS = {
    "Placement": "cla_by_placement_type",
    "Place providers": "cla_by_provider",
    "Locality of placement": "cla_by_locality",
    "Distance between home and placement": "cla_by_distance",
    "Distance between home and placement and locality of placement": "cla_by_distance_and_locality",
    "LA of placement": "cla_by_la_of_placement",
    "Legal status": "cla_by_legal_status",
    "Age group": "cla_by_age",
    "Sex": "cla_by_sex",
    "Gender": "cla_by_sex",
    "Ethnicity": "cla_by_ethnicity",
    "Unaccompanied asylum-seeking children": "cla_by_uasc",
    "Category of need": "cla_by_need",
}
CLA_CHARACTERISTICS = DASHBOARD / "cla_on_31_march_by_characteristics.csv.gz"


def cla_characteristics(year_max: int | None = None, measures: list[str] | None = None) -> pd.DataFrame:
    """Children looked after on 31 March by placement type, provider, locality, distance,
    legal status, age, sex, ethnicity, UASC and need (2020–2025, CSC dashboard extract).

    Measures are the values of :data:`_DASHBOARD_GROUPS` (e.g. ``cla_by_placement_type``);
    breakdown '' is the total. Units 'children' and '%' (share of the council's CLA).
    Where a year has both 'Gender' and 'Sex' rows, 'Sex' (the newer label) is kept.
    """
    frame = _cla_characteristics_all(year_max)
    if measures:
        frame = frame[frame["measure"].isin(list(measures))].reset_index(drop=True)
    return frame


@_year_limited
def _cla_characteristics_all(year_max: int | None = None) -> pd.DataFrame:
    raw = _read_cached(CLA_CHARACTERISTICS)
    measure = raw["cla_group"].str.strip().map(_DASHBOARD_GROUPS)
    frame = _ees_table(CLA_CHARACTERISTICS, measure=measure, breakdown=raw["characteristic"],
                       value_columns={"number": "children", "percentage": "%"}, source="csc_dashboard",
                       release=_release_from_text(raw["source"]))
    frame = _dedupe_keep_first(frame.assign(_newer=raw["cla_group"].reindex(frame.index % len(raw)).values
                                            == "Sex").sort_values("_newer", ascending=False)).drop(columns="_newer")
    return _finish(frame, year_max)


def _dedupe_keep_first(frame: pd.DataFrame) -> pd.DataFrame:
    key = _area_key(frame)
    return frame.assign(_area=key).drop_duplicates(
        ["_area", "year", "measure", "breakdown", "unit"], keep="first").drop(columns="_area")


STABILITY_FILE = EES / "la_cla_placement_stability.csv.gz"


@_year_limited
def placement_stability(year_max: int | None = None) -> pd.DataFrame:
    """Placement stability indicators (2018–2025; EES, newest release per year).

    Measures: ``stability_3_plus_placements`` (CLA on 31 March with 3+ placements
    in the year), ``stability_3_plus_placements_2_years`` (CLA for 2+ years with 3+
    placements in the previous 2 years) and ``stability_long_term`` (under-16s looked
    after 2.5+ years living with the same carer for 2+ years; the 2018 figures, from
    the 2022 release, count the same *placement*, a narrower definition). Each has
    its denominator as ``…_total``. Units 'children' and '%'.
    """
    raw = _read_cached(STABILITY_FILE)
    group = _map_unique(raw["cla_group"], _harmonise_label)
    kind = raw["placement_stability"].str.strip()
    measure = pd.Series(None, index=raw.index, dtype=object)
    on_31_march = group == "Children looked after on 31 March"
    two_years = group == "CLA 2 years on 31 March"
    long_term = group.str.contains("2.5 years", regex=False)
    measure[on_31_march & kind.str.startswith("With 3 or more placements during the year")] = \
        "stability_3_plus_placements"
    measure[on_31_march & (kind == "Total children")] = "stability_3_plus_placements_total"
    measure[two_years & kind.str.startswith("With 3 or more placements during the previous 2")] = \
        "stability_3_plus_placements_2_years"
    measure[two_years & (kind == "Total children")] = "stability_3_plus_placements_2_years_total"
    measure[long_term & kind.str.startswith("Living with the same")] = "stability_long_term"
    measure[long_term & kind.str.startswith("Living in the same placement")] = "stability_long_term"
    measure[long_term & (kind == "Total children")] = "stability_long_term_total"
    frame = _ees_table(STABILITY_FILE, measure=measure, breakdown=pd.Series("", index=raw.index),
                       value_columns={"children_count": "children", "children_percent": "%"},
                       source="ees_cla", release=raw["source_release"])
    # Two long-term wordings may appear for one year; the file is newest-release-first per year already.
    return _finish(_dedupe_keep_first(frame), year_max)


NEW_PLACEMENTS_FILE = EES / "la_cla_during_year_new_placements.csv.gz"


@_year_limited
def new_placements(year_max: int | None = None) -> pd.DataFrame:
    """New placements in the year by location (inside/outside the council, ≤/>20 miles)
    as ``new_placements_location``, and placement changes by reason as
    ``placement_change_reason`` (2018–2025). Units 'children' (placements) and '%'.
    """
    raw = _read_cached(NEW_PLACEMENTS_FILE)
    measure = raw["characteristic"].str.strip().map({
        "Location of new placements during the year": "new_placements_location",
        "Reason for placement change during the year": "placement_change_reason"})
    frame = _ees_table(NEW_PLACEMENTS_FILE, measure=measure, breakdown=raw["breakdown"],
                       value_columns={"children_count": "placements", "children_percent": "%"},
                       source="ees_cla", release=raw["source_release"],
                       totals=("Total new placements", "Total placements changing"))
    return _finish(_dedupe_keep_first(frame), year_max)


CEASED_FILE = EES / "la_children_who_ceased_during_the_year.csv.gz"
CEASED_DASHBOARD = DASHBOARD / "cla_ceased_by_characteristics.csv.gz"
_CEASED_GROUPS = {"Reason episode ceased": "ceased_by_reason", "Age on ceasing": "ceased_by_age",
                  "Gender": "ceased_by_sex", "Sex": "ceased_by_sex"}


@_year_limited
def ceased_by_characteristics(year_max: int | None = None) -> pd.DataFrame:
    """Children who ceased to be looked after, by reason, age and sex. 2021–2025 from
    the CSC dashboard extract (2025 release, England and councils only), 2018–2020
    (and regions to 2024) from the EES tables. Units 'children' and '%'."""
    raw = _read_cached(CEASED_FILE)
    ees = _ees_table(CEASED_FILE, measure=raw["cla_group"].str.strip().map(_CEASED_GROUPS),
                     breakdown=raw["characteristic"], value_columns={"number": "children", "percentage": "%"},
                     source="ees_cla", release=raw["source_release"])
    frames = [ees]
    dash = _read_cached(CEASED_DASHBOARD)
    if {"cla_group", "characteristic", "number", "percentage"} <= set(dash.columns):
        # The extract has no release column; it is the dashboard's 2025-release data (see PROVENANCE.md).
        dash_frame = _ees_table(CEASED_DASHBOARD, measure=dash["cla_group"].str.strip().map(_CEASED_GROUPS),
                                breakdown=dash["characteristic"],
                                value_columns={"number": "children", "percentage": "%"},
                                source="csc_dashboard", release="R2025")
        frames.insert(0, dash_frame)   # newer release: wins for 2021–2025
    return _finish(newest_wins(frames), year_max)


CARE_LEAVER_FILES = {
    "accommodation": EES / "la_care_leavers_accommodation_suitability.csv.gz",
    "activity": EES / "la_care_leavers_activity.csv.gz",
}


@_year_limited
def care_leavers(year_max: int | None = None, topic: str = "accommodation") -> pd.DataFrame:
    """Care leavers' accommodation suitability or activity (education, employment,
    training), by age band, 2018–2025.

    Measures ``care_leavers_accommodation_17_to_18`` / ``_19_to_21`` (or
    ``care_leavers_activity_…``); breakdown '' is all care leavers of that age;
    'Suitability total' (accommodation) counts those whose suitability is known.
    Units 'young people' and '%'. Labels are harmonised across releases
    ('not suitable' → 'unsuitable', 'Aged 17 to 18' → '17 to 18 years').
    """
    if topic not in CARE_LEAVER_FILES:
        raise InputError("care leaver topic", None, repr(topic), f"one of {sorted(CARE_LEAVER_FILES)}")
    path = CARE_LEAVER_FILES[topic]
    raw = _read_cached(path)
    age = _map_unique(raw["care_leaver_age"], _harmonise_label).str.replace(" years", "", regex=False)
    measure = f"care_leavers_{topic}_" + age.str.replace(" ", "_", regex=False)
    frame = _ees_table(path, measure=measure, breakdown=raw["breakdown"],
                       value_columns={"care_leaver_count": "young people", "care_leaver_percent": "%"},
                       source="ees_cla", release=raw["source_release"])
    return _finish(_dedupe_keep_first(frame), year_max)


@_year_limited
def uasc(year_max: int | None = None) -> pd.DataFrame:
    """Unaccompanied asylum-seeking children looked after on 31 March (measure ``cla_uasc``,
    unit 'children'): 2020–2025 from the CSC dashboard extract, 2016–2019 from the LAIT."""
    dash = cla_characteristics(None, ["cla_by_uasc"])
    dash = dash[(dash["breakdown"] == "UASC") & (dash["unit"] == "children")].assign(
        measure="cla_uasc", breakdown="")
    lait = lait_measure("Unacc_Asylmn_Seek_Childn", None, measure="cla_uasc", unit="children")
    return _finish(newest_wins([dash, lait]), year_max)
