"""Pieces a notebook puts on the page: prose, tables and figures, as MyST Markdown.

Every figure is saved as SVG (the web pages draw it in the page) and, when the printed book is
built, as PDF (:mod:`~sufficiency.publishing.print_figures`),
with alt text generated from its data, a caption naming its source, and the numbers behind it: a
click away on the web pages, with a CSV to download, and in a table below it in print. Text that comes from files people edit is escaped, so markup or
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
from sufficiency.publishing import print_figures

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


def markdown_table(frame: pd.DataFrame, *, escape_cells: bool = True, line_characters: int | None = None) -> str:
    """A pipe table with a header row (screen readers announce header cells), and its column
    widths for the PDF (:func:`latex_columns`, ``line_characters`` across the page)."""
    def cell(value) -> str:
        text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else (
            escape(value) if escape_cells else str(value).replace("|", "\\|"))
        # An empty cell holds a no-break space: in the PDF a cell with nothing in it is an empty
        # paragraph, which leaves a blank line under its row; on the web page it looks empty as before.
        return text if text.strip() else "&nbsp;"

    header = "| " + " | ".join(cell(c) for c in frame.columns) + " |"
    prefix = latex_columns(frame, line_characters or PDF_LINE_CHARACTERS) + "\n\n" if len(frame.columns) > 1 else ""
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


#: A wide table of this many rows or fewer would leave most of a landscape page empty: it is set
#: on the portrait page in a smaller type instead, when its longest words fit across.
SHORT_TABLE_ROWS = 20
#: About how many characters of that smaller type (LaTeX's \\scriptsize) fit across the page.
PDF_COMPACT_CHARACTERS = 112


def print_layout(frame: pd.DataFrame) -> str:
    """How the PDF sets a table: ``portrait`` as the text; ``compact``, a wide but short table on
    the portrait page in a smaller type (its columns wrap between words); or ``landscape``, a wide
    and long table on turned pages, free to break between rows.

    >>> print_layout(pd.DataFrame({"year": [2024], "children": ["453"]}))
    'portrait'
    >>> wide = pd.DataFrame({f"column {i}": ["a value of thirty characters..."] for i in range(6)})
    >>> print_layout(wide), print_layout(pd.concat([wide] * (SHORT_TABLE_ROWS + 1)))
    ('compact', 'landscape')
    >>> print_layout(pd.DataFrame({f"column {i}": ["data/raw/cla_sfr_underlying_2010_2017"] for i in range(4)}))
    'landscape'
    """
    if not too_wide_for_portrait(frame):
        return "portrait"
    words = sum(_longest_word(frame, column) for column in frame.columns)
    return "compact" if len(frame) <= SHORT_TABLE_ROWS and words <= PDF_COMPACT_CHARACTERS else "landscape"


def _longest_word(frame: pd.DataFrame, column) -> int:
    """The longest word of a column's header and values, with room for the cell's padding."""
    words = [len(w) for w in str(column).split()] + [len(w) for v in frame[column].tolist() for w in str(v).split()]
    return max(words or [1]) + 2


def latex_columns(frame: pd.DataFrame, line_characters: int = PDF_LINE_CHARACTERS) -> str:
    """Column widths for the PDF, in proportion to each column's longest text (capped), as
    wrapping columns: without them LaTeX sets long tables in one line per cell, off the page.
    No column is narrower than its longest word, of which ``line_characters`` fit across the
    page. HTML ignores this directive.

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
        words.append(_longest_word(frame, column))
    total = sum(weights)
    # Widen columns whose longest word would not fit in their share, taking the room from the rest,
    # but never making another column narrower than its own longest word (a header such as "Trend"):
    # columns are held at their least width until the others, shared out, all fit.
    least = [round(word * total / line_characters) for word in words]
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


