"""sufficiency.chapters.cost_of_care and cost_of_care_words ("The cost of care"): every sentence word for
word from Lewisham's published 2020-21 costs (carried to 2024-25 prices with the GDP deflator), its
fostering comparison and bespoke placement, the in-house foster share, the LAIT unit costs, the 2024-25
children's services spend and the revenue outturn; each section for Lewisham, for a council with no
files (Greenwich) and for earlier editions that must leave later figures out."""
from __future__ import annotations

import dataclasses

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from sufficiency.chapters import cost_of_care
from sufficiency.chapters import cost_of_care_words as words
from sufficiency.data import councils, localdata
from sufficiency.measures import costs, trends
from sufficiency.publishing.pages import Page

NOT_AVAILABLE = "Not available: Greenwich has not supplied its placement costs (see above)."
TO_2024_25 = 112.375 / 95.825     # GDP deflator, financial years 2024-25 over 2020-21


@pytest.fixture(scope="module")
def table():
    return costs.cost_table(localdata.load_costs("lewisham"), "2020-21")


@pytest.fixture(scope="module")
def lewisham():
    return councils.resolve_council("209")


@pytest.fixture(scope="module")
def chapter():
    return cost_of_care.load("209", 2025)


@pytest.fixture(scope="module")
def greenwich():
    return cost_of_care.load("203", 2025)


@pytest.fixture
def page(tmp_path):
    return Page(tmp_path / "06-cost-of-care")


def _unit_trend(code: str, council) -> trends.Trend:
    measure, what = costs.UNIT_COST_MEASURES[code]
    return trends.trend(costs.unit_cost_frames(2025)[code], council, measure, costs.UNIT, what, polarity=None)


def _prose(markdown) -> str:
    """The sentences before a section's table (in the section's Markdown text)."""
    return markdown.split("\n\n```{tabularcolumns}")[0]


# ---------------------------------------------------------------- what the page loads

def test_load_lewisham_2025(chapter):
    assert chapter.price_year == "2020-21" and len(chapter.table) == 7
    assert (chapter.price, chapter.given_price) == ("2024–25", "2020–21")
    assert set(chapter.table["price_year"]) == {"2024-25"} and set(chapter.given_table["price_year"]) == {"2020-21"}
    assert (chapter.bespoke["value"], chapter.bespoke["period"]) == (17993, "2022")
    assert chapter.fostering["price_year"] == "2024-25" and chapter.agency_children == 212
    assert chapter.fostering["agency_charge"] == pytest.approx(825 * TO_2024_25)
    assert list(chapter.unit_trends) == ["LACFinance", "FosteringFinance", "RescareFinance"]
    assert list(chapter.spend["area"]) == ["Lewisham", "Inner London", "London", "England"]
    assert (chapter.share.year, chapter.share.inhouse, chapter.share.mainstream) == (2022, 85.0, 293.0)
    assert chapter.cost_source == ("Lewisham's own placement costs, 2020–21 prices, carried to 2024–25 prices with "
                                   "the ONS GDP deflator (series YBGB); §6 The cost of care, table of placement "
                                   "costs 2020-21")


def test_load_leaves_out_what_is_later_than_the_edition():
    earlier = cost_of_care.load("209", 2021)
    assert earlier.price_year == "2020-21" and earlier.bespoke is None and earlier.spend is None
    assert (earlier.price, earlier.carry.repriced) == ("2020–21", False)   # the table's own year: nothing to carry
    assert earlier.reconciliation is None
    earliest = cost_of_care.load("209", 2020)
    assert (earliest.price_year, earliest.table, earliest.fostering, earliest.agency_children) == (None, None, {}, None)
    assert earliest.cost_source == ""


def test_load_a_council_without_files(greenwich):
    assert (greenwich.price_year, greenwich.table, greenwich.bespoke, greenwich.fostering) == (None, None, None, {})
    assert list(greenwich.spend["area"]) == ["Greenwich", "Outer London", "London", "England"]


# ---------------------------------------------------------------- each section, for Lewisham

def test_weekly_costs_section(page, chapter):
    md = cost_of_care.weekly_costs_section(page, chapter).text
    assert _prose(md) == (words.price_year_sentence(chapter.carry, "Lewisham") + "\n\n"
                          + words.cost_sentences(chapter.given_table, "Lewisham"))
    assert ("**Weekly placement costs by type\\, 2020–21 prices as the council gave them\\, with the mean at 2024–25 "
            "prices\\.** Source: Lewisham\\'s own placement costs\\, 2020–21 prices\\, carried to 2024–25 prices "
            "with the ONS GDP deflator \\(series YBGB\\)\\; §6 The cost of care\\, table of placement costs 2020\\-21 "
            "{download}`(CSV) <_generated/06-cost-of-care/weekly-costs.csv>`") in md
    csv = pd.read_csv(page.files_dir / "weekly-costs.csv", dtype=str)
    assert csv.iloc[1].tolist() == ["Fostering through an independent agency (IFA)", "212", "£726", "£963", "+£237",
                                    "£1,129"]
    assert csv.columns[-1] == "Mean at 2024–25 prices"


