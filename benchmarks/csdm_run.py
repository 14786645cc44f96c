"""Time cs-demand-model (PyPI 0.5.1) on an SSDA903 extract; run by bench_ssda903.py in its own venv.

    <csdm venv>/bin/python benchmarks/csdm_run.py FOLDER --start 2022-03-31 --end 2025-03-31 --days 1096

This file imports nothing from the project: cs-demand-model needs pandas < 2 and numpy < 2,
so it runs in a throwaway venv (see ``bench_ssda903.ensure_csdm_venv``). FOLDER holds
``header.csv`` and ``episodes.csv`` at its top level (cs-demand-model finds a file's table
type from its columns and its year from the latest DECOM). Prints one JSON object: seconds
per step, peak resident memory and a few results, to check both sides saw the same children.

The steps follow cs-demand-model's own ``predict`` command (``cs_demand_model.__main__``):

- ``read``: ``DemandModellingDataContainer`` (reads every CSV once to detect its type) and
  ``combined_data`` (reads header and episodes, parses dates, merges, drops duplicate
  episodes, shortens overlapping ones);
- ``enrich``: ``enriched_view`` (age at start and end, age bracket, placement category, the
  placement category before and after each episode);
- ``stock``: ``PopulationStats.stock`` (children in each age bracket × placement category
  on every day of the extract's history);
- ``rates``: ``raw_transition_rates`` and ``daily_entrants`` over START..END (the package
  recomputes the stock inside, as it does when it runs);
- ``projection``: ``ModelPredictor.from_model`` and ``predict`` for DAYS daily steps.
"""
from __future__ import annotations

import argparse
import json
import resource
import time
from datetime import datetime


class Stopwatch:
    """Wall-clock and CPU seconds of named steps: ``timed = Stopwatch(); result = timed("read", work)``.

    Shared by both sides of the benchmark (bench_ssda903.py imports it; this file imports nothing
    from the project, so it also runs in cs-demand-model's own venv). CPU time is this process's:
    less sensitive than wall time to other load on the machine.
    """

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.cpu_seconds: dict[str, float] = {}

    def __call__(self, step: str, work):
        clock, cpu = time.perf_counter(), time.process_time()
        result = work()
        self.seconds[step] = time.perf_counter() - clock
        self.cpu_seconds[step] = time.process_time() - cpu
        return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--start", required=True, help="start of the reference period, YYYY-MM-DD")
    parser.add_argument("--end", required=True, help="end of the reference period, YYYY-MM-DD")
    parser.add_argument("--days", type=int, default=1096, help="days to project after END")
    args = parser.parse_args()
    start = datetime.strptime(args.start, "%Y-%m-%d")
    end = datetime.strptime(args.end, "%Y-%m-%d")

    began = time.perf_counter()
    import cs_demand_model
    import pandas
    from cs_demand_model import DemandModellingDataContainer, ModelPredictor, PopulationStats
    from cs_demand_model.config import Config
    from cs_demand_model.datastore import fs_datastore

    timed = Stopwatch()
    timed.seconds["import"] = time.perf_counter() - began
    seconds, cpu_seconds = timed.seconds, timed.cpu_seconds

    config = Config()
    container = timed("read", lambda: _read(DemandModellingDataContainer, fs_datastore(args.folder), config))
    enriched = timed("enrich", lambda: container.enriched_view)
    stats = PopulationStats(enriched, config)
    stock = timed("stock", lambda: stats.stock)
    timed("rates", lambda: (stats.raw_transition_rates(start, end), stats.daily_entrants(start, end)))
    predicted = timed("projection", lambda: ModelPredictor.from_model(stats, start, end).predict(args.days))
    seconds["total"] = sum(v for k, v in seconds.items() if k != "import")
    stock_at_end = stock.loc[:end].iloc[-1]
    print(json.dumps({
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "peak_memory_gb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 ** 2,
        "episodes_after_cleaning": int(len(container.combined_data)),
        "children": int(container.combined_data["CHILD"].nunique()),
        "stock_at_end": float(stock_at_end.sum()),
        "projected_at_horizon": float(predicted.iloc[-1].sum()),
        "versions": {"cs-demand-model": getattr(cs_demand_model, "__version__", "0.5.1"),
                     "pandas": pandas.__version__},
    }))


def _read(container_class, datastore, config):
    container = container_class(datastore, config)
    container.combined_data   # a cached property: reading happens here
    return container


if __name__ == "__main__":
    main()
