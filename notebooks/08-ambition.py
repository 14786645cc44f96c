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
ambition = 1

# %% [markdown]
# # An ambition: aim, actions and measures
#
# What the ambition sets out to do, where things stood when it was written, the actions that
# serve it, and how its measures of success are moving against their targets.

# %%
from sufficiency.chapters import ambition_page
from sufficiency.publishing.pages import Page

page = Page(files_dir)
this_ambition = ambition_page.load(la_code, year, sn_model, ambition)

# %%
ambition_page.aim_section(page, this_ambition)

# %% [markdown]
# ## Where things stood when the strategy was written

# %%
ambition_page.starting_point_section(this_ambition)

# %% [markdown]
# ## Actions

# %%
ambition_page.actions_section(page, this_ambition)

# %% [markdown]
# ## Measures of success
#
# Each measure's latest value is set against its target. The scorecard page explains how a status
# is decided.

# %%
ambition_page.measures_section(page, this_ambition)
