"""The ambitions scorecard: each measure of success with its baseline, latest value, target,
trend and a status worked out by one written rule (:data:`STATUS_RULE`).

Values come from :mod:`sufficiency.measures.indicators` (published data, or the council's own files);
nothing is ever filled in: a measure with no value says "no data".

>>> assess(latest=80, target=75, direction="up")[0]
'met'
>>> assess(latest=70, target=75, direction="up", reference=50, reference_year=2022,
...        latest_year=2024, target_year=2025)[0]
'on track'
>>> assess(latest=None, target=75, direction="up")[0]
'no data'
"""
from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from sufficiency.core.assumptions import RECENT_YEARS
from sufficiency.core.errors import InputError
from sufficiency.core.markers import MARKER_LEGEND
from sufficiency.data import localdata
from sufficiency.data.councils import resolve_council
from sufficiency.measures import indicators
from sufficiency.publishing import charts
from sufficiency.publishing.words import MISSING, fmt_figure, fmt_number, is_missing, round_half_up

STATUSES = ("met", "on track", "off track", "no recent value", "too early to tell", "no data")
#: The rule, as the book prints it (Markdown). :func:`assess` implements exactly this.
STATUS_RULE = """\
Each measure gets one status, decided in this order:

1. **No data**: there is no value for the measure up to this edition's year (nothing measures it
   yet, DfE publishes no council figure for it, or the council's file leaves it empty). No value
   is ever estimated to fill the gap.
2. **Met**: the measure has a numeric target and the latest value reaches it: at least the
   target where higher is better, at most the target where lower is better (compared at the
   precision shown).
3. **Off track once the target date has passed**: a measure with a numeric target whose date has
   passed by this edition's data, and which has not met it, is off track, even when there is no
   value since its baseline (the status then says since when there has been none).
4. **No recent value**: the latest value is from before the edition's last two years (for data to
   2025, from 2023 or earlier). The status names the year of the last value ("No value since
   2021-22"); nothing is judged from a figure that old.
5. **Too early to tell**: the latest value is recent but not later than the baseline, or there is
   neither a baseline nor two recent values to compare.
6. **On track** or **off track**, for a measure not yet met:
   - with a numeric target, a baseline and both dates, the measure is *on track* when it has
     closed at least as much of the gap between baseline and target as the share of the time
     between them that has passed (half the time gone, at least half the gap closed); it is
     *off track* otherwise;
   - with no numeric target (an aim to go up or down), it is *on track* when the latest value
     is better than the baseline in the good direction and *off track* when it is the same or
     worse;
   - with no baseline, it is *on track* when the last three values are improving and *off
     track* when they are stable or worsening.
7. **Status and trend agree**: a measure whose last three values are worsening is never *on
   track*; it is *off track*, with the reason given, even where it is still better than its
   baseline.

**The baseline shown is the baseline used.** Where a published series covers the baseline year,
progress is measured from that series' own value for the year, so like is compared with like.
When the figure the strategy printed differs from what DfE now publishes for that year, both
are shown ("72 (2022, DfE); 70 as printed") and the status follows DfE's. A baseline worked out from
two published counts (a share of Ofsted's places, say), rather than read from one DfE series, is
marked "recomputed" in the same way. The trend compares the latest value with the value two points
earlier (or one, when only two exist), and names the two periods when they are not from years in a row.
"""


#: What rule 7 adds to the reason of a measure it takes off track.
WORSENING = ", but the last three values are worsening"


def _better(a: float, b: float, direction: str) -> int:
    """1 if ``a`` is better than ``b`` in ``direction``, -1 if worse, 0 if equal."""
    if a == b:
        return 0
    return 1 if (a > b) == (direction == "up") else -1


def trend_of(values, direction: str, ndigits: int = 0) -> str:
    """'improving', 'worsening' or 'stable' over the last three known values (rounded as
    shown), or 'too few values'.

    >>> trend_of([10, 9, 8], "down"), trend_of([75, 70, 74.6], "up"), trend_of([5], "up")
    ('improving', 'stable', 'too few values')
    """
    known = [round_half_up(v, ndigits) for v in values if not is_missing(v)]
    if len(known) < 2:
        return "too few values"
    window = known[-3:]
    return {1: "improving", -1: "worsening", 0: "stable"}[_better(window[-1], window[0], direction)]


