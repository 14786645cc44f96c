"""Shares of a breakdown (placement type, provider, age, ethnicity, …) for a council beside
England, its region and its statistical neighbours, and the publications they come from.

>>> from sufficiency.data import published
>>> frame = published.cla_characteristics(2025, ["cla_by_provider"])
>>> table = breakdown_shares(frame, "209", "cla_by_provider", 2025).set_index("category")
>>> float(table.loc["Private provision", "council"])
57.0
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from sufficiency.data import published
from sufficiency.data.councils import Council, resolve_council, statistical_neighbours
from sufficiency.data.population import ethnicity_groups
from sufficiency.measures.trends import SOURCE_NAMES
from sufficiency.publishing.words import release_words


def shares(frame: pd.DataFrame, area: str | Council | None, measure: str, year: int) -> pd.DataFrame:
    """One area's breakdown of a measure in one year: breakdown, children, percent, marker.

    ``area`` is a council, 'england', or a region code. Percentages are DfE's published,
    rounded ones; ``marker`` carries DfE's symbol where the share is suppressed.
    """
    rows = frame[(frame["measure"] == measure) & (frame["year"] == int(year)) & (frame["breakdown"] != "")]
    if area == "england" or area is None:
        rows = rows[rows["level"] == "england"]
    elif isinstance(area, str) and area.startswith("E1"):
        rows = rows[(rows["level"] == "region") & (rows["region_code"] == area)]
    else:
        rows = rows[(rows["level"] == "local authority") & (rows["la_code"] == resolve_council(area).code)]
    counts = rows[rows["unit"] == "children"].set_index("breakdown")
    pct = rows[rows["unit"].isin(["%", "per cent"])].set_index("breakdown")
    order = list(dict.fromkeys(rows["breakdown"]))
    out = pd.DataFrame({"breakdown": order})
    out["children"] = out["breakdown"].map(counts["value"]) if len(counts) else np.nan
    out["percent"] = out["breakdown"].map(pct["value"]) if len(pct) else np.nan
    out["marker"] = out["breakdown"].map(pct["marker"]) if len(pct) else None
    out["marker"] = out["marker"].where(out["marker"].notna(), None)
    return out


def breakdown_shares(frame: pd.DataFrame, council: str | Council, measure: str, year: int,
                     model: str = "2025") -> pd.DataFrame:
    """Shares (%) of a breakdown in ``year`` for the council, England, its region and the simple
    average of its statistical neighbours: columns category, council, council_marker, england,
    region, neighbours. Categories with no value anywhere are dropped."""
    council = resolve_council(council)
    local = shares(frame, council, measure, year).set_index("breakdown")
    england = shares(frame, "england", measure, year).set_index("breakdown")
    region = shares(frame, council.region_code, measure, year).set_index("breakdown")
    neighbour_tables = [shares(frame, n, measure, year).set_index("breakdown")["percent"]
                        for n in statistical_neighbours(council, model)]
    categories = list(dict.fromkeys([*england.index, *local.index]))
    out = pd.DataFrame({"category": categories})
    out["council"] = out["category"].map(local["percent"]) if len(local) else np.nan
    out["council_marker"] = out["category"].map(local["marker"]) if len(local) else None
    out["england"] = out["category"].map(england["percent"]) if len(england) else np.nan
    out["region"] = out["category"].map(region["percent"]) if len(region) else np.nan
    if neighbour_tables:
        out["neighbours"] = out["category"].map(pd.concat(neighbour_tables, axis=1).mean(axis=1))
    else:
        out["neighbours"] = np.nan
    out["council_marker"] = out["council_marker"].where(out["council_marker"].notna(), None)
    keep = out[["council", "england", "neighbours"]].fillna(0).gt(0).any(axis=1) | out["council_marker"].notna()
    # Subtotals ('Total in education, …') would count children twice beside their parts.
    keep &= ~out["category"].str.startswith("Total")
    out["category"] = out["category"].str.replace(r"^\d+\. ", "", regex=True).str.replace(
        "the LA boundary", "the council's boundary", regex=False)
    return out[keep].reset_index(drop=True)


def source_name(source: str) -> str:
    """The publication behind a tidy ``source`` id ('ees_cla' → 'DfE, Children looked after …').

    >>> source_name("lait")
    'DfE, Local Authority Interactive Tool (LAIT)'
    """
    return SOURCE_NAMES.get(source, source)


def breakdown_source(frame: pd.DataFrame, measure: str, year: int) -> str:
    """The publication and release behind a breakdown's rows for one year."""
    rows = frame[(frame["measure"] == measure) & (frame["year"] == int(year))]
    parts = sorted({f"{source_name(s)} ({release_words(r)})" for s, r in zip(rows["source"], rows["release"])})
    return "; ".join(parts) or "no rows published"


def ethnicity_against_population(council: str | Council, year: int) -> pd.DataFrame:
    """The ethnicity of children looked after on 31 March ``year`` (DfE, five groups) beside the
    council's residents of all ages (Census 2021): columns group, short, cla_children, cla_pct,
    cla_marker, residents_pct, england_cla_pct, england_residents_pct."""
    council = resolve_council(council)
    chars = published.cla_characteristics(year, ["cla_by_ethnicity"])
    local = shares(chars, council, "cla_by_ethnicity", year).set_index("breakdown")
    england = shares(chars, "england", "cla_by_ethnicity", year).set_index("breakdown")
    residents = ethnicity_groups(council, year)
    england_residents = ethnicity_groups(None, year)
    groups = residents if len(residents) else ethnicity_groups(None)
    out = groups[["group", "short"]].copy()
    out["cla_children"] = out["group"].map(local["children"]) if len(local) else np.nan
    out["cla_pct"] = out["group"].map(local["percent"]) if len(local) else np.nan
    out["cla_marker"] = out["group"].map(local["marker"]) if len(local) else None
    out["residents_pct"] = out["group"].map(residents.set_index("group")["percent"]) if len(residents) else np.nan
    out["england_cla_pct"] = out["group"].map(england["percent"]) if len(england) else np.nan
    out["england_residents_pct"] = (out["group"].map(england_residents.set_index("group")["percent"])
                                    if len(england_residents) else np.nan)
    out["cla_marker"] = out["cla_marker"].where(out["cla_marker"].notna(), None)
    return out.reset_index(drop=True)
