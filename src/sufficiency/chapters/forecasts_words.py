"""Sentences and reader tables for the forecasts chapter, worded from the forecasts' own numbers.

Every forecast is rounded once, by :func:`shown_forecast`, for the text, the tables and the numbers
behind the charts alike: central figures to whole children (rates to one decimal place), the ends of
a range outwards, so a range never looks narrower than it is. A value with no figure reads
:data:`~sufficiency.publishing.words.MISSING` in every table.

>>> millions(12_345_678), millions(float("nan"))
('£12.3m', 'no data')
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from sufficiency.core.markers import round_half_up
from sufficiency.forecasting.demand import SERIES, YEARS_AHEAD, ForecastSet
from sufficiency.forecasting.methods import model_label
from sufficiency.forecasting.selection import PanelDecision
from sufficiency.publishing.words import MISSING, fmt_money, fmt_number, fmt_percent, is_missing

#: Shown where a cell has nothing to compare (the baseline against itself).
NOT_APPLICABLE = "–"


def _prose_step(value: float) -> int:
    """Rounding step for a sum of forecasts in a regional book's prose: whole numbers below 100, then 5,
    10, 50, 100. (A council's own forecasts are shown as :func:`shown_forecast` rounds them.)"""
    size = abs(value)
    if size < 100:
        return 1
    if size < 1000:
        return 5
    if size < 5000:
        return 10
    if size < 10000:
        return 50
    return 100


def outward(low, high, ndigits: int = 0) -> tuple[float, float]:
    """A range's ends rounded outwards to ``ndigits`` decimal places, so it never looks narrower than
    it is (a float a hair past a whole number is not pushed a whole step out).

    >>> outward(246.4, 335.2), outward(65.23, 79.91, 1), outward(31.9999999999, 145.0)
    ((246.0, 336.0), (65.2, 80.0), (32.0, 145.0))
    """
    scale = 10 ** ndigits
    return (math.floor(float(low) * scale + 1e-6) / scale, math.ceil(float(high) * scale - 1e-6) / scale)


def shown_forecast(frame: pd.DataFrame, ndigits: int = 0) -> pd.DataFrame:
    """Forecast rows as readers see them, rounded once for every place on the page that shows them (the
    text, the tables, the numbers behind the charts and their alt text): the central figure to
    ``ndigits`` decimal places (whole children for counts, halves away from zero) and the ends of each
    range outwards. Missing values stay missing.

    >>> f = pd.DataFrame({"year": [2028], "point": [297.67], "lower_80": [246.4], "upper_80": [335.2],
    ...     "lower_95": [229.9], "upper_95": [374.1]})
    >>> shown_forecast(f)[["point", "lower_80", "upper_80", "lower_95", "upper_95"]].values.tolist()
    [[298.0, 246.0, 336.0, 229.0, 375.0]]
    """
    out = frame.copy()
    out["point"] = [round_half_up(float(v), ndigits) for v in frame["point"]]
    for low, high in (("lower_80", "upper_80"), ("lower_95", "upper_95")):
        if low not in frame or high not in frame:       # a frame with one range only
            continue
        ends = [(np.nan, np.nan) if is_missing(a) or is_missing(b) else outward(a, b, ndigits)
                for a, b in zip(frame[low], frame[high])]
        out[low] = [e[0] for e in ends]
        out[high] = [e[1] for e in ends]
    return out


def describe_forecast(frame: pd.DataFrame, unit: str, year: int | None = None, ndigits: int = 0) -> str:
    """One sentence giving the central forecast and its ranges for the last (or given) year.

    The numbers are those of :func:`shown_forecast`, so the sentence gives the same figures as the
    page's tables and the numbers behind its charts: whole numbers for counts (``ndigits`` decimal
    places otherwise), range ends rounded outwards so the ranges never look narrower than they are.

    >>> f = pd.DataFrame({"measure": "cla", "year": [2026, 2027, 2028], "point": [440.0, 436.0, 431.2],
    ...     "lower_80": [420.0, 405.0, 392.4], "upper_80": [460.0, 466.0, 468.0],
    ...     "lower_95": [410.0, 390.0, 371.0], "upper_95": [470.0, 482.0, 493.1], "model": "drift"})
    >>> describe_forecast(f, "children")
    'By 2028 the central forecast is 431 children (80% range 392 to 468; 95% range 371 to 494).'
    """
    if frame["measure"].nunique() > 1:
        raise ValueError("describe_forecast needs the rows of one measure")
    shown = shown_forecast(frame, ndigits)
    row = shown.sort_values("year").iloc[-1] if year is None else shown.set_index("year").loc[year]
    year = int(row["year"]) if year is None else int(year)

    def show(value: float) -> str:
        return fmt_number(value, ndigits)

    unit_text = f" {unit}" if unit else ""
    return (f"By {year} the central forecast is {show(row['point'])}{unit_text} "
            f"(80% range {show(row['lower_80'])} to {show(row['upper_80'])}; "
            f"95% range {show(row['lower_95'])} to {show(row['upper_95'])}).")


#: Said of a forecast that carries the last figure forward because, across all councils, nothing did better.
NO_CLEAR_CHANGE = "The method carries the last figure forward: read it as 'no clear change expected'."

#: Said once, after the placement-type paragraphs, when they were scaled to the total.
RECONCILED = ("The placement-type forecasts were scaled so that, year by year, they add up to the forecast of all "
              "children looked after.")


def series_paragraph(fs: ForecastSet, measure: str) -> str:
    """The forecast for the last year with its ranges, 'no clear change expected' where the last figure
    is carried forward, and any years with no figure. How each method did on past years is said once,
    in the track-record section (:func:`readers_national_record`, :func:`readers_track_record`)."""
    spec = SERIES[measure]
    result = fs.results[measure]
    text = [describe_forecast(result.frame, spec.unit, ndigits=digits(measure)).replace("By ", f"{spec.label}: by ", 1)]
    if result.choice.say_so:
        text.append(NO_CLEAR_CHANGE)
    notes = [n.replace(f"{measure}:", f"{spec.label}:") for n in result.notes if "no figure for" in n]
    return " ".join(text + notes)


def _against_naive(decision: PanelDecision, row) -> str:
    """How the chosen method's misses compare with carrying the last figure forward, in a few words."""
    if decision.method == "calibrated_naive":
        return "this is that method"
    change = (1 - float(row["mae_vs_naive"])) * 100
    if abs(change) < 0.5:
        return "about the same"
    return f"{abs(change):.0f}% {'smaller' if change > 0 else 'larger'}"


def readers_national_record(fs: ForecastSet) -> pd.DataFrame:
    """Each series' method tried on every council's past figures, as readers see it, one row a series:
    the method, how many past forecasts for how many councils, made with data to which years, how
    often its 80% and 95% ranges held the real figure, and its misses against carrying the last
    figure forward."""
    rows = []
    for measure, result in fs.results.items():
        d = result.decision
        if d is None or d.record.empty or d.method not in d.record.index:
            continue
        r = d.record.loc[d.method]
        span = (f"{int(r['first_origin'])}" if r["first_origin"] == r["last_origin"]
                else f"{int(r['first_origin'])} to {int(r['last_origin'])}")
        rows.append({"Series": SERIES[measure].short.capitalize(), "Method": model_label(d.method),
                     "Past forecasts": f"{fmt_number(r['forecasts'])} for {fmt_number(r['councils'])} councils",
                     "Made with data to": span,
                     "Inside 80% range": fmt_percent(r["coverage_80"] * 100),
                     "Inside 95% range": fmt_percent(r["coverage_95"] * 100),
                     "Misses against carrying the last figure forward": _against_naive(d, r)})
    return pd.DataFrame(rows)


def digits(measure: str) -> int:
    """Decimal places a forecast of ``measure`` is shown with: none for counts, one for rates."""
    return 0 if SERIES[measure].counts else 1


def millions(value) -> str:
    """Annual money in £ millions to one decimal place (the forecasts are no more precise)."""
    return MISSING if is_missing(value) else fmt_money(value / 1e6, 1) + "m"


def _range(low, high) -> str:
    """'low to high', whole numbers rounded outwards (:func:`outward`); :data:`MISSING` without a low end."""
    if is_missing(low):
        return MISSING
    low, high = outward(low, high)
    return f"{fmt_number(low)} to {fmt_number(high)}"


def readers_forecast_table(fs: ForecastSet, measures: list[str]) -> pd.DataFrame:
    """Forecasts as readers see them: central figure and ranges, rounded to whole numbers."""
    rows = []
    for m in measures:
        n = digits(m)
        for r in shown_forecast(fs.frame(m), n).itertuples(index=False):
            rows.append({"Series": SERIES[m].label, "Year": str(int(r.year)), "Central forecast": fmt_number(r.point, n),
                         "80% range": f"{fmt_number(r.lower_80, n)} to {fmt_number(r.upper_80, n)}",
                         "95% range": f"{fmt_number(r.lower_95, n)} to {fmt_number(r.upper_95, n)}"})
    return pd.DataFrame(rows)


def readers_track_record(fs: ForecastSet) -> pd.DataFrame:
    """The back-test as readers see it: for each series, the chosen method and the two plain
    methods side by side (one row each; the chosen one is marked), with the average miss (MAE, and
    as a percentage, MAPE), the scaled error (MASE) and how often the real figure fell inside the
    80% and 95% ranges, each headed in words."""
    rows = []
    for measure, result in fs.results.items():
        s = result.choice.summary
        chosen = result.choice.model
        for i, model in enumerate([chosen] + [m for m in ("naive", "drift") if m != chosen]):
            if model not in s.index:
                continue
            r = s.loc[model]
            rows.append({"Series": SERIES[measure].short.capitalize() if i == 0 else "",
                         "Method": model_label(model) + (" (chosen)" if model == chosen else ""),
                         "Forecasts scored": fmt_number(r["n_forecasts"]),
                         "Average miss (MAE)": fmt_number(r["mae"], 1),
                         "Average miss, % (MAPE)": fmt_percent(r["mape"]),
                         "Scaled error (MASE)": fmt_number(r["mase"], 2),
                         "Inside 80% range": fmt_percent(r["coverage_80"] * 100),
                         "Inside 95% range": fmt_percent(r["coverage_95"] * 100)})
    return pd.DataFrame(rows)


def readers_gap_table(gap: pd.DataFrame) -> pd.DataFrame:
    """Demand against places as readers see it (what the places are is said in the caption)."""
    return pd.DataFrame({
        "Placement type": gap["placement"], "Year": gap["year"].astype(str),
        "Children (forecast)": gap["demand"].map(fmt_number),
        "80% range": [_range(a, b) for a, b in zip(gap["demand_low_80"], gap["demand_high_80"])],
        "Places": gap["supply"].map(fmt_number),
        "Children beyond the places": gap["gap"].map(fmt_number),
        "80% range of the gap": [_range(a, b) for a, b in zip(gap["gap_low_80"], gap["gap_high_80"])],
    })


def readers_cost_table(cost: pd.DataFrame) -> pd.DataFrame:
    """Annual cost by type and year in £ millions, with the 80% and 95% ranges. A total row has
    no weekly cost of its own, so that cell shows :data:`NOT_APPLICABLE`."""
    weekly = [NOT_APPLICABLE if p == "Total" else fmt_money(v) for p, v in zip(cost["placement"], cost["weekly_cost"])]
    return pd.DataFrame({
        "Placement type": cost["placement"], "Year": cost["year"].astype(str),
        "Children (forecast)": cost["children"].map(fmt_number),
        "Weekly cost": weekly,
        "Annual cost": cost["annual_cost"].map(millions),
        "80% range": [f"{millions(a)} to {millions(b)}" for a, b in zip(cost["annual_low_80"], cost["annual_high_80"])],
        "95% range": [f"{millions(a)} to {millions(b)}" for a, b in zip(cost["annual_low_95"], cost["annual_high_95"])],
    })


#: The scenario table's column of children in semi-independent and supported homes.
SEMI_HEADING = "In semi-independent or supported homes"


def readers_scenario_table(table: pd.DataFrame, baseline: pd.DataFrame, fs: ForecastSet) -> pd.DataFrame:
    """Scenarios beside the baseline for the last forecast year: annual cost in £ millions, its
    80% range, the difference from the baseline, and children in foster care, in children's homes and in
    semi-independent and supported homes (all three costed, so a reader can see where a change in cost
    comes from)."""
    year = fs.year + YEARS_AHEAD
    base = baseline[(baseline["placement"] == "Total") & (baseline["year"] == year)].iloc[0]
    rows = [{"Scenario": "Baseline forecast", "Annual cost": millions(base["annual_cost"]),
             "80% range": f"{millions(base['annual_low_80'])} to {millions(base['annual_high_80'])}",
             "Against the baseline": NOT_APPLICABLE,
             "In foster care": fmt_number(fs.frame("placement_foster").set_index("year").loc[year, "point"]),
             "In children's homes": fmt_number(fs.frame("placement_homes").set_index("year").loc[year, "point"]),
             SEMI_HEADING: fmt_number(fs.frame("placement_semi_independent").set_index("year").loc[year, "point"])}]
    for r in table.itertuples(index=False):
        rows.append({**scenario_cost_cells(r), "In foster care": fmt_number(r.foster_children),
                     "In children's homes": fmt_number(r.homes_children), SEMI_HEADING: fmt_number(r.semi_children)})
    return pd.DataFrame(rows)


def scenario_cost_cells(r) -> dict[str, str]:
    """One scenario's cost as readers see it: its name, the annual cost in £ millions, its 80% range
    and the difference from the baseline (a council's or a group's)."""
    sign = "+" if r.difference >= 0 else "−"  # a true minus sign
    return {"Scenario": f"{r.id}: {r.scenario}", "Annual cost": millions(r.cost),
            "80% range": f"{millions(r.cost_low_80)} to {millions(r.cost_high_80)}",
            "Against the baseline": f"{sign}{millions(abs(r.difference))}"}
