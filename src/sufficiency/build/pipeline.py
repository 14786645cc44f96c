"""Build an edition of the book: check inputs, execute notebooks, build HTML and PDF, publish.

The flow::

    notebooks/*.ipynb  --papermill (parallel, cached)-->  book/*.ipynb  --jupyter-book-->  _build/html, _build/pdf

* A notebook is re-executed only when its template, its parameters, the package's code or a data
  file it read last time has changed (:class:`ExecutionCache`). Jupyter Book's own cache cannot do
  this: it ignores data files.
* Publishing is atomic: the site is built in a work folder, copied to a fresh ``html-<key>`` folder
  and the ``html`` symbolic link is swapped in one ``rename``. A failed or interrupted build leaves
  the last good book published; the next build notices the unfinished work folder and starts it
  again cleanly.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from sufficiency.core.errors import InputError
from sufficiency import __version__
from sufficiency.core.digests import DigestMemo, code_digest, digest_memo, file_digest, write_atomic
from sufficiency.core.files import READS_LOG_ENV
from sufficiency.core.paths import BOOK, BUILD, NOTEBOOKS, PROJECT_ROOT

CONFIG = PROJECT_ROOT / "_config.yml"
TOC = PROJECT_ROOT / "_toc.yml"
GENERATED = "_generated"          # per-page figures and CSVs, inside book/ so Sphinx copies them
PDF_NAME = "strategy.pdf"
RECORD_PAGE = "98-edition-record"  # written by the build itself, after every notebook has run
# Versions reported in the edition record, besides Python's.
RECORDED_PACKAGES = ["jupyter-book", "sphinx", "myst-nb", "papermill", "pandas", "numpy", "matplotlib",
                     "seaborn", "statsmodels", "geopandas", "pandera"]


class BuildError(Exception):
    """A build step failed; the message says which and where to look."""


# ----------------------------------------------------------------------------------------------
# What to execute
# ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PageRun:
    """One execution of a template: the page it makes and its extra parameters."""

    template: Path
    page: str
    extra: tuple[tuple[str, object], ...] = ()

    @property
    def params(self) -> dict:
        return dict(self.extra)


def plan_pages(notebooks_dir: Path = NOTEBOOKS, *, episodes: bool = False,
               episodes_history: bool | None = None) -> list[PageRun]:
    """Every page to execute: one per template, or one per value of a repeated parameter.

    A template repeats when its metadata says so, e.g.
    ``{"sufficiency": {"repeat": {"ambition": [1, 2, 3]}}}`` makes ``<name>-1`` … ``<name>-3``.
    A template whose metadata says ``{"sufficiency": {"requires": "episodes"}}`` shows record-level
    data and is planned only when the edition has an SSDA903 extract (``episodes=True``); one that
    says ``"requires": "episodes-history"`` (moves between years) only when that extract also holds
    two 31 Marches in full (``episodes_history``; by default, whenever there is an extract).
    """
    episodes_history = episodes if episodes_history is None else episodes_history
    runs = []
    for template in sorted(notebooks_dir.glob("*.ipynb")):
        meta = json.loads(template.read_text(encoding="utf-8")).get("metadata", {})
        needs = meta.get("sufficiency", {}).get("requires")
        if (needs == "episodes" and not episodes) or (needs == "episodes-history" and not episodes_history):
            continue
        repeat = meta.get("sufficiency", {}).get("repeat")
        if repeat:
            (name, values), = repeat.items()
            runs += [PageRun(template, f"{template.stem}-{v}", ((name, v),)) for v in values]
        else:
            runs.append(PageRun(template, template.stem))
    return runs


# ----------------------------------------------------------------------------------------------
# Cache of executed notebooks
# ----------------------------------------------------------------------------------------------
@dataclass
class ExecutionCache:
    """Executed notebooks of one edition, with what each one read.

    ``<root>/<page>.ipynb`` is the executed notebook, ``<root>/<page>.json`` its record: the key of
    its template, parameters and code, and the digest of every data file it read.
    """

    root: Path
    memo: DigestMemo

    def record_path(self, page: str) -> Path:
        return self.root / f"{page}.json"

    def notebook_path(self, page: str) -> Path:
        return self.root / f"{page}.ipynb"

    def files_dir(self, page: str) -> Path:
        return self.root / "files" / page

    def is_fresh(self, page: str, key: str) -> bool:
        try:
            record = json.loads(self.record_path(page).read_text())
        except (OSError, ValueError):
            return False
        if record.get("key") != key or not self.notebook_path(page).exists():
            return False
        return all(self.memo.digest(Path(p)) == d for p, d in record["reads"].items())

    def store(self, page: str, key: str, reads: list[str], seconds: float) -> None:
        digests = {p: self.memo.digest(Path(p)) for p in sorted(set(reads))}
        record = {"key": key, "reads": digests, "seconds": round(seconds, 2)}
        write_atomic(self.record_path(page), json.dumps(record, indent=1))

    def reads(self, page: str) -> list[str]:
        try:
            return list(json.loads(self.record_path(page).read_text())["reads"])
        except (OSError, ValueError, KeyError):
            return []


def _check_extract(edition: Edition) -> bool:
    """Read and check the edition's SSDA903 extract once, before any page runs (a bad file stops
    the build as one clear paragraph); True when it holds two 31 Marches in full, so moves
    between years can be counted."""
    if not edition.episodes:
        return False
    from sufficiency.records import markov, read, synthetic

    extract = read.read_extract(edition.episodes, year=edition.year)
    kind = "SYNTHETIC extract (no real children)" if synthetic.is_synthetic(edition.episodes) else "extract"
    say(f"  checked: SSDA903 {kind}: {len(extract.files)} files; record-level pages will be added")
    return markov.first_complete_stock(extract) < edition.year


def extract_listing_digest(folder: Path | None) -> str:
    """Names, sizes and times of every file in an SSDA903 extract folder: adding a year's return
    (a file no page has read yet) must re-run the pages, which recorded reads alone would miss."""
    if not folder:
        return ""
    h = hashlib.sha256()
    for path in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
        st = path.stat()
        h.update(f"{path.relative_to(folder).as_posix()}|{st.st_size}|{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def run_key(run: PageRun, params: dict, code: str) -> str:
    h = hashlib.sha256()
    h.update(run.template.read_bytes())
    h.update(json.dumps(params, sort_keys=True, default=str).encode())
    h.update(code.encode())
    return h.hexdigest()


# ----------------------------------------------------------------------------------------------
# Execution (in worker processes)
# ----------------------------------------------------------------------------------------------
def _execute(template: str, output: str, params: dict, reads_log: str, cwd: str) -> tuple[float, str | None]:
    """Execute one notebook with papermill; return (seconds, error message or None)."""
    import logging
    import warnings

    import papermill as pm

    logging.getLogger("papermill").setLevel(logging.ERROR)
    warnings.filterwarnings("ignore")
    os.environ[READS_LOG_ENV] = reads_log
    # The kernel's own chatter (e.g. transport warnings) goes to a log beside the notebook.
    err = os.open(str(Path(output).with_suffix(".stderr")), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(err, 2)
    os.environ.setdefault("MPLBACKEND", "Agg")
    # Notebooks already run in parallel, one per core: numerical libraries must not add threads.
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = "1"
    Path(reads_log).write_text("")
    start = time.perf_counter()
    try:
        pm.execute_notebook(template, output, parameters=params, cwd=cwd, progress_bar=False,
                            kernel_name="python3", log_output=False, request_save_on_cell_execute=False)
    except pm.PapermillExecutionError as exc:
        if exc.ename == "InputError":
            return time.perf_counter() - start, str(exc.evalue)
        first_line = (exc.source or "").strip().splitlines()[0][:80] if (exc.source or "").strip() else ""
        return (time.perf_counter() - start,
                f"cell {_template_cell_number(Path(output), exc.cell_index)} (`{first_line}`), which raised "
                f"{exc.ename}: {str(exc.evalue).strip()[:500]}")
    except Exception as exc:  # kernel died, bad notebook JSON, ...
        return time.perf_counter() - start, f"{type(exc).__name__}: {str(exc).strip()[:500]}"
    _tidy_executed(Path(output), Path(params.get("files_dir", "")))
    return time.perf_counter() - start, None


def _template_cell_number(executed: Path, cell_index: int) -> int:
    """The failing cell's number as counted in the template (papermill's injected cell left out)."""
    import nbformat

    try:
        cells = nbformat.read(executed, as_version=4).cells[: cell_index + 1]
    except Exception:
        return cell_index + 1
    return sum(1 for c in cells if "injected-parameters" not in c.metadata.get("tags", []))


def _tidy_executed(path: Path, files_dir: Path | None = None) -> None:
    """Hide the parameter cells from readers, drop run-specific metadata (timings, paths), so the
    same inputs give byte-identical executed notebooks, and put a title the notebook made from
    data (``Page.set_title``) in place of the template's first heading."""
    import nbformat

    from sufficiency.publishing.pages import TITLE_FILE, escape

    nb = nbformat.read(path, as_version=4)
    title_file = files_dir / TITLE_FILE if files_dir else None
    if title_file and title_file.is_file():
        title = escape(title_file.read_text(encoding="utf-8").strip())
        title_file.unlink()
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                lines = cell.source.splitlines()
                for i, line in enumerate(lines):
                    if line.startswith("# "):
                        lines[i] = f"# {title}"
                        break
                cell.source = "\n".join(lines)
                break
    nb.metadata.pop("papermill", None)
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        tags = cell.metadata.setdefault("tags", [])
        if "injected-parameters" in tags and "remove-cell" not in tags:
            tags.append("remove-cell")
    nbformat.write(nb, path)


