"""sufficiency.data.published.lait: year strings, any measure as a tidy table, polarity."""
from __future__ import annotations

import pytest

from sufficiency.core.errors import InputError
from sufficiency.data.published import lait_measure, lait_polarity, lait_year


def test_lait_year_strings():
    assert lait_year("2023-24 (OT)") == 2024 and lait_year("2019/20") == 2020
    assert lait_year("2014-16") is None and lait_year("2025 (prov)") == 2025


def test_lait_measure_generic():
    costs = lait_measure("LACFinance", 2025, unit="£ per week")
    lewisham = costs[costs.la_code == "209"]
    assert lewisham.year.min() == 2017 and lewisham.year.max() == 2025
    assert (lewisham.source == "lait").all() and (lewisham.unit == "£ per week").all()
    assert lait_measure("LACnum", 2019).year.max() == 2019
    with pytest.raises(InputError, match="measure_short"):
        lait_measure("NoSuchMeasure")


def test_lait_polarity():
    assert lait_polarity("LACStable_2016on") == "Low"
    assert lait_polarity("LAC") is None
    assert lait_polarity("NoSuchMeasure") is None
