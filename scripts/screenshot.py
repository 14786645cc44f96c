"""Screenshot pages of the built book in headless Chromium, to look at them as a reader would.

    python scripts/screenshot.py _build/html OUT_DIR [page.html ...] [--width 1280] [--full] [--tables]

``--tables`` also saves one picture of each table as a reader sees it (its scrolling box, if it
has one), named ``<page>-<width>-table<N>.png``: the quickest way to see whether a table fits.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import tempfile
import threading
from pathlib import Path

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass


def serve(folder: Path):
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("site", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("pages", nargs="*")
    ap.add_argument("--width", type=int, default=1280)
    ap.add_argument("--full", action="store_true", help="whole page, not just the first screen")
    ap.add_argument("--tables", action="store_true", help="also one picture of each table's box")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    site = args.site.resolve()
    pages = args.pages or sorted(p.relative_to(site).as_posix() for p in site.glob("*.html")
                                 if p.name not in {"genindex.html", "search.html"})
    args.out.mkdir(parents=True, exist_ok=True)
    server = serve(site)
    port = server.server_address[1]
    with sync_playwright() as pw, tempfile.TemporaryDirectory() as profile:
        browser = pw.chromium.launch_persistent_context(
            profile, executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS,
            viewport={"width": args.width, "height": 900})
        page = browser.new_page()
        for name in pages:
            page.goto(f"http://127.0.0.1:{port}/{name}")
            shot = args.out / (Path(name).stem + f"-{args.width}.png")
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(shot), full_page=args.full)
            print(shot)
            if args.tables:
                # Tables in collapsed dropdowns too.
                page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
                boxes = page.locator(".bd-article .a11y-scroll-region >> visible=true")
                for number in range(boxes.count()):
                    box = boxes.nth(number)
                    box.scroll_into_view_if_needed()
                    table_shot = args.out / (Path(name).stem + f"-{args.width}-table{number + 1}.png")
                    box.screenshot(path=str(table_shot))
                    print(table_shot)
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
