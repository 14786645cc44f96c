"""The regional book's forecasts: the group's demand as the sum of its councils' own forecasts, with
ranges combined as :mod:`sufficiency.forecasting.group` does (by simulation, with the councils'
misses as correlated as the national back-test found them), the gap by placement type against the
places in the group, and the cost.

>>> row = pd.Series({"year": 2028, "point": 8123.4, "lower_80": 7650.2, "upper_80": 8610.9,
...                  "added_lower_80": 7100.0, "added_upper_80": 9150.0, "correlation": 0.31})
>>> print(range_sentence(row, "the 33 councils of London"))
By 2028 the councils' own central forecasts for the 33 councils of London add up to 8,123 children looked \
after, with an 80% range for the group of 7,650 to 8,611. Adding the councils' own 80% ranges would give 7,100 \
to 9,150: wider, because councils' forecasts do not all miss in the same direction at once (in past forecasts \
for every council, their misses were correlated at 0.31).
"""
from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import pandas as pd

from sufficiency.chapters.forecasts_charts import fan_chart
from sufficiency.chapters.forecasts_words import (
    _prose_step,
    _range,
    readers_cost_table,
    readers_gap_table,
    scenario_cost_cells,
)
from sufficiency.chapters.regional import group_phrase, the_councils
from sufficiency.core import ledger
from sufficiency.data.groups import Group
from sufficiency.forecasting import group as group_forecasting
from sufficiency.forecasting.demand import SERIES
from sufficiency.forecasting.group import GroupForecast
from sufficiency.publishing.charts import OKABE_ITO, theme
from sufficiency.publishing.pages import Markdown, Page, escape, prose
from sufficiency.publishing.words import and_list, fmt_number, is_missing

SOURCE = ("The councils' own forecasts, from DfE's children looked after statistics, combined for the group; "
          "ranges calibrated on every council's past forecasts")
TOTAL = "cla_31_march"


def forecast_for(group: Group, year: int, files_dir: str = "") -> GroupForecast:
    """The group's forecast; its table is written as ``forecasts.csv`` beside the page, which the
    build publishes with the book."""
    gf = group_forecasting.group_forecast(group, year)
    if files_dir:
        gf.table().round(2).to_csv(f"{files_dir}/forecasts.csv", index=False)
    return gf


def _rounded(value: float) -> str:
    step = _prose_step(value)
    return fmt_number(round(value / step) * step)


def range_sentence(row: pd.Series, who: str, what: str = "children looked after") -> str:
    """The group's central forecast for the last year (the councils' own central forecasts added, as
    the table shows it) with its combined 80% range, set against the range the councils' own ranges
    would give if simply added. Where the councils' ranges reach much further one way than the
    other, the group's range may not contain the sum of their central forecasts: the sentence says
    so and why, rather than leave a central figure outside its own range unexplained; the added
    ranges are called wider only where they are.

    >>> row = pd.Series({"year": 2028, "point": 1068.0, "lower_80": 1076.8, "upper_80": 2605.7,
    ...                  "added_lower_80": 1100.0, "added_upper_80": 2500.0, "correlation": 0.166})
    >>> print(range_sentence(row, "the 33 councils of London", "unaccompanied children"))
    By 2028 the councils' own central forecasts for the 33 councils of London add up to 1,068 unaccompanied children. The group's 80% range, 1,076 to 2,606, lies above that sum: most of the councils' ranges reach much further up than down, so the group's total is likelier than not to be higher than their central forecasts added. Adding the councils' own 80% ranges would give 1,100 to 2,500.
    """
    point, low, high = row["point"], row["lower_80"], row["upper_80"]
    text = (f"By {int(row['year'])} the councils' own central forecasts for {who} add up to {fmt_number(point)} "
            f"{what}")
    if low <= point <= high:
        text += f", with an 80% range for the group of {_range(low, high)}."
    else:
        side, way, more = ("above", "up than down", "higher") if point < low else ("below", "down than up", "lower")
        text += (f". The group's 80% range, {_range(low, high)}, lies {side} that sum: most of the councils' ranges "
                 f"reach much further {way}, so the group's total is likelier than not to be {more} than their "
                 "central forecasts added.")
    if not is_missing(row.get("added_lower_80")):
        added = _range(row["added_lower_80"], row["added_upper_80"])
        if row["added_upper_80"] - row["added_lower_80"] > high - low:
            text += (f" Adding the councils' own 80% ranges would give {added}: wider, because councils' forecasts "
                     "do not all miss in the same direction at once (in past forecasts for every council, their "
                     f"misses were correlated at {fmt_number(row['correlation'], 2)}).")
        else:
            text += f" Adding the councils' own 80% ranges would give {added}."
    return text


