"""A Sphinx extension: resolve figure references (``{numref}``) without reading a page again for each.

Every chart in the printed book is followed by "The numbers in Figure N", a ``numref``. Sphinx
resolves each one by unpickling the whole page the figure is on, only to look up the figure's id
(``StandardDomain._resolve_numref_xref`` calls ``env.get_doctree``): 92 reads of pages that carry
their tables, half of the HTML build's time for Lewisham. The references are resolved on the web
pages too, before the print-only blocks are dropped. This keeps one read-only copy of each page for
those look-ups while the pages are written (the copy is only searched for an id, never changed) and
forgets them when the build ends.
"""
from __future__ import annotations

import functools

from sphinx.domains.std import StandardDomain

#: Pages read for figure look-ups in this build, by page name.
_PAGES: dict[str, object] = {}


def _forget(*_args) -> None:
    _PAGES.clear()


def _with_pages_kept(resolve):
    @functools.wraps(resolve)
    def resolve_numref(self, env, *args, **kwargs):
        read = env.get_doctree

        def kept(docname: str):
            if docname not in _PAGES:
                _PAGES[docname] = read(docname)
            return _PAGES[docname]

        env.get_doctree = kept
        try:
            return resolve(self, env, *args, **kwargs)
        finally:
            del env.get_doctree        # the instance attribute only: the method is back
    resolve_numref.__wrapped_by_sufficiency__ = True
    return resolve_numref


def setup(app):
    if not getattr(StandardDomain._resolve_numref_xref, "__wrapped_by_sufficiency__", False):
        StandardDomain._resolve_numref_xref = _with_pages_kept(StandardDomain._resolve_numref_xref)
    # Pages read before the writing starts may have changed since: start each phase afresh.
    app.connect("env-updated", _forget)
    app.connect("build-finished", _forget)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
