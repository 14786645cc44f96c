"""Tests for sufficiency.forecasting.reconcile: placement-type forecasts made to add up to the total."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sufficiency.forecasting.methods import FORECAST_COLUMNS
from sufficiency.forecasting.reconcile import reconcile_to_total


def _parts():
    rows = []
    for measure, base in [("foster", 300.0), ("residential", 60.0), ("other", 90.0)]:
        for i, year in enumerate([2026, 2027, 2028]):
            p = base + 3 * i
            rows.append({"measure": measure, "year": year, "point": p, "lower_80": p * 0.9,
                         "upper_80": p * 1.1 + i, "lower_95": p * 0.8, "upper_95": p * 1.25, "model": "naive"})
    return pd.DataFrame(rows, columns=FORECAST_COLUMNS)


def _total():
    return pd.DataFrame({"measure": "all", "year": [2026, 2027, 2028], "point": [440.0, 470.0, 455.5],
                         "lower_80": [400.0, 420.0, 400.0], "upper_80": [480.0, 520.0, 510.0],
                         "lower_95": [380.0, 400.0, 380.0], "upper_95": [500.0, 540.0, 530.0],
                         "model": "drift"}, columns=FORECAST_COLUMNS)


@pytest.mark.parametrize("method", ["proportional", "variance"])
def test_reconciled_parts_add_up_to_the_total(method):
    out = reconcile_to_total(_total(), _parts(), method=method)
    sums = out.groupby("year")["point"].sum()
    np.testing.assert_allclose(sums.to_numpy(), [440.0, 470.0, 455.5], rtol=0, atol=1e-9)
    assert list(out.columns) == FORECAST_COLUMNS
    assert (out["lower_95"] <= out["point"]).all() and (out["point"] <= out["upper_95"]).all()
    assert (out[["lower_80", "lower_95"]] >= 0).all().all()


def test_proportional_reconciliation_scales_intervals_by_the_same_factor():
    out = reconcile_to_total(_total(), _parts())
    factor_2026 = 440.0 / 450.0
    foster = out[(out["measure"] == "foster") & (out["year"] == 2026)].iloc[0]
    assert foster["point"] == pytest.approx(300 * factor_2026)
    assert foster["upper_95"] == pytest.approx(300 * 1.25 * factor_2026)
    assert foster["lower_80"] == pytest.approx(270 * factor_2026)


def test_variance_reconciliation_moves_the_least_certain_part_most():
    out = reconcile_to_total(_total(), _parts(), method="variance")
    shift = out.set_index(["measure", "year"])["point"] - _parts().set_index(["measure", "year"])["point"]
    # 2026: shortfall -10 shared by squared 80% widths 60^2, 12^2, 18^2
    widths = np.array([60.0, 12.0, 18.0]) ** 2
    expected = -10 * widths / widths.sum()
    np.testing.assert_allclose([shift[("foster", 2026)], shift[("residential", 2026)], shift[("other", 2026)]],
                               expected)


def test_parts_all_at_zero_share_the_total_equally():
    parts = _parts().assign(point=0.0, lower_80=0.0, upper_80=0.0, lower_95=0.0, upper_95=0.0)
    out = reconcile_to_total(_total(), parts)
    assert out.loc[out["year"] == 2026, "point"].tolist() == pytest.approx([440 / 3] * 3)


def test_reconcile_rejects_mismatched_inputs():
    with pytest.raises(ValueError, match="years differ"):
        reconcile_to_total(_total().iloc[:2], _parts())
    with pytest.raises(ValueError, match="method must be 'proportional' or 'variance'"):
        reconcile_to_total(_total(), _parts(), method="mint")
    with pytest.raises(ValueError, match="every part needs a forecast for 2027"):
        reconcile_to_total(_total(), _parts().drop(index=1))
