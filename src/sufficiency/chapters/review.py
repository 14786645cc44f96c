"""The review chapter, "What we said in 2022–25 and what happened": every action of the strategy
under review with the status the council gave it, and every measure with its baseline, target and
outcome (:mod:`sufficiency.measures.review`).

Actions the council has not reviewed are said once, counted and listed together, never marked one
by one. The page works everything out once (:func:`load`); each section reads from that.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from sufficiency.data.councils import Council, resolve_council
from sufficiency.measures import ambitions, review
from sufficiency.publishing.pages import Markdown, Page, escape, prose
from sufficiency.publishing.vocabulary import load_vocabulary
from sufficiency.publishing.words import and_list, count_phrase, plural


@dataclass
class Review:
    """The strategy under review (None when the council has no files) with its actions and its
    measures' outcomes up to the edition's year."""

    council: Council
    year: int
    plan: review.ReviewedPlan | None
    actions: pd.DataFrame
    measures: pd.DataFrame


def load(council: str | Council, year: int, sn_model: str) -> Review:
    """The strategy under review, its actions, and its measures' outcomes up to ``year``."""
    council = resolve_council(council)
    plan = review.reviewed_plan(council)
    if plan is None:
        return Review(council, year, None, pd.DataFrame(), pd.DataFrame())
    actions = review.actions_review(plan)
    # Ambitions named as every other page names them: in the council's own words (tables keep theirs otherwise).
    vocabulary = load_vocabulary(council.slug)
    actions["ambition_title"] = [vocabulary.apply(t) if isinstance(t, str) else t for t in actions["ambition_title"]]
    return Review(council, year, plan, actions, review.measures_review(plan, council, year, model=sn_model))


def title(rev: Review) -> str:
    """The page's title, with the period reviewed where the council's files name it."""
    if rev.plan is None or not rev.plan.period:
        return "What we said and what happened"
    return f"What we said in {review.period_label(rev.plan.period)} and what happened"


def _strategy_name(rev: Review) -> str:
    name = escape(rev.council.name)
    if rev.plan.period:
        return f"{name}'s strategy for {review.period_label(rev.plan.period)}"
    return f"{name}'s strategy"


def summary_sentences(rev: Review) -> list[str]:
    """What the strategy set out, how many actions the council has reviewed and how they stand,
    and what happened to the measures, in numbers."""
    name = escape(rev.council.name)
    if rev.plan is None:
        return [f"{name} has not supplied a strategy of its own yet, so there is nothing to review."]
    plan = rev.plan
    opening = (f"{_strategy_name(rev)} set out {count_phrase(len(rev.actions), 'action')} under "
               f"{count_phrase(len(plan.ambitions), 'ambition')} and "
               f"{count_phrase(len(rev.measures), 'measure')} of success. This page sets each one against "
               f"what the council has recorded and the figures published up to 31 March {rev.year}.")
    return [opening, actions_sentence(rev), measures_sentence(rev)] + ([RESULTS_AND_STATUSES] if len(rev.measures) else [])


#: What the review's results count, against the scorecard's statuses shown beside them.
RESULTS_AND_STATUSES = (
    "Each result sets the latest value against the target, or against the baseline where no figure was set. "
    "The last column gives the measure's status on {doc}`the scorecard <08-ambitions-scorecard>`, which also "
    "weighs the trend, the time passed and how old the latest value is, so the two can differ.")


def actions_sentence(rev: Review) -> str:
    """How many actions have been reviewed and with what status; the rest counted once.

    Every status is counted; 'not yet reviewed' is said once, as a number."""
    counts = review.status_counts(rev.actions)
    total = len(rev.actions)
    waiting = counts[review.NOT_REVIEWED]
    if total == 0:
        return "The strategy recorded no actions."
    if waiting == total:
        return (f"The council has not yet reviewed any of the {count_phrase(total, 'action')}: none has a "
                "status yet, so the table below lists them together.")
    reviewed = total - waiting
    parts = [f"{n} {status}" for status, n in counts.items() if n and status != review.NOT_REVIEWED]
    text = (f"The council has reviewed {reviewed} of the {count_phrase(total, 'action')}: {and_list(parts)}.")
    if waiting:
        text += f" {waiting} {plural(waiting, 'is', 'are')} not yet reviewed."
    return text


