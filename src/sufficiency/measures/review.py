"""The review of the last strategy: what it said (its actions and measures) and what happened.

The plan reviewed is the council's most recent earlier strategy (``previous/<period>/``), or the
current one while there is none (Lewisham's 2025 edition reviews 2022–25, which ends with it).
Each action carries the status the council gave it; a row it has not reviewed is counted once as
"not yet reviewed", never shown as a status per row. Each measure's outcome is its latest value
from the published series (or the council's own file) up to the edition's year, as the scorecard
computes it (:func:`sufficiency.measures.ambitions.measure_row`).

>>> plan = reviewed_plan("209")
>>> plan.period, len(plan.actions), len(plan.measures)
('2022-25', 67, 40)
>>> not_yet_reviewed_count("209")
67
>>> period_years("2022-25"), period_label("2022-25")
((2022, 2025), '2022–25')
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sufficiency.core.errors import InputError
from sufficiency.data import localdata
from sufficiency.data.councils import resolve_council
from sufficiency.measures import ambitions
from sufficiency.publishing.words import is_missing, round_half_up

#: The statuses in the order the review counts them; "not yet reviewed" is said once, last.
REVIEWED_STATUSES = tuple(s for s in localdata.ACTION_STATUSES if s != localdata.NOT_REVIEWED)
NOT_REVIEWED = localdata.NOT_REVIEWED
#: What an action's status says once it is finished: such an action is not carried to the next plan.
CLOSED_STATUSES = ("done", "dropped")


def period_years(period: str) -> tuple[int, int]:
    """The first and last years of a strategy period such as '2022-25': it runs from April of the
    first to 31 March of the last."""
    match = re.fullmatch(r"(\d{4})-(\d{2})", str(period).strip())
    if not match:
        raise InputError("period", None, repr(period), "a strategy period such as 2022-25")
    start = int(match.group(1))
    end = start - start % 100 + int(match.group(2))
    if end <= start:
        end += 100
    return start, end


def period_label(period: str) -> str:
    """A period as readers see it, with an en dash: '2022–25'."""
    return str(period).strip().replace("-", "–")


@dataclass
class ReviewedPlan:
    """The strategy under review: its period, whether it is an earlier one (kept in
    ``previous/``) or still the current one, and its tables."""

    council_slug: str
    period: str | None
    earlier: bool
    tables: dict[str, pd.DataFrame]
    folder: object = None

    @property
    def actions(self) -> pd.DataFrame:
        return self.tables["actions"]

    @property
    def measures(self) -> pd.DataFrame:
        return self.tables["measures"]

    @property
    def ambitions(self) -> pd.DataFrame:
        return self.tables["ambitions"]


def reviewed_plan(council, *, local_root=None) -> ReviewedPlan | None:
    """The most recent earlier strategy, or the current one when there is none; None when the
    council has no files of its own."""
    council = resolve_council(council)
    slug = council.slug
    if not localdata.has_local_folder(slug, root=local_root):
        return None
    folder = localdata.local_dir(slug, root=local_root)
    earlier = localdata.previous_periods(slug, root=local_root)
    if earlier:
        tables = localdata.load_previous(slug, earlier[-1], root=local_root)
        return ReviewedPlan(slug, earlier[-1], True, tables, folder / localdata.PREVIOUS_DIR / earlier[-1])
    tables = {name: localdata.load_table(slug, name, root=local_root) for name in localdata.PLAN_FILES}
    return ReviewedPlan(slug, localdata.current_period(slug, root=local_root), False, tables, folder)


def actions_review(plan: ReviewedPlan) -> pd.DataFrame:
    """Every action of the plan with its ambition's title, lead, due date, status and progress note."""
    titles = plan.ambitions.set_index("number")["title"]
    actions = plan.actions
    return pd.DataFrame({"number": actions["number"], "ambition": actions["ambition"],
                         "ambition_title": actions["ambition"].map(titles), "summary": actions["summary"],
                         "lead": actions["lead"], "due": actions["due"], "status": actions["status"],
                         "progress_note": actions["progress_note"]})


def status_counts(actions: pd.DataFrame) -> dict[str, int]:
    """How many actions have each status, in the order of the closed list (zeros kept)."""
    counts = actions["status"].value_counts()
    return {s: int(counts.get(s, 0)) for s in localdata.ACTION_STATUSES}


def not_yet_reviewed_count(council, *, local_root=None) -> int:
    """How many actions of the strategy under review the council has not reviewed yet (0 when
    it has no files): the number the summary page shows."""
    plan = reviewed_plan(council, local_root=local_root)
    return 0 if plan is None else int((plan.actions["status"] == NOT_REVIEWED).sum())


