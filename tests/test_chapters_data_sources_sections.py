"""The data-sources appendix's sections (sufficiency.chapters.data_sources.sources_section,
caveats_section, local_files_section) as the page shows them."""
from __future__ import annotations

import pandas as pd

from sufficiency.chapters import data_sources
from sufficiency.publishing.pages import Page


def test_sources_section_counts_the_files_then_tables_every_source(tmp_path):
    summary = data_sources.source_summary(2025)
    page = Page(tmp_path / "95-data-sources")
    text = data_sources.sources_section(page, 2025).text
    assert text.startswith(data_sources.summary_sentence(summary, 2025) + "\n\n")
    assert ("**Published sources used by this book\\.** Source: the project\\'s register of the files it reads\\, "
            "and each source\\'s provenance notes {download}`(CSV) <_generated/95-data-sources/sources.csv>`\n:::") in text
    table = pd.read_csv(page.files_dir / "sources.csv")
    assert list(table.columns) == ["Source", "Folder", "Coverage", "Licence", "Quality", "Used for"]
    assert len(table) == len(summary)


def test_caveats_section_rates_each_source():
    text = data_sources.caveats_section(2025).text
    assert text == data_sources.caveats_markdown(data_sources.source_summary(2025))
    assert "(quality A)" in text


def test_local_files_section_lists_lewishams_files_and_says_greenwich_has_none():
    lewisham = data_sources.local_files_section("209").text
    assert "| What children\\, carers and providers said | 35 | filled |" in lewisham
    assert data_sources.local_files_section("203").text == (
        "Greenwich has not supplied its own figures yet, so the chapters that need them say which are missing.")
