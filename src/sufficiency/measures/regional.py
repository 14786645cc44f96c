"""Figures for a group of councils (a region, a London sub-region, a co-operative), from the same
published tables the council book reads.

Skeleton: see /work/notes/regional_api.md for the contract; filled in below as it lands.
"""
from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from sufficiency.data.groups import Group

CLA_COLUMNS = ["area", "la_code", "area_name", "year", "children", "children_marker",
               "rate", "rate_marker", "population", "note"]
MEMBER_COLUMNS = ["rank", "la_code", "la_name", "children", "children_marker", "rate", "rate_marker",
                  "rate_earlier", "earlier_year", "change"]
LOCATION_COLUMNS = ["area", "la_code", "area_name", "year", "measure", "value", "marker", "unit", "note"]
SUPPLY_COLUMNS = LOCATION_COLUMNS
COST_COLUMNS = LOCATION_COLUMNS


class Total(NamedTuple):
    """A group total: its value (NaN when withheld), a DfE-style marker, and why, in words."""

    value: float
    marker: str | None
    note: str


def group_total(values: pd.Series, markers: pd.Series, names: pd.Series) -> Total:
    raise NotImplementedError


def cla(group: Group, year: int) -> pd.DataFrame:
    raise NotImplementedError


def members_table(group: Group, year: int, *, years_back: int = 5) -> pd.DataFrame:
    raise NotImplementedError


def placement_location(group: Group, year: int) -> pd.DataFrame:
    raise NotImplementedError


def not_published() -> list[str]:
    raise NotImplementedError


def supply(group: Group, year: int) -> pd.DataFrame:
    raise NotImplementedError


def costs(group: Group, year: int) -> pd.DataFrame:
    raise NotImplementedError
