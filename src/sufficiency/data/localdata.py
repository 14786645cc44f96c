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
import io
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from sufficiency.core.errors import InputError
from sufficiency.core.files import read_csv
from sufficiency.core.paths import DATA_LOCAL
from sufficiency.data import workbook

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
#: How far an action has got, as the council reviews it. A blank cell reads "not yet reviewed".
ACTION_STATUSES = ("done", "on track", "delayed", "not started", "dropped", "not yet reviewed")
NOT_REVIEWED = "not yet reviewed"
#: Words earlier files used, and what to write instead (the build refuses them, with this hint).
RETIRED_STATUSES = {"complete": "'done'", "completed": "'done'", "in progress": "'on track' or 'delayed'",
                    "unknown": "'not yet reviewed' (or leave the cell empty)"}
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
    optional: bool = False       # the column may be left out of the file (added later; read as empty)
    default: str | None = None   # a choice read from a blank cell
    hints: tuple[tuple[str, str], ...] = ()   # (value no longer used, what to write instead)


def _text(name, required=False):
    return Column(name, "text", required)


def _choice(name, choices, required=True):
    return Column(name, "choice", required, tuple(choices))


def _optional(name):
    return Column(name, "text", optional=True)


PERIOD_PATTERN = r"\d{4}-\d{2}"

#: Every local file: name (without .csv) -> its columns, in the documented order.
FILES: dict[str, tuple[Column, ...]] = {
    "strategy": (
        Column("period", "code", True, pattern=PERIOD_PATTERN,
               expected="the strategy's years such as 2022-25"),
        _text("title"), _text("source")),
    "ambitions": (
        Column("number", "integer"), _text("title", True), _text("aim"), _text("narrative"),
        _optional("written"), _text("source_section")),
    "actions": (
        Column("ambition", "integer"),
        Column("number", "code", True, pattern=r"\d+\.\d+",
               expected="an action number such as 1.1 or 8.12"),
        _text("summary", True), _text("lead"), _text("due"),
        Column("status", "choice", False, ACTION_STATUSES, default=NOT_REVIEWED,
               hints=tuple(RETIRED_STATUSES.items())),
        _text("progress_note"), _optional("carried_from"), _text("source_section")),
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
        _text("point", True), _text("theme"), _optional("we_did"), _text("source_section")),
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
    "strategy": ("period",), "ambitions": ("number",), "actions": ("number",), "measures": ("id",),
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

@dataclass(frozen=True)
class Source:
    """Where a local table was read from, so messages name a cell the way the officer finds it:
    ``row 12, column 'status'`` in a CSV file, ``sheet actions, cell F12`` in a workbook."""

    path: Path
    sheet: str | None = None
    columns: tuple[str, ...] = ()     # header cells in the order the file has them

    def header(self) -> str:
        return f"sheet {self.sheet}, header row (row 1)" if self.sheet else "header row (row 1)"

    def cell(self, index: int, column: str) -> str:
        """A data row (0-based, below the header) and a column by name."""
        if self.sheet is None:
            return f"{_row(index)}, column {column!r}"
        letter = workbook.column_letter(self.columns.index(column)) if column in self.columns else "?"
        return f"sheet {self.sheet}, cell {letter}{index + 2} (column {column!r})"


def _row(index: int) -> str:
    """Row number as a spreadsheet shows it: the header is row 1."""
    return f"row {index + 2}"


def _parse_number(text: str) -> float:
    """Read '1,120' or '4279' or '-3.5'; refuse '£' and '%' (the unit column says those)."""
    cleaned = text.strip()
    if not _NUMBER.fullmatch(cleaned):
        raise ValueError(text)
    return float(cleaned.replace(",", ""))


def _check_header(source: Source, frame: pd.DataFrame, columns: tuple[Column, ...]) -> None:
    present = list(frame.columns)
    doubled = [c for c in present if re.fullmatch(r".+\.\d+", c) and c.rsplit(".", 1)[0] in present]
    if doubled:
        raise InputError(source.path, source.header(), f"the column {doubled[0].rsplit('.', 1)[0]!r} twice",
                         "each column name once")
    names = [c.name for c in columns]
    missing = [c.name for c in columns if c.name not in present and not c.optional]
    if missing:
        extra = [c for c in present if c not in names]
        guess = difflib.get_close_matches(missing[0], extra, n=1, cutoff=0.6)
        found = f"no column {missing[0]!r}" + (f" (is {guess[0]!r} it, renamed?)" if guess else "")
        raise InputError(source.path, source.header(), found,
                         f"the columns {names}",
                         hint="Columns may be in any order, but their names must match "
                              "data/local/README.md exactly")


