# %% [parameters]
la_code = "209"
year = 2025
sn_model = "2025"
episodes_dir = ""
files_dir = ""

# %% [markdown]
# # Forecasts for the next three years
#
# How many children the council is likely to look after over the next three years, where they are
# likely to live, what places exist for them, and what that may cost. Every forecast comes with
# two ranges: the 80% range should hold the real figure four years in five, and the 95% range
# nineteen years in twenty. The ranges matter more than the central line: with one published figure
# a year, no method can pin the future down closely.
#
# Each series is forecast by whichever of several methods did best when tried on the council's own
# past years: the method is given the figures up to some past year, asked to forecast the following
# years, and scored against what then happened. Two plain methods are always in the comparison —
# carrying the last figure forward, and continuing the average yearly change — so readers can see
# whether anything cleverer earned its place. The last section of this chapter sets out that record.

# %%
import matplotlib

matplotlib.use("Agg")
from sufficiency.data import councils
from sufficiency.forecasting import demand
from sufficiency.chapters import introduction
from sufficiency.measures import supply
from sufficiency.publishing.words import and_list, fmt_money, fmt_number, fmt_percent
from sufficiency.publishing.pages import Page, escape, prose

council = councils.resolve_council(la_code)
page = Page(files_dir)
name = escape(council.name)
fs = demand.build_forecasts(council, year)
fs.write_csv(page.files_dir / "forecasts.csv")
local, missing_local = demand.local_inputs(council, year)
first_year, last_year = year + 1, year + demand.YEARS_AHEAD
SOURCE_CLA = "DfE, Children looked after in England (published tables), figures to 31 March " + str(year)

text = [f"These forecasts use figures published up to 31 March {year} and look ahead to "
        f"31 March {last_year}. Every forecast on this page can be downloaded "
        f"({{download}}`forecasts.csv <{page.link('forecasts.csv')}>`), with its central figure, "
        "its 80% and 95% ranges and the method used."]
if missing_local:
    text.append(f"{name} has not supplied {len(missing_local) if len(missing_local) > 1 else 'one'} of the "
                f"council's own inputs this chapter can use: {and_list(missing_local)}. Where a section "
                "needs them it uses public figures instead, or leaves that part out, and says so.")
text.append(introduction.stock_and_flow_pointer(episodes_dir))
if fs.skipped:
    text.append("Not forecast, for want of published years: " +
                "; ".join(f"{demand.SERIES[m].short} ({why})" for m, why in fs.skipped.items()) + ".")
prose(*text)

# %% [markdown]
# ## Children looked after

# %%
prose(demand.series_paragraph(fs, "cla_31_march"), demand.series_paragraph(fs, "cla_rate_per_10k"))

# %%
page.figure(demand.fan_figure(fs, ["cla_31_march"]), name="cla-forecast",
            alt=demand.fan_alt(fs, "cla_31_march"),
            caption=f"Children looked after by {name} on 31 March: recorded, and forecast with 80% and 95% ranges.",
            source=SOURCE_CLA, data=demand.chart_data(fs, ["cla_31_march"]))

# %% [markdown]
# ## Starting and leaving care
#
# The number looked after on 31 March moves with the number who start to be looked after during the
# year and the number who stop. Each is forecast on its own, so the three need not agree exactly.

# %%
flows = [m for m in ("starters", "ceased") if m in fs.results]
prose(*[demand.series_paragraph(fs, m) for m in flows])

# %%
page.figure(demand.fan_figure(fs, flows), name="flows-forecast",
            alt=" ".join(demand.fan_alt(fs, m) for m in flows),
            caption=f"Children starting and ceasing to be looked after by {name} each year to 31 March, with forecasts.",
            source=SOURCE_CLA, data=demand.chart_data(fs, flows))

# %% [markdown]
# ## Where children will live
#
# Children looked after are grouped here as DfE publishes them for each council: foster care (with
# the council's own carers, with agency carers, or with family and friends approved as foster carers);
# children's homes, including secure homes; semi-independent and supported accommodation; and
# everything else (placed with parents, placed for adoption, other residential settings and other
# placements). DfE's tables for councils do not split foster care into in-house, agency and family and
# friends carers, so the forecasts cannot either. Because these figures start in 2020, the
# placement-type forecasts rest on few years and their ranges are wide.

# %%
placements = [m for m in demand.PLACEMENT_MEASURES if m in fs.results]
prose(*[demand.series_paragraph(fs, m) for m in placements])

