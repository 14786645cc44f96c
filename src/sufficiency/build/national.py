"""Every council's book for one edition, built as tasks on Dask distributed, and a national index.

``sufficiency build-all`` sends one task per council to Dask: a ``LocalCluster`` on this machine
by default (one single-threaded worker per core, each under 2 GB), or the scheduler at
``--scheduler tcp://HOST:8786``, whose workers have the project installed and see the same output
folder. Each worker keeps one warm IPython kernel (:mod:`sufficiency.build.execute`) for every book
it builds, and the national tables every council shares are read and tidied once, by the first
task, into the on-disk table cache (keyed by the digests of the files read) that all the others
load. One council's failure never stops the others: it is recorded with its page, cell and error.

The index, written as councils finish and again at the end, is ``index.csv`` and ``index.html`` in
the output folder: for each council, built or failed (page, cell, error), the seconds it took, how
many of the registry's published measures have no figure for the edition's year or carry a DfE
marker, and a link to its book.

With ``--groups`` the same run builds regional books (:mod:`sufficiency.data.groups`) into
``regions/<group>/`` beside the councils' books: each first, so every member's book is built
knowing its regional books and links them, then once more after its members, so its own first
page links theirs (the second build executes nothing: only that page changes). The index lists
them in a table of their own, and in ``regions.csv``.
"""
from __future__ import annotations

import contextlib
import csv
import html
import io
import os
import resource
import time
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sufficiency.build.edition import Edition
from sufficiency.build.execute import NotebooksFailed, warm_kernel
from sufficiency.build.pipeline import build
from sufficiency.build.progress import BuildError, say
from sufficiency.build.publish import REGIONS
from sufficiency.core.errors import InputError
from sufficiency.core.markers import MARKER_LEGEND, is_marker
from sufficiency.core.paths import BUILD
from sufficiency.data import councils, groups
from sufficiency.data.input_checks import available_years, check_inputs
from sufficiency.measures import indicators
from sufficiency.publishing.words import count_phrase

#: Where ``build-all`` writes the books and the index unless ``--out`` says otherwise.
NATIONAL_OUT = BUILD / "national"
#: Memory each local worker may use before Dask restarts it (its kernel and Sphinx runs are
#: separate processes, measured separately by the benchmark).
WORKER_MEMORY = "1.9GiB"
#: The DfE marker that means a figure was withheld to protect children; other markers (z not
#: applicable, - missing in the LAIT, ...) are counted apart, each keeping its own meaning.
SUPPRESSED_MARKERS = {"c"}
INDEX_COLUMNS = ["la_code", "council", "region", "status", "page", "cell", "error", "seconds",
                 "measures", "missing", "suppressed", "other_markers", "gaps", "book"]
GROUP_COLUMNS = ["group", "name", "kind", "members", "status", "page", "cell", "error", "seconds", "book"]


@dataclass
class CouncilResult:
    """One council's line of the national index."""

    la_code: str
    council: str
    region: str
    status: str = "failed"          # "built" or "failed"
    page: str = ""
    cell: int | None = None
    error: str = ""
    seconds: float = 0.0
    measures: int = 0               # published measures in the registry
    missing: int = 0                # ... with no figure for the edition's year
    suppressed: int = 0             # ... withheld by DfE to protect children (c)
    other_markers: int = 0          # ... with another DfE marker in place of a figure (z, -, x, ...)
    gaps: str = ""                  # which ones, with their markers: "uasc_count c; staying_put_18 missing"
    book: str = ""                  # the book's front page, relative to the index
    memory: dict = field(default_factory=dict)   # peak MiB: worker, kernel, largest finished subprocess

    def row(self) -> dict:
        values = asdict(self)
        values["seconds"] = round(self.seconds, 1)
        values["cell"] = "" if self.cell is None else self.cell
        return {name: values[name] for name in INDEX_COLUMNS}


