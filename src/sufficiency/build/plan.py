"""The page plan: every page of the book, in order, from one list (:data:`PAGES`).

The build executes the pages this plan gives for an edition, and the table of contents (the
project's ``_toc.yml`` and each edition's own) is generated from the same list, so a page can never
be built without appearing in the contents, or listed without being built.

* A page may need the council's own SSDA903 extract (``requires="episodes"``), or an extract holding
  two complete 31 Marches (``requires="episodes-history"``); it is left out of editions without one.
* The ambition page is one template run once per ambition in the council's ``ambitions.csv``,
  however many there are (``repeat="ambition"``); a council that has not supplied ambitions yet
  gets none.
* A regional book (a group of councils) has its own list, :data:`REGIONAL_PAGES`, with templates in
  ``notebooks/regional/``; :func:`plan_regional_pages` gives its pages. It ends with the same
  edition record, written by the build.

>>> [run.page for run in plan_pages("lewisham")][:3]
['00-at-a-glance', '01-introduction', '01-easy-read']
>>> [run.page for run in plan_pages("lewisham")][11:14]
['08-ambitions-scorecard', '08-ambition-1', '08-ambition-2']
>>> len([r for r in plan_pages("lewisham") if r.page.startswith("08-ambition-")])
8
>>> any(r.page.startswith("08-ambition-") for r in plan_pages("greenwich"))
False
>>> [run.page for run in plan_regional_pages()][:2]
['00-region-at-a-glance', '01-region-members']
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import jupytext
import nbformat
import yaml

from sufficiency.core.digests import write_atomic
from sufficiency.core.paths import DATA_LOCAL, NOTEBOOKS, PROJECT_ROOT

#: Where the regional book's templates live.
REGIONAL_NOTEBOOKS = NOTEBOOKS / "regional"
from sufficiency.data import localdata

#: The project's table of contents, generated from :data:`PAGES` (``sufficiency toc``).
TOC = PROJECT_ROOT / "_toc.yml"
#: Written by the build itself after every notebook has run, not from a template.
RECORD_PAGE = "98-edition-record"
#: Where executable templates are converted from their text sources (jupytext), once per change.
TEMPLATE_CACHE = PROJECT_ROOT / ".cache" / "templates"


@dataclass(frozen=True)
class PageSpec:
    """One entry of the book: its page name, the part it sits in, and when it is built."""

    name: str
    part: str | None = None          # the part's caption in the contents; None for the first page
    requires: str = ""               # "", "episodes" or "episodes-history"
    repeat: str = ""                 # "ambition": one page per ambition the council has
    by_build: bool = False           # written by the build itself (the edition record), not a notebook


ABOUT = "About this book"
PICTURE = "The picture"
VOICES_COSTS = "What people told us and what care costs"
FORECASTS = "The next three years"
AMBITIONS = "Our ambitions"
RECORDS = "From the council's own records"
APPENDICES = "Appendices"

#: The book, in reading order.
PAGES: list[PageSpec] = [
    PageSpec("00-at-a-glance"),
    PageSpec("01-introduction", ABOUT),
    PageSpec("01-easy-read", ABOUT),
    PageSpec("02-national-context", PICTURE),
    PageSpec("03-local-context", PICTURE),
    PageSpec("04-children-looked-after", PICTURE),
    PageSpec("04-needs", PICTURE),
    PageSpec("04-key-trends", PICTURE),
    PageSpec("05-voices", VOICES_COSTS),
    PageSpec("06-cost-of-care", VOICES_COSTS),
    PageSpec("07-forecasts", FORECASTS),
    PageSpec("08-ambitions-scorecard", AMBITIONS),
    PageSpec("08-ambition", AMBITIONS, repeat="ambition"),
    PageSpec("09-review", AMBITIONS),
    PageSpec("09-progress-since-2014", AMBITIONS),
    PageSpec("10-own-records", RECORDS, requires="episodes"),
    PageSpec("10-stock-and-flow", RECORDS, requires="episodes-history"),
    PageSpec("94-methods", APPENDICES),
    PageSpec("95-data-sources", APPENDICES),
    PageSpec("96-pledges", APPENDICES),
    PageSpec("97-what-changed", APPENDICES),
    PageSpec("97-glossary", APPENDICES),
    PageSpec(RECORD_PAGE, APPENDICES, by_build=True),
]


REGION_PICTURE = "The group's picture"
REGION_PLACES = "Where children live, the homes and what they cost"

#: The regional book (``sufficiency build --group`` or ``--councils``), in reading order.
REGIONAL_PAGES: list[PageSpec] = [
    PageSpec("00-region-at-a-glance"),
    PageSpec("01-region-members", REGION_PICTURE),
    PageSpec("02-region-placements", REGION_PLACES),
    PageSpec("03-region-supply", REGION_PLACES),
    PageSpec("04-region-costs", REGION_PLACES),
    PageSpec("05-region-forecasts", FORECASTS),
    PageSpec("94-region-methods", APPENDICES),
    PageSpec("95-region-data-sources", APPENDICES),
    PageSpec(RECORD_PAGE, APPENDICES, by_build=True),
]


@dataclass(frozen=True)
class PageRun:
    """One execution of a template: the page it makes, the part it sits in and its extra parameters."""

    template: Path
    page: str
    extra: tuple[tuple[str, object], ...] = ()
    part: str | None = None

    @property
    def params(self) -> dict:
        return dict(self.extra)


def template_source(name: str, notebooks_dir: Path = NOTEBOOKS) -> Path:
    """The text source of a notebook template (jupytext py:percent)."""
    return notebooks_dir / f"{name}.py"


def ambition_numbers(council_slug: str, *, root: Path | None = None) -> list[int]:
    """The ambitions in the council's ``ambitions.csv``, in order; none when it has no folder yet."""
    if not council_slug or not localdata.has_local_folder(council_slug, root=root):
        return []
    frame = localdata.load_ambitions(council_slug, root=root)
    return [int(n) for n in frame["number"].tolist()]


