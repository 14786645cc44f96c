"""The council's files as one Excel workbook: one sheet per file, read and written with openpyxl.

Policy officers work in Excel. A council's folder may hold a workbook (``lewisham.xlsx``, any name)
whose sheets are named like the files of ``data/local/README.md`` (``actions``, ``measures`` …);
a sheet stands in for the CSV file of the same name. Cells are read as the text a CSV would hold,
so one set of checks serves both, and messages name the sheet and the cell as Excel shows them
(``sheet actions, cell F12``).

This module knows nothing of which files and columns exist: :mod:`sufficiency.data.localdata`
passes them in (it reads with :func:`read_sheet` and writes the template with :func:`write_workbook`).

>>> column_letter(0), column_letter(5), column_letter(26)
('A', 'F', 'AA')
>>> cell_text(12.0), cell_text(0.5), cell_text(None), cell_text(" 2024-25 ")
('12', '0.5', None, ' 2024-25 ')
"""
from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from sufficiency.core.errors import InputError
from sufficiency.core.files import record_read

#: Rows of each sheet that carry the drop-down lists (Excel applies a validation to a range).
VALIDATED_ROWS = 1000
#: The sheet that holds the allowed values the drop-down lists point at (hidden).
LISTS_SHEET = "lists"
NOTES_SHEET = "notes"


def column_letter(index: int) -> str:
    """Excel's name for a column, from its 0-based position."""
    return get_column_letter(index + 1)


