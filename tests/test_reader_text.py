"""Reader pages carry no working notes: no file names, code paths or reconciliation notes.

``test_built_book_has_no_working_notes`` scans the text readers see on every page of a built book
(``_build/html`` after ``make book``, or the site ``SUFFICIENCY_HTML`` names; it skips, saying why,
when there is none). The appendix pages that document the inputs (data sources, the edition
record) may name files. The other tests plant each kind of note in a page and show the scan finds
it, and that a clean page passes.
"""
from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sufficiency.core import paths

# The site `make book` builds; SUFFICIENCY_HTML points the test at another build (e.g. _build/h15a/html).
SITE = Path(os.environ.get("SUFFICIENCY_HTML", paths.BUILD / "html"))
#: Pages that document the inputs, where file names belong; and the pages Sphinx writes itself.
MAY_NAME_FILES = {"95-data-sources", "98-edition-record", "genindex", "search", "py-modindex"}

#: What a working note looks like, each with the reason it is one.
WORKING_NOTES: list[tuple[str, re.Pattern]] = [
    ("a file name", re.compile(r"\b[\w.-]+\.(?:csv|ya?ml|py|ipynb|gz|xlsx|json)\b", re.IGNORECASE)),
    ("a code or data path", re.compile(r"(?:^|[\s(“\"'])(?:src|data|notebooks|tests|book)/[\w./-]*")),
    ("a reconciliation note", re.compile(r"\bnot [\d,.]+,? as printed\b|\bas printed\)", re.IGNORECASE)),
    ("a note on the source's wording", re.compile(r"\bthe printed wording\b", re.IGNORECASE)),
    ("a pointer into the code", re.compile(r"\bThe codebook is the file\b|\bsufficiency\.\w+", re.IGNORECASE)),
]


class _ArticleText(HTMLParser):
    """The text of a page's article (what readers read), without scripts, styles or the site's chrome."""

    SKIP = {"script", "style", "noscript"}

    def __init__(self):
        super().__init__()
        self.depth = 0          # inside the article
        self.skip = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class") or ""
        if self.depth:
            self.depth += tag not in {"br", "img", "hr", "input", "meta", "link", "wbr", "col"}
        elif tag == "article" and "bd-article" in classes:
            self.depth = 1
        if tag in self.SKIP:
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skip:
            self.skip -= 1
        if self.depth and tag not in {"br", "img", "hr", "input", "meta", "link", "wbr", "col"}:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.parts.append(data)


def article_text(html: str) -> str:
    parser = _ArticleText()
    parser.feed(html)
    return re.sub(r"\s+", " ", " ".join(parser.parts)).strip()


def working_notes(text: str) -> list[tuple[str, str]]:
    """Every working note in ``text``: (what kind, the words around it)."""
    hits = []
    for kind, pattern in WORKING_NOTES:
        for match in pattern.finditer(text):
            start, end = max(0, match.start() - 60), min(len(text), match.end() + 60)
            hits.append((kind, text[start:end]))
    return hits


def scan_site(site: Path) -> dict[str, list[tuple[str, str]]]:
    """Working notes on each page of a built site (pages that may name files left out)."""
    found = {}
    for page in sorted(site.glob("*.html")):
        if page.stem in MAY_NAME_FILES:
            continue
        hits = working_notes(article_text(page.read_text(encoding="utf-8")))
        if hits:
            found[page.stem] = hits
    return found


PAGE = """<html><head><script>var x = "book.js";</script></head><body>
<nav>01-introduction.ipynb</nav>
<article class="bd-article" role="main"><h1>Cost of care</h1><p>{}</p></article></body></html>"""


@pytest.mark.parametrize("note, kind", [
    ("Weekly costs come from costs.csv, the council's file.", "a file name"),
    ("Population: ons_mid-year_population_estimates_0_17_2012_to_2024.csv", "a file name"),
    ("Households: 76 (inside plus outside the borough is 82, not 76, as printed).", "a reconciliation note"),
    ("Ceased (the printed wording says 'returning home').", "a note on the source's wording"),
    ("The codebook is the file src/sufficiency/themes_codebook.yml, which sorts points.", "a pointer into the code"),
    ("Fill in data/local/_template first.", "a code or data path"),
])
def test_each_kind_of_working_note_is_found(tmp_path, note, kind):
    (tmp_path / "06-cost-of-care.html").write_text(PAGE.format(note))
    found = scan_site(tmp_path)
    assert kind in [k for k, _ in found["06-cost-of-care"]]


def test_a_clean_page_the_site_s_chrome_and_the_appendices_pass(tmp_path):
    (tmp_path / "06-cost-of-care.html").write_text(PAGE.format(
        "Fostering with the council's own carers cost £629 a week in 2020–21, against £825 for an agency."))
    (tmp_path / "95-data-sources.html").write_text(PAGE.format("data/raw/lait/lait_bds_long.csv.gz"))
    assert scan_site(tmp_path) == {}


def test_built_book_has_no_working_notes():
    if not SITE.is_dir():
        pytest.skip(f"no built book at {SITE}: run `make book`, or set SUFFICIENCY_HTML")
    found = scan_site(SITE)
    report = "\n".join(f"{page}: {kind}: …{context}…" for page, hits in found.items() for kind, context in hits)
    assert not found, "working notes on reader pages:\n" + report


def test_every_page_footer_states_the_data_licence_once_in_words():
    """The theme's own line read '© Copyright Crown copyright data …; text and code of this project'."""
    if not SITE.is_dir():
        pytest.skip(f"no built book at {SITE}: run `make book`, or set SUFFICIENCY_HTML")
    for page in sorted(SITE.glob("[0-9]*.html")):
        text = page.read_text(encoding="utf-8")
        assert "Data © Crown copyright, used under the Open Government Licence v3.0." in text, page.name
        assert "Copyright Crown" not in text and "code of this project" not in text, page.name
