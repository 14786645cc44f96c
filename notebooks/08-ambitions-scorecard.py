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
# # Our ambitions: the scorecard
#
# The strategy sets out the council's ambitions, each with actions and measures of success. This page
# brings every measure together: where it started, its latest value, the target, which way it is
# moving and whether it is on course.

# %%
from sufficiency.chapters import methods, scorecard
from sufficiency.publishing.pages import Page

page = Page(files_dir)
card = scorecard.load(la_code, year, sn_model)

# %%
scorecard.summary_section(card)

# %% [markdown]
# ## How a status is decided

# %%
methods.status_rule_section()

# %% [markdown]
# ## Counts by status

# %%
scorecard.counts_section(page, card)

# %% [markdown]
# ## Every measure
#
# Where DfE publishes the measure, the baseline is DfE's figure for the baseline year, and the figure
# the strategy printed is shown beside it when the two differ; a baseline worked out from two published
# counts is marked "recomputed". Latest values come from DfE's published tables where a published series
# matches the measure, otherwise from the council's own records. Each status on or off track gives its
# reason. A measure's
# number starts with its ambition's (M4.2 belongs to ambition 4). The last column is the average of
# the statistical neighbours in the same year, shown only where councils' figures are comparable.

# %%
scorecard.measures_section(page, card)

# %% [markdown]
# ## Measures with no value yet

# %%
scorecard.no_data_section(page, card)
