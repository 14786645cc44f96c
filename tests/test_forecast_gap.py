"""Tests for sufficiency.forecasting.gap: forecast children against the places public data count,
and the share of fostered children living with the council's own carers."""
from __future__ import annotations

import math

from sufficiency.forecasting import gap


def test_gap_table_uses_latest_places(fake_forecast_set):
    table = gap.gap_table(fake_forecast_set()).set_index(["placement", "year"])
    assert table.loc[("Foster care", 2026), "supply"] == 135        # LAIT in-house places, 2025
    assert table.loc[("Foster care", 2026), "gap"] == 300 - 135
    assert table.loc[("Foster care", 2026), "gap_low_80"] == 290 - 135
    assert table.loc[("Children's homes", 2028), "supply"] == 43     # Ofsted places in Lewisham, 2025
    assert math.isnan(table.loc[("Other placements", 2026), "gap"])


def test_gap_table_says_what_each_supply_figure_is(fake_forecast_set):
    what = gap.gap_table(fake_forecast_set()).drop_duplicates("placement").set_index("placement")["supply_what"]
    assert what.to_dict() == {
        "Foster care": "the council's own approved foster places on 31 March 2025",
        "Children's homes": "registered places in children's homes in the area on 31 March 2025",
        "Semi-independent and supported": "no public count",
        "Other placements": "no public count"}
