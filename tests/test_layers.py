"""The package's layers hold: import-linter's contracts pass on the code, and fail when a
wrong-way import or a cycle is planted in a copy of it."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sufficiency.core.paths import PROJECT_ROOT

LINT = Path(sys.executable).with_name("lint-imports")


def _lint(src: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(src)}   # before site-packages: the copy is the package
    return subprocess.run([str(LINT), "--config", str(PROJECT_ROOT / "pyproject.toml"), "--no-cache"],
                          capture_output=True, text=True, env=env, cwd=PROJECT_ROOT)


def _copy(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    shutil.copytree(PROJECT_ROOT / "src" / "sufficiency", src / "sufficiency",
                    ignore=shutil.ignore_patterns("__pycache__"))
    return src


def test_contracts_are_kept():
    done = _lint(PROJECT_ROOT / "src")
    assert done.returncode == 0, done.stdout[-2000:]
    assert "0 broken" in done.stdout


@pytest.mark.parametrize("module, planted, contract", [
    # A reader of data files reaching up into the chapters.
    ("data/councils.py", "from sufficiency.chapters import methods\n", "Layers"),
    # The core reaching into the build (the cycle the digests once made).
    ("core/files.py", "import sufficiency.build.pipeline\n", "Layers"),
    # Publishing and data are independent of each other.
    ("publishing/words.py", "from sufficiency.data import councils\n", "Layers"),
    # Two modules of one layer importing each other.
    ("measures/costs.py", "from sufficiency.measures import supply\n", "cycles"),
])
def test_a_planted_wrong_way_import_breaks_a_contract(tmp_path, module, planted, contract):
    src = _copy(tmp_path)
    path = src / "sufficiency" / module
    text = path.read_text()
    # After `from __future__ import annotations`, which must stay first.
    head, sep, rest = text.partition("from __future__ import annotations\n")
    path.write_text(head + sep + planted + rest if sep else planted + text)
    done = _lint(src)
    assert done.returncode != 0, f"planting {planted.strip()!r} in {module} broke no contract"
    broken = done.stdout[done.stdout.find("Broken contracts"):]
    assert contract in broken, done.stdout[-2000:]
