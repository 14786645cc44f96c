"""The scorecard rule on constructed inputs, and Lewisham's scorecard from the real files."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from sufficiency.measures import ambitions
from sufficiency.measures.ambitions import assess, trend_of


def test_met_in_either_direction():
    assert assess(latest=80, target=75, direction="up")[0] == "met"
    assert assess(latest=74.6, target=75, direction="up")[0] == "met"      # 75 as shown
    assert assess(latest=8, target=9, direction="down")[0] == "met"
    assert assess(latest=10, target=9, direction="down")[0] != "met"


def test_on_track_needs_progress_in_proportion_to_time():
    common = dict(target=50, direction="up", reference=30, reference_year=2022, target_year=2026)
    # half the time gone (2024), half the gap closed (40) -> on track; 39 -> off track
    assert assess(latest=40, latest_year=2024, **common)[0] == "on track"
    assert assess(latest=39, latest_year=2024, **common)[0] == "off track"
    # moving the wrong way
    assert assess(latest=25, latest_year=2023, **common)[0] == "off track"


def test_target_date_passed_is_off_track():
    status, reason = assess(latest=49, target=50, direction="up", reference=30, reference_year=2022,
                            latest_year=2026, target_year=2026)
    assert status == "off track" and "passed" in reason


def test_direction_only_aims_compare_with_the_baseline():
    base = dict(direction="down", reference=10, reference_year=2022, latest_year=2024)
    assert assess(latest=8, **base)[0] == "on track"
    assert assess(latest=10.2, **base)[0] == "off track"   # no better, as shown
    assert assess(latest=12, **base)[0] == "off track"


def test_no_baseline_uses_the_trend():
    assert assess(latest=5, direction="up", trend="improving")[0] == "on track"
    assert assess(latest=5, direction="up", trend="stable")[0] == "off track"
    assert assess(latest=5, direction="up")[0] == "too early to tell"


def test_no_data_is_never_filled_in():
    assert assess(latest=None, target=10, direction="up")[0] == "no data"
    assert assess(latest=float("nan"), direction="down")[0] == "no data"


def test_latest_not_after_baseline_is_too_early():
    assert assess(latest=76, direction="up", reference=76, reference_year=2022,
                  latest_year=2022)[0] == "too early to tell"


def test_trend_of():
    assert trend_of([1, 2, 3, 4], "up") == "improving"
    assert trend_of([4, 3, 9, 3], "up") == "stable"        # last three: 3 .. 3
    assert trend_of([10, 12], "down") == "worsening"
    assert trend_of([float("nan"), 3], "up") == "too few values"


def test_status_rule_is_written_for_readers():
    for word in ("No data", "Met", "On track", "off track", "Too early to tell"):
        assert word in ambitions.STATUS_RULE


@pytest.fixture(scope="module")
def lewisham_2025():
    return ambitions.scorecard("209", 2025).set_index("id")


def test_lewisham_scorecard_2025(lewisham_2025):
    card = lewisham_2025
    assert len(card) == 40
    foster = card.loc["M4.1"]       # 68% in foster care in 2025 (DfE), target at least 75% by 2024-25
    assert (foster.latest_value, foster.latest_year, foster.status) == (68.0, 2025, "off track")
    assert foster.reference_value == 78.0        # DfE's 2022 figure, like with like (strategy: 80)
    assert foster.neighbours_average == pytest.approx(70.0, abs=0.05)
    stable = card.loc["M5.2"]       # 3+ placements: 9% in 2022 -> 8% in 2025, lower is better
    assert (stable.latest_value, stable.status) == (8.0, "on track")
    assert card.loc["M5.1"].status == "off track"   # long-term stability 75% -> 64%
    assert card.loc["M1.4"].status == "no data"     # no public council series
    assert card.loc["M2.2"].status == "no data" and math.isnan(card.loc["M2.2"].latest_value)
    assert card.loc["M6.2"].status == "too early to tell"   # one cost year only


def test_lewisham_2022_edition_sees_nothing_later():
    card = ambitions.scorecard("209", 2022).set_index("id")
    assert card["latest_year"].dropna().max() <= 2022
    assert card.loc["M4.1", "status"] == "met"      # 78% in 2022 against at least 75%


def test_council_without_files_gives_an_empty_scorecard():
    card = ambitions.scorecard("203", 2025)
    assert card.empty and list(card.columns) == ambitions.SCORECARD_COLUMNS
    assert ambitions.load_plan("203") is None


def test_status_counts_and_reader_table(lewisham_2025):
    card = lewisham_2025.reset_index()
    counts = ambitions.status_counts(card)
    assert counts["Measures"].sum() == 40 and list(counts["Status"])[0] == "Met"
    table = ambitions.reader_table(card)
    row = table[table["Measure"].str.startswith("M4.1")].iloc[0]
    assert "Ambition" not in table and (row["Latest"], row["Target"], row["Status"]) == ("68% (2025)", "at least 75% by 2024-25", "Off track")
