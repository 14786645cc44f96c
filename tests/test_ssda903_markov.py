"""Transitions between placement types and the stock-and-flow projection."""
from __future__ import annotations

import pytest

from sufficiency.ssda903 import indicators, markov, read
from sufficiency.ssda903.synthetic import Targets, simulate, write_extract

HEADER = ["CHILD,SEX,DOB", "SYN000001,1,01/01/2012", "SYN000002,2,01/01/2012", "SYN000003,1,01/01/2012",
          "SYN000004,1,01/01/2013"]
EPISODES = ["CHILD,DECOM,RNE,LS,PLACE,DEC,REC",
            "SYN000001,01/01/2023,S,C2,U4,,",                      # foster → foster
            "SYN000002,01/01/2023,S,C2,U4,01/06/2024,X1",          # foster → children's home
            "SYN000002,01/06/2024,P,C2,K2,,",
            "SYN000003,01/01/2023,S,C2,U4,01/06/2024,E4A",         # foster → left care
            "SYN000004,01/09/2024,S,V2,U6,,"]                      # entered care


@pytest.fixture()
def extract(tmp_path):
    (tmp_path / "header.csv").write_text("\n".join(HEADER) + "\n")
    (tmp_path / "episodes.csv").write_text("\n".join(EPISODES) + "\n")
    return read.read_extract(tmp_path)


def test_movements_and_rates(extract):
    moves = markov.movements(extract, [2025])
    rates = markov.transition_rates(moves).set_index(["placement_from", "placement_to"])["rate"]
    assert rates[("Foster", "Foster")] == pytest.approx(1 / 3)
    assert rates[("Foster", "Children's homes")] == pytest.approx(1 / 3)
    assert rates[("Foster", markov.LEFT)] == pytest.approx(1 / 3)
    entries = markov.entries(moves).set_index("placement_to")["children"]
    assert entries["Foster"] == 1


def test_projection_applies_rates_and_entries(extract):
    projected = markov.project(extract, 2025, history=1, horizon=2).set_index(["year", "breakdown"])["value"]
    # Stock on 31 March 2025: foster 2, children's home 1. Foster: 2/3 stay or move, 1/3 leave;
    # children's homes had no one in 2024, so they stay; entries add 1 foster child a year.
    assert projected[(2026, "Foster")] == pytest.approx(2 / 3 + 1)
    assert projected[(2026, "Children's homes")] == pytest.approx(2 / 3 + 1)
    assert projected[(2026, "")] == pytest.approx(10 / 3)
    assert projected[(2027, "")] > projected[(2026, "")]


def test_transitions_conserve_children_on_a_synthetic_extract(tmp_path):
    header, episodes = simulate(targets=Targets(starters={2025: 100}, cla=200), year=2025, seed=4)
    write_extract(header, episodes, tmp_path, year=2025, years=3)
    extract = read.read_extract(tmp_path)
    prepared = indicators.prepare(extract)
    moves = markov.movements(extract, [2024, 2025], prepared=prepared)
    for year in (2024, 2025):
        in_year = moves[moves["year"] == year]
        assert in_year[in_year["placement_from"] != markov.ENTERED]["children"].sum() == \
            len(markov.stock(prepared, year - 1))
        assert in_year[in_year["placement_to"] != markov.LEFT]["children"].sum() == len(markov.stock(prepared, year))
    projection = markov.project(extract, 2025, prepared=prepared)
    assert set(projection["year"]) == {2026, 2027, 2028}
    assert 100 < projection.loc[projection["breakdown"] == "", "value"].iloc[0] < 400
