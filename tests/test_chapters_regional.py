"""The regional book's sentences and tables, with real figures (DfE's 2025 release): the group at
a glance, the members side by side, and the forecasts' words."""
from __future__ import annotations

import pandas as pd
import pytest

from sufficiency.chapters import regional, regional_forecasts
from sufficiency.measures import regional as measures


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
        "This book covers 3 councils: Greenwich, Lewisham and Southwark. Who is in the group: A group of councils "
        "chosen for this book.")
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
        "By 2028 the central forecast for Greenwich, Lewisham and Southwark together is 1,220 children looked after, "
        "with an 80% range of 1,147 to 1,381. Adding the councils' own 80% ranges would give 1,108 to 1,448: wider, "
        "because councils' forecasts do not all miss in the same direction at once (in past forecasts for every "
        "council, their misses were correlated at 0.10).")
