"""Chapter 2, the national context: England's children looked after over time, where they live,
how far from home, how old they are, and how much of their care private providers supply.

Each section function returns the page's Markdown (sentences, then a chart or table with its
source). The sentences are built from the published figures of the edition's year or before.

>>> wide = pd.DataFrame({2020: [72.0], 2025: [68.0]}, index=["Foster placements"])
>>> england_share_sentence(wide, "Foster placements", "the share living in foster placements")
'The share living in foster placements: 72% in 2020 and 68% in 2025.'
"""
from __future__ import annotations

import re
import textwrap

import matplotlib.pyplot as plt
import pandas as pd

from sufficiency.data import published
from sufficiency.data.published.national import NATIONAL_SOURCE, SOURCE_R2024
from sufficiency.data.published.ofsted import SOURCE_OFSTED
from sufficiency.measures import supply
from sufficiency.measures.breakdowns import breakdown_source, source_name
from sufficiency.publishing.charts import OKABE_ITO, label_ends, theme
from sufficiency.publishing.pages import Markdown, prose
from sufficiency.publishing.words import describe_change, fmt_figure, fmt_number


def line_chart(table: pd.DataFrame, labels: dict[str, str], *, title: str, unit: str):
    """Lines told apart by colour, line style and marker (index = year), each named at its right-hand
    end rather than in a legend; used by chapters 2 and 3."""
    theme()
    styles = [(OKABE_ITO["blue"], "-", "o"), (OKABE_ITO["vermillion"], "--", "s"), (OKABE_ITO["green"], ":", "^"),
              (OKABE_ITO["black"], "-.", "D")]
    fig, ax = plt.subplots()
    years = table.index.astype(int)
    ends = []
    for (column, label), (colour, style, marker) in zip(labels.items(), styles):
        ax.plot(years, table[column], color=colour, linestyle=style, marker=marker, markersize=4,
                linewidth=2.2, label=label)
        last = table[column].dropna()
        if len(last) and len(labels) > 1:
            ends.append((last.iloc[-1], textwrap.fill(label, 16), colour))
    ax.set_title(textwrap.fill(title, 48))
    ax.set_ylabel(unit)
    ax.set_ylim(bottom=0)
    ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.grid(axis="x", visible=False)
    fig.tight_layout()
    label_ends(ax, ends)
    fig.tight_layout()
    return fig


def _join(parts: list[Markdown]) -> Markdown:
    out = parts[0]
    for part in parts[1:]:
        out = out + part
    return out


def england_numbers_sentences(wide: pd.DataFrame, rate: pd.Series) -> str:
    """England's children looked after in the latest year, the change since the first, the year's
    starters and ceased, and the rate's change: from :func:`published.national_time_series`
    (pivoted: year by measure) and :func:`published.england_rate` (value by year)."""
    latest = int(wide["cla_31_march"].dropna().index.max())
    text = (f"On 31 March {latest}, {fmt_number(wide.at[latest, 'cla_31_march'])} children were looked after "
            f"in England")
    if latest in rate.index:
        text += f", {fmt_number(rate[latest])} in every 10,000 children"
    text += (f". The number {describe_change(wide['cla_31_march'].to_dict(), 'children')}. During the year to "
             f"31 March {latest}, {fmt_number(wide.at[latest, 'starters'])} children started to be looked after and "
             f"{fmt_number(wide.at[latest, 'ceased'])} ceased to be.")
    if len(rate) >= 2:
        text += f" The rate per 10,000 children {describe_change(rate.to_dict(), 'per 10,000 children')}."
    return text