@dataclass
class GroupResult:
    """One regional book's line of the national index."""

    group: str                      # the group's slug, as ``--group`` takes it
    name: str
    kind: str
    members: int
    status: str = "failed"
    page: str = ""
    cell: int | None = None
    error: str = ""
    seconds: float = 0.0            # both builds: before and after its members' books
    book: str = ""
    memory: dict = field(default_factory=dict)

    def row(self) -> dict:
        values = asdict(self)
        values["seconds"] = round(self.seconds, 1)
        values["cell"] = "" if self.cell is None else self.cell
        return {name: values[name] for name in GROUP_COLUMNS}


# ----------------------------------------------------------------------------- which councils
#: Every council that published figures for a year (kept here too: the national run's own word).
councils_for_year = councils.councils_for_year


def choose_councils(spec: str, year: int) -> list[councils.Council]:
    """``all``, comma-separated codes or names (``201,420,Cumberland``), or a file with one per line
    (``#`` starts a comment). An unknown council stops with one paragraph naming it."""
    spec = (spec or "all").strip()
    if spec == "all":
        return councils_for_year(year)
    path = Path(spec)
    if path.is_file():
        names = [line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines()]
    else:
        names = [part.strip() for part in spec.split(",")]
    chosen = []
    for name in filter(None, names):
        council = councils.council_in_year(name, year, what="--councils")
        if council not in chosen:
            chosen.append(council)
    if not chosen:
        raise InputError("--councils", found=repr(spec), expected="'all', codes such as 201,420, or a file of codes")
    return chosen


def choose_groups(spec: str | None, year: int) -> list[groups.Group]:
    """The regional books a run builds besides the councils': none (``None`` or ''), ``regions``
    (the 9 English regions), ``all`` (every group, the user's own included) or group names
    separated by commas (``london-east,North West``). An unknown group stops with one paragraph.

    >>> [g.slug for g in choose_groups("london-east, North West", 2025)]
    ['london-east', 'north-west']
    >>> len(choose_groups("regions", 2025)), choose_groups("", 2025)
    (9, [])
    """
    spec = (spec or "").strip()
    if not spec:
        return []
    if spec in ("all", "regions"):
        every = groups.all_groups(year)
        return every if spec == "all" else [g for g in every if g.kind == "region"]
    chosen: list[groups.Group] = []
    for name in filter(None, (part.strip() for part in spec.split(","))):
        group = groups.resolve(name, year)
        if group not in chosen:
            chosen.append(group)
    return chosen


def book_folder(out: Path, council: councils.Council) -> Path:
    return out / f"{council.code}-{council.slug}"


def group_folder(out: Path, group: groups.Group) -> Path:
    return out / REGIONS / group.slug


# ----------------------------------------------------------------------------- one council (a Dask task)
def gaps_in_measures(council: councils.Council, year: int) -> tuple[int, list[str], list[str]]:
    """The registry's published measures for ``council``: how many there are, which have no figure
    for ``year`` and which carry a DfE marker there (as ``"id marker"``)."""
    published = [spec for spec in indicators.REGISTRY.values() if spec.kind == "public"]
    missing, marked = [], []
    for spec in published:
        table = indicators.series(spec.id, council, year)
        row = table[(table["area"] == "council") & (table["year"] == year)]
        if row.empty:
            missing.append(spec.id)
        elif is_marker(row["marker"].iloc[0]):
            marked.append(f"{spec.id} {row['marker'].iloc[0]}")
    return len(published), missing, marked


