"""What the record-level pages say: sentences, reader tables and charts made from a council's own
SSDA903 records (:class:`sufficiency.records.book.Records`), already disclosure-controlled.

>>> percent_text("12", "40")
'30%'
>>> percent_text("c", "40"), percent_text("0", "0")
('c', 'z')
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from sufficiency.chapters.forecasts_words import shown_forecast
from sufficiency.core.markers import round_half_up
from sufficiency.publishing.charts import LABEL_SIZE, OKABE_ITO, theme
from sufficiency.publishing.pages import escape
from sufficiency.records import compare, disclosure, markov
from sufficiency.records.book import (
    FORECAST_GROUP,
    FORECAST_GROUP_LABEL,
    NOT_AVAILABLE,
    Records,
    numeric,
    transition_summary,
)


def percent_text(numerator: str, denominator: str) -> str:
    """A whole percentage from two published counts, as DfE rounds it (half up), with '%';
    'c' if either count is suppressed (the share would give it away), 'z' with no base."""
    if NOT_AVAILABLE in (numerator, denominator):
        return NOT_AVAILABLE
    share = compare.percentage(numerator, denominator)
    return share if share in (disclosure.SUPPRESSED, disclosure.NOT_APPLICABLE) else f"{share}%"


def breakdown_figure(records: Records, measure: str, *, title: str, what: str):
    """Horizontal bars for the latest year of a breakdown, largest first; a suppressed cell is
    labelled 'c', no bar, and comes last.

    Returns (figure, data, alt text).
    """
    import matplotlib.pyplot as plt


    theme()
    rows = records.safe[(records.safe["measure"] == measure) & (records.safe["year"] == records.year)
                        & (records.safe["breakdown"] != "")]
    rows = rows.assign(_n=numeric(rows["value"])).sort_values("_n", ascending=False, na_position="last",
                                                              kind="stable")
    labels = rows["breakdown"].tolist()
    values = numeric(rows["value"]).to_numpy()
    fig, ax = plt.subplots(figsize=(7.5, 0.7 * len(labels) + 1.6))
    positions = np.arange(len(labels))[::-1]
    ax.barh(positions, np.nan_to_num(values), color=OKABE_ITO["blue"], edgecolor="black", hatch="//")
    for y, value, text in zip(positions, values, rows["value"]):
        shown = f"{int(value):,}" if not np.isnan(value) else f"{text} (hidden)"
        ax.text((0 if np.isnan(value) else value) + max(np.nanmax(values) if np.isfinite(values).any() else 1,
                                                         1) * 0.01, y, shown, va="center", fontsize=LABEL_SIZE)
    ax.set_yticks(positions, [_wrap(label, 26) for label in labels])
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("children")
    ax.set_title(_wrap(f"{title}, 31 March {records.year}" + (" (SYNTHETIC DATA)" if records.synthetic else ""), 48))
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_xlim(0, (np.nanmax(values) if np.isfinite(values).any() else 1) * 1.25 + 1)
    data = pd.DataFrame({"category": labels, "children": rows["value"].tolist()})
    known = [(label, v) for label, v in zip(labels, values) if not np.isnan(v)]
    largest = max(known, key=lambda item: item[1]) if known else None
    hidden = sum(np.isnan(values))
    alt = (f"Bar chart of {what} on 31 March {records.year}, from {records.label}records, in "
           f"{len(labels)} groups. " + (f"The largest group is {largest[0]} with {int(largest[1]):,} children. "
                                        if largest else "")
           + (f"{hidden} group{'s are' if hidden != 1 else ' is'} hidden to protect children's privacy." if hidden
              else "No group is hidden."))
    return fig, data, alt


def _wrap(label: str, width: int = 38) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(label, width)) or label


SINGULAR = {"children": "child", "moves": "move"}


def _count_phrase(text: str, noun: str = "children") -> str:
    """'439 children', 'a hidden number of children' for a suppressed count, 'no children' for zero."""
    if text == disclosure.SUPPRESSED:
        return f"a hidden number of {noun}"
    if text in ("", disclosure.NOT_APPLICABLE, NOT_AVAILABLE):
        return f"an unknown number of {noun}"
    number = int(float(text))
    if number == 0:
        return f"no {noun}"
    return f"{number:,} {noun if number != 1 else SINGULAR.get(noun, noun)}"


def _years_phrase(years) -> str:
    years = [int(y) for y in years]
    if len(years) == 1:
        return f"the year to 31 March {years[0]}"
    return f"the years to 31 March {', '.join(map(str, years[:-1]))} and {years[-1]}"


def coverage_sentences(records: Records) -> list[str]:
    """What the extract holds and which years the page counts."""
    span = (f"the {len(records.years)} years ending 31 March {records.years[0]} to {records.years[-1]}"
            if len(records.years) > 1 else f"the year ending 31 March {records.years[0]}")
    files = len(records.extract.files)
    first = [f"The {records.label}extract read for this edition has {files} file{'s' if files != 1 else ''}. "
             f"This page counts {span}: each year's figures use only what was recorded by 31 March of "
             "that year, so they can be set beside what DfE published at the time."]
    if records.synthetic:
        first.append("Because the extract is synthetic, the figures below show how the page works, not "
                     f"how {escape(records.council_name)}'s children live.")
    first.append("Children looked after under a series of short breaks are left out of every count, as in "
                 "DfE's figures.")
    short = sorted(records.safe.loc[records.safe["value"] == NOT_AVAILABLE, "year"].unique())
    if short:
        first.append(f"For {_years_phrase(short)} the extract does not reach far enough back to see how long "
                     "children had been in care or in their placement, so those figures show x (not available) "
                     "rather than numbers that would be too low.")
    first.append("In the tables, c marks a number hidden to protect children's privacy: a count of 1 to 5, or "
                 "another cell hidden so that such a count cannot be worked out.")
    return [" ".join(first)]


def cla_sentences(records: Records) -> list[str]:
    """The number looked after on 31 March, its change, and the largest placement type."""
    latest = records.value("cla_31_march")
    text = f"On 31 March {records.year} the {records.label}records show {_count_phrase(latest)} looked after."
    if len(records.years) > 1:
        first = records.value("cla_31_march", year=records.years[0])
        text += f" On 31 March {records.years[0]} they showed {_count_phrase(first)}."
    rows = records.safe[(records.safe["measure"] == "cla_by_placement_type") & (records.safe["year"] == records.year)
                        & (records.safe["breakdown"] != "")]
    values = numeric(rows["value"])
    if values.notna().any():
        top = rows.iloc[int(values.fillna(-1).to_numpy().argmax())]
        text += (f" The most common placement was {escape(top['breakdown']).lower()}: "
                 f"{_count_phrase(top['value'])} ({percent_text(top['value'], latest)} of all those looked after).")
    hidden = int((rows["value"] == disclosure.SUPPRESSED).sum())
    if hidden:
        text += (f" The counts for {hidden} of the placement types are hidden (c) to protect children's "
                 "privacy.")
    return [text]


def flow_sentences(records: Records) -> list[str]:
    """Starters and leavers in the latest year, and the median time in care of those who left."""
    starters, ceased = records.value("starters"), records.value("ceased")
    text = (f"In the year to 31 March {records.year}, {_count_phrase(starters)} started to be looked after and "
            f"{_count_phrase(ceased)} ceased to be looked after (a child is counted once however many times "
            "they started or left).")
    median = records.value("ceased_median_days_in_care")
    if median not in ("", disclosure.SUPPRESSED, disclosure.NOT_APPLICABLE, NOT_AVAILABLE):
        text += f" Half of those who left had been looked after for {int(float(median)):,} days or fewer."
    rows = records.safe[(records.safe["measure"] == "ceased_by_reason") & (records.safe["year"] == records.year)
                        & (records.safe["breakdown"] != "")]
    values = numeric(rows["value"])
    if values.fillna(0).gt(0).any():
        top = rows.iloc[int(values.fillna(-1).to_numpy().argmax())]
        text += (f" The most common way care ended was: {escape(top['breakdown']).lower()} "
                 f"({_count_phrase(top['value'])}).")
    return [text]


def stability_table(records: Records) -> pd.DataFrame:
    """Moves and the two stability percentages by year (suppressed where a count is)."""
    rows = []
    for year in records.years:
        v = lambda measure: records.value(measure, year=year)   # noqa: E731
        rows.append({
            "Year": str(year),
            "Moves": v("placement_moves"),
            "Children who moved": v("children_with_placement_moves"),
            "3+ placements": v("stability_3_plus_placements"),
            "Share with 3+": percent_text(v("stability_3_plus_placements"),
                                                            v("stability_3_plus_placements_total")),
            "Under 16, in care 2½ years+": v("stability_long_term_total"),
            "Share in one placement 2 years+": percent_text(v("stability_long_term"),
                                                                                v("stability_long_term_total")),
        })
    return pd.DataFrame(rows)


def stability_sentences(records: Records) -> list[str]:
    """The latest year's two stability percentages, and the number of moves."""
    v = records.value
    three = percent_text(v("stability_3_plus_placements"), v("stability_3_plus_placements_total"))
    long_term = percent_text(v("stability_long_term"), v("stability_long_term_total"))
    moves = v("placement_moves")
    parts = [f"In the year to 31 March {records.year} the {records.label}records show "
             f"{_count_phrase(moves, 'moves')} from one placement to another "
             f"(moves into and out of short temporary placements are not counted, as DfE does not count them)."]
    if three not in (disclosure.SUPPRESSED, disclosure.NOT_APPLICABLE):
        parts.append(f"{three} of the children looked after on 31 March had lived in three or more placements "
                     "during the year; DfE counts this as instability, so a lower share is better.")
    else:
        parts.append("The share with three or more placements cannot be published for this year: the count is "
                     "too small.")
    if long_term == NOT_AVAILABLE:
        parts.append("Long-term stability cannot be worked out for this year: the extract does not reach back "
                     "far enough to see how long each child had been in care.")
    elif long_term not in (disclosure.SUPPRESSED, disclosure.NOT_APPLICABLE):
        parts.append(f"Of the children under 16 looked after for two and a half years or more, {long_term} had "
                     "been in the same placement for at least two years; a higher share is better.")
    else:
        parts.append("The long-term stability share cannot be published for this year: too few children.")
    parts.append("DfE now counts the same carer rather than the same placement for long-term stability; an "
                 "extract does not identify carers, so this page counts placements, DfE's rule before 2019.")
    return [" ".join(parts)]


