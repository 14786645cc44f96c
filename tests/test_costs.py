"""Tests for sufficiency.measures.costs on Lewisham's published 2020-21 costs, the LAIT unit costs and the
2024-25 children's services spend, and for councils that have supplied no local files."""
from __future__ import annotations

import math
import shutil

import pandas as pd
import pytest

from sufficiency.core.paths import DATA_LOCAL
from sufficiency.data import councils, localdata
from sufficiency.measures import costs, trends
from sufficiency.publishing.pages import Page


@pytest.fixture(scope="module")
def table():
    return costs.cost_table(localdata.load_costs("lewisham"), "2020-21")


@pytest.fixture(scope="module")
def lewisham():
    return councils.resolve_council("209")


# ---------------------------------------------------------------- weekly costs and annual spend

def test_cost_table_in_the_strategys_order_with_mode_and_mean(table):
    assert table["placement_type"].tolist() == [
        "inhouse_fostering", "agency_fostering", "family_and_friends", "supported_lodgings",
        "semi_independent_under_18", "semi_independent_over_18", "residential"]
    residential = table.set_index("placement_type").loc["residential"]
    assert (residential["children"], residential["weekly_cost_mode"], residential["weekly_cost_mean"]) == (57, 3200, 4279)
    assert residential["mean_minus_mode"] == 1079
    assert table.set_index("placement_type").loc["family_and_friends", "mean_minus_mode"] == 834


def test_annual_spend_is_children_times_weekly_mean_times_52_14(table):
    spend = table.set_index("placement_type")["annual_spend"]
    assert spend["residential"] == pytest.approx(57 * 4279 * 52.14)
    assert round(spend["agency_fostering"]) == 10_644_694
    assert round(spend.sum()) == 37_452_736
    shares = table.set_index("placement_type")
    assert round(shares.loc["residential", "share_of_children"], 1) == 9.3
    assert round(shares.loc["residential", "share_of_spend"], 1) == 34.0
    assert shares["share_of_children"].sum() == pytest.approx(100)


def test_readers_tables_show_money_as_money(table):
    weekly = costs.readers_cost_table(table)
    assert weekly.iloc[-1].tolist() == ["Children's homes (residential care)", "57", "£3,200", "£4,279", "+£1,079"]
    spend = costs.readers_spend_table(table)
    assert spend.iloc[-1].tolist() == ["All types shown", "611", "£37,452,736", "100.0%", "100.0%"]
    assert spend.iloc[0]["Annual spend"] == "£3,831,247"


def test_latest_price_year_never_after_the_edition_year():
    frame = localdata.load_costs("lewisham")
    assert costs.latest_price_year(frame, 2025) == "2020-21"
    assert costs.latest_price_year(frame, 2021) == "2020-21"
    assert costs.latest_price_year(frame, 2020) is None


# ---------------------------------------------------------------- one very expensive placement

def test_one_placement_at_17993_a_week_moves_each_mean(table):
    effect = costs.one_placement_effect(table, 17993).set_index("placement_type")
    assert round(effect.loc["residential", "mean_without"], 2) == 4034.11
    assert round(effect.loc["residential", "lift"], 2) == 244.89
    assert round(effect.loc["semi_independent_under_18", "lift"], 2) == 270.10
    # groups too cheap to hold it: without it the others would average below the group's mode
    assert list(effect.index) == ["agency_fostering", "semi_independent_under_18", "semi_independent_over_18",
                                  "residential"]


def test_mean_without_one_needs_two_children():
    assert math.isnan(costs.mean_without_one(500, 1, 900))
    assert costs.mean_without_one(500, 4, 800) == 400


def test_median_and_trimmed_mean_resist_one_outlier():
    summary = costs.robust_summary([438] * 9 + [17993])
    assert summary["median"] == 438 and summary["trimmed_mean"] == 438
    assert summary["mean"] == pytest.approx(2193.5)
    assert costs.robust_summary([float("nan")])["n"] == 0


# ---------------------------------------------------------------- in-house against agency fostering

