"""The policy officer's annual cycle: start the next strategy from the last one, and list what is
still to decide.

:func:`new_strategy` keeps the current strategy's files as they stand in ``previous/<period>/``
(where the council records how each action ended) and writes the next one at the top of the
council's folder: ambitions carried with their narrative's date left to fill; actions not done or
dropped carried with their lead, status and progress note, their old number in ``carried_from``
and a due date to decide; measures carried with their baseline recomputed from the latest
published (or local) value and a target to fill. :func:`cells_to_decide` lists every cell the
council still has to fill, named as its spreadsheet shows it.

The command line's ``sufficiency new-strategy --la 209 --from 2022-25 --period 2025-28`` calls
:func:`new_strategy`; the build prints :func:`to_decide_text`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from sufficiency.core.errors import InputError
from sufficiency.core.paths import PROJECT_ROOT
from sufficiency.data import localdata
from sufficiency.data.councils import resolve_council
from sufficiency.measures import ambitions
from sufficiency.measures.review import CLOSED_STATUSES, NOT_REVIEWED, period_years, reviewed_plan
from sufficiency.publishing.words import is_missing

TO_DECIDE_COLUMNS = ["file", "cell", "item", "what"]


@dataclass
class NewStrategy:
    """What :func:`new_strategy` wrote: where the old strategy is kept, the new files, how many
    actions and measures were carried, and the cells still to decide."""

    previous: Path
    written: list[Path]
    actions_carried: int
    actions_closed: int
    measures_carried: int
    to_decide: pd.DataFrame

    def summary(self) -> str:
        """What happened, in a few lines for the command line."""
        return (f"The {self.previous.name} strategy is kept in {self.previous}.\n"
                f"Carried to the new strategy: {self.actions_carried} actions ({self.actions_closed} done or "
                f"dropped were not carried) and {self.measures_carried} measures, with baselines from the "
                f"latest published or local values.\n" + to_decide_text(self.to_decide))


def _check_period(text: str, flag: str) -> str:
    text = str(text).strip()
    if not re.fullmatch(localdata.PERIOD_PATTERN, text):
        raise InputError(flag, None, repr(text), "a strategy period such as 2025-28")
    period_years(text)
    return text


def target_year_for(period: str) -> str:
    """The last financial year of a period: the year targets are set for.

    >>> target_year_for("2025-28")
    '2027-28'
    """
    _, end = period_years(period)
    return f"{end - 1}-{end % 100:02d}"


def new_strategy(council, from_period: str, period: str, *, year: int | None = None, model: str = "2025",
                 local_root=None) -> NewStrategy:
    """Start the strategy for ``period`` from the current one, ``from_period``.

    ``year`` is the data year the new baselines are read to (default: the new period's first
    year, whose 31 March the old strategy ends on). The earlier strategy is kept as CSV files; the
    new one goes where the council keeps its plan (the sheets of its workbook, or CSV files).
    Refuses, with one paragraph and before writing anything, a ``from_period`` that is not the
    current strategy's, a new period that does not come after it, an earlier strategy already kept
    for ``from_period``, and any bad input in the council's files.
    """
    council = resolve_council(council)
    slug = council.slug
    from_period = _check_period(from_period, "--from")
    period = _check_period(period, "--period")
    folder = localdata.local_dir(slug, root=local_root)
    if period_years(period)[0] <= period_years(from_period)[0]:
        raise InputError("--period", None, repr(period), f"a period that starts after {from_period} does")
    current = localdata.current_period(slug, root=local_root)
    if current is not None and current != from_period:
        raise InputError(folder / "strategy.csv", "row 2, column 'period'", repr(current),
                         f"{from_period!r}, the strategy given after --from",
                         hint=f"The current strategy is {current}: start the next one with --from {current}")
    archive = folder / localdata.PREVIOUS_DIR / from_period
    if archive.exists():
        raise InputError(archive, problem="an earlier strategy is already kept here",
                         expected="no folder for this period",
                         hint="The new strategy has been started already; move the folder away to start again")
    tables = localdata.load_local(slug, root=local_root)   # everything checked before anything is written
    year = period_years(period)[0] if year is None else int(year)

    old_strategy = tables["strategy"].copy()
    if old_strategy.empty:
        old_strategy = pd.DataFrame({"period": [from_period], "title": [np.nan], "source": [np.nan]})
    written = [localdata.write_table(archive, "strategy", old_strategy)]
    for name in ("ambitions", "actions", "measures"):
        written.append(localdata.write_table(archive, name, tables[name]))

    new_ambitions = tables["ambitions"].assign(written=np.nan)
    actions = tables["actions"]
    open_actions = actions[~actions["status"].isin(CLOSED_STATUSES)]
    new_actions = open_actions.assign(carried_from=open_actions["number"], due=np.nan)
    new_measures = pd.DataFrame([_carried_measure(m, council, year, model, local_root, period)
                                 for _, m in tables["measures"].iterrows()], columns=tables["measures"].columns)
    new_strategy_row = pd.DataFrame({"period": [period], "title": [np.nan], "source": [np.nan]})
    written += localdata.write_tables(folder, {"strategy": new_strategy_row, "ambitions": new_ambitions,
                                               "actions": new_actions, "measures": new_measures})
    localdata.load_local(slug, root=local_root)   # what was written reads back cleanly
    return NewStrategy(archive, written, len(new_actions), len(actions) - len(new_actions), len(new_measures),
                       cells_to_decide(council, local_root=local_root))


def _carried_measure(measure: pd.Series, council, year: int, model: str, local_root, period: str) -> dict:
    """A measure for the new strategy: the baseline is its latest value up to ``year`` (none when
    there is no value), the target is left to fill, due at the end of the new period."""
    row = ambitions.measure_row(measure, council, year, model=model, local_root=local_root)
    carried = measure.to_dict()
    known = not is_missing(row["latest_value"])
    carried.update(baseline_value=round(float(row["latest_value"]), 6) if known else np.nan,
                   baseline_year=row["latest_period"] if known else np.nan,
                   target_value=np.nan, target_year=target_year_for(period))
    return carried


def cells_to_decide(council, *, local_root=None) -> pd.DataFrame:
    """Every cell the council still has to fill, named as its spreadsheet shows it: the status of
    each action of the strategy under review not yet reviewed; and in a strategy started from an
    earlier one, each action's lead and due date (and the status of a new action), each measure's
    target and each ambition's narrative date. Columns: file, cell, item, what."""
    council = resolve_council(council)
    slug = council.slug
    if not localdata.has_local_folder(slug, root=local_root):
        return pd.DataFrame(columns=TO_DECIDE_COLUMNS)
    rows: list[dict] = []
    plan = reviewed_plan(council, local_root=local_root)
    _add(rows, plan.actions, plan.folder, "actions", "status", "action",
         plan.actions["status"] == NOT_REVIEWED, "how far the action got")
    if plan.earlier:   # a new strategy has been started: what it still needs
        folder = localdata.local_dir(slug, root=local_root)
        actions = localdata.load_table(slug, "actions", root=local_root)
        # a carried action's status is decided once, in the review of the earlier strategy (above)
        carried = actions["carried_from"].notna()
        _add(rows, actions, folder, "actions", "status", "action", ~carried & (actions["status"] == NOT_REVIEWED),
             "how far the action has got")
        _add(rows, actions, folder, "actions", "lead", "action", actions["lead"].isna(), "who leads it")
        _add(rows, actions, folder, "actions", "due", "action", actions["due"].isna(), "when it is due")
        measures = localdata.load_table(slug, "measures", root=local_root)
        _add(rows, measures, folder, "measures", "target_value", "measure", measures["target_value"].isna(),
             "the target for the new strategy")
        aims = localdata.load_table(slug, "ambitions", root=local_root)
        _add(rows, aims, folder, "ambitions", "written", "ambition", aims["written"].isna(),
             "when its narrative was brought up to date")
    return pd.DataFrame(rows, columns=TO_DECIDE_COLUMNS)