def assess(*, latest, target=None, direction: str, reference=None, reference_year=None,
           latest_year=None, target_year=None, trend: str = "too few values",
           ndigits: int = 0, edition_year=None, latest_period=None) -> tuple[str, str]:
    """The status of one measure and a short reason, by :data:`STATUS_RULE`.

    ``edition_year`` is the last year of the edition's data: a target due by then has passed, and a
    latest value from before its last :data:`RECENT_YEARS` years is "no recent value", named by
    ``latest_period`` (its year when not given). Without it, only the latest value's own year
    tells whether a target date has passed.

    >>> assess(latest=9, target=10, direction="up", reference=5, reference_year=2022,
    ...        latest_year=2025, target_year=2025)
    ('off track', 'the target date has passed without the target being reached')
    >>> assess(latest=12, direction="down", reference=10, reference_year=2022, latest_year=2024)[0]
    'off track'
    >>> assess(latest=963, direction="down", reference=963, reference_year=2021, latest_year=2021,
    ...        latest_period="2020-21", edition_year=2025)
    ('no recent value', 'no value since 2020-21')
    """
    status, reason = _assess(latest=latest, target=target, direction=direction, reference=reference,
                             reference_year=reference_year, latest_year=latest_year,
                             target_year=target_year, trend=trend, ndigits=ndigits,
                             edition_year=edition_year, latest_period=latest_period)
    if status == "on track" and trend == "worsening":   # rule 7: a status never contradicts its trend
        return "off track", f"{reason}{WORSENING}"
    return status, reason


def _assess(*, latest, target, direction, reference, reference_year, latest_year, target_year, trend,
            ndigits, edition_year, latest_period) -> tuple[str, str]:
    if is_missing(latest):
        return "no data", "no value up to this edition"
    shown = round_half_up(latest, ndigits)
    if not is_missing(target) and _better(shown, target, direction) >= 0:
        return "met", "the latest value reaches the target"
    since = latest_period if isinstance(latest_period, str) and latest_period.strip() else (
        None if is_missing(latest_year) else str(int(latest_year)))
    old = (edition_year is not None and not is_missing(latest_year)
           and latest_year <= edition_year - RECENT_YEARS)
    if not is_missing(target) and not is_missing(target_year) and edition_year is not None \
            and target_year <= edition_year:
        reason = "the target date has passed without the target being reached"
        stale = not is_missing(latest_year) and (old or (not is_missing(reference_year) and latest_year <= reference_year))
        return "off track", reason + (f"; no value since {since}" if stale and since else "")
    if old:
        return "no recent value", f"no value since {since}"
    after_baseline = not is_missing(reference) and not is_missing(reference_year) and not is_missing(latest_year) \
        and latest_year > reference_year
    if not is_missing(reference) and not is_missing(reference_year) and not after_baseline:
        if is_missing(latest_year) or latest_year <= reference_year:
            return "too early to tell", "no value later than the baseline yet"
    if not is_missing(target):
        if not is_missing(target_year) and not is_missing(latest_year) and latest_year >= target_year:
            return "off track", "the target date has passed without the target being reached"
        if after_baseline and not is_missing(target_year) and target_year > reference_year \
                and target != reference:
            needed = min(1.0, (latest_year - reference_year) / (target_year - reference_year))
            closed = (latest - reference) / (target - reference)
            if closed >= needed:
                return "on track", (f"{fmt_number(closed * 100)}% of the gap to the target closed in "
                                    f"{fmt_number(needed * 100)}% of the time")
            return "off track", (f"{fmt_number(max(closed, 0) * 100)}% of the gap to the target closed in "
                                 f"{fmt_number(needed * 100)}% of the time")
    if after_baseline:
        move = _better(shown, round_half_up(reference, ndigits), direction)
        if move > 0:
            return "on track", "better than the baseline"
        return "off track", "no better than the baseline" if move == 0 else "worse than the baseline"
    if trend == "improving":
        return "on track", "the recent values are improving"
    if trend in ("worsening", "stable"):
        return "off track", f"the recent values are {trend}"
    return "too early to tell", "nothing earlier to compare the latest value with"


