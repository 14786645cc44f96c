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
# # What we said and what happened
#
# The last strategy's promises set beside what happened: each action with the status the council
# has given it, and each measure of success with its starting point, its target and its latest value.

# %%
from sufficiency.chapters import review
from sufficiency.publishing.pages import Page

page = Page(files_dir)
last_strategy = review.load(la_code, year, sn_model)

# %%
review.summary_section(page, last_strategy)

# %% [markdown]
# ## The actions

# %%
review.actions_section(page, last_strategy)

# %% [markdown]
# ## The measures of success
#
# A target whose date has passed is marked so. Where DfE publishes a figure for the baseline year,
# the baseline shown is DfE's, with the strategy's printed figure beside it when the two differ; a
# baseline worked out from two published counts is marked "recomputed", as on the scorecard.

# %%
review.measures_section(page, last_strategy)