# ----------------------------------------------------------------------------------------------
# The edition and the build
# ----------------------------------------------------------------------------------------------
@dataclass
class Edition:
    """The parameters that define one edition of the book."""

    la_code: str
    la_name: str
    year: int
    out: Path
    sn_model: str = "2025"
    episodes: Path | None = None
    council_slug: str = ""

    @property
    def key(self) -> str:
        return f"{self.la_code}-{self.year}" + ("-episodes" if self.episodes else "")

    @property
    def source_dir(self) -> Path:
        """The Sphinx source folder the executed pages are staged in: ``book/`` for the default
        output folder; for any other ``--out``, a folder of its own beside it, so editions built
        side by side (another council, a record-level demonstration) never mix their pages."""
        if self.out.resolve() == BUILD.resolve():
            return BOOK
        return self.out.resolve() / ".source"

    def notebook_params(self) -> dict:
        return {
            "la_code": self.la_code,
            "year": self.year,
            "sn_model": self.sn_model,
            "episodes_dir": str(self.episodes) if self.episodes else "",
        }


@dataclass
class BuildReport:
    executed: list[str] = field(default_factory=list)
    cached: list[str] = field(default_factory=list)
    html: Path | None = None
    pdf: Path | None = None
    pdf_skipped_reason: str | None = None
    seconds: dict = field(default_factory=dict)


