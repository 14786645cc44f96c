"""England's figures over time, and two further per-council DfE tables.

- :func:`national_time_series`: England's children looked after, starters, ceased, adopted and
  UASC from 1994 (the 2024 release's national time series, with newer releases for later years).
- :func:`england_rate`: England's children looked after per 10,000 children.
- :func:`foster_by_provider`: England's children in foster placements by provider (2020–2024).
- :func:`missing_episodes` and :func:`staying_put`: per-council tables in the tidy layout.

Every loader takes ``year_max`` and returns nothing dated after it.

>>> series = national_time_series(2024)
>>> series.loc[(series.measure == "cla_31_march") & (series.year == 1994), "value"].item()
47590.0
>>> int(national_time_series(2010).year.max())
2010
"""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

from sufficiency.core import files
from sufficiency.core.errors import InputError
from sufficiency.data.published.ees import cla_headline, uasc
from sufficiency.data.published.tidy import (
    EES,
    PER_10K,
    dedupe_keep_first,
    ees_table,
    finish,
    parse_values,
    read_cached,
    year_limited,
)

NATIONAL = EES / "national_2024_release"
TIME_SERIES_FILE = NATIONAL / "cla_time_series_1994_2024.csv"
PROVIDER_FILE = NATIONAL / "national_cla_on_31_march_by_placement_provider_placement_type_and_locality.csv"
MISSING_FILE = EES / "la_children_who_were_missing_or_away_from_placement_without_authorisation.csv.gz"
STAYPUT_FILE = EES / "la_care_leavers_stayput.csv"

#: The ``source`` id of rows from the 2024 release's national tables, and that publication's name.
NATIONAL_SOURCE = "ees_cla_national"
SOURCE_R2024 = "DfE, Children looked after in England including adoptions, 2024 release (national tables)"

_TIME_SERIES_MEASURES = {
    "Children looked after at 31 March": "cla_31_march",
    "Children starting to be looked after during the year": "starters",
    "Children ceasing to be looked after during the year": "ceased",
    "Children looked after at 31 March who were unaccompanied asylum-seeking children": "cla_uasc",
    "Children looked after who were adopted during the year": "adopted",
}


@lru_cache(maxsize=1)
def _time_series_file() -> pd.DataFrame:
    raw = files.read_csv(TIME_SERIES_FILE, required_columns=["time_period", "population_count", "number"])
    measure = raw["population_count"].str.strip().map(_TIME_SERIES_MEASURES)
    if measure.isna().any():
        label = measure.isna().idxmax()
        raise InputError(TIME_SERIES_FILE, f"row {label + 2}, column 'population_count'",
                         repr(raw.loc[label, "population_count"]), f"one of {sorted(_TIME_SERIES_MEASURES)}")
    value, marker = parse_values(raw, "number", TIME_SERIES_FILE)
    return pd.DataFrame({"year": raw["time_period"].astype(int), "measure": measure, "value": value,
                         "marker": marker, "source": NATIONAL_SOURCE, "release": "R2024"})


def national_time_series(year_max: int | None = None) -> pd.DataFrame:
    """England's children looked after on 31 March, starters, ceased, adopted and UASC, 1994
    onwards: columns year, measure, value, marker, source (a tidy source id, or
    :data:`NATIONAL_SOURCE`), release.

    Years after 2024 (and any year the per-council tables also cover) come from the newest
    release in :func:`cla_headline` / :func:`uasc`, which DfE revises; earlier years from the
    2024 release's national time series.
    """
    files.record_read(TIME_SERIES_FILE)
    newer = []
    for frame in (cla_headline(year_max), uasc(year_max)):
        rows = frame[(frame["level"] == "england") & (frame["unit"] == "children") & (frame["breakdown"] == "")
                     & frame["measure"].isin(list(_TIME_SERIES_MEASURES.values()))]
        newer.append(rows[["year", "measure", "value", "marker", "source", "release"]])
    out = pd.concat([*newer, _time_series_file()], ignore_index=True).drop_duplicates(["year", "measure"],
                                                                                      keep="first")
    if year_max is not None:
        out = out[out["year"] <= int(year_max)]
    return out.sort_values(["measure", "year"]).reset_index(drop=True)


def england_rate(year_max: int | None = None) -> pd.DataFrame:
    """England's children looked after per 10,000 children: year, value, source, release."""
    headline = cla_headline(year_max)
    rows = headline[(headline["level"] == "england") & (headline["measure"] == "cla_31_march")
                    & (headline["unit"] == PER_10K)]
    return rows[["year", "value", "source", "release"]].reset_index(drop=True)


@lru_cache(maxsize=1)
def _provider_file() -> pd.DataFrame:
    raw = files.read_csv(PROVIDER_FILE,
                         required_columns=["time_period", "placement_type", "placement_provider", "number"])
    value, marker = parse_values(raw, "number", PROVIDER_FILE)
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


@year_limited
def missing_episodes(year_max: int | None = None) -> pd.DataFrame:
    """Children looked after who went missing, or were away without authorisation, during the year
    (2018–2024; DfE calls these Official Statistics and asks for caution comparing councils,
    whose recording differs). Measures ``missing_children`` (children), ``missing_pct`` (% of
    children looked after during the year), ``away_pct``, ``missing_incidents_per_child``."""
    raw = read_cached(MISSING_FILE)
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
    frame = ees_table(MISSING_FILE, measure=measure, breakdown=pd.Series("", index=raw.index),
                      value_columns={"number": "children"}, source="ees_cla", release=raw["source_release"])
    frame["unit"] = units.reindex(frame.index).values
    return finish(dedupe_keep_first(frame), year_max)


@year_limited
def staying_put(year_max: int | None = None) -> pd.DataFrame:
    """Care leavers who were in foster care at 18 and still lived with their former foster carers
    (Staying Put), 2018–2024: measures ``staying_put_18`` and ``staying_put_19_to_20`` (% of those
    eligible, and the count)."""
    raw = read_cached(STAYPUT_FILE)
    age = raw["age"].str.strip().map({"Aged 18": "staying_put_18", "Aged 19 to 20": "staying_put_19_to_20"})
    living = raw["stay_put"].str.strip().str.startswith("Total living with former foster carers")
    frame = ees_table(STAYPUT_FILE, measure=age.where(living), breakdown=pd.Series("", index=raw.index),
                      value_columns={"number": "young people", "percentage": "%"},
                      source="ees_cla", release=raw["source_release"])
    return finish(dedupe_keep_first(frame), year_max)
