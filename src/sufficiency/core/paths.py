"""Every path the project uses, from one place (never from the working directory).

>>> (PROJECT_ROOT / "pyproject.toml").exists()
True
"""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[3]
# An analyst may point the build at another copy of the data (tests use this for bad inputs).
DATA = Path(os.environ.get("SUFFICIENCY_DATA", PROJECT_ROOT / "data")).resolve()
DATA_RAW = DATA / "raw"          # published sources, read-only, one folder per source
DATA_LOCAL = DATA / "local"      # a council's own figures and words, one folder per council
MANIFEST = DATA / "manifest.csv"  # publisher, licence, origin, coverage, checksum of every raw file
NOTEBOOKS = PROJECT_ROOT / "notebooks"
BOOK = PROJECT_ROOT / "book"
BUILD = PROJECT_ROOT / "_build"