def say(message: str) -> None:
    print(message, flush=True)


def build(edition: Edition, *, pdf: bool = True, jobs: int | None = None, force: bool = False) -> BuildReport:
    """Execute every page of ``edition`` and publish its HTML (and PDF) under ``edition.out``."""
    report = BuildReport()
    out = edition.out.resolve()
    cache_root = PROJECT_ROOT / ".cache" / "editions" / edition.key
    cache = ExecutionCache(cache_root, digest_memo())   # the same memo the input checks filled
    cache_root.mkdir(parents=True, exist_ok=True)

    t0 = time.perf_counter()
    pages = plan_pages(episodes=edition.episodes is not None, episodes_history=_check_extract(edition))
    if not pages:
        raise BuildError(f"no notebook templates found in {NOTEBOOKS}")
    code = code_digest() + extract_listing_digest(edition.episodes)
    todo = []
    for run in pages:
        params = {**edition.notebook_params(), **run.params,
                  "files_dir": str(cache.files_dir(run.page))}
        key = run_key(run, params, code)
        if force or not cache.is_fresh(run.page, key):
            todo.append((run, params, key))
        else:
            report.cached.append(run.page)
    _execute_all(todo, cache, jobs, report)
    cache.memo.save()
    report.seconds["execute"] = time.perf_counter() - t0

    source = edition.source_dir
    if source != BOOK:
        _mirror_static(BOOK, source)
    sources = _stage_pages(pages, cache, source)
    sources[RECORD_PAGE] = _write_edition_record(edition, pages, cache, source)
    book_key = _book_key(edition, pages, cache, sources, pdf)
    published = out / "html"
    if not force and _published_key(published) == book_key:
        say(f"book unchanged since the last build: {published / 'index.html'}")
        report.html = published / "index.html"
        report.pdf = out / "pdf" / PDF_NAME if (out / "pdf" / PDF_NAME).exists() else None
        return report

    work = out / ".work"
    dirty = work / "UNFINISHED"
    if dirty.exists():
        say("an earlier build did not finish: starting its work folder afresh")
        shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True, exist_ok=True)
    dirty.write_text("a build is running or was interrupted\n")
    config = _edition_config(edition, work)
    toc = _edition_toc(pages, work)

    # Sphinx does not notice changed static files or templates: rebuild every page when they change.
    theme_key = work / "theme.key"
    theme_digest = _tree_digest(BOOK / "_static") + _tree_digest(BOOK / "_templates") + file_digest(config)
    everything = ["--all"] if not theme_key.exists() or theme_key.read_text() != theme_digest else []
    t1 = time.perf_counter()
    say("building HTML ..." + (" (all pages: the theme or configuration changed)" if everything else ""))
    _jupyter_book(["--builder", "html", "-W", "--keep-going", *everything], config, toc, source, work, "HTML")
    theme_key.write_text(theme_digest)
    report.seconds["html"] = time.perf_counter() - t1

    pdf_file = None
    if pdf:
        reason = _latex_missing()
        if reason:
            report.pdf_skipped_reason = reason
            say(f"PDF skipped: {reason}")
        else:
            t2 = time.perf_counter()
            say("building PDF (XeLaTeX) ...")
            _jupyter_book(["--builder", "pdflatex"], config, toc, source, work, "PDF")
            pdf_file = work / "_build" / "latex" / PDF_NAME
            if not pdf_file.exists():
                raise BuildError(f"the PDF build finished but {pdf_file} is missing; see {work / '_build' / 'latex'}")
            report.seconds["pdf"] = time.perf_counter() - t2

    report.html, report.pdf = _publish(work / "_build" / "html", pdf_file, out, book_key)
    _publish_tables(edition, pages, cache, out)
    dirty.unlink()
    report.seconds["total"] = time.perf_counter() - t0
    return report


