"""The built book's pages fit a phone (390 px) and a desktop (1280 px), and so do its tables.

On every page, at each width, in headless Chromium (with every dropdown opened):

* the page is no wider than the screen (``document.documentElement.scrollWidth``);
* every table is either wholly in view, or sits in a box of its own that scrolls sideways,
  inside the screen, and whose first column stays in view, on an opaque background, when the
  box is scrolled to its far end, where the last column is then in view: nothing is cut off;
* captions (figure captions, table captions, the line under each table naming it, and the
  "scroll sideways" hint) meet WCAG AA contrast, 4.5:1, in light and dark mode.

``test_built_book_fits_phone_and_desktop`` checks the real site in ``_build/html`` after
``make book`` (or the build ``SUFFICIENCY_HTML`` names); it skips, saying why, when the site or
Chromium is missing. The other tests plant the problems (a 30-column table, a clipped table, a
table whose first column scrolls away, a pale caption) and show the check finds each one, and
that the book's own CSS and JS are what keep a planted wide table readable.

``test_built_tables_are_written_for_people`` reads every table of the built pages: headers in
words (no ``low_80``), no column of counts written as floats (``52.0``) and no long number
without thousands separators.
"""
from __future__ import annotations

import html as html_lib
import importlib.util
import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from sufficiency.core import paths

# The site `make book` builds; SUFFICIENCY_HTML points the tests at another build (e.g. _build/phone/html).
SITE = Path(os.environ.get("SUFFICIENCY_HTML", paths.BUILD / "html"))
CHECKER = paths.PROJECT_ROOT / "scripts" / "a11y_check.py"
WIDTHS = (390, 1280)
MIN_CONTRAST = 4.5
TOLERANCE = 2  # px: sub-pixel rounding; anything wider is real overflow


def _load_checker():
    spec = importlib.util.spec_from_file_location("a11y_check", CHECKER)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("a11y_check", module)
    spec.loader.exec_module(module)
    return sys.modules["a11y_check"]


a11y = _load_checker()

