"""sufficiency.chapters.voices ("What people told us"): each section, word for word, from Lewisham's
feedback.csv and local_figures.csv, for a council with no files (Greenwich) and an earlier edition."""
from __future__ import annotations

import pandas as pd
import pytest

from sufficiency.chapters import voices
from sufficiency.publishing.pages import Page

GREENWICH_GAP = ("Greenwich has not supplied a record of what stakeholders told it, so this section is empty. The "
                 "figures would come from the council's own files (data\\/local\\/greenwich\\/feedback\\.csv), which a "
                 "policy officer fills in from the template in data/local/\\_template.")


@pytest.fixture(scope="module")
def lewisham():
    return voices.load("209", 2025)


def test_summary_counts_points_by_group_and_how_they_were_sorted(lewisham):
    assert lewisham.later == 0
    assert voices.summary_section(lewisham).text == (
        "The council recorded 35 points: 8 from placement providers, 7 from foster carers, 4 from independent "
        "reviewing officers and 16 from children and young people. 14 points fall under more than one theme. The "
        "codebook decided the theme of every point. Every point matches at least one theme, so none is listed "
        "under Other.")


def test_an_earlier_edition_leaves_out_later_points_and_says_how_many():
    earlier = voices.load("209", 2021)
    assert (earlier.later, len(earlier.feedback)) == (28, 7)
    assert voices.summary_section(earlier).text == (
        "The council recorded 7 points: 7 from foster carers. No points fall under more than one theme. The codebook "
        "decided the theme of every point. Every point matches at least one theme, so none is listed under Other."
        "\n\n28 points recorded after 2021 are left out of this edition.")
    assert voices.later_sentence(1, 2021) == "1 point recorded after 2021 is left out of this edition."


def test_when_every_point_is_later_the_page_says_so_rather_than_that_none_were_supplied():
    earlier = voices.load("209", 2021)
    earlier.feedback = None    # as load() leaves it when every point is later than the edition
    assert voices.summary_section(earlier).text == (
        "Every point in Lewisham's record of what stakeholders told it was recorded after 2021, so none is shown "
        "in this edition.")


def test_themes_by_group_gives_the_heat_map_and_its_table_with_the_council_s_sections_as_source(lewisham, tmp_path):
    page = Page(tmp_path / "05-voices")
    text = voices.themes_by_group_section(page, lewisham).text
    assert ":name: fig-05-voices-themes-by-group" in text
    source = ("Source: Lewisham\\'s record of stakeholder feedback \\(feedback\\.csv\\)\\, points summarised by the "
              "council\\; §5 Children and young people\\; §5 Foster carers\\; §5 IRO annual report\\; §5 Placement "
              "providers")
    assert text.count(source) == 3   # the figure's caption; the table's, with its link (web) and without (PDF)
    assert "**Points by theme and group\\.**" in text
    counts = pd.read_csv(page.files_dir / "themes-by-group-table.csv").set_index("Theme")
    assert counts.loc["Stability and moves"].tolist() == [1, 0, 3, 4, 8]
    assert (page.files_dir / "themes-by-group.svg").exists()


def test_points_section_lists_every_point_under_its_themes(lewisham):
    text = voices.points_section(lewisham).text
    assert text.startswith("**Feeling at home** (5 points)\n\n- They want someone at home to notice them")


def test_codebook_section_is_the_codebook_table(lewisham, tmp_path):
    page = Page(tmp_path / "05-voices")
    text = voices.codebook_section(page, lewisham).text
    assert "| Feeling at home | Whether a placement feels like a real home" in text
    assert ("**The codebook\\: themes and the phrases that place a point under each\\.** Source: This "
            "book\\'s codebook \\(themes\\_codebook\\.yml\\)\\. "
            "{download}`(CSV) <_generated/05-voices/codebook.csv>`\n:::") in text   # the link: web page only


def test_iro_section_tables_the_annual_report_s_figures(lewisham, tmp_path):
    page = Page(tmp_path / "05-voices")
    voices.iro_section(page, lewisham)
    facts = pd.read_csv(page.files_dir / "iro-facts.csv", dtype=str)
    assert facts[["Value", "Period"]].values.tolist() == [["more than 90%", "2021–22"], ["177", "2021–22"],
                                                         ["about 79", "2021–22"]]


def test_iro_figures_later_than_the_edition_are_not_called_missing(tmp_path):
    text = voices.iro_section(Page(tmp_path / "05-voices"), voices.load("209", 2021)).text
    assert text == ("The figures Lewisham supplied from its independent reviewing officers' annual reports cover "
                    "periods after 2021, so none is shown in this edition.")


def test_a_council_without_files_gets_the_same_gap_in_every_section(tmp_path):
    greenwich = voices.load("203", 2025)
    page = Page(tmp_path / "05-voices")
    assert greenwich.feedback is None and greenwich.figures is None
    for section in (voices.summary_section(greenwich), voices.themes_by_group_section(page, greenwich),
                    voices.points_section(greenwich)):
        assert section.text == GREENWICH_GAP
    assert voices.iro_section(page, greenwich).text == (
        "Greenwich has not supplied figures from its independent reviewing officers' annual report, so this section "
        "is empty. The figures would come from the council's own files "
        "(data\\/local\\/greenwich\\/local\\_figures\\.csv), which a policy officer fills in from the template in "
        "data/local/\\_template.")
    assert sorted(p.name for p in page.files_dir.iterdir()) == []
