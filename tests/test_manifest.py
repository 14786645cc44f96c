"""The manifest lists every raw file with its origin, and every checksum matches."""
from __future__ import annotations

import shutil

from sufficiency.core.paths import DATA_RAW, MANIFEST
from sufficiency.data import manifest


def test_manifest_matches_every_raw_file():
    assert manifest.verify_manifest() == []


def test_every_raw_file_is_listed_once_with_full_metadata():
    rows = manifest.read_manifest()
    listed = [row["path"] for row in rows]
    on_disk = [p.relative_to(DATA_RAW.parent).as_posix() for p in manifest.raw_files()]
    assert sorted(listed) == sorted(on_disk)
    assert len(set(listed)) == len(listed)
    for row in rows:
        assert row["publisher"] and row["licence"] and row["origin"], row["path"]
        assert len(row["sha256"]) == 64 and int(row["bytes"]) > 0


def test_known_rows():
    rows = {row["path"]: row for row in manifest.read_manifest()}
    rate = rows["raw/cla_dfe_ees/cla_number_and_rate_per_10k_children.csv"]
    assert rate["publisher"] == "Department for Education"
    assert rate["licence"] == "Open Government Licence v3.0"
    assert "2f5d11a431050523dab58810083259d3313029ae" in rate["origin"]
    assert rate["coverage"] == "2019-2025"
    nts = rows["raw/uasc_nts/home_office_national_transfer_scheme_uasc_by_la_quarterly.csv"]
    assert nts["publisher"] == "Home Office" and nts["origin"].endswith("data-raw/nts.csv")


def test_verify_reports_changed_missing_and_unlisted_files(tmp_path):
    raw = tmp_path / "raw"
    (raw / "lait").mkdir(parents=True)
    shutil.copy(DATA_RAW / "lait" / "la_code_list.csv", raw / "lait")
    shutil.copy(DATA_RAW / "lait" / "PROVENANCE.md", raw / "lait")
    target = tmp_path / "manifest.csv"
    manifest.build_manifest(raw, target)
    assert manifest.verify_manifest(raw, target) == []

    with open(raw / "lait" / "la_code_list.csv", "a") as fh:
        fh.write("999,Nowhere,,\n")
    (raw / "lait" / "extra.csv").write_text("a\n1\n")
    (raw / "lait" / "PROVENANCE.md").unlink()
    problems = "\n".join(manifest.verify_manifest(raw, target))
    assert "la_code_list.csv" in problems and "checksum" in problems
    assert "PROVENANCE.md" in problems and "missing" in problems
    assert "raw/lait/extra.csv: not listed" in problems


def test_missing_manifest_is_reported(tmp_path):
    assert "missing" in manifest.verify_manifest(DATA_RAW, tmp_path / "none.csv")[0]


def test_real_manifest_path():
    assert MANIFEST.name == "manifest.csv" and MANIFEST.exists()