def national_numbers(page, year: int) -> Markdown:
    """England's children looked after, starters and ceased since 1994, with the rate."""
    series = published.national_time_series(year)
    wide = series.pivot(index="year", columns="measure", values="value")
    rate = published.england_rate(year).set_index("year")["value"]
    text = england_numbers_sentences(wide, rate)
    first, latest = int(wide["cla_31_march"].dropna().index.min()), int(wide["cla_31_march"].dropna().index.max())
    labels = {"cla_31_march": "Looked after on 31 March", "starters": "Started during the year",
              "ceased": "Ceased during the year"}
    fig = line_chart(wide[list(labels)], labels, title=f"Children looked after in England, {first} to {latest}",
                     unit="children")
    data = pd.DataFrame({"Year": wide.index.astype(int),
                         **{label: [fmt_number(v) for v in wide[c]] for c, label in labels.items()}})
    alt = (f"Line chart of children looked after in England on 31 March, and children starting and ceasing to be "
           f"looked after each year, {first} to {latest}. Looked after on 31 March "
           f"{describe_change(wide['cla_31_march'].to_dict(), 'children')}.")
    # One entry per publication (the releases are many and add nothing for readers here).
    names = {NATIONAL_SOURCE: SOURCE_R2024}
    sources = "; ".join(sorted({names.get(s) or source_name(s) for s in series["source"]}))
    sources += " (the 2024 national time series for 1994–2009; the newest release for each later year)"
    return prose(text) + page.figure(fig, name="england-cla", alt=alt, source=sources, data=data,
                                     caption=f"Children looked after in England, {first} to {latest}.")


def england_breakdown_table(page, measure: str, year: int, *, name: str, caption: str,
                            first_year: int | None = None) -> tuple[Markdown, pd.DataFrame]:
    """A table of England's shares (%) of a breakdown for each year 2020 onwards (CSC dashboard),
    and the shares as a category-by-year frame."""
    frame = published.cla_characteristics(year, [measure])
    rows = frame[(frame["level"] == "england") & (frame["unit"] == "%") & (frame["breakdown"] != "")]
    if first_year:
        rows = rows[rows["year"] >= first_year]
    wide = rows.pivot(index="breakdown", columns="year", values="value")
    wide = wide.loc[wide.max(axis=1).fillna(0) > 0]
    out = pd.DataFrame({"Category": [re.sub(r"^\d+\. ", "", b) for b in wide.index]})
    for y in wide.columns:
        out[str(int(y))] = [fmt_figure(v, "%") for v in wide[y]]
    source = breakdown_source(frame, measure, int(rows["year"].max()))
    return page.table(out, name=name, caption=caption, source=source), wide


def england_share_sentence(wide: pd.DataFrame, category: str, what: str) -> str:
    """'The share of … : 70% in 2020 and 67% in 2025.' from an England breakdown table ('' when the
    category has no published share)."""
    if category not in wide.index:
        return ""
    row = wide.loc[category].dropna()
    if row.empty:
        return ""
    y0, y1 = int(row.index.min()), int(row.index.max())
    return (f"{what[0].upper() + what[1:]}: {fmt_number(row[y0])}% in {y0}"
            + (f" and {fmt_number(row[y1])}% in {y1}." if y1 != y0 else "."))


def _breakdown_section(page, measure: str, year: int, *, name: str, caption: str,
                       sentences: list[tuple[str, str]]) -> Markdown:
    table, wide = england_breakdown_table(page, measure, year, name=name, caption=caption)
    return prose(*(england_share_sentence(wide, category, what) for category, what in sentences)) + table


def placement_types(page, year: int) -> Markdown:
    """England's children looked after by placement type, with the foster and children's home shares."""
    return _breakdown_section(
        page, "cla_by_placement_type", year, name="england-placements",
        caption="Children looked after in England on 31 March, by placement type",
        sentences=[("Foster placements", "the share living in foster placements"),
                   ("Secure homes and children's homes", "the share living in children's homes or secure homes")])


def distance_from_home(page, year: int) -> Markdown:
    """England's children looked after by distance between home and placement."""
    return _breakdown_section(
        page, "cla_by_distance", year, name="england-distance",
        caption="Children looked after in England on 31 March, by how far they live from the home they came from",
        sentences=[("Placed more than 20 miles from home", "the share placed more than 20 miles from home")])