def _add(rows: list[dict], frame: pd.DataFrame, folder, name: str, column: str, kind: str, mask: pd.Series,
         what: str) -> None:
    source = localdata.source_of(frame, Path(folder), name)
    key = "id" if name == "measures" else "number"
    for i in np.flatnonzero(mask.to_numpy()):
        rows.append({"file": str(source.path), "cell": source.cell(int(i), column),
                     "item": f"{kind} {frame[key].iloc[i]}", "what": what})


def to_decide_text(cells: pd.DataFrame, *, limit: int = 10) -> str:
    """The cells still to decide, for the command line: a count, then the first ``limit`` by
    file and cell.

    >>> to_decide_text(pd.DataFrame(columns=TO_DECIDE_COLUMNS))
    'Nothing is left to decide.'
    """
    if cells.empty:
        return "Nothing is left to decide."
    lines = [f"{len(cells)} cell{'s' if len(cells) != 1 else ''} still to decide:"]
    for _, c in cells.head(limit).iterrows():
        lines.append(f"  {_shown(c['file'])}, {c['cell']}: {c['item']}, {c['what']}")
    if len(cells) > limit:
        lines.append(f"  … and {len(cells) - limit} more.")
    return "\n".join(lines)


def _shown(path: str) -> str:
    """A project file relative to the project, others as they are."""
    try:
        return str(Path(path).resolve().relative_to(PROJECT_ROOT))
    except ValueError:
        return str(path)