#: Each result in words: (for one measure, for several).
RESULT_WORDS = {
    "target met": ("met its target", "met their targets"),
    "target missed": ("missed a target whose date has passed", "missed targets whose date has passed"),
    "target date passed, no value since the baseline": (
        "passed its target date with no value later than its baseline",
        "passed their target dates with no value later than their baselines"),
    "target not yet met": ("has not yet met a target still to come", "have not yet met targets still to come"),
    "better than the baseline": ("moved the right way from its baseline, with no figure set as a target",
                                 "moved the right way from their baselines, with no figure set as a target"),
    "same as the baseline": ("is where it started", "are where they started"),
    "worse than the baseline": ("moved the wrong way from its baseline", "moved the wrong way from their baselines"),
    "no value since the baseline": ("has no value later than its baseline", "have no value later than their baselines"),
    "no baseline to compare with": ("has a value but no baseline to compare it with",
                                    "have a value but no baseline to compare it with"),
    "no data": ("has no value at all", "have no value at all"),
}


def measures_sentence(rev: Review) -> str:
    """What happened to the measures, result by result, most telling first."""
    counts = review.result_counts(rev.measures)
    if not counts:
        return "The strategy recorded no measures of success."
    parts = [f"{n} {RESULT_WORDS[result][0 if n == 1 else 1]}" for result, n in counts.items()]
    return f"Of the {count_phrase(len(rev.measures), 'measure')}, " + "; ".join(parts) + "."


def summary_section(page: Page, rev: Review) -> Markdown:
    """Sets the page's title and says what the strategy set out and what happened."""
    page.set_title(title(rev))
    return prose(*summary_sentences(rev))


def reviewed_actions_table(rev: Review) -> pd.DataFrame:
    """The actions the council has reviewed, with status and progress note."""
    done = rev.actions[rev.actions["status"] != review.NOT_REVIEWED]
    return pd.DataFrame({"Action": done["number"], "Ambition": done["ambition_title"],
                         "What was to be done": done["summary"], "Status": done["status"].str.capitalize(),
                         "Progress": done["progress_note"].fillna("")}).reset_index(drop=True)


def waiting_actions_table(rev: Review) -> pd.DataFrame:
    """The actions not yet reviewed, with no status column: they are counted once, above."""
    waiting = rev.actions[rev.actions["status"] == review.NOT_REVIEWED]
    return pd.DataFrame({"Action": waiting["number"], "Ambition": waiting["ambition_title"],
                         "What was to be done": waiting["summary"]}).reset_index(drop=True)


def actions_section(page: Page, rev: Review) -> Markdown:
    """The reviewed actions with their status, then those not yet reviewed, together."""
    if rev.plan is None or not len(rev.actions):
        return prose("No actions have been supplied.")
    source = f"{rev.council.name}'s strategy and its own review of it"
    out = Markdown("")
    reviewed = reviewed_actions_table(rev)
    if len(reviewed):
        out = out + page.table(reviewed, name="actions-reviewed", caption="Actions the council has reviewed.",
                               source=source)
    waiting = waiting_actions_table(rev)
    if len(waiting):
        out = out + prose(f"Not yet reviewed: {count_phrase(len(waiting), 'action')}.")
        out = out + page.table(waiting, name="actions-not-yet-reviewed",
                               caption="Actions the council has not yet reviewed.", source=source)
    return Markdown(out.text.strip())


def measures_table(rev: Review) -> pd.DataFrame:
    """Every measure with its baseline, target (saying when its date has passed), outcome and result,
    and its status on the scorecard beside it."""
    rows = rev.measures
    return pd.DataFrame({
        "Measure": rows["id"] + ": " + rows["description"],
        "Baseline": [ambitions.baseline_text(r) for _, r in rows.iterrows()],
        "Target": [ambitions.target_text(r, rev.year) for _, r in rows.iterrows()],
        "Outcome": [ambitions.latest_text(r) for _, r in rows.iterrows()],
        "Result": rows["result"].str.capitalize(),
        "Status on the scorecard": [ambitions.status_text(r) for _, r in rows.iterrows()]})


def measures_section(page: Page, rev: Review) -> Markdown:
    """The measures of success: what was aimed for and what happened."""
    if rev.plan is None or not len(rev.measures):
        return prose("No measures of success have been supplied.")
    return page.table(measures_table(rev), name="measures-outcomes",
                      caption=f"Measures of success: baseline, target and the latest value to {rev.year}.",
                      source=f"{rev.council.name}'s strategy; DfE and Ofsted published data; the council's own records")