def age_profile(page, year: int) -> Markdown:
    """England's children looked after by age group, with the oldest and youngest groups' shares."""
    return _breakdown_section(
        page, "cla_by_age", year, name="england-age", caption="Children looked after in England on 31 March, by age",
        sentences=[("16 years and over", "the share aged 16 and over"), ("Under 1 year", "the share aged under 1")])


def private_homes_sentence(homes: pd.DataFrame) -> str:
    """What share of England's children's homes and places private providers ran, from
    :func:`supply.private_share_of_homes` (rows with places only)."""
    first, last = homes.iloc[0], homes.iloc[-1]
    return (f"On 31 March {int(last['year'])}, Ofsted listed {fmt_number(last['homes'])} children's homes in England "
            f"with {fmt_number(last['places'])} places; private providers ran {fmt_number(last['homes_private_pct'])}% "
            f"of the homes and {fmt_number(last['places_private_pct'])}% of the places, against "
            f"{fmt_number(first['places_private_pct'])}% of the places in {int(first['year'])}. The counts take in "
            f"every kind of home Ofsted registers as a children's home: secure children's homes, residential "
            f"special schools registered as homes, and homes that offer only short breaks.")


def private_fostering_sentence(foster: pd.DataFrame) -> str:
    """What share of England's children in foster placements private providers (independent
    fostering agencies) cared for, from :func:`published.foster_by_provider` ('' without rows)."""
    private = foster[foster["provider"] == "Private provision"]
    if private.empty:
        return ""
    first, last = private.iloc[0], private.iloc[-1]
    return (f"In fostering, {fmt_number(last['percent'])}% of the children in foster placements in England on "
            f"31 March {int(last['year'])} were placed with private providers (independent fostering agencies), "
            f"against {fmt_number(first['percent'])}% in {int(first['year'])} (DfE's national tables, 2024 release; "
            f"the breakdown of foster placements by provider is not yet published beyond "
            f"{int(foster['year'].max())} in the data this book holds).")


def private_provision(page, year: int) -> Markdown:
    """How much of England's children's home places and foster placements private providers supply
    (Ofsted places; DfE placements)."""
    homes = supply.private_share_of_homes(year).dropna(subset=["places_private_pct"])
    parts = []
    if len(homes):
        first, last = homes.iloc[0], homes.iloc[-1]
        parts.append(prose(private_homes_sentence(homes)))
        table = homes.set_index("year")
        labels = {"places_private_pct": "Places run by private providers",
                  "homes_private_pct": "Homes run by private providers"}
        fig = line_chart(table[list(labels)], labels, title="Children's homes in England run by private providers",
                         unit="per cent")
        data = pd.DataFrame({"Year": table.index.astype(int), "Homes": [fmt_number(v) for v in table["homes"]],
                             "Places": [fmt_number(v) for v in table["places"]],
                             "Private share of homes": [fmt_figure(v, "%") for v in table["homes_private_pct"]],
                             "Private share of places": [fmt_figure(v, "%") for v in table["places_private_pct"]]})
        alt = (f"Line chart of the share of children's homes and of their places in England run by private "
               f"providers, {int(first['year'])} to {int(last['year'])}. The share of places rose from "
               f"{fmt_number(first['places_private_pct'])}% to {fmt_number(last['places_private_pct'])}%.")
        parts.append(page.figure(fig, name="private-homes", alt=alt, data=data, source=SOURCE_OFSTED,
                                 caption="Share of England's children's homes and places run by private providers."))
    else:
        parts.append(prose(f"No Ofsted count of children's home places is available up to {year}."))
    fostering = private_fostering_sentence(published.foster_by_provider(year))
    if fostering:
        parts.append(prose(fostering))
    return _join(parts)
