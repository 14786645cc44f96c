"""A council's published figure each year beside England, its region and its statistical
neighbours, with its rank and LAIT-style quartile band among all councils.

>>> from sufficiency.data import published
>>> table = comparators(published.cla_headline(2025), "209", "cla_31_march", published.PER_10K)
>>> table.set_index("year").loc[2025, ["council", "england", "region"]].astype(int).tolist()
[71, 67, 48]
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from sufficiency.core import ledger
from sufficiency.core.errors import InputError
from sufficiency.data.councils import all_councils, resolve_council, statistical_neighbours
from sufficiency.data.published import lait_polarity

#: Polarity of tidy measures that have a LAIT equivalent (None: no better direction).
LAIT_POLARITY: dict[str, str | None] = {"cla_31_march": None, "starters": None, "ceased": None}


def _select(frame: pd.DataFrame, measure: str, unit: str | None, breakdown: str = "") -> pd.DataFrame:
    rows = frame[(frame["measure"] == measure) & (frame["breakdown"] == breakdown)]
    if unit is not None:
        rows = rows[rows["unit"] == unit]
    if rows.empty:
        raise InputError("measure", None, f"{measure!r} in unit {unit!r}",
                         f"one of {sorted(frame['measure'].unique())}")
    return rows


BANDS = {1: "A", 2: "B", 3: "C", 4: "D"}


def quartile_bands(values: pd.Series, polarity: str | None) -> pd.Series:
    """LAIT-style quartile band per council: A is the best quarter, D the worst.

    With polarity 'High' (higher is better) the highest values get A; with 'Low'
    the lowest get A; with no polarity A is simply the highest values. Councils
    are ranked (ties share the lower rank) and split into quarters of the councils
    that have a value; NaN stays unbanded.

    >>> quartile_bands(pd.Series([1, 2, 3, 4, 5, 6, 7, 8.0]), "Low").tolist()
    ['A', 'A', 'B', 'B', 'C', 'C', 'D', 'D']
    """
    known = values.dropna()
    bands = pd.Series(None, index=values.index, dtype=object)
    if known.empty:
        return bands
    ascending = polarity == "Low"
    rank = known.rank(method="min", ascending=ascending)
    quarter = np.ceil(rank / len(known) * 4).clip(1, 4).astype(int)
    bands.loc[known.index] = quarter.map(BANDS)
    return bands.astype(object).where(bands.notna(), None)


def comparators(frame: pd.DataFrame, council, measure: str, unit: str | None = None, *,
                breakdown: str = "", model: str = "2025", polarity: str | None = "lait",
                lait_code: str | None = None) -> pd.DataFrame:
    """Per year: the council, England, its region, and its statistical neighbours.

    Columns: year, council, england, region, neighbours_mean, neighbours_min,
    neighbours_max, neighbours_n (how many neighbours had a value), council_marker,
    rank (1 = best, or highest when there is no polarity), councils_ranked, quartile
    (A–D as in LAIT). The neighbours' mean is a simple mean of their published
    values (as LAIT does), not weighted by population.

    ``polarity`` is 'High', 'Low', None, or 'lait' to take it from the LAIT
    dictionary for ``lait_code`` (the LAIT code of the same measure, when known).
    """
    council = resolve_council(council)
    rows = _select(frame, measure, unit, breakdown)
    if polarity == "lait":
        polarity = lait_polarity(lait_code) if lait_code else LAIT_POLARITY.get(measure)
    las = rows[rows["level"] == "local authority"]
    wide = las.pivot_table(index="year", columns="la_code", values="value", aggfunc="first", dropna=False)
    years = sorted(rows["year"].unique())
    wide = wide.reindex(years)
    neighbours = [n.code for n in statistical_neighbours(council, model)]
    present = [n for n in neighbours if n in wide.columns]
    out = pd.DataFrame(index=pd.Index(years, name="year"))
    out["council"] = wide[council.code] if council.code in wide.columns else np.nan
    markers = las[las["la_code"] == council.code].set_index("year")["marker"]
    out["council_marker"] = markers.reindex(out.index).where(lambda s: s.notna(), None)
    england = rows[rows["level"] == "england"].set_index("year")["value"]
    out["england"] = england.reindex(out.index)
    region = rows[(rows["level"] == "region") & (rows["region_code"] == council.region_code)]
    out["region"] = region.set_index("year")["value"].reindex(out.index)
    sub = wide[present]
    out["neighbours_mean"] = sub.mean(axis=1)
    out["neighbours_min"] = sub.min(axis=1)
    out["neighbours_max"] = sub.max(axis=1)
    out["neighbours_n"] = sub.notna().sum(axis=1)
    current = [c.code for c in all_councils() if c.code in wide.columns]
    # Every year at once, as quartile_bands does one year: ranked among the councils with a value.
    values = wide[current]
    ranked = values.rank(axis=1, method="min", ascending=polarity == "Low")
    counts = values.notna().sum(axis=1)
    own = ranked[council.code] if council.code in ranked.columns else pd.Series(np.nan, index=ranked.index)
    quarter = np.ceil(own / counts.where(counts > 0) * 4).clip(1, 4)
    out["rank"] = own.to_numpy()
    out["councils_ranked"] = counts.to_numpy()
    out["quartile"] = [BANDS[int(q)] if pd.notna(q) else None for q in quarter]
    out["polarity"] = polarity
    _to_ledger(out, council, measure, unit, breakdown, model)
    return out.reset_index()


def figure_key(measure: str, breakdown: str = "", unit: str | None = None) -> str:
    """The name a published figure goes by in the figures ledger: the publication's measure, its
    breakdown and unit, so two pages reading the same figure share one name.

    >>> figure_key("cla_by_placement_type", "Foster placements", "%")
    'cla_by_placement_type|Foster placements|%'
    """
    return "|".join([measure, breakdown or "", unit or ""])


def _to_ledger(out: pd.DataFrame, council, measure: str, unit, breakdown: str, model: str) -> None:
    """Every value this table gives a page, for the build's one-figure-one-value check."""
    key = figure_key(measure, breakdown, unit)
    rows = []
    for year, r in out.iterrows():
        rows += [(council.code, year, r["council"]), ("england", year, r["england"]),
                 (council.region_code, year, r["region"]), (f"neighbours of {council.code} ({model})", year,
                                                            r["neighbours_mean"])]
    ledger.record_many(key, rows, ndigits=1)
