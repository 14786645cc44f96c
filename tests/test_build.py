"""The build: what it executes, when it re-executes, and that publishing never loses the last good book."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
import yaml

from sufficiency.build import cache as C
from sufficiency.build import pipeline as B
from sufficiency.build import plan as P
from sufficiency.build import publish as U
from sufficiency.build import sphinx as X
from sufficiency.build.edition import Edition
from sufficiency.build.progress import BuildError
from sufficiency.core.digests import DigestMemo
from sufficiency.core.paths import BOOK, BUILD, NOTEBOOKS, PROJECT_ROOT

SOURCES = sorted(NOTEBOOKS.glob("*.py"))


def _notebook(tmp_path: Path, text: str, name: str = "t") -> Path:
    """An executable notebook from a py:percent text, as the build makes it."""
    source = tmp_path / f"{name}.py"
    source.write_text(text)
    return P.template_notebook(source, tmp_path / "templates")


def test_every_planned_page_has_a_text_source_and_nothing_else_is_there():
    planned = {run.template for run in P.plan_pages("lewisham", episodes=True)}
    assert planned == set(SOURCES), "a notebook source without a page in the plan, or the reverse"
    assert not list(NOTEBOOKS.rglob("*.ipynb")), "templates are generated from the text sources, not committed"


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_template_has_one_parameters_cell_and_readers_see_no_code(source, tmp_path):
    nb = nbformat.read(P.template_notebook(source, tmp_path), as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, "papermill only warns when the parameters cell is missing"
    assert "remove-cell" in tagged[0].metadata["tags"]
    for name in ("la_code", "year", "files_dir"):
        assert f"{name} =" in tagged[0].source
    code = [c for c in nb.cells if c.cell_type == "code" and c is not tagged[0]]
    assert code and all("remove-input" in c.metadata["tags"] for c in code)
    assert all(not c.get("outputs") for c in code)


def test_template_conversion_is_deterministic(tmp_path):
    source = NOTEBOOKS / "01-introduction.py"
    one = P.template_notebook(source, tmp_path / "a").read_bytes()
    two = P.template_notebook(source, tmp_path / "b").read_bytes()
    assert one == two


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


def test_toc_is_generated_from_the_plan():
    assert P.TOC.read_text() == P.project_toc_text(), "run: .venv/bin/sufficiency toc"
    toc = yaml.safe_load(P.TOC.read_text())
    everything = P.plan_pages("lewisham", episodes=True)
    assert _toc_files(toc) == [run.page for run in everything] + [P.RECORD_PAGE]


def test_record_level_pages_are_planned_only_with_an_extract(tmp_path):
    published_only = {run.page for run in P.plan_pages("lewisham")}
    with_extract = {run.page for run in P.plan_pages("lewisham", episodes=True)}
    record_level = with_extract - published_only
    assert record_level, "no template is marked as needing an SSDA903 extract"
    assert all(page.startswith("10-") for page in record_level)
    one_year = {run.page for run in P.plan_pages("lewisham", episodes=True, episodes_history=False)}
    assert one_year - published_only == {"10-own-records"}   # no moves between years to forecast from
    toc = yaml.safe_load(X.edition_toc(P.plan_pages("lewisham"), tmp_path).read_text())
    assert sorted(_toc_files(toc)) == sorted(published_only | {P.RECORD_PAGE})
    assert all(part["chapters"] for part in toc["parts"])   # a part left empty is dropped


def test_staging_removes_pages_the_edition_does_not_have(tmp_path):
    cache = C.ExecutionCache(tmp_path / "cache", DigestMemo(tmp_path / "digests.json"))
    source = tmp_path / "source"
    source.mkdir()
    old = _notebook(tmp_path, "# %%\nprint(1)\n", "old")
    for page in ("01-intro", "10-own-records"):   # left by an earlier edition with an extract
        (source / f"{page}.ipynb").write_bytes(old.read_bytes())
        (source / U.GENERATED / page).mkdir(parents=True)
    cache.root.mkdir()
    cache.notebook_path("01-intro").write_bytes(_notebook(tmp_path, "# %%\nprint(2)\n", "new").read_bytes())
    cache.files_dir("01-intro").mkdir(parents=True)
    (cache.files_dir("01-intro") / "figure.png").write_bytes(b"png")
    U.stage_pages([P.PageRun(Path("01-intro.py"), "01-intro")], cache, source)
    assert sorted(p.name for p in source.glob("*.ipynb")) == ["01-intro.ipynb"]
    assert sorted(p.name for p in (source / U.GENERATED).iterdir()) == ["01-intro"]
    assert (source / U.GENERATED / "01-intro" / "figure.png").read_bytes() == b"png"
    assert "print(2)" in (source / "01-intro.ipynb").read_text()


def test_other_output_folders_get_their_own_source_folder(tmp_path):
    default = Edition("209", "Lewisham", 2025, BUILD)
    other = Edition("209", "Lewisham", 2025, tmp_path / "demo")
    assert default.source_dir == BOOK
    assert other.source_dir == (tmp_path / "demo" / ".source").resolve()
    book = tmp_path / "book"
    (book / "_static").mkdir(parents=True)
    (book / "_static" / "a.css").write_text("x")
    (book / "01-intro.ipynb").write_text("{}")
    target = tmp_path / "mirror"
    (target / "_static").mkdir(parents=True)
    (target / "_static" / "old.css").write_text("gone")
    U.mirror_static(book, target)
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()) == ["_static/a.css"]


def test_one_ambition_page_per_ambition_in_the_councils_file(tmp_path):
    """A council with ten ambitions gets ten pages, in its file's order; one with none gets none."""
    folder = tmp_path / "local" / "testshire"
    folder.mkdir(parents=True)
    rows = "\n".join(f"{n},Ambition {n},Aim {n},,"for n in range(1, 11))
    (folder / "ambitions.csv").write_text("number,title,aim,narrative,source_section\n" + rows + "\n")
    runs = P.plan_pages("testshire", local_root=tmp_path / "local")
    ambitions = [r for r in runs if r.page.startswith("08-ambition-")]
    assert [r.page for r in ambitions] == [f"08-ambition-{n}" for n in range(1, 11)]
    assert ambitions[9].params == {"ambition": 10}
    toc = P.toc_for(runs)
    part = next(p for p in toc["parts"] if p["caption"] == P.AMBITIONS)
    assert [c["file"] for c in part["chapters"]][1:11] == [r.page for r in ambitions]
    assert not [r for r in P.plan_pages("nowhere", local_root=tmp_path / "local") if r.page.startswith("08-ambition-")]


