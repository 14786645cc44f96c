"""Chapter 7, forecasts for the next three years: one function per section of the page.

Each ``*_section(page, fs)`` takes the :class:`~sufficiency.forecasting.demand.ForecastSet` the
notebook builds once, writes its figures and tables to ``page`` and returns the section's
Markdown. The sentences come from functions that take numbers and return text (``*_sentences``),
so each can be checked word for word. Council names are escaped in prose; captions and alt text
take them as they are (the page escapes captions itself).
"""
from __future__ import annotations

import pandas as pd

from sufficiency.chapters.forecasts_charts import chart_data, fan_alt, fan_figure
from sufficiency.chapters.forecasts_words import (
    RECONCILED,
    millions,
    readers_cost_table,
    readers_forecast_table,
    readers_gap_table,
    readers_national_record,
    readers_scenario_table,
    readers_track_record,
    series_paragraph,
)
from sufficiency.chapters.introduction import stock_and_flow_pointer
from sufficiency.core.assumptions import COVERAGE_FLOOR_80
from sufficiency.forecasting.costs import UnitCosts, baseline_cost, unit_costs
from sufficiency.forecasting.demand import (
    PLACEMENT_MEASURES,
    SERIES,
    YEARS_AHEAD,
    ForecastSet,
    local_inputs,
    track_record_table,
)
from sufficiency.forecasting.gap import gap_table
from sufficiency.forecasting.scenarios import ScenarioResult, apply_scenarios, scenario_table
from sufficiency.measures import supply
from sufficiency.measures.costs import inhouse_foster_share
from sufficiency.publishing.pages import Markdown, escape, prose
from sufficiency.publishing.words import and_list, count_phrase, fmt_money, fmt_number, fmt_percent, is_missing

FORECASTS_FILE = "forecasts.csv"
SOURCE_CLA = "DfE, Children looked after in England (published tables), figures to 31 March {year}"
SOURCE_LEAVERS = "DfE, Children looked after in England: care leavers' activity"
SOURCE_UASC = "DfE children looked after statistics and LAIT; DfE population estimates"
SOURCE_NTS = "Home Office, National Transfer Scheme transfers by local authority (to September 2023)"
SOURCE_SUPPLY = "Forecasts in this chapter; LAIT (Ofsted fostering data); Ofsted provider-level data"
SOURCE_BACKTEST = "Forecasts in this chapter, tested on the published figures"


def _last_year(fs: ForecastSet) -> int:
    return fs.year + YEARS_AHEAD


def _fan_section(page, fs: ForecastSet, measures: list[str], *, name: str, caption: str, source: str,
                 after: str = "") -> Markdown:
    """Each measure's paragraph (then ``after``, if given), then one fan chart of them all (nothing when
    none was forecast)."""
    shown = [m for m in measures if m in fs.results]
    if not shown:
        return prose()
    return prose(*[series_paragraph(fs, m) for m in shown], after) + page.figure(
        fan_figure(fs, shown), name=name, alt=" ".join(fan_alt(fs, m) for m in shown), caption=caption,
        source=source, data=chart_data(fs, shown))


# ----------------------------------------------------------------------------- opening

def opening_sentences(fs: ForecastSet, link: str, missing_local: list[str], episodes_dir: str = "") -> list[str]:
    """What the forecasts use and where to download them, the council's inputs that are missing,
    where the forecast from its own records is, and which series could not be forecast."""
    name = escape(fs.council.name)
    text = [f"These forecasts use figures published up to 31 March {fs.year} and look ahead to "
            f"31 March {_last_year(fs)}. Every forecast on this page can be downloaded "
            f"({{download}}`as a spreadsheet <{link}>`), with its central figure, "
            "its 80% and 95% ranges and the method used."]
    if missing_local:
        how_many = len(missing_local) if len(missing_local) > 1 else "one"
        text.append(f"{name} has not supplied {how_many} of the council's own inputs this chapter can use: "
                    f"{and_list(missing_local)}. Where a section needs them it uses public figures instead, "
                    "or leaves that part out, and says so.")
    text.append(stock_and_flow_pointer(episodes_dir))
    if fs.skipped:
        reasons: dict[str, list[str]] = {}
        for m, why in fs.skipped.items():
            reasons.setdefault(why, []).append(SERIES[m].short)
        text.append("Not forecast: " + "; ".join(f"{and_list(shorts)} ({why})" for why, shorts in reasons.items())
                    + ".")
    return [t for t in text if t]


