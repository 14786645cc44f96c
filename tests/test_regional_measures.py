"""Group-level figures: children looked after, the members' table, disclosure, placement location,
supply and costs, for London, its sub-regions and other regions."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from sufficiency.data import published
from sufficiency.data.groups import resolve
from sufficiency.measures import regional


@pytest.fixture(scope="module")
def london():
    return resolve("London", 2025)


@pytest.fixture(scope="module")
def london_east():
    return resolve("London East", 2025)


# ----------------------------------------------------------------------------- children looked after
def test_group_rates_match_dfe_published_regional_rates():
    """A back-test: the sum of members over the sum of their child populations gives DfE's own
    published rate for every region and year where no member is suppressed."""
    frame = published.cla_headline(2025)
    dfe = frame[(frame.measure == "cla_31_march") & (frame.unit == published.PER_10K) & (frame.level == "region")]
    compared = 0
    for name in ("North East", "North West", "Yorkshire and The Humber", "East Midlands", "West Midlands",
                 "East of England", "London", "South East", "South West", "Inner London", "Outer London"):
        table = regional.cla(resolve(name, 2025), 2025)
        ours = table[(table.area == "group") & table.rate.notna()].set_index("year")["rate"]
        theirs = dfe[dfe.la_name == name].set_index("year")["value"].reindex(ours.index)
        pd.testing.assert_series_equal(ours, theirs, check_names=False)
        compared += len(ours)
    # 11 areas x 7 years (2019-2025), less London and Inner London in 2025 (City of London suppressed) and
    # South West in 2019 (no population for Dorset, Poole, Bournemouth) and 2020 (Isles of Scilly suppressed).
    assert compared == 73


def test_london_east_numbers_and_rates(london_east):
    table = regional.cla(london_east, 2025)
    group = table[table.area == "group"].set_index("year")
    assert group.loc[2019:2025, "children"].tolist() == [3486.0, 3478.0, 3377.0, 3612.0, 3541.0, 3584.0, 3462.0]
    assert group.loc[2019:2025, "rate"].tolist() == [53.0, 53.0, 51.0, 55.0, 54.0, 55.0, 53.0]
    assert group.loc[2016, "note"] == "no rate: DfE publishes the child population behind its rates from 2019"
    england = table[(table.area == "england") & (table.year == 2025)]
    assert england[["children", "rate"]].values.tolist() == [[81770.0, 67.0]]
    lewisham = table[(table.la_code == "209") & (table.year >= 2022)]
    assert lewisham.children.tolist() == [462.0, 433.0, 453.0, 439.0]


def test_members_table_ranked_by_rate(london):
    table = regional.members_table(london, 2025)
    assert table.head(3)[["rank", "la_name", "rate", "rate_earlier", "change"]].values.tolist() == [
        [1.0, "Islington", 79.0, 98.0, -19.0], [2.0, "Lambeth", 73.0, 62.0, 11.0],
        [3.0, "Lewisham", 71.0, 71.0, 0.0]]
    last = table.iloc[-1]
    assert (last.la_name, last.children_marker, last.rate_marker, math.isnan(last["rank"])) == (
        "City of London", "c", "c", True)
    assert len(table) == 33 and table.earlier_year.unique().tolist() == [2020]


def test_group_with_a_suppressed_member_is_withheld_with_a_lower_bound(london):
    table = regional.cla(london, 2025)
    row = table[(table.area == "group") & (table.year == 2025)].iloc[0]
    assert math.isnan(row.children) and math.isnan(row.rate)
    assert (row.children_marker, row.rate_marker, row.at_least) == ("c", "c", 9288.0)
    assert row.note == "withheld because City of London's figure is suppressed and a total would reveal it"


def test_reorganised_members_joined_before_the_change():
    table = regional.cla(resolve("North West", 2025), 2025)
    assert "Cumbria" in set(table[(table.area == "member") & (table.year == 2023)].area_name)
    assert "Cumberland" in set(table[(table.area == "member") & (table.year == 2024)].area_name)
    group = table[table.area == "group"].set_index("year")
    assert group.loc[2023, "rate"] == 96.0 and group.loc[2024, "rate"] == 94.0
    # A group holding only part of a split council starts after the split.
    part = regional.cla(resolve(["942", "888"], 2025), 2025)
    assert sorted(part.year.unique()) == [2024, 2025]


# ----------------------------------------------------------------------------- disclosure
def test_group_total_rules():
    names = pd.Series(["A", "B", "C"])
    assert regional.group_total(pd.Series([1.0, 2.0, 3.0]), pd.Series([None] * 3), names) == \
        regional.Total(6.0, None, "", 6.0)
    total = regional.group_total(pd.Series([1.0, np.nan, np.nan]), pd.Series([None, "c", "low"]), names)
    assert (math.isnan(total.value), total.marker, total.at_least) == (True, "c", 1.0)
    assert total.note == "withheld because the figures of B and C are suppressed and a total would reveal them"
    total = regional.group_total(pd.Series([1.0, np.nan, 3.0]), pd.Series([None, "z", None]), names)
    assert total == regional.Total(4.0, None, "B: not applicable (no figure published), so not included", 4.0)
    total = regional.group_total(pd.Series([1.0, np.nan, 3.0]), pd.Series([None, None, None]), names)
    assert (total.marker, total.note) == ("..", "not available: no published figure for B")


def test_planted_suppressed_member_is_never_revealed(monkeypatch, london_east):
    """Plant a suppression: Lewisham's 2025 count and rate shown as 'c'. No published number on the
    group's tables, nor any published number minus the other members' published counts, gives back
    Lewisham's real 439. (Planting the bug of a group total read from the unsuppressed table makes
    this test fail.)"""
    real = regional._headline

    def planted(year):
        frame = real(year).copy()
        hit = (frame.la_code == "209") & (frame.year == 2025) & (frame.measure == "cla_31_march")
        frame.loc[hit, "value"] = np.nan
        frame.loc[hit, "marker"] = "c"
        return frame

    monkeypatch.setattr(regional, "_headline", planted)
    secret = 439.0
    # London East has no suppressed member of its own, so the planted one is the only secret.
    table = regional.cla(london_east, 2025)
    members = regional.members_table(london_east, 2025)
    now = table[table.year == 2025]
    others = now[(now.area == "member") & now.children.notna()]
    others_sum = others.children.sum()
    group = now[now.area == "group"].iloc[0]
    # Every number the group row publishes, and what it would give minus the others.
    published_numbers = [group.children, group.at_least, group.rate, group.population,
                         group.rate * group.population / 10000 if not math.isnan(group.rate) else np.nan]
    for number in published_numbers:
        if not math.isnan(number):
            assert abs(number - others_sum - secret) > 0.5 and number != secret
    assert math.isnan(group.children) and math.isnan(group.rate) and group.children_marker == "c"
    assert group.note == "withheld because Lewisham's figure is suppressed and a total would reveal it"
    assert group.at_least == 3462.0 - secret
    # Lewisham's own rows show the marker, nowhere its figure.
    lewisham = members[members.la_code == "209"].iloc[0]
    assert (lewisham.children_marker, math.isnan(lewisham.children), math.isnan(lewisham["rank"])) == ("c", True, True)
    assert secret not in set(now[now.la_code == "209"][["children", "at_least"]].stack())
    # Earlier years are untouched, so the change over time cannot give it back either.
    assert table[(table.area == "group") & (table.year == 2024)].children.item() == 3584.0


def test_withhold_complements_hides_the_total_of_a_set_with_one_hidden_part():
    frame = pd.DataFrame({"measure": ["all", "inside", "outside"], "value": [40.0, np.nan, 36.0],
                          "marker": [None, "c", None], "note": ["", "", ""]})
    out = regional.withhold_complements(frame, parts=["inside", "outside"], total="all")
    assert out.marker.tolist() == ["c", "c", None]
    assert out.note.iloc[0] == "withheld because one of its parts is suppressed and the total would reveal it"
    both = frame.assign(value=[40.0, np.nan, np.nan], marker=[None, "c", "c"])
    assert regional.withhold_complements(both, parts=["inside", "outside"], total="all").value.iloc[0] == 40.0


# ----------------------------------------------------------------------------- where children live
def test_placement_location_for_london_east(london_east):
    table = regional.placement_location(london_east, 2025)
    now = table[table.year == 2025]
    group = now[now.area == "group"].set_index("measure")["value"]
    assert group.to_dict() == {
        "cla": 3462.0, "own_placed_inside": 1301.0, "own_placed_outside": 2161.0, "share_placed_outside_la": 62.0,
        "placed_over_20_miles": 561.0, "share_placed_over_20_miles": 16.0, "others_placed_inside": 2177.0,
        "net_gain": 16.0, "within_group_at_most": 2161.0, "outside_group_at_least": 0.0}
    lewisham = now[now.la_code == "209"].set_index("measure")["value"]
    assert lewisham.to_dict() == {
        "cla": 439.0, "own_placed_inside": 149.0, "own_placed_outside": 290.0, "share_placed_outside_la": 66.0,
        "placed_over_20_miles": 76.0, "share_placed_over_20_miles": 17.0, "others_placed_inside": 249.0,
        "net_gain": -41.0}
    england = now[now.area == "england"].set_index("measure")["value"]
    assert (england["share_placed_outside_la"], england["net_gain"]) == (44.0, -1060.0)
    assert sorted(table.year.unique()) == [2020, 2021, 2022, 2023, 2024, 2025]
    assert list(regional.LOCATION_MEASURES) == list(dict.fromkeys(now.measure))


def test_bounds_on_children_placed_within_and_outside_a_group():
    table = regional.placement_location(resolve(["203", "209", "210"], 2025), 2025)
    group = table[(table.area == "group") & (table.year == 2025)].set_index("measure")["value"]
    # 863 placed outside their own council; other councils' children living in the three areas: 538.
    assert group[["own_placed_outside", "others_placed_inside", "within_group_at_most",
                  "outside_group_at_least", "net_gain"]].tolist() == [863.0, 538.0, 538.0, 325.0, -325.0]


def test_group_shares_match_dfe_published_regional_shares():
    frame = published.cla_characteristics(2025, ["cla_by_locality", "cla_by_distance"])
    compared = 0
    for name in ("North East", "South East", "West Midlands", "Outer London"):
        table = regional.placement_location(resolve(name, 2025), 2025)
        for measure, (dfe, breakdown) in {"share_placed_outside_la": ("cla_by_locality", regional.OUTSIDE),
                                          "share_placed_over_20_miles": ("cla_by_distance", regional.OVER_20)}.items():
            ours = table[(table.area == "group") & (table.measure == measure) & table.value.notna()].set_index("year")
            theirs = frame[(frame.measure == dfe) & (frame.breakdown == breakdown) & (frame.unit == "%")
                           & (frame.level == "region") & (frame.la_name == name)].set_index("year")["value"]
            pd.testing.assert_series_equal(ours["value"], theirs.reindex(ours.index), check_names=False)
            compared += len(ours)
    assert compared == 43


def test_london_location_withheld_where_city_of_london_is_suppressed(london):
    table = regional.placement_location(london, 2025)
    group = table[(table.year == 2025) & (table.area == "group")].set_index("measure")
    assert group.loc["own_placed_outside", "marker"] == "c"
    assert group.loc["own_placed_outside", "note"] == (
        "withheld because City of London's figure is suppressed and a total would reveal it")
    assert group.loc["own_placed_outside", "at_least"] == 6088.0   # the 32 other councils together (checked with awk on the raw file)
    assert group.loc["net_gain", "marker"] == "c" and math.isnan(group.loc["share_placed_outside_la", "value"])
    assert group.loc["others_placed_inside", "value"] == 5373.0


def test_not_published_says_there_is_no_council_to_council_table():
    assert regional.not_published()[0] == (
        "DfE publishes, for each council, how many of its own children looked after live outside its area and "
        "how many children of other councils live inside it, but not which council placed which child where: "
        "there is no published table from council to council.")


# ----------------------------------------------------------------------------- homes and places
def test_supply_members_agree_with_the_council_books_and_add_up(london_east):
    from sufficiency.measures import supply as supply_measures
    table = regional.supply(london_east, 2025)
    homes = places = 0.0
    for code in london_east.codes:
        own = supply_measures.children_homes(code, 2025).set_index("year")
        ours = table[(table.la_code == code) & (table.measure == "homes")].set_index("year")["value"]
        assert (own["homes"].reindex(ours.index) == ours).all()
        homes += own.loc[2025, "homes"]
        places += own.loc[2025, "places"]
    group = table[(table.area == "group") & (table.year == 2025)].set_index("measure")["value"]
    assert (group["homes"], group["places"]) == (homes, places) == (123.0, 532.0)
    assert group[["homes_local_authority", "homes_private", "homes_voluntary", "homes_health"]].tolist() == [
        3.0, 115.0, 5.0, 0.0]
    assert group[["foster_places", "foster_places_filled"]].tolist() == [1625.0, 965.0]
    england = table[(table.area == "england") & (table.year == 2025)].set_index("measure")["value"]
    assert (england["homes"], england["places"], england["homes_private"]) == (4009.0, 15742.0, 3354.0)
    lewisham = table[(table.la_code == "209") & (table.year == 2025)].set_index("measure")["value"]
    assert lewisham[["homes", "places", "homes_private", "foster_places"]].tolist() == [11.0, 43.0, 10.0, 135.0]
    assert list(regional.SUPPLY_MEASURES) == list(dict.fromkeys(table[table.year == 2025].measure))


def test_foster_places_withheld_for_london_where_councils_share_a_fostering_service(london):
    """LAIT has no foster places for City of London and for the councils that share one service
    (Hammersmith and Fulham, Kensington and Chelsea, Westminster; Kingston and Richmond)."""
    table = regional.supply(london, 2025)
    group = table[(table.area == "group") & (table.year == 2025)].set_index("measure")
    assert group.loc["foster_places", "marker"] == "c"
    assert group.loc["foster_places", "note"] == (
        "withheld because the figures of City of London, Hammersmith and Fulham, Kensington and Chelsea, Kingston "
        "upon Thames, Richmond upon Thames and Westminster are missing or suppressed and a total would reveal them")
    assert group.loc["homes", "value"] == table[(table.area == "member") & (table.year == 2025)
                                                & (table.measure == "homes")].value.sum()


# ----------------------------------------------------------------------------- spending
def test_costs_for_london_east(london_east):
    table = regional.costs(london_east, 2025)
    now = table[table.year == 2025]
    lewisham = now[now.la_code == "209"].set_index("measure")["value"]
    assert lewisham.to_dict() == {"cla_spend": 87779797.0, "spend_per_child": 199954.0, "weekly_cost_cla": 3835.0,
                                  "weekly_cost_fostering": 1530.0, "weekly_cost_residential": 16815.0}
    group = now[now.area == "group"].set_index("measure")["value"]
    assert set(group.index) == {"cla_spend", "spend_per_child"}      # unit costs are not summed
    members = now[(now.area == "member") & (now.measure == "cla_spend")].value
    assert group["cla_spend"] == members.sum()
    assert group["spend_per_child"] == round(group["cla_spend"] / 3462)
    england = now[now.area == "england"].set_index("measure")["value"]
    assert (england["cla_spend"], england["weekly_cost_cla"]) == (8955421269.0, 2100.0)
    assert sorted(table.year.unique())[0] == 2017


def test_costs_withheld_where_a_member_has_no_published_total(london):
    table = regional.costs(london, 2025)
    group = table[(table.area == "group") & (table.year == 2025)].set_index("measure")
    assert group.loc["cla_spend", "note"] == (
        "withheld because Wandsworth's figure is missing or suppressed and a total would reveal it")
    assert group.loc["cla_spend", "marker"] == "c" and math.isnan(group.loc["spend_per_child", "value"])


def test_a_suppressed_count_is_not_revealed_by_spending_over_a_unit_cost(london):
    """City of London, 2025: DfE suppresses its number of children; its Section 251 spending
    (£2.1m) over its weekly unit cost per child (£7,910) would show about 5. The unit cost is
    withheld wherever the member's count is suppressed, and only there."""
    table = regional.costs(london, 2025)
    city = table[(table.la_code == "201") & (table.measure == "weekly_cost_cla")].set_index("year")
    children = regional.cla(london, 2025)
    hidden = set(children[(children.la_code == "201") & children.children_marker.isin(["c", "low"])].year)
    assert 2025 in hidden
    for year in hidden & set(city.index):
        assert city.loc[year, "marker"] == "c" and city.loc[year, "value"] != city.loc[year, "value"]
        assert "would reveal its suppressed number of children" in city.loc[year, "note"]
    lewisham = table[(table.la_code == "209") & (table.measure == "weekly_cost_cla") & (table.year == 2025)]
    assert lewisham.value.item() == 3835.0