def cell_text(value) -> str | None:
    """A cell's value as the text a CSV export would hold: whole numbers without '.0', dates as
    '31 March 2024' (or 'March 2024' for the first of a month, which is how a month is typed)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date)):
        return value.strftime("%B %Y") if value.day == 1 else f"{value.day} {value:%B %Y}"
    return str(value)


def _open(path: Path):
    record_read(path)
    try:
        return load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputError(path, problem=f"the workbook cannot be opened ({type(exc).__name__})",
                         expected="an Excel workbook saved as .xlsx",
                         hint="Open it in Excel and save it again as 'Excel Workbook (.xlsx)'") from None


def sheet_names(path: Path) -> list[str]:
    """The sheets of a workbook, in order."""
    book = _open(path)
    try:
        return list(book.sheetnames)
    finally:
        book.close()


def read_sheet(path: Path, name: str) -> pd.DataFrame | None:
    """One sheet as a table of text (blank cells NaN), the header being row 1; None when the
    workbook has no sheet of that name. Empty rows at the end (Excel keeps formatted rows) go;
    a column with no header and nothing in it goes too."""
    book = _open(path)
    try:
        matches = [s for s in book.sheetnames if s.strip().lower() == name]
        if not matches:
            return None
        rows = [[cell_text(v) for v in row] for row in book[matches[0]].iter_rows(values_only=True)]
    finally:
        book.close()
    if not rows:
        raise InputError(path, f"sheet {name}", "an empty sheet", "a header row naming the columns in row 1")
    header = rows[0]
    width = max((i + 1 for i, h in enumerate(header) if h is not None and str(h).strip()), default=0)
    body = [(list(r) + [None] * width)[:width] for r in rows[1:]]
    for r, row in enumerate(body):
        for c in range(width, max(width, len(rows[r + 1]))):
            if rows[r + 1][c] is not None and str(rows[r + 1][c]).strip():
                raise InputError(path, f"sheet {name}, cell {column_letter(c)}{r + 2}",
                                 repr(rows[r + 1][c]), "a cell under a named column (row 1 has no name here)")
    for c, h in enumerate(header[:width]):
        if h is None or not str(h).strip():
            raise InputError(path, f"sheet {name}, cell {column_letter(c)}1", "an empty header cell",
                             "the column's name")
    while body and all(v is None or not str(v).strip() for v in body[-1]):
        body.pop()
    frame = pd.DataFrame(body, columns=[str(h).strip() for h in header[:width]], dtype="object")
    frame = frame.where(frame.notna(), np.nan)
    return frame.astype("object")


@dataclass(frozen=True)
class SheetSpec:
    """What the template writer needs to know of one sheet: its columns, the allowed values of its
    choice columns, and a line of notes per column."""

    name: str
    columns: tuple[str, ...]
    choices: dict[str, tuple[str, ...]]
    notes: tuple[tuple[str, str], ...] = ()     # (column, what to type)


def write_workbook(path: Path, sheets: list[SheetSpec], rows: dict[str, pd.DataFrame] | None = None,
                   *, intro: str = "") -> Path:
    """Write a workbook with one sheet per spec (header row bold and frozen, drop-down lists on
    choice columns), the given rows (text as typed, numbers as numbers), and a notes sheet."""
    rows = rows or {}
    book = Workbook()
    notes = book.active
    notes.title = NOTES_SHEET
    lists = book.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    for spec in sheets:
        _fill_sheet(book.create_sheet(spec.name), spec, rows.get(spec.name), lists)
    notes.append(["sheet", "column", "what to type"])
    for cell in notes[1]:
        cell.font = Font(bold=True)
    if intro:
        notes.insert_rows(1, 2)
        notes["A1"] = intro
        notes["A1"].alignment = Alignment(wrap_text=True, vertical="top")
    for spec in sheets:
        for column, text in spec.notes:
            notes.append([spec.name, column, text])
    notes.column_dimensions["A"].width = 22
    notes.column_dimensions["B"].width = 30
    notes.column_dimensions["C"].width = 100
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def replace_sheets(path: Path, sheets: list[SheetSpec], rows: dict[str, pd.DataFrame]) -> Path:
    """Put new rows in some sheets of an existing workbook (each sheet rewritten in place, with its
    header and drop-down lists); the other sheets, and the notes, are left as they are."""
    record_read(path)
    book = load_workbook(path)
    if LISTS_SHEET in book.sheetnames:
        lists = book[LISTS_SHEET]
    else:
        lists = book.create_sheet(LISTS_SHEET)
        lists.sheet_state = "hidden"
    for spec in sheets:
        matches = [s for s in book.sheetnames if s.strip().lower() == spec.name]
        index = book.sheetnames.index(matches[0]) if matches else len(book.sheetnames)
        if matches:
            del book[matches[0]]
        _fill_sheet(book.create_sheet(spec.name, index), spec, rows.get(spec.name), lists)
    book.save(path)
    return path


def _fill_sheet(sheet, spec: SheetSpec, frame: pd.DataFrame | None, lists) -> None:
    """Header (bold, frozen), rows, column widths and a drop-down list per choice column; the
    allowed values go in the next free columns of the hidden lists sheet."""
    columns = list(spec.columns) + ([c for c in frame.columns if c not in spec.columns] if frame is not None else [])
    sheet.append(columns)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    if frame is not None:
        for record in frame.reindex(columns=columns).itertuples(index=False):
            sheet.append([_cell_value(v) for v in record])
    for i, column in enumerate(columns):
        sheet.column_dimensions[column_letter(i)].width = max(12, min(48, len(column) + 4))
        allowed = spec.choices.get(column)
        if not allowed:
            continue
        used = lists.max_column if lists.max_row > 1 or lists["A1"].value is not None else 0
        letter = column_letter(used)
        for r, value in enumerate(allowed, start=1):
            lists[f"{letter}{r}"] = value
        check = DataValidation(type="list", formula1=f"{LISTS_SHEET}!${letter}$1:${letter}${len(allowed)}",
                               allow_blank=True, showErrorMessage=True, errorTitle=f"{column}",
                               error="Choose one of the values in the list.")
        check.add(f"{column_letter(i)}2:{column_letter(i)}{VALIDATED_ROWS}")
        sheet.add_data_validation(check)


def _cell_value(value):
    """Numbers stay numbers in the sheet; blanks stay empty; everything else is text as typed."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating, float)):
        return int(value) if float(value).is_integer() else float(value)
    return value
