"""The sentences, numbers, caption and alt text of a measure over time (sufficiency.measures.trends), on
DfE's published figures: Lewisham (209) and Greenwich (203) against England, London and their
statistical neighbours to 31 March 2025, and the City of London (201), whose 2025 figure DfE suppressed."""
from __future__ import annotations

import pandas as pd
import pytest

from sufficiency.data import published
from sufficiency.data.councils import resolve_council
from sufficiency.measures import trends
from sufficiency.publishing.pages import Page


@pytest.fixture(scope="module")
def headline():
    return published.cla_headline(2025)


@pytest.fixture(scope="module")
def lewisham():
    return resolve_council("209")


@pytest.fixture(scope="module")
def rate(headline, lewisham):
    return trends.trend(headline, lewisham, "cla_31_march", published.PER_10K, "children looked after on 31 March",
                        polarity=None)


def per_cent(frame: pd.DataFrame) -> pd.DataFrame:
    """As chapter 4 passes percentages: unit 'per cent', so sentences read '8 per cent'."""
    return frame[frame["unit"] == "%"].assign(unit="per cent")


# ---------------------------------------------------------------- sentences

def test_lewisham_rate_2025_against_england_london_and_neighbours(rate):
    assert trends.sentences(rate) == (
        "Lewisham's figure for children looked after on 31 March rose from 68 per 10,000 children in 2016 to 71 "
        "in 2025 (up 3, or 4.4%). In 2025 it was 71 per 10,000 children: above England's 67 per 10,000 children, "
        "above the London average of 48 and above the statistical neighbours' average of 64. The neighbours "
        "ranged from 37 to 88. Among the 151 councils with a published figure, Lewisham was in quartile band B "
        "(A holds the quarter of councils with the highest values; DfE names no better direction for this "
        "measure).")


def test_lewisham_three_or_more_placements_where_lower_is_better(lewisham):
    t = trends.trend(per_cent(published.placement_stability(2025)), lewisham, "stability_3_plus_placements",
                     "per cent", "children looked after with three or more placements in the year", polarity="Low")
    assert trends.sentences(t) == (
        "Lewisham's figure for children looked after with three or more placements in the year fell from 10% in "
        "2018 to 8% in 2025 (down 2 percentage points). In 2025 it was 8 per cent: below England's 10 per cent, "
        "below the London average of 10 and below the statistical neighbours' average of 10. The neighbours "
        "ranged from 6 to 13. Among the 151 councils with a published figure, Lewisham was in quartile band A "
        "(A is the best quarter of councils, where a lower value is better).")


def test_greenwich_foster_placements_above_england_london_and_neighbours():
    frame = per_cent(published.cla_characteristics(2025, ["cla_by_placement_type"]))
    t = trends.trend(frame, resolve_council("203"), "cla_by_placement_type", "per cent",
                     "children looked after living in foster placements", breakdown="Foster placements",
                     polarity="High")
    assert trends.sentences(t) == (
        "Greenwich's figure for children looked after living in foster placements fell from 78% in 2020 to 72% "
        "in 2025 (down 6 percentage points). In 2025 it was 72 per cent: above England's 67 per cent, above the "
        "London average of 68 and above the statistical neighbours' average of 71. The neighbours ranged from "
        "63 to 79. Among the 151 councils with a published figure, Greenwich was in quartile band A (A is the "
        "best quarter of councils, where a higher value is better).")


def test_a_suppressed_latest_year_is_named_and_the_last_figure_compared(headline):
    t = trends.trend(headline, resolve_council("201"), "cla_31_march", published.PER_10K,
                     "children looked after on 31 March", polarity=None)
    assert trends.sentences(t) == (
        "City of London's figure for children looked after on 31 March fell from 108 per 10,000 children in "
        "2016 to 76 in 2024 (down 32, or 29.6%). No figure is published for 2025 (shown as c: suppressed to "
        "protect confidentiality (a small number, or a figure that would reveal one)). In 2024 it was 76 per "
        "10,000 children: above England's 69 per 10,000 children, above the London average of 50 and above the "
        "statistical neighbours' average of 66. The neighbours ranged from 37 to 89. Among the 152 councils with "
        "a published figure, City of London was in quartile band B (A holds the quarter of councils with the "
        "highest values; DfE names no better direction for this measure).")
    numbers = t.numbers().set_index("Year")
    assert numbers.loc[2025].tolist() == ["c", "67", "48", "63", "41", "79", ""]
    assert numbers.loc[2024].tolist() == ["76", "69", "50", "66", "37", "89", "B"]


