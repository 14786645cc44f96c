"""A group's forecasts from its members': centres summed, ranges combined (not added)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sufficiency.data.groups import resolve
from sufficiency.forecasting import group as group_forecasting
from sufficiency.forecasting.group import combine, intraclass_correlation

Z80, Z95 = 1.2815515655446004, 1.959963984540054


def normal_member(point: float, sd: float, years=(2026,)) -> pd.DataFrame:
    """A member whose five published points are those of a normal distribution."""
    return pd.DataFrame({"year": list(years), "point": point, "lower_80": point - Z80 * sd,
                         "upper_80": point + Z80 * sd, "lower_95": point - Z95 * sd, "upper_95": point + Z95 * sd})


def skewed_member() -> pd.DataFrame:
    return pd.DataFrame({"year": [2026, 2027], "point": [40.0, 42.0], "lower_80": [35.0, 33.0],
                         "upper_80": [60.0, 80.0], "lower_95": [31.0, 28.0], "upper_95": [90.0, 150.0]})


def test_correlation_one_gives_the_added_ranges():
    members = [normal_member(100, 10, (2026, 2027)), skewed_member(), normal_member(400, 25, (2026, 2027))]
    out = combine(members, 1.0).set_index("year")
    added = pd.concat(members).groupby("year").sum()
    for column in ("point", "lower_80", "upper_80", "lower_95", "upper_95"):
        np.testing.assert_allclose(out[column], added[column], rtol=2e-3)


def test_correlation_zero_gives_a_narrower_range_as_for_independent_figures():
    members = [normal_member(100, 10)] * 4
    out = combine(members, 0.0).iloc[0]
    assert out.point == 400.0
    # Four independent members: the spread of the sum is sqrt(4) = 2 members' spreads, not 4.
    assert out.upper_80 - out.point == pytest.approx(2 * Z80 * 10, rel=0.05)
    assert out.upper_95 - out.point == pytest.approx(2 * Z95 * 10, rel=0.05)
    assert out.point - out.lower_80 == pytest.approx(2 * Z80 * 10, rel=0.05)
    added_width = 4 * 2 * Z80 * 10
    assert out.upper_80 - out.lower_80 < 0.55 * added_width


def test_width_grows_with_correlation_and_runs_are_identical():
    members = [normal_member(100, 10)] * 5
    widths = [combine(members, rho).iloc[0] for rho in (0.0, 0.3, 0.7, 1.0)]
    spans = [w.upper_80 - w.lower_80 for w in widths]
    assert spans == sorted(spans) and spans[0] < spans[-1]
    # Theory for equicorrelated normals: sd of the sum = 10 * sqrt(5 + 20 * rho).
    assert spans[1] / 2 / Z80 == pytest.approx(10 * np.sqrt(5 + 20 * 0.3), rel=0.05)
    pd.testing.assert_frame_equal(combine(members, 0.3), combine(members, 0.3))


def test_combined_range_keeps_order_and_never_goes_below_zero():
    low = pd.DataFrame({"year": [2026], "point": [2.0], "lower_80": [0.0], "upper_80": [6.0],
                        "lower_95": [0.0], "upper_95": [9.0]})
    out = combine([low, low, low], 0.0).iloc[0]
    assert 0 <= out.lower_95 <= out.lower_80 <= out["median"] <= out.upper_80 <= out.upper_95
    assert out.point == 6.0


def test_one_sided_members_move_the_sums_range_above_the_sum_of_points():
    """Thirty members whose ranges reach much further up than down: the sum is likelier than not
    above the points added, and the combined range is not forced round them."""
    member = pd.DataFrame({"year": [2026], "point": [100.0], "lower_80": [98.0], "upper_80": [130.0],
                           "lower_95": [97.0], "upper_95": [150.0]})
    out = combine([member] * 30, 0.0).iloc[0]
    assert out.point == 3000.0
    assert out.lower_80 > out.point and out["median"] > out.lower_80


def test_intraclass_correlation_recovers_a_known_correlation():
    rng = np.random.default_rng(3)
    shared = np.repeat(rng.standard_normal(3000), 8)
    scores = pd.Series(np.sqrt(0.15) * shared + np.sqrt(0.85) * rng.standard_normal(24000))
    assert intraclass_correlation(scores, np.repeat(np.arange(3000), 8)) == pytest.approx(0.15, abs=0.03)
    assert intraclass_correlation(pd.Series(rng.standard_normal(5000)), np.repeat(np.arange(500), 10)) < 0.03


def test_national_error_correlations():
    """Measured on the national back-test for the 2025 edition: councils' misses share little."""
    values = {m: round(group_forecasting.error_correlation(2025, m), 3)
              for m in ("cla_31_march", "starters", "uasc", "placement_foster")}
    assert values == {"cla_31_march": 0.095, "starters": 0.064, "uasc": 0.166, "placement_foster": 0.007}