def opening_section(page, fs: ForecastSet, episodes_dir: str = "") -> Markdown:
    """Write forecasts.csv to the page's files and open the chapter (:func:`opening_sentences`)."""
    fs.write_csv(page.files_dir / FORECASTS_FILE)
    _, missing_local = local_inputs(fs.council, fs.year)
    return prose(*opening_sentences(fs, page.link(FORECASTS_FILE), missing_local, episodes_dir))


# ----------------------------------------------------------------------------- the forecasts, series by series

def children_looked_after_section(page, fs: ForecastSet) -> Markdown:
    """Children looked after on 31 March and their rate per 10,000 children; the fan chart of the count."""
    text = prose(*[series_paragraph(fs, m) for m in ("cla_31_march", "cla_rate_per_10k") if m in fs.results])
    if "cla_31_march" not in fs.results:
        return text
    return text + page.figure(
        fan_figure(fs, ["cla_31_march"]), name="cla-forecast", alt=fan_alt(fs, "cla_31_march"),
        caption=f"Children looked after by {fs.council.name} on 31 March: recorded, and forecast with 80% "
                "and 95% ranges.",
        source=SOURCE_CLA.format(year=fs.year), data=chart_data(fs, ["cla_31_march"]))


def flows_section(page, fs: ForecastSet) -> Markdown:
    """Children starting and ceasing to be looked after each year."""
    return _fan_section(page, fs, ["starters", "ceased"], name="flows-forecast",
                        caption=f"Children starting and ceasing to be looked after by {fs.council.name} each "
                                "year to 31 March, with forecasts.",
                        source=SOURCE_CLA.format(year=fs.year))


def placements_section(page, fs: ForecastSet) -> Markdown:
    """Children by type of placement: paragraphs, the fan charts and the table of forecasts."""
    placements = [m for m in PLACEMENT_MEASURES if m in fs.results]
    scaled = RECONCILED if any(m in fs.unreconciled for m in placements) else ""
    charts = _fan_section(page, fs, placements, name="placements-forecast",
                          caption=f"Children looked after by {fs.council.name} on 31 March by type of placement, "
                                  "recorded and forecast.",
                          source=SOURCE_CLA.format(year=fs.year) + " (placement type)", after=scaled)
    shown = [m for m in ("cla_31_march", *placements) if m in fs.results]
    if not shown:
        return charts
    return charts + page.table(
        readers_forecast_table(fs, shown), name="placements-table",
        caption=f"Forecast children looked after by {fs.council.name} by type of placement, "
                f"{fs.year + 1} to {_last_year(fs)}.",
        source=SOURCE_CLA.format(year=fs.year) + "; forecasts in this chapter")


def care_leavers_section(page, fs: ForecastSet) -> Markdown:
    """Care leavers aged 17 to 18 and 19 to 21."""
    return _fan_section(page, fs, ["care_leavers_17_to_18", "care_leavers_19_to_21"], name="care-leavers-forecast",
                        caption=f"Care leavers of {fs.council.name} by age group, recorded and forecast.",
                        source=SOURCE_LEAVERS)


# ----------------------------------------------------------------------------- unaccompanied children

def _children(level: float) -> str:
    """The scheme's level in words: 'about 62 children', 'about 1 child', 'less than one child'.

    >>> _children(62.052), _children(0.847), _children(0.319)
    ('about 62 children', 'about 1 child', 'less than one child')
    """
    if level < 0.5:
        return "less than one child"
    return f"about {count_phrase(level, 'child')}"   # '1 child', '62 children' (words.count_phrase)