def _peak_mib(pid: int) -> float:
    """The most memory (resident) process ``pid`` has used since it started, in MiB (Linux)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def peak_memory() -> dict:
    """Peak MiB of this worker, of its warm kernel, and of the largest subprocess that has finished
    (a Sphinx run)."""
    kernel = warm_kernel()
    process = getattr(getattr(kernel.km, "provisioner", None), "process", None)
    return {"worker": round(_peak_mib(os.getpid())),
            "kernel": round(_peak_mib(process.pid)) if process is not None else 0,
            "subprocess": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)}


def build_council(code: str, year: int, out: str, pdf: bool = False, *regions_built) -> dict:
    """Build one council's book into its folder under ``out``; never raises: a failure is recorded
    (page, cell, error) in the returned index line. The build's own output goes to ``build.log``.
    ``regions_built`` are the index lines of the run's regional books it belongs to: unused, but
    passing them makes Dask wait for those books, so this one finds and links them."""
    council = councils.council_in_year(code, year)
    folder = book_folder(Path(out), council)
    folder.mkdir(parents=True, exist_ok=True)
    result = CouncilResult(council.code, council.name, council.region_name)
    log = io.StringIO()

    def one_book():
        check_inputs(council, year)
        return build(Edition(la_code=council.code, la_name=council.name, year=year, out=folder,
                             council_slug=council.slug), pdf=pdf, jobs=1)

    _attempt(one_book, result, Path(out), log)
    try:
        result.measures, missing, marked = gaps_in_measures(council, year)
        result.missing = len(missing)
        result.suppressed = sum(1 for m in marked if m.rsplit(" ", 1)[1] in SUPPRESSED_MARKERS)
        result.other_markers = len(marked) - result.suppressed
        result.gaps = "; ".join([f"{m} missing" for m in missing] + marked)
    except Exception as exc:   # the count is a report on the book, not the book: note and go on
        result.gaps = f"not counted ({type(exc).__name__}: {exc})"
    (folder / "build.log").write_text(log.getvalue(), encoding="utf-8")
    result.memory = peak_memory()
    return asdict(result)


def _attempt(one_book, result: CouncilResult | GroupResult, out: Path, log: io.StringIO) -> None:
    """Run ``one_book`` (a build returning its report) with its output in ``log``, recording on
    ``result`` its time and either its book or where and why it failed; never raises."""
    start = time.perf_counter()
    try:
        with contextlib.redirect_stdout(log):
            report = one_book()
        result.status = "built"
        result.book = report.html.relative_to(out.resolve()).as_posix() if report.html else ""
    except NotebooksFailed as exc:
        first = exc.failures[0]
        result.page, result.cell = first.page, first.cell
        result.error = "; ".join(f"{f.page}" + (f" cell {f.cell}" if f.cell else "") + f": {f.error}"
                                 for f in exc.failures) if len(exc.failures) > 1 else first.error
    except (BuildError, InputError) as exc:
        result.error = str(exc).strip()
    except Exception as exc:   # anything else: recorded, never stops the other books
        result.error = f"{type(exc).__name__}: {exc}"
        log.write(traceback.format_exc())
    result.seconds += time.perf_counter() - start


def build_group(slug: str, year: int, out: str, pdf: bool = False, *members_built) -> dict:
    """Build one group's regional book into ``regions/<slug>`` under ``out``; never raises (like
    :func:`build_council`). ``members_built`` are the member books' index lines when this is the
    second build, after them: unused, but passing them makes Dask wait for those books."""
    group = groups.resolve(slug, year)
    folder = group_folder(Path(out), group)
    folder.mkdir(parents=True, exist_ok=True)
    result = GroupResult(group.slug, group.name, group.kind, len(group.members))
    log = io.StringIO()

    def one_book():
        return build(Edition(la_code="", la_name=group.name, year=year, out=folder, group=group.slug,
                             members=group.codes), pdf=pdf, jobs=1)

    _attempt(one_book, result, Path(out), log)
    with (folder / "build.log").open("a" if members_built else "w", encoding="utf-8") as file:
        file.write(log.getvalue())
    result.memory = peak_memory()
    return asdict(result)


def worker_usage() -> dict:
    """This worker's process id, peak memory (MiB: the worker, its kernel, its largest finished
    subprocess) and CPU seconds (itself, its finished subprocesses and its kernel)."""
    import psutil

    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
    process = getattr(getattr(warm_kernel().km, "provisioner", None), "process", None)
    if process is not None:
        with contextlib.suppress(psutil.Error):
            times = psutil.Process(process.pid).cpu_times()
            cpu += times.user + times.system
    return {"pid": os.getpid(), "cpu": round(cpu, 1), **peak_memory()}


def warm_worker(year: int) -> dict:
    """Run on each worker before its councils: start its kernel (imports included) and read the
    national tables every council shares, so the on-disk table cache holds them once."""
    warm_kernel()
    gaps_in_measures(councils.resolve_council(councils_for_year(year)[0].code), year)
    return {"pid": os.getpid()}


# ----------------------------------------------------------------------------- the index
def _csv_text(rows: list[dict], columns: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def write_index(results: list[CouncilResult], out: Path, year: int, *, pending: int = 0,
                group_results: list[GroupResult] | None = None, groups_planned: int | None = None) -> tuple[Path, Path]:
    """Write ``index.csv`` and ``index.html`` in ``out`` (atomically), and ``regions.csv`` when
    the run builds regional books; return the paths of the first two."""
    out.mkdir(parents=True, exist_ok=True)
    ordered = sorted(results, key=lambda r: r.council)
    by_name = sorted(group_results or [], key=lambda r: r.name)
    csv_path, html_path = out / "index.csv", out / "index.html"
    files = [(csv_path, _csv_text([r.row() for r in ordered], INDEX_COLUMNS)),
             (html_path, index_html(ordered, year, pending=pending, group_results=by_name,
                                    groups_planned=groups_planned))]
    if group_results is not None:
        files.append((out / "regions.csv", _csv_text([r.row() for r in by_name], GROUP_COLUMNS)))
    for path, text in files:
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    return csv_path, html_path


def summary_sentence(results: list[CouncilResult], year: int, pending: int = 0) -> str:
    """The index's first sentence, e.g. 'Of 3 councils' books for the year to 31 March 2025, 2 built
    and 1 failed.'"""
    built = sum(r.status == "built" for r in results)
    failed = len(results) - built
    total = len(results) + pending
    text = ("Of 1 council's book" if total == 1 else f"Of {total} councils' books") + f" for the year to 31 March {year}, {built} built and {failed} failed"
    return text + (f"; {pending} still building." if pending else ".")


