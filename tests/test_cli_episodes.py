"""`sufficiency episodes`: record-level extract in, disclosure-controlled tidy table out, no identifiers."""
import subprocess
import sys

import pandas as pd

from sufficiency.paths import PROJECT_ROOT


def test_episodes_command_writes_suppressed_table_without_identifiers(tmp_path):
    folder = tmp_path / "extract"
    done = subprocess.run([sys.executable, "-m", "sufficiency.cli", "episodes", str(folder), "--synthetic",
                           "--year", "2025"], capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    out = folder / "indicators_2025.csv"
    table = pd.read_csv(out, dtype=str)
    assert list(table.columns) == ["year", "measure", "breakdown", "value"]
    assert set(table["year"]) == {"2021", "2022", "2023", "2024", "2025"}   # 6 annual files: 5 full years
    counts = pd.to_numeric(table["value"], errors="coerce")
    assert not ((counts >= 1) & (counts <= 5)).any(), "counts of 1 to 5 must be suppressed"
    text = out.read_text()
    secrets = set()
    for path in folder.rglob("*.csv"):
        if path == out:
            continue
        raw = pd.read_csv(path, dtype=str)
        for column in ("CHILD", "UPN", "DOB", "HOME_POST", "PL_POST", "MC_DOB"):
            if column in raw:
                secrets |= {v for v in raw[column].dropna() if len(v) >= 6}
    assert secrets, "the synthetic extract must hold identifiers to look for"
    assert not [s for s in secrets if s in text]
    assert "SYN0" not in done.stdout + done.stderr, "no child id is printed"
