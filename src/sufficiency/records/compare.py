"""The council's own figures beside DfE's published figures for the same council and year.

:func:`published_comparison` lines up the tidy output of
:func:`.indicators.indicators_for_years`, **after** :func:`.disclosure.suppress` (values
as text: whole numbers, ``c``, ``z``), with what DfE publishes for the council:

- ``cla_31_march``, ``starters``, ``ceased`` from :func:`sufficiency.data.published.cla_headline`;
- ``cla_by_placement_type``, ``cla_by_age``, ``cla_by_provider`` and, when the own table
  has it, ``cla_by_distance`` from :func:`sufficiency.data.published.cla_characteristics` (the
  categories only; their total is ``cla_31_march``);
- ``stability_3_plus_placements`` and ``stability_long_term`` from
  :func:`sufficiency.data.published.placement_stability`, as counts and as the percentage DfE publishes
  (numerator / denominator × 100, rounded half up to a whole number, as DfE rounds).
  Our percentage is shown as ``c`` whenever the count or its denominator is suppressed:
  a percentage of a known denominator would give a hidden count away.

DfE's markers stay as text (``c``, ``z``, ``x``...), never zero; a figure DfE does not
publish is blank. ``difference`` (own − published) is a number only where both sides are
numbers, and blank (NaN) otherwise.

Why the two can differ, even for the council's real return:

- DfE's figures are from the return as it stood when the statistics were made; a
  council's extract taken later includes late entries and corrections (a child's
  episode back-dated, a reason for leaving changed), so the counts move by a few.
- DfE rounds percentages (and, nationally, some counts) and suppresses small numbers;
  we round and suppress the same way, so a 'c' on either side leaves no difference.
- Some definitions here are simpler than DfE's (see :mod:`.indicators`: long-term
  stability uses the same placement, not the same carer; history before the first
  extract is unknown), which mostly affects stability and durations.
- A synthetic extract is fitted to the published figures of its last year only, so the
  earlier years, and any breakdown it was not fitted to, are not meant to match.

>>> percentage("37", "439"), percentage("c", "439"), percentage("0", "0")
('8', 'c', 'z')
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from sufficiency.core.markers import round_half_up
from sufficiency.data.published import cla_characteristics, cla_headline, placement_stability

COLUMNS = ["measure", "breakdown", "label", "own", "published", "difference", "unit"]
HEADLINE = ["cla_31_march", "starters", "ceased"]
CHARACTERISTICS = ["cla_by_placement_type", "cla_by_age", "cla_by_provider", "cla_by_distance"]
STABILITY = {"stability_3_plus_placements": "stability_3_plus_placements_total",
             "stability_long_term": "stability_long_term_total"}
#: Plain labels of the totals (a breakdown's label is the breakdown itself).
LABELS = {
    "cla_31_march": "Children looked after on 31 March",
    "starters": "Children who started to be looked after in the year",
    "ceased": "Children who stopped being looked after in the year",
    "stability_3_plus_placements": "Children looked after on 31 March with 3 or more placements in the year",
    "stability_long_term": "Children under 16 looked after for 2½ years or more, in the same placement for 2 years",
}
ORDER = [*HEADLINE, *CHARACTERISTICS, *STABILITY]


def _number(text) -> float:
    """A whole-number text → float; anything else (marker, blank) → NaN."""
    try:
        return float(text)
    except (TypeError, ValueError):
        return math.nan


def _text(value: float, marker) -> str:
    """A published figure as text: the number, else its DfE marker, else '' (not published)."""
    if value is not None and not (isinstance(value, float) and math.isnan(value)):
        return f"{round_half_up(float(value)):.0f}" if float(value).is_integer() else str(value)
    return marker if isinstance(marker, str) and marker else ""


def percentage(numerator: str, denominator: str) -> str:
    """DfE-style whole-number percentage from two suppressed counts (text in, text out)."""
    top, bottom = _number(numerator), _number(denominator)
    if math.isnan(top) or math.isnan(bottom):
        return "c" if "c" in (numerator, denominator) else ""
    if bottom == 0:
        return "z"
    return f"{round_half_up(100 * top / bottom):.0f}"


def _published(la_code: str, year: int, measures: list[str]) -> pd.DataFrame:
    """DfE's figures for the council and year: measure, breakdown, unit, published (text)."""
    frames = []
    if any(m in HEADLINE for m in measures):
        frames.append(cla_headline(year_max=year))
    if any(m in CHARACTERISTICS for m in measures):
        frames.append(cla_characteristics(year, [m for m in measures if m in CHARACTERISTICS]))
    if any(m in STABILITY for m in measures):
        frames.append(placement_stability(year))
    if not frames:
        return pd.DataFrame(columns=["measure", "breakdown", "unit", "published"])
    frame = pd.concat(frames, ignore_index=True)
    frame = frame[(frame["la_code"] == str(la_code)) & (frame["year"] == int(year))
                  & frame["measure"].isin(measures) & frame["unit"].isin(["children", "%"])]
    frame = frame[~(frame["measure"].isin(CHARACTERISTICS) & (frame["breakdown"] == ""))]
    # Counts only, except the stability percentages DfE headlines.
    frame = frame[(frame["unit"] == "children") | frame["measure"].isin(list(STABILITY))]
    published = [_text(v, m) for v, m in zip(frame["value"], frame["marker"])]
    return frame.assign(published=published)[["measure", "breakdown", "unit", "published"]]