def uasc_sentences(fs: ForecastSet, threshold: pd.DataFrame, transfers: pd.DataFrame) -> list[str]:
    """The forecast of unaccompanied children, where the latest count stands against the National
    Transfer Scheme level, and the latest full year of transfers under the scheme."""
    name = escape(fs.council.name)
    text = []
    recorded = fs.series["uasc"].dropna() if "uasc" in fs.series else pd.Series(dtype=float)
    recorded = recorded[recorded.index <= fs.year]
    current = len(recorded) and int(recorded.index[-1]) >= fs.year - 1
    if "uasc" in fs.results:
        text.append(series_paragraph(fs, "uasc"))
    if len(threshold) and not current:
        level = threshold.iloc[-1]
        since = (f"has been published since {int(recorded.index[-1])} (later figures are suppressed or not "
                 "published)" if len(recorded) else "has been published")
        text.append(f"In {int(level['year'])} the scheme's level for {name} was {_children(level['threshold'])} "
                    f"(0.1% of {fmt_number(level['population_0_17'])}); no count of unaccompanied children looked after by {name} {since}, so the two cannot be "
                    "compared.")
    elif current:
        if len(threshold):
            level = threshold.iloc[-1]
            gap = level["threshold"] - recorded.iloc[-1]
            where = (f"{fmt_number(abs(gap))} below it, so the council could be asked to take more." if gap > 0.5
                     else f"{fmt_number(abs(gap))} above it." if gap < -0.5 else "at it.")
            text.append(f"In {int(level['year'])} the scheme's level for {name} was {_children(level['threshold'])} "
                        f"(0.1% of {fmt_number(level['population_0_17'])}); "
                        f"the {fmt_number(recorded.iloc[-1])} unaccompanied children looked after on 31 March "
                        f"{int(recorded.index[-1])} were " + where)
    full = transfers[transfers["quarters"] == 4]
    if len(full):
        row = full.iloc[-1]
        moved_out = f"{fmt_number(row['transfers_out'])} were" if row["transfers_out"] else "none was"
        text.append(f"In the year to 31 March {int(row['year'])}, "
                    f"{fmt_number(row['transfers_in'] + row['transfers_in_from_intake'])} children were transferred "
                    f"to {name} under the scheme ({fmt_number(row['transfers_in_from_intake'])} of them straight "
                    f"from an intake unit or port), and {moved_out} transferred from it to other councils. "
                    "The Home Office figures used here stop at September 2023.")
    return text


def nts_line(threshold: pd.DataFrame, first_year: int, last_year: int) -> pd.DataFrame:
    """The scheme's level by year, held at its latest value over the forecast years."""
    latest = threshold["threshold"].iloc[-1] if len(threshold) else float("nan")
    ahead = pd.DataFrame({"year": range(first_year, last_year + 1), "threshold": latest})
    return pd.concat([threshold[["year", "threshold"]], ahead], ignore_index=True)


def nts_line_table(line: pd.DataFrame) -> pd.DataFrame:
    """The National Transfer Scheme level by year, as readers see it beside the chart's numbers.

    >>> nts_line_table(pd.DataFrame({"year": [2026], "threshold": [63.456]}))
       Year National Transfer Scheme level
    0  2026                           63.5
    """
    return pd.DataFrame({"Year": line["year"].astype(int),
                         "National Transfer Scheme level": [fmt_number(v, 1) for v in line["threshold"]]})


def transfers_table(transfers: pd.DataFrame) -> pd.DataFrame:
    """Transfers under the National Transfer Scheme as readers see them."""
    return pd.DataFrame({
        "Year to 31 March": transfers["year"].astype(str),
        "Moved in from another council": transfers["transfers_in"].map(fmt_number),
        "Moved in from an intake unit or port": transfers["transfers_in_from_intake"].map(fmt_number),
        "Moved out to another council": transfers["transfers_out"].map(fmt_number),
        "Quarters published": transfers["quarters"].astype(str),
    })


