# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% tags=["parameters"]
la_code = "209"
year = 2025
sn_model = "2025"
episodes_dir = ""
files_dir = ""

# %% [markdown]
# # The cost of care
#
# What a week in each type of placement costs the council, what that adds up to over a year, how
# council fostering compares with agency fostering, and how the council's spending compares with
# England, its region and the councils most like it. Every cost says which year's prices it is in:
# costs from different years are not adjusted for inflation, so compare them with care.

# %%
from sufficiency.measures import costs, trends
from sufficiency.data import councils, localdata
from sufficiency.publishing.pages import Page, escape, prose

council = councils.resolve_council(la_code)
page = Page(files_dir)
folder = f"data/local/{council.slug}"
local_costs = costs.load_if_supplied(localdata.load_costs, council.slug)
comparison = costs.load_if_supplied(localdata.load_fostering_cost_comparison, council.slug)
figures = costs.load_if_supplied(localdata.load_local_figures, council.slug)
price_year = costs.latest_price_year(local_costs, year) if local_costs is not None else None
table = costs.cost_table(local_costs, price_year) if price_year else None
cost_source = (f"{council.name}'s own placement costs (costs.csv), {costs.price_year_label(price_year)} prices; "
               + "; ".join(sorted(table["source_section"].dropna().unique())) if table is not None else "")
no_costs = costs.not_supplied(council.name, f"weekly placement costs priced in {year} or earlier",
                              f"{folder}/costs.csv")
no_costs_again = f"Not available: {escape(council.name)} has not supplied its placement costs (see above)."

# %% [markdown]
# ## Weekly cost by type of placement
#
# For each type of placement the council gives the number of children, the most common weekly cost
# (the *mode*: what a typical placement costs) and the average weekly cost (the *mean*: total cost
# divided by the number of children).

# %%
if table is None:
    out = prose(no_costs)
else:
    out = prose(costs.cost_sentences(table, council.name)) + page.table(
        costs.readers_cost_table(table), name="weekly-costs",
        caption=f"Weekly placement costs by type, {costs.price_year_label(price_year)} prices.", source=cost_source)
out

# %% [markdown]
# ## Why the average is above the typical cost
#
# The mode and the mean answer different questions. The mode says what most placements cost; the mean
# says what the council pays per child on average, and a few very expensive placements pull it up.

# %%
bespoke = None
if figures is not None:
    rows = figures[(figures["figure_id"] == "bespoke_placement_weekly_cost") & figures["value"].notna()]
    rows = rows[rows["period"].map(lambda p: (costs.period_end_year(p) or 0) <= year)]
    bespoke = rows.iloc[-1] if not rows.empty else None
if table is None:
    out = prose(no_costs_again)
elif bespoke is None:
    out = prose(f"{escape(council.name)} has not given the cost of its most expensive single placement "
                f"(figure bespoke\\_placement\\_weekly\\_cost in {escape(folder)}/local\\_figures.csv), so its "
                f"effect on the means cannot be shown.")
else:
    effect = costs.one_placement_effect(table, bespoke["value"])
    out = prose(costs.outlier_sentences(effect, bespoke["value"], bespoke["period"])) + page.table(
        costs.readers_effect_table(effect), name="one-placement",
        caption=(f"How one placement at {costs.fmt_money(bespoke['value'])} a week would lift each type's mean "
                 f"({costs.price_year_label(price_year)} prices for the published means; the placement's cost is "
                 f"from {bespoke['period']})."),
        source=f"{cost_source}; {bespoke['source']}")
out

# %%
prose(f"The median (the middle cost) and a trimmed mean (the mean after setting aside the dearest and "
      f"cheapest tenth of placements) would show the typical cost without that pull. Both need a cost for "
      f"each child. {escape(council.name)} supplies only the mode and the mean for each type, not costs per "
      f"child, so neither can be calculated here.") if table is not None else None

# %% [markdown]
# ## What each type costs in a year
#
# Annual spend is estimated as the number of children times the mean weekly cost times 52.14 (the
# weeks in a year). Comparing each type's share of that spend with its share of children shows where
# the money goes.

# %%
if table is None:
    out = prose(no_costs_again)