def _type_column(source: Source, frame: pd.DataFrame, col: Column) -> pd.Series:
    if col.name not in frame.columns:   # an optional column the file leaves out
        return pd.Series(np.nan, index=frame.index, name=col.name, dtype="object")
    raw = frame[col.name]
    blank = raw.isna() | raw.astype("string").str.strip().eq("").fillna(True)
    path = source.path
    where = lambda i: source.cell(i, col.name)  # noqa: E731
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
                retired = dict(col.hints).get(value)
                guess = difflib.get_close_matches(value, col.choices, n=1)
                hint = (f"The word {value!r} is no longer used: write {retired}" if retired else
                        f"Did you mean {guess[0]!r}?" if guess else None)
                raise InputError(path, where(i), repr(raw.iloc[i]), _describe(col), hint=hint)
        if col.default is not None:
            canonical = canonical.where(~blank, col.default)
        return canonical
    numbers = np.full(len(raw), np.nan)
    for i, value in enumerate(raw):
        if blank.iloc[i]:
            continue
        try:
            numbers[i] = _parse_number(value)
        except ValueError:
            decimal_comma = re.fullmatch(r"-?\d+,\d{1,2}", value.strip())   # Excel where the decimal mark is a comma
            raise InputError(path, where(i), repr(value), _describe(col),
                             hint="Write decimals with a point, such as 13.5, not a comma" if decimal_comma
                             else "Leave the cell empty if the figure is not known") from None
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
        text = "one of " + ", ".join(repr(c) for c in col.choices)
        return text + (", or an empty cell" if not col.required else "")
    base = {"text": "some text", "number": "a number such as 75 or 1,120 (no £ or % sign)",
            "nonnegative": "a number of 0 or more, such as 438 (no £ sign)",
            "count": "a whole number of 0 or more", "integer": "a whole number of 1 or more"}[col.kind]
    if not col.required and col.kind != "integer":
        base += ", or an empty cell"
    return base


#: Files a council may leave out: the book then says what it cannot show.
OPTIONAL_FILES = frozenset({"strategy"})


def council_workbook(folder: Path) -> Path | None:
    """The council's workbook, if its files come as one (any single ``.xlsx`` in the folder)."""
    books = sorted(p for p in folder.glob("*.xlsx") if not p.name.startswith("~$"))   # ~$: Excel's lock file
    if len(books) > 1:
        raise InputError(folder, problem=f"found {len(books)} workbooks ({', '.join(p.name for p in books)})",
                         expected="at most one workbook, with one sheet per file",
                         hint="Keep the one you edit and move the others out of the folder")
    return books[0] if books else None


def _read_source(folder: Path, name: str) -> tuple[pd.DataFrame, Source] | None:
    """One file's cells as text, from its CSV or from the sheet of the same name in the council's
    workbook; None when it is in neither."""
    path = folder / f"{name}.csv"
    book = council_workbook(folder)
    sheet = workbook.read_sheet(book, name) if book is not None else None
    if sheet is not None and path.exists():
        raise InputError(folder, problem=f"{name} is both a sheet of {book.name} and the file {path.name}",
                         expected="one of them", hint="Delete or rename the one you no longer edit")
    if sheet is not None:
        return sheet, Source(book, name, tuple(sheet.columns))
    if not path.exists():
        return None
    frame = _read_csv_as_excel_saves_it(path)
    return frame, Source(path, None, tuple(frame.columns))