# ----------------------------------------------------------------------------- the council's plan
def load_plan(council, *, local_root=None) -> dict[str, pd.DataFrame] | None:
    """The council's ambitions, actions, measures, pledges and 2014 targets, or None when the
    council has no folder of its own files yet."""
    council = resolve_council(council)
    if not indicators.has_local_data(council, local_root=local_root):
        return None
    slug = council.slug
    return {"ambitions": localdata.load_ambitions(slug, root=local_root),
            "actions": localdata.load_actions(slug, root=local_root),
            "measures": localdata.load_measures(slug, root=local_root),
            "pledges": localdata.load_pledges(slug, root=local_root),
            "targets_2014": localdata.load_targets_2014(slug, root=local_root)}


SCORECARD_COLUMNS = ["id", "ambition", "description", "indicator", "indicator_label", "unit",
                     "good_direction", "baseline_year", "baseline_value", "reference_year",
                     "reference_value", "latest_period", "latest_year", "latest_value", "latest_marker",
                     "target_value", "target_year", "trend", "status", "reason", "neighbours_average",
                     "ndigits", "definition", "source", "supplied_by", "reference_source", "trend_span"]


def measure_row(measure: pd.Series, council, year: int, *, model: str = "2025", local_root=None,
                table: pd.DataFrame | None = None) -> dict:
    """One scorecard row for one row of measures.csv (``table``: its indicator series, if
    already loaded)."""
    council = resolve_council(council)
    direction = measure["good_direction"]
    code = measure["indicator"]
    row = {c: measure.get(c) for c in ("id", "ambition", "description", "indicator", "baseline_year",
                                        "baseline_value", "target_value", "target_year")}
    row.update(good_direction=direction, unit=measure.get("unit"), indicator_label=None, definition=None,
               source=None, latest_period=None, latest_year=None, latest_value=np.nan, latest_marker=None,
               reference_year=None, reference_value=np.nan, neighbours_average=np.nan, ndigits=0,
               trend="too few values", supplied_by=None, reference_source=None, trend_span=None)
    if is_missing(code) or not str(code).strip():
        row.update(status="no data", reason="no indicator is named for it, so nothing measures it yet",
                   supplied_by="No published series measures this. The council would need to count it in its "
                               "own records and add the figure, with its year, to its local figures.")
        return row
    spec = indicators.describe(code)
    row.update(indicator_label=spec.label, definition=spec.definition, ndigits=spec.ndigits)
    if spec.kind == "public" and spec.loader is None:
        row.update(status="no data", reason="no public data for councils; the council's own figure is needed",
                   supplied_by=spec.extra.get("supplied_by", "The council's own records."))
        return row
    if table is None:
        table = indicators.series(code, council, year, model=model, local_root=local_root)
    council_rows = table[(table["area"] == "council")]
    known = council_rows[council_rows["value"].notna()]
    if known.empty:
        row.update(status="no data", reason="no value up to this edition", supplied_by=_supplier(spec, council_rows,
                                                                                                council, year))
        return row
    last = known.iloc[-1]
    row.update(latest_period=last["period"], latest_year=int(last["year"]), latest_value=float(last["value"]),
               latest_marker=last["marker"], unit=last["unit"] or row["unit"], source=last["source"])
    baseline_year = indicators.reporting_year(measure.get("baseline_year"))
    reference, reference_year = measure.get("baseline_value"), baseline_year
    if spec.kind in ("public", "council share") and baseline_year is not None:
        same = known[known["year"] == baseline_year]
        if not same.empty:   # like with like: the published series' own value for the baseline year
            reference = float(same["value"].iloc[-1])
        elif baseline_year not in set(council_rows["year"]) and not is_missing(reference):
            _no_published_baseline(measure, spec, council_rows, local_root, council)
    if is_missing(reference):
        reference_year = None
    row.update(reference_year=reference_year, reference_value=reference,
               reference_source="DfE" if spec.kind == "public" else "recomputed")
    row["trend"] = trend_of(known["value"].tolist(), direction, spec.ndigits)
    window = known.iloc[-3:]
    if len(window) >= 2 and int(window["year"].iloc[-1]) - int(window["year"].iloc[0]) > len(window) - 1:
        # the values compared are not from years in a row: the trend names them
        row["trend_span"] = f"{window['period'].iloc[0]} to {window['period'].iloc[-1]}"
    row["status"], row["reason"] = assess(
        latest=row["latest_value"], target=measure.get("target_value"), direction=direction,
        reference=reference, reference_year=reference_year, latest_year=row["latest_year"],
        target_year=indicators.reporting_year(measure.get("target_year")), trend=row["trend"],
        ndigits=spec.ndigits, edition_year=year, latest_period=row["latest_period"])
    if row["reason"].endswith(WORSENING):   # rule 7: name the values the trend compares
        first, last = known.iloc[-min(3, len(known))], known.iloc[-1]
        unit = row["unit"] if isinstance(row["unit"], str) else ""
        row["reason"] += (f" ({fmt_figure(first['value'], unit, spec.ndigits)} in {first['period']} to "
                          f"{fmt_figure(last['value'], unit, spec.ndigits)} in {last['period']})")
    if spec.comparable and spec.kind == "public":
        neighbours = table[(table["area"] == "neighbours") & (table["year"] == row["latest_year"])]
        if not neighbours.empty:
            row["neighbours_average"] = float(neighbours["value"].iloc[0])
    return row