def _execute_all(todo: list, cache: ExecutionCache, jobs: int | None, report: BuildReport) -> None:
    if not todo:
        return
    jobs = jobs or os.cpu_count() or 1
    say(f"executing {len(todo)} notebook(s) on {min(jobs, len(todo))} process(es) ...")
    failures = []
    staging = cache.root / ".running"
    staging.mkdir(parents=True, exist_ok=True)
    with ProcessPoolExecutor(max_workers=min(jobs, len(todo))) as pool:
        futures = {}
        for run, params, key in todo:
            # Figures are written to a staging folder and only replace the cached ones once the
            # notebook has succeeded, so a killed build never leaves a notebook without its files.
            files = staging / "files" / run.page
            shutil.rmtree(files, ignore_errors=True)
            files.mkdir(parents=True, exist_ok=True)
            output = staging / f"{run.page}.ipynb"
            log = staging / f"{run.page}.reads"
            fut = pool.submit(_execute, str(run.template), str(output), {**params, "files_dir": str(files)},
                              str(log), str(NOTEBOOKS))
            futures[fut] = (run, key, output, log, files)
        done = 0
        for fut in as_completed(futures):
            run, key, output, log, files = futures[fut]
            seconds, error = fut.result()
            done += 1
            if error:
                failures.append((run, error, output))
                say(f"  [{done}/{len(todo)}] {run.page}: FAILED after {seconds:.1f} s")
                continue
            # Forget the old record first: if the build dies during the swap, the page re-runs.
            cache.record_path(run.page).unlink(missing_ok=True)
            final_files = cache.files_dir(run.page)
            shutil.rmtree(final_files, ignore_errors=True)
            final_files.parent.mkdir(parents=True, exist_ok=True)
            os.replace(files, final_files)
            os.replace(output, cache.notebook_path(run.page))
            reads = [line for line in log.read_text().splitlines() if line]
            cache.store(run.page, key, reads, seconds)
            report.executed.append(run.page)
            say(f"  [{done}/{len(todo)}] {run.page}: {seconds:.1f} s")
    if failures:
        lines = []
        for run, error, output in failures:
            where = f"(the failed notebook is kept at {_short(output)})" if output.exists() else ""
            lines.append(f"notebook {_short(run.template)} (page {run.page}) failed at {error} {where}".strip())
        raise BuildError("\n".join(lines) + "\nThe last good book is still published.")