def groups_sentence(group_results: list[GroupResult], planned: int) -> str:
    """What the index says of the regional books, e.g. 'Of 9 regional books, 9 built and 0 failed.'

    >>> groups_sentence([GroupResult("london", "London", "region", 33, status="built")], 2)
    'Of 2 regional books, 1 built and 0 failed; 1 still building.'
    """
    built = sum(r.status == "built" for r in group_results)
    failed = len(group_results) - built
    pending = planned - len(group_results)
    text = ("Of 1 regional book" if planned == 1 else f"Of {planned} regional books") + f", {built} built and {failed} failed"
    return text + (f"; {pending} still building." if pending else ".")


def readable_gaps(gaps: str) -> str:
    """The index's gaps (``"staying_put_18 missing; uasc_count z"``, as in the CSV) in readers' words.

    >>> readable_gaps("staying_put_18 missing; uasc_count z")
    'Care leavers aged 18 staying put with their former foster carers: no figure; Unaccompanied asylum-seeking children looked after: z'
    """
    parts = []
    for gap in filter(None, (g.strip() for g in gaps.split(";"))):
        measure, _, marker = gap.partition(" ")
        spec = indicators.REGISTRY.get(measure)
        parts.append(f"{spec.label if spec else measure}: {'no figure' if marker == 'missing' else marker}")
    return "; ".join(parts)


def groups_table_html(group_results: list[GroupResult]) -> str:
    """The index's table of regional books ('' when the run built none): each linked by name, with
    its kind, how many councils, built or failed (where and why) and the seconds it took."""
    if not group_results:
        return ""
    e = html.escape
    rows = []
    for r in group_results:
        name = f'<a href="{e(r.book)}">{e(r.name)}</a>' if r.book else e(r.name)
        where = e(r.page) + (f", cell {r.cell}" if r.cell else "")
        rows.append(f'<tr class="{e(r.status)}"><th scope="row">{name}</th><td>{e(r.kind)}</td>'
                    f'<td class="num">{r.members}</td><td>{e(r.status)}</td><td>{where}</td><td>{e(r.error)}</td>'
                    f'<td class="num">{r.seconds:.0f}</td></tr>')
    return f"""<h2>Regional books</h2>
<div class="scroll" role="region" aria-label="Every regional book" tabindex="0">
<table>
<caption>Regional books: the group's councils together, built or failed, and time taken</caption>
<thead><tr><th scope="col">Group</th><th scope="col">Kind</th><th scope="col">Councils</th>
<th scope="col">Status</th><th scope="col">Failed at</th><th scope="col">Error</th>
<th scope="col">Seconds</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
</div>
<h2>Councils' books</h2>
"""


