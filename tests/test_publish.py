"""sufficiency.build.publish: staging executed pages with the council's vocabulary applied to their prose."""
from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

from sufficiency.build import publish
from sufficiency.build.plan import PageRun


def executed(path: Path, la_code: str, markdown: str, output: str) -> Path:
    notebook = {"cells": [{"cell_type": "code", "metadata": {"tags": ["parameters", "remove-cell"]},
                           "source": 'la_code = "209"\nyear = 2025', "outputs": [], "execution_count": 1},
                          {"cell_type": "code", "metadata": {"tags": ["injected-parameters", "remove-cell"]},
                           "source": f'# Parameters\nla_code = "{la_code}"\n', "outputs": [], "execution_count": 2},
                          {"cell_type": "markdown", "metadata": {}, "source": markdown},
                          {"cell_type": "code", "metadata": {}, "source": "x", "execution_count": 1,
                           "outputs": [{"output_type": "execute_result", "metadata": {}, "execution_count": 1,
                                        "data": {"text/markdown": output, "text/plain": output}}]}],
                "metadata": {},
                "nbformat": 4, "nbformat_minor": 5}
    path.write_text(json.dumps(notebook))
    return path


def stage(tmp_path, page: str, la_code: str) -> tuple[dict, dict]:
    cache_dir = tmp_path / "cache"
    cache_dir.mkdir(exist_ok=True)
    src = executed(cache_dir / f"{page}.ipynb", la_code, "## Placement stability",
                   "Stable placements.\n\n| Placement type |\n| --- |\n| Foster placements |")
    cache = SimpleNamespace(notebook_path=lambda p: src, files_dir=lambda p: cache_dir / "files" / p)
    source = tmp_path / f"book-{la_code}"
    source.mkdir()
    sources = publish.stage_pages([PageRun(tmp_path / f"{page}.py", page)], cache, source)
    return json.loads((source / f"{page}.ipynb").read_text()), sources


def test_lewisham_pages_use_its_words_in_prose_but_not_in_tables(tmp_path):
    notebook, _ = stage(tmp_path, "04-key-trends", "209")
    assert notebook["cells"][2]["source"] == "## Home stability"
    assert notebook["cells"][3]["outputs"][0]["data"]["text/markdown"] == (
        "Stable homes.\n\n| Placement type |\n| --- |\n| Foster placements |")


def test_a_council_without_a_vocabulary_and_the_glossary_are_staged_as_executed(tmp_path):
    notebook, _ = stage(tmp_path, "04-key-trends", "203")
    assert notebook["cells"][2]["source"] == "## Placement stability"
    (tmp_path / "cache" / "04-key-trends.ipynb").unlink()
    glossary, _ = stage(tmp_path / "g" if (tmp_path / "g").mkdir() is None else tmp_path, "97-glossary", "209")
    assert glossary["cells"][2]["source"] == "## Placement stability"


def test_the_staged_digest_changes_with_the_vocabulary(tmp_path, monkeypatch):
    _, before = stage(tmp_path, "04-key-trends", "209")
    monkeypatch.setattr(publish, "load_vocabulary", lambda slug: publish.Vocabulary.from_rows(
        [("placement", "house", "")]))
    second = tmp_path / "second"
    second.mkdir()
    notebook, after = stage(second, "04-key-trends", "209")
    assert notebook["cells"][2]["source"] == "## House stability"
    assert before["04-key-trends"] != after["04-key-trends"]
