"""sufficiency.chapters.ambition_page (one page per ambition): Lewisham's ambition 1 with data to
2025, word for word; an ambition the plan does not have; a council with no plan (Greenwich)."""
from __future__ import annotations

import pandas as pd
import pytest

from sufficiency.chapters import ambition_page
from sufficiency.publishing.pages import TITLE_FILE, Page


@pytest.fixture(scope="module")
def first():
    return ambition_page.load("209", 2025, "2025", 1)


def test_aim_section_titles_the_page_with_the_ambition_s_name(first, tmp_path):
    page = Page(tmp_path / "08-ambition-1")
    assert ambition_page.aim_section(page, first).text == (
        "The aim: Help more children stay safely with their own families\\, so that fewer need to enter care or "
        "remain in it longer than necessary\\.")
    assert (page.files_dir / TITLE_FILE).read_text() == "Ambition 1: Prevention"


def test_starting_point_ends_with_its_source(first):
    text = ambition_page.starting_point_section(first).text
    assert text.startswith("Since 2019 the improvement programme has put the Signs of Safety framework")
    assert text.endswith("\n\nSource: §8 Prevention.")


def test_actions_say_which_details_are_not_recorded(first, tmp_path):
    page = Page(tmp_path / "08-ambition-1")
    text = ambition_page.actions_section(page, first).text
    assert text.startswith("The council has not yet recorded who leads them or when they are due or progress so "
                           "far for these actions.\n\n")
    actions = pd.read_csv(page.files_dir / "actions.csv")
    assert list(actions.columns) == ["Action", "What will be done", "Status"]
    assert len(actions) == 6


def test_measures_in_a_table_then_each_in_words_with_a_chart_where_it_has_data(first, tmp_path):
    page = Page(tmp_path / "08-ambition-1")
    text = ambition_page.measures_section(page, first).text
    assert "**Measures of success for ambition 1\\, data to 2025\\.**" in text
    assert ("M1\\.1: Keep the number and rate of care proceedings issued low. No data yet: no value up to this "
            "edition.") in text
    assert ("M1\\.2: Fewer children starting to be looked after\\, bringing the rate into line with London. Status: "
            "off track (the recent values are worsening).") in text
    assert sorted(p.name for p in page.files_dir.glob("measure-*.svg")) == ["measure-m1-2.svg", "measure-m1-3.svg"]
    assert ":name: fig-08-ambition-1-measure-m1-2" in text


def test_an_ambition_the_plan_does_not_have(tmp_path):
    missing = ambition_page.load("209", 2025, "2025", "99")
    page = Page(tmp_path / "08-ambition-99")
    assert ambition_page.aim_section(page, missing).text == "Lewisham's strategy has no ambition 99."
    assert (page.files_dir / TITLE_FILE).read_text() == "Ambition 99"
    assert ambition_page.starting_point_section(missing).text == "No account of the starting point has been supplied."
    assert ambition_page.actions_section(page, missing).text == "No actions have been supplied."
    assert ambition_page.measures_section(page, missing).text == (
        "No measures of success have been supplied for this ambition.")


def test_a_council_without_a_plan(tmp_path):
    greenwich = ambition_page.load("203", 2025, "2025", 1)
    page = Page(tmp_path / "08-ambition-1")
    assert ambition_page.aim_section(page, greenwich).text == (
        "Greenwich has not supplied its ambitions yet, so there is nothing to show for ambition 1 in this edition.")
    assert (page.files_dir / TITLE_FILE).read_text() == "Ambition 1"
