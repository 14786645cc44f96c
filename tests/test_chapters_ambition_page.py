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


def test_starting_point_is_shown_with_its_date_and_ends_with_its_source(first):
    text = ambition_page.starting_point_section(first).text
    assert text.startswith("As the strategy described it in 2022: Since 2019 the improvement programme has put "
                           "the Signs of Safety framework")
    assert text.endswith("\n\nSource: §8 Prevention.")
    assert "passed since" not in text          # ambition 1's account names no month now past


def test_dated_text_that_has_passed_is_said_to_have_passed():
    sixth = ambition_page.load("209", 2025, "2025", 6)
    paragraphs = ambition_page.starting_point_sentences(sixth)
    assert paragraphs[0].startswith("As the strategy described it in 2022: Agency fostering and residential care")
    assert "which ends its hosting in March 2023\\." in paragraphs[0]
    # Review 6, W5: no action has been reviewed, so nothing may suggest the review says what happened to them.
    assert paragraphs[1] == "The dates it looks ahead to (March 2023 and April 2023) have passed since."
    assert paragraphs[2] == "Source: §13 Commissioned placements."
    # read in 2022, nothing had passed yet
    assert ambition_page.starting_point_sentences(ambition_page.load("209", 2022, "2025", 6))[1] == ""


def test_an_undated_account_says_it_may_be_out_of_date(first):
    undated = ambition_page.Ambition(first.council, 2025, "2025", 1, first.plan,
                                     first.info.drop("written"), first.card)
    assert ambition_page.starting_point_sentences(undated)[0].startswith(
        "The strategy's account, with no date recorded for when it was written, so parts of it may be out of "
        "date: Since 2019")


def test_actions_say_once_what_is_not_recorded_and_show_no_status_per_row(first, tmp_path):
    page = Page(tmp_path / "08-ambition-1")
    text = ambition_page.actions_section(page, first).text
    assert text.startswith("The council has not yet reviewed these 6 actions or recorded who leads them, when they "
                           "are due or progress so far.\n\n")
    actions = pd.read_csv(page.files_dir / "actions.csv")
    assert list(actions.columns) == ["Action", "What will be done"]
    assert len(actions) == 6
    assert "Unknown" not in text and "Not yet reviewed" not in text


def test_reviewed_actions_show_their_status_and_the_rest_are_counted_once(first):
    plan = {**first.plan, "actions": first.plan["actions"].copy()}
    actions = plan["actions"]
    actions.loc[actions["number"] == "1.2", ["status", "lead", "progress_note"]] = [
        "delayed", "Head of Early Help", "Waiting for the new short breaks contract"]
    actions.loc[actions["number"] == "1.5", "status"] = "done"
    reviewed = ambition_page.Ambition(first.council, 2025, "2025", 1, plan, first.info, first.card)
    table = ambition_page.actions_table(reviewed)
    assert list(table.columns) == ["Action", "What will be done", "Lead", "Status", "Progress"]
    assert table.loc[1, ["Lead", "Status", "Progress"]].tolist() == [
        "Head of Early Help", "Delayed", "Waiting for the new short breaks contract"]
    assert table["Status"].tolist() == ["", "Delayed", "", "", "Done", ""]
    assert ambition_page.actions_note(reviewed) == (
        "The council has not yet reviewed 4 of these 6 actions (their status is blank) or recorded when they are due.")


def test_passed_targets_are_shown_as_passed():
    fourth = ambition_page.load("209", 2025, "2025", 4)
    targets = ambition_page.measures_table(fourth).set_index(fourth.card["id"])["Target"]
    assert targets["M4.1"] == "at least 75% by 2024-25 (date passed)"
    assert targets["M4.3"] == "higher (no figure set)"


def test_measures_in_a_table_then_each_in_words_with_a_chart_where_it_has_data(first, tmp_path):
    page = Page(tmp_path / "08-ambition-1")
    text = ambition_page.measures_section(page, first).text
    assert "**Measures of success for ambition 1\\, data to 2025\\.**" in text
    assert ("M1\\.1: Keep the number and rate of care proceedings issued low. No data: no value up to this "
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


# ----------------------------------------------------------------------------- review 6 (W5, C6)
def test_dates_the_strategy_reports_rather_than_looks_ahead_to_are_not_flagged():
    # Review 6, W5: ambition 4 (written 2022) called "January 2022", when 30% of fostered children were with
    # Lewisham's own carers, "the date it looks ahead to"; ambition 7 did the same with August 2022.
    for number in (4, 7):
        assert ambition_page.starting_point_sentences(ambition_page.load("209", 2025, "2025", number))[1] == ""
    assert ambition_page.dates_looked_ahead_to("In January 2022; by March 2023; in May 2025.", "2022", 2025) == [
        "March 2023"]
    assert ambition_page.dates_looked_ahead_to("In January 2022; by March 2022.", "February 2022", 2025) == [
        "March 2022"]


def test_the_review_is_named_only_once_an_action_has_been_reviewed():
    sixth = ambition_page.load("209", 2025, "2025", 6)
    plan = {**sixth.plan, "actions": sixth.plan["actions"].copy()}
    plan["actions"].loc[plan["actions"]["number"] == "6.1", "status"] = "done"
    reviewed = ambition_page.Ambition(sixth.council, 2025, "2025", 6, plan, sixth.info, sixth.card)
    assert ambition_page.starting_point_sentences(reviewed)[1] == (
        "The dates it looks ahead to (March 2023 and April 2023) have passed since; {doc}`the review of the last "
        "strategy <09-review>` says what happened to the actions the council has reviewed.")


def test_measures_in_words_name_an_old_value_and_say_no_data_once(tmp_path):
    fourth = ambition_page.load("209", 2025, "2025", 4)
    page = Page(tmp_path / "08-ambition-4")
    text = ambition_page.measures_section(page, fourth).text
    assert "M4\\.3: A net increase in the number of Lewisham fostering households. Status: no value since 2021\\-22." in text
    assert ("M4\\.2: Half of fostered children placed with Lewisham\\'s own foster carers. Status: off track (the target "
            "date has passed without the target being reached\\; no value since 2022).") in text
    assert "M4\\.4: Shorter time from first referral to approval of a foster carer. No data: no indicator is named " \
           "for it\\, so nothing measures it yet." in text
    assert "No data yet" not in text
