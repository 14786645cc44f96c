"""sufficiency.chapters.own_records ("Children in care: from the council's own records"): each
section's words, tables and files, from a small synthetic Lewisham extract."""
from __future__ import annotations

import pytest

from sufficiency.chapters import own_records, records_text
from sufficiency.publishing.pages import Page


@pytest.fixture(scope="module")
def records(synthetic_lewisham_extract):
    return own_records.load(str(synthetic_lewisham_extract), "209", 2025)


@pytest.fixture
def page(tmp_path):
    return Page(tmp_path / "10-own-records")


def test_load_reads_the_council_named_by_its_code(records):
    assert (records.council_name, records.la_code, records.year) == ("Lewisham", "209", 2025)
    assert "Synthetic data: no real children" in own_records.banner(records).text


def test_coverage_section_is_the_records_own_sentences(records):
    assert own_records.coverage_section(records).text == "\n\n".join(records_text.coverage_sentences(records))


def test_looked_after_section_has_words_a_chart_and_five_tables_by_year(records, page):
    text = own_records.looked_after_section(page, records).text
    assert text.startswith("\n\n".join(records_text.cla_sentences(records)) + "\n\n:::{figure} ")
    assert ("Children looked after on 31 March 2025\\, by type of placement\\. Source: SYNTHETIC SSDA903 "
            "extract") in text
    for caption in ("Children looked after on 31 March\\, by placement type and year\\.",
                    "Children looked after on 31 March\\, by who provides the placement\\.",
                    "Children looked after on 31 March\\, by age\\.",
                    "Children looked after on 31 March\\, by how long they had been in care\\.",
                    "Children looked after on 31 March\\, by how long they had lived in their current placement\\."):
        assert f"**{caption}**" in text
    assert sorted(p.name for p in page.files_dir.iterdir()) == [
        "age-by-year.csv", "duration-by-year.csv", "placement-type-by-year.csv", "placement-type.csv",
        "placement-type.print.pickle", "placement-type.svg", "provider-by-year.csv", "time-in-placement-by-year.csv"]
    assert "| Placement type | 2021 | 2022 | 2023 | 2024 | 2025 |" in text


def test_flows_stability_and_distance_sections(records, page):
    flows = own_records.flows_section(page, records).text
    assert flows.startswith("\n\n".join(records_text.flow_sentences(records)) + "\n\n")
    assert "**Children who ceased to be looked after in the year\\, by the reason care ended\\.**" in flows
    assert "**Children who ceased to be looked after in the year\\, by how long they had been in care\\.**" in flows
    stability = own_records.stability_section(page, records).text
    assert stability.startswith("\n\n".join(records_text.stability_sentences(records)) + "\n\n")
    distance = own_records.distance_section(page, records).text
    assert "**Children looked after on 31 March\\, inside or outside the council\\'s area\\.**" in distance
    assert "\\; postcode centres from the ONS Postcode Directory" in distance
    assert sorted(p.name for p in page.files_dir.iterdir()) == [
        "ceased-by-duration.csv", "ceased-by-reason.csv", "distance-by-year.csv", "locality-by-year.csv",
        "stability.csv"]


def test_comparison_section_sets_the_records_beside_dfe(records, page):
    text = own_records.comparison_section(page, records).text
    assert text.startswith("\n\n".join(records_text.comparison_sentences(records)) + "\n\n")
    assert ("**Figures for 31 March 2025 \\(or the year to then\\) from the council\\'s records and as DfE "
            "published them\\.**") in text
    assert (page.files_dir / "against-dfe.csv").exists()
