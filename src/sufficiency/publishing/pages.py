"""Pieces a notebook puts on the page: prose, tables and figures, as MyST Markdown.

Every figure is saved as a PNG (for the HTML and the PDF alike) with alt text generated from its
data, a caption naming its source, the numbers behind it in a table a click away, and those
numbers as a CSV to download. Text that comes from files people edit is escaped, so markup or
script in it shows as text and never runs.

>>> print(escape("<b>hi</b>"))
\\<b\\>hi\\<\\/b\\>
>>> print(markdown_table(pd.DataFrame({"year": [2024, 2025], "children": ["453", "439"]})))
```{tabularcolumns} \\X{8}{18}\\X{10}{18}
```
<BLANKLINE>
| year | children |
| --- | --- |
| 2024 | 453 |
| 2025 | 439 |
"""
from __future__ import annotations

import re
import string
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

from sufficiency.core.paths import BOOK

GENERATED = "_generated"
TITLE_FILE = "page-title.txt"
_PUNCTUATION = set(string.punctuation)


def escape(text) -> str:
    """Make any text safe to place in MyST Markdown: every ASCII punctuation mark is
    backslash-escaped and line breaks become spaces, so it renders literally."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return ""
    text = re.sub(r"\s*[\r\n]+\s*", " ", str(text))
    return "".join("\\" + ch if ch in _PUNCTUATION else ch for ch in text)


def markdown_table(frame: pd.DataFrame, *, escape_cells: bool = True) -> str:
    """A pipe table with a header row (screen readers announce header cells)."""
    def cell(value) -> str:
        if value is None or (isinstance(value, float) and pd.isna(value)):
            return ""
        return escape(value) if escape_cells else str(value).replace("|", "\\|")

    header = "| " + " | ".join(cell(c) for c in frame.columns) + " |"
    prefix = latex_columns(frame) + "\n\n" if len(frame.columns) > 1 else ""
    rule = "| " + " | ".join("---" for _ in frame.columns) + " |"
    rows = ["| " + " | ".join(cell(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return prefix + "\n".join([header, rule, *rows])


#: About how many characters of the PDF's table type fit across the page: a column must be at
#: least as wide as its longest unbreakable word (a file path, a code), or the word runs off the page.
PDF_LINE_CHARACTERS = 100


def too_wide_for_portrait(frame: pd.DataFrame) -> bool:
    """Whether a table's columns, at their natural widths, need half as much room again as a
    portrait page gives: such tables are printed on landscape pages.

    >>> too_wide_for_portrait(pd.DataFrame({"year": [2024], "children": ["453"]}))
    False
    >>> too_wide_for_portrait(pd.DataFrame({f"column {i}": ["a value of thirty characters..."] for i in range(6)}))
    True
    """
    if len(frame.columns) < 2:
        return False
    # Headers may wrap between words; values are measured whole (as in latex_columns).
    natural = sum(min(max(*(len(w) for w in str(c).split() or ["x"]), *(len(str(v)) for v in frame[c].tolist()), 6),
                      45) + 2 for c in frame.columns)
    return natural > 1.5 * PDF_LINE_CHARACTERS


def latex_columns(frame: pd.DataFrame) -> str:
    """Column widths for the PDF, in proportion to each column's longest text (capped), as
    wrapping columns: without them LaTeX sets long tables in one line per cell, off the page.
    No column is narrower than its longest word. HTML ignores this directive.

    >>> print(latex_columns(pd.DataFrame({"folder": ["data/raw/cla_sfr_underlying_2010_2017"],
    ...                                   "notes": ["a long description " * 6]})))
    ```{tabularcolumns} \\X{39}{86}\\X{47}{86}
    ```
    """
    weights, words = [], []
    for column in frame.columns:
        # Headers may wrap between words; values should not be cut: size by the longest value and
        # the longest header word, with room for the cell padding.
        header_words = str(column).split() or ["x"]
        values = [str(v) for v in frame[column].tolist()]
        longest = max([max(len(w) for w in header_words)] + [len(v) for v in values])
        weights.append(min(max(longest, 6), 45) + 2)
        words.append(max([len(w) for w in header_words] + [len(w) for v in values for w in v.split()]) + 2)
    total = sum(weights)
    # Widen columns whose longest word would not fit in their share, taking the room from the rest,
    # but never making another column narrower than its own longest word (a header such as "Trend"):
    # columns are held at their least width until the others, shared out, all fit.
    least = [round(word * total / PDF_LINE_CHARACTERS) for word in words]
    if any(m > w for m, w in zip(least, weights)) and len(weights) > 1 and sum(least) < total:
        held = [False] * len(weights)
        while True:
            spare = total - sum(m for m, h in zip(least, held) if h)
            flexible = sum(w for w, h in zip(weights, held) if not h)
            shared = [m if h else w * spare / flexible for m, w, h in zip(least, weights, held)]
            newly = [not h and s < m for s, m, h in zip(shared, least, held)]
            if not any(newly):
                break
            held = [h or n for h, n in zip(held, newly)]
        weights = [max(1, round(s)) for s in shared]
        total = sum(weights)
    spec = "".join(f"\\X{{{w}}}{{{total}}}" for w in weights)
    return f"```{{tabularcolumns}} {spec}\n```"


class Markdown:
    """MyST Markdown that Jupyter shows as ``text/markdown`` (myst-nb parses it as MyST)."""

    def __init__(self, text: str):
        self.text = text

    def _repr_markdown_(self) -> str:
        return self.text

    def __repr__(self) -> str:  # plain-text fallback, also what nbval compares
        return self.text

    def __add__(self, other: "Markdown") -> "Markdown":
        return Markdown(self.text + "\n\n" + other.text)


class Page:
    """Where one executed page keeps its figures and CSVs.

    ``files_dir`` is the notebook's ``files_dir`` parameter; the build copies it to
    ``book/_generated/<page>/`` so the page refers to ``_generated/<page>/<name>.*``.
    """

    def __init__(self, files_dir: str | Path | None = None, page: str | None = None):
        if not files_dir:
            files_dir = BOOK / GENERATED / (page or "scratch")
        self.files_dir = Path(files_dir)
        self.files_dir.mkdir(parents=True, exist_ok=True)
        self.page = page or self.files_dir.name
        self._names: set[str] = set()

    def set_title(self, title: str) -> None:
        """Give the page a title made from data (e.g. the ambition's name). Headings cannot be
        generated in outputs, so the build puts this in place of the template's first heading."""
        (self.files_dir / TITLE_FILE).write_text(re.sub(r"\s+", " ", str(title)).strip(), encoding="utf-8")

    def link(self, name: str) -> str:
        return f"{GENERATED}/{self.page}/{name}"

    def figure(self, fig, *, name: str, alt: str, caption: str, source: str,
               data: pd.DataFrame) -> Markdown:
        """Save ``fig`` and return the figure with its alt text, caption, source and numbers."""
        if name in self._names:
            raise ValueError(f"figure name {name!r} used twice on page {self.page}")
        self._names.add(name)
        # Vector images: SVG for the web pages (crisp at any zoom, text kept as text), PDF for the
        # LaTeX book; ``name.*`` lets Sphinx pick the one each builder takes. Dates and creator left
        # out (and fixed SVG ids, ``svg.hashsalt``) so two builds from the same inputs give the same bytes.
        with plt.rc_context({"svg.hashsalt": "sufficiency", "svg.fonttype": "none", "pdf.fonttype": 42}):
            fig.savefig(self.files_dir / f"{name}.svg", format="svg", bbox_inches="tight",
                        metadata={"Date": None, "Creator": None})
            fig.savefig(self.files_dir / f"{name}.pdf", format="pdf", bbox_inches="tight",
                        metadata={"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None})
        plt.close(fig)
        data.to_csv(self.files_dir / f"{name}.csv", index=False)
        # Directive options are plain text (never parsed as markup), so only line breaks matter.
        alt_text = re.sub(r"\s+", " ", str(alt)).strip()
        text = (
            f":::{{figure}} {self.link(name + '.*')}\n:alt: {alt_text}\n:name: fig-{self.page}-{name}\n"
            f":width: 100%\n\n{escape(caption)} Source: {escape(source)}\n:::\n\n"
            # The numbers behind the chart, a click away on the web pages; the printed book has
            # nothing to click (an ``only`` block leaves no trace in the other output).
            f":::::{{only}} html\n"
            f"::::{{dropdown}} The numbers in this chart\n{markdown_table(data)}\n\n"
            f"{{download}}`Download these numbers (CSV) <{self.link(name + '.csv')}>`\n::::\n:::::"
        )
        return Markdown(text)

    def table(self, frame: pd.DataFrame, *, name: str, caption: str, source: str) -> Markdown:
        """A table with its caption and source, also offered as a CSV download: on the web pages
        only, as the printed book has nothing to click (``only`` blocks leave no trace in the HTML)."""
        frame.to_csv(self.files_dir / f"{name}.csv", index=False)
        caption_line = f"**{escape(caption)}** Source: {escape(source)}"
        text = (
            f"{markdown_table(frame)}\n\n"
            f":::{{only}} html\n{caption_line} {{download}}`(CSV) <{self.link(name + '.csv')}>`\n:::\n\n"
            f":::{{only}} latex\n{caption_line}\n:::"
        )
        if too_wide_for_portrait(frame):
            # In the PDF, on landscape pages and free to break between rows (a long table); the web
            # page shows the same table (raw LaTeX leaves no trace in the HTML).
            columns, _, pipe = markdown_table(frame).partition("\n\n")
            text = (f"```{{raw}} latex\n\\begin{{sufficiencylandscape}}\n```\n\n{columns}\n\n"
                    f":::{{table}}\n:class: longtable\n\n{pipe}\n:::\n\n"
                    + text.partition(pipe + "\n\n")[2]
                    + "\n\n```{raw} latex\n\\end{sufficiencylandscape}\n```")
        return Markdown(text)


def prose(*paragraphs: str) -> Markdown:
    """Generated sentences (already built from data by :mod:`sufficiency.publishing.words`)."""
    return Markdown("\n\n".join(p for p in paragraphs if p))
