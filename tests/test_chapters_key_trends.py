"""sufficiency.chapters.key_trends (chapter 4): breakdown sentences word for word, the wide-gap
rule, and the sections."""
from __future__ import annotations

import pandas as pd

from sufficiency.chapters import key_trends
from sufficiency.core.assumptions import WIDE_GAP_POINTS
from sufficiency.data import published
from sufficiency.data.councils import resolve_council
from sufficiency.measures.breakdowns import breakdown_shares
from sufficiency.publishing.pages import Page

LEWISHAM = resolve_council("209")


def _table(measure):
    frame = published.cla_characteristics(2025, [measure])
    return breakdown_shares(frame, LEWISHAM, measure, 2025)


def test_breakdown_sentence_names_a_gap_of_exactly_the_rule():
    # Lewisham 2025: placed with parents 3% against England's 6%, the widest gap: 3 points, the rule's size.
    assert WIDE_GAP_POINTS == 3
    assert key_trends.breakdown_sentence(_table("cla_by_placement_type"), LEWISHAM, 2025, "placement type") == (
        "In 2025 the placement type with the largest share in Lewisham was “Foster placements” (68%; England 67%). "
        "The widest gap from England was “Placed with parents or other person with parental responsibility”: 3% "
        "against 6%, 3 percentage points lower.")


def test_breakdown_sentence_provider():
    assert key_trends.breakdown_sentence(_table("cla_by_provider"), LEWISHAM, 2025, "provider") == (
        "In 2025 the provider with the largest share in Lewisham was “Private provision” (57%; England 40%). "
        "The widest gap from England was “Private provision”: 57% against 40%, 17 percentage points higher.")


def test_breakdown_sentence_gap_rule_at_and_below_three_points():
    table = pd.DataFrame({"category": ["Male", "Female"], "council": [53.0, 47.0], "council_marker": [None, None],
                          "england": [56.0, 44.0]})
    assert key_trends.breakdown_sentence(table, LEWISHAM, 2025, "sex") == (
        "In 2025 the sex with the largest share in Lewisham was “Male” (53%; England 56%). The widest gap from "
        "England was “Male”: 53% against 56%, 3 percentage points lower.")
    table["council"] = [55.0, 45.0]     # 1 point apart: below the rule, no gap named
    assert key_trends.breakdown_sentence(table, LEWISHAM, 2025, "sex") == (
        "In 2025 the sex with the largest share in Lewisham was “Male” (55%; England 56%).")


def test_breakdown_sentence_when_all_suppressed():
    table = pd.DataFrame({"category": ["A"], "council": [float("nan")], "council_marker": ["c"], "england": [50.0]})
    assert key_trends.breakdown_sentence(table, LEWISHAM, 2025, "age group") == \
        "No breakdown by age group is published for Lewisham for 2025 (the figures are suppressed)."


def test_no_figures_sentence():
    assert key_trends.no_figures_sentence("children who went missing", LEWISHAM, 2025) == \
        "DfE publishes no figures for children who went missing for Lewisham up to 2025."


def test_trend_section_and_looked_after(tmp_path):
    page = Page(tmp_path / "trends")
    text = key_trends.trend_section(page, "placement", LEWISHAM, 2025).text
    assert "In 2025 the placement type with the largest share in Lewisham" in text
    assert (page.files_dir / "placement-cla_by_provider.csv").exists()
    count = key_trends.looked_after_section(page, LEWISHAM, 2025, "children").text
    assert count.startswith("Lewisham's figure for children looked after on 31 March fell from")
    assert (page.files_dir / "cla-count.svg").exists()
    rate = key_trends.looked_after_trend(LEWISHAM, 2025, "per 10,000 children")
    assert rate.compared and rate.table.set_index("year").loc[2025, "council"] == 71


def test_trend_section_before_the_breakdowns_were_published(tmp_path):
    text = key_trends.trend_section(Page(tmp_path), "placement", LEWISHAM, 2019).text
    assert "No breakdown by placement type is published up to 2019.\n\nNo breakdown by provider is published up to " \
           "2019." in text


def test_breakdown_figure_orders_bars_by_the_council_s_share_and_names_each_above_its_bars(tmp_path):
    table = _table("cla_by_placement_type")
    page = Page(tmp_path / "trends", "04-key-trends")
    key_trends.breakdown_figure(page, table, LEWISHAM, name="placement-types", title="Placement type", year=2025,
                                source="DfE")
    shown = pd.read_csv(tmp_path / "trends" / "placement-types.csv")
    shares = pd.to_numeric(shown["Lewisham"].str.rstrip("%"), errors="coerce")
    known = shares.dropna()
    assert known.tolist() == sorted(known, reverse=True) and shares.isna().sum() == len(shares) - len(known)
    assert shares.notna().iloc[: len(known)].all()          # suppressed categories come last
    assert (tmp_path / "trends" / "placement-types.svg").exists()


def test_breakdown_sentence_does_not_name_a_largest_share_a_suppressed_one_could_beat():
    """City of London 2025: DfE publishes 0% for two age groups and 'c' for three; the largest is unknown."""
    table = pd.DataFrame({"category": ["1 to 4 years", "10 to 15 years", "5 to 9 years"],
                          "council": [float("nan"), float("nan"), 0.0], "council_marker": ["c", "c", None],
                          "england": [12.0, 38.0, 18.0]})
    assert key_trends.breakdown_sentence(table, resolve_council("201"), 2025, "age group") == (
        "In 2025 DfE published City of London's share for 1 of the 3 age groups; the others are shown as c, so "
        "which is largest cannot be told. The widest gap from England was “5 to 9 years”: 0% against 18%, 18 "
        "percentage points lower.")
    # A published share no suppressed one can reach is still the largest.
    table.loc[2, "council"] = 70.0
    assert key_trends.breakdown_sentence(table, resolve_council("201"), 2025, "category of need").startswith(
        "In 2025 the category of need with the largest share in City of London was “5 to 9 years” (70%; England 18%).")
