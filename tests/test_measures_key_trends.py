"""sufficiency.measures.key_trends: every chapter 4 measure has published rows for Lewisham."""
from __future__ import annotations

from sufficiency.data.councils import resolve_council
from sufficiency.measures import key_trends
from sufficiency.measures.snapshot import LOADERS


def test_trend_for_every_chapter_measure_lewisham():
    council = resolve_council("209")
    for items in key_trends.TRENDS.values():
        for item in items:
            t = key_trends.trend_for(item, council, 2025)
            assert t is not None, item.measure.key
            assert t.table["year"].max() <= 2025
    missing = key_trends.trend_for(key_trends.TRENDS["missing"][0], council, 2025)
    assert missing.table["year"].max() == 2024     # DfE's missing table ends in 2024 here
    assert missing.unit == "per cent"               # '%' rows read as 'per cent' in sentences


def test_every_breakdown_names_a_loader():
    for rows in key_trends.BREAKDOWNS.values():
        for loader, *_ in rows:
            assert loader in LOADERS
