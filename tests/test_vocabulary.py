"""sufficiency.publishing.vocabulary: the council's own words in the reader's prose, never in tables,
quoted titles, sources or link targets; and clear messages for a bad vocabulary.csv."""
from __future__ import annotations

import pytest

from sufficiency.core.errors import InputError
from sufficiency.publishing.vocabulary import Vocabulary, load_vocabulary


@pytest.fixture(scope="module")
def lewisham():
    return load_vocabulary("lewisham")


def test_lewisham_s_words_replace_placement_and_respite_in_prose(lewisham):
    assert lewisham.chosen()[0][:2] == ("placement", "home")
    assert lewisham.chosen()[1][:2] == ("respite", "short break")
    assert lewisham.apply("Placements with foster carers rose, and respite helped one family.") == (
        "Homes with foster carers rose, and short break helped one family.")


def test_tables_quotes_sources_code_and_links_keep_dfe_s_words(lewisham):
    text = ("The placement type with the largest share was “Foster placements” (68%).\n"
            "| Placement type | Lewisham |\n| --- | --- |\n| Foster placements | 68% |\n"
            "See {doc}`placement stability <04-key-trends>` and `placement_type`.\n"
            ":alt: A chart of placement types\n"
            "```{raw} latex\n\\section{placement}\n```\n"
            "Stable placements. Source: DfE, placement stability tables")
    assert lewisham.apply(text).split("\n") == [
        "The home type with the largest share was “Foster placements” (68%).",
        "| Placement type | Lewisham |", "| --- | --- |", "| Foster placements | 68% |",
        "See {doc}`placement stability <04-key-trends>` and `placement_type`.",
        ":alt: A chart of placement types",
        "```{raw} latex", "\\section{placement}", "```",
        "Stable homes. Source: DfE, placement stability tables"]


def test_a_phrase_listed_as_itself_is_kept_whole(lewisham):
    assert lewisham.apply("A placement order is not a placement sufficiency strategy placement.") == (
        "A placement order is not a placement sufficiency strategy home.")


def test_no_file_means_no_change(tmp_path):
    vocab = load_vocabulary("greenwich")
    assert not vocab and vocab.apply("placement") == "placement"
    assert not load_vocabulary("testshire", root=tmp_path)


def test_an_empty_cell_or_a_term_twice_names_the_file_row_and_column(tmp_path):
    folder = tmp_path / "testshire"
    folder.mkdir()
    path = folder / "vocabulary.csv"
    path.write_text("term,use_instead,reason\nplacement,,\n")
    with pytest.raises(InputError) as err:
        load_vocabulary("testshire", root=tmp_path)
    assert "vocabulary.csv, row 2, column 'use_instead': found an empty cell; expected a word or phrase" in str(err.value)
    path.write_text("term,use_instead\nplacement,home\nPlacement,house\n")
    with pytest.raises(InputError) as err:
        load_vocabulary("testshire", root=tmp_path)
    assert "row 3, column 'term': found 'Placement'; expected each term once (it is already on row 2)" in str(err.value)
    path.write_text("word,instead\nplacement,home\n")
    with pytest.raises(InputError) as err:
        load_vocabulary("testshire", root=tmp_path)
    assert "use_instead" in str(err.value)


def test_capital_and_plural_follow_the_text():
    vocab = Vocabulary.from_rows([("respite", "short break", "")])
    assert vocab.apply("Respite and respites.") == "Short break and short breaks."
