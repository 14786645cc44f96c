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
# # The cost of care
#
# What a week in each type of placement costs the council, what that adds up to over a year, how
# council fostering compares with agency fostering, how the council's costs compare with what it
# reports to the Department for Education and with what it actually spent, and how its spending
# compares with England, its region and the councils most like it. Every cost says which year's
# prices it is in. The council's own costs are carried to this edition's prices with a published
# price index; the published benchmarks are in the cash prices of each year.

# %%
from sufficiency.chapters import cost_of_care
from sufficiency.publishing.pages import Page

page = Page(files_dir)
chapter = cost_of_care.load(la_code, year, sn_model)

# %% [markdown]
# ## Weekly cost by type of placement
#
# For each type of placement the council gives the number of children, the most common weekly cost
# (the *mode*: what a typical placement costs) and the average weekly cost (the *mean*: total cost
# divided by the number of children), in the prices of the year it worked them out.

# %%
cost_of_care.weekly_costs_section(page, chapter)

# %% [markdown]
# ## Why the average is above the typical cost
#
# The mode and the mean answer different questions. The mode says what most placements cost; the mean
# says what the council pays per child on average, and a few very expensive placements pull it up.

# %%
cost_of_care.one_placement_section(page, chapter)

# %%
cost_of_care.per_child_costs_section(chapter)

# %% [markdown]
# ## What each type costs in a year
#
# Annual spend is estimated as the number of children times the mean weekly cost times 52.14 (the
# weeks in a year). Comparing each type's share of that spend with its share of children shows where
# the money goes.

# %%
cost_of_care.spend_section(page, chapter)

# %%
cost_of_care.spend_table_section(page, chapter)

# %% [markdown]
# ## Council fostering against agency fostering
#
# The council compares what a placement with its own foster carers costs, counting only the direct
# costs and then including its wider costs, with what an independent fostering agency charges.

# %%
cost_of_care.fostering_section(page, chapter)

# %% [markdown]
# ## Children with the council's own foster carers
#
# How many fostered children live with the council's own carers rather than an agency's decides
# much of what foster care costs. The two published counts behind the share must cover the same
# children, so family and friends carers, whom one count leaves out, are left out of the other too.

# %%
cost_of_care.inhouse_share_section(page, chapter)

# %% [markdown]
# ## How the council's spending compares
#
# Every council reports its spending to the Department for Education (the Section 251 outturn).
# DfE's Local Authority Interactive Tool (LAIT) turns it into weekly costs per child: spending on
# children looked after per child in care on 31 March, spending on fostering per child in foster care,
# and spending on children's homes per week of residential care. These are in the cash prices of each
# financial year, rounded by DfE to the nearest £5, and include overheads the council's own table may
# leave out, so they are not directly comparable with the costs above.

# %%
cost_of_care.unit_cost_sentences_section(chapter, "LACFinance")

# %%
cost_of_care.unit_cost_figure_section(page, chapter, "LACFinance")

# %%
cost_of_care.unit_cost_sentences_section(chapter, "FosteringFinance")

# %%
cost_of_care.unit_cost_figure_section(page, chapter, "FosteringFinance")

# %%
cost_of_care.unit_cost_sentences_section(chapter, "RescareFinance")

# %%
cost_of_care.unit_cost_figure_section(page, chapter, "RescareFinance")

# %% [markdown]
# ## The council's costs against its Section 251 unit costs
#
# The council's own weekly costs, carried to this edition's prices, set beside the unit costs it
# reported to the Department for Education for the same year, and why the two differ.

# %%
cost_of_care.s251_section(page, chapter)

# %% [markdown]
# ## What placements cost against what was spent
#
# The weekly costs on this page, applied to the children in each type of placement on 31 March,
# set beside what the council reported spending on children looked after that year: what share
# placements are, and what the rest is.

# %%
cost_of_care.reconciliation_section(page, chapter)

# %% [markdown]
# ## Children's services spending in 2024–25
#
# What the council spent on children's services as a whole, per child living in the area, and how
# much of it went on children looked after, against its region and England.

# %%
cost_of_care.childrens_services_section(page, chapter)
