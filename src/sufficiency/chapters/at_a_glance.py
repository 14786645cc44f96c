"""The book's first page, "At a glance": the key messages, the strategy period, the ambitions in one
line each, the forecast in one sentence and what the council needs to decide.

Every figure comes from the same functions the evidence pages use (the snapshot of
:mod:`sufficiency.measures.snapshot`, the forecasts of :mod:`sufficiency.forecasting.demand`, the
scorecard of :mod:`sufficiency.measures.ambitions`), so a number here is the number on the page the
message links to. A council with no files of its own gets the page from published data alone.

>>> row = {"key": "three_plus", "unit": "%", "ndigits": 0, "good": "Low", "compared": True, "year": 2025,
...        "value": 8.0, "marker": None, "previous_year": 2024, "previous": 11.0, "previous_marker": None,
...        "england": 10.0, "neighbours": 9.8}
>>> print(key_message(row, KEY_MESSAGES[4]))
Children with three or more placements in the year: 8% in 2025, down from 11% in 2024 (better for \
children); below England's 10% and the statistical neighbours' average of 10% ({doc}`more <04-key-trends>`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from sufficiency.chapters.cost_of_care import unit_cost_trends
from sufficiency.chapters.forecasts_words import describe_forecast
from sufficiency.core.markers import round_half_up
from sufficiency.data import localdata
from sufficiency.data.councils import Council, resolve_council
from sufficiency.forecasting import demand
from sufficiency.measures import ambitions, review
from sufficiency.measures.costs import fy
from sufficiency.measures.snapshot import snapshot
from sufficiency.publishing.pages import Markdown, escape, prose
from sufficiency.publishing.words import (
    and_list,
    fmt_figure,
    fmt_money,
    fmt_number,
    is_missing,
    marker_meaning,
    position,
)


@dataclass(frozen=True)
class KeyMessage:
    """One key message: the snapshot measure it reports, how it is named, and the page that shows it."""

    key: str          # a key of measures.snapshot.SNAPSHOT
    subject: str      # how the sentence names the figure
    page: str         # the page with its chart and comparisons


#: The key messages, in the order the page gives them.
KEY_MESSAGES: list[KeyMessage] = [
    KeyMessage("cla", "Children looked after on 31 March", "04-children-looked-after"),
    KeyMessage("cla_rate", "Children looked after per 10,000 children", "04-children-looked-after"),
    KeyMessage("foster", "Children looked after living in foster placements", "04-key-trends"),
    KeyMessage("inside", "Children placed inside the council's boundary", "04-key-trends"),
    KeyMessage("three_plus", "Children with three or more placements in the year", "04-key-trends"),
    KeyMessage("long_term", "Children under 16 with the same carer for two years or more", "04-key-trends"),
    KeyMessage("uasc", "Unaccompanied asylum-seeking children looked after", "04-key-trends"),
    KeyMessage("leavers_suitable", "Care leavers aged 19 to 21 in suitable accommodation", "04-key-trends"),
]

_GOOD = {"High": 1, "Low": -1}

#: The Section 251 unit costs the page reports (LAIT codes of costs.UNIT_COST_MEASURES), as it names them.
COST_MESSAGES = {"LACFinance": "Weekly spend per child looked after",
                 "RescareFinance": "Weekly spend per child in residential care"}
COST_PAGE = "06-cost-of-care"


def _shown(value, unit: str, ndigits: int, marker=None) -> str:
    return fmt_figure(value, unit, ndigits, marker if isinstance(marker, str) and marker else None)


def change_words(row: dict) -> str:
    """'down from 11% in 2024 (better for children)', 'the same as in 2024', or '' with no earlier figure."""
    unit, nd = row["unit"], int(row["ndigits"])
    if is_missing(row.get("previous_year")):
        return ""
    year = int(row["previous_year"])
    if is_missing(row.get("previous")):
        marker = row.get("previous_marker")
        return f"no figure for {year}" + (f" ({marker})" if marker else "")
    a, b = round_half_up(row["previous"], nd), round_half_up(row["value"], nd)
    if a == b:
        return f"the same as in {year}"
    text = f"{'up' if b > a else 'down'} from {_shown(row['previous'], unit, nd)} in {year}"
    good = _GOOD.get(row.get("good") or "")
    if good:
        text += " (better for children)" if (b - a) * good > 0 else " (worse for children)"
    return text


def comparison_words(row: dict) -> str:
    """'below England's 10% and the statistical neighbours' average of 10%' ('' for counts)."""
    if not row.get("compared") or is_missing(row.get("value")):
        return ""
    unit, nd = row["unit"], int(row["ndigits"])
    parts = []
    england, neighbours = row.get("england"), row.get("neighbours")
    if not is_missing(england):
        parts.append((position(row["value"], england, nd), f"England's {_shown(england, unit, nd)}"))
    if not is_missing(neighbours):
        parts.append((position(row["value"], neighbours, nd),
                      f"the statistical neighbours' average of {_shown(neighbours, unit, nd)}"))
    if not parts:
        return ""
    if len(parts) == 2 and parts[0][0] == parts[1][0]:
        return f"{parts[0][0]} {parts[0][1]} and {parts[1][1]}"
    return and_list([f"{p} {what}" for p, what in parts])


def key_message(row: dict, message: KeyMessage) -> str:
    """One sentence: the figure, its change against last year, its place against England and the
    statistical neighbours, and a link to the page that shows it."""
    link = f"({{doc}}`more <{message.page}>`)"
    unit, nd = row["unit"], int(row["ndigits"])
    if is_missing(row.get("year")):
        # Not "none published": a former council (Cumbria, 2022) is missing from DfE's current extracts
        # though DfE published its figures at the time.
        return f"{message.subject}: {_shown(None, unit, nd)} in the published statistics this book uses {link}."
    year = int(row["year"])
    if is_missing(row.get("value")):
        return f"{message.subject}: no figure published for {year}{marker_meaning(row.get('marker'))} {link}."
    text = f"{message.subject}: {_shown(row['value'], unit, nd)} in {year}"
    change = change_words(row)
    if change:
        text += f", {change}"
    against = comparison_words(row)
    if against:
        text += f"; {against}"
    return f"{text} {link}."


def key_messages(snap: pd.DataFrame) -> list[str]:
    """:func:`key_message` for each of :data:`KEY_MESSAGES`, from :func:`snapshot`'s table."""
    rows = snap.set_index("key")
    out = []
    for message in KEY_MESSAGES:
        if message.key in rows.index:
            row = rows.loc[message.key].to_dict()
            out.append(key_message({"key": message.key, **row}, message))
    return out


