"""Charts and their alt text (sufficiency.publishing.charts) on Lewisham's published rate of children looked
after per 10,000 children (DfE): 68 in 2016, 72 in 2024 and 71 in 2025, against England (67 in 2025), London
(48) and its ten statistical neighbours (average 64.3, from 37 to 88)."""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from sufficiency.publishing import charts

LABELS = {"council": "Lewisham", "england": "England", "region": "London", "neighbours": "Statistical neighbours"}


@pytest.fixture()
def rate():
    return pd.DataFrame({"council": [68.0, 72.0, 71.0], "england": [60.0, 69.0, 67.0], "region": [51.0, 50.0, 48.0],
                         "neighbours_mean": [60.8, 66.7, 64.3], "neighbours_min": [37.0, 35.0, 37.0],
                         "neighbours_max": [88.0, 90.0, 88.0]},
                        index=pd.Index([2016, 2024, 2025], name="year"))


def test_alt_text_from_the_charts_numbers(rate):
    assert charts.alt_text(rate, labels=LABELS, unit="per 10,000 children",
                           what="children looked after on 31 March") == (
        "Line chart of children looked after on 31 March (per 10,000 children), 2016 to 2025, for Lewisham "
        "compared with England, London and the average and range of its statistical neighbours. Lewisham rose "
        "from 68 in 2016 to 71 in 2025. In 2025: England 67, London 48, neighbours' average 64.")


def test_alt_text_when_the_latest_figure_is_suppressed(rate):
    rate.loc[2025, "council"] = float("nan")
    assert charts.alt_text(rate, labels=LABELS, unit="per 10,000 children", what="children looked after").endswith(
        "Lewisham rose from 68 in 2016 to 72 in 2024. In 2024: England 69, London 50, neighbours' average 67.")


def test_alt_text_of_a_council_only_chart():
    count = pd.DataFrame({"council": [453.0, 439.0]}, index=[2024, 2025])
    assert charts.alt_text(count, labels=LABELS, unit="children", what="children looked after on 31 March") == (
        "Line chart of children looked after on 31 March (children), 2024 to 2025, for Lewisham. Lewisham fell "
        "from 453 in 2024 to 439 in 2025.")


@pytest.mark.parametrize("values, sentence", [
    ([71.2, 70.8], "Lewisham was 71 in 2024 and in 2025."),          # the same once rounded as shown
    ([float("nan"), 42.0], "Lewisham: 42 in 2025."),
    ([float("nan"), float("nan")], "No published values for Lewisham."),
])
def test_alt_text_with_little_to_say(values, sentence):
    table = pd.DataFrame({"council": values}, index=[2024, 2025])
    text = charts.alt_text(table, labels=LABELS, unit="per 10,000 children", what="x")
    assert text == f"Line chart of x (per 10,000 children), 2024 to 2025, for Lewisham. {sentence}"


def test_comparison_chart_tells_series_apart_by_more_than_colour(rate):
    fig = charts.comparison_chart(rate, labels=LABELS, unit="per 10,000 children", title="Children looked after")
    ax = fig.axes[0]
    lines = {line.get_label(): (line.get_linestyle(), line.get_marker()) for line in ax.get_lines()}
    assert lines == {"Statistical neighbours: average": ("-.", "D"), "London": (":", "^"), "England": ("--", "s"),
                     "Lewisham": ("-", "o")}
    # Named at the lines' ends, not in a legend; the shaded range is named with the neighbours' average.
    assert ax.get_legend() is None
    assert [t.get_text() for t in ax.texts] == ["London", "Neighbours' average\nand range (shaded)", "England",
                                                "Lewisham"]
    assert ax.collections[0].get_label() == "Statistical neighbours: range"
    assert ax.get_title(loc="left") == "Children looked after" and ax.get_ylabel() == "per 10,000 children"
    # Years with no figure (2017 to 2023 here) are gaps in every line, not joined across.
    council = next(line for line in ax.get_lines() if line.get_label() == "Lewisham")
    points = {int(x): y for x, y in zip(council.get_xdata(), council.get_ydata())}
    assert [y for y, v in points.items() if not pd.isna(v)] == [2016, 2024, 2025]
    assert all(pd.isna(points[y]) for y in range(2017, 2024))
    plt.close(fig)


def test_direct_labels_never_overlap(rate):
    fig = charts.comparison_chart(rate, labels=LABELS, unit="per 10,000 children", title="Children looked after")
    fig.canvas.draw()
    boxes = sorted((t.get_window_extent() for t in fig.axes[0].texts), key=lambda b: b.y0)
    assert all(lower.y1 <= upper.y0 + 0.5 for lower, upper in zip(boxes, boxes[1:]))
    plt.close(fig)


def test_a_single_year_is_dots_with_their_values_not_a_line(rate):
    fig = charts.comparison_chart(rate.loc[[2025]], labels=LABELS, unit="per 10,000 children", title="Rate")
    ax = fig.axes[0]
    assert {line.get_label(): line.get_linestyle() for line in ax.get_lines()} == {
        "Statistical neighbours: average": "None", "London": "None", "England": "None", "Lewisham": "None"}
    assert sorted(t.get_text() for t in ax.texts) == [
        "England: 67", "Lewisham: 71", "London: 48", "Neighbours' average: 64\n(range 37 to 88, shaded)"]
    plt.close(fig)


def test_theme_is_seaborn_with_the_okabe_ito_palette_and_phone_sized_text():
    import matplotlib as mpl

    charts.theme()
    colours = [mpl.colors.to_hex(c).upper() for c in mpl.rcParams["axes.prop_cycle"].by_key()["color"]]
    assert colours == list(charts.OKABE_ITO.values())
    # A 7.5-inch figure in the 330 px column of a 390 px phone: the smallest text is at least 9 px high.
    px_per_point = 330 / (7.5 * 72)
    smallest = min(charts.LABEL_SIZE, *(mpl.rcParams[k] for k in ["xtick.labelsize", "ytick.labelsize",
                                                                  "legend.fontsize"]))
    assert smallest * px_per_point >= 9
    assert mpl.rcParams["svg.fonttype"] == "none" and mpl.rcParams["svg.hashsalt"] == "sufficiency"
