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
    assert scorecard.summary_section(lewisham).text == (
        "Lewisham's strategy has 8 ambitions and 40 measures of success. Using data up to 2025: 0 met, 3 on track, "
        "6 off track, 7 too early to tell, and 24 with no value yet.\n\n"
        "A measure with no value is shown as no data: nothing is estimated to fill a gap.")


def test_counts_and_measures_tables(lewisham, tmp_path):
    page = Page(tmp_path / "08-ambitions-scorecard")
    counts = scorecard.counts_section(page, lewisham).text
    assert "**Measures of success by status\\, data to 2025\\.**" in counts
    assert pd.read_csv(page.files_dir / "status-counts.csv")["Measures"].tolist() == [0, 3, 6, 7, 24]
    measures = scorecard.measures_section(page, lewisham).text
    assert "Fostering in England\\; Lewisham\\'s own records and measures of success" in measures
    table = pd.read_csv(page.files_dir / "scorecard.csv", dtype=str).set_index("Measure")
    assert len(table) == 40
    rate = table.loc["M1.3: Lower rate of children in care per 10,000 Lewisham children"]
    assert [rate["Baseline"], rate["Latest"], rate["Status"]] == ["72 (2022, DfE); 70 as printed", "71 (2025)",
                                                                  "Off track"]


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
