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
import re
import sys
from pathlib import Path

import pytest

from sufficiency.build.inline_svg import inline_charts, inline_svg
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


# ---- charts are drawn in the page (SVG), named by their alt text ---------------------------------

# What Sphinx writes for a chart (``Page.figure``, ``:width: 100%``), as in the built pages.
SPHINX_FIGURE = ('<figure class="align-default" id="fig-04-cla-{n}">\n'
                 '<a class="reference internal image-reference" href="_images/cla-{n}.svg">'
                 '<img alt="Line chart of children looked after, 2024 to 2025: 453 then 439 &amp; falling." '
                 'src="_images/cla-{n}.svg" style="width: 100%;" />\n</a>\n<figcaption><p>Fig. {n}</p></figcaption>'
                 '</figure>')
CHART_SVG = ('<?xml version="1.0" encoding="utf-8" standalone="no"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"\n'
             '  "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
             '<svg xmlns:xlink="http://www.w3.org/1999/xlink" width="518.1pt" height="311pt" viewBox="0 0 518.1 311" '
             'xmlns="http://www.w3.org/2000/svg" version="1.1">\n <metadata>m</metadata>\n <g id="figure_1">\n'
             '  <path d="M 64.332422 279.297344 \nL 428.752927 26.117344 \n" clip-path="url(#p3b9fa57a3d)"/>\n'
             "  <text style=\"font-size: 15px; font-family: 'DejaVu Sans'\" x=\"1\" y=\"2\">2025</text>\n"
             ' </g>\n <defs><clipPath id="p3b9fa57a3d"><rect x="64" y="26" width="364" height="253"/></clipPath></defs>\n'
             '</svg>\n')


def chart_problems(page_html: str) -> list[str]:
    """Figures whose chart is a picture of text (``<img>``) rather than a drawing in the page, or a
    drawing with no accessible name; and ids used twice on the page."""
    problems = []
    for number, figure in enumerate(re.findall(r"<figure\b.*?</figure>", page_html, re.S), start=1):
        if re.search(r"<img\b", figure):
            problems.append(f"figure {number}: <img>")
        for svg in re.findall(r"<svg\b[^>]*>", figure):
            label = re.search(r'\baria-label="([^"]+)"', svg)
            if 'role="img"' not in svg or not label:
                problems.append(f"figure {number}: <svg> without role=img and aria-label")
    ids = re.findall(r'\bid="([^"]+)"', page_html)
    problems += [f"id {name} used twice" for name in sorted({i for i in ids if ids.count(i) > 1})]
    return problems


def test_charts_are_drawn_in_the_page_named_by_their_alt_text():
    body = SPHINX_FIGURE.format(n=1) + "\n" + SPHINX_FIGURE.format(n=2)
    assert chart_problems(body) == ["figure 1: <img>", "figure 2: <img>"]   # what Sphinx writes alone
    page = inline_charts(body, lambda src: CHART_SVG if src in ("_images/cla-1.svg", "_images/cla-2.svg") else None)
    assert chart_problems(page) == []
    assert "<img" not in page and "<?xml" not in page and "<metadata>" not in page and 'href="_images' not in page
    first = re.search(r"<svg\b[^>]*>", page).group(0)
    assert first == ('<svg xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 518.1 311" '
                     'xmlns="http://www.w3.org/2000/svg" version="1.1" width="100%" role="img" '
                     'aria-label="Line chart of children looked after, 2024 to 2025: 453 then 439 &amp; falling." '
                     'class="sufficiency-chart">')
    # Each chart's clip path keeps its own id, and its references follow it.
    assert 'id="svg-cla-1-p3b9fa57a3d"' in page and 'clip-path="url(#svg-cla-2-p3b9fa57a3d)"' in page
    # Its words are text (selectable), in a font any browser has a match for; paths are compact.
    assert ">2025</text>" in page and "font-family: 'DejaVu Sans', 'Bitstream Vera Sans', Verdana, sans-serif" in page
    assert 'd="M 64.33 279.3 L 428.75 26.12 "' in page
    # An image it cannot read stays as Sphinx wrote it.
    assert inline_charts(body, lambda src: None) == body


def test_a_chart_with_no_drawing_element_is_refused():
    with pytest.raises(ValueError, match="no <svg> element"):
        inline_svg("<html></html>", label="x", prefix="p")


def test_built_charts_are_drawn_in_the_page():
    """Every chart of the built site is an SVG drawing in its page (text selectable) named by its
    alt text: fails when Sphinx's <img> comes back (the extension dropped from _config.yml)."""
    if not (SITE / "index.html").exists():
        pytest.skip(f"the book is not built: no {SITE / 'index.html'} (run `make book` first)")
    pages = {page.name: page.read_text(encoding="utf-8") for page in sorted(SITE.glob("*.html"))}
    assert sum(html.count("<figure") for html in pages.values()) > 0
    found = {name: chart_problems(html) for name, html in pages.items()}
    assert not any(found.values()), {name: problems for name, problems in found.items() if problems}
