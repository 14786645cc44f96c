"""DfE's Local Authority Interactive Tool (LAIT): any measure of its long file as a tidy table.

The long file holds every LAIT measure for every council, region and England; the data
dictionary names each measure and says which direction is better (its polarity).

>>> lait_year("2023-24 (OT)"), lait_polarity("LACStable_2016on")
(2024, 'Low')
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pandas as pd

from sufficiency.core import files
from sufficiency.core.errors import InputError
from sufficiency.core.paths import DATA_RAW
from sufficiency.data.councils import _councils_by_code
from sufficiency.data.published.tidy import (
    ALL_REGION_NAMES,
    REGION_BY_NAME,
    filter_years,
    finish,
    none_for_missing,
    parse_values,
)

LAIT_LONG = DATA_RAW / "lait" / "lait_bds_long.csv.gz"
LAIT_DICTIONARY = DATA_RAW / "lait" / "lait_data_dictionary.csv"
LAIT_RELEASE = "LAIT 2026-04"   # snapshot of the LAIT repository (commit 2e30e39, 8 April 2026)

_LAIT_YEAR = re.compile(r"^(\d{4})(?:[-/](\d{2}))?(?:\s*\((OT|Rev|Final|prov)\))?$", re.IGNORECASE)


@lru_cache(maxsize=1)
@files.disk_cached("published.lait.lait_long")
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
    return filter_years(_lait_measure_all(measure_short, measure, unit), year_max).copy()


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
    value, marker = parse_values(rows, "value", LAIT_LONG)
    councils = _councils_by_code()
    number = rows["la_number"].astype(int)
    is_la = number < 970
    is_england = number == 970
    out = pd.DataFrame(index=rows.index)
    out["la_code"] = rows["la_number"].where(is_la, None)
    out["level"] = np.where(is_la, "local authority", np.where(is_england, "england", "region"))
    region_of_la = rows["la_number"].map(lambda c: councils[c].region_code if c in councils else None)
    region_of_area = rows["area_name"].str.strip().str.casefold().map(REGION_BY_NAME)
    out["region_code"] = np.where(is_la, region_of_la, np.where(is_england, None, region_of_area))
    out["la_name"] = np.where(is_la, rows["la_number"].map(lambda c: councils[c].name if c in councils else None)
                              .fillna(rows["area_name"]),
                              np.where(is_england, "England", out["region_code"].map(ALL_REGION_NAMES)))
    out["region_name"] = out["region_code"].map(lambda c: ALL_REGION_NAMES.get(c) if c else None)
    out = out[(out["level"] != "region") | out["region_code"].notna()]  # e.g. 'England (discontinued)'
    out["year"] = rows["year"].astype(int)
    out["measure"] = measure or snake(measure_short)
    out["breakdown"] = ""
    out["value"] = value
    out["marker"] = marker
    if unit is None:
        dictionary = lait_dictionary()
        unit = str(dictionary.loc[measure_short, "y_axis_name"]) if measure_short in dictionary.index else ""
    out["unit"] = unit
    out["source"] = "lait"
    out["release"] = LAIT_RELEASE
    return finish(none_for_missing(out, ("la_code", "region_code", "region_name")), None)


def snake(text: str) -> str:
    """snake_case id from a code or label.

    >>> snake("LACStable_2016on"), snake("LAC_LongStable%")
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