def side_by_side(records: Records, projected: pd.DataFrame, forecasts) -> pd.DataFrame:
    """For each forecast year: the published-data method's central forecast and the stock-and-flow
    projection, for all children and the placement groups chapter 7 forecasts."""

    own = projected[projected["measure"] == markov.BY_PLACEMENT].copy()
    own["group"] = own["breakdown"].map(FORECAST_GROUP).fillna("placement_other")
    own.loc[own["breakdown"] == "", "group"] = "cla_31_march"
    own = own.groupby(["group", "year"], as_index=False)["value"].sum()
    # Suppressed like any breakdown (the groups add up to the total), so a hidden group cannot be
    # worked out from the total and the other groups.
    tidy = own.assign(measure="projected_cla_by_forecast_group",
                      breakdown=own["group"].where(own["group"] != "cla_31_march", ""))
    shown = disclosure.suppress(tidy[["year", "measure", "breakdown", "value"]])
    own = pd.Series(shown["value"].map(lambda v: f"{int(v):,}" if v.isdigit() else v).to_numpy(),
                    index=pd.MultiIndex.from_frame(own[["group", "year"]]))
    rows = []
    for measure, label in FORECAST_GROUP_LABEL.items():
        frame = forecasts.frame(measure) if measure in forecasts.results else None
        for year in sorted(projected["year"].unique()):
            published = (frame.loc[frame["year"] == year, "point"] if frame is not None else pd.Series(dtype=float))
            rows.append({"Who": label, "year": int(year),
                         "published": _whole(published.iloc[0]) if len(published) else "not forecast",
                         "records": own.get((measure, year), disclosure.NOT_APPLICABLE)})
    long = pd.DataFrame(rows)
    wide = long.pivot(index="Who", columns="year", values=["published", "records"]).reindex(
        list(FORECAST_GROUP_LABEL.values()))
    wide.columns = [f"{year}: {'published figures' if kind == 'published' else 'council records'}"
                    for kind, year in wide.columns]
    ordered = [c for year in sorted(long["year"].unique()) for c in wide.columns if c.startswith(f"{year}:")]
    return wide[ordered].rename_axis("31 March forecast for").reset_index()


