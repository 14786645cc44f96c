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
# # Moves between placement types, and a forecast built from them
#
# The forecasts chapter works from one published number a year. A council's own records show more:
# each child's placement on 31 March, and where the same child was a year later. Counting those moves
# gives the chances of staying, moving to another type of placement, or leaving care, for children of
# each age in each type of placement. Applied to the children in care now, with the usual number of
# new arrivals added each year, they give a *stock-and-flow* forecast: the approach of the children's
# services demand model that Social Finance built for councils. This page sets that forecast beside
# the one made from published figures, and scores both on past years in the same way.

# %%
from sufficiency.chapters import stock_and_flow
from sufficiency.publishing.pages import Page

page = Page(files_dir)
flows = stock_and_flow.load(episodes_dir, la_code, year)
stock_and_flow.banner(flows)

# %% [markdown]
# ## Where children were a year later

# %%
stock_and_flow.transitions_section(page, flows)

# %% [markdown]
# ## The stock-and-flow forecast
#
# The model assumes that the chances seen over the last three years hold for the next three, and that
# as many children start to be looked after as in an average recent year. It is a baseline: it cannot
# know about a new service or a change in the courts. The 80% ranges come from re-running the model
# many times with the chances and arrivals varied as chance alone would vary them, so the real range
# is wider.

# %%
stock_and_flow.forecast_section(page, flows)

# %% [markdown]
# ## Beside the forecast from published figures

# %%
stock_and_flow.beside_section(page, flows)

# %% [markdown]
# ## How each would have done
#
# Each method was given only what was known on 31 March of a past year, asked to forecast the next
# years, and scored against what then happened. The stock-and-flow model is scored against the counts
# in the council's records, and the other methods against DfE's published counts, because those are
# the figures each sets out to predict. The scaled error divides each method's average miss by the
# average change from one year to the next in its own figures: below 1 means it beat simply carrying
# the last figure forward.

# %%
stock_and_flow.backtest_section(page, flows)
