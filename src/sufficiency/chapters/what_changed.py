"""The "What changed since the last edition" appendix: this edition's headline figures beside
those of the edition a year earlier, each worked out from the data as they stood at its cut-off
(:mod:`sufficiency.measures.editions`).

Where DfE's newest years for a council carry a symbol instead of a number (``c`` suppressed, ``z``
not applicable, …), the table shows that symbol for its year rather than an older number, and the
page says what each symbol means: the Isles of Scilly and the City of London have few figures.

The page also leaves this edition's headline figures in ``headlines.csv`` among its files, which
the build keeps as the edition's record.
"""
from __future__ import annotations

import pandas as pd

from sufficiency.core.markers import MARKER_LEGEND
from sufficiency.data.councils import Council, resolve_council
from sufficiency.measures import editions, indicators
from sufficiency.publishing.pages import Markdown, Page, escape, prose
from sufficiency.publishing.words import and_list, is_missing

#: The file the build keeps as the edition's record (see ``build.publish.PUBLISHED_TABLES``).
RECORD_FILE = "headlines.csv"


def newest_marker(table: pd.DataFrame) -> tuple[int, str] | None:
    """The council's newest year and its DfE symbol when that year has a symbol and no number, and is
    newer than its newest number (None otherwise).

    >>> t = pd.DataFrame({"area": "council", "year": [2019, 2020, 2025], "value": [0.0, None, None],
    ...                   "marker": [None, "c", "z"]})
    >>> newest_marker(t)
    (2025, 'z')
    """
    rows = table[table["area"] == "council"] if "area" in table else table
    if rows.empty:
        return None
    rows = rows.sort_values("year")
    last = rows.iloc[-1]
    marker = last.get("marker")
    if not is_missing(last["value"]) or not isinstance(marker, str) or not marker:
        return None
    return int(last["year"]), marker


def edition_markers(council: Council, year: int, model: str) -> dict[str, tuple[int, str]]:
    """For each headline indicator whose newest year carries only a DfE symbol: that year and symbol."""
    out = {}
    for indicator_id in editions.HEADLINES:
        found = newest_marker(indicators.series(indicator_id, council, year, model=model))
        if found is not None:
            out[indicator_id] = found
    return out


def with_markers(changes: pd.DataFrame, current: pd.DataFrame, markers: dict[str, tuple[int, str]],
                 year: int) -> pd.DataFrame:
    """The comparison table with edition ``year``'s cell showing the DfE symbol of its newest year,
    where that is newer than its last number; such a row is not compared."""
    out = changes.copy()
    column = f"Edition {year}"
    for i, indicator_id in enumerate(current["indicator"]):
        if indicator_id in markers:
            marker_year, marker = markers[indicator_id]
            out.loc[i, column] = f"{marker} ({marker_year})"
            out.loc[i, "Change"] = "–"
            out.loc[i, "Direction"] = "no comparison"
    return out


def markers_sentence(council_name: str, markers: dict[str, tuple[int, str]], labels: dict[str, str]) -> str:
    """What the DfE symbols in the table mean, and for which figures."""
    if not markers:
        return ""
    by_marker: dict[str, list[str]] = {}
    for indicator_id, (_, marker) in markers.items():
        by_marker.setdefault(marker, []).append(labels[indicator_id].lower())
    parts = [f"{m} ({MARKER_LEGEND.get(m, 'see the publisher’s notes')}) for {and_list(names)}"
             for m, names in by_marker.items()]
    return (f"For {len(markers)} of these figures DfE's newest year for {council_name} has a symbol in place of a "
            f"number: " + "; ".join(parts) + ". The table shows the symbol with its year.")


def changes_section(page: Page, council: str | Council, year: int, sn_model: str) -> Markdown:
    """A sentence counting what got better and worse, what the DfE symbols mean, then the table of
    headline figures in the two editions. Writes this edition's headline record to the page's files."""
    council = resolve_council(council)
    current = editions.headline_record(council, year, model=sn_model)
    previous = editions.headline_record(council, year - 1, model=sn_model)
    current.to_csv(page.files_dir / RECORD_FILE, index=False)
    markers = edition_markers(council, year, sn_model)
    earlier = edition_markers(council, year - 1, sn_model)
    changes = with_markers(with_markers(editions.compare_editions(current, previous), current, earlier, year - 1),
                           current, markers, year)
    labels = dict(zip(current["indicator"], current["label"]))
    markers = {i: markers.get(i) or earlier[i] for i in editions.HEADLINES if i in markers or i in earlier}
    return prose(editions.summary_sentence(changes, escape(council.name), year),
                 markers_sentence(escape(council.name), markers, labels)) + page.table(
        changes, name="what-changed", caption=f"Headline figures: edition {year} against edition {year - 1}.",
        source="DfE children looked after tables and LAIT, as loaded for each edition (see Data sources).")