def _whole(value) -> str:
    return f"{int(round_half_up(float(value))):,}" if pd.notna(value) else "not forecast"


def side_by_side_figure(records: Records, projected: pd.DataFrame, forecasts):
    """Children looked after: published history and forecast (80% range) beside the records' own
    history and the stock-and-flow projection (80% range). Returns (figure, data, alt)."""
    import matplotlib.pyplot as plt

    total = projected[(projected["measure"] == markov.BY_PLACEMENT) & (projected["breakdown"] == "")]
    published = forecasts.series.get("cla_31_march", pd.Series(dtype=float)).dropna()
    published = published[published.index >= records.years[0] - 1]
    # Rounded as the forecasts page rounds it, so the two pages give the same range.
    fc = shown_forecast(forecasts.frame("cla_31_march")) if "cla_31_march" in forecasts.results else None
    own = numeric(records.safe[(records.safe["measure"] == "cla_31_march") & (records.safe["breakdown"] == "")]
                  .set_index("year")["value"])
    theme()
    fig, ax = plt.subplots(figsize=(7.5, 6.4))
    ax.plot(published.index, published.values, color=OKABE_ITO["black"], linestyle="-", marker="s",
            label="Published (DfE)")
    if fc is not None:
        ax.fill_between(fc["year"], fc["lower_80"], fc["upper_80"], color=OKABE_ITO["sky"], alpha=0.35,
                        hatch="..", edgecolor=OKABE_ITO["blue"], label="Published-data forecast, 80% range")
        ax.plot([published.index[-1], *fc["year"]], [published.values[-1], *fc["point"]], color=OKABE_ITO["blue"],
                linestyle="--", marker="o", label="Published-data forecast")
    ax.plot(own.index, own.values, color=OKABE_ITO["vermillion"], linestyle=":", marker="^",
            label=f"Council's {records.label}records")
    ax.fill_between(total["year"], total["lower_80"], total["upper_80"], color=OKABE_ITO["orange"], alpha=0.3,
                    hatch="//", edgecolor=OKABE_ITO["vermillion"], label="Stock-and-flow projection, 80% range")
    ax.plot([records.year, *total["year"]], [own.get(records.year, np.nan), *total["value"]],
            color=OKABE_ITO["vermillion"], linestyle="-.", marker="D", label="Stock-and-flow projection")
    ax.set_ylabel("children looked after on 31 March")
    ax.set_ylim(bottom=0)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_title("Two forecasts of children looked after" + (" (records SYNTHETIC)" if records.synthetic else ""))
    ax.legend(loc="upper left", bbox_to_anchor=(0, -0.14), ncol=1)
    fig.tight_layout()
    ax.spines[["top", "right"]].set_visible(False)
    years = sorted(set(published.index) | set(own.index) | set(total["year"]) | (set(fc["year"]) if fc is not None else set()))
    data = pd.DataFrame({"year": years})
    data["published"] = data["year"].map(published).map(_whole_or_blank)
    data["council records"] = data["year"].map(own).map(_whole_or_blank)
    if fc is not None:
        f = fc.set_index("year")
        data["published-data forecast"] = data["year"].map(f["point"]).map(_whole_or_blank)
        data["published-data forecast 80% range"] = data["year"].map(
            lambda y: f"{_whole(f.at[y, 'lower_80'])} to {_whole(f.at[y, 'upper_80'])}" if y in f.index else "")
    t = total.set_index("year")
    data["stock-and-flow projection"] = data["year"].map(t["value"]).map(_whole_or_blank)
    data["stock-and-flow 80% range"] = data["year"].map(
        lambda y: f"{_whole(t.at[y, 'lower_80'])} to {_whole(t.at[y, 'upper_80'])}" if y in t.index else "")
    last = int(total["year"].max())
    alt = (f"Line chart of children looked after on 31 March from {years[0]} to {last}: DfE's published figures "
           f"and the council's {records.label}records up to {records.year}, then two forecasts to {last}. "
           + (f"The forecast from published figures reaches {_whole(fc['point'].iloc[-1])} "
              f"(80% range {_whole(fc['lower_80'].iloc[-1])} to {_whole(fc['upper_80'].iloc[-1])}); " if fc is not None
              else "There is no forecast from published figures; ")
           + f"the stock-and-flow projection reaches {_whole(t.at[last, 'value'])} "
           f"(80% range {_whole(t.at[last, 'lower_80'])} to {_whole(t.at[last, 'upper_80'])}).")
    return fig, data, alt


