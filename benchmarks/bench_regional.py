"""Regional book benchmark: prints figures, asserts nothing.

    python benchmarks/bench_regional.py [--group london-east] [--year 2025] [--pdf]

Side by side, from the same starting point (the national panel fits already on disk, as a
national run leaves them: ``forecasting.demand.national_fits``, warmed first and not timed):

1. each member council's book built one after another (``sufficiency build --la CODE --force``),
   the way a group would get its members' books without a regional book;
2. the group's regional book (``sufficiency build --group NAME --force``).

Target (issue #21): building the region takes no longer than building its members one by one.
Both use ``--force`` (every page executed again), HTML only unless ``--pdf``. The books go to
``_build/bench-regional/`` in the layout ``build-all`` uses (members in ``<code>-<slug>/``, the
region in ``regions/<slug>/``), so the region's first page links its members' books, which the
benchmark checks and prints; run it again and the members' books link the region back.
"""
from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-m", "sufficiency.cli"]
OUT = ROOT / "_build" / "bench-regional"
WARM = "import sys; from sufficiency.forecasting import demand; demand.national_fits(int(sys.argv[1]))"


def timed(command: list[str]) -> tuple[float, float, str]:
    """Wall seconds and CPU seconds (the command, its workers and kernels) and its output; waits and
    retries while another build holds the edition's cache."""
    for _ in range(40):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        if done.returncode == 0:
            return wall, cpu, done.stdout
        if "another build" in done.stderr:
            time.sleep(20)
            continue
        print(done.stdout[-3000:] + done.stderr[-3000:])
        raise SystemExit(f"{' '.join(command[2:6])} ... failed")
    raise SystemExit("an edition's cache stayed locked by another build")


def executed(stdout: str) -> str:
    found = re.search(r"executed (\d+) notebook\(s\), (\d+) unchanged", stdout)
    return f"{found.group(1)}/{int(found.group(1)) + int(found.group(2))} pages executed" if found else "?"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--group", default="london-east", help="a group of about ten councils (default london-east)")
    ap.add_argument("--year", type=int, default=2025)
    ap.add_argument("--pdf", action="store_true", help="build PDFs too (default: HTML only, as the target says)")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from sufficiency.data import groups

    group = groups.resolve(args.group, args.year)
    pdf = [] if args.pdf else ["--no-pdf"]
    print(f"machine: {os.cpu_count()} cores; Python {sys.version.split()[0]}; load average "
          f"{os.getloadavg()[0]:.1f}; group: {group.name}, {len(group.members)} councils; data to {args.year}")
    wall, _, _ = timed([sys.executable, "-c", WARM, str(args.year)])
    print(f"0. national panel fits on disk (shared work, not timed below): {wall:.1f} s", flush=True)

    total_wall = total_cpu = 0.0
    for council in group.members:
        wall, cpu, out = timed(CLI + ["build", "--la", council.code, "--year", str(args.year), "--force", *pdf,
                                      "--out", str(OUT / f"{council.code}-{council.slug}")])
        total_wall += wall
        total_cpu += cpu
        print(f"   {council.name:<32} {wall:7.1f} s wall {cpu:7.1f} s CPU   {executed(out)}", flush=True)
    print(f"1. the {len(group.members)} member books one by one: {total_wall:7.1f} s wall, {total_cpu:7.1f} s CPU",
          flush=True)

    wall, cpu, out = timed(CLI + ["build", "--group", group.slug, "--year", str(args.year), "--force", *pdf,
                                  "--out", str(OUT / "regions" / group.slug)])
    print(f"2. the regional book of {group.name}:   {wall:7.1f} s wall, {cpu:7.1f} s CPU   {executed(out)}")
    print(f"regional book / members one by one: {wall / total_wall:.2f} of the wall time, "
          f"{cpu / total_cpu:.2f} of the CPU time (target: at most 1)")
    linked = re.search(r"linked: (.*)", out)
    print(f"members' books linked from the regional book: {linked.group(1).count(';') + 1 if linked else 0} "
          f"of {len(group.members)}")


if __name__ == "__main__":
    main()
