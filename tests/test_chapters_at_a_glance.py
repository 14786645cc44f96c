"""sufficiency.chapters.at_a_glance: the book's first page, word for word, for a council with its own
files (Lewisham) and for councils with none (Greenwich, Kent)."""
from __future__ import annotations

import pandas as pd
import pytest

from sufficiency.chapters import at_a_glance as G
from sufficiency.chapters.forecasts_words import describe_forecast
from sufficiency.data.councils import resolve_council
from sufficiency.forecasting import demand
from sufficiency.measures.snapshot import snapshot


@pytest.fixture(scope="module")
def lewisham_snapshot():
    return snapshot("209", 2025)


def test_lewisham_key_messages_give_the_figure_its_change_and_its_comparisons(lewisham_snapshot):
    messages = G.key_messages(lewisham_snapshot)
    assert len(messages) == 8
    assert messages[0] == ("Children looked after on 31 March: 439 in 2025, down from 453 in 2024 "
                           "({doc}`more <04-children-looked-after>`).")
    assert messages[1] == ("Children looked after per 10,000 children: 71 in 2025, down from 72 in 2024; above "
                           "England's 67 and the statistical neighbours' average of 64 "
                           "({doc}`more <04-children-looked-after>`).")
    assert messages[2] == ("Children looked after living in foster placements: 68% in 2025, down from 72% in 2024 "
                           "(worse for children); above England's 67% and below the statistical neighbours' "
                           "average of 70% ({doc}`more <04-key-trends>`).")
    assert messages[4] == ("Children with three or more placements in the year: 8% in 2025, down from 11% in 2024 "
                           "(better for children); below England's 10% and the statistical neighbours' average "
                           "of 10% ({doc}`more <04-key-trends>`).")


def test_the_messages_are_the_snapshot_s_numbers(lewisham_snapshot):
    """The same figures as the local-context snapshot: change the snapshot and the message changes."""
    changed = lewisham_snapshot.copy()
    changed.loc[changed["key"] == "cla", "value"] = 500.0
    assert G.key_messages(changed)[0].startswith("Children looked after on 31 March: 500 in 2025, up from 453")


def test_a_suppressed_figure_keeps_its_dfe_meaning_and_a_missing_one_says_no_data():
    message = G.KEY_MESSAGES[6]
    row = {"unit": "children", "ndigits": 0, "good": None, "compared": False, "year": 2025, "value": float("nan"),
           "marker": "c", "previous_year": float("nan"), "previous": float("nan"), "previous_marker": None}
    assert G.key_message(row, message) == (
        "Unaccompanied asylum-seeking children looked after: no figure published for 2025 (c: suppressed to "
        "protect confidentiality (a small number, or a figure that would reveal one)) "
        "({doc}`more <04-key-trends>`).")
    row.update(year=float("nan"), marker=None)
    assert G.key_message(row, message) == (
        "Unaccompanied asylum-seeking children looked after: no data in the published statistics this book uses "
        "({doc}`more <04-key-trends>`).")


def test_worse_than_england_follows_the_good_direction(lewisham_snapshot):
    assert G.worse_than_england(lewisham_snapshot) == [
        "children placed inside the council's boundary",
        "children under 16 with the same carer for two years or more",
        "care leavers aged 19 to 21 in suitable accommodation"]


def test_strategy_period_from_the_council_s_files_and_where_the_edition_sits():
    plan = {"measures": pd.DataFrame({"source": ["Lewisham Placement Sufficiency Strategy 2022–25",
                                                 "Lewisham Placement Sufficiency Strategy 2022–25", "Ofsted 2019-20"]})}
    assert G.strategy_period(plan) == (2022, 2025)
    assert G.period_text("Lewisham", (2022, 2025), 2025) == (
        "The strategy covers 2022–25: from 1 April 2022 to 31 March 2025. This edition's data run to 31 March "
        "2025, so the period has ended with them: it is time to review it and set the next one.")
    assert G.period_text("Lewisham", (2022, 2025), 2023) == (
        "The strategy covers 2022–25: from 1 April 2022 to 31 March 2025. This edition's data run to 31 March "
        "2023, 2 years before its end.")
    assert G.period_text("Greenwich", None, 2025) == (
        "Greenwich has no strategy period in this book: it has not supplied a strategy of its own, so there are "
        "no ambitions, actions or targets here yet. Every figure on this page comes from published statistics.")