def cost_message(t, subject: str, year: int) -> str:
    """One unit cost (a :class:`~sufficiency.measures.trends.Trend`, None before LAIT has any) for the
    edition's financial year: its change on the year before, then England and the neighbours; or
    that there is no figure."""
    rows = t.table.set_index("year") if t is not None else pd.DataFrame()
    more = f"{{doc}}`more <{COST_PAGE}>`"
    if year not in rows.index or is_missing(rows.at[year, "council"]):
        marker = rows.at[year, "council_marker"] if year in rows.index else None
        return f"{subject}: no figure for {fy(year)} in DfE's Section 251 returns{marker_meaning(marker)} ({more})."
    row = rows.loc[year]
    text = f"{subject}: {fmt_money(row['council'])} in {fy(year)}"
    if year - 1 in rows.index and not is_missing(rows.at[year - 1, "council"]):
        before = rows.at[year - 1, "council"]
        text += (f", {'up' if row['council'] > before else 'down' if row['council'] < before else 'the same as'}"
                 + (f" from {fmt_money(before)}" if row["council"] != before else f" {fmt_money(before)}")
                 + f" in {fy(year - 1)}")
    parts = []
    if not is_missing(row["england"]) and row["england"]:
        ratio = row["council"] / row["england"]
        parts.append(f"{fmt_number(ratio, 1)} times England's {fmt_money(row['england'])}" if ratio >= 1.05 else
                     f"{fmt_money(row['england'])} in England" if ratio > 0.95 else
                     f"below England's {fmt_money(row['england'])}")
    if not is_missing(row["neighbours_mean"]):
        side = "above" if row["council"] > row["neighbours_mean"] else "below"
        parts.append(f"{side} the statistical neighbours' average of {fmt_money(row['neighbours_mean'])}")
    if parts:
        text += "; " + " and ".join(parts)
    return text + f" (Section 251 outturn, cash prices; {more})."


def cost_messages(council: str | Council, year: int, sn_model: str = "2025") -> list[str]:
    """:func:`cost_message` for each of :data:`COST_MESSAGES`, from the cost page's own trends."""
    unit = unit_cost_trends(resolve_council(council), year, sn_model)
    return [cost_message(unit.get(code), subject, year) for code, subject in COST_MESSAGES.items()]


