"""The published HTML book passes the automated accessibility check (scripts/a11y_check.py).

``test_built_book_has_no_accessibility_violations`` checks the real site in ``_build/html``
after ``make book``; it skips, saying why, when the site, Chromium or axe-core is missing.
The other tests check the checker: its pure helpers without a browser, and, with a browser,
that it does find the problems it exists to find on a small deliberately broken site.
"""
from __future__ import annotations

import doctest
import importlib.util
import io
import os
import sys
from pathlib import Path

import pytest

from sufficiency.core import paths

# The site `make book` builds; SUFFICIENCY_HTML points the test at another build (e.g. _build/phone/html).
SITE = Path(os.environ.get("SUFFICIENCY_HTML", paths.BUILD / "html"))
CHECKER = paths.PROJECT_ROOT / "scripts" / "a11y_check.py"


def _load_checker():
    spec = importlib.util.spec_from_file_location("a11y_check", CHECKER)
    module = importlib.util.module_from_spec(spec)
    # Registered first: its dataclasses look their module up while being defined.
    sys.modules.setdefault("a11y_check", module)
    spec.loader.exec_module(module)
    return module


a11y = _load_checker()


def _skip_without_browser() -> None:
    if not a11y.CHROMIUM.exists():
        pytest.skip(f"no Chromium at {a11y.CHROMIUM} (apt-get install chromium)")
    if not a11y.AXE_JS.exists():
        pytest.skip(f"no axe-core at {a11y.AXE_JS} (run `npm ci` in {paths.PROJECT_ROOT})")


# ---- the checker's helpers, no browser -------------------------------------------------------


def test_checker_doctests_pass():
    assert doctest.testmod(a11y).failed == 0


def test_refresh_target_reads_only_zero_second_stubs():
    stub = '\n<meta http-equiv="Refresh" content="0; url=intro.html" />\n'
    assert a11y.refresh_target(stub) == "intro.html"
    # A delayed refresh is something a reader sees, so it is not a stub.
    assert a11y.refresh_target('<meta http-equiv="refresh" content="5; url=intro.html">') is None
    # A full page that happens to refresh is still checked in full.
    assert a11y.refresh_target(stub + "<p>" + "x" * 3000 + "</p>") is None


def test_find_pages_lists_every_page_but_not_assets(tmp_path):
    for name in ["index.html", "search.html", "genindex.html", "part/chapter.html", "_static/x.html", "_sources/y.html"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("<html></html>")
    found = [p.as_posix() for p in a11y.find_pages(tmp_path)]
    assert found == ["genindex.html", "index.html", "part/chapter.html", "search.html"]


def test_report_counts_problems_and_prints_the_summary_line():
    results = [
        a11y.PageResult("a.html", [a11y.Problem("region", "moderate", "div.x", 2, ["desktop-light"])]),
        a11y.PageResult("index.html", [], redirect_to="a.html"),
        a11y.PageResult("b.html", []),
    ]
    out = io.StringIO()
    assert a11y.report(results, out) == 1
    text = out.getvalue()
    assert "a.html: 1 violations\n  - region [moderate] div.x (2 nodes; desktop-light)" in text
    assert "index.html: redirect stub to a.html" in text
    assert text.rstrip().endswith("3 pages, 1 violations")


def test_main_refuses_to_run_on_a_missing_site(tmp_path, capsys):
    assert a11y.main([str(tmp_path / "nowhere")]) == 2
    assert "missing" in capsys.readouterr().err


# ---- the checker finds real problems (browser) -------------------------------------------------

BROKEN_PAGE = """<!DOCTYPE html>
<html lang="en-US"><head><title>Broken</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<script src="https://cdn.example.invalid/lib.js"></script></head>
<body><main><h1>Broken page</h1>
<img src="chart.png">
<div style="width: 900px">A block wider than a phone.</div>
<button><i class="icon"></i></button>
</main></body></html>
"""

GOOD_PAGE = """<!DOCTYPE html>
<html lang="en-GB"><head><title>Good</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>Good page</h1><p>Short and plain.</p></main></body></html>
"""


@pytest.mark.slow
def test_checker_finds_each_kind_of_problem(tmp_path):
    _skip_without_browser()
    (tmp_path / "broken.html").write_text(BROKEN_PAGE, encoding="utf-8")
    (tmp_path / "good.html").write_text(GOOD_PAGE, encoding="utf-8")
    (tmp_path / "index.html").write_text('<meta http-equiv="Refresh" content="0; url=good.html" />')
    results = {r.page: r for r in a11y.check_site(tmp_path)}

    broken = {p.rule for p in results["broken.html"].problems}
    assert {"image-alt", "button-name", "html-lang-en-GB", "reflow-320px", "remote-request"} <= broken
    assert results["good.html"].problems == []
    assert results["index.html"].redirect_to == "good.html"
    assert results["index.html"].problems == []


# ---- the real book -----------------------------------------------------------------------------


def test_built_book_has_no_accessibility_violations(capsys):
    if not (SITE / "index.html").exists():
        pytest.skip(f"the book is not built: no {SITE / 'index.html'} (run `make book` first)")
    _skip_without_browser()
    results = a11y.check_site(SITE)
    out = io.StringIO()
    total = a11y.report(results, out)
    failing = "\n".join(line for line in out.getvalue().splitlines() if not line.endswith(": 0 violations"))
    assert total == 0, f"accessibility problems in {SITE}:\n{failing}"
