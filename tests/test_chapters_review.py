"""sufficiency.chapters.review ("What we said in 2022–25 and what happened"): Lewisham's 2022-25
strategy with data to 2025, word for word; a copy with some actions reviewed; a council with no
strategy of its own (Greenwich)."""
from __future__ import annotations

import shutil

import pandas as pd
import pytest

from sufficiency.chapters import review as chapter
from sufficiency.core.paths import DATA_LOCAL
from sufficiency.measures import review
from sufficiency.publishing.pages import TITLE_FILE, Page


@pytest.fixture(scope="module")
def lewisham():
    return chapter.load("209", 2025, "2025")


def test_title_and_summary_in_words(lewisham, tmp_path):
    page = Page(tmp_path / "09-review")
    text = chapter.summary_section(page, lewisham).text
    assert (page.files_dir / TITLE_FILE).read_text() == "What we said in 2022–25 and what happened"
    assert text.split("\n\n") == [
        "Lewisham's strategy for 2022–25 set out 67 actions under 8 ambitions and 40 measures of success. This page "
        "sets each one against what the council has recorded and the figures published up to 31 March 2025.",
        "The council has not yet reviewed any of the 67 actions: none has a status yet, so the table below lists "
        "them together.",
        "Of the 40 measures, 2 missed targets whose date has passed; 1 passed its target date with no value later "
        "than its baseline; 3 moved the right way from their baselines, with no figure set as a target; 2 moved the "
        "wrong way from their baselines; 6 have no value later than their baselines; 2 have a value but no baseline "
        "to compare it with; 24 have no value at all.",
        # Review 6, W6: say what the results count, and that the scorecard's statuses count something else.
        "Each result sets the latest value against the target, or against the baseline where no figure was set. "
        "The last column gives the measure's status on {doc}`the scorecard <08-ambitions-scorecard>`, which also "
        "weighs the trend, the time passed and how old the latest value is, so the two can differ."]


def test_not_yet_reviewed_is_said_once_and_every_action_is_listed(lewisham, tmp_path):
    page = Page(tmp_path / "09-review")
    text = chapter.actions_section(page, lewisham).text
    assert text.startswith("Not yet reviewed: 67 actions.")
    assert text.count("Not yet reviewed") == 1 and "Unknown" not in text
    listed = pd.read_csv(page.files_dir / "actions-not-yet-reviewed.csv", dtype=str)
    assert list(listed.columns) == ["Action", "Ambition", "What was to be done"]
    assert len(listed) == 67
    assert listed.iloc[-1][["Action", "Ambition"]].tolist() == ["8.12", "Systems, processes and data"]
    # Review 6, C3: the ambitions are named as every other page names them, in the council's own words.
    titles = listed.drop_duplicates("Ambition")["Ambition"].tolist()
    assert titles[4:6] == ["Home planning and stability", "Commissioned homes"]
    assert not listed["Ambition"].str.contains("lacement").any()
    assert not (page.files_dir / "actions-reviewed.csv").exists()


def test_every_measure_with_baseline_target_outcome_and_result(lewisham, tmp_path):
    page = Page(tmp_path / "09-review")
    chapter.measures_section(page, lewisham)
    table = pd.read_csv(page.files_dir / "measures-outcomes.csv", dtype=str).set_index("Measure")
    assert len(table) == 40
    assert table.loc["M4.1: More than 75% of children in care live in a foster home"].tolist() == [
        "78% (2022, DfE); 80% as printed", "at least 75% by 2024-25 (date passed)", "68% (2025)", "Target missed",
        "Off track: the target date has passed without the target being reached"]
    # Review 6, W6: the same baseline source and status as the scorecard, beside the review's own result.
    assert table.loc["M1.3: Lower rate of children in care per 10,000 Lewisham children"].tolist() == [
        "72 (2022, DfE); 70 as printed", "lower (no figure set)", "71 (2025)", "Better than the baseline",
        "Off track: better than the baseline, but the last three values are worsening (68 in 2023 to 71 in 2025)"]
    assert table.loc["M4.2: Half of fostered children placed with Lewisham's own foster carers"].tolist() == [
        "29% (2022, recomputed); 30% as printed", "at least 50% by 2024-25 (date passed)", "29% (2022)",
        "Target date passed, no value since the baseline",
        "Off track: the target date has passed without the target being reached; no value since 2022"]
    assert table.loc["M8.4: Year-end spending forecasts that prove accurate", "Result"] == "No data"
    assert list(table.columns)[-1] == "Status on the scorecard"


@pytest.fixture
def reviewed(tmp_path):
    shutil.copytree(DATA_LOCAL / "lewisham", tmp_path / "lewisham")
    path = tmp_path / "lewisham" / "actions.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[frame["number"] == "1.1", ["status", "progress_note"]] = ["done", "Protocol in use since 2023"]
    frame.loc[frame["number"].isin(["4.1", "4.2"]), "status"] = "delayed"
    frame.to_csv(path, index=False)
    plan = review.reviewed_plan("209", local_root=tmp_path)
    return chapter.Review(chapter.resolve_council("209"), 2025, plan, review.actions_review(plan),
                          review.measures_review(plan, "209", 2025))


def test_reviewed_actions_with_their_status_then_the_rest_counted_once(reviewed, tmp_path):
    assert chapter.actions_sentence(reviewed) == (
        "The council has reviewed 3 of the 67 actions: 1 done and 2 delayed. 64 are not yet reviewed.")
    page = Page(tmp_path / "09-review")
    text = chapter.actions_section(page, reviewed).text
    assert text.count("Not yet reviewed: 64 actions.") == 1
    done = pd.read_csv(page.files_dir / "actions-reviewed.csv", dtype=str, keep_default_na=False)
    assert list(done.columns) == ["Action", "Ambition", "What was to be done", "Status", "Progress"]
    assert done[["Action", "Status", "Progress"]].values.tolist() == [
        ["1.1", "Done", "Protocol in use since 2023"], ["4.1", "Delayed", ""], ["4.2", "Delayed", ""]]


def test_one_action_left_reads_is(reviewed):
    reviewed.actions.loc[reviewed.actions.index[1:-1], "status"] = "on track"
    assert chapter.actions_sentence(reviewed).endswith("1 is not yet reviewed.")


def test_a_council_with_no_strategy_of_its_own(tmp_path):
    greenwich = chapter.load("203", 2025, "2025")
    page = Page(tmp_path / "09-review")
    assert chapter.summary_section(page, greenwich).text == (
        "Greenwich has not supplied a strategy of its own yet, so there is nothing to review.")
    assert (page.files_dir / TITLE_FILE).read_text() == "What we said and what happened"
    assert chapter.actions_section(page, greenwich).text == "No actions have been supplied."
    assert chapter.measures_section(page, greenwich).text == "No measures of success have been supplied."