def worse_than_england(snap: pd.DataFrame) -> list[str]:
    """The key messages' subjects whose latest figure is on the worse side of England's."""
    rows = snap.set_index("key")
    worse = []
    for message in KEY_MESSAGES:
        if message.key not in rows.index:
            continue
        r = rows.loc[message.key]
        good = _GOOD.get(r["good"] or "")
        if not good or not r["compared"] or is_missing(r["value"]) or is_missing(r["england"]):
            continue
        nd = int(r["ndigits"])
        if (round_half_up(r["value"], nd) - round_half_up(r["england"], nd)) * good < 0:
            worse.append(message.subject[0].lower() + message.subject[1:])
    return worse


# ----------------------------------------------------------------------------- the council's strategy

_PERIOD = re.compile(r"\b(20\d{2})\s*[–-]\s*(\d{2})\b")


def parse_period(text) -> tuple[int, int] | None:
    """'2022-25' or '2022–25' as its first and last reporting years, (2022, 2025).

    >>> parse_period("2022-25"), parse_period("next year")
    ((2022, 2025), None)
    """
    match = _PERIOD.search(str(text or ""))
    return None if match is None else (int(match.group(1)), int(match.group(1)[:2] + match.group(2)))


def council_period(council: Council, plan: dict | None) -> tuple[int, int] | None:
    """The strategy period: the council's ``strategy.csv`` where it has one, else the period its
    measures of success name as their source (:func:`strategy_period`)."""
    if plan is None:
        return None
    return parse_period(localdata.current_period(council.slug)) or strategy_period(plan)


def strategy_period(plan: dict | None) -> tuple[int, int] | None:
    """The strategy's first and last reporting years, e.g. (2022, 2025), from the period the
    council's measures of success name as their source (the most often named, if several). None
    when the council has no files, or they name no period.

    >>> strategy_period({"measures": pd.DataFrame({"source": ["Placement Sufficiency Strategy 2022–25"]})})
    (2022, 2025)
    >>> strategy_period(None)
    """
    if plan is None or "measures" not in plan or "source" not in plan["measures"]:
        return None
    found = []
    for text in plan["measures"]["source"].dropna():
        for start, end in _PERIOD.findall(str(text)):
            found.append((int(start), int(start[:2] + end)))
    if not found:
        return None
    return max(set(found), key=lambda p: (found.count(p), p))


def period_text(name: str, period: tuple[int, int] | None, year: int) -> str:
    """The strategy period and where this edition's data sit in it."""
    if period is None:
        return (f"{name} has no strategy period in this book: it has not supplied a strategy of its own, "
                "so there are no ambitions, actions or targets here yet. Every figure on this page comes "
                "from published statistics.")
    start, end = period
    label = f"{start}–{str(end)[-2:]}"
    text = f"The strategy covers {label}: from 1 April {start} to 31 March {end}."
    if year >= end:
        text += (f" This edition's data run to 31 March {year}, so the period has ended"
                 + (" with them" if year == end else "") + ": it is time to review it and set the next one.")
    elif year >= start:
        text += f" This edition's data run to 31 March {year}, {end - year} year{'s' if end - year != 1 else ''} before its end."
    return text


def ambition_lines(plan: dict | None) -> list[str]:
    """Each ambition in one line: its number, its title and its aim."""
    if plan is None or plan["ambitions"].empty:
        return []
    lines = []
    for a in plan["ambitions"].itertuples():
        aim = "" if is_missing(a.aim) or not str(a.aim).strip() else f": {escape(a.aim)}"
        lines.append(f"{int(a.number)}. **{escape(a.title)}**{aim}")
    return lines


def ambitions_text(name: str, plan: dict | None) -> str:
    lines = ambition_lines(plan)
    if not lines:
        return f"{name} has not set out ambitions in this book yet."
    return "\n".join(lines) + "\n\nEach ambition has a page of its own under \"Our ambitions\"."


# ----------------------------------------------------------------------------- the forecast

def forecast_text(name: str, year: int, frame: pd.DataFrame | None, latest: float | None) -> str:
    """The forecast of children looked after in one sentence, with its ranges."""
    if frame is None or frame.empty:
        return (f"There are too few published years to forecast how many children {name} will look after "
                "({doc}`more <07-forecasts>`).")
    sentence = describe_forecast(frame, "children").rstrip(".")
    last = int(frame["year"].max())
    now = "" if is_missing(latest) else f", against {fmt_figure(latest)} on 31 March {year}"
    return (f"Children looked after on 31 March: {sentence[0].lower()}{sentence[1:]}{now}; the ranges show how "
            f"far the real figure for {last} could fall from the central one ({{doc}}`more <07-forecasts>`).")


# ----------------------------------------------------------------------------- decisions

