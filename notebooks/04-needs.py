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
# # Children's needs
#
# What the children looked after need shapes the homes the council must find: a child taken into
# care because of abuse or neglect, a disabled child, a teenager who arrived in England alone and a
# baby each need something different. DfE publishes a few measures of need for every council; they
# are set here against the statistical neighbours and England.
#
# ## Why children are looked after
#
# Each child is recorded under one main category of need: the main reason the council became
# involved, judged when the child started to be looked after.

# %%
from sufficiency.chapters import needs
from sufficiency.publishing.pages import Page

page = Page(files_dir)
needs.need_section(page, la_code, year, sn_model)

# %% [markdown]
# ## Unaccompanied asylum-seeking children

# %%
needs.uasc_section(la_code, year, sn_model)

# %% [markdown]
# ## Age
#
# Older children are harder to find family homes for, and from 16 many move towards living more
# independently.

# %%
needs.age_section(page, la_code, year, sn_model)

# %% [markdown]
# ## Age on starting to be looked after
#
# The age at which children come into care says which homes the next few years will need: babies
# and young children often move on to adoption or special guardianship, teenagers more often need
# foster carers who can look after older children, or a children's home.

# %%
needs.entry_age_section(page, la_code, year, sn_model)