def test_lewisham_strategy_section_names_the_period_and_each_ambition_in_one_line():
    text = G.strategy_section("209", 2025).text
    assert text.startswith("Lewisham's current strategy is “Children in Care Placement Sufficiency Strategy 2022–25\\, "
                           "This is my home”. The strategy covers 2022–25: from 1 April 2022 to 31 March 2025.")
    lines = [line for line in text.split("\n") if line[:2] in {f"{n}." for n in range(1, 10)}]
    assert len(lines) == 8
    assert lines[0].startswith("1. **Prevention**: Help more children stay safely with their own families")


def test_forecast_in_one_sentence_with_its_ranges():
    frame = pd.DataFrame({"measure": "cla_31_march", "year": [2026, 2027, 2028], "point": [440.0, 436.0, 431.2],
                          "lower_80": [420.0, 405.0, 392.4], "upper_80": [460.0, 466.0, 468.0],
                          "lower_95": [410.0, 390.0, 371.0], "upper_95": [470.0, 482.0, 493.1], "model": "drift"})
    assert G.forecast_text("Lewisham", 2025, frame, 439.0) == (
        "Children looked after on 31 March: by 2028 the central forecast is 431 children (80% range 392 to 468; "
        "95% range 371 to 494), against 439 on 31 March 2025; the ranges show how far the real figure for 2028 "
        "could fall from the central one ({doc}`more <07-forecasts>`).")
    assert G.forecast_text("Lewisham", 2025, None, 439.0) == (
        "There are too few published years to forecast how many children Lewisham will look after "
        "({doc}`more <07-forecasts>`).")


def test_forecast_section_uses_the_forecasts_chapter_s_own_forecast():
    fs = demand.build_forecasts(resolve_council("209"), 2025)
    sentence = describe_forecast(fs.frame("cla_31_march"), "children")
    text = G.forecast_section("209", 2025).text
    assert sentence[3:].rstrip(".") in text and ", against 439 on 31 March 2025;" in text


def test_decisions_from_the_council_s_files_scorecard_and_figures():
    plan = {"measures": pd.DataFrame({"target_value": [50.0, None, 70.0], "target_year": ["2024-25", None, "2027-28"]})}
    card = pd.DataFrame({"status": ["off track", "on track", "off track"], "target_value": [50.0, None, 70.0],
                         "target_year": ["2024-25", None, "2027-28"]})
    assert G.decisions("Lewisham", plan, 2025, (2022, 2025), card, ["children placed inside the council's boundary"],
                       (2, 4)) == [
        "Agree the strategy for the next period, starting from what the last one achieved.",
        "Record how far each action has got: 2 of the 4 actions have not been reviewed yet ({doc}`more <09-review>`).",
        "Set targets for the 1 of 3 measures of success that have none ({doc}`more <08-ambitions-scorecard>`).",
        "Set new targets for the 1 measure whose target date has passed (1 fell short; "
        "{doc}`more <08-ambitions-scorecard>`).",
        "Decide what to do about the 2 measures of success that are off track ({doc}`more <08-ambitions-scorecard>`).",
        "Look into the figures that are worse than England's: children placed inside the council's boundary.",
        "Decide how many homes of each kind to plan for, from the range of the forecast and the supply of foster "
        "carers and children's homes ({doc}`more <07-forecasts>`)."]