def _read_csv_as_excel_saves_it(path: Path) -> pd.DataFrame:
    """A local CSV, read whichever way a spreadsheet saved it: UTF-8 with or without a byte-order mark
    (``read_csv``), Windows-1252 (Excel's plain 'CSV' on Windows), or semicolons between columns
    (Excel where the decimal mark is a comma). A trailing row of commas is dropped by ``read_csv``."""
    try:
        frame = read_csv(path)
    except InputError as exc:
        if exc.problem and "Expected" in exc.problem and "fields" in exc.problem:
            # The usual cause in a hand-edited file: a comma inside an unquoted text cell.
            raise InputError(path, problem=exc.problem, expected=exc.expected,
                             hint="A text cell that contains a comma must be wrapped in double "
                                  "quotes; saving from a spreadsheet as 'CSV UTF-8' does this") from None
        if exc.found and "not UTF-8" in exc.found:
            frame = _read_windows_1252(path, exc.location)
        else:
            raise
    header = list(frame.columns)
    if len(header) == 1 and ";" in header[0]:
        frame = read_csv(path, sep=";")
    return frame


def _read_windows_1252(path: Path, location: str | None) -> pd.DataFrame:
    """Excel's plain 'CSV' on Windows: every byte is a character in Windows-1252 (£ is 0xA3).
    ``location``: where the first byte that is not UTF-8 sits, named if this fails too."""
    text = path.read_bytes().decode("cp1252", errors="strict") if _is_cp1252(path) else None
    if text is None:
        raise InputError(path, location, problem="the file is neither UTF-8 nor Windows-1252 text",
                         expected="a CSV file saved as 'CSV UTF-8'", hint="Save the file again as 'CSV UTF-8'")
    sep = ";" if ";" in text.split("\n", 1)[0] and "," not in text.split("\n", 1)[0] else ","
    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_values=[""], sep=sep)
    frame.columns = [str(c).strip() for c in frame.columns]
    blank = frame.isna().all(axis=1).to_numpy()
    end = len(frame)
    while end > 0 and blank[end - 1]:   # Excel's trailing row of commas
        end -= 1
    return frame.iloc[:end]


def _is_cp1252(path: Path) -> bool:
    try:
        path.read_bytes().decode("cp1252")
        return True
    except UnicodeDecodeError:
        return False


def _load_file(folder: Path, name: str) -> pd.DataFrame:
    """Read one local file (CSV, or a sheet of the council's workbook), check its header and every
    cell, and return it typed."""
    columns = FILES[name]
    read = _read_source(folder, name)
    if read is None:
        if name in OPTIONAL_FILES:
            return pd.DataFrame({c.name: pd.Series(dtype="object") for c in columns})
        path = folder / f"{name}.csv"
        raise InputError(path, problem="the file is missing",
                         hint=f"Copy it from {DATA_LOCAL / TEMPLATE_SLUG / path.name} and fill it in")
    frame, source = read
    _check_header(source, frame, columns)
    typed = pd.DataFrame({c.name: _type_column(source, frame, c) for c in columns}, index=frame.index)
    extras = [c for c in frame.columns if c not in typed.columns]
    for extra in extras:  # officers may keep their own working columns; carried along as text
        typed[extra] = frame[extra]
    _check_unique(source, typed, UNIQUE_KEYS.get(name, ()))
    typed.attrs["source"] = source
    return typed.reset_index(drop=True)


def source_of(frame: pd.DataFrame, folder: Path, name: str) -> Source:
    """Where a loaded table came from (its CSV file unless it was read from a workbook)."""
    return frame.attrs.get("source") or Source(folder / f"{name}.csv")


def _check_unique(source: Source, frame: pd.DataFrame, key: tuple[str, ...]) -> None:
    if not key:
        return
    dup = frame.duplicated(subset=list(key), keep="first")
    if dup.any():
        i = int(np.flatnonzero(dup.to_numpy())[0])
        first = int(np.flatnonzero(frame[list(key)].eq(frame.loc[i, list(key)]).all(axis=1).to_numpy())[0])
        shown = ", ".join(f"{k} {_plain(frame.loc[i, k])}" for k in key)
        raise InputError(source.path, source.cell(i, key[0]), f"{shown} again (already on {_row(first)})",
                         f"each {' and '.join(key)} only once")


def _plain(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value) if isinstance(value, str) else str(value)


# ---------------------------------------------------------------- checks across files

