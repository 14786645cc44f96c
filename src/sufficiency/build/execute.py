"""Executing notebooks with papermill, in parallel worker processes, into the cache."""
from __future__ import annotations

import logging
import os
import shutil
import time
import warnings
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

import nbformat

from sufficiency.build.cache import ExecutionCache
from sufficiency.build.plan import template_notebook
from sufficiency.build.progress import BuildError, BuildReport, say, short
from sufficiency.core.files import READS_LOG_ENV
from sufficiency.core.ledger import LEDGER_ENV, LEDGER_FILE
from sufficiency.core.paths import NOTEBOOKS
from sufficiency.publishing.pages import TITLE_FILE, escape

#: Seconds a kernel may take to start before the page is reported as failed.
KERNEL_START_TIMEOUT = 600


def execute_notebook(template: str, output: str, params: dict, reads_log: str, cwd: str) -> tuple[float, str | None]:
    """Execute one notebook with papermill; return (seconds, error message or None)."""
    import papermill as pm

    logging.getLogger("papermill").setLevel(logging.ERROR)
    warnings.filterwarnings("ignore")
    os.environ[READS_LOG_ENV] = reads_log
    # Every figure the page computes is noted in its files folder, for the one-figure-one-value check.
    ledger_file = Path(params.get("files_dir") or Path(output).parent) / LEDGER_FILE
    ledger_file.unlink(missing_ok=True)
    os.environ[LEDGER_ENV] = str(ledger_file)
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
                            kernel_name="python3", log_output=False, request_save_on_cell_execute=False,
                            # A busy machine can take more than papermill's 60 s to start a kernel.
                            start_timeout=KERNEL_START_TIMEOUT)
    except pm.PapermillExecutionError as exc:
        if exc.ename == "InputError":
            return time.perf_counter() - start, str(exc.evalue)
        first_line = (exc.source or "").strip().splitlines()[0][:80] if (exc.source or "").strip() else ""
        return (time.perf_counter() - start,
                f"cell {template_cell_number(Path(output), exc.cell_index)} (`{first_line}`), which raised "
                f"{exc.ename}: {str(exc.evalue).strip()[:500]}")
    except Exception as exc:  # kernel died, bad notebook JSON, ...
        return time.perf_counter() - start, f"{type(exc).__name__}: {str(exc).strip()[:500]}"
    tidy_executed(Path(output), Path(params.get("files_dir", "")))
    return time.perf_counter() - start, None


def template_cell_number(executed: Path, cell_index: int) -> int:
    """The failing cell's number as counted in the template (papermill's injected cell left out)."""
    try:
        cells = nbformat.read(executed, as_version=4).cells[: cell_index + 1]
    except Exception:
        return cell_index + 1
    return sum(1 for c in cells if "injected-parameters" not in c.metadata.get("tags", []))


def tidy_executed(path: Path, files_dir: Path | None = None) -> None:
    """Hide the parameter cells from readers, drop run-specific metadata (timings, paths), so the
    same inputs give byte-identical executed notebooks, and put a title the notebook made from
    data (``Page.set_title``) in place of the template's first heading."""
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
    for number, cell in enumerate(nb.cells):
        # papermill gives its injected cell a random id: number every cell, so an unchanged page
        # re-run gives the same bytes and does not republish the book.
        cell["id"] = f"cell-{number:02d}"
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        tags = cell.metadata.setdefault("tags", [])
        if "injected-parameters" in tags and "remove-cell" not in tags:
            tags.append("remove-cell")
    nbformat.write(nb, path)


def execute_all(todo: list, cache: ExecutionCache, jobs: int | None, report: BuildReport) -> None:
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
            fut = pool.submit(execute_notebook, str(template_notebook(run.template)), str(output), {**params, "files_dir": str(files)},
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
            where = f"(the failed notebook is kept at {short(output)})" if output.exists() else ""
            lines.append(f"notebook {short(run.template)} (page {run.page}) failed at {error} {where}".strip())
        raise BuildError("\n".join(lines) + "\nThe last good book is still published.")
