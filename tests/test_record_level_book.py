"""The book built with a (synthetic) SSDA903 extract: record-level pages appear, say they are
synthetic, and nothing published — HTML, PDF, CSV downloads, output tables — holds a child's
identifier, date of birth or postcode from the extract.

The extract is five years of synthetic returns with the mistakes real exports have planted in them
(``sufficiency episodes --synthetic --faults``): the book carries on, and its data-quality section
counts each repair and exclusion; the same extract with ``--strict`` stops with one paragraph.

One real build (HTML and PDF) in a folder of its own; slow, so marked and run by `make test`.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from sufficiency.core.paths import PROJECT_ROOT
from sufficiency.records import read

pytestmark = pytest.mark.slow
RECORD_PAGES = ["10-own-records.html", "10-stock-and-flow.html"]
TEXT_SUFFIXES = {".html", ".csv", ".txt", ".js", ".json", ".ipynb", ".md", ".xml", ".svg"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    root = tmp_path_factory.mktemp("record-level")
    extract, out = root / "extract", root / "book"
    cli = [sys.executable, "-m", "sufficiency.cli"]
    made = subprocess.run(cli + ["episodes", str(extract), "--synthetic", "--faults", "--years", "5", "--year", "2025",
                                 "--out", str(root / "indicators.csv")],
                          capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=600)
    assert made.returncode == 0, made.stderr
    built = subprocess.run(cli + ["build", "--episodes", str(extract), "--out", str(out)],
                           capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=2400)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    return extract, out, built.stdout + built.stderr, root / "indicators.csv"


def identifiers(extract) -> set[str]:
    """Every child id, UPN, postcode (with and without its space) and date of birth in the extract,
    written as the extract writes it and as ISO and long-form dates."""
    found: set[str] = set()
    for path in sorted(extract.rglob("*")):
        if path.suffix not in {".csv", ".xlsx"} or not path.stat().st_size:
            continue
        raw = read._read_text_table(path, read._kind_of(path.stem) or "")   # CSV or workbook, as text
        raw.columns = [read._column_name(c) for c in raw.columns]
        for column in ("CHILD", "UPN", "HOME_POST", "PL_POST"):
            if column in raw:
                values = {v.strip() for v in raw[column].dropna() if len(v.strip()) >= 5}
                found |= values | {v.replace(" ", "") for v in values}
        for column in ("DOB", "MC_DOB"):
            if column in raw:
                dates = read._parse_dates(raw[column].dropna()).dropna()   # dd/mm/yyyy or ISO; not 31 February
                found |= set(raw[column].dropna()) | set(dates.dt.strftime("%Y-%m-%d"))
                # The book names 31 March and 1 April of every year it covers as collection dates,
                # so a birthday on those days cannot be told apart in long form: left to the
                # dd/mm/yyyy and ISO checks above.
                ordinary = dates[~(((dates.dt.month == 3) & (dates.dt.day == 31))
                                   | ((dates.dt.month == 4) & (dates.dt.day == 1)))]
                found |= {f"{d.day} {d:%B %Y}" for d in ordinary}
    found.discard("UN1")
    return found


def phrases(text: str) -> set[str]:
    """Every run of one to three words in the text (words: letters, digits, '/' and '-'), as
    written and with the spaces taken out: a set to intersect with the identifiers, which is
    much faster than searching for each of thousands of identifiers in every file."""
    words = re.findall(r"[A-Za-z0-9/\-]+", text)
    found = set(words)
    for n in (2, 3):
        for i in range(len(words) - n + 1):
            run = words[i:i + n]
            found.add(" ".join(run))
            found.add("".join(run))
    return found


def published_text(out) -> dict:
    texts = {}
    for path in out.rglob("*"):
        if path.is_file() and path.suffix in TEXT_SUFFIXES and ".work" not in path.parts:
            texts[str(path.relative_to(out))] = path.read_text(encoding="utf-8", errors="replace")
    pdf = out / "pdf" / "strategy.pdf"
    if pdf.exists() and shutil.which("pdftotext"):
        texts["pdf/strategy.pdf"] = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                                                   text=True, check=True).stdout
    return texts


def test_record_level_pages_are_built_and_labelled_synthetic(demo):
    _, out, log, _ = demo
    site = out / "html"
    for page in RECORD_PAGES:
        html = (site / page).read_text(encoding="utf-8")
        assert "Synthetic data: no real children" in html, page
        assert "SYNTHETIC SSDA903 extract" in html, page   # every caption's source says so
    record = (site / "98-edition-record.html").read_text(encoding="utf-8")
    assert "SYNTHETIC SSDA903 extract" in record
    assert "SYN0" not in log, "the build printed a child id"


def test_record_level_pages_are_not_in_the_published_data_book():
    default_toc = (PROJECT_ROOT / "_build" / ".work" / "_toc.yml")
    if not default_toc.exists():
        pytest.skip("the default book has not been built here")
    assert "10-own-records" not in default_toc.read_text()


def test_nothing_published_holds_a_child_identifier(demo):
    extract, out, log, indicators = demo
    secrets = identifiers(extract)
    assert len(secrets) > 1000, "the synthetic extract must hold identifiers to look for"
    texts = published_text(out)
    texts["indicators.csv"] = indicators.read_text()
    texts["build log"] = log
    assert any(name.endswith(".pdf") for name in texts) or not shutil.which("xelatex")
    assert any("10-own-records" in name for name in texts)
    leaks = {name: sorted(secrets & phrases(text))[:5] for name, text in texts.items()}
    leaks = {name: found for name, found in leaks.items() if found}
    assert not leaks, f"identifiers found in published files: {leaks}"


def test_record_level_pages_pass_the_accessibility_check(demo):
    _, out, _, _ = demo
    if not (PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js").exists() or not shutil.which("chromium"):
        pytest.skip("axe-core (npm ci) or Chromium is not installed")
    done = subprocess.run([sys.executable, str(PROJECT_ROOT / "scripts" / "a11y_check.py"), str(out / "html"),
                           "--pages", *RECORD_PAGES], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert f"{len(RECORD_PAGES)} pages, 0 violations" in done.stdout


def html_table(html: str, containing: str) -> list[list[str]]:
    """The cells' text, row by row, of the first table in ``html`` that contains ``containing``."""
    table = next(t for t in re.findall(r"<table.*?</table>", html, flags=re.S) if containing in t)
    rows = re.findall(r"<tr.*?</tr>", table, flags=re.S)
    return [[re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", cell)).strip()
             for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, flags=re.S)] for row in rows]


