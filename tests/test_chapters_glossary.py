"""sufficiency.chapters.glossary: the terms the book uses, and the words the council has chosen."""
from __future__ import annotations

from sufficiency.chapters import glossary


def test_every_term_the_issue_asks_for_is_explained():
    terms = " ".join(glossary.glossary_table()["Term"])
    for term in ("Looked after", "Placement", "UASC", "Special guardianship", "Statistical neighbours",
                 "Section 251", "Residential", "Semi-independent", "supported accommodation", "Care leaver"):
        assert term in terms
    assert list(glossary.glossary_table()["Term"]) == sorted(glossary.glossary_table()["Term"], key=str.lower)


def test_every_term_a_reader_met_unexplained_is_explained():
    """Terms the 2025 reader review found in Lewisham's book with no explanation."""
    terms = " ".join(glossary.glossary_table()["Term"])
    for term in ("MACE", "Regulations 24 and 25", "Mockingbird", "CCG", "SSDA903", "PCT", "Staying Put",
                 "Supported lodgings", "IRO", "Signs of Safety", "Public Law Outline"):
        assert term in terms


def test_lewisham_s_chosen_words_are_named_with_why():
    assert glossary.vocabulary_section("209").text == (
        "Lewisham has chosen its own words for some of these terms, and the book's prose uses them:\n\n"
        "- **home** instead of “placement”: Lewisham\\'s children and young people asked the council to stop "
        "calling where they live a \\\"placement\\\".\n"
        "- **short break** instead of “respite”: Young people asked for \\\"short break\\\" in place of "
        "\\\"respite\\\".\n\n"
        "Tables keep DfE's official names for its measures, so “placement” and “respite” still appear there.")


def test_a_council_without_a_vocabulary_uses_the_book_s_words():
    assert glossary.vocabulary_section("203").text == (
        "Greenwich has not chosen words of its own for any of these terms, so the book uses them as they are.")
