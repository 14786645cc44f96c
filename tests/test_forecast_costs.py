"""Tests for sufficiency.forecasting.costs: weekly unit costs (the council's own, or Section 251),
the blended foster cost, and children × weekly cost × 52.14 with the ranges carried through."""
from __future__ import annotations

import pytest

from sufficiency.forecasting import costs, gap


def test_local_unit_costs_weight_fostering_by_children():
    unit = costs.unit_costs("209", 2025)
    assert unit.source == "local" and unit.price_year == "2020-21"
    # (167 × 440 + 19 × 978 + 212 × 963) / (167 + 19 + 212)
    assert unit.weekly["placement_foster"] == pytest.approx((167 * 440 + 19 * 978 + 212 * 963) / 398)
    assert unit.weekly["placement_homes"] == 4279
    assert unit.weekly["placement_semi_independent"] == 1517
    assert (unit.inhouse_weekly, unit.agency_weekly) == (440, 963)


def test_local_costs_after_the_edition_year_are_not_used():
    assert costs.unit_costs("209", 2020).source == "s251"      # costs.csv is priced 2020-21, after March 2020


def test_s251_fallback_for_a_council_without_local_files():
    unit = costs.unit_costs("203", 2025)
    assert unit.source == "s251" and unit.price_year == "2024-25"
    assert unit.weekly == {"placement_foster": 810.0, "placement_homes": 6995.0,
                           "placement_semi_independent": 2220.0}
    assert unit.notes == [
        "The council has no costs of its own in data/local, so the weekly costs are the Section 251 unit costs "
        "it reported to DfE (LAIT): fostering, residential care, and the cost per child looked after standing in "
        "for semi-independent accommodation, which has no published unit cost."]


def test_foster_weekly_cost_weights_inhouse_and_agency_by_their_shares():
    assert costs.foster_weekly_cost(0.25, inhouse_weekly=400.0, agency_weekly=1000.0) == 850.0
    assert costs.foster_weekly_cost(1.0, inhouse_weekly=400.0, agency_weekly=1000.0) == 400.0


def test_cost_forecast_carries_ranges_and_adds_a_total(fake_forecast_set):
    unit = costs.UnitCosts({"placement_foster": 800.0, "placement_homes": 4000.0,
                            "placement_semi_independent": 1500.0}, "2024-25", "local", [])
    cost = costs.cost_forecast(fake_forecast_set(), unit).set_index(["placement", "year"])
    assert cost.loc[("Foster care", 2026), "annual_cost"] == pytest.approx(300 * 800 * 52.14)
    assert cost.loc[("Foster care", 2026), "annual_low_80"] == pytest.approx(290 * 800 * 52.14)
    expected_total = (300 * 800 + 50 * 4000 + 40 * 1500) * 52.14
    assert cost.loc[("Total", 2026), "annual_cost"] == pytest.approx(expected_total)
    assert ("Other placements", 2026) not in cost.index


def test_lewisham_baseline_prices_foster_care_at_the_published_inhouse_share(fake_forecast_set):
    """85 of 300 fostered children with in-house carers (£440 a week), the rest with agencies (£963)."""
    unit = costs.unit_costs("209", 2025)
    baseline = costs.baseline_cost(fake_forecast_set(), unit, gap.inhouse_foster_share("209", 2025))
    foster = baseline[baseline["placement"] == "Foster care"].set_index("year")
    week = (85 * 440 + 215 * 963) / 300                                  # £814.82
    assert foster["weekly_cost"].tolist() == pytest.approx([week] * 3)
    assert foster.loc[2026, "annual_cost"] == pytest.approx(300 * week * 52.14)
    homes = baseline[baseline["placement"] == "Children's homes"].set_index("year")
    assert homes["weekly_cost"].tolist() == [4279.0] * 3


def test_baseline_without_the_fostering_split_uses_the_blended_weekly_cost(fake_forecast_set):
    unit = costs.unit_costs("209", 2025)
    baseline = costs.baseline_cost(fake_forecast_set(), unit, None)
    foster = baseline[baseline["placement"] == "Foster care"]
    assert foster["weekly_cost"].tolist() == pytest.approx([(167 * 440 + 19 * 978 + 212 * 963) / 398] * 3)
