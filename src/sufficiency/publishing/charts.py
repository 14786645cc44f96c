"""Charts that read for everyone: a colour-blind-safe palette (Okabe and Ito), and every series
told apart by line style and marker too, so no meaning rests on colour alone.

Each chart function returns the figure and the tidy numbers it shows; :func:`alt_text` words the
alt text from those numbers.
"""
from __future__ import annotations

import textwrap

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import seaborn as sns  # noqa: E402

from sufficiency.publishing.words import and_list, fmt_number, is_missing, round_half_up  # noqa: E402

# Okabe & Ito (2008), safe for the common forms of colour blindness.
OKABE_ITO = {
    "black": "#000000", "orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73",
    "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7",
}
# (colour, line style, marker) per role, so series differ in three ways.
ROLE_STYLE = {
    "council": (OKABE_ITO["blue"], "-", "o"),
    "england": (OKABE_ITO["black"], "--", "s"),
    "region": (OKABE_ITO["vermillion"], ":", "^"),
    "neighbours": (OKABE_ITO["green"], "-.", "D"),
}
BAND_COLOUR = OKABE_ITO["green"]


#: Font sizes in points for a 7.5-inch figure. On a 390 px phone the page's column leaves the figure
#: about 330 px, so one point is about 0.61 px there: 15 pt text is about 9 px high, against 4 px for
#: the 8 pt legends drawn before. At 1280 px (a column about 690 px wide) it is about 20 px.
FONT_SIZES = {"font.size": 16, "axes.titlesize": 17, "axes.labelsize": 15, "xtick.labelsize": 15,
              "ytick.labelsize": 15, "legend.fontsize": 15, "legend.title_fontsize": 15}
#: Labels written beside bars, points and line ends.
LABEL_SIZE = 15


def theme() -> None:
    """The project's one chart theme, set with seaborn: white grid, the Okabe–Ito palette, text
    legible on a phone, text kept as text in SVG and PDF, and fixed ids so rebuilds match."""
    sns.set_theme(context="notebook", style="whitegrid", palette=list(OKABE_ITO.values()), font="DejaVu Sans",
                  rc={**FONT_SIZES, "figure.figsize": (7.5, 4.6), "axes.spines.top": False,
                      "axes.spines.right": False, "grid.alpha": 0.5, "axes.titlelocation": "left",
                      "axes.titleweight": "bold", "legend.frameon": False, "svg.hashsalt": "sufficiency",
                      "svg.fonttype": "none", "pdf.fonttype": 42, "text.parse_math": False})


def label_ends(ax, items: list[tuple[float, str, str]], *, x: float = 1.02) -> None:
    """Write each series' name beside the right edge of ``ax`` at its value (``items`` holds
    (y value, text, colour)), pushed apart just enough that no two labels overlap."""
    items = [(y, text, colour) for y, text, colour in items if not is_missing(y)]
    if not items:
        return
    fig = ax.figure
    fig.canvas.draw()   # the axes' final height, so the gap between labels is known in axes units
    bottom, top = ax.get_ylim()
    height_in = ax.get_position().height * fig.get_figheight()
    line = LABEL_SIZE * 1.3 / 72 / height_in   # one line of label text, as a fraction of the axes
    placed = []
    for y, text, colour in sorted(items, key=lambda item: item[0]):
        lines = text.count("\n") + 1
        want = (y - bottom) / (top - bottom)
        if placed:
            prev_y, prev_lines = placed[-1][0], placed[-1][3]
            want = max(want, prev_y + line * (prev_lines + lines) / 2)
        placed.append([want, text, colour, lines])
    overflow = placed[-1][0] + line * placed[-1][3] / 2 - 1.08   # push the stack down if it runs off the top
    for p in placed:
        p[0] -= max(overflow, 0)
    for want, text, colour, _ in placed:
        ax.annotate(text, xy=(x, want), xycoords="axes fraction", va="center", ha="left", color=colour,
                    fontsize=LABEL_SIZE, annotation_clip=False)


def _short(label: str, width: int = 16) -> str:
    return textwrap.fill(label, width)