def test_cache_is_fresh_until_a_file_it_read_changes(tmp_path):
    data = tmp_path / "input.csv"
    data.write_text("a\n1\n")
    cache = C.ExecutionCache(tmp_path / "cache", DigestMemo(tmp_path / "digests.json"))
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
    run = P.PageRun(template, "t")
    base = C.run_key(run, {"year": 2025}, "code")
    assert C.run_key(run, {"year": 2022}, "code") != base
    assert C.run_key(run, {"year": 2025}, "code2") != base
    assert C.run_key(run, {"year": 2025}, "code") == base


def test_publish_swaps_the_link_in_one_step(tmp_path):
    site = tmp_path / "built"
    site.mkdir()
    (site / "index.html").write_text("first")
    html, _ = U.publish(site, None, tmp_path / "out", "a" * 64)
    assert html.read_text() == "first" and (tmp_path / "out" / "html").is_symlink()
    (site / "index.html").write_text("second")
    U.publish(site, None, tmp_path / "out", "b" * 64)
    assert (tmp_path / "out" / "html" / "index.html").read_text() == "second"
    assert [p.name for p in (tmp_path / "out").glob("html-*")] == ["html-" + "b" * 12], "old copies are removed"


def test_failing_notebook_is_named_and_last_good_book_stays(tmp_path, monkeypatch, published_out):
    out = published_out
    broken = tmp_path / "02-broken.py"
    broken.write_text('# %% tags=["parameters"]\nla_code = "209"\nyear = 2025\nfiles_dir = ""\n'
                      "# %%\nx = 1\n# %%\n1 / 0\n")
    monkeypatch.setattr(B, "plan_pages", lambda *_, **__: [P.PageRun(broken, "02-broken")])
    edition = Edition("999", "Test council", 2025, out)
    with pytest.raises(BuildError) as err:
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
    before = C.extract_listing_digest(tmp_path)
    assert C.extract_listing_digest(tmp_path) == before
    (tmp_path / "2025").mkdir()
    (tmp_path / "2025" / "episodes.csv").write_text("CHILD\n")
    assert C.extract_listing_digest(tmp_path) != before
    assert C.extract_listing_digest(None) == ""


