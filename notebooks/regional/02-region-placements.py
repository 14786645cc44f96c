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
# # Where children live
#
# Children are best placed close to home, in their own council's area where that is right for them.
# This page shows, for each council and for the group, how many of its children live inside and
# outside its own boundary, how many children from other councils live in its area, and how many
# live more than 20 miles from home.

# %%
from sufficiency.chapters import regional, regional_places
from sufficiency.publishing.pages import Page

page = Page(files_dir)
the_group = regional.group_for(group, members, year)
page.set_title(regional.page_title(the_group, "where children live"))
regional_places.placements_section(page, the_group, year)

# %% [markdown]
# ## What the published figures cannot show

# %%
regional_places.not_published_section()