def _whole_or_blank(value) -> str:
    return _whole(value) if pd.notna(value) else ""


#: Short names of the methods for the back-test table.
METHOD_SHORT = {"stock_and_flow": "Stock-and-flow model (council's records)",
                "aggregate": "Method chosen on published figures (forecasts chapter)",
                "naive": "Last published figure carried forward"}


def backtest_table(comparison) -> pd.DataFrame:
    """The back-test comparison as readers see it: one row per method, every horizon pooled, with
    the average miss one, two and three years ahead beside it (the CSV of the page has the rest)."""
    columns = ["Method", "Forecasts scored", "Average miss (children)", "1 year ahead", "2 years ahead",
               "3 years ahead", "Average miss (%)", "Scaled error (MASE)", "Scored against"]
    table = comparison.table
    if table.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    for method, part in table.groupby("method", sort=False):
        by = part.set_index(part["horizon"].astype(str))
        pooled = by.loc["all"]
        miss = lambda h: f"{by.at[h, 'mae']:.1f}" if h in by.index and pd.notna(by.at[h, "mae"]) else "n/a"  # noqa: E731
        rows.append({"Method": METHOD_SHORT.get(method, method), "Forecasts scored": str(int(pooled["n"])),
                     "Average miss (children)": miss("all"), "1 year ahead": miss("1"),
                     "2 years ahead": miss("2"), "3 years ahead": miss("3"),
                     "Average miss (%)": f"{pooled['mape']:.1f}%" if pd.notna(pooled["mape"]) else "n/a",
                     "Scaled error (MASE)": f"{pooled['mase']:.2f}" if pd.notna(pooled["mase"]) else "n/a",
                     "Scored against": pooled["scored_against"]})
    return pd.DataFrame(rows, columns=columns)


