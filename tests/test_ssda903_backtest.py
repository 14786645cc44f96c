"""Back-test of the stock-and-flow projection, and its comparison with the aggregate method."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sufficiency.forecasting import methods
from sufficiency.records import backtest, indicators, markov, read, synthetic

#: Lewisham's published children looked after on 31 March (DfE; see the doctest of sufficiency.data.published).
LEWISHAM_CLA = pd.Series([526.0, 485, 498, 494, 500, 486, 460, 456, 480, 484, 473, 468, 462, 433, 453, 439],
                         index=range(2010, 2026), name="cla_31_march")


@pytest.fixture(scope="module")
def lewisham(tmp_path_factory):
    """Six annual synthetic extracts (2019-20 to 2024-25) fitted to Lewisham's published figures."""
    folder = tmp_path_factory.mktemp("lewisham")
    synthetic.generate(folder, la_code="209", year=2025, years=6, seed=0)
    return read.read_extract(folder, year=2025)


@pytest.fixture(scope="module")
def result(lewisham):
    return backtest.backtest(lewisham, draws=500)


def test_origins_and_target_years(lewisham, result):
    assert backtest.origins(lewisham) == [2022, 2023, 2024]
    table = result.table
    assert list(table.columns) == methods.BACKTEST_COLUMNS
    assert list(zip(table["origin"], table["year"])) == [(2022, 2023), (2022, 2024), (2022, 2025),
                                                          (2023, 2024), (2023, 2025), (2024, 2025)]
    assert set(table["model"]) == {"stock_and_flow"}
    assert table["horizon"].tolist() == [1, 2, 3, 1, 2, 1]
    assert table[["lower_95", "upper_95"]].isna().all().all()       # no 95% range is claimed


def test_actuals_are_the_extracts_own_counts(lewisham, result):
    counts = indicators.indicators_for_years(lewisham, [2023, 2024, 2025])
    cla = counts[counts["measure"] == "cla_31_march"].set_index("year")["value"]
    actual = result.table.drop_duplicates("year").set_index("year")["actual"]
    assert actual.to_dict() == cla.to_dict()
    # The synthetic extract is fitted to Lewisham's published 439 on 31 March 2025.
    assert abs(actual[2025] - 439) <= 3


def test_points_are_the_projection_made_at_each_origin(lewisham, result):
    at_2024 = markov.from_origin(lewisham, 2024, horizon=1)
    total = at_2024[(at_2024["measure"] == markov.BY_PLACEMENT) & (at_2024["breakdown"] == "")]
    row = result.table[result.table["origin"] == 2024].iloc[0]
    assert row["point"] == pytest.approx(total["value"].iloc[0])
    assert (result.table["lower_80"] <= result.table["point"]).all()
    assert (result.table["point"] <= result.table["upper_80"]).all()


def test_summary_scores_the_table(result):
    table = result.table
    error = (table["actual"] - table["point"]).abs()
    assert result.summary["mae"] == pytest.approx(error.mean())
    assert result.summary["mape"] == pytest.approx((error / table["actual"]).mean() * 100)
    assert result.summary["n_origins"] == 3 and result.summary["n_forecasts"] == 6
    assert 0 < result.summary["mase"] < 3


def test_mase_scale_is_the_extracts_own_yearly_change(lewisham, result):
    stocks = backtest.actual_stocks(lewisham)
    assert stocks.index.tolist() == list(range(2019, 2026))
    scale = result.table.drop_duplicates("origin").set_index("origin")["mase_scale"]
    assert scale[2022] == pytest.approx(stocks.loc[2019:2022].diff().abs().mean())


def test_a_short_extract_gets_no_score(tmp_path):
    synthetic.generate(tmp_path, la_code="209", year=2025, years=3, seed=0)
    short = read.read_extract(tmp_path, year=2025)
    result = backtest.backtest(short, draws=100)
    assert result.table.empty
    assert np.isnan(result.summary["mae"]) and result.summary["n_forecasts"] == 0
    assert "too few complete years" in result.notes[0]
    comparison = backtest.compare_with_aggregate(short, "209", 2025, published=LEWISHAM_CLA, draws=100)
    assert comparison.table.empty
    assert any("not compared" in note for note in comparison.notes)


def test_comparison_uses_the_same_origins_and_years(lewisham):
    comparison = backtest.compare_with_aggregate(lewisham, "209", 2025, published=LEWISHAM_CLA, draws=500)
    rows = comparison.rows
    keys = {m: set(zip(r["origin"], r["year"])) for m, r in rows.groupby("method")}
    assert keys["stock_and_flow"] == keys["aggregate"] == keys["naive"]
    assert len(keys["aggregate"]) == 6
    # The aggregate side is scored against DfE's published figures, the naive one too.
    published = rows[rows["method"] == "aggregate"].drop_duplicates("year").set_index("year")["actual"]
    assert published.to_dict() == {2023: 433.0, 2024: 453.0, 2025: 439.0}
    naive = rows[(rows["method"] == "naive") & (rows["origin"] == 2022)]
    assert naive["point"].tolist() == [462.0, 462.0, 462.0]        # Lewisham's published 2022 figure
    table = comparison.table.set_index(["method", "horizon"])
    assert list(comparison.table.columns) == backtest.COMPARISON_COLUMNS
    assert table.loc[("stock_and_flow", "all"), "n"] == table.loc[("aggregate", "all"), "n"] == 6
    assert table.loc[("aggregate", 3), "n"] == 1
    assert table.loc[("naive", 1), "mae"] == pytest.approx((abs(433 - 462) + abs(453 - 433) + abs(439 - 453)) / 3)
    assert table.loc[("stock_and_flow", "all"), "scored_against"] == "the extract's own count"
    assert "scored against the council's own records" in comparison.notes[-1]


@pytest.mark.slow
def test_comparison_reads_the_published_series(lewisham):
    assert backtest.published_cla("209", 2025).loc[2019:].tolist() == [484, 473, 468, 462, 433, 453, 439]
    comparison = backtest.compare_with_aggregate(lewisham, "209", 2024, draws=200)
    assert comparison.rows["year"].max() == 2024                     # nothing after the edition's year