def _supplier(spec, council_rows: pd.DataFrame, council, year: int) -> str:
    """What would give a measure with no value one: the council's own figure, or why DfE shows none."""
    if spec.kind == "local":
        return (f"The council's own figure for {spec.label}: a row in its local figures with a period and a "
                "value. It has not been filled in yet.")
    if spec.kind in ("cost", "capacity"):
        return f"The council's own {spec.label.lower()}, with its year, in its own files."
    markers = sorted({m for m in council_rows["marker"] if isinstance(m, str) and m})
    if markers:
        meaning = "; ".join(f"{m}: {MARKER_LEGEND.get(m, 'see the publisher')}" for m in markers)
        return f"DfE publishes this series, but not a figure for {council.name} up to {year} ({meaning})."
    return f"DfE publishes this series, but has no figure for {council.name} up to {year}."


def _no_published_baseline(measure: pd.Series, spec, council_rows: pd.DataFrame, local_root, council) -> None:
    """A stated baseline in a year the published series does not cover: stop rather than compare
    the council's figure with a different year's published one."""
    years = sorted(int(y) for y in council_rows["year"])
    covered = f"{years[0]} to {years[-1]}" if years else "none"
    # Named as the officer finds it: a CSV row, or a workbook's sheet and cell (only on this error path).
    folder = localdata.local_dir(council.slug, root=local_root)
    source = localdata.source_of(localdata.load_measures(council.slug, root=local_root), folder, "measures")
    raise InputError(source.path, source.cell(int(measure.name), "baseline_year"),
                     f"{measure.get('baseline_year')!r} for measure {measure.get('id')} ({spec.id})",
                     f"a baseline year the published series covers (years ending 31 March: {covered}), "
                     "or an empty baseline")


def scorecard(council, year: int, *, model: str = "2025", ambition: int | None = None,
              local_root=None) -> pd.DataFrame:
    """Every measure in the council's measures.csv (or one ambition's) with its status.

    Returns an empty table with :data:`SCORECARD_COLUMNS` when the council has no files.
    """
    plan = load_plan(council, local_root=local_root)
    if plan is None:
        return pd.DataFrame(columns=SCORECARD_COLUMNS)
    measures = plan["measures"]
    if ambition is not None:
        measures = measures[measures["ambition"] == int(ambition)]
    rows = [measure_row(m, council, year, model=model, local_root=local_root) for _, m in measures.iterrows()]
    return pd.DataFrame(rows, columns=SCORECARD_COLUMNS)


