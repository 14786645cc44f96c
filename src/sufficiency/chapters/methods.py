"""The "Methods and assumptions" appendix: every rule and constant the book's figures rest on,
listed from :mod:`sufficiency.core.assumptions`, so the page always says what the code does.

>>> table = assumptions_table()
>>> table.loc[table["Assumption"] == "Weeks in a year", "Value"].item()
'52.14'
>>> table.loc[table["Assumption"] == "Simulations behind each forecast range", "Value"].item()
'4,000'
"""
from __future__ import annotations

import pandas as pd

from sufficiency.core.assumptions import ASSUMPTIONS
from sufficiency.measures.ambitions import STATUS_RULE
from sufficiency.publishing.pages import Markdown, Page, prose
from sufficiency.publishing.words import fmt_figure

#: Short names for readers (the code's names stay out of the page).
LABELS = {
    "WEEKS_PER_YEAR": "Weeks in a year",
    "FORECAST_YEARS_AHEAD": "Forecast horizon (years)",
    "FORECAST_SIMULATION_DRAWS": "Simulations behind each forecast range",
    "NTS_THRESHOLD_SHARE": "National Transfer Scheme level",
    "SUPPRESSION_THRESHOLD": "Small counts hidden (up to)",
    "WIDE_GAP_POINTS": "Gap from England worth naming (percentage points)",
    "TREND_WINDOW": "Values a scorecard trend looks back over",
    "RECORDS_YEARS_SHOWN": "Years shown from the council's own records",
}


def assumptions_table() -> pd.DataFrame:
    """One row per assumption: its name for readers, its value and what it means."""
    return pd.DataFrame([{"Assumption": LABELS.get(a.name, a.name), "Value": _shown(a.value), "Meaning": a.meaning}
                         for a in ASSUMPTIONS])


def _shown(value) -> str:
    """A value as readers see it: thousands separators, decimals only where it has them."""
    return fmt_figure(value, ndigits=2) if isinstance(value, (int, float)) else str(value)


def assumptions_section(page: Page) -> Markdown:
    """The table of assumptions, with a sentence on where they come from."""
    table = assumptions_table()
    return prose(f"The {len(table)} values below shape figures and sentences throughout the book. "
                 "Each is set once in the code that builds the book, and this table is made from "
                 "that same setting.") + page.table(
        table, name="assumptions", caption="Assumptions and rules used across the book.",
        source="the settings of the code that builds this book")


def status_rule_section() -> Markdown:
    """How the scorecard decides a measure's status, in the words the scorecard uses."""
    return Markdown(STATUS_RULE)
