"""Tests for sufficiency.forecasting.gap: forecast children against the places public data count,
and the share of fostered children living with the council's own carers."""
from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from sufficiency.data.councils import resolve_council
from sufficiency.forecasting import demand, gap


def _frame(measure, points, years=(2026, 2027, 2028), width=10.0):
    points = np.asarray(points, dtype=float)
    return pd.DataFrame({"measure": measure, "year": list(years), "point": points,
                         "lower_80": points - width, "upper_80": points + width,
                         "lower_95": points - 2 * width, "upper_95": points + 2 * width, "model": "naive"})


def _fake_set():
    points = {"placement_foster": [300, 290, 280], "placement_homes": [50, 50, 50],
              "placement_semi_independent": [40, 40, 40], "placement_other": [50, 50, 50]}
    results = {m: SimpleNamespace(frame=_frame(m, p)) for m, p in points.items()}
    return demand.ForecastSet(resolve_council("209"), 2025, {}, results)


def test_gap_table_uses_latest_places():
    table = gap.gap_table(_fake_set()).set_index(["placement", "year"])
    assert table.loc[("Foster care", 2026), "supply"] == 135        # LAIT in-house places, 2025
    assert table.loc[("Foster care", 2026), "gap"] == 300 - 135
    assert table.loc[("Foster care", 2026), "gap_low_80"] == 290 - 135
    assert table.loc[("Children's homes", 2028), "supply"] == 43     # Ofsted places in Lewisham, 2025
    assert math.isnan(table.loc[("Other placements", 2026), "gap"])


def test_gap_table_says_what_each_supply_figure_is():
    what = gap.gap_table(_fake_set()).drop_duplicates("placement").set_index("placement")["supply_what"]
    assert what.to_dict() == {
        "Foster care": "the council's own approved foster places on 31 March 2025",
        "Children's homes": "registered places in children's homes in the area on 31 March 2025",
        "Semi-independent and supported": "no public count",
        "Other placements": "no public count"}


def test_lewisham_inhouse_foster_share():
    # 85 in-house places filled (LAIT) over 300 children in foster care (DfE), both 31 March 2025
    share, year, source = gap.inhouse_foster_share("209", 2025)
    assert share == pytest.approx(85 / 300) and year == 2025
    assert source == "in-house foster places filled (LAIT) over children in foster care (DfE)"