def test_fostering_gap_per_child_and_for_the_service():
    comparison = costs.fostering_comparison(localdata.load_fostering_cost_comparison("lewisham"))
    assert comparison["price_year"] == "2020-21"
    gap = costs.fostering_gap(comparison, 212).set_index("component")
    assert gap.loc["inhouse_full", "weekly_gap"] == 25
    assert gap.loc["inhouse_full", "yearly_gap_per_child"] == pytest.approx(1303.5)
    assert gap.loc["inhouse_full", "yearly_gap_all"] == pytest.approx(276_342)
    assert gap.loc["inhouse_direct", "weekly_gap"] == 196
    assert round(gap.loc["inhouse_direct", "yearly_gap_all"]) == 2_166_521
    readers = costs.readers_fostering_table(comparison)
    assert readers["Weekly cost"].tolist() == ["£629", "£800", "£825"]


# ---------------------------------------------------------------- councils with no local files

def test_a_council_without_a_folder_gives_none_not_an_error():
    assert costs.local_folder("greenwich") is None
    assert costs.load_if_supplied(localdata.load_costs, "greenwich") is None


def test_the_empty_template_counts_as_not_supplied():
    assert costs.load_if_supplied(localdata.load_costs, "_template") is None


def test_bad_data_in_an_existing_folder_still_stops(tmp_path):
    shutil.copytree(DATA_LOCAL / "lewisham", tmp_path / "testcouncil")
    path = tmp_path / "testcouncil" / "costs.csv"
    frame = pd.read_csv(path, dtype=str)
    frame.loc[0, "weekly_cost_mean"] = "£440"
    frame.to_csv(path, index=False)
    with pytest.raises(localdata.InputError, match="row 2, column 'weekly_cost_mean'"):
        costs.load_if_supplied(localdata.load_costs, "testcouncil", root=tmp_path)


def test_period_end_year():
    assert [costs.period_end_year(p) for p in ["2020-21", "1999-00", "2019-2020", "August 2022", "n/a"]] == [
        2021, 2000, 2020, 2022, None]
    assert costs.fy(2025) == "2024–25"


# ---------------------------------------------------------------- public benchmarks

def test_s251_unit_costs_for_lewisham_against_england(lewisham):
    frames = costs.unit_cost_frames(2025)
    t = trends.trend(frames["RescareFinance"], lewisham, "s251_residential_weekly_cost", costs.UNIT,
                     "weekly spend per child in residential care", polarity=None)
    row = t.table.set_index("year").loc[2025]
    assert (row["council"], row["england"], row["region"]) == (16815, 7385, 8085)
    text = costs.benchmark_sentences(t)
    assert text.startswith("Lewisham's weekly spend per child in residential care was £16,815 in 2024–25, "
                           "against £4,260 in 2016–17")
    assert "England £7,385" in text and "2.3 times England's figure" in text


def test_unit_costs_respect_the_year():
    frames = costs.unit_cost_frames(2022)
    assert all(int(f["year"].max()) == 2022 for f in frames.values())


def test_benchmark_figure_money_table_and_alt(lewisham, tmp_path):
    frames = costs.unit_cost_frames(2025)
    t = trends.trend(frames["FosteringFinance"], lewisham, "s251_fostering_weekly_cost", costs.UNIT,
                     "weekly spend per child in foster care", polarity=None)
    page = Page(tmp_path / "files", page="06")
    md = costs.benchmark_figure(page, t, name="fostering", title="Fostering weekly unit cost").text
    assert ":alt: Line chart of fostering weekly unit cost in pounds a week, 2016–17 to 2024–25" in md
    assert "£1,530 in 2024–25" in md
    numbers = pd.read_csv(tmp_path / "files" / "fostering.csv", dtype=str)
    assert numbers.iloc[-1][["Financial year", "Lewisham", "England"]].tolist() == ["2024–25", "£1,530", "£765"]


def test_childrens_services_spend_2024_25(lewisham):
    spend = costs.childrens_services_spend(lewisham, 2025).set_index("area")
    assert list(spend.index) == ["Lewisham", "Inner London", "London", "England"]
    assert spend.loc["Lewisham", "cs_spend"] == 124_905_000
    assert spend.loc["Lewisham", "per_child"] == 2013
    assert round(spend.loc["Lewisham", "cla_share"], 1) == 60.8
    assert costs.childrens_services_spend(lewisham, 2024) is None  # 2024-25 data is not for a 2024 edition


# ---------------------------------------------------------------- the chapter's sentences, tables and alt text

