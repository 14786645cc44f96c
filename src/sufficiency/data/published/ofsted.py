"""Ofsted's provider-level register at 31 March: the one reader of ``data/raw/ofsted_providers``.

Every count of children's homes in the book (England's by sector in chapter 2, each council's
area in the supply tables and maps) comes from :func:`childrens_homes`, one row per home.

**Which providers are children's homes.** Ofsted registers three provision types as children's
homes, and the book counts all three: "Children's home" (spelt "Children's Home" in a few rows
of most years), "Secure children's home", and "Residential special school (registered as a
children's home)". For 31 March 2025 the file lists 3,938 + 8 ordinary homes, 14 secure homes and
49 residential special schools registered as homes: **4,009**. Counting only the ordinary type
gives 3,946, which leaves out homes Ofsted registers and inspects under the same regulations.
The all-types count is the one Ofsted itself headlines: its main findings for 2018 give "2,209
children's homes, of all types", and the union of the two 2018 files, counted this way, is
exactly 2,209 (the ordinary type alone gives 2,124). Short-break-only homes are included in
every year, as Ofsted has done since 2024.

**A provider listed more than once** (the two 2018 files overlap: the second lists every
registered provider, the first those inspected) counts once, and its **last** listing wins: the
files are read in order, base file then ``_part2``, so the later, fuller listing's details
(sector, places) are the ones kept. Blank rows at the foot of some files are dropped.

A home is located by the ``Local authority`` column (where the home is, not who places children
there; names and addresses of homes are redacted). Active and suspended registrations both count
(a suspension is temporary). The 2015 file has no places; 2018 to 2020 have no short-break column.

>>> homes = childrens_homes(2025)
>>> int((homes.year == 2025).sum())
4009
"""
from __future__ import annotations

import gzip
import re
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from sufficiency.core import files
from sufficiency.core.errors import InputError
from sufficiency.core.paths import DATA_RAW

OFSTED_DIR = DATA_RAW / "ofsted_providers"
SOURCE_OFSTED = "Ofsted, Children's social care data in England: providers and places at 31 March"

HOME_COLUMNS = ["year", "urn", "provision_type", "local_authority", "sector", "places", "secure", "short_break"]
_FILE = re.compile(r"ofsted_provider_level_at_31_march_(\d{4})(?:_part(\d+))?\.csv\.gz$")
#: Provision types Ofsted registers as children's homes (case ignored): ordinary homes, secure
#: children's homes, and residential special schools registered as children's homes.
HOME_TYPE = re.compile(r"children'?s home", re.IGNORECASE)
#: A short-break column's cell that marks a short-break-only home: 'Yes' (2015–2016), 'Short breaks
#: only' (2017, 2025) or "Short-break-only children's home" (2021–2024); not 'Short breaks and long
#: term care'.
_SHORT_BREAK_ONLY = re.compile(r"^(?:y|yes|short[- ]breaks?[- ]only.*)$", re.IGNORECASE)


def year_files(year_max: int | None = None, folder: Path = OFSTED_DIR) -> dict[int, list[Path]]:
    """Provider-level files by the 31 March they describe, each year's parts in order (2018 has two)."""
    found: dict[int, list[tuple[int, Path]]] = {}
    for path in Path(folder).glob("ofsted_provider_level_at_31_march_*.csv.gz"):
        match = _FILE.search(path.name)
        if match and (year_max is None or int(match.group(1)) <= int(year_max)):
            found.setdefault(int(match.group(1)), []).append((int(match.group(2) or 1), path))
    if not found and year_max is None:
        raise InputError(folder, problem="no Ofsted provider-level files were found",
                         expected="files named ofsted_provider_level_at_31_march_<year>.csv.gz")
    return {year: [p for _, p in sorted(parts)] for year, parts in sorted(found.items())}


def header_row(path: Path) -> int:
    """Lines before the header: Ofsted puts a title and notes above the table in most years."""
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8-sig", errors="replace") as handle:
        for number, line in enumerate(handle):
            cells = [c.strip().strip('"') for c in line.split(",")]
            if "URN" in cells and "Provision type" in cells:
                return number
            if number > 20:
                break
    raise InputError(path, "the first 20 lines", "no header row",
                     "a row naming the columns 'URN' and 'Provision type'")


@lru_cache(maxsize=None)
def read_providers(path: Path) -> pd.DataFrame:
    """One provider-level file as text: column names on one line, no blank rows."""
    frame = files.read_csv(path, skiprows=header_row(path), encoding_errors="replace")
    frame.columns = [" ".join(str(c).replace("\ufeff", "").split()) for c in frame.columns]
    needed = ["URN", "Provision type", "Local authority", "Sector"]
    missing = [c for c in needed if c not in frame.columns]
    if missing:
        raise InputError(path, "header row", f"columns {list(frame.columns)[:12]}…", f"also {missing}")
    return frame[frame["URN"].notna()].reset_index(drop=True)


def latest_listing(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """One row per provider (URN) from files given oldest first: the last listing wins.

    >>> a = pd.DataFrame({"URN": ["1", "2"], "Places": ["3", "4"]})
    >>> latest_listing([a, pd.DataFrame({"URN": ["2"], "Places": ["6"]})]).Places.tolist()
    ['3', '6']
    """
    stacked = pd.concat(frames, ignore_index=True)
    stacked["URN"] = stacked["URN"].str.strip()
    return stacked.drop_duplicates("URN", keep="last").reset_index(drop=True)


def _homes_of_year(year: int, paths: list[Path]) -> pd.DataFrame:
    frame = latest_listing([read_providers(p) for p in paths])
    kind = frame["Provision type"].fillna("").str.strip()
    homes = frame[kind.str.contains(HOME_TYPE)]
    places = (pd.to_numeric(homes["Places"].str.strip(), errors="coerce") if "Places" in homes.columns
              else pd.Series(np.nan, index=homes.index))
    short = next((c for c in homes.columns if c.casefold().startswith("short")), None)
    short_break = (homes[short].fillna("").str.strip().str.match(_SHORT_BREAK_ONLY) if short
                   else pd.Series(False, index=homes.index))
    return pd.DataFrame({
        "year": year, "urn": homes["URN"], "provision_type": kind[homes.index],
        "local_authority": homes["Local authority"].str.strip(), "sector": homes["Sector"].fillna("").str.strip(),
        "places": places, "secure": kind[homes.index].str.contains("secure", case=False),
        "short_break": short_break.astype(bool),
    })


@lru_cache(maxsize=4)
def _homes_all(folder: Path) -> pd.DataFrame:
    frames = [_homes_of_year(year, paths) for year, paths in year_files(None, folder).items()]
    return pd.concat(frames, ignore_index=True)[HOME_COLUMNS]


def childrens_homes(year_max: int | None = None, *, folder: Path = OFSTED_DIR) -> pd.DataFrame:
    """Every children's home on Ofsted's register at 31 March each year up to ``year_max``.

    Columns: year, urn, provision_type, local_authority (Ofsted's spelling of the council the
    home is in), sector ('Private', 'Local Authority', 'Voluntary', …, as published), places
    (NaN where none is published, as in 2015), secure and short_break (True or False).
    """
    for paths in year_files(year_max, folder).values():
        for path in paths:
            files.record_read(path)
    frame = _homes_all(Path(folder))
    if year_max is not None:
        frame = frame[frame["year"] <= int(year_max)]
    return frame.reset_index(drop=True).copy()
