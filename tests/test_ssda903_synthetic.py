"""The synthetic extract: clearly synthetic ids, seeded, shaped like the council's published figures."""
from __future__ import annotations

import numpy as np
import pandas as pd

from sufficiency.records import distance, indicators, read, synthetic, synthetic_postcodes
from sufficiency.records.synthetic import Targets, simulate


def test_every_file_uses_synthetic_ids_and_plausible_fields(tmp_path):
    files = synthetic.generate(tmp_path, targets=Targets(starters={2025: 60}, cla=90), year=2025, years=3, seed=2)
    assert {p.parent.name for p in files} == {"2023", "2024", "2025"}
    for path in files:
        ids = pd.read_csv(path, dtype=str)["CHILD"]
        assert ids.str.fullmatch(r"SYN\d{6}").all(), path
    episodes = pd.read_csv(tmp_path / "2025" / "episodes.csv", dtype=str)
    assert episodes["HOME_POST"].str.fullmatch(r"[A-Z]{1,2}\d{1,2}[A-Z]? \d[A-Z]{2}").all()
    assert episodes["DECOM"].str.fullmatch(r"\d\d/\d\d/\d{4}").all()
    read.read_extract(tmp_path, strict=True)   # every DfE rule the reader checks holds


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


def test_home_postcodes_are_real_postcodes_in_the_council():
    header, episodes = simulate(targets=Targets(starters={2025: 60}, cla=90), year=2025, seed=4, la_code="209")
    homes = distance.locate(episodes["HOME_POST"].unique())
    assert (homes["district"] == "E09000023").all()                   # Lewisham, every one
    # A child keeps one home postcode; placements with parents are at home.
    assert episodes.groupby("CHILD")["HOME_POST"].nunique().max() == 1
    with_parents = episodes[episodes["PLACE"] == "P1"]
    assert len(with_parents) and (with_parents["PL_POST"] == with_parents["HOME_POST"]).all()


def test_share_placed_over_20_miles_is_near_the_published_share(tmp_path):
    targets = synthetic.published_targets("209", 2025)
    header, episodes = simulate(targets=targets, year=2025, seed=2, scale=4, la_code="209")
    synthetic.write_extract(header, episodes, tmp_path, year=2025, years=1, layout="single")
    table = indicators.indicators(read.read_extract(tmp_path), 2025, la_code="209")
    table = table.set_index(["measure", "breakdown"])["value"]
    total = table[("cla_31_march", "")]
    assert abs(table[("cla_by_distance", indicators.OVER_20)] / total - 76 / 439) < 0.04   # DfE: 76 of 439
    assert abs(table[("cla_by_locality", indicators.INSIDE)] / total - 149 / 439) < 0.06   # DfE: 149 of 439
    assert abs(table[("cla_by_distance", indicators.DISTANCE_NOT_KNOWN)] / total - 42 / 439) < 0.05


def test_same_seed_writes_identical_files(tmp_path):
    targets = Targets(starters={2025: 40}, cla=60)
    first = synthetic.generate(tmp_path / "a", targets=targets, year=2025, years=2, seed=9)
    second = synthetic.generate(tmp_path / "b", targets=targets, year=2025, years=2, seed=9)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    assert (tmp_path / "a" / synthetic.MARKER).read_bytes() == (tmp_path / "b" / synthetic.MARKER).read_bytes()


def test_a_county_council_gets_its_own_postcodes_and_published_distances():
    shares = synthetic.published_distance_shares("886", 2025)   # Kent: many placed inside, far from home
    assert shares["inside_near"] + shares["inside_far"] > 0.5
    targets = Targets(starters={2025: 80}, cla=200, distance_shares=shares)
    _, episodes = simulate(targets=targets, year=2025, seed=1, la_code="886")
    homes = distance.locate(episodes["HOME_POST"].unique())
    assert (distance.inside_council(homes["district"], "886") == 1).all()
    assert homes["district"].nunique() >= 8                               # spread over Kent's districts
    placed = distance.locate(episodes["PL_POST"].dropna().unique())
    assert np.nanmean(distance.inside_council(placed["district"], "886")) > 0.5


def test_without_the_postcode_directory_postcodes_are_obviously_fake(monkeypatch):
    def unavailable(la_code):
        raise distance.PostcodesUnavailable("not installed")
    monkeypatch.setattr(synthetic_postcodes, "neighbourhood", unavailable)
    _, episodes = simulate(targets=Targets(starters={2025: 30}, cla=40), year=2025, seed=1)
    assert episodes["HOME_POST"].str.fullmatch(r"ZZ99 \d[A-Z]{2}").all()
    assert np.isnan(distance.distance_miles(episodes["HOME_POST"], episodes["PL_POST"])).all()


def test_is_synthetic_by_marker_or_by_ids(tmp_path):
    synthetic.generate(tmp_path / "syn", targets=Targets(starters={2025: 20}, cla=30), year=2025, years=1, seed=1)
    marker = tmp_path / "syn" / synthetic.MARKER
    assert "no row describes a real child" in marker.read_text().lower()
    assert synthetic.is_synthetic(tmp_path / "syn")
    marker.unlink()
    assert synthetic.is_synthetic(tmp_path / "syn")                   # every CHILD id starts SYN
    assert synthetic.is_synthetic(read.read_extract(tmp_path / "syn"))
    real = tmp_path / "real"
    real.mkdir()
    (real / "header.csv").write_text("CHILD,SEX,DOB\nSYN000001,1,01/01/2015\n104832,2,01/01/2012\n")
    (real / "episodes.csv").write_text("CHILD,DECOM,RNE,LS,PLACE,DEC,REC\n")
    assert not synthetic.is_synthetic(real)
    assert not synthetic.is_synthetic(tmp_path / "missing")


def test_planted_faults_are_each_reported_with_the_rows_planted(tmp_path):
    targets = Targets(starters={2025: 120}, cla=150)
    expected = synthetic.generate_with_faults(tmp_path, targets=targets, year=2025, years=5, seed=4)
    extract = read.read_extract(tmp_path, year=2025)
    summary = extract.quality.summary()
    reported = summary[summary["rule"].isin(list(expected))].groupby("rule")["rows"].sum().to_dict()
    assert reported == expected
    assert (tmp_path / "2024" / "episodes.xlsx").is_file() and not (tmp_path / "2024" / "episodes.csv").exists()
    assert synthetic.is_synthetic(extract)
