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
        "Lewisham's strategy has 8 ambitions and 40 measures of success. Using data up to 2025: 0 met, 2 on track, "
        "5 off track, 8 too early to tell, and 25 with no value yet.\n\n"
        "A measure with no value is shown as no data: nothing is estimated to fill a gap.")


def test_counts_and_measures_tables(lewisham, tmp_path):
    page = Page(tmp_path / "08-ambitions-scorecard")
    counts = scorecard.counts_section(page, lewisham).text
    assert "**Measures of success by status\\, data to 2025\\.**" in counts
    assert pd.read_csv(page.files_dir / "status-counts.csv")["Measures"].tolist() == [0, 2, 5, 8, 25]
    measures = scorecard.measures_section(page, lewisham).text
    assert "Fostering in England\\; Lewisham\\'s own records and measures of success" in measures
    table = pd.read_csv(page.files_dir / "scorecard.csv", dtype=str).set_index("Measure")
    assert len(table) == 40
    rate = table.loc["M1.3: Lower rate of children in care per 10,000 Lewisham children"]
    assert [rate["Latest"], rate["Status"]] == ["71 (2025)", "On track"]


def test_a_council_without_a_plan_is_told_where_its_ambitions_go(tmp_path):
    greenwich = scorecard.load("203", 2025, "2025")
    page = Page(tmp_path / "08-ambitions-scorecard")
    assert scorecard.summary_section(greenwich).text == (
        "Greenwich has not supplied its ambitions and measures of success yet, so there is no scorecard in this "
        "edition. They go in the council's own files (data/local/greenwich/ambitions.csv, actions.csv and "
        "measures.csv; see data/local/README.md).")
    assert scorecard.counts_section(page, greenwich).text == "There are no measures to count."
    assert scorecard.measures_section(page, greenwich).text == "No measures have been supplied yet."
    assert not list(page.files_dir.iterdir())
