"""Tests for sufficiency.chapters.forecasts_words on constructed inputs: rounding for prose (ranges
rounded outwards), the track-record sentence, money in millions, and 'no data' for missing values.
The same functions on Lewisham's real figures are tested in test_chapters_forecasts.py."""
from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from sufficiency.chapters import forecasts_words as words
from sufficiency.forecasting.selection import PanelDecision


def test_describe_forecast_gives_ranges_rounded_outwards():
    frame = pd.DataFrame({"measure": "uasc", "year": [2026, 2027], "point": [20.0, 12.4],
                          "lower_80": [15.0, 8.2], "upper_80": [25.0, 17.1], "lower_95": [10.0, 5.9],
                          "upper_95": [30.0, 21.0], "model": "naive"})
    assert words.describe_forecast(frame, "children") == (
        "By 2027 the central forecast is 12 children (80% range 8 to 18; 95% range 5 to 21).")
    assert words.describe_forecast(frame, "children", year=2026) == (
        "By 2026 the central forecast is 20 children (80% range 15 to 25; 95% range 10 to 30).")
    with pytest.raises(ValueError, match="the rows of one measure"):
        words.describe_forecast(pd.concat([frame, frame.assign(measure="other")]), "children")


def test_describe_forecast_gives_the_numbers_the_tables_give():
    """Large numbers too are whole numbers, as in the tables and the numbers behind the charts (they
    were rounded to 100 in the text alone, so text and table disagreed); rates keep one decimal place."""
    frame = pd.DataFrame({"measure": "cla", "year": [2028], "point": [83_456.4], "lower_80": [80_001.7],
                          "upper_80": [86_999.2], "lower_95": [78_050.0], "upper_95": [88_020.0], "model": "drift"})
    assert words.describe_forecast(frame, "") == (
        "By 2028 the central forecast is 83,456 (80% range 80,001 to 87,000; 95% range 78,050 to 88,020).")
    assert words.describe_forecast(frame.assign(point=70.65, lower_80=65.23, upper_80=79.91, lower_95=61.0,
                                                upper_95=86.0), "per 10,000", ndigits=1) == (
        "By 2028 the central forecast is 70.7 per 10,000 (80% range 65.2 to 80.0; 95% range 61.0 to 86.0).")


def test_millions():
    assert [words.millions(v) for v in (26_027_680.0, 49_999.0, np.nan, None)] == ["£26.0m", "£0.0m", "no data",
                                                                                   "no data"]


def test_missing_values_read_no_data_in_the_gap_table():
    gap = pd.DataFrame({"placement": ["Foster care", "Other placements"], "year": [2028, 2028],
                        "demand": [271.6, 70.2], "demand_low_80": [218.5, 56.4], "demand_high_80": [324.9, 83.7],
                        "supply": [135.0, np.nan], "supply_what": ["places", "no public count"],
                        "gap": [136.6, np.nan], "gap_low_80": [83.5, np.nan], "gap_high_80": [189.9, np.nan]})
    table = words.readers_gap_table(gap)
    assert table.iloc[0].tolist() == ["Foster care", "2028", "272", "218 to 325", "135", "137", "83 to 190"]
    assert table.iloc[1].tolist() == ["Other placements", "2028", "70", "56 to 84", "no data", "no data", "no data"]


def test_cost_table_in_millions_with_a_dash_for_the_total_weekly_cost():
    cost = pd.DataFrame({"placement": ["Foster care", "Total"], "year": [2028, 2028], "children": [271.6, 271.6],
                         "weekly_cost": [814.8, np.nan], "annual_cost": [11_540_720.0, 11_540_720.0],
                         "annual_low_80": [9_306_498.0, 9_306_498.0], "annual_high_80": [13_774_940.0, 13_774_940.0],
                         "annual_low_95": [7_494_824.0, 7_494_824.0], "annual_high_95": [15_586_610.0, 15_586_610.0]})
    table = words.readers_cost_table(cost)
    assert table.iloc[0].tolist() == ["Foster care", "2028", "272", "£815", "£11.5m", "£9.3m to £13.8m",
                                      "£7.5m to £15.6m"]
    assert table.iloc[1, 3] == "–"


def _record(method, **values):
    row = {"forecasts": 3146, "councils": 154, "first_origin": 2014, "last_origin": 2021, "coverage_80": 0.82,
           "coverage_95": 0.96, "mase": 1.85, "mae_vs_naive": 0.98, **values}
    return pd.DataFrame([row], index=pd.Index([method], name="method"))


def _set(**decisions):
    """A stand-in ForecastSet holding only each series' national decision."""
    return SimpleNamespace(results={m: SimpleNamespace(decision=d) for m, d in decisions.items()})


def test_national_record_table_for_each_method():
    """The national back-test, once, in a table (review 6, B8: it was a sentence in every series' paragraph)."""
    fs = _set(cla_31_march=PanelDecision("cla", "pooled_trend", _record("pooled_trend"), True, None),
              starters=PanelDecision("s", "pooled_trend", _record("pooled_trend", mae_vs_naive=1.04), True, None),
              ceased=PanelDecision("c", "pooled_trend", _record("pooled_trend", mae_vs_naive=0.998), True, None),
              uasc=PanelDecision("uasc", "calibrated_naive",
                                 _record("calibrated_naive", first_origin=2021, last_origin=2021, forecasts=150,
                                         councils=150, coverage_80=0.705, coverage_95=0.95), False, "say so"),
              care_leavers_17_to_18=PanelDecision("l", "calibrated_naive", pd.DataFrame(), False, None))
    table = words.readers_national_record(fs)
    assert table.columns.tolist() == ["Series", "Method", "Past forecasts", "Made with data to", "Inside 80% range",
                                      "Inside 95% range", "Misses against carrying the last figure forward"]
    assert table.values.tolist() == [
        ["Children looked after", "the council's own trend, weighed by every council's record",
         "3,146 for 154 councils", "2014 to 2021", "82%", "96%", "2% smaller"],
        ["Children starting care", "the council's own trend, weighed by every council's record",
         "3,146 for 154 councils", "2014 to 2021", "82%", "96%", "4% larger"],
        ["Children leaving care", "the council's own trend, weighed by every council's record",
         "3,146 for 154 councils", "2014 to 2021", "82%", "96%", "about the same"],
        ["Unaccompanied children", "last figure carried forward, ranges from every council", "150 for 150 councils",
         "2021", "71%", "95%", "this is that method"]]
