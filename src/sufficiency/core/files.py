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

import functools
import gzip
import hashlib
import os
import pickle
import re
from pathlib import Path

import pandas as pd

from sufficiency.core.digests import code_version, digest_memo
from sufficiency.core.errors import InputError
from sufficiency.core.paths import DATA, PROJECT_ROOT

#: When set, every file read is appended (one absolute path per line) to this file.
READS_LOG_ENV = "SUFFICIENCY_READS_LOG"


#: Sets that collect every path read while a cached loader runs (see :func:`disk_cached`).
_CAPTURES: list[set[str]] = []


def record_read(path: str | Path) -> Path:
    """Note that ``path`` is an input of the running notebook; return it resolved."""
    path = Path(path).resolve()
    for capture in _CAPTURES:
        capture.add(str(path))
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
        # utf-8-sig: Excel's "CSV UTF-8" and some DfE files start with a byte-order mark.
        frame = pd.read_csv(path, dtype=dtype, keep_default_na=False, na_values=[""],
                            encoding="utf-8-sig", **kwargs)
    except UnicodeDecodeError:
        raise InputError(path, _first_bad_byte(path), "bytes that are not UTF-8 (often a file saved "
                         "as 'CSV' from Excel on Windows, in Windows-1252)", "a UTF-8 encoded CSV file",
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
        if missing and len(frame.columns) == 1 and frame.columns[0].count(";") >= 1:
            raise InputError(path, "header row", f"columns separated by semicolons ({frame.columns[0][:80]!r})",
                             "columns separated by commas",
                             hint="Save the file again as 'CSV UTF-8 (Comma delimited)'")
        if missing:
            raise InputError(path, "header row", f"columns {list(frame.columns)}",
                             f"also the column(s) {missing}")
    return _without_trailing_blank_rows(frame)


def _without_trailing_blank_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """Drop empty rows at the end of a file (Excel often saves a last row of commas). Only trailing
    rows go, so row numbers in messages still match the spreadsheet."""
    blank = frame.isna().all(axis=1).to_numpy()
    end = len(frame)
    while end > 0 and blank[end - 1]:
        end -= 1
    return frame.iloc[:end] if end < len(frame) else frame


def _first_bad_byte(path: Path) -> str:
    """Where the first byte that is not UTF-8 sits, as a spreadsheet user finds it: the row (the
    header is row 1), the column under its header's name, and the byte offset in the file."""
    raw = path.read_bytes()
    if path.suffix == ".gz":
        raw = gzip.decompress(raw)
    try:
        raw.decode("utf-8")
        return "somewhere in the file"
    except UnicodeDecodeError as exc:
        start = exc.start
    line_start = raw.rfind(b"\n", 0, start) + 1
    row = raw.count(b"\n", 0, start) + 1
    header = raw.split(b"\n", 1)[0].decode("utf-8", errors="replace").strip().split(",")
    column = raw[line_start:start].count(b",")   # commas inside quotes are rare in these files
    where = f"row {row}"
    if column < len(header):
        where += f", column '{header[column].strip()}'"
    return where + f" (byte {start + 1} of the file)"


def disk_cached(name: str):
    """Keep a slow loader's result on disk between processes (every notebook runs in its own kernel).

    The entry is keyed by the loader's name and arguments, the data folder and the package's code,
    and stores the digest of every file the loader read: it is used only while all of those files
    are unchanged, and using it records the same reads, so the build's dependency tracking is exact.
    """
    def decorate(loader):
        @functools.wraps(loader)
        def wrapper(*args):
            cache_dir = PROJECT_ROOT / ".cache" / "tables"
            key = hashlib.sha256(repr((name, args, str(DATA), code_version())).encode()).hexdigest()[:24]
            path = cache_dir / f"{re.sub(r'[^A-Za-z0-9._-]+', '_', name)[-60:]}-{key}.pkl"
            memo = digest_memo()
            try:
                with open(path, "rb") as fh:
                    entry = pickle.load(fh)
                if all(memo.digest(Path(p)) == d for p, d in entry["reads"].items()):
                    for p in entry["reads"]:
                        record_read(p)
                    return entry["result"]
            except (OSError, pickle.UnpicklingError, EOFError, KeyError, AttributeError, ValueError):
                pass
            capture: set[str] = set()
            _CAPTURES.append(capture)
            try:
                result = loader(*args)
            finally:
                _CAPTURES.pop()   # loaders nest, so captures form a stack (sets compare by value: no remove)
            entry = {"reads": {p: memo.digest(Path(p)) for p in sorted(capture)}, "result": result}
            cache_dir.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            with open(tmp, "wb") as fh:
                pickle.dump(entry, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
            memo.save()   # new digests: later processes need not hash those files again
            return result
        return wrapper
    return decorate
