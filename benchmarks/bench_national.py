"""National benchmark: every council's HTML book on a local Dask cluster. Prints figures, asserts
nothing (targets: all 153 councils within 60 minutes on 2 cores, each worker under 2 GB).

    python benchmarks/bench_national.py                                   # every council, 2025
    python benchmarks/bench_national.py --edition 2025:420,201,940,943,839,933 --edition 2024:942
    python benchmarks/bench_national.py --groups regions                  # and the 9 regional books

Prints councils built and failed (each failure with its page, cell and error), wall and CPU time
(the driver, the workers, their kernels and Sphinx runs), and peak memory of each worker, of its
kernel and of its largest Sphinx run. Books and the index go to _build/bench-national/<year>.
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import time

from sufficiency.build import national
from sufficiency.core.paths import BUILD


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--edition", action="append", default=None,
                    help="YEAR:COUNCILS, e.g. 2025:all or 2024:942 (repeatable; default 2025:all)")
    ap.add_argument("--workers", type=int, default=None, help="local workers (default: one per core)")
    ap.add_argument("--groups", default="", help="regional books too: 'regions', 'all' or group names (default none)")
    args = ap.parse_args()
    editions = []
    for spec in args.edition or ["2025:all"]:
        year, _, which = spec.partition(":")
        editions.append((int(year), national.choose_councils(which or "all", int(year))))
    print(f"machine: {os.cpu_count()} cores; Python {sys.version.split()[0]}; load average "
          f"{os.getloadavg()[0]:.1f}; {sum(len(c) for _, c in editions)} books", flush=True)

    start = time.perf_counter()
    client = national.start_client(None, args.workers)
    results, group_lines = [], []
    try:
        for year, chosen in editions:
            run = national.build_all(year, chosen, BUILD / "bench-national" / str(year), client=client,
                                     chosen_groups=national.choose_groups(args.groups, year))
            results += [(year, r) for r in run]
            group_lines += [(year, g) for g in run.groups]
        usage = client.run(national.worker_usage)
    finally:
        cluster = client.cluster
        client.close()
        cluster.close()
    wall = time.perf_counter() - start
    own = resource.getrusage(resource.RUSAGE_SELF)
    driver_cpu = own.ru_utime + own.ru_stime

    built = [(y, r) for y, r in results if r.status == "built"]
    failed = [(y, r) for y, r in results if r.status != "built"]
    print(f"\ncouncils built: {len(built)}; failed: {len(failed)}")
    for year, r in failed:
        where = f"{r.page}" + (f" cell {r.cell}" if r.cell else "") if r.page else "before any page"
        print(f"  FAILED {r.council} ({r.la_code}) {year}: {where}: {r.error[:400]}")
    for year, r in results:
        print(f"  {r.status:6} {r.council} ({r.la_code}) {year}: {r.seconds:5.0f} s; "
              f"{r.missing} missing, {r.suppressed} suppressed, {r.other_markers} other markers")
    if group_lines:
        print(f"regional books built: {sum(g.status == 'built' for _, g in group_lines)}; "
              f"failed: {sum(g.status != 'built' for _, g in group_lines)}")
        for year, g in group_lines:
            print(f"  {g.status:6} {g.name} ({g.members} councils) {year}: {g.seconds:5.0f} s (both builds)"
                  + (f": {g.page} cell {g.cell}: {g.error[:300]}" if g.status != "built" else ""))
    worker_cpu = sum(u["cpu"] for u in usage.values())
    print(f"wall time: {wall / 60:.1f} min ({wall:.0f} s; {wall / max(len(results), 1):.0f} s per book)")
    print(f"CPU time: {driver_cpu + worker_cpu:.0f} s (driver {driver_cpu:.0f} s, workers with their kernels "
          f"and Sphinx runs {worker_cpu:.0f} s)")
    for address, u in usage.items():
        print(f"worker {address} (pid {u['pid']}): peak {u['worker']} MiB; its kernel {u['kernel']} MiB; "
              f"largest Sphinx run {u['subprocess']} MiB (target: under 2 GB each)")


if __name__ == "__main__":
    main()
