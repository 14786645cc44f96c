"""Movements between placement types, year on year, and a simple 3-year projection.

Each child looked after on 31 March of a year is followed to 31 March of the next: in
the same or another placement type (and, as they grow older, maybe another age band),
or out of care. Children who entered during the year and are still looked after at its
end are the year's *entries*. Pooling a few recent years gives:

- annual transition rates from (age band, placement type) to (age band, placement type)
  or to leaving care;
- the mean number of entries into each (age band, placement type) a year.

The projection is a stock-and-flow (Markov chain) model: next year's stock is this
year's stock moved by the transition rates, plus the mean entries. It assumes the
recent past's rates hold; it is a baseline, not a forecast with uncertainty.

Children who enter and leave within the same year never appear in a 31 March stock, so
they are left out of both rates and entries (they do not change the stocks).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .indicators import AGE_BANDS, age_on, band, looked_after_on, prepare
from .read import Extract

LEFT = "Left care"
ENTERED = "Entered care"
#: Short names for the placement-type groups, for tables of transitions.
SHORT_NAMES = {
    "Foster placements": "Foster",
    "Placed for adoption": "Adoption",
    "Placed with parents or other person with parental responsibility": "With parents",
    "Independent and semi-independent living arrangements/supported accommodation": "Supported/independent",
    "Secure homes and children's homes": "Children's homes",
    "Other residential settings": "Other residential",
    "Residential schools": "Residential school",
    "Other placements": "Other",
}
AGE_LABELS = [label for _, label in AGE_BANDS]


def stock(prepared: pd.DataFrame, year: int) -> pd.DataFrame:
    """Children looked after on 31 March ``year``: CHILD, age_band, placement (short name)."""
    day = pd.Timestamp(year, 3, 31)
    known = prepared[prepared["DECOM"] <= day]
    rows = looked_after_on(known, day)
    return pd.DataFrame({"CHILD": rows["CHILD"].to_numpy(),
                         "age_band": np.asarray(band(age_on(rows["DOB"], day), AGE_BANDS)),
                         "placement": rows["group"].map(SHORT_NAMES).to_numpy()})


def movements(extract: Extract, years, *, prepared: pd.DataFrame | None = None) -> pd.DataFrame:
    """Counts of children by year, from (age band, placement) on 31 March of the year before to the
    same on 31 March of ``year`` (or ``Left care``); entries have from_placement ``Entered care``."""
    prepared = prepare(extract) if prepared is None else prepared
    parts = []
    for year in years:
        before, after = stock(prepared, year - 1), stock(prepared, year)
        both = before.merge(after, on="CHILD", how="outer", suffixes=("_from", "_to"))
        both["placement_from"] = both["placement_from"].fillna(ENTERED)
        both["age_band_from"] = both["age_band_from"].fillna("")
        both["placement_to"] = both["placement_to"].fillna(LEFT)
        both["age_band_to"] = both["age_band_to"].fillna("")
        counts = both.groupby(["age_band_from", "placement_from", "age_band_to", "placement_to"]).size()
        parts.append(counts.rename("children").reset_index().assign(year=year))
    columns = ["year", "age_band_from", "placement_from", "age_band_to", "placement_to", "children"]
    return pd.concat(parts, ignore_index=True)[columns] if parts else pd.DataFrame(columns=columns)


def transition_rates(moves: pd.DataFrame) -> pd.DataFrame:
    """Pooled annual rates: the share of children in each (age band, placement) a year later in each
    (age band, placement) or out of care. Entries are left out (see :func:`entries`)."""
    stayed = moves[moves["placement_from"] != ENTERED]
    key_from = ["age_band_from", "placement_from"]
    pooled = stayed.groupby(key_from + ["age_band_to", "placement_to"], as_index=False)["children"].sum()
    pooled["rate"] = pooled["children"] / pooled.groupby(key_from)["children"].transform("sum")
    return pooled


def entries(moves: pd.DataFrame) -> pd.DataFrame:
    """Mean entries a year (still looked after at the year's end) by age band and placement."""
    years = moves["year"].nunique()
    entered = moves[moves["placement_from"] == ENTERED]
    mean = entered.groupby(["age_band_to", "placement_to"], as_index=False)["children"].sum()
    mean["children"] = mean["children"] / max(years, 1)
    return mean


def project(extract: Extract, year: int, *, horizon: int = 3, history: int = 3,
            prepared: pd.DataFrame | None = None) -> pd.DataFrame:
    """Children looked after on 31 March of each of the ``horizon`` years after ``year``, by placement.

    Rates and entries are pooled over the ``history`` years up to ``year``. Tidy output:
    ``year, measure ('projected_cla_by_placement_type'), breakdown (placement; '' total), value``.
    """
    prepared = prepare(extract) if prepared is None else prepared
    moves = movements(extract, range(year - history + 1, year + 1), prepared=prepared)
    rates = transition_rates(moves)
    states = pd.MultiIndex.from_product([AGE_LABELS, list(SHORT_NAMES.values())], names=["age_band", "placement"])
    matrix = (rates[rates["placement_to"] != LEFT]
              .pivot_table(index=["age_band_from", "placement_from"], columns=["age_band_to", "placement_to"],
                           values="rate", aggfunc="sum", fill_value=0.0)
              .reindex(index=states, columns=states, fill_value=0.0))
    # A state nobody was in during the history has no rates: its children are assumed to stay put.
    unseen = matrix.sum(axis=1).to_numpy() == 0
    seen_from = set(zip(rates["age_band_from"], rates["placement_from"]))
    transition = matrix.to_numpy()
    for i, state in enumerate(states):
        if unseen[i] and state not in seen_from:
            transition[i, i] = 1.0
    inflow = (entries(moves).set_index(["age_band_to", "placement_to"])["children"]
              .reindex(states, fill_value=0.0).to_numpy())
    now = stock(prepared, year).groupby(["age_band", "placement"]).size().reindex(states, fill_value=0)
    vector = now.to_numpy(dtype=float)
    parts = []
    for step in range(1, horizon + 1):
        vector = vector @ transition + inflow
        by_type = pd.Series(vector, index=states).groupby(level="placement").sum().reindex(SHORT_NAMES.values())
        parts.append(pd.DataFrame({"year": year + step, "measure": "projected_cla_by_placement_type",
                                   "breakdown": ["", *by_type.index], "value": [vector.sum(), *by_type.to_numpy()]}))
    return pd.concat(parts, ignore_index=True)
