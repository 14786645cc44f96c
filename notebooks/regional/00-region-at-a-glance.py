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
# # The group at a glance
#
# Councils in a group can plan and buy homes for children together. This book brings together the
# published figures for every council in the group: how many children they look after, how each
# council compares with the others, where children live, the homes in the area, what care costs and
# what the next three years may bring.

# %%
from sufficiency.chapters import regional
from sufficiency.publishing.pages import Page, prose

page = Page(files_dir)
the_group = regional.group_for(group, members, year)
page.set_title(regional.page_title(the_group, "the group at a glance"))
prose(regional.members_sentence(the_group))

# %% [markdown]
# ## Children looked after

# %%
regional.overview_section(page, the_group, year)

# %%
regional.count_section(page, the_group, year)

# %% [markdown]
# ## Councils whose boundaries changed
#
# Where a council was replaced by new ones, the years before the change are counted through the
# council it replaced, so that the group's figures run on without a break.

# %%
prose(regional.joined_histories_text(the_group))
