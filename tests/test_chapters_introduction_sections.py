"""The introduction's sections (sufficiency.chapters.introduction.title_section and about_section)
for Lewisham 2025, with and without an SSDA903 extract. The wording of each paragraph is tested
with the functions that write it; here, that each section puts the right paragraphs together."""
from __future__ import annotations

from sufficiency.chapters import introduction
from sufficiency.data.councils import resolve_council, statistical_neighbours
from sufficiency.records import synthetic

LEWISHAM = resolve_council("209")


def test_title_section_is_the_title_block_of_the_council_named_by_its_code():
    text = introduction.title_section("209", 2025).text
    assert text == introduction.title_block(LEWISHAM, 2025)
    assert text.endswith("**Council:** Lewisham, DfE local authority code 209, ONS code E09000023, London region.")


def test_about_section_without_an_extract_has_three_paragraphs_and_no_record_level_note():
    text = introduction.about_section("209", 2025, "2025", "").text
    neighbours = statistical_neighbours(LEWISHAM, model="2025")
    assert text == introduction.what_this_book_is(LEWISHAM, 2025, neighbours, "2025")
    assert len(text.split("\n\n")) == 3
    assert "its 10 statistical neighbours in DfE's 2025 model: Lambeth, Southwark, Croydon" in text
    assert "SSDA903" not in text


def test_about_section_with_a_synthetic_extract_ends_with_the_demonstration_note(tmp_path):
    synthetic.generate(tmp_path, la_code="209", year=2025, years=1, seed=0)
    paragraphs = introduction.about_section("209", 2025, "2025", str(tmp_path)).text.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[3] == introduction.record_level_note(LEWISHAM, str(tmp_path))
    assert paragraphs[3].startswith("**This edition is a demonstration.**")
