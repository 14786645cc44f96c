"""sufficiency.chapters.stock_and_flow ("Moves between placement types, and a forecast built from
them"): each section's words, tables and files, from a small synthetic Lewisham extract."""
from __future__ import annotations

import pytest

from sufficiency.chapters import records_text, stock_and_flow
from sufficiency.publishing.pages import Page


@pytest.fixture(scope="module")
def flows(synthetic_lewisham_extract):
    return stock_and_flow.load(str(synthetic_lewisham_extract), "209", 2025)


@pytest.fixture
def page(tmp_path):
    return Page(tmp_path / "10-stock-and-flow")


def test_banner_says_the_records_are_synthetic(flows):
    assert "Synthetic data: no real children" in stock_and_flow.banner(flows).text


def test_transitions_section_names_the_years_added_together(flows, page):
    text = stock_and_flow.transitions_section(page, flows).text
    assert text.startswith("\n\n".join(records_text.transition_sentences(flows.records)) + "\n\n")
    assert ("**Children looked after on 31 March\\, by placement type\\, and where they were on 31 March a year "
            "later\\; the years from 2021 to 2024 added together\\.**") in text
    assert (page.files_dir / "transitions.csv").exists()


def test_forecast_section_tables_the_forecast_by_placement_and_by_age(flows, page):
    text = stock_and_flow.forecast_section(page, flows).text
    assert text.startswith("\n\n".join(records_text.projection_sentences(flows.records, flows.projected)) + "\n\n")
    assert "**Stock\\-and\\-flow forecast of children looked after\\, by placement type\\.**" in text
    assert "**Stock\\-and\\-flow forecast of children looked after\\, by age\\.**" in text
    # two tables, each caption twice: with its download link (web page) and without (PDF)
    assert text.count("\\; forecast by the stock\\-and\\-flow model") == 4
    assert sorted(p.name for p in page.files_dir.iterdir()) == ["projection-by-age.csv", "projection-by-placement.csv"]


def test_beside_section_keeps_the_figure_name_pages_link_to(flows, page):
    text = stock_and_flow.beside_section(page, flows).text
    assert ":name: fig-10-stock-and-flow-two-forecasts\n" in text
    assert sorted(p.name for p in page.files_dir.iterdir()) == [
        "two-forecasts-by-group.csv", "two-forecasts.csv", "two-forecasts.print.pickle", "two-forecasts.svg"]


def test_the_back_test_runs_only_for_its_section(flows, page):
    assert "comparison" not in vars(flows)      # load() and the other sections do not need it
    text = stock_and_flow.backtest_section(page, flows).text
    assert text.startswith("\n\n".join(flows.comparison.notes) + "\n\n")
    assert "**How far each method\\'s past forecasts were from what happened\\.**" in text
    assert (page.files_dir / "backtest.csv").exists()