def test_cost_sentences_lewisham_2020_21(table):
    assert costs.cost_sentences(table, "Lewisham") == (
        "In 2020–21 prices, Lewisham's table covers 611 children in 7 types of placement. The average (mean) "
        "weekly cost ran from £240 for supported lodgings to £4,279 for children's homes (residential care). "
        "For 6 of the 7 types the mean is above the most common cost (the mode); the widest gap, relative to "
        "the mode, is for family and friends (kinship) care: a mode of £144 against a mean of £978.")
    assert costs.cost_sentences(table.assign(weekly_cost_mean=float("nan")), "Lewisham") == ""


def test_outlier_sentences_name_the_residential_lift_and_the_largest(table):
    effect = costs.one_placement_effect(table, 17993)
    assert costs.outlier_sentences(effect, 17993, "July 2022") == (
        "The council's own figures include one bespoke placement costing £17,993 a week (July 2022). They do "
        "not say in which row of the table that child is counted, so the table below shows, for each type, how "
        "much one such placement would lift the mean of the group. Types where the other children would then "
        "average less than the typical cost are left out, since the placement cannot plausibly be among them. "
        "Among the 57 children in children's homes, it alone would add £245 a week to the mean: the other "
        "children would average £4,034. The largest lift would be for semi-independent accommodation, under 18 "
        "(62 children): £270 a week.")
    assert costs.readers_effect_table(effect).to_dict("list") == {
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
    assert costs.outlier_sentences(effect, 17993, "July 2022").endswith(
        "cannot plausibly be among them. The largest lift would be for semi-independent accommodation, "
        "under 18 (62 children): £270 a week.")
    assert costs.outlier_sentences(effect.iloc[0:0], 17993, "July 2022") == ""


def test_fostering_sentences_lewisham():
    comparison = costs.fostering_comparison(localdata.load_fostering_cost_comparison("lewisham"))
    gap = costs.fostering_gap(comparison, 212)
    assert costs.fostering_sentences(comparison, gap, 212, "Lewisham") == (
        "In 2020–21 prices, a typical independent fostering agency charged £825 a week. Against the direct cost "
        "of a placement with the council's own carers (£629), that is £196 more a week, or £10,219 a year for "
        "each child; across the 212 children in agency foster care, £2,166,521 a year. Against the full cost, "
        "once the council's wider costs are included (£800), that is £25 more a week, or £1,304 a year for each "
        "child; across the 212 children in agency foster care, £276,342 a year.\n\n"
        "The full-cost comparison is the fairer one, because an agency's charge also covers its own recruitment, "
        "training and support of carers. The saving is there only when one of Lewisham's own carers is free and "
        "suits the child.")
    without_count = costs.fostering_sentences(comparison, costs.fostering_gap(comparison, None), None, "Lewisham")
    assert without_count.split("\n\n")[0] == (
        "In 2020–21 prices, a typical independent fostering agency charged £825 a week. Against the direct cost "
        "of a placement with the council's own carers (£629), that is £196 more a week, or £10,219 a year for "
        "each child. Against the full cost, once the council's wider costs are included (£800), that is £25 more "
        "a week, or £1,304 a year for each child.")
    assert costs.fostering_sentences({}, gap, 212, "Lewisham") == ""


def test_share_alt_and_spend_share_sentences(table):
    assert costs.share_alt(table, "2020-21") == (
        "Bar chart comparing, for 7 placement types, each type's share of children with its share of annual "
        "spend, in 2020–21 prices. Children's homes (residential care): 9% of children and 34% of spend. "
        "Fostering with the council's own carers: 27% of children and 10% of spend.")
    assert costs.spend_share_sentences(table) == (
        "The estimated total is £37,452,736 a year in 2020–21 prices for the placements in the table. Children's "
        "homes (residential care) take 34% of that spend for 9% of the children. Types whose share of spend is "
        "below their share of children: fostering with the council's own carers, fostering through an "
        "independent agency (IFA), family and friends (kinship) care, supported lodgings, semi-independent "
        "accommodation, 18 and over. This is an estimate: it assumes every child stayed the whole year at the "
        "mean cost, and it leaves out placement types the table does not list.")


def test_a_missing_cost_reads_no_data_in_the_readers_tables(table):
    gappy = table.copy()
    gappy.loc[gappy["placement_type"] == "supported_lodgings", ["weekly_cost_mode", "mean_minus_mode"]] = float("nan")
    row = costs.readers_cost_table(gappy).iloc[3]
    assert row.tolist() == ["Supported lodgings", "8", "no data", "£240", "no data"]
    assert costs.signed_money(float("nan")) == "no data" and costs.signed_money(-0.4) == "£0"


def test_not_supplied_says_what_and_where():
    assert costs.not_supplied("Greenwich", "weekly placement costs priced in 2025 or earlier",
                              "data/local/greenwich/costs.csv") == (
        "Greenwich has not supplied weekly placement costs priced in 2025 or earlier, so this section is empty. "
        r"The figures would come from the council's own files (data\/local\/greenwich\/costs\.csv), which a "
        r"policy officer fills in from the template in data/local/\_template.")


def test_benchmark_sentences_in_full(lewisham):
    frames = costs.unit_cost_frames(2025)
    residential = trends.trend(frames["RescareFinance"], lewisham, "s251_residential_weekly_cost", costs.UNIT,
                               "weekly spend per child in residential care", polarity=None)
    assert costs.benchmark_sentences(residential) == (
        "Lewisham's weekly spend per child in residential care was £16,815 in 2024–25, against £4,260 in "
        "2016–17 (up 295% in cash terms). In 2024–25 the comparable figures were: England £7,385; London "
        "£8,085; the statistical neighbours' average £7,858 (from £5,140 to £9,880). Lewisham spent 2.3 times "
        "England's figure.")
    assert costs.benchmark_alt(residential, "Residential weekly unit cost") == (
        "Line chart of residential weekly unit cost in pounds a week, 2016–17 to 2024–25, for Lewisham compared "
        "with England, London and the average and range of its statistical neighbours. Lewisham went from "
        "£4,260 in 2016–17 to £16,815 in 2024–25. England in 2024–25: £7,385.")


@pytest.mark.parametrize("code, ending", [
    ("203", "Greenwich spent 1.1 times England's figure."),                  # £2,220 against £2,100
    ("394", "Sunderland was within 5% of England's figure."),                # £2,130
    ("391", "Newcastle upon Tyne spent 76% of England's figure."),          # £1,590
])
def test_benchmark_sentences_against_england(code, ending):
    t = trends.trend(costs.unit_cost_frames(2025)["LACFinance"], councils.resolve_council(code),
                     "s251_cla_weekly_cost", costs.UNIT, "weekly spend per child looked after", polarity=None)
    assert costs.benchmark_sentences(t).endswith(ending)


def test_greenwich_benchmark_sentences_in_full():
    t = trends.trend(costs.unit_cost_frames(2025)["LACFinance"], councils.resolve_council("203"),
                     "s251_cla_weekly_cost", costs.UNIT, "weekly spend per child looked after", polarity=None)
    assert costs.benchmark_sentences(t) == (
        "Greenwich's weekly spend per child looked after was £2,220 in 2024–25, against £1,330 in 2016–17 "
        "(up 67% in cash terms). In 2024–25 the comparable figures were: England £2,100; London £2,630; the "
        "statistical neighbours' average £2,353 (from £1,445 to £3,835). Greenwich spent 1.1 times England's "
        "figure.")


def test_readers_spend_benchmark_2024_25(lewisham):
    rows = costs.readers_spend_benchmark(costs.childrens_services_spend(lewisham, 2025)).to_dict("records")
    assert rows[0] == {"Area": "Lewisham", "Children's services spend": "£124,905,000",
                       "Spend per child aged 0–17": "£2,013", "Share of all council spend": "12.6%",
                       "Spent on children looked after": "£75,897,000",
                       "Looked-after share of children's services spend": "60.8%"}
    assert rows[-1]["Area"] == "England" and rows[-1]["Looked-after share of children's services spend"] == "52.8%"


def test_price_years_as_the_book_prints_them():
    assert costs.price_year_label("2020-21") == "2020–21"
    assert costs.fy(2017) == "2016–17"


def test_share_chart_labels_bars_with_their_percentages(table):
    import matplotlib.pyplot as plt

    fig = costs.share_chart(table, title="Share of children and share of annual spend")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Share of children", "Share of spend"]
    labels = [t.get_text() for t in ax.texts]
    assert labels[:2] == ["9%", "34%"]            # children's homes, drawn first (the chart runs bottom up)
    assert ax.get_yticklabels()[0].get_text() == "Children's homes (residential\ncare)"
    plt.close(fig)