# Opens every dropdown, waits for fonts and the book's scripts, then measures. Returns a list
# of problems, each [rule, where, detail].
MEASURE_JS = """async ({tolerance, minContrast, checkLayout}) => {
    document.querySelectorAll('details').forEach(d => { d.open = true; });
    await document.fonts.ready;
    await new Promise(resolve => setTimeout(resolve, 400));
    const problems = [];
    const width = document.documentElement.clientWidth;
    const describe = el => {
        const text = (el.querySelector('th, td, figcaption') || el).textContent.trim().replace(/\\s+/g, ' ');
        return el.tagName.toLowerCase() + ' "' + text.slice(0, 40) + '"';
    };
    if (checkLayout) {
        if (document.documentElement.scrollWidth > width + tolerance) {
            let widest = 'html';
            for (const el of document.body.querySelectorAll('*')) {
                const box = el.getBoundingClientRect();
                if (box.width > 0 && box.right > width + tolerance) { widest = describe(el); break; }
            }
            problems.push(['page-wider-than-screen', widest,
                           document.documentElement.scrollWidth + 'px wide at ' + width + 'px']);
        }
        for (const table of document.querySelectorAll('table')) {
            const t = table.getBoundingClientRect();
            if (t.width === 0 || t.height === 0) continue;  // not shown (e.g. a closed menu)
            // The nearest box that scrolls sideways, and every box that clips, between table and page.
            let scroller = null, clipper = null;
            for (let el = table.parentElement; el && el !== document.body; el = el.parentElement) {
                const ox = getComputedStyle(el).overflowX;
                if (!scroller && (ox === 'auto' || ox === 'scroll')) scroller = el;
                if (!scroller && !clipper && (ox === 'hidden' || ox === 'clip')) clipper = el;
            }
            const view = scroller ? scroller.getBoundingClientRect() : {left: 0, right: width};
            const inView = t.left >= Math.max(0, view.left) - tolerance &&
                           t.right <= Math.min(width, view.right) + tolerance;
            if (inView && (!scroller || scroller.scrollWidth <= scroller.clientWidth + 1)) continue;
            if (!scroller || clipper) {
                problems.push(['table-cut-off', describe(table),
                               Math.round(t.width) + 'px table, ' + Math.round(Math.min(width, view.right) - t.left) +
                               'px of it in view, and no box to scroll it']);
                continue;
            }
            const s = scroller.getBoundingClientRect();
            if (s.right > width + tolerance || s.left < -tolerance) {
                problems.push(['table-box-off-screen', describe(table), 'its scrolling box runs off the screen']);
            }
            // Scrolled to the far end: the first column still in view and opaque, the last column in view.
            const before = scroller.scrollLeft;
            scroller.scrollLeft = scroller.scrollWidth;
            const box = scroller.getBoundingClientRect();
            let firstGone = 0, seeThrough = 0, lastHidden = 0;
            for (const row of table.rows) {
                if (!row.cells.length) continue;
                const first = row.cells[0].getBoundingClientRect();
                if (first.left < box.left - tolerance || first.right > box.right + tolerance) firstGone += 1;
                const bg = getComputedStyle(row.cells[0]).backgroundColor.match(/[\\d.]+/g).map(Number);
                if (bg.length === 4 && bg[3] < 1) seeThrough += 1;
                const last = row.cells[row.cells.length - 1].getBoundingClientRect();
                if (last.right > box.right + tolerance) lastHidden += 1;
            }
            scroller.scrollLeft = before;
            if (firstGone) {
                problems.push(['first-column-scrolls-away', describe(table),
                               firstGone + ' rows lose their first column when the table is scrolled']);
            } else if (seeThrough) {
                problems.push(['first-column-see-through', describe(table),
                               seeThrough + ' fixed first-column cells have no opaque background']);
            }
            if (lastHidden) {
                problems.push(['table-cut-off', describe(table), 'the last column cannot be scrolled into view']);
            }
        }
    }
    // Captions: the text's colour against the first opaque background behind it.
    const rgba = c => (c.match(/[\\d.]+/g) || [0, 0, 0, 0]).map(Number).concat([1]).slice(0, 4);
    const luminance = ([r, g, b]) => {
        const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const background = el => {
        for (; el; el = el.parentElement) {
            const c = rgba(getComputedStyle(el).backgroundColor);
            if (c[3] >= 1) return c;
        }
        return [255, 255, 255, 1];
    };
    const captions = document.querySelectorAll(
        'figcaption, figcaption p, caption, .caption-text, .a11y-scroll-hint:not([hidden]), ' +
        '.a11y-scroll-region + p, .pst-scrollable-table-container + p');
    for (const el of captions) {
        if (!el.textContent.trim() || el.getBoundingClientRect().width === 0) continue;
        const fg = rgba(getComputedStyle(el).color), bg = background(el);
        // A translucent text colour is blended with what is behind it.
        const blended = fg.slice(0, 3).map((v, i) => v * fg[3] + bg[i] * (1 - fg[3]));
        const [hi, lo] = [luminance(blended), luminance(bg)].sort((a, b) => b - a);
        const ratio = (hi + 0.05) / (lo + 0.05);
        if (ratio < minContrast) {
            problems.push(['caption-contrast', describe(el), ratio.toFixed(2) + ':1, needs ' + minContrast + ':1']);
        }
    }
    return problems;
}"""


def _skip_without_browser() -> None:
    if not a11y.CHROMIUM.exists():
        pytest.skip(f"no Chromium at {a11y.CHROMIUM} (apt-get install chromium)")
    pytest.importorskip("playwright.sync_api")


def layout_problems(site_dir: Path, pages: list[str] | None = None, widths=WIDTHS) -> dict[str, list[str]]:
    """Every page of ``site_dir`` (or those named) at each width, light mode, and the captions
    again in dark mode at the widest; {page: ["<width> <mode> <rule> <where>: <detail>", ...]}."""
    from playwright.sync_api import sync_playwright

    site_dir = site_dir.resolve()
    names = pages or [p.as_posix() for p in a11y.find_pages(site_dir)
                      if a11y.refresh_target((site_dir / p).read_text(encoding="utf-8", errors="replace")) is None]
    passes = [(w, "light", True) for w in widths] + [(max(widths), "dark", False)]
    found: dict[str, list[str]] = {name: [] for name in names}
    with a11y.serve(site_dir) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(a11y.CHROMIUM), args=a11y.CHROMIUM_ARGS)
        try:
            for width, scheme, check_layout in passes:
                context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme,
                                              reduced_motion="reduce")
                page = context.new_page()
                for name in names:
                    page.goto(base_url + name, wait_until="load")
                    page.wait_for_load_state("networkidle")
                    if scheme == "dark":   # the theme's own switch, as a reader would set it
                        page.evaluate("document.documentElement.dataset.theme = 'dark'")
                    args = {"tolerance": TOLERANCE, "minContrast": MIN_CONTRAST, "checkLayout": check_layout}
                    for rule, where, detail in page.evaluate(MEASURE_JS, args):
                        found[name].append(f"{width}px {scheme} {rule} {where}: {detail}")
                context.close()
        finally:
            browser.close()
    return found