def sentence(caption: str) -> str:
    """A caption ending as a sentence, so 'Source:' after it starts a new one.

    >>> sentence("Children looked after, by year"), sentence("Costs (2024–25 prices)."), sentence("Why?")
    ('Children looked after, by year.', 'Costs (2024–25 prices).', 'Why?')
    """
    caption = str(caption).rstrip()
    return caption if not caption or caption[-1] in ".?!" else caption + "."


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
        # LaTeX book; ``name.*`` lets Sphinx pick the one each builder takes. The PDF is drawn only
        # when the printed book is built, from the figure kept as its print recipe (print_figures).
        with plt.rc_context(print_figures.SVG_SETTINGS):
            fig.savefig(self.files_dir / f"{name}.svg", format="svg", bbox_inches="tight",
                        metadata=print_figures.SVG_METADATA)
        if not print_figures.save_recipe(fig, self.files_dir / f"{name}.pdf"):
            print_figures.save_pdf(fig, self.files_dir / f"{name}.pdf")
        plt.close(fig)
        data.to_csv(self.files_dir / f"{name}.csv", index=False)
        # Directive options are plain text (never parsed as markup), so only line breaks matter.
        alt_text = re.sub(r"\s+", " ", str(alt)).strip()
        text = (
            f":::{{figure}} {self.link(name + '.*')}\n:alt: {alt_text}\n:name: fig-{self.page}-{name}\n"
            f":width: 100%\n\n{escape(sentence(caption))} Source: {escape(source)}\n:::\n\n"
            # The numbers behind the chart, a click away on the web pages; the printed book has
            # nothing to click (an ``only`` block leaves no trace in the other output).
            f":::::{{only}} html\n"
            f"::::{{dropdown}} The numbers in this chart\n{markdown_table(data)}\n\n"
            f"{{download}}`Download these numbers (CSV) <{self.link(name + '.csv')}>`\n::::\n:::::\n\n"
            # In print, the same numbers in a table below the chart, naming it by its number.
            f":::::{{only}} latex\n"
            + laid_out(data, f"**The numbers in {{numref}}`Figure %s <fig-{self.page}-{name}>`.**")
            + "\n:::::"
        )
        return Markdown(text)

    def table(self, frame: pd.DataFrame, *, name: str, caption: str, source: str) -> Markdown:
        """A table with its caption and source, also offered as a CSV download: on the web pages
        only, as the printed book has nothing to click (``only`` blocks leave no trace in the HTML)."""
        frame.to_csv(self.files_dir / f"{name}.csv", index=False)
        caption_line = f"**{escape(sentence(caption))}** Source: {escape(source)}"
        captions = (f":::{{only}} html\n{caption_line} {{download}}`(CSV) <{self.link(name + '.csv')}>`\n:::\n\n"
                    f":::{{only}} latex\n{caption_line}\n:::")
        text = laid_out(frame, captions)
        return Markdown(text)


def laid_out(frame: pd.DataFrame, below: str) -> str:
    """A table with ``below`` (its caption lines) under it, set for the PDF as :func:`print_layout`
    says: a wide, short table in a smaller type (``sufficiencycompact``), a wide, long one on
    landscape pages (``sufficiencylandscape``) as a long table, free to break between rows. Both
    environments are defined in the LaTeX preamble (``_config.yml``); raw LaTeX leaves no trace in
    the web pages, which show the same table."""
    layout = print_layout(frame)
    if layout == "portrait":
        return f"{markdown_table(frame)}\n\n{below}"
    if layout == "compact":
        return (f"```{{raw}} latex\n\\begin{{sufficiencycompact}}\n```\n\n"
                f"{markdown_table(frame, line_characters=PDF_COMPACT_CHARACTERS)}\n\n{below}\n\n"
                f"```{{raw}} latex\n\\end{{sufficiencycompact}}\n```")
    columns, _, pipe = markdown_table(frame).partition("\n\n")
    return (f"```{{raw}} latex\n\\begin{{sufficiencylandscape}}\n```\n\n{columns}\n\n"
            f":::{{table}}\n:class: longtable\n\n{pipe}\n:::\n\n{below}\n\n"
            f"```{{raw}} latex\n\\end{{sufficiencylandscape}}\n```")


def prose(*paragraphs: str) -> Markdown:
    """Generated sentences (already built from data by :mod:`sufficiency.publishing.words`)."""
    return Markdown("\n\n".join(p for p in paragraphs if p))
