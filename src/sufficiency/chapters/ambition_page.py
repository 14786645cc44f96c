"""One ambition's page: its aim, where things stood when the strategy was written, the actions
that serve it, and each measure of success against its target, with a chart per measure.

The build makes one page per row of the council's ``ambitions.csv``, passing the ambition's number
as the ``ambition`` parameter. (The module is not called ``ambition`` so that the page's
parameter keeps that name.) The page loads what it shows once (:func:`load`).
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from sufficiency.data.councils import Council, resolve_council
from sufficiency.measures import ambitions, indicators
from sufficiency.publishing.pages import Markdown, Page, escape, prose


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


def starting_point_section(ambition: Ambition) -> Markdown:
    """The strategy's account of where things stood, with the section it comes from."""
    if not ambition.found or not isinstance(ambition.info["narrative"], str):
        return prose("No account of the starting point has been supplied.")
    section = ambition.info["source_section"]
    return prose(escape(ambition.info["narrative"]),
                 f"Source: {escape(section)}." if isinstance(section, str) else "")


def actions_section(page: Page, ambition: Ambition) -> Markdown:
    """The table of actions under the ambition, saying first which details are not recorded yet."""
    if not ambition.found:
        return prose("No actions have been supplied.")
    actions = ambitions.actions_table(ambition.plan, ambition.number)
    if not len(actions):
        return prose("No actions have been recorded under this ambition.")
    missing = ambitions.missing_action_details(ambition.plan, ambition.number)
    note = prose(f"The council has not yet recorded {' or '.join(missing)} for these actions." if missing else "")
    return note + page.table(actions, name="actions", caption=f"Actions under ambition {ambition.number}.",
                             source=f"{ambition.council.name}'s strategy, as recorded in its actions file")


def measure_piece(page: Page, ambition: Ambition, row: pd.Series) -> Markdown:
    """One measure: its status in words and, where it has data, its chart against the target."""
    label = f"{escape(row['id'])}: {escape(row['description'])}"
    if row["status"] == "no data":
        return prose(f"{label}. No data yet: {escape(row['reason'])}.")
    table = indicators.series(row["indicator"], ambition.council, ambition.year, model=ambition.model)
    fig, numbers, alt = ambitions.measure_chart(table, row.to_dict(), ambition.council.name)
    words = prose(f"{label}. Status: {row['status']} ({escape(row['reason'])}).",
                  f"What is counted: {escape(row['definition'])}" if row["definition"] else "")
    return words + page.figure(fig, name="measure-" + row["id"].lower().replace(".", "-"), alt=alt,
                               caption=f"{row['id']}: {row['description']}",
                               source=row["source"] or "the council's own records", data=numbers)


def measures_section(page: Page, ambition: Ambition) -> Markdown:
    """The ambition's measures of success in a table, then each measure in words with its chart."""
    if not ambition.found or not len(ambition.card):
        return prose("No measures of success have been supplied for this ambition.")
    out = page.table(ambitions.reader_table(ambition.card), name="measures",
                     caption=f"Measures of success for ambition {ambition.number}, data to {ambition.year}.",
                     source="DfE and Ofsted published data; the council's own records")
    for _, row in ambition.card.iterrows():
        out = out + measure_piece(page, ambition, row)
    return out
