"""Executing notebooks with papermill, in parallel worker processes, into the cache.

Each worker process keeps one IPython kernel warm (:class:`WarmKernel`): it is started once, has
already imported pandas, matplotlib, seaborn, statsmodels and the package, and runs notebook after
notebook. Before each notebook the kernel is put back to what a fresh kernel would be for it (an
empty namespace, execution count 1, the notebook's folder and environment, no cached tables, no
open figures, the chart settings and warnings as after start-up), so the executed notebooks are the
same as with one new kernel per notebook, without paying about 5 s of kernel start and imports per
page. ``SUFFICIENCY_ENGINE=papermill`` runs one new kernel per notebook, as papermill does alone.
"""
from __future__ import annotations

import json
import logging
import multiprocessing
import multiprocessing.util
import os
import re
import shutil
import tempfile
import time
import warnings
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

import nbformat

from sufficiency.build.cache import ExecutionCache
from sufficiency.build.plan import template_notebook
from sufficiency.build.progress import BuildError, BuildReport, say, short
from sufficiency.core.files import READS_LOG_ENV
from sufficiency.core.ledger import LEDGER_ENV, LEDGER_FILE
from sufficiency.core.paths import NOTEBOOKS
from sufficiency.publishing.pages import TITLE_FILE, escape


@dataclass(frozen=True)
class PageFailure:
    """Where a page failed: the page, the template's cell (None when the page stopped on bad input
    or its kernel died) and the error.

    >>> PageFailure.from_error("07-forecasts", "cell 12 (`forecasts.chart(page)`), which raised ValueError: no rows")
    PageFailure(page='07-forecasts', cell=12, error='ValueError: no rows')
    >>> PageFailure.from_error("03-local-context", "data/local/x/costs.csv, row 3: found 'abc'").cell is None
    True
    """

    page: str
    cell: int | None
    error: str

    @classmethod
    def from_error(cls, page: str, error: str) -> PageFailure:
        found = re.match(r"cell (\d+) \(`.*?`\), which raised (.*)", error, flags=re.S)
        if found:
            return cls(page, int(found.group(1)), found.group(2).strip())
        return cls(page, None, error.strip())


class NotebooksFailed(BuildError):
    """One or more pages failed; ``failures`` says which, at which cell, with which error."""

    def __init__(self, message: str, failures: list[PageFailure]) -> None:
        super().__init__(message)
        self.failures = failures


#: Seconds a kernel may take to start before the page is reported as failed.
KERNEL_START_TIMEOUT = 600
#: Which engine runs the notebooks: "warm" (a kept kernel per worker, the default) or "papermill"
#: (a new kernel for every notebook).
ENGINE_ENV = "SUFFICIENCY_ENGINE"
#: Notebooks run in parallel, one per core: numerical libraries must not add threads of their own.
SINGLE_THREAD = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "MPLBACKEND": "Agg"}
#: What a warm kernel imports once, before its first notebook: what the pages import, and the heavy
#: libraries under them (statsmodels alone takes about 2.6 s).
WARM_UP = """
import pandas, numpy, matplotlib
import matplotlib.pyplot, seaborn, statsmodels.api
import importlib, pkgutil, sufficiency.chapters, sufficiency.publishing.pages
for _module in pkgutil.iter_modules(sufficiency.chapters.__path__):
    importlib.import_module("sufficiency.chapters." + _module.name)
import sufficiency.build.execute
sufficiency.build.execute.remember_startup_state()
"""

#: The chart settings as they were after the warm-up imports; restored before every notebook.
_STARTUP_RC: dict | None = None


def remember_startup_state() -> None:
    """In a warm kernel, after the imports: keep matplotlib's settings to restore before each notebook."""
    global _STARTUP_RC
    import matplotlib

    _STARTUP_RC = dict(matplotlib.rcParams)