def test_one_placement_section(page, chapter):
    md = cost_of_care.one_placement_section(page, chapter).text
    assert _prose(md).startswith("The council's own figures include one bespoke placement costing £17,993 a week "
                                 "(2022). They do not say")
    assert ("**How one placement at £17\\,993 a week would lift each type\\'s mean \\(2020–21 prices for the "
            "published means\\; the placement\\'s cost is from 2022\\)\\.**") in md
    assert "\\; Lewisham Placement Sufficiency Strategy 2022–25\\, §6 The cost of care {download}" in md
    csv = pd.read_csv(page.files_dir / "one-placement.csv", dtype=str)
    assert csv["Lift from one placement"].tolist() == ["£81", "£270", "£200", "£245"]


def test_per_child_costs_section(chapter, greenwich):
    assert cost_of_care.per_child_costs_section(chapter).text == (
        "The median (the middle cost) and a trimmed mean (the mean after setting aside the dearest and cheapest "
        "tenth of placements) would show the typical cost without that pull. Both need a cost for each child. "
        "Lewisham supplies only the mode and the mean for each type, not costs per child, so neither can be "
        "calculated here.")
    assert cost_of_care.per_child_costs_section(greenwich) is None


def test_spend_sections(page, chapter):
    md = cost_of_care.spend_section(page, chapter).text
    assert md.startswith(words.spend_share_sentences(chapter.table, looked_after=(468, 2021)) + "\n\n:::{figure} "
                         "_generated/06-cost-of-care/spend-shares.*\n:alt: Bar chart comparing, for 7 placement types")
    assert ("Each placement type\\'s share of children and of estimated annual spend\\, 2024–25 prices\\. "
            "Source: Lewisham\\'s own placement costs") in md
    assert (page.files_dir / "spend-shares.svg").exists() and (page.files_dir / "spend-shares.print.pickle").exists()
    table = cost_of_care.spend_table_section(page, chapter).text
    assert "**Estimated annual spend by placement type\\, 2024–25 prices\\.**" in table
    csv = pd.read_csv(page.files_dir / "annual-spend.csv", dtype=str)
    assert csv.iloc[-1].tolist() == ["All types shown", "611", "£43,921,223", "100.0%", "100.0%"]
    assert round(37_452_736 * TO_2024_25) == 43_921_223          # the 2020-21 total, carried
    assert pd.read_csv(page.files_dir / "spend-shares.csv", dtype=str).equals(csv)


def test_fostering_section(page, chapter):
    md = cost_of_care.fostering_section(page, chapter).text
    assert md.startswith(words.fostering_sentences(chapter.fostering, costs.fostering_gap(chapter.fostering, 212),
                                                   212, "Lewisham") + "\n\n"
                         + words.two_fostering_prices_sentence(chapter.table, chapter.fostering)
                         + "\n\n```{tabularcolumns}")
    assert ("**Weekly cost of council and agency fostering\\, 2024–25 prices\\, carried from 2020–21 with the ONS GDP "
            "deflator \\(series YBGB\\)\\.** Source: Lewisham\\'s own comparison of fostering costs\\; children in "
            "agency fostering from its table of placement costs") in md
    csv = pd.read_csv(page.files_dir / "fostering-comparison.csv", dtype=str)
    assert csv["Weekly cost"].tolist() == ["£738", "£938", "£967"]           # £629, £800, £825 in 2020-21 prices
    assert csv["A year (× 52.14)"].tolist() == ["£38,460", "£48,916", "£50,445"]


def test_unit_cost_sections(page, chapter):
    assert cost_of_care.unit_cost_sentences_section(chapter, "FosteringFinance").text == (
        "Lewisham's weekly spend per child in foster care was £1,530 in 2024–25, against £685 in 2016–17 (up 123% "
        "in cash terms). In 2024–25 the comparable figures were: England £765; London £920; the statistical "
        "neighbours' average £810 (from £270 to £980). Lewisham spent 2.0 times England's figure.")
    md = cost_of_care.unit_cost_figure_section(page, chapter, "LACFinance").text
    assert md.startswith(":::{figure} _generated/06-cost-of-care/s251-cla.*\n:alt: Line chart of weekly spend "
                         "per child looked after in pounds a week, 2016–17 to 2024–25")
    assert ("Weekly spend per child looked after\\, Lewisham against England\\, London and its statistical "
            "neighbours\\, in cash prices of each year\\. Source: ") in md
    assert sorted(p.name for p in page.files_dir.iterdir()) == ["s251-cla.csv", "s251-cla.print.pickle", "s251-cla.svg"]


