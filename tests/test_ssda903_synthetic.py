"""The synthetic extract: clearly synthetic ids, seeded, shaped like the council's published figures."""
from __future__ import annotations

import re

import pandas as pd

from sufficiency.ssda903 import indicators, read, synthetic
from sufficiency.ssda903.synthetic import Targets, simulate


def test_every_file_uses_synthetic_ids_and_plausible_fields(tmp_path):
    files = synthetic.generate(tmp_path, targets=Targets(starters={2025: 60}, cla=90), year=2025, years=3, seed=2)
    assert {p.parent.name for p in files} == {"2023", "2024", "2025"}
    for path in files:
        ids = pd.read_csv(path, dtype=str)["CHILD"]
        assert ids.str.fullmatch(r"SYN\d{6}").all(), path
    episodes = pd.read_csv(tmp_path / "2025" / "episodes.csv", dtype=str)
    assert episodes["HOME_POST"].str.fullmatch(r"SE\d{1,2} \d[A-Z]{2}").all()
    assert episodes["DECOM"].str.fullmatch(r"\d\d/\d\d/\d{4}").all()
    read.read_extract(tmp_path)   # every DfE rule the reader checks holds


def test_same_seed_same_extract_other_seed_other():
    targets = Targets(starters={2025: 50}, cla=70)
    first, second = simulate(targets=targets, year=2025, seed=5), simulate(targets=targets, year=2025, seed=5)
    pd.testing.assert_frame_equal(first[1], second[1])
    assert not first[1].equals(simulate(targets=targets, year=2025, seed=6)[1])


def test_scale_multiplies_the_flows():
    targets = Targets(starters={2025: 50}, cla=70)
    small = synthetic.looked_after_count(simulate(targets=targets, year=2025, seed=1)[1], 2025)
    large = synthetic.looked_after_count(simulate(targets=targets, year=2025, seed=1, scale=20)[1], 2025)
    assert abs(small - 70) <= 2 and abs(large - 1400) <= 2


def test_lewisham_shape_matches_its_published_figures(tmp_path):
    targets = synthetic.published_targets("209", 2025)
    assert targets.cla == 439 and targets.starters[2025] == 166        # DfE figures for Lewisham
    synthetic.generate(tmp_path, targets=targets, year=2025, years=1, seed=0)
    table = indicators.indicators(read.read_extract(tmp_path), 2025).set_index(["measure", "breakdown"])["value"]
    assert abs(table[("cla_31_march", "")] - 439) <= 2
    assert abs(table[("starters", "")] - 166) <= 40                    # Poisson draw around the published count
    assert abs(table[("ceased", "")] - 182) <= 50
    foster = table[("cla_by_placement_type", "Foster placements")] / table[("cla_31_march", "")]
    assert abs(foster - 300 / 439) < 0.08
