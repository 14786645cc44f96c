"""The "Progress since the 2014–16 plan" chapter: the measures of the council's earlier
commissioning plan, what was recorded then, the targets, and where the same measures stand now in
DfE's published figures (:func:`sufficiency.measures.ambitions.progress_since_2014`).

The page works the comparison out once (:func:`load`); each section reads from that.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from sufficiency.data.councils import Council, resolve_council
from sufficiency.measures import ambitions
from sufficiency.publishing.pages import Markdown, Page, escape, prose


@dataclass
class Progress:
    """The earlier plan's measures then and now; ``table`` is None when no targets were supplied."""

    council: Council
    year: int
    table: pd.DataFrame | None


def load(council: str | Council, year: int, sn_model: str) -> Progress:
    """The 2014–16 plan's measures beside the published figures up to ``year``."""
    council = resolve_council(council)
    plan = ambitions.load_plan(council)
    if plan is None or not len(plan["targets_2014"]):
        return Progress(council, year, None)
    return Progress(council, year, ambitions.progress_since_2014(plan, council, year, model=sn_model))


def summary_sentences(progress: Progress) -> list[str]:
    """How many of the plan's measures DfE still publishes, and how many of those reached the
    plan's target; or that no earlier targets were supplied."""
    if progress.table is None:
        return [f"{escape(progress.council.name)} has not supplied the targets of an earlier plan, so this page "
                "has nothing to compare yet."]
    table = progress.table
    counted = table[table["against_target"].isin(["reached", "not reached"])]
    reached = int((counted["against_target"] == "reached").sum())
    return [f"The earlier plan set {len(table)} measures. For {len(counted)} of them DfE still "
            f"publishes a matching figure; by the latest year to {progress.year}, {reached} of those "
            f"{len(counted)} were at or better than the plan's target. The others are counted only "
            "in the council's own records, which were not published.",
            "'Then' values are as the plan reported them, some from the council's own systems "
            "part-way through a year, so they may differ a little from DfE's later published figures.",
            *definition_changes(table)]


def definition_changes(table: pd.DataFrame) -> list[str]:
    """One sentence per measure whose published definition has changed since the plan set its target."""
    changed = table[table["definition_change"].notna()] if "definition_change" in table else table.iloc[0:0]
    return [f"“{escape(str(r.measure)).rstrip('.')}” is compared across a change of definition: "
            f"{r.definition_change}" for r in changed.itertuples()]


def summary_section(progress: Progress) -> Markdown:
    """The opening paragraphs: how the earlier plan's measures have fared."""
    return prose(*summary_sentences(progress))


def measures_section(page: Page, progress: Progress) -> Markdown:
    """The earlier plan's measures: values then, targets, and published values since."""
    if progress.table is None:
        return prose("No earlier targets have been supplied.")
    return page.table(ambitions.progress_reader_table(progress.table), name="progress-2014",
                      caption="The 2014–16 plan's measures: values then, targets, and published values since.",
                      source=f"{progress.council.name} LAC Commissioning Plan 2014–16; DfE, Children looked "
                             "after in England (published tables and LAIT)")
