"""Supply of placements: what exists to meet children's needs, council by council.

Four public or local sources, each returned as a small tidy table:

- :func:`children_homes_by_council` — Ofsted-registered children's homes and their
  registered places, by the local authority the home is *in* (not the council that
  places children there), at 31 March each year (Ofsted provider-level files, 2015+;
  2015 gives no places). :func:`childrens_homes_by_sector` and :func:`private_share_of_homes`
  give England's homes by who runs them. All three count the homes that
  :func:`sufficiency.data.published.ofsted.childrens_homes` reads (every type Ofsted
  registers as a children's home; its docstring says why).
- :func:`foster_places` — the council's own approved foster places and how many were
  filled at 31 March (LAIT ``Number_Foster_Places(New)`` and ``..._Filled(New)``,
  from Ofsted's fostering data, 2022+).
- :func:`nts_transfers` — unaccompanied asylum-seeking children transferred to and from
  the council under the National Transfer Scheme, by year ending 31 March (Home Office,
  July 2016 to September 2023; the last year may be part-year: ``quarters`` says).
- :func:`nts_threshold` — the scheme's level for the council: 0.1% of its child
  population (DfE's 0–17 population estimate used for the children-looked-after rate).
- :func:`local_capacity` — the council's own fostering and supported-lodgings
  capacity from ``data/local/<council>/capacity.csv`` (None when the council has no files).

Every function takes ``year_max`` and keeps nothing after it, so the edition for
year Y uses only what was known by 31 March of year Y. Councils are matched by
name to their DfE three-digit number (``la_code``); names from Wales, Scotland and
lower-tier districts match no council and are left out.

>>> homes = children_homes_by_council(2025)
>>> row = homes[(homes.la_code == "209") & (homes.year == 2025)].iloc[0]
>>> int(row.homes), int(row.places)
(11, 43)
>>> foster_places("209", 2025).set_index("year").loc[2025, ["places", "places_filled"]].astype(int).tolist()
[135, 85]
>>> nts_transfers("209", 2023).set_index("year").loc[2023, ["transfers_in", "quarters"]].astype(int).tolist()
[9, 4]
"""
from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from sufficiency.core import files, ledger
from sufficiency.core.assumptions import NTS_THRESHOLD_SHARE
from sufficiency.core.errors import InputError
from sufficiency.core.paths import DATA_RAW
from sufficiency.data import localdata, published
from sufficiency.data.councils import Council, _councils_by_code, _name_index, _normalise, resolve_council
from sufficiency.data.published import ofsted
from sufficiency.measures.costs import period_end_year  # one definition of how a period maps to its last year

OFSTED_DIR = ofsted.OFSTED_DIR
NTS_FILE = DATA_RAW / "uasc_nts" / "home_office_national_transfer_scheme_uasc_by_la_quarterly.csv"

HOMES_COLUMNS = ["la_code", "la_name", "year", "homes", "places", "homes_with_places",
                 "council_run_homes", "council_run_places", "secure_homes", "short_break_homes"]


# ----------------------------------------------------------------------------- councils by name

def la_code_for_name(name) -> str | None:
    """The DfE number of an English council from a name as Ofsted or the Home Office spell it.

    Former councils (before a reorganisation) keep their own number; anything else
    (Welsh or Scottish councils, districts, total rows) gives None.

    >>> la_code_for_name("Bristol, City of"), la_code_for_name("Lewisham"), la_code_for_name("Cardiff")
    ('801', '209', None)
    """
    if name is None or (isinstance(name, float) and math.isnan(name)):
        return None
    return _name_index().get(_normalise(str(name)))


def _council(council) -> Council:
    return resolve_council(council)


# ----------------------------------------------------------------------------- Ofsted children's homes

@lru_cache(maxsize=1)
def _homes_all() -> pd.DataFrame:
    homes = ofsted.childrens_homes()
    names = homes["local_authority"]
    homes = homes.assign(la_code=names.map({n: la_code_for_name(n) for n in names.dropna().unique()}))
    homes = homes[homes["la_code"].notna()]
    sector = homes["sector"].str.casefold()
    table = pd.DataFrame({
        "la_code": homes["la_code"], "year": homes["year"], "homes": 1, "places": homes["places"],
        "homes_with_places": homes["places"].notna().astype(int),
        "council_run_homes": (sector == "local authority").astype(int),
        "council_run_places": homes["places"].where(sector == "local authority", 0.0),
        "secure_homes": homes["secure"].astype(int),
        "short_break_homes": homes["short_break"].astype(int),
    })
    # min_count=1: places stay NaN (unknown), not 0, where none were published.
    out = table.groupby(["la_code", "year"], as_index=False).sum(min_count=1)
    out.loc[out["places"].isna(), "council_run_places"] = np.nan
    councils = _councils_by_code()
    out["la_name"] = out["la_code"].map(lambda c: councils[c].name if c in councils else None)
    return out[HOMES_COLUMNS].sort_values(["la_code", "year"]).reset_index(drop=True)