else:
    spend = costs.readers_spend_table(table)
    out = prose(costs.spend_share_sentences(table)) + page.figure(
        costs.share_chart(table, title="Share of children and share of annual spend"), name="spend-shares",
        alt=costs.share_alt(table, price_year),
        caption=f"Each placement type's share of children and of estimated annual spend, {costs.price_year_label(price_year)} prices.",
        source=cost_source, data=spend)
out

# %%
page.table(spend, name="annual-spend", caption=f"Estimated annual spend by placement type, {costs.price_year_label(price_year)} prices.",
           source=cost_source) if table is not None else None

# %% [markdown]
# ## Council fostering against agency fostering
#
# The council compares what a placement with its own foster carers costs, counting only the direct
# costs and then including its wider costs, with what an independent fostering agency charges.

# %%
fostering = costs.fostering_comparison(comparison) if comparison is not None else {}
if fostering and (costs.period_end_year(fostering["price_year"]) or 0) > year:
    fostering = {}
if not fostering:
    out = prose(costs.not_supplied(council.name, "a comparison of council and agency fostering costs",
                                   f"{folder}/fostering_cost_comparison.csv"))
else:
    agency_children = None
    if local_costs is not None:
        same_year = local_costs[(local_costs["price_year"] == fostering["price_year"])
                                & (local_costs["placement_type"] == "agency_fostering")]
        agency_children = same_year["children"].iloc[0] if not same_year.empty else None
    gap = costs.fostering_gap(fostering, agency_children)
    out = prose(costs.fostering_sentences(fostering, gap, agency_children, council.name)) + page.table(
        costs.readers_fostering_table(fostering), name="fostering-comparison",
        caption=f"Weekly cost of council and agency fostering, {costs.price_year_label(fostering['price_year'])} prices.",
        source=f"{council.name}'s own figures (fostering_cost_comparison.csv); children in agency fostering from costs.csv")
out

# %% [markdown]
# ## How the council's spending compares
#
# Every council reports its spending to the Department for Education (the Section 251 outturn).
# DfE's Local Authority Interactive Tool (LAIT) turns it into weekly costs per child: spending on
# children looked after per child in care on 31 March, spending on fostering per child in foster care,
# and spending on children's homes per week of residential care. These are in the cash prices of each
# financial year, rounded by DfE to the nearest £5, and include overheads the council's own table may
# leave out, so they are not directly comparable with the costs above.

# %%
frames = costs.unit_cost_frames(year)
unit_trends = {code: trends.trend(frames[code], council, measure, costs.UNIT, what, model=sn_model, polarity=None)
               for code, (measure, what) in costs.UNIT_COST_MEASURES.items()}
prose(costs.benchmark_sentences(unit_trends["LACFinance"]))

# %%
costs.benchmark_figure(page, unit_trends["LACFinance"], name="s251-cla", title="Weekly spend per child looked after")

# %%
prose(costs.benchmark_sentences(unit_trends["FosteringFinance"]))

# %%
costs.benchmark_figure(page, unit_trends["FosteringFinance"], name="s251-fostering",
                       title="Weekly spend per child in foster care")

# %%
prose(costs.benchmark_sentences(unit_trends["RescareFinance"]))

# %%
costs.benchmark_figure(page, unit_trends["RescareFinance"], name="s251-residential",
                       title="Weekly spend per child in residential care")

# %% [markdown]
# ## Children's services spending in 2024–25
#
# What the council spent on children's services as a whole, per child living in the area, and how
# much of it went on children looked after, against its region and England.

# %%
spend_2025 = costs.childrens_services_spend(council, year)
if spend_2025 is None:
    out = prose(f"The comparison of children's services spending uses 2024–25 figures, which are later than "
                f"this edition's year ({year}), so it is left out.")
elif spend_2025.empty:
    out = prose(f"DfE's spending table has no row for {escape(council.name)}.")
else:
    out = page.table(costs.readers_spend_benchmark(spend_2025), name="cs-spend",
                     caption="Children's services spending, 2024–25, cash prices.",
                     source="DfE, Children's social care outcomes and enablers dashboard data (spending per child "
                            "and spending on children looked after, from the 2024–25 Section 251 outturn)")
out