def index_html(results: list[CouncilResult], year: int, *, pending: int = 0,
               group_results: list[GroupResult] | None = None, groups_planned: int | None = None) -> str:
    """The national index as one self-contained, accessible page: a summary, then a table with a
    caption and column headers, status in words (not colour alone), and each book linked by name;
    the regional books, when the run built any, in a table of their own above the councils'."""
    e = html.escape
    group_results = group_results or []
    planned = len(group_results) if groups_planned is None else groups_planned
    about_groups = f" {e(groups_sentence(group_results, planned))}" if planned else ""
    measures = max((r.measures for r in results), default=0)
    legend = "\n".join(f"<dt>{e(marker)}</dt><dd>{e(meaning)}</dd>" for marker, meaning in MARKER_LEGEND.items())
    rows = []
    for r in results:
        name = f'<a href="{e(r.book)}">{e(r.council)}</a>' if r.book else e(r.council)
        where = e(r.page) + (f", cell {r.cell}" if r.cell else "")
        gaps = f"{r.missing} missing, {r.suppressed} suppressed, {count_phrase(r.other_markers, 'other marker')}"
        rows.append(
            f'<tr class="{e(r.status)}"><th scope="row">{name}</th><td>{e(r.la_code)}</td><td>{e(r.region)}</td>'
            f"<td>{e(r.status)}</td><td>{where}</td><td>{e(r.error)}</td>"
            f'<td class="num">{r.seconds:.0f}</td><td>{e(gaps)}<br><span class="small">{e(readable_gaps(r.gaps))}</span></td></tr>')
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Placement sufficiency books, {year}: national index</title>
<style>
body {{ font-family: system-ui, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; margin: 1.5rem; color: #1a1a1a;
       line-height: 1.5; max-width: 80rem; }}