def missing_sentence(gf: GroupForecast, measures: list[str]) -> str:
    """Which councils a series' group forecast leaves out (they have too few published years to
    forecast), in one sentence per set of such councils; '' when every council is in every series.

    >>> from types import SimpleNamespace as S
    >>> gf = S(missing={"uasc": ["City of London"], "placement_foster": ["City of London"],
    ...                 "placement_homes": ["City of London", "Redbridge"], "starters": []})
    >>> print(missing_sentence(gf, ["starters", "uasc", "placement_foster", "placement_homes"]))
    The group's forecasts of unaccompanied children and foster care leave out City of London, which has too few published years to forecast: they add up the other councils' forecasts. The group's forecast of children's homes leaves out City of London and Redbridge, which have too few published years to forecast: it adds up the other councils' forecasts.
    """
    by_councils: dict[tuple, list[str]] = {}
    for measure in measures:
        names = tuple(gf.missing.get(measure, []))
        if names:
            by_councils.setdefault(names, []).append(SERIES[measure].short if measure in SERIES else measure)
    sentences = []
    for names, labels in by_councils.items():
        one = len(labels) == 1
        sentences.append(
            f"The group's forecast{'' if one else 's'} of {and_list(labels)} leave{'s' if one else ''} out "
            f"{and_list([escape(n) for n in names])}, which {'has' if len(names) == 1 else 'have'} too few published "
            f"years to forecast: {'it adds' if one else 'they add'} up the other councils' forecasts.")
    return " ".join(sentences)


def left_out_note(frame: pd.DataFrame) -> str:
    """A caption's note naming the councils a table's forecasts leave out, or ''.

    >>> left_out_note(pd.DataFrame({"members_missing": ["", "City of London", "City of London and Redbridge"]}))
    'Councils left out of some rows (too few published years to forecast): City of London; City of London and Redbridge.'
    """
    if "members_missing" not in frame:
        return ""
    left = [str(n) for n in dict.fromkeys(frame["members_missing"].fillna("")) if str(n)]
    return f"Councils left out of some rows (too few published years to forecast): {'; '.join(left)}." if left else ""


def opening_section(page: Page, gf: GroupForecast) -> Markdown:
    table = gf.table()
    measures = [m for m in SERIES if m in set(table["measure"])]
    labels = and_list([SERIES[m].short for m in measures])
    text = (f"This page forecasts {labels} for {group_phrase(gf.group)} to {int(table['year'].max())}, from data to "
            f"31 March {gf.year}." if measures else
            f"No forecast can be made for {escape(gf.group.name)} from data to 31 March {gf.year}.")
    gaps = [missing_sentence(gf, list(SERIES))]
    for r in table.itertuples():
        ledger.record(f"regional_forecast_{r.measure}", gf.group.slug, r.year, r.point)
    return prose(text, *gaps)


def history(gf: GroupForecast, measure: str) -> pd.Series:
    """The group's recorded figures: the members' series summed, in the years every member has one."""
    series = [fs.series.get(measure) for fs in gf.members.values()]
    if not series or any(s is None for s in series):
        return pd.Series(dtype=float)
    frame = pd.concat(series, axis=1)
    return frame.dropna().sum(axis=1).sort_index()


