"""The regional book: its page plan, its edition, the command line, the links between councils'
books and regional books, and (slow) a built regional book of three councils."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from sufficiency import cli
from sufficiency.build import pipeline
from sufficiency.build.edition import Edition
from sufficiency.build.plan import RECORD_PAGE, REGIONAL_PAGES, plan_regional_pages, toc_for
from sufficiency.build.publish import (
    REGIONS,
    RelatedBook,
    related_books,
    related_books_text,
    with_note,
    write_book_label,
)
from sufficiency.core.paths import PROJECT_ROOT


def test_every_regional_page_has_its_template_and_the_contents_end_with_the_edition_record():
    pages = plan_regional_pages()
    assert [run.page for run in pages] == [s.name for s in REGIONAL_PAGES if not s.by_build]
    assert all(run.template.is_file() for run in pages), [str(r.template) for r in pages if not r.template.is_file()]
    toc = toc_for(pages)
    assert toc["root"] == "00-region-at-a-glance"
    assert toc["parts"][-1]["chapters"][-1] == {"file": RECORD_PAGE}


def test_a_regional_edition_has_its_own_cache_key_and_parameters():
    edition = Edition("", "London East", 2025, Path("x"), group="london-east", members=("203", "209"))
    assert edition.is_group and edition.key == "group-london-east-2025"
    assert edition.notebook_params() == {"group": "london-east", "members": "203,209", "year": 2025,
                                         "sn_model": "2025"}
    adhoc = Edition("", "Greenwich, Lewisham and Southwark", 2025, Path("x"), members=("203", "209", "210"))
    assert adhoc.key == "group-councils-203-209-210-2025"
    assert not Edition("209", "Lewisham", 2025, Path("x")).is_group


def _publish_fake(edition: Edition) -> None:
    (edition.out / "html").mkdir(parents=True)
    (edition.out / "html" / "index.html").write_text("<html></html>")
    write_book_label(edition, edition.out)


def test_a_member_book_and_its_regional_book_find_each_other_in_the_build_all_layout(tmp_path):
    lewisham = Edition("209", "Lewisham", 2025, tmp_path / "209-lewisham")
    greenwich_2024 = Edition("203", "Greenwich", 2024, tmp_path / "203-greenwich")   # another year: not linked
    region = Edition("", "London East", 2025, tmp_path / REGIONS / "london-east", group="london-east",
                     members=("203", "209"))
    other = Edition("", "London West", 2025, tmp_path / REGIONS / "london-west", group="london-west",
                    members=("302", "304"))
    for e in (lewisham, greenwich_2024, region, other):
        _publish_fake(e)
    assert related_books(lewisham, lewisham.out) == [
        RelatedBook("London East", "../../regions/london-east/html/index.html", "group")]
    assert related_books(region, region.out) == [
        RelatedBook("Lewisham", "../../../209-lewisham/html/index.html", "council")]
    assert json.loads((region.out / "book.json").read_text())["members"] == ["203", "209"]


def test_a_council_built_alone_links_only_a_regional_book_that_exists(tmp_path):
    lewisham = Edition("209", "Lewisham", 2025, tmp_path)
    assert related_books(lewisham, tmp_path) == []
    region = Edition("", "London", 2025, tmp_path / REGIONS / "london", group="london", members=("201", "209"))
    (region.out / "html").mkdir(parents=True)
    write_book_label(region, region.out)     # labelled, but no site published yet
    assert related_books(lewisham, tmp_path) == []
    (region.out / "html" / "index.html").write_text("x")
    assert related_books(lewisham, tmp_path) == [RelatedBook("London", "../regions/london/html/index.html", "group")]


def test_the_links_note_names_the_books_and_goes_after_the_first_pages_title():
    region = Edition("", "London East", 2025, Path("x"), group="london-east", members=("203", "209", "210"))
    note = related_books_text(region, [RelatedBook("Lewisham", "../../../209-lewisham/html/index.html", "council")])
    assert note == (':::{only} html\n```{note}\nThe members\' own strategies, built from the same data (1 of the 3 '
                    'councils): <a href="../../../209-lewisham/html/index.html">Lewisham</a>.\n```\n:::')
    page = {"cells": [{"cell_type": "code", "source": "x = 1", "metadata": {}, "outputs": []},
                      {"cell_type": "markdown", "source": "# Title", "metadata": {}},
                      {"cell_type": "markdown", "source": "Text", "metadata": {}}]}
    staged = json.loads(with_note(json.dumps(page).encode(), note))
    assert [c["source"] for c in staged["cells"]] == ["x = 1", "# Title", note, "Text"]


def test_the_edition_record_names_the_group_and_its_members(tmp_path):
    edition = Edition("", "London East", 2025, tmp_path, group="london-east", members=("203", "209"))
    (tmp_path / f"{RECORD_PAGE}.md").write_text("# Edition record\n\n- Council: London East (DfE LA code )\n- Data to\n")
    pipeline.name_group_in_record(edition, tmp_path)
    assert (tmp_path / f"{RECORD_PAGE}.md").read_text() == (
        "# Edition record\n\n- Group: London East; its 2 councils' DfE LA codes: 203, 209\n- Data to\n")


@pytest.mark.parametrize("argv, expected", [
    (["build", "--group", "Londn"], "error: group: found 'Londn'"),
    (["build", "--councils", "209,909"], "use those codes instead"),
    (["build", "--la", "203", "--group", "london"], "either --la (one council's book) or --group/--councils"),
])
def test_bad_group_input_is_one_paragraph(argv, expected, capsys):
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err and err.count("\n") == 1


def test_build_group_and_councils_are_alternatives():
    with pytest.raises(SystemExit):
        cli._parser().parse_args(["build", "--group", "london", "--councils", "209,203"])


@pytest.mark.slow
def test_a_regional_book_of_three_councils_builds_and_links_its_member(tmp_path, capsys):
    """An ad hoc group of three (HTML): every page built, the group and members named, figures
    from the data, no file names on reader pages, and a member's book beside it linked."""
    member = Edition("209", "Lewisham", 2025, tmp_path / "209-lewisham")
    _publish_fake(member)
    out = tmp_path / REGIONS / "three"
    assert cli.main(["build", "--councils", "209,203,210", "--no-pdf", "--out", str(out)]) == 0
    html = out / "html"
    for spec in REGIONAL_PAGES:
        assert (html / f"{spec.name}.html").is_file(), spec.name
    first = (html / "00-region-at-a-glance.html").read_text()
    assert "Greenwich, Lewisham and Southwark: the group at a glance" in first
    assert "On 31 March 2025 Greenwich, Lewisham and Southwark together looked after 1,230 children" in first
    assert 'href="../../../209-lewisham/html/index.html"' in first
    record = (html / f"{RECORD_PAGE}.html").read_text()
    assert "its 3 councils" in record and "203, 209, 210" in record
    for page in html.glob("0*.html"):
        text = page.read_text()
        assert ".csv.gz" not in text and "data/raw" not in text and str(PROJECT_ROOT) not in text, page.name
    assert json.loads((out / "book.json").read_text())["kind"] == "group"