def test_the_data_quality_section_counts_each_repair_and_exclusion(demo):
    extract, out, log, _ = demo
    html = (out / "html" / "10-own-records.html").read_text(encoding="utf-8")
    assert "How the records were checked" in html
    assert ("breaks 9 of the rules this page checks. Rather than stop at the first, the page repairs 21 rows, "
            "reading each in the way the table below states, leaves out 24 rows it cannot place safely and "
            "skips 1 empty file.") in html
    summary = read.read_extract(extract, year=2025).quality.summary()
    errors = summary[summary["action"].isin(["repair", "exclude"]) & (summary["rule"] != "EMPTY")]
    assert errors.set_index("rule")["rows"].to_dict() == {
        "145": 8, "OPEN": 7, "REC": 6, "CHILD": 3, "102": 2, "146": 6, "356": 6, "LINK": 2, "REPEAT": 5}
    table = html_table(html, "What was done")
    assert table[0] == ["DfE rule number", "What was found", "What was done", "Rows"]
    assert [int(row[3]) for row in table[1:]] == errors["rows"].tolist()
    assert "21 rows repaired, 24 rows left out, 1 file not read (rules broken: 9)" in log
    report = pd.read_csv(out / "data_quality_2025.csv", dtype=str)
    assert set(errors["rule"]) <= set(report["rule"])


def test_the_same_extract_with_strict_stops_with_one_paragraph(demo, tmp_path):
    extract, _, _, _ = demo
    out = tmp_path / "strict"
    done = subprocess.run([sys.executable, "-m", "sufficiency.cli", "build", "--episodes", str(extract), "--out",
                           str(out), "--no-pdf", "--strict"], capture_output=True, text=True, cwd=PROJECT_ROOT,
                          timeout=600)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    message = done.stderr.strip()
    assert len(message.splitlines()) == 1 and message.startswith("error: ")
    assert "2025/header.csv, line" in message and "column DOB: DfE rule 102" in message
    assert "9 more rule(s) broken in this extract" in message
    assert not (out / "html").exists() and "executing" not in done.stdout and "SYN0" not in done.stdout + message
