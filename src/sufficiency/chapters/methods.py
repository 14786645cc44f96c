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

from sufficiency.core.assumptions import ASSUMPTIONS, FORECAST_YEARS_AHEAD, NATIONAL_BACKTEST_ORIGINS
from sufficiency.core.paths import PROJECT_ROOT
from sufficiency.measures.ambitions import STATUS_RULE
from sufficiency.publishing.pages import Markdown, Page, prose
from sufficiency.publishing.words import MISSING, fmt_figure, fmt_number, fmt_percent, is_missing

#: Short names for readers (the code's names stay out of the page).
LABELS = {
    "WEEKS_PER_YEAR": "Weeks in a year",
    "FORECAST_YEARS_AHEAD": "Forecast horizon (years)",
    "FORECAST_SIMULATION_DRAWS": "Simulations behind each forecast range",
    "NTS_THRESHOLD_SHARE": "National Transfer Scheme level",
    "FORECAST_MIN_YEARS": "Fewest published years for a forecast",
    "GROUP_MIN_COVERED_SHARE": "Share of a group's councils needed to add up a forecast",
    "PANEL_TREND_YEARS": "Years behind a council's own trend",
    "PANEL_VOLATILITY_YEARS": "Years behind a council's typical yearly change",
    "PANEL_MIN_CALIBRATION": "Fewest past forecasts behind a range",
    "COVERAGE_FLOOR_80": "Lowest share an 80% range must hold for its method to be used",
    "SUPPRESSION_THRESHOLD": "Small counts hidden (up to)",
    "WIDE_GAP_POINTS": "Gap from England worth naming (percentage points)",
    "TREND_WINDOW": "Values a scorecard trend looks back over",
    "RECENT_YEARS": "Years a measure's latest value counts as recent",
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


# ----------------------------------------------------------------------------- the national back-test

#: The national back-test of the forecasts (benchmarks/bench_forecast_national.py writes it).
NATIONAL_BACKTEST = PROJECT_ROOT / "data" / "derived" / "forecast_backtest_national.csv"
#: Shown where a method has no ranges to score.
NOT_APPLICABLE = "–"
BACKTEST_METHODS = {"new": "learnt from every council (this book)",
                    "old": "best of five methods on the council's own figures (earlier editions)",
                    "naive": "last figure carried forward"}


def national_backtest_table(table: pd.DataFrame) -> pd.DataFrame:
    """The back-test as readers see it: one row per group of councils, method and years ahead."""
    rows = table[~table["scope"].str.startswith("measure:")]
    sizes = rows.groupby("scope")["councils"].max()
    scope = {"all councils": "Every council", "sample": f"A fixed sample of {fmt_number(sizes.get('sample', 0))} councils"}

    def pct(v):  # the last figure carried forward is the yardstick for misses only: it has no ranges here
        return NOT_APPLICABLE if is_missing(v) else fmt_percent(v * 100)

    return pd.DataFrame({
        "Councils": rows["scope"].map(scope),
        "Method": rows["method"].map(BACKTEST_METHODS),
        "Years ahead": rows["horizon"].astype(str).replace({"all": "1 to 3"}),
        "Forecasts scored": rows["forecasts"].map(fmt_number),
        "Inside 80% range": rows["coverage_80"].map(pct),
        "Inside 95% range": rows["coverage_95"].map(pct),
        "Scaled error (MASE)": [MISSING if is_missing(v) else fmt_number(v, 2) for v in rows["mase"]],
    })


def national_backtest_sentences(table: pd.DataFrame) -> list[str]:
    """What the national back-test found: how often the new ranges held the real figure, how its
    misses compare with carrying the last figure forward, and the old method on the same sample."""
    def get(scope, method, column, horizon="all"):
        row = table[(table["scope"] == scope) & (table["method"] == method) & (table["horizon"].astype(str) == horizon)]
        return float(row[column].iloc[0]) if len(row) else float("nan")

    new80, new95 = get("all councils", "new", "coverage_80"), get("all councils", "new", "coverage_95")
    forecasts = get("all councils", "new", "forecasts")
    first, last = NATIONAL_BACKTEST_ORIGINS
    text = [f"The forecasts were tested as if made in each year from {first} to {last} for every council and every "
            f"series, using only the figures published by then, and compared with what DfE later published: "
            f"{fmt_number(forecasts)} forecasts one to three years ahead. The 80% ranges held the real figure "
            f"{fmt_percent(new80 * 100)} of the time and the 95% ranges {fmt_percent(new95 * 100)}."]
    better = [h for h in ("1", "2", "3") if get("all councils", "new", "mase", h) < get("all councils", "naive", "mase", h)]
    gain = 1 - get("all councils", "new", "mase") / get("all councils", "naive", "mase")
    if len(better) == 3:
        text.append("At one, two and three years ahead the forecasts missed by less, on average, than carrying "
                    f"the last figure forward ({fmt_percent(gain * 100)} less over all three)"
                    + (", only slightly: for most series, most years, the last figure is hard to beat."
                       if gain < 0.05 else "."))
    else:
        text.append("The forecasts did not miss by less than carrying the last figure forward at every horizon "
                    f"(they did at {and_years(better)}).")
    old80, old95 = get("sample", "old", "coverage_80"), get("sample", "old", "coverage_95")
    if not is_missing(old80):
        than = ("more" if get("sample", "old", "mase") > get("sample", "naive", "mase") else "less")
        text.append(f"The method of earlier editions, tried on a fixed sample of councils, held the real figure "
                    f"inside its 80% ranges {fmt_percent(old80 * 100)} of the time and inside its 95% ranges "
                    f"{fmt_percent(old95 * 100)}, and missed by {than} than carrying the last figure forward.")
    return text


def and_years(horizons: list[str]) -> str:
    """'1 and 2 years ahead', or 'no horizon'."""
    if not horizons:
        return "no horizon"
    return (", ".join(horizons[:-1]) + " and " + horizons[-1] if len(horizons) > 1 else horizons[0]) + " years ahead"


def national_backtest_section(page: Page, year: int) -> Markdown:
    """The national back-test of the forecasts (old method against new), or a sentence saying why it
    is not shown: not run, or resting on figures published after the edition's ``year``."""
    last_actual = NATIONAL_BACKTEST_ORIGINS[1] + FORECAST_YEARS_AHEAD
    if int(year) < last_actual:
        return prose(f"The national test of the forecasting methods compares forecasts with figures published up "
                     f"to {last_actual}, after this edition's data, so it is not shown in this edition.")
    if not NATIONAL_BACKTEST.is_file():
        return prose("The national test of the forecasting methods has not been run for this build, so its "
                     "results are not shown.")
    table = pd.read_csv(NATIONAL_BACKTEST, dtype={"horizon": str})
    return prose(*national_backtest_sentences(table)) + page.table(
        national_backtest_table(table), name="national-backtest",
        caption=f"How well the forecasts would have done for every council: forecasts made with data to "
                f"{NATIONAL_BACKTEST_ORIGINS[0]} to {NATIONAL_BACKTEST_ORIGINS[1]}, against the figures DfE "
                f"published up to {last_actual}.",
        source="DfE children looked after statistics, every council; the forecasting methods of this book")