def test_childrens_services_section(page, chapter):
    md = cost_of_care.childrens_services_section(page, chapter).text
    assert (  # the caption and, on the web page only, its download link
        "**Children\\'s services spending\\, 2024–25\\, cash prices\\.** Source: DfE\\, Children\\'s social care "
        "outcomes and enablers dashboard data \\(spending per child and spending on children looked after\\, from "
        "MHCLG\\'s 2024–25 revenue outturn\\, RO3\\) {download}`(CSV) <_generated/06-cost-of-care/cs-spend.csv>`\n:::") in md
    no_row = dataclasses.replace(chapter, spend=chapter.spend.iloc[0:0])
    assert cost_of_care.childrens_services_section(page, no_row).text == "DfE's spending table has no row for Lewisham."


# ---------------------------------------------------------------- each section, without the figures

def test_sections_for_a_council_without_files(page, greenwich):
    assert cost_of_care.weekly_costs_section(page, greenwich).text == (
        "Greenwich has not supplied weekly placement costs priced in 2025 or earlier, so this section is empty. "
        "The figures would come from its table of weekly costs by type of placement, which a policy officer fills "
        "in from the council's template; the appendix on data sources says where.")
    assert cost_of_care.one_placement_section(page, greenwich).text == NOT_AVAILABLE
    assert cost_of_care.spend_section(page, greenwich).text == NOT_AVAILABLE
    assert cost_of_care.spend_table_section(page, greenwich) is None
    assert cost_of_care.fostering_section(page, greenwich).text == (
        "Greenwich has not supplied a comparison of council and agency fostering costs, so this section is empty. "
        "The figures would come from its comparison of council and agency fostering costs, which a policy officer "
        "fills in from the council's template; the appendix on data sources says where.")
    assert cost_of_care.s251_section(page, greenwich).text == NOT_AVAILABLE
    assert cost_of_care.reconciliation_section(page, greenwich).text == NOT_AVAILABLE
    assert cost_of_care.inhouse_share_section(page, greenwich).text == words.share_sentences(None, None, "Greenwich")
    assert cost_of_care.unit_cost_sentences_section(greenwich, "LACFinance").text.endswith(
        "Greenwich spent 1.1 times England's figure.")
    assert list(page.files_dir.iterdir()) == []      # no table or chart written for what is not there


def test_sections_for_an_earlier_edition(page):
    earlier = cost_of_care.load("209", 2021)
    assert cost_of_care.one_placement_section(page, earlier).text == (
        "Lewisham has not given the weekly cost of its most expensive single placement among its own figures, so "
        "its effect on the means cannot be shown.")
    assert cost_of_care.reconciliation_section(page, earlier).text == (
        "The comparison with what was spent uses the 2024–25 revenue outturn, which is later than this edition's "
        "year (2021), so it is left out.")
    assert cost_of_care.childrens_services_section(page, earlier).text == (
        "The comparison of children's services spending uses 2024–25 figures, which are later than this "
        "edition's year (2021), so it is left out.")
    earliest = cost_of_care.load("209", 2020)
    assert cost_of_care.weekly_costs_section(page, earliest).text.startswith(
        "Lewisham has not supplied weekly placement costs priced in 2020 or earlier, so this section is empty.")
    assert cost_of_care.fostering_section(page, earliest).text.startswith(
        "Lewisham has not supplied a comparison of council and agency fostering costs")


# ---------------------------------------------------------------- weekly costs and annual spend in words

def test_cost_sentences_lewisham_2020_21(table):
    assert words.cost_sentences(table, "Lewisham") == (
        "In 2020–21 prices, Lewisham's table covers 611 children in 7 types of placement. The average (mean) "
        "weekly cost ran from £240 for supported lodgings to £4,279 for children's homes (residential care). "
        "For 6 of the 7 types the mean is above the most common cost (the mode); the widest gap, relative to "
        "the mode, is for family and friends (kinship) care: a mode of £144 against a mean of £978.")
    assert words.cost_sentences(table.assign(weekly_cost_mean=float("nan")), "Lewisham") == ""