def _rules(problems: list[str]) -> set[str]:
    return {line.split()[2] for line in problems}


def _failures(found: dict[str, list[str]]) -> str:
    return "\n".join(f"{page}:\n  " + "\n  ".join(lines) for page, lines in found.items() if lines)


# ---- the check finds each planted problem ----------------------------------------------------

def _wide_table(columns: int = 30, rows: int = 4) -> str:
    head = "".join(f"<th>Column number {c}</th>" for c in range(1, columns + 1))
    body = "".join("<tr>" + "".join(f"<td>{r * c:,}</td>" for c in range(1, columns + 1)) + "</tr>"
                   for r in range(1, rows + 1))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _page(body: str, style: str = "") -> str:
    return ("<!DOCTYPE html><html lang='en-GB'><head><title>T</title>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<style>body {{ margin: 0; background: #fff; color: #111 }} {style}</style></head>"
            f"<body><main><h1>T</h1>{body}</main></body></html>")


PLANTED = {
    # A 30-column table straight in the page: the page widens and the table runs off it.
    "wide.html": _page(_wide_table()),
    # The same table in a box that hides what does not fit: cut off, nothing scrolls.
    "clipped.html": _page(f"<div style='overflow: hidden'>{_wide_table()}</div>"),
    # In a box that scrolls, but the row labels scroll away with the figures.
    "not-sticky.html": _page(f"<div style='overflow-x: auto'>{_wide_table()}</div>"),
    # Sticky first column, but see-through: scrolled figures show beneath the labels.
    "see-through.html": _page(f"<div style='overflow-x: auto'>{_wide_table()}</div>",
                              "tr > :first-child { position: sticky; left: 0 }"),
    # A pale grey caption (the theme's old #999 on white is 2.8:1).
    "pale.html": _page("<figure><figcaption style='color: #999'>A pale caption</figcaption></figure>"),
    # Done properly: scrolls in its own box, first column fixed and opaque, caption dark enough.
    "good.html": _page(f"<div style='overflow-x: auto'>{_wide_table()}</div><p>Table 1. Numbers.</p>",
                       "tr > :first-child { position: sticky; left: 0; background: #fff }"),
}


@pytest.mark.slow
def test_layout_check_finds_each_planted_problem(tmp_path):
    _skip_without_browser()
    for name, html in PLANTED.items():
        (tmp_path / name).write_text(html, encoding="utf-8")
    found = layout_problems(tmp_path, list(PLANTED), widths=(390,))
    assert {"page-wider-than-screen", "table-cut-off"} <= _rules(found["wide.html"])
    assert "table-cut-off" in _rules(found["clipped.html"])
    assert _rules(found["not-sticky.html"]) == {"first-column-scrolls-away"}
    assert _rules(found["see-through.html"]) == {"first-column-see-through"}
    assert _rules(found["pale.html"]) == {"caption-contrast"}
    assert found["good.html"] == []


def _copy_page(tmp_path: Path, name: str) -> Path:
    """One built page with the site's assets, in a scratch folder we can change."""
    shutil.copytree(SITE / "_static", tmp_path / "_static")
    if (SITE / "_images").exists():
        shutil.copytree(SITE / "_images", tmp_path / "_images")
    shutil.copy(SITE / name, tmp_path / name)
    return tmp_path / name


def _plant_wide_table(page: Path) -> None:
    """A 30-column table written as Sphinx writes one, just after the article's heading."""
    html = page.read_text(encoding="utf-8")
    table = _wide_table().replace("<table>", '<table class="table">')
    start = html.index("<article")
    end = html.index("</h1>", start) + len("</h1>")
    page.write_text(html[:end] + table + html[end:], encoding="utf-8")


