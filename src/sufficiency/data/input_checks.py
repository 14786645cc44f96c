"""The checks every build runs first, remembered while the inputs stay the same.

Validating every published table takes seconds; a rebuild with nothing changed must not. The
result of the published-data check is stored with the digest of every file under ``data/raw`` and
of the code, and reused only while all of them are unchanged. The council's own files are small
and always checked.
"""
from __future__ import annotations

import hashlib
import json

from sufficiency.core.digests import code_digest, digest_memo
from sufficiency.core.paths import DATA_RAW, PROJECT_ROOT
from sufficiency.data import localdata, manifest, validate
from sufficiency.data.published import cla_headline

RECORD = PROJECT_ROOT / ".cache" / "checks.json"


def _inputs_digest(extra: str) -> str:
    memo = digest_memo()
    h = hashlib.sha256((code_digest() + extra).encode())
    for path in sorted(p for p in DATA_RAW.rglob("*") if p.is_file()):
        h.update(path.relative_to(DATA_RAW).as_posix().encode())
        h.update((memo.digest(path) or "").encode())
    memo.save()
    return h.hexdigest()


def _remembered(key: str) -> dict:
    try:
        return json.loads(RECORD.read_text()).get(key, {})
    except (OSError, ValueError):
        return {}


def _remember(key: str, value: dict) -> None:
    try:
        records = json.loads(RECORD.read_text())
    except (OSError, ValueError):
        records = {}
    records[key] = value
    RECORD.parent.mkdir(parents=True, exist_ok=True)
    tmp = RECORD.with_suffix(".tmp")
    tmp.write_text(json.dumps(records, indent=1))
    tmp.replace(RECORD)


def available_years() -> tuple[int, int]:
    """The first and last reporting years with children-looked-after figures in ``data/raw``."""
    digest = _inputs_digest("years")
    cached = _remembered("years")
    if cached.get("digest") == digest:
        return cached["earliest"], cached["latest"]
    years = cla_headline(None)
    years = years[(years["measure"] == "cla_31_march") & (years["level"] == "local authority")]["year"]
    earliest, latest = int(years.min()), int(years.max())
    _remember("years", {"digest": digest, "earliest": earliest, "latest": latest})
    return earliest, latest


def check_inputs(council, year: int) -> list[str]:
    """Validate the published data (to ``year``) and the council's own files.

    Returns summary lines; raises :class:`~sufficiency.core.errors.InputError` on the first problem.
    """
    memo = digest_memo()
    checked = manifest.check_checksums(digest=memo.digest)   # before anything reads them
    memo.save()
    key = f"public-inputs-{year}"
    digest = _inputs_digest(key)
    cached = _remembered(key)
    if cached.get("digest") == digest:
        lines = cached["lines"] + ["(published files unchanged since they were last checked)"]
    else:
        lines = list(validate.validate_public_inputs(year))
        _remember(key, {"digest": digest, "lines": lines})
    lines.insert(0, f"{checked} published files match the checksums in data/manifest.csv")
    if not localdata.has_local_folder(council.slug):
        # A council starts with no files of its own: the book is built from published data and
        # each chapter says which local figures are missing.
        lines.append(f"no local files for {council.name} (data/local/{council.slug}); the book will say "
                     "which local figures are missing (start from data/local/_template)")
        return lines
    local = localdata.load_local(council.slug)   # raises InputError naming file, row and column
    lines.append(f"local files for {council.name} (data/local/{council.slug}): "
                 + ", ".join(f"{name} {len(frame)} row(s)" for name, frame in local.items()))
    return lines
