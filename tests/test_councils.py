"""Council look-ups, statistical neighbours and reorganisations."""
from __future__ import annotations

import pytest

from sufficiency.core.errors import InputError
from sufficiency.data.councils import (
    REORGANISATIONS,
    all_councils,
    council_in_year,
    councils_in_region,
    predecessor_codes,
    region_of,
    reorganisations_affecting,
    resolve_council,
    series_break_year,
    slugify,
    statistical_neighbours,
    successors,
)


def test_lewisham():
    council = resolve_council("209")
    assert (council.code, council.name, council.ons_code, council.slug) == \
        ("209", "Lewisham", "E09000023", "lewisham")
    assert (council.region_code, council.region_name) == ("E12000007", "London")
    assert council.subregion_name == "Inner London"


@pytest.mark.parametrize("text", ["209", 209, "Lewisham", "lewisham", "  LEWISHAM ", "E09000023"])
def test_many_ways_to_name_a_council(text):
    assert resolve_council(text).code == "209"


@pytest.mark.parametrize("text, code", [
    ("Hammersmith & Fulham", "205"), ("hammersmith and fulham", "205"), ("Bristol", "801"),
    ("City of Bristol", "801"), ("Bristol, City of", "801"), ("St Helens", "342"),
    ("Bournemouth, Christchurch and Poole", "839"), ("BCP", "839"), ("Greenwich", "203"),
    ("North Yorkshire", "815"), ("E10000023", "815"), ("E06000065", "815"), ("Cumberland", "942"),
])
def test_names_and_codes(text, code):
    assert resolve_council(text).code == code


def test_unknown_council_suggests_names_and_the_command():
    with pytest.raises(InputError) as caught:
        resolve_council("Lewishm")
    message = str(caught.value)
    assert "Lewisham" in message and "sufficiency councils" in message and "'Lewishm'" in message


def test_unknown_code_is_refused():
    with pytest.raises(InputError, match="sufficiency councils"):
        resolve_council("999")


def test_abolished_council_names_its_successors():
    with pytest.raises(InputError, match="Cumberland.*Westmorland and Furness"):
        resolve_council("Cumbria")
    with pytest.raises(InputError, match="North Northamptonshire"):
        resolve_council("Northamptonshire")
    with pytest.raises(InputError, match="abolished before that year; its area is now served by Cumberland"):
        council_in_year("909", 2025)


@pytest.mark.parametrize("code, names", [
    ("928", "North Northamptonshire (940) and West Northamptonshire (941)"),
    ("836", "Bournemouth, Christchurch and Poole (839)"),
    ("909", "Cumberland (942) and Westmorland and Furness (943)"),
])
def test_both_refusals_name_the_same_successors_in_dfe_order(code, names):
    assert " and ".join(f"{c.name} ({c.code})" for c in successors(resolve_council(code))) == names
    with pytest.raises(InputError) as by_name:
        resolve_council(resolve_council(code).name)
    with pytest.raises(InputError) as by_year:
        council_in_year(code, 2025)
    assert f"served by {names}" in str(by_name.value) and f"served by {names}" in str(by_year.value)


def test_a_council_that_was_never_abolished_has_no_successors():
    assert successors(resolve_council("815")) == [] and successors(resolve_council("209")) == []


def test_a_former_council_is_found_by_its_code_for_the_years_it_existed():
    assert resolve_council("909").name == "Cumbria" and not resolve_council("909").current
    assert council_in_year("Cumbria", 2022).code == "909"
    assert council_in_year("928", 2020).name == "Northamptonshire"
    with pytest.raises(InputError, match="Cumberland was formed after that year"):
        council_in_year("Cumberland", 2022)


def test_all_councils_are_current_english_las():
    councils = all_councils()
    assert len(councils) == 153
    codes = {c.code for c in councils}
    assert {"209", "201", "420", "838", "839", "940", "941", "942", "943"} <= codes
    assert not codes & {"835", "836", "837", "928", "909"}
    assert all(c.region_code.startswith("E12") for c in councils)
    assert len({c.slug for c in councils}) == 153
    assert len(all_councils(include_former=True)) == 158


def test_regions():
    assert region_of("209").code == "E12000007" and str(region_of(209)) == "London"
    assert region_of("Leeds").name == "Yorkshire and The Humber"
    london = councils_in_region("E12000007")
    assert len(london) == 33
    assert len(councils_in_region("E13000001")) == 14


def test_statistical_neighbours_2025_and_2021():
    assert [c.name for c in statistical_neighbours("209")] == [
        "Lambeth", "Southwark", "Croydon", "Hammersmith and Fulham", "Greenwich", "Waltham Forest",
        "Haringey", "Barnet", "Leeds", "Salford"]
    assert [c.name for c in statistical_neighbours("209", model="2021")] == [
        "Lambeth", "Croydon", "Haringey", "Waltham Forest", "Hackney", "Southwark", "Enfield", "Brent",
        "Greenwich", "Hammersmith and Fulham"]
    pairs = statistical_neighbours("209", with_closeness=True)
    assert all(closeness in {"Extremely close", "Very close", "Close", "Somewhat close", "Not close"}
               for _, closeness in pairs)


def test_abolished_neighbours_are_replaced_by_successors():
    for model in ("2021", "2025"):
        for council in all_councils():
            neighbours = statistical_neighbours(council, model)
            assert all(n.current for n in neighbours)
            assert len({n.code for n in neighbours}) == len(neighbours)


def test_unknown_model():
    with pytest.raises(InputError, match="2021"):
        statistical_neighbours("209", model="2019")


def test_reorganisations():
    assert len(REORGANISATIONS) == 5
    assert predecessor_codes("940") == ["928"] and predecessor_codes("943") == ["909"]
    assert series_break_year("838") == 2020 and series_break_year("941") == 2022
    assert series_break_year("942") == 2024 and series_break_year("209") is None
    somerset = reorganisations_affecting("933")[0]
    assert somerset.ons_code_change == ("E10000027", "E06000066")
    assert resolve_council("933").former_ons_codes == ("E10000027",)


def test_slugify():
    assert slugify("Kingston upon Hull, City of") == "kingston-upon-hull-city-of"
    assert slugify("St. Helens") == "st-helens"


def test_an_edition_uses_the_neighbour_model_of_its_own_year():
    # The 2022 edition said nothing after March 2022 was used, yet picked neighbours from the 2025 model.
    from sufficiency.build.edition import Edition
    from sufficiency.core.paths import BUILD
    from sufficiency.data.councils import neighbour_model_for, statistical_neighbours
    assert Edition("209", "Lewisham", 2022, BUILD).sn_model == "2021"
    assert Edition("209", "Lewisham", 2025, BUILD).sn_model == "2025"
    assert Edition("209", "Lewisham", 2022, BUILD, sn_model="2025").sn_model == "2025"   # asked for explicitly
    assert [c.name for c in statistical_neighbours("209", neighbour_model_for(2022))][:3] == [
        "Lambeth", "Croydon", "Haringey"]