def transition_sentences(records: Records) -> list[str]:
    """How many of the children in care on a 31 March were in the same type of placement, another
    type, or out of care a year later (pooled over the years shown; suppressed shares not given)."""
    table = transition_summary(records)
    if table.empty:
        return ["The records do not cover two 31 Marches in a row, so moves between years cannot be counted."]
    column = {"Same type a year later": "same", "Another type a year later": "other",
              "No longer looked after a year later": "left"}
    totals = {key: numeric(table[col]) for col, key in column.items()}
    children = numeric(table["Children"])
    first, last = records.years[0], records.year - 1
    one_year = first == last
    if children.isna().any() or any(t.isna().any() for t in totals.values()):
        # Adding up rows with hidden cells would mislead: give only what every row shows.
        if one_year:
            counted = (f"the {int(children.sum()):,} children" if children.notna().all() else "every child") + \
                f" looked after on 31 March {first}"
        else:
            counted = ((f"{int(children.sum()):,} times a child was looked after on 31 March"
                        if children.notna().all() else "every child looked after on 31 March")
                       + f" (from {first} to {last}; a child counts once for each year)")
        return [f"The table follows {counted} to where they were a year later. Some cells are hidden to protect "
                "children's privacy, so overall shares are not given."]
    everyone = children.sum()
    share = {key: percent_text(str(int(t.sum())), str(int(everyone))) for key, t in totals.items()}
    counted = (f"on 31 March {first} ({int(everyone):,} in all)" if one_year else
               f"on 31 March of each year from {first} to {last} ({int(everyone):,} in all, a child counted once a year)")
    return [f"Counting every child looked after {counted}, {share['same']} were in the same type of placement a "
            f"year later, {share['other']} in another type and {share['left']} were no longer looked after."]


def projection_sentences(records: Records, projected: pd.DataFrame) -> list[str]:
    """The projected total at the end of the horizon, against the count now."""

    total = projected[(projected["measure"] == markov.BY_PLACEMENT) & (projected["breakdown"] == "")]
    last = total.iloc[-1]
    now = records.value("cla_31_march")
    text = (f"Starting from the {_count_phrase(now)} looked after on 31 March {records.year} in the "
            f"{records.label}records, the stock-and-flow model expects about {_whole(last['value'])} on "
            f"31 March {int(last['year'])}, with an 80% range of {_whole(last['lower_80'])} to "
            f"{_whole(last['upper_80'])}.")
    return [text + " Figures are rounded to whole children, and a forecast of 1 to 5 children in a group is "
            "shown as c, as a count would be."]


