"""Tests for sufficiency.forecasting.cleaning: what a series must look like before it is forecast,
and the note readers get about missing years."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sufficiency.core.errors import InputError
from sufficiency.forecasting.cleaning import clean_series


@pytest.mark.parametrize("bad, expected", [
    (pd.Series(["484", "c", "468"], index=[2019, 2020, 2021]), "year 2020: found 'c'"),
    (pd.Series([484.0, np.nan, np.nan], index=[2019, 2020, 2021]), "at least 2"),
    (pd.Series([1.0, 2.0, 3.0], index=[2019, 2019, 2020]), "repeated years"),
    (pd.Series([1.0, -2.0, 3.0], index=[2019, 2020, 2021]), "negative count"),
    (pd.Series([1.0, 2.0, 3.0], index=[2019.5, 2020.5, 2021.5]), "whole years such as 2025"),
])
def test_bad_series_raise_input_error(bad, expected):
    with pytest.raises(InputError, match=expected):
        clean_series(bad, "cla")


def test_missing_years_stay_in_and_are_named_in_a_note():
    values, notes = clean_series(pd.Series([5, None, None, 7], index=[2022, 2020, 2021, 2023]), "starters")
    assert values.index.tolist() == [2020, 2021, 2022, 2023]
    assert values.isna().tolist() == [True, True, False, False]
    assert notes == ["starters: no figure for 2020, 2021 (suppressed or not published), "
                     "so they were left out of the fit."]


def test_cut_off_drops_later_years_and_rates_may_be_negative():
    values, notes = clean_series(pd.Series([-1.0, 2.0, 3.0], index=[2020, 2021, 2022]), "change",
                                 counts=False, cut_off=2021)
    assert values.to_dict() == {2020: -1.0, 2021: 2.0} and notes == []
