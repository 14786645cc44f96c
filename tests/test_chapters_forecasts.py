"""Tests for sufficiency.chapters.forecasts: the forecasts chapter as Lewisham's 2025 edition reads,
word for word, from the real published figures in data/raw and Lewisham's files in data/local;
and every section writing its figures and tables to the page."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from sufficiency.chapters import forecasts
from sufficiency.chapters.forecasts_charts import fan_alt
from sufficiency.chapters.forecasts_words import (
    NO_CLEAR_CHANGE,
    readers_cost_table,
    readers_forecast_table,
    readers_gap_table,
    readers_scenario_table,
    readers_track_record,
    series_paragraph,
)
from sufficiency.forecasting import demand, gap, scenarios
from sufficiency.measures import supply
from sufficiency.publishing.pages import Page


@pytest.fixture(scope="module")
def fs():
    return demand.build_forecasts("209", 2025)


@pytest.fixture(scope="module")
def pricing(fs):
    return forecasts.pricing(fs)


# ------------------------------------------------------------------ each series' paragraph and chart

def test_series_paragraph_for_children_looked_after(fs):
    assert series_paragraph(fs, "cla_31_march") == (
        "Children looked after on 31 March: by 2028 the central forecast is 436 children (80% range 403 to 505; "
        "95% range 382 to 546).")


def test_series_paragraph_when_nothing_beat_the_last_figure(fs):
    assert series_paragraph(fs, "cla_rate_per_10k") == (
        "Children looked after per 10,000 children: by 2028 the central forecast is 71.0 per 10,000 children "
        "(80% range 65.7 to 80.0; 95% range 61.6 to 85.3). " + NO_CLEAR_CHANGE)
    assert NO_CLEAR_CHANGE == "The method carries the last figure forward: read it as 'no clear change expected'."


def test_series_paragraph_for_a_reconciled_placement_type(fs):
    assert series_paragraph(fs, "placement_foster") == (
        "Children in foster care: by 2028 the central forecast is 298 children (80% range 246 to 336; 95% range "
        "230 to 373). " + NO_CLEAR_CHANGE)


def test_the_back_test_and_the_scaling_are_said_once(fs, tmp_path):
    """Review 6, B8: the national back-test sentence was in 11 paragraphs, 'scaled so that…' in 4 and the
    long 'no clear change expected' sentence in 5. Now the back-tests are in the last section's tables,
    the scaling is said once under the placement types, and each series carrying its last figure forward
    says so in one short sentence."""
    page = Page(tmp_path / "07-forecasts")
    text = "\n".join(s.text for s in (
        forecasts.children_looked_after_section(page, fs), forecasts.flows_section(page, fs),
        forecasts.placements_section(page, fs), forecasts.care_leavers_section(page, fs),
        forecasts.uasc_section(page, fs), forecasts.track_record_section(page, fs)))
    assert "Tried on every council's past figures" not in text and "On the council's own figures" not in text
    assert text.count("were scaled so that, year by year") == 1
    assert text.count("no clear change expected") == 6     # five series, and once in the track-record section
    national = pd.read_csv(page.files_dir / "national-record.csv")
    assert len(national) == len(fs.results) == 11
    assert national.iloc[7].tolist() == ["Foster care", "last figure carried forward, ranges from every council",
                                         "449 for 151 councils", "2023 to 2024", "88%", "96%",
                                         "this is that method"]


def test_fan_alt_text(fs):
    assert fan_alt(fs, "cla_31_march") == (
        "Line chart of children looked after on 31 March (children), recorded 2010 to 2025 and forecast to 2028. "
        "The latest recorded figure is 439 in 2025, lower than the 526 of 2010. The central forecast for 2028 is "
        "436, with an 80% range of 403 to 505 and a 95% range of 382 to 546.")
    assert fan_alt(fs, "uasc") == (
        "Line chart of unaccompanied asylum-seeking children looked after on 31 March (children), recorded 2016 "
        "to 2025 and forecast to 2028. The latest recorded figure is 42 in 2025, higher than the 28 of 2016. The "
        "central forecast for 2028 is 42, with an 80% range of 29 to 93 and a 95% range of 23 to 151.")


def test_readers_forecast_table(fs):
    table = readers_forecast_table(fs, ["cla_31_march"])
    assert table.values.tolist() == [
        ["Children looked after on 31 March", "2026", "438", "416 to 468", "401 to 489"],
        ["Children looked after on 31 March", "2027", "437", "406 to 487", "387 to 519"],
        ["Children looked after on 31 March", "2028", "436", "403 to 505", "382 to 546"]]


# ------------------------------------------------------------------ opening

def test_opening_sentences(fs):
    first = ("These forecasts use figures published up to 31 March 2025 and look ahead to 31 March 2028. Every "
             "forecast on this page can be downloaded ({download}`as a spreadsheet <_generated/07-forecasts/"
             "forecasts.csv>`), with its central figure, its 80% and 95% ranges and the method used.")
    link = "_generated/07-forecasts/forecasts.csv"
    assert forecasts.opening_sentences(fs, link, []) == [first]
    _, missing = demand.local_inputs("203", 2025)
    assert forecasts.opening_sentences(fs, link, missing)[1] == (
        "Lewisham has not supplied 3 of the council's own inputs this chapter can use: weekly placement costs, "
        "in-house fostering capacity and scenarios to test. Where a "
        "section needs them it uses public figures instead, or leaves that part out, and says so.")
    assert forecasts.opening_sentences(fs, link, missing[:1])[1].startswith("Lewisham has not supplied one of ")


# ------------------------------------------------------------------ unaccompanied children

def test_uasc_sentences(fs):
    text = forecasts.uasc_sentences(fs, supply.nts_threshold("209", 2025), supply.nts_transfers("209", 2025))
    assert text[0] == series_paragraph(fs, "uasc")
    assert text[1:] == [
        "In 2025 the scheme's level for Lewisham was about 62 children (0.1% of 62,052); the 42 unaccompanied "
        "children looked after on 31 March 2025 were 20 below it, so the council could be asked to take more.",
        "In the year to 31 March 2023, 21 children were transferred to Lewisham under the scheme (12 of them "
        "straight from an intake unit or port), and none was transferred from it to other councils. The Home "
        "Office figures used here stop at September 2023."]


# ------------------------------------------------------------------ demand against supply

def test_supply_sentences_and_caption(fs):
    text = forecasts.supply_sentences(fs, supply.foster_places("209", 2025).dropna(subset=["places"]),
                                      supply.children_homes("209", 2025).dropna(subset=["places"]),
                                      supply.local_capacity("lewisham", 2025))
    assert text == [
        "On 31 March 2025 Lewisham's own fostering service had 135 approved places, of which 85 were filled. The "
        "other 50 were empty that day; the published figures do not say why (a place may be held for a brother or "
        "sister, kept for one kind of child, or its carers may be taking a break), so the gap below counts every "
        "approved place as available.",
        "Ofsted listed 11 children's homes with 43 registered places in Lewisham on 31 March 2025, none of them "
        "run by a council.",
        "The council's own records give 143 fostering places across 76 households for 2021\\-22."]
    without = forecasts.supply_sentences(fs, pd.DataFrame(), pd.DataFrame(), None)
    assert without == ["Lewisham has not supplied its own fostering capacity figures, so only the "
                       "published count of places is used."]
    assert forecasts.gap_caption(gap.gap_table(fs), "Lewisham") == (
        "Forecast children by placement type against places counted, Lewisham. Places are for foster care, the "
        "council's own approved foster places on 31 March 2025 and for children's homes, registered places in "
        "children's homes in the area on 31 March 2025.")


# ------------------------------------------------------------------ cost and scenarios

def test_cost_sentences(fs, pricing):
    """85 of 300 fostered children with in-house carers at £516 a week, the rest through agencies at £1,129."""
    costs, inhouse, baseline = pricing
    assert forecasts.cost_sentences(fs, costs, inhouse, baseline) == [
        "Weekly costs are Lewisham's own, priced in 2020\\-21 and carried to 2024\\-25 prices with the ONS GDP "
        "deflator \\(series YBGB\\).",
        # issue 14: like for like, 85 of the 293 fostered children not with family and friends carers (2022)
        "Foster care is priced at the share of fostered children living with the council's own carers in 2022 "
        "(29%, family and friends carers left out of both counts): £516 a week in-house and £1,129 through an "
        "agency.",
        "Other placements (with parents, placed for adoption and other settings) are not costed.",
        "On these costs, the placements forecast for 2028 would cost about £32.2m a year (80% range £22.8m to "
        "£63.2m)."]


def test_readers_cost_table_totals(pricing):
    table = readers_cost_table(pricing[2])
    assert table.iloc[2].tolist() == ["Foster care", "2028", "298", "£989", "£15.3m", "£12.7m to £17.3m",
                                      "£11.9m to £19.2m"]
    assert table.iloc[-1].tolist() == ["Total", "2028", "387", "–", "£32.2m", "£22.8m to £63.2m",
                                       "£17.1m to £92.0m"]


def test_lewisham_scenarios(fs, pricing):
    costs, inhouse, baseline = pricing
    local, _ = demand.local_inputs("209", 2025)
    results = scenarios.apply_scenarios(fs, local["scenarios"], costs, inhouse)
    assert forecasts.scenario_sentences(results) == [
        "Scenarios S1, S2, S3, S4, S5, S6 are marked illustrative in the council's file.",
        "S1, S2, S3 and S5 give 2025, the year of the latest figures, as the year to reach their level, so it "
        "applies at once from 2026 rather than being reached step by step."]
    table = readers_scenario_table(scenarios.scenario_table(results, baseline, 2028), baseline, fs)
    assert table.columns.tolist() == ["Scenario", "Annual cost", "80% range", "Against the baseline",
                                      "In foster care", "In children's homes", "In semi-independent or supported homes"]
    # Review 6, W3: every scenario but S1 priced foster care at the cost table's £873 a week, the baseline at
    # £989 (the published in-house share), so S4, with 18 more children, read £0.4m cheaper than the baseline.
    assert table.drop(columns="Scenario").values.tolist() == [
        ["£32.2m", "£22.8m to £63.2m", "–", "298", "51", "39"],
        ["£30.6m", "£21.4m to £61.4m", "−£1.6m", "298", "51", "39"],
        ["£30.1m", "£21.9m to £55.2m", "−£2.1m", "327", "40", "31"],
        ["£29.8m", "£21.1m to £58.5m", "−£2.4m", "275", "47", "36"],
        ["£33.7m", "£23.8m to £66.1m", "+£1.5m", "311", "53", "41"],  # S4: to the scheme's level of 62
        ["£30.7m", "£21.8m to £58.4m", "−£1.5m", "303", "44", "40"],
        ["£37.3m", "£26.4m to £73.2m", "+£5.1m", "298", "51", "39"]]
    assert table["Scenario"].iloc[6] == "S6: Illustrative: weekly placement prices rise 5% a year"


def test_scenario_sentences_for_scenarios_not_modelled():
    results = [scenarios.ScenarioResult("S9", "Fewer <b>moves</b>", "placement_moves", True,
                                        not_modelled="the forecasts do not model this setting"),
               scenarios.ScenarioResult("S2", "Three in four fostered", "share_foster_care", False)]
    assert forecasts.scenario_sentences(results) == [
        "", "S9 (Fewer \\<b\\>moves\\<\\/b\\>) is not shown: the forecasts do not model this setting."]
    one = [scenarios.ScenarioResult("S4", "More unaccompanied", "uasc_count", False, year=2025, at_once=True)]
    assert forecasts.scenario_sentences(one) == [
        "", "S4 gives 2025, the year of the latest figures, as the year to reach its level, so it applies at "
        "once from 2026 rather than being reached step by step."]


# ------------------------------------------------------------------ track record

def test_track_record_sentences(fs):
    assert forecasts.track_record_sentences(demand.track_record_table(fs)) == [
        "Across all councils, following a council's own trend, weighed by how far such trends have carried on, "
        "forecast past years better than carrying the last figure forward for children looked after, children "
        "starting care, children leaving care, care leavers aged 19 to 21, semi-independent and supported and "
        "other placements, so that is the method used for them.",
        "For rate per 10,000 children, unaccompanied children, care leavers aged 17 to 18, foster care and "
        "children's homes, nothing forecast past years better across all councils than carrying the last figure "
        "forward, so that is the forecast shown: read it as 'no clear change expected'.",
        "Across all councils the 80% ranges for semi-independent and supported and other placements held the "
        "real figure less than 70 times in 100: treat those ranges as too narrow.",
        "The council's own record for semi-independent and supported and other placements rests on fewer than "
        "five past forecasts, too few to judge the methods by on its own."]


def test_readers_track_record(fs):
    table = readers_track_record(fs)
    assert table.columns.tolist() == ["Series", "Method", "Forecasts scored", "Average miss (MAE)",
                                      "Average miss, % (MAPE)", "Scaled error (MASE)", "Inside 80% range",
                                      "Inside 95% range"]
    assert table.head(3).values.tolist() == [
        ["Children looked after", "the council's own trend, weighed by every council's record (chosen)", "30",
         "18.7", "4%", "1.24", "90%", "97%"],
        ["", "last value carried forward", "30", "18.7", "4%", "1.24", "93%", "100%"],
        ["", "average yearly change continued", "30", "17.5", "4%", "1.13", "90%", "100%"]]
    assert table["Method"].str.endswith("(chosen)").sum() == len(fs.results)


# ------------------------------------------------------------------ the sections on the page

def test_every_section_writes_its_figures_and_tables(fs, tmp_path):
    page = Page(tmp_path / "07-forecasts")
    sections = [forecasts.opening_section(page, fs),
                forecasts.children_looked_after_section(page, fs), forecasts.flows_section(page, fs),
                forecasts.placements_section(page, fs), forecasts.care_leavers_section(page, fs),
                forecasts.uasc_section(page, fs), forecasts.supply_section(page, fs),
                forecasts.cost_section(page, fs), forecasts.scenarios_section(page, fs),
                forecasts.track_record_section(page, fs)]
    written = sorted(p.name for p in page.files_dir.iterdir())
    assert written == sorted([
        "forecasts.csv", "cla-forecast.svg", "cla-forecast.print.pickle", "cla-forecast.csv", "flows-forecast.svg",
        "flows-forecast.print.pickle", "flows-forecast.csv", "placements-forecast.svg", "placements-forecast.print.pickle",
        "placements-forecast.csv", "placements-table.csv", "care-leavers-forecast.svg", "care-leavers-forecast.print.pickle",
        "care-leavers-forecast.csv", "uasc-forecast.svg", "uasc-forecast.print.pickle", "uasc-forecast.csv",
        "nts-transfers.csv", "demand-supply.csv", "cost-forecast.csv", "scenarios.csv", "track-record.csv",
        "national-record.csv"])
    text = [s.text for s in sections]
    assert text[1].startswith(series_paragraph(fs, "cla_31_march") + "\n\n"
                              + series_paragraph(fs, "cla_rate_per_10k") + "\n\n:::{figure}")
    assert "A dash-dot line marks the National Transfer Scheme level, about 62 children." in text[5]
    assert "**Forecast annual cost of placements\\, Lewisham\\, at 2024\\-25 prices\\.**" in text[7]
    uasc = pd.read_csv(page.files_dir / "uasc-forecast.csv")
    assert uasc.loc[uasc["Year"] == 2028, "National Transfer Scheme level"].tolist() == [62.1]
    # The numbers under each chart are headed in words, and counts are whole numbers.
    assert ("| Series | Year | Recorded | Forecast | 80\\% range\\: low | 80\\% range\\: high "
            "| 95\\% range\\: low | 95\\% range\\: high | National Transfer Scheme level |") in text[5]
    counts = [line for line in text[1].splitlines() if line.startswith("| Children looked after on 31 March |")]
    assert counts and not any(".0 |" in line for line in counts), counts[:2]
    assert pd.read_csv(page.files_dir / "forecasts.csv")["measure"].nunique() == 11


def test_sections_for_a_council_without_its_own_files(tmp_path):
    fs = demand.build_forecasts("203", 2025, series={
        m: s for m, s in demand.demand_series("203", 2025).items() if m in demand.PLACEMENT_MEASURES
        or m == "cla_31_march"})
    page = Page(tmp_path / "07-forecasts")
    assert forecasts.scenarios_section(page, fs).text == (
        "Greenwich has not set any scenarios in its own files, so none are shown.")
    assert forecasts.cost_section(page, fs).text.startswith(
        "Weekly costs are Section 251 unit costs for 2024\\-25 (cash prices).")
    assert forecasts.uasc_section(page, fs).text.split("\n\n")[:3] == [
        "In 2025 the scheme's level for Greenwich was about 65 children (0.1% of 65,325); no count of "
        "unaccompanied children looked after by Greenwich has been published, so the two cannot be compared.",
        "In the year to 31 March 2023, 12 children were transferred to Greenwich under the scheme (6 of them "
        "straight from an intake unit or port), and none was transferred from it to other councils. The Home "
        "Office figures used here stop at September 2023.",
        "Unaccompanied children are not forecast: no published figures."]


# ------------------------------------------------------------------ councils with little or stale data (issue #18)

def test_city_of_london_s_2017_count_of_unaccompanied_children_is_not_presented_as_current(tmp_path):
    """City of London, 2025: 11 unaccompanied children in 2017, suppressed since. No forecast from it,
    and the scheme's level is not set against it."""
    fs = demand.build_forecasts("201", 2025)
    assert "uasc" not in fs.results
    assert forecasts.uasc_sentences(fs, supply.nts_threshold("201", 2025), supply.nts_transfers("201", 2025))[0] == (
        "In 2025 the scheme's level for City of London was about 1 child (0.1% of 847); no count of unaccompanied "
        "children looked after by City of London has been published since 2017 (later figures are suppressed or "
        "not published), so the two cannot be compared.")
    table = fs.table()
    assert (table[["point", "lower_80", "lower_95"]] >= 0).all().all()


