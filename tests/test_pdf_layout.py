"""The printed strategy as a reader holds it: no blank pages, nothing printed outside the text block
(a wide table running off the page or through the footer), no overfull lines in the LaTeX log,
running heads naming the council and the edition, and nothing of the website's furniture.

The slow tests read the default book's PDF (``_build/pdf/strategy.pdf``) and its LaTeX log, which
``make test`` builds first. ``test_each_check_catches_a_planted_wide_table`` builds a one-page
LaTeX document with the book's text block and shows that every check fails on a too-wide and a
too-long table, a blank page and a download link, and passes without them.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
import yaml

from sufficiency.build.edition import Edition
from sufficiency.build.sphinx import build_environment, edition_config
from sufficiency.core.paths import BUILD, PROJECT_ROOT
from sufficiency.publishing.pages import Page

pdfplumber = pytest.importorskip("pdfplumber")

#: The book to check: the default one, or another output folder (``sufficiency build --out``) named
#: by SUFFICIENCY_PDF_OUT.
OUT = Path(os.environ.get("SUFFICIENCY_PDF_OUT", BUILD))
PDF = OUT / "pdf" / "strategy.pdf"
LATEX_LOG = OUT / ".work" / "_build" / "latex" / "strategy.log"

#: An overfull line or page this much too wide or too high (in points) shows on paper.
OVERFULL_POINTS = 5.0
#: How far (points) a mark may stray past the text block: rounding, and the side bearing of letters.
SLACK = 1.5
#: The last line of a full page may hang this far (points) below the text block (LaTeX's \\maxdepth).
MAXDEPTH = 5.0
MM = 72 / 25.4


@dataclass(frozen=True)
class Layout:
    """The page layout the book asks LaTeX for (``_config.yml``, ``latex_elements.geometry``), in points."""
    left: float
    right: float
    top: float
    bottom: float
    headsep: float
    headheight: float
    footskip: float

    @classmethod
    def from_geometry(cls, geometry: str) -> "Layout":
        options = dict(re.findall(r"(\w+)=([\d.]+(?:mm|pt))", geometry))

        def points(name: str) -> float:
            value = options[name]
            return float(value[:-2]) * (MM if value.endswith("mm") else 72 / 72.27)

        return cls(*(points(n) for n in ("left", "right", "top", "bottom", "headsep", "headheight", "footskip")))

    @classmethod
    def of_book(cls) -> "Layout":
        config = yaml.safe_load((PROJECT_ROOT / "_config.yml").read_text(encoding="utf-8"))
        return cls.from_geometry(config["sphinx"]["config"]["latex_elements"]["geometry"])

    def block(self, width: float, height: float) -> tuple[float, float, float, float]:
        """The text block (x0, top, x1, bottom) of a page, measured from its top left corner."""
        return self.left, self.top, width - self.right, height - self.bottom

    def head_band(self) -> tuple[float, float]:
        base = self.top - self.headsep
        return base - self.headheight - SLACK, base + 4

    def foot_band(self, height: float) -> tuple[float, float]:
        base = height - self.bottom + self.footskip
        return base - 14, base + 4


def _portrait(obj: dict, page) -> dict:
    """A mark's box as on the page before it was turned: a landscape page (pdflscape's
    ``/Rotate 90``) keeps the portrait text block, header and footer, and only the reader turns it."""
    rotation = (page.rotation or 0) % 360
    if rotation == 90:
        box = {"x0": obj["top"], "x1": obj["bottom"], "top": page.width - obj["x1"], "bottom": page.width - obj["x0"]}
    elif rotation == 270:
        box = {"x0": page.height - obj["bottom"], "x1": page.height - obj["top"], "top": obj["x0"],
               "bottom": obj["x1"]}
    else:
        return obj
    return {**obj, **box}


def _size(page) -> tuple[float, float]:
    """The page's width and height before it was turned."""
    return (page.height, page.width) if (page.rotation or 0) % 180 == 90 else (page.width, page.height)


def _marks(page):
    """Everything printed on a page (letters, rules and boxes, pictures), placed as on the
    unturned page."""
    for char in page.chars:
        yield f"text {char['text']!r}", _portrait(char, page)
    for kind in ("lines", "rects", "curves", "images"):
        for obj in getattr(page, kind):
            yield kind[:-1], _portrait(obj, page)


