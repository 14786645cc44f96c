"""Build benchmark: prints figures, asserts nothing (targets are in the README and closing notes).

    python benchmarks/bench_build.py [--no-clean] [--no-pdf]
    python benchmarks/bench_build.py --side-by-side [--la CODE] [--year Y]

``--side-by-side`` (touches no shared cache or book): the edition's notebooks executed one after
another with papermill, a new kernel each (the baseline), then a clean build of the same edition
into its own folder (execution in warm kernels + HTML, no PDF), with wall and CPU time of each, the
speed-up (target: at least 2.5x, and the build within 60 s) and whether every executed notebook
is the same in both.

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


#: The baseline: every page of the edition executed one after another, each in a new kernel.
SEQUENTIAL = """
import os, sys
from pathlib import Path
os.environ["SUFFICIENCY_ENGINE"] = "papermill"
from sufficiency.build import pipeline
from sufficiency.build.cache import ExecutionCache
from sufficiency.build.edition import Edition
from sufficiency.build.plan import plan_pages
from sufficiency.build.progress import BuildReport
from sufficiency.core.digests import digest_memo
from sufficiency.data import councils
council = councils.resolve_council(sys.argv[1])
edition = Edition(la_code=council.code, la_name=council.name, year=int(sys.argv[2]), out=Path(sys.argv[3]),
                  council_slug=council.slug, sn_model=sys.argv[4])
cache = ExecutionCache(Path(sys.argv[3]), digest_memo())
pipeline.execute_pages(edition, plan_pages(council.slug), cache, BuildReport(), jobs=1, force=True)
"""


class LockHeld(Exception):
    """Another build holds the edition's cache."""


def timed(command: list[str], env: dict | None = None,
          quiet_if: str | None = None) -> tuple[float, float, subprocess.CompletedProcess]:
    """Wall seconds, CPU seconds (this command's processes and their kernels) and the result."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env={**os.environ, **(env or {})})
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        if quiet_if and quiet_if in done.stderr:
            raise LockHeld()
        print(done.stdout[-3000:] + done.stderr[-3000:])
        raise SystemExit(f"{' '.join(command[:4])} ... failed")
    return wall, cpu, done


def same_notebooks(baseline: Path, built: Path) -> tuple[int, list[str]]:
    """How many executed notebooks both runs made, and those whose content differs (the folders
    they ran in aside)."""
    differ, compared = [], 0
    for nb in sorted(baseline.glob("*.ipynb")):
        other = built / nb.name
        compared += 1
        if not other.exists() or (nb.read_text().replace(str(baseline), "<cache>")
                                  != other.read_text().replace(str(built), "<cache>")):
            differ.append(nb.stem)
    return compared, differ


def side_by_side(la: str, year: int) -> None:
    import tempfile

    baseline = Path(tempfile.mkdtemp(prefix="bench-sequential-"))
    # The command line's own default model, given to both runs so their parameters are the same.
    sn_model = "2025"
    wall_seq, cpu_seq, _ = timed([sys.executable, "-c", SEQUENTIAL, la, str(year), str(baseline), sn_model])
    print(f"one after another with papermill (a new kernel each): {wall_seq:7.1f} s wall, {cpu_seq:7.1f} s CPU",
          flush=True)
    out = ROOT / "_build" / f"bench-{la}-{year}"
    shutil.rmtree(out, ignore_errors=True)
    for attempt in range(20):   # another build of the same edition holds its cache: wait and retry
        try:
            wall, cpu, done = timed(CLI + ["--la", la, "--year", str(year), "--sn-model", sn_model, "--no-pdf", "--force",
                                          "--out", str(out)],
                                    quiet_if="another build is using")
            break
        except LockHeld:
            time.sleep(30)
    else:
        raise SystemExit("the edition's cache stayed locked by another build")
    print(f"clean build (warm kernels in parallel + HTML):       {wall:7.1f} s wall, {cpu:7.1f} s CPU "
          f"(target: within 60 s)", flush=True)
    print(f"speed-up: {wall_seq / wall:.2f}x (target: at least 2.5x)")
    edition_cache = ROOT / ".cache" / "editions" / f"{la}-{year}"
    compared, differ = same_notebooks(baseline, edition_cache)
    print(f"executed notebooks: {compared - len(differ)} of {compared} the same in both"
          + (f"; different: {', '.join(differ)}" if differ else ""))
    shutil.rmtree(baseline, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-clean", action="store_true", help="keep caches (skip the clean build)")
    ap.add_argument("--no-pdf", action="store_true")
    ap.add_argument("--side-by-side", action="store_true",
                    help="the notebooks one after another with papermill, then a clean build, compared")
    ap.add_argument("--la", default="209")
    ap.add_argument("--year", type=int, default=2025)
    args = ap.parse_args()
    print(f"machine: {os.cpu_count()} cores; Python {sys.version.split()[0]}; load average "
          f"{os.getloadavg()[0]:.1f}")
    if args.side_by_side:
        side_by_side(args.la, args.year)
        return
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