def _check_ambitions_known(folder: Path, name: str, frame: pd.DataFrame, ambitions: pd.DataFrame) -> None:
    known = set(ambitions["number"].tolist())
    source = source_of(frame, folder, name)
    for i, amb in enumerate(frame["ambition"]):
        if amb not in known:
            raise InputError(source.path, source.cell(i, "ambition"), f"ambition {amb}",
                             f"one of the ambitions in ambitions.csv: {sorted(known)}")


def _check_action_numbers(folder: Path, actions: pd.DataFrame) -> None:
    """An action numbered 5.4 must belong to ambition 5."""
    source = source_of(actions, folder, "actions")
    for i, (amb, number) in enumerate(zip(actions["ambition"], actions["number"])):
        if int(number.split(".")[0]) != amb:
            raise InputError(source.path, source.cell(i, "number"),
                             f"action {number} under ambition {amb}",
                             f"a number starting '{amb}.'")


def _check_indicators(folder: Path, name: str, frame: pd.DataFrame, targets: dict[str, set[str]]) -> None:
    source = source_of(frame, folder, name)
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
        raise InputError(source.path, source.cell(i, "indicator"), repr(value), expected)


def _indicator_targets(local_figures=None, costs=None) -> dict[str, set[str]]:
    capacity_numbers = {c.name for c in FILES["capacity"] if c.kind == "count"}
    return {"local": set(local_figures["figure_id"]) if local_figures is not None else set(),
            "cost": set(costs["placement_type"].dropna()) if costs is not None else set(),
            "capacity": capacity_numbers}


# ---------------------------------------------------------------- public loaders

def has_table(council_slug: str, name: str, *, root: Path | None = None) -> bool:
    """Whether the council supplies this table, as a CSV file or a sheet of its workbook."""
    if not has_local_folder(council_slug, root=root):
        return False
    return _read_source(local_dir(council_slug, root=root), name) is not None


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
        _check_indicators(folder, "measures", frame, targets)
    if name == "targets_2014":
        _check_indicators(folder, "targets_2014", frame,
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
    """Load and check every local file of a council; keys are the names in :data:`FILES`. Earlier
    strategies kept in ``previous/<period>/`` are checked too, so a bad status there stops the build
    before anything runs."""
    folder = local_dir(council_slug, root=root)
    tables = {name: _load_file(folder, name) for name in FILES}
    _check_ambitions_known(folder, "actions", tables["actions"], tables["ambitions"])
    _check_action_numbers(folder, tables["actions"])
    _check_ambitions_known(folder, "measures", tables["measures"], tables["ambitions"])
    targets = _indicator_targets(tables["local_figures"], tables["costs"])
    _check_indicators(folder, "measures", tables["measures"], targets)
    _check_indicators(folder, "targets_2014", tables["targets_2014"], targets)
    for period in previous_periods(council_slug, root=root):   # earlier strategies: checked, not returned
        load_previous(council_slug, period, root=root)
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


# ---------------------------------------------------------------- strategy periods

#: The files that make up one strategy: what is archived when the next one starts.
PLAN_FILES = ("strategy", "ambitions", "actions", "measures")
#: Where earlier strategies are kept, one folder per period: ``previous/2022-25/``.
PREVIOUS_DIR = "previous"


def load_strategy(council_slug: str, *, root: Path | None = None) -> pd.DataFrame:
    """The current strategy's period and title (strategy.csv; empty when the council has none)."""
    return load_table(council_slug, "strategy", root=root)


def current_period(council_slug: str, *, root: Path | None = None) -> str | None:
    """The current strategy's period, such as '2022-25', or None when strategy.csv does not say.

    >>> current_period("lewisham")
    '2022-25'
    """
    if not has_local_folder(council_slug, root=root):
        return None
    strategy = load_strategy(council_slug, root=root)
    return str(strategy["period"].iloc[0]) if len(strategy) else None


def previous_periods(council_slug: str, *, root: Path | None = None) -> list[str]:
    """Earlier strategies kept in ``previous/<period>/``, oldest first.

    >>> previous_periods("lewisham")
    []
    """
    if not has_local_folder(council_slug, root=root):
        return []
    folder = local_dir(council_slug, root=root) / PREVIOUS_DIR
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and re.fullmatch(PERIOD_PATTERN, p.name))


