"""The regional book's sentences and tables, with real figures (DfE's 2025 release): the group at
a glance, the members side by side, and the forecasts' words."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from sufficiency.chapters import regional, regional_forecasts
from sufficiency.measures import regional as measures
from sufficiency.publishing.pages import Page


@pytest.fixture(scope="module")
def london_east():
    group = regional.group_for("london-east", "", 2025)
    return group, measures.cla(group, 2025), measures.members_table(group, 2025)


@pytest.fixture(scope="module")
def london():
    group = regional.group_for("london", "", 2025)
    return group, measures.cla(group, 2025), measures.members_table(group, 2025)


def test_the_group_at_a_glance_against_england(london_east):
    group, cla, members = london_east
    assert regional.headline_sentence(cla, regional.group_phrase(group), 2025) == (
        "On 31 March 2025 the 10 councils of London East looked after 3,462 children, 53 per 10,000 children, "
        "below England's 67 per 10,000 children.")
    assert regional.trend_sentence(cla, group.name) == (
        "London East's rate was 53 per 10,000 children in 2025, the same as in 2019; England's rose from 66 per "
        "10,000 children in 2019 to 67 in 2025 (up 1, or 1.5%).")
    assert regional.spread_sentence(members, 2025) == (
        "In 2025 the rate ranged from 38 per 10,000 children in Redbridge to 71 in Lewisham.")


def test_a_suppressed_member_withholds_the_total_and_the_book_gives_a_lower_bound_and_why(london):
    group, cla, members = london
    assert regional.headline_sentence(cla, regional.group_phrase(group), 2025) == (
        "On 31 March 2025 the 33 councils of London looked after at least 9,288 children; the exact total and "
        "the group's rate are not published, withheld because City of London's figure is suppressed and a total "
        "would reveal it.")
    # The trend ends at the last year with a group figure; the spread names the hidden member.
    assert regional.trend_sentence(cla, group.name).startswith(
        "London's rate fell from 52 per 10,000 children in 2019 to 50 in 2024")
    assert regional.spread_sentence(members, 2025) == (
        "In 2025 the rate ranged from 27 per 10,000 children in Richmond upon Thames to 79 in Islington. "
        "City of London's rate is not published (c).")
    table = regional.ranked_table(members, 2025)
    assert table.iloc[-1].to_dict() == {
        "Rank": "–", "Council": "City of London", "Children looked after, 2025": "c", "Per 10,000 children, 2025": "c",
        "Per 10,000 children, 2020": "343", "Change": "no data"}
    assert table.iloc[0]["Council"] == "Islington" and table.iloc[0]["Per 10,000 children, 2025"] == "79"


def test_an_ad_hoc_group_is_named_by_its_members_and_says_where_it_comes_from():
    group = regional.group_for("", "209,203,210", 2025)
    assert regional.group_phrase(group) == "Greenwich, Lewisham and Southwark together"
    assert regional.members_sentence(group) == (
        "This book covers 3 councils: Greenwich, Lewisham and Southwark. The group is a set of councils chosen for "
        "this book.")
    assert regional.page_title(group, "the group at a glance") == (
        "Greenwich, Lewisham and Southwark: the group at a glance")


def test_how_a_reorganised_members_history_was_joined_is_said():
    group = regional.group_for("east-midlands", "", 2025)
    assert regional.joined_histories_text(group).startswith(
        r"North Northamptonshire \(940\) and West Northamptonshire \(941\) were formed in 2021 from "
        r"Northamptonshire \(928\)")
    london = regional.group_for("london-east", "", 2025)
    assert regional.joined_histories_text(london) == (
        "No member council was formed by a reorganisation in the years shown, so every member's figures are its "
        "own as published.")


def test_the_forecast_sentence_sets_the_groups_range_against_the_added_ranges():
    row = pd.Series({"year": 2028, "point": 1216.2, "lower_80": 1147.1, "upper_80": 1380.7,
                     "added_lower_80": 1108.8, "added_upper_80": 1447.4, "correlation": 0.095})
    assert regional_forecasts.range_sentence(row, "Greenwich, Lewisham and Southwark together") == (
        "By 2028 the councils' own central forecasts for Greenwich, Lewisham and Southwark together add up to 1,216 "
        "children looked after, with an 80% range for the group of 1,147 to 1,381. Adding the councils' own 80% "
        "ranges would give 1,108 to 1,448: wider, because councils' forecasts do not all miss in the same direction "
        "at once (in past forecasts for every council, their misses were correlated at 0.10).")
    # London's unaccompanied children in 2028: one-sided councils' ranges put the group's above the sum.
    london_uasc = pd.Series({"year": 2028, "point": 1068.0, "lower_80": 1076.8, "upper_80": 2605.7,
                             "added_lower_80": 1100.0, "added_upper_80": 2500.0, "correlation": 0.166})
    text = regional_forecasts.range_sentence(london_uasc, "the 33 councils of London", "unaccompanied children")
    assert "The group's 80% range, 1,076 to 2,606, lies above that sum" in text
    assert text.endswith("Adding the councils' own 80% ranges would give 1,100 to 2,500.")     # not called wider


def test_where_children_live_homes_and_costs_in_words(london_east):
    from sufficiency.chapters import regional_places as places

    group = london_east[0]
    location = measures.placement_location(group, 2025)
    assert places.placement_sentences(location, group, 2025) == (
        "On 31 March 2025, 62% of the children looked after by the 10 councils of London East lived outside their own "
        "council's area (England 44%). 16% lived more than 20 miles from home (England 22%).")
    assert places.flow_sentence(location, group, 2025) == (
        "On 31 March 2025, 2,177 children looked after by other councils lived in the areas of the 10 councils of "
        "London East. Of the 2,161 children of the group's councils living outside their own council's area, the "
        "published figures cannot say how many lived in another member's area: at most 2,161, so at least 0 lived "
        "outside the group.")
    homes = measures.supply(group, 2025)
    assert places.supply_sentences(homes, group, 2025) == (
        "In 2025 Ofsted registered 123 children's homes with 532 places in the areas of the 10 councils of London East.")
    assert places.owner_sentence(homes[homes["year"] == 2025], group) == (
        "Private companies run 91% of the places in London East's children's homes; councils run 4%.")
    assert places.cost_sentences(measures.costs(group, 2025), group, 2025) == (
        "In the year to March 2025 the 10 councils of London East reported spending £444.0m on children looked after. "
        "Spending per child looked after ranged from £91,537 in Barking and Dagenham to £199,954 in Lewisham.")


def test_a_withheld_group_figure_shows_only_its_safe_lower_bound_and_the_reason(london):
    from sufficiency.chapters import regional_places as places

    group = london[0]
    location = measures.placement_location(group, 2025)
    table = places.wide_table(location, 2025, measures.LOCATION_MEASURES, places.WHERE_OWN_LIVE)
    row = table[table["Area"] == "London"].iloc[0].to_dict()
    assert row == {"Area": "London", "Children looked after": "c (at least 9,288)",
                   "Living inside their own council's area": "3,200",
                   "Living outside their own council's area": "c (at least 6,088)",
                   "Share living outside their own council's area": "c",
                   "Living more than 20 miles from home": "c (at least 1,637)",
                   "Share living more than 20 miles from home": "c"}
    city = table[table["Area"] == "City of London"].iloc[0]
    assert city["Children looked after"] == "c" and city["Living outside their own council's area"] == "c"
    assert places.withheld_sentence(location, 2025, measures.LOCATION_MEASURES) == (
        "London's own totals are left blank where they cannot be shown: they are withheld because City of London's "
        "figure is suppressed and a total would reveal it. Where a cell reads 'at least', that is the other "
        "councils' figures added, which reveals nothing.")
    assert places.placement_sentences(location, group, 2025) == (
        "The share of children looked after by the 33 councils of London who lived outside their own council's area "
        "on 31 March 2025 is not published for the group. The share living more than 20 miles from home is not "
        "published for the group.")


def test_a_withheld_spend_total_shows_its_lower_bound_in_pounds_millions():
    from sufficiency.chapters import regional_places as places

    row = pd.Series({"area": "group", "marker": "c", "value": float("nan"), "unit": "£", "at_least": 1274035687.0})
    assert places._cell(row, "cla_spend", {"cla_spend": places.millions}) == f"c (at least {places.millions(1274035687.0)})"
    assert "1,274,035,687" not in places._cell(row, "cla_spend", {"cla_spend": places.millions})


def test_the_example_groups_cost_scenarios_and_a_group_without_any(tmp_path):
    group = regional.group_for("south-east-london-example", "", 2025)
    gf = regional_forecasts.forecast_for(group, 2025)
    text = str(regional_forecasts.scenarios_section(Page(str(tmp_path)), gf))
    assert text.startswith("Each scenario below is applied to every council of South east London")
    assert "Annual cost" in text and "Against the baseline" in text
    table = pd.read_csv(tmp_path / "group-scenarios.csv")
    assert table["Scenario"].tolist()[0] == "G1: Illustrative only (an example group): prices rise 5% a year"
    assert table["Annual cost"].str.startswith("£").all() and len(table) == 2
    assert table["Against the baseline"].iloc[0].startswith("+£")     # prices rising cost more
    adhoc = regional_forecasts.forecast_for(regional.group_for("", "209,203,210", 2025), 2025)
    assert str(regional_forecasts.scenarios_section(Page(str(tmp_path / "x")), adhoc)).startswith(
        "No cost scenarios have been set for Greenwich\\, Lewisham and Southwark yet.")


def test_the_members_small_multiples_say_who_is_highest_and_who_runs_off_the_scale(london, tmp_path):
    group = london[0]
    text = str(regional.small_multiples(Page(str(tmp_path)), group, 2025))
    assert (":alt: 33 small line charts, one for each council of London, of children looked after per 10,000 "
            "children from 2016 to 2025, on one scale, each with England's rate as a dashed line. In 2025 the "
            "highest was Islington at 79 and the lowest Richmond upon Thames at 27; England 67. City of London "
            "and Islington rose above the charts' common scale; the table gives every value.") in text
    assert ("City of London and Islington\\: values above 91 run off the top of their charts \\(see the "
            "numbers\\)\\.") in text
    numbers = pd.read_csv(tmp_path / "members-small-multiples.csv", dtype=str)
    assert len(numbers) == 34 and numbers.iloc[-1]["Council"] == "England" and numbers.iloc[-1]["2025"] == "67"
    assert numbers.set_index("Council").at["Lewisham", "2025"] == "71"
    # Shrunk to a phone's width or the printed page, labels smaller than the book's other charts' are
    # unreadable: no text in the chart is below 13 pt (it was 11).
    sizes = [float(s) for s in re.findall(r"font-size: ([\d.]+)px", (tmp_path / "members-small-multiples.svg").read_text())]
    assert sizes and min(sizes) >= 13
