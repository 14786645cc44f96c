"""How long chapter 7 takes for one council: read the published series, fit every measure's panel
on all councils (once per edition and process), then forecast every series with the method chosen
nationally, back-test it on the council's own figures and reconcile the placement types.

Run:  .venv/bin/python benchmarks/bench_forecast_council.py [la_code] [year]
(default Lewisham, 209, 2025). Prints figures only; it asserts nothing. Wall time depends on
what else the machine is doing, so the load average and CPU time are printed too.
"""
from __future__ import annotations

import os
import sys
import time

T0 = time.perf_counter()
from sufficiency.forecasting import demand  # noqa: E402
from sufficiency.forecasting.forecast import run_panel_forecast  # noqa: E402

IMPORT_SECONDS = time.perf_counter() - T0


def main(la_code: str = "209", year: int = 2025) -> None:
    print(f"chapter 7 forecasts for council {la_code}, edition {year}; {os.cpu_count()} CPUs; "
          f"load average {os.getloadavg()[0]:.2f}")
    print(f"import sufficiency.forecasting.demand (pandas, statsmodels, ...): {IMPORT_SECONDS:.2f} s")
    wall, cpu = time.perf_counter(), time.process_time()
    series = demand.demand_series(la_code, year)
    print(f"read the published series ({len(series)}): {time.perf_counter() - wall:.2f} s wall, "
          f"{time.process_time() - cpu:.2f} s CPU")
    wall, cpu = time.perf_counter(), time.process_time()
    fits = demand.national_fits(year)
    print(f"panel fits and national choice for {len(fits)} measures (every council): "
          f"{time.perf_counter() - wall:.2f} s wall, {time.process_time() - cpu:.2f} s CPU")
    rows = []
    wall0, cpu0 = time.perf_counter(), time.process_time()
    for measure, history in series.items():
        w, c = time.perf_counter(), time.process_time()
        if demand.too_old_or_short(history, year):
            continue
        fit, decision = fits[measure]
        last = int(history.dropna().index.max())
        result = run_panel_forecast(history, measure, fit, decision, demand.YEARS_AHEAD + year - last,
                                    cut_off=year, counts=demand.SERIES[measure].counts)
        rows.append((measure, int(history.notna().sum()), len(result.choice.summary), result.choice.model,
                     time.perf_counter() - w, time.process_time() - c))
    fit_wall, fit_cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    print(f"{'series':30} {'years':>5} {'methods':>7} {'chosen':>13} {'wall s':>7} {'CPU s':>6}")
    for measure, n, tested, chosen, w, c in rows:
        print(f"{measure:30} {n:5d} {tested:7d} {chosen:>13} {w:7.2f} {c:6.2f}")
    print(f"forecast and back-test every series on the council's own figures: {fit_wall:.2f} s wall, {fit_cpu:.2f} s CPU")
    wall, cpu = time.perf_counter(), time.process_time()
    fs = demand.build_forecasts(la_code, year, series=series)
    print(f"build_forecasts (all series, reconciled): {time.perf_counter() - wall:.2f} s wall, "
          f"{time.process_time() - cpu:.2f} s CPU; {len(fs.table())} forecast rows")


if __name__ == "__main__":
    main(*(sys.argv[1:2] or ["209"]), *([int(sys.argv[2])] if len(sys.argv) > 2 else []))
