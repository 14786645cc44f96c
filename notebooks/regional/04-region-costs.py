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
# # What care costs
#
# What each council reports to DfE that it spends on children looked after (Section 251), and the
# weekly costs of foster care and children's homes it reports.

# %%
from sufficiency.chapters import regional, regional_places
from sufficiency.publishing.pages import Page

page = Page(files_dir)
the_group = regional.group_for(group, members, year)
page.set_title(regional.page_title(the_group, "what care costs"))
regional_places.costs_section(page, the_group, year)
