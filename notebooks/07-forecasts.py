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
# # Forecasts for the next three years
#
# How many children the council is likely to look after over the next three years, where they are
# likely to live, what places exist for them, and what that may cost. Every forecast comes with
# two ranges: the 80% range should hold the real figure four years in five, and the 95% range
# nineteen years in twenty. The ranges matter more than the central line: with one published figure
# a year, no method can pin the future down closely.
#
# One council's ten or so yearly figures cannot show, on their own, which way a figure is heading
# or how far it may move. Every council's can. So each series is forecast with what has worked
# across all councils in England: for each figure, the council's own recent trend is kept only as
# far as, across the country, such trends have tended to carry on — and where following trends did
# no better than carrying the last figure forward, the last figure is carried forward and the page
# says so. The ranges are set from how far such forecasts, made for every council in past years,
# missed what then happened, allowing for how much the council's own figure usually moves. The last
# section shows, for each forecast, how often its ranges held the real figure across all councils, and
# how it did on the council's own past figures. A series with fewer than three published years, or whose latest
# published figure is more than a year older than this edition's data, is not forecast.
#
# Each forecast is rounded once, the same way wherever it appears on this page, in the text, the
# tables and the numbers behind the charts: central figures to whole children (rates to one decimal
# place), and the ends of each range outwards, so that a range never looks narrower than it is.

# %%
from sufficiency.chapters import forecasts
from sufficiency.data import councils
from sufficiency.forecasting import demand
from sufficiency.publishing.pages import Page

council = councils.resolve_council(la_code)
page = Page(files_dir)
fs = demand.council_forecasts(council, year)
forecasts.opening_section(page, fs, episodes_dir)

# %% [markdown]
# ## Children looked after

# %%
forecasts.children_looked_after_section(page, fs)

# %% [markdown]
# ## Starting and leaving care
#
# The number looked after on 31 March moves with the number who start to be looked after during the
# year and the number who stop. Each is forecast on its own, so the three need not agree exactly.

# %%
forecasts.flows_section(page, fs)

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
forecasts.placements_section(page, fs)

# %% [markdown]
# ## Care leavers
#
# Young people who were looked after and are now aged 17 to 21 are owed support as care leavers;
# DfE counts those aged 17 to 18 and 19 to 21 whose activity on their birthday is known to the council.

# %%
forecasts.care_leavers_section(page, fs)

# %% [markdown]
# ## Unaccompanied children and the National Transfer Scheme
#
# Under the National Transfer Scheme, a council whose unaccompanied asylum-seeking children number
# fewer than 0.1% of its child population can expect to be asked to take more, transferred from
# councils above that level. The level below uses DfE's estimate of the council's population aged
# 0 to 17; for the forecast years it is held at the latest estimate.

# %%
forecasts.uasc_section(page, fs)

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
forecasts.supply_section(page, fs)

# %% [markdown]
# ## What the forecasts may cost
#
# Cost is the forecast number of children in each type of placement, times a weekly cost, times
# 52.14 weeks. The ranges are carried through: the low end of the cost uses the low end of the
# children forecast. The total's range adds the ends of each type's range, as if every type were
# at its low (or high) end in the same year, so it is wider than the true range. Prices are held at
# the price year stated; a scenario below shows the effect of price rises.

# %%
forecasts.cost_section(page, fs)

# %% [markdown]
# ## Scenarios
#
# A scenario changes one assumption and shows what happens to the cost and to where children live,
# against the baseline forecast above. Scenarios are set by the council in its own files; those
# marked illustrative show how the forecasts respond and are not decisions of the council. A share
# moves in a straight line from its latest published level to the scenario's level in the year
# given, then stays there; children moved into or out of one type of placement come from, or go to,
# the others in proportion. A scenario that changes how many children are looked after (the rate, or
# the number of unaccompanied children) adds or takes away children in every type of placement, in
# the proportions of the baseline forecast. Each scenario is priced as the baseline is, except for
# the price it changes.

# %%
forecasts.scenarios_section(page, fs)

# %% [markdown]
# ## How well these methods forecast the past
#
# The first table shows each forecast's method tried on every council's past figures: how often its
# ranges held the real figure, and whether its misses were smaller than those of carrying the last
# figure forward. The second shows the council's own figures: for each series, how far the chosen
# method's past forecasts were from what then happened, beside the two plain methods. MAE is the average miss in the series' own units; MAPE the
# average miss as a percentage of the real figure; MASE the average miss divided by the typical change
# from one year to the next (below 1 means the forecasts missed by less than a year usually moves).
# The last columns show how often the real figure fell inside the 80% and 95% ranges: close to 80% and
# 95% means the ranges are honest; well below means they were too narrow.

# %%
forecasts.track_record_section(page, fs)