# %%
page.figure(demand.fan_figure(fs, placements), name="placements-forecast",
            alt=" ".join(demand.fan_alt(fs, m) for m in placements),
            caption=f"Children looked after by {name} on 31 March by type of placement, recorded and forecast.",
            source=SOURCE_CLA + " (placement type)", data=demand.chart_data(fs, placements))

# %%
page.table(demand.readers_forecast_table(fs, ["cla_31_march", *placements]), name="placements-table",
           caption=f"Forecast children looked after by {name} by type of placement, {first_year} to {last_year}.",
           source=SOURCE_CLA + "; forecasts in this chapter")

# %% [markdown]
# ## Care leavers
#
# Young people who were looked after and are now aged 17 to 21 are owed support as care leavers;
# DfE counts those aged 17 to 18 and 19 to 21 whose activity on their birthday is known to the council.

# %%
leavers = [m for m in ("care_leavers_17_to_18", "care_leavers_19_to_21") if m in fs.results]
prose(*[demand.series_paragraph(fs, m) for m in leavers])

# %%
page.figure(demand.fan_figure(fs, leavers), name="care-leavers-forecast",
            alt=" ".join(demand.fan_alt(fs, m) for m in leavers),
            caption=f"Care leavers of {name} by age group, recorded and forecast.",
            source="DfE, Children looked after in England: care leavers' activity", data=demand.chart_data(fs, leavers))

# %% [markdown]
# ## Unaccompanied children and the National Transfer Scheme
#
# Under the National Transfer Scheme, a council whose unaccompanied asylum-seeking children number
# fewer than 0.1% of its child population can expect to be asked to take more, transferred from
# councils above that level. The level below uses DfE's estimate of the council's population aged
# 0 to 17; for the forecast years it is held at the latest estimate.

# %%
threshold = supply.nts_threshold(council, year)
transfers = supply.nts_transfers(council, year)
text = []
if "uasc" in fs.results:
    text.append(demand.series_paragraph(fs, "uasc"))
    recorded = fs.results["uasc"].history.dropna()
    if len(threshold):
        level = threshold.iloc[-1]
        gap = level["threshold"] - recorded.iloc[-1]
        text.append(f"In {int(level['year'])} the scheme's level for {name} was about "
                    f"{fmt_number(level['threshold'])} children (0.1% of {fmt_number(level['population_0_17'])}); "
                    f"the {fmt_number(recorded.iloc[-1])} unaccompanied children looked after on 31 March "
                    f"{int(recorded.index[-1])} were "
                    + (f"{fmt_number(abs(gap))} below it, so the council could be asked to take more."
                       if gap > 0.5 else f"{fmt_number(abs(gap))} above it." if gap < -0.5 else "at it."))
full = transfers[transfers["quarters"] == 4]
if len(full):
    row = full.iloc[-1]
    text.append(f"In the year to 31 March {int(row['year'])}, {fmt_number(row['transfers_in'] + row['transfers_in_from_intake'])} "
                f"children were transferred to {name} under the scheme ({fmt_number(row['transfers_in_from_intake'])} "
                "of them straight from an intake unit or port), and "
                + (f"{fmt_number(row['transfers_out'])} were" if row["transfers_out"] else "none was")
                + " transferred from it to other councils. "
                "The Home Office figures used here stop at September 2023.")
prose(*text)

# %%
if "uasc" in fs.results:
    import pandas as pd

    ahead = pd.DataFrame({"year": range(first_year, last_year + 1),
                          "threshold": threshold["threshold"].iloc[-1] if len(threshold) else float("nan")})
    line = pd.concat([threshold[["year", "threshold"]], ahead], ignore_index=True)
    numbers = demand.chart_data(fs, ["uasc"]).merge(line.round(1), on="year", how="left")
    fig_out = page.figure(demand.fan_figure(fs, ["uasc"], threshold=line), name="uasc-forecast",
                          alt=demand.fan_alt(fs, "uasc") + (f" A dash-dot line marks the National Transfer Scheme level, "
                                                            f"about {fmt_number(line['threshold'].iloc[-1])} children."
                                                            if len(threshold) else ""),
                          caption=f"Unaccompanied asylum-seeking children looked after by {name} on 31 March, "
                                  "forecast, against the National Transfer Scheme level.",
                          source="DfE children looked after statistics and LAIT; DfE population estimates",
                          data=numbers)
