"""sufficiency.data.published.ees (and the tidy layout): exact published values, sources, markers
and year limits."""
from __future__ import annotations

import math

import pytest

from sufficiency.data import published
from sufficiency.data.published import PER_10K, TIDY_COLUMNS, cla_headline


@pytest.fixture(scope="module")
def headline():
    return cla_headline(2025)


def series(frame, measure, unit, *, la_code=None, la_name=None, years=None):
    rows = frame[(frame.measure == measure) & (frame.unit == unit) & (frame.breakdown == "")]
    rows = rows[rows.la_code == la_code] if la_code else rows[(rows.la_name == la_name) & (rows.level != "local authority")]
    if years:
        rows = rows[rows.year.isin(years)]
    return dict(zip(rows.year, rows.value))


YEARS = range(2019, 2026)


def value(frame, la_code, year, measure, breakdown, unit):
    rows = frame[(frame.la_code == la_code) & (frame.year == year) & (frame.measure == measure)
                 & (frame.breakdown == breakdown) & (frame.unit == unit)]
    assert len(rows) == 1, (la_code, year, measure, breakdown, unit, len(rows))
    return rows.iloc[0]


def test_tidy_columns(headline):
    assert list(headline.columns) == TIDY_COLUMNS
    assert headline.year.dtype == "int64" and headline.value.dtype == float
    assert set(headline.level) == {"local authority", "region", "england"}
    assert headline[headline.level != "local authority"].la_code.isna().all()
    assert headline.breakdown.eq("").all()
    key = ["la_code", "la_name", "level", "region_code", "year", "measure", "breakdown", "unit"]
    assert not headline.duplicated(key).any()


def test_lewisham_published_values(headline):
    assert series(headline, "cla_31_march", "children", la_code="209", years=YEARS) == dict(
        zip(YEARS, [484, 473, 468, 462, 433, 453, 439]))
    assert series(headline, "cla_31_march", PER_10K, la_code="209", years=YEARS) == dict(
        zip(YEARS, [72, 71, 71, 72, 68, 72, 71]))
    assert series(headline, "starters", "children", la_code="209", years=YEARS) == dict(
        zip(YEARS, [230, 215, 167, 205, 147, 181, 166]))
    # Ceased 2023 is 180 in the 2025 release (173 in 2024's): the newest release wins.
    assert series(headline, "ceased", "children", la_code="209", years=YEARS) == dict(
        zip(YEARS, [231, 229, 178, 218, 180, 164, 182]))
    assert series(headline, "population_0_17", "children", la_code="209", years=[2025]) == {2025: 62052}


def test_other_councils_england_and_regions(headline):
    assert series(headline, "cla_31_march", "children", la_code="203", years=YEARS) == dict(
        zip(YEARS, [479, 461, 417, 460, 414, 422, 404]))
    assert series(headline, "cla_31_march", "children", la_name="England", years=YEARS) == dict(
        zip(YEARS, [78140, 80000, 80780, 82090, 83750, 83530, 81770]))
    assert series(headline, "cla_31_march", PER_10K, la_name="England", years=[2016, 2025]) == {2016: 60, 2025: 67}
    assert series(headline, "cla_31_march", "children", la_name="London", years=[2010, 2025]) == {
        2010: 10980, 2025: 9290}
    assert series(headline, "cla_31_march", PER_10K, la_name="Inner London", years=[2025]) == {2025: 59}
    assert series(headline, "cla_31_march", "children", la_code="942", years=[2024, 2025]) == {2024: 482, 2025: 458}
    assert series(headline, "cla_31_march", "children", la_code="909", years=[2023]) == {2023: 740}


