"""Figures for the printed book, drawn only when the printed book is built.

A chart's PDF costs more than everything else on its page: saving a figure as PDF embeds a subset
of its font, which took 9.2 s of the 23.9 s of CPU the seven heaviest pages of Lewisham's book
spend (5.4 s of key trends' 9.9 s). Most builds never need those PDFs: ``--no-pdf``, every
council's book in ``build-all``, and the tests. So a page saves each chart as SVG for the web
pages, and keeps the figure itself (pickled with the chart settings it was drawn under, a few
milliseconds) as its *print recipe*; the PDF build draws the PDFs from the recipes, in parallel,
just before LaTeX runs (:func:`draw_for_print`).

A figure that cannot be pickled (a map's collections are classes made on the fly) is drawn as PDF
at once, as before; cloudpickle keeps lambdas and local functions (axis formatters) by value.
"""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import cloudpickle
import matplotlib
import matplotlib.pyplot as plt

#: A print recipe is kept beside the chart's SVG as ``<name>.print.pickle``; Sphinx's ``<name>.*``
#: never takes it for an image (no builder reads that type).
RECIPE_SUFFIX = ".print.pickle"

#: Settings every figure is saved with: fixed SVG ids and no dates, so the same inputs give the
#: same bytes; text kept as text in both formats (TrueType fonts in the PDF, selectable).
SVG_SETTINGS = {"svg.hashsalt": "sufficiency", "svg.fonttype": "none"}
PDF_SETTINGS = {"pdf.fonttype": 42}
SVG_METADATA = {"Date": None, "Creator": None}
PDF_METADATA = {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None}


def save_pdf(fig, path: Path) -> None:
    """Draw ``fig`` as a PDF for the printed book."""
    with plt.rc_context(PDF_SETTINGS):
        fig.savefig(path, format="pdf", bbox_inches="tight", metadata=PDF_METADATA)


def save_recipe(fig, pdf_path: Path) -> bool:
    """Keep ``fig`` and the chart settings in force to draw ``pdf_path`` later; False (and nothing
    written) when the figure cannot be pickled."""
    try:
        recipe = cloudpickle.dumps((fig, dict(matplotlib.rcParams)))
    except Exception:   # noqa: BLE001 - any figure that will not pickle is simply drawn now
        return False
    recipe_path(pdf_path).write_bytes(recipe)
    return True


def recipe_path(pdf_path: Path) -> Path:
    return pdf_path.with_name(pdf_path.stem + RECIPE_SUFFIX)


def pdf_for(recipe: Path) -> Path:
    return recipe.with_name(recipe.name[: -len(RECIPE_SUFFIX)] + ".pdf")


def draw_recipe(recipe: Path) -> Path:
    """Draw the PDF a recipe stands for (under the settings it was made with)."""
    fig, settings = cloudpickle.loads(recipe.read_bytes())
    with plt.rc_context(settings):
        save_pdf(fig, pdf_for(recipe))
    plt.close(fig)
    return pdf_for(recipe)


def pending(folder: Path) -> list[Path]:
    """The recipes under ``folder`` whose PDF is missing or older than the recipe."""
    found = []
    for recipe in sorted(folder.rglob("*" + RECIPE_SUFFIX)):
        pdf = pdf_for(recipe)
        if not pdf.exists() or pdf.stat().st_mtime < recipe.stat().st_mtime:
            found.append(recipe)
    return found


def draw_for_print(folder: Path, jobs: int | None = None) -> int:
    """Draw every pending print figure under ``folder`` (the staged pages), ``jobs`` at once
    (default: the machine's cores); return how many were drawn."""
    todo = pending(folder)
    if not todo:
        return 0
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
    # A daemonic process (a Dask worker building books) may not start a pool: it draws them itself.
    if jobs == 1 or multiprocessing.current_process().daemon:
        for recipe in todo:
            draw_recipe(recipe)
    else:
        with ProcessPoolExecutor(jobs) as pool:
            list(pool.map(draw_recipe, todo, chunksize=max(1, len(todo) // (4 * jobs))))
    return len(todo)