#: Names of the measures in the comparison with DfE's figures.
MEASURE_NAMES = {
    "cla_31_march": "Looked after on 31 March", "starters": "Started to be looked after in the year",
    "ceased": "Ceased to be looked after in the year", "cla_by_placement_type": "Looked after, by placement type",
    "cla_by_age": "Looked after, by age", "cla_by_provider": "Looked after, by provider",
    "cla_by_distance": "Looked after, by distance from home",
    "stability_3_plus_placements": "Looked after with 3 or more placements in the year",
    "stability_long_term": "Under 16 in the same placement 2 years or more (of those in care 2½ years)",
}


def distance_sentences(records: Records) -> list[str]:
    """Inside the council's area, within 20 miles, and the median distance, on 31 March."""
    v = records.value
    total = v("cla_by_locality")
    inside = v("cla_by_locality", "Placed inside the local authority boundary")
    near = v("cla_by_distance", "Placed 20 miles or less from home")
    far = v("cla_by_distance", "Placed more than 20 miles from home")
    unknown = v("cla_by_distance", "Distance not known or not recorded")
    known = numeric(pd.Series([near, far])).sum()
    if not total or (known == 0 and near not in (disclosure.SUPPRESSED,) and far not in (disclosure.SUPPRESSED,)):
        return ["The records hold no usable home and placement postcodes for the children looked after on "
                f"31 March {records.year}, so distances from home cannot be worked out."]
    parts = [f"On 31 March {records.year}, {_count_phrase(inside)} ({percent_text(inside, total)}) lived inside "
             f"{escape(records.council_name)}'s boundary, {_count_phrase(near)} ({percent_text(near, total)}) within "
             f"20 miles of the home they came from and {_count_phrase(far)} ({percent_text(far, total)}) further "
             "away."]
    median = v("cla_median_distance_miles")
    if median not in ("", disclosure.SUPPRESSED, disclosure.NOT_APPLICABLE, NOT_AVAILABLE):
        parts.append(f"Half of the children whose distance is known lived within about {int(float(median)):,} "
                     "miles of home.")
    if unknown not in ("", "0"):
        parts.append(f"For {_count_phrase(unknown)} the distance is not known: a postcode is missing, is not a "
                     "current postcode, or the placement's address is withheld.")
    parts.append("Distances are straight lines between the centres of the two postcodes (ONS Postcode "
                 "Directory), as DfE measures them; the journey is usually longer.")
    return [" ".join(parts)]


def published_comparison_table(records: Records) -> pd.DataFrame:
    """The council's figures beside DfE's for the edition's year, as readers see them."""
    table = compare.published_comparison(records.safe, records.la_code, records.year)
    if table.empty:
        return pd.DataFrame(columns=["Measure", "Group", "Council's records", "DfE published", "Difference"])
    unit = table["unit"].fillna("")
    return pd.DataFrame({
        "Measure": table["measure"].map(MEASURE_NAMES).fillna(table["label"])
                   + np.where(unit == "%", " (%)", ""),
        "Group": table["breakdown"].replace("", "all"),
        "Council's records": table["own"].where(table["own"] != "", "not computed") + np.where(unit == "%", "%", ""),
        "DfE published": table["published"].where(table["published"] != "", "not published")
                         + np.where((unit == "%") & table["published"].str.fullmatch(r"[\d.]+"), "%", ""),
        "Difference": [_difference(d, u) for d, u in zip(table["difference"], unit)],
    })


def _difference(value, unit: str) -> str:
    """'+3', '-1 point' for percentages, '0', or '' where either side is hidden or missing."""
    if pd.isna(value):
        return ""
    text = "0" if round(value) == 0 else f"{value:+,.0f}"
    return text + (" point" + ("s" if abs(round(value)) != 1 else "") if unit == "%" and text != "0" else "")


