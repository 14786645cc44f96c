"""Staging executed pages for Sphinx and publishing the built book: the site is copied to a fresh
``html-<key>`` folder and the ``html`` link swapped to it in one rename, so a failed or interrupted
build leaves the last good book published.

Councils' books and regional books link to each other. Each published book carries a label,
``book.json`` in its output folder (which council or group, which year, which members). Regional
books live in a ``regions/<group>/`` folder beside the councils' books: ``build-all --out DIR``
puts councils at ``DIR/<code>-<slug>/``, so their regions are ``DIR/regions/<group>/``; a single
council built into ``_build`` has its regions at ``_build/regions/<group>/``, where
``build --group`` puts them by default. At staging, the first page of a council's book gets a
note linking each regional book found there that has the council as a member (same year); a
regional book's first page links each member's book found beside it. A book built later is
linked when the other is next built (nothing re-runs: only the note and the site change).
"""
from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from sufficiency.build import inline_svg
from sufficiency.build.cache import ExecutionCache
from sufficiency.build.edition import Edition
from sufficiency.build.plan import RECORD_PAGE, TOC, PageRun
from sufficiency.build.sphinx import CONFIG, PDF_NAME
from sufficiency.core.digests import file_digest
from sufficiency.core.paths import BOOK
from sufficiency.data.councils import resolve_council
from sufficiency.publishing.vocabulary import Vocabulary, load_vocabulary

GENERATED = "_generated"          # per-page figures and CSVs, inside book/ so Sphinx copies them


def static_files(folder: Path) -> list[Path]:
    """The hand-written files of a Sphinx source folder (theme, templates, LaTeX stubs), relative
    to it, in order: not the staged pages, their generated files or the edition record."""
    return sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file()
                  and GENERATED not in p.relative_to(folder).parts and p.suffix != ".ipynb"
                  and p.name != f"{RECORD_PAGE}.md")


def mirror_static(book: Path, source: Path) -> None:
    """Copy book/'s hand-written files into another source folder; files no longer in book/ are removed."""
    wanted = set(static_files(book))
    for rel in set(static_files(source)) - wanted if source.exists() else ():
        (source / rel).unlink()
    for rel in wanted:
        src, dst = book / rel, source / rel
        if not dst.exists() or file_digest(src) != file_digest(dst):
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dst)


#: Pages that keep the book's own words whatever the council's vocabulary: the glossary explains them.
KEEP_OWN_WORDS = {"97-glossary"}


_LA_CODE = re.compile(r"""^la_code\s*=\s*["']([^"']+)["']""", re.MULTILINE)


def edition_council(notebook: dict) -> str:
    """The council an executed page was run for: the ``la_code`` papermill injected (or, failing
    that, the template's default in its ``parameters`` cell); '' when the page has neither."""
    found = {}
    for cell in notebook.get("cells", []):
        tags = cell.get("metadata", {}).get("tags", [])
        source = "".join(cell.get("source", ""))
        for tag in ("injected-parameters", "parameters"):
            match = _LA_CODE.search(source) if tag in tags else None
            if match and tag not in found:
                found[tag] = match.group(1)
    return found.get("injected-parameters") or found.get("parameters", "")


def apply_vocabulary(notebook: dict, vocabulary: Vocabulary) -> dict:
    """The page with the council's words in its prose: Markdown cells and the Markdown (and plain
    text) outputs of code cells. Tables, quoted titles and sources keep theirs (see
    :mod:`sufficiency.publishing.vocabulary`)."""
    def text_of(value) -> str:
        return "".join(value) if isinstance(value, list) else value

    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "markdown":
            cell["source"] = vocabulary.apply(text_of(cell["source"]))
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            for mime in ("text/markdown", "text/plain"):
                if mime in data:
                    data[mime] = vocabulary.apply(text_of(data[mime]))
    return notebook


def staged_bytes(src: Path, page: str, vocabularies: dict[str, Vocabulary]) -> bytes:
    """An executed page as the Sphinx source folder gets it: with the council's vocabulary applied
    where it has one (the page's council is read from the notebook itself)."""
    raw = src.read_bytes()
    if page in KEEP_OWN_WORDS:
        return raw
    notebook = json.loads(raw)
    code = edition_council(notebook)
    if not code:
        return raw
    if code not in vocabularies:
        vocabularies[code] = load_vocabulary(resolve_council(code).slug)
    if not vocabularies[code]:
        return raw
    return (json.dumps(apply_vocabulary(notebook, vocabularies[code]), ensure_ascii=False, indent=1)
            + "\n").encode("utf-8")