def plan_pages(council_slug: str = "", *, episodes: bool = False, episodes_history: bool | None = None,
               notebooks_dir: Path = NOTEBOOKS, local_root: Path | None = None) -> list[PageRun]:
    """Every page to execute for an edition, in reading order (the edition record, written by the
    build, is not among them). ``episodes_history`` defaults to ``episodes``."""
    episodes_history = episodes if episodes_history is None else episodes_history
    runs = []
    for spec in PAGES:
        if spec.by_build:
            continue
        if (spec.requires == "episodes" and not episodes) or \
                (spec.requires == "episodes-history" and not episodes_history):
            continue
        template = template_source(spec.name, notebooks_dir)
        if spec.repeat == "ambition":
            runs += [PageRun(template, f"{spec.name}-{n}", (("ambition", n),), spec.part)
                     for n in ambition_numbers(council_slug, root=local_root)]
        else:
            runs.append(PageRun(template, spec.name, (), spec.part))
    return runs


def plan_regional_pages(notebooks_dir: Path = REGIONAL_NOTEBOOKS) -> list[PageRun]:
    """Every page to execute for a regional edition, in reading order (the edition record, written
    by the build, is not among them)."""
    return [PageRun(template_source(spec.name, notebooks_dir), spec.name, (), spec.part)
            for spec in REGIONAL_PAGES if not spec.by_build]


def toc_for(pages: list[PageRun]) -> dict:
    """The Jupyter Book table of contents for these pages, followed by the edition record."""
    entries = [(run.page, run.part) for run in pages] + [(s.name, s.part) for s in PAGES if s.by_build]
    root = entries[0][0]
    parts: list[dict] = []
    for page, part in entries[1:]:
        if not parts or parts[-1]["caption"] != part:
            parts.append({"caption": part, "chapters": []})
        parts[-1]["chapters"].append({"file": page})
    return {"format": "jb-book", "root": root, "parts": parts}


TOC_HEADER = """\
# Generated from the page plan (src/sufficiency/build/plan.py) by `sufficiency toc`: do not edit.
# The book for the default council with every optional part; each edition's own table of contents
# is generated the same way with only the pages it has.
"""


def project_toc_text() -> str:
    """The text of the project's ``_toc.yml``: the default council, record-level pages included."""
    pages = plan_pages("lewisham", episodes=True, episodes_history=True, local_root=DATA_LOCAL)
    return TOC_HEADER + yaml.safe_dump(toc_for(pages), sort_keys=False, allow_unicode=True)


def write_project_toc() -> Path:
    """Write ``_toc.yml`` from the plan."""
    write_atomic(TOC, project_toc_text())
    return TOC


def template_notebook(source: Path, cache: Path = TEMPLATE_CACHE) -> Path:
    """The executable ``.ipynb`` for a text source, converted by jupytext; kept under the digest of
    the source, so a changed source is converted again. Only the text source is committed.

    Readers see what code cells show, not the code: each code cell gets the tag ``remove-input``
    and the ``parameters`` cell ``remove-cell``. Cell ids are numbered, so the same source always
    gives the same notebook.
    """
    text = source.read_bytes()
    target = cache / f"{source.stem}-{hashlib.sha256(text).hexdigest()[:16]}.ipynb"
    if target.exists():
        return target
    notebook = jupytext.reads(text.decode("utf-8"), fmt="py:percent")
    notebook.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
                         "language_info": {"name": "python"}}
    for i, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{i:02d}"
        if cell.cell_type != "code":
            continue
        tags = cell.metadata.setdefault("tags", [])
        tags.append("remove-cell" if "parameters" in tags else "remove-input")
    cache.mkdir(parents=True, exist_ok=True)
    write_atomic(target, nbformat.writes(notebook))
    return target
