"""sufficiency.chapters.what_changed: Lewisham's 2025 edition against 2024, and the record it leaves."""
from __future__ import annotations

import pandas as pd

from sufficiency.chapters import what_changed
from sufficiency.measures import editions
from sufficiency.publishing.pages import Page


def test_changes_section_counts_better_and_worse_then_tables_each_headline(tmp_path):
    page = Page(tmp_path / "97-what-changed")
    text = what_changed.changes_section(page, "209", 2025, "2025").text
    assert text.startswith(
        "Of the 10 headline figures in Lewisham's edition with data to 31 March 2025, compared with the edition a "
        "year earlier: 4 better, 3 worse, 1 unchanged. 2 cannot be compared in the good-or-bad sense (no figure in "
        "one edition, no newer figure, or no agreed good direction).\n\n")
    assert "| Children looked after living in foster placements | 72\\% \\(2024\\) | 68\\% \\(2025\\) | −4 percentage points | worse |" \
        in text
    assert "**Headline figures\\: edition 2025 against edition 2024\\.**" in text
    table = pd.read_csv(page.files_dir / "what-changed.csv")
    assert len(table) == 10


def test_changes_section_leaves_this_edition_s_headlines_for_the_build(tmp_path):
    page = Page(tmp_path / "97-what-changed")
    what_changed.changes_section(page, "209", 2025, "2025")
    record = pd.read_csv(page.files_dir / what_changed.RECORD_FILE, dtype={"la_code": str})
    assert list(record.columns) == editions.RECORD_COLUMNS
    assert record["indicator"].tolist() == editions.HEADLINES
    assert set(record["la_code"]) == {"209"} and set(record["edition"]) == {2025}


def test_a_council_whose_newest_years_are_dfe_symbols_shows_them_with_their_meaning(tmp_path):
    """Isles of Scilly 2025: every headline's newest year is 'z'; the page once stopped with 'cannot
    convert float NaN to integer' and then showed numbers from 2018-2020 as if current."""
    page = Page(tmp_path / "97-what-changed")
    text = what_changed.changes_section(page, "420", 2025, "2025").text
    assert ("For 10 of these figures DfE's newest year for Isles of Scilly has a symbol in place of a number: z (not "
            "applicable (DfE publishes no figure because none applies to this council or year)) for children looked after per 10,000 "
            "children, children looked after living in foster placements,") in text
    assert "| Children looked after per 10\\,000 children | z \\(2024\\) | z \\(2025\\) | – | no comparison |" in text
    assert "none is better, worse or unchanged. 10 cannot be compared" in text


def test_city_of_london_suppressed_figures_keep_c(tmp_path):
    page = Page(tmp_path / "97-what-changed")
    text = what_changed.changes_section(page, "201", 2025, "2025").text
    assert "| Children looked after per 10\\,000 children | 76 \\(2024\\) | c \\(2025\\) | – | no comparison |" in text
    assert "| Care leavers aged 19 to 21 in suitable accommodation | 89\\% \\(2024\\) | 96\\% \\(2025\\) | \\+7 percentage points | better |" in text
    assert "c (suppressed to protect confidentiality (a small number, or a figure that would reveal one)) for " \
           "children looked after per 10,000 children" in text