def children_homes_by_council(year_max: int | None = None) -> pd.DataFrame:
    """Ofsted-registered children's homes and registered places in each council's area, by year.

    Columns: ``la_code, la_name, year, homes, places`` (NaN where no home's places
    are published, as in 2015), ``homes_with_places``, ``council_run_homes`` and
    ``council_run_places`` (sector 'Local authority': usually the council's own homes),
    ``secure_homes`` and ``short_break_homes`` (part of ``homes``). Homes count where
    they are, whoever runs them and whichever councils place children there.
    Active and suspended registrations both count (a suspension is temporary).
    """
    ofsted.childrens_homes(year_max)   # records the files read, even when the table is cached
    frame = _homes_all()
    if year_max is not None:
        frame = frame[frame["year"] <= int(year_max)]
    return frame.reset_index(drop=True).copy()


def children_homes(council, year_max: int | None = None) -> pd.DataFrame:
    """:func:`children_homes_by_council` for one council (any form :func:`resolve_council` takes).

    Years with no registered home in the area give a row of zeros, not a gap.
    """
    council = _council(council)
    frame = children_homes_by_council(year_max)
    years = sorted(frame["year"].unique())
    mine = frame[frame["la_code"] == council.code].set_index("year").reindex(years)
    counts = [c for c in HOMES_COLUMNS if c not in ("la_code", "la_name", "year", "places", "council_run_places")]
    mine[counts] = mine[counts].fillna(0).astype(int)
    # A year with no home at all has zero places, except when no places were published that year.
    has_places = frame.groupby("year")["places"].apply(lambda s: s.notna().any())
    for column in ("places", "council_run_places"):
        mine[column] = mine[column].where(mine[column].notna() | ~has_places.reindex(years).to_numpy(), 0.0)
    mine["la_code"], mine["la_name"] = council.code, council.name
    ledger.record_many("ofsted_childrens_homes", [(council.code, y, v) for y, v in mine["homes"].items()])
    ledger.record_many("ofsted_childrens_home_places", [(council.code, y, v) for y, v in mine["places"].items()])
    return mine.reset_index()[HOMES_COLUMNS]


def childrens_homes_by_sector(year_max: int | None = None) -> pd.DataFrame:
    """England's Ofsted-registered children's homes (all types) and their places by sector, at
    31 March each year: year, sector, homes, places (NaN where Ofsted gave no places, as in 2015).
    Sectors are as Ofsted spells them, with case made consistent ('Local Authority' and 'Local
    authority' are one sector)."""
    homes = ofsted.childrens_homes(year_max)
    homes = homes.assign(sector=homes["sector"].str.capitalize())
    grouped = homes.groupby(["year", "sector"], as_index=False).agg(
        homes=("urn", "size"), places=("places", lambda v: v.sum(min_count=1)))
    return grouped[["year", "sector", "homes", "places"]]


def private_share_of_homes(year_max: int | None = None) -> pd.DataFrame:
    """Per year: England's children's homes and places, and the shares run by private providers
    (``homes_private_pct``, ``places_private_pct``; NaN where no places were published).

    >>> table = private_share_of_homes(2025).set_index("year")
    >>> int(table.loc[2025, "homes"]), int(table.loc[2025, "places"])
    (4009, 15742)
    """
    by_sector = childrens_homes_by_sector(year_max)
    columns = ["year", "homes", "places", "homes_private_pct", "places_private_pct"]
    if by_sector.empty:
        return pd.DataFrame(columns=columns)
    total = by_sector.groupby("year")[["homes", "places"]].sum(min_count=1)
    private = by_sector[by_sector["sector"] == "Private"].set_index("year")[["homes", "places"]]
    out = total.copy()
    out["homes_private_pct"] = private["homes"] / total["homes"] * 100
    out["places_private_pct"] = private["places"] / total["places"] * 100
    ledger.record_many("ofsted_childrens_homes", [("england", y, v) for y, v in out["homes"].items()])
    ledger.record_many("ofsted_childrens_home_places", [("england", y, v) for y, v in out["places"].items()])
    return out.reset_index()[columns]