def not_yet_reviewed_text(waiting: int, total: int) -> str:
    """How many actions the council has not reviewed yet, in words ("" when it has reviewed them all).

    >>> not_yet_reviewed_text(67, 67), not_yet_reviewed_text(3, 67)
    ('none of the 67 actions has been reviewed yet', '3 of the 67 actions have not been reviewed yet')
    """
    if not waiting:
        return ""
    if waiting == total:
        return ("the one action has not been reviewed yet" if total == 1
                else f"none of the {total} actions has been reviewed yet")
    return f"{waiting} of the {total} actions {'has' if waiting == 1 else 'have'} not been reviewed yet"


def result_of(row: dict, edition_year: int) -> str:
    """What happened to one measure, judged at the precision shown: 'target met', 'target missed'
    (its date has passed), 'target date passed, no value since the baseline' (a target not shown
    to be met by a value later than its baseline), 'target not yet met', 'better than the
    baseline', 'same as the baseline', 'worse than the baseline', 'no value since the baseline'
    (nothing later to judge by), 'no baseline to compare with' or 'no data'.

    >>> result_of({"latest_value": 74.6, "target_value": 75, "good_direction": "up", "ndigits": 0,
    ...            "target_year": "2024-25", "reference_value": 80}, 2025)
    'target met'
    >>> result_of({"latest_value": 70, "target_value": 75, "good_direction": "up", "ndigits": 0,
    ...            "target_year": "2024-25", "reference_value": 80}, 2025)
    'target missed'
    >>> result_of({"latest_value": 12, "target_value": None, "good_direction": "down", "ndigits": 0,
    ...            "target_year": None, "reference_value": 10}, 2025)
    'worse than the baseline'
    """
    latest = row.get("latest_value")
    if is_missing(latest):
        return "no data"
    since = row.get("reference_year")
    shown = round_half_up(latest, int(row.get("ndigits") or 0))
    up = row["good_direction"] == "up"
    target = row.get("target_value")
    met = not is_missing(target) and (shown == target or (shown > target) == up)
    passed = not is_missing(target) and ambitions.target_passed(row.get("target_year"), edition_year)
    if not is_missing(since) and not is_missing(row.get("latest_year")) and row["latest_year"] <= since:
        if passed and not met:
            return "target date passed, no value since the baseline"   # the date ranks first, as on the scorecard
        return "no value since the baseline"
    if not is_missing(target):
        if met:
            return "target met"
        return "target missed" if passed else "target not yet met"
    reference = row.get("reference_value")
    if is_missing(reference):
        return "no baseline to compare with"
    base = round_half_up(reference, int(row.get("ndigits") or 0))
    if shown == base:
        return "same as the baseline"
    return "better than the baseline" if (shown > base) == up else "worse than the baseline"


REVIEW_MEASURE_COLUMNS = ["id", "ambition", "description", "unit", "good_direction", "ndigits",
                          "baseline_value", "baseline_year", "reference_value", "reference_year", "reference_source",
                          "target_value", "target_year", "target_passed", "latest_value", "latest_period", "latest_year",
                          "result", "status", "reason"]


def measures_review(plan: ReviewedPlan, council, year: int, *, model: str = "2025", local_root=None) -> pd.DataFrame:
    """Every measure of the plan with its baseline, target and outcome (the latest value up to
    ``year``), whether its target date has passed, the result (:func:`result_of`) and its status on the
    scorecard (with its reason, so the two pages can be read side by side)."""
    rows = []
    for _, measure in plan.measures.iterrows():
        row = ambitions.measure_row(measure, council, year, model=model, local_root=local_root)
        row["target_passed"] = ambitions.target_passed(row.get("target_year"), year)
        row["result"] = result_of(row, year)
        rows.append(row)
    return pd.DataFrame(rows).reindex(columns=REVIEW_MEASURE_COLUMNS)


def result_counts(review: pd.DataFrame) -> dict[str, int]:
    """How many measures had each result, most telling first (zeros left out)."""
    order = ["target met", "target missed", "target date passed, no value since the baseline",
             "target not yet met", "better than the baseline",
             "same as the baseline", "worse than the baseline", "no value since the baseline",
             "no baseline to compare with", "no data"]
    counts = review["result"].value_counts()
    return {r: int(counts[r]) for r in order if counts.get(r, 0)}


def to_number(value) -> float:
    """A cell value as a float, NaN when missing (for tables built from scorecard rows)."""
    return np.nan if is_missing(value) else float(value)
