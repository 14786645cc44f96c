"""Shared test fixtures: paths to the project's raw data, and a fresh loader cache per test module."""
from __future__ import annotations

import pytest

from sufficiency.core.paths import DATA_RAW


@pytest.fixture(scope="session")
def raw_dir():
    """The project's data/raw folder (tests read the real published files)."""
    return DATA_RAW