def comparison_chart(table: pd.DataFrame, *, labels: dict[str, str], unit: str, title: str, ndigits: int = 0):
    """Lines for the council, England, the region and the neighbours' average, with the
    neighbours' range shaded, each named at its right-hand end rather than in a legend. ``table`` is
    indexed by year with columns among council, england, region, neighbours_mean, neighbours_min,
    neighbours_max. With one year of figures it is a dot per series, each labelled with its value."""
    theme()
    fig, ax = plt.subplots(figsize=(7.5, 4.6))
    # A year missing from the published series is drawn as a gap, never as a line across it.
    table = table.reindex(range(int(table.index.min()), int(table.index.max()) + 1)) if len(table) else table
    years = table.index.astype(int)
    single = len(table.dropna(how="all")) == 1
    ends = []
    neighbours = labels.get("neighbours", "Statistical neighbours")
    if {"neighbours_min", "neighbours_max"} <= set(table.columns):
        if single:
            ax.vlines(years, table["neighbours_min"], table["neighbours_max"], color=BAND_COLOUR, linewidth=10,
                      alpha=0.25, label=f"{neighbours}: range")
        else:
            ax.fill_between(years, table["neighbours_min"], table["neighbours_max"], color=BAND_COLOUR,
                            alpha=0.15, label=f"{neighbours}: range", hatch="//", edgecolor=BAND_COLOUR,
                            linewidth=0)
    for role, column in [("neighbours", "neighbours_mean"), ("region", "region"),
                         ("england", "england"), ("council", "council")]:
        if column not in table or table[column].isna().all():
            continue
        colour, style, marker = ROLE_STYLE[role]
        name = labels.get(role, role)
        if role == "neighbours":
            name += ": average"
        ax.plot(years, table[column], color=colour, linestyle="none" if single else style, marker=marker,
                linewidth=2.8 if role == "council" else 1.8, markersize=9 if single else 6, label=name)
        last = table[column].dropna()
        short = "Neighbours' average" + ("\nand range (shaded)" if "neighbours_min" in table and not single
                                          else "") if role == "neighbours" else _short(name)
        if single:
            short = f"{short.replace(chr(10), ' ')}: {fmt_number(last.iloc[-1], ndigits)}"
            if role == "neighbours" and "neighbours_min" in table:
                row = table.dropna(how="all").iloc[0]
                short += (f"\n(range {fmt_number(row['neighbours_min'], ndigits)} to "
                          f"{fmt_number(row['neighbours_max'], ndigits)}, shaded)")
        ends.append((last.iloc[-1], short, colour if colour != OKABE_ITO["black"] else "#333333"))
    ax.set_title(textwrap.fill(title, 48))
    ax.set_ylabel(unit)
    ax.set_xticks(list(years))
    step = 1 if len(years) <= 7 else 2
    # Every other year when there are many, counted back from the latest so it is always named.
    ax.set_xticklabels([str(y) if (len(years) - 1 - i) % step == 0 else "" for i, y in enumerate(years)])
    if single:
        ax.set_xlim(years[0] - 0.6, years[0] + 0.6)
    ax.set_ylim(bottom=0)
    ax.grid(axis="x", visible=False)
    fig.tight_layout()
    label_ends(ax, ends, x=0.56 if single else 1.02)
    fig.tight_layout()
    return fig


def alt_text(table: pd.DataFrame, *, labels: dict[str, str], unit: str, what: str, ndigits: int = 0) -> str:
    """Alt text worded from the chart's numbers: what it shows, the range of years, the
    council's first and latest value, and the latest comparators."""
    council = table["council"].dropna()
    years = table.index.astype(int)
    text = (f"Line chart of {what} ({unit}), {years.min()} to {years.max()}, for {labels['council']}"
            if years.min() != years.max() else f"Chart of {what} ({unit}) in {years.min()}, for {labels['council']}")
    others = [labels[r] for r, c in [("england", "england"), ("region", "region")] if c in table]
    if "neighbours_mean" in table and "neighbours_max" in table:
        others.append("the average and range of its statistical neighbours")
    if others and table.columns.size > 1:
        text += " compared with " + and_list(others)
    text += ". "
    if len(council) >= 2:
        y0, y1 = int(council.index[0]), int(council.index[-1])
        v0, v1 = council.iloc[0], council.iloc[-1]
        a, b = round_half_up(v0, ndigits), round_half_up(v1, ndigits)   # as the numbers are shown
        if a == b:
            text += f"{labels['council']} was {fmt_number(v1, ndigits)} in {y0} and in {y1}. "
        else:
            text += (f"{labels['council']} {'rose' if b > a else 'fell'} from {fmt_number(v0, ndigits)} in {y0} to "
                     f"{fmt_number(v1, ndigits)} in {y1}. ")
    elif len(council) == 1:
        text += f"{labels['council']}: {fmt_number(council.iloc[0], ndigits)} in {int(council.index[0])}. "
    else:
        text += f"No published values for {labels['council']}. "
    latest = table.dropna(subset=["council"]).tail(1)
    if not latest.empty:
        row = latest.iloc[0]
        parts = [f"{labels[r]} {fmt_number(row[c], ndigits)}" for r, c in
                 [("england", "england"), ("region", "region")] if c in row and not is_missing(row[c])]
        if "neighbours_mean" in row and not is_missing(row["neighbours_mean"]):
            parts.append(f"neighbours' average {fmt_number(row['neighbours_mean'], ndigits)}")
        if parts:
            text += f"In {int(latest.index[0])}: " + ", ".join(parts) + "."
    return text.strip()
