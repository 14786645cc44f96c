"""sufficiency.chapters.pledges: the corporate parenting pledges appendix, word for word."""
from __future__ import annotations

import pandas as pd

from sufficiency.chapters import pledges


def test_lewisham_pledges_by_theme_with_their_source():
    paragraphs = pledges.pledges_section("209").text.split("\n\n")
    assert paragraphs[0] == "Lewisham's pledges fall under 6 themes."
    assert paragraphs[1:3] == ["**We are proud parents**",
                               "- We take our role as corporate parents seriously\n"
                               "- We value inclusion and diversity\n"
                               "- Children live in a community that is safe and caring\n"
                               "- We keep improving care plans and pathway plans"]
    assert paragraphs[-1] == "Source: Appendix\\: Corporate Parenting Strategy 2021–24 pledge."
    assert sum(p.startswith("**") for p in paragraphs) == 6


def test_a_council_without_files_has_no_pledges_yet():
    assert pledges.pledges_section("203").text == "Greenwich has not supplied its corporate parenting pledges yet."


def test_one_theme_is_singular_and_the_council_s_words_are_shown_as_text():
    frame = pd.DataFrame({"theme": ["<b>Home</b>"], "pledge": ["*Stay* put"], "source_section": [None]})
    assert pledges.pledges_text("Lewisham", frame) == (
        "Lewisham's pledges fall under 1 theme.\n\n**\\<b\\>Home\\<\\/b\\>**\n\n- \\*Stay\\* put")
    assert pledges.pledges_text("Lewisham", frame.iloc[:0]) == "Lewisham has not supplied its corporate parenting pledges yet."
