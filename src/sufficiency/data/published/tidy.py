"""The tidy table every published-data reader returns, and the helpers the readers share.

:data:`TIDY_COLUMNS` are the columns (described in :mod:`sufficiency.data.published`). The helpers
here turn a raw table into those columns: the geography of a DfE table (:func:`ees_geography`),
values and DfE markers (:func:`parse_values`), one row per area, year and measure
(:func:`newest_wins`, :func:`dedupe_keep_first`) and the common sort and year limit
(:func:`finish`). Raw files are read once per process (:func:`read_cached`) and a loader's full
table is built once, then cut to each edition's year (:func:`year_limited`).

>>> empty_frame().columns.tolist() == TIDY_COLUMNS
True
>>> harmonise_label("Aged 17 to 18")
'17 to 18 years'
"""
from __future__ import annotations

import functools
import re
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from sufficiency.core import files
from sufficiency.core.errors import InputError
from sufficiency.core.markers import invalid_cells, parse_series
from sufficiency.core.paths import DATA_RAW
from sufficiency.data.councils import LONDON_SUBREGIONS, REGIONS, _councils_by_code

TIDY_COLUMNS = ["la_code", "la_name", "level", "region_code", "region_name", "year", "measure",
                "breakdown", "value", "marker", "unit", "source", "release"]

#: DfE's explore-education-statistics tables, and the children's social care dashboard extracts.
EES = DATA_RAW / "cla_dfe_ees"
DASHBOARD = DATA_RAW / "cla_dfe_csc_dashboard"

PER_10K = "per 10,000 children"
ENGLAND = "E92000001"
LEVELS = {"Local authority": "local authority", "Regional": "region", "National": "england"}

#: Region names as LAIT and the SFR tables spell them (case ignored) → ONS code.
REGION_BY_NAME = {name.casefold(): code for code, name in REGIONS.items()}
REGION_BY_NAME.update({name.casefold(): code for code, name in LONDON_SUBREGIONS.items()})
REGION_BY_NAME.update({"london (inner)": "E13000001", "london (outer)": "E13000002",
                       "yorkshire and the humber": "E12000003", "east of england": "E12000006",
                       "eastern": "E12000006"})
#: Every region's name by its code, with DfE's Inner and Outer London.
ALL_REGION_NAMES = {**REGIONS, **LONDON_SUBREGIONS}


# ----------------------------------------------------------------------------- frames
def empty_frame() -> pd.DataFrame:
    """A tidy frame with no rows (the right columns and types)."""
    return pd.DataFrame({c: pd.Series(dtype="int64" if c == "year" else float if c == "value" else object)
                         for c in TIDY_COLUMNS})


def filter_years(frame: pd.DataFrame, year_max: int | None) -> pd.DataFrame:
    """The rows up to ``year_max`` (all of them for None), with a fresh index."""
    if year_max is not None:
        frame = frame[frame["year"] <= int(year_max)]
    return frame.reset_index(drop=True)


def parse_values(frame: pd.DataFrame, column: str, path: Path | str) -> tuple[pd.Series, pd.Series]:
    """Parse a value column into (values, markers); a bad cell becomes an InputError naming its row."""
    bad = invalid_cells(frame[column])
    if bad.any():
        label = bad.idxmax()
        row = frame.index.get_loc(label) + 2  # +1 for the header, +1 because rows count from one
        raise InputError(path, f"row {row}, column '{column}'", repr(str(frame.loc[label, column]).strip()),
                         "a number or a DfE marker (c, z, x, k, low, u, .., -)")
    return parse_series(frame[column])


def map_unique(values: pd.Series, function) -> pd.Series:
    """``values.map(function)``, calling the function once per distinct value (much faster)."""
    lookup = {value: function(value) for value in values.dropna().unique()}
    return values.map(lookup)


def region_lookup(code: str | None) -> tuple[str | None, str | None]:
    """(ONS region code, name) for a council's region column, with London kept whole.

    >>> region_lookup("E13000001")
    ('E12000007', 'London')
    """
    if code in LONDON_SUBREGIONS:
        return "E12000007", "London"
    return code, REGIONS.get(code) if code else None


def none_for_missing(frame: pd.DataFrame, columns) -> pd.DataFrame:
    """The ``columns`` as objects with None (not NaN) where empty, as the tidy table keeps them."""
    for column in columns:
        frame[column] = frame[column].astype(object).where(pd.notna(frame[column]), None)
    return frame


def ees_geography(frame: pd.DataFrame) -> pd.DataFrame:
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
        map_unique(frame["old_la_code"], lambda c: councils[c].region_code if c in councils else None))
    out["region_code"] = np.where(is_la, map_unique(la_region, lambda c: region_lookup(c)[0]),
                                  np.where(is_region, frame["region_code"], None))
    out["region_name"] = np.where(is_la, map_unique(la_region, lambda c: region_lookup(c)[1]),
                                  np.where(is_region, frame["region_name"], None))
    return none_for_missing(out, ("la_code", "region_code", "region_name"))


