"""Groups of councils: the definitions file, resolve() and its messages, reorganised members."""
from __future__ import annotations

import pytest

from sufficiency.core.errors import InputError
from sufficiency.data import groups
from sufficiency.data.groups import council_exists, resolve

HEADER = "slug,name,kind,member,source\n"


def test_every_region_and_london_subregion_is_defined():
    names = {g.name: len(g.members) for g in groups.all_groups(2025, local_file=None)}
    assert {n: names[n] for n in ("London", "North East", "South West", "East Midlands", "Inner London",
                                  "Outer London")} == {
        "London": 33, "North East": 12, "South West": 15, "East Midlands": 10, "Inner London": 14,
        "Outer London": 19}
    # The London Plan's five sub-regions cover the 33 London councils once each.
    subregions = [g for g in groups.all_groups(2025) if g.slug.startswith("london-")]
    assert [(g.name, len(g.members)) for g in subregions] == [
        ("London Central", 7), ("London East", 10), ("London North", 3), ("London South", 7), ("London West", 6)]
    codes = [c for g in subregions for c in g.codes]
    assert sorted(codes) == sorted(resolve("London", 2025).codes)
    # Regions add up to England's 153 councils.
    regions = [g for g in groups.all_groups(2025) if g.kind == "region"]
    assert sum(len(g.members) for g in regions) == 153


def test_resolve_by_name_slug_and_any_case():
    east = resolve("London East", 2025)
    assert resolve("london-east", 2025) == east == resolve("LONDON east", 2025)
    assert east.kind == "london-subregion"
    assert [c.name for c in east.members] == [
        "Barking and Dagenham", "Bexley", "Greenwich", "Hackney", "Havering", "Lewisham", "Newham",
        "Redbridge", "Tower Hamlets", "Waltham Forest"]
    assert east.joined_histories == ()


def test_ad_hoc_group_from_codes_and_names():
    group = resolve(["209", "Greenwich", 210], 2025)
    assert (group.slug, group.name, group.kind, group.codes) == (
        "councils-203-209-210", "Greenwich, Lewisham and Southwark", "ad hoc", ("203", "209", "210"))
    assert resolve("209,203,210", 2025) == group


def test_unknown_group_suggests_near_names():
    with pytest.raises(InputError) as err:
        resolve("Londn Est", 2025)
    assert str(err.value) == (
        "group: found 'Londn Est'; expected the name or slug of a group (an English region, a London "
        "sub-region or a group in data/local/groups.csv). Did you mean London East, London West or "
        "London South? Run `sufficiency groups` to list every group, or add yours to data/local/groups.csv.")


def test_member_that_is_no_council():
    with pytest.raises(InputError) as err:
        resolve(["209", "999"], 2025)
    assert str(err.value) == (
        "councils: one of the group's councils is not a council in that year; found '999', which is not "
        "the DfE number of an English council; expected the DfE LA number of an English council in 2025. "
        "Run `sufficiency councils` to list every council and its number.")


def test_abolished_member_names_its_successors():
    with pytest.raises(InputError) as err:
        resolve(["909", "888"], 2025)
    assert str(err.value) == (
        "councils: one of the group's councils is not a council in that year; found Cumbria (909), which "
        "no longer existed in 2025; expected the DfE LA number of an English council in 2025. From 2024 "
        "its area is served by Cumberland (942) and Westmorland and Furness (943): use those codes instead.")
    # The same code is a member in a year when it still existed.
    assert resolve(["909", "888"], 2023).codes == ("909", "888")


def test_reorganised_members_histories_joined_when_every_successor_is_in():
    north_west = resolve("North West", 2025)
    assert north_west.joined_histories == (
        "Cumberland (942) and Westmorland and Furness (943) were formed in 2023 from Cumbria (909); every "
        "council formed from them is in the group, so for years before 2024 the group counts Cumbria (909) "
        "in their place and its figures run on unbroken.",)
    before = north_west.codes_in(2023)
    assert "909" in before and "942" not in before and "943" not in before
    assert len(before) == len(north_west.members) - 1
    assert north_west.codes_in(2025) == north_west.codes
    # A region is the councils that existed in the edition year.
    assert "909" in resolve("North West", 2023).codes and len(resolve("North West", 2023).members) == 23