def _static_files(folder: Path) -> list[Path]:
    """The hand-written files of a Sphinx source folder (theme, templates, LaTeX stubs), relative
    to it, in order: not the staged pages, their generated files or the edition record."""
    return sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file()
                  and GENERATED not in p.relative_to(folder).parts and p.suffix != ".ipynb"
                  and p.name != f"{RECORD_PAGE}.md")


def _mirror_static(book: Path, source: Path) -> None:
    """Copy book/'s hand-written files into another source folder; files no longer in book/ are removed."""
    wanted = set(_static_files(book))
    for rel in set(_static_files(source)) - wanted if source.exists() else ():
        (source / rel).unlink()
    for rel in wanted:
        src, dst = book / rel, source / rel
        if not dst.exists() or file_digest(src) != file_digest(dst):
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dst)


def _stage_pages(pages: list[PageRun], cache: ExecutionCache, source: Path = BOOK) -> dict:
    """Copy executed notebooks and their files into the Sphinx source folder; pages of an earlier
    edition that this one does not have (say, record-level pages) are removed from it."""
    sources = {}
    generated = source / GENERATED
    planned = {run.page for run in pages}
    for stale in source.glob("*.ipynb"):
        if stale.stem not in planned:
            stale.unlink()
    for stale in generated.glob("*") if generated.exists() else ():
        if stale.is_dir() and stale.name not in planned:
            shutil.rmtree(stale, ignore_errors=True)
    for run in pages:
        target = source / f"{run.page}.ipynb"
        src = cache.notebook_path(run.page)
        if not target.exists() or file_digest(target) != file_digest(src):
            tmp = target.with_suffix(".ipynb.tmp")
            shutil.copyfile(src, tmp)
            os.replace(tmp, target)
        files_src = cache.files_dir(run.page)
        files_dst = generated / run.page
        if _tree_digest(files_src) != _tree_digest(files_dst):
            shutil.rmtree(files_dst, ignore_errors=True)
            if files_src.exists():
                shutil.copytree(files_src, files_dst)
        sources[run.page] = file_digest(src) + _tree_digest(files_src)
    return sources


def _write_edition_record(edition: Edition, pages: list[PageRun], cache: ExecutionCache,
                          source: Path = BOOK) -> str:
    """book/98-edition-record.md: the edition's parameters, every input read with its checksum,
    and the versions of the code and packages. Returns its digest."""
    from importlib.metadata import PackageNotFoundError, version

    reads = sorted({p for run in pages for p in cache.reads(run.page)})
    extract = edition.episodes.resolve() if edition.episodes else None
    rows = []
    for path in reads:
        p = Path(path)
        if extract and p.is_relative_to(extract):
            # The council's own extract: named within its folder, never by where it is kept.
            shown = "SSDA903 extract: " + p.relative_to(extract).as_posix()
        elif "site-packages" in p.parts:
            # Data shipped in a package (ONS postcode centroids): named by package, not by venv path.
            shown = "package data: " + "/".join(p.parts[p.parts.index("site-packages") + 1:])
        elif p.is_relative_to(PROJECT_ROOT):
            shown = p.relative_to(PROJECT_ROOT).as_posix()
        else:
            shown = p.name
        digest = cache.memo.digest(p) or "missing"
        size = p.stat().st_size if p.exists() else 0
        rows.append(f"| `{shown}` | {size:,} | `{digest[:16]}` |")
    packages = []
    for name in RECORDED_PACKAGES:
        try:
            packages.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            continue
    commit = _git_commit()
    lines = [
        "# Edition record",
        "",
        "What this edition was built from, so that any figure can be traced and the edition rebuilt.",
        "",
        "## Parameters",
        "",
        f"- Council: {edition.la_name} (DfE LA code {edition.la_code})",
        f"- Data to: 31 March {edition.year}; no later data were read",
        f"- Statistical neighbour model: DfE {edition.sn_model}",
        f"- Record-level data: {_record_level_note(edition)}",
        "",
        "## Code and packages",
        "",
        f"- sufficiency {__version__}" + (f", commit `{commit}`" if commit else ""),
        f"- Python {sys.version.split()[0]}; " + "; ".join(packages),
        "",
        "## Inputs read",
        "",
        f"The {len(rows)} files below were read by the pages of this edition. Checksums are the first "
        "16 hexadecimal digits of SHA-256; `data/manifest.csv` gives each published file's publisher, "
        "licence and origin.",
        "",
        # Wrapping columns for the PDF: file paths break at '/' inside them, as LaTeX's `l` columns cannot.
        "```{tabularcolumns} \\X{6}{10}\\X{1}{10}\\X{3}{10}",
        "```",
        "",
        "| file | bytes | SHA-256 |",
        "| --- | --- | --- |",
        *rows,
        "",
    ]
    text = "\n".join(lines)
    target = source / f"{RECORD_PAGE}.md"
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        write_atomic(target, text)
    return hashlib.sha256(text.encode()).hexdigest()


