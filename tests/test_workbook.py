"""Tests for sufficiency.data.workbook and the workbook side of localdata: the template's sheets,
drop-down lists and notes; Lewisham's files round-tripped through one workbook; messages that name
the sheet and cell as Excel shows them."""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from sufficiency.core.errors import InputError
from sufficiency.core.paths import DATA_LOCAL
from sufficiency.data import localdata as ld
from sufficiency.data import workbook


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    return ld.write_template_workbook(tmp_path_factory.mktemp("template") / "template.xlsx")


def test_template_has_a_sheet_per_file_with_its_header(template):
    book = load_workbook(template)
    assert book.sheetnames == ["notes", "lists", *ld.FILES]
    assert book["lists"].sheet_state == "hidden"
    for name, columns in ld.FILES.items():
        assert [c.value for c in book[name][1]] == [c.name for c in columns], name
        assert book[name].max_row == 1, name          # headers only
        assert book[name].freeze_panes == "A2"


def test_template_drop_down_lists_cover_every_choice_column(template):
    book = load_workbook(template)
    actions = book["actions"]
    (status,) = actions.data_validations.dataValidation
    assert str(status.sqref) == "F2:F1000"            # status is the sixth column
    column = status.formula1.split("!")[1].split(":")[0].replace("$", "")[0]
    allowed = [c.value for c in book["lists"][column] if c.value is not None]
    assert allowed == ["done", "on track", "delayed", "not started", "dropped", "not yet reviewed"]
    lists = {name: len(book[name].data_validations.dataValidation) for name in ld.FILES}
    assert lists == {"strategy": 0, "ambitions": 0, "actions": 1, "measures": 1, "local_figures": 0, "costs": 1,
                     "fostering_cost_comparison": 1, "capacity": 0, "feedback": 1, "pledges": 0,
                     "targets_2014": 2, "actions_2014": 0, "scenarios": 1}


def test_template_notes_say_what_each_column_takes(template):
    rows = list(load_workbook(template)["notes"].iter_rows(values_only=True))
    assert rows[0][0].startswith("One sheet per file of the council's own data.")
    notes = {(r[0], r[1]): r[2] for r in rows[3:]}
    assert len(notes) == sum(len(c) for c in ld.FILES.values())
    assert notes[("actions", "status")] == ("choose from the list: done, on track, delayed, not started, dropped, "
                                            "not yet reviewed (empty reads 'not yet reviewed')")
    assert notes[("costs", "children")] == "a whole number of 0 or more; leave empty when not known"
    assert notes[("ambitions", "number")] == "a whole number of 1 or more; required"


def test_an_empty_template_workbook_loads_as_the_empty_template(template, tmp_path):
    (tmp_path / "newshire").mkdir()
    shutil.copy(template, tmp_path / "newshire" / "newshire.xlsx")
    tables = ld.load_local("newshire", root=tmp_path)
    empty = ld.load_local(ld.TEMPLATE_SLUG)
    for name in ld.FILES:
        assert tables[name].empty, name
        assert list(tables[name].columns) == list(empty[name].columns)


@pytest.fixture
def lewisham_book(tmp_path) -> Path:
    """Lewisham's files as one workbook, in a council folder of its own with no CSV files."""
    folder = tmp_path / "testshire"
    folder.mkdir()
    ld.write_template_workbook(folder / "testshire.xlsx", "lewisham")
    return folder


def test_lewisham_round_trips_through_one_workbook(lewisham_book):
    from_csv = ld.load_local("lewisham")
    from_book = ld.load_local("testshire", root=lewisham_book.parent)
    for name in ld.FILES:
        pd.testing.assert_frame_equal(from_book[name], from_csv[name], obj=name)
    assert from_book["costs"].set_index("placement_type").loc["residential", "weekly_cost_mean"] == 4279.0
    assert ld.load_actions("testshire", root=lewisham_book.parent)["status"].eq("not yet reviewed").all()


def set_cell(path: Path, sheet: str, cell: str, value) -> None:
    book = load_workbook(path)
    book[sheet][cell] = value
    book.save(path)


def message(folder: Path) -> str:
    with pytest.raises(InputError) as info:
        ld.load_local(folder.name, root=folder.parent)
    return str(info.value)