def stray_marks(page, layout: Layout) -> list[str]:
    """What a page prints outside its text block, other than the running head (above it) and the
    running foot (below it), each on its own line of the margin."""
    width, height = _size(page)
    x0, top, x1, bottom = layout.block(width, height)
    head, foot = layout.head_band(), layout.foot_band(height)
    found = []
    for what, obj in _marks(page):
        inside_x = obj["x0"] >= x0 - SLACK and obj["x1"] <= x1 + SLACK
        inside_y = obj["top"] >= top - SLACK and obj["bottom"] <= bottom + MAXDEPTH + SLACK
        in_head = head[0] <= obj["top"] and obj["bottom"] <= head[1]
        in_foot = foot[0] <= obj["top"] and obj["bottom"] <= foot[1]
        if not (inside_x and (inside_y or in_head or in_foot)):
            found.append(f"page {page.page_number}: {what} at x {obj['x0']:.0f}-{obj['x1']:.0f}, "
                         f"y {obj['top']:.0f}-{obj['bottom']:.0f} (text block x {x0:.0f}-{x1:.0f}, "
                         f"y {top:.0f}-{bottom:.0f})")
    return found


def is_blank(page, layout: Layout) -> bool:
    """A page with nothing in its text block (a running head and page number do not count)."""
    x0, top, x1, bottom = layout.block(*_size(page))
    for what, obj in _marks(page):
        if what.startswith("text") and not obj["text"].strip():
            continue
        if obj["x1"] > x0 and obj["x0"] < x1 and obj["bottom"] > top and obj["top"] < bottom:
            return False
    return True


def running_lines(page, layout: Layout) -> tuple[str, str]:
    """The running head and the running foot of a page, as text."""
    head, foot = layout.head_band(), layout.foot_band(page.height)

    def text(band):
        text = page.crop((0, band[0], page.width, band[1]), strict=False).extract_text()
        return unicodedata.normalize("NFKC", text).strip()   # ligatures (ﬀ) as letters

    return text(head), text(foot)


def overfull_boxes(log: str, points: float = OVERFULL_POINTS) -> list[str]:
    """Overfull lines (``\\hbox``) and pages (``\\vbox``) in a LaTeX log more than ``points`` too big."""
    return [m.group(0) for m in re.finditer(r"Overfull \\[hv]box \(([\d.]+)pt too (?:wide|high)\)[^\n]*", log)
            if float(m.group(1)) > points]


def pdf_text(pdf) -> str:
    return "\n".join(page.extract_text(x_tolerance=1) or "" for page in pdf.pages)


# --- the book's PDF -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def book_pdf():
    if not PDF.exists():
        pytest.skip(f"no PDF at {PDF}: `make book` builds it")
    with pdfplumber.open(PDF) as pdf:
        yield pdf


@pytest.mark.slow
def test_the_book_has_no_blank_pages(book_pdf):
    layout = Layout.of_book()
    blank = [page.page_number for page in book_pdf.pages if is_blank(page, layout)]
    assert blank == []


@pytest.mark.slow
def test_nothing_is_printed_outside_the_text_block(book_pdf):
    layout = Layout.of_book()
    stray = [mark for page in book_pdf.pages for mark in stray_marks(page, layout)]
    assert stray == [], f"{len(stray)} marks outside the text block, the first: " + "; ".join(stray[:5])


@pytest.mark.slow
def test_every_numbered_page_names_the_council_and_edition(book_pdf):
    layout = Layout.of_book()
    title = book_pdf.metadata["Title"]          # "Lewisham: placement sufficiency strategy"
    heads = {}
    for page in book_pdf.pages[1:]:              # the title page has no running head
        if page.rotation:                        # landscape: the heads read sideways
            continue
        head, foot = running_lines(page, layout)
        heads[page.page_number] = head
        assert re.fullmatch(r"(.+ )?([ivxlc]+|\d+)", foot), f"page {page.page_number} foot: {foot!r}"
    squeezed = {re.sub(r"\s+", "", h) for h in heads.values()}     # word spacing aside
    assert len(squeezed) == 1
    assert re.fullmatch(re.escape(re.sub(r"\s+", "", title)) + r"Datato31March\d{4}", squeezed.pop())


@pytest.mark.slow
def test_the_latex_log_has_no_overfull_boxes():
    if not LATEX_LOG.exists():
        pytest.skip(f"no LaTeX log at {LATEX_LOG}: `make book` writes it")
    assert overfull_boxes(LATEX_LOG.read_text(encoding="utf-8", errors="replace")) == []