@pytest.mark.slow
def test_a_planted_wide_table_stays_readable_because_of_the_books_css(tmp_path):
    """A 30-column table planted in a real page passes with the book's CSS and JS (it scrolls in
    its own box, first column fixed); it fails once the fixed first column is taken away, and
    again, page too wide and table cut off, without the book's table fixes at all."""
    if not (SITE / "03-local-context.html").exists():
        pytest.skip(f"the book is not built: no {SITE / '03-local-context.html'} (run `make book` first)")
    _skip_without_browser()
    page = _copy_page(tmp_path, "03-local-context.html")
    _plant_wide_table(page)
    found = layout_problems(tmp_path, [page.name])
    assert found[page.name] == [], _failures(found)

    css = tmp_path / "_static" / "a11y.css"
    css.write_text(css.read_text(encoding="utf-8").replace("position: sticky;", "position: static;"), encoding="utf-8")
    found = layout_problems(tmp_path, [page.name])
    assert "first-column-scrolls-away" in _rules(found[page.name]), _failures(found)

    # Without the book's table fixes at all, the planted table widens the page and is cut off.
    html = page.read_text(encoding="utf-8")
    html = re.sub(r'<script src="_static/a11y\.js[^"]*"></script>|<link[^>]*a11y\.css[^>]*>', "", html)
    page.write_text(html, encoding="utf-8")
    found = layout_problems(tmp_path, [page.name])
    assert {"page-wider-than-screen", "table-cut-off"} <= _rules(found[page.name]), _failures(found)


# ---- the real book -------------------------------------------------------------------------------

@pytest.mark.slow
def test_built_book_fits_phone_and_desktop():
    if not (SITE / "index.html").exists():
        pytest.skip(f"the book is not built: no {SITE / 'index.html'} (run `make book` first)")
    _skip_without_browser()
    found = layout_problems(SITE)
    assert not any(found.values()), f"layout problems in {SITE}:\n{_failures(found)}"


# Pages whose tables are not built by the chapters: the edition record lists files, sizes and
# checksums for an auditor, written by the build itself (build/record.py).
MACHINE_TABLES = {"98-edition-record.html"}
RAW_HEADER = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)+$|^[a-z]+_?[0-9]+$")   # low_80, n_forecasts, high95
DECIMAL = re.compile(r"^-?£?\d[\d,]*\.(\d+)$")
NO_SEPARATOR = re.compile(r"^-?£?\d{5,}(\.\d+)?$")                       # 12345, £1234567


def _text(cell: str) -> str:
    return html_lib.unescape(re.sub(r"<.*?>", "", cell)).strip()


def table_writing_problems(page_html: str) -> list[str]:
    """Headers that are column names rather than words, and figures not written for people:
    a column whose every figure ends in ``.0`` (counts printed as floats), or a long number
    without thousands separators. A column of one-decimal figures may hold a ``16.0``.

    >>> table_writing_problems("<table><tr><th>low_80</th><th>Children</th></tr>"
    ...                        "<tr><td>52.0</td><td>12345</td></tr><tr><td>48.0</td><td>7</td></tr></table>")
    ['header low_80', 'figure 12345', 'column low_80 written as 52.0']
    >>> table_writing_problems("<table><tr><th>Year</th><th>Average miss</th></tr>"
    ...                        "<tr><td>2025</td><td>16.0</td></tr><tr><td>2026</td><td>15.3</td></tr></table>")
    []
    """
    problems = []
    for table in re.findall(r"<table.*?</table>", page_html, re.S):
        headers: list[str] = []
        columns: dict[int, list[str]] = {}
        for row in re.findall(r"<tr\b.*?</tr>", table, re.S):
            for number, (tag, raw) in enumerate(re.findall(r"<(th|td)\b.*?>(.*?)</\1>", row, re.S)):
                text = _text(raw)
                if tag == "th" and "<td" not in row:
                    headers.append(text)
                    if RAW_HEADER.match(text):
                        problems.append(f"header {text}")
                    continue
                if NO_SEPARATOR.match(text):
                    problems.append(f"figure {text}")
                columns.setdefault(number, []).append(text)
        for number, cells in columns.items():
            decimals = [DECIMAL.match(c) for c in cells if DECIMAL.match(c)]
            if decimals and all(set(d.group(1)) == {"0"} for d in decimals):
                name = headers[number] if number < len(headers) else f"column {number + 1}"
                problems.append(f"column {name} written as {decimals[0].group(0)}")
    return problems


@pytest.mark.slow
def test_built_tables_are_written_for_people():
    if not (SITE / "index.html").exists():
        pytest.skip(f"the book is not built: no {SITE / 'index.html'} (run `make book` first)")
    found = {page.name: table_writing_problems(page.read_text(encoding="utf-8"))
             for page in sorted(SITE.glob("*.html")) if page.name not in MACHINE_TABLES}
    assert not any(found.values()), _failures({k: sorted(set(v)) for k, v in found.items()})
