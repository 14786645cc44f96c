"""One ambition's page: its aim, where things stood when the strategy was written, the actions
that serve it, and each measure of success against its target, with a chart per measure.

The build makes one page per row of the council's ``ambitions.csv``, passing the ambition's number
as the ``ambition`` parameter. (The module is not called ``ambition`` so that the page's
parameter keeps that name.) The page loads what it shows once (:func:`load`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from sufficiency.data.councils import Council, resolve_council
from sufficiency.data.localdata import NOT_REVIEWED
from sufficiency.measures import ambitions, indicators
from sufficiency.publishing.pages import Markdown, Page, escape, prose
from sufficiency.publishing.words import MONTHS, and_list, count_phrase


@dataclass
class Ambition:
    """One ambition of the council's plan, with its measures' scorecard rows.

    ``info`` is the ambition's row of ambitions.csv, or None when the council has no plan or the
    plan has no ambition of that number; ``card`` is then empty.
    """

    council: Council
    year: int
    model: str
    number: int
    plan: dict | None
    info: pd.Series | None
    card: pd.DataFrame

    @property
    def found(self) -> bool:
        """Whether the council's plan has this ambition."""
        return self.info is not None


def load(council: str | Council, year: int, sn_model: str, number) -> Ambition:
    """The council's plan, the ambition numbered ``number`` in it, and its measures' statuses."""
    council = resolve_council(council)
    number = int(number)
    plan = ambitions.load_plan(council)
    if plan is None or number not in set(plan["ambitions"]["number"]):
        return Ambition(council, year, sn_model, number, plan, None, pd.DataFrame(columns=ambitions.SCORECARD_COLUMNS))
    info = plan["ambitions"].set_index("number").loc[number]
    card = ambitions.scorecard(council, year, model=sn_model, ambition=number)
    return Ambition(council, year, sn_model, number, plan, info, card)


def title(ambition: Ambition) -> str:
    """The page's title: the ambition's number and, where the plan has it, its name."""
    return f"Ambition {ambition.number}: {ambition.info['title']}" if ambition.found else f"Ambition {ambition.number}"


def aim_section(page: Page, ambition: Ambition) -> Markdown:
    """Sets the page's title, and states the ambition's aim (or why there is nothing to show)."""
    page.set_title(title(ambition))
    name = escape(ambition.council.name)
    if ambition.plan is None:
        return prose(f"{name} has not supplied its ambitions yet, so there is nothing to show "
                     f"for ambition {ambition.number} in this edition.")
    if not ambition.found:
        return prose(f"{name}'s strategy has no ambition {ambition.number}.")
    aim = ambition.info["aim"]
    return prose(f"The aim: {escape(aim)}" if isinstance(aim, str) else "")


_MONTH_YEAR = re.compile(r"\b(" + "|".join(MONTHS) + r")\s+(\d{4})\b")


def _written_when(written) -> tuple[int, int] | None:
    """When an account was written, as (year, month); a year alone counts as its last month, so
    that a date in the same year is never taken for one the account looks ahead to."""
    if not isinstance(written, str) or not written.strip():
        return None
    match = _MONTH_YEAR.search(written)
    if match:
        return int(match.group(2)), MONTHS.index(match.group(1)) + 1
    year = re.search(r"\b(\d{4})\b", written)
    return (int(year.group(1)), 12) if year else None


def dates_looked_ahead_to(text: str, written, year: int) -> list[str]:
    """The months named in an account that were still to come when it was ``written`` ('2022' or
    'March 2022') and have passed by the edition's data date (31 March of ``year``). A month the
    account reports (a count 'in January 2022', written in 2022) is not one it looks ahead to.
    With no date of writing, every month now past is listed.

    >>> dates_looked_ahead_to("30% in January 2022; Croydon stops in March 2023.", "2022", 2025)
    ['March 2023']
    """
    when = _written_when(written)
    past = dates_now_past(text, year)
    if when is None:
        return past
    return [d for d in past if (int(d.split()[1]), MONTHS.index(d.split()[0]) + 1) > when]


def dates_now_past(text: str, year: int) -> list[str]:
    """Months named in a narrative ('March 2023') that fall before the edition's data date (31 March
    of ``year``), in the order they appear, each once.

    >>> dates_now_past("Croydon ends its hosting in March 2023; a review in May 2025.", 2025)
    ['March 2023']
    """
    seen: list[str] = []
    for match in _MONTH_YEAR.finditer(text):
        month, when = match.group(1), int(match.group(2))
        past = when < year or (when == year and month in ("January", "February", "March"))
        if past and match.group(0) not in seen:
            seen.append(match.group(0))
    return seen


