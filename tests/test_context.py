"""National context, snapshot and chapter-4 helpers: exact published figures, year limits, gaps."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from sufficiency.chapters import context
from sufficiency.measures import indicators
from sufficiency.data.councils import resolve_council


def test_national_time_series_long_and_year_limited():
    series = context.national_time_series(2025).set_index(["measure", "year"])["value"]
    assert series[("cla_31_march", 1994)] == 47590
    assert series[("cla_31_march", 2025)] == 81770      # newest release wins for recent years
    assert series[("cla_uasc", 2025)] == 6540
    assert context.national_time_series(2010)["year"].max() == 2010


def test_private_share_of_childrens_homes():
    table = context.private_share_of_homes(2025).set_index("year")
    assert table.loc[2025, "homes"] == 3946 and table.loc[2025, "places"] == 14275
    assert round(table.loc[2025, "places_private_pct"], 1) == 78.8
    assert table.loc[2018, "homes"] == 2124             # the two 2018 files overlap: each home once
    assert math.isnan(table.loc[2015, "places"])        # Ofsted gave no places in 2015
    assert context.private_share_of_homes(2020)["year"].max() == 2020


def test_foster_by_provider_england():
    foster = context.foster_by_provider(2024)
    private = foster[foster["provider"] == "Private provision"].set_index("year")["percent"]
    assert round(private[2024], 1) == 31.7


@pytest.fixture(scope="module")
def lewisham_2025():
    return context.snapshot("209", 2025)


def test_snapshot_lewisham(lewisham_2025):
    snap = lewisham_2025.set_index("key")
    assert snap.loc["cla", "value"] == 439 and snap.loc["cla", "previous"] == 453
    assert snap.loc["cla_rate", "value"] == 71 and snap.loc["cla_rate", "england"] == 67
    assert snap.loc["foster", "value"] == 68
    assert snap.loc["inside", "value"] == 34
    assert snap.loc["three_plus", "value"] == 8 and snap.loc["three_plus", "good"] == "Low"
    assert snap.loc["uasc", "value"] == 42
    assert (snap["year"] == 2025).all()
    table = context.snapshot_table(lewisham_2025, resolve_council("209"))
    row = table.set_index("Measure").loc["Three or more placements in the year (%)"]
    assert row["Lewisham"] == "8%" and row["Change on the year before"] == "down 3 points (better)"
    assert row["England"] == "10% (council lower, better)"


def test_snapshot_past_year_shows_that_years_figures():
    snap = context.snapshot("209", 2022).set_index("key")
    assert snap.loc["cla", "value"] == 462 and (snap["year"] <= 2022).all()


def test_snapshot_new_council_states_gaps():
    snap = context.snapshot("940", 2022).set_index("key")
    # North Northamptonshire's first year is 2022: no earlier year to compare with.
    assert snap.loc["cla", "year"] == 2022 and snap.loc["cla", "value"] == 525
    assert snap.loc["cla", "previous_marker"] == "z" and math.isnan(snap.loc["cla", "previous"])
    gaps = context.snapshot_gaps(snap.reset_index(), 2022)
    assert any(g.startswith("Children looked after on 31 March: no figure for 2021 (DfE symbol z)") for g in gaps)
    table = context.snapshot_table(snap.reset_index(), resolve_council("940"))
    assert table.loc[0, "Change on the year before"] == "no figure for 2021 (z)"


def test_change_and_position_words():
    assert context.change_words(70, 68, 0, "%", "Low") == "up 2 points (worse)"
    assert context.change_words(70.4, 69.6, 0, "%", None) == "no change"   # 70 and 70 after rounding
    assert context.position_words(72.5, 72, 0, "High") == "higher (better)"   # 73 v 72: half up


def test_ethnicity_against_population_lewisham():
    table = context.ethnicity_against_population("209", 2025).set_index("short")
    assert round(table.loc["Black", "residents_pct"], 1) == 26.8
    assert table["cla_pct"].notna().all()


def test_breakdown_shares_drop_subtotals_and_keep_markers():
    frame = context.LOADERS["characteristics"](2025, "cla_by_provider")
    table = context.breakdown_shares(frame, "209", "cla_by_provider", 2025).set_index("category")
    assert table.loc["Private provision", "council"] == 57
    assert table.loc["Other LA provision", "council_marker"] == "c"
    leavers = context.LOADERS["care_leavers"](2025, "activity")
    activity = context.breakdown_shares(leavers, "209", "care_leavers_activity_19_to_21", 2025)
    assert not activity["category"].str.startswith("Total").any()


def test_trend_for_every_chapter_measure_lewisham():
    council = resolve_council("209")
    for section, items in context.TRENDS.items():
        for item in items:
            t = context.trend_for(item, council, 2025)
            assert t is not None, item.measure.key
            assert t.table["year"].max() <= 2025
    missing = context.trend_for(context.TRENDS["missing"][0], council, 2025)
    assert missing.table["year"].max() == 2024     # DfE's missing table ends in 2024 here


def _chapter_measures():
    yield from context.SNAPSHOT
    for items in context.TRENDS.values():
        yield from (item.measure for item in items)


def test_a_measure_the_scorecard_shares_is_defined_only_in_the_registry():
    published = {(spec.measure, spec.breakdown, spec.tidy_unit): spec
                 for spec in indicators.REGISTRY.values() if spec.loader is not None}
    shared = set()
    for m in _chapter_measures():
        spec = published.get((m.measure, m.breakdown, m.unit))
        if spec is None:
            assert m.indicator is None, m.key
            continue
        # Typed out again here, it could drift from the scorecard's: it must come from context.shared().
        assert m.indicator == spec.id, f"{m.key} repeats indicators.REGISTRY[{spec.id!r}]"
        assert (m.loader, m.loader_args, m.good, m.compared, m.ndigits) == ("", (), spec.polarity,
                                                                          spec.comparable, spec.ndigits)
        shared.add(spec.id)
    assert shared == {"cla_rate_per_10k", "starters_rate_per_10k", "share_foster_care", "share_residential",
                      "share_placements_3plus", "share_long_term_stable", "share_placed_over_20_miles",
                      "care_leavers_suitable_accommodation", "care_leavers_eet", "uasc_count"}
    # Their snapshot labels are the chapter's own words.
    assert context.SNAPSHOT[2].label == "Living in foster placements (%)"


def test_a_shared_measure_reads_the_registry_at_call_time(monkeypatch):
    import dataclasses

    rows = pd.DataFrame({"marker": ["registry loader"]})
    spec = dataclasses.replace(indicators.REGISTRY["share_foster_care"], loader=lambda year_max: rows)
    monkeypatch.setitem(indicators.REGISTRY, "share_foster_care", spec)
    foster = next(m for m in context.SNAPSHOT if m.key == "foster")
    assert foster.frame(2025) is rows


def test_shared_needs_a_published_series():
    with pytest.raises(ValueError):
        context.shared("ceased_within_6_months", "ceased_6")
    assert context.shared("uasc_count", "uasc").label == indicators.REGISTRY["uasc_count"].label