def test_a_new_council_with_one_year_gets_sentences_not_numbers(tmp_path):
    """Cumberland, 2024 (its first year): nothing is forecast, every section still writes its page."""
    fs = demand.build_forecasts("942", 2024)
    assert fs.results == {}
    page = Page(tmp_path / "07-forecasts")
    opening = forecasts.opening_sentences(fs, "forecasts.csv", [])
    assert opening[-1] == (
        "Not forecast: children looked after, rate per 10,000 children, children starting care, children leaving "
        "care, unaccompanied children, care leavers aged 17 to 18, care leavers aged 19 to 21, foster care, "
        "children's homes, semi-independent and supported and other placements (only 1 published year).")
    for section in (forecasts.children_looked_after_section, forecasts.flows_section, forecasts.placements_section,
                    forecasts.care_leavers_section, forecasts.uasc_section, forecasts.supply_section,
                    forecasts.cost_section, forecasts.scenarios_section):
        section(page, fs)
    assert forecasts.track_record_section(page, fs).text == (
        "No series was forecast, so there is no track record to show.")


def test_isles_of_scilly_with_figures_last_published_years_ago(tmp_path):
    fs = demand.build_forecasts("420", 2025)
    assert "cla_31_march" not in fs.results
    assert fs.skipped["cla_31_march"] == ("the latest published figure is for 2019 and none has been published "
                                          "since, so there is nothing current to forecast from")
    text = forecasts.uasc_section(Page(tmp_path / "07-forecasts"), fs).text
    assert text.startswith("In 2025 the scheme's level for Isles of Scilly was less than one child (0.1% of 319); "
                           "no count of unaccompanied children looked after by Isles of Scilly has been published "
                           "since 2020")


