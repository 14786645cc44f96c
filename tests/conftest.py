"""Shared test fixtures: paths to the project's raw data, and a fresh loader cache per test module."""
from __future__ import annotations

import pytest

from sufficiency.core.paths import DATA_RAW


@pytest.fixture(scope="session")
def raw_dir():
    """The project's data/raw folder (tests read the real published files)."""
    return DATA_RAW


@pytest.fixture()
def fake_forecast_set():
    """A factory of small, hand-made forecasts for Lewisham 2025 (children by placement type for
    2026–2028, ranges ±10 and ±20), for tests of what is computed from a forecast; ``with_total``
    adds children looked after as the sum of the placement types, ``series`` the recorded history."""
    from types import SimpleNamespace

    import numpy as np
    import pandas as pd

    from sufficiency.data.councils import resolve_council
    from sufficiency.forecasting import demand

    def frame(measure, points, years=(2026, 2027, 2028), width=10.0):
        points = np.asarray(points, dtype=float)
        return pd.DataFrame({"measure": measure, "year": list(years), "point": points,
                             "lower_80": points - width, "upper_80": points + width,
                             "lower_95": points - 2 * width, "upper_95": points + 2 * width, "model": "naive"})

    def make(with_total: bool = False, series: dict | None = None):
        points = {"placement_foster": [300, 290, 280], "placement_homes": [50, 50, 50],
                  "placement_semi_independent": [40, 40, 40], "placement_other": [50, 50, 50]}
        if with_total:
            points["cla_31_march"] = np.sum(list(points.values()), axis=0)
        results = {m: SimpleNamespace(frame=frame(m, p)) for m, p in points.items()}
        return demand.ForecastSet(resolve_council("209"), 2025, series or {}, results)

    return make


@pytest.fixture(scope="session")
def synthetic_lewisham_extract(tmp_path_factory):
    """A SYNTHETIC six-year SSDA903 extract for Lewisham to 2025 (seed 0), written once per run and
    shared by the record-level chapter tests (they only read it)."""
    from sufficiency.records import synthetic

    folder = tmp_path_factory.mktemp("synthetic-lewisham")
    synthetic.generate(folder, la_code="209", year=2025, years=6, seed=0)
    return folder


@pytest.fixture()
def published_out(tmp_path):
    """An output folder whose published book (``html`` → ``html-good``) reads "last good book", for
    tests that check a failed build leaves it untouched."""
    out = tmp_path / "out"
    (out / "html-good").mkdir(parents=True)
    (out / "html-good" / "index.html").write_text("last good book")
    (out / "html").symlink_to("html-good")
    return out