def status_label(status: str, edition_year: int | None = None) -> str:
    """A status as the table of counts names it; "no recent value" says which years count as recent.

    >>> status_label("off track"), status_label("no recent value", 2025)
    ('Off track', 'No value in 2024 or 2025')
    """
    if status == "no recent value" and edition_year is not None:
        years = [str(y) for y in range(edition_year - RECENT_YEARS + 1, edition_year + 1)]
        return "No value in " + (" or ".join([", ".join(years[:-1]), years[-1]]) if len(years) > 1 else years[0])
    return status.capitalize()


def status_counts(card: pd.DataFrame, edition_year: int | None = None) -> pd.DataFrame:
    """How many measures have each status (every status listed, zero included)."""
    counts = card["status"].value_counts().reindex(list(STATUSES), fill_value=0)
    return pd.DataFrame({"Status": [status_label(s, edition_year) for s in STATUSES],
                         "Measures": counts.astype(int).tolist()})


#: The start of the reason of a measure off track because its target date has passed.
DATE_PASSED = "the target date has passed"


def off_track_breakdown(card: pd.DataFrame) -> tuple[int, int]:
    """The measures off track: how many because their target date passed without the target being
    reached, and how many for the other reasons (behind the timetable, no better than the
    baseline, or worsening)."""
    off = card[card["status"] == "off track"]
    passed = int(off["reason"].str.startswith(DATE_PASSED).sum())
    return passed, len(off) - passed


def passed_targets(card: pd.DataFrame, edition_year: int) -> dict[str, int]:
    """The measures whose target date has passed by ``edition_year``: how many met their target,
    how many have a value short of it, and how many have no value at all."""
    due = card[[target_passed(y, edition_year) and not is_missing(v)
                for y, v in zip(card["target_year"], card["target_value"])]]
    return {"met": int((due["status"] == "met").sum()),
            "short": int(((due["status"] != "met") & (due["status"] != "no data")).sum()),
            "no value": int((due["status"] == "no data").sum())}


def status_text(row) -> str:
    """A measure's status as the tables show it: on or off track with its reason, a value too old
    to judge by its period, any other status as a word.

    >>> status_text({"status": "off track", "reason": "worse than the baseline"})
    'Off track: worse than the baseline'
    >>> status_text({"status": "no recent value", "reason": "no value since 2021-22"})
    'No value since 2021-22'
    """
    status, reason = row["status"], row.get("reason")
    if status == "no recent value":
        return reason[0].upper() + reason[1:]
    if status in ("on track", "off track") and isinstance(reason, str) and reason:
        return f"{status.capitalize()}: {reason}"
    return status.capitalize()


def reader_table(card: pd.DataFrame, *, with_ambition: bool = False, edition_year: int | None = None) -> pd.DataFrame:
    """The scorecard as readers see it: words, not codes; status as a word; a target whose date
    has passed by ``edition_year`` says so."""
    out = pd.DataFrame()
    if with_ambition:
        out["Ambition"] = card["ambition"].astype(str)
    out["Measure"] = card["id"] + ": " + card["description"]
    out["Baseline"] = [baseline_text(r) for _, r in card.iterrows()]
    out["Latest"] = [latest_text(r) for _, r in card.iterrows()]
    out["Target"] = [target_text(r, edition_year) for _, r in card.iterrows()]
    out["Trend"] = [trend_text(r) for _, r in card.iterrows()]
    out["Status"] = [status_text(r) for _, r in card.iterrows()]
    out["Neighbours"] = [fmt_figure(v, u) for v, u in zip(card["neighbours_average"], card["unit"])]
    return out


def trend_text(row) -> str:
    """A trend as the tables show it: empty with too few values, and naming the periods compared
    when they are not from years in a row.

    >>> trend_text({"trend": "worsening", "trend_span": "December 2014 to 2021-22"})
    'worsening (December 2014 to 2021-22)'
    >>> trend_text({"trend": "too few values", "trend_span": None})
    ''
    """
    if row["trend"] == "too few values":
        return ""
    span = row.get("trend_span")
    return f"{row['trend']} ({span})" if isinstance(span, str) and span else row["trend"]


