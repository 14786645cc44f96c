"""PDF column widths: no column narrower than its longest unbreakable word."""
import re

import pandas as pd

from sufficiency.publishing.pages import PDF_LINE_CHARACTERS, latex_columns


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
