"""The page writer (sufficiency.publishing.pages): escaping, tables, figures and their PDF column widths."""
import re

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from sufficiency.publishing.pages import (
    PDF_COMPACT_CHARACTERS,
    PDF_LINE_CHARACTERS,
    SHORT_TABLE_ROWS,
    Markdown,
    Page,
    escape,
    latex_columns,
    markdown_table,
    print_layout,
    prose,
)


def shares(directive: str) -> list[float]:
    return [int(a) / int(b) for a, b in re.findall(r"\\X\{(\d+)\}\{(\d+)\}", directive)]


def test_a_long_path_gets_a_column_it_fits_in():
    path = "data/raw/cla_sfr_underlying_2010_2017"
    frame = pd.DataFrame({"folder": [path], "publisher": ["Department for Education " * 3],
                          "licence": ["Open Government Licence v3.0 " * 2], "notes": ["some words " * 10]})
    widths = shares(latex_columns(frame))
    assert abs(sum(widths) - 1) < 0.02
    assert widths[0] * PDF_LINE_CHARACTERS >= len(path)


def test_widths_follow_the_text_when_every_word_fits():
    frame = pd.DataFrame({"year": ["2025"], "what": ["a sentence of several short words " * 2]})
    widths = shares(latex_columns(frame))
    assert widths[0] < widths[1]
    assert latex_columns(frame) == "```{tabularcolumns} \\X{8}{55}\\X{47}{55}\n```"


def test_wide_tables_are_compact_when_short_and_landscape_when_long():
    # Seven columns, as the snapshot table: too wide for the portrait page at the table type.
    snapshot = pd.DataFrame({"Measure": ["Children looked after per 10,000 children"], "Year": ["2025"],
                             "Lewisham": ["71.4"], "Change on the year before": ["down 1.2 on 2024"],
                             "England": ["67.0 (Lewisham is higher)"], "Neighbours' average": ["64.2 (Lewisham is higher)"],
                             "Quartile band": ["B (above average)"]})
    snapshot = pd.concat([snapshot] * 11, ignore_index=True)
    assert print_layout(snapshot) == "compact"
    # Its columns are shared out for the smaller type: every longest word fits its column there.
    widths = shares(latex_columns(snapshot, PDF_COMPACT_CHARACTERS))
    assert [round(w * PDF_COMPACT_CHARACTERS) >= len(max(str(c).split(), key=len)) for w, c in
            zip(widths, snapshot.columns)] == [True] * 7
    assert print_layout(pd.concat([snapshot] * 2, ignore_index=True)) == "landscape"   # 22 rows
    assert len(snapshot) <= SHORT_TABLE_ROWS < 2 * len(snapshot)
    # Short, but its unbreakable words (file paths) cannot fit across the page in any type.
    paths = pd.DataFrame({f"File {i}": ["data/raw/cla_sfr_underlying_2010_2017"] for i in range(4)})
    assert print_layout(paths) == "landscape"
    assert print_layout(snapshot.iloc[:, :3]) == "portrait"


# ---------------------------------------------------------------- what reaches the page

def test_escape_makes_any_text_literal():
    assert escape("Bristol, City of") == r"Bristol\, City of"
    assert escape("<script>alert(1)</script>") == r"\<script\>alert\(1\)\<\/script\>"
    assert escape("line one\n  line two") == "line one line two"
    assert escape(None) == "" and escape(float("nan")) == ""


def test_markdown_table_escapes_cells_and_keeps_the_header():
    frame = pd.DataFrame({"Year": [2024, 2025], "Lewisham": ["453", "439"], "Note": ["a | b", None]})
    assert markdown_table(frame).split("\n\n")[1] == (
        "| Year | Lewisham | Note |\n| --- | --- | --- |\n| 2024 | 453 | a \\| b |\n| 2025 | 439 | &nbsp; |")
    # An empty cell holds a no-break space (an empty one leaves a blank line under its row in the PDF).
    assert markdown_table(frame, escape_cells=False).endswith("| 2024 | 453 | a \\| b |\n| 2025 | 439 | &nbsp; |")