def _record_level_note(edition: Edition) -> str:
    if not edition.episodes:
        return "none; published tables only"
    from sufficiency.records.synthetic import is_synthetic

    if is_synthetic(edition.episodes):
        return ("a SYNTHETIC SSDA903 extract made by `sufficiency episodes --synthetic`: no row describes a "
                "real child, and the record-level pages say so")
    return "the council's SSDA903 extract; only suppressed counts from it are published"


def _git_commit() -> str | None:
    try:
        done = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=PROJECT_ROOT,
                              capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() or None


def _tree_digest(folder: Path) -> str:
    if not folder.exists():
        return ""
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(path.relative_to(folder).as_posix().encode())
        h.update(file_digest(path).encode())
    return h.hexdigest()


def _book_key(edition: Edition, pages, cache, sources: dict, pdf: bool) -> str:
    h = hashlib.sha256(json.dumps(sources, sort_keys=True).encode())
    h.update(json.dumps(edition.notebook_params(), sort_keys=True).encode())
    h.update(str(pdf).encode())
    for path in [CONFIG, TOC, *(BOOK / rel for rel in _static_files(BOOK))]:
        h.update(path.as_posix().encode())
        h.update(file_digest(path).encode())
    return h.hexdigest()


def _published_key(published: Path) -> str | None:
    try:
        return (published / ".build-key").read_text().strip()
    except OSError:
        return None


def _edition_config(edition: Edition, work: Path) -> Path:
    """The root _config.yml with this edition's title, author and PDF name filled in."""
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    config["title"] = f"{edition.la_name}: placement sufficiency strategy"
    config["author"] = f"{edition.la_name} children's services"
    config.setdefault("latex", {}).setdefault("latex_documents", {})["targetname"] = PDF_NAME.replace(".pdf", ".tex")
    sphinx_config = config.setdefault("sphinx", {}).setdefault("config", {})
    # The PDF's title page shows `today`: the edition, never the build date (same inputs, same PDF).
    sphinx_config["today"] = f"Edition with data to 31 March {edition.year}"
    if edition.episodes:
        from sufficiency.records.synthetic import is_synthetic

        if is_synthetic(edition.episodes):
            sphinx_config["today"] += ". Demonstration: its record-level pages use SYNTHETIC data"
    sphinx_config["html_title"] = f"{edition.la_name} placement sufficiency, data to March {edition.year}"
    path = work / "_config.yml"
    write_atomic(path, yaml.safe_dump(config, sort_keys=False, allow_unicode=True))
    return path


def _edition_toc(pages: list[PageRun], work: Path) -> Path:
    """The root _toc.yml less the pages this edition does not have (parts left empty go too)."""
    planned = {run.page for run in pages} | {RECORD_PAGE}
    toc = yaml.safe_load(TOC.read_text(encoding="utf-8"))
    parts = []
    for part in toc.get("parts", []):
        chapters = [c for c in part.get("chapters", []) if c.get("file") in planned]
        if chapters:
            parts.append({**part, "chapters": chapters})
    toc["parts"] = parts
    path = work / "_toc.yml"
    write_atomic(path, yaml.safe_dump(toc, sort_keys=False, allow_unicode=True))
    return path


