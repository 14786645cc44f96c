"""A council's own record-level SSDA903 extract: read, validate, count, suppress, project.

The SSDA903 return is the record of every child a council looks after, one row per
episode of care. Councils can export it as CSV files (header, episodes and, where
present, UASC, OC2, OC3 and missing). This subpackage turns such an extract into
published-style aggregates that are safe to print:

- :mod:`.read` — tolerant reader and a few key DfE validation rules (``InputError``
  that never shows a child's identifiers);
- :mod:`.indicators` — DfE-style counts for a reporting year, as a tidy table
  ``year, measure, breakdown, value``;
- :mod:`.disclosure` — DfE-style suppression (1 to 5 → 'c', with secondary suppression);
- :mod:`.distance` — straight-line distance from home to placement between ONS postcode
  centroids, and whether the placement is inside the council;
- :mod:`.markov` — transitions between placement types and a 3-year stock-and-flow projection
  by age band and placement type; :mod:`.backtest` scores it on past years beside the
  published-data forecast; :mod:`.compare` sets the council's figures beside DfE's;
- :mod:`.book` — everything the record-level pages show, suppressed before anything sees it;
- :mod:`.synthetic` — a seeded synthetic extract shaped like a council's published figures,
  for tests, demonstrations and benchmarks (every CHILD id starts ``SYN``).

Record-level files never enter the repository: write them under ``/tmp`` or a test's tmp_path.
"""
from __future__ import annotations

from sufficiency.records.disclosure import suppress
from sufficiency.records.read import Extract, read_extract

__all__ = ["Extract", "read_extract", "suppress"]
