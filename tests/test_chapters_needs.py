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
