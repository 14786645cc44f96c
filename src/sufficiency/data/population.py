"""The child population a council serves: ONS mid-year estimates of children aged 0 to 17,
and the ethnic make-up of the council's residents from the 2021 Census.

Two things to know before using these numbers:

- A mid-year estimate describes 30 June. DfE's rates for the year ending 31 March *t* use
  the estimate for mid-(*t* − 1), and so does this module: each row carries ``mid_year`` and the
  reporting ``year`` it serves (``mid_year + 1``), and ``year_max`` filters on ``year``, so an
  edition for year Y never shows an estimate dated after 31 March Y.
- The Census table counts **all usual residents, of every age**, not children: ONS publishes no
  children-only ethnic group table for upper-tier councils in the data this build holds. Pages
  must say so wherever they compare it with children looked after.

>>> pop = child_population("209", 2025)
>>> pop.loc[pop.year == 2025, "children"].tolist()
[62052.0]
>>> int(ethnicity_groups("209").set_index("short").loc["Black", "people"])
80473
"""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

from sufficiency.core import files
from sufficiency.core.errors import InputError
from sufficiency.core.markers import invalid_cells, parse_series
from sufficiency.core.paths import DATA_RAW
from sufficiency.data.councils import Council, resolve_council

POPULATION_FILE = DATA_RAW / "population" / "ons_mid-year_population_estimates_0_17_2012_to_2024.csv"
CENSUS_ETHNICITY_FILE = DATA_RAW / "population" / "ons_census2021_ethnic_population_utla.csv"
CENSUS_YEAR = 2021   # Census day was 21 March 2021, inside the reporting year ending 31 March 2021

#: The five high-level groups, named as DfE names them for children looked after, so the two
#: tables line up. Keys are how the Census 20-category labels begin.
ETHNIC_GROUPS = {
    "White": "White",
    "Mixed or Multiple ethnic groups": "Mixed or Multiple ethnic groups",
    "Asian, Asian British or Asian Welsh": "Asian or Asian British",
    "Black, Black British, Black Welsh, Caribbean or African": "Black, African, Caribbean or Black British",
    "Other ethnic group": "Other ethnic group",
}
#: Short names for charts and sentences.
SHORT_GROUP = {
    "White": "White",
    "Mixed or Multiple ethnic groups": "Mixed",
    "Asian or Asian British": "Asian",
    "Black, African, Caribbean or Black British": "Black",
    "Other ethnic group": "Other",
}


@lru_cache(maxsize=1)
def _population_all() -> pd.DataFrame:
    raw = files.read_csv(POPULATION_FILE, required_columns=[
        "time_period", "geographic_level", "region_code", "region_name", "old_la_code", "la_name",
        "population_estimate"])
    bad = invalid_cells(raw["population_estimate"])
    if bad.any():
        raise InputError(POPULATION_FILE, f"row {int(bad.idxmax()) + 2}, column 'population_estimate'",
                         repr(raw.loc[bad.idxmax(), "population_estimate"]),
                         "a whole number of children or a DfE marker (x: not available)")
    numbers, markers = parse_series(raw["population_estimate"])
    level = raw["geographic_level"].map({"National": "england", "Regional": "region",
                                         "Local authority": "local authority"})
    out = pd.DataFrame({
        "level": level,
        "la_code": raw["old_la_code"].where(level == "local authority"),
        "area_name": raw["la_name"].where(level == "local authority",
                                          raw["region_name"].where(level == "region", "England")),
        "region_code": raw["region_code"],
        "mid_year": raw["time_period"].astype(int),
        "children": numbers,     # NaN where ONS/DfE show a marker (x for abolished councils)
        "marker": markers,
    })
    out["year"] = out["mid_year"] + 1
    return out[out["level"].notna()].reset_index(drop=True)


def child_population(council: str | Council | None, year_max: int | None = None) -> pd.DataFrame:
    """Children aged 0 to 17 in the council (or England when ``council`` is None), one row per
    reporting year: ``year``, ``mid_year``, ``children`` (NaN where the file shows a marker) and
    ``marker``. Empty when ONS gives no estimate
    for the council (e.g. a council created after the years asked for)."""
    files.record_read(POPULATION_FILE)
    frame = _population_all()
    if council is None:
        rows = frame[frame["level"] == "england"]
    else:
        council = resolve_council(council)
        rows = frame[(frame["level"] == "local authority") & (frame["la_code"] == council.code)]
    if year_max is not None:
        rows = rows[rows["year"] <= int(year_max)]
    return rows[["year", "mid_year", "children", "marker"]].sort_values("year").reset_index(drop=True)


def _group_of(label: str) -> str | None:
    head = str(label).split(":")[0].strip()
    return ETHNIC_GROUPS.get(head)


@lru_cache(maxsize=1)
def _census_all() -> pd.DataFrame:
    raw = files.read_csv(CENSUS_ETHNICITY_FILE)
    if len(raw.columns) != 5:
        raise InputError(CENSUS_ETHNICITY_FILE, "header row", f"columns {list(raw.columns)}",
                         "five columns: area code, area name, ethnic group code, ethnic group, count")
    raw.columns = ["ons_code", "area_name", "group_code", "category", "people"]
    raw["people"] = pd.to_numeric(raw["people"], errors="coerce")
    if raw["people"].isna().any():
        row = int(raw["people"].isna().idxmax()) + 2
        raise InputError(CENSUS_ETHNICITY_FILE, f"row {row}, last column", "a value that is not a number",
                         "a count of people")
    raw = raw[raw["group_code"] != "-8"]          # 'Does not apply' (always 0 here)
    raw["group"] = raw["category"].map(_group_of)
    unknown = raw["group"].isna()
    if unknown.any():
        row = int(unknown.idxmax()) + 2
        raise InputError(CENSUS_ETHNICITY_FILE, f"row {row}, ethnic group column",
                         repr(raw.loc[unknown.idxmax(), "category"]),
                         f"a Census 2021 ethnic group starting with one of {sorted(ETHNIC_GROUPS)}")
    return raw


def ethnicity_groups(council: str | Council | None, year_max: int | None = None) -> pd.DataFrame:
    """The council's residents (all ages; England's when ``council`` is None) by five ethnic
    groups, Census 2021: columns ``group``, ``short``, ``people``, ``percent`` (of residents).
    Empty when ``year_max`` is before 2021 (the Census had not happened) or the council is not
    in the Census table."""
    files.record_read(CENSUS_ETHNICITY_FILE)
    columns = ["group", "short", "people", "percent"]
    if year_max is not None and int(year_max) < CENSUS_YEAR:
        return pd.DataFrame(columns=columns)
    census = _census_all()
    if council is None:
        rows = census[census["ons_code"].str.startswith("E")]
    else:
        rows = census[census["ons_code"] == resolve_council(council).ons_code]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    totals = rows.groupby("group")["people"].sum()
    order = list(ETHNIC_GROUPS.values())
    out = pd.DataFrame({"group": order})
    out["short"] = out["group"].map(SHORT_GROUP)
    out["people"] = out["group"].map(totals).fillna(0).astype(int)
    out["percent"] = out["people"] / out["people"].sum() * 100
    return out
