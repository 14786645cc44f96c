"""sufficiency.chapters.voices ("What people told us"): each section, word for word, from Lewisham's
feedback.csv and local_figures.csv, for a council with no files (Greenwich) and an earlier edition."""
from __future__ import annotations

import pandas as pd
import pytest

from sufficiency.chapters import voices
from sufficiency.publishing.pages import Page

GREENWICH_GAP = "Greenwich has not supplied a record of what stakeholders told it, so this section is empty."


@pytest.fixture(scope="module")
def lewisham():
    return voices.load("209", 2025)


def test_summary_counts_points_by_group_and_how_they_were_sorted(lewisham):
    assert lewisham.later == 0
    assert voices.summary_section(lewisham).text == (
        "The council recorded 35 points: 8 from care providers, 7 from foster carers, 4 from independent "
        "reviewing officers and 16 from children and young people. Each point is counted once, under its main theme. "
        "The codebook decided the theme of every point. Every point matches at least one theme, so none is listed "
        "under Other.")


def test_an_earlier_edition_leaves_out_later_points_and_says_how_many():
    earlier = voices.load("209", 2021)
    assert (earlier.later, len(earlier.feedback)) == (28, 7)
    assert voices.summary_section(earlier).text == (
        "The council recorded 7 points: 7 from foster carers. Each point is counted once, under its main theme. The "
        "codebook decided the theme of every point. Every point matches at least one theme, so none is listed under Other."
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
    source = ("Source: Lewisham\\'s record of stakeholder feedback\\, points summarised by the "
              "council\\; §5 Children and young people\\; §5 Foster carers\\; §5 IRO annual report\\; §5 Placement "
              "providers")
    assert text.count(source) == 3   # the figure's caption; the table's, with its link (web) and without (PDF)
    assert "**Points by theme and group\\.**" in text
    counts = pd.read_csv(page.files_dir / "themes-by-group-table.csv").set_index("Theme")
    assert counts.loc["Stability and moves"].tolist() == [0, 0, 2, 2, 4]
    assert "feedback.csv" not in text
    assert (page.files_dir / "themes-by-group.svg").exists()


def test_points_section_lists_every_point_under_its_themes(lewisham):
    text = voices.points_section(lewisham).text
    assert text.startswith("**Feeling at home** (3 points)\n\n- “They want someone at home to notice them")


def test_codebook_section_is_the_codebook_table(lewisham, tmp_path):
    page = Page(tmp_path / "05-voices")
    text = voices.codebook_section(page, lewisham).text
    assert "| Feeling at home | Whether a placement feels like a real home" in text
    assert ("**The codebook\\: themes and the phrases that place a point under each\\.** Source: This "
            "book\\'s codebook\\. "
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
        "is empty.")
    assert voices.consultation_section(greenwich).text == GREENWICH_GAP
    assert voices.responses_section(page, greenwich).text == GREENWICH_GAP
    assert sorted(p.name for p in page.files_dir.iterdir()) == []


def test_when_the_points_were_made_and_which_strategy_they_belong_to(lewisham):
    assert voices.consultation_section(lewisham).text.split("\n\n") == [
        "When the points were made\\: care providers in July 2022\\, independent reviewing officers in 2021–22 "
        "and children and young people in 2022\\. 7 points from foster carers have no date recorded\\.",
        # the IRO's 2021–22 points ended in March 2022, before the period began in April
        "Of the 28 dated points, 24 were made within the 2022–25 strategy period and 4 before it. None has been "
        "recorded since 2022."]


def test_points_from_before_the_strategy_period_are_said_to_belong_to_an_earlier_one(lewisham):
    later = voices.Voices(lewisham.council, 2026, lewisham.codebook, lewisham.feedback, 0, lewisham.figures, "2025-28")
    assert voices.period_sentence(later) == (
        "Every dated point was made in 2022, before the 2025–28 strategy period began: these are the views gathered "
        "for an earlier strategy, and none has been recorded for this one yet. None has been recorded since 2022.")
    mixed = lewisham.feedback.copy()
    mixed.loc[mixed["id"] == "F20", "when"] = "March 2026"
    both = voices.Voices(lewisham.council, 2026, lewisham.codebook, mixed, 0, lewisham.figures, "2025-28")
    assert voices.period_sentence(both) == (
        "Of the 28 dated points, 1 was made within the 2025–28 strategy period and 27 before it.")
    unnamed = voices.Voices(lewisham.council, 2025, lewisham.codebook, lewisham.feedback, 0, lewisham.figures, None)
    assert voices.period_sentence(unnamed) == (
        "The dated points were made in 2022. The council's files do not name the strategy period, so the book "
        "cannot say which strategy they belong to. None has been recorded since 2022.")


def test_an_edition_with_only_undated_points_says_so():
    earlier = voices.load("209", 2021)
    assert voices.consultation_section(earlier).text == (
        "7 points from foster carers have no date recorded\\.\n\n"
        "No point has a date, so the book cannot say which strategy period the points belong to.")


def test_you_said_we_did_said_once_when_nothing_is_recorded(lewisham, tmp_path):
    assert voices.responses_section(Page(tmp_path / "05-voices"), lewisham).text == (
        "The council has not yet recorded what it did in response to any of the 35 points.")


def test_you_said_we_did_pairs_from_the_council_s_file(lewisham, tmp_path):
    feedback = lewisham.feedback.copy()
    feedback.loc[feedback["id"] == "F15", "we_did"] = "Payments now go out on the first working day of each month."
    answered = voices.Voices(lewisham.council, 2025, lewisham.codebook, feedback, 0, lewisham.figures, "2022-25")
    page = Page(tmp_path / "05-voices")
    text = voices.responses_section(page, answered).text
    assert text.startswith("The council has recorded what it did in response to 1 of the 35 points.\n\n")
    pairs = pd.read_csv(page.files_dir / "you-said-we-did.csv", dtype=str)
    assert pairs.values.tolist() == [[
        "The payments policy is clear, yet payments are often late and problems are slow to sort out.",
        "Foster carers, date not recorded", "Payments now go out on the first working day of each month."]]


def test_no_file_names_reach_the_page(lewisham, tmp_path):
    page = Page(tmp_path / "05-voices")
    texts = [voices.summary_section(lewisham), voices.consultation_section(lewisham),
             voices.responses_section(page, lewisham), voices.codebook_section(page, lewisham),
             voices.themes_by_group_section(page, lewisham), voices.points_section(lewisham),
             voices.iro_section(page, lewisham)]
    joined = "\n".join(t.text for t in texts)
    for note in (".csv", ".yml", "src/", "printed wording", "data/local"):
        assert note not in joined.replace("<_generated/05-voices/", "").replace(".csv>", ">"), note
