"""DfE's explore-education-statistics tables and the children's social care dashboard extracts:
the headline counts and rates (joined with the LAIT and the SFR tables for earlier years),
children looked after by characteristic, placement stability, new placements, children who
ceased to be looked after, care leavers and unaccompanied asylum-seeking children.

Where several releases cover a year, the newest wins.

>>> stability = placement_stability(2025)
>>> stability[(stability.la_code == "209") & (stability.year == 2024) & (stability.unit == "%")
...           & (stability.measure == "stability_long_term")].value.item()
68.0
"""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

from sufficiency.core import files
from sufficiency.core.errors import InputError
from sufficiency.data.published.lait import LAIT_LONG, lait_measure
from sufficiency.data.published.sfr import sfr_headline
from sufficiency.data.published.tidy import (
    DASHBOARD,
    EES,
    PER_10K,
    dedupe_keep_first,
    ees_geography,
    ees_table,
    filter_years,
    finish,
    harmonise_label,
    map_unique,
    newest_wins,
    parse_values,
    read_cached,
    release_from_text,
    year_limited,
)

# ----------------------------------------------------------------------------- headline
HEADLINE_MEASURES = {
    "children looked after at 31 march each year": "cla_31_march",
    "children looked after on 31 march each year": "cla_31_march",
    "children starting to be looked after each year": "starters",
    "children ceasing to be looked after each year": "ceased",
}

RATE_FILE = EES / "cla_number_and_rate_per_10k_children.csv"


def ees_headline(year_max: int | None = None) -> pd.DataFrame:
    """CLA at 31 March, starters and ceased, counts and rates, plus the 0–17 population (EES, 2019+)."""
    raw = read_cached(RATE_FILE)
    for column in ("population_type", "population_estimate", "children_count", "rate_per_10000",
                   "source_release", "time_period", "geographic_level"):
        if column not in raw.columns:
            raise InputError(RATE_FILE, "header row", f"columns {list(raw.columns)}", f"a column '{column}'")
    measure = raw["population_type"].str.strip().str.casefold().map(HEADLINE_MEASURES)
    if measure.isna().any():
        label = measure.isna().idxmax()
        raise InputError(RATE_FILE, f"row {label + 2}, column 'population_type'",
                         repr(raw.loc[label, "population_type"]), f"one of {sorted(set(HEADLINE_MEASURES))}")
    geography = ees_geography(raw)
    base = geography.assign(year=raw["time_period"].astype(int), breakdown="", source="ees_cla",
                            release=raw["source_release"], measure=measure)
    frames = []
    for column, unit in (("children_count", "children"), ("rate_per_10000", PER_10K)):
        value, marker = parse_values(raw, column, RATE_FILE)
        frames.append(base.assign(value=value, marker=marker, unit=unit))
    value, marker = parse_values(raw, "population_estimate", RATE_FILE)
    population = base.assign(value=value, marker=marker, unit="children", measure="population_0_17")
    frames.append(population.drop_duplicates(["la_code", "la_name", "year"]))
    return finish(pd.concat(frames, ignore_index=True), year_max)


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
    return filter_years(_cla_headline_all(), year_max).copy()


@lru_cache(maxsize=1)
@files.disk_cached("published.ees.cla_headline_all")
def _cla_headline_all() -> pd.DataFrame:
    frames = [ees_headline(None)]
    for code, measure, unit in (("LACnum", "cla_31_march", "children"), ("LAC", "cla_31_march", PER_10K),
                                ("LACnum_Start", "starters", "children"), ("LAC_Start_Rate", "starters", PER_10K),
                                ("LACceased", "ceased", "children")):
        frames.append(lait_measure(code, None, measure=measure, unit=unit))
    frames.append(sfr_headline(None))
    return finish(newest_wins(frames), None)


# ----------------------------------------------------------------------------- dashboard: characteristics
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


@year_limited
def _cla_characteristics_all(year_max: int | None = None) -> pd.DataFrame:
    raw = read_cached(CLA_CHARACTERISTICS)
    measure = raw["cla_group"].str.strip().map(_DASHBOARD_GROUPS)
    frame = ees_table(CLA_CHARACTERISTICS, measure=measure, breakdown=raw["characteristic"],
                      value_columns={"number": "children", "percentage": "%"}, source="csc_dashboard",
                      release=release_from_text(raw["source"]))
    newer = raw["cla_group"].reindex(frame.index % len(raw)).values == "Sex"
    frame = dedupe_keep_first(frame.assign(_newer=newer).sort_values("_newer", ascending=False))
    return finish(frame.drop(columns="_newer"), year_max)


# ----------------------------------------------------------------------------- EES: stability, moves
STABILITY_FILE = EES / "la_cla_placement_stability.csv.gz"


@year_limited
def placement_stability(year_max: int | None = None) -> pd.DataFrame:
    """Placement stability indicators (2018–2025; EES, newest release per year).

    Measures: ``stability_3_plus_placements`` (CLA on 31 March with 3+ placements
    in the year), ``stability_3_plus_placements_2_years`` (CLA for 2+ years with 3+
    placements in the previous 2 years) and ``stability_long_term`` (under-16s looked
    after 2.5+ years living with the same carer for 2+ years; the 2018 figures, from
    the 2022 release, count the same *placement*, a narrower definition). Each has
    its denominator as ``…_total``. Units 'children' and '%'.
    """
    raw = read_cached(STABILITY_FILE)
    group = map_unique(raw["cla_group"], harmonise_label)
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
    frame = ees_table(STABILITY_FILE, measure=measure, breakdown=pd.Series("", index=raw.index),
                      value_columns={"children_count": "children", "children_percent": "%"},
                      source="ees_cla", release=raw["source_release"])
    # Two long-term wordings may appear for one year; the file is newest-release-first per year already.
    return finish(dedupe_keep_first(frame), year_max)