def total_section(page: Page, gf: GroupForecast) -> Markdown:
    table = gf.table()
    rows = table[table["measure"] == TOTAL].sort_values("year")
    if rows.empty:
        return prose(missing_sentence(gf, [TOTAL]) or f"No forecast of children looked after for {escape(gf.group.name)}.")
    who = group_phrase(gf.group)
    text = prose(range_sentence(rows.iloc[-1], who))
    theme()
    fig, ax = plt.subplots(figsize=(7.5, 5.0))
    past = history(gf, TOTAL)
    fan_chart(ax, past, rows, gf.group.name)
    if rows["added_lower_80"].notna().any():
        ax.plot(rows["year"], rows["added_lower_80"], color=OKABE_ITO["black"], linestyle=(0, (1, 2)), linewidth=1.4,
                label="councils' 80% ranges added")
        ax.plot(rows["year"], rows["added_upper_80"], color=OKABE_ITO["black"], linestyle=(0, (1, 2)), linewidth=1.4)
        handles, _ = ax.get_legend_handles_labels()
        ax.legend(handles=ax.get_legend().legend_handles + [handles[-1]], frameon=False)
    # The key below the chart, where it cannot cover the recorded line.
    ax.legend(handles=ax.get_legend().legend_handles, frameon=False, loc="upper left", bbox_to_anchor=(0, -0.24),
              ncol=2)
    years = [int(y) for y in past.index] + [int(y) for y in rows["year"]]
    # Every third year, counted back from the last forecast year, so the labels never run together.
    ax.set_xticks([y for y in range(max(years), min(years) - 1, -3)])
    ax.set_title(textwrap.fill(f"Children looked after, {gf.group.name}: recorded and forecast", 48))
    ax.set_ylabel("children")
    fig.tight_layout()
    data = pd.DataFrame({
        "Year": [str(int(y)) for y in past.index] + [str(int(y)) for y in rows["year"]],
        "Recorded": [fmt_number(v) for v in past] + [""] * len(rows),
        "Central forecast": [""] * len(past) + [fmt_number(v) for v in rows["point"]],
        "80% range": [""] * len(past) + [_range(a, b) for a, b in zip(rows["lower_80"], rows["upper_80"])],
        "95% range": [""] * len(past) + [_range(a, b) for a, b in zip(rows["lower_95"], rows["upper_95"])],
        "Councils' 80% ranges added": [""] * len(past) + [_range(a, b) for a, b in
                                                          zip(rows["added_lower_80"], rows["added_upper_80"])],
    })
    last = rows.iloc[-1]
    alt = (f"Fan chart of children looked after by {who}: recorded "
           + (f"from {int(past.index[0])} to {int(past.index[-1])}, " if len(past) else "")
           + f"then the central forecast to {int(last['year'])} at {fmt_number(last['point'])} with its 80% range "
           f"{_range(last['lower_80'], last['upper_80'])} and 95% range {_range(last['lower_95'], last['upper_95'])}; "
           "dotted black lines show the wider range the councils' own ranges would give if added.")
    return text + page.figure(fig, name="group-forecast", alt=alt, data=data, source=SOURCE,
                              caption=f"Children looked after by {the_councils(gf.group)}: recorded, "
                                      "and forecast with ranges combined for the group.")


def series_table(table: pd.DataFrame) -> pd.DataFrame:
    """Every series the group is forecast for, in its last year, as readers see it: central figure,
    the combined 80% range and the range the councils' own ranges would give if added.

    >>> t = pd.DataFrame({"measure": ["uasc", "uasc"], "year": [2027, 2028], "point": [90.4, 95.2],
    ...                   "lower_80": [80.1, 82.7], "upper_80": [101.2, 110.3], "added_lower_80": [75.0, 74.2],
    ...                   "added_upper_80": [106.0, 118.9]})
    >>> series_table(t).to_dict("records")
    [{'Series': 'Unaccompanied asylum-seeking children looked after on 31 March', 'Year': '2028', 'Central forecast': '95', '80% range for the group': '82 to 111', "Councils' 80% ranges added": '74 to 119'}]
    """
    rows = []
    for measure in [m for m in SERIES if m in set(table["measure"])]:
        r = table[table["measure"] == measure].sort_values("year").iloc[-1]
        if is_missing(r["point"]):
            continue
        rows.append({"Series": SERIES[measure].label, "Year": str(int(r["year"])),
                     "Central forecast": fmt_number(r["point"]),
                     "80% range for the group": _range(r["lower_80"], r["upper_80"]),
                     "Councils' 80% ranges added": _range(r["added_lower_80"], r["added_upper_80"])})
    return pd.DataFrame(rows)


def series_section(page: Page, gf: GroupForecast) -> Markdown:
    table = series_table(gf.table())
    if table.empty:
        return prose(f"No series can be forecast for {escape(gf.group.name)}.")
    return page.table(table, name="group-series", source=SOURCE,
                      caption=(f"Every series forecast for {the_councils(gf.group)}, together, in the last year "
                               "forecast: the councils' own central forecasts added, the group's range, and the range "
                               "adding the councils' ranges would give. Where most councils' ranges reach much further "
                               "up than down, the group's range can lie above their central forecasts added. "
                               + left_out_note(gf.table())).strip())


