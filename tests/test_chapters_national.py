"""sufficiency.chapters.national (chapter 2): its sentences, word for word, from the published data."""
from __future__ import annotations

import pytest

from sufficiency.chapters import national
from sufficiency.data import published
from sufficiency.measures import supply
from sufficiency.publishing.pages import Page


@pytest.fixture()
def page(tmp_path):
    return Page(tmp_path / "national")


def test_england_numbers_sentences_2025():
    wide = published.national_time_series(2025).pivot(index="year", columns="measure", values="value")
    rate = published.england_rate(2025).set_index("year")["value"]
    assert national.england_numbers_sentences(wide, rate) == (
        "On 31 March 2025, 81,770 children were looked after in England, 67 in every 10,000 children. The number "
        "rose from 47,590 children in 1994 to 81,770 in 2025 (up 34,180, or 71.8%). During the year to 31 March "
        "2025, 32,270 children started to be looked after and 34,450 ceased to be. The rate per 10,000 children "
        "rose from 60 per 10,000 children in 2016 to 67 in 2025 (up 7, or 11.7%).")


def test_national_numbers_writes_its_chart(page):
    text = national.national_numbers(page, 2025).text
    assert text.startswith("On 31 March 2025, 81,770 children were looked after in England")
    assert (page.files_dir / "england-cla.svg").exists()


def test_england_share_sentences_2025(page):
    _, placements = national.england_breakdown_table(page, "cla_by_placement_type", 2025, name="p", caption="c")
    assert national.england_share_sentence(placements, "Foster placements", "the share living in foster placements") \
        == "The share living in foster placements: 71% in 2020 and 67% in 2025."
    _, distance = national.england_breakdown_table(page, "cla_by_distance", 2025, name="d", caption="c")
    assert national.england_share_sentence(distance, "Placed more than 20 miles from home",
                                           "the share placed more than 20 miles from home") \
        == "The share placed more than 20 miles from home: 20% in 2020 and 22% in 2025."
    assert national.england_share_sentence(distance, "No such category", "anything") == ""


def test_placement_types_section(page):
    text = national.placement_types(page, 2025).text
    assert text.startswith("The share living in foster placements: 71% in 2020 and 67% in 2025.\n\n"
                           "The share living in children's homes or secure homes: 9% in 2020 and 12% in 2025.")
    assert (page.files_dir / "england-placements.csv").exists()


def test_private_homes_sentence_2025():
    homes = supply.private_share_of_homes(2025).dropna(subset=["places_private_pct"])
    assert national.private_homes_sentence(homes) == (
        "On 31 March 2025, Ofsted listed 4,009 children's homes in England with 15,742 places; private providers ran "
        "84% of the homes and 76% of the places, against 59% of the places in 2016. The counts take in every kind "
        "of home Ofsted registers as a children's home: secure children's homes, residential special schools "
        "registered as homes, and homes that offer only short breaks.")


def test_private_fostering_sentence():
    assert national.private_fostering_sentence(published.foster_by_provider(2025)) == (
        "In fostering, 32% of the children in foster placements in England on 31 March 2024 were placed with private "
        "providers (independent fostering agencies), against 31% in 2020 (DfE's national tables, 2024 release; the "
        "breakdown of foster placements by provider is not yet published beyond 2024 in the data this book holds).")
    assert national.private_fostering_sentence(published.foster_by_provider(2019)) == ""


def test_private_provision_section(page):
    text = national.private_provision(page, 2025).text
    assert "Ofsted listed 4,009 children's homes" in text and "In fostering, 32%" in text
    assert (page.files_dir / "private-homes.svg").exists()


def test_private_provision_before_ofsted_counted_places(page):
    assert national.private_provision(page, 2014).text == \
        "No Ofsted count of children's home places is available up to 2014."


def test_the_distance_chart_survives_the_councils_words(page):
    """'distance between home and placement' became 'between home and home' under Lewisham's vocabulary."""
    from sufficiency.publishing.vocabulary import load_vocabulary

    text = load_vocabulary("lewisham").apply(national.distance_from_home(page, 2025).text)
    assert "by how far they live from the home they came from" in text
    assert "home and home" not in text