NEW_PLACEMENTS_FILE = EES / "la_cla_during_year_new_placements.csv.gz"


@year_limited
def new_placements(year_max: int | None = None) -> pd.DataFrame:
    """New placements in the year by location (inside/outside the council, ≤/>20 miles)
    as ``new_placements_location``, and placement changes by reason as
    ``placement_change_reason`` (2018–2025). Units 'children' (placements) and '%'.
    """
    raw = read_cached(NEW_PLACEMENTS_FILE)
    measure = raw["characteristic"].str.strip().map({
        "Location of new placements during the year": "new_placements_location",
        "Reason for placement change during the year": "placement_change_reason"})
    frame = ees_table(NEW_PLACEMENTS_FILE, measure=measure, breakdown=raw["breakdown"],
                      value_columns={"children_count": "placements", "children_percent": "%"},
                      source="ees_cla", release=raw["source_release"],
                      totals=("Total new placements", "Total placements changing"))
    return finish(dedupe_keep_first(frame), year_max)


# ----------------------------------------------------------------------------- starting care
STARTED_DASHBOARD = DASHBOARD / "cla_started_by_characteristics.csv.gz"
#: The extract's groups: the 2020 rows (CLA 2024 release) say "Age group" and "Gender", later ones
#: "Age on starting" and "Sex" for the same breakdowns.
_STARTED_GROUPS = {"Age group": "started_by_age", "Age on starting": "started_by_age",
                   "Category of need": "started_by_need", "Gender": "started_by_sex", "Sex": "started_by_sex",
                   "Legal status": "started_by_legal_status"}


@year_limited
def started_by_characteristics(year_max: int | None = None) -> pd.DataFrame:
    """Children who started to be looked after during the year, by age on starting
    (``started_by_age``), category of need, sex and legal status, 2020–2025, for councils, regions
    and England (CSC dashboard extract). Units 'children' and '%'."""
    raw = read_cached(STARTED_DASHBOARD)
    release = "R" + raw["source"].str.extract(r"CLA (\d{4}) release", expand=False).fillna("2025")
    frame = ees_table(STARTED_DASHBOARD, measure=raw["cla_group"].str.strip().map(_STARTED_GROUPS),
                      breakdown=raw["characteristic"], value_columns={"number": "children", "percentage": "%"},
                      source="csc_dashboard", release=release)
    return finish(frame, year_max)


# ----------------------------------------------------------------------------- leaving care
CEASED_FILE = EES / "la_children_who_ceased_during_the_year.csv.gz"
CEASED_DASHBOARD = DASHBOARD / "cla_ceased_by_characteristics.csv.gz"
_CEASED_GROUPS = {"Reason episode ceased": "ceased_by_reason", "Age on ceasing": "ceased_by_age",
                  "Gender": "ceased_by_sex", "Sex": "ceased_by_sex"}


@year_limited
def ceased_by_characteristics(year_max: int | None = None) -> pd.DataFrame:
    """Children who ceased to be looked after, by reason, age and sex. 2021–2025 from
    the CSC dashboard extract (2025 release, England and councils only), 2018–2020
    (and regions to 2024) from the EES tables. Units 'children' and '%'."""
    raw = read_cached(CEASED_FILE)
    ees = ees_table(CEASED_FILE, measure=raw["cla_group"].str.strip().map(_CEASED_GROUPS),
                    breakdown=raw["characteristic"], value_columns={"number": "children", "percentage": "%"},
                    source="ees_cla", release=raw["source_release"])
    frames = [ees]
    dash = read_cached(CEASED_DASHBOARD)
    if {"cla_group", "characteristic", "number", "percentage"} <= set(dash.columns):
        # The extract has no release column; it is the dashboard's 2025-release data (see PROVENANCE.md).
        dash_frame = ees_table(CEASED_DASHBOARD, measure=dash["cla_group"].str.strip().map(_CEASED_GROUPS),
                               breakdown=dash["characteristic"],
                               value_columns={"number": "children", "percentage": "%"},
                               source="csc_dashboard", release="R2025")
        frames.insert(0, dash_frame)   # newer release: wins for 2021–2025
    return finish(newest_wins(frames), year_max)


CARE_LEAVER_FILES = {
    "accommodation": EES / "la_care_leavers_accommodation_suitability.csv.gz",
    "activity": EES / "la_care_leavers_activity.csv.gz",
}


@year_limited
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
    raw = read_cached(path)
    age = map_unique(raw["care_leaver_age"], harmonise_label).str.replace(" years", "", regex=False)
    measure = f"care_leavers_{topic}_" + age.str.replace(" ", "_", regex=False)
    frame = ees_table(path, measure=measure, breakdown=raw["breakdown"],
                      value_columns={"care_leaver_count": "young people", "care_leaver_percent": "%"},
                      source="ees_cla", release=raw["source_release"])
    return finish(dedupe_keep_first(frame), year_max)


@year_limited
def uasc(year_max: int | None = None) -> pd.DataFrame:
    """Unaccompanied asylum-seeking children looked after on 31 March (measure ``cla_uasc``,
    unit 'children'): 2020–2025 from the CSC dashboard extract, 2016–2019 from the LAIT."""
    dash = cla_characteristics(None, ["cla_by_uasc"])
    dash = dash[(dash["breakdown"] == "UASC") & (dash["unit"] == "children")].assign(
        measure="cla_uasc", breakdown="")
    lait = lait_measure("Unacc_Asylmn_Seek_Childn", None, measure="cla_uasc", unit="children")
    return finish(newest_wins([dash, lait]), year_max)