def test_figure_markdown_has_alt_caption_source_numbers_and_download(tmp_path):
    import matplotlib.pyplot as plt

    page = Page(tmp_path / "files", page="04-key-trends")
    fig, ax = plt.subplots()
    ax.plot([2024, 2025], [453, 439])
    numbers = pd.DataFrame({"Year": [2024, 2025], "Lewisham": ["453", "439"]})
    md = page.figure(fig, name="cla", alt="Line chart of children looked after.\nLewisham fell from 453 to 439.",
                     caption="Children looked after on 31 March, Lewisham.", source="DfE (R2025: 2024–2025)",
                     data=numbers)
    assert md.text == (
        ":::{figure} _generated/04-key-trends/cla.*\n"
        ":alt: Line chart of children looked after. Lewisham fell from 453 to 439.\n"
        ":name: fig-04-key-trends-cla\n:width: 100%\n\n"
        "Children looked after on 31 March\\, Lewisham\\. Source: DfE \\(R2025\\: 2024–2025\\)\n:::\n\n"
        ":::::{only} html\n"   # the drop-down and its download link: web pages only, not the PDF
        "::::{dropdown} The numbers in this chart\n"
        "```{tabularcolumns} \\X{8}{18}\\X{10}{18}\n```\n\n"
        "| Year | Lewisham |\n| --- | --- |\n| 2024 | 453 |\n| 2025 | 439 |\n\n"
        "{download}`Download these numbers (CSV) <_generated/04-key-trends/cla.csv>`\n::::\n:::::\n\n"
        ":::::{only} latex\n"   # in print, the numbers in a table below the chart, naming it by its number
        "```{tabularcolumns} \\X{8}{18}\\X{10}{18}\n```\n\n"
        "| Year | Lewisham |\n| --- | --- |\n| 2024 | 453 |\n| 2025 | 439 |\n\n"
        "**The numbers in {numref}`Figure %s <fig-04-key-trends-cla>`.**\n:::::")
    assert (tmp_path / "files" / "cla.csv").read_text() == "Year,Lewisham\n2024,453\n2025,439\n"
    with pytest.raises(ValueError, match="figure name 'cla' used twice on page 04-key-trends"):
        page.figure(plt.figure(), name="cla", alt="", caption="", source="", data=numbers)


def test_table_markdown_has_caption_source_and_download(tmp_path):
    page = Page(tmp_path, page="06")
    md = page.table(pd.DataFrame({"Placement type": ["Supported lodgings"], "Weekly cost": ["£240"]}),
                    name="weekly-costs", caption="Weekly placement costs by type, 2020–21 prices.",
                    source="Lewisham's own placement costs (costs.csv)")
    caption = ("**Weekly placement costs by type\\, 2020–21 prices\\.** Source: Lewisham\\'s own placement costs "
               "\\(costs\\.csv\\)")
    # The download link is on the web page only: the printed book shows the caption without it.
    assert md.text.endswith(
        "| Placement type | Weekly cost |\n| --- | --- |\n| Supported lodgings | £240 |\n\n"
        f":::{{only}} html\n{caption} {{download}}`(CSV) <_generated/06/weekly-costs.csv>`\n:::\n\n"
        f":::{{only}} latex\n{caption}\n:::")


def test_prose_joins_paragraphs_and_skips_empty_ones():
    assert prose("One.", "", "Two.").text == "One.\n\nTwo."
    assert (Markdown("One.") + Markdown("Two.")).text == "One.\n\nTwo."
    assert repr(prose("One.")) == "One."


def test_page_title_is_one_line(tmp_path):
    page = Page(tmp_path, page="08-ambition-4")
    page.set_title("Ambition 4:\n  more children in foster homes")
    assert (tmp_path / "page-title.txt").read_text() == "Ambition 4: more children in foster homes"


def test_a_caption_ends_as_a_sentence_before_its_source(tmp_path):
    """The reader review found 'by distance between home and placement Source: DfE …' run together."""
    page = Page(tmp_path / "p")
    fig, ax = plt.subplots()
    ax.plot([1, 2], [3, 4])
    text = page.figure(fig, name="f", alt="A line.", caption="Children looked after, by year", source="DfE",
                       data=pd.DataFrame({"year": [1]})).text
    assert "Children looked after\\, by year\\. Source: DfE" in text
    table = page.table(pd.DataFrame({"a": [1]}), name="t", caption="Costs (2024–25 prices)", source="DfE").text
    assert "**Costs \\(2024–25 prices\\)\\.** Source: DfE" in table
