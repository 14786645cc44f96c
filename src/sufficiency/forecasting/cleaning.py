"""Checks on an annual series before it is forecast: whole-year index, numbers only, no
negative counts, nothing after the edition's cut-off year, and at least two figures.

Missing years (suppressed or not published) stay in as NaN, and a note says which they are,
for the book to print beside the forecast.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from sufficiency.core.errors import InputError


def clean_series(series: pd.Series, measure: str | None = None, *, counts: bool = True,
                 cut_off: int | None = None) -> tuple[pd.Series, list[str]]:
    """Check an annual series; return it (float, int-year index, sorted, cut off) and notes.

    Missing (NaN) years stay in the returned series; methods skip them. The notes
    say in plain English which years were left out, for the book to print.

    >>> s, notes = clean_series(pd.Series([5, None, 7], index=[2020, 2021, 2022]), "starters")
    >>> notes
    ['starters: no figure for 2021 (suppressed or not published), so it was left out of the fit.']
    """
    name = measure or (str(series.name) if series.name is not None else "series")
    where = f"series '{name}'"
    try:
        years = pd.Index(series.index).astype(int)
    except (TypeError, ValueError):
        raise InputError(where, "index", repr(list(series.index)[:5]), "whole years such as 2025") from None
    if not np.array_equal(years.to_numpy(), np.asarray(series.index, dtype=float)):
        raise InputError(where, "index", repr(list(series.index)[:5]), "whole years such as 2025")
    if years.has_duplicates:
        raise InputError(where, "index", f"repeated years {sorted(set(years[years.duplicated()]))}",
                         "one value per year")
    values = pd.to_numeric(pd.Series(series.to_numpy(), index=years), errors="coerce")
    bad = values.isna() & pd.Series(series.to_numpy(), index=years).notna()
    if bad.any():
        first = bad[bad].index[0]
        raise InputError(where, f"year {first}", repr(series.to_numpy()[list(years).index(first)]),
                         "a number or NaN", hint="convert DfE markers to NaN before forecasting")
    values = values.astype(float).sort_index()
    if cut_off is not None:
        values = values[values.index <= int(cut_off)]
    if counts and (values < 0).any():
        raise InputError(where, f"year {values[values < 0].index[0]}", "a negative count", "zero or more")
    notes = []
    missing = [int(y) for y in values.index[values.isna()]]
    if missing:
        listed = ", ".join(map(str, missing))
        notes.append(f"{name}: no figure for {listed} (suppressed or not published), "
                     f"so {'it was' if len(missing) == 1 else 'they were'} left out of the fit.")
    if values.notna().sum() < 2:
        raise InputError(where, found=f"{int(values.notna().sum())} year(s) with a figure",
                         expected="at least 2 to forecast")
    return values, notes
