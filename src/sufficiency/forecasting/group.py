"""A group's demand forecast from its members' own forecasts: points summed, ranges combined.

Skeleton: see /work/notes/regional_api.md for the contract; filled in as it lands.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from sufficiency.data.groups import Group
from sufficiency.forecasting.demand import ForecastSet

GROUP_FORECAST_COLUMNS = ["measure", "year", "point", "lower_80", "upper_80", "lower_95", "upper_95",
                          "added_lower_80", "added_upper_80", "correlation", "members", "members_missing"]


@dataclass
class GroupForecast:
    """Every member's forecasts and the group's combined forecast."""

    group: Group
    year: int
    members: dict[str, ForecastSet]
    correlation: dict[str, float] = field(default_factory=dict)
    missing: dict[str, list[str]] = field(default_factory=dict)

    def table(self) -> pd.DataFrame:
        raise NotImplementedError


def member_forecasts(group: Group, year: int) -> dict[str, ForecastSet]:
    raise NotImplementedError


def error_correlation(year: int, measure: str) -> float:
    raise NotImplementedError


def combine(frames: list[pd.DataFrame], rho: float, *, draws: int = 20000, seed: int = 2025) -> pd.DataFrame:
    raise NotImplementedError


def group_forecast(group: Group, year: int) -> GroupForecast:
    raise NotImplementedError


def group_gap(gf: GroupForecast) -> pd.DataFrame:
    raise NotImplementedError


def group_costs(gf: GroupForecast) -> pd.DataFrame:
    raise NotImplementedError
