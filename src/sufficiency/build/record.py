"""The edition record: the page that lists every input read, with its checksum, and the versions
of the code and packages, so that any figure can be traced and the edition rebuilt."""
from __future__ import annotations

import hashlib
import subprocess
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from sufficiency import __version__
from sufficiency.build.cache import ExecutionCache
from sufficiency.build.edition import Edition
from sufficiency.build.plan import RECORD_PAGE, PageRun
from sufficiency.core.digests import write_atomic
from sufficiency.core.paths import BOOK, PROJECT_ROOT
from sufficiency.records.synthetic import is_synthetic

# Versions reported in the edition record, besides Python's.
RECORDED_PACKAGES = ["jupyter-book", "sphinx", "myst-nb", "papermill", "pandas", "numpy", "matplotlib",
                     "seaborn", "statsmodels", "geopandas", "jupytext"]


def write_edition_record(edition: Edition, pages: list[PageRun], cache: ExecutionCache,
                          source: Path = BOOK) -> str:
    """book/98-edition-record.md: the edition's parameters, every input read with its checksum,
    and the versions of the code and packages. Returns its digest."""
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
    commit = git_commit()
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
        f"- Record-level data: {record_level_note(edition)}",
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
        "| File | Size (bytes) | Checksum (SHA-256) |",
        "| --- | --- | --- |",
        *rows,
        "",
    ]
    text = "\n".join(lines)
    target = source / f"{RECORD_PAGE}.md"
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        write_atomic(target, text)
    return hashlib.sha256(text.encode()).hexdigest()


def record_level_note(edition: Edition) -> str:
    if not edition.episodes:
        return "none; published tables only"
    if is_synthetic(edition.episodes):
        return ("a SYNTHETIC SSDA903 extract made by `sufficiency episodes --synthetic`: no row describes a "
                "real child, and the record-level pages say so")
    return "the council's SSDA903 extract; only suppressed counts from it are published"


def git_commit() -> str | None:
    try:
        done = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=PROJECT_ROOT,
                              capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() or None
