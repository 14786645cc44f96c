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
# # Children looked after
#
# How many children the council looks after on 31 March each year, and how that compares, once the
# size of the child population is taken into account, with England, the region and the councils
# most like it.

# %%
from sufficiency.chapters import key_trends
from sufficiency.publishing.pages import Page

page = Page(files_dir)

# %% [markdown]
# ## The number of children

# %%
key_trends.looked_after_section(page, la_code, year, "children", sn_model)

# %% [markdown]
# ## The rate per 10,000 children
#
# A rate allows for the size of each area's child population, so councils of different sizes can be
# compared.

# %%
key_trends.looked_after_section(page, la_code, year, "per 10,000 children", sn_model)
