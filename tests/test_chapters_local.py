"""sufficiency.chapters.local (chapter 3): the snapshot's words and the sections' sentences, word for
word, from the published data."""
from __future__ import annotations

import pytest

from sufficiency.chapters import local
from sufficiency.data.councils import resolve_council
from sufficiency.data.population import child_population
from sufficiency.measures.breakdowns import ethnicity_against_population
from sufficiency.measures.snapshot import snapshot
from sufficiency.publishing.pages import Page

LEWISHAM = resolve_council("209")


def test_change_and_position_words():
    assert local.change_words(70, 68, 0, "%", "Low") == "up 2 points (worse)"
    assert local.change_words(70.4, 69.6, 0, "%", None) == "no change"   # 70 and 70 after rounding
    assert local.change_words(None, 5, 0, "%", None) == "not comparable"
    assert local.position_words(72.5, 72, 0, "High") == "higher (better)"   # 73 v 72: half up
    assert local.position_words(None, 72, 0, "High") == "—"
    assert local.against_words(68, 67, 0, "%", "High") == "67% (council higher, better)"
    assert local.against_words(68, float("nan"), 0, "%", "High") == "no data"


def test_snapshot_table_lewisham_2025():
    table = local.snapshot_table(snapshot("209", 2025), LEWISHAM).set_index("Measure")
    three = table.loc["Three or more placements in the year (%)"]
    assert three.tolist() == ["2025", "8%", "down 3 points (better)", "10% (council lower, better)",
                              "10% (council lower, better)", "A"]
    cla = table.loc["Children looked after on 31 March"]
    assert cla.tolist() == ["2025", "439", "down 14", "—", "—", "—"]
    rate = table.loc["Children looked after per 10,000 children"]
    assert rate.tolist() == ["2025", "71", "down 1", "67 (council higher)", "64 (council higher)", "B"]


def test_snapshot_table_shows_a_missing_figure_as_no_data():
    snap = snapshot("209", 2025)
    snap.loc[snap["key"] == "foster", "england"] = float("nan")
    row = local.snapshot_table(snap, LEWISHAM).set_index("Measure").loc["Living in foster placements (%)"]
    assert row["England"] == "no data"


def test_snapshot_gaps_new_council():
    gaps = local.snapshot_gaps(snapshot("940", 2022), 2022)
    assert gaps[0] == "Children looked after on 31 March: no figure for 2021 (DfE symbol z), so no change can be shown."
    assert len(gaps) == 10
    table = local.snapshot_table(snapshot("940", 2022), resolve_council("940"))
    assert table.loc[0, "Change on the year before"] == "no figure for 2021 (z)"


def test_snapshot_gaps_suppressed_and_older_figures():
    city = local.snapshot_gaps(snapshot("201", 2025), 2025)
    assert city[0] == ("Children looked after on 31 March: the 2025 figure is not published (DfE symbol c: suppressed "
                       "to protect confidentiality (a small number, or a figure that would reveal one)).")
    assert city[3] == ("Placed inside the council's boundary (%): no figure for 2024 (DfE symbol c), so no change can "
                       "be shown.")
    later = local.snapshot_gaps(snapshot("209", 2026), 2026)
    assert later[0] == "Children looked after on 31 March: the latest published figure is for 2025."
    assert local.snapshot_gaps(snapshot("209", 2025), 2025) == []


def test_snapshot_gaps_before_a_table_was_published():
    # DfE's dashboard tables (placement type, locality, distance, UASC share) start in 2020.
    assert local.snapshot_gaps(snapshot("209", 2019), 2019) == [
        "Living in foster placements (%): no figure is published for this council up to 2019.",
        "Placed inside the council's boundary (%): no figure is published for this council up to 2019.",
        "Placed 20 miles or less from home (%): no figure is published for this council up to 2019.",
        "Unaccompanied asylum-seeking children (% of those looked after): no figure is published for this council "
        "up to 2019."]


def test_snapshot_intro_lewisham():
    assert local.snapshot_intro(LEWISHAM, 2025) == (
        "The table sets out Lewisham's headline figures for 2025 beside England and the average of its statistical "
        "neighbours (Lambeth\\, Southwark\\, Croydon\\, Hammersmith and Fulham\\, Greenwich\\, Waltham Forest\\, "
        "Haringey\\, Barnet\\, Leeds\\, Salford). “Better” and “worse” mark the direction that is better for children "
        "where DfE names one; quartile band A is the best quarter of councils (or the highest values where no "
        "direction is named).")


def test_population_sentences_lewisham():
    text = local.population_sentences(LEWISHAM, child_population(LEWISHAM, 2025), child_population(None, 2025), 2025)
    assert text == (
        "ONS estimated that 62,052 children aged 0 to 17 lived in Lewisham in mid-2024, the estimate DfE uses for its "
        "rates for the year to 31 March 2025. Between mid-2012 and mid-2024 the number fell from 64,514 children in "
        "2012 to 62,052 in 2024 (down 2,462, or 3.8%); England's child population changed by +6.8% over the same "
        "years.")


def test_population_sentences_new_council():
    council = resolve_council("940")
    text = local.population_sentences(council, child_population(council, 2025), child_population(None, 2025), 2025)
    assert text.endswith("Estimates for North Northamptonshire start in mid-2021: the council did not exist in its "
                         "present form before then.")


def test_ethnicity_sentences_lewisham():
    text = local.ethnicity_sentences(LEWISHAM, ethnicity_against_population(LEWISHAM, 2025), 2025)
    assert text == (
        "The chart compares the ethnicity of children looked after by Lewisham on 31 March 2025 (DfE) with that of "
        "everyone living in Lewisham at the 2021 Census. The Census figures cover residents of all ages, not only "
        "children, because that is the table ONS publishes for every council; children are, on the whole, more "
        "ethnically diverse than adults, so the comparison overstates any gap for minority groups. The largest "
        "difference is for the White group: 28% of children looked after against 51% of residents.")


def test_ethnicity_section_before_the_census(tmp_path):
    assert local.ethnicity_section(Page(tmp_path), "209", 2020).text == (
        "The 2021 Census ethnic group figures are not available for Lewisham for 2020 (the Census took place in "
        "March 2021).")


@pytest.mark.parametrize("section", [local.population_section, local.ethnicity_section, local.snapshot_section])
def test_sections_write_their_files(tmp_path, section):
    page = Page(tmp_path / "local")
    text = section(page, "209", 2025).text
    assert "Lewisham" in text and any(page.files_dir.glob("*.csv"))


def test_population_chart_source_names_the_publication_not_a_file(tmp_path):
    text = local.population_section(Page(tmp_path / "local"), "209", 2025).text
    assert ("Source: ONS mid\\-year population estimates for children aged 0 to 17\\, mid\\-2012 to mid\\-2024\\, "
            "as prepared by DfE") in text
    assert ".csv" not in text.split("```")[0].split(":::{only}")[0]
