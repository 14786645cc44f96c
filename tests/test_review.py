"""Tests for sufficiency.measures.review: Lewisham's 2022-25 strategy reviewed with the 2025 data."""
from __future__ import annotations

import shutil

import pytest

from sufficiency.core.errors import InputError
from sufficiency.core.paths import DATA_LOCAL
from sufficiency.measures import ambitions, review


@pytest.fixture(scope="module")
def plan():
    return review.reviewed_plan("209")


@pytest.fixture(scope="module")
def measures(plan):
    return review.measures_review(plan, "209", 2025)


def test_lewisham_reviews_its_current_strategy_while_there_is_no_earlier_one(plan):
    assert (plan.period, plan.earlier) == ("2022-25", False)
    assert review.reviewed_plan("203") is None            # Greenwich: no files of its own


def test_every_action_is_listed_and_none_is_reviewed_yet(plan):
    actions = review.actions_review(plan)
    assert len(actions) == 67
    assert actions.iloc[0][["number", "ambition_title"]].tolist() == ["1.1", "Prevention"]
    assert review.status_counts(actions) == {"done": 0, "on track": 0, "delayed": 0, "not started": 0,
                                             "dropped": 0, "not yet reviewed": 67}
    assert review.not_yet_reviewed_count("209") == 67
    assert review.not_yet_reviewed_count("203") == 0


def test_reviewed_statuses_are_counted(tmp_path):
    shutil.copytree(DATA_LOCAL / "lewisham", tmp_path / "lewisham")
    path = tmp_path / "lewisham" / "actions.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("not yet reviewed", "done")
    lines[2] = lines[2].replace("not yet reviewed", "")
    lines[3] = lines[3].replace("not yet reviewed", "Delayed")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    actions = review.actions_review(review.reviewed_plan("209", local_root=tmp_path))
    counts = review.status_counts(actions)
    assert (counts["done"], counts["delayed"], counts["not yet reviewed"]) == (1, 1, 65)
    assert review.not_yet_reviewed_count("209", local_root=tmp_path) == 65


def test_every_measure_has_baseline_target_and_outcome(measures):
    assert len(measures) == 40
    m41 = measures.set_index("id").loc["M4.1"]
    assert (m41["baseline_value"], m41["target_value"], m41["latest_value"], m41["latest_period"]) == (80, 75, 68, "2025")
    assert m41["target_passed"] and m41["result"] == "target missed"
    assert review.result_counts(measures)["target missed"] == 2   # every count: see the review 6 tests below


def test_results_in_words(measures):
    rows = measures.set_index("id")
    assert rows.loc["M1.3", "result"] == "better than the baseline"     # 71 per 10,000 in 2025 against 2022's
    assert rows.loc["M5.1", "result"] == "worse than the baseline"      # long-term stability 64% against 75%
    assert rows.loc["M4.3", "result"] == "no value since the baseline"  # fostering households: only 2021-22
    assert rows.loc["M8.1", "result"] == "no data"


def test_targets_in_words_say_when_their_date_has_passed(measures):
    rows = measures.set_index("id")
    assert ambitions.target_text(rows.loc["M4.1"], 2025) == "at least 75% by 2024-25 (date passed)"
    assert ambitions.target_text(rows.loc["M4.1"], 2024) == "at least 75% by 2024-25"
    assert ambitions.target_text(rows.loc["M1.3"], 2025) == "lower (no figure set)"
    assert ambitions.latest_text(rows.loc["M4.2"]) == "29% (2022)"   # like for like; no later family and friends count
    assert ambitions.latest_text(rows.loc["M8.1"]) == "no data"


def test_result_of_each_rule():
    base = {"good_direction": "down", "ndigits": 0, "target_year": "2027-28", "reference_value": 10,
            "reference_year": 2022, "latest_year": 2025}
    assert review.result_of({**base, "latest_value": 8.4, "target_value": 8}, 2025) == "target met"
    assert review.result_of({**base, "latest_value": 9, "target_value": 8}, 2025) == "target not yet met"
    assert review.result_of({**base, "latest_value": 9, "target_value": 8}, 2028) == "target missed"
    assert review.result_of({**base, "latest_value": 10.2, "target_value": None}, 2025) == "same as the baseline"
    assert review.result_of({**base, "latest_value": 9, "target_value": None}, 2025) == "better than the baseline"
    assert review.result_of({**base, "latest_value": 9, "latest_year": 2022, "target_value": 8}, 2025) == \
        "no value since the baseline"
    assert review.result_of({**base, "latest_value": None, "target_value": 8}, 2025) == "no data"


def test_period_words():
    assert review.period_years("2098-01") == (2098, 2101)
    assert review.period_label("2025-28") == "2025–28"
    with pytest.raises(InputError, match=r"^period: found '22-25'; expected a strategy period such as 2022-25\.$"):
        review.period_years("22-25")


# ----------------------------------------------------------------------------- review 6 (W6, W7, C2)
def test_the_review_keeps_the_scorecard_s_baseline_source_and_status(measures):
    # Review 6, W6: the review read M4.2's baseline "29% (2022, DfE)" where the scorecard said "recomputed"
    # (it is worked out from Ofsted's count and the council's), and gave no status beside M1.3's result.
    rows = measures.set_index("id")
    assert ambitions.baseline_text(rows.loc["M4.2"]) == "29% (2022, recomputed); 30% as printed"
    assert ambitions.baseline_text(rows.loc["M4.1"]) == "78% (2022, DfE); 80% as printed"
    assert (rows.loc["M1.3", "result"], rows.loc["M1.3", "status"]) == ("better than the baseline", "off track")
    assert rows.loc["M4.3", "status"] == "no recent value"


def test_a_target_date_passed_with_no_later_value_is_said_so(measures):
    # Review 6, W7: M4.2 (at least 50% by 2024-25; last value 29% in 2022) read "no value since the baseline".
    assert measures.set_index("id").loc["M4.2", "result"] == "target date passed, no value since the baseline"
    assert review.result_counts(measures) == {
        "target missed": 2, "target date passed, no value since the baseline": 1, "better than the baseline": 3,
        "worse than the baseline": 2, "no value since the baseline": 6, "no baseline to compare with": 2,
        "no data": 24}


def test_actions_not_yet_reviewed_in_words():
    # Review 6, C2: the summary page read "67 of 67 actions have not been reviewed".
    assert review.not_yet_reviewed_text(67, 67) == "none of the 67 actions has been reviewed yet"
    assert review.not_yet_reviewed_text(64, 67) == "64 of the 67 actions have not been reviewed yet"
    assert review.not_yet_reviewed_text(1, 67) == "1 of the 67 actions has not been reviewed yet"
    assert review.not_yet_reviewed_text(1, 1) == "the one action has not been reviewed yet"
    assert review.not_yet_reviewed_text(0, 67) == ""