def decisions(name: str, plan: dict | None, year: int, period: tuple[int, int] | None,
              card: pd.DataFrame | None, worse: list[str], unreviewed: tuple[int, int] = (0, 0)) -> list[str]:
    """What the council needs to decide, each as one bullet, from its files, its scorecard, the
    review of its last strategy (``unreviewed``: actions not yet reviewed, and all its actions) and
    the figures that are worse than England's."""
    items = []
    if plan is None:
        items.append(f"Set out {name}'s ambitions, actions and measures of success, with targets, so that "
                     "the next edition can track them.")
    else:
        if period is not None and year >= period[1]:
            items.append("Agree the strategy for the next period, starting from what the last one achieved.")
        if unreviewed[0]:
            items.append(f"Record how far each action has got: {review.not_yet_reviewed_text(*unreviewed)} "
                         "({doc}`more <09-review>`).")
        measures = plan["measures"]
        no_target = int(measures["target_value"].isna().sum()) if len(measures) else 0
        if no_target:
            items.append(f"Set targets for the {no_target} of {len(measures)} measures of success that have none "
                         "({doc}`more <08-ambitions-scorecard>`).")
        if card is not None and len(card):
            passed = ambitions.passed_targets(card, year)
            due = sum(passed.values())
            known = [f"{n} {words}" for n, words in ((passed["met"], "met"), (passed["short"], "fell short"),
                                                     (passed["no value"], "has no value" if passed["no value"] == 1
                                                      else "have no value")) if n]
            if due:
                items.append(f"Set new targets for the {due} measure{'s' if due != 1 else ''} whose target date has "
                             f"passed ({and_list(known)}; {{doc}}`more <08-ambitions-scorecard>`).")
            off = int((card["status"] == "off track").sum())
            if off:
                items.append(f"Decide what to do about the {off} measure{'s' if off != 1 else ''} of success that "
                             "{verb} off track ({{doc}}`more <08-ambitions-scorecard>`).".format(
                                 verb="are" if off != 1 else "is"))
    if worse:
        items.append(f"Look into the figures that are worse than England's: {and_list(worse)}.")
    items.append("Decide how many homes of each kind to plan for, from the range of the forecast and the supply "
                 "of foster carers and children's homes ({doc}`more <07-forecasts>`).")
    return items


# ----------------------------------------------------------------------------- the page's sections

def messages_section(council: str | Council, year: int, sn_model: str = "2025") -> Markdown:
    """The key messages as a bulleted list, then one line on what the arrows of direction mean."""
    council = resolve_council(council)
    snap = snapshot(council, year, sn_model)
    return prose("\n".join(f"- {m}" for m in key_messages(snap) + cost_messages(council, year, sn_model)),
                 "\"Better\" and \"worse\" follow the direction that is good for children, where DfE names one. "
                 "Each figure is the latest published; the statistical neighbours are the councils DfE judges "
                 f"most like {escape(council.name)}.")


def strategy_section(council: str | Council, year: int) -> Markdown:
    """The strategy period and each ambition in one line."""
    council = resolve_council(council)
    plan = ambitions.load_plan(council)
    name = escape(council.name)
    title = ""
    if plan is not None:
        strategy = localdata.load_strategy(council.slug)
        if len(strategy) and not is_missing(strategy["title"].iloc[0]) and str(strategy["title"].iloc[0]).strip():
            title = f"{name}'s current strategy is “{escape(strategy['title'].iloc[0])}”. "
    return prose(title + period_text(name, council_period(council, plan), year), ambitions_text(name, plan))


def forecast_section(council: str | Council, year: int, sn_model: str = "2025") -> Markdown:
    """The forecast of children looked after in one sentence (the forecasts chapter's own forecast),
    beside the latest published count."""
    council = resolve_council(council)
    fs = demand.council_forecasts(council, year)
    frame = fs.frame("cla_31_march") if "cla_31_march" in fs.results else None
    cla = snapshot(council, year, sn_model).set_index("key").loc["cla"]
    latest = cla["value"] if cla["year"] == year else None
    return prose(forecast_text(escape(council.name), year, frame, latest))


def decisions_section(council: str | Council, year: int, sn_model: str = "2025") -> Markdown:
    """What the council needs to decide, as a bulleted list."""
    council = resolve_council(council)
    plan = ambitions.load_plan(council)
    card = ambitions.scorecard(council, year, model=sn_model) if plan is not None else None
    snap = snapshot(council, year, sn_model)
    reviewed = review.reviewed_plan(council)
    unreviewed = (review.not_yet_reviewed_count(council), len(reviewed.actions)) if reviewed is not None else (0, 0)
    items = decisions(escape(council.name), plan, year, council_period(council, plan), card, worse_than_england(snap),
                      unreviewed)
    return prose("\n".join(f"- {i}" for i in items))
