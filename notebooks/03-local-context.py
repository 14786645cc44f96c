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
# # Local context
#
# Who lives in the council's area, and where its children looked after stand this year: the size of the
# child population, its ethnic make-up, and a snapshot of the headline figures that the rest of this
# strategy follows over time.

# %%
from sufficiency.chapters import local, maps
from sufficiency.publishing.pages import Page

page = Page(files_dir)

# %% [markdown]
# ## The child population

# %%
local.population_section(page, la_code, year)

# %% [markdown]
# ## A snapshot of children looked after

# %%
local.snapshot_section(page, la_code, year, sn_model)

# %% [markdown]
# ## Ethnicity

# %%
local.ethnicity_section(page, la_code, year)

# %% [markdown]
# ## The council on the map
#
# How the council's rate of children looked after compares with every other council in England.

# %%
maps.england_rate_map(page, la_code, year)

# %% [markdown]
# ## Where the council's children are placed

# %%
maps.placement_map(page, la_code, year, sn_model)

# %% [markdown]
# ## Children's homes in the region

# %%
maps.supply_map(page, la_code, year)
