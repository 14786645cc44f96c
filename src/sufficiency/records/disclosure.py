"""Small-number suppression before any count from record-level data is published.

DfE's rule for children looked after statistics, as this module applies it:

- **Primary suppression.** A count of 1 to 5 children is shown as ``c``. Zero is shown
  as 0 ("where any number is shown as zero, the original figure submitted was zero").
  DfE's local authority tables follow this: across every council in the 2025 CSC
  dashboard extract in ``data/raw`` no count from 1 to 5 is published, while 0 and 6
  upwards are.
- **Secondary suppression.** DfE suppresses further figures "whenever it would be
  possible to calculate the value of a suppressed number by simple arithmetic", choosing
  the next smallest figure. Here each measure's breakdown adds up to its total (breakdown
  ''), so when exactly one cell of a breakdown is suppressed the next smallest cell is
  suppressed too (a non-zero one where there is one). If a total itself has to be hidden,
  every published copy of it (the same count under other measures, e.g. the children
  looked after at 31 March is the total of every ``cla_by_…`` breakdown) is hidden too.
- Figures derived from a count (a median length of care; the median distance from home,
  based on the children whose distance is known) are shown only when that count is 6 or
  more; with no children they are ``z`` (not applicable).

Not covered: differencing between years or against figures published elsewhere (the
breakdowns here are fixed and exhaustive, which limits that risk, but a reviewer should
still look before a new table is published).

>>> frame = pd.DataFrame({"year": 2025, "measure": "m", "breakdown": ["", "a", "b", "c"],
...                       "value": [20.0, 3.0, 7.0, 10.0]})
>>> suppress(frame)["value"].tolist()
['20', 'c', 'c', '10']
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from sufficiency.core.assumptions import SUPPRESSION_THRESHOLD
from sufficiency.records.indicators import DERIVED_FROM, NUMERATORS

THRESHOLD = SUPPRESSION_THRESHOLD
SUPPRESSED = "c"
NOT_APPLICABLE = "z"

#: Measures whose total (breakdown '') is the same count as another measure's total.
SAME_TOTAL = {
    "cla_31_march": ["cla_by_placement_type", "cla_by_provider", "cla_by_age", "cla_by_duration",
                     "cla_by_time_in_placement",
                     "cla_by_distance", "cla_by_locality", "stability_3_plus_placements_total"],
    "starters": ["starters_by_age"],
    "ceased": ["ceased_by_reason", "ceased_by_duration"],
}


def primary(values: pd.Series, threshold: int = THRESHOLD) -> pd.Series:
    """True where a count is from 1 to ``threshold`` (to be shown as 'c')."""
    return (values >= 1) & (values <= threshold)


def suppress(frame: pd.DataFrame, threshold: int = THRESHOLD) -> pd.DataFrame:
    """The tidy table with ``value`` as text: whole numbers, 'c' where suppressed, 'z' not applicable."""
    # Whole numbers first, halves up as DfE rounds: a projected 0.7 children is published as 1 and so
    # is suppressed like a count of 1; what is tested is what would be shown.
    frame = frame.reset_index(drop=True)
    frame = frame.assign(value=np.floor(pd.to_numeric(frame["value"], errors="coerce").astype(float) + 0.5))
    derived = frame["measure"].isin(list(DERIVED_FROM))
    hidden = primary(frame["value"], threshold) & ~derived
    hidden = _secondary(frame, hidden, derived)
    hidden |= _small_complements(frame)
    base = _base_counts(frame, derived)
    hidden |= derived & (base <= threshold) & (base >= 1)
    not_applicable = frame["value"].isna() | (derived & (base == 0))
    text = frame["value"].astype("Int64").astype(str)
    text = text.where(~hidden, SUPPRESSED).where(~not_applicable | hidden, NOT_APPLICABLE)
    return frame.assign(value=text)


def _by_cell(frame: pd.DataFrame) -> pd.Series:
    """Values looked up by (year, measure, breakdown); the first row wins where one repeats."""
    values = frame.set_index(["year", "measure", "breakdown"])["value"]
    return values[~values.index.duplicated()]


def _small_complements(frame: pd.DataFrame, threshold: int = THRESHOLD) -> pd.Series:
    """Numerators (children with 3+ placements...) whose complement in their denominator is 1 to 5:
    published beside the denominator they would give that small number away, so they are hidden."""
    values = _by_cell(frame)
    hide = pd.Series(False, index=frame.index)
    for numerator, denominator in NUMERATORS.items():
        rows = frame.index[(frame["measure"] == numerator) & (frame["breakdown"] == "")]
        for row in rows:
            total = values.get((frame.at[row, "year"], denominator, ""), np.nan)
            rest = total - frame.at[row, "value"]
            hide[row] = bool(1 <= rest <= threshold)
    return hide


def _base_counts(frame: pd.DataFrame, derived: pd.Series) -> pd.Series:
    """For a derived figure, the count it is based on (same year); NaN elsewhere.

    The base is a measure's total, or the sum of some of its cells (``(measure, [breakdowns])``
    in ``DERIVED_FROM``); NaN when a base row is missing.
    """
    values = _by_cell(frame)

    def base(year, measure):
        source, cells = (DERIVED_FROM[measure], [""]) if isinstance(DERIVED_FROM[measure], str) \
            else DERIVED_FROM[measure]
        found = [values.get((year, source, cell), np.nan) for cell in cells]
        return float(np.sum(found))   # NaN if any cell is missing

    return pd.Series([base(y, m) if d else np.nan for y, m, d in zip(frame["year"], frame["measure"], derived)],
                     index=frame.index)


def _secondary(frame: pd.DataFrame, hidden: pd.Series, derived: pd.Series) -> pd.Series:
    """Suppress more cells until no suppressed cell equals a shown total minus shown cells."""
    hidden = hidden.copy()
    is_total = frame["breakdown"] == ""
    grouped = frame[~derived].groupby(["year", "measure"]).groups
    changed = True
    while changed:
        changed = False
        for (year, measure), rows in grouped.items():
            total_rows = [r for r in rows if is_total[r]]
            cells = [r for r in rows if not is_total[r]]
            if not total_rows or not cells or hidden[total_rows[0]]:
                continue
            if sum(hidden[r] for r in cells) != 1:
                continue
            shown = [r for r in cells if not hidden[r]]
            if not shown:
                continue
            nonzero = [r for r in shown if frame.at[r, "value"] > 0]
            pick = min(nonzero or shown, key=lambda r: (frame.at[r, "value"], r))
            hidden[pick] = True
            changed = True
        changed |= _hide_linked_totals(frame, hidden, is_total)
    return hidden


def _hide_linked_totals(frame: pd.DataFrame, hidden: pd.Series, is_total: pd.Series) -> bool:
    """Where one copy of a shared total is hidden, hide every copy; True if anything changed."""
    changed = False
    for year in frame["year"].unique():
        for head, members in SAME_TOTAL.items():
            family = frame.index[is_total & (frame["year"] == year) & frame["measure"].isin([head, *members])]
            if hidden[family].any() and not hidden[family].all():
                hidden[family] = True
                changed = True
    return changed
