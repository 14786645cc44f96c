"""One figure, one value (issue 14): every figure a page computes is noted in its ledger
(sufficiency.core.ledger), and the build stops when two pages give the same figure different values."""
from __future__ import annotations

import pytest

from sufficiency.build import pipeline as B
from sufficiency.build import plan as P
from sufficiency.build.edition import Edition
from sufficiency.build.progress import BuildError
from sufficiency.core import ledger
from sufficiency.measures import ambitions, snapshot, supply
from sufficiency.measures.comparators import figure_key

FOSTER = figure_key("cla_by_placement_type", "Foster placements", "%")


def _page(folder, name, value):
    source = folder / f"{name}.py"
    source.write_text('# %% tags=["parameters"]\nla_code = "209"\nyear = 2025\nfiles_dir = ""\n'
                      "# %%\nfrom sufficiency.core import ledger\n"
                      f'ledger.record("{FOSTER}", "209", 2022, {value})\n')
    return P.PageRun(source, name)


def test_a_planted_disagreement_stops_the_build_naming_both_pages(tmp_path, monkeypatch, published_out):
    # The issue's case: the foster share at March 2022 was 78% in the chart and 80% as M4.1's baseline.
    out = published_out
    pages = [_page(tmp_path, "04-key-trends", 78), _page(tmp_path, "08-ambitions-scorecard", 80)]
    monkeypatch.setattr(B, "plan_pages", lambda *_, **__: pages)
    with pytest.raises(BuildError) as error:
        B.build(Edition("999", "Test council", 2025, out), pdf=False)
    assert str(error.value) == (
        "the same figure has different values on different pages: cla_by_placement_type|Foster placements|% for "
        "209 in 2022: 78 on page 04-key-trends, 80 on page 08-ambitions-scorecard. Every page must take a figure "
        "from the same measure and source; nothing was published")
    assert (out / "html" / "index.html").read_text() == "last good book"


def test_values_equal_at_the_precision_shown_agree():
    entries = [ledger.Entry(FOSTER, "209", 2022, 78.4, 0, "a"), ledger.Entry(FOSTER, "209", 2022, 78.0, 1, "b")]
    assert ledger.conflicts(entries) == []
    entries.append(ledger.Entry(FOSTER, "209", 2022, 78.6, 0, "c"))
    assert [c.text() for c in ledger.conflicts(entries)] == [
        "cla_by_placement_type|Foster placements|% for 209 in 2022: 78 on page a, 79 on page c"]


def test_nothing_is_noted_outside_a_build(tmp_path, monkeypatch):
    monkeypatch.delenv(ledger.LEDGER_ENV, raising=False)
    ledger.record(FOSTER, "209", 2022, 78)     # no file to write to: a no-op, not an error
    assert not list(tmp_path.iterdir())


def test_the_scorecard_and_the_snapshot_note_the_same_published_figures(tmp_path, monkeypatch):
    path = tmp_path / ledger.LEDGER_FILE
    monkeypatch.setenv(ledger.LEDGER_ENV, str(path))
    ambitions.scorecard("209", 2025)
    snapshot.snapshot("209", 2025)
    supply.nts_threshold("209", 2025)
    entries = ledger.read(path, "one page")
    assert ledger.conflicts(entries) == []
    noted = {(e.measure, e.area, e.year): e.value for e in entries}
    assert noted[(FOSTER, "209", 2022)] == 78.0          # DfE's figure, which the scorecard now uses as M4.1's baseline
    assert noted[(figure_key("cla_31_march", "", "per 10,000 children"), "209", 2022)] == 72.0
    assert round(noted[("nts_threshold", "209", 2025)], 1) == 62.1