def gap_sentences(gap: pd.DataFrame) -> str:
    """What the gap table shows in the last year forecast, type by type: only the placement types
    with places counted in the group are compared, and a central forecast within the places is not
    called enough when its range goes beyond them.

    >>> gap = pd.DataFrame({"placement": ["Foster care", "Children's homes"], "year": [2028, 2028],
    ...                     "demand": [5000.0, 922.0], "demand_low_80": [4800.0, 963.0],
    ...                     "demand_high_80": [5300.0, 1499.0], "supply": [float("nan"), 941.0],
    ...                     "supply_what": ["not published for Camden", "registered places in children's homes"],
    ...                     "gap": [float("nan"), -19.0], "gap_low_80": [float("nan"), 22.0],
    ...                     "gap_high_80": [float("nan"), 558.0]})
    >>> print(gap_sentences(gap))
    By 2028, children's homes: the councils' central forecasts added (922) are within the 941 places counted, \
but the group's whole 80% range (963 to 1,499) is above them. No places are counted for foster care, so no \
gap is worked out for it. The places counted are those located in the group's area, which other councils' \
children use too.
    """
    last = gap[gap["year"] == gap["year"].max()]
    year = int(last["year"].iloc[0])
    parts, unknown = [], []
    for r in last.itertuples(index=False):
        kind = str(r.placement).lower()
        if is_missing(r.supply):
            unknown.append(kind)
            continue
        places = f"the {fmt_number(r.supply)} places counted"
        if r.gap > 0:
            parts.append(f"{kind}: forecast demand exceeds {places} by about {_rounded(r.gap)} children")
        elif r.gap_low_80 > 0:
            parts.append(f"{kind}: the councils' central forecasts added ({fmt_number(r.demand)}) are within {places}, "
                         f"but the group's whole 80% range ({_range(r.demand_low_80, r.demand_high_80)}) is above them")
        elif r.gap_high_80 > 0:
            parts.append(f"{kind}: the central forecast is within {places}, but the upper end of its 80% range "
                         "goes beyond them")
        else:
            parts.append(f"{kind}: forecast demand stays within {places}, across its 80% range")
    text = (f"By {year}, " + "; ".join(parts) + ".") if parts else ""
    if unknown:
        text += (f" No places are counted for {and_list(unknown)}, so no gap is worked out for "
                 + ("it." if len(unknown) == 1 else "them."))
    if parts:
        counted = [str(r.placement).lower() for r in last.itertuples(index=False) if not is_missing(r.supply)]
        text += (" The places counted are those located in the group's area, which other councils' children use too"
                 + ("; for foster care, the councils' own foster places only, not agencies'." if "foster care" in counted
                    else "."))
    return text.strip()


def gap_section(page: Page, gf: GroupForecast) -> Markdown:
    gap = group_forecasting.group_gap(gf)
    if gap.empty:
        return prose(f"No gap by placement type can be worked out for {escape(gf.group.name)}.")
    caption = f"Forecast children by placement type against places in {gf.group.name}."
    caption = f"{caption} {left_out_note(gap)}".strip()
    return prose(gap_sentences(gap)) + page.table(readers_gap_table(gap), name="group-gap", source=SOURCE,
                                                  caption=caption)


def cost_section(page: Page, gf: GroupForecast) -> Markdown:
    cost = group_forecasting.group_costs(gf)
    if cost.empty:
        return prose(f"No cost forecast can be made for {escape(gf.group.name)}: the councils' weekly costs are "
                     "not all known.")
    table = readers_cost_table(cost)
    return page.table(table, name="group-cost", source=SOURCE,
                      caption=(f"Forecast annual cost of placements for {the_councils(gf.group)}, "
                               f"with ranges combined for the group. {left_out_note(cost)}").strip())


def group_scenario_rows(table: pd.DataFrame) -> pd.DataFrame:
    """The group's scenarios as readers see them: annual cost in £ millions with its 80% range and
    the difference from the group's baseline forecast cost.

    >>> t = pd.DataFrame({"id": ["G1"], "scenario": ["Prices rise 5% a year"], "cost": [121.2e6],
    ...                   "cost_low_80": [110.0e6], "cost_high_80": [133.9e6], "difference": [13.9e6]})
    >>> group_scenario_rows(t).values.tolist()
    [['G1: Prices rise 5% a year', '£121.2m', '£110.0m to £133.9m', '+£13.9m']]
    """
    rows = [scenario_cost_cells(r) for r in table.itertuples(index=False)]
    return pd.DataFrame(rows, columns=["Scenario", "Annual cost", "80% range", "Against the baseline"])


def scenarios_section(page: Page, gf: GroupForecast) -> Markdown:
    """The group's own cost scenarios, each applied to every council and the costs combined; or a
    sentence saying the group has set none yet."""
    scenarios = group_forecasting.group_scenario_file(gf.group)
    name = escape(gf.group.name)
    if scenarios is None:
        return prose(f"No cost scenarios have been set for {name} yet. A group can set its own, of the same "
                     "kinds a council sets for its own book (prices rising, more children in foster homes, more "
                     "foster carers of the councils' own); each is then applied to every council and the costs "
                     "combined as above.")
    result = group_forecasting.group_scenarios(gf, scenarios)
    why = [f"{sid}: {text}." for sid, text in result.not_modelled.items()]
    text = prose(f"Each scenario below is applied to every council of {name} and the councils' costs are "
                 "combined as for the forecast itself; the difference is against the group's forecast cost.",
                 " ".join(why))
    if result.table.empty:
        return text
    year = int(result.table["year"].iloc[0])
    return text + page.table(group_scenario_rows(result.table), name="group-scenarios", source=SOURCE,
                             caption=f"Cost scenarios for {the_councils(gf.group)} in {year}, illustrative.")