def test_readers_tables_show_money_as_money(table):
    weekly = words.readers_cost_table(table)
    assert weekly.iloc[-1].tolist() == ["Children's homes (residential care)", "57", "£3,200", "£4,279", "+£1,079"]
    spend = words.readers_spend_table(table)
    assert spend.iloc[-1].tolist() == ["All types shown", "611", "£37,452,736", "100.0%", "100.0%"]
    assert spend.iloc[0]["Annual spend"] == "£3,831,247"


def test_a_missing_cost_reads_no_data_in_the_readers_tables(table):
    gappy = table.copy()
    gappy.loc[gappy["placement_type"] == "supported_lodgings", ["weekly_cost_mode", "mean_minus_mode"]] = float("nan")
    row = words.readers_cost_table(gappy).iloc[3]
    assert row.tolist() == ["Supported lodgings", "8", "no data", "£240", "no data"]
    assert words.signed_money(float("nan")) == "no data" and words.signed_money(-0.4) == "£0"


def test_share_alt_and_spend_share_sentences(table):
    assert words.share_alt(table, "2020-21") == (
        "Bar chart comparing, for 7 placement types, each type's share of children with its share of annual "
        "spend, in 2020–21 prices. Children's homes (residential care): 9% of children and 34% of spend. "
        "Fostering with the council's own carers: 27% of children and 10% of spend.")
    assert words.spend_share_sentences(table) == (
        "The estimated total is £37.5m a year in 2020–21 prices for the placements in the table. Children's "
        "homes (residential care) take 34% of that spend for 9% of the children. Types whose share of spend is "
        "below their share of children: fostering with the council's own carers, fostering through an "
        "independent agency (IFA), family and friends (kinship) care, supported lodgings, semi-independent "
        "accommodation, 18 and over. This is an estimate: it assumes every child stayed the whole year at the "
        "mean cost, and it leaves out placement types the table does not list.")
    # More children in the table than were looked after on 31 March: it cannot be one day's count.
    assert words.spend_share_sentences(table, looked_after=(468, 2021)).endswith(
        "the table does not list. The table counts 611 children, more than the 468 DfE counted as looked after on "
        "31 March 2021, and includes young people aged 18 and over, who are no longer looked after: it seems to "
        "count every child placed at some time in the year, so an estimate that keeps each one for the whole year "
        "overstates a year's cost.")
    assert words.spend_share_sentences(table, looked_after=(700, 2021)).endswith("the table does not list.")


def test_share_chart_labels_bars_with_their_percentages(table):
    fig = cost_of_care.share_chart(table, title="Share of children and share of annual spend")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Share of children", "Share of spend"]
    labels = [t.get_text() for t in ax.texts]
    # Ordered by share of spend: children's homes (34% of spend) drawn last, so at the top.
    assert labels[-2:] == ["9%", "34%"]
    assert ax.get_yticklabels()[-1].get_text() == "Children's homes\n(residential care)"
    assert [t.get_position()[1] for t in ax.get_yticklabels()] == sorted(t.get_position()[1]
                                                                         for t in ax.get_yticklabels())
    plt.close(fig)


# ---------------------------------------------------------------- one very expensive placement in words

def test_outlier_sentences_name_the_residential_lift_and_the_largest(table):
    effect = costs.one_placement_effect(table, 17993)
    assert words.outlier_sentences(effect, 17993, "July 2022") == (
        "The council's own figures include one bespoke placement costing £17,993 a week (July 2022). They do "
        "not say in which row of the table that child is counted, so the table below shows, for each type, how "
        "much one such placement would lift the mean of the group. Types where the other children would then "
        "average less than the typical cost are left out, since the placement cannot plausibly be among them. "
        "Among the 57 children in children's homes, it alone would add £245 a week to the mean: the other "
        "children would average £4,034. The largest lift would be for semi-independent accommodation, under 18 "
        "(62 children): £270 a week.")
    assert words.readers_effect_table(effect).to_dict("list") == {
        "Placement type": ["Fostering through an independent agency (IFA)", "Semi-independent accommodation, under 18",
                           "Semi-independent accommodation, 18 and over", "Children's homes (residential care)"],
        "Children": ["212", "62", "86", "57"],
        "Mean as published": ["£963", "£1,517", "£956", "£4,279"],
        "Mean of the other children": ["£882", "£1,247", "£756", "£4,034"],
        "Lift from one placement": ["£81", "£270", "£200", "£245"],
        "Mode as published": ["£726", "£1,120", "£355", "£3,200"]}


