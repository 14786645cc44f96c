"""Tests for sufficiency.forecasting.costs: weekly unit costs (the council's own, or Section 251),
the blended foster cost, and children × weekly cost × 52.14 with the ranges carried through."""
from __future__ import annotations

import pytest

from sufficiency.forecasting import costs
from sufficiency.measures.costs import inhouse_foster_share

#: 2020-21 to 2024-25 prices: the GDP deflator's financial-year means, 112.375 / 95.825.
TO_2024_25 = ((110.1 + 112.1 + 113.2 + 114.1) / 4) / ((98.8 + 94.9 + 94.3 + 95.3) / 4)


def test_local_unit_costs_are_carried_to_the_editions_prices_and_weight_fostering_by_children():
    unit = costs.unit_costs("209", 2025)
    assert unit.source == "local" and (unit.given_price_year, unit.price_year) == ("2020-21", "2024-25")
    assert unit.index == "the ONS GDP deflator (series YBGB)" and unit.notes == []
    # (167 × 440 + 19 × 978 + 212 × 963) / (167 + 19 + 212), in 2024-25 prices
    assert unit.weekly["placement_foster"] == pytest.approx((167 * 440 + 19 * 978 + 212 * 963) / 398 * TO_2024_25)
    assert unit.weekly["placement_homes"] == pytest.approx(4279 * TO_2024_25)     # £5,018
    assert round(unit.weekly["placement_homes"]) == 5018
    assert unit.weekly["placement_semi_independent"] == pytest.approx(1517 * TO_2024_25)
    assert (unit.inhouse_weekly, unit.agency_weekly, unit.kin_weekly) == pytest.approx(
        (440 * TO_2024_25, 963 * TO_2024_25, 978 * TO_2024_25))


def test_an_edition_priced_in_the_tables_own_year_is_not_carried(tmp_path):
    folder = tmp_path / "lewisham"
    folder.mkdir()
    (folder / "costs.csv").write_text(
        "price_year,placement_type,children,weekly_cost_mode,weekly_cost_mean,source_section\n"
        "2024-25,residential,50,5000,6000,test\n", encoding="utf-8")
    unit = costs.unit_costs("209", 2025, root=tmp_path)
    assert (unit.given_price_year, unit.price_year, unit.index) == ("2024-25", "2024-25", "")
    assert unit.weekly["placement_homes"] == 6000


def test_local_costs_after_the_edition_year_are_not_used():
    assert costs.unit_costs("209", 2020).source == "s251"      # costs.csv is priced 2020-21, after March 2020


def test_s251_fallback_for_a_council_without_local_files():
    unit = costs.unit_costs("203", 2025)
    assert unit.source == "s251" and unit.price_year == "2024-25"
    assert unit.weekly == {"placement_foster": 810.0, "placement_homes": 6995.0,
                           "placement_semi_independent": 2220.0}
    assert unit.notes == [
        "The council has given no weekly costs of its own, so the weekly costs are the Section 251 unit costs "
        "it reported to DfE (LAIT): fostering, residential care, and the cost per child looked after standing in "
        "for semi-independent accommodation, which has no published unit cost."]


def test_foster_weekly_cost_weights_inhouse_and_agency_by_their_shares():
    assert costs.foster_weekly_cost(0.25, inhouse_weekly=400.0, agency_weekly=1000.0) == 850.0
    assert costs.foster_weekly_cost(1.0, inhouse_weekly=400.0, agency_weekly=1000.0) == 400.0
    # a fifth with family and friends at £600, the rest split as above
    assert costs.foster_weekly_cost(0.25, 400.0, 1000.0, kin_share=0.2, kin_weekly=600.0) == pytest.approx(800.0)


def test_cost_forecast_carries_ranges_and_adds_a_total(fake_forecast_set):
    unit = costs.UnitCosts({"placement_foster": 800.0, "placement_homes": 4000.0,
                            "placement_semi_independent": 1500.0}, "2024-25", "local", [])
    cost = costs.cost_forecast(fake_forecast_set(), unit).set_index(["placement", "year"])
    assert cost.loc[("Foster care", 2026), "annual_cost"] == pytest.approx(300 * 800 * 52.14)
    assert cost.loc[("Foster care", 2026), "annual_low_80"] == pytest.approx(290 * 800 * 52.14)
    expected_total = (300 * 800 + 50 * 4000 + 40 * 1500) * 52.14
    assert cost.loc[("Total", 2026), "annual_cost"] == pytest.approx(expected_total)
    assert ("Other placements", 2026) not in cost.index


def test_lewisham_baseline_prices_foster_care_at_the_matched_inhouse_share(fake_forecast_set):
    """March 2022: 69 of 362 fostered children with family and friends carers (£978 a week in
    2020-21 prices); of the other 293, 85 with the council's own carers (£440), the rest with
    agencies (£963); all carried to 2024-25 prices."""
    unit = costs.unit_costs("209", 2025)
    baseline = costs.baseline_cost(fake_forecast_set(), unit, inhouse_foster_share("209", 2025))
    foster = baseline[baseline["placement"] == "Foster care"].set_index("year")
    week = (69 * 978 + 293 * ((85 * 440 + 208 * 963) / 293)) / 362 * TO_2024_25      # £1,000 a week
    assert foster["weekly_cost"].tolist() == pytest.approx([week] * 3)
    assert foster.loc[2026, "annual_cost"] == pytest.approx(300 * week * 52.14)
    homes = baseline[baseline["placement"] == "Children's homes"].set_index("year")
    assert homes["weekly_cost"].tolist() == pytest.approx([4279.0 * TO_2024_25] * 3)


def test_a_plain_share_still_prices_in_house_against_agency(fake_forecast_set):
    """Callers that pass (share, year, source) without the family and friends split keep the two-way mix."""
    unit = costs.unit_costs("209", 2025)
    baseline = costs.baseline_cost(fake_forecast_set(), unit, (85 / 300, 2025, "a share with no split"))
    foster = baseline[baseline["placement"] == "Foster care"]
    assert foster["weekly_cost"].tolist() == pytest.approx([(85 * 440 + 215 * 963) / 300 * TO_2024_25] * 3)


def test_baseline_without_the_fostering_split_uses_the_blended_weekly_cost(fake_forecast_set):
    unit = costs.unit_costs("209", 2025)
    baseline = costs.baseline_cost(fake_forecast_set(), unit, None)
    foster = baseline[baseline["placement"] == "Foster care"]
    assert foster["weekly_cost"].tolist() == pytest.approx(
        [(167 * 440 + 19 * 978 + 212 * 963) / 398 * TO_2024_25] * 3)