def _jupyter_book(args: list[str], config: Path, toc: Path, source: Path, work: Path, label: str) -> None:
    exe = Path(sys.executable).with_name("jupyter-book")
    cmd = [str(exe), "build", str(source), "--config", str(config), "--toc", str(toc),
           "--path-output", str(work), *args]
    log = work / f"{label.lower()}-build.log"
    with open(log, "w", encoding="utf-8") as fh:
        proc = subprocess.run(cmd, stdout=fh, stderr=subprocess.STDOUT, cwd=PROJECT_ROOT)
    if proc.returncode != 0:
        text = log.read_text(encoding="utf-8", errors="replace")
        problems = [ln for ln in text.splitlines() if "WARNING" in ln or "ERROR" in ln or "Error" in ln]
        excerpt = "\n".join(problems[:15]) or "\n".join(text.splitlines()[-15:])
        raise BuildError(f"the {label} build failed (full log: {_short(log)}):\n"
                         f"{excerpt}\nThe last good book is still published.")


def _latex_missing() -> str | None:
    missing = [tool for tool in ("xelatex", "latexmk") if shutil.which(tool) is None]
    if missing:
        return (f"{' and '.join(missing)} not found. Install TeX Live as root: "
                "bash scripts/install-system-deps.sh (or apt-get install texlive-xetex texlive-latex-extra "
                "texlive-fonts-recommended texlive-plain-generic lmodern latexmk fonts-freefont-otf)")
    return None


def _publish(html_built: Path, pdf_built: Path | None, out: Path, book_key: str) -> tuple[Path, Path | None]:
    """Copy the built site to a fresh folder and swap the ``html`` link to it in one rename."""
    stamp = book_key[:12]
    target = out / f"html-{stamp}"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(html_built, target)
    pdf_published = None
    if pdf_built is not None:
        shutil.copyfile(pdf_built, target / PDF_NAME)
        pdf_dir = out / "pdf"
        pdf_dir.mkdir(parents=True, exist_ok=True)
        tmp = pdf_dir / f".{PDF_NAME}.tmp"
        shutil.copyfile(pdf_built, tmp)
        os.replace(tmp, pdf_dir / PDF_NAME)
        pdf_published = pdf_dir / PDF_NAME
    (target / ".build-key").write_text(book_key + "\n")
    link = out / "html"
    if link.exists() and not link.is_symlink():
        shutil.rmtree(link)   # a plain folder from an older layout
    tmp_link = out / ".html.tmp"
    if tmp_link.is_symlink() or tmp_link.exists():
        tmp_link.unlink()
    tmp_link.symlink_to(target.name)
    os.replace(tmp_link, link)
    for old in out.glob("html-*"):
        if old != target:
            shutil.rmtree(old, ignore_errors=True)
    return link / "index.html", pdf_published


def _short(path: Path) -> str:
    """A path relative to the project when it is inside it."""
    path = Path(path)
    return str(path.relative_to(PROJECT_ROOT)) if path.is_relative_to(PROJECT_ROOT) else str(path)


#: Tables pages write that the build also publishes beside the book, for analysts to reuse.
PUBLISHED_TABLES = {"forecasts.csv": "forecasts.csv", "headlines.csv": "editions/{la}-{year}.csv"}


def _publish_tables(edition: Edition, pages: list[PageRun], cache: ExecutionCache, out: Path) -> None:
    """Copy forecasts.csv to the output folder, and keep the edition's headline record."""
    for run in pages:
        for name, target in PUBLISHED_TABLES.items():
            src = cache.files_dir(run.page) / name
            if src.is_file():
                dst = out / target.format(la=edition.la_code, year=edition.year)
                dst.parent.mkdir(parents=True, exist_ok=True)
                tmp = dst.with_name(f".{dst.name}.tmp")
                shutil.copyfile(src, tmp)
                os.replace(tmp, dst)
