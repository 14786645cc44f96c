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
# # Children in care: from the council's own records
#
# Published statistics stop at what the Department for Education (DfE) prints. The council also holds
# the record it sends DfE every year, the SSDA903 return: one row for each spell a child spent in a
# placement. From it this page counts the children in each kind of home, who started and stopped
# being looked after and why, how often children moved, and how far from home they live. Where DfE
# publishes the same measure, the two are set side by side.

# %%
from sufficiency.chapters import own_records
from sufficiency.publishing.pages import Page

page = Page(files_dir)
records = own_records.load(episodes_dir, la_code, year)
own_records.banner(records)

# %% [markdown]
# ## What the records cover

# %%
own_records.coverage_section(records)

# %% [markdown]
# ## How the records were checked
#
# Extracts are often analysed before DfE's own checks are clean. Each row is checked against DfE's
# validation rules; a row that breaks one is read in a stated way where that is safe, and left out
# where it is not, and every such row is counted here.

# %%
own_records.quality_section(page, records)

# %% [markdown]
# ## Children looked after on 31 March

# %%
own_records.looked_after_section(page, records)

# %% [markdown]
# ## Starting and ceasing to be looked after

# %%
own_records.flows_section(page, records)

# %% [markdown]
# ## Moves and stability
#
# Two of DfE's measures of stability are worked out here in DfE's way: the share of children looked
# after on 31 March who had three or more placements during the year, and, among children under 16
# who had been looked after for at least two and a half years, the share who had lived in the same
# placement for at least two years.

# %%
own_records.stability_section(page, records)

# %% [markdown]
# ## How far from home children live
#
# Living near home usually means keeping the same school, friends and family contact. DfE counts
# children placed inside the council's own area, and those placed more than 20 miles from the home
# they lived in before care.

# %%
own_records.distance_section(page, records)

# %% [markdown]
# ## The council's figures beside DfE's
#
# The same return is the source of DfE's published figures, so the two should be close. Where they
# differ, the table shows by how much.

# %%
own_records.comparison_section(page, records)
