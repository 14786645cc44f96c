"""ONS price indices (``data/raw/prices``): the GDP deflator and CPIH, by calendar year and quarter,
and by financial year (April to March, the mean of its four quarters).

The GDP deflator is the index used to carry the council's weekly costs from the year they were
priced in to the edition's prices: HM Treasury uses it for public spending in real terms.

>>> round(financial_year_index(2025), 3), round(financial_year_index(2021), 3)
(112.375, 95.825)
>>> round(price_factor(2021, 2025), 4)
1.1727
>>> financial_year_index(2027) is None     # the index does not reach 2026-27 yet
True
"""
from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from sufficiency.core import files
from sufficiency.core.errors import InputError
from sufficiency.core.paths import DATA_RAW

PRICES = DATA_RAW / "prices"
GDP_DEFLATOR = PRICES / "ons_gdp_deflator_ybgb.csv"
CPIH = PRICES / "ons_cpih_l522.csv"
COLUMNS = ["series_id", "dataset_id", "title", "base", "release_date", "period_type", "period", "value"]
#: How the book names each index for readers.
INDEX_NAMES = {
    "YBGB": "the ONS GDP deflator (series YBGB)",
    "L522": "the ONS consumer prices index including housing costs (CPIH, series L522)",
}
_QUARTER = re.compile(r"^(\d{4}) Q([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")


@lru_cache(maxsize=4)
def price_index(path=GDP_DEFLATOR) -> pd.DataFrame:
    """One ONS index as a table: ``series_id, base, release_date, period_type, period, year,
    quarter, value`` (``quarter`` 0 for a calendar year). A period or value that cannot be read
    raises :class:`InputError` naming the file, row and column."""
    raw = files.read_csv(path, required_columns=COLUMNS)
    if raw.empty:
        raise InputError(path, problem="the file has a header but no data rows",
                         expected="one row per year or quarter of the index")
    years, quarters, values = [], [], []
    for label, row in raw.iterrows():
        where = f"row {label + 2}"
        pattern = {"quarter": _QUARTER, "calendar_year": _YEAR}.get(str(row["period_type"]).strip())
        if pattern is None:
            raise InputError(path, f"{where}, column 'period_type'", repr(row["period_type"]),
                             "'calendar_year' or 'quarter'")
        match = pattern.match(str(row["period"]).strip())
        if match is None:
            raise InputError(path, f"{where}, column 'period'", repr(row["period"]),
                             "a year such as 2024 or a quarter such as 2024 Q3, matching period_type")
        try:
            value = float(row["value"])
        except (TypeError, ValueError):
            value = float("nan")
        if not value > 0:
            raise InputError(path, f"{where}, column 'value'", repr(row["value"]), "an index value above zero")
        years.append(int(match.group(1)))
        quarters.append(int(match.group(2)) if row["period_type"].strip() == "quarter" else 0)
        values.append(value)
    out = raw[["series_id", "base", "release_date", "period_type", "period"]].copy()
    out["year"], out["quarter"], out["value"] = years, quarters, values
    duplicated = out.duplicated(["year", "quarter"])
    if duplicated.any():
        label = duplicated.idxmax()
        raise InputError(path, f"row {label + 2}", f"a second row for {out.loc[label, 'period']!r}",
                         "one row per year or quarter")
    return out


def financial_year_index(year_end: int, path=GDP_DEFLATOR) -> float | None:
    """The index for the financial year ending in March ``year_end``: the mean of its quarters
    (Q2 to Q4 of the year before, Q1 of ``year_end``). None when a quarter is not yet published."""
    frame = price_index(path)
    quarters = frame[frame["quarter"] > 0].set_index(["year", "quarter"])["value"]
    wanted = [(year_end - 1, 2), (year_end - 1, 3), (year_end - 1, 4), (year_end, 1)]
    if not all(q in quarters.index for q in wanted):
        return None
    return float(sum(quarters[q] for q in wanted) / 4)


def price_factor(from_year_end: int, to_year_end: int, path=GDP_DEFLATOR) -> float | None:
    """What £1 in the financial year ending ``from_year_end`` is worth in prices of the one ending
    ``to_year_end``; None when either year is outside the index."""
    start, end = financial_year_index(from_year_end, path), financial_year_index(to_year_end, path)
    if start is None or end is None:
        return None
    return end / start


def index_release(path=GDP_DEFLATOR) -> str:
    """The index's ONS release date, as the file gives it ('2025-06-30')."""
    return str(price_index(path)["release_date"].iloc[0])