def test_a_count_is_not_compared_with_englands(headline, lewisham):
    t = trends.trend(headline, lewisham, "cla_31_march", "children", "children looked after on 31 March",
                     polarity=None, compared=False)
    assert trends.sentences(t) == ("Lewisham's figure for children looked after on 31 March fell from 526 children "
                                   "in 2010 to 439 in 2025 (down 87, or 16.5%).")
    assert list(t.numbers().columns) == ["Year", "Lewisham"]
    assert t.numbers().tail(2).to_dict("list") == {"Year": [2024, 2025], "Lewisham": ["453", "439"]}
    assert list(t.chart_table().columns) == ["council"]


# ---------------------------------------------------------------- sources, numbers, figure

def test_source_note_names_each_release_and_its_years(rate):
    assert rate.sources == (
        "DfE, Local Authority Interactive Tool (LAIT) (April 2026 download: 2016–2018); DfE, Children looked after in "
        "England including adoptions (2023 release: 2019; 2024 release: 2020; 2025 release: 2021–2025)")


def test_numbers_as_readers_see_them(rate):
    numbers = rate.numbers()
    assert list(numbers.columns) == ["Year", "Lewisham", "England", "London", "Neighbours' average",
                                     "Neighbours' lowest", "Neighbours' highest", "Quartile band"]
    assert numbers.iloc[-1].tolist() == [2025, "71", "67", "48", "64", "37", "88", "B"]


def test_figure_caption_alt_text_and_numbers(rate, tmp_path):
    page = Page(tmp_path / "files", page="04")
    text = trends.figure(page, rate, name="cla-rate", title="Children looked after per 10,000 children").text
    assert (":alt: Line chart of children looked after on 31 March (per 10,000 children), 2016 to 2025, for "
            "Lewisham compared with England, London and the average and range of its statistical neighbours. "
            "Lewisham rose from 68 in 2016 to 71 in 2025. In 2025: England 67, London 48, neighbours' average 64.\n"
            ) in text
    assert (r"Children looked after per 10\,000 children\, Lewisham against England\, London and its statistical "
            r"neighbours\. Source: DfE\, Local Authority Interactive Tool") in text
    assert "| 2025 | 71 | 67 | 48 | 64 | 37 | 88 | B |" in text
    assert (tmp_path / "files" / "cla-rate.svg").exists() and (tmp_path / "files" / "cla-rate.print.pickle").exists()


def test_figure_of_a_count_has_no_comparators_and_says_where_a_figure_is_hidden(headline, tmp_path):
    t = trends.trend(headline, resolve_council("201"), "cla_31_march", "children", "children looked after on 31 March",
                     polarity=None, compared=False)
    text = trends.figure(Page(tmp_path, page="04"), t, name="count", title="Children looked after on 31 March").text
    assert (":alt: Line chart of children looked after on 31 March (children), 2010 to 2025, for City of London. "
            "City of London fell from 15 in 2010 to 7 in 2024.\n") in text
    assert (r"Children looked after on 31 March\, City of London\. Symbols\: c \= suppressed to protect "
            r"confidentiality \(a small number\, or a figure that would reveal one\)\. Source: DfE") in text


def test_a_year_missing_from_the_series_is_said_and_drawn_as_a_gap(lewisham, tmp_path):
    """Dropping 2023 from the stability file used to go unnoticed: the chart joined 2022 to 2024."""
    frame = per_cent(published.placement_stability(2025))
    frame = frame[frame["year"] != 2023]
    t = trends.trend(frame, lewisham, "stability_3_plus_placements", "per cent",
                     "children looked after with three or more placements in the year", polarity="Low")
    text = trends.sentences(t)
    assert ("The published series has no row for 2023, so the chart leaves a gap there rather than joining "
            "the years either side.") in text
    from sufficiency.publishing import charts

    fig = charts.comparison_chart(t.chart_table(), labels=t.labels, unit=t.unit, title="Three or more placements")
    council = fig.axes[0].get_lines()[-1]
    xs, ys = council.get_xdata(), council.get_ydata()
    assert 2023 in list(xs) and pd.isna(ys[list(xs).index(2023)]), "2023 must be a gap, not interpolated"
    assert "no row for" not in trends.sentences(trends.trend(per_cent(published.placement_stability(2025)), lewisham,
                                                             "stability_3_plus_placements", "per cent", "x",
                                                             polarity="Low"))
