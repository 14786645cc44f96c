"""sufficiency.data.published.tidy: the shared layout, newest-wins stacking and bad cells."""
from __future__ import annotations

import pandas as pd
import pytest

from sufficiency.core.errors import InputError
from sufficiency.data.published import tidy


def _row(**values):
    row = {"la_code": "209", "la_name": "Lewisham", "level": "local authority", "region_code": "E12000007",
           "region_name": "London", "year": 2025, "measure": "m", "breakdown": "", "value": 1.0, "marker": None,
           "unit": "children", "source": "s", "release": "R"}
    row.update(values)
    return pd.DataFrame([row])


def test_newest_wins_keeps_the_first_frames_row_even_when_suppressed():
    newer = _row(value=float("nan"), marker="c", release="R2025")
    older = pd.concat([_row(value=5.0, release="R2024"), _row(year=2024, value=4.0, release="R2024")])
    out = tidy.newest_wins([newer, older]).set_index("year")
    assert out.loc[2025, "marker"] == "c" and out.loc[2025, "release"] == "R2025"
    assert out.loc[2024, "value"] == 4.0


def test_finish_orders_and_limits_years():
    frame = pd.concat([_row(year=2025), _row(level="england", la_code=None, region_code=None, year=2024)])
    out = tidy.finish(frame, 2024)
    assert out["year"].tolist() == [2024] and list(out.columns) == tidy.TIDY_COLUMNS


def test_a_bad_cell_names_its_row():
    frame = pd.DataFrame({"number": ["1", "lots"]})
    with pytest.raises(InputError, match="row 3, column 'number'"):
        tidy.parse_values(frame, "number", "file.csv")
