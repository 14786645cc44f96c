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
# # Homes in the group
#
# The children's homes Ofsted registers in each council's area, with their places, and who runs
# them where that is published; and the foster carers councils approve themselves.

# %%
from sufficiency.chapters import regional, regional_places
from sufficiency.publishing.pages import Page

page = Page(files_dir)
the_group = regional.group_for(group, members, year)
page.set_title(regional.page_title(the_group, "homes in the group"))
regional_places.supply_section(page, the_group, year)