def area_key(frame: pd.DataFrame) -> pd.Series:
    """One identifier per area: the LA number, the region code, or England's code."""
    return frame["la_code"].where(frame["level"] == "local authority",
                                  frame["region_code"].where(frame["level"] == "region", ENGLAND))


def dedupe_keep_first(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per area, year, measure, breakdown and unit: the first (the caller orders them)."""
    return frame.assign(_area=area_key(frame)).drop_duplicates(
        ["_area", "year", "measure", "breakdown", "unit"], keep="first").drop(columns="_area")


def newest_wins(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Stack tidy frames given newest source first; keep the first row per area-year-measure.

    The key is area, year, measure, breakdown and unit. A marked value (NaN) from
    a newer release still wins: the newer publication's choice to suppress stands.
    """
    stacked = pd.concat([f for f in frames if len(f)], ignore_index=True)
    if stacked.empty:
        return empty_frame()
    return dedupe_keep_first(stacked)


def finish(frame: pd.DataFrame, year_max: int | None) -> pd.DataFrame:
    """The tidy columns and types, sorted (England, regions, councils; then by year), up to ``year_max``."""
    frame = frame[TIDY_COLUMNS].copy()
    frame["year"] = frame["year"].astype("int64")
    frame["value"] = frame["value"].astype(float)
    frame["marker"] = frame["marker"].astype(object).where(frame["marker"].notna(), None)
    level_order = frame["level"].map({"england": 0, "region": 1, "local authority": 2})
    frame = frame.assign(_lvl=level_order).sort_values(
        ["measure", "unit", "breakdown", "_lvl", "region_code", "la_code", "year"], na_position="first"
    ).drop(columns="_lvl")
    return filter_years(frame, year_max)


# ----------------------------------------------------------------------------- raw reading (cached)
@lru_cache(maxsize=None)
def _read(path: Path) -> pd.DataFrame:
    return files.read_csv(path)


def read_cached(path: Path) -> pd.DataFrame:
    """A raw CSV (every column as text), parsed once per process; each call records the read."""
    files.record_read(path)  # record the dependency even when the parse is cached
    return _read(path).copy()


def year_limited(loader):
    """Build a loader's full table once per process; each call filters it to ``year_max``.

    In memory within a process, on disk between processes (keyed by the files it read), so
    the first call in each notebook's kernel still records its reads.
    """
    full = lru_cache(maxsize=None)(files.disk_cached(f"{loader.__module__}.{loader.__qualname__}")(
        lambda *args: loader(None, *args)))

    @functools.wraps(loader)
    def wrapper(year_max: int | None = None, *args):
        args = tuple(tuple(a) if isinstance(a, list) else a for a in args)
        return filter_years(full(*args), year_max).copy()

    return wrapper


# ----------------------------------------------------------------------------- EES-layout tables
def harmonise_label(text: str) -> str:
    """One spelling for labels DfE changed between releases (see cla_dfe_ees/PROVENANCE.md).

    >>> harmonise_label("Accommodation considered not suitable")
    'Accommodation considered unsuitable'
    >>> harmonise_label("Carer requests placement ends due to childs behaviour")
    "Carer requests placement ends due to child's behaviour"
    >>> harmonise_label("Aged 17 to 18"), harmonise_label("Children looked after at 31 March")
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


def release_from_text(text: pd.Series) -> pd.Series:
    """'R2025' from a source description such as '… (CLA 2025 release)'."""
    return "R" + text.str.extract(r"(\d{4}) release", expand=False).fillna("")


def ees_table(path: Path, *, measure: pd.Series, breakdown: pd.Series, value_columns: dict[str, str],
              source: str, release: pd.Series | str, totals: tuple[str, ...] = ("Total",)) -> pd.DataFrame:
    """Tidy rows from an EES-layout table, one row per value column (unit).

    ``measure`` and ``breakdown`` are per-row labels already computed by the
    caller; breakdown labels in ``totals`` become '' (the total).
    """
    raw = read_cached(path)
    geography = ees_geography(raw)
    labels = map_unique(breakdown, harmonise_label)
    labels = labels.where(~labels.isin(totals), "")
    base = geography.assign(year=raw["time_period"].astype(int), measure=measure, breakdown=labels,
                            source=source, release=release)
    frames = []
    for column, unit in value_columns.items():
        value, marker = parse_values(raw, column, path)
        frames.append(base.assign(value=value, marker=marker, unit=unit))
    out = pd.concat(frames, ignore_index=True)
    # Regional rows without a region code cannot be told apart (the ceased extract has them): dropped.
    unnamed_region = (out["level"] == "region") & out["region_code"].isna()
    return out[out["measure"].notna() & ~unnamed_region]