def test_another_data_folder_re_runs_every_page(tmp_path, monkeypatch):
    """SUFFICIENCY_DATA=/other/copy must never publish pages made from the previous folder."""
    from sufficiency.build.progress import BuildReport
    from sufficiency.core import paths

    folders = {}
    for name, value in (("a", "first"), ("b", "second")):
        folders[name] = tmp_path / name
        folders[name].mkdir()
        (folders[name] / "figure.txt").write_text(value)
    source = tmp_path / "01-page.py"
    source.write_text('# %% tags=["parameters"]\nla_code = "209"\nyear = 2025\nfiles_dir = ""\n'
                      "# %%\nfrom sufficiency.core import files, paths\n"
                      "print(files.record_read(paths.DATA / 'figure.txt').read_text())\n")
    pages = [P.PageRun(source, "01-page")]
    cache = C.ExecutionCache(tmp_path / "cache", DigestMemo(tmp_path / "digests.json"))
    edition = Edition("209", "Lewisham", 2025, tmp_path / "out")

    def run(folder: str) -> tuple[list, str]:
        monkeypatch.setenv("SUFFICIENCY_DATA", str(folders[folder]))   # the kernels' data folder
        monkeypatch.setattr(paths, "DATA", folders[folder])            # this process's
        report = BuildReport()
        B.execute_pages(edition, pages, cache, report, jobs=1)
        return report.executed, cache.notebook_path("01-page").read_text()

    assert run("a")[0] == ["01-page"]
    executed, notebook = run("b")
    assert executed == ["01-page"], "another data folder must re-run the page"
    assert "second" in notebook and "first" not in notebook
    assert run("b")[0] == [], "the same folder again: nothing to re-run"
    assert run("a")[0] == ["01-page"]


