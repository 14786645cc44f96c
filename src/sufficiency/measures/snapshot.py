"""The measures chapters 3 and 4 show, and chapter 3's snapshot of a council's headline figures.

A measure that is also a scorecard indicator (share in foster care, three or more placements, …)
is defined once, in :data:`sufficiency.measures.indicators.REGISTRY`; :func:`shared` turns that
definition into a :class:`Measure`, and only the chapter's own key and label live here.

>>> snap = snapshot("209", 2025).set_index("key")
>>> int(snap.loc["cla", "value"]), int(snap.loc["cla", "previous"]), int(snap.loc["cla", "year"])
(439, 453, 2025)
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from sufficiency.core.errors import InputError
from sufficiency.data import published
from sufficiency.data.councils import Council, resolve_council
from sufficiency.measures import comparators, indicators


@dataclass(frozen=True)
class Measure:
    """A measure with what it is, where it comes from and which way is better for children.

    Measures the scorecard also uses are made by :func:`shared`, never typed here: their
    ``indicator`` names the :data:`indicators.REGISTRY` entry every other field comes from.
    """

    key: str
    label: str                    # plain words, for tables and sentences
    loader: str                   # name in LOADERS (resolved at call time, so tests can swap it);
                                  # '' when ``indicator`` gives the definition
    measure: str
    unit: str                     # tidy unit of the rows ('%', 'children', 'per 10,000 children')
    breakdown: str = ""
    good: str | None = None       # 'High', 'Low' or None (as LAIT's polarity)
    ndigits: int = 0
    compared: bool = True         # False for counts
    loader_args: tuple = field(default=())
    indicator: str | None = None  # the registry id this measure is defined by, if any

    def frame(self, year_max: int | None) -> pd.DataFrame:
        """The tidy rows this measure is read from, up to ``year_max``."""
        if self.indicator:        # the registry's own loader, looked up at call time
            return indicators.REGISTRY[self.indicator].loader(year_max)
        return LOADERS[self.loader](year_max, *self.loader_args)


def shared(indicator_id: str, key: str, label: str | None = None) -> Measure:
    """The scorecard indicator ``indicator_id`` as a chapter 3 or 4 measure: loader, measure,
    breakdown, unit, better direction, decimals and whether comparators apply all come from
    :data:`indicators.REGISTRY`; ``key`` and ``label`` (default: the registry's) are this
    chapter's names for it.

    >>> m = shared("share_placements_3plus", "three_plus", "Three or more placements in the year (%)")
    >>> (m.measure, m.breakdown, m.unit, m.good, m.compared)
    ('stability_3_plus_placements', '', '%', 'Low', True)
    """
    spec = indicators.REGISTRY[indicator_id]
    if spec.loader is None or spec.tidy_unit is None:
        raise ValueError(f"indicator {indicator_id!r} has no published series to show in chapters 3 and 4")
    return Measure(key, label or spec.label, "", spec.measure, spec.tidy_unit, spec.breakdown, spec.polarity,
                   spec.ndigits, spec.comparable, indicator=indicator_id)


def _characteristics(year_max, *measures):
    return published.cla_characteristics(year_max, list(measures) or None)


#: The published readers a :class:`Measure` names by its ``loader``.
LOADERS = {
    "headline": lambda year_max: published.cla_headline(year_max),
    "characteristics": _characteristics,
    "stability": lambda year_max: published.placement_stability(year_max),
    "uasc": lambda year_max: published.uasc(year_max),
    "care_leavers": lambda year_max, topic="accommodation": published.care_leavers(year_max, topic),
    "ceased": lambda year_max: published.ceased_by_characteristics(year_max),
    "new_placements": lambda year_max: published.new_placements(year_max),
    "missing": lambda year_max: published.missing_episodes(year_max),
    "staying_put": lambda year_max: published.staying_put(year_max),
}

#: The snapshot's rows (chapter 3), in order. The inside-the-boundary and within-20-miles rows are
#: the other halves of the registry's outside-the-boundary and over-20-miles shares (DfE publishes
#: each half as its own rounded percentage), so they are measures of their own.
SNAPSHOT: list[Measure] = [
    Measure("cla", "Children looked after on 31 March", "headline", "cla_31_march", "children", compared=False),
    shared("cla_rate_per_10k", "cla_rate", "Children looked after per 10,000 children"),
    shared("share_foster_care", "foster", "Living in foster placements (%)"),
    Measure("inside", "Placed inside the council's boundary (%)", "characteristics", "cla_by_locality", "%",
            "Placed inside the local authority boundary", "High", loader_args=("cla_by_locality",)),
    Measure("within_20", "Placed 20 miles or less from home (%)", "characteristics", "cla_by_distance", "%",
            "Placed 20 miles or less from home", "High", loader_args=("cla_by_distance",)),
    shared("share_placements_3plus", "three_plus", "Three or more placements in the year (%)"),
    shared("share_long_term_stable", "long_term", "Long-term stability: same carer for 2+ years (%)"),
    shared("uasc_count", "uasc", "Unaccompanied asylum-seeking children"),
    Measure("uasc_share", "Unaccompanied asylum-seeking children (% of those looked after)", "characteristics",
            "cla_by_uasc", "%", "UASC", None, loader_args=("cla_by_uasc",)),
    shared("care_leavers_suitable_accommodation", "leavers_suitable",
           "Care leavers aged 19 to 21 in suitable accommodation (%)"),
]
#: The snapshot's measures by key (chapter 4 shows several of them over time).
SNAPSHOT_BY_KEY = {m.key: m for m in SNAPSHOT}


def comparison_table(measure: Measure, council: str | Council, year: int, model: str = "2025") -> pd.DataFrame:
    """:func:`comparators.comparators` for a measure (empty when the publication has no rows)."""
    frame = measure.frame(year)
    try:
        return comparators.comparators(frame, council, measure.measure, measure.unit, breakdown=measure.breakdown,
                                       model=model, polarity=measure.good)
    except InputError:
        return pd.DataFrame(columns=["year", "council", "council_marker", "england", "neighbours_mean"])


def snapshot(council: str | Council, year: int, model: str = "2025") -> pd.DataFrame:
    """The council's headline figures for ``year`` (or the latest year before it with a published
    figure, named in ``year``), one row per :data:`SNAPSHOT` measure.

    Columns: key, label, unit, ndigits, good, compared, year, value, marker, previous_year, previous,
    previous_marker, england, neighbours, quartile. Missing figures stay NaN with DfE's marker (or
    None when the publication has no row at all).
    """
    council = resolve_council(council)
    rows = []
    for m in SNAPSHOT:
        table = comparison_table(m, council, year, model)
        row = {"key": m.key, "label": m.label, "unit": m.unit, "ndigits": m.ndigits, "good": m.good,
               "compared": m.compared, "year": np.nan, "value": np.nan, "marker": None,
               "previous_year": np.nan, "previous": np.nan, "previous_marker": None,
               "england": np.nan, "neighbours": np.nan, "quartile": None}
        if len(table):
            table = table.set_index("year")
            # The latest year with either a value or a marker for the council.
            present = table[table["council"].notna() | table["council_marker"].notna()]
            if len(present):
                latest = int(present.index.max())
                row.update(year=latest, value=table.at[latest, "council"], marker=table.at[latest, "council_marker"],
                           england=table.at[latest, "england"], neighbours=table.at[latest, "neighbours_mean"],
                           quartile=table.at[latest, "quartile"] if "quartile" in table else None)
                if latest - 1 in table.index and (pd.notna(table.at[latest - 1, "council"])
                                                  or table.at[latest - 1, "council_marker"] is not None):
                    row.update(previous_year=latest - 1, previous=table.at[latest - 1, "council"],
                               previous_marker=table.at[latest - 1, "council_marker"])
        rows.append(row)
    return pd.DataFrame(rows)
