"""Rules that hold for everything the publishing layer draws."""
from __future__ import annotations

import io

import matplotlib.pyplot as plt

import sufficiency.publishing  # noqa: F401  (applies the rules)
from sufficiency.publishing.charts import comparison_chart


def test_dollar_signs_in_text_from_data_are_printed_not_parsed_as_maths():
    """A council's unit of `$\\immediate\\write18{…}$ alerts` once stopped the build with a
    matplotlib ParseFatalException on an ambition page; it must draw as plain text."""
    import pandas as pd

    unit = "$\\immediate\\write18{touch x}$ alerts"
    table = pd.DataFrame({"council": [3.0, 4.0]}, index=[2024, 2025])
    fig = comparison_chart(table, labels={"council": "Lewisham"}, unit=unit, title=f"Alerts ({unit})")
    fig.savefig(io.BytesIO(), format="png")   # rendering is where mathtext used to fail
    texts = [t.get_text() for t in fig.findobj(match=lambda o: hasattr(o, "get_text"))]
    assert any(unit in t for t in texts)
    plt.close(fig)
    fig, ax = plt.subplots()
    ax.set_title("$\\frac{a}{$")   # malformed maths: fine as text
    fig.savefig(io.BytesIO(), format="png")
    plt.close(fig)