@pytest.mark.parametrize("code, name", [("203", "Greenwich"), ("886", "Kent")])
def test_a_council_without_files_gets_the_page_from_published_data(code, name):
    assert G.strategy_section(code, 2025).text == (
        f"{name} has no strategy period in this book: it has not supplied a strategy of its own, so there are "
        "no ambitions, actions or targets here yet. Every figure on this page comes from published statistics."
        f"\n\n{name} has not set out ambitions in this book yet.")
    decisions = G.decisions_section(code, 2025).text.split("\n")
    assert decisions[0] == (f"- Set out {name}'s ambitions, actions and measures of success, with targets, so "
                            "that the next edition can track them.")
    messages = G.messages_section(code, 2025).text
    # 8 key messages and 2 on cost, each with a figure
    assert messages.count("\n- ") == 9 and "no data" not in messages.split("\n\n")[0]
    assert "no figure" not in messages.split("\n\n")[0]


def test_greenwich_key_message_with_real_figures():
    assert G.key_messages(snapshot("203", 2025))[1] == (
        "Children looked after per 10,000 children: 62 in 2025, down from 64 in 2024; below England's 67 and the "
        "statistical neighbours' average of 77 ({doc}`more <04-children-looked-after>`).")


def test_messages_section_lists_the_messages_then_says_what_better_means():
    text = G.messages_section("209", 2025).text
    assert text.startswith("- Children looked after on 31 March: 439 in 2025, down from 453 in 2024 ")
    assert text.endswith("\n\n\"Better\" and \"worse\" follow the direction that is good for children, where DfE "
                         "names one. Each figure is the latest published; the statistical neighbours are the "
                         "councils DfE judges most like Lewisham.")
    assert G.ambitions_text("Greenwich", None) == "Greenwich has not set out ambitions in this book yet."


def test_lewisham_decisions_count_the_actions_the_review_has_not_reviewed():
    """The count is the review chapter's own (measures.review.not_yet_reviewed_count)."""
    from sufficiency.measures import review
    items = G.decisions_section("209", 2025).text.split("\n")
    assert review.not_yet_reviewed_count("209") == 67
    assert ("- Record how far each action has got: none of the 67 actions has been reviewed yet "
            "({doc}`more <09-review>`).") in items
    # counted as the scorecard counts them (ambitions.passed_targets): by what is known of each
    assert ("- Set new targets for the 9 measures whose target date has passed (3 fell short and 6 have no value; "
            "{doc}`more <08-ambitions-scorecard>`).") in items


def test_lewisham_cost_messages_give_the_weekly_spend_against_england_and_the_neighbours():
    """What the council spends is a councillor's first question: the first page says it, with the
    cost page's own Section 251 figures (2024–25, cash prices)."""
    assert G.cost_messages("209", 2025) == [
        "Weekly spend per child looked after: £3,835 in 2024–25, up from £2,445 in 2023–24; 1.8 times England's "
        "£2,100 and above the statistical neighbours' average of £2,410 (Section 251 outturn, cash prices; "
        "{doc}`more <06-cost-of-care>`).",
        "Weekly spend per child in residential care: £16,815 in 2024–25, up from £13,900 in 2023–24; 2.3 times "
        "England's £7,385 and above the statistical neighbours' average of £7,858 (Section 251 outturn, cash "
        "prices; {doc}`more <06-cost-of-care>`)."]
    text = G.messages_section("209", 2025).text
    assert G.cost_messages("209", 2025)[1] in text


def test_a_cost_message_without_a_figure_says_so():
    # LAIT's Section 251 unit costs start in 2016–17: a 2016 edition has none.
    assert G.cost_messages("209", 2016)[0] == (
        "Weekly spend per child looked after: no figure for 2015–16 in DfE's Section 251 returns "
        "({doc}`more <06-cost-of-care>`).")


def test_a_cost_with_a_dfe_marker_keeps_its_meaning():
    """Isles of Scilly's Section 251 unit costs are '-' in LAIT: the marker is named, not dropped."""
    assert G.cost_messages("420", 2025)[0] == (
        "Weekly spend per child looked after: no figure for 2024–25 in DfE's Section 251 returns (-: missing or "
        "suppressed in the LAIT (no figure published)) ({doc}`more <06-cost-of-care>`).")
