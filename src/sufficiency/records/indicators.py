"""DfE-style counts from a council's SSDA903 episodes, as a tidy table.

Every function returns rows ``year, measure, breakdown, value`` where ``year`` is the
collection year ending 31 March, ``breakdown`` is '' for a measure's total and a
published category label otherwise (the same labels as DfE's tables, so figures line
up with :func:`sufficiency.data.published.cla_characteristics`), and ``value`` is a float.
Breakdowns list every category, zeros included, and add up to the total: that is what
lets :mod:`.disclosure` protect suppressed cells.

Definitions (following DfE's, simplified where noted):

- Children looked after under an agreed series of short breaks (legal status V3, V4)
  are left out of every count, as DfE does.
- Looked after at 31 March: an episode that started on or before 31 March and had not
  ceased by then (an episode ceasing on 31 March does not count).
- A *period of care* starts with an episode whose reason (RNE) is S, with a child's first
  episode, or after a gap; a *placement* starts with a new period or with RNE P, T, U or
  B (RNE L changes only the legal status).
- Starters and ceased count children once each (a child ceasing twice is counted once,
  with the reason of the last time); an episode has ended a period of care when its
  reason (REC) is anything but X1.
- Placement moves: episodes starting in the year with RNE P, T, U or B, leaving out
  moves into temporary placements (T0–T4; the return from one counts).
- Placements in the year: the placements a child had at any time in the year, leaving
  out temporary placements (T0–T4); ``stability_3_plus_placements`` counts children
  looked after at 31 March with 3 or more (DfE's denominator: all children looked after
  at 31 March).
- Long-term stability: children looked after at 31 March, under 16, looked after for at
  least 2½ years (the denominator); of them, those in the same placement for at least
  2 years, or placed for adoption where the adoption placement and the one before it
  together last 2 years. DfE now counts the same *carer*; an extract has no carer ID,
  so the placement is used (DfE's own definition before 2019).
- Distance from home to placement (children looked after at 31 March, placements with
  parents included, as DfE does): the straight line between the centroids of HOME_POST
  and PL_POST of the open episode, in miles (:mod:`.distance`); 20 miles or less, more than
  20 miles, or not known (a postcode blank or not found — never counted as 0 miles). The
  median is over the children whose distance is known. Inside or outside the council's
  boundary needs the council (``la_code``) and the placement postcode's district; DfE has
  no 'not known' label there, so ``LOCALITY_NOT_KNOWN`` is this package's own. DfE's
  combined distance-and-locality table is left out on purpose: its cells, beside the two
  tables above, would let a suppressed cell be recovered by subtraction across tables.
- Durations are whole days from the start of the period of care (``cla_by_duration``,
  ``ceased_by_duration``) or of the current placement (``cla_by_time_in_placement``), in bands.
- History before the earliest extract is unknown: a period already running in the first
  file starts, for these counts, at its earliest episode there (durations are then
  understated, never overstated).

>>> import pandas as pd
>>> age_on(pd.Series(pd.to_datetime(["2010-04-01", "2010-03-31"])), pd.Timestamp(2025, 3, 31)).tolist()
[14, 15]
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from sufficiency.records import distance
from sufficiency.records.read import Extract

#: DfE's published placement-type groups → SSDA903 PLACE codes.
PLACEMENT_GROUPS: dict[str, list[str]] = {
    "Foster placements": ["U1", "U2", "U3", "U4", "U5", "U6"],
    "Placed for adoption": ["A3", "A4", "A5", "A6"],
    "Placed with parents or other person with parental responsibility": ["P1"],
    "Independent and semi-independent living arrangements/supported accommodation": ["H5", "P2", "K3"],
    "Secure homes and children's homes": ["K1", "K2"],
    "Other residential settings": ["R1", "R2", "R3", "R5"],
    "Residential schools": ["S1"],
    "Other placements": ["P3", "T0", "T1", "T2", "T3", "T4", "Z1", "Z11", "Z12", "Z13", "Z14"],
}
PLACEMENT_GROUP_OF = {code: group for group, codes in PLACEMENT_GROUPS.items() for code in codes}
ADOPTION = "Placed for adoption"
TEMPORARY = ["T0", "T1", "T2", "T3", "T4"]

#: PLACE_PROVIDER codes → DfE's published provider labels (blank: not reported).
PROVIDERS = {"PR0": "Parents or other person with parental responsibility",
             "PR1": "Own provision (by the LA)", "PR2": "Other LA provision",
             "PR3": "Other public provision (e.g. by a PCT etc)", "PR4": "Private provision",
             "PR5": "Voluntary/third sector provision"}
PROVIDER_NOT_REPORTED = "Placement provider not reported"

#: Age bands at 31 March: (lowest age in whole years, DfE label).
AGE_BANDS = [(0, "Under 1 year"), (1, "1 to 4 years"), (5, "5 to 9 years"), (10, "10 to 15 years"),
             (16, "16 years and over")]

#: Reasons a period of care ended (REC) in groups close to DfE's tables.
REASON_GROUPS: dict[str, list[str]] = {
    "Adopted": ["E11", "E12"],
    "Special guardianship order": ["E45", "E46", "E47", "E48"],
    "Child arrangements order": ["E41"],
    "Returned home to live with parents or relatives": ["E4A", "E4B"],
    "Left to live with parents, relatives or others without parental responsibility": ["E13"],
    "Moved into independent living": ["E5", "E6"],
    "Aged 18 and stayed with former foster carers": ["E17"],
    "Care taken by another local authority": ["E3"],
    "Transferred to adult social care": ["E7"],
    "Sentenced to custody or remand ended": ["E9", "E14"],
    "Other reasons": ["E2", "E8", "E15", "E16"],
}
REASON_GROUP_OF = {code: group for group, codes in REASON_GROUPS.items() for code in codes}

#: Duration bands: (lowest whole days, label).
DURATION_BANDS = [(0, "Under 6 months"), (183, "6 months to under 1 year"), (365, "1 year to under 2 years"),
                  (730, "2 years to under 5 years"), (1826, "5 years and over")]

#: DfE's labels for the distance from home to placement, and for where the placement is.
WITHIN_20 = "Placed 20 miles or less from home"
OVER_20 = "Placed more than 20 miles from home"
DISTANCE_NOT_KNOWN = "Distance not known or not recorded"
DISTANCE_BANDS = [WITHIN_20, OVER_20, DISTANCE_NOT_KNOWN]
INSIDE = "Placed inside the local authority boundary"
OUTSIDE = "Placed outside the local authority boundary"
LOCALITY_NOT_KNOWN = "Placement location not known or not recorded"   # not a DfE label (see above)
LOCALITY_BANDS = [INSIDE, OUTSIDE, LOCALITY_NOT_KNOWN]

SHORT_BREAKS = ["V3", "V4"]
PLACEMENT_CHANGE = ["P", "T", "U", "B"]
COLUMNS = ["year", "measure", "breakdown", "value"]


def age_on(dob: pd.Series, on) -> pd.Series:
    """Age in whole years on a date (a Timestamp, or a Series of dates row by row)."""
    on_year, on_month, on_day = ((on.year, on.month, on.day) if isinstance(on, pd.Timestamp)
                                 else (on.dt.year, on.dt.month, on.dt.day))
    before_birthday = (dob.dt.month > on_month) | ((dob.dt.month == on_month) & (dob.dt.day > on_day))
    return on_year - dob.dt.year - before_birthday.astype(int)


def band(values, bands: list[tuple[int, str]]) -> pd.Categorical:
    """The label of the band each value falls in (bands given by their lowest value)."""
    edges = [low for low, _ in bands][1:]
    labels = np.array([label for _, label in bands], dtype=object)
    codes = np.searchsorted(edges, np.asarray(values, dtype=float), side="right")
    return pd.Categorical(labels[codes], categories=labels)


def prepare(extract: Extract) -> pd.DataFrame:
    """Episodes (short breaks removed) annotated with each child's periods of care and placements.

    Adds DOB, ``group`` (placement type), ``provider``, ``period_id``, ``period_start``,
    ``placement_id``, ``placement_start`` and ``previous_placement_start`` (the start of
    the placement before this one in the same period, NaT for the first).
    """
    keep = ["CHILD", "DECOM", "DEC", "RNE", "LS", "PLACE", "PLACE_PROVIDER", "REC"] + \
        [c for c in ("HOME_POST", "PL_POST", "URN") if c in extract.episodes.columns]
    episodes = extract.episodes.loc[~extract.episodes["LS"].isin(SHORT_BREAKS), keep]
    episodes = episodes.sort_values(["CHILD", "DECOM"], kind="stable").reset_index(drop=True)
    episodes["DOB"] = episodes["CHILD"].map(extract.header.set_index("CHILD")["DOB"])
    new_child = episodes["CHILD"].ne(episodes["CHILD"].shift())
    after_gap = episodes["DECOM"] > episodes["DEC"].shift()
    new_period = new_child | episodes["RNE"].eq("S") | after_gap
    # A return from a temporary placement (T0-T4) to the placement the child was in before it
    # (same type, postcode and provider URN) continues that placement: DfE counts no move for it.
    # Without a placement postcode it cannot be told apart from a move, and counts as one.
    temporary = episodes["PLACE"].isin(TEMPORARY).to_numpy()
    position = np.arange(len(episodes))
    candidates = np.flatnonzero(~new_period.to_numpy() & np.r_[False, temporary[:-1]] & ~temporary
                                & episodes["RNE"].isin(PLACEMENT_CHANGE).to_numpy())
    # For each row, the position of the latest episode at or before it that was not temporary.
    last_settled = np.maximum.accumulate(np.where(~temporary, position, -1))
    before = last_settled[np.maximum(candidates - 1, 0)] if len(candidates) else candidates
    returns = np.zeros(len(episodes), bool)
    if len(candidates) and "PL_POST" in episodes.columns:
        ok = before >= 0
        candidates, before = candidates[ok], before[ok]
        columns = [c for c in ("CHILD", "PLACE", "PL_POST", "URN") if c in episodes.columns]
        now, then = episodes[columns].iloc[candidates], episodes[columns].iloc[before]
        same = (now.to_numpy() == then.to_numpy()).all(axis=1) & now["PL_POST"].notna().to_numpy()
        returns[candidates[same]] = True
    new_placement = (new_period | episodes["RNE"].isin(PLACEMENT_CHANGE)) & ~returns
    episodes["period_id"] = new_period.cumsum().to_numpy()
    placement_id = new_placement.cumsum().to_numpy()
    if returns.any():
        # The return joins the placement before the temporary stay (its id, from the settled episode).
        rows = np.flatnonzero(returns)
        placement_id[rows] = placement_id[last_settled[rows - 1]]
    episodes["placement_id"] = placement_id
    episodes["new_period"] = new_period.to_numpy()
    episodes["new_placement"] = new_placement.to_numpy()
    episodes["period_start"] = episodes.groupby("period_id")["DECOM"].transform("first")
    episodes["placement_start"] = episodes.groupby("placement_id")["DECOM"].transform("first")
    firsts = episodes.loc[new_placement, ["period_id", "placement_id", "placement_start"]]
    previous = firsts["placement_start"].shift().where(firsts["period_id"].eq(firsts["period_id"].shift()))
    episodes["previous_placement_start"] = episodes["placement_id"].map(
        pd.Series(previous.to_numpy(), index=firsts["placement_id"].to_numpy()))
    episodes["group"] = episodes["PLACE"].map(PLACEMENT_GROUP_OF)
    episodes["provider"] = episodes["PLACE_PROVIDER"].map(PROVIDERS).astype(object).fillna(PROVIDER_NOT_REPORTED)
    return episodes


def year_bounds(year: int) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day of the collection year ending 31 March ``year``."""
    return pd.Timestamp(year - 1, 4, 1), pd.Timestamp(year, 3, 31)


