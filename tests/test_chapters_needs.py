"""sufficiency.chapters.needs: children's needs from published figures, word for word."""
from __future__ import annotations

import pandas as pd

from sufficiency.chapters import needs
from sufficiency.data.councils import resolve_council
from sufficiency.publishing.pages import Page


def test_lewisham_category_of_need_with_its_disability_share(tmp_path):
    text = needs.need_section(Page(tmp_path, "04-needs"), "209", 2025).text
    paragraphs = text.split("\n\n")
    assert paragraphs[0] == ("In 2025 the category of need with the largest share in Lewisham was “N1\\. Abuse or "
                             "neglect” (70%; England 67%). The widest gap from England was “N5\\. Family "
                             "dysfunction”: 7% against 12%, 5 percentage points lower.")
    assert paragraphs[1] == ("In 2025, 2% of the children Lewisham looked after were in care mainly because of their "
                             "own disability (England 2%; the statistical neighbours' average 3%).")
    assert (tmp_path / "cla-by-need.csv").exists()


def test_lewisham_uasc_and_a_council_with_only_markers():
    assert needs.uasc_section("209", 2025).text == (
        "On 31 March 2025 Lewisham looked after 42 unaccompanied asylum-seeking children, 10% of all the children "
        "it looked after (England 8%). Most arrive as teenagers; besides a home they need support with their "
        "asylum claim, often with English, and with what they have been through.")
    assert needs.uasc_section("420", 2025).text == (
        "No count of unaccompanied asylum-seeking children looked after by Isles of Scilly is published for 2025 "
        "(z: not applicable (DfE publishes no figure because none applies to this council or year)).")


def test_a_suppressed_disability_share_keeps_its_marker():
    table = pd.DataFrame({"category": ["N2. Child's disability"], "council": [float("nan")],
                          "council_marker": ["c"], "england": [3.0], "neighbours": [4.0]})
    assert needs.disability_sentence(table, resolve_council("209"), 2025) == (
        "The share of children Lewisham looked after mainly because of their own disability is not published for "
        "2025 (c: suppressed to protect confidentiality (a small number, or a figure that would reveal one)).")


def test_age_on_starting_to_be_looked_after(tmp_path):
    # Issue 15 asked for age at entry: DfE's dashboard extract has it for every council, 2020-2025.
    text = needs.entry_age_section(Page(tmp_path / "04-needs"), "209", 2025).text
    assert text.startswith(
        "In 2025 the age on starting to be looked after with the largest share in Lewisham was “10 to 15 years” "
        "(36%; England 27%). The widest gap from England was “10 to 15 years”: 36% against 27%, 9 percentage "
        "points higher.")
    scilly = needs.entry_age_section(Page(tmp_path / "scilly"), "420", 2025).text
    assert scilly.startswith("No breakdown by age on starting to be looked after is published for Isles of Scilly "
                             "for 2025 (the figures are suppressed).")


def test_starters_by_age_reader_joins_both_releases():
    from sufficiency.data import published
    frame = published.started_by_characteristics(2025)
    rows = frame[(frame["la_code"] == "209") & (frame["measure"] == "started_by_age") & (frame["unit"] == "%")
                 & (frame["breakdown"] == "Under 1 year")]
    assert rows.set_index("year")["value"].to_dict() == {2020: 17.0, 2021: 19.0, 2022: 18.0, 2023: 20.0,
                                                        2024: 15.0, 2025: 22.0}
