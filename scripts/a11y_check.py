#!/usr/bin/env python3
"""Automated accessibility check of the published HTML book.

Serves a built site on 127.0.0.1, opens every ``.html`` page in headless
Chromium and, on each page:

* opens every collapsed ``<details>`` (dropdowns such as "The numbers in this
  chart"), since axe skips hidden content;
* runs axe-core (``node_modules/axe-core/axe.min.js``, pinned in package.json)
  with the WCAG 2.0, 2.1 and 2.2 level A and AA rules plus axe's best practices,
  at desktop width and again at 320 px wide (the mobile layout shows and hides
  different controls), and axe's colour rules in dark mode too;
* once a site, at 320 px, presses the buttons that open the book's contents and
  the page's contents, fails if a menu does not open, and runs axe on it open;
* checks that nothing overflows sideways at 320 px (WCAG 1.4.10 Reflow):
  ``document.documentElement.scrollWidth`` must stay within 320 px plus a
  small tolerance;
* checks that ``<html lang>`` is ``en-GB``;
* refuses every request to anything but the local server: the book must not
  load fonts, scripts or maths from a CDN, so each such request is a failure.

A page that is only a zero-second ``<meta http-equiv="Refresh">`` stub (what
Jupyter Book writes as ``index.html`` when the root page has another name) is
never shown to a reader, so it is not run through axe; the check instead
makes sure its target page exists and is itself checked.

Usage::

    python scripts/a11y_check.py _build/html [--json a11y.json] [--pages 10-own-records.html ...]

Prints, per page, the number of problems and, for each, the rule id, its
impact and one CSS selector of a failing element, then ``N pages, M
violations``. Exits 1 if any problem remains, 2 if it could not run.

The pure helpers can be tried without a browser:

>>> refresh_target('<meta http-equiv="Refresh" content="0; url=intro.html" />')
'intro.html'
>>> refresh_target('<html lang="en-GB"><head><title>T</title></head></html>') is None
True
"""
from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import json
import re
import sys
import threading
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

PROJECT_ROOT = Path(__file__).resolve().parents[1]
AXE_JS = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = Path("/usr/bin/chromium")
# Flags this sandboxed machine needs; none of them lowers what is checked.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]
EXPECTED_LANG = "en-GB"
NARROW_WIDTH = 320
# Sub-pixel rounding and the like; anything wider than this is real overflow.
OVERFLOW_TOLERANCE = 2
# (label, viewport width, viewport height, colour scheme, axe rules or None for every rule
# with AXE_TAGS) for each pass over the site. Dark mode changes only colours, so its pass runs
# only the colour rules, which keeps the check to about two seconds a page.
VIEWS = [
    ("desktop-light", 1280, 900, "light", None),
    ("desktop-dark", 1280, 900, "dark", ["color-contrast", "link-in-text-block"]),
    ("320px-light", NARROW_WIDTH, 640, "light", None),
]
# Then wait for what changes the page after "load": web fonts, MathJax typesetting, and the theme's
# scripts that re-mark scrollable boxes after a 300 ms debounce.
# Collapsed <details> (the book's "The numbers in this chart" dropdowns, hidden code cells) are
# opened first: axe skips hidden content, and what they hide must pass too.
SETTLE_JS = """async () => {
    document.querySelectorAll('details').forEach(d => { d.open = true; });
    await document.fonts.ready;
    if (window.MathJax && MathJax.startup && MathJax.startup.promise) { await MathJax.startup.promise; }
    await new Promise(resolve => setTimeout(resolve, 350));
}"""
# Folders of a built Sphinx site that hold assets and copies of sources, not pages.
NOT_PAGES = {"_static", "_sources", "_images", ".doctrees"}

_REFRESH = re.compile(
    r"""<meta\s+http-equiv=["']?refresh["']?\s+content=["']\s*0\s*;\s*url=([^"']+)["']""",
    re.IGNORECASE,
)


@dataclass
class Problem:
    """One failure on one page: an axe rule or one of this script's own checks."""

    rule: str
    impact: str
    target: str
    nodes: int = 1
    views: list[str] = field(default_factory=list)
    help: str = ""


@dataclass
class PageResult:
    """What the check found on one page."""

    page: str
    problems: list[Problem] = field(default_factory=list)
    redirect_to: str | None = None


def refresh_target(html: str) -> str | None:
    """The URL a zero-second meta-refresh stub sends the reader to, or None.

    Only short documents count as stubs: a real page that happens to refresh
    is still checked in full.
    """
    if len(html) > 2000:
        return None
    match = _REFRESH.search(html)
    return match.group(1).strip() if match else None


