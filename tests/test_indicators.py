"""The indicator registry against DfE's published figures for Lewisham (209)."""
from __future__ import annotations

import pytest

from sufficiency.core.errors import InputError
from sufficiency.data.localdata import KNOWN_INDICATORS
from sufficiency.measures import indicators


def council_values(indicator_id, year_max=2025, area="council"):
    table = indicators.series(indicator_id, "209", year_max)
    rows = table[table["area"] == area]
    return dict(zip(rows["year"], rows["value"]))


@pytest.mark.parametrize("indicator_id, year, published", [
    # la_cla_placement_stability.csv.gz / CSC dashboard placement table / care leaver tables, Lewisham rows
    ("share_foster_care", 2025, 68.0), ("share_foster_care", 2022, 78.0),
    ("share_placements_3plus", 2025, 8.0), ("share_placements_3plus", 2022, 9.0),
    ("share_long_term_stable", 2025, 64.0), ("share_long_term_stable", 2022, 75.0),
    ("share_placed_over_20_miles", 2025, 17.0), ("share_placed_outside_la", 2025, 66.0),
    ("share_residential", 2025, 12.0), ("share_residential", 2022, 8.0),
    ("care_leavers_suitable_accommodation", 2025, 88.0), ("care_leavers_eet", 2025, 53.0),
    ("cla_rate_per_10k", 2025, 71.0), ("cla_rate_per_10k", 2022, 72.0),
    ("starters_rate_per_10k", 2025, 27.0), ("uasc_count", 2025, 42.0), ("uasc_count", 2022, 49.0),
])
def test_published_values_for_lewisham(indicator_id, year, published):
    assert council_values(indicator_id)[year] == published


def test_comparators_are_dfe_published_values():
    table = indicators.series("share_foster_care", "209", 2025)
    england = table[(table.area == "england") & (table.year == 2025)].value.item()
    london = table[(table.area == "region") & (table.year == 2025)]
    assert england == 67.0
    assert london.area_name.item() == "London" and london.value.item() == 68.0
    neighbours = table[(table.area == "neighbours")]
    assert neighbours.area_name.iloc[0].startswith("Statistical neighbours (average of")


def test_inhouse_share_leaves_family_and_friends_carers_out_of_both_counts():
    # Issue 14: 85 filled in-house places (Ofsted, which leaves out family and friends carers) were divided by
    # 362 foster placements (DfE, which includes them) = 23.5%. Like for like, 2022: 85 / (362 - 69) = 29%.
    # 2023-25 have no council count of family and friends carers, so they read no data, not a guess.
    values = council_values("share_inhouse_foster")
    assert values == {2022: pytest.approx(85 / 293 * 100)}
    assert "family and friends" in indicators.describe("share_inhouse_foster").definition  # says what it leaves out
    table = indicators.series("share_inhouse_foster", "209", 2025)
    assert set(table["area"]) == {"council"}        # England and neighbours cannot be worked out the same way


def test_year_max_is_respected():
    for indicator_id in ("share_foster_care", "share_long_term_stable", "cla_rate_per_10k",
                         "local:children_in_care_mgmt", "cost:residential"):
        table = indicators.series(indicator_id, "209", 2022)
        assert not table.empty and table["year"].max() <= 2022, indicator_id
    assert council_values("share_long_term_stable", 2022)[2022] == 75.0
    assert 2025 not in council_values("share_foster_care", 2022)


def test_no_public_data_gives_an_empty_table_with_a_reason():
    assert indicators.series("ceased_within_6_months", "209", 2025).empty
    spec = indicators.describe("ceased_within_6_months")
    assert not spec.has_public_data and "England as a whole" in spec.definition


def test_registry_covers_the_local_vocabulary():
    assert set(indicators.REGISTRY) == set(KNOWN_INDICATORS)


@pytest.mark.parametrize("bad", ["share_of_nothing", "local:Bad Id", "cost:palace", "capacity:beds", ""])
def test_unknown_id_is_an_input_error(bad):
    with pytest.raises(InputError):
        indicators.series(bad, "209", 2025)


def test_local_figures_keep_their_periods():
    table = indicators.series("local:children_in_care_mgmt", "209", 2025)
    assert table.set_index("period").loc["March 2022", "value"] == 480.0
    assert table.set_index("period").loc["December 2014", "year"] == 2015
    assert set(table["area"]) == {"council"}
    # an empty cell in local_figures.csv is not a value
    assert indicators.series("local:care_proceedings_weeks", "209", 2025).empty


def test_cost_and_capacity():
    assert indicators.series("cost:residential", "209", 2025).value.tolist() == [4279.0]
    capacity = indicators.series("capacity:fostering_households", "209", 2025)
    assert capacity.value.tolist() == [155.0, 76.0]


def test_council_without_local_files():
    assert not indicators.has_local_data("203")
    with pytest.raises(InputError):
        indicators.series("local:children_in_care_mgmt", "203", 2025)
    # published indicators still work for any council
    assert not indicators.series("share_foster_care", "203", 2025).empty


def test_reporting_year():
    assert indicators.reporting_year("April 2022") == 2023
    assert indicators.reporting_year("2020-21") == 2021
    assert indicators.reporting_year("not stated") is None


def test_wide_and_latest():
    table = indicators.series("share_foster_care", "209", 2025)
    grid = indicators.wide(table)
    assert list(grid.columns) == ["council", "england", "region", "neighbours"]
    assert indicators.latest(table)["year"] == 2025
    assert indicators.latest(indicators.empty()) is None


def test_polarity_in_lait_words():
    assert indicators.describe("share_foster_care").polarity == "High"
    assert indicators.describe("share_placed_over_20_miles").polarity == "Low"
    assert indicators.describe("uasc_count").polarity is None


def test_area_names_and_sources_as_readers_see_them():
    table = indicators.series("share_foster_care", "203", 2025)
    latest = table[table["year"] == 2025]
    assert latest["area_name"].tolist() == ["Greenwich", "England", "London", "Statistical neighbours (average of 10)"]
    assert latest["value"].tolist() == [72.0, 67.0, 68.0, pytest.approx(70.9)]
    assert set(table["source"]) == {"DfE, Children's social care outcomes and enablers dashboard data "
                                    "(2024 release: 2020; 2025 release: 2021–2025)"}
    inhouse = indicators.series("share_inhouse_foster", "209", 2025)
    assert inhouse["source"].iloc[0] == (
        "Ofsted, Fostering in England (filled places, via LAIT); DfE, Children looked after in England (foster "
        "placements); the council's own count of family and friends carers")


def test_labels_of_the_councils_own_indicators():
    cost = indicators.describe("cost:residential")
    assert (cost.label, cost.unit, cost.good_direction) == (
        "Mean weekly cost: Children's homes (residential care)", "£ per week", "down")
    assert indicators.describe("capacity:fostering_households").label == "Fostering households"
    local = indicators.series("local:children_in_care_mgmt", "209", 2025)
    assert local.iloc[0][["period", "area_name", "unit", "source"]].tolist() == [
        "2010", "Lewisham", "count", "Lewisham LAC Commissioning Plan 2014–16, §4.2 Summary of need"]


def test_the_in_house_foster_share_is_defined_once_with_its_sources():
    """The reader review found the definition repeated inside its own brackets."""
    text = indicators.REGISTRY["share_inhouse_foster"].definition
    assert text.startswith("Children placed with the council's own mainstream foster carers on 31 March (Ofsted's "
                           "count of filled places, published in LAIT")
    assert text.count("as a share of the children in foster care") == 1