def test_series_reaches_back_with_sources_named(headline):
    lewisham = headline[(headline.la_code == "209") & (headline.measure == "cla_31_march")
                        & (headline.unit == "children")].set_index("year")
    assert lewisham.loc[2010, "value"] == 526 and lewisham.loc[2010, "release"] == "SFR27/2010"
    assert lewisham.loc[2015, "value"] == 486 and lewisham.loc[2015, "source"] == "sfr_cla"
    # 2017: the LAIT (revised, 456) wins over the original SFR50 figure (457).
    assert lewisham.loc[2017, "value"] == 456 and lewisham.loc[2017, "source"] == "lait"
    assert lewisham.loc[2019, "release"] == "R2023" and lewisham.loc[2020, "release"] == "R2024"
    assert lewisham.loc[2025, "release"] == "R2025" and lewisham.loc[2025, "source"] == "ees_cla"
    assert list(lewisham.index) == list(range(2010, 2026))


def test_markers_survive(headline):
    city = headline[(headline.la_code == "201") & (headline.year == 2025) & (headline.measure == "cla_31_march")]
    assert city.marker.tolist() == ["c", "c"] and city.value.isna().all()
    assert not (headline.marker.notna() & headline.value.notna()).any()
    cumbria = headline[(headline.la_code == "909") & (headline.year == 2025) & (headline.unit == "children")
                       & (headline.measure == "cla_31_march")]
    assert cumbria.marker.tolist() == ["z"]


def test_year_max_drops_later_rows():
    frame = cla_headline(2022)
    assert frame.year.max() == 2022
    assert series(frame, "cla_31_march", "children", la_code="209", years=[2022]) == {2022: 462}
    assert cla_headline(2012).year.max() == 2012


def test_cla_characteristics_lewisham_2025():
    frame = published.cla_characteristics(2025, ["cla_by_placement_type", "cla_by_provider"])
    assert value(frame, "209", 2025, "cla_by_placement_type", "Foster placements", "children").value == 300
    assert value(frame, "209", 2025, "cla_by_placement_type", "Foster placements", "%").value == 68
    assert value(frame, "209", 2025, "cla_by_placement_type", "", "children").value == 439
    assert value(frame, "209", 2025, "cla_by_provider", "Private provision", "children").value == 252
    adoption = value(frame, "209", 2025, "cla_by_placement_type", "Placed for adoption", "children")
    assert adoption.marker == "c" and math.isnan(adoption.value)
    assert value(frame, "209", 2025, "cla_by_provider", "", "children").release == "R2025"
    assert frame.year.min() == 2020 and published.cla_characteristics(2021).year.max() == 2021


def test_placement_stability_and_new_placements():
    stability = published.placement_stability(2025)
    assert value(stability, "209", 2024, "stability_long_term", "", "%").value == 68
    assert value(stability, "209", 2024, "stability_long_term", "", "children").value == 82
    assert value(stability, "209", 2018, "stability_3_plus_placements", "", "%").release == "R2022"
    moves = published.new_placements(2025)
    assert value(moves, "209", 2024, "new_placements_location", "", "placements").value == 502
    assert value(moves, "209", 2024, "new_placements_location",
                 "Placed outside LA boundary more than 20 miles from home", "placements").value == 83
    # Both spellings of this reason become one label.
    reasons = set(moves[moves.measure == "placement_change_reason"].breakdown)
    assert "Carer requests placement ends due to child's behaviour" in reasons
    assert not any("childs" in r for r in reasons)


def test_ceased_care_leavers_and_uasc():
    ceased = published.ceased_by_characteristics(2025)
    assert value(ceased, "209", 2023, "ceased_by_reason", "", "children").value == 180   # 2025 release
    assert value(ceased, "209", 2025, "ceased_by_reason", "Special guardianship orders", "children").value == 22
    leavers = published.care_leavers(2025)
    assert value(leavers, "209", 2024, "care_leavers_accommodation_17_to_18",
                 "Accommodation considered suitable", "young people").value == 67
    labels = set(leavers.breakdown)
    assert "Accommodation considered unsuitable" in labels and "Accommodation considered not suitable" not in labels
    activity = published.care_leavers(2025, "activity")
    assert set(activity.measure) == {"care_leavers_activity_17_to_18", "care_leavers_activity_19_to_21"}
    children = published.uasc(2025)
    assert value(children, "209", 2024, "cla_uasc", "", "children").value == 46
    assert children.year.min() == 2016
