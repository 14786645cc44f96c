"""The command line: expected failures print one paragraph and exit 2, never a traceback."""
from __future__ import annotations

import errno

from sufficiency import cli


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
