"""sufficiency.measures.snapshot: the chapter 3 and 4 measures and the snapshot's published figures."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from sufficiency.measures import indicators, key_trends, snapshot


@pytest.fixture(scope="module")
def lewisham_2025():
    return snapshot.snapshot("209", 2025).set_index("key")


def test_snapshot_lewisham(lewisham_2025):
    snap = lewisham_2025
    assert snap.loc["cla", "value"] == 439 and snap.loc["cla", "previous"] == 453
    assert snap.loc["cla_rate", "value"] == 71 and snap.loc["cla_rate", "england"] == 67
    assert snap.loc["foster", "value"] == 68
    assert snap.loc["inside", "value"] == 34
    assert snap.loc["three_plus", "value"] == 8 and snap.loc["three_plus", "good"] == "Low"
    assert snap.loc["uasc", "value"] == 42
    assert (snap["year"] == 2025).all()


def test_snapshot_past_year_shows_that_years_figures():
    snap = snapshot.snapshot("209", 2022).set_index("key")
    assert snap.loc["cla", "value"] == 462 and (snap["year"] <= 2022).all()


def test_snapshot_new_council_has_no_earlier_year():
    snap = snapshot.snapshot("940", 2022).set_index("key")
    # North Northamptonshire's first year is 2022: no earlier year to compare with.
    assert snap.loc["cla", "year"] == 2022 and snap.loc["cla", "value"] == 525
    assert snap.loc["cla", "previous_marker"] == "z" and math.isnan(snap.loc["cla", "previous"])


def _chapter_measures():
    yield from snapshot.SNAPSHOT
    for items in key_trends.TRENDS.values():
        yield from (item.measure for item in items)


def test_a_measure_the_scorecard_shares_is_defined_only_in_the_registry():
    registered = {(spec.measure, spec.breakdown, spec.tidy_unit): spec
                  for spec in indicators.REGISTRY.values() if spec.loader is not None}
    shared = set()
    for m in _chapter_measures():
        spec = registered.get((m.measure, m.breakdown, m.unit))
        if spec is None:
            assert m.indicator is None, m.key
            continue
        # Typed out again here, it could drift from the scorecard's: it must come from snapshot.shared().
        assert m.indicator == spec.id, f"{m.key} repeats indicators.REGISTRY[{spec.id!r}]"
        assert (m.loader, m.loader_args, m.good, m.compared, m.ndigits) == ("", (), spec.polarity,
                                                                          spec.comparable, spec.ndigits)
        shared.add(spec.id)
    assert shared == {"cla_rate_per_10k", "starters_rate_per_10k", "share_foster_care", "share_residential",
                      "share_placements_3plus", "share_long_term_stable", "share_placed_over_20_miles",
                      "care_leavers_suitable_accommodation", "care_leavers_eet", "uasc_count", "staying_put_18"}
    # Their snapshot labels are the chapter's own words.
    assert snapshot.SNAPSHOT[2].label == "Living in foster placements (%)"


def test_a_shared_measure_reads_the_registry_at_call_time(monkeypatch):
    import dataclasses

    rows = pd.DataFrame({"marker": ["registry loader"]})
    spec = dataclasses.replace(indicators.REGISTRY["share_foster_care"], loader=lambda year_max: rows)
    monkeypatch.setitem(indicators.REGISTRY, "share_foster_care", spec)
    assert snapshot.SNAPSHOT_BY_KEY["foster"].frame(2025) is rows


def test_shared_needs_a_published_series():
    with pytest.raises(ValueError):
        snapshot.shared("ceased_within_6_months", "ceased_6")
    assert snapshot.shared("uasc_count", "uasc").label == indicators.REGISTRY["uasc_count"].label


def test_comparison_table_is_empty_when_nothing_is_published():
    m = snapshot.Measure("none", "Nothing", "headline", "no_such_measure", "children")
    assert snapshot.comparison_table(m, "209", 2025).empty
