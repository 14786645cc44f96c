"""The build: what it executes, when it re-executes, and that publishing never loses the last good book."""
from __future__ import annotations

import importlib.util
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
import yaml

from sufficiency.build import pipeline as B
from sufficiency.core.paths import BUILD, NOTEBOOKS, PROJECT_ROOT

spec = importlib.util.spec_from_file_location("make_notebook", PROJECT_ROOT / "scripts" / "make_notebook.py")
make_notebook = importlib.util.module_from_spec(spec)
spec.loader.exec_module(make_notebook)

TEMPLATES = sorted(NOTEBOOKS.glob("*.ipynb"))


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.stem)
def test_template_has_one_parameters_cell_and_no_outputs(template):
    nb = nbformat.read(template, as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, "papermill only warns when the parameters cell is missing"
    for name in ("la_code", "year", "files_dir"):
        assert f"{name} =" in tagged[0].source
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.stem)
def test_template_matches_its_readable_source(template):
    source = NOTEBOOKS / "src" / f"{template.stem}.py"
    assert source.exists(), f"{template.name} has no source in notebooks/src/"
    expected = make_notebook.convert(source.read_text(encoding="utf-8"))
    actual = nbformat.read(template, as_version=4)
    assert [c.source for c in actual.cells] == [c.source for c in expected.cells], \
        f"run: python scripts/make_notebook.py {source.relative_to(PROJECT_ROOT)} {template.relative_to(PROJECT_ROOT)}"


def _toc_files(node) -> list[str]:
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("file", "root"):
                found.append(value)
            else:
                found += _toc_files(value)
    elif isinstance(node, list):
        for item in node:
            found += _toc_files(item)
    return found


def test_toc_lists_exactly_the_planned_pages():
    toc = yaml.safe_load(B.TOC.read_text())
    everything = B.plan_pages(episodes=True)
    assert sorted(_toc_files(toc)) == sorted([run.page for run in everything] + [B.RECORD_PAGE])


def test_record_level_pages_are_planned_only_with_an_extract(tmp_path):
    published_only = {run.page for run in B.plan_pages()}
    with_extract = {run.page for run in B.plan_pages(episodes=True)}
    record_level = with_extract - published_only
    assert record_level, "no template is marked as needing an SSDA903 extract"
    assert all(page.startswith("10-") for page in record_level)
    one_year = {run.page for run in B.plan_pages(episodes=True, episodes_history=False)}
    assert one_year - published_only == {"10-own-records"}   # no moves between years to forecast from
    toc = yaml.safe_load(B._edition_toc(B.plan_pages(), tmp_path).read_text())
    assert sorted(_toc_files(toc)) == sorted(published_only | {B.RECORD_PAGE})
    assert all(part["chapters"] for part in toc["parts"])   # a part left empty is dropped


def test_staging_removes_pages_the_edition_does_not_have(tmp_path):
    cache = B.ExecutionCache(tmp_path / "cache", B.DigestMemo(tmp_path / "digests.json"))
    source = tmp_path / "source"
    source.mkdir()
    for page in ("01-intro", "10-own-records"):   # left by an earlier edition with an extract
        nbformat.write(make_notebook.convert("# %%\nprint(1)\n"), source / f"{page}.ipynb")
        (source / B.GENERATED / page).mkdir(parents=True)
    cache.root.mkdir()
    nbformat.write(make_notebook.convert("# %%\nprint(2)\n"), cache.notebook_path("01-intro"))
    cache.files_dir("01-intro").mkdir(parents=True)
    (cache.files_dir("01-intro") / "figure.png").write_bytes(b"png")
    B._stage_pages([B.PageRun(Path("01-intro.ipynb"), "01-intro")], cache, source)
    assert sorted(p.name for p in source.glob("*.ipynb")) == ["01-intro.ipynb"]
    assert sorted(p.name for p in (source / B.GENERATED).iterdir()) == ["01-intro"]
    assert (source / B.GENERATED / "01-intro" / "figure.png").read_bytes() == b"png"
    assert "print(2)" in (source / "01-intro.ipynb").read_text()


def test_other_output_folders_get_their_own_source_folder(tmp_path):
    default = B.Edition("209", "Lewisham", 2025, B.BUILD)
    other = B.Edition("209", "Lewisham", 2025, tmp_path / "demo")
    assert default.source_dir == B.BOOK
    assert other.source_dir == (tmp_path / "demo" / ".source").resolve()
    book = tmp_path / "book"
    (book / "_static").mkdir(parents=True)
    (book / "_static" / "a.css").write_text("x")
    (book / "01-intro.ipynb").write_text("{}")
    target = tmp_path / "mirror"
    (target / "_static").mkdir(parents=True)
    (target / "_static" / "old.css").write_text("gone")
    B._mirror_static(book, target)
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()) == ["_static/a.css"]


def test_repeated_template_makes_one_page_per_value(tmp_path):
    nb = make_notebook.convert("# %% [parameters]\nambition = 1\n# %%\nprint(ambition)\n")
    nb.metadata["sufficiency"] = {"repeat": {"ambition": [1, 2, 3]}}
    nbformat.write(nb, tmp_path / "08-ambition.ipynb")
    nbformat.write(make_notebook.convert("# %% [parameters]\nx = 1\n"), tmp_path / "01-intro.ipynb")
    runs = B.plan_pages(tmp_path)
    assert [r.page for r in runs] == ["01-intro", "08-ambition-1", "08-ambition-2", "08-ambition-3"]
    assert runs[2].params == {"ambition": 2}


