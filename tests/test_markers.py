"""Parsing DfE value strings and rounding half up."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from sufficiency.core.markers import (
    MARKER_LEGEND,
    clean_float,
    format_value,
    is_marker,
    parse_series,
    parse_value,
    round_half_up,
)


@pytest.mark.parametrize("text, value", [
    ("484", 484.0), (" 72 ", 72.0), ("1,234", 1234.0), ("-3.5", -3.5), ("12%", 12.0),
    ("9.3699999999999992", 9.37), ("7.0000000000000007E-2", 0.07), ("0", 0.0),
])
def test_numbers(text, value):
    parsed, marker = parse_value(text)
    assert parsed == value and marker is None


@pytest.mark.parametrize("text", ["c", "z", "x", "k", "low", "..", "-", "u", " C ", "LOW"])
def test_markers_are_kept_not_zeroed(text):
    value, marker = parse_value(text)
    assert math.isnan(value)
    assert marker == text.strip().lower() and marker in MARKER_LEGEND


def test_blank_is_missing_without_marker():
    assert math.isnan(parse_value("")[0]) and parse_value("")[1] is None
    assert parse_value(None)[1] is None


@pytest.mark.parametrize("text", ["seven", "12 children", "n/a", "1.2.3", "inf", "nan"])
def test_other_text_is_refused(text):
    with pytest.raises(ValueError, match="neither a number nor a known marker"):
        parse_value(text)


def test_every_legend_entry_has_a_meaning():
    assert set(MARKER_LEGEND) >= {"c", "z", "x", "k", "low", "..", "-"}
    assert all(len(meaning) > 10 for meaning in MARKER_LEGEND.values())
    assert is_marker("c") and not is_marker("12")


def test_parse_series_matches_parse_value():
    texts = pd.Series(["484", "c", "", "9.3699999999999992", "z", "1,020", "-"])
    values, markers = parse_series(texts)
    expected = [parse_value(t) for t in texts]
    assert [m for _, m in expected] == markers.tolist()
    for got, (want, _) in zip(values, expected):
        assert (math.isnan(got) and math.isnan(want)) or got == want


def test_parse_series_names_the_bad_cell():
    with pytest.raises(ValueError, match=r"'abc' at 2"):
        parse_series(pd.Series(["1", "2", "abc"]))


@pytest.mark.parametrize("x, ndigits, expected", [
    (0.5, 0, 1.0), (1.5, 0, 2.0), (2.5, 0, 3.0), (-2.5, 0, -3.0), (0.125, 2, 0.13),
    (71.45, 1, 71.5), (2.675, 2, 2.68), (1235, -1, 1240.0), (44.4999, 0, 44.0),
])
def test_round_half_up(x, ndigits, expected):
    assert round_half_up(x, ndigits) == expected


def test_round_half_up_differs_from_bankers_rounding():
    assert round(2.5) == 2 and round_half_up(2.5) == 3


def test_clean_float_and_format():
    assert clean_float(0.1 + 0.2) == 0.3
    assert format_value(81770.0, None) == "81,770"
    assert format_value(float("nan"), "c") == "c"
    assert format_value(67.25, None, 1) == "67.3"