def comparison_sentences(records: Records) -> list[str]:
    """The headline count against DfE's, and how many measures could be compared."""
    table = compare.published_comparison(records.safe, records.la_code, records.year)
    head = table[(table["measure"] == "cla_31_march") & (table["breakdown"] == "")]
    text = []
    if len(head) and head["published"].iloc[0] not in ("", None):
        own, published = head["own"].iloc[0], head["published"].iloc[0]
        text.append(f"For 31 March {records.year} the {records.label}records count {_count_phrase(own)} looked "
                    f"after; DfE published {_count_phrase(published)} for {escape(records.council_name)}.")
    both = table["difference"].notna().sum()
    text.append(f"Of the {len(table)} figures below, {both} can be compared number for number; the rest are "
                "hidden (c) on one side or the other, or not published.")
    if records.synthetic:
        text.append("The synthetic extract was made to match the last year's published total closely and its "
                    "starters, placement mix and distances from home roughly; ages, reasons for leaving and "
                    "earlier years are not fitted, so differences here say nothing about the council's records.")
    else:
        text.append("Small differences are expected: DfE's figures are taken from the return as it was first "
                    "sent, and a later extract includes corrections.")
    return [" ".join(text)]


# ----------------------------------------------------------------------------- data quality

def _rows_phrase(count: int, noun: str = "row") -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def quality_sentences(records: Records) -> list[str]:
    """What the reader found wrong in the extract and what it did, in counts of rows (the
    report with files and line numbers is for the council's analysts, not the page)."""
    report = records.extract.quality
    errors = [f for f in report.errors() if f.rule != "EMPTY"]
    empty = sum(1 for f in report.findings if f.rule == "EMPTY")
    rules = {f.rule for f in errors}
    if not errors and not empty:
        first = ("Every row of the extract keeps the DfE validation rules this page checks (codes, dates, one "
                 "episode at a time for each child, a header row for every child), so every row is counted as "
                 "written.")
    else:
        done = []
        repaired, left_out = report.count("repair"), report.count("exclude")
        if repaired:
            done.append(f"repairs {_rows_phrase(repaired)}, reading each in the way the table below states")
        if left_out:
            done.append(f"leaves out {_rows_phrase(left_out)} it cannot place safely")
        if empty:
            done.append(f"skips {empty} empty file{'s' if empty != 1 else ''}")
        breaks = (f"breaks {len(rules)} of the rules this page checks" if rules else "has empty files")
        first = (f"The {records.label}extract {breaks}. Rather than stop at the first, the page "
                 + (", ".join(done[:-1]) + " and " + done[-1] if len(done) > 1 else done[0])
                 + ". Every figure on this page is counted after those repairs and exclusions. The council's "
                 "analysts have the same list with the file and line of each row, and nothing about any child.")
    notes = []
    repeated = sum(f.rows for f in report.findings if f.rule == "RETURNS" and "DECOM" in f.columns)
    if repeated:
        notes.append(f"{_rows_phrase(repeated, 'episode')} appeared in more than one year's return and "
                     f"{'was' if repeated == 1 else 'were'} counted once, as the newest return records "
                     f"{'it' if repeated == 1 else 'them'}.")
    later = sorted({f.detail.split(" return for ")[1].split(" ")[0] for f in report.findings
                    if f.rule == "LATER" and " return for " in f.detail})
    if later:
        notes.append(f"The return for {' and '.join(later)} is not read: this edition counts the years to "
                     f"31 March {records.year}.")
    partial = [f for f in report.findings if f.rule == "PARTIAL"]
    if partial:
        notes.append(partial[0].detail[0].upper() + partial[0].detail[1:] + ", so its year's figures count "
                     "only the months it covers.")
    return [first] + ([" ".join(notes)] if notes else [])


def quality_table(records: Records) -> pd.DataFrame:
    """Each DfE rule broken in the extract: what was found, what the page did, and the rows."""
    summary = records.extract.quality.summary()
    summary = summary[summary["action"].isin(["repair", "exclude"]) & (summary["rule"] != "EMPTY")]
    rule = summary["rule"].where(summary["rule"].str[0].str.isdigit(), "none")   # a check of the file's shape
    message = summary["message"].map(lambda text: text[0].upper() + text[1:])
    done = summary["done"].map(lambda text: text[0].upper() + text[1:])
    return pd.DataFrame({"DfE rule number": rule.to_numpy(), "What was found": message.to_numpy(),
                         "What was done": done.to_numpy(),
                         "Rows": [f"{int(n):,}" for n in summary["rows"]]})
