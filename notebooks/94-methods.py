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
# # Methods and assumptions
#
# The fixed values and rules behind the figures in this book, so that a reader can check how a
# number or a status was reached.

# %%
from sufficiency.chapters import methods
from sufficiency.publishing.pages import Page

page = Page(files_dir)

# %% [markdown]
# ## Values used throughout

# %%
methods.assumptions_section(page)

# %% [markdown]
# ## How a measure's status is decided

# %%
methods.status_rule_section()

# %% [markdown]
# ## How well the forecasts do
#
# The forecasts chapter learns from every council's published figures. Here the same methods are
# tried on the past: as if each forecast had been made in an earlier year, for every council, and
# then checked against what was later published. MASE is the average miss divided by how much the
# council's figure usually moves in a year; lower is better, and the row for carrying the last
# figure forward is the yardstick. A range that is honest holds the real figure about as often as
# it says: 80% and 95%.

# %%
methods.national_backtest_section(page, year)
