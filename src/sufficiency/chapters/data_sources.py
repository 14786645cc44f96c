"""The data-sources appendix: each published source with its licence, coverage, caveats and
quality, from ``data/manifest.csv`` and ``source_notes.yml``; and the state of the council's own files.

>>> notes = source_notes()
>>> notes["cla_dfe_ees"]["quality"]
'A'
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml

from sufficiency.core import files
from sufficiency.core.paths import DATA_LOCAL, MANIFEST
from sufficiency.data import localdata
from sufficiency.data.councils import resolve_council
from sufficiency.publishing.pages import Markdown, Page, escape, markdown_table, prose
from sufficiency.publishing.words import fmt_number

NOTES = Path(__file__).resolve().parent / "source_notes.yml"


@lru_cache(maxsize=1)
def source_notes() -> dict:
    return yaml.safe_load(files.record_read(NOTES).read_text(encoding="utf-8"))


def source_summary(year: int) -> pd.DataFrame:
    """One row per source folder: title, publisher, licence, files, bytes, coverage, quality."""
    manifest = files.read_csv(MANIFEST, required_columns=["path", "source_folder", "publisher", "licence",
                                                       "coverage", "sha256", "bytes"])
    data = manifest[~manifest["path"].str.endswith("PROVENANCE.md")]
    notes = source_notes()
    rows = []
    for folder, group in data.groupby("source_folder", sort=True):
        note = notes.get(folder, {})
        publishers = sorted(set(group["publisher"]) - {"this project (provenance note)"})
        coverage = sorted({c for c in group["coverage"] if c and c != "-"})
        rows.append({
            "folder": folder,
            "title": note.get("title", folder),
            "publisher": ", ".join(publishers) or "see PROVENANCE.md",
            "licence": sorted(set(group["licence"]))[0],
            "files": len(group),
            "bytes": int(group["bytes"].astype(int).sum()),
            "coverage": "; ".join(coverage[:4]) + (" …" if len(coverage) > 4 else ""),
            "quality": note.get("quality", "not rated"),
            "used_for": note.get("used_for", ""),
            "caveats": note.get("caveats", []),
        })
    return pd.DataFrame(rows)


def summary_sentence(summary: pd.DataFrame, year: int) -> str:
    mib = summary["bytes"].sum() / 2**20
    return (f"The book reads {fmt_number(summary['files'].sum())} published files from {len(summary)} sources "
            f"({fmt_number(mib, 1)} MiB in all). This edition uses figures up to 31 March {year} and ignores "
            "anything later in the same files.")


def summary_table(summary: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "Source": summary["title"],
        "Folder": "data/raw/" + summary["folder"],
        "Coverage": summary["coverage"],
        "Licence": summary["licence"],
        "Quality": summary["quality"],
        "Used for": summary["used_for"],
    })


def caveats_markdown(summary: pd.DataFrame) -> str:
    parts = []
    for row in summary.itertuples():
        items = "\n".join(f"- {escape(c)}" for c in row.caveats) or "- No known caveats."
        parts.append(f"**{escape(row.title)}** (quality {row.quality})\n\n{items}")
    return "\n\n".join(parts)


#: What each of the council's own files holds, in readers' words (the page names no files).
LOCAL_FILE_CONTENTS = {
    "strategy": "The strategy's period and title",
    "ambitions": "The ambitions, in the council's words",
    "actions": "The actions under each ambition, with their leads and progress",
    "measures": "The measures of success, with baselines and targets",
    "local_figures": "Figures from the council's own systems and reports",
    "costs": "Weekly costs by type of home",
    "fostering_cost_comparison": "The cost of the council's own foster carers against agencies",
    "capacity": "Foster carers and places the council has, and plans",
    "feedback": "What children, carers and providers said",
    "pledges": "The council's pledges to children in care",
    "targets_2014": "The 2014–16 plan's targets",
    "actions_2014": "The 2014–16 plan's actions",
    "scenarios": "Cost scenarios for the forecasts",
    "vocabulary": "Words the council uses in place of others (its vocabulary)",
}


def local_files_markdown(la_code: str) -> str:
    """What the council supplied itself, one row per kind of record, and how many rows each holds."""
    council = resolve_council(la_code)
    folder = DATA_LOCAL / council.slug
    if not localdata.has_local_folder(council.slug):
        return (f"{escape(council.name)} has not supplied its own figures yet, so the chapters that need them say "
                "which are missing.")
    rows = []
    for path in sorted(folder.glob("*.csv"), key=lambda p: list(LOCAL_FILE_CONTENTS).index(p.stem)
                       if p.stem in LOCAL_FILE_CONTENTS else len(LOCAL_FILE_CONTENTS)):
        frame = files.read_csv(path)
        rows.append({"What the council supplied": LOCAL_FILE_CONTENTS.get(path.stem, path.stem.replace("_", " ")),
                     "Rows": len(frame), "State": "filled" if len(frame) else "empty: the book shows no data for it"})
    return markdown_table(pd.DataFrame(rows))


# ----------------------------------------------------------------------------- the page's sections
def sources_section(page: Page, year: int) -> Markdown:
    """How much the book reads, then the table of published sources."""
    summary = source_summary(year)
    return prose(summary_sentence(summary, year)) + page.table(
        summary_table(summary), name="sources", caption="Published sources used by this book.",
        source="the project's register of the files it reads, and each source's provenance notes")


def caveats_section(year: int) -> Markdown:
    """Each source's known breaks and caveats, with its quality rating."""
    return prose(caveats_markdown(source_summary(year)))


def local_files_section(la_code: str) -> Markdown:
    """Which of the council's own files the book found, and how full each is."""
    return prose(local_files_markdown(la_code))
