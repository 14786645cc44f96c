"""The cache of executed notebooks: a page re-runs only when its template, parameters, the
package's code or a data file it read has changed (Jupyter Book's own cache ignores data files)."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from sufficiency.build.plan import PageRun
from sufficiency.core.digests import DigestMemo, write_atomic


@dataclass
class ExecutionCache:
    """Executed notebooks of one edition, with what each one read.

    ``<root>/<page>.ipynb`` is the executed notebook, ``<root>/<page>.json`` its record: the key of
    its template, parameters and code, and the digest of every data file it read.
    """

    root: Path
    memo: DigestMemo

    def record_path(self, page: str) -> Path:
        return self.root / f"{page}.json"

    def notebook_path(self, page: str) -> Path:
        return self.root / f"{page}.ipynb"

    def files_dir(self, page: str) -> Path:
        return self.root / "files" / page

    def is_fresh(self, page: str, key: str) -> bool:
        try:
            record = json.loads(self.record_path(page).read_text())
        except (OSError, ValueError):
            return False
        if record.get("key") != key or not self.notebook_path(page).exists():
            return False
        return all(self.memo.digest(Path(p)) == d for p, d in record["reads"].items())

    def store(self, page: str, key: str, reads: list[str], seconds: float) -> None:
        digests = {p: self.memo.digest(Path(p)) for p in sorted(set(reads))}
        record = {"key": key, "reads": digests, "seconds": round(seconds, 2)}
        write_atomic(self.record_path(page), json.dumps(record, indent=1))

    def reads(self, page: str) -> list[str]:
        try:
            return list(json.loads(self.record_path(page).read_text())["reads"])
        except (OSError, ValueError, KeyError):
            return []


def extract_listing_digest(folder: Path | None) -> str:
    """Names, sizes and times of every file in an SSDA903 extract folder: adding a year's return
    (a file no page has read yet) must re-run the pages, which recorded reads alone would miss."""
    if not folder:
        return ""
    h = hashlib.sha256()
    for path in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
        st = path.stat()
        h.update(f"{path.relative_to(folder).as_posix()}|{st.st_size}|{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def run_key(run: PageRun, params: dict, code: str) -> str:
    h = hashlib.sha256()
    h.update(run.template.read_bytes())
    h.update(json.dumps(params, sort_keys=True, default=str).encode())
    h.update(code.encode())
    return h.hexdigest()
