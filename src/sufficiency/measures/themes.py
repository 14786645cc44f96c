"""Stakeholder voices: a documented codebook that puts each feedback point under one main theme.

The codebook lives in ``themes_codebook.yml`` next to this module. Each theme has phrases; a point
touches a theme when its text contains one of them (whole words, capitals ignored, ``*`` at the
end of a word matches any ending), and its main theme is the theme of the phrase that comes first
in the text (:func:`main_theme_of`): each point is counted and listed once. A theme typed by hand in
feedback.csv's ``theme`` column wins over the phrases; a point that matches nothing goes under
``other``. The chapter prints the codebook as a table, so the rule is in the book itself, and
:func:`agreement` measures the rule against points labelled by hand.

Everything that reaches the page from feedback.csv is escaped (:func:`sufficiency.publishing.pages.escape`):
the file is edited by hand, so its text is never trusted as markup.

>>> book = load_codebook()
>>> themes_of("Payments are often late.", book)
('payments_and_money',)
>>> themes_of("Nothing in the codebook here.", book)
('other',)
>>> main_theme_of("Late payments led to a placement move.", book)
'payments_and_money'
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import yaml

from sufficiency.core import files
from sufficiency.core.errors import InputError
from sufficiency.data.localdata import FEEDBACK_GROUPS
from sufficiency.measures.costs import period_end_year
from sufficiency.publishing import charts
from sufficiency.publishing.pages import Markdown, escape
from sufficiency.publishing.words import MISSING, and_list, fmt_figure, fmt_number

CODEBOOK = Path(__file__).resolve().with_name("themes_codebook.yml")
OTHER = "other"
OTHER_LABEL = "Other"
#: Separator between several themes typed by hand in one cell.
HAND_SEPARATOR = ";"
#: How the book names each stakeholder group (keys are feedback.csv's `group` values).
GROUP_LABELS = {
    "placement providers": "Care providers",     # not "placement": the same words in prose and tables
    "foster carers": "Foster carers",
    "independent reviewing officers": "Independent reviewing officers",
    "children and young people": "Children and young people",
    "care leavers": "Care leavers",
    "other": "Others",
}
#: The facts from the IRO annual report that the chapter quotes (figure ids in local_figures.csv).
IRO_FIGURES = ("iro_reviews_on_time", "iro_escalations_alerts", "advocacy_requests")


@dataclass(frozen=True)
class Theme:
    """One theme of the codebook: ``key`` (used in files), ``label`` (shown), what it ``covers``,
    and the ``phrases`` that put a point under it."""

    key: str
    label: str
    covers: str
    phrases: tuple[str, ...]

    @property
    def pattern(self) -> re.Pattern:
        return re.compile("|".join(phrase_regex(p) for p in self.phrases), re.IGNORECASE)


def phrase_regex(phrase: str) -> str:
    """The regular expression for one codebook phrase: whole words, any spacing between them,
    a trailing ``*`` on a word for any ending.

    >>> phrase_regex("social worker*")
    '\\\\bsocial\\\\s+worker\\\\w*'
    >>> bool(re.search(phrase_regex("move*"), "placement moves")), bool(re.search(phrase_regex("move*"), "remove"))
    (True, False)
    """
    words = []
    for word in phrase.split():
        stem = word.rstrip("*")
        words.append(re.escape(stem) + (r"\w*" if word.endswith("*") else ""))
    tail = "" if phrase.endswith("*") else r"\b"
    return r"\b" + r"\s+".join(words) + tail


def load_codebook(path: Path | str | None = None) -> tuple[Theme, ...]:
    """Read and check the codebook; a mistake in it is an :class:`InputError` naming the theme."""
    return _load_codebook(Path(path) if path is not None else CODEBOOK)


@lru_cache(maxsize=4)
def _load_codebook(path: Path) -> tuple[Theme, ...]:
    files.record_read(path)
    if not path.exists():
        raise InputError(path, problem="the codebook file is missing")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise InputError(path, problem=f"the codebook is not valid YAML ({str(exc).splitlines()[0]})") from None
    entries = data.get("themes") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise InputError(path, "top level", "no list under 'themes'", "a list of themes under 'themes:'")
    themes, seen = [], set()
    for n, entry in enumerate(entries, start=1):
        where = f"theme {n}"
        if not isinstance(entry, dict):
            raise InputError(path, where, repr(entry), "a theme with key, label, covers and phrases")
        for field in ("key", "label", "covers", "phrases"):
            if not entry.get(field):
                raise InputError(path, where, f"no {field!r}", "key, label, covers and phrases all filled in")
        key = str(entry["key"])
        if not re.fullmatch(r"[a-z][a-z0-9_]*", key) or key == OTHER:
            raise InputError(path, f"{where}, 'key'", repr(key),
                             "lower-case letters, digits and underscores, and not 'other'")
        names = {key.casefold(), str(entry["label"]).casefold()}
        if names & seen:
            raise InputError(path, f"{where}, 'key'", f"{key!r} or its label again", "each key and label once")
        seen |= names
        phrases = entry["phrases"]
        if not isinstance(phrases, list) or not all(isinstance(p, str) and p.strip() for p in phrases):
            raise InputError(path, f"{where} ({key}), 'phrases'", repr(phrases), "a list of words or phrases")
        themes.append(Theme(key, str(entry["label"]), str(entry["covers"]), tuple(p.strip() for p in phrases)))
    return tuple(themes)


def themes_of(text: str, codebook: tuple[Theme, ...]) -> tuple[str, ...]:
    """The keys of every theme whose phrases occur in ``text`` (codebook order), or ``('other',)``."""
    found = tuple(t.key for t in codebook if t.pattern.search(str(text)))
    return found or (OTHER,)


def main_theme_of(text: str, codebook: tuple[Theme, ...]) -> str:
    """The key of the theme whose phrase comes first in ``text`` (codebook order where two start at
    the same place), or 'other' when none matches: the one theme a point is counted under."""
    starts = [(match.start(), n, theme.key) for n, theme in enumerate(codebook)
              if (match := theme.pattern.search(str(text)))]
    return min(starts)[2] if starts else OTHER


def matched_phrases(text: str, theme: Theme) -> list[str]:
    """The words of ``text`` that put it under ``theme`` (to show why)."""
    return [m.group(0) for m in theme.pattern.finditer(str(text))]


def _hand_themes(cell: str, codebook: tuple[Theme, ...], path, where: str) -> tuple[str, ...]:
    """Theme keys from a hand-typed cell ('Stability and moves; communication'), checked."""
    by_name = {t.key.casefold(): t.key for t in codebook} | {t.label.casefold(): t.key for t in codebook}
    by_name[OTHER] = OTHER
    keys = []
    for part in str(cell).split(HAND_SEPARATOR):
        name = re.sub(r"\s+", " ", part.strip()).casefold()
        if not name:
            continue
        if name not in by_name:
            raise InputError(path, where, repr(part.strip()),
                             "a theme of the codebook (" + ", ".join(repr(t.label) for t in codebook) +
                             ", or 'other'), or an empty cell to let the codebook decide",
                             hint=f"Several themes are separated by '{HAND_SEPARATOR}'; "
                                  f"new themes are added in {CODEBOOK.name}")
        if by_name[name] not in keys:
            keys.append(by_name[name])
    return tuple(keys)


def assign_themes(feedback: pd.DataFrame, codebook: tuple[Theme, ...] | None = None, *,
                  path: Path | str = "feedback.csv") -> pd.DataFrame:
    """``feedback`` (as :func:`sufficiency.data.localdata.load_feedback` returns it) with three columns
    added: ``themes`` (every theme the point touches, a tuple of keys), ``main_theme`` (the one it is
    counted under: the first typed by hand, or :func:`main_theme_of`) and ``decided_by`` ('hand' or
    'codebook').

    ``path`` names the file in error messages; rows are numbered as a spreadsheet shows them. Where
    the table was read from the council's workbook (its ``attrs["source"]``, set by the loader), the
    message names the sheet and cell instead.
    """
    codebook = codebook or load_codebook()
    source = feedback.attrs.get("source")
    out = feedback.copy()
    themes, main, decided = [], [], []
    for i, (point, hand) in enumerate(zip(out["point"], out["theme"])):
        where = source.cell(i, "theme") if source is not None else f"row {i + 2}, column 'theme'"
        by_hand = () if pd.isna(hand) else _hand_themes(hand, codebook, source.path if source else path, where)
        themes.append(by_hand or themes_of(point, codebook))
        main.append(by_hand[0] if by_hand else main_theme_of(point, codebook))
        decided.append("hand" if by_hand else "codebook")
    out["themes"] = themes
    out["main_theme"] = main
    out["decided_by"] = decided
    return out


def theme_labels(codebook: tuple[Theme, ...]) -> dict[str, str]:
    """Theme key → label, with 'other' last."""
    return {t.key: t.label for t in codebook} | {OTHER: OTHER_LABEL}


def theme_counts(assigned: pd.DataFrame, codebook: tuple[Theme, ...]) -> pd.DataFrame:
    """Points per main theme (rows, codebook order) and group (columns, in the order of
    :data:`GROUP_LABELS`, only groups that spoke), with an 'All groups' column. Each point counts
    once, under its main theme."""
    labels = theme_labels(codebook)
    groups = [g for g in FEEDBACK_GROUPS if g in set(assigned["group"])]
    table = pd.crosstab(assigned["main_theme"], assigned["group"]).reindex(index=list(labels), columns=groups,
                                                                           fill_value=0)
    table = table.fillna(0).astype(int)
    table.index = [labels[k] for k in table.index]
    table.columns = [GROUP_LABELS[g] for g in groups]
    table.index.name = "Theme"
    table.columns.name = None
    table["All groups"] = assigned["main_theme"].value_counts().reindex(list(labels), fill_value=0).to_numpy()
    return table


def codebook_table(codebook: tuple[Theme, ...]) -> pd.DataFrame:
    """The rule as readers see it: theme, what it covers, and the phrases that place a point there."""
    rows = [{"Theme": t.label, "What it covers": t.covers,
             "A point is placed here when it contains": "; ".join(t.phrases)} for t in codebook]
    rows.append({"Theme": OTHER_LABEL, "What it covers": "Points that match no theme above.",
                 "A point is placed here when it contains": "none of the phrases above"})
    return pd.DataFrame(rows)


def heatmap(counts: pd.DataFrame, *, title: str):
    """A heat map of points by theme (rows) and group (columns), each cell labelled with its count.

    Colour runs from white (no points) to dark blue in the single-hue sequential ``Blues`` map: only
    lightness changes, so it reads the same with the common colour-vision deficiencies and in
    greyscale, and the written counts carry the meaning on their own.
    """
    charts.theme()
    values = counts.drop(columns=["All groups"], errors="ignore")
    height = 0.42 * len(values) + 1.6
    fig, ax = plt.subplots(figsize=(7.5, height))
    cmap = plt.get_cmap("Blues")
    top = max(int(values.to_numpy().max()), 1)
    ax.imshow(values.to_numpy(), cmap=cmap, vmin=0, vmax=top, aspect="auto")
    # thin white lines between cells so neighbouring cells of the same shade stay distinct
    ax.set_xticks(np.arange(-0.5, values.shape[1]), minor=True)
    ax.set_yticks(np.arange(-0.5, values.shape[0]), minor=True)
    ax.grid(which="minor", color="white", linewidth=1.5)
    ax.tick_params(which="minor", length=0)
    ax.grid(which="major", visible=False)
    for (r, c), v in np.ndenumerate(values.to_numpy()):
        shade = cmap(v / top)
        light = 0.299 * shade[0] + 0.587 * shade[1] + 0.114 * shade[2] > 0.5
        ax.text(c, r, str(v), ha="center", va="center", fontsize=10, color="black" if light else "white")
    ax.set_xticks(range(values.shape[1]))
    ax.set_xticklabels([_wrap(c) for c in values.columns], fontsize=9)
    ax.xaxis.tick_top()
    ax.set_yticks(range(values.shape[0]))
    ax.set_yticklabels(values.index, fontsize=9)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_title(title, loc="left", fontsize=11, pad=34)
    fig.tight_layout()
    return fig


def _wrap(text: str, width: int = 14) -> str:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join(lines + [line])


def heatmap_alt(counts: pd.DataFrame) -> str:
    """Alt text for the heat map, worded from its numbers."""
    values = counts.drop(columns=["All groups"], errors="ignore")
    total = counts["All groups"] if "All groups" in counts else values.sum(axis=1)
    top = total.sort_values(ascending=False, kind="stable")
    parts = [f"{name} ({int(n)})" for name, n in top.items() if n > 0][:3]
    busiest = values.stack().idxmax() if values.to_numpy().max() > 0 else None
    text = (f"Heat map of stakeholder points by theme ({len(values)} rows) and group "
            f"({', '.join(values.columns)}); darker cells hold more points and each cell shows its count.")
    if parts:
        text += " Most common themes: " + ", ".join(parts) + "."
    if busiest:
        n = int(values.loc[busiest])
        text += f" The largest cell is {busiest[0]} from {busiest[1]}, with {n} point{'s' if n != 1 else ''}."
    return text


def when_text(when) -> str:
    """When a point was made, as the page shows it: the council's own words, or that it is not recorded.

    >>> when_text("2021-22"), when_text(None)
    ('2021–22', 'date not recorded')
    """
    return "date not recorded" if pd.isna(when) or not str(when).strip() else _dash_years(str(when).strip())


def points_by_theme(assigned: pd.DataFrame, codebook: tuple[Theme, ...]) -> Markdown:
    """Every point under its main theme, as escaped text in quotation marks (as recorded) with its
    group, date and id.

    Theme names are bold paragraphs, not headings (headings never go in generated output).
    """
    labels = theme_labels(codebook)
    blocks = []
    for key, label in labels.items():
        rows = assigned[assigned["main_theme"] == key]
        if rows.empty:
            continue
        n = len(rows)
        lines = [f"**{escape(label)}** ({n} point{'s' if n != 1 else ''})", ""]
        for _, row in rows.iterrows():
            group = GROUP_LABELS.get(row["group"], row["group"])
            by_hand = " (theme set by hand)" if row["decided_by"] == "hand" else ""
            # In quotation marks: the point as recorded, which the council's vocabulary never changes
            # (young people who asked to drop 'placement' would otherwise be shown asking to drop 'home').
            lines.append(f"- “{escape(row['point'])}” *{escape(group)}, {escape(when_text(row['when']))}, "
                         f"{escape(row['id'])}{escape(by_hand)}*")
        blocks.append("\n".join(lines))
    return Markdown("\n\n".join(blocks))


def summary_sentences(assigned: pd.DataFrame, codebook: tuple[Theme, ...]) -> str:
    """How many points, from whom, how many themes each, how many set by hand, how many 'other'."""
    n = len(assigned)
    if n == 0:
        return ""
    groups = assigned["group"].value_counts()
    named = [f"{fmt_number(groups[g])} from {GROUP_LABELS[g].lower()}" for g in GROUP_LABELS if g in groups]
    other = int((assigned["main_theme"] == OTHER).sum())
    hand = int((assigned["decided_by"] == "hand").sum())
    text = (f"The council recorded {fmt_number(n)} points: {and_list(named)}. "
            "Each point is counted once, under its main theme. ")
    text += (f"{_count(hand, 'point has its theme', 'points have their themes')} set by hand in the file; "
             f"the codebook decided the rest. " if hand else "The codebook decided the theme of every point. ")
    text += (f"{_count(other, 'point matches', 'points match')} no theme and {'is' if other == 1 else 'are'} "
             f"listed under Other." if other else "Every point matches at least one theme, so none is listed under Other.")
    return text


def _count(n: int, one: str, many: str) -> str:
    word = {0: "No", 1: "One"}.get(n)
    return f"{word} {one if n == 1 else many}" if word else f"{fmt_number(n)} {many}"


def iro_facts(local_figures: pd.DataFrame, year: int | None = None) -> pd.DataFrame:
    """The IRO annual report facts the strategy quotes, as a table for readers: what, value
    (worded with its unit), period and source. Figures whose period ends after ``year`` are left out."""
    rows = local_figures[local_figures["figure_id"].isin(IRO_FIGURES)].copy()
    if year is not None:
        rows = rows[rows["period"].map(lambda p: (period_end_year(p) or 0) <= year)]
    rows["_order"] = rows["figure_id"].map(IRO_FIGURES.index)
    rows = rows.sort_values(["_order", "period"])
    out = []
    for _, r in rows.iterrows():
        unit = "" if pd.isna(r["unit"]) else str(r["unit"]).strip()
        shown = fmt_figure(r["value"], unit)   # MISSING ('no data') where the file leaves it empty
        if shown != MISSING and "more than" in unit:
            shown = f"more than {shown}"
        elif shown != MISSING and "approximate" in unit:
            shown = f"about {shown}"
        out.append({"Fact": r["description"], "Value": shown, "Period": _dash_years(r["period"]), "Source": r["source"]})
    return pd.DataFrame(out, columns=["Fact", "Value", "Period", "Source"])


def filter_to_year(feedback: pd.DataFrame, year: int) -> tuple[pd.DataFrame, int]:
    """Points recorded no later than ``year`` (by the last year named in ``when``; points with no
    date are kept), and how many later points were left out."""
    ends = [period_end_year(w) for w in feedback["when"]]
    keep = np.array([e is None or e <= year for e in ends], dtype=bool)
    return feedback[keep].reset_index(drop=True), int((~keep).sum())


def _dash_years(text) -> str:
    """'2021-22' → '2021–22' (the book's way of writing a financial year)."""
    return re.sub(r"(\d{4})-(\d{2})\b", "\\1–\\2", str(text))


def agreement(assigned: pd.DataFrame, hand_labels: dict[str, str], codebook: tuple[Theme, ...]) -> pd.DataFrame:
    """How well the codebook's main themes agree with themes given by hand to the same points.

    One row per theme the codebook used: ``points`` (how many it put there), ``agreed`` (of those,
    how many the hand labels put there too) and ``precision`` (agreed / points); a last row
    'All themes' holds the overall share of points placed as the hand labels place them.
    """
    labels = theme_labels(codebook)
    rows = assigned[assigned["id"].isin(hand_labels)]
    truth = rows["id"].map(hand_labels)
    hits = rows["main_theme"].to_numpy() == truth.to_numpy()
    table = []
    for key in labels:
        placed = rows["main_theme"].to_numpy() == key
        if placed.any():
            table.append({"theme": labels[key], "points": int(placed.sum()), "agreed": int((placed & hits).sum())})
    table.append({"theme": "All themes", "points": len(rows), "agreed": int(hits.sum())})
    out = pd.DataFrame(table)
    out["precision"] = out["agreed"] / out["points"]
    return out
