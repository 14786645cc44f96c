"""Running Jupyter Book (Sphinx) on the staged pages: the edition's configuration and table of
contents, and the HTML and PDF builders."""
from __future__ import annotations

import calendar
import datetime
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from sufficiency.build.edition import Edition
from sufficiency.build.plan import PageRun, toc_for
from sufficiency.build.progress import BuildError, say, short
from sufficiency.core.digests import write_atomic
from sufficiency.core.paths import PROJECT_ROOT
from sufficiency.publishing import print_figures
from sufficiency.publishing.pages import GENERATED
from sufficiency.records.synthetic import is_synthetic

CONFIG = PROJECT_ROOT / "_config.yml"


PDF_NAME = "strategy.pdf"


#: What the introduction says about printing (the MyST substitution ``printing``), by what is built:
#: the website links the PDF only when the PDF is built with it, and the PDF does not link itself.
PRINTING = {
    "html-with-pdf": 'The whole strategy is also published as one A4 document to print: '
                     '<a href="strategy.pdf">strategy.pdf</a>.',
    "html": "",
    "pdf": "This is the printable version of the strategy. The website has the same pages, with the "
           "numbers behind every chart a click away.",
}


def edition_config(edition: Edition, work: Path, output: str = "html-with-pdf") -> Path:
    """The root _config.yml with this edition's title, author and PDF name filled in, for one
    output (a key of :data:`PRINTING`)."""
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    if edition.is_group:    # a group's book is no one council's: its title and author say so
        config["title"] = f"{edition.la_name}: regional placement sufficiency"
        config["author"] = f"The councils of {edition.la_name}"
    else:
        config["title"] = f"{edition.la_name}: placement sufficiency strategy"
        config["author"] = f"{edition.la_name} children's services"
    config.setdefault("latex", {}).setdefault("latex_documents", {})["targetname"] = PDF_NAME.replace(".pdf", ".tex")
    sphinx_config = config.setdefault("sphinx", {}).setdefault("config", {})
    # The PDF's title page shows `today`: the edition, never the build date (same inputs, same PDF).
    sphinx_config["today"] = f"Edition with data to 31 March {edition.year}"
    if edition.episodes:
        if is_synthetic(edition.episodes):
            sphinx_config["today"] += ". Demonstration: its record-level pages use SYNTHETIC data"
    sphinx_config["html_title"] = (f"{edition.la_name}{' regional' if edition.is_group else ''} placement "
                                   f"sufficiency, data to March {edition.year}")
    sphinx_config.setdefault("myst_substitutions", {})["printing"] = PRINTING[output]
    # The PDF's running heads (book/_latex/sufficiency.sty) name the council and the edition.
    latex = sphinx_config.setdefault("latex_elements", {})
    latex["preamble"] = (f"\\newcommand{{\\sufficiencycouncil}}{{{latex_text(edition.la_name)}}}\n"
                         f"\\newcommand{{\\sufficiencyedition}}{{Data to 31 March {edition.year}}}\n"
                         + latex.get("preamble", ""))
    path = work / ("_config.yml" if output != "pdf" else "_config-pdf.yml")
    write_atomic(path, yaml.safe_dump(config, sort_keys=False, allow_unicode=True))
    return path


_LATEX_SPECIALS = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
                   "_": r"\_", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def latex_text(text: str) -> str:
    """Text set literally in LaTeX (a council's name in the running heads).

    >>> print(latex_text("Brighton & Hove"))
    Brighton \\& Hove
    """
    return "".join(_LATEX_SPECIALS.get(ch, ch) for ch in str(text))


def source_date_epoch(year: int) -> int:
    """The date stamped in the PDF: the end of the edition's data year (31 March), never the build
    time, so two builds from the same inputs give the same bytes.

    >>> source_date_epoch(2025)
    1743379200
    """
    return calendar.timegm(datetime.date(year, 3, 31).timetuple())


def edition_toc(pages: list[PageRun], work: Path) -> Path:
    """This edition's table of contents, generated from its page plan."""
    path = work / "_toc.yml"
    write_atomic(path, yaml.safe_dump(toc_for(pages), sort_keys=False, allow_unicode=True))
    return path


def build_environment(year: int) -> dict[str, str]:
    """The environment of a Jupyter Book run: the TeX tools date the PDF (creation date, document
    ID) from the edition's ``year``, never from the clock."""
    return {**os.environ, "SOURCE_DATE_EPOCH": str(source_date_epoch(year)), "FORCE_SOURCE_DATE": "1", "TZ": "UTC"}


def jupyter_book(args: list[str], config: Path, toc: Path, source: Path, work: Path, label: str,
                 year: int) -> None:
    """Run Jupyter Book on the staged pages; a failure raises :class:`BuildError` with the log's
    warnings and errors. ``year`` is the edition's, which dates the PDF. Before the PDF builder
    runs, the charts' PDFs are drawn from their print recipes (only the printed book needs them)."""
    env = build_environment(year)
    if "pdflatex" in args:
        drawn = print_figures.draw_for_print(source / GENERATED)
        if drawn:
            say(f"  drew {drawn} chart(s) for print")
    exe = Path(sys.executable).with_name("jupyter-book")
    cmd = [str(exe), "build", str(source), "--config", str(config), "--toc", str(toc),
           "--path-output", str(work), *args]
    log = work / f"{label.lower()}-build.log"
    with open(log, "w", encoding="utf-8") as fh:
        proc = subprocess.run(cmd, stdout=fh, stderr=subprocess.STDOUT, cwd=PROJECT_ROOT, env=env)
    if proc.returncode != 0:
        text = log.read_text(encoding="utf-8", errors="replace")
        problems = [ln for ln in text.splitlines() if "WARNING" in ln or "ERROR" in ln or "Error" in ln]
        excerpt = "\n".join(problems[:15]) or "\n".join(text.splitlines()[-15:])
        raise BuildError(f"the {label} build failed (full log: {short(log)}):\n"
                         f"{excerpt}\nThe last good book is still published.")


def latex_missing() -> str | None:
    missing = [tool for tool in ("xelatex", "latexmk") if shutil.which(tool) is None]
    if missing:
        return (f"{' and '.join(missing)} not found. Install TeX Live as root: "
                "bash scripts/install-system-deps.sh (or apt-get install texlive-xetex texlive-latex-extra "
                "texlive-fonts-recommended texlive-plain-generic lmodern latexmk fonts-freefont-otf)")
    return None
