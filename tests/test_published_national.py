"""sufficiency.data.published.national: England's long series and the extra per-council tables."""
from __future__ import annotations

from sufficiency.data import published
from sufficiency.data.published.national import NATIONAL_SOURCE


def test_national_time_series_long_and_year_limited():
    frame = published.national_time_series(2025)
    series = frame.set_index(["measure", "year"])
    assert series.loc[("cla_31_march", 1994), "value"] == 47590
    assert series.loc[("cla_31_march", 1994), "source"] == NATIONAL_SOURCE
    assert series.loc[("cla_31_march", 2025), "value"] == 81770      # newest release wins for recent years
    assert series.loc[("cla_31_march", 2025), "release"] == "R2025"
    assert series.loc[("cla_uasc", 2025), "value"] == 6540
    assert published.national_time_series(2010)["year"].max() == 2010


def test_england_rate():
    rate = published.england_rate(2025).set_index("year")["value"]
    assert rate[2016] == 60 and rate[2025] == 67


def test_foster_by_provider_england():
    foster = published.foster_by_provider(2024)
    private = foster[foster["provider"] == "Private provision"].set_index("year")["percent"]
    assert round(private[2024], 1) == 31.7
    assert published.foster_by_provider(2022)["year"].max() == 2022


def test_missing_and_staying_put_end_in_2024():
    missing = published.missing_episodes(2025)
    assert missing["year"].max() == 2024
    assert set(missing["measure"]) == {"missing_children", "missing_pct", "away_pct", "missing_incidents_per_child"}
    stay = published.staying_put(2025)
    assert stay["year"].max() == 2024 and set(stay["measure"]) == {"staying_put_18", "staying_put_19_to_20"}
    assert published.missing_episodes(2020)["year"].max() == 2020
