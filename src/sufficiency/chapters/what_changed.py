"""The "What changed since the last edition" appendix: this edition's headline figures beside
those of the edition a year earlier, each worked out from the data as they stood at its cut-off
(:mod:`sufficiency.measures.editions`).

The page also leaves this edition's headline figures in ``headlines.csv`` among its files, which
the build keeps as the edition's record.
"""
from __future__ import annotations

from sufficiency.data.councils import Council, resolve_council
from sufficiency.measures import editions
from sufficiency.publishing.pages import Markdown, Page, escape, prose

#: The file the build keeps as the edition's record (see ``build.publish.PUBLISHED_TABLES``).
RECORD_FILE = "headlines.csv"


def changes_section(page: Page, council: str | Council, year: int, sn_model: str) -> Markdown:
    """A sentence counting what got better and worse, then the table of headline figures in the
    two editions. Writes this edition's headline record to the page's files."""
    council = resolve_council(council)
    current = editions.headline_record(council, year, model=sn_model)
    previous = editions.headline_record(council, year - 1, model=sn_model)
    current.to_csv(page.files_dir / RECORD_FILE, index=False)
    changes = editions.compare_editions(current, previous)
    return prose(editions.summary_sentence(changes, escape(council.name), year)) + page.table(
        changes, name="what-changed", caption=f"Headline figures: edition {year} against edition {year - 1}.",
        source="DfE children looked after tables and LAIT, as loaded for each edition (see Data sources).")