def target_passed(target_year, edition_year: int) -> bool:
    """Whether a target's date has passed by the edition's data (to 31 March of ``edition_year``).

    >>> target_passed("2024-25", 2025), target_passed("2025-26", 2025), target_passed(None, 2025)
    (True, False, False)
    """
    due = indicators.reporting_year(target_year)
    return due is not None and due <= edition_year


def target_text(row, edition_year: int | None = None) -> str:
    """A target in words, saying when its date has passed by the edition's data (when given).

    >>> target_text({"target_value": 75, "target_year": "2024-25", "good_direction": "up", "unit": "%"}, 2025)
    'at least 75% by 2024-25 (date passed)'
    >>> target_text({"target_value": np.nan, "target_year": None, "good_direction": "down", "unit": "%"}, 2025)
    'lower (no figure set)'
    """
    value, year, unit = row["target_value"], row["target_year"], row["unit"]
    if is_missing(value):
        return ("higher" if row["good_direction"] == "up" else "lower") + " (no figure set)"
    text = ("at least " if row["good_direction"] == "up" else "at most ") + fmt_figure(value, unit, 1)
    if not is_missing(year):
        passed = edition_year is not None and target_passed(year, edition_year)
        text += f" by {year}" + (" (date passed)" if passed else "")
    return text


def latest_text(row) -> str:
    """The latest value with its period, '28% (2025)', or "no data"."""
    if is_missing(row["latest_value"]):
        return MISSING
    return f"{fmt_figure(row['latest_value'], row['unit'], int(row['ndigits'] or 0))} ({row['latest_period']})"


def baseline_text(row) -> str:
    """The baseline as the status used it: the published figure for the baseline year where there
    is one, with the strategy's printed figure beside it when the two differ.

    >>> baseline_text({"baseline_value": 70, "baseline_year": "March 2022", "reference_value": 72.0,
    ...                "reference_year": 2022, "unit": "rate per 10,000", "ndigits": 0})
    '72 (2022, DfE); 70 as printed'
    >>> baseline_text({"baseline_value": 28, "baseline_year": "2021-22", "reference_value": 28.0,
    ...                "reference_year": 2022, "unit": "count", "ndigits": 0})
    '28 (2021-22)'
    """
    printed, year, unit = row["baseline_value"], row["baseline_year"], row["unit"]
    used = row.get("reference_value")
    if is_missing(printed) and is_missing(used):
        return MISSING
    when = year if isinstance(year, str) and year.strip() else "year not given"
    published = fmt_figure(used, unit, int(row.get("ndigits") or 0))   # as the series is shown elsewhere
    if is_missing(used) or is_missing(printed) or published == fmt_figure(printed, unit, 1):
        return f"{fmt_figure(printed, unit, 1) if not is_missing(printed) else published} ({when})"
    source = row.get("reference_source") or "DfE"
    return f"{published} ({int(row['reference_year'])}, {source}); {fmt_figure(printed, unit, 1)} as printed"


def no_data_table(card: pd.DataFrame) -> pd.DataFrame:
    """The measures with no value, each with what would supply one."""
    rows = card[card["status"] == "no data"]
    return pd.DataFrame({"Measure": rows["id"] + ": " + rows["description"],
                         "What would supply it": rows["supplied_by"].fillna("")}).reset_index(drop=True)


