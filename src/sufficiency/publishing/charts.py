"""Charts that read for everyone: a colour-blind-safe palette (Okabe and Ito), and every series
told apart by line style and marker too, so no meaning rests on colour alone.

Each chart function returns the figure and the tidy numbers it shows; :func:`alt_text` words the
alt text from those numbers.
"""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

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


def _style():
    plt.rcParams.update({
        "figure.figsize": (7.5, 4.0), "font.size": 10, "axes.spines.top": False,
        "axes.spines.right": False, "axes.grid": True, "grid.alpha": 0.3, "svg.hashsalt": "sufficiency",
    })


def comparison_chart(table: pd.DataFrame, *, labels: dict[str, str], unit: str, title: str):
    """Lines for the council, England, the region and the neighbours' average, with the
    neighbours' range shaded. ``table`` is indexed by year with columns among
    council, england, region, neighbours_mean, neighbours_min, neighbours_max."""
    _style()
    fig, ax = plt.subplots()
    # A year missing from the published series is drawn as a gap, never as a line across it.
    table = table.reindex(range(int(table.index.min()), int(table.index.max()) + 1)) if len(table) else table
    years = table.index.astype(int)
    if {"neighbours_min", "neighbours_max"} <= set(table.columns):
        ax.fill_between(years, table["neighbours_min"], table["neighbours_max"], color=BAND_COLOUR,
                        alpha=0.15, label=f"{labels.get('neighbours', 'Statistical neighbours')}: range",
                        hatch="//", edgecolor=BAND_COLOUR, linewidth=0)
    for role, column in [("neighbours", "neighbours_mean"), ("region", "region"),
                         ("england", "england"), ("council", "council")]:
        if column not in table or table[column].isna().all():
            continue
        colour, style, marker = ROLE_STYLE[role]
        name = labels.get(role, role)
        if role == "neighbours":
            name += ": average"
        ax.plot(years, table[column], color=colour, linestyle=style, marker=marker,
                linewidth=2.6 if role == "council" else 1.6, markersize=5, label=name)
    ax.set_title(title, loc="left", fontsize=11)
    ax.set_ylabel(unit)
    ax.set_xticks(list(years))
    ax.set_xticklabels([str(y) for y in years], rotation=0 if len(years) <= 10 else 45)
    ax.set_ylim(bottom=0)
    ax.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    fig.tight_layout()
    return fig


def alt_text(table: pd.DataFrame, *, labels: dict[str, str], unit: str, what: str, ndigits: int = 0) -> str:
    """Alt text worded from the chart's numbers: what it shows, the range of years, the
    council's first and latest value, and the latest comparators."""
    council = table["council"].dropna()
    years = table.index.astype(int)
    text = f"Line chart of {what} ({unit}), {years.min()} to {years.max()}, for {labels['council']}"
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
