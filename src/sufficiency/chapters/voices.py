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

import re
from dataclasses import dataclass

import pandas as pd

from sufficiency.data import localdata
from sufficiency.data.councils import Council, resolve_council
from sufficiency.measures import costs, review, themes
from sufficiency.publishing.pages import Markdown, Page, escape, prose
from sufficiency.publishing.words import MONTHS, and_list, count_phrase


@dataclass
class Voices:
    """What the chapter shows for one council and edition year."""

    council: Council
    year: int
    codebook: tuple
    feedback: pd.DataFrame | None   # points up to ``year`` with their themes; None when there are none
    later: int                      # points recorded after ``year``, left out
    figures: pd.DataFrame | None    # the council's local_figures.csv, None without a folder
    period: str | None = None       # the current strategy's period (strategy.csv), if the council names it

    @property
    def source(self) -> str:
        """Where the points come from, for captions."""
        sections = (f"; {'; '.join(sorted(self.feedback['source_section'].dropna().unique()))}"
                    if self.feedback is not None else "")
        return f"{self.council.name}'s record of stakeholder feedback, points summarised by the council" + sections

    @property
    def gap(self) -> str:
        """What each section says when there are no points: none supplied, or all of them later."""
        if self.later:
            return (f"Every point in {escape(self.council.name)}'s record of what stakeholders told it was "
                    f"recorded after {self.year}, so none is shown in this edition.")
        return not_supplied(self.council.name, "a record of what stakeholders told it")


def load(council: str | Council, year: int) -> Voices:
    """The council's feedback up to ``year`` with each point's themes, and its local figures."""
    council = resolve_council(council)
    codebook = themes.load_codebook()
    feedback = costs.load_if_supplied(localdata.load_feedback, council.slug)
    figures = costs.load_if_supplied(localdata.load_local_figures, council.slug)
    later = 0
    if feedback is not None:
        # themes first, on every row, so a message about a hand-typed theme names the row as the file has it
        feedback = themes.assign_themes(feedback, codebook,
                                        path=localdata.local_dir(council.slug) / "feedback.csv")
        feedback, later = themes.filter_to_year(feedback, year)
        if feedback.empty:
            feedback = None
    period = localdata.current_period(council.slug)
    return Voices(council, year, codebook, feedback, later, figures, period)


def not_supplied(council_name: str, what: str) -> str:
    """The gap when the council has not supplied something this page needs.

    >>> not_supplied("Greenwich", "a record of what stakeholders told it")
    'Greenwich has not supplied a record of what stakeholders told it, so this section is empty.'
    """
    return f"{escape(council_name)} has not supplied {what}, so this section is empty."


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


def _years(feedback: pd.DataFrame) -> pd.Series:
    """The last calendar year each point names in its date (NaN where it has none)."""
    return pd.Series([costs.period_end_year(w) for w in feedback["when"]], index=feedback.index, dtype="float")


def when_sentence(voices: Voices) -> str:
    """When each group made its points, in the council's own words, then the points with no date."""
    feedback = voices.feedback
    dated_parts, undated_parts = [], []
    for group, label in themes.GROUP_LABELS.items():
        rows = feedback[feedback["group"] == group]
        if rows.empty:
            continue
        dated = [themes.when_text(w) for w in rows["when"] if themes.when_text(w) != "date not recorded"]
        if dated:
            dated_parts.append(f"{label.lower()} in {and_list(list(dict.fromkeys(dated)))}")
        if len(dated) < len(rows):
            undated_parts.append(f"{count_phrase(len(rows) - len(dated), 'point')} from {label.lower()}")
    text = f"When the points were made: {and_list(dated_parts)}." if dated_parts else ""
    if undated_parts:
        n = sum(int(p.split()[0]) for p in undated_parts)
        text += (" " if text else "") + f"{and_list(undated_parts)} {'has' if n == 1 else 'have'} no date recorded."
    return escape(text)