def test_part_of_a_split_council_starts_the_group_after_the_split():
    group = resolve(["942", "888"], 2025)
    assert group.joined_histories == (
        "Cumberland (942) was formed in 2023 from Cumbria (909), together with Westmorland and Furness (943), "
        "which is not in the group. Earlier figures cannot be split between them, so the group's figures "
        "start in 2024.",)
    assert group.codes_in(2023) is None
    assert group.codes_in(2024) == ("942", "888")


def test_ons_code_change_runs_unbroken():
    group = resolve(["815", "816"], 2025)
    assert group.joined_histories == (
        "North Yorkshire (815) changed its ONS code in 2023 but kept its area and its DfE number, so its "
        "figures run on unbroken.",)
    assert group.codes_in(2019) == ("815", "816")


def test_council_exists_by_year():
    assert [council_exists("928", y) for y in (2021, 2022)] == [True, False]
    assert [council_exists("940", y) for y in (2021, 2022)] == [False, True]
    assert council_exists("209", 2010) and not council_exists("x", 2025)


def test_user_groups_extend_the_project_file(tmp_path):
    local = tmp_path / "groups.csv"
    local.write_text(HEADER + "south-east-london-coop,South East London co-operative,cooperative,209,members' "
                     "agreement\nsouth-east-london-coop,South East London co-operative,cooperative,203,\n"
                     "south-east-london-coop,South East London co-operative,cooperative,303,\n")
    group = resolve("South East London co-operative", 2025, local_file=local)
    assert (group.slug, group.codes, group.source) == ("south-east-london-coop", ("303", "203", "209"),
                                                       "members' agreement")
    assert [g.slug for g in groups.groups_of("209", 2025, local_file=local)] == [
        "london", "inner-london", "london-east", "south-east-london-coop"]


@pytest.mark.parametrize("rows, message", [
    ("coop,Co-op,cooperative,909\ncoop,Co-op,cooperative,888\n",
     "groups.csv, row 2, column 'member': the group 'Co-op' lists a member that is not a council in 2025; found "
     "Cumbria (909), which no longer existed in 2025; expected a DfE LA number of an English council in 2025. "
     "From 2024 its area is served by Cumberland (942) and Westmorland and Furness (943): use those codes "
     "instead."),
    ("coop,Co-op,partnership,209\n",
     "groups.csv, row 2, column 'kind': found 'partnership'; expected one of region, london-subregion, "
     "cooperative."),
    ("london,My London,cooperative,209\n",
     "groups.csv, row 2, column 'slug': found 'london'; expected a slug that the project's own groups do not "
     "already use. Give your group another slug; the project's groups cannot be redefined."),
    ("coop,Co-op,cooperative,209\ncoop,Co-op,cooperative,\n",
     "groups.csv, row 3, column 'member': found an empty cell; expected a DfE LA number (e.g. 209) or "
     "region:<ONS code> (e.g. region:E12000007)."),
    ("coop,Co-op,cooperative,209\n",
     "group: found 1 council in Co-op in 2025; expected at least two councils."),
])
def test_bad_user_group_files(tmp_path, rows, message):
    local = tmp_path / "groups.csv"
    local.write_text(HEADER + rows)
    with pytest.raises(InputError) as err:
        resolve("coop" if "london," not in rows else "London", 2025, local_file=local)
    assert str(err.value).replace(str(tmp_path) + "/", "") == message


def test_the_example_user_group_in_data_local():
    group = resolve("South east London (an example group)", 2025)
    assert (group.slug, group.kind, group.codes) == ("south-east-london-example", "cooperative", ("203", "209", "210"))
    assert "data/" not in group.source and "not an actual partnership" in group.source
