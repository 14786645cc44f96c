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
group = "london"
members = ""
year = 2025
sn_model = "2025"
files_dir = ""

# %% [markdown]
# # The councils side by side
#
# Each council's rate of children looked after allows for the size of its child population, so
# councils of different sizes can be compared.

# %%
from sufficiency.chapters import regional
from sufficiency.publishing.pages import Page

page = Page(files_dir)
the_group = regional.group_for(group, members, year)
page.set_title(regional.page_title(the_group, "the councils side by side"))

# %% [markdown]
# ## Ranked by rate

# %%
regional.ranked_section(page, the_group, year)

# %% [markdown]
# ## Each council over time

# %%
regional.small_multiples(page, the_group, year)

# %% [markdown]
# ## On the map

# %%
regional.group_map(page, the_group, year)
