"""File and code digests, remembered between processes, and atomic writes.

A digest is the SHA-256 of a file's bytes. The build keys its caches on them: a notebook re-runs
when a file it read has a new digest, or when the package's own code (:func:`code_digest`) changes.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "t.txt"
>>> _ = p.write_text("abc")
>>> file_digest(p)[:12]
'ba7816bf8f01'
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
from pathlib import Path

from sufficiency import __version__
from sufficiency.core.paths import PROJECT_ROOT

#: The whole package: changing any of its modules re-executes every notebook.
PACKAGE_DIR = Path(__file__).resolve().parents[1]


def file_digest(path: Path) -> str:
    """The SHA-256 of a file's bytes, read in 1 MiB chunks."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def code_digest() -> str:
    """A digest of the helper package's source: changing the code re-executes every notebook."""
    h = hashlib.sha256(__version__.encode())
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        h.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    """:func:`code_digest`, worked out once per process."""
    return code_digest()


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and one rename: readers never see half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")  # unique: notebooks run in parallel
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


class DigestMemo:
    """File digests remembered by (size, mtime): unchanged files are not hashed again."""

    def __init__(self, path: Path):
        self.path = path
        try:
            self.known = json.loads(path.read_text())
        except (OSError, ValueError):
            self.known = {}

    def digest(self, path: Path) -> str | None:
        try:
            st = path.stat()
        except OSError:
            return None
        # Keyed by device and inode, so a hard-linked copy of the data is not hashed again.
        key, stamp = f"{st.st_dev}:{st.st_ino}", [st.st_size, st.st_mtime_ns]
        entry = self.known.get(key)
        if entry and entry[0] == stamp:
            return entry[1]
        value = file_digest(path)
        self.known[key] = [stamp, value]
        return value

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(self.path, json.dumps(self.known))


@functools.lru_cache(maxsize=1)
def digest_memo() -> DigestMemo:
    """One memo of file digests per process, so each cached call doesn't reload it."""
    return DigestMemo(PROJECT_ROOT / ".cache" / "digests.json")