def _own(own: pd.DataFrame, year: int) -> pd.DataFrame:
    """The own table's rows for the comparison: measure, breakdown, unit, own (text)."""
    rows = own[own["year"].astype(int) == int(year)].copy()
    rows["value"] = rows["value"].astype(str)
    keep = rows["measure"].isin([*HEADLINE, *STABILITY]) & (rows["breakdown"] == "")
    keep |= rows["measure"].isin(CHARACTERISTICS) & (rows["breakdown"] != "")
    counts = rows[keep].assign(unit="children").rename(columns={"value": "own"})
    values = rows[rows["breakdown"] == ""].set_index("measure")["value"]
    shares = [{"measure": m, "breakdown": "", "unit": "%", "own": percentage(values[m], values[d])}
              for m, d in STABILITY.items() if m in values.index and d in values.index]
    return pd.concat([counts[["measure", "breakdown", "unit", "own"]], pd.DataFrame(shares)], ignore_index=True)


def published_comparison(own: pd.DataFrame, la_code: str, year: int) -> pd.DataFrame:
    """Own (suppressed) figures beside DfE's for the council and ``year``; see the module's notes.

    Columns ``measure, breakdown, label, own, published, difference, unit``. ``own`` and
    ``published`` are text (numbers or DfE markers; '' where a side has no figure);
    ``difference`` is own − published as a float, NaN unless both are numbers. Only
    measures the own table holds are compared; within them every category either side
    has is listed, in the order of the own table.
    """
    mine = _own(own, year)
    measures = [m for m in ORDER if m in set(mine["measure"])]
    theirs = _published(la_code, year, measures)
    mine["_row"] = np.arange(len(mine))
    table = mine.merge(theirs, on=["measure", "breakdown", "unit"], how="outer")
    table[["own", "published"]] = table[["own", "published"]].fillna("")
    table = table[table["measure"].isin(measures)]
    table["difference"] = [a - b for a, b in zip(map(_number, table["own"]), map(_number, table["published"]))]
    table["label"] = [b if b else LABELS.get(m, m) + (" (%)" if u == "%" else "")
                      for m, b, u in zip(table["measure"], table["breakdown"], table["unit"])]
    position = {m: i for i, m in enumerate(ORDER)}
    table["_order"] = table["measure"].map(position)
    table["_unit"] = (table["unit"] == "%").astype(int)
    table = table.sort_values(["_order", "_unit", "_row"], kind="stable")   # published-only rows last
    return table[COLUMNS].reset_index(drop=True)