def uasc_section(page, fs: ForecastSet) -> Markdown:
    """Unaccompanied children: the forecast against the National Transfer Scheme level, and transfers."""
    council = fs.council
    threshold = supply.nts_threshold(council, fs.year)
    transfers = supply.nts_transfers(council, fs.year)
    out = prose(*uasc_sentences(fs, threshold, transfers))
    if "uasc" in fs.results:
        line = nts_line(threshold, fs.year + 1, _last_year(fs))
        alt = fan_alt(fs, "uasc")
        if len(threshold):
            alt += (" A dash-dot line marks the National Transfer Scheme level, "
                    f"{_children(line['threshold'].iloc[-1])}.")
        out += page.figure(fan_figure(fs, ["uasc"], threshold=line), name="uasc-forecast", alt=alt,
                           caption=f"Unaccompanied asylum-seeking children looked after by {council.name} on "
                                   "31 March, forecast, against the National Transfer Scheme level.",
                           source=SOURCE_UASC,
                           data=chart_data(fs, ["uasc"]).merge(nts_line_table(line), on="Year", how="left"))
    else:
        why = fs.skipped.get("uasc", "too few published years")
        out += prose(f"Unaccompanied children are not forecast: {why}.")
    if len(transfers):
        return out + page.table(transfers_table(transfers), name="nts-transfers",
                                caption=f"Unaccompanied children transferred to and from {council.name} under the "
                                        "National Transfer Scheme.",
                                source=SOURCE_NTS)
    return out + prose(f"The Home Office transfer figures list no transfers for {escape(council.name)}.")


# ----------------------------------------------------------------------------- demand against supply

def supply_sentences(fs: ForecastSet, foster_places: pd.DataFrame, homes: pd.DataFrame,
                     capacity: pd.DataFrame | None) -> list[str]:
    """The council's approved foster places, the children's homes in its area, and its own count
    of fostering capacity (or that it has not supplied one)."""
    name = escape(fs.council.name)
    text = []
    if len(foster_places):
        row = foster_places.iloc[-1]
        empty = row["places"] - row["places_filled"]
        text.append(f"On 31 March {int(row['year'])} {name}'s own fostering service had "
                    f"{fmt_number(row['places'])} approved places, of which {fmt_number(row['places_filled'])} "
                    "were filled"
                    + (f". The other {fmt_number(empty)} were empty that day; the published figures do not say why "
                       "(a place may be held for a brother or sister, kept for one kind of child, or its carers may "
                       "be taking a break), so the gap below counts every approved place as available."
                       if not is_missing(empty) and empty > 0 else "."))
    if len(homes):
        row = homes.iloc[-1]
        run = (f", {fmt_number(row['council_run_homes'])} of them run by a council." if row["council_run_homes"]
               else ", none of them run by a council.")
        text.append(f"Ofsted listed {fmt_number(row['homes'])} children's homes with {fmt_number(row['places'])} "
                    f"registered places in {name} on 31 March {int(row['year'])}" + run)
    counted = capacity.dropna(subset=["fostering_places"]) if capacity is not None else None
    if counted is not None and len(counted):
        row = counted.iloc[-1]
        text.append(f"The council's own records give {fmt_number(row['fostering_places'])} fostering places across "
                    f"{fmt_number(row['fostering_households'])} households for {escape(row['period'])}.")
    else:
        text.append(f"{name} has not supplied its own fostering capacity figures, so only the "
                    "published count of places is used.")
    return text


def gap_caption(gap: pd.DataFrame, council_name: str) -> str:
    """The demand-against-supply table's caption, naming what the places counted are."""
    kinds = gap.drop_duplicates("placement")[["placement", "supply_what"]].itertuples(index=False)
    counted = [f"for {p.lower()}, {w}" for p, w in kinds if not w.startswith(("no public", "not published"))]
    return (f"Forecast children by placement type against places counted, {council_name}. Places are "
            + and_list(counted) + ".")