@pytest.fixture(scope="module")
def three():
    return group_forecasting.group_forecast(resolve(["209", "203", "210"], 2025), 2025)


def test_group_forecast_sums_members_centres_and_combines_ranges(three):
    table = three.table()
    cla = table[table.measure == "cla_31_march"].set_index("year")
    members = pd.concat([fs.frame("cla_31_march") for fs in three.members.values()]).groupby("year").sum()
    np.testing.assert_allclose(cla["point"], members["point"])
    assert cla["point"].round(1).tolist() == [1224.1, 1219.9, 1216.2]
    assert cla[["lower_80", "upper_80"]].round(0).values.tolist() == [[1178.0, 1292.0], [1157.0, 1333.0],
                                                                      [1150.0, 1373.0]]
    # Narrower than adding the members' range ends (for these roughly symmetric forecasts).
    assert (cla["upper_80"] - cla["lower_80"] < cla["added_upper_80"] - cla["added_lower_80"]).all()
    assert set(cla["members"]) == {3} and cla["correlation"].round(3).unique().tolist() == [0.095]
    assert "cla_rate_per_10k" not in set(table.measure)      # a rate is not a sum
    assert three.missing["cla_31_march"] == []


@pytest.mark.slow   # ten councils' forecasts: about 15 s before the disk cache holds them
def test_a_member_without_a_forecast_is_left_out_and_named():
    gf = group_forecasting.group_forecast(resolve("London East", 2025), 2025)
    assert gf.missing["placement_homes"] == ["Redbridge"]
    table = gf.table()
    homes = table[table.measure == "placement_homes"]
    assert set(homes.members) == {9} and set(homes.members_missing) == {"Redbridge"}
    points = sum(gf.members[c].frame("placement_homes").point.iloc[0] for c in gf.covered("placement_homes"))
    assert homes.point.iloc[0] == pytest.approx(points)
    assert set(table[table.measure == "cla_31_march"].members_missing) == {""}
    gap = group_forecasting.group_gap(gf)
    assert set(gap[gap.placement == "Children's homes"].members_missing) == {"Redbridge"}
    cost = group_forecasting.group_costs(gf)
    total = cost[cost.placement == "Total"]
    assert set(total.members) == {9} and set(total.members_missing) == {"Redbridge"}
    assert set(cost[cost.placement == "Foster care"].members) == {10}


def test_a_measure_too_few_members_have_is_not_summed():
    gf = group_forecasting.group_forecast(resolve(["201", "202", "206"], 2025), 2025)   # City, Camden, Islington
    assert gf.covered("cla_31_march") == ["202", "201", "206"]   # City forecast from 2024 (2025 is c)
    assert gf.missing["placement_foster"] == ["City of London"]
    assert "placement_foster" in gf.summable()                       # two of three
    assert group_forecasting._enough(1, 3) is False and group_forecasting._enough(2, 4) is False


def test_group_gap_adds_members_supply(three):
    gap = group_forecasting.group_gap(three)
    foster = gap[gap.placement == "Foster care"].iloc[0]
    assert (foster.year, foster.supply) == (2026, 555.0)
    assert foster.gap == pytest.approx(foster.demand - 555.0)
    demand = three.frame("placement_foster").iloc[0]
    assert foster.demand_low_80 == pytest.approx(demand.lower_80)
    semi = gap[gap.placement == "Semi-independent and supported"].iloc[0]
    assert np.isnan(semi.supply) and semi.supply_what == "not published for Greenwich, Lewisham and Southwark"


