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
# # Progress since the 2014–16 plan
#
# The council's earlier commissioning plan for children looked after set targets for 2014 to 2016.
# This page sets what was aimed for then beside what was recorded at the time and where the same
# measures stand now in DfE's published figures.

# %%
from sufficiency.chapters import progress
from sufficiency.publishing.pages import Page

page = Page(files_dir)
then_and_now = progress.load(la_code, year, sn_model)

# %%
progress.summary_section(then_and_now)

# %% [markdown]
# ## The measures then and now

# %%
progress.measures_section(page, then_and_now)
