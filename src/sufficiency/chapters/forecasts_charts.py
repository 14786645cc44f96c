"""Fan charts for the forecasts chapter: recorded years, then the central forecast opening out into
its 80% and 95% ranges, with alt text and the numbers behind each chart worded from the same data.

Meaning never rests on colour alone: recorded values are a solid line with round markers, the
forecast a dashed line with square markers, the 80% range darker than the 95% range, whose edges
are dotted, and the legend names each.
"""
from __future__ import annotations

import math

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from sufficiency.forecasting.demand import SERIES, ForecastSet
from sufficiency.forecasting.methods import INTERVAL_COLUMNS
from sufficiency.publishing.charts import OKABE_ITO
from sufficiency.publishing.words import fmt_number

#: Columns of the numbers behind a fan chart (:func:`chart_data`).
CHART_DATA_COLUMNS = ["series", "year", "recorded", "forecast", "low_80", "high_80", "low_95", "high_95"]


def fan_chart(ax, history: pd.Series, forecast_frame: pd.DataFrame, label: str):
    """Draw recorded values and the forecast with its 80% and 95% ranges on ``ax``; return ``ax``.

    The forecast line and both bands start from the last recorded value, where nothing is
    uncertain yet. Years on the axis are whole numbers.
    """
    history = history.astype(float).sort_index()
    observed = history.dropna()
    fc = forecast_frame.sort_values("year")
    colour_hist, colour_fc = OKABE_ITO["blue"], OKABE_ITO["vermillion"]
    if len(observed):
        anchor = pd.DataFrame({c: [observed.iloc[-1]] for c in INTERVAL_COLUMNS}).assign(year=observed.index[-1])
        band = pd.concat([anchor, fc[["year", *INTERVAL_COLUMNS]]], ignore_index=True)
    else:
        band = fc
    ax.fill_between(band["year"], band["lower_95"], band["upper_95"], color=colour_fc, alpha=0.15, linewidth=0)
    ax.plot(band["year"], band["lower_95"], linestyle=":", color=colour_fc, linewidth=1)
    ax.plot(band["year"], band["upper_95"], linestyle=":", color=colour_fc, linewidth=1)
    ax.fill_between(band["year"], band["lower_80"], band["upper_80"], color=colour_fc, alpha=0.35, linewidth=0)
    ax.plot(history.index, history.to_numpy(), linestyle="-", marker="o", color=colour_hist,
            linewidth=2, label=f"{label}: recorded")
    # One dashed line (two overlapping ones would look solid); square markers on forecast years only.
    ax.plot(band["year"], band["point"], linestyle="--", marker="s", color=colour_fc, linewidth=2,
            markevery=list(range(len(band) - len(fc), len(band))), label="central forecast")
    handles, _ = ax.get_legend_handles_labels()
    handles += [Patch(facecolor=colour_fc, alpha=0.35, label="80% range"),
                Patch(facecolor=colour_fc, alpha=0.15, label="95% range (dotted edges)")]
    ax.legend(handles=handles, frameon=False)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("Year ending 31 March")
    return ax


def fan_figure(fs: ForecastSet, measures: list[str], *, threshold: pd.DataFrame | None = None):
    """One fan chart per measure (a grid of two columns when several), with an optional
    dash-dot threshold line (``year`` and ``threshold`` columns); returns the figure."""
    n = len(measures)
    cols = 1 if n == 1 else 2
    rows = math.ceil(n / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(8 if n == 1 else 10, 4.2 * rows), squeeze=False)
    for ax, m in zip(axes.flat, measures):
        result = fs.results[m]
        fan_chart(ax, result.history, result.frame, SERIES[m].short.capitalize() if n > 1 else SERIES[m].label)
        ax.set_title(SERIES[m].label if n > 1 else "", fontsize=10, loc="left")
        ax.set_ylabel(SERIES[m].unit)
        ax.set_ylim(bottom=0)
        if threshold is not None and len(threshold):
            ax.plot(threshold["year"], threshold["threshold"], color="black", linestyle="-.", linewidth=1.5,
                    label="National Transfer Scheme level (0.1% of children)")
            ax.legend(frameon=False, fontsize=8)
        if n > 1:
            ax.legend(frameon=False, fontsize=8)
    for ax in list(axes.flat)[n:]:
        ax.axis("off")
    fig.tight_layout()
    return fig


def fan_alt(fs: ForecastSet, measure: str) -> str:
    """Alt text for a fan chart, worded from its numbers: what it shows, the first and latest
    recorded figures, and the central forecast for the last year with both ranges."""
    spec = SERIES[measure]
    history = fs.results[measure].history.dropna()
    last = fs.frame(measure).iloc[-1]
    first_year, last_year = int(history.index[0]), int(history.index[-1])
    trend = ("higher than" if history.iloc[-1] > history.iloc[0] else
             "lower than" if history.iloc[-1] < history.iloc[0] else "the same as")
    what = spec.label[0].lower() + spec.label[1:]   # 'children looked after on 31 March', month kept
    return (f"Line chart of {what} ({spec.unit}), recorded {first_year} to {last_year} and forecast "
            f"to {int(last['year'])}. The latest recorded figure is {fmt_number(history.iloc[-1])} in {last_year}, "
            f"{trend} the {fmt_number(history.iloc[0])} of {first_year}. The central forecast for "
            f"{int(last['year'])} is {fmt_number(last['point'])}, with an 80% range of {fmt_number(last['lower_80'])} "
            f"to {fmt_number(last['upper_80'])} and a 95% range of {fmt_number(last['lower_95'])} to "
            f"{fmt_number(last['upper_95'])}.")


def chart_data(fs: ForecastSet, measures: list[str]) -> pd.DataFrame:
    """The numbers behind fan charts: recorded values and forecasts (to one decimal place),
    one row per measure and year, in :data:`CHART_DATA_COLUMNS`."""
    rows = []
    for m in measures:
        for y, v in fs.results[m].history.dropna().items():
            rows.append({"series": SERIES[m].label, "year": int(y), "recorded": v})
        for r in fs.frame(m).itertuples(index=False):
            rows.append({"series": SERIES[m].label, "year": int(r.year), "forecast": round(r.point, 1),
                         "low_80": round(r.lower_80, 1), "high_80": round(r.upper_80, 1),
                         "low_95": round(r.lower_95, 1), "high_95": round(r.upper_95, 1)})
    return pd.DataFrame(rows, columns=CHART_DATA_COLUMNS)
