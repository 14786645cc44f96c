"""sufficiency.measures.breakdowns: shares of a breakdown beside England and the neighbours."""
from __future__ import annotations

from sufficiency.data import published
from sufficiency.measures import breakdowns


def test_shares_for_council_england_and_region():
    frame = published.cla_characteristics(2025, ["cla_by_placement_type"])
    council = breakdowns.shares(frame, "209", "cla_by_placement_type", 2025).set_index("breakdown")
    assert council.loc["Foster placements", ["children", "percent"]].tolist() == [300, 68]
    assert council.loc["Placed for adoption", "marker"] == "c"
    england = breakdowns.shares(frame, "england", "cla_by_placement_type", 2025).set_index("breakdown")
    assert england.loc["Foster placements", "children"] == 54820
    london = breakdowns.shares(frame, "E12000007", "cla_by_placement_type", 2025)
    assert len(london) > 0


def test_breakdown_shares_drop_subtotals_and_keep_markers():
    frame = published.cla_characteristics(2025, ["cla_by_provider"])
    table = breakdowns.breakdown_shares(frame, "209", "cla_by_provider", 2025).set_index("category")
    assert table.loc["Private provision", "council"] == 57 and table.loc["Private provision", "england"] == 40
    assert table.loc["Other LA provision", "council_marker"] == "c"
    leavers = published.care_leavers(2025, "activity")
    activity = breakdowns.breakdown_shares(leavers, "209", "care_leavers_activity_19_to_21", 2025)
    assert not activity["category"].str.startswith("Total").any()


def test_breakdown_source_names_the_publication_and_release():
    frame = published.cla_characteristics(2025, ["cla_by_provider"])
    assert breakdowns.breakdown_source(frame, "cla_by_provider", 2025) == \
        "DfE, Children's social care outcomes and enablers dashboard data (2025 release)"
    assert breakdowns.breakdown_source(frame, "cla_by_provider", 2010) == "no rows published"


def test_ethnicity_against_population_lewisham():
    table = breakdowns.ethnicity_against_population("209", 2025).set_index("short")
    assert round(table.loc["Black", "residents_pct"], 1) == 26.8
    assert table["cla_pct"].notna().all()
    assert table.loc["White", "cla_pct"] == 28