def test_a_bad_status_is_named_by_sheet_and_cell(lewisham_book):
    set_cell(lewisham_book / "testshire.xlsx", "actions", "F12", "finished")
    assert message(lewisham_book) == (
        f"{lewisham_book}/testshire.xlsx, sheet actions, cell F12 (column 'status'): found 'finished'; expected "
        "one of 'done', 'on track', 'delayed', 'not started', 'dropped', 'not yet reviewed', or an empty cell.")


def test_text_in_a_number_cell_is_named_by_sheet_and_cell(lewisham_book):
    set_cell(lewisham_book / "testshire.xlsx", "measures", "G13", "50%")
    assert ("testshire.xlsx, sheet measures, cell G13 (column 'target_value'): found '50%'; expected a number "
            "such as 75 or 1,120 (no £ or % sign), or an empty cell") in message(lewisham_book)


def test_a_duplicate_and_an_unknown_ambition_are_named_by_cell(lewisham_book):
    path = lewisham_book / "testshire.xlsx"
    set_cell(path, "actions", "A5", 9)
    assert "sheet actions, cell A5 (column 'ambition'): found ambition 9" in message(lewisham_book)
    set_cell(path, "actions", "A5", 1)
    set_cell(path, "actions", "B5", "1.1")
    assert ("sheet actions, cell B5 (column 'number'): found number '1.1' again (already on row 2)"
            in message(lewisham_book))


def test_numbers_and_dates_typed_in_excel_are_read_as_text_would_be(lewisham_book):
    import datetime as dt
    path = lewisham_book / "testshire.xlsx"
    set_cell(path, "actions", "E2", dt.datetime(2026, 3, 31))
    set_cell(path, "actions", "E3", dt.datetime(2026, 3, 1))
    set_cell(path, "costs", "E4", 1120)
    tables = ld.load_local("testshire", root=lewisham_book.parent)
    assert tables["actions"]["due"].iloc[:2].tolist() == ["31 March 2026", "March 2026"]
    assert tables["costs"].loc[2, "weekly_cost_mean"] == 1120.0


def test_a_sheet_and_a_csv_for_the_same_file_are_refused(lewisham_book):
    shutil.copy(DATA_LOCAL / "lewisham" / "pledges.csv", lewisham_book / "pledges.csv")
    assert message(lewisham_book) == (
        f"{lewisham_book}: pledges is both a sheet of testshire.xlsx and the file pledges.csv; expected one of "
        "them. Delete or rename the one you no longer edit.")


def test_two_workbooks_are_refused(lewisham_book):
    shutil.copy(lewisham_book / "testshire.xlsx", lewisham_book / "copy.xlsx")
    assert "found 2 workbooks (copy.xlsx, testshire.xlsx); expected at most one workbook" in message(lewisham_book)


def test_a_workbook_that_is_not_one_is_named(tmp_path):
    (tmp_path / "brokenshire").mkdir()
    (tmp_path / "brokenshire" / "brokenshire.xlsx").write_text("not a workbook", encoding="utf-8")
    assert message(tmp_path / "brokenshire").endswith(
        "brokenshire.xlsx: the workbook cannot be opened (BadZipFile); expected an Excel workbook saved as .xlsx. "
        "Open it in Excel and save it again as 'Excel Workbook (.xlsx)'.")


def test_a_value_under_no_header_is_named(lewisham_book):
    set_cell(lewisham_book / "testshire.xlsx", "pledges", "F3", "stray note")
    assert ("testshire.xlsx, sheet pledges, cell F3: found 'stray note'; expected a cell under a named column"
            in message(lewisham_book))


def test_missing_sheet_falls_back_to_the_csv_or_says_the_file_is_missing(lewisham_book):
    book = load_workbook(lewisham_book / "testshire.xlsx")
    del book["scenarios"]
    book.save(lewisham_book / "testshire.xlsx")
    assert "scenarios.csv: the file is missing" in message(lewisham_book)
    shutil.copy(DATA_LOCAL / "lewisham" / "scenarios.csv", lewisham_book / "scenarios.csv")
    assert len(ld.load_local("testshire", root=lewisham_book.parent)["scenarios"]) > 0


def test_cell_text_of_excel_values():
    import datetime as dt
    assert [workbook.cell_text(v) for v in (3, 2.5, 4279.0, True, dt.date(2024, 4, 1), "x ")] == [
        "3", "2.5", "4279", "yes", "April 2024", "x "]
