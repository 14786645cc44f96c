"""The council's own data: plain CSV files a policy officer edits, loaded and checked.

Each council has a folder ``data/local/<slug>/`` (slug = the council's name in
lower case, e.g. ``lewisham``) holding the files listed in :data:`FILES`; a new
council starts from ``data/local/_template/``, which has the same files with
only their header rows. ``data/local/README.md`` documents every column.

Every loader returns a typed :class:`pandas.DataFrame`: numbers are floats and a
blank cell is ``NaN`` (never 0); identifiers such as ambition numbers are
integers; free text is kept exactly as typed (the book escapes it). Anything
wrong raises :class:`~sufficiency.core.errors.InputError` naming the file, the row as
a spreadsheet shows it (the header is row 1), the column, what was found and
what was expected.

>>> tables = load_local("lewisham")
>>> int(tables["actions"].groupby("ambition").size().loc[8])
12
>>> float(tables["costs"].set_index("placement_type").loc["residential", "weekly_cost_mean"])
4279.0
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from sufficiency.core.errors import InputError
from sufficiency.core.files import read_csv
from sufficiency.core.paths import DATA_LOCAL

TEMPLATE_SLUG = "_template"

#: Placement types used in costs.csv, with the label the book shows.
PLACEMENT_TYPES: dict[str, str] = {
    "inhouse_fostering": "Fostering with the council's own carers",
    "agency_fostering": "Fostering through an independent agency (IFA)",
    "family_and_friends": "Family and friends (kinship) care",
    "residential": "Children's homes (residential care)",
    "semi_independent_under_18": "Semi-independent accommodation, under 18",
    "semi_independent_over_18": "Semi-independent accommodation, 18 and over",
    "supported_lodgings": "Supported lodgings",
    "staying_put": "Staying Put with former foster carers",
    "parent_and_child": "Parent and child placements",
    "secure": "Secure children's homes",
    "bespoke_unregulated": "Bespoke unregulated arrangements",
    "placed_with_parents": "Placed with parents",
    "adoption": "Placed for adoption",
    "other": "Other placements",
}

#: Parts of the in-house against agency fostering cost comparison.
FOSTERING_COST_COMPONENTS: dict[str, str] = {
    "inhouse_direct": "Council fostering, direct costs only",
    "inhouse_full": "Council fostering, including indirect costs",
    "agency_charge": "Independent fostering agency charge",
    "agency_full": "Independent fostering agency, including the council's own costs",
}

FEEDBACK_GROUPS = ("placement providers", "foster carers", "independent reviewing officers",
                   "children and young people", "care leavers", "other")
ACTION_STATUSES = ("not started", "in progress", "complete", "unknown")
DIRECTIONS = ("up", "down")
TARGET_VALUE_TYPES = ("actual", "target", "england", "statistical_neighbours", "comparator")

#: Indicators the build computes from published data; measures.csv may name them.
KNOWN_INDICATORS = frozenset({
    "cla_rate_per_10k", "share_foster_care", "share_inhouse_foster", "share_placements_3plus",
    "share_long_term_stable", "share_placed_over_20_miles", "share_placed_outside_la",
    "care_leavers_suitable_accommodation", "care_leavers_eet", "ceased_within_6_months",
    "starters_rate_per_10k", "share_residential", "uasc_count", "staying_put_18", "ceased_sgo",
    "inhouse_foster_places",
})
#: Prefixes that point an indicator at the council's own files instead.
INDICATOR_PREFIXES = {"local": "a figure_id in local_figures.csv",
                      "cost": "a placement_type in costs.csv",
                      "capacity": "a number column of capacity.csv"}


@dataclass(frozen=True)
class Column:
    """One column of a local file: its name, the kind of value and its rules.

    Kinds: ``text`` (kept verbatim), ``number`` (float), ``nonnegative`` (float
    >= 0), ``count`` (whole number >= 0, held as float), ``integer`` (whole
    number >= 1, held as int; always required), ``choice`` (one of ``choices``,
    stored lower-case), ``code`` (text matching ``pattern``).
    """

    name: str
    kind: str = "text"
    required: bool = False
    choices: tuple[str, ...] = ()
    pattern: str | None = None
    expected: str | None = None  # how to describe a good value in messages


def _text(name, required=False):
    return Column(name, "text", required)


def _choice(name, choices, required=True):
    return Column(name, "choice", required, tuple(choices))


PERIOD_PATTERN = r"\d{4}-\d{2}"

#: Every local file: name (without .csv) -> its columns, in the documented order.
FILES: dict[str, tuple[Column, ...]] = {
    "ambitions": (
        Column("number", "integer"), _text("title", True), _text("aim"), _text("narrative"),
        _text("source_section")),
    "actions": (
        Column("ambition", "integer"),
        Column("number", "code", True, pattern=r"\d+\.\d+",
               expected="an action number such as 1.1 or 8.12"),
        _text("summary", True), _text("lead"), _text("due"),
        _choice("status", ACTION_STATUSES), _text("progress_note"), _text("source_section")),
    "measures": (
        _text("id", True), Column("ambition", "integer"), _text("description", True),
        _text("indicator"), _text("baseline_year"), Column("baseline_value", "number"),
        Column("target_value", "number"), _text("target_year"),
        _choice("good_direction", DIRECTIONS), _text("unit"), _text("source"),
        _text("source_section")),
    "local_figures": (
        Column("figure_id", "code", True, pattern=r"[a-z0-9_]+",
               expected="an id of lower-case letters, digits and underscores"),
        _text("description", True), Column("value", "number"), _text("unit"), _text("period"),
        _text("definition"), _text("source")),
    "costs": (
        Column("price_year", "code", True, pattern=PERIOD_PATTERN,
               expected="a financial year such as 2020-21"),
        _choice("placement_type", PLACEMENT_TYPES), Column("children", "count"),
        Column("weekly_cost_mode", "nonnegative"), Column("weekly_cost_mean", "nonnegative"),
        _text("source_section")),
    "fostering_cost_comparison": (
        _choice("component", FOSTERING_COST_COMPONENTS), Column("weekly_cost", "nonnegative"),
        Column("price_year", "code", True, pattern=PERIOD_PATTERN,
               expected="a financial year such as 2020-21"),
        _text("note"), _text("source_section")),
    "capacity": (
        _text("period", True), Column("fostering_households", "count"),
        Column("fostering_places", "count"), Column("individual_carers", "count"),
        Column("new_approvals", "count"), Column("deregistrations", "count"),
        Column("households_inside_borough", "count"), Column("households_outside_borough", "count"),
        Column("supported_lodgings_households", "count"),
        Column("supported_lodgings_new_households", "count"), _text("source_section")),
    "feedback": (
        _text("id", True), _choice("group", FEEDBACK_GROUPS), _text("where"), _text("when"),
        _text("point", True), _text("theme"), _text("source_section")),
    "pledges": (
        Column("number", "integer"), _text("theme", True), _text("pledge", True),
        _text("source_section")),
    "targets_2014": (
        _text("id", True), _text("measure", True), _text("indicator"), _text("period"),
        _choice("value_type", TARGET_VALUE_TYPES), Column("value", "number"), _text("unit"),
        _choice("good_direction", DIRECTIONS), _text("note"), _text("source_section")),
    "actions_2014": (
        Column("number", "integer"), _text("action", True), _text("timeframe"),
        _text("source_section")),
    "scenarios": (
        _text("id", True), _text("description", True), _text("parameter", True),
        Column("value", "number", True), _text("unit"), _text("year"),
        _choice("illustrative", ("yes", "no"))),
}

#: Columns (or column pairs) whose values must not repeat within a file.
UNIQUE_KEYS: dict[str, tuple[str, ...]] = {
    "ambitions": ("number",), "actions": ("number",), "measures": ("id",),
    "local_figures": ("figure_id", "period"), "costs": ("price_year", "placement_type"),
    "fostering_cost_comparison": ("component", "price_year"), "capacity": ("period",),
    "feedback": ("id",), "pledges": ("number",), "scenarios": ("id",),
    "actions_2014": ("number",),
}

_NUMBER = re.compile(r"-?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?")
_SLUG = re.compile(r"_?[a-z0-9][a-z0-9_-]*")


# ---------------------------------------------------------------- folders

def has_local_folder(council_slug: str, *, root: Path | None = None) -> bool:
    """Whether the council has a folder of its own files yet (a new council starts without one).

    >>> has_local_folder("lewisham"), has_local_folder("greenwich")
    (True, False)
    """
    return ((Path(root) if root is not None else DATA_LOCAL) / council_slug).is_dir()


def local_dir(council_slug: str, *, root: Path | None = None) -> Path:
    """The folder holding a council's own files, checked to exist.

    >>> local_dir("lewisham").name
    'lewisham'
    """
    root = Path(root) if root is not None else DATA_LOCAL
    if not isinstance(council_slug, str) or not _SLUG.fullmatch(council_slug):
        raise InputError("council", None, repr(council_slug),
                         "the council's name in lower case, such as 'lewisham'")
    folder = root / council_slug
    if not folder.is_dir():
        known = sorted(p.name for p in root.iterdir() if p.is_dir()) if root.is_dir() else []
        raise InputError(folder, problem="there is no folder of local data for this council",
                         expected=f"one of {known}" if known else None,
                         hint=f"Copy {root / TEMPLATE_SLUG} to {folder} and fill it in")
    return folder


# ---------------------------------------------------------------- reading one file

def _row(index: int) -> str:
    """Row number as a spreadsheet shows it: the header is row 1."""
    return f"row {index + 2}"


def _parse_number(text: str) -> float:
    """Read '1,120' or '4279' or '-3.5'; refuse '£' and '%' (the unit column says those)."""
    cleaned = text.strip()
    if not _NUMBER.fullmatch(cleaned):
        raise ValueError(text)
    return float(cleaned.replace(",", ""))


def _check_header(path: Path, frame: pd.DataFrame, columns: tuple[Column, ...]) -> None:
    present = list(frame.columns)
    doubled = [c for c in present if re.fullmatch(r".+\.\d+", c) and c.rsplit(".", 1)[0] in present]
    if doubled:
        raise InputError(path, "header row (row 1)", f"the column {doubled[0].rsplit('.', 1)[0]!r} twice",
                         "each column name once")
    names = [c.name for c in columns]
    missing = [n for n in names if n not in present]
    if missing:
        extra = [c for c in present if c not in names]
        guess = difflib.get_close_matches(missing[0], extra, n=1, cutoff=0.6)
        found = f"no column {missing[0]!r}" + (f" (is {guess[0]!r} it, renamed?)" if guess else "")
        raise InputError(path, "header row (row 1)", found,
                         f"the columns {names}",
                         hint="Columns may be in any order, but their names must match "
                              "data/local/README.md exactly")


def _type_column(path: Path, frame: pd.DataFrame, col: Column) -> pd.Series:
    raw = frame[col.name]
    blank = raw.isna() | raw.astype("string").str.strip().eq("").fillna(True)
    where = lambda i: f"{_row(i)}, column {col.name!r}"  # noqa: E731
    if col.required or col.kind == "integer":
        for i in np.flatnonzero(blank.to_numpy()):
            raise InputError(path, where(i), "an empty cell", _describe(col))
    if col.kind == "text":
        return raw  # verbatim, NaN when blank
    if col.kind == "code":
        for i, value in enumerate(raw):
            if not blank.iloc[i] and not re.fullmatch(col.pattern, value.strip()):
                raise InputError(path, where(i), repr(value), _describe(col))
        return raw.where(blank, raw.str.strip())
    if col.kind == "choice":
        canonical = raw.where(blank, raw.str.strip().str.lower())
        for i, value in enumerate(canonical):
            if not blank.iloc[i] and value not in col.choices:
                guess = difflib.get_close_matches(value, col.choices, n=1)
                raise InputError(path, where(i), repr(raw.iloc[i]), _describe(col),
                                 hint=f"Did you mean {guess[0]!r}?" if guess else None)
        return canonical
    numbers = np.full(len(raw), np.nan)
    for i, value in enumerate(raw):
        if blank.iloc[i]:
            continue
        try:
            numbers[i] = _parse_number(value)
        except ValueError:
            raise InputError(path, where(i), repr(value), _describe(col),
                             hint="Leave the cell empty if the figure is not known") from None
        if col.kind in ("nonnegative", "count", "integer") and numbers[i] < 0:
            raise InputError(path, where(i), f"the negative number {value.strip()}", _describe(col))
        if col.kind in ("count", "integer") and not float(numbers[i]).is_integer():
            raise InputError(path, where(i), repr(value), _describe(col))
        if col.kind == "integer" and numbers[i] < 1:
            raise InputError(path, where(i), repr(value), _describe(col))
    if col.kind == "integer":
        return pd.Series(numbers.astype("int64"), index=raw.index, name=col.name)
    return pd.Series(numbers, index=raw.index, name=col.name, dtype="float64")


def _describe(col: Column) -> str:
    """What a good value in this column looks like, for error messages."""
    if col.expected:
        return col.expected
    if col.kind == "choice":
        return "one of " + ", ".join(repr(c) for c in col.choices)
    base = {"text": "some text", "number": "a number such as 75 or 1,120 (no £ or % sign)",
            "nonnegative": "a number of 0 or more, such as 438 (no £ sign)",
            "count": "a whole number of 0 or more", "integer": "a whole number of 1 or more"}[col.kind]
    if not col.required and col.kind != "integer":
        base += ", or an empty cell"
    return base


def _load_file(folder: Path, name: str) -> pd.DataFrame:
    """Read one local file, check its header and every cell, and return it typed."""
    columns = FILES[name]
    path = folder / f"{name}.csv"
    if not path.exists():
        raise InputError(path, problem="the file is missing",
                         hint=f"Copy it from {DATA_LOCAL / TEMPLATE_SLUG / path.name} and fill it in")
    try:
        frame = read_csv(path)
    except InputError as exc:
        if exc.problem and "Expected" in exc.problem and "fields" in exc.problem:
            # The usual cause in a hand-edited file: a comma inside an unquoted text cell.
            raise InputError(path, problem=exc.problem, expected=exc.expected,
                             hint="A text cell that contains a comma must be wrapped in double "
                                  "quotes; saving from a spreadsheet as 'CSV UTF-8' does this") from None
        raise
    _check_header(path, frame, columns)
    typed = pd.DataFrame({c.name: _type_column(path, frame, c) for c in columns}, index=frame.index)
    extras = [c for c in frame.columns if c not in typed.columns]
    for extra in extras:  # officers may keep their own working columns; carried along as text
        typed[extra] = frame[extra]
    _check_unique(path, typed, UNIQUE_KEYS.get(name, ()))
    return typed.reset_index(drop=True)


def _check_unique(path: Path, frame: pd.DataFrame, key: tuple[str, ...]) -> None:
    if not key:
        return
    dup = frame.duplicated(subset=list(key), keep="first")
    if dup.any():
        i = int(np.flatnonzero(dup.to_numpy())[0])
        first = int(np.flatnonzero(frame[list(key)].eq(frame.loc[i, list(key)]).all(axis=1).to_numpy())[0])
        shown = ", ".join(f"{k} {_plain(frame.loc[i, k])}" for k in key)
        raise InputError(path, f"{_row(i)}, column {key[0]!r}", f"{shown} again (already on {_row(first)})",
                         f"each {' and '.join(key)} only once")


def _plain(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value) if isinstance(value, str) else str(value)


# ---------------------------------------------------------------- checks across files

def _check_ambitions_known(folder: Path, name: str, frame: pd.DataFrame, ambitions: pd.DataFrame) -> None:
    known = set(ambitions["number"].tolist())
    for i, amb in enumerate(frame["ambition"]):
        if amb not in known:
            raise InputError(folder / f"{name}.csv", f"{_row(i)}, column 'ambition'", f"ambition {amb}",
                             f"one of the ambitions in ambitions.csv: {sorted(known)}")


def _check_action_numbers(folder: Path, actions: pd.DataFrame) -> None:
    """An action numbered 5.4 must belong to ambition 5."""
    for i, (amb, number) in enumerate(zip(actions["ambition"], actions["number"])):
        if int(number.split(".")[0]) != amb:
            raise InputError(folder / "actions.csv", f"{_row(i)}, column 'number'",
                             f"action {number} under ambition {amb}",
                             f"a number starting '{amb}.'")


def _check_indicators(path: Path, frame: pd.DataFrame, targets: dict[str, set[str]]) -> None:
    for i, value in enumerate(frame["indicator"]):
        if pd.isna(value) or not str(value).strip():
            continue
        text = str(value).strip()
        prefix, _, rest = text.partition(":")
        if text in KNOWN_INDICATORS or (rest and rest in targets.get(prefix, set())):
            continue
        if rest and prefix in INDICATOR_PREFIXES:
            expected = f"{INDICATOR_PREFIXES[prefix]} after '{prefix}:'"
        else:
            expected = ("a computed indicator (" + ", ".join(sorted(KNOWN_INDICATORS)) +
                        "), or local:<figure_id>, cost:<placement_type>, capacity:<column>, or an empty cell")
        raise InputError(path, f"{_row(i)}, column 'indicator'", repr(value), expected)


def _indicator_targets(local_figures=None, costs=None) -> dict[str, set[str]]:
    capacity_numbers = {c.name for c in FILES["capacity"] if c.kind == "count"}
    return {"local": set(local_figures["figure_id"]) if local_figures is not None else set(),
            "cost": set(costs["placement_type"].dropna()) if costs is not None else set(),
            "capacity": capacity_numbers}


# ---------------------------------------------------------------- public loaders

def load_table(council_slug: str, name: str, *, root: Path | None = None) -> pd.DataFrame:
    """Load one local file by name (a key of :data:`FILES`), with the checks it needs
    against other files (ambitions for actions and measures; figures and costs
    for measures' indicators).
    """
    if name not in FILES:
        raise InputError("local file", None, repr(name), f"one of {sorted(FILES)}")
    folder = local_dir(council_slug, root=root)
    frame = _load_file(folder, name)
    if name in ("actions", "measures"):
        _check_ambitions_known(folder, name, frame, _load_file(folder, "ambitions"))
    if name == "actions":
        _check_action_numbers(folder, frame)
    if name == "measures":
        targets = _indicator_targets(_load_file(folder, "local_figures"), _load_file(folder, "costs"))
        _check_indicators(folder / "measures.csv", frame, targets)
    if name == "targets_2014":
        _check_indicators(folder / "targets_2014.csv", frame,
                          _indicator_targets(_load_file(folder, "local_figures")))
    return frame


def load_ambitions(council_slug: str, *, root: Path | None = None) -> pd.DataFrame:
    """The strategy's ambitions: number, title, aim, narrative, source_section."""
    return load_table(council_slug, "ambitions", root=root)


def load_actions(council_slug: str, *, root: Path | None = None) -> pd.DataFrame:
    """Numbered actions under each ambition, with lead, due date and status."""
    return load_table(council_slug, "actions", root=root)


def load_measures(council_slug: str, *, root: Path | None = None) -> pd.DataFrame:
    """Measures of success, each with its indicator, baseline and target."""
    return load_table(council_slug, "measures", root=root)


def load_local_figures(council_slug: str, *, root: Path | None = None) -> pd.DataFrame:
    """Facts the council quotes that are not in published tables (one row per figure and period)."""
    return load_table(council_slug, "local_figures", root=root)


def load_costs(council_slug: str, *, root: Path | None = None) -> pd.DataFrame:
    """Weekly placement costs (mode and mean) by placement type and price year."""
    return load_table(council_slug, "costs", root=root)


def load_fostering_cost_comparison(council_slug: str, *, root: Path | None = None) -> pd.DataFrame:
    """In-house against agency fostering: weekly cost of each component."""
    return load_table(council_slug, "fostering_cost_comparison", root=root)


def load_capacity(council_slug: str, *, root: Path | None = None) -> pd.DataFrame:
    """In-house fostering and supported lodgings capacity by period."""
    return load_table(council_slug, "capacity", root=root)


def load_feedback(council_slug: str, *, root: Path | None = None) -> pd.DataFrame:
    """Points made by stakeholders, one per row, with the group that made them."""
    return load_table(council_slug, "feedback", root=root)


def load_pledges(council_slug: str, *, root: Path | None = None) -> pd.DataFrame:
    """The council's corporate parenting pledges, grouped by theme."""
    return load_table(council_slug, "pledges", root=root)


def load_targets_2014(council_slug: str, *, root: Path | None = None) -> pd.DataFrame:
    """The earlier edition's targets and actual values (long format: one value per row)."""
    return load_table(council_slug, "targets_2014", root=root)


def load_actions_2014(council_slug: str, *, root: Path | None = None) -> pd.DataFrame:
    """The earlier edition's actions with their timeframes."""
    return load_table(council_slug, "actions_2014", root=root)


def load_scenarios(council_slug: str, *, root: Path | None = None) -> pd.DataFrame:
    """Forecast scenarios set by the council (labelled illustrative or not)."""
    return load_table(council_slug, "scenarios", root=root)


def load_local(council_slug: str, *, root: Path | None = None) -> dict[str, pd.DataFrame]:
    """Load and check every local file of a council; keys are the names in :data:`FILES`."""
    folder = local_dir(council_slug, root=root)
    tables = {name: _load_file(folder, name) for name in FILES}
    _check_ambitions_known(folder, "actions", tables["actions"], tables["ambitions"])
    _check_action_numbers(folder, tables["actions"])
    _check_ambitions_known(folder, "measures", tables["measures"], tables["ambitions"])
    targets = _indicator_targets(tables["local_figures"], tables["costs"])
    _check_indicators(folder / "measures.csv", tables["measures"], targets)
    _check_indicators(folder / "targets_2014.csv", tables["targets_2014"], targets)
    return tables


def missing_local_figures(council_slug: str, *, root: Path | None = None) -> pd.DataFrame:
    """What the council's files leave empty, so the book can say so rather than guess.

    One row per gap: ``file``, ``row`` (spreadsheet row, NaN for a whole file),
    ``item`` (the row's id), ``column`` and ``gap`` (a short plain description).
    Lists files with no rows, figures with no value, measures with no
    baseline or target, and cost or capacity cells left empty.
    """
    tables = load_local(council_slug, root=root)
    gaps: list[dict] = []

    def add(file, index, item, column, gap):
        gaps.append({"file": f"{file}.csv", "row": np.nan if index is None else index + 2,
                     "item": item, "column": column, "gap": gap})

    for name, frame in tables.items():
        if frame.empty:
            add(name, None, None, None, "the file has no rows")
    figures = tables["local_figures"]
    for i in np.flatnonzero(figures["value"].isna().to_numpy()):
        add("local_figures", i, figures.loc[i, "figure_id"], "value", "no value given")
    measures = tables["measures"]
    for column in ("baseline_value", "target_value"):
        for i in np.flatnonzero(measures[column].isna().to_numpy()):
            add("measures", i, measures.loc[i, "id"], column, f"no {column.replace('_', ' ')}")
    for name, key, numeric in (("costs", "placement_type", ("children", "weekly_cost_mode", "weekly_cost_mean")),
                               ("capacity", "period", tuple(c.name for c in FILES["capacity"] if c.kind == "count"))):
        frame = tables[name]
        for column in numeric:
            for i in np.flatnonzero(frame[column].isna().to_numpy()):
                add(name, i, frame.loc[i, key], column, "empty cell")
    return pd.DataFrame(gaps, columns=["file", "row", "item", "column", "gap"])
