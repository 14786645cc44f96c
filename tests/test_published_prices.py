"""The ONS price indices: financial-year means from the quarters, factors between years, bad rows."""
from __future__ import annotations

import shutil

import pytest

from sufficiency.core.errors import InputError
from sufficiency.core.paths import DATA_RAW
from sufficiency.data.published import prices


def test_a_financial_year_is_the_mean_of_its_four_quarters():
    # 2024-25: 2024 Q2-Q4 and 2025 Q1 of the GDP deflator (110.1, 112.1, 113.2, 114.1).
    assert prices.financial_year_index(2025) == pytest.approx((110.1 + 112.1 + 113.2 + 114.1) / 4)
    # 2020-21 takes the pandemic quarter (98.8) with the three after it.
    assert prices.financial_year_index(2021) == pytest.approx((98.8 + 94.9 + 94.3 + 95.3) / 4)


def test_factor_from_2020_21_to_2024_25_prices():
    assert prices.price_factor(2021, 2025) == pytest.approx(112.375 / 95.825)
    assert round(4279 * prices.price_factor(2021, 2025)) == 5018


def test_years_the_index_does_not_reach_give_none():
    assert prices.financial_year_index(2026) is None    # needs 2025 Q2 to 2026 Q1
    assert prices.price_factor(2021, 2026) is None
    assert prices.financial_year_index(2005) is None    # quarters start in 2005 Q1


def test_cpih_is_read_the_same_way():
    frame = prices.price_index(prices.CPIH)
    assert frame["series_id"].unique().tolist() == ["L522"]
    assert frame[(frame.year == 2015) & (frame.quarter == 0)]["value"].item() == 100.0


def test_a_value_that_is_not_a_number_names_file_row_and_column(tmp_path):
    path = tmp_path / "ons_gdp_deflator_ybgb.csv"
    shutil.copy(DATA_RAW / "prices" / path.name, path)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].rsplit(",", 1)[0] + ",n/a"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        prices.price_index(path)
    assert str(err.value).endswith("ons_gdp_deflator_ybgb.csv, row 4, column 'value': found 'n/a'; "
                                   "expected an index value above zero.")
