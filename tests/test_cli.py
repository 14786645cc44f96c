"""The command line: expected failures print one paragraph and exit 2, never a traceback."""
from __future__ import annotations

import errno

import pytest

from sufficiency import cli
from sufficiency.core.errors import InputError


def test_a_full_disk_is_one_paragraph_not_a_traceback(monkeypatch, capsys):
    def full(args):
        raise OSError(errno.ENOSPC, "No space left on device", "/work/_build/.work/x.html")

    monkeypatch.setattr(cli, "cmd_councils", full)
    assert cli.main(["councils"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: the disk is full while writing /work/_build/.work/x.html.")
    assert "last good book is still published" in err and err.count("\n") == 1


def test_the_toc_command_writes_the_plan(monkeypatch, tmp_path, capsys):
    target = tmp_path / "_toc.yml"
    monkeypatch.setattr(cli, "write_project_toc", lambda: target.write_text("x") or target)
    assert cli.main(["toc"]) == 0
    assert target.read_text() == "x" and "wrote _toc.yml" in capsys.readouterr().out


def test_template_writes_an_empty_workbook_with_a_sheet_per_file(tmp_path, capsys):
    import openpyxl
    path = tmp_path / "council.xlsx"
    assert cli.main(["template", "--xlsx", str(path)]) == 0
    assert capsys.readouterr().out == f"wrote {path} (empty, with drop-down lists and notes)\n"
    sheets = openpyxl.load_workbook(path).sheetnames
    assert {"actions", "measures", "ambitions", "notes"} <= set(sheets)


def test_new_strategy_refuses_a_period_that_is_not_the_current_one(capsys):
    # Lewisham's current strategy is 2022-25 (strategy.csv); nothing is written on a wrong --from.
    assert cli.main(["new-strategy", "--la", "209", "--from", "2019-22", "--period", "2025-28"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "2019-22" in err and "2022-25" in err and "Traceback" not in err


def test_an_edition_without_sn_model_uses_its_own_years_model():
    args = cli._parser().parse_args(["build", "--year", "2022"])
    assert args.sn_model is None      # the Edition picks the 2021 model for 2022 (tests/test_councils.py)


def test_a_former_council_is_an_edition_of_its_own_years_only():
    from sufficiency.cli import resolve_edition_inputs

    council, year = resolve_edition_inputs("Cumbria", 2022)
    assert (council.code, year) == ("909", 2022)
    with pytest.raises(InputError, match="abolished before that year; its area is now served by Cumberland"):
        resolve_edition_inputs("909", 2025)
    with pytest.raises(InputError, match="Cumberland was formed after that year"):
        resolve_edition_inputs("942", 2022)