def with_note(staged: bytes, note: str) -> bytes:
    """The executed page with ``note`` (MyST Markdown) as a cell of its own after its title cell."""
    notebook = json.loads(staged)
    cells = notebook.get("cells", [])
    at = next((i + 1 for i, c in enumerate(cells) if c.get("cell_type") == "markdown"), 0)
    cells.insert(at, {"cell_type": "markdown", "id": "related-books", "metadata": {}, "source": note})
    return (json.dumps(notebook, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def stage_pages(pages: list[PageRun], cache: ExecutionCache, source: Path = BOOK, *,
                first_page_note: str = "") -> dict:
    """Copy executed notebooks and their files into the Sphinx source folder, with the council's
    vocabulary applied to their prose and ``first_page_note`` (links to related books) after the
    first page's title; pages of an earlier edition that this one does not have (say,
    record-level pages) are removed from it."""
    sources = {}
    vocabularies: dict[str, Vocabulary] = {}
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
        staged = staged_bytes(src, run.page, vocabularies)
        if first_page_note and run is pages[0]:
            staged = with_note(staged, first_page_note)
        if not target.exists() or target.read_bytes() != staged:
            tmp = target.with_suffix(".ipynb.tmp")
            tmp.write_bytes(staged)
            os.replace(tmp, target)
        files_src = cache.files_dir(run.page)
        files_dst = generated / run.page
        if tree_digest(files_src) != tree_digest(files_dst):
            shutil.rmtree(files_dst, ignore_errors=True)
            if files_src.exists():
                shutil.copytree(files_src, files_dst)
        sources[run.page] = hashlib.sha256(staged).hexdigest() + tree_digest(files_src)
    return sources


def tree_digest(folder: Path) -> str:
    if not folder.exists():
        return ""
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(path.relative_to(folder).as_posix().encode())
        h.update(file_digest(path).encode())
    return h.hexdigest()


INLINE_SVG = Path(inline_svg.__file__)


def book_key(edition: Edition, pages, cache, sources: dict, pdf: bool) -> str:
    h = hashlib.sha256(json.dumps(sources, sort_keys=True).encode())
    h.update(json.dumps(edition.notebook_params(), sort_keys=True).encode())
    h.update(str(pdf).encode())
    # The Sphinx extension that draws charts into the pages changes the HTML too.
    for path in [CONFIG, TOC, INLINE_SVG, *(BOOK / rel for rel in static_files(BOOK))]:
        h.update(path.as_posix().encode())
        h.update(file_digest(path).encode())
    return h.hexdigest()


def published_key(published: Path) -> str | None:
    try:
        return (published / ".build-key").read_text().strip()
    except OSError:
        return None


def publish(html_built: Path, pdf_built: Path | None, out: Path, book_key: str) -> tuple[Path, Path | None]:
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


#: Tables pages write that the build also publishes beside the book, for analysts to reuse.
PUBLISHED_TABLES = {"forecasts.csv": "forecasts.csv", "headlines.csv": "editions/{la}-{year}.csv"}


def publish_tables(edition: Edition, pages: list[PageRun], cache: ExecutionCache, out: Path) -> None:
    """Copy forecasts.csv to the output folder, and keep the edition's headline record."""
    for run in pages:
        for name, target in PUBLISHED_TABLES.items():
            src = cache.files_dir(run.page) / name
            if src.is_file():
                la = f"group-{edition.group_slug}" if edition.is_group else edition.la_code
                dst = out / target.format(la=la, year=edition.year)
                dst.parent.mkdir(parents=True, exist_ok=True)
                tmp = dst.with_name(f".{dst.name}.tmp")
                shutil.copyfile(src, tmp)
                os.replace(tmp, dst)


#: Pages Sphinx writes itself, whatever the table of contents holds.
SPHINX_PAGES = {"genindex", "search", "index", "py-modindex"}


def forget_removed_pages(html: Path, pages: list[str]) -> list[str]:
    """Delete from Sphinx's output folder the pages of an earlier build that this edition does not
    have (say, the record-level pages after a build with an extract), with their page sources:
    Sphinx leaves them behind, and they would be published and found by search. Returns their names.

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp())
    >>> for name in ("01-intro.html", "10-own-records.html", "search.html"):
    ...     _ = (out / name).write_text("x")
    >>> forget_removed_pages(out, ["01-intro"]), sorted(p.name for p in out.iterdir())
    (['10-own-records'], ['01-intro.html', 'search.html'])
    """
    keep = set(pages) | SPHINX_PAGES
    gone = []
    for page in sorted(html.glob("*.html")) if html.exists() else ():
        if page.stem not in keep:
            page.unlink()
            for source in (html / "_sources").glob(f"{page.stem}.*"):
                source.unlink()
            gone.append(page.stem)
    return gone


#: The label of a published book, in its output folder: what the book is, for the books that link to it.
BOOK_LABEL = "book.json"
#: The folder, beside councils' books, that holds regional books.
REGIONS = "regions"


def book_label(edition: Edition) -> dict:
    """What a published book is: a council's (its code) or a group's (its slug and members)."""
    if edition.is_group:
        return {"kind": "group", "group": edition.group_slug, "name": edition.la_name, "year": edition.year,
                "members": list(edition.members)}
    return {"kind": "council", "code": edition.la_code, "name": edition.la_name, "year": edition.year}


def write_book_label(edition: Edition, out: Path) -> Path:
    path = out / BOOK_LABEL
    text = json.dumps(book_label(edition), indent=1) + "\n"
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        tmp = path.with_name(f".{BOOK_LABEL}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    return path


@dataclass(frozen=True)
class RelatedBook:
    """A published book this one links to: its name and its address relative to this book's pages."""

    name: str
    href: str
    kind: str


def _labelled_books(folders: list[Path]) -> list[tuple[Path, dict]]:
    found = []
    for folder in folders:
        try:
            label = json.loads((folder / BOOK_LABEL).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if (folder / "html" / "index.html").exists():
            found.append((folder, label))
    return found


def member_folder(code: str) -> str:
    """The folder ``build-all`` gives a council's book (``<code>-<slug>``)."""
    council = resolve_council(code)
    return f"{council.code}-{council.slug}"


def related_books(edition: Edition, out: Path) -> list[RelatedBook]:
    """The published books this edition's book links to, in name order: for a council, the regional
    books of its year that have it as a member, in ``<out>/regions/`` or beside ``out``
    (``<out>/../regions/``); for a group built in ``<shelf>/regions/<group>/``, its members' books
    of its year in ``<shelf>`` itself or in ``<shelf>/<code>-<slug>/`` (where ``build-all`` puts
    them). Addresses are relative to ``out/html``.

    >>> import tempfile
    >>> shelf = Path(tempfile.mkdtemp())
    >>> council = Edition("209", "Lewisham", 2025, shelf / "209-lewisham")
    >>> region = Edition("", "London", 2025, shelf / REGIONS / "london", group="london", members=("209", "210"))
    >>> for e in (council, region):
    ...     (e.out / "html").mkdir(parents=True)
    ...     _ = (e.out / "html" / "index.html").write_text("x")
    ...     _ = write_book_label(e, e.out)
    >>> related_books(council, council.out)
    [RelatedBook(name='London', href='../../regions/london/html/index.html', kind='group')]
    >>> related_books(region, region.out)
    [RelatedBook(name='Lewisham', href='../../../209-lewisham/html/index.html', kind='council')]
    """
    out = Path(out)
    if edition.is_group:
        if out.parent.name != REGIONS:
            return []
        shelf = out.parent.parent
        # The shelf's own book (a council built into it) and the build-all layout's folders.
        folders = [shelf, *(shelf / member_folder(code) for code in edition.members)]
        wanted = [(f, label) for f, label in _labelled_books(folders)
                  if label.get("kind") == "council" and label.get("code") in edition.members]
    else:
        folders = [p for regions in (out / REGIONS, out.parent / REGIONS) if regions.is_dir()
                   for p in sorted(regions.iterdir()) if p.is_dir()]
        wanted = [(f, label) for f, label in _labelled_books(folders)
                  if label.get("kind") == "group" and edition.la_code in label.get("members", [])]
    books = {}
    for folder, label in wanted:
        if label.get("year") != edition.year or folder.resolve() == out.resolve():
            continue
        href = os.path.relpath(folder / "html" / "index.html", out / "html")
        books.setdefault(label["name"], RelatedBook(label["name"], Path(href).as_posix(), label["kind"]))
    return [books[name] for name in sorted(books)]


def related_books_text(edition: Edition, books: list[RelatedBook]) -> str:
    """The note on a book's first page linking the related books (web pages only: the printed book
    has nothing to click); '' when there are none.

    >>> council = Edition("209", "Lewisham", 2025, Path("x"))
    >>> print(related_books_text(council, [RelatedBook("London", "../regions/london/html/index.html", "group")]))
    :::{only} html
    ```{note}
    Lewisham is also part of a regional strategy, built from the same data: <a href="../regions/london/html/index.html">London</a>.
    ```
    :::
    """
    if not books:
        return ""
    links = ", ".join(f'<a href="{html.escape(b.href)}">{html.escape(b.name)}</a>' for b in books)
    if edition.is_group:
        built = len(books)
        text = (f"The members' own strategies, built from the same data ({built} of the "
                f"{len(edition.members)} councils): {links}.")
    else:
        which = "a regional strategy" if len(books) == 1 else "regional strategies"
        text = f"{html.escape(edition.la_name)} is also part of {which}, built from the same data: {links}."
    return f":::{{only}} html\n```{{note}}\n{text}\n```\n:::"