def reset_kernel_state(cwd: str, env: dict) -> None:
    """In a warm kernel, before a notebook: make the kernel what a fresh one would be for it.

    Cached tables are forgotten because a loader records the files it reads only when it runs, and
    the build must know every file each page read; warnings are shown again once per page."""
    import functools
    import gc

    import matplotlib
    import matplotlib.pyplot as plt
    from IPython import get_ipython

    get_ipython().reset(new_session=True)     # an empty namespace and execution count 1
    os.environ.update(env)
    os.chdir(cwd)
    for obj in gc.get_objects():
        if isinstance(obj, functools._lru_cache_wrapper) and str(getattr(obj, "__module__", "")).startswith("sufficiency"):
            obj.cache_clear()
    plt.close("all")
    if _STARTUP_RC is not None:
        dict.update(matplotlib.rcParams, _STARTUP_RC)   # as stored, without re-validating each value
    warnings._filters_mutated()                         # forget which warnings were already shown


class WarmKernel:
    """One IPython kernel, started once with the package imported, that runs notebook after notebook."""

    def __init__(self, stderr_log: Path | None = None) -> None:
        from jupyter_client.manager import KernelManager

        env = {**os.environ, **SINGLE_THREAD}
        self.settings = package_settings()
        self.km = KernelManager(kernel_name="python3")
        # The kernel's own chatter (e.g. transport warnings) goes to a log, not to the build's output.
        stderr_log = stderr_log or Path(tempfile.gettempdir()) / f"sufficiency-kernel-{os.getpid()}.stderr"
        err = open(stderr_log, "ab")
        self.km.start_kernel(cwd=str(NOTEBOOKS), env=env, stderr=err)
        self.kc = self.km.blocking_client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=KERNEL_START_TIMEOUT)
        self.notebooks = 0
        self.run(WARM_UP)

    def run(self, code: str) -> None:
        """Run ``code`` in the kernel without a trace in any notebook (silent, no history)."""
        reply = self.kc.execute_interactive(code, silent=True, store_history=False, timeout=KERNEL_START_TIMEOUT,
                                            output_hook=lambda msg: None)
        content = reply["content"]
        if content["status"] != "ok":
            raise RuntimeError(f"the warm kernel could not run its set-up: {content.get('ename')}: "
                               f"{content.get('evalue')}")

    def prepare(self, cwd: str, env: dict) -> None:
        self.run(f"__import__('sufficiency.build.execute', fromlist=['_']).reset_kernel_state({cwd!r}, {env!r})")

    def alive(self) -> bool:
        return self.km.is_alive()

    def shutdown(self) -> None:
        try:
            self.kc.stop_channels()
            self.km.shutdown_kernel(now=True)
        except Exception:   # already gone: nothing to stop
            pass


_WARM: WarmKernel | None = None


def package_settings() -> dict:
    """The package's settings from the environment that its modules read once, on import (the data
    folder, ``SUFFICIENCY_DATA``): a kernel started under other values must not run the page."""
    per_page = {READS_LOG_ENV, LEDGER_ENV, ENGINE_ENV}
    return {name: value for name, value in os.environ.items() if name.startswith("SUFFICIENCY_")
            and name not in per_page}


def warm_kernel(stderr_log: Path | None = None) -> WarmKernel:
    """This process's warm kernel, started on first use (again if it died, or if the package's
    settings have changed since it started)."""
    global _WARM
    if _WARM is None or not _WARM.alive() or _WARM.settings != package_settings():
        if _WARM is not None:
            _WARM.shutdown()
        _WARM = WarmKernel(stderr_log)
        # Run at exit in the main process and in pool workers alike (atexit is not run in the latter).
        multiprocessing.util.Finalize(_WARM, _WARM.shutdown, exitpriority=10)
    return _WARM


def _register_warm_engine() -> str:
    """A papermill engine that runs the notebook in this process's warm kernel; returns its name."""
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine, papermill_engines

    class WarmEngine(NBClientEngine):
        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None,
                                     stderr_file=None, start_timeout=60, execution_timeout=None, **kwargs):
            kernel = warm_kernel()
            client = PapermillNotebookClient(nb_man, km=kernel.km, kernel_name=kernel_name,
                                             timeout=execution_timeout, startup_timeout=start_timeout,
                                             log=logging.getLogger("papermill"), log_output=log_output,
                                             stdout_file=stdout_file, stderr_file=stderr_file)
            client.kc = kernel.kc     # the kept client: nbclient neither starts nor stops a kernel
            return client.execute()

    papermill_engines.register("sufficiency-warm", WarmEngine)
    return "sufficiency-warm"