else:
    fig_out = prose("There are too few published years of unaccompanied children to forecast.")
fig_out

# %%
if len(transfers):
    import pandas as pd

    shown = pd.DataFrame({
        "Year to 31 March": transfers["year"].astype(str),
        "Moved in from another council": transfers["transfers_in"].map(fmt_number),
        "Moved in from an intake unit or port": transfers["transfers_in_from_intake"].map(fmt_number),
        "Moved out to another council": transfers["transfers_out"].map(fmt_number),
        "Quarters published": transfers["quarters"].astype(str),
    })
    nts_out = page.table(shown, name="nts-transfers",
                         caption=f"Unaccompanied children transferred to and from {name} under the National Transfer Scheme.",
                         source="Home Office, National Transfer Scheme transfers by local authority (to September 2023)")
else:
    nts_out = prose(f"The Home Office transfer figures list no transfers for {name}.")
nts_out

# %% [markdown]
# ## Demand against supply
#
# The table sets the forecast number of children in each type of placement against the places that
# public data can count. For foster care that is the council's own approved foster places (from
# Ofsted's fostering data); children beyond them need agency carers, or family and friends approved
# as carers. For children's homes it is the registered places in homes located in the council's
# area — places that every council in England may use, so the council's children will never fill
# them all. Places are held at their latest published number. No public figure counts
# semi-independent or other places by council.

# %%
gap = demand.gap_table(fs)
capacity = supply.local_capacity(council.slug, year)
text = []
foster_places = supply.foster_places(council, year).dropna(subset=["places"])
if len(foster_places):
    row = foster_places.iloc[-1]
    text.append(f"On 31 March {int(row['year'])} {name}'s own fostering service had {fmt_number(row['places'])} "
                f"approved places, of which {fmt_number(row['places_filled'])} were filled.")
homes = supply.children_homes(council, year).dropna(subset=["places"])
if len(homes):
    row = homes.iloc[-1]
    text.append(f"Ofsted listed {fmt_number(row['homes'])} children's homes with {fmt_number(row['places'])} "
                f"registered places in {name} on 31 March {int(row['year'])}"
                + (f", {fmt_number(row['council_run_homes'])} of them run by a council." if row["council_run_homes"]
                   else ", none of them run by a council."))
if capacity is not None and len(capacity.dropna(subset=["fostering_places"])):
    row = capacity.dropna(subset=["fostering_places"]).iloc[-1]
    text.append(f"The council's own records give {fmt_number(row['fostering_places'])} fostering places across "
                f"{fmt_number(row['fostering_households'])} households for {escape(row['period'])}.")
else:
    text.append(f"{name} has not supplied its own fostering capacity figures (capacity.csv), so only the "
                "published count of places is used.")
prose(*text) + page.table(demand.readers_gap_table(gap), name="demand-supply",
                          caption=f"Forecast children by placement type against places counted, {name}. Places are "
                                  + and_list([f"for {p.lower()}, {w}" for p, w in
                                                     gap.drop_duplicates("placement")[["placement", "supply_what"]]
                                                     .itertuples(index=False) if not w.startswith(("no public", "not published"))])
                                  + ".",
                          source="Forecasts in this chapter; LAIT (Ofsted fostering data); Ofsted provider-level data")

# %% [markdown]
# ## What the forecasts may cost
#
# Cost is the forecast number of children in each type of placement, times a weekly cost, times
# 52.14 weeks. The ranges are carried through: the low end of the cost uses the low end of the
# children forecast. The total's range adds the ends of each type's range, as if every type were
# at its low (or high) end in the same year, so it is wider than the true range. Prices are held at
# the price year stated; a scenario below shows the effect of price rises.

# %%
costs = demand.unit_costs(council, year)
inhouse = demand.inhouse_foster_share(council, year)
baseline = demand.baseline_cost(fs, costs, inhouse)
text = []
if costs.source == "local":
    text.append(f"Weekly costs are {name}'s own, at {escape(costs.price_year)} prices (costs.csv).")
    if inhouse is not None and costs.inhouse_weekly is not None and costs.agency_weekly is not None:
        text.append(f"Foster care is priced at the share of fostered children living with the council's own carers "
                    f"in {inhouse[1]} ({fmt_percent(inhouse[0] * 100)}, from {inhouse[2]}): "
                    f"{fmt_money(costs.inhouse_weekly)} a week in-house and {fmt_money(costs.agency_weekly)} "
                    "through an agency.")
