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


def test_build_with_strict_refuses_a_bad_extract_before_running_any_page(tmp_path):
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
                           "--out", str(out), "--no-pdf", "--strict"], capture_output=True, text=True,
                          cwd=PROJECT_ROOT, timeout=300)
    assert done.returncode == 2
    message = done.stderr.strip()
    assert message.startswith("error: ") and "Traceback" not in message and len(message.splitlines()) == 1
    assert "episodes.csv, line 5, column DECOM" in message and "dd/mm/yyyy" in message
    assert f"The report is in {out / 'data_quality_2025.csv'}" in message
    report = pd.read_csv(out / "data_quality_2025.csv", dtype=str)
    assert report.loc[report["rule"] == "DECOM", ["file", "rows", "lines"]].values.tolist() == [
        ["2025/episodes.csv", "1", "5"]]
    assert child not in done.stdout + done.stderr + (out / "data_quality_2025.csv").read_text()
    assert not (out / "html").exists() and "executing" not in done.stdout


def test_episodes_carries_on_past_planted_faults_and_strict_stops_at_them(tmp_path):
    folder = tmp_path / "extract"
    cli = [sys.executable, "-m", "sufficiency.cli", "episodes", str(folder), "--year", "2025"]
    done = subprocess.run(cli + ["--synthetic", "--faults", "--years", "5"], capture_output=True, text=True,
                          cwd=PROJECT_ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    assert ("SSDA903 extract: 21 rows repaired, 24 rows left out, 1 file not read (rules broken: 9); "
            f"data-quality report: {folder / 'data_quality_2025.csv'}") in done.stdout
    report = pd.read_csv(folder / "data_quality_2025.csv", dtype=str)
    errors = report[report["action"].isin(["repair", "exclude"])]
    assert errors.groupby("rule")["rows"].apply(lambda r: r.astype(int).sum()).to_dict() == {
        "102": 2, "145": 8, "146": 6, "356": 6, "CHILD": 3, "EMPTY": 0, "LINK": 2, "OPEN": 7, "REC": 6,
        "REPEAT": 5}
    strict = subprocess.run(cli + ["--strict"], capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=300)
    assert strict.returncode == 2 and len(strict.stderr.strip().splitlines()) == 1
    assert strict.stderr.startswith("error: ") and "DfE rule 102" in strict.stderr and "Traceback" not in strict.stderr
    assert "SYN0" not in strict.stdout + strict.stderr
