"""Making part forecasts (children by placement type) add up to the forecast of the whole.

The total is forecast directly, as the steadiest series, and kept; the parts are adjusted to it
year by year.
"""
from __future__ import annotations

import pandas as pd

from sufficiency.forecasting.methods import INTERVAL_COLUMNS


def reconcile_to_total(total_fc: pd.DataFrame, parts_fc: pd.DataFrame, method: str = "proportional") -> pd.DataFrame:
    """Adjust part forecasts (e.g. by placement type) so their points add up to the total's, year by year.

    The total is forecast directly (it is the steadiest series) and kept as it is.

    - ``"proportional"``: each part is multiplied by total / sum of parts; its
      interval is multiplied by the same factor, so its relative width is kept.
    - ``"variance"`` (a diagonal "MinT-lite"): the shortfall is shared in
      proportion to each part's variance (from its 80% interval width), so the
      least certain parts move most; intervals shift with their point. A year
      where this would push a part below zero falls back to proportional.

    >>> total = pd.DataFrame({"measure": "all", "year": [2026], "point": [100.0], "lower_80": [90.0],
    ...     "upper_80": [110.0], "lower_95": [85.0], "upper_95": [115.0], "model": "drift"})
    >>> parts = pd.DataFrame({"measure": ["foster", "residential"], "year": 2026, "point": [60.0, 20.0],
    ...     "lower_80": [50.0, 15.0], "upper_80": [70.0, 25.0], "lower_95": [45.0, 12.0],
    ...     "upper_95": [75.0, 28.0], "model": "naive"})
    >>> reconcile_to_total(total, parts)["point"].tolist()
    [75.0, 25.0]
    """
    if method not in ("proportional", "variance"):
        raise ValueError(f"method must be 'proportional' or 'variance', not {method!r}")
    if total_fc["measure"].nunique() != 1 or total_fc["year"].duplicated().any():
        raise ValueError("total_fc must hold one measure, one row per year")
    if parts_fc.duplicated(["measure", "year"]).any():
        raise ValueError("parts_fc must hold one row per measure and year")
    totals = total_fc.set_index("year")["point"].astype(float)
    part_years = set(parts_fc["year"])
    if part_years != set(totals.index):
        raise ValueError(f"years differ: total has {sorted(totals.index)}, parts have {sorted(part_years)}")
    measures = parts_fc["measure"].unique()
    for year, group in parts_fc.groupby("year"):
        if set(group["measure"]) != set(measures):
            raise ValueError(f"every part needs a forecast for {year}")
    out = parts_fc.copy()
    out[INTERVAL_COLUMNS] = out[INTERVAL_COLUMNS].astype(float)
    for year, idx in out.groupby("year").groups.items():
        block = out.loc[idx]
        target = float(totals[year])
        current = float(block["point"].sum())
        shortfall = target - current
        if method == "variance":
            variance = (block["upper_80"] - block["lower_80"]).to_numpy(dtype=float) ** 2
            if variance.sum() > 0:
                shift = shortfall * variance / variance.sum()
                moved = block["point"].to_numpy() + shift
                if (moved >= 0).all():
                    for col in INTERVAL_COLUMNS:
                        out.loc[idx, col] = block[col].to_numpy() + shift
                    out.loc[idx, ["lower_80", "lower_95"]] = out.loc[idx, ["lower_80", "lower_95"]].clip(lower=0)
                    continue
        if current > 0:
            factor = target / current
            out.loc[idx, INTERVAL_COLUMNS] = block[INTERVAL_COLUMNS].to_numpy() * factor
        else:
            # All parts forecast at zero: share the total equally, intervals shifted by the same amount.
            share = target / len(block)
            for col in INTERVAL_COLUMNS:
                out.loc[idx, col] = block[col].to_numpy() + share
    return out