else:
    text.append(f"Weekly costs are Section 251 unit costs for {escape(costs.price_year)} (cash prices).")
text += costs.notes
text.append("Other placements (with parents, placed for adoption and other settings) are not costed.")
if len(baseline):
    total = baseline[(baseline["placement"] == "Total") & (baseline["year"] == last_year)].iloc[0]
    text.append(f"On these costs, the placements forecast for {last_year} would cost about "
                f"{demand._money(total['annual_cost'])} a year (80% range {demand._money(total['annual_low_80'])} "
                f"to {demand._money(total['annual_high_80'])}).")
prose(*text) + page.table(demand.readers_cost_table(baseline), name="cost-forecast",
                          caption=f"Forecast annual cost of placements, {name}, at {costs.price_year} prices.",
                          source=("costs.csv (the council's own figures)" if costs.source == "local"
                                  else "LAIT, Section 251 unit costs") + "; forecasts in this chapter")

# %% [markdown]
# ## Scenarios
#
# A scenario changes one assumption and shows what happens to the cost and to where children live,
# against the baseline forecast above. Scenarios are set by the council in its scenarios.csv; those
# marked illustrative show how the forecasts respond and are not decisions of the council. A share
# moves in a straight line from its latest published level to the scenario's level in the year
# given, then stays there; children moved into or out of one type of placement come from, or go to,
# the others in proportion.

# %%
if "scenarios" in local and len(baseline):
    results = demand.apply_scenarios(fs, local["scenarios"], costs, inhouse)
    table = demand.scenario_table(results, baseline, last_year)
    notes = [f"{escape(r.id)} ({escape(r.description)}) is not shown: {r.not_modelled}." for r in results if r.not_modelled]
    flagged = [escape(r.id) for r in results if r.illustrative and r.not_modelled is None]
    lead = (f"Scenarios {', '.join(flagged)} are marked illustrative in the council's file." if flagged else "")
    scen_out = prose(lead, *notes) + page.table(
        demand.readers_scenario_table(table, baseline, fs), name="scenarios",
        caption=f"Annual cost and children in foster care and children's homes in {last_year} under each scenario, {name}.",
        source="scenarios.csv and costs.csv (the council's own files); forecasts in this chapter")
elif "scenarios" not in local:
    scen_out = prose(f"{name} has not set any scenarios (scenarios.csv), so none are shown.")
else:
    scen_out = prose("Scenarios need weekly costs, and there are none for this council.")
scen_out

# %% [markdown]
# ## How well these methods forecast the past
#
# For each series, the table shows how far the chosen method's past forecasts were from what then
# happened, beside the two plain methods. MAE is the average miss in the series' own units; MAPE the
# average miss as a percentage of the real figure; MASE the average miss divided by the typical change
# from one year to the next (below 1 means the forecasts missed by less than a year usually moves).
# The last columns show how often the real figure fell inside the 80% and 95% ranges: close to 80% and
# 95% means the ranges are honest; well below means they were too narrow.

# %%
record = demand.track_record_table(fs)
shorts = {m: demand.SERIES[m].short for m in record["measure"]}
losers = [shorts[m] for m in record.loc[~record["beats_naive"], "measure"]]
winners = [shorts[m] for m in record.loc[record["beats_naive"], "measure"]]
text = []
if winners:
    text.append("A method beat carrying the last figure forward for " + and_list(winners) + ".")
if losers:
    text.append("For " + and_list(losers) + ", no method forecast past years better than carrying the "
                "last figure forward, so that is the forecast shown: read it as 'no clear change expected'.")
narrow = [shorts[m] for m in record.loc[record["coverage_80"] < 0.6, "measure"]]
if narrow:
    text.append("The 80% ranges held the real figure less than three times in five for "
                + and_list(narrow) + ": treat those ranges as too narrow.")
short_series = [shorts[m] for m in record.loc[record["tests"] < 5, "measure"]]
if short_series:
    text.append("The record for " + and_list(short_series) + " rests on fewer than five past "
                "forecasts, too few to tell the methods apart with confidence.")
prose(*text) + page.table(demand.readers_track_record(fs), name="track-record",
                          caption=f"Back-test of each forecast for {name}: errors of the chosen method and of the two plain methods.",
                          source="Forecasts in this chapter, tested on the published figures")