def looked_after_on(prepared: pd.DataFrame, day: pd.Timestamp) -> pd.DataFrame:
    """The episode each child looked after on ``day`` was in (one row per child)."""
    open_then = (prepared["DECOM"] <= day) & (prepared["DEC"].isna() | (prepared["DEC"] > day))
    return prepared[open_then]


def _tidy(year: int, measure: str, labels, categories) -> pd.DataFrame:
    """Counts of each category (zeros kept) and the total as breakdown ''."""
    counts = pd.Series(labels).value_counts().reindex(list(categories), fill_value=0)
    breakdown = [""] + list(categories)
    values = [float(counts.sum())] + counts.astype(float).tolist()
    return pd.DataFrame({"year": year, "measure": measure, "breakdown": breakdown, "value": values})


def _total(year: int, measure: str, value) -> pd.DataFrame:
    return pd.DataFrame({"year": [year], "measure": [measure], "breakdown": [""], "value": [float(value)]})


def distance_rows(year: int, cla: pd.DataFrame, la_code: str | None = None) -> pd.DataFrame:
    """Children looked after at 31 March by distance from home (and, given the council, by locality),
    and the median distance in miles over those whose distance is known.

    ``cla`` holds one open episode per child with HOME_POST and PL_POST (missing columns mean
    every distance is not known). Postcodes are looked up only for these rows.
    """
    blank = pd.Series(None, index=cla.index, dtype=object)
    home, placed = cla.get("HOME_POST", blank), cla.get("PL_POST", blank)
    located = distance.locate(pd.concat([home, placed], ignore_index=True))
    n = len(cla)
    h, p = located.iloc[:n], located.iloc[n:]
    miles = distance.straight_line_miles(h["easting"].to_numpy(), h["northing"].to_numpy(),
                                         p["easting"].to_numpy(), p["northing"].to_numpy())
    labels = np.where(np.isnan(miles), DISTANCE_NOT_KNOWN, np.where(miles <= 20, WITHIN_20, OVER_20))
    parts = [_tidy(year, "cla_by_distance", labels, DISTANCE_BANDS),
             _total(year, "cla_median_distance_miles", np.nanmedian(miles) if (~np.isnan(miles)).any() else np.nan)]
    if la_code is not None:
        inside = distance.inside_council(p["district"].to_numpy(), la_code)
        where = np.where(np.isnan(inside), LOCALITY_NOT_KNOWN, np.where(inside == 1, INSIDE, OUTSIDE))
        parts.insert(1, _tidy(year, "cla_by_locality", where, LOCALITY_BANDS))
    return pd.concat(parts, ignore_index=True)


