"""DfE's statistical first releases of 2010 to 2017: children looked after on 31 March, starters
and ceased, per council, region and England, from each year's underlying data.

Each year's folder holds several CSVs whose names and column names changed between years;
:data:`_SFR_HEADLINE` says how each measure's file and column are recognised.

>>> SFR_RELEASES[2017]
'SFR50/2017'
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from sufficiency.core import files
from sufficiency.core.errors import InputError
from sufficiency.core.paths import DATA_RAW
from sufficiency.data.councils import _councils_by_code
from sufficiency.data.published.tidy import (
    ALL_REGION_NAMES,
    REGION_BY_NAME,
    empty_frame,
    finish,
    none_for_missing,
    parse_values,
)

SFR = DATA_RAW / "cla_sfr_underlying_2010_2017"

_SFR_HEADLINE = {  # tidy measure → (file name pattern, how its column name starts in each year's file)
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
    region_from_name = names.str.casefold().map(REGION_BY_NAME)
    region_of_la = out["la_code"].map(lambda c: councils[c].region_code if c in councils else None)
    out["region_code"] = np.where(is_la, region_of_la, np.where(level == "region", region_from_name, None))
    out["la_name"] = np.where(is_la, out["la_code"].map(lambda c: councils[c].name if c in councils else None)
                              .fillna(names),
                              np.where(level == "region", out["region_code"].map(ALL_REGION_NAMES), "England"))
    out["region_name"] = out["region_code"].map(lambda c: ALL_REGION_NAMES.get(c) if c else None)
    out = out[level.notna()]
    return none_for_missing(out, ("la_code", "region_code", "region_name"))


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
            value, marker = parse_values(rows, column, path)
            frames.append(geography.assign(year=year, measure=measure, breakdown="", value=value, marker=marker,
                                           unit="children", source="sfr_cla", release=SFR_RELEASES[year]))
    return finish(pd.concat(frames, ignore_index=True), year_max) if frames else empty_frame()
