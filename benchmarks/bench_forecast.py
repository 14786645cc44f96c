"""How long the forecasting engine takes: choose (back-test every candidate) and forecast
ten synthetic annual series of ten years each, as chapter 7 does for its measures.

Run:  .venv/bin/python benchmarks/bench_forecast.py
Prints figures only; it is not a test and asserts nothing. The series are
synthetic (a seeded random walk around 450 with a small trend), not council data.
"""
from __future__ import annotations

import os
import time

T0 = time.perf_counter()
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from sufficiency.forecasting.forecast import run_forecast  # noqa: E402
from sufficiency.forecasting.methods import DEFAULT_CANDIDATES  # noqa: E402

IMPORT_SECONDS = time.perf_counter() - T0
N_SERIES, LENGTH, YEARS_AHEAD = 10, 10, 3


def synthetic_series(n: int = N_SERIES, length: int = LENGTH, seed: int = 7) -> list[pd.Series]:
    """Seeded count-like series for 2016..2025 (synthetic, for timing only)."""
    rng = np.random.default_rng(seed)
    years = range(2026 - length, 2026)
    out = []
    for i in range(n):
        trend = rng.normal(0, 6)
        values = 450 + trend * np.arange(length) + np.cumsum(rng.normal(0, 12, length))
        out.append(pd.Series(np.round(np.clip(values, 0, None)), index=years, name=f"synthetic {i + 1}"))
    return out


def main() -> None:
    series = synthetic_series()
    try:
        import threadpoolctl  # noqa: F401
        blas = "BLAS limited to 1 thread during fits (threadpoolctl)"
    except ImportError:
        blas = f"threadpoolctl not installed; OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', 'unset')}"
    print(f"forecast benchmark: {N_SERIES} synthetic series x {LENGTH} years, {YEARS_AHEAD} years ahead, "
          f"candidates {', '.join(DEFAULT_CANDIDATES)}")
    print(f"{blas}; {os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.2f}")
    print(f"import sufficiency.forecasting.forecast (numpy, pandas, scipy; statsmodels loads at the first fit): "
          f"{IMPORT_SECONDS:.2f} s")
    wall0, cpu0 = time.perf_counter(), time.process_time()
    rows = []
    for s in series:
        w, c = time.perf_counter(), time.process_time()
        result = run_forecast(s, s.name, YEARS_AHEAD)
        summary = result.choice.summary
        rows.append({"series": s.name, "wall_s": time.perf_counter() - w, "cpu_s": time.process_time() - c,
                     "chosen": result.choice.model, "tested": len(summary),
                     "past_forecasts": int(summary["n_forecasts"].iloc[0]),
                     "mase_chosen": summary.loc[result.choice.model, "mase"],
                     "mase_naive": summary.loc["naive", "mase"]})
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    table = pd.DataFrame(rows)
    with pd.option_context("display.width", 120, "display.float_format", "{:.2f}".format):
        print(table.to_string(index=False))
    print(f"total for {N_SERIES} series: {wall:.2f} s wall, {cpu:.2f} s CPU "
          f"({wall / N_SERIES:.2f} s per series); target: a few seconds on 2 cores")


if __name__ == "__main__":
    main()
