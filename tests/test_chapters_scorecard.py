"""sufficiency.chapters.scorecard ("Our ambitions: the scorecard"): Lewisham's 40 measures with data
to 2025, word for word, and what a council without a plan (Greenwich) is told."""
from __future__ import annotations

import pandas as pd
import pytest

from sufficiency.chapters import scorecard
from sufficiency.publishing.pages import Page


@pytest.fixture(scope="module")
def lewisham():
    return scorecard.load("209", 2025, "2025")


def test_summary_counts_lewisham_s_measures_by_status(lewisham):
    # Review 6, W6 and W7: a passed target date ranks above an old value, an old value is named, never
    # "too early to tell", and the page says what "off track" counts and how the review's results differ.
    assert scorecard.summary_section(lewisham).text.split("\n\n") == [
        "Lewisham's strategy has 8 ambitions and 40 measures of success. Using data up to 2025: 0 met, 3 on track, "
        "7 off track, 6 with no value in 2024 or 2025, 0 too early to tell, and 24 with no value at all.",
        "Of the 7 off track, 3 have passed a target date without reaching the target; 4 are behind the timetable "
        "to their target, no better than their baseline, or worsening over their last three values.",
        "A measure with no value is shown as no data, and one with no value in 2024 or 2025 says when its last "
        "value was: nothing is estimated to fill a gap, and nothing is judged from a figure that old.",
        "These statuses weigh the trend and the time passed as well as the latest value; {doc}`the review of the "
        "last strategy <09-review>` sets each latest value against its target, or its baseline where no figure "
        "was set, and shows each measure's status beside its result."]


def test_counts_and_measures_tables(lewisham, tmp_path):
    page = Page(tmp_path / "08-ambitions-scorecard")
    counts = scorecard.counts_section(page, lewisham).text
    assert "**Measures of success by status\\, data to 2025\\.**" in counts
    counts = pd.read_csv(page.files_dir / "status-counts.csv")
    assert counts["Measures"].tolist() == [0, 3, 7, 6, 0, 24]
    assert counts["Status"].tolist() == ["Met", "On track", "Off track", "No value in 2024 or 2025",
                                         "Too early to tell", "No data"]
    measures = scorecard.measures_section(page, lewisham).text
    assert "Fostering in England\\; Lewisham\\'s own records and measures of success" in measures
    table = pd.read_csv(page.files_dir / "scorecard.csv", dtype=str).set_index("Measure")
    assert len(table) == 40
    rate = table.loc["M1.3: Lower rate of children in care per 10,000 Lewisham children"]
    assert [rate["Baseline"], rate["Latest"], rate["Status"]] == [
        "72 (2022, DfE); 70 as printed", "71 (2025)",
        "Off track: better than the baseline, but the last three values are worsening (68 in 2023 to 71 in 2025)"]
    share = table.loc["M4.2: Half of fostered children placed with Lewisham's own foster carers"]
    assert [share["Baseline"], share["Latest"], share["Target"], share["Status"]] == [
        "29% (2022, recomputed); 30% as printed", "29% (2022)", "at least 50% by 2024-25 (date passed)",
        "Off track: the target date has passed without the target being reached; no value since 2022"]


def test_the_measures_with_no_value_are_listed_with_what_would_supply_them(lewisham, tmp_path):
    page = Page(tmp_path / "08-ambitions-scorecard")
    text = scorecard.no_data_section(page, lewisham).text
    assert text.startswith("24 of the 40 measures have no value up to 2025: no published series and none of the "
                           "council's own figures measures them yet.")
    table = pd.read_csv(page.files_dir / "no-data.csv")
    assert len(table) == 24 and list(table.columns) == ["Measure", "What would supply it"]


def test_a_council_without_a_plan_is_told_where_its_ambitions_go(tmp_path):
    greenwich = scorecard.load("203", 2025, "2025")
    page = Page(tmp_path / "08-ambitions-scorecard")
    assert scorecard.summary_section(greenwich).text == (
        "Greenwich has not supplied its ambitions and measures of success yet, so there is no scorecard in this "
        "edition. They come from the council's own files (its ambitions, actions and measures of success); the "
        "appendix on data sources says how to supply them.")
    assert scorecard.counts_section(page, greenwich).text == "There are no measures to count."
    assert scorecard.measures_section(page, greenwich).text == "No measures have been supplied yet."
    assert not list(page.files_dir.iterdir())
