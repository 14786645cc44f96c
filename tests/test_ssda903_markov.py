"""Transitions between placement types and the stock-and-flow projection."""
from __future__ import annotations

import numpy as np
import pytest

from sufficiency.records import indicators, markov, read, synthetic
from sufficiency.records.synthetic import Targets, simulate, write_extract

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


@pytest.fixture(scope="module")
def lewisham(tmp_path_factory):
    """Six annual synthetic extracts (2019-20 to 2024-25) fitted to Lewisham's published figures."""
    folder = tmp_path_factory.mktemp("lewisham")
    synthetic.generate(folder, la_code="209", year=2025, years=6, seed=0)
    return folder, read.read_extract(folder, year=2025)


def _values(projection, measure):
    rows = projection[projection["measure"] == measure]
    return rows.set_index(["year", "breakdown"])["value"]


def test_movements_and_rates(extract):
    moves = markov.movements(extract, [2025])
    rates = markov.transition_rates(moves).set_index(["placement_from", "placement_to"])["rate"]
    assert rates[("Foster", "Foster")] == pytest.approx(1 / 3)
    assert rates[("Foster", "Children's homes")] == pytest.approx(1 / 3)
    assert rates[("Foster", markov.LEFT)] == pytest.approx(1 / 3)
    entries = markov.entries(moves).set_index("placement_to")["children"]
    assert entries["Foster"] == 1


def test_projection_applies_rates_and_entries(extract):
    projection = markov.project(extract, 2025, history=1, horizon=2)
    projected = _values(projection, markov.BY_PLACEMENT)
    # Stock on 31 March 2025: foster 2, children's home 1. Foster: 2/3 stay or move, 1/3 leave;
    # children's homes had no one in 2024, so they stay; entries add 1 foster child a year.
    assert projected[(2026, "Foster")] == pytest.approx(2 / 3 + 1)
    assert projected[(2026, "Children's homes")] == pytest.approx(2 / 3 + 1)
    assert projected[(2026, "")] == pytest.approx(10 / 3)
    assert projected[(2027, "")] > projected[(2026, "")]
    # Every child here was 10 to 15 on 31 March 2024 and 2025, so the age breakdown puts all there.
    by_age = _values(projection, markov.BY_AGE)
    assert by_age[(2026, "10 to 15 years")] == pytest.approx(10 / 3)
    assert by_age[(2026, "16 years and over")] == 0
    assert by_age[(2026, "")] == pytest.approx(projected[(2026, "")])


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


def test_both_breakdowns_add_up_to_the_same_total(lewisham):
    _, extract = lewisham
    projection = markov.project(extract, 2025)
    for measure, labels in ((markov.BY_PLACEMENT, markov.PLACEMENT_LABELS), (markov.BY_AGE, markov.AGE_LABELS)):
        values = _values(projection, measure)
        for year in (2026, 2027, 2028):
            assert sum(values[(year, label)] for label in labels) == pytest.approx(values[(year, "")])
    totals = projection[projection["breakdown"] == ""].pivot(index="year", columns="measure", values="value")
    assert np.allclose(totals[markov.BY_PLACEMENT], totals[markov.BY_AGE])
    # The synthetic stock on 31 March 2025 is 438 (Lewisham published 439); a year on the
    # projection stays near it, as the synthetic flows are roughly in balance.
    assert 400 < totals.loc[2026, markov.BY_AGE] < 480


def test_children_move_up_an_age_band_as_they_grow(lewisham):
    _, extract = lewisham
    ageing = markov.ageing(markov.movements(extract, [2023, 2024, 2025]))
    share = ageing.set_index(["age_band_from", "age_band_to"])["share"]
    order = {label: i for i, label in enumerate(markov.AGE_LABELS)}
    steps = ageing["age_band_to"].map(order) - ageing["age_band_from"].map(order)
    assert set(steps) == {0, 1}                                        # never down, never two bands
    assert share[("Under 1 year", "1 to 4 years")] == 1.0             # a year later every baby is 1+
    assert share[("16 years and over", "16 years and over")] == 1.0   # the top band is kept until 18
    # About one child in four in the 4-year band 1 to 4 moves up each year; one in six in 10 to 15.
    assert 0.15 < share[("1 to 4 years", "5 to 9 years")] < 0.35
    assert 0.1 < share[("10 to 15 years", "16 years and over")] < 0.3


def test_simulated_ranges_are_seeded_and_widen(lewisham):
    _, extract = lewisham
    first = markov.project(extract, 2025, intervals=True, draws=500)
    again = markov.project(extract, 2025, intervals=True, draws=500)
    assert first.equals(again)
    total = first[(first["measure"] == markov.BY_PLACEMENT) & (first["breakdown"] == "")].set_index("year")
    assert (total["lower_80"] <= total["value"]).all() and (total["value"] <= total["upper_80"]).all()
    width = total["upper_80"] - total["lower_80"]
    assert width[2026] > 10 and width[2028] > width[2026]
    # The simulation's centre matches the deterministic projection (the rates' expected values).
    middle = (total["lower_80"] + total["upper_80"]) / 2
    assert np.allclose(middle, total["value"], atol=0.1 * total["value"].mean())


def test_from_origin_sees_nothing_after_its_31_march(lewisham):
    folder, extract = lewisham
    from_full = markov.from_origin(extract, 2023)
    as_read_then = markov.project(read.read_extract(folder, year=2023), 2023)
    assert from_full.equals(as_read_then)
    assert set(from_full["year"]) == {2024, 2025, 2026}
    # The stock it starts from is the one on 31 March 2023, not a later one.
    model = markov.fit(markov.as_known_at(extract, 2023), 2023)
    assert model.start.sum() == len(markov.stock(indicators.prepare(extract), 2023))
    assert markov.as_known_at(extract, 2023).episodes["DECOM"].max() <= np.datetime64("2023-03-31")


def test_complete_stocks_start_a_year_before_the_first_return(lewisham):
    _, extract = lewisham
    assert markov.first_complete_stock(extract) == 2019
    assert markov.last_complete_stock(extract) == 2025


def test_the_model_learns_only_from_complete_stocks(tmp_path):
    from sufficiency.records import synthetic

    synthetic.generate(tmp_path, la_code="209", year=2025, years=1, seed=2)   # the 2024-25 return only
    one_return = read.read_extract(tmp_path, year=2025)
    assert markov.first_complete_stock(one_return) == 2024
    assert markov.fit(one_return, 2025).years == [2025]         # not 2023 and 2024, whose stocks it lacks