def last_month(when) -> int | None:
    """The last month a point's date can mean, as ``year * 12 + month - 1`` (months count from 0, so
    they sort): a financial year ('2021-22') ends in March, 'July 2022' is July, a bare year runs to
    December; None without a date.

    >>> [(m // 12, m % 12 + 1) for m in map(last_month, ("2021-22", "July 2022", "2022"))]
    [(2022, 3), (2022, 7), (2022, 12)]
    """
    text = str(when).strip().lower() if not pd.isna(when) else ""
    financial = re.search(r"\b(\d{4})\s*[–-]\s*(\d{2})\b", text)
    if financial:       # ends in March of its second year, as a strategy period does
        return review.period_years(f"{financial.group(1)}-{financial.group(2)}")[1] * 12 + 2
    year = re.search(r"\b(\d{4})\b", text)
    if not year:
        return None
    month = next((number for number, name in enumerate(MONTHS, start=1) if name.lower() in text), 12)
    return int(year.group(1)) * 12 + month - 1


def period_sentence(voices: Voices) -> str:
    """Whether the dated points belong to the current strategy period (from April of its first year:
    a point dated 2021–22 came before a 2022–25 strategy), and how recent they are."""
    years = _years(voices.feedback).dropna().astype(int)
    if years.empty:
        return "No point has a date, so the book cannot say which strategy period the points belong to."
    first, last = int(years.min()), int(years.max())
    span = str(first) if first == last else f"{first} to {last}"
    if voices.period is None:
        text = (f"The dated points were made in {span}. The council's files do not name the strategy period, so "
                "the book cannot say which strategy they belong to.")
    else:
        start, end = review.period_years(voices.period)
        label = review.period_label(voices.period)
        months = pd.Series([last_month(w) for w in voices.feedback["when"]], dtype="float").dropna()
        april, march = start * 12 + 3, end * 12 + 2          # the period's first and last months
        inside = int(((months >= april) & (months <= march)).sum())
        before = int((months < april).sum())
        if inside == len(years):
            text = f"{'Every dated point was' if len(years) > 1 else 'The dated point was'} made in {span}, within " \
                   f"the {label} strategy period."
        elif before == len(years):
            text = (f"Every dated point was made in {span}, before the {label} strategy period began: these are "
                    "the views gathered for an earlier strategy, and none has been recorded for this one yet.")
        else:
            text = (f"Of the {count_phrase(len(years), 'dated point')}, {inside} {'was' if inside == 1 else 'were'} "
                    f"made within the {label} strategy period and {before} before it.")
    if last < voices.year:
        text += f" None has been recorded since {last}."
    return text


def consultation_section(voices: Voices) -> Markdown:
    """When the points were made, group by group, and which strategy period they belong to."""
    if voices.feedback is None:
        return prose(voices.gap)
    return prose(when_sentence(voices), period_sentence(voices))


def responses_table(voices: Voices) -> pd.DataFrame:
    """'You said, we did': each point the council has answered, with what it did."""
    answered = voices.feedback[voices.feedback["we_did"].notna()]
    return pd.DataFrame({"You said": answered["point"],
                         "Who, when": [f"{themes.GROUP_LABELS.get(g, g)}, {themes.when_text(w)}"
                                       for g, w in zip(answered["group"], answered["when"])],
                         "We did": answered["we_did"]}).reset_index(drop=True)


def responses_section(page: Page, voices: Voices) -> Markdown:
    """'You said, we did' from the council's file, or, once, that nothing has been recorded yet."""
    if voices.feedback is None:
        return prose(voices.gap)
    table = responses_table(voices)
    total = len(voices.feedback)
    if table.empty:
        return prose(f"The council has not yet recorded what it did in response to any of the "
                     f"{count_phrase(total, 'point')}.")
    return prose(f"The council has recorded what it did in response to {len(table)} of the "
                 f"{count_phrase(total, 'point')}.") + page.table(
        table, name="you-said-we-did", caption="You said, we did.",
        source=f"{voices.council.name}'s record of stakeholder feedback and of what it did in response")


def codebook_section(page: Page, voices: Voices) -> Markdown:
    """The codebook as a table: each theme, what it covers and the phrases that place a point there."""
    return page.table(themes.codebook_table(voices.codebook), name="codebook",
                      caption="The codebook: themes and the phrases that place a point under each.",
                      source="This book's codebook.")


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
                                  "figures from its independent reviewing officers' annual report"))
    facts = themes.iro_facts(voices.figures, voices.year)
    if facts.empty:
        return prose(f"The figures {escape(voices.council.name)} supplied from its independent reviewing officers' "
                     f"annual reports cover periods after {voices.year}, so none is shown in this edition.")
    return page.table(facts, name="iro-facts", caption="Figures from the IRO annual report, with the period each covers.",
                      source=f"{voices.council.name}'s own figures, from its independent reviewing officers' "
                             "annual report")
