"""The introduction's words about the edition (sufficiency.chapters.introduction), for Lewisham (209) and
Greenwich (203) with DfE's 2025 statistical neighbours."""
from __future__ import annotations

import pytest

from sufficiency.chapters import introduction
from sufficiency.data.councils import resolve_council, statistical_neighbours
from sufficiency.records.synthetic import MARKER


@pytest.fixture(scope="module")
def lewisham():
    return resolve_council("209")


def test_title_block_names_the_edition_and_the_council(lewisham):
    assert introduction.title_block(lewisham, 2025) == (
        "**Edition:** data to 31 March 2025 (reporting year 2024–25).  \n"
        "**Council:** Lewisham, DfE local authority code 209, ONS code E09000023, London region.")
    assert introduction.title_block(resolve_council("203"), 2024) == (
        "**Edition:** data to 31 March 2024 (reporting year 2023–24).  \n"
        "**Council:** Greenwich, DfE local authority code 203, ONS code E09000011, London region.")


def test_what_this_book_is_names_the_comparators(lewisham):
    text = introduction.what_this_book_is(lewisham, 2025, statistical_neighbours(lewisham, "2025"), "2025")
    paragraphs = text.split("\n\n")
    assert paragraphs[0] == (
        "This is Lewisham's placement sufficiency strategy rebuilt from data. Every number in it is worked out "
        "when the book is built, from the published statistics and the council's own files kept with it, and "
        "every chart names its source. Nothing later than 31 March 2025 is used, so the edition can be rebuilt "
        "at any time and give the same result.")
    assert paragraphs[1] == (
        "Lewisham is compared with England, with the London region and with its 10 statistical neighbours in "
        "DfE's 2025 model: Lambeth, Southwark, Croydon, Hammersmith and Fulham, Greenwich, Waltham Forest, "
        "Haringey, Barnet, Leeds and Salford.")
    assert len(paragraphs) == 3 and paragraphs[2] == (
        "The book opens with its key messages at a glance. The chapters then follow the shape of a sufficiency "
        "strategy: the national picture, the local picture and how it has changed, what children need, what "
        "children, carers and providers told the council, what care costs, what the next three years may bring, "
        "and the council's ambitions with the measures that show whether they are being met. The next page is "
        "written for children and young people, and a glossary at the end explains the words the book uses.")


def test_record_level_note_says_synthetic_or_real(lewisham, tmp_path):
    assert introduction.record_level_note(lewisham, "") == ""
    synthetic = tmp_path / "synthetic"
    synthetic.mkdir()
    (synthetic / MARKER).write_text("made up")
    assert introduction.record_level_note(lewisham, str(synthetic)) == (
        "**This edition is a demonstration.** Besides the published statistics, it has two pages built from a "
        "**synthetic** SSDA903 extract: made-up records shaped like Lewisham's published figures, with no real "
        "child in them. Those pages, under \"From the council's own records\", say so at the top and in every "
        "caption; every other page uses published data only.")
    real = tmp_path / "real"
    real.mkdir()
    assert introduction.record_level_note(lewisham, str(real)) == (
        "This edition also has two pages built from Lewisham's own SSDA903 return, the record of every child it "
        "looks after. They show counts only, with any count of 1 to 5 children hidden as DfE hides it, and set "
        "the council's own figures beside DfE's.")


def test_stock_and_flow_pointer(tmp_path):
    assert introduction.stock_and_flow_pointer("") == ""
    (tmp_path / MARKER).write_text("made up")
    assert introduction.stock_and_flow_pointer(str(tmp_path)) == (
        "A second forecast of children looked after, built child by child from a synthetic extract standing in "
        "for the council's records, is set beside this chapter's and scored on past years the same way in "
        "{doc}`10-stock-and-flow`.")


def test_cut_off():
    assert introduction.cut_off(2022) == "31 March 2022"
