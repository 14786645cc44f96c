"""The book's assumptions and rules, in one place.

Every constant that shapes a number or a sentence a reader sees is defined here, once, with what it
means and why it has the value it has. Modules import them from here; the "Methods and
assumptions" page of the book lists them from :data:`ASSUMPTIONS`, so the page can never disagree
with the code.

>>> WEEKS_PER_YEAR * 7
364.98
>>> [a.name for a in ASSUMPTIONS][:2]
['WEEKS_PER_YEAR', 'FORECAST_YEARS_AHEAD']
"""
from __future__ import annotations

from dataclasses import dataclass

#: Weeks in a year: 365 / 7, rounded as councils usually quote it (weekly cost × 52.14 = a year's cost).
WEEKS_PER_YEAR = 52.14

#: How many years past the edition's data the forecasts run (a three-year strategy).
FORECAST_YEARS_AHEAD = 3

#: Seed and number of simulation draws for the published-data forecasts' ranges (same inputs, same ranges).
FORECAST_SIMULATION_SEED = 20250331
FORECAST_SIMULATION_DRAWS = 4000

#: Seed and number of draws for the stock-and-flow (Markov) projection from a council's own records.
RECORDS_SIMULATION_SEED = 20250331
RECORDS_SIMULATION_DRAWS = 2000

#: The National Transfer Scheme's level since August 2022: 0.1% of a council's child population.
NTS_THRESHOLD_SHARE = 0.001

#: DfE's disclosure threshold: a count from record-level data of 1 to this many is published as "c".
SUPPRESSION_THRESHOLD = 5

#: A category's share differs "widely" from England's when the rounded shares are at least this
#: many percentage points apart; smaller gaps are not called out in the text.
WIDE_GAP_POINTS = 3

#: A scorecard trend compares the newest of the last this-many known values with the oldest of them.
TREND_WINDOW = 3

#: Years of a council's own records shown side by side on the record-level pages.
RECORDS_YEARS_SHOWN = 5


@dataclass(frozen=True)
class Assumption:
    """One assumption as the Methods page lists it."""

    name: str
    value: object
    meaning: str


ASSUMPTIONS: list[Assumption] = [
    Assumption("WEEKS_PER_YEAR", WEEKS_PER_YEAR,
               "Weeks in a year, used to turn a weekly cost into a yearly one (365 divided by 7)."),
    Assumption("FORECAST_YEARS_AHEAD", FORECAST_YEARS_AHEAD,
               "Years past the latest published data that the forecasts cover."),
    Assumption("FORECAST_SIMULATION_DRAWS", FORECAST_SIMULATION_DRAWS,
               "Simulated futures behind each forecast range, drawn with a fixed seed so a rebuild "
               "gives the same ranges."),
    Assumption("NTS_THRESHOLD_SHARE", f"{NTS_THRESHOLD_SHARE:.1%}",
               "The National Transfer Scheme's level for unaccompanied children: this share of the "
               "council's child population."),
    Assumption("SUPPRESSION_THRESHOLD", SUPPRESSION_THRESHOLD,
               "Counts of 1 to this many children from a council's own records are hidden (shown as c), "
               "as DfE does."),
    Assumption("WIDE_GAP_POINTS", WIDE_GAP_POINTS,
               "A difference from England, in percentage points, large enough to be named in the text."),
    Assumption("TREND_WINDOW", TREND_WINDOW,
               "Known values a scorecard trend looks back over (the newest against the oldest of them)."),
    Assumption("RECORDS_YEARS_SHOWN", RECORDS_YEARS_SHOWN,
               "Collection years shown side by side on the pages built from a council's own records."),
]
