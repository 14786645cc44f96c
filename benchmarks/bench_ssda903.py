"""Benchmark: read a ~1,000,000-episode synthetic SSDA903 extract, compute every indicator and
the transition rates; print wall time and peak memory (target: under 15 s and 4 GB on 2 cores).

    .venv/bin/python benchmarks/bench_ssda903.py [--episodes 1000000] [--folder /tmp/ssda903-bench]

The extract is written once (in a separate process, so its memory is not counted) to a folder
under /tmp, never into the repository. Synthetic data only: every CHILD id starts 'SYN'.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

YEAR = 2025
EPISODES_PER_SCALE = 9_400   # Lewisham-shaped, 18 years of history: episodes per unit of scale (measured)


def write(folder: Path, episodes: int) -> None:
    """Generate the extract in a child process (skipped when it already exists)."""
    if (folder / "episodes.csv").exists():
        return
    code = ("from sufficiency.ssda903 import synthetic as s; "
            f"t = s.published_targets('209', {YEAR}); "
            f"s.generate({str(folder)!r}, targets=t, year={YEAR}, scale={episodes / EPISODES_PER_SCALE}, "
            "layout='single', seed=1)")
    subprocess.run([sys.executable, "-c", code], check=True)


def measure(folder: Path) -> dict:
    """Time each step in this process; peak resident memory from the kernel."""
    import pandas as pd

    from sufficiency.ssda903 import disclosure, indicators, markov, read

    timings = {}
    start = time.perf_counter()
    extract = read.read_extract(folder, year=YEAR)
    timings["read_and_validate_s"] = time.perf_counter() - start
    step = time.perf_counter()
    prepared = indicators.prepare(extract)
    table = pd.concat([indicators.indicators(extract, y, prepared=prepared) for y in (YEAR - 2, YEAR - 1, YEAR)])
    safe = disclosure.suppress(table)
    timings["indicators_3_years_s"] = time.perf_counter() - step
    step = time.perf_counter()
    moves = markov.movements(extract, [YEAR - 2, YEAR - 1, YEAR], prepared=prepared)
    markov.transition_rates(moves)
    markov.project(extract, YEAR, prepared=prepared)
    timings["transitions_and_projection_s"] = time.perf_counter() - step
    timings["total_s"] = time.perf_counter() - start
    timings["episodes"] = len(extract.episodes)
    timings["children"] = len(extract.header)
    timings["peak_memory_gb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 ** 2
    timings["cla_31_march"] = safe[(safe["measure"] == "cla_31_march") & (safe["year"] == YEAR)]["value"].iloc[0]
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--episodes", type=int, default=1_000_000)
    parser.add_argument("--folder", type=Path, default=Path("/tmp/ssda903-bench"))
    args = parser.parse_args()
    folder = args.folder / str(args.episodes)
    write(folder, args.episodes)
    result = measure(folder)
    for key, value in result.items():
        print(f"{key:32s} {value:.2f}" if isinstance(value, float) else f"{key:32s} {value}")
    ok = result["total_s"] < 15 and result["peak_memory_gb"] < 4
    print("within target (15 s, 4 GB):", "yes" if ok else "NO")
    print(json.dumps({k: (round(v, 3) if isinstance(v, float) else v) for k, v in result.items()}))
    print("cs-demand-model comparison: not run (see the report).")


if __name__ == "__main__":
    main()
