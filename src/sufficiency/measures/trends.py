"""A measure over time for a council against England, its region and its statistical neighbours:
the numbers, the sentences that describe them, the chart and its table.

Chapters call :func:`trend` once per measure and put its pieces on the page.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from sufficiency.core.markers import MARKER_LEGEND
from sufficiency.data.validate import missing_years
from sufficiency.measures.comparators import comparators
from sufficiency.publishing import charts
from sufficiency.publishing.pages import Markdown, Page, escape
from sufficiency.publishing.words import (
    and_list,
    compare,
    describe_change,
    fmt_number,
    is_missing,
    marker_note,
    release_words,
)

SOURCE_NAMES = {
    "ees_cla": "DfE, Children looked after in England including adoptions",
    "lait": "DfE, Local Authority Interactive Tool (LAIT)",
    "sfr_cla": "DfE, Children looked after in England statistical first release underlying data",
    "dashboard_cla": "DfE, Children's social care outcomes and enablers dashboard data",
    "csc_dashboard": "DfE, Children's social care outcomes and enablers dashboard data",
}
BAND_MEANING = {
    "High": "A is the best quarter of councils, where a higher value is better",
    "Low": "A is the best quarter of councils, where a lower value is better",
    None: "A holds the quarter of councils with the highest values; DfE names no better direction for this measure",
}


@dataclass
class Trend:
    """One measure for one council, with its comparators per year (see :func:`sufficiency.measures.comparators.comparators`)."""

    council: object
    what: str              # e.g. "children looked after on 31 March"
    unit: str              # e.g. "per 10,000 children"
    table: pd.DataFrame    # year, council, council_marker, england, region, neighbours_*, quartile, ...
    sources: str
    ndigits: int = 0
    compared: bool = True  # False for counts: comparing a count with England's says nothing

    @property
    def labels(self) -> dict[str, str]:
        return {"council": self.council.name, "england": "England", "region": self.council.region_name,
                "neighbours": "Statistical neighbours"}

    def chart_table(self) -> pd.DataFrame:
        cols = ["council", "england", "region", "neighbours_mean", "neighbours_min", "neighbours_max"]
        if not self.compared:
            cols = ["council"]
        return self.table.set_index("year")[[c for c in cols if c in self.table]]

    def numbers(self) -> pd.DataFrame:
        """The chart's numbers as readers see them: rounded like DfE, markers in place of gaps."""
        t = self.table
        out = pd.DataFrame({"Year": t["year"].astype(int)})
        out[self.council.name] = [fmt_number(v, self.ndigits, m) for v, m in zip(t["council"], t["council_marker"])]
        for col, label in [] if not self.compared else [("england", "England"), ("region", self.council.region_name),
                           ("neighbours_mean", "Neighbours' average"), ("neighbours_min", "Neighbours' lowest"),
                           ("neighbours_max", "Neighbours' highest")]:
            if col in t:
                out[label] = [fmt_number(v, self.ndigits) for v in t[col]]
        if self.compared and "quartile" in t:
            out["Quartile band"] = t["quartile"].fillna("").tolist()
        return out


def source_note(rows: pd.DataFrame) -> str:
    """Which publications the rows come from, with their years: 'DfE ... (2025 release: 2021–2025); ...'."""
    parts = []
    for source, group in rows.groupby("source", sort=False):
        releases = []
        for release, g in group.groupby("release", sort=False):
            y0, y1 = int(g["year"].min()), int(g["year"].max())
            releases.append(f"{release_words(release)}: {y0}" + (f"–{y1}" if y1 != y0 else ""))
        parts.append(f"{SOURCE_NAMES.get(source, source)} ({'; '.join(sorted(releases, key=lambda r: r.split(': ')[1]))})")
    return "; ".join(parts)


def trend(frame: pd.DataFrame, council, measure: str, unit: str, what: str, *, model: str = "2025",
          breakdown: str = "", ndigits: int = 0, polarity: str | None = "lait", compared: bool = True) -> Trend:
    table = comparators(frame, council, measure, unit, breakdown=breakdown, model=model, polarity=polarity)
    rows = frame[(frame["measure"] == measure) & (frame["unit"] == unit) & (frame["breakdown"] == breakdown)
                 & (frame["la_code"] == council.code)]
    return Trend(council, what, unit, table, source_note(rows), ndigits, compared)


def sentences(t: Trend) -> str:
    """What happened and how it compares, in plain words."""
    name = escape(t.council.name)
    series = dict(zip(t.table["year"].astype(int), t.table["council"]))
    text = f"{name}'s figure for {t.what} {describe_change(series, t.unit, t.ndigits)}."
    latest = t.table.dropna(subset=["council"]).tail(1)
    last_year = int(t.table["year"].max())
    if latest.empty or int(latest["year"].iloc[0]) != last_year:
        marker = t.table.loc[t.table["year"] == last_year, "council_marker"].iloc[0]
        meaning = MARKER_LEGEND.get(marker, "see the publisher’s notes") if marker else ""
        text += f" No figure is published for {last_year}" + (f" (shown as {marker}: {meaning})." if marker else ".")
    gaps = missing_years(t.table["year"].astype(int))
    if gaps:
        years = and_list([str(y) for y in gaps])
        text += (f" The published series has no row for {years}, so the chart leaves "
                 f"{'a gap' if len(gaps) == 1 else 'gaps'} there rather than joining the years either side.")
    if latest.empty or not t.compared:
        return text
    row = latest.iloc[0]
    year = int(row["year"])
    comparisons = [compare(row["council"], row["england"], t.unit, "England", t.ndigits)]
    if not is_missing(row.get("region")):
        comparisons.append(compare(row["council"], row["region"], "", f"the {escape(t.council.region_name)} average",
                                   t.ndigits).replace("average's", "average of").rstrip())
    if not is_missing(row.get("neighbours_mean")):
        comparisons.append(compare(row["council"], row["neighbours_mean"], "", "the statistical neighbours' average",
                                   t.ndigits).replace("neighbours' average's", "neighbours' average of").rstrip())
    text += f" In {year} it was {fmt_number(row['council'], t.ndigits)} {t.unit}: " + and_list(comparisons) + "."
    if not is_missing(row.get("neighbours_min")):
        text += (f" The neighbours ranged from {fmt_number(row['neighbours_min'], t.ndigits)} to "
                 f"{fmt_number(row['neighbours_max'], t.ndigits)}.")
    if not is_missing(row.get("quartile")) and row.get("quartile"):
        text += (f" Among the {int(row['councils_ranked'])} councils with a published figure, {name} was in "
                 f"quartile band {row['quartile']} ({BAND_MEANING.get(row.get('polarity'), BAND_MEANING[None])}).")
    return text


def figure(page: Page, t: Trend, *, name: str, title: str) -> Markdown:
    fig = charts.comparison_chart(t.chart_table(), labels=t.labels, unit=t.unit, title=title, ndigits=t.ndigits)
    alt = charts.alt_text(t.chart_table(), labels=t.labels, unit=t.unit, what=t.what, ndigits=t.ndigits)
    markers = marker_note(t.table["council_marker"])
    against = f" against England, {t.council.region_name} and its statistical neighbours" if t.compared else ""
    caption = f"{title}, {t.council.name}{against}. {markers}".strip()
    return page.figure(fig, name=name, alt=alt, caption=caption, source=t.sources, data=t.numbers())