def load_previous(council_slug: str, period: str, *, root: Path | None = None) -> dict[str, pd.DataFrame]:
    """An earlier strategy's ambitions, actions and measures (and its strategy.csv), checked as the
    current ones are: ``previous/<period>/`` holds the same files, with the statuses the council
    gave its actions when it reviewed them."""
    council_root = local_dir(council_slug, root=root)
    folder = council_root / PREVIOUS_DIR / period
    if not folder.is_dir():
        raise InputError(folder, problem="there is no earlier strategy for this period",
                         expected=f"one of {previous_periods(council_slug, root=root)}")
    tables = {name: _load_file(folder, name) for name in PLAN_FILES}
    _check_ambitions_known(folder, "actions", tables["actions"], tables["ambitions"])
    _check_action_numbers(folder, tables["actions"])
    _check_ambitions_known(folder, "measures", tables["measures"], tables["ambitions"])
    targets = _indicator_targets(_load_file(council_root, "local_figures"), _load_file(council_root, "costs"))
    _check_indicators(folder, "measures", tables["measures"], targets)
    return tables


def write_table(folder: Path, name: str, frame: pd.DataFrame) -> Path:
    """Write a local table as CSV UTF-8 in the documented column order (extra columns after):
    numbers without a trailing '.0', blanks as empty cells. Returns the path written."""
    names = [c.name for c in FILES[name]]
    out = frame.reindex(columns=names + [c for c in frame.columns if c not in names]).copy()
    for column in out.columns:
        out[column] = [_csv_cell(v) for v in out[column]]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.csv"
    out.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
    return path


def write_tables(folder: Path, tables: dict[str, pd.DataFrame]) -> list[Path]:
    """Write local tables where the council keeps them: a table whose sheet is in the council's
    workbook replaces that sheet's rows (the rest of the workbook is left alone); any other is
    written as CSV (:func:`write_table`). Returns the paths written, each once."""
    book = council_workbook(folder)
    in_book = {name for name in tables if book is not None and workbook.read_sheet(book, name) is not None}
    written = [write_table(folder, name, frame) for name, frame in tables.items() if name not in in_book]
    if in_book:
        specs = [spec for spec in workbook_specs() if spec.name in in_book]
        written.append(workbook.replace_sheets(book, specs, {n: tables[n] for n in in_book}))
    return written


def _csv_cell(value) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        return str(int(value))
    return str(value)


# ---------------------------------------------------------------- one workbook

def _column_note(col: Column) -> str:
    kind = {"text": "text", "code": col.expected or "a code", "choice": "choose from the list",
            "number": "a number (no £ or % sign)", "nonnegative": "a number of 0 or more (no £ sign)",
            "count": "a whole number of 0 or more", "integer": "a whole number of 1 or more"}[col.kind]
    if col.kind == "choice":
        kind += ": " + ", ".join(col.choices)
    if col.default:
        kind += f" (empty reads '{col.default}')"
    elif col.required or col.kind == "integer":
        kind += "; required"
    else:
        kind += "; leave empty when not known"
    return kind


def workbook_specs() -> list[workbook.SheetSpec]:
    """One sheet per local file, with its drop-down lists and a note per column."""
    return [workbook.SheetSpec(name, tuple(c.name for c in columns),
                               {c.name: c.choices for c in columns if c.kind == "choice"},
                               tuple((c.name, _column_note(c)) for c in columns))
            for name, columns in FILES.items()]


WORKBOOK_INTRO = ("One sheet per file of the council's own data. Row 1 of each sheet names the "
                  "columns: keep the names as they are. Leave a cell empty when a figure is not known "
                  "(never 0, n/a or -). Put the workbook in the council's folder instead of the CSV "
                  "files; the build reads the sheets and names any cell it cannot use.")


def write_template_workbook(path: str | Path, council_slug: str | None = None, *,
                            root: Path | None = None) -> Path:
    """Write an empty template workbook (``council_slug`` None) or a council's files as one workbook.

    Each sheet has the file's header row, drop-down lists on choice columns (the allowed values
    sit on a hidden ``lists`` sheet) and the ``notes`` sheet says what each column takes.
    """
    rows = load_local(council_slug, root=root) if council_slug else None
    return workbook.write_workbook(Path(path), workbook_specs(), rows, intro=WORKBOOK_INTRO)