def find_pages(site_dir: Path) -> list[Path]:
    """Every HTML page of a built site, relative to it, in a stable order."""
    pages = [
        path.relative_to(site_dir)
        for path in site_dir.rglob("*.html")
        if not NOT_PAGES.intersection(path.relative_to(site_dir).parts[:-1])
    ]
    return sorted(pages, key=lambda p: p.as_posix())


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass


@contextlib.contextmanager
def serve(site_dir: Path) -> Iterator[str]:
    """Serve ``site_dir`` on 127.0.0.1 on a free port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _summarise_axe(violations: list[dict], view: str) -> list[Problem]:
    problems = []
    for violation in violations:
        target = violation["nodes"][0]["target"] if violation["nodes"] else []
        problems.append(
            Problem(
                rule=violation["id"],
                impact=violation.get("impact") or "unknown",
                target=" ".join(str(part) for part in target),
                nodes=len(violation["nodes"]),
                views=[view],
                help=violation.get("help", ""),
            )
        )
    return problems


def _merge(problems: list[Problem]) -> list[Problem]:
    """One entry per rule and first target, listing the views it failed in."""
    merged: dict[tuple[str, str], Problem] = {}
    for problem in problems:
        key = (problem.rule, problem.target)
        if key in merged:
            kept = merged[key]
            kept.views.extend(v for v in problem.views if v not in kept.views)
            kept.nodes = max(kept.nodes, problem.nodes)
        else:
            merged[key] = problem
    return list(merged.values())


def check_site(site_dir: Path, axe_js: Path = AXE_JS, chromium: Path = CHROMIUM,
               only: list[str] | None = None) -> list[PageResult]:
    """Run every check on every page of ``site_dir`` (or the pages named in ``only``); one result per page."""
    from playwright.sync_api import sync_playwright  # imported late: the doctests need no browser

    site_dir = site_dir.resolve()
    pages = find_pages(site_dir)
    if only:
        pages = [p for p in pages if p.as_posix() in set(only)]
    axe_source = axe_js.read_text(encoding="utf-8")
    results: list[PageResult] = []
    page_names = {p.as_posix() for p in pages}

    checked: list[tuple[str, PageResult]] = []
    for relative in pages:
        name = relative.as_posix()
        result = PageResult(page=name)
        results.append(result)
        html = (site_dir / relative).read_text(encoding="utf-8", errors="replace")
        target = refresh_target(html)
        if target is None:
            checked.append((name, result))
            continue
        result.redirect_to = target
        if (relative.parent / urlsplit(target).path).as_posix() not in page_names:
            result.problems.append(Problem("redirect-target-missing", "serious", target, help="meta refresh to a missing page"))

    found: dict[str, list[Problem]] = {name: [] for name, _ in checked}
    with serve(site_dir) as base_url, sync_playwright() as playwright:
        # launch() without a user data dir gives every run a fresh, empty profile.
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            for view, width, height, scheme, rules in VIEWS:
                run_only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": AXE_TAGS}
                axe_options = {"runOnly": run_only, "resultTypes": ["violations"]}
                context = browser.new_context(
                    viewport={"width": width, "height": height}, color_scheme=scheme, reduced_motion="reduce"
                )
                remote: list[str] = []

                def only_local(route, request, remote=remote):
                    # Anything not from the site itself is refused and reported: the book must work offline.
                    if request.url.startswith(base_url) or request.url.startswith("data:"):
                        route.continue_()
                    else:
                        remote.append(request.url)
                        route.abort()

                context.route("**/*", only_local)
                page = context.new_page()
                menus_checked = False
                for name, _ in checked:
                    remote.clear()
                    page.goto(base_url + name, wait_until="load")
                    page.wait_for_load_state("networkidle")
                    page.evaluate(SETTLE_JS)
                    page.add_script_tag(content=axe_source)
                    violations = page.evaluate("options => axe.run(document, options)", axe_options)["violations"]
                    problems = found[name]
                    problems.extend(_summarise_axe(violations, view))
                    for url in remote:
                        problems.append(Problem("remote-request", "serious", url, views=[view], help="loaded from outside the site"))
                    if view == VIEWS[0][0]:
                        lang = page.evaluate("document.documentElement.getAttribute('lang')")
                        if lang != EXPECTED_LANG:
                            problems.append(
                                Problem("html-lang-en-GB", "serious", f"html[lang={lang!r}]", views=[view], help=f"<html lang> must be {EXPECTED_LANG}")
                            )
                    if width == NARROW_WIDTH and not menus_checked:
                        # Once a site (every page has the same header): the menu buttons must open
                        # their menus on a phone, and the opened menus must pass axe too.
                        menus_checked = True
                        problems.extend(_check_menus(page, view, axe_options))
                    if width == NARROW_WIDTH:
                        scroll_width = page.evaluate("document.documentElement.scrollWidth")
                        if scroll_width > NARROW_WIDTH + OVERFLOW_TOLERANCE:
                            problems.append(
                                Problem(
                                    "reflow-320px",
                                    "serious",
                                    _widest_element(page),
                                    views=[view],
                                    help=f"page is {scroll_width}px wide at {NARROW_WIDTH}px",
                                )
                            )
                context.close()
        finally:
            browser.close()
    for name, result in checked:
        result.problems = _merge(found[name])
    return results


# The theme's sidebar buttons and the <dialog> each should open on a narrow screen.
MENUS = [
    (".bd-header-article .primary-toggle", "#pst-primary-sidebar-modal", "book contents"),
    (".bd-header-article .secondary-toggle", "#pst-secondary-sidebar-modal", "contents of this page"),
]


def _check_menus(page, view: str, axe_options: dict) -> list[Problem]:
    """Open each sidebar menu with its visible button; a button that opens nothing is a failure."""
    problems: list[Problem] = []
    for button, dialog, what in MENUS:
        toggle = page.locator(f"{button} >> visible=true")
        if toggle.count() == 0:
            continue
        toggle.first.click()
        page.wait_for_timeout(300)
        if not page.evaluate("selector => !!document.querySelector(selector)?.open", dialog):
            problems.append(Problem("menu-does-not-open", "critical", button, views=[view], help=f"the {what} button opens nothing"))
            continue
        violations = page.evaluate("options => axe.run(document, options)", axe_options)["violations"]
        for problem in _summarise_axe(violations, view + " " + what + " open"):
            problems.append(problem)
        page.keyboard.press("Escape")
        page.wait_for_timeout(200)
    return problems


def _widest_element(page) -> str:
    """A selector for the outermost element that sticks out past the viewport, to say where overflow is."""
    return page.evaluate(
        """() => {
        const limit = document.documentElement.clientWidth;
        for (const el of document.body.querySelectorAll('*')) {
            const box = el.getBoundingClientRect();
            if (box.right > limit + 2 && box.width > 0) {
                let sel = el.tagName.toLowerCase();
                if (el.id) sel += '#' + el.id;
                else if (el.classList.length) sel += '.' + [...el.classList].join('.');
                return sel;
            }
        }
        return 'html';
    }"""
    )


def report(results: list[PageResult], out=sys.stdout) -> int:
    """Print the per-page findings and the summary line; returns the number of problems."""
    total = 0
    for result in results:
        if result.redirect_to is not None and not result.problems:
            print(f"{result.page}: redirect stub to {result.redirect_to} (not shown to readers; target checked)", file=out)
            continue
        total += len(result.problems)
        print(f"{result.page}: {len(result.problems)} violations", file=out)
        for problem in result.problems:
            print(
                f"  - {problem.rule} [{problem.impact}] {problem.target}"
                f" ({problem.nodes} node{'s' if problem.nodes != 1 else ''}; {', '.join(problem.views)})"
                + (f": {problem.help}" if problem.help else ""),
                file=out,
            )
    print(f"{len(results)} pages, {total} violations", file=out)
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site_dir", type=Path, help="the built HTML site, e.g. _build/html")
    parser.add_argument("--json", type=Path, help="also write the findings to this JSON file")
    parser.add_argument("--pages", nargs="+", default=None,
                        help="check only these pages (paths relative to the site, e.g. 10-own-records.html)")
    args = parser.parse_args(argv)

    missing = [
        f"{what} ({path})"
        for what, path in [("site", args.site_dir), ("axe-core (run `npm ci`)", AXE_JS), ("Chromium (apt-get install chromium)", CHROMIUM)]
        if not path.exists()
    ]
    if missing:
        print("a11y_check: cannot run, missing: " + "; ".join(missing), file=sys.stderr)
        return 2
    if not find_pages(args.site_dir):
        print(f"a11y_check: no .html pages under {args.site_dir}", file=sys.stderr)
        return 2

    results = check_site(args.site_dir, only=args.pages)
    total = report(results)
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=2) + "\n", encoding="utf-8")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
