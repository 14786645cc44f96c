# %% [parameters]
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
from sufficiency.chapters import context
from sufficiency.data import councils
from sufficiency.publishing.pages import Page

council = councils.resolve_council(la_code)
page = Page(files_dir)

# %% [markdown]
# ## The child population

# %%
context.population_section(page, council, year)

# %% [markdown]
# ## A snapshot of children looked after

# %%
context.snapshot_section(page, council, year, sn_model)

# %% [markdown]
# ## Ethnicity

# %%
context.ethnicity_section(page, council, year)

# %% [markdown]
# ## The council on the map
#
# How the council's rate of children looked after compares with every other council in England.

# %%
from sufficiency.chapters import maps

maps.england_rate_map(page, council, year)

# %% [markdown]
# ## Where the council's children are placed

# %%
maps.placement_map(page, council, year, sn_model)

# %% [markdown]
# ## Children's homes in the region

# %%
maps.supply_map(page, council, year)
