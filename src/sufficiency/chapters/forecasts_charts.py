"""Fan charts for the forecasts chapter: recorded years, then the central forecast opening out into
its 80% and 95% ranges, with alt text and the numbers behind each chart worded from the same data.

Meaning never rests on colour alone: recorded values are a solid line with round markers, the
forecast a dashed line with square markers, the 80% range darker than the 95% range, whose edges
are dotted, and the legend names each.
"""
from __future__ import annotations

import math
import textwrap

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from sufficiency.chapters.forecasts_words import digits, shown_forecast
from sufficiency.forecasting.demand import SERIES, ForecastSet
from sufficiency.forecasting.methods import INTERVAL_COLUMNS
from sufficiency.publishing.charts import OKABE_ITO, theme
from sufficiency.publishing.words import fmt_number

#: Columns of the numbers behind a fan chart (:func:`chart_data`), headed in words.
CHART_DATA_COLUMNS = ["Series", "Year", "Recorded", "Forecast", "80% range: low", "80% range: high",
                      "95% range: low", "95% range: high"]


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
    """One fan chart per measure, one under another so each stays legible on a phone, with an
    optional dash-dot threshold line (``year`` and ``threshold`` columns) and one key for them all
    above the first; returns the figure."""
    theme()
    n = len(measures)
    cols = 1
    rows = math.ceil(n / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(7.5, 4.2 * rows + 0.9), squeeze=False)
    for ax, m in zip(axes.flat, measures):
        result = fs.results[m]
        fan_chart(ax, result.history, result.frame, SERIES[m].short.capitalize() if n > 1 else SERIES[m].label)
        ax.set_title(SERIES[m].label if n > 1 else "")
        ax.set_ylabel(SERIES[m].unit)
        ax.set_ylim(bottom=0)
        if threshold is not None and len(threshold):
            ax.plot(threshold["year"], threshold["threshold"], color="black", linestyle="-.", linewidth=1.5,
                    label="National Transfer Scheme level (0.1% of children)")
        ax.grid(axis="x", visible=False)
    for ax in list(axes.flat)[n:]:
        ax.axis("off")
    # One key above the charts instead of a legend over each one's lines.
    first = axes.flat[0]
    handles = list(first.get_legend().legend_handles)
    labels = [t.get_text() for t in first.get_legend().get_texts()]
    if n > 1:   # the same key serves every chart, so the first entry names no one measure
        labels[0] = "recorded"
    if threshold is not None and len(threshold):
        handles.append(first.get_lines()[-1])
        labels.append(first.get_lines()[-1].get_label())
    for ax in list(axes.flat)[:n]:
        ax.get_legend().remove()
    key = fig.legend(handles=handles, labels=[textwrap.fill(label, 30) for label in labels], loc="upper left",
                     ncol=2, bbox_to_anchor=(0.01, 1.0), frameon=False)
    fig.canvas.draw()
    top = 1 - key.get_window_extent().height / fig.bbox.height - 0.01
    fig.tight_layout(rect=(0, 0, 1, top))
    return fig


def fan_alt(fs: ForecastSet, measure: str) -> str:
    """Alt text for a fan chart, worded from its numbers: what it shows, the first and latest
    recorded figures, and the central forecast for the last year with both ranges."""
    spec = SERIES[measure]
    history = fs.results[measure].history.dropna()
    n = digits(measure)
    last = shown_forecast(fs.frame(measure), n).iloc[-1]
    first_year, last_year = int(history.index[0]), int(history.index[-1])
    trend = ("higher than" if history.iloc[-1] > history.iloc[0] else
             "lower than" if history.iloc[-1] < history.iloc[0] else "the same as")
    what = spec.label[0].lower() + spec.label[1:]   # 'children looked after on 31 March', month kept
    return (f"Line chart of {what} ({spec.unit}), recorded {first_year} to {last_year} and forecast "
            f"to {int(last['year'])}. The latest recorded figure is {fmt_number(history.iloc[-1])} in {last_year}, "
            f"{trend} the {fmt_number(history.iloc[0])} of {first_year}. The central forecast for "
            f"{int(last['year'])} is {fmt_number(last['point'], n)}, with an 80% range of "
            f"{fmt_number(last['lower_80'], n)} to {fmt_number(last['upper_80'], n)} and a 95% range of "
            f"{fmt_number(last['lower_95'], n)} to {fmt_number(last['upper_95'], n)}.")


def chart_data(fs: ForecastSet, measures: list[str]) -> pd.DataFrame:
    """The numbers behind fan charts as readers see them: recorded values and forecasts, one row
    per measure and year, in :data:`CHART_DATA_COLUMNS`. Counts are whole numbers with thousands
    separators; rates keep one decimal place. Forecasts are rounded as the text and tables round them
    (:func:`~sufficiency.chapters.forecasts_words.shown_forecast`)."""
    rows = []
    for m in measures:
        ndigits = digits(m)
        for y, v in fs.results[m].history.dropna().items():
            rows.append({"Series": SERIES[m].label, "Year": int(y), "Recorded": fmt_number(v, ndigits)})
        for r in shown_forecast(fs.frame(m), ndigits).itertuples(index=False):
            rows.append({"Series": SERIES[m].label, "Year": int(r.year), "Forecast": fmt_number(r.point, ndigits),
                         "80% range: low": fmt_number(r.lower_80, ndigits),
                         "80% range: high": fmt_number(r.upper_80, ndigits),
                         "95% range: low": fmt_number(r.lower_95, ndigits),
                         "95% range: high": fmt_number(r.upper_95, ndigits)})
    return pd.DataFrame(rows, columns=CHART_DATA_COLUMNS)
