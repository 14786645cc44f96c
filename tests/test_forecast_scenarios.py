"""Tests for sufficiency.forecasting.scenarios: each kind of scenario in scenarios.csv against the
baseline, with hand-worked numbers."""
from __future__ import annotations

import pandas as pd
import pytest

from sufficiency.core.errors import InputError
from sufficiency.forecasting import costs, scenarios

#: Recorded figures for 2025 that the scenarios start from.
SERIES = {"placement_foster": pd.Series([310.0], index=[2025]),
          "placement_homes": pd.Series([50.0], index=[2025]),
          "cla_31_march": pd.Series([450.0], index=[2025]),
          "cla_rate_per_10k": pd.Series([72.0], index=[2025]),
          "uasc": pd.Series([42.0], index=[2025])}


UNIT = costs.UnitCosts({"placement_foster": 800.0, "placement_homes": 4000.0,
                        "placement_semi_independent": 1500.0}, "2024-25", "local", [], 400.0, 1000.0)


def _scenarios(*rows):
    return pd.DataFrame(rows, columns=["id", "description", "parameter", "value", "unit", "year", "illustrative"])


def test_path_to_target_is_a_straight_line_then_held():
    assert [scenarios.path_to_target(20.0, 2025, 50.0, 2028, y) for y in (2026, 2027, 2028, 2029)] == [
        30.0, 40.0, 50.0, 50.0]
    assert scenarios.path_to_target(20.0, 2025, 50.0, 2024, 2026) == 50.0     # already due: met at once


def test_foster_share_scenario_moves_children_from_other_types(fake_forecast_set):
    results = scenarios.apply_scenarios(
        fake_forecast_set(with_total=True, series=SERIES), _scenarios(("S", "75% fostered", "share_foster_care", 75.0, "%", "2025", "yes")), UNIT, None)
    frames = results[0].frames
    for year in (2026, 2027, 2028):
        total = sum(f.set_index("year").loc[year, "point"] for f in frames.values())
        foster = frames["placement_foster"].set_index("year").loc[year, "point"]
        assert foster / total == pytest.approx(0.75)
        assert total == pytest.approx(440 - 10 * (year - 2026))   # the total is unchanged


def test_inhouse_share_scenario_changes_price_not_children(fake_forecast_set):
    results = scenarios.apply_scenarios(
        fake_forecast_set(with_total=True, series=SERIES), _scenarios(("S1", "half in-house", "share_inhouse_foster", 50.0, "%", "2028", "yes")),
        UNIT, (0.2, 2025, "test"))
    cost = results[0].cost.set_index(["placement", "year"])
    # Share moves 20% → 50% in a straight line from 2025 to 2028: 30%, 40%, 50%.
    assert cost.loc[("Foster care", 2026), "weekly_cost"] == pytest.approx(0.3 * 400 + 0.7 * 1000)
    assert cost.loc[("Foster care", 2028), "weekly_cost"] == pytest.approx(0.5 * 400 + 0.5 * 1000)
    assert cost.loc[("Foster care", 2028), "children"] == 280
    assert cost.loc[("Children's homes", 2028), "weekly_cost"] == 4000


def test_inhouse_share_scenario_needs_the_fostering_split(fake_forecast_set):
    results = scenarios.apply_scenarios(
        fake_forecast_set(with_total=True, series=SERIES), _scenarios(("S1", "half in-house", "share_inhouse_foster", 50.0, "%", "2028", "yes")),
        UNIT, None)
    assert results[0].not_modelled == ("it needs the council's in-house and agency fostering costs and an "
                                       "in-house share worked out like for like")


def test_unknown_scenario_parameter_is_reported_not_modelled(fake_forecast_set):
    results = scenarios.apply_scenarios(
        fake_forecast_set(with_total=True, series=SERIES), _scenarios(("X", "something", "unknown_setting", 1.0, "", "", "yes")), UNIT, None)
    assert results[0].not_modelled == "the forecasts do not model this setting" and results[0].cost is None


def test_price_rise_scenario_compounds_from_the_edition_year(fake_forecast_set):
    results = scenarios.apply_scenarios(
        fake_forecast_set(with_total=True, series=SERIES), _scenarios(("S6", "5% a year", "cost_inflation_pct", 5.0, "%", "", "yes")), UNIT, None)
    cost = results[0].cost.set_index(["placement", "year"])
    assert cost.loc[("Children's homes", 2028), "weekly_cost"] == pytest.approx(4000 * 1.05 ** 3)


def test_uasc_scenario_adds_the_extra_children_across_every_type(fake_forecast_set):
    fs = fake_forecast_set(with_total=True, series=SERIES)
    results = scenarios.apply_scenarios(fs, _scenarios(("S4", "64 unaccompanied", "uasc_count", 64.0, "", "2025", "no")),
                                        UNIT, None)
    assert not results[0].illustrative
    frames = results[0].frames
    # no uasc forecast: the 42 recorded are held, so the target of 64 adds 22 children a year
    total = sum(f.set_index("year").loc[2026, "point"] for f in frames.values())
    assert total == pytest.approx(440 + 22)


def test_scenario_table_sets_each_scenario_against_the_baseline(fake_forecast_set):
    fs = fake_forecast_set(with_total=True, series=SERIES)
    baseline = costs.cost_forecast(fs, UNIT)
    results = scenarios.apply_scenarios(
        fs, _scenarios(("S6", "5% a year", "cost_inflation_pct", 5.0, "%", "", "yes"),
                       ("X", "something", "unknown_setting", 1.0, "", "", "yes")), UNIT, None)
    table = scenarios.scenario_table(results, baseline, 2028)
    assert table["id"].tolist() == ["S6"]
    base_2028 = (280 * 800 + 50 * 4000 + 40 * 1500) * 52.14
    assert table.loc[0, "cost"] == pytest.approx(base_2028 * 1.05 ** 3)
    assert table.loc[0, "difference"] == pytest.approx(base_2028 * (1.05 ** 3 - 1))
    assert (table.loc[0, "foster_children"], table.loc[0, "homes_children"]) == (280, 50)