def test_outlier_sentences_without_children_s_homes(table):
    effect = costs.one_placement_effect(table, 17993)
    effect = effect[effect["placement_type"] != "residential"]
    assert words.outlier_sentences(effect, 17993, "July 2022").endswith(
        "cannot plausibly be among them. The largest lift would be for semi-independent accommodation, "
        "under 18 (62 children): £270 a week.")
    assert words.outlier_sentences(effect.iloc[0:0], 17993, "July 2022") == ""


def test_no_bespoke_and_per_child_costs_sentences_escape_what_the_council_typed():
    assert words.no_bespoke_sentence("St. Helens") == (
        r"St\. Helens has not given the weekly cost of its most expensive single placement among its own figures, "
        "so its effect on the means cannot be shown.")
    assert words.per_child_costs_sentence("Bath & North East Somerset").endswith(
        r"Bath \& North East Somerset supplies only the mode and the mean for each type, not costs per child, so "
        "neither can be calculated here.")


# ---------------------------------------------------------------- in-house against agency fostering in words

def test_fostering_sentences_lewisham():
    comparison = costs.fostering_comparison(localdata.load_fostering_cost_comparison("lewisham"))
    gap = costs.fostering_gap(comparison, 212)
    assert words.fostering_sentences(comparison, gap, 212, "Lewisham") == (
        "In 2020–21 prices, a typical independent fostering agency charged £825 a week. Against the direct cost "
        "of a placement with the council's own carers (£629), that is £196 more a week, or £10,219 a year for "
        "each child; across the 212 children in agency foster care, £2,166,521 a year. Against the full cost, "
        "once the council's wider costs are included (£800), that is £25 more a week, or £1,304 a year for each "
        "child; across the 212 children in agency foster care, £276,342 a year.\n\n"
        "The full-cost comparison is the fairer one, because an agency's charge also covers its own recruitment, "
        "training and support of carers. The saving is there only when one of Lewisham's own carers is free and "
        "suits the child.")
    without_count = words.fostering_sentences(comparison, costs.fostering_gap(comparison, None), None, "Lewisham")
    assert without_count.split("\n\n")[0] == (
        "In 2020–21 prices, a typical independent fostering agency charged £825 a week. Against the direct cost "
        "of a placement with the council's own carers (£629), that is £196 more a week, or £10,219 a year for "
        "each child. Against the full cost, once the council's wider costs are included (£800), that is £25 more "
        "a week, or £1,304 a year for each child.")
    assert words.fostering_sentences({}, gap, 212, "Lewisham") == ""


def test_readers_fostering_table():
    comparison = costs.fostering_comparison(localdata.load_fostering_cost_comparison("lewisham"))
    assert words.readers_fostering_table(comparison).to_dict("list") == {
        "What the weekly cost covers": ["Council fostering, direct costs only",
                                        "Council fostering, including indirect costs",
                                        "Independent fostering agency charge"],
        "Weekly cost": ["£629", "£800", "£825"],
        "A year (× 52.14)": ["£32,796", "£41,712", "£43,016"]}


# ---------------------------------------------------------------- gaps

def test_not_supplied_says_what_and_where():
    assert words.not_supplied("Greenwich", "weekly placement costs priced in 2025 or earlier",
                              "its table of weekly costs by type of placement") == (
        "Greenwich has not supplied weekly placement costs priced in 2025 or earlier, so this section is empty. "
        "The figures would come from its table of weekly costs by type of placement, which a policy officer fills "
        "in from the council's template; the appendix on data sources says where.")
    assert words.not_supplied_again("Greenwich") == NOT_AVAILABLE


def test_spend_gap_sentences():
    assert words.spend_later_sentence(2024) == (
        "The comparison of children's services spending uses 2024–25 figures, which are later than this "
        "edition's year (2024), so it is left out.")
    assert words.spend_no_row_sentence("St. Helens") == r"DfE's spending table has no row for St\. Helens."


# ---------------------------------------------------------------- public benchmarks in words

def test_benchmark_sentences_in_full(lewisham):
    residential = _unit_trend("RescareFinance", lewisham)
    assert words.benchmark_sentences(residential) == (
        "Lewisham's weekly spend per child in residential care was £16,815 in 2024–25, against £4,260 in "
        "2016–17 (up 295% in cash terms). In 2024–25 the comparable figures were: England £7,385; London "
        "£8,085; the statistical neighbours' average £7,858 (from £5,140 to £9,880). Lewisham spent 2.3 times "
        "England's figure.")
    assert words.benchmark_alt(residential, "Residential weekly unit cost") == (
        "Line chart of residential weekly unit cost in pounds a week, 2016–17 to 2024–25, for Lewisham compared "
        "with England, London and the average and range of its statistical neighbours. Lewisham went from "
        "£4,260 in 2016–17 to £16,815 in 2024–25. England in 2024–25: £7,385.")


