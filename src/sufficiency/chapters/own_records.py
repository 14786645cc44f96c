"""The "Children in care: from the council's own records" chapter, built from the council's SSDA903
extract (:mod:`sufficiency.records.book`): children in each kind of home, who started and stopped
being looked after, moves, distance from home, and the council's figures beside DfE's.

Every count shown has been through DfE's suppression (:mod:`sufficiency.records.disclosure`), and
every caption says when the extract is synthetic.
"""
from __future__ import annotations

from sufficiency.chapters import records_text
from sufficiency.data.councils import Council, resolve_council
from sufficiency.publishing.pages import Markdown, Page, prose
from sufficiency.records import book
from sufficiency.records.book import Records

#: The breakdowns shown year by year under "Children looked after on 31 March":
#: (measure, first column's heading, table name, caption).
LOOKED_AFTER_TABLES = [
    ("cla_by_placement_type", "Placement type", "placement-type-by-year",
     "Children looked after on 31 March, by placement type and year."),
    ("cla_by_provider", "Who provides the placement", "provider-by-year",
     "Children looked after on 31 March, by who provides the placement."),
    ("cla_by_age", "Age on 31 March", "age-by-year", "Children looked after on 31 March, by age."),
    ("cla_by_duration", "Time in care so far", "duration-by-year",
     "Children looked after on 31 March, by how long they had been in care."),
    ("cla_by_time_in_placement", "Time in the current placement", "time-in-placement-by-year",
     "Children looked after on 31 March, by how long they had lived in their current placement."),
]

#: The same, under "Starting and ceasing to be looked after".
CEASED_TABLES = [
    ("ceased_by_reason", "Why care ended", "ceased-by-reason",
     "Children who ceased to be looked after in the year, by the reason care ended."),
    ("ceased_by_duration", "Time in care", "ceased-by-duration",
     "Children who ceased to be looked after in the year, by how long they had been in care."),
]


def load(episodes_dir: str, council: str | Council, year: int) -> Records:
    """The council's extract, read, checked and counted for the years up to ``year``."""
    council = resolve_council(council)
    return book.load(episodes_dir, la_code=council.code, council_name=council.name, year=year)


def banner(records: Records) -> Markdown:
    """The box at the top of the page: synthetic records, or what the records are."""
    return records.banner()


def _by_year_tables(page: Page, records: Records, tables: list[tuple[str, str, str, str]]) -> Markdown:
    out = None
    for measure, heading, name, caption in tables:
        table = page.table(records.by_year(measure, name=heading), name=name, caption=caption, source=records.source)
        out = table if out is None else out + table
    return out


def coverage_section(records: Records) -> Markdown:
    """Which years and how many records the extract covers."""
    return prose(*records_text.coverage_sentences(records))


def quality_section(page: Page, records: Records) -> Markdown:
    """What was wrong in the extract and what was done about it: in words, and a table of the
    rules broken (rows counted, never a child's details)."""
    text = prose(*records_text.quality_sentences(records))
    table = records_text.quality_table(records)
    if table.empty:
        return text
    return text + page.table(table, name="data-quality", source=records.source.split(";")[0],
                             caption="Rules the extract breaks (DfE's validation rules, and checks of the "
                                     "return's shape that have no DfE number), what this page did about each, "
                                     "and how many rows it touched.")


def looked_after_section(page: Page, records: Records) -> Markdown:
    """Children looked after on 31 March: in words, by placement type in a chart, and each
    breakdown year by year."""
    fig, data, alt = records_text.breakdown_figure(records, "cla_by_placement_type",
                                           title="Children looked after by placement type",
                                           what="children looked after by placement type")
    figure = page.figure(fig, name="placement-type", alt=alt, data=data, source=records.source,
                         caption=f"Children looked after on 31 March {records.year}, by type of placement.")
    return prose(*records_text.cla_sentences(records)) + figure + _by_year_tables(page, records, LOOKED_AFTER_TABLES)


def flows_section(page: Page, records: Records) -> Markdown:
    """Children starting and ceasing to be looked after, and why and when care ended."""
    return prose(*records_text.flow_sentences(records)) + _by_year_tables(page, records, CEASED_TABLES)


def stability_section(page: Page, records: Records) -> Markdown:
    """DfE's two stability measures worked out from the records, in words and year by year."""
    return prose(*records_text.stability_sentences(records)) + page.table(
        records_text.stability_table(records), name="stability",
        caption="Placement moves in each year; children looked after on 31 March who had three or more "
                "placements in the year (3+); children under 16 looked after for 2½ years or more, and the "
                "share of them in the same placement for 2 years or more.", source=records.source)


def distance_section(page: Page, records: Records) -> Markdown:
    """Children placed inside or outside the council's area, and how far from home."""
    return prose(*records_text.distance_sentences(records)) + page.table(
        records.by_year("cla_by_locality", name="Where the placement is"), name="locality-by-year",
        caption="Children looked after on 31 March, inside or outside the council's area.",
        source=records.source) + page.table(
        records.by_year("cla_by_distance", name="Distance from home"), name="distance-by-year",
        caption="Children looked after on 31 March, by how far they live from the home they came from.",
        source=records.source + "; postcode centres from the ONS Postcode Directory")


def comparison_section(page: Page, records: Records) -> Markdown:
    """The council's figures beside those DfE published from the same return."""
    return prose(*records_text.comparison_sentences(records)) + page.table(
        records_text.published_comparison_table(records), name="against-dfe",
        caption=f"Figures for 31 March {records.year} (or the year to then) from the council's records and as "
                "DfE published them.", source=records.source + "; DfE, Children looked after in England")
