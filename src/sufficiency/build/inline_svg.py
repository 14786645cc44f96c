"""A Sphinx extension that puts each chart's SVG in the web page itself, where Sphinx would put an
``<img>``: the chart's words (titles, labels, values) can then be selected, copied and found with
the browser's search, and it stays crisp at any zoom. The alt text becomes the drawing's accessible
name (``role="img"`` and ``aria-label``), so a screen reader still hears one description, not every
tick label. The PDF is untouched (it takes each chart's vector PDF).

Registered in ``_config.yml`` (``sphinx.extra_extensions``); checked by tests/test_accessibility.py.

>>> svg = ('<?xml version="1.0"?>\\n<!DOCTYPE svg PUBLIC "x" "y">\\n'
...        '<svg xmlns:xlink="http://www.w3.org/1999/xlink" width="10pt" height="5pt" viewBox="0 0 10 5" '
...        'xmlns="http://www.w3.org/2000/svg" version="1.1"><metadata>m</metadata><g id="axes_1">'
...        '<path id="p1" d="M0 0"/><use xlink:href="#p1"/><g clip-path="url(#p1)"/></g></svg>')
>>> print(inline_svg(svg, label="Line chart of 3 &amp; 4", prefix="cla"))
<svg xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 5" xmlns="http://www.w3.org/2000/svg" \
version="1.1" width="100%" role="img" aria-label="Line chart of 3 &amp; 4" class="sufficiency-chart">\
<g><path id="cla-p1" d="M0 0"/><use xlink:href="#cla-p1"/><g clip-path="url(#cla-p1)"/></g></svg>
"""
from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Callable

#: Sphinx's markup for an image, with the link to the full-size file it adds around a scaled one.
IMAGE = re.compile(r'(?:<a class="reference internal image-reference" href="[^"]*">\s*)?'
                   r'(?P<img><img\b[^>]*\bsrc="(?P<src>[^"]+\.svg)"[^>]*>)(?:\s*</a>)?')
_ATTRIBUTE = r'\b{}="([^"]*)"'
#: The charts' font (publishing/charts.theme) and what a browser without it uses instead.
FONT_FALLBACK = "'DejaVu Sans', 'Bitstream Vera Sans', Verdana, sans-serif"


def inline_svg(svg: str, *, label: str, prefix: str) -> str:
    """An SVG file's drawing as an element to place in a page: no XML prologue or metadata; as wide
    as the column, its height following from its ``viewBox``; named by ``label`` (already escaped
    for an attribute, as Sphinx writes alt text). Ids the drawing refers to (clip paths, glyphs)
    are prefixed with ``prefix``, so two charts on one page never share one; the rest (matplotlib
    names every group) are dropped."""
    start = svg.find("<svg")
    if start < 0:
        raise ValueError("not an SVG drawing: no <svg> element")
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg[start:], flags=re.S).strip()
    used = {name for pair in re.findall(r'url\(#([^)]+)\)|href="#([^"]+)"', svg) for name in pair if name}
    svg = re.sub(r' \bid="([^"]*)"', lambda m: f' id="{prefix}-{m.group(1)}"' if m.group(1) in used else "", svg)
    svg = re.sub(r'url\(#([^)]+)\)', lambda m: f"url(#{prefix}-{m.group(1)})", svg)
    svg = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}-{m.group(1)}"', svg)
    svg = re.sub(r'\bd="[^"]*"', _compact_path, svg)
    # A reader without the charts' font gets one of the same width, never the browser's serif.
    svg = svg.replace("font-family: 'DejaVu Sans'", f"font-family: {FONT_FALLBACK}")
    svg = re.sub(r"\n[ \t]+<", "\n<", svg)      # matplotlib's indentation: a tenth of a big drawing
    head_end = svg.index(">")
    head = re.sub(r'\s(?:width|height)="[^"]*"', "", svg[:head_end])
    head += f' width="100%" role="img" aria-label="{label}" class="sufficiency-chart"'
    return head + svg[head_end:]


def _compact_path(match: re.Match) -> str:
    """A path's outline with coordinates to a hundredth of a pixel (matplotlib writes millionths),
    on one line: about a third of the bytes of a map or a hatched chart, with no visible change.

    >>> print(_compact_path(re.search(r'd="[^"]*"', 'd="M 64.332422 279.297344 \\nL -0.004 12.5 \\nz"')))
    d="M 64.33 279.3 L 0 12.5 z"
    """
    text = re.sub(r"\s*\n\s*", " ", match.group(0))

    def rounded(number: re.Match) -> str:
        text = f"{float(number.group(0)):.2f}".rstrip("0").rstrip(".")
        return "0" if text == "-0" else text

    return re.sub(r"-?\d+\.\d{3,}", rounded, text)


def inline_charts(body: str, read_svg: Callable[[str], str | None]) -> str:
    """A page's HTML with every SVG image Sphinx wrote as ``<img>`` (and its link to the file)
    replaced by the drawing itself. ``read_svg`` gives the text of an image by its ``src``, or
    None when it cannot (the ``<img>`` is then kept)."""
    seen: dict[str, int] = {}

    def replace(match: re.Match) -> str:
        svg = read_svg(html.unescape(match.group("src")))
        if svg is None:
            return match.group(0)
        alt = re.search(_ATTRIBUTE.format("alt"), match.group("img"))
        stem = re.sub(r"[^A-Za-z0-9_-]", "-", Path(html.unescape(match.group("src"))).stem)
        seen[stem] = seen.get(stem, 0) + 1
        prefix = f"svg-{stem}" + (f"-{seen[stem]}" if seen[stem] > 1 else "")
        return inline_svg(svg, label=alt.group(1) if alt else "", prefix=prefix)

    return IMAGE.sub(replace, body)


def _page_context(app, pagename, templatename, context, doctree) -> None:
    """Sphinx's ``html-page-context``: images are listed (``builder.images``, source path to the
    name under ``_images/``) before a page is written, so the drawing is read from the source."""
    if "body" not in context:
        return
    by_name = {dest: src for src, dest in getattr(app.builder, "images", {}).items()}

    def read(src: str) -> str | None:
        source = by_name.get(Path(src).name)
        if source is None:
            return None
        try:
            return (Path(app.srcdir) / source).read_text(encoding="utf-8")
        except OSError:
            return None

    context["body"] = inline_charts(context["body"], read)


def setup(app):
    app.connect("html-page-context", _page_context)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
