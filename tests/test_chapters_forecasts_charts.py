"""Tests for sufficiency.chapters.forecasts_charts on constructed inputs: what a fan chart draws,
and that meaning never rests on colour alone. Lewisham's real alt text is tested in
test_chapters_forecasts.py."""
from __future__ import annotations

import io

import matplotlib.pyplot as plt
import pandas as pd

from sufficiency.chapters import forecasts_charts as charts
from sufficiency.forecasting.forecast import forecast_series
from sufficiency.publishing.charts import OKABE_ITO

#: Lewisham children looked after at 31 March, 2019 to 2025 (DfE CLA statistics).
LEWISHAM_CLA = pd.Series([484, 473, 468, 462, 433, 453, 439], index=range(2019, 2026), dtype=float)


def test_fan_chart_draws_history_forecast_and_both_ranges():
    frame = forecast_series(LEWISHAM_CLA, "cla", candidates=["naive", "drift"])
    fig, ax = plt.subplots()
    try:
        assert charts.fan_chart(ax, LEWISHAM_CLA, frame, "Children looked after") is ax
        labels = [t.get_text() for t in ax.get_legend().get_texts()]
        assert labels == ["Children looked after: recorded", "central forecast", "80% range",
                          "95% range (dotted edges)"]
        history_line = next(line for line in ax.lines if line.get_label() == "Children looked after: recorded")
        assert history_line.get_linestyle() == "-" and history_line.get_marker() == "o"
        assert history_line.get_color() == OKABE_ITO["blue"]
        forecast_line = next(line for line in ax.lines if line.get_label() == "central forecast")
        assert forecast_line.get_linestyle() == "--" and forecast_line.get_marker() == "s"
        # the forecast opens from the last recorded value
        assert forecast_line.get_xdata()[0] == 2025 and forecast_line.get_ydata()[0] == 439
        assert len(ax.collections) == 2                        # 95% and 80% bands
        assert ax.get_xlabel() == "Year ending 31 March"
        fig.savefig(io.BytesIO(), format="png")
    finally:
        plt.close(fig)