def test_cache_is_fresh_until_a_file_it_read_changes(tmp_path):
    data = tmp_path / "input.csv"
    data.write_text("a\n1\n")
    cache = B.ExecutionCache(tmp_path / "cache", B.DigestMemo(tmp_path / "digests.json"))
    cache.root.mkdir()
    cache.notebook_path("page").write_text("{}")
    cache.store("page", "key-1", [str(data)], 1.0)
    assert cache.is_fresh("page", "key-1")
    assert not cache.is_fresh("page", "key-2"), "a new template, parameter or code must re-execute"
    os.utime(data, ns=(1, 1))                      # touched, same content: still fresh
    assert cache.is_fresh("page", "key-1")
    data.write_text("a\n2\n")
    assert not cache.is_fresh("page", "key-1"), "a changed input must re-execute"
    data.unlink()
    assert not cache.is_fresh("page", "key-1"), "a missing input must re-execute"


def test_run_key_depends_on_parameters_and_code(tmp_path):
    template = tmp_path / "t.ipynb"
    template.write_text("{}")
    run = B.PageRun(template, "t")
    base = B.run_key(run, {"year": 2025}, "code")
    assert B.run_key(run, {"year": 2022}, "code") != base
    assert B.run_key(run, {"year": 2025}, "code2") != base
    assert B.run_key(run, {"year": 2025}, "code") == base


def test_publish_swaps_the_link_in_one_step(tmp_path):
    site = tmp_path / "built"
    site.mkdir()
    (site / "index.html").write_text("first")
    html, _ = B._publish(site, None, tmp_path / "out", "a" * 64)
    assert html.read_text() == "first" and (tmp_path / "out" / "html").is_symlink()
    (site / "index.html").write_text("second")
    B._publish(site, None, tmp_path / "out", "b" * 64)
    assert (tmp_path / "out" / "html" / "index.html").read_text() == "second"
    assert [p.name for p in (tmp_path / "out").glob("html-*")] == ["html-" + "b" * 12], "old copies are removed"


def test_failing_notebook_is_named_and_last_good_book_stays(tmp_path, monkeypatch):
    out = tmp_path / "out"
    good = out / "html-good"
    good.mkdir(parents=True)
    (good / "index.html").write_text("last good book")
    (out / "html").symlink_to("html-good")
    broken = tmp_path / "02-broken.ipynb"
    nbformat.write(make_notebook.convert(
        "# %% [parameters]\nla_code = '209'\nyear = 2025\nfiles_dir = ''\n# %%\nx = 1\n# %%\n1 / 0\n"), broken)
    monkeypatch.setattr(B, "plan_pages", lambda **_: [B.PageRun(broken, "02-broken")])
    edition = B.Edition("999", "Test council", 2025, out)
    with pytest.raises(B.BuildError) as err:
        B.build(edition, pdf=False)
    message = str(err.value)
    assert "02-broken" in message and "ZeroDivisionError" in message and "cell 3" in message
    assert (out / "html" / "index.html").read_text() == "last good book"


@pytest.mark.slow
def test_interrupted_build_leaves_book_and_next_build_recovers():
    """Kill a forced rebuild part-way; the published book survives; the next build succeeds."""
    index = BUILD / "html" / "index.html"
    if not index.exists():
        pytest.skip("no published book yet: run `make book` first")
    before = os.path.realpath(BUILD / "html")
    cli = [sys.executable, "-m", "sufficiency.cli", "build", "--no-pdf"]
    proc = subprocess.Popen(cli + ["--force"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            cwd=PROJECT_ROOT, start_new_session=True, text=True)
    for line in proc.stdout:   # wait until it is really working, then kill the whole group
        if "executing" in line or "building HTML" in line:
            time.sleep(1.0)
            break
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert index.exists() and os.path.realpath(BUILD / "html") == before
    done = subprocess.run(cli, capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (BUILD / "html" / "index.html").exists()


def test_unknown_council_is_a_one_paragraph_error():
    done = subprocess.run([sys.executable, "-m", "sufficiency.cli", "build", "--la", "Lewishm", "--no-pdf"],
                          capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=120)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "Lewisham" in done.stderr and "sufficiency councils" in done.stderr


def test_year_outside_the_data_is_refused():
    done = subprocess.run([sys.executable, "-m", "sufficiency.cli", "build", "--year", "2031", "--no-pdf"],
                          capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=120)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "--year" in done.stderr and "2031" in done.stderr


def test_adding_a_file_to_the_extract_changes_the_run_key(tmp_path):
    (tmp_path / "2024").mkdir()
    (tmp_path / "2024" / "episodes.csv").write_text("CHILD\n")
    before = B.extract_listing_digest(tmp_path)
    assert B.extract_listing_digest(tmp_path) == before
    (tmp_path / "2025").mkdir()
    (tmp_path / "2025" / "episodes.csv").write_text("CHILD\n")
    assert B.extract_listing_digest(tmp_path) != before
    assert B.extract_listing_digest(None) == ""