@pytest.mark.parametrize("code, ending", [
    ("203", "Greenwich spent 1.1 times England's figure."),                  # £2,220 against £2,100
    ("394", "Sunderland was within 5% of England's figure."),                # £2,130
    ("391", "Newcastle upon Tyne spent 76% of England's figure."),          # £1,590
])
def test_benchmark_sentences_against_england(code, ending):
    t = _unit_trend("LACFinance", councils.resolve_council(code))
    assert words.benchmark_sentences(t).endswith(ending)


def test_greenwich_benchmark_sentences_in_full():
    t = _unit_trend("LACFinance", councils.resolve_council("203"))
    assert words.benchmark_sentences(t) == (
        "Greenwich's weekly spend per child looked after was £2,220 in 2024–25, against £1,330 in 2016–17 "
        "(up 67% in cash terms). In 2024–25 the comparable figures were: England £2,100; London £2,630; the "
        "statistical neighbours' average £2,353 (from £1,445 to £3,835). Greenwich spent 1.1 times England's "
        "figure.")


def test_benchmark_sentences_when_lait_has_no_figure(lewisham):
    t = _unit_trend("LACFinance", lewisham)
    t = dataclasses.replace(t, table=t.table.assign(council=float("nan")))
    assert words.benchmark_sentences(t) == "LAIT publishes no figure for Lewisham for weekly spend per child looked after."


def test_benchmark_figure_money_table_and_alt(lewisham, tmp_path):
    t = _unit_trend("FosteringFinance", lewisham)
    page = Page(tmp_path / "files", page="06")
    md = cost_of_care.benchmark_figure(page, t, name="fostering", title="Fostering weekly unit cost").text
    assert ":alt: Line chart of fostering weekly unit cost in pounds a week, 2016–17 to 2024–25" in md
    assert "£1,530 in 2024–25" in md
    numbers = pd.read_csv(tmp_path / "files" / "fostering.csv", dtype=str)
    assert numbers.iloc[-1][["Financial year", "Lewisham", "England"]].tolist() == ["2024–25", "£1,530", "£765"]
    assert list(numbers.columns) == ["Financial year", "Lewisham", "England", "London", "Neighbours' average",
                                     "Neighbours' lowest", "Neighbours' highest"]


def test_readers_spend_benchmark_2024_25(lewisham):
    rows = words.readers_spend_benchmark(costs.childrens_services_spend(lewisham, 2025)).to_dict("records")
    assert rows[0] == {"Area": "Lewisham", "Children's services spend": "£124,905,000",
                       "Spend per child aged 0–17": "£2,013", "Share of all council spend": "12.6%",
                       "Spent on children looked after": "£75,897,000",
                       "Looked-after share of children's services spend": "60.8%"}
    assert rows[-1]["Area"] == "England" and rows[-1]["Looked-after share of children's services spend"] == "52.8%"


# ---------------------------------------------------------------- the price year in words

def test_price_year_sentence_names_the_index_and_the_rise():
    assert words.price_year_sentence(costs.repricing("2020-21", 2025), "Lewisham") == (
        "Lewisham's weekly costs were priced in 2020–21. To set them beside this edition's figures they are carried "
        "to 2024–25 prices with the ONS GDP deflator \\(series YBGB\\), the index HM Treasury uses for public "
        "spending: its 2024–25 average is 112.4 against 95.8 in 2020–21, a rise of 17.3%. Money on this page is in "
        "2024–25 prices unless a caption says otherwise; the index measures prices across the whole economy, not "
        "what placements cost, so it carries the council's costs forward only as far as general inflation.")
    assert words.price_year_sentence(costs.repricing("2020-21", 2022), "Lewisham").startswith(
        "Lewisham's weekly costs were priced in 2020–21. To set them beside this edition's figures they are carried "
        "to 2021–22 prices with the ONS GDP deflator \\(series YBGB\\), the index HM Treasury uses for public "
        "spending: its 2021–22 average is 95.3 against 95.8 in 2020–21, a fall of 0.6%. Money")
    assert words.price_year_sentence(costs.repricing("2020-21", 2026), "Lewisham") == (
        "Lewisham's weekly costs are in 2020–21 prices and stay so on this page: the GDP deflator does not yet "
        "cover 2025–26.")
    assert words.price_year_sentence(costs.repricing("2020-21", 2021), "Lewisham") == (
        "Lewisham's weekly costs are in 2020–21 prices, this edition's year.")


