"""The national back-test: how well the forecasts would have done for every council, old method
against new, by horizon.

For each origin year 2019 to 2022, each forecast measure and each council with a published figure
in the origin year (and at least three published years by then), forecast 1 to 3 years ahead with
data to the origin only, and compare with what DfE then published (to 2025):

- **new**: the book's method, learnt from every council (``forecasting/panel.py``): the method
  chosen for the measure at that origin (carry forward, or the pooled trend), ranges calibrated on
  misses known at the origin. Every council.
- **old**: the per-council choice by back-test among five methods (``forecast.run_forecast``,
  the method the book used before). It costs about 0.2 s per council, measure and origin, so by
  default it runs on every 12th council in code order (a fixed sample); the new method is scored on
  that same sample too, for a like-for-like comparison.
- **naive**: the last figure carried forward (its error is the yardstick of MASE).

MASE here is each miss divided by the council's mean absolute one-year change before the origin,
averaged; below naive's at the same horizon means better than carrying the last figure forward.
Coverage is the share of actual figures inside the 80% and 95% ranges (ends included).

Run:  nice .venv/bin/python benchmarks/bench_forecast_national.py [--every N] [--out PATH]
Writes data/derived/forecast_backtest_national.csv (the table the methods appendix shows) and
prints it with the run time and peak memory. Asserts nothing.
"""
from __future__ import annotations

import argparse
import os
import resource
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from sufficiency.core.assumptions import FORECAST_YEARS_AHEAD, NATIONAL_BACKTEST_ORIGINS
from sufficiency.core.paths import PROJECT_ROOT
from sufficiency.forecasting import demand
from sufficiency.forecasting.forecast import run_forecast
from sufficiency.forecasting.panel import MODEL_NAMES, backtest_panel, fit_panel
from sufficiency.forecasting.selection import choose_panel_method

ORIGINS = range(NATIONAL_BACKTEST_ORIGINS[0], NATIONAL_BACKTEST_ORIGINS[1] + 1)
HORIZONS = FORECAST_YEARS_AHEAD
OUT = PROJECT_ROOT / "data" / "derived" / "forecast_backtest_national.csv"


def new_rows(values: pd.DataFrame, measure: str) -> pd.DataFrame:
    """Every council's forecasts from each origin by the method the book would have chosen then."""
    fit = fit_panel(values, measure)
    table = backtest_panel(fit, ORIGINS, HORIZONS)
    if table.empty:
        return table
    chosen = {o: choose_panel_method(fit, o, HORIZONS).method for o in ORIGINS}
    pick = [MODEL_NAMES[m] == chosen[o] for m, o in zip(table["method"], table["origin"])]
    naive = table[table["method"] == "naive"][["la_code", "origin", "horizon", "point"]]
    out = table[pick].merge(naive.rename(columns={"point": "naive_point"}), on=["la_code", "origin", "horizon"])
    out = out.rename(columns={"method": "panel_method"})
    # Eligibility shared with the old method: at least three published years by the origin.
    published_years = values.notna().cumsum(axis=1)
    enough = [published_years.loc[la, o] >= 3 for la, o in zip(out["la_code"], out["origin"])]
    return out[enough].assign(measure=measure)


def old_rows(values: pd.DataFrame, measure: str, councils: list[str], counts: bool) -> pd.DataFrame:
    """The per-council back-test choice among five methods, for the sampled councils."""
    rows = []
    for la in councils:
        if la not in values.index:
            continue
        series = values.loc[la].dropna()
        series.index = series.index.astype(int)
        for origin in ORIGINS:
            history = series[series.index <= origin]
            if origin not in history.index or len(history) < 3:
                continue
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                try:
                    frame = run_forecast(history, measure, HORIZONS, counts=counts).frame
                except Exception:  # noqa: BLE001 - a council the old method could not forecast is left out
                    continue
            for r in frame.itertuples(index=False):
                if r.year in series.index:
                    rows.append({"la_code": la, "origin": origin, "horizon": r.year - origin, "measure": measure,
                                 "old_point": r.point, "old_inside_80": r.lower_80 <= series[r.year] <= r.upper_80,
                                 "old_inside_95": r.lower_95 <= series[r.year] <= r.upper_95, "old_model": r.model})
    return pd.DataFrame(rows)


def summarise(table: pd.DataFrame, point: str, inside: str | None, method: str, scope: str) -> pd.DataFrame:
    """Coverage and MASE by horizon (and over all horizons) for one method."""
    table = table[(table["mase_scale"] > 0) & table["mase_scale"].notna()]
    scaled = (table[point] - table["actual"]).abs() / table["mase_scale"]
    rows = []
    for h, part in [*table.groupby("horizon"), ("all", table)]:
        idx = part.index
        rows.append({"scope": scope, "method": method, "horizon": h, "forecasts": len(part),
                     "councils": part["la_code"].nunique(),
                     "coverage_80": part[f"{inside}_80"].mean() if inside else np.nan,
                     "coverage_95": part[f"{inside}_95"].mean() if inside else np.nan,
                     "mase": scaled.loc[idx].mean()})
    return pd.DataFrame(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", type=int, default=12, help="old method on every Nth council (default 12)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    start, cpu = time.perf_counter(), time.process_time()
    panel = demand.demand_panel(max(ORIGINS) + HORIZONS)
    councils = sorted(set().union(*[set(v.index) for v in panel.values()]))
    sample = councils[:: args.every]
    print(f"{len(councils)} councils, {len(panel)} measures, origins {min(ORIGINS)}-{max(ORIGINS)}; "
          f"old method on {len(sample)} (every {args.every}th); {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.2f}")
    new, old = [], []
    for measure, values in panel.items():
        t = time.perf_counter()
        rows = new_rows(values, measure)
        new.append(rows)
        t_new = time.perf_counter() - t
        old.append(old_rows(values, measure, sample, demand.SERIES[measure].counts))
        print(f"  {measure:28} new {len(rows):5d} forecasts {t_new:5.1f} s; old {len(old[-1]):4d} forecasts "
              f"{time.perf_counter() - t - t_new:5.1f} s", flush=True)
    new_all = pd.concat([n for n in new if len(n)], ignore_index=True)
    old_all = pd.concat([o for o in old if len(o)], ignore_index=True)
    both = new_all.merge(old_all, on=["la_code", "origin", "horizon", "measure"])
    table = pd.concat([
        summarise(new_all, "point", "inside", "new", "all councils"),
        summarise(new_all, "naive_point", None, "naive", "all councils"),
        summarise(both, "point", "inside", "new", "sample"),
        summarise(both.rename(columns={"old_inside_80": "o_80", "old_inside_95": "o_95"}), "old_point", "o", "old",
                  "sample"),
        summarise(both, "naive_point", None, "naive", "sample"),
    ], ignore_index=True)
    by_measure = pd.concat([summarise(part, "point", "inside", "new", f"measure:{m}")
                            for m, part in new_all.groupby("measure")], ignore_index=True)
    by_measure = by_measure[by_measure["horizon"] == "all"]
    table = pd.concat([table, by_measure], ignore_index=True)
    table[["coverage_80", "coverage_95", "mase"]] = table[["coverage_80", "coverage_95", "mase"]].round(3)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(args.out, index=False)
    with pd.option_context("display.width", 160, "display.max_rows", 200):
        print(table.to_string(index=False))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"written {args.out}; run time {time.perf_counter() - start:.0f} s wall, "
          f"{time.process_time() - cpu:.0f} s CPU; peak memory {peak:.0f} MB")


if __name__ == "__main__":
    main()