# ----------------------------------------------------------------------------- in-house foster places

def foster_places(council, year_max: int | None = None) -> pd.DataFrame:
    """The council's approved foster places and filled places at 31 March (LAIT, 2022+).

    Columns ``year, places, places_filled, places_vacant`` (places − filled; NaN
    when either is suppressed), plus ``marker_places`` / ``marker_filled`` for any
    DfE marker. These are the council's own (in-house) fostering service's places,
    leaving out family and friends carers (from 2022, as LAIT defines them); agency places are not counted by councils.
    """
    council = _council(council)
    parts = {}
    for code, name in (("Number_Foster_Places(New)", "places"), ("Number_Foster_Places_Filled(New)", "places_filled")):
        frame = published.lait_measure(code, year_max, measure=name, unit="places")
        frame = frame[frame["la_code"] == council.code].set_index("year")
        parts[name] = frame["value"]
        parts[f"marker_{'places' if name == 'places' else 'filled'}"] = frame["marker"]
    out = pd.DataFrame(parts)
    out.index.name = "year"
    out["places_vacant"] = out["places"] - out["places_filled"]
    out = out.reset_index()[["year", "places", "places_filled", "places_vacant", "marker_places", "marker_filled"]]
    return out.sort_values("year").reset_index(drop=True)


# ----------------------------------------------------------------------------- National Transfer Scheme

NTS_COLUMNS = ["la_code", "year", "transfers_in", "transfers_in_from_intake", "transfers_out", "quarters"]


@lru_cache(maxsize=1)
def _nts_all() -> pd.DataFrame:
    raw = files.read_csv(NTS_FILE, required_columns=[
        "Date", "Local Authority or HSCT (NI)", "Transfers out of Local Authority",
        "Transfers into Local Authority", "Transfers into LA from port/intake unit"])
    date = pd.to_datetime(raw["Date"], format="%Y-%m-%d", errors="coerce")
    if date.isna().any():
        row = int(np.flatnonzero(date.isna().to_numpy())[0]) + 2
        raise InputError(NTS_FILE, f"row {row}, column 'Date'", repr(raw["Date"].iloc[row - 2]),
                         "a quarter-end date such as 2022-03-31")
    frame = pd.DataFrame({
        "la_code": raw["Local Authority or HSCT (NI)"].map(
            {n: la_code_for_name(n) for n in raw["Local Authority or HSCT (NI)"].dropna().unique()}),
        # Quarters ending April–March belong to the year ending 31 March.
        "year": date.dt.year + (date.dt.month > 3).astype(int),
        "quarter_end": date,
    })
    for column, name in (("Transfers into Local Authority", "transfers_in"),
                         ("Transfers into LA from port/intake unit", "transfers_in_from_intake"),
                         ("Transfers out of Local Authority", "transfers_out")):
        values = pd.to_numeric(raw[column], errors="coerce")
        bad = values.isna() & raw[column].notna()
        if bad.any():
            row = int(np.flatnonzero(bad.to_numpy())[0]) + 2
            raise InputError(NTS_FILE, f"row {row}, column '{column}'", repr(raw[column].iloc[row - 2]),
                             "a whole number of children")
        frame[name] = values
    return frame[frame["la_code"].notna()].reset_index(drop=True)


def nts_transfers(council, year_max: int | None = None) -> pd.DataFrame:
    """Children transferred to and from the council under the National Transfer Scheme, by year.

    Years end 31 March. ``transfers_in`` counts children moved to the council from
    another council; ``transfers_in_from_intake`` those moved straight from a port
    or intake unit; ``transfers_out`` those the council passed on. ``quarters`` is how
    many of the year's four quarters are published (the series starts in the
    quarter to September 2016 and ends with the quarter to September 2023).
    Only quarters ending by 31 March of ``year_max`` count.
    """
    council = _council(council)
    files.record_read(NTS_FILE)
    frame = _nts_all()
    frame = frame[frame["la_code"] == council.code]
    if year_max is not None:
        frame = frame[frame["quarter_end"] <= pd.Timestamp(int(year_max), 3, 31)]
    out = frame.groupby("year", as_index=False).agg(
        transfers_in=("transfers_in", "sum"), transfers_in_from_intake=("transfers_in_from_intake", "sum"),
        transfers_out=("transfers_out", "sum"), quarters=("quarter_end", "nunique"))
    out.insert(0, "la_code", council.code)
    return out[NTS_COLUMNS].astype({"year": int, "quarters": int})


