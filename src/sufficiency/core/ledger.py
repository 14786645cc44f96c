"""The figures ledger: every (measure, area, year) value a page computes for readers, so the build
can check that the same figure has the same value on every page.

While the build runs a notebook it points :data:`LEDGER_ENV` at a file in the page's own files
folder; :func:`record` appends one JSON line per figure there (and does nothing outside a build).
After every page has run, :func:`conflicts` reads all pages' ledgers and lists each figure that two
pages (or one page twice) give different values, compared at the precision each page shows.

>>> a = [Entry("cla_rate", "209", 2022, 72.0, 0, "04-key-trends")]
>>> b = [Entry("cla_rate", "209", 2022, 70.0, 0, "08-ambitions-scorecard")]
>>> [c.text() for c in conflicts(a + b)]
['cla_rate for 209 in 2022: 72 on page 04-key-trends, 70 on page 08-ambitions-scorecard']
>>> conflicts([Entry("cla_rate", "209", 2022, 71.6, 0, "a"), Entry("cla_rate", "209", 2022, 72.0, 0, "b")])
[]
"""
from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass
from pathlib import Path

from sufficiency.core.markers import round_half_up

#: Set by the build for each notebook: the file its figures are written to.
LEDGER_ENV = "SUFFICIENCY_LEDGER"
#: The ledger's name inside a page's files folder.
LEDGER_FILE = "figures-ledger.jsonl"


@dataclass(frozen=True)
class Entry:
    """One figure as a page computed it: which measure, for which area and year, its value, and
    the decimals it is shown with."""

    measure: str
    area: str
    year: int
    value: float
    ndigits: int = 0
    page: str = ""


def _line(measure: str, area: str, year, value, ndigits: int) -> str | None:
    """One ledger line, or None for a missing value (None, NaN) or year, which is not a figure."""
    if value is None or year is None:
        return None
    try:
        number = float(value)
        whole_year = int(year)
    except (TypeError, ValueError):
        return None
    if math.isnan(number) or math.isinf(number):
        return None
    return json.dumps([measure, str(area), whole_year, number, int(ndigits)]) + "\n"


def record(measure: str, area: str, year, value, ndigits: int = 0) -> None:
    """Note a figure the running page computes. Missing values (None, NaN) are not figures and are
    skipped; outside a build (no :data:`LEDGER_ENV`) nothing is written."""
    record_many(measure, [(area, year, value)], ndigits)


def record_many(measure: str, rows, ndigits: int = 0) -> None:
    """:func:`record` for each ``(area, year, value)`` in ``rows``, in one write."""
    path = os.environ.get(LEDGER_ENV)
    if not path:
        return
    lines = [line for area, year, value in rows if (line := _line(measure, area, year, value, ndigits))]
    if lines:
        with open(path, "a", encoding="utf-8") as fh:
            fh.writelines(lines)


def read(path: Path, page: str) -> list[Entry]:
    """The entries of one page's ledger (none when the page wrote none)."""
    if not path.is_file():
        return []
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            measure, area, year, value, ndigits = json.loads(line)
            entries.append(Entry(measure, area, int(year), float(value), int(ndigits), page))
    return entries


@dataclass(frozen=True)
class Conflict:
    """One figure two pages disagree about."""

    measure: str
    area: str
    year: int
    first: Entry
    second: Entry

    def text(self) -> str:
        def shown(e: Entry) -> str:
            return f"{round_half_up(e.value, e.ndigits):,.{e.ndigits}f}"
        return (f"{self.measure} for {self.area} in {self.year}: {shown(self.first)} on page {self.first.page}, "
                f"{shown(self.second)} on page {self.second.page}")


def conflicts(entries: list[Entry]) -> list[Conflict]:
    """Figures with two different values, each compared at the coarser of the two precisions shown
    (71.6 shown to no decimals is 72, the same as 72)."""
    first_seen: dict[tuple, list[Entry]] = {}
    found = []
    for entry in entries:
        key = (entry.measure, entry.area, entry.year)
        for earlier in first_seen.setdefault(key, []):
            digits = min(earlier.ndigits, entry.ndigits)
            if round_half_up(earlier.value, digits) != round_half_up(entry.value, digits):
                found.append(Conflict(*key, earlier, entry))
                break
        else:
            if all(e.page != entry.page or e.value != entry.value for e in first_seen[key]):
                first_seen[key].append(entry)
    return found
