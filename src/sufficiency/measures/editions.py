"""What changed since the last edition: the headline figures of this edition against the one before.

Each edition's headline figures are computed from the data as they stood at its cut-off (nothing
after its year is read), so the comparison needs no state from earlier builds. The build also keeps
each edition's record (``<out>/editions/<LA>-<year>.csv``) so later editions and analysts can see
what was published at the time.
"""
from __future__ import annotations

import math

import pandas as pd

from sufficiency.measures import indicators
from sufficiency.publishing.words import fmt_figure, fmt_number, is_missing, points

#: The figures an edition leads with, in order.
HEADLINES = [
    "cla_rate_per_10k", "share_foster_care", "share_residential", "share_placed_outside_la",
    "share_placed_over_20_miles", "share_placements_3plus", "share_long_term_stable",
    "care_leavers_suitable_accommodation", "care_leavers_eet", "uasc_count",
]
RECORD_COLUMNS = ["la_code", "edition", "indicator", "label", "year", "value", "marker", "unit", "good_direction"]


def headline_record(council, year: int, model: str = "2025") -> pd.DataFrame:
    """The latest value of each headline indicator that an edition with data to ``year`` shows."""
    rows = []
    for indicator_id in HEADLINES:
        spec = indicators.describe(indicator_id)
        table = indicators.series(indicator_id, council, year, model=model)
        last = indicators.latest(table) if not table.empty else None
        rows.append({
            "la_code": council.code, "edition": year, "indicator": indicator_id, "label": spec.label,
            "year": None if last is None else int(last["year"]),
            "value": math.nan if last is None else last["value"],
            "marker": None if last is None else last["marker"],
            "unit": spec.unit, "good_direction": spec.good_direction,
        })
    return pd.DataFrame(rows, columns=RECORD_COLUMNS)


def _shown(value, marker, unit) -> str:
    """'68%', '439', a DfE marker, or 'no data' (:data:`sufficiency.publishing.words.MISSING`)."""
    return fmt_figure(value, unit, 0, str(marker) if marker else None)


def compare_editions(current: pd.DataFrame, previous: pd.DataFrame) -> pd.DataFrame:
    """One row per headline: the figure in each edition and whether it moved the good way."""
    merged = current.merge(previous, on="indicator", suffixes=("", "_prev"), how="left")
    rows = []
    for r in merged.itertuples():
        change, verdict = "", "no comparison"
        if not (is_missing(r.value) or is_missing(r.value_prev)):
            diff = r.value - r.value_prev
            size = points(diff) if r.unit == "%" else fmt_number(abs(diff))   # '1 percentage point', '3 percentage points'
            change = "no change" if diff == 0 else f"{'+' if diff > 0 else '−'}{size}"
            if diff == 0:
                verdict = "unchanged"
            elif r.good_direction in ("up", "down"):
                good = (diff > 0) == (r.good_direction == "up")
                verdict = "better" if good else "worse"
            else:
                verdict = "higher" if diff > 0 else "lower"
        if not is_missing(r.year) and not is_missing(r.year_prev) and r.year == r.year_prev and change:
            verdict = "no newer figure"
        rows.append({
            "Measure": r.label,
            f"Edition {int(r.edition_prev)}": f"{_shown(r.value_prev, r.marker_prev, r.unit)}"
                                              + (f" ({int(r.year_prev)})" if not is_missing(r.year_prev) else ""),
            f"Edition {int(r.edition)}": f"{_shown(r.value, r.marker, r.unit)}"
                                         + (f" ({int(r.year)})" if not is_missing(r.year) else ""),
            "Change": change or "–",
            "Direction": verdict,
        })
    return pd.DataFrame(rows)


def summary_sentence(table: pd.DataFrame, council_name: str, year: int) -> str:
    counts = table["Direction"].value_counts()
    parts = [f"{counts.get(k, 0)} {k}" for k in ("better", "worse", "unchanged") if counts.get(k, 0)]
    other = len(table) - sum(counts.get(k, 0) for k in ("better", "worse", "unchanged"))
    figures = "headline figure" if len(table) == 1 else f"{len(table)} headline figures"
    text = (f"Of the {figures} in {council_name}'s edition with data to 31 March {year}, "
            f"compared with the edition a year earlier: " + (", ".join(parts) or "none is better, worse or unchanged")
            + ".")
    if other:
        text += (f" {other} cannot be compared in the good-or-bad sense (no figure in one edition, no newer "
                 "figure, or no agreed good direction).")
    return text