# ------------------------------------------------------------------ one range, rounded once (review 6, W4)

def _prose_ranges(paragraph: str) -> tuple[str, str, str]:
    """The central figure and the two ranges of a series paragraph's first sentence."""
    found = re.search(r"central forecast is ([\d,.]+) .*?\(80% range ([\d,.]+ to [\d,.]+); "
                      r"95% range ([\d,.]+ to [\d,.]+)\)", paragraph)
    return found.group(1), found.group(2), found.group(3)


def test_text_chart_data_and_tables_give_one_range_for_each_forecast(fs):
    """Lewisham 2025, foster care in 2028: the text said 245 to 340, the chart's numbers 247 to 335 and
    the demand table 246 to 336, the same forecast rounded three ways. Now every place shows 298
    (80% range 246 to 336), as do children's homes and semi-independent homes in each year."""
    from sufficiency.chapters.forecasts_charts import chart_data

    placements = [m for m in demand.PLACEMENT_MEASURES if m in fs.results]
    chart = chart_data(fs, ["cla_31_march", *placements]).dropna(subset=["Forecast"])
    table = readers_forecast_table(fs, ["cla_31_march", *placements])
    gaps = readers_gap_table(gap.gap_table(fs))
    for measure in ["cla_31_march", *placements]:
        label = demand.SERIES[measure].label
        rows = chart[chart["Series"] == label]
        ranges = [f"{a} to {b}" for a, b in zip(rows["80% range: low"], rows["80% range: high"])]
        assert ranges == table.loc[table["Series"] == label, "80% range"].tolist()
        assert [f"{a} to {b}" for a, b in zip(rows["95% range: low"], rows["95% range: high"])] == \
            table.loc[table["Series"] == label, "95% range"].tolist()
        last = rows.iloc[-1]
        assert _prose_ranges(series_paragraph(fs, measure)) == (
            last["Forecast"], f"{last['80% range: low']} to {last['80% range: high']}",
            f"{last['95% range: low']} to {last['95% range: high']}")
        if measure in demand.PLACEMENT_MEASURES:
            short = demand.PLACEMENT_SHORT[measure]
            assert gaps.loc[gaps["Placement type"] == short, "80% range"].tolist() == ranges
            assert gaps.loc[gaps["Placement type"] == short, "Children (forecast)"].tolist() == \
                rows["Forecast"].tolist()
    foster = table[(table["Series"] == "Children in foster care") & (table["Year"] == "2028")]
    assert foster.values.tolist() == [["Children in foster care", "2028", "298", "246 to 336", "230 to 373"]]
