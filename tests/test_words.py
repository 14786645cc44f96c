"""The words every page is written in (sufficiency.publishing.words), on Lewisham's published figures:
children looked after on 31 March (DfE: 484 in 2019, 462 in 2022, 453 in 2024, 439 in 2025), the rate
per 10,000 children in 2025 (Lewisham 71, England 67, London 48) and the share in foster placements
(78% in 2022, 68% in 2025)."""
from __future__ import annotations

import numpy as np
import pytest

from sufficiency.publishing import words
from sufficiency.publishing.words import (
    MISSING,
    and_list,
    compare,
    describe_change,
    fmt_figure,
    fmt_money,
    fmt_number,
    fmt_percent,
    is_missing,
    marker_note,
)

# ---------------------------------------------------------------- one figure

def test_missing_values_read_no_data_everywhere():
    assert MISSING == "no data"
    assert [fmt_number(None), fmt_money(float("nan")), fmt_percent(np.nan), fmt_figure(None, "%")] == [MISSING] * 4
    assert is_missing(np.float32("nan")) and is_missing(np.float64("nan")) and is_missing(None)
    assert not is_missing(0) and not is_missing("c") and not is_missing(439)


def test_figures_with_their_units_as_tables_show_them():
    # Lewisham 2025: 439 children, 68% in foster care, £4,279 a week in children's homes (2020-21 prices)
    assert fmt_figure(439.0) == "439"
    assert fmt_figure(68.0, "%") == "68%"
    assert fmt_figure(4279, "£ per week") == "£4,279"
    assert fmt_figure(23.5, "%", 1) == "23.5%"
    assert fmt_figure(72.45, "%", 1) == "72.5%"          # half up, as DfE rounds; round() gives 72.4
    assert fmt_figure(None, "%", 0, "c") == "c"            # a DfE marker wins over the value


def test_numbers_money_and_percentages():
    assert fmt_number(37452736.4) == "37,452,736"
    assert fmt_number(64.25, 1) == "64.3"
    assert fmt_number(None, 0, "z") == "z"
    assert fmt_money(16815) == "£16,815" and fmt_money(-196) == "−£196"   # a minus sign, not a hyphen
    assert fmt_percent(9.33, 1) == "9.3%" and fmt_percent(34.0) == "34%"


# ---------------------------------------------------------------- change over time

def test_describe_change_of_a_count():
    cla = {2019: 484, 2022: 462, 2024: 453, 2025: 439}
    assert describe_change(cla, "children") == "fell from 484 children in 2019 to 439 in 2025 (down 45, or 9.3%)"
    assert describe_change({2024: 46, 2025: 42}, "children") == \
        "fell from 46 children in 2024 to 42 in 2025 (down 4, or 8.7%)"


def test_describe_change_of_a_percentage_is_in_points():
    foster = {2022: 78.0, 2023: 79.0, 2024: 72.0, 2025: 68.0}
    assert describe_change(foster, "%") == "fell from 78% in 2022 to 68% in 2025 (down 10 percentage points)"
    assert describe_change({2018: 10.0, 2025: 8.0}, "per cent") == \
        "fell from 10% in 2018 to 8% in 2025 (down 2 percentage points)"
    assert describe_change({2024: 86.0, 2025: 88.0}, "%") == \
        "rose from 86% in 2024 to 88% in 2025 (up 2 percentage points)"


def test_describe_change_when_nothing_moved_or_too_little_is_known():
    # care leavers aged 19 to 21 in education, employment or training: 53% in 2024 and 2025
    assert describe_change({2024: 53.0, 2025: 53.0}, "%") == "was 53% in 2025, the same as in 2024"
    assert describe_change({2024: 53.0, 2025: 53.0}, "per cent") == "was 53% in 2025, the same as in 2024"
    assert describe_change({2024: 72.0, 2025: 71.5}, "per 10,000 children") == \
        "was 72 per 10,000 children in 2025, the same as in 2024"      # the same once rounded as shown
    assert describe_change({2024: float("nan"), 2025: 439}, "children") == \
        "has too few published years to describe a trend"
    assert describe_change({2024: 0, 2025: 3}, "children") == "rose from 0 children in 2024 to 3 in 2025 (up 3)"


# ---------------------------------------------------------------- comparisons

def test_compare_after_dfe_rounding():
    assert compare(71, 67, "per 10,000 children", "England") == "above England's 67 per 10,000 children"
    assert compare(71, 48, "per 10,000 children", "London") == "above London's 48 per 10,000 children"
    assert compare(8, 10, "%", "England") == "below England's 10%"
    assert compare(67.4, 67, "per cent", "England") == "the same as England's 67 per cent"
    assert compare(None, 67, "per cent", "England") == "not comparable with England (no data)"


def test_marker_note_names_each_symbol_once():
    assert marker_note(["c", None, "c", "z"]) == (
        "Symbols: c = suppressed to protect confidentiality (a small number, or a figure that would reveal one); "
        "z = not applicable (DfE publishes no figure because none applies to this council or year).")
    assert marker_note([None, ""]) == ""
    assert marker_note(["?"]) == "Symbols: ? = see the publisher’s notes."


@pytest.mark.parametrize("items, text", [
    ([], ""), (["Lambeth"], "Lambeth"), (["Lambeth", "Southwark"], "Lambeth and Southwark"),
    (["Lambeth", "Southwark", "Croydon"], "Lambeth, Southwark and Croydon"),
])
def test_and_list(items, text):
    assert and_list(items) == text


def test_round_half_up_is_re_exported_for_notebooks():
    assert words.round_half_up(0.5) == 1.0 and words.round_half_up(71.45, 1) == 71.5


# ----------------------------------------------------------------------------- plurals and points
def test_one_child_is_singular_and_every_other_count_plural():
    # Isles of Scilly publishes counts of 0 and 1; "about 1 children" was printed before.
    from sufficiency.publishing.words import count_phrase
    assert count_phrase(1, "child") == "1 child"
    assert count_phrase(0, "child") == "0 children"
    assert count_phrase(439, "child") == "439 children"
    assert count_phrase(1.4, "home") == "1 home"          # singular by the number shown
    assert count_phrase(4009, "children's home", "children's homes") == "4,009 children's homes"


def test_a_one_point_change_is_one_percentage_point():
    # Lewisham's foster share moved 1 point in a year; "up 1 percentage points" was printed before.
    from sufficiency.publishing.words import describe_change, points
    assert points(1) == "1 percentage point"
    assert points(-4) == "4 percentage points"
    assert describe_change({2022: 78, 2023: 79}, "%") == "rose from 78% in 2022 to 79% in 2023 (up 1 percentage point)"
