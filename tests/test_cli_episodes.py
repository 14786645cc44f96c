"""`sufficiency episodes`: record-level extract in, disclosure-controlled tidy table out, no identifiers."""
import subprocess
import sys

import pandas as pd

from sufficiency.core.paths import PROJECT_ROOT


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


def test_build_refuses_a_bad_extract_before_running_any_page(tmp_path):
    from sufficiency.records import synthetic

    folder = tmp_path / "extract"
    synthetic.generate(folder, la_code="209", year=2025, years=2, seed=3)
    episodes = folder / "2025" / "episodes.csv"
    lines = episodes.read_text().splitlines()
    child, decom = lines[4].split(",")[:2]
    lines[4] = lines[4].replace(decom, "31/02/2023", 1)          # no such day
    episodes.write_text("\n".join(lines) + "\n")
    out = tmp_path / "book"
    done = subprocess.run([sys.executable, "-m", "sufficiency.cli", "build", "--episodes", str(folder),
                           "--out", str(out), "--no-pdf"], capture_output=True, text=True, cwd=PROJECT_ROOT,
                          timeout=300)
    assert done.returncode == 2
    message = done.stderr.strip()
    assert message.startswith("error: ") and "Traceback" not in message
    assert "episodes.csv, line 5, column DECOM" in message and "dd/mm/yyyy" in message
    assert child not in done.stdout + done.stderr                  # the child's id is never printed
    assert not (out / "html").exists() and "executing" not in done.stdout
