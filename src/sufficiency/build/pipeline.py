"""Build an edition of the book: check inputs, execute notebooks, build HTML and PDF, publish.

The flow::

    notebooks/*.py  --jupytext, papermill (parallel, cached)-->  book/*.ipynb  --jupyter-book-->  _build/html, _build/pdf

Each step lives in its own module: :mod:`~sufficiency.build.plan` (which pages),
:mod:`~sufficiency.build.cache` and :mod:`~sufficiency.build.execute` (run the notebooks that
changed), :mod:`~sufficiency.build.record` (the edition record), :mod:`~sufficiency.build.sphinx`
(Jupyter Book) and :mod:`~sufficiency.build.publish` (stage and swap in one rename).
"""
from __future__ import annotations

import hashlib
import shutil
import time
from pathlib import Path

from sufficiency.build.cache import ExecutionCache, extract_listing_digest, run_key
from sufficiency.build.edition import Edition
from sufficiency.build.execute import execute_all
from sufficiency.build.lock import exclusive
from sufficiency.build.plan import RECORD_PAGE, PageRun, plan_pages, plan_regional_pages
from sufficiency.build.progress import BuildError, BuildReport, say
from sufficiency.build.publish import (
    book_key,
    forget_removed_pages,
    mirror_static,
    publish,
    publish_tables,
    published_key,
    related_books,
    related_books_text,
    stage_pages,
    tree_digest,
    write_book_label,
)
from sufficiency.build.record import write_edition_record
from sufficiency.build.sphinx import (
    PDF_NAME,
    edition_config,
    edition_toc,
    jupyter_book,
    latex_missing,
)
from sufficiency.core import ledger, paths
from sufficiency.core.digests import code_digest, digest_memo, file_digest, write_atomic
from sufficiency.core.paths import BOOK, PROJECT_ROOT
from sufficiency.records import markov, read, synthetic


def check_extract(edition: Edition) -> bool:
    """Read and check the edition's SSDA903 extract once, before any page runs, and write its
    data-quality report beside the book (a bad file, or with ``strict`` any broken rule, stops the
    build as one clear paragraph); True when it holds two 31 Marches in full, so moves between
    years can be counted."""
    if not edition.episodes:
        return False
    extract, report = read.read_and_report(edition.episodes, year=edition.year, strict=edition.strict,
                                           report_path=edition.out / f"data_quality_{edition.year}.csv")
    kind = "SYNTHETIC extract (no real children)" if synthetic.is_synthetic(edition.episodes) else "extract"
    say(f"  checked: SSDA903 {kind}: {len(extract.files)} files; {extract.quality.headline()}; "
        f"data-quality report: {report}; record-level pages will be added")
    return markov.first_complete_stock(extract) < edition.year


def inputs_key(episodes: Path | None) -> str:
    """What every page's run key shares: the package's code, the data folder in use and the listing
    of the SSDA903 extract. Another data folder (``SUFFICIENCY_DATA``), even a copy, re-runs every
    page: a page's recorded reads are the files of the folder it was run on."""
    return "|".join([code_digest(), str(paths.DATA), extract_listing_digest(episodes)])


def execute_pages(edition: Edition, pages: list[PageRun], cache: ExecutionCache, report: BuildReport, *,
                  jobs: int | None = None, force: bool = False) -> None:
    """Execute the pages whose template, parameters, code, data folder or files read have changed."""
    common = inputs_key(edition.episodes)
    todo = []
    for run in pages:
        params = {**edition.notebook_params(), **run.params,
                  "files_dir": str(cache.files_dir(run.page))}
        key = run_key(run, params, common)
        if force or not cache.is_fresh(run.page, key):
            todo.append((run, params, key))
        else:
            report.cached.append(run.page)
    execute_all(todo, cache, jobs, report)
    cache.memo.save()


def build(edition: Edition, *, pdf: bool = True, jobs: int | None = None, force: bool = False) -> BuildReport:
    """Execute every page of ``edition`` and publish its HTML (and PDF) under ``edition.out``.

    Only one build at a time may use an output folder or an edition's cache: a second one stops
    with a message naming the process that holds them."""
    out = edition.out.resolve()
    cache_root = PROJECT_ROOT / ".cache" / "editions" / edition.key
    with exclusive(out / ".build.lock", f"the output folder {out}"), \
            exclusive(cache_root.with_name(cache_root.name + ".lock"), f"the cache of edition {edition.key}"):
        return _build(edition, out, cache_root, pdf=pdf, jobs=jobs, force=force)


def check_one_value_per_figure(pages: list[PageRun], cache: ExecutionCache) -> int:
    """Stop the build when two pages (or one page twice) give the same figure — one measure, one
    area, one year — different values; return how many figures were checked.

    Each page's figures are noted as it runs (:mod:`sufficiency.core.ledger`). Nothing is
    published when the check fails, so the last good book stays as it was."""
    entries = []
    for run in pages:
        entries += ledger.read(cache.files_dir(run.page) / ledger.LEDGER_FILE, run.page)
    found = ledger.conflicts(entries)
    if found:
        listed = "; ".join(c.text() for c in found[:5]) + (f"; and {len(found) - 5} more" if len(found) > 5 else "")
        raise BuildError(f"the same figure has different values on different pages: {listed}. Every page must "
                         "take a figure from the same measure and source; nothing was published")
    figures = len({(e.measure, e.area, e.year) for e in entries})
    say(f"one figure, one value: {figures} figures checked across {len(pages)} pages, no disagreement")
    return figures


