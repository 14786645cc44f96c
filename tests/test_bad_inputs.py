"""Bad input, end to end through the command line: every case stops with one clear paragraph
(file, row or column, found, expected), exit status 2, no traceback, and loses nothing: the
published book is left exactly as it was.

Each case corrupts a copy of data/ (raw files are linked, the council's files copied) and points
the build at it with SUFFICIENCY_DATA.
"""
from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sufficiency.core.paths import DATA, PROJECT_ROOT
from sufficiency.data import manifest

LOCAL = Path("local") / "lewisham"


def _data_copy(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    for item in DATA.iterdir():
        if item.name == "local":
            shutil.copytree(item, data / "local")
        elif item.is_dir():
            shutil.copytree(item, data / item.name, copy_function=os.link)
        else:
            shutil.copy2(item, data / item.name)
    return data


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test set-up: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _first_data_line(path: Path) -> str:
    return path.read_text(encoding="utf-8").splitlines()[1]


def malformed(data):      # an unterminated quote swallows the rest of the file
    p = data / LOCAL / "costs.csv"
    p.write_text(p.read_text() + '2020-21,residential,"3,1000\n', encoding="utf-8")
    return "costs.csv"


def text_in_number(data):
    _edit(data / LOCAL / "costs.csv", "2020-21,inhouse_fostering,167,438,440", "2020-21,inhouse_fostering,167,lots,440")
    return "weekly_cost_mode"


def missing_column(data):
    _edit(data / LOCAL / "costs.csv", "weekly_cost_mean", "weekly_mean")
    return "weekly_cost_mean"


def negative_count(data):
    _edit(data / LOCAL / "costs.csv", "2020-21,inhouse_fostering,167,", "2020-21,inhouse_fostering,-167,")
    return "children"


def empty_file(data):
    (data / LOCAL / "feedback.csv").write_text("", encoding="utf-8")
    return "feedback.csv"


def wrong_encoding(data):
    p = data / LOCAL / "feedback.csv"
    # Windows-1252 files are read (Excel writes them); a byte that is neither UTF-8 nor Windows-1252 is not.
    p.write_bytes(p.read_bytes().replace(b"Meeting", b"Me\x81ting"))
    return "neither UTF-8 nor Windows-1252"


def duplicated_rows(data):
    p = data / LOCAL / "actions.csv"
    p.write_text(p.read_text(encoding="utf-8") + _first_data_line(p) + "\n", encoding="utf-8")
    return "actions.csv"


def feedback_without_group(data):
    _edit(data / LOCAL / "feedback.csv", "F01,placement providers,", "F01,,")
    return "group"


def raw_text_in_number(data):
    """A new release, accepted into the manifest, with a word where DfE puts a number or a marker."""
    p = data / "raw" / "cla_dfe_ees" / "cla_number_and_rate_per_10k_children.csv"
    p.unlink()                                   # a hard link: replace it, never edit the original
    original = (DATA / "raw" / "cla_dfe_ees" / p.name).read_text(encoding="utf-8")
    lines = original.splitlines()
    lines[1] = lines[1].rsplit(",", 1)[0] + ",seventy"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    manifest.accept_files([p], raw=data / "raw", manifest=data / "manifest.csv")
    return "seventy"


STABILITY = Path("raw") / "cla_dfe_ees" / "la_cla_placement_stability.csv.gz"
LEWISHAM_3PLUS = ("209,Lewisham,E09000023,CLA on 31 March,With 3 or more placements during the year,37,8",
                  "209,Lewisham,E09000023,CLA on 31 March,With 3 or more placements during the year,37,30")


def _edit_gzip(path: Path, old: str, new: str) -> None:
    """Edit a gzipped published file in a data copy (a hard link: replaced, never edited in place)."""
    text = gzip.decompress(path.read_bytes()).decode("utf-8")
    assert old in text, f"test set-up: {old!r} not in {path.name}"
    path.unlink()
    path.write_bytes(gzip.compress(text.replace(old, new, 1).encode("utf-8"), mtime=0))


def raw_figure_changed(data):
    """One published figure changed by hand (Lewisham 2025, three or more placements: 8% to 30%):
    the file no longer matches the checksum the manifest recorded when it was downloaded."""
    _edit_gzip(data / STABILITY, *LEWISHAM_3PLUS)
    return "la_cla_placement_stability.csv.gz"


CASES = [raw_figure_changed, malformed, text_in_number, missing_column, negative_count, empty_file, wrong_encoding,
         duplicated_rows, feedback_without_group, raw_text_in_number]


def _run(args, data: Path | None = None):
    env = dict(os.environ)
    if data is not None:
        env["SUFFICIENCY_DATA"] = str(data)
    return subprocess.run([sys.executable, "-m", "sufficiency.cli", *args], capture_output=True, text=True,
                          cwd=PROJECT_ROOT, env=env, timeout=300)


@pytest.mark.parametrize("corrupt", CASES, ids=lambda f: f.__name__)
def test_bad_input_stops_with_one_clear_paragraph(tmp_path, corrupt):
    data = _data_copy(tmp_path)
    expected_words = corrupt(data)
    done = _run(["validate"], data)
    assert done.returncode == 2, done.stdout + done.stderr
    message = done.stderr.strip()
    assert "Traceback" not in message
    assert message.startswith("error: ") and message.count("\n") <= 1, message
    assert expected_words in message, message
    assert "found" in message or "expected" in message or "empty" in message


def test_bad_input_leaves_the_published_book_untouched(tmp_path, published_out):
    data = _data_copy(tmp_path)
    negative_count(data)
    out = published_out
    done = _run(["build", "--no-pdf", "--out", str(out)], data)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "executing" not in done.stdout, "nothing may run before the inputs pass their checks"
    assert (out / "html" / "index.html").read_text() == "last good book"
    assert sorted(p.name for p in out.iterdir()) == ["html", "html-good"]


def test_script_in_a_text_field_is_kept_as_text_not_an_error(tmp_path):
    """Markup in a text field is legitimate input: it must load, and is escaped on the page."""
    from sufficiency.publishing.pages import escape

    data = _data_copy(tmp_path)
    _edit(data / LOCAL / "feedback.csv", "Meeting together builds", "<script>alert(1)</script> Meeting together builds")
    done = _run(["validate"], data)
    assert done.returncode == 0, done.stderr
    assert "<" not in escape("<script>alert(1)</script>").replace("\\<", "")


def test_a_changed_published_file_is_refused_until_accepted(tmp_path):
    """The manifest's checksums are checked by validate and build; `accept-data` records a new
    release deliberately, after which the file is read (and its own checks apply)."""
    data = _data_copy(tmp_path)
    raw_figure_changed(data)
    for command in (["validate"], ["build", "--no-pdf", "--out", str(tmp_path / "out")]):
        done = _run(command, data)
        assert done.returncode == 2, done.stdout + done.stderr
        assert "la_cla_placement_stability.csv.gz" in done.stderr and "SHA-256" in done.stderr
        assert "sufficiency accept-data" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "out" / "html").exists(), "nothing was published"
    done = _run(["accept-data", str(data / STABILITY)], data)
    assert done.returncode == 0, done.stderr
    assert "raw/cla_dfe_ees/la_cla_placement_stability.csv.gz: recorded" in done.stdout
    done = _run(["validate"], data)
    assert done.returncode == 0, done.stderr
    assert "published files match the checksums" in done.stdout


def test_a_raw_file_not_in_the_manifest_is_refused(tmp_path):
    data = _data_copy(tmp_path)
    (data / "raw" / "cla_dfe_ees" / "extra.csv").write_text("a,b\n1,2\n")
    done = _run(["validate"], data)
    assert done.returncode == 2 and "extra.csv" in done.stderr and "not listed" in done.stderr, done.stderr
