"""The "Our ambitions: the scorecard" chapter: every measure of success in the council's
strategy, with its baseline, latest value, target, trend and status
(:func:`sufficiency.measures.ambitions.scorecard`).

The page loads the plan and works out the scorecard once (:func:`load`); each section reads from that.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from sufficiency.data.councils import Council, resolve_council
from sufficiency.measures import ambitions
from sufficiency.publishing.pages import Markdown, Page, escape, prose


@dataclass
class Scorecard:
    """The council's plan (None when it has no files of its own) and its scorecard for one year."""

    council: Council
    year: int
    plan: dict | None
    card: pd.DataFrame


def load(council: str | Council, year: int, sn_model: str) -> Scorecard:
    """The council's plan and every measure's status with data up to ``year``."""
    council = resolve_council(council)
    return Scorecard(council, year, ambitions.load_plan(council), ambitions.scorecard(council, year, model=sn_model))


def summary_sentences(scorecard: Scorecard) -> list[str]:
    """How many ambitions and measures, and how many measures have each status; or where the
    council's ambitions would go when it has not supplied them."""
    name = escape(scorecard.council.name)
    if scorecard.plan is None:
        return [f"{name} has not supplied its ambitions and measures of success yet, so there is no scorecard "
                "in this edition. They come from the council's own files (its ambitions, actions and measures "
                "of success); the appendix on data sources says how to supply them."]
    card, year = scorecard.card, scorecard.year
    n = dict(zip(ambitions.STATUSES, ambitions.status_counts(card)["Measures"]))
    recent = ambitions.status_label("no recent value", year)[len("No value in "):]
    sentences = [f"{name}'s strategy has {len(scorecard.plan['ambitions'])} ambitions and {len(card)} measures "
                 f"of success. Using data up to {year}: {n['met']} met, {n['on track']} on track, "
                 f"{n['off track']} off track, {n['no recent value']} with no value in {recent}, "
                 f"{n['too early to tell']} too early to tell, and {n['no data']} with no value at all."]
    passed, other = ambitions.off_track_breakdown(card)
    if passed or other:
        parts = []
        if passed:
            parts.append(f"{passed} {'has' if passed == 1 else 'have'} passed a target date without reaching "
                         "the target")
        if other:
            parts.append(f"{other} {'is' if other == 1 else 'are'} behind the timetable to their target, no better "
                         "than their baseline, or worsening over their last three values")
        sentences.append(f"Of the {n['off track']} off track, " + ("; ".join(parts) if passed and other
                                                                    else parts[0]) + ".")
    sentences.append(f"A measure with no value is shown as no data, and one with no value in {recent} says when its "
                     "last value was: nothing is estimated to fill a gap, and nothing is judged from a figure that "
                     "old.")
    sentences.append("These statuses weigh the trend and the time passed as well as the latest value; "
                     "{doc}`the review of the last strategy <09-review>` sets each latest value against its target, "
                     "or its baseline where no figure was set, and shows each measure's status beside its result.")
    return sentences


def summary_section(scorecard: Scorecard) -> Markdown:
    """The opening paragraph: the measures counted by status."""
    return prose(*summary_sentences(scorecard))


def counts_section(page: Page, scorecard: Scorecard) -> Markdown:
    """The table of measures by status."""
    if scorecard.plan is None:
        return prose("There are no measures to count.")
    return page.table(ambitions.status_counts(scorecard.card, scorecard.year), name="status-counts",
                      caption=f"Measures of success by status, data to {scorecard.year}.",
                      source=f"{scorecard.council.name}'s measures of success; published and local data as "
                             "listed below")


def measures_section(page: Page, scorecard: Scorecard) -> Markdown:
    """Every measure with its baseline, latest value, target, trend, status and neighbours."""
    if scorecard.plan is None:
        return prose("No measures have been supplied yet.")
    return page.table(ambitions.reader_table(scorecard.card, edition_year=scorecard.year), name="scorecard",
                      caption=f"Measures of success: baseline, latest value, target, trend and status, data to "
                              f"{scorecard.year}.",
                      source="DfE, Children looked after in England (published tables and LAIT); Ofsted, "
                             f"Fostering in England; {scorecard.council.name}'s own records and measures of success")


def no_data_section(page: Page, scorecard: Scorecard) -> Markdown:
    """The measures with no value yet, each with what would give it one."""
    if scorecard.plan is None:
        return prose("There are no measures yet.")
    table = ambitions.no_data_table(scorecard.card)
    if table.empty:
        return prose("Every measure has a value in this edition.")
    n = len(table)
    lead = prose(f"{n} of the {len(scorecard.card)} measures have no value up to {scorecard.year}: no published "
                 "series and none of the council's own figures measures them yet. Nothing is estimated in their "
                 "place; the table says what would supply each one.")
    return lead + page.table(table, name="no-data",
                             caption=f"Measures with no value up to {scorecard.year}, and what would supply them.",
                             source=f"{scorecard.council.name}'s measures of success; DfE and Ofsted publications")