def indicators(extract: Extract, year: int, *, prepared: pd.DataFrame | None = None,
               la_code: str | None = None) -> pd.DataFrame:
    """Every indicator for the collection year ending 31 March ``year`` (tidy, counts as floats).

    ``la_code`` (DfE or ONS code of the council) adds whether each child is placed inside the
    council's boundary; without it that measure is left out.
    """
    episodes = prepare(extract) if prepared is None else prepared
    start, end = year_bounds(year)
    # What was known on 31 March: later starts dropped, later ends not yet happened.
    episodes = episodes[episodes["DECOM"] <= end]
    ended = episodes["DEC"].where(episodes["DEC"] <= end)
    episodes = episodes.assign(DEC=ended, REC=episodes["REC"].where(ended.notna()))
    parts = []

    cla = looked_after_on(episodes, end)
    parts.append(_total(year, "cla_31_march", len(cla)))
    parts.append(_tidy(year, "cla_by_placement_type", cla["group"], PLACEMENT_GROUPS))
    parts.append(_tidy(year, "cla_by_provider", cla["provider"], [*PROVIDERS.values(), PROVIDER_NOT_REPORTED]))
    cla_age = age_on(cla["DOB"], end)
    parts.append(_tidy(year, "cla_by_age", band(cla_age, AGE_BANDS), [label for _, label in AGE_BANDS]))
    parts.append(distance_rows(year, cla, la_code))
    in_care_days = (end - cla["period_start"]).dt.days
    parts.append(_tidy(year, "cla_by_duration", band(in_care_days, DURATION_BANDS),
                       [label for _, label in DURATION_BANDS]))
    in_placement_days = (end - cla["placement_start"]).dt.days
    parts.append(_tidy(year, "cla_by_time_in_placement", band(in_placement_days, DURATION_BANDS),
                       [label for _, label in DURATION_BANDS]))

    started = episodes[episodes["new_period"] & (episodes["DECOM"] >= start)]
    started = started.drop_duplicates("CHILD", keep="first")
    parts.append(_total(year, "starters", len(started)))
    parts.append(_tidy(year, "starters_by_age", band(age_on(started["DOB"], started["DECOM"]), AGE_BANDS),
                       [label for _, label in AGE_BANDS]))

    ceased = episodes[(episodes["DEC"] >= start) & episodes["REC"].notna() & episodes["REC"].ne("X1")]
    ceased = ceased.sort_values("DEC", kind="stable").drop_duplicates("CHILD", keep="last")
    parts.append(_total(year, "ceased", len(ceased)))
    parts.append(_tidy(year, "ceased_by_reason", ceased["REC"].map(REASON_GROUP_OF), REASON_GROUPS))
    care_days = (ceased["DEC"] - ceased["period_start"]).dt.days
    parts.append(_tidy(year, "ceased_by_duration", band(care_days, DURATION_BANDS),
                       [label for _, label in DURATION_BANDS]))
    parts.append(_total(year, "ceased_median_days_in_care", care_days.median() if len(care_days) else np.nan))

    moves = (episodes["new_placement"] & ~episodes["new_period"] & (episodes["DECOM"] >= start)
             & ~episodes["PLACE"].isin(TEMPORARY))
    parts.append(_total(year, "placement_moves", moves.sum()))
    parts.append(_total(year, "children_with_placement_moves", episodes.loc[moves, "CHILD"].nunique()))

    in_year = episodes[(episodes["DEC"].isna() | (episodes["DEC"] >= start)) & ~episodes["PLACE"].isin(TEMPORARY)]
    placements = in_year.groupby("CHILD")["placement_id"].nunique()
    cla_placements = cla["CHILD"].map(placements).fillna(0)
    parts.append(_total(year, "stability_3_plus_placements", (cla_placements >= 3).sum()))
    parts.append(_total(year, "stability_3_plus_placements_total", len(cla)))

    two_and_half = end - pd.DateOffset(months=30)
    two_years = end - pd.DateOffset(years=2)
    long_term = cla[(cla_age < 16) & (cla["period_start"] <= two_and_half)]
    stable = (long_term["placement_start"] <= two_years) | (
        long_term["group"].eq(ADOPTION) & (long_term["previous_placement_start"] <= two_years))
    parts.append(_total(year, "stability_long_term", stable.sum()))
    parts.append(_total(year, "stability_long_term_total", len(long_term)))
    frame = pd.concat(parts, ignore_index=True)
    frame["year"] = frame["year"].astype(int)
    return frame[COLUMNS]


def indicators_for_years(extract: Extract, years, la_code: str | None = None) -> pd.DataFrame:
    """:func:`indicators` for several collection years (the history is prepared once)."""
    prepared = prepare(extract)
    return pd.concat([indicators(extract, year, prepared=prepared, la_code=la_code) for year in years],
                     ignore_index=True)


#: Measures that are not counts of children (not subject to small-number suppression
#: as counts, see :mod:`.disclosure`) → the count they are based on: a measure (its total),
#: or (measure, [breakdowns]) for the sum of some of its cells.
DERIVED_FROM = {"ceased_median_days_in_care": "ceased",
                "cla_median_distance_miles": ("cla_by_distance", [WITHIN_20, OVER_20])}
#: Numerators → their denominators: a numerator whose complement is 1 to 5 is suppressed (see disclosure).
NUMERATORS = {"stability_3_plus_placements": "stability_3_plus_placements_total",
              "stability_long_term": "stability_long_term_total"}
