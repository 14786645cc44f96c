"""The easy-read page for children and young people: short sentences about how many children the
council looks after and where they live, what the council promises (its pledges), what it plans to
change (its ambitions), and who to talk to. The numbers are the snapshot's, as on the other pages;
a council with no files of its own gets the page from published figures alone.

>>> print(out_of_100(68.0, "lived with foster carers"))
68 out of every 100 lived with foster carers.
"""
from __future__ import annotations

import pandas as pd

from sufficiency.data.councils import Council, resolve_council
from sufficiency.measures import ambitions
from sufficiency.measures.snapshot import snapshot
from sufficiency.publishing.pages import Markdown, escape, prose
from sufficiency.publishing.words import fmt_number, is_missing


def out_of_100(percent, what: str) -> str:
    """'68 out of every 100 lived with foster carers.' ('' when there is no figure)."""
    if is_missing(percent):
        return ""
    return f"{fmt_number(percent)} out of every 100 {what}."


def numbers_text(name: str, snap: pd.DataFrame) -> list[str]:
    """A few short sentences from the snapshot: how many children, where they live, how settled."""
    rows = snap.set_index("key")
    cla = rows.loc["cla"]
    if is_missing(cla["value"]):
        if cla["marker"] == "c":
            return [f"{name} looks after only a few children. The number is not shown, so that nobody can tell "
                    "who they are."]
        return [f"We could not find how many children {name} looks after. The number is not published."]
    year = int(cla["year"])
    lines = [f"On 31 March {year}, {name} looked after {fmt_number(cla['value'])} children and young people."]
    for key, what in (("foster", "lived with foster carers"),
                      ("inside", f"lived inside {name}"),
                      ("within_20", "lived 20 miles or less from their family home")):
        row = rows.loc[key]
        if not is_missing(row["value"]) and int(row["year"]) == year:
            lines.append(out_of_100(row["value"], what))
    row = rows.loc["three_plus"]
    if not is_missing(row["value"]) and int(row["year"]) == year:
        lines.append(f"{fmt_number(row['value'])} out of every 100 had to move home three times or more in a year. "
                     "We want that number to be as small as it can be.")
    return lines


def promises_text(name: str, pledges: pd.DataFrame | None) -> str:
    """The council's pledges as a short list, or what every council must do when it has none here."""
    if pledges is None or pledges.empty:
        return (f"{name} has not written its promises to you in this book yet. Every council must act like a "
                "good parent for each child it looks after. That means keeping you safe, listening to you, and "
                "helping you do well at school and in life.")
    return f"{name} promises:\n\n" + "\n".join(f"- {escape(p)}" for p in pledges["pledge"])


def changes_text(name: str, plan: dict | None) -> str:
    """What the council plans to change: its ambitions, by their titles and aims."""
    if plan is None or plan["ambitions"].empty:
        return (f"{name} has not written its plans in this book yet. The numbers on this page will help it "
                "plan how many homes children need, and where.")
    lines = []
    for a in plan["ambitions"].itertuples():
        aim = "" if is_missing(a.aim) else f" {escape(a.aim)}"
        lines.append(f"- **{escape(a.title)}.**{aim}")
    return f"{name} has {len(lines)} big aims:\n\n" + "\n".join(lines)


#: People and services a child in care can always talk to (national services, the same everywhere).
TALK_TO = [
    "**Your social worker.** They are there to listen and to help you.",
    "**Your Independent Reviewing Officer (IRO).** They check that your care plan is right for you, "
    "and that people do what they said they would.",
    "**An advocate.** An advocate is on your side. They help you say what you want, and make sure you are "
    "heard. Ask your social worker or IRO to find you one. It is free.",
    "**Help at Hand**, from the Children's Commissioner for England: 0800 528 0731. It is free.",
    "**Childline**: 0800 1111, any time, day or night. It is free and private.",
]


def talk_to_text(name: str) -> str:
    return ("If you are worried, or want something to change, you can talk to:\n\n"
            + "\n".join(f"- {t}" for t in TALK_TO)
            + f"\n\nYou can also tell {name} what you think about this plan. Your social worker can tell you how.")


# ----------------------------------------------------------------------------- the page's sections

def numbers_section(council: str | Council, year: int, sn_model: str = "2025") -> Markdown:
    council = resolve_council(council)
    return prose("\n\n".join(numbers_text(escape(council.name), snapshot(council, year, sn_model))))


def promises_section(council: str | Council) -> Markdown:
    council = resolve_council(council)
    plan = ambitions.load_plan(council)
    return prose(promises_text(escape(council.name), plan["pledges"] if plan is not None else None))


def changes_section(council: str | Council) -> Markdown:
    council = resolve_council(council)
    return prose(changes_text(escape(council.name), ambitions.load_plan(council)))


def talk_to_section(council: str | Council) -> Markdown:
    return prose(talk_to_text(escape(resolve_council(council).name)))