def test_cost_table_with_the_mean_at_the_editions_prices(table):
    repriced = costs.reprice_table(table, costs.repricing("2020-21", 2025))
    out = words.readers_cost_table_at(table, repriced)
    assert out.iloc[-1].tolist() == ["Children's homes (residential care)", "57", "£3,200", "£4,279", "+£1,079",
                                     "£5,018"]
    assert list(words.readers_cost_table_at(table, table).columns) == list(words.readers_cost_table(table).columns)


# ---------------------------------------------------------------- the in-house foster share in words

def test_share_sentences_lewisham(chapter):
    assert words.share_sentences(chapter.share, chapter.share_table, "Lewisham") == (
        "On 31 March 2022, 362 children from Lewisham were in foster care. 69 of them lived with family and friends "
        "carers (the council's own count). Of the other 293, 85 were with the council's own foster carers (Ofsted's "
        "count of filled places) and 208 with agency carers: 29% with the council's own carers. Ofsted's count "
        "leaves family and friends carers out, so they are left out of both sides here; dividing 85 by all 362 "
        "fostered children would understate the share (23%). For 2023, 2024 and 2025 the council's own figures "
        "give no count of children with family and friends carers, so the share is not known for those years; "
        "adding that count each year would supply it.\n\n"
        "The cost model on this page prices foster care with this share and the share of fostered children with "
        "family and friends carers (19% in 2022), each at its own weekly cost.")
    assert words.share_sentences(None, None, "Greenwich") == (
        "Greenwich has not given a count of children living with family and friends foster carers, so the share of "
        "fostered children with its own carers cannot be worked out like for like: Ofsted's count of filled places "
        "with the council's carers leaves family and friends carers out, and DfE's tables for each council do not "
        "split foster placements by type of carer.")


def test_share_section_table(page, chapter):
    md = cost_of_care.inhouse_share_section(page, chapter).text
    assert "**Children in foster care on 31 March and the share with the council\\'s own carers" in md
    csv = pd.read_csv(page.files_dir / "inhouse-share.csv", dtype=str)
    assert csv.set_index("31 March").loc["2022"].tolist() == ["362", "69", "293", "85", "29%"]
    assert csv.set_index("31 March").loc["2025"].tolist() == ["300", "no data", "no data", "85", "no data"]


# ---------------------------------------------------------------- against Section 251 in words

def test_s251_sentences_lewisham(chapter):
    assert words.s251_sentences(chapter.s251, chapter.s251_given, chapter.carry, "Lewisham") == (
        "Set beside the Section 251 unit costs Lewisham reported for 2024–25, its own costs in 2024–25 prices are "
        "lower: foster care £989 a week against £1,530 (Section 251 1.5 times the council's); children's homes "
        "£5,018 a week against £16,815 (Section 251 3.4 times the council's); all children looked after £1,379 a "
        "week against £3,835 (Section 251 2.8 times the council's).\n\n"
        "The gap is not only inflation. In 2020–21, the year the council's table was priced, Section 251 already put "
        "a week in a children's home at £5,625 against the table's £4,279. Since then the Section 251 figure has "
        "risen 199%, while general prices rose 17%. The two measure different things. A Section 251 unit cost is a "
        "whole year's spending divided by a count: fostering spending by the children in foster care on 31 March; "
        "spending on children's homes by the days children spent in residential care; and all looked-after "
        "spending, which also pays for special guardianship support, short breaks, the education of children "
        "looked after and support for care leavers, by the children looked after on 31 March. It includes the "
        "council's own staff and overheads, and the care of children who came into care or left it during the "
        "year. The council's table is the average weekly price it paid for the children in each type of care at "
        "one time. A Section 251 figure several times the table's says the table, even carried to today's prices, "
        "understates what care costs now; the forecasts built on it are a floor, not a budget.")


def test_s251_table(page, chapter):
    cost_of_care.s251_section(page, chapter)
    csv = pd.read_csv(page.files_dir / "s251-check.csv", dtype=str)
    assert csv.values.tolist() == [
        ["Foster care", "£989", "£1,530", "2024–25", "1.5"],
        ["Children's homes", "£5,018", "£16,815", "2024–25", "3.4"],
        ["All children looked after", "£1,379", "£3,835", "2024–25", "2.8"]]


# ---------------------------------------------------------------- against what was spent, in words