def supply_section(page, fs: ForecastSet) -> Markdown:
    """Forecast children by placement type against the places public data count."""
    council = fs.council
    gap = gap_table(fs)
    text = supply_sentences(fs, supply.foster_places(council, fs.year).dropna(subset=["places"]),
                            supply.children_homes(council, fs.year).dropna(subset=["places"]),
                            supply.local_capacity(council.slug, fs.year))
    return prose(*text) + page.table(readers_gap_table(gap), name="demand-supply",
                                     caption=gap_caption(gap, council.name), source=SOURCE_SUPPLY)


# ----------------------------------------------------------------------------- cost

def cost_sentences(fs: ForecastSet, costs: UnitCosts, inhouse: tuple[float, int, str] | None,
                   baseline: pd.DataFrame) -> list[str]:
    """Where the weekly costs come from, how foster care is priced, and the cost of the last
    forecast year with its 80% range."""
    name = escape(fs.council.name)
    text = []
    if costs.source == "local":
        carried = (f", priced in {escape(costs.given_price_year)} and carried to {escape(costs.price_year)} prices "
                   f"with {escape(costs.index)}" if costs.index and costs.given_price_year else
                   f", at {escape(costs.price_year)} prices")
        text.append(f"Weekly costs are {name}'s own{carried}.")
        if inhouse is not None and costs.inhouse_weekly is not None and costs.agency_weekly is not None:
            text.append(f"Foster care is priced at the share of fostered children living with the council's own "
                        f"carers in {inhouse[1]} ({fmt_percent(inhouse[0] * 100)}, family and friends carers left "
                        "out of both counts): "
                        f"{fmt_money(costs.inhouse_weekly)} a week in-house and {fmt_money(costs.agency_weekly)} "
                        "through an agency.")
    else:
        text.append(f"Weekly costs are Section 251 unit costs for {escape(costs.price_year)} (cash prices).")
    text += costs.notes
    text.append("Other placements (with parents, placed for adoption and other settings) are not costed.")
    if len(baseline):
        last_year = _last_year(fs)
        total = baseline[(baseline["placement"] == "Total") & (baseline["year"] == last_year)].iloc[0]
        text.append(f"On these costs, the placements forecast for {last_year} would cost about "
                    f"{millions(total['annual_cost'])} a year (80% range {millions(total['annual_low_80'])} "
                    f"to {millions(total['annual_high_80'])}).")
    return text


def pricing(fs: ForecastSet) -> tuple[UnitCosts, tuple[float, int, str] | None, pd.DataFrame]:
    """The weekly costs, the published in-house fostering share and the baseline cost forecast."""
    costs = unit_costs(fs.council, fs.year)
    inhouse = inhouse_foster_share(fs.council, fs.year)
    return costs, inhouse, baseline_cost(fs, costs, inhouse)


def cost_section(page, fs: ForecastSet) -> Markdown:
    """What the placement forecasts may cost, by type and year."""
    costs, inhouse, baseline = pricing(fs)
    source = f"{fs.council.name}'s own weekly costs" if costs.source == "local" else "LAIT, Section 251 unit costs"
    return prose(*cost_sentences(fs, costs, inhouse, baseline)) + page.table(
        readers_cost_table(baseline), name="cost-forecast",
        caption=f"Forecast annual cost of placements, {fs.council.name}, at {costs.price_year} prices.",
        source=source + "; forecasts in this chapter")


# ----------------------------------------------------------------------------- scenarios

def scenario_sentences(results: list[ScenarioResult]) -> list[str]:
    """Which scenarios are illustrative, which give the year of the latest figures (so their level
    holds from the first forecast year instead of being reached step by step), and why any could
    not be modelled."""
    flagged = [escape(r.id) for r in results if r.illustrative and r.not_modelled is None]
    lead = f"Scenarios {', '.join(flagged)} are marked illustrative in the council's file." if flagged else ""
    at_once = [r for r in results if r.at_once and r.not_modelled is None]
    now = ""
    if at_once:
        ids, year = and_list([escape(r.id) for r in at_once]), at_once[0].year
        one = len(at_once) == 1
        now = (f"{ids} {'gives' if one else 'give'} {year}, the year of the latest figures, as the year to reach "
               f"{'its' if one else 'their'} level, so it applies at once from {year + 1} rather than being "
               "reached step by step.")
    notes = [f"{escape(r.id)} ({escape(r.description)}) is not shown: {r.not_modelled}."
             for r in results if r.not_modelled]
    return [lead, now, *notes] if now else [lead, *notes]


