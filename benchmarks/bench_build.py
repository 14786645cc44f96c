"""Build benchmark: prints figures, asserts nothing (targets are in the README and closing notes).

    python benchmarks/bench_build.py [--no-clean] [--no-pdf]

1. clean build (execution + HTML), from an empty cache
2. PDF build on top of it
3. rebuild with nothing changed                        (target: under 3 s)
4. rebuild after touching one data file (mtime only)   (target: no notebook re-runs)
5. rebuild after changing one data file's content      (target: only its readers re-run)
and the peak memory (largest process) of each step. Restores every file it changes.
"""
from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-m", "sufficiency.cli", "build"]


def run(label: str, extra: list[str]) -> dict:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run(CLI + extra, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if done.returncode != 0:
        print(done.stdout + done.stderr)
        raise SystemExit(f"{label}: build failed")
    executed = re.search(r"executed (\d+) notebook\(s\), (\d+) unchanged", done.stdout)
    ran = executed.group(1) if executed else "?"
    total = int(executed.group(1)) + int(executed.group(2)) if executed else "?"
    print(f"{label:<48} {seconds:7.1f} s   notebooks re-run: {ran}/{total}   "
          f"peak memory (largest process so far): {max(before, peak) / 1024:,.0f} MiB", flush=True)
    return {"seconds": seconds, "ran": ran, "stdout": done.stdout}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-clean", action="store_true", help="keep caches (skip the clean build)")
    ap.add_argument("--no-pdf", action="store_true")
    args = ap.parse_args()
    print(f"machine: {os.cpu_count()} cores; Python {sys.version.split()[0]}")
    if not args.no_clean:
        for path in [ROOT / "_build", ROOT / ".cache", ROOT / "book" / "_generated"]:
            shutil.rmtree(path, ignore_errors=True)
        for nb in (ROOT / "book").glob("*.ipynb"):
            nb.unlink()
        run("1. clean build (execute + HTML)", ["--no-pdf"])
    if not args.no_pdf and shutil.which("xelatex"):
        run("2. PDF (with an unchanged HTML rebuild)", [])
    pdf = [] if not args.no_pdf and shutil.which("xelatex") else ["--no-pdf"]
    run("3. rebuild, nothing changed", pdf)

    touched = ROOT / "data" / "raw" / "lait" / "lait_bds_long.csv.gz"
    os.utime(touched)
    run(f"4. rebuild after touching {touched.name}", pdf)

    changed = ROOT / "data" / "raw" / "statistical_neighbours" / "statistical_neighbours_2025_long.csv"
    original = changed.read_bytes()
    try:
        changed.write_bytes(original + b"\n")   # a blank line: same data, new content digest
        run(f"5. rebuild after changing {changed.name}", pdf)
    finally:
        changed.write_bytes(original)
    run("6. rebuild after restoring it", pdf)


if __name__ == "__main__":
    main()