# ----------------------------------------------------------------------------- charts
def measure_chart(table: pd.DataFrame, row: dict, council_name: str):
    """A small chart: the council's values over time, its baseline, and the target as a
    dashed line (with the neighbours' average as a dotted line where comparable), each named at
    its right-hand end. With a single value the council's figure is a dot with its value written
    beside it. Returns (figure, numbers, alt text)."""
    charts.theme()
    own = table[(table["area"] == "council") & table["value"].notna()]
    fig, ax = plt.subplots(figsize=(7.5, 3.0 if len(own) == 1 else 4.2))   # a lone dot needs less height
    colour, style, marker = charts.ROLE_STYLE["council"]
    x = own["year"].astype(int).tolist()
    single = len(own) == 1
    ax.plot(x, own["value"], color=colour, linestyle="none" if single else style, marker=marker, linewidth=2.6,
            markersize=10 if single else 6, label=council_name)
    ends = [(own["value"].iloc[-1], textwrap.fill(council_name, 16), colour)] if len(own) else []
    if single:   # one value: a dot, named with its value beside it
        ends = [(own["value"].iloc[0], f"{council_name}: {fmt_figure(own['value'].iloc[0], row['unit'], row['ndigits'])}",
                 colour)]
    numbers = pd.DataFrame({"Year": x, "Period": own["period"].tolist(),
                            council_name: [fmt_number(v, row["ndigits"] if not float(v).is_integer() else 0)
                                           for v in own["value"]]})
    if row.get("indicator") and indicators.describe(row["indicator"]).comparable:
        nb = table[(table["area"] == "neighbours") & table["value"].notna()]
        if not nb.empty:
            c, s, m = charts.ROLE_STYLE["neighbours"]
            ax.plot(nb["year"].astype(int), nb["value"], color=c, linestyle="none" if len(nb) == 1 else s, marker=m,
                    linewidth=1.6, markersize=5, label="Statistical neighbours: average")
            ends.append((nb["value"].iloc[-1], "Neighbours'\naverage", c))
            numbers = numbers.merge(pd.DataFrame({"Year": nb["year"].astype(int).tolist(),
                                                  "Neighbours' average": [fmt_number(v) for v in nb["value"]]}),
                                    on="Year", how="left")
    target = row.get("target_value")
    if not is_missing(target):
        ax.axhline(target, color=charts.OKABE_ITO["vermillion"], linestyle="--", linewidth=1.8,
                   label=f"Target: {fmt_figure(target, row['unit'], 1)}")
        ends.append((target, f"Target:\n{fmt_figure(target, row['unit'], 1)}", charts.OKABE_ITO["vermillion"]))
        numbers["Target"] = fmt_figure(target, row["unit"], 1)
    years = sorted(set(x) | set(int(y) for y in table["year"]))
    ax.set_xticks(years)
    ax.set_xticklabels([str(y) for y in years], rotation=0 if len(years) <= 6 else 45)
    if len(years) == 1:
        ax.set_xlim(years[0] - 0.6, years[0] + 0.6)
    ax.grid(axis="x", visible=False)
    ax.set_ylabel(row["unit"] or "")
    low = min([v for v in [own["value"].min(), target] if not is_missing(v)] + [0])
    ax.set_ylim(bottom=min(0, low))
    fig.tight_layout()
    charts.label_ends(ax, ends, x=0.56 if len(years) == 1 else 1.02)
    fig.tight_layout()
    alt = _alt(own, row, council_name)
    return fig, numbers, alt


def _alt(own: pd.DataFrame, row: dict, council_name: str) -> str:
    unit = row["unit"] if isinstance(row["unit"], str) else ""
    measure = f"measure {row['id']}" if isinstance(row.get("id"), str) else "the measure"
    kind = "Line chart" if len(own) >= 2 else "Chart"   # one value is drawn as a dot, not a line
    text = (f"{kind} for {measure}: {row['description'].rstrip('.')}. It shows {council_name}'s "
            f"values" + (f" ({unit})" if unit else ""))
    if len(own) >= 2:
        first, last = own.iloc[0], own.iloc[-1]
        text += (f", from {fmt_figure(first['value'], unit, row['ndigits'])} in {first['period']} to "
                 f"{fmt_figure(last['value'], unit, row['ndigits'])} in {last['period']}")
    elif len(own) == 1:
        text += f": one value, {fmt_figure(own.iloc[0]['value'], unit, row['ndigits'])} in {own.iloc[0]['period']}"
    if not is_missing(row.get("target_value")):
        text += f"; the target line is at {fmt_figure(row['target_value'], unit, 1)}"
    status = row["reason"] if row["status"] == "no recent value" else row["status"]   # "no value since 2020-21"
    text += f". Trend: {row['trend']}; status: {status}."
    return text