def test_reconciliation_sentences_lewisham(chapter):
    assert words.reconciliation_sentences(chapter.reconciliation, chapter.carry, "Lewisham") == (
        "Priced at the council's weekly costs in 2024–25 prices, the 390 children in foster care, children's homes "
        "and semi-independent accommodation on 31 March 2025 would cost £32.4m a year. That is 43% of the £75.9m "
        "Lewisham reported spending on children looked after in 2024–25 (MHCLG's revenue outturn). The outturn "
        "itself puts £36.7m on residential care and £18.5m on fostering services: £55.2m, or 73% of the total. The "
        "other £20.7m is everything else the return counts as looked-after spending; the return does not split it "
        "further. Lewisham recorded nothing for unaccompanied asylum-seeking children within that total: its £2.8m "
        "for asylum seekers is on a line of its own, outside the £75.9m. The model falls furthest short on children's homes, £13.3m against £36.7m spent; on fostering it "
        "is closer, £15.5m against £18.5m, which also pays for the council's fostering service.\n\n"
        "DfE's Section 251 outturn, which LAIT uses, gives a larger looked-after total for 2024–25: £87.8m. LAIT's "
        "£3,835 a week per child is that total divided by the 439 children looked after on 31 March 2025 and by "
        "52.14 weeks (365 days ÷ 7), which gives back £87.8m. Section 251 is a different return from the revenue "
        "outturn, collected by DfE rather than MHCLG, and draws the line around looked-after spending differently; "
        "the revenue outturn, for one, puts £2.8m for asylum seekers on a line of its own. Both totals are right "
        "for what they count: this page uses the revenue outturn for the split by service and Section 251 for the "
        "unit costs.")


def test_reconciliation_table(page, chapter):
    md = cost_of_care.reconciliation_section(page, chapter).text
    assert "beside what was spent on children looked after in 2024–25\\, £ millions\\.**" in md
    csv = pd.read_csv(page.files_dir / "cost-against-spending.csv", dtype=str)
    assert csv.values.tolist() == [
        ["Foster care", "£15.5m (300 children)", "£18.5m"],
        ["Children's homes and residential care", "£13.3m (51 children)", "£36.7m"],
        ["Semi-independent and supported accommodation", "£3.6m (39 children)", "not a line of its own"],
        ["Unaccompanied asylum-seeking children looked after", "not costed", "none recorded on this line"],
        ["Everything else counted as looked-after spending", "not costed", "£20.7m"],
        ["Total", "£32.4m", "£75.9m"],
        ["Asylum seekers, on a line of its own (not in the total)", "not costed", "£2.8m"]]


def test_reconciliation_without_a_revenue_outturn_row(chapter):
    rec = dataclasses.replace(chapter.reconciliation, ro3=None)
    assert words.reconciliation_sentences(rec, chapter.carry, "Lewisham").endswith(
        "would cost £32.4m a year. MHCLG's revenue outturn has no row for Lewisham to set this against.")


def test_the_cost_page_names_no_files(page, chapter, greenwich):
    """Reader text names sources in words: no file names on the page (they belong in the data-sources appendix)."""
    import re

    text = "\n".join(f(page, c).text for c in (chapter, greenwich) for f in (
        cost_of_care.weekly_costs_section, cost_of_care.one_placement_section, cost_of_care.spend_section,
        cost_of_care.fostering_section, cost_of_care.inhouse_share_section, cost_of_care.s251_section,
        cost_of_care.reconciliation_section))
    text = re.sub(r"\{download\}`[^`]*`|_generated/\S+", "", text)      # the page's own download links
    assert re.findall(r"[\w\\]+\\?\.(?:csv|ods|xlsx)|data/local", text) == []


def test_s251_sentences_when_general_prices_fell():
    """2021-22 prices: the GDP deflator's financial-year average fell a little from 2020-21."""
    earlier = cost_of_care.load("209", 2022)
    text = words.s251_sentences(earlier.s251, earlier.s251_given, earlier.carry, "Lewisham")
    assert text.startswith(
        "Set beside the Section 251 unit costs Lewisham reported for 2021–22, its own costs in 2021–22 prices are "
        "different: foster care £838 a week against £700 (Section 251 0.8 times the council's); children's homes "
        "£4,253 a week against £6,810 (Section 251 1.6 times the council's);")
    assert ("Since then the Section 251 figure has risen 21%, while general prices fell 1%. The two measure "
            "different things.") in text


def test_the_two_sets_of_fostering_prices_are_told_apart(chapter):
    """The reader review found £738 and £938 (the comparison) beside £516 (the table) with no word why."""
    assert words.two_fostering_prices_sentence(chapter.table, chapter.fostering) == (
        "These are the council's estimates of what one home costs. They differ from the averages in the table of "
        "weekly costs above (£516 a week with the council's own carers and £1,129 through an agency, in 2024–25 "
        "prices), which are what was paid on average for the children placed in the table's year. The book takes "
        "both from the council's own tables and does not reconcile them.")
    assert words.two_fostering_prices_sentence(None, chapter.fostering) == ""
