"""Chapter 4's measures: :data:`TRENDS`, each shown over time against England, the region and the
statistical neighbours with the direction that is better for children, and :data:`BREAKDOWNS`,
the breakdowns shown as shares beside each section's trends.

>>> t = trend_for(TRENDS["stability"][0], "209", 2025)
>>> t.table.set_index("year").loc[2025, "council"]
np.float64(8.0)
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from sufficiency.data.councils import Council, resolve_council
from sufficiency.measures import trends
from sufficiency.measures.snapshot import SNAPSHOT_BY_KEY, Measure, shared


@dataclass(frozen=True)
class TrendMeasure:
    """A measure for chapter 4: :class:`Measure` plus the words that describe it."""

    measure: Measure
    what: str          # e.g. "children looked after living in foster placements"
    title: str         # chart title


def _m(key, label, loader, measure, unit, breakdown="", good=None, *args, compared=True, ndigits=0):
    return Measure(key, label, loader, measure, unit, breakdown, good, ndigits, compared, tuple(args))


#: Chapter 4's trend measures by section (section id → list). 'High'/'Low' is the better direction.
#: Only the snapshot table shows a measure's label, so the chapter-4-only shared measures keep the
#: registry's.
TRENDS: dict[str, list[TrendMeasure]] = {
    "entering": [
        TrendMeasure(shared("starters_rate_per_10k", "starters_rate"), "children starting to be looked after",
                     "Children starting to be looked after per 10,000 children"),
        TrendMeasure(_m("ceased", "Children who ceased to be looked after", "headline", "ceased", "children",
                        compared=False), "children who ceased to be looked after",
                     "Children who ceased to be looked after during the year"),
    ],
    "placement": [
        TrendMeasure(SNAPSHOT_BY_KEY["foster"], "children looked after living in foster placements",
                     "Children living in foster placements (% of children looked after)"),
        TrendMeasure(shared("share_residential", "residential"),
                     "children looked after living in children's homes or secure homes",
                     "Children living in children's homes or secure homes (%)"),
        TrendMeasure(_m("private", "Placed with private providers (%)", "characteristics", "cla_by_provider", "%",
                        "Private provision", "Low", "cla_by_provider"),
                     "children looked after placed with private providers",
                     "Children placed with private providers (% of children looked after)"),
    ],
    "location": [
        TrendMeasure(SNAPSHOT_BY_KEY["inside"], "children looked after placed inside the council's boundary",
                     "Children placed inside the council's boundary (%)"),
        TrendMeasure(shared("share_placed_over_20_miles", "over_20"),
                     "children looked after placed more than 20 miles from home",
                     "Children placed more than 20 miles from home (%)"),
    ],
    "stability": [
        TrendMeasure(SNAPSHOT_BY_KEY["three_plus"], "children looked after with three or more placements in the year",
                     "Children with three or more placements in the year (%)"),
        TrendMeasure(SNAPSHOT_BY_KEY["long_term"], "children in long-term stable placements",
                     "Long-term stability: children under 16 with the same carer for 2 years or more (%)"),
    ],
    "who": [
        TrendMeasure(_m("age_16_plus", "Aged 16 and over (%)", "characteristics", "cla_by_age", "%",
                        "16 years and over", None, "cla_by_age"), "children looked after aged 16 and over",
                     "Children looked after aged 16 and over (%)"),
        TrendMeasure(_m("male", "Boys (%)", "characteristics", "cla_by_sex", "%", "Male", None, "cla_by_sex"),
                     "children looked after who are boys", "Boys (% of children looked after)"),
    ],
    "legal": [
        TrendMeasure(_m("s20", "Accommodated by agreement under section 20 (%)", "characteristics",
                        "cla_by_legal_status", "%", "Voluntary agreements under S20 CA 1989", None,
                        "cla_by_legal_status"),
                     "children looked after under a voluntary agreement (section 20)",
                     "Children looked after under section 20 voluntary agreements (%)"),
    ],
    "uasc": [
        TrendMeasure(SNAPSHOT_BY_KEY["uasc_share"],
                     "children looked after who were unaccompanied asylum-seeking children",
                     "Unaccompanied asylum-seeking children (% of children looked after)"),
        TrendMeasure(SNAPSHOT_BY_KEY["uasc"], "unaccompanied asylum-seeking children looked after",
                     "Unaccompanied asylum-seeking children looked after on 31 March"),
    ],
    "missing": [
        TrendMeasure(_m("missing", "Went missing during the year (%)", "missing", "missing_pct", "%", "", "Low"),
                     "children looked after who went missing during the year",
                     "Children looked after who went missing during the year (%)"),
    ],
    "leavers": [
        TrendMeasure(SNAPSHOT_BY_KEY["leavers_suitable"], "care leavers aged 19 to 21 in suitable accommodation",
                     "Care leavers aged 19 to 21 in suitable accommodation (%)"),
        TrendMeasure(shared("care_leavers_eet", "leavers_eet"),
                     "care leavers aged 19 to 21 in education, employment or training",
                     "Care leavers aged 19 to 21 in education, employment or training (%)"),
        TrendMeasure(shared("staying_put_18", "staying_put", "Staying put with former foster carers at 18 (%)"),
                     "care leavers aged 18 staying put with their former foster carers",
                     "Care leavers aged 18 staying put with former foster carers (%)"),
    ],
}

#: Breakdown charts per section: (loader, loader args, tidy measure, chart title, what a category is).
BREAKDOWNS: dict[str, list[tuple]] = {
    "entering": [("ceased", (), "ceased_by_reason", "Why children ceased to be looked after",
                  "reason for leaving care")],
    "placement": [("characteristics", ("cla_by_placement_type",), "cla_by_placement_type", "Placement types",
                   "placement type"),
                  ("characteristics", ("cla_by_provider",), "cla_by_provider", "Placement providers", "provider")],
    "location": [("characteristics", ("cla_by_distance_and_locality",), "cla_by_distance_and_locality",
                  "Placement location and distance from home", "location")],
    "who": [("characteristics", ("cla_by_age",), "cla_by_age", "Age on 31 March", "age group")],
    "legal": [("characteristics", ("cla_by_legal_status",), "cla_by_legal_status", "Legal status",
               "legal status")],
    "leavers": [("care_leavers", ("activity",), "care_leavers_activity_19_to_21",
                 "Activity of care leavers aged 19 to 21", "activity")],
}


def per_cent(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows in '%' relabelled 'per cent', so generated sentences read '68 per cent', not '68 %'."""
    return frame.assign(unit=frame["unit"].replace({"%": "per cent"}))


def trend_for(item: TrendMeasure, council: str | Council, year: int, model: str = "2025"):
    """:func:`trends.trend` for a chapter-4 measure, or None when DfE publishes no rows for it."""
    m = item.measure
    frame = m.frame(year)
    frame = frame[(frame["measure"] == m.measure) & (frame["breakdown"] == m.breakdown) & (frame["unit"] == m.unit)]
    if frame.empty:
        return None
    unit = m.unit
    if unit == "%":
        frame, unit = per_cent(frame), "per cent"
    return trends.trend(frame, resolve_council(council), m.measure, unit, item.what, model=model,
                        breakdown=m.breakdown, ndigits=m.ndigits, polarity=m.good, compared=m.compared)