def engine_name() -> str:
    return os.environ.get(ENGINE_ENV, "warm")


def execute_notebook(template: str, output: str, params: dict, reads_log: str, cwd: str,
                     inline: bool = False) -> tuple[float, str | None]:
    """Execute one notebook with papermill; return (seconds, error message or None).

    ``inline``: run from the calling process itself (not a pool worker), which keeps its own
    environment and error output."""
    logging.getLogger("papermill").setLevel(logging.ERROR)
    # Every figure the page computes is noted in its files folder, for the one-figure-one-value check.
    ledger_file = Path(params.get("files_dir") or Path(output).parent) / LEDGER_FILE
    ledger_file.unlink(missing_ok=True)
    env = {READS_LOG_ENV: reads_log, LEDGER_ENV: str(ledger_file), **SINGLE_THREAD}
    saved = {name: os.environ.get(name) for name in env}
    os.environ.update(env)
    Path(reads_log).write_text("")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _execute(template, output, params, env, cwd, redirect_stderr=not inline)
    finally:
        if inline:   # this process's own reads and figures must not be noted as the page's
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


def _execute(template: str, output: str, params: dict, env: dict, cwd: str, *,
             redirect_stderr: bool) -> tuple[float, str | None]:
    import papermill as pm

    start = time.perf_counter()
    engine = {}
    try:
        if engine_name() == "papermill" and redirect_stderr:
            # The kernel's own chatter (e.g. transport warnings) goes to a log beside the notebook.
            err = os.open(str(Path(output).with_suffix(".stderr")), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(err, 2)
            os.close(err)
        elif engine_name() != "papermill":
            kernel = warm_kernel(Path(output).parent / "kernel.stderr")
            start = time.perf_counter()     # the kernel's one start is not this page's time
            kernel.prepare(cwd, env)
            engine = {"engine_name": _register_warm_engine()}
        pm.execute_notebook(template, output, parameters=params, cwd=cwd, progress_bar=False,
                            kernel_name="python3", log_output=False, request_save_on_cell_execute=False,
                            # A busy machine can take more than papermill's 60 s to start a kernel.
                            start_timeout=KERNEL_START_TIMEOUT, **engine)
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


def last_seconds(cache: ExecutionCache, page: str) -> float:
    """How long the page took when it last ran (0 when it never has)."""
    try:
        return float(json.loads(cache.record_path(page).read_text()).get("seconds", 0))
    except (OSError, ValueError, TypeError):
        return 0.0


class InlineExecutor:
    """The part of an executor :func:`execute_all` uses, running each notebook in this process."""

    def __init__(self, max_workers: int = 1) -> None:
        pass

    def __enter__(self) -> InlineExecutor:
        return self

    def __exit__(self, *exc) -> None:
        return None

    def submit(self, fn, *args) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args, inline=True))
        except BaseException as exc:   # handed to the caller through the future, as a pool would
            future.set_exception(exc)
        return future


def execute_all(todo: list, cache: ExecutionCache, jobs: int | None, report: BuildReport) -> None:
    if not todo:
        return
    jobs = jobs or os.cpu_count() or 1
    # A daemonic process (a Dask worker) may not start a pool: it runs its notebooks itself.
    inline = jobs == 1 or multiprocessing.current_process().daemon
    say(f"executing {len(todo)} notebook(s) on {1 if inline else min(jobs, len(todo))} process(es) ...")
    failures = []
    staging = cache.root / ".running"
    staging.mkdir(parents=True, exist_ok=True)
    # The longest pages (by their last run) start first, so no core waits alone for one at the end.
    todo = sorted(todo, key=lambda item: -last_seconds(cache, item[0].page))
    pool_of = InlineExecutor if inline else ProcessPoolExecutor
    with pool_of(max_workers=min(jobs, len(todo))) as pool:
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
        raise NotebooksFailed("\n".join(lines) + "\nThe last good book is still published.",
                              [PageFailure.from_error(run.page, error) for run, error, _ in failures])