def test_a_second_build_of_the_same_edition_stops_and_names_the_first(tmp_path):
    """Two builds at once used to delete each other's work folder; now the second one stops."""
    from sufficiency.build.lock import exclusive

    lock = tmp_path / "out" / ".build.lock"
    holder = subprocess.Popen([sys.executable, "-c",
                               "import sys, time\nfrom pathlib import Path\n"
                               "from sufficiency.build.lock import exclusive\n"
                               f"with exclusive(Path({str(lock)!r}), 'x'):\n"
                               "    print('held', flush=True)\n    time.sleep(60)\n"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(BuildError) as err:
            with exclusive(lock, "the output folder out"):
                pass
        assert f"process {holder.pid}" in str(err.value) and "the output folder out" in str(err.value)
    finally:
        holder.kill()
        holder.wait()
    with exclusive(lock, "the output folder out"):   # a killed holder leaves no stale lock
        assert lock.read_text().strip() == str(os.getpid())


def test_executed_notebooks_get_numbered_cell_ids(tmp_path):
    """papermill's injected cell has a random id; numbered ids make a re-run byte-identical."""
    from sufficiency.build import execute

    path = _notebook(tmp_path, '# %% tags=["parameters"]\nx = 1\n# %%\nprint(x)\n')
    nb = nbformat.read(path, as_version=4)
    injected = nbformat.v4.new_code_cell("x = 2", metadata={"tags": ["injected-parameters"]})
    nb.cells.insert(1, injected)
    target = tmp_path / "executed.ipynb"
    nbformat.write(nb, target)
    execute.tidy_executed(target)
    cells = nbformat.read(target, as_version=4).cells
    assert [c["id"] for c in cells] == ["cell-00", "cell-01", "cell-02"]
    assert "remove-cell" in cells[1].metadata["tags"]


def test_the_introduction_links_the_pdf_only_when_it_is_built(tmp_path):
    """An HTML-only build used to link strategy.pdf, which its site did not hold."""
    edition = Edition("209", "Lewisham", 2025, tmp_path / "out")

    def printing(output):
        config = yaml.safe_load(X.edition_config(edition, tmp_path, output).read_text())
        return config["sphinx"]["config"]["myst_substitutions"]["printing"]

    assert 'href="strategy.pdf"' in printing("html-with-pdf")
    assert printing("html") == ""
    assert "strategy.pdf" not in printing("pdf") and printing("pdf").startswith("This is the printable version")
    assert "{{ printing }}" in (NOTEBOOKS / "01-introduction.py").read_text()


def test_a_groups_book_is_titled_and_signed_as_the_groups_not_one_councils(tmp_path):
    group = Edition("", "London", 2025, tmp_path / "out", group="london", members=("202", "209"))
    config = yaml.safe_load(X.edition_config(group, tmp_path, "html").read_text())
    assert config["title"] == "London: regional placement sufficiency"
    assert config["author"] == "The councils of London"
    assert config["sphinx"]["config"]["html_title"] == "London regional placement sufficiency, data to March 2025"
    council = yaml.safe_load(X.edition_config(Edition("209", "Lewisham", 2025, tmp_path / "o"), tmp_path, "html")
                             .read_text())
    assert (council["title"], council["author"]) == ("Lewisham: placement sufficiency strategy",
                                                     "Lewisham children's services")


@pytest.mark.slow
def test_text_is_printed_as_typed_with_straight_quotes():
    """Sphinx's smartquotes used to turn typed ' and " into curly ones; the README promises text
    exactly as typed."""
    page = BUILD / "html" / "96-pledges.html"
    if not page.exists():
        pytest.skip("the default book has not been built (run `make book` first)")
    text = page.read_text(encoding="utf-8")
    assert "Lewisham's pledges" in text and "Lewisham’s pledges" not in text


def test_the_book_opens_with_the_summary_then_the_pages_for_every_reader():
    """At a glance is the root page for every council; the easy-read page comes with the introduction,
    the needs page with the picture, and the glossary among the appendices."""
    for slug in ("lewisham", "greenwich"):
        toc = P.toc_for(P.plan_pages(slug))
        assert toc["root"] == "00-at-a-glance"
        captions = {c["file"]: part["caption"] for part in toc["parts"] for c in part["chapters"]}
        assert captions["01-introduction"] == captions["01-easy-read"] == P.ABOUT
        assert captions["04-needs"] == P.PICTURE
        assert captions["97-glossary"] == P.APPENDICES


def test_a_warm_kernel_runs_each_notebook_as_a_new_kernel_would(tmp_path, monkeypatch):
    """The second notebook in a kept kernel sees no names, chart settings or cached tables the first
    left behind: its outputs, execution counts and recorded reads are those of a new kernel."""
    from sufficiency.build import execute as E

    nb = _notebook(tmp_path, '# %% tags=["parameters"]\nfiles_dir = ""\n'
                   "# %%\nprint(sorted(k for k in globals() if not k.startswith('_')))\n"
                   "# %%\nimport matplotlib\nprint(matplotlib.rcParams['lines.linewidth'])\n"
                   "matplotlib.rcParams['lines.linewidth'] = 9\nleft_over = 1\n"
                   "# %%\nimport warnings\nwarnings.warn('shown once per page')\n"
                   "# %%\nfrom sufficiency.data import councils\ncouncils.resolve_council('209').name\n")
    seen = []
    for number, engine in enumerate(["papermill", "warm", "warm"]):
        monkeypatch.setenv(E.ENGINE_ENV, engine)
        out, log, files = tmp_path / f"run{number}.ipynb", tmp_path / f"run{number}.reads", tmp_path / f"files{number}"
        files.mkdir()
        seconds, error = E.execute_notebook(str(nb), str(out), {"files_dir": str(files)}, str(log), str(tmp_path),
                                            inline=True)
        assert error is None
        cells = [c for c in nbformat.read(out, as_version=4).cells if c.cell_type == "code"]
        # A warning names the kernel's process id, which differs between any two kernels.
        outputs = re.sub(r"ipykernel_\d+", "ipykernel_N", json.dumps([c.outputs for c in cells[2:]]))
        seen.append(([c.execution_count for c in cells], json.loads(outputs), log.read_text()))
    assert seen[0] == seen[1], "the warm kernel's first notebook differs from a new kernel's"
    assert seen[1] == seen[2], "the warm kernel's second notebook differs from its first"
    counts, outputs, reads = seen[2]
    assert counts == [1, 2, 3, 4, 5, 6]   # the parameters, the injected parameters, then the four cells
    assert outputs[0][0]["text"] == "['In', 'Out', 'exit', 'files_dir', 'get_ipython', 'open', 'quit']\n"
    assert outputs[1][0]["text"] == "1.5\n"
    assert "shown once per page" in outputs[2][0]["text"]
    assert outputs[3][0]["data"]["text/plain"] == "'Lewisham'" and reads.strip(), "the cached read is recorded again"
    assert os.environ.get(E.LEDGER_ENV) is None, "an inline run leaves this process's environment as it was"


def test_a_failed_page_is_told_by_page_cell_and_error():
    from sufficiency.build.execute import PageFailure

    failure = PageFailure.from_error("97-what-changed", "cell 3 (`changes.table(page, year)`), which raised "
                                     "ValueError: cannot convert float NaN to integer")
    assert failure == PageFailure("97-what-changed", 3, "ValueError: cannot convert float NaN to integer")