def name_group_in_record(edition: Edition, source: Path) -> str:
    """The edition record of a regional book names the group and its members' DfE codes where a
    council's names the council (the record is written by :mod:`~sufficiency.build.record`, which
    knows councils only); returns the record's digest."""
    path = source / f"{RECORD_PAGE}.md"
    text = path.read_text(encoding="utf-8")
    council_line = f"- Council: {edition.la_name} (DfE LA code {edition.la_code})"
    group_line = (f"- Group: {edition.la_name}; its {len(edition.members)} councils' DfE LA codes: "
                  + ", ".join(edition.members))
    fixed = text.replace(council_line, group_line)
    if fixed != text:
        write_atomic(path, fixed)
    return hashlib.sha256(fixed.encode()).hexdigest()


def _build(edition: Edition, out: Path, cache_root: Path, *, pdf: bool, jobs: int | None,
           force: bool) -> BuildReport:
    report = BuildReport()
    cache = ExecutionCache(cache_root, digest_memo())   # the same memo the input checks filled
    cache_root.mkdir(parents=True, exist_ok=True)

    t0 = time.perf_counter()
    if edition.is_group:
        pages = plan_regional_pages()
    else:
        pages = plan_pages(edition.council_slug, episodes=edition.episodes is not None,
                           episodes_history=check_extract(edition))
    missing = [run for run in pages if not run.template.is_file()]
    if missing:
        raise BuildError("no notebook source for page(s) " + ", ".join(run.page for run in missing)
                         + f": expected {', '.join(sorted({str(r.template) for r in missing}))}")
    execute_pages(edition, pages, cache, report, jobs=jobs, force=force)
    report.seconds["execute"] = time.perf_counter() - t0
    check_one_value_per_figure(pages, cache)

    source = edition.source_dir
    if source != BOOK:
        mirror_static(BOOK, source)
    # The regional books a council belongs to, or a group's members' books, found beside this one
    # (see publish.related_books): linked from the first page, so a book built later is linked
    # at the next build of this one.
    books = related_books(edition, out)
    if books:
        say("linked: " + "; ".join(f"{book.name} ({book.href})" for book in books))
    sources = stage_pages(pages, cache, source, first_page_note=related_books_text(edition, books))
    sources[RECORD_PAGE] = write_edition_record(edition, pages, cache, source)
    if edition.is_group:
        sources[RECORD_PAGE] = name_group_in_record(edition, source)
    key = book_key(edition, pages, cache, sources, pdf)
    published = out / "html"
    if not force and published_key(published) == key:
        say(f"book unchanged since the last build: {published / 'index.html'}")
        write_book_label(edition, out)
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
    config = edition_config(edition, work, "html-with-pdf" if pdf else "html")
    toc = edition_toc(pages, work)

    # Sphinx does not notice changed static files or templates: rebuild every page when they change.
    theme_key = work / "theme.key"
    # A page added or removed changes every page's navigation: that rebuilds every page too.
    theme_digest = (tree_digest(BOOK / "_static") + tree_digest(BOOK / "_templates") + file_digest(config)
                    + file_digest(toc))
    everything = ["--all"] if not theme_key.exists() or theme_key.read_text() != theme_digest else []
    # Pages an earlier build had and this one has not are removed before Sphinx runs, so neither
    # the published site nor its search index keeps them.
    forget_removed_pages(work / "_build" / "html", [run.page for run in pages] + [RECORD_PAGE])
    t1 = time.perf_counter()
    say("building HTML ..." + (" (all pages: the theme, configuration or page list changed)" if everything else ""))
    jupyter_book(["--builder", "html", "-W", "--keep-going", *everything], config, toc, source, work, "HTML",
                 edition.year)
    theme_key.write_text(theme_digest)
    report.seconds["html"] = time.perf_counter() - t1

    pdf_file = None
    if pdf:
        reason = latex_missing()
        if reason:
            report.pdf_skipped_reason = reason
            say(f"PDF skipped: {reason}")
        else:
            t2 = time.perf_counter()
            say("building PDF (XeLaTeX) ...")
            jupyter_book(["--builder", "pdflatex"], edition_config(edition, work, "pdf"), toc, source, work, "PDF",
                         edition.year)
            pdf_file = work / "_build" / "latex" / PDF_NAME
            if not pdf_file.exists():
                raise BuildError(f"the PDF build finished but {pdf_file} is missing; see {work / '_build' / 'latex'}")
            report.seconds["pdf"] = time.perf_counter() - t2

    report.html, report.pdf = publish(work / "_build" / "html", pdf_file, out, key)
    publish_tables(edition, pages, cache, out)
    write_book_label(edition, out)
    dirty.unlink()
    report.seconds["total"] = time.perf_counter() - t0
    return report