# ----------------------------------------------------------------------------- pages' tables
def missing_action_details(plan: dict, ambition: int) -> list[str]:
    """Which action details the council has not recorded for any action of this ambition."""
    actions = plan["actions"][plan["actions"]["ambition"] == int(ambition)]
    names = {"lead": "who leads them", "due": "when they are due", "progress_note": "progress so far"}
    return [text for column, text in names.items() if len(actions) and actions[column].isna().all()]


def _values_text(rows: pd.DataFrame, unit_default: str = "") -> str:
    parts = []
    for _, r in rows.iterrows():
        value = fmt_figure(r["value"], r["unit"] or unit_default, 1)
        parts.append(value + (f" ({r['period']})" if not is_missing(r["period"]) else ""))
    return "; ".join(parts) or MISSING


def progress_since_2014(plan: dict, council, year: int, *, model: str = "2025") -> pd.DataFrame:
    """Each measure of the 2014–16 plan: its values then, its target, the published value at
    the end of the plan (2016) and the latest published value, where an indicator matches.

    ``against_target`` compares the latest published value with the 2014 target in the good
    direction ('reached', 'not reached'), or says there is no current figure.
    """
    targets = plan["targets_2014"]
    rows = []
    for measure_id, group in targets.groupby("id", sort=False):
        first = group.iloc[0]
        actual = group[group["value_type"] == "actual"]
        target = group[group["value_type"] == "target"]
        comparators = group[group["value_type"].isin(["england", "statistical_neighbours", "comparator"])]
        row = {"id": measure_id, "measure": first["measure"], "indicator": first["indicator"],
               "good_direction": first["good_direction"], "unit": first["unit"],
               "then": _values_text(actual), "target": _values_text(target.assign(period=None)),
               "target_value": target["value"].iloc[0] if len(target) else np.nan,
               "comparators_then": "; ".join(
                   f"{ {'england': 'England', 'statistical_neighbours': 'neighbours'}.get(t, n if isinstance(n, str) else t)} "
                   f"{fmt_figure(v, u, 1)}" + (f" ({p})" if isinstance(p, str) else "")
                   for t, n, v, u, p in zip(comparators["value_type"], comparators["note"], comparators["value"],
                                            comparators["unit"], comparators["period"])),
               "end_of_plan": np.nan, "latest_year": None, "latest": np.nan, "england_latest": np.nan,
               "against_target": "no current published figure", "definition_change": None}
        code = first["indicator"]
        if isinstance(code, str) and code.strip() and indicators.describe(code).kind == "public":
            row["definition_change"] = indicators.describe(code).extra.get("definition_change")
            table = indicators.series(code, council, year, model=model)
            own = table[(table["area"] == "council") & table["value"].notna()]
            if not own.empty:
                at_end = own[own["year"] == 2016]
                row["end_of_plan"] = float(at_end["value"].iloc[0]) if len(at_end) else np.nan
                last = own.iloc[-1]
                row.update(latest_year=int(last["year"]), latest=float(last["value"]))
                eng = table[(table["area"] == "england") & (table["year"] == last["year"])]
                row["england_latest"] = float(eng["value"].iloc[0]) if len(eng) else np.nan
                if not is_missing(row["target_value"]):
                    ok = _better(round_half_up(row["latest"], 0), row["target_value"], row["good_direction"]) >= 0
                    row["against_target"] = "reached" if ok else "not reached"
                else:
                    row["against_target"] = "no target was set"
        rows.append(row)
    return pd.DataFrame(rows)


def progress_reader_table(progress: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "Measure": progress["measure"], "Then": progress["then"], "Target 2014–16": progress["target"],
        "Comparators then": progress["comparators_then"],
        "2016 (published)": [fmt_figure(v, u) for v, u in zip(progress["end_of_plan"], progress["unit"])],
        "Latest (published)": [f"{fmt_figure(v, u)} ({int(y)})" if not is_missing(v) else MISSING for v, u, y in
                               zip(progress["latest"], progress["unit"], progress["latest_year"])],
        "England (latest)": [fmt_figure(v, u) for v, u in zip(progress["england_latest"], progress["unit"])],
        "Latest against the 2014 target": progress["against_target"].str.capitalize()})
