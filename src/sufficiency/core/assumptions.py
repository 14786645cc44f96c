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

#: Fewest published years a series needs before it is forecast (fewer gets a sentence, not a number).
FORECAST_MIN_YEARS = 3

#: A group's forecast of a series adds up its councils' forecasts only when more than this share of
#: them (and at least two) have one; the councils left out are named.
GROUP_MIN_COVERED_SHARE = 0.5

#: Forecasts learnt from every council (forecasting/panel.py): a council's own trend is its average
#: yearly change over up to this many years before the forecast starts.
PANEL_TREND_YEARS = 5
#: A council's typical yearly change, which scales its ranges, is taken over this many years.
PANEL_VOLATILITY_YEARS = 8
#: The typical yearly change (on the log scale) is never taken as less than this, so a council
#: whose figure happened not to move for a few years still gets a range.
PANEL_SCALE_FLOOR = 0.02
#: A council's typical yearly change is shrunk towards the panel's as if the panel's were this
#: many more years of the council's own (so three published changes weigh half).
PANEL_SCALE_PRIOR_YEARS = 3
#: Fewest past council-years a pooled trend is fitted on, and fewest past misses a range is set from.
PANEL_MIN_TRAINING = 100
PANEL_MIN_CALIBRATION = 100
#: A method is not chosen when its 80% ranges held the actual figure in fewer than this share of
#: the national back-test, while another method's held it at least that often.
COVERAGE_FLOOR_80 = 0.70

#: The national back-test of the forecasts (benchmarks/bench_forecast_national.py) forecasts from
#: each year in this span; its actual figures run to the last year plus FORECAST_YEARS_AHEAD.
NATIONAL_BACKTEST_ORIGINS = (2019, 2022)

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

#: A measure's latest value counts as recent when it is from one of the edition's last this-many
#: years; an older one is named by its year ("no value since 2021-22"), never judged on or off track.
RECENT_YEARS = 2

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
    Assumption("FORECAST_MIN_YEARS", FORECAST_MIN_YEARS,
               "Fewest published years a series needs before it is forecast; a shorter one is "
               "described, not forecast."),
    Assumption("GROUP_MIN_COVERED_SHARE", GROUP_MIN_COVERED_SHARE,
               "In a regional book, the share of the group's councils (and at least two) that must have "
               "a forecast of a series before the group's forecast adds them up; those left out are named."),
    Assumption("PANEL_TREND_YEARS", PANEL_TREND_YEARS,
               "Years over which a council's own trend is measured; how much of it a forecast keeps is "
               "learnt from every council's past figures."),
    Assumption("PANEL_VOLATILITY_YEARS", PANEL_VOLATILITY_YEARS,
               "Years over which a council's typical yearly change is measured; its forecast ranges "
               "are in proportion to it."),
    Assumption("PANEL_MIN_CALIBRATION", PANEL_MIN_CALIBRATION,
               "Fewest past forecasts, across all councils, that a forecast range is set from."),
    Assumption("COVERAGE_FLOOR_80", f"{COVERAGE_FLOOR_80:.0%}",
               "A forecasting method whose 80% ranges held the real figure less often than this, "
               "across every council's past forecasts, is not used while another method's did."),
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
    Assumption("RECENT_YEARS", RECENT_YEARS,
               "A measure's latest value counts as recent when it is from one of the edition's last this-many "
               "years; an older one is shown with its year and not judged on or off track."),
    Assumption("RECORDS_YEARS_SHOWN", RECORDS_YEARS_SHOWN,
               "Collection years shown side by side on the pages built from a council's own records."),
]