def starting_point_sentences(ambition: Ambition) -> list[str]:
    """The strategy's account of where things stood, shown with the date it was written (and the
    dates it looked ahead to that have passed since), then the section it comes from."""
    if not ambition.found or not isinstance(ambition.info["narrative"], str):
        return ["No account of the starting point has been supplied."]
    narrative = ambition.info["narrative"]
    written = ambition.info.get("written")
    if isinstance(written, str) and written.strip():
        head = f"As the strategy described it in {escape(written.strip())}: {escape(narrative)}"
    else:
        head = ("The strategy's account, with no date recorded for when it was written, so parts of it may be "
                f"out of date: {escape(narrative)}")
    passed = dates_looked_ahead_to(narrative, written, ambition.year)
    later = ""
    if passed:
        later = (f"The {'date' if len(passed) == 1 else 'dates'} it looks ahead to ({escape(and_list(passed))}) "
                 f"{'has' if len(passed) == 1 else 'have'} passed since")
        actions = ambition.plan["actions"]
        reviewed = (actions["ambition"] == ambition.number) & (actions["status"] != NOT_REVIEWED)
        # The review is pointed to only once it has something to say about this ambition's actions.
        later += ("; {doc}`the review of the last strategy <09-review>` says what happened to the actions the "
                  "council has reviewed." if reviewed.any() else ".")
    section = ambition.info["source_section"]
    return [head, later, f"Source: {escape(section)}." if isinstance(section, str) else ""]


def starting_point_section(ambition: Ambition) -> Markdown:
    """The strategy's account of where things stood, with its date and the section it comes from."""
    return prose(*starting_point_sentences(ambition))


def actions_table(ambition: Ambition) -> pd.DataFrame:
    """The ambition's actions as readers see them: a status only where the council has reviewed
    the action (one not yet reviewed has an empty cell, and the page says so once); columns nobody
    has filled in are left out."""
    actions = ambition.plan["actions"]
    actions = actions[actions["ambition"] == ambition.number]
    reviewed = actions["status"] != NOT_REVIEWED
    table = pd.DataFrame({"Action": actions["number"], "What will be done": actions["summary"],
                          "Lead": actions["lead"], "Due": actions["due"],
                          "Status": actions["status"].where(reviewed).str.capitalize(),
                          "Progress": actions["progress_note"]}).reset_index(drop=True)
    empty = [c for c in ("Lead", "Due", "Status", "Progress") if table[c].isna().all()]
    return table.drop(columns=empty).fillna("")


def actions_note(ambition: Ambition) -> str:
    """One sentence on what the council has not yet recorded for these actions: their review,
    and any detail left empty for all of them."""
    actions = ambition.plan["actions"]
    actions = actions[actions["ambition"] == ambition.number]
    waiting = int((actions["status"] == NOT_REVIEWED).sum())
    gaps = ambitions.missing_action_details(ambition.plan, ambition.number)
    parts = []
    if waiting == len(actions):
        parts.append(f"reviewed these {count_phrase(waiting, 'action')}")
    elif waiting:
        parts.append(f"reviewed {waiting} of these {count_phrase(len(actions), 'action')} (their status is blank)")
    if gaps:
        parts.append("recorded " + (", ".join(gaps[:-1]) + " or " + gaps[-1] if len(gaps) > 1 else gaps[0]))
    return f"The council has not yet {' or '.join(parts)}." if parts else ""


def actions_section(page: Page, ambition: Ambition) -> Markdown:
    """The table of actions under the ambition, saying first, once, what is not recorded yet."""
    if not ambition.found:
        return prose("No actions have been supplied.")
    table = actions_table(ambition)
    if not len(table):
        return prose("No actions have been recorded under this ambition.")
    return prose(actions_note(ambition)) + page.table(
        table, name="actions", caption=f"Actions under ambition {ambition.number}.",
        source=f"{ambition.council.name}'s strategy, as recorded in its actions file")


def measures_table(ambition: Ambition) -> pd.DataFrame:
    """The scorecard rows of this ambition for readers, each target saying when its date has passed."""
    table = ambitions.reader_table(ambition.card)
    table["Target"] = [ambitions.target_text(row, ambition.year) for _, row in ambition.card.iterrows()]
    return table


def measure_piece(page: Page, ambition: Ambition, row: pd.Series) -> Markdown:
    """One measure: its status in words and, where it has data, its chart against the target."""
    label = f"{escape(row['id'])}: {escape(row['description'])}"
    if row["status"] == "no data":
        return prose(f"{label}. No data: {escape(row['reason'])}.")
    table = indicators.series(row["indicator"], ambition.council, ambition.year, model=ambition.model)
    fig, numbers, alt = ambitions.measure_chart(table, row.to_dict(), ambition.council.name)
    status = (escape(row["reason"]) if row["status"] == "no recent value"     # "no value since 2021-22"
              else f"{row['status']} ({escape(row['reason'])})")
    words = prose(f"{label}. Status: {status}.",
                  f"What is counted: {escape(row['definition'])}" if row["definition"] else "")
    return words + page.figure(fig, name="measure-" + row["id"].lower().replace(".", "-"), alt=alt,
                               caption=f"{row['id']}: {row['description']}",
                               source=row["source"] or "the council's own records", data=numbers)


def measures_section(page: Page, ambition: Ambition) -> Markdown:
    """The ambition's measures of success in a table, then each measure in words with its chart."""
    if not ambition.found or not len(ambition.card):
        return prose("No measures of success have been supplied for this ambition.")
    out = page.table(measures_table(ambition), name="measures",
                     caption=f"Measures of success for ambition {ambition.number}, data to {ambition.year}.",
                     source="DfE and Ofsted published data; the council's own records")
    for _, row in ambition.card.iterrows():
        out = out + measure_piece(page, ambition, row)
    return out