@pytest.mark.slow
def test_the_pdf_has_no_web_furniture(book_pdf):
    text = pdf_text(book_pdf)
    assert text.count("Download") == 0
    assert "The numbers in this chart" not in text  # the charts' drop-downs are for the web pages
    assert re.search(r"Figure \d+\.\d+:", text) and not re.search(r"Figure\d", text)


# --- the checks themselves, on a planted too-wide table --------------------------------------------

PLANTED = r"""\documentclass[a4paper,10pt,oneside,openany]{report}
GEOMETRY
\usepackage{fancyhdr,pdflscape}
\fancyhf{}\fancyhead[L]{Testham: placement sufficiency strategy}\fancyhead[R]{Data to 31 March 2025}
\fancyfoot[L]{Chapter 1. Tables}\fancyfoot[R]{\thepage}
\renewcommand{\footrulewidth}{0.4pt}\pagestyle{fancy}
\begin{document}
A page of text that fits its text block.

WIDE
TALL
BLANK
DOWNLOAD
LANDSCAPE
\end{document}
"""


def _build_planted(tmp_path: Path, **plants: bool) -> tuple[Path, str]:
    config = yaml.safe_load((PROJECT_ROOT / "_config.yml").read_text(encoding="utf-8"))
    source = PLANTED.replace("GEOMETRY", config["sphinx"]["config"]["latex_elements"]["geometry"])
    columns = "l" * 9
    row = " & ".join(["a\\_long\\_column\\_name"] * 9) + r" \\"
    pieces = {
        "WIDE": f"\\begin{{tabular}}{{{columns}}}\n{row}\n{row}\n\\end{{tabular}}\n",
        "TALL": "\\begin{tabular}{ll}\n" + "\n".join([r"low\_80 & 52 \\"] * 90) + "\n\\end{tabular}\n",
        "BLANK": "\\newpage\\null\\newpage\nThe page after a blank one.\n",
        "DOWNLOAD": "Download these numbers (CSV)\n",
        # the same wide table turned on a landscape page, in a smaller type: it fits
        "LANDSCAPE": "\\begin{landscape}\\footnotesize\\begin{tabular}{lllllll}\n"
                     + " & ".join(["a\\_long\\_column\\_name"] * 7) + " \\\\\n\\end{tabular}"
                     "\n\\end{landscape}\n",
    }
    for key, text in pieces.items():
        source = source.replace(key, text if plants.get(key.lower()) else "")
    tex = tmp_path / "planted.tex"
    tex.write_text(source, encoding="utf-8")
    subprocess.run(["xelatex", "-interaction=nonstopmode", "-halt-on-error", tex.name], cwd=tmp_path,
                   capture_output=True, check=True, timeout=120)
    return tmp_path / "planted.pdf", (tmp_path / "planted.log").read_text(encoding="utf-8", errors="replace")


def _failures(pdf_path: Path, log: str) -> dict[str, bool]:
    layout = Layout.of_book()
    with pdfplumber.open(pdf_path) as pdf:
        return {
            "blank page": any(is_blank(page, layout) for page in pdf.pages),
            "outside the text block": any(stray_marks(page, layout) for page in pdf.pages),
            "overfull box": bool(overfull_boxes(log)),
            "Download": "Download" in pdf_text(pdf),
        }


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("xelatex") is None, reason="xelatex not installed")
def test_each_check_catches_a_planted_wide_table(tmp_path):
    clean = tmp_path / "clean"
    clean.mkdir()
    assert _failures(*_build_planted(clean)) == {
        "blank page": False, "outside the text block": False, "overfull box": False, "Download": False}

    for plant, caught in [("landscape", set()),
                          ("wide", {"outside the text block", "overfull box"}),
                          ("tall", {"outside the text block", "overfull box"}),
                          ("blank", {"blank page"}),
                          ("download", {"Download"})]:
        folder = tmp_path / plant
        folder.mkdir()
        failures = _failures(*_build_planted(folder, **{plant: True}))
        assert {check for check, failed in failures.items() if failed} == caught, plant


def test_layout_is_read_from_the_geometry():
    layout = Layout.from_geometry(r"\geometry{a4paper,left=20mm,right=10mm,top=25mm,bottom=25mm,"
                                  r"headheight=14pt,headsep=6mm,footskip=12mm}")
    assert round(layout.left, 2) == 56.69 and round(layout.right, 2) == 28.35
    assert round(layout.headheight, 2) == 13.95
    assert layout.block(595.28, 841.89)[2] == pytest.approx(595.28 - 28.35, abs=0.01)