def test_uasc_scenario_to_the_transfer_scheme_level_uses_the_level_the_forecasts_page_states(fake_forecast_set):
    """Lewisham 2025: 0.1% of 62,052 children is 62.05, the same number the forecasts page gives, not a
    typed 64. 100% of the level from the 42 recorded adds 20.05 children a year."""
    assert scenarios.nts_level("209", 2025) == pytest.approx(62.052)
    fs = fake_forecast_set(with_total=True, series=SERIES)
    results = scenarios.apply_scenarios(
        fs, _scenarios(("S4", "to the scheme's level", "uasc_pct_of_nts_level", 100.0, "%", "2025", "yes")), UNIT, None)
    assert results[0].not_modelled is None
    total = sum(f.set_index("year").loc[2026, "point"] for f in results[0].frames.values())
    assert total == pytest.approx(440 + 62.052 - 42)


def test_a_scenario_that_changes_nothing_costs_what_the_baseline_costs(fake_forecast_set):
    """Review 6, W3: the baseline priced foster care at the published in-house share (here 20% at £400 and
    80% at £1,000: £880 a week) but every scenario but the in-house one at the table's £800, so a
    scenario with more children in foster care could come out cheaper than the baseline."""
    fs = fake_forecast_set(with_total=True, series=SERIES)
    inhouse = (0.2, 2025, "test")
    baseline = costs.baseline_cost(fs, UNIT, inhouse)
    for row in (("P", "no price rise", "cost_inflation_pct", 0.0, "%", "", "yes"),
                ("U", "unaccompanied as recorded", "uasc_count", 42.0, "", "2026", "yes")):
        result = scenarios.apply_scenarios(fs, _scenarios(row), UNIT, inhouse)[0]
        pd.testing.assert_frame_equal(result.cost, baseline)
    more = scenarios.apply_scenarios(fs, _scenarios(("U", "64 unaccompanied", "uasc_count", 64.0, "", "2026", "yes")),
                                     UNIT, inhouse)[0]
    table = scenarios.scenario_table([more], baseline, 2028)
    # 22 more children, spread as the baseline's 280 : 50 : 40 : 50 of 420
    assert table.loc[0, "difference"] == pytest.approx(22 / 420 * (280 * 880 + 50 * 4000 + 40 * 1500) * 52.14)
    assert table.loc[0, "semi_children"] == pytest.approx(40 * 442 / 420)
    rises = scenarios.apply_scenarios(fs, _scenarios(("S6", "5% a year", "cost_inflation_pct", 5.0, "%", "", "yes")),
                                      UNIT, inhouse)[0]
    assert rises.cost.set_index(["placement", "year"]).loc[("Foster care", 2028), "weekly_cost"] == \
        pytest.approx(880 * 1.05 ** 3)


def test_a_scenario_year_before_the_edition_s_figures_is_refused(fake_forecast_set):
    """Lewisham's S4 gave 2023, before the 2025 figures the forecasts start from: a target date that had
    passed before the forecast began. The message names the file, the row and the column."""
    frame = _scenarios(("S1", "half in-house", "share_inhouse_foster", 50.0, "%", "2028", "yes"),
                       ("S4", "to the scheme's level", "uasc_pct_of_nts_level", 100.0, "%", "2023", "yes"))
    with pytest.raises(InputError) as err:
        scenarios.apply_scenarios(fake_forecast_set(with_total=True, series=SERIES), frame, UNIT, None)
    assert str(err.value) == (
        "scenarios.csv, row 3, column 'year': found 2023; expected 2025 or later, the year of the latest figures "
        "the forecasts start from, or an empty cell for the forecasts' last year. A target for 2025 is "
        "reached at once, in the first forecast year.")


def test_scenarios_reached_at_once_are_named(fake_forecast_set):
    """A year that is the edition's own (2025) gives no time to move: the target holds from 2026."""
    frame = _scenarios(("S2", "75% fostered", "share_foster_care", 75.0, "%", "2025", "yes"),
                       ("S6", "5% a year", "cost_inflation_pct", 5.0, "%", "2025", "yes"),
                       ("S3", "rate of 65", "cla_rate_per_10k", 65.0, "", "2028", "yes"))
    results = scenarios.apply_scenarios(fake_forecast_set(with_total=True, series=SERIES), frame, UNIT, None)
    assert [r.at_once for r in results] == [True, False, False]


def test_the_refusal_names_the_council_s_file_row_and_column(tmp_path, fake_forecast_set):
    """Lewisham's file as it was (S4 due in 2023) names its own path, row 5 and the year column."""
    from sufficiency.core.paths import DATA_LOCAL
    from sufficiency.data import localdata

    folder = tmp_path / "lewisham"
    folder.mkdir()
    text = (DATA_LOCAL / "lewisham" / "scenarios.csv").read_text()
    (folder / "scenarios.csv").write_text(text.replace("uasc_pct_of_nts_level,100,%,2028", "uasc_pct_of_nts_level,100,%,2023"))
    frame = localdata.load_table("lewisham", "scenarios", root=tmp_path)
    with pytest.raises(InputError) as err:
        scenarios.apply_scenarios(fake_forecast_set(with_total=True, series=SERIES), frame, UNIT, None)
    assert str(err.value).startswith(f"{folder / 'scenarios.csv'}, row 5, column 'year': found 2023; expected 2025 or later")