def nts_threshold(council, year_max: int | None = None) -> pd.DataFrame:
    """The scheme's level for the council by year: 0.1% of its child population.

    Columns ``year, population_0_17, threshold`` (not rounded; the Home Office
    rounds to whole children). The population is the one DfE uses for the rate
    per 10,000 (an ONS mid-year estimate), so it runs from 2019.

    >>> nts_threshold("209", 2025).set_index("year").loc[2025, "threshold"].round(1)
    np.float64(62.1)
    """
    council = _council(council)
    frame = published.cla_headline(year_max)
    rows = frame[(frame["la_code"] == council.code) & (frame["measure"] == "population_0_17")]
    out = rows[["year", "value"]].rename(columns={"value": "population_0_17"}).sort_values("year")
    out["threshold"] = out["population_0_17"] * NTS_THRESHOLD_SHARE
    # Shown to whole children; every page that names the level must agree with this one.
    ledger.record_many("nts_threshold", [(council.code, y, v) for y, v in zip(out["year"], out["threshold"])])
    return out.reset_index(drop=True)


# ----------------------------------------------------------------------------- the council's own figures

def local_capacity(council_slug: str, year_max: int | None = None, *, root: Path | None = None) -> pd.DataFrame | None:
    """The council's own capacity.csv with an ``end_year`` column, periods after ``year_max`` dropped.

    None when the council has no local folder (say so in the book; don't guess);
    an empty frame when the file has only its header row. A period whose year
    cannot be read ('as at some date') is kept with ``end_year`` NaN.
    """
    if not localdata.has_local_folder(council_slug, root=root):
        return None
    frame = localdata.load_capacity(council_slug, root=root)
    frame["end_year"] = frame["period"].map(period_end_year).astype(float)
    if year_max is not None:
        frame = frame[frame["end_year"].isna() | (frame["end_year"] <= int(year_max))]
    return frame.reset_index(drop=True)


# ----------------------------------------------------------------------------- one table for a council

SUPPLY_COLUMNS = ["measure", "year", "value", "unit", "source"]


def supply_summary(council, year_max: int | None = None) -> pd.DataFrame:
    """The council's public supply figures in one long table (``measure, year, value, unit, source``).

    Measures: ``childrens_homes`` and ``childrens_home_places`` (in the area),
    ``council_run_childrens_homes``, ``foster_places`` and ``foster_places_filled``
    (the council's own fostering service), ``nts_transfers_in`` (children moved to the
    council under the scheme, both routes, full years only) and ``nts_threshold``.
    """
    council = _council(council)
    parts = []
    homes = children_homes(council, year_max)
    for column, measure, unit in (("homes", "childrens_homes", "homes"),
                                  ("places", "childrens_home_places", "places"),
                                  ("council_run_homes", "council_run_childrens_homes", "homes")):
        parts.append(pd.DataFrame({"measure": measure, "year": homes["year"], "value": homes[column].astype(float),
                                   "unit": unit, "source": "Ofsted provider-level data at 31 March"}))
    foster = foster_places(council, year_max)
    for column, measure in (("places", "foster_places"), ("places_filled", "foster_places_filled")):
        parts.append(pd.DataFrame({"measure": measure, "year": foster["year"], "value": foster[column],
                                   "unit": "places", "source": "LAIT (Ofsted fostering data)"}))
    nts = nts_transfers(council, year_max)
    nts = nts[nts["quarters"] == 4]
    parts.append(pd.DataFrame({"measure": "nts_transfers_in", "year": nts["year"],
                               "value": (nts["transfers_in"] + nts["transfers_in_from_intake"]).astype(float),
                               "unit": "children", "source": "Home Office National Transfer Scheme data"}))
    threshold = nts_threshold(council, year_max)
    parts.append(pd.DataFrame({"measure": "nts_threshold", "year": threshold["year"], "value": threshold["threshold"],
                               "unit": "children", "source": "0.1% of DfE's child population estimate"}))
    out = pd.concat([p for p in parts if len(p)], ignore_index=True)
    out["year"] = out["year"].astype(int)
    return out[SUPPLY_COLUMNS].sort_values(["measure", "year"]).reset_index(drop=True)
