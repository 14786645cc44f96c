"""The "What people told us" chapter: the points placement providers, foster carers, independent
reviewing officers and children made, sorted into themes by the published codebook
(:mod:`sufficiency.measures.themes`), and the facts the IROs' annual report gives.

The page loads the council's files once (:func:`load`) and each section reads from that.

>>> later_sentence(3, 2025)
'3 points recorded after 2025 are left out of this edition.'
>>> later_sentence(0, 2025)
''
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from sufficiency.chapters.cost_of_care_words import not_supplied
from sufficiency.data import localdata
from sufficiency.data.councils import Council, resolve_council
from sufficiency.measures import costs, themes
from sufficiency.publishing.pages import Markdown, Page, escape, prose


@dataclass
class Voices:
    """What the chapter shows for one council and edition year."""

    council: Council
    year: int
    codebook: tuple
    feedback: pd.DataFrame | None   # points up to ``year`` with their themes; None when there are none
    later: int                      # points recorded after ``year``, left out
    figures: pd.DataFrame | None    # the council's local_figures.csv, None without a folder

    @property
    def source(self) -> str:
        """Where the points come from, for captions."""
        sections = (f"; {'; '.join(sorted(self.feedback['source_section'].dropna().unique()))}"
                    if self.feedback is not None else "")
        return (f"{self.council.name}'s record of stakeholder feedback (feedback.csv), points summarised "
                "by the council" + sections)

    @property
    def gap(self) -> str:
        """What each section says when there are no points: none supplied, or all of them later."""
        if self.later:
            return (f"Every point in {escape(self.council.name)}'s record of what stakeholders told it was "
                    f"recorded after {self.year}, so none is shown in this edition.")
        return not_supplied(self.council.name, "a record of what stakeholders told it",
                            f"data/local/{self.council.slug}/feedback.csv")


def load(council: str | Council, year: int) -> Voices:
    """The council's feedback up to ``year`` with each point's themes, and its local figures."""
    council = resolve_council(council)
    codebook = themes.load_codebook()
    feedback = costs.load_if_supplied(localdata.load_feedback, council.slug)
    figures = costs.load_if_supplied(localdata.load_local_figures, council.slug)
    later = 0
    if feedback is not None:
        feedback, later = themes.filter_to_year(feedback, year)
        feedback = themes.assign_themes(feedback, codebook,
                                        path=localdata.local_dir(council.slug) / "feedback.csv")
        if feedback.empty:
            feedback = None
    return Voices(council, year, codebook, feedback, later, figures)


def later_sentence(later: int, year: int) -> str:
    """How many points were left out for being recorded after the edition's year ('' for none)."""
    if not later:
        return ""
    return f"{later} point{'s' if later != 1 else ''} recorded after {year} {'are' if later != 1 else 'is'} " \
           "left out of this edition."


def summary_section(voices: Voices) -> Markdown:
    """How many points, from whom, and how they were sorted; or that none were supplied."""
    if voices.feedback is None:
        return prose(voices.gap)
    return prose(themes.summary_sentences(voices.feedback, voices.codebook),
                 later_sentence(voices.later, voices.year))


def codebook_section(page: Page, voices: Voices) -> Markdown:
    """The codebook as a table: each theme, what it covers and the phrases that place a point there."""
    return page.table(themes.codebook_table(voices.codebook), name="codebook",
                      caption="The codebook: themes and the phrases that place a point under each.",
                      source="This book's codebook (themes_codebook.yml).")


def themes_by_group_section(page: Page, voices: Voices) -> Markdown:
    """A heat map of points by theme and group, and the same counts as a table."""
    if voices.feedback is None:
        return prose(voices.gap)
    counts = themes.theme_counts(voices.feedback, voices.codebook)
    figure = page.figure(themes.heatmap(counts, title="Points by theme and group"), name="themes-by-group",
                         alt=themes.heatmap_alt(counts),
                         caption="Number of points by theme (rows) and group (columns); darker cells hold more points.",
                         source=voices.source, data=counts.reset_index())
    return figure + page.table(counts.reset_index(), name="themes-by-group-table",
                               caption="Points by theme and group.", source=voices.source)


def points_section(voices: Voices) -> Markdown:
    """Every point under each theme it belongs to."""
    if voices.feedback is None:
        return prose(voices.gap)
    return themes.points_by_theme(voices.feedback, voices.codebook)


def iro_section(page: Page, voices: Voices) -> Markdown:
    """The figures from the IRO annual report, each with its period; or that none were supplied."""
    if voices.figures is None or themes.iro_facts(voices.figures).empty:
        return prose(not_supplied(voices.council.name,
                                  "figures from its independent reviewing officers' annual report",
                                  f"data/local/{voices.council.slug}/local_figures.csv"))
    facts = themes.iro_facts(voices.figures, voices.year)
    if facts.empty:
        return prose(f"The figures {escape(voices.council.name)} supplied from its independent reviewing officers' "
                     f"annual reports cover periods after {voices.year}, so none is shown in this edition.")
    return page.table(facts, name="iro-facts", caption="Figures from the IRO annual report, with the period each covers.",
                      source=f"{voices.council.name}'s own figures (local_figures.csv)")
