"""Figure references are resolved from one read of each page, with the same numbers as before."""
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.domains.std import StandardDomain
from sphinx.environment import BuildEnvironment

FIGURE_PAGE = """Charts
======

.. _fig-a:

.. figure:: a.png

   Children looked after.

.. _fig-b:

.. figure:: a.png

   Children placed.
"""
REFERENCES = """Numbers
=======

""" + "\n\n".join(f"The numbers in :numref:`Figure %s <fig-{x}>`." for x in "abab")


def build(tmp_path: Path, extensions: list[str], monkeypatch) -> tuple[str, int]:
    src = tmp_path / "src"
    src.mkdir(parents=True)
    (src / "conf.py").write_text(f"extensions = {extensions!r}\nnumfig = True\n")
    (src / "index.rst").write_text(".. toctree::\n\n   charts\n   numbers\n")
    (src / "charts.rst").write_text(FIGURE_PAGE)
    (src / "numbers.rst").write_text(REFERENCES)
    (src / "a.png").write_bytes(b"")
    reads = []
    original = BuildEnvironment.get_doctree
    monkeypatch.setattr(BuildEnvironment, "get_doctree", lambda self, name: reads.append(name) or original(self, name))
    app = Sphinx(str(src), str(src), str(tmp_path / "out"), str(tmp_path / "doctrees"), "html",
                 status=None, warning=None, freshenv=True)
    app.build()
    return (tmp_path / "out" / "numbers.html").read_text(), reads.count("charts")


def test_four_references_read_the_figure_page_once_and_keep_their_numbers(tmp_path, monkeypatch):
    resolve = StandardDomain._resolve_numref_xref
    with monkeypatch.context() as m:      # Sphinx as it comes, even if the extension was loaded before
        m.setattr(StandardDomain, "_resolve_numref_xref", getattr(resolve, "__wrapped__", resolve))
        plain, plain_reads = build(tmp_path / "plain", [], m)
    html, reads = build(tmp_path / "with", ["sufficiency.build.sphinx_numref"], monkeypatch)
    assert html.count("Figure 1") == 2 and html.count("Figure 2") == 2
    assert html == plain
    assert plain_reads >= 4 and reads < plain_reads