def test_group_costs_and_their_sources(three):
    cost = group_forecasting.group_costs(three)
    assert list(cost.placement.unique()) == ["Foster care", "Children's homes", "Semi-independent and supported",
                                             "Total"]
    total = cost[(cost.placement == "Total") & (cost.year == 2026)].iloc[0]
    parts = cost[(cost.placement != "Total") & (cost.year == 2026)]
    assert total.annual_cost == pytest.approx(parts.annual_cost.sum())
    assert round(total.annual_cost / 1e6, 1) == 107.3
    # Each member's part is its own book's baseline (Lewisham's foster care at its in-house share).
    members = sum(group_forecasting.member_baseline_cost(fs).query("placement == 'Total' and year == 2026")
                  .annual_cost.item() for fs in three.members.values())
    assert total.annual_cost == pytest.approx(members)
    assert total.annual_low_80 < total.annual_cost < total.annual_high_80
    sources = group_forecasting.unit_cost_sources(three)
    assert sources.values.tolist() == [["203", "Greenwich", "s251", "2024-25"], ["209", "Lewisham", "local", "2024-25"],
                                       ["210", "Southwark", "s251", "2024-25"]]


def test_group_scenarios_from_the_groups_own_file(three, tmp_path):
    folder = tmp_path / three.group.slug
    folder.mkdir()
    (folder / "scenarios.csv").write_text(
        "id,description,parameter,value,unit,year,illustrative\n"
        "G1,Prices rise 5% a year,cost_inflation_pct,5,% a year,2025,yes\n"
        "G2,Half of fostered children with in-house carers,share_inhouse_foster,50,%,2025,yes\n"
        "G3,Three in four children in foster homes,share_foster_care,75,%,2025,yes\n")
    scenarios = group_forecasting.group_scenario_file(three.group, root=tmp_path)
    assert scenarios.id.tolist() == ["G1", "G2", "G3"]
    assert group_forecasting.group_scenario_file(three.group, root=tmp_path / "none") is None
    result = group_forecasting.group_scenarios(three, scenarios)
    assert result.not_modelled == {"G2": "not modelled for Greenwich and Southwark: it needs the council's in-house "
                                         "and agency fostering costs and an in-house share worked out like for like"}
    table = result.table.set_index("id")
    baseline = group_forecasting.group_costs(three)
    base = baseline[(baseline.placement == "Total") & (baseline.year == 2028)].annual_cost.item()
    assert table.loc["G1", "difference"] == pytest.approx(table.loc["G1", "cost"] - base)
    # The group's central cost is what the members' own books would show for the same scenario, added.
    from sufficiency.forecasting import costs as forecast_costs
    from sufficiency.forecasting.scenarios import apply_scenarios
    from sufficiency.measures.costs import inhouse_foster_share
    members = 0.0
    for fs in three.members.values():
        own = apply_scenarios(fs, scenarios.iloc[[0]], forecast_costs.unit_costs(fs.council, 2025),
                              inhouse_foster_share(fs.council, 2025))[0].cost
        members += own[(own.placement == "Total") & (own.year == 2028)].annual_cost.item()
    assert table.loc["G1", "cost"] == pytest.approx(members, rel=1e-12)
    # priced as each council's baseline is (costs.baseline_weekly): 121.2 before the scenarios were
    assert round(table.loc["G1", "cost"] / 1e6, 1) == 123.3
    assert table.loc["G1", "semi_children"] > 0, "children in semi-independent homes are summed like the others"
    assert table.loc["G3", "difference"] < 0 and table.loc["G3", "foster_children"] == pytest.approx(912.0, abs=0.5)
    assert table.loc["G1", "cost_low_80"] < table.loc["G1", "cost"] < table.loc["G1", "cost_high_80"]