def scenarios_section(page, fs: ForecastSet) -> Markdown:
    """Each of the council's scenarios against the baseline, in the last forecast year."""
    local, _ = local_inputs(fs.council, fs.year)
    if "scenarios" not in local:
        return prose(f"{escape(fs.council.name)} has not set any scenarios in its own files, so none are shown.")
    costs, inhouse, baseline = pricing(fs)
    if not len(baseline):
        return prose("Scenarios need weekly costs, and there are none for this council.")
    results = apply_scenarios(fs, local["scenarios"], costs, inhouse)
    table = scenario_table(results, baseline, _last_year(fs))
    return prose(*scenario_sentences(results)) + page.table(
        readers_scenario_table(table, baseline, fs), name="scenarios",
        caption=f"Annual cost and children in foster care, children's homes and semi-independent and supported "
                f"homes in {_last_year(fs)} under each scenario, {fs.council.name}.",
        source=f"{fs.council.name}'s own scenarios and weekly costs; forecasts in this chapter")


# ----------------------------------------------------------------------------- track record

def track_record_sentences(record: pd.DataFrame) -> list[str]:
    """For which series following the council's own trend did better than carrying the last figure
    forward across all councils, for which nothing did, where the national 80% ranges held the real
    figure too rarely, and which of the council's own records rest on fewer than five past forecasts
    (from :func:`track_record_table`)."""
    shorts = {m: SERIES[m].short for m in record["measure"]}
    winners = [shorts[m] for m in record.loc[record["national_beats_naive"], "measure"]]
    losers = [shorts[m] for m in record.loc[~record["national_beats_naive"], "measure"]]
    narrow = [shorts[m] for m in record.loc[record["national_coverage_80"] < COVERAGE_FLOOR_80, "measure"]]
    few = [shorts[m] for m in record.loc[record["tests"] < 5, "measure"]]
    text = []
    if winners:
        text.append("Across all councils, following a council's own trend, weighed by how far such trends "
                    "have carried on, forecast past years better than carrying the last figure forward for "
                    + and_list(winners) + ", so that is the method used for them.")
    if losers:
        text.append("For " + and_list(losers) + ", nothing forecast past years better across all councils than "
                    "carrying the last figure forward, so that is the forecast shown: read it as 'no clear "
                    "change expected'.")
    if narrow:
        text.append(f"Across all councils the 80% ranges for {and_list(narrow)} held the real figure less than "
                    f"{round(COVERAGE_FLOOR_80 * 100)} times in 100: treat those ranges as too narrow.")
    if few:
        text.append("The council's own record for " + and_list(few) + " rests on fewer than five past "
                    "forecasts, too few to judge the methods by on its own.")
    return text


def track_record_section(page, fs: ForecastSet) -> Markdown:
    """How well each chosen method, and the two plain methods, forecast past years."""
    if not fs.results:
        return prose("No series was forecast, so there is no track record to show.")
    national = readers_national_record(fs)
    across = page.table(
        national, name="national-record",
        caption="Each forecast's method tried on every council's past figures, one to three years ahead: how "
                "often its ranges held the real figure, and its misses against carrying the last figure forward.",
        source=SOURCE_BACKTEST) if len(national) else prose()
    return prose(*track_record_sentences(track_record_table(fs))) + across + page.table(
        readers_track_record(fs), name="track-record",
        caption=f"Back-test of each forecast for {fs.council.name}: errors of the chosen method and of the two "
                "plain methods.",
        source=SOURCE_BACKTEST)
