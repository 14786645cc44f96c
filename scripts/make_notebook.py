"""Write a notebook template from a plain Python source with `# %%` cell markers.

    python scripts/make_notebook.py notebooks/src/01-introduction.py notebooks/01-introduction.ipynb

`# %% [markdown]` starts a Markdown cell (its lines start with '# '), `# %% [parameters]` the
cell papermill injects into. Notebook metadata may be given on a first line
`# notebook-metadata: {...json...}`. Templates are stored without outputs.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import nbformat


def convert(source: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
                   "language_info": {"name": "python"}}
    lines = source.splitlines()
    if lines and lines[0].startswith("# notebook-metadata:"):
        nb.metadata.update(json.loads(lines.pop(0).split(":", 1)[1]))
    cells, kind, buf = [], None, []

    def flush():
        if kind is None:
            return
        text = "\n".join(buf).strip("\n")
        if kind == "markdown":
            text = "\n".join(ln[2:] if ln.startswith("# ") else ln.lstrip("#") for ln in text.splitlines())
            cells.append(nbformat.v4.new_markdown_cell(text))
        else:
            cell = nbformat.v4.new_code_cell(text)
            # Readers see what the code shows, not the code; the parameters cell is removed whole.
            cell.metadata["tags"] = ["parameters", "remove-cell"] if kind == "parameters" else ["remove-input"]
            cells.append(cell)

    for line in lines:
        if line.startswith("# %%"):
            flush()
            marker = line[4:].strip()
            kind = {"[markdown]": "markdown", "[parameters]": "parameters"}.get(marker, "code")
            buf = []
        else:
            buf.append(line)
    flush()
    for i, cell in enumerate(cells):
        cell["id"] = f"cell-{i:02d}"
    nb.cells = cells
    return nb


if __name__ == "__main__":
    src, dst = Path(sys.argv[1]), Path(sys.argv[2])
    nbformat.write(convert(src.read_text(encoding="utf-8")), dst)
    print(f"wrote {dst}")