def test_overfull_boxes_over_a_few_points_are_reported():
    log = ("Overfull \\hbox (0.76932pt too wide) in paragraph at lines 1854--1854\n"
           "Overfull \\hbox (26.5pt too wide) in alignment at lines 10--12\n"
           "Overfull \\vbox (147.49278pt too high) has occurred while \\output is active []\n")
    assert overfull_boxes(log) == ["Overfull \\hbox (26.5pt too wide) in alignment at lines 10--12",
                                   "Overfull \\vbox (147.49278pt too high) has occurred while \\output is active []"]


# --- what the build gives LaTeX ------------------------------------------------------------------

def test_the_running_heads_name_the_council_and_edition_and_the_pdf_is_dated_by_the_edition(tmp_path):
    edition = Edition(la_code="846", la_name="Brighton & Hove", year=2024, out=tmp_path)
    config = edition_config(edition, tmp_path, "pdf")
    preamble = yaml.safe_load(config.read_text())["sphinx"]["config"]["latex_elements"]["preamble"]
    assert preamble.startswith("\\newcommand{\\sufficiencycouncil}{Brighton \\& Hove}\n"
                               "\\newcommand{\\sufficiencyedition}{Data to 31 March 2024}\n"
                               "\\usepackage{sufficiency}")
    env = build_environment(edition.year)
    assert (env["SOURCE_DATE_EPOCH"], env["FORCE_SOURCE_DATE"]) == ("1711843200", "1")   # 2024-03-31 UTC


def test_a_wide_long_table_is_printed_on_landscape_pages_and_its_download_link_on_the_web_only(tmp_path):
    page = Page(tmp_path, page="17")
    frame = pd.DataFrame({f"Column {i}": ["a value thirty characters long"] * 21 for i in range(6)})
    md = page.table(frame, name="wide", caption="A wide table.", source="Made up")
    assert md.text.startswith("```{raw} latex\n\\begin{sufficiencylandscape}\n```\n\n```{tabularcolumns}")
    assert ":::{table}\n:class: longtable\n\n| Column 0 |" in md.text
    assert md.text.endswith(":::{only} latex\n**A wide table\\.** Source: Made up\n:::\n\n"
                            "```{raw} latex\n\\end{sufficiencylandscape}\n```")
    assert md.text.count("{download}") == 1 and ":::{only} html\n**A wide table\\.** Source: Made up {download}" in md.text
    narrow = page.table(frame.iloc[:, :2], name="narrow", caption="A table.", source="Made up")
    assert "landscape" not in narrow.text and "longtable" not in narrow.text and "compact" not in narrow.text


def test_a_wide_short_table_stays_on_the_portrait_page_in_a_smaller_type(tmp_path):
    """A landscape page for a few rows would stand nearly empty: the table is set compact instead,
    its columns shared out for the smaller type, with its caption inside the same group."""
    page = Page(tmp_path, page="17")
    frame = pd.DataFrame({f"Column {i}": ["a value thirty characters long"] * 3 for i in range(6)})
    md = page.table(frame, name="wide", caption="A wide table.", source="Made up")
    assert md.text.startswith("```{raw} latex\n\\begin{sufficiencycompact}\n```\n\n"
                              "```{tabularcolumns} \\X{32}{192}\\X{32}{192}")
    assert md.text.endswith(":::{only} latex\n**A wide table\\.** Source: Made up\n:::\n\n"
                            "```{raw} latex\n\\end{sufficiencycompact}\n```")
    assert "landscape" not in md.text and "longtable" not in md.text
    # The environment is defined where the book's LaTeX preamble is.
    config = yaml.safe_load((PROJECT_ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert "\\newenvironment{sufficiencycompact}" in config["sphinx"]["config"]["latex_elements"]["preamble"]


@pytest.mark.slow
def test_every_chart_has_its_numbers_in_print(book_pdf):
    """The drop-downs are web-only, so print readers get each chart's numbers in a table below it."""
    text = pdf_text(book_pdf)
    figures = set(re.findall(r"Figure (\d+\.\d+):", text))
    tables = set(re.findall(r"The numbers in Figure (\d+\.\d+)\.", text))
    assert figures and tables == figures
