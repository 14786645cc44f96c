"""What changed since the last edition: comparisons follow the direction that is good for children."""
import math

import pandas as pd
import pytest

from sufficiency.data.councils import resolve_council
from sufficiency.measures import editions


def _record(edition, values):
    rows = [{"la_code": "209", "edition": edition, "indicator": i, "label": i, "year": edition,
             "value": v, "marker": m, "unit": "%", "good_direction": d} for i, v, m, d in values]
    return pd.DataFrame(rows, columns=editions.RECORD_COLUMNS)


def test_compare_editions_uses_the_good_direction_and_keeps_markers():
    previous = _record(2024, [("a", 70.0, None, "up"), ("b", 10.0, None, "down"), ("c", 5.0, None, ""),
                              ("d", math.nan, "c", "up")])
    current = _record(2025, [("a", 68.0, None, "up"), ("b", 8.0, None, "down"), ("c", 5.0, None, ""),
                             ("d", 12.0, None, "up")])
    table = editions.compare_editions(current, previous).set_index("Measure")
    assert table.loc["a", "Direction"] == "worse" and table.loc["a", "Change"] == "−2 percentage points"
    assert table.loc["b", "Direction"] == "better"
    assert table.loc["c", "Direction"] == "unchanged"
    assert table.loc["d", "Edition 2024"] == "c (2024)" and table.loc["d", "Direction"] == "no comparison"


def test_lewisham_2025_headlines_match_published_figures():
    record = editions.headline_record(resolve_council("209"), 2025).set_index("indicator")
    assert record.loc["cla_rate_per_10k", "value"] == 71
    assert record.loc["share_foster_care", "value"] == 68
    assert record.loc["share_placements_3plus", "value"] == 8
    earlier = editions.headline_record(resolve_council("209"), 2022).set_index("indicator")
    assert earlier["year"].max() <= 2022, "an edition never reads data after its year"
    assert earlier.loc["share_foster_care", "value"] == 78


def test_compare_editions_words_every_cell():
    previous = _record(2024, [("a", 70.0, None, "up"), ("d", math.nan, "c", "up"), ("e", math.nan, None, "down")])
    current = _record(2025, [("a", 68.0, None, "up"), ("d", 12.0, None, "up"), ("e", 9.0, None, "down")])
    table = editions.compare_editions(current, previous)
    assert table.to_dict("records") == [
        {"Measure": "a", "Edition 2024": "70% (2024)", "Edition 2025": "68% (2025)", "Change": "−2 percentage points",
         "Direction": "worse"},
        {"Measure": "d", "Edition 2024": "c (2024)", "Edition 2025": "12% (2025)", "Change": "–",
         "Direction": "no comparison"},
        {"Measure": "e", "Edition 2024": "no data (2024)", "Edition 2025": "9% (2025)", "Change": "–",
         "Direction": "no comparison"},
    ]


def test_a_figure_not_updated_since_the_last_edition_is_said_so():
    previous = _record(2024, [("a", 70.0, None, "up")])
    current = _record(2025, [("a", 72.0, None, "up")]).assign(year=2024)
    row = editions.compare_editions(current, previous).iloc[0]
    assert (row["Edition 2025"], row["Change"], row["Direction"]) == ("72% (2024)", "+2 percentage points", "no newer figure")


@pytest.fixture(scope="module")
def lewisham_2024_to_2025():
    lewisham = resolve_council("209")
    return editions.compare_editions(editions.headline_record(lewisham, 2025),
                                     editions.headline_record(lewisham, 2024))


def test_lewisham_2025_against_2024_in_words(lewisham_2024_to_2025):
    rows = lewisham_2024_to_2025.set_index("Measure")
    assert rows.loc["Children looked after per 10,000 children"].tolist() == ["72 (2024)", "71 (2025)", "−1", "lower"]
    assert rows.loc["Children looked after living in foster placements"].tolist() == [
        "72% (2024)", "68% (2025)", "−4 percentage points", "worse"]
    assert rows.loc["Children looked after with three or more placements in the year"].tolist() == [
        "11% (2024)", "8% (2025)", "−3 percentage points", "better"]
    assert rows.loc["Care leavers aged 19 to 21 in education, employment or training"].tolist() == [
        "53% (2024)", "53% (2025)", "no change", "unchanged"]
    assert rows.loc["Unaccompanied asylum-seeking children looked after"].tolist() == [
        "46 (2024)", "42 (2025)", "−4", "lower"]


def test_summary_sentence_lewisham_2025(lewisham_2024_to_2025):
    assert editions.summary_sentence(lewisham_2024_to_2025, "Lewisham", 2025) == (
        "Of the 10 headline figures in Lewisham's edition with data to 31 March 2025, compared with the edition a "
        "year earlier: 4 better, 3 worse, 1 unchanged. 2 cannot be compared in the good-or-bad sense (no figure "
        "in one edition, no newer figure, or no agreed good direction).")


def test_summary_sentence_when_nothing_can_be_judged():
    table = editions.compare_editions(_record(2025, [("a", 5.0, None, "")]), _record(2024, [("a", 4.0, None, "")]))
    assert editions.summary_sentence(table, "Greenwich", 2025) == (
        "Of the headline figure in Greenwich's edition with data to 31 March 2025, compared with the edition a "
        "year earlier: none is better, worse or unchanged. 1 cannot be compared in the good-or-bad sense (no figure in one edition, no "
        "newer figure, or no agreed good direction).")


def test_a_one_point_change_is_singular():
    # "+1 points" was printed on the what-changed page (Lewisham 2024 against 2023).
    from sufficiency.publishing.words import points
    assert "+" + points(1) == "+1 percentage point"