table {{ border-collapse: collapse; width: 100%; min-width: 48rem; font-size: 0.95rem; }}
.scroll {{ overflow-x: auto; }}
.scroll:focus {{ outline: 3px solid #e69f00; }}
caption {{ text-align: left; font-weight: bold; padding: 0.5rem 0; }}
th, td {{ border-bottom: 1px solid #c8c8c8; padding: 0.4rem 0.5rem; text-align: left; vertical-align: top; }}
thead th {{ background: #f2f2f2; }}
tr.failed th, tr.failed td {{ background: #fdf0e6; }}
td.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
.small {{ font-size: 0.85rem; color: #4a4a4a; }}
a {{ color: #0b5394; }}
a:focus {{ outline: 3px solid #e69f00; }}
dt {{ font-weight: bold; float: left; clear: left; width: 3rem; }}
dd {{ margin-left: 3.5rem; }}
</style>
</head>
<body>
<main>
<h1>Placement sufficiency books for every council, {year}</h1>
<p>{e(summary_sentence(results, year, pending))}{about_groups} Each name links to its book. A failed book
names the page and cell that stopped it. Gaps count the {measures} published measures with no figure
for {year}: with no row at all (missing), withheld by DfE to protect children (suppressed, marked c),
or with another DfE marker in place of the figure.</p>
{groups_table_html(group_results)}<div class="scroll" role="region" aria-label="Every council's book" tabindex="0">
<table>
<caption>Every council's book: built or failed, time taken and gaps in its published measures</caption>
<thead><tr><th scope="col">Council</th><th scope="col">LA code</th><th scope="col">Region</th>
<th scope="col">Status</th><th scope="col">Failed at</th><th scope="col">Error</th>
<th scope="col">Seconds</th><th scope="col">Gaps in measures</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
</div>
<h2>What the markers mean</h2>
<dl>
{legend}
</dl>
</main>
</body>
</html>
"""


# ----------------------------------------------------------------------------- the run
def start_client(scheduler: str | None, workers: int | None = None):
    """A Dask client: on the scheduler at ``scheduler``, or on a LocalCluster here with one
    single-threaded worker per core (each limited to :data:`WORKER_MEMORY`)."""
    from distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler)
    n = workers or os.cpu_count() or 1
    cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, memory_limit=WORKER_MEMORY,
                           dashboard_address=":0")   # any free port: a dashboard may already hold 8787
    return Client(cluster)


def _gathered(client, futures) -> list:
    """Each future's result, or the exception it raised."""
    outcomes = []
    for future in futures:
        try:
            outcomes.append(client.gather(future))
        except Exception as exc:   # noqa: BLE001 - reported by the caller, never fatal
            outcomes.append(exc)
    return outcomes


class RunResults(list):
    """A run's index lines for the councils' books (a list), with ``groups`` those of its regional books."""

    def __init__(self, councils_lines=(), groups: list[GroupResult] = ()):
        super().__init__(councils_lines)
        self.groups = list(groups)


def build_all(year: int, chosen: list[councils.Council], out: Path, *, pdf: bool = False,
              scheduler: str | None = None, workers: int | None = None, client=None,
              chosen_groups: list[groups.Group] = ()) -> RunResults:
    """Build every chosen council's book on Dask, writing the index as each one finishes; return
    the councils' index lines. Progress lines say done, failed and the time left. Each chosen group's
    regional book is built first and again after its members' books (see the module's docstring);
    its line is in the index and ``regions.csv``."""
    from distributed import as_completed

    out = Path(out).resolve()
    own_client = client is None
    client = client or start_client(scheduler, workers)
    try:
        start = time.perf_counter()
        also = f" and {count_phrase(len(chosen_groups), 'regional book')}" if chosen_groups else ""
        say(f"build-all: {len(chosen)} councils{also}, data to 31 March {year}, on "
            f"{len(client.scheduler_info()['workers'])} Dask worker(s); books and index in {out}")
        warm = [client.submit(warm_worker, year, workers=[address], pure=False, key=f"warm-{address}")
                for address in client.scheduler_info()["workers"]]
        # A worker whose kernel will not start ahead is not fatal: each council starts its own
        # (warm_kernel starts a new one when there is none), and one that cannot is that council's failure.
        for address, outcome in zip(client.scheduler_info()["workers"], _gathered(client, warm)):
            if isinstance(outcome, Exception):
                say(f"  worker {address}: could not warm up ({type(outcome).__name__}: {outcome}); "
                    "its councils will start their own kernel")
        # Regional books first (higher priority), each member's book after them, so it finds and links them.
        first = {client.submit(build_group, g.slug, year, str(out), pdf, pure=False, priority=1,
                               key=f"region-{g.slug}-{year}"): g for g in chosen_groups}
        futures = {client.submit(build_council, c.code, year, str(out), pdf,
                                 *[f for f, g in first.items() if c.code in g.codes],
                                 pure=False, key=f"book-{c.code}-{year}"): c for c in chosen}
        by_code = {c.code: f for f, c in futures.items()}
        # ... and again after their members' books (and their own first build), to link those books.
        again = {client.submit(build_group, g.slug, year, str(out), pdf, first_future,
                               *[by_code[code] for code in g.codes if code in by_code],
                               pure=False, key=f"region-again-{g.slug}-{year}"): g
                 for first_future, g in first.items()}
        results: list[CouncilResult] = []
        group_results: dict[str, GroupResult] = {}
        total = len(futures) + len(first) + len(again)
        done = 0
        for future in as_completed([*first, *futures, *again]):
            done += 1
            if future in futures:
                line = _council_outcome(future, futures[future])
                results.append(line)
                name = line.council
            else:
                group = first.get(future) or again[future]
                line = _group_outcome(future, group)
                if group.slug in group_results:
                    line.seconds += group_results[group.slug].seconds   # both builds' time
                group_results[group.slug] = line
                name = f"{group.name} (regional book)"
            lines = [*results, *group_results.values()]
            failed = sum(r.status != "built" for r in lines)
            left = (time.perf_counter() - start) / done * (total - done)
            where = f" at {line.page}" + (f" cell {line.cell}" if line.cell else "") if line.page else ""
            say(f"  [{done}/{total}] {name}: {line.status}{where} in {line.seconds:.0f} s — "
                f"{len(lines) - failed} built, {failed} failed, about {left / 60:.0f} min left")
            write_index(results, out, year, pending=len(chosen) - len(results),
                        group_results=list(group_results.values()) if chosen_groups else None,
                        groups_planned=len(chosen_groups))
        csv_path, html_path = write_index(results, out, year,
                                          group_results=list(group_results.values()) if chosen_groups else None)
        built_groups = f" {groups_sentence(list(group_results.values()), len(chosen_groups))}" if chosen_groups else ""
        say(f"{summary_sentence(results, year)}{built_groups} Index: {html_path} and {csv_path.name} "
            f"({(time.perf_counter() - start) / 60:.1f} min)")
        return RunResults(results, groups=sorted(group_results.values(), key=lambda r: r.name))
    finally:
        if own_client:
            cluster = client.cluster
            client.close()
            if cluster is not None:
                cluster.close()


def _council_outcome(future, council: councils.Council) -> CouncilResult:
    try:
        return CouncilResult(**future.result())
    except Exception as exc:   # the worker itself died (memory, a crash): the council failed
        return CouncilResult(council.code, council.name, council.region_name,
                             error=f"the worker building it stopped: {type(exc).__name__}: {exc}")


def _group_outcome(future, group: groups.Group) -> GroupResult:
    try:
        return GroupResult(**future.result())
    except Exception as exc:   # noqa: BLE001 - as for a council
        return GroupResult(group.slug, group.name, group.kind, len(group.members),
                           error=f"the worker building it stopped: {type(exc).__name__}: {exc}")


# ----------------------------------------------------------------------------- the command line
def add_arguments(parser) -> None:
    """The ``build-all`` arguments, added to an ``argparse`` parser."""
    parser.add_argument("--year", type=int, default=None,
                        help="the edition's latest reporting year (default: the latest in the data)")
    parser.add_argument("--councils", default="all",
                        help="'all' (every council that existed that year), codes or names separated by "
                             "commas (201,420,Cumberland), or a file with one per line")
    parser.add_argument("--pdf", action="store_true", help="build each council's PDF too (default: HTML only)")
    parser.add_argument("--out", type=Path, default=NATIONAL_OUT,
                        help="folder for the books and the index (default _build/national)")
    parser.add_argument("--scheduler", default=None,
                        help="a Dask scheduler's address (tcp://HOST:8786) whose workers have the project "
                             "installed and share the output folder; default: a local cluster here")
    parser.add_argument("--workers", type=int, default=None,
                        help="local workers (default: one per core); ignored with --scheduler")
    parser.add_argument("--groups", default="",
                        help="regional books to build in the same run, in <out>/regions/: 'regions' (the 9 "
                             "English regions), 'all' (every group `sufficiency groups` lists) or group names "
                             "separated by commas (london-east,'North West'); default none")


def run(args) -> int:
    """``sufficiency build-all``: 0 when every book built, 1 when any failed (the index says which)."""
    earliest, latest = available_years()
    year = args.year or latest
    if not earliest <= year <= latest:
        raise InputError("--year", found=str(year),
                         expected=f"a reporting year from {earliest} to {latest} (years ending 31 March)")
    chosen = choose_councils(args.councils, year)
    chosen_groups = choose_groups(args.groups, year)
    results = build_all(year, chosen, args.out, pdf=args.pdf, scheduler=args.scheduler, workers=args.workers,
                        chosen_groups=chosen_groups)
    return 0 if all(r.status == "built" for r in [*results, *results.groups]) else 1
