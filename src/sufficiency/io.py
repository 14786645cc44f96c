"""Reading input files: one place that records what was read and turns
unreadable files into clear ``InputError`` messages.

Every loader reads through :func:`read_csv` (or :func:`record_read` for other
formats), so the build knows which data files each notebook depends on and can
re-execute only the notebooks whose inputs changed.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
>>> _ = p.write_text("a,b\\n1,c\\n")
>>> read_csv(p).to_dict("records")
[{'a': '1', 'b': 'c'}]
"""
from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from .errors import InputError

#: When set, every file read is appended (one absolute path per line) to this file.
READS_LOG_ENV = "SUFFICIENCY_READS_LOG"


def record_read(path: str | Path) -> Path:
    """Note that ``path`` is an input of the running notebook; return it resolved."""
    path = Path(path).resolve()
    log = os.environ.get(READS_LOG_ENV)
    if log:
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(f"{path}\n")
    return path


def read_csv(path: str | Path, *, dtype=str, required_columns: list[str] | None = None,
             **kwargs) -> pd.DataFrame:
    """Read a CSV (plain or .gz) with every column as text, so DfE markers survive.

    Raises :class:`InputError` naming the file for a missing, empty, truncated or
    wrongly encoded file, and for required columns that are absent.
    """
    path = record_read(path)
    if not path.exists():
        raise InputError(path, problem="the file is missing",
                         hint="Check the path, or restore the file from the repository")
    try:
        frame = pd.read_csv(path, dtype=dtype, keep_default_na=False, na_values=[""],
                            encoding="utf-8", **kwargs)
    except UnicodeDecodeError as exc:
        raise InputError(path, f"byte {exc.start}", "bytes that are not UTF-8",
                         "a UTF-8 encoded CSV file",
                         hint="Save the file again as 'CSV UTF-8'") from None
    except pd.errors.EmptyDataError:
        raise InputError(path, problem="the file is empty",
                         expected="a header row naming the columns, then data rows") from None
    except (pd.errors.ParserError, EOFError, OSError) as exc:
        detail = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
        raise InputError(path, problem=f"the file cannot be read as CSV ({detail})",
                         expected="a complete comma-separated file") from None
    frame.columns = [str(c).strip() for c in frame.columns]
    if required_columns:
        missing = [c for c in required_columns if c not in frame.columns]
        if missing:
            raise InputError(path, "header row", f"columns {list(frame.columns)}",
                             f"also the column(s) {missing}")
    return frame
