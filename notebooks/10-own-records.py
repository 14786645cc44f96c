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
from sufficiency.data import councils
from sufficiency.publishing.words import fmt_number
from sufficiency.publishing.pages import Page, escape, prose
from sufficiency.records import book

council = councils.resolve_council(la_code)
page = Page(files_dir)
records = book.load(episodes_dir, la_code=council.code, council_name=council.name, year=year)
records.banner()

# %% [markdown]
# ## What the records cover

# %%
prose(*book.coverage_sentences(records))

# %% [markdown]
# ## Children looked after on 31 March

# %%
prose(*book.cla_sentences(records))

# %%
fig, data, alt = book.breakdown_figure(records, "cla_by_placement_type", title="Children looked after by placement type",
                                       what="children looked after by placement type")
page.figure(fig, name="placement-type", alt=alt, data=data, source=records.source,
            caption=f"Children looked after on 31 March {year}, by type of placement.")

# %%
page.table(records.by_year("cla_by_placement_type", name="Placement type"), name="placement-type-by-year",
           caption="Children looked after on 31 March, by placement type and year.", source=records.source)

# %%
page.table(records.by_year("cla_by_provider", name="Who provides the placement"), name="provider-by-year",
           caption="Children looked after on 31 March, by who provides the placement.", source=records.source)

# %%
page.table(records.by_year("cla_by_age", name="Age on 31 March"), name="age-by-year",
           caption="Children looked after on 31 March, by age.", source=records.source)

# %%
page.table(records.by_year("cla_by_duration", name="Time in care so far"), name="duration-by-year",
           caption="Children looked after on 31 March, by how long they had been in care.",
           source=records.source)

# %%
page.table(records.by_year("cla_by_time_in_placement", name="Time in the current placement"),
           name="time-in-placement-by-year",
           caption="Children looked after on 31 March, by how long they had lived in their current placement.",
           source=records.source)

# %% [markdown]
# ## Starting and ceasing to be looked after

# %%
prose(*book.flow_sentences(records))

# %%
page.table(records.by_year("ceased_by_reason", name="Why care ended"), name="ceased-by-reason",
           caption="Children who ceased to be looked after in the year, by the reason care ended.",
           source=records.source)

# %%
page.table(records.by_year("ceased_by_duration", name="Time in care"), name="ceased-by-duration",
           caption="Children who ceased to be looked after in the year, by how long they had been in care.",
           source=records.source)

# %% [markdown]
# ## Moves and stability
#
# Two of DfE's measures of stability are worked out here in DfE's way: the share of children looked
# after on 31 March who had three or more placements during the year, and, among children under 16
# who had been looked after for at least two and a half years, the share who had lived in the same
# placement for at least two years.

# %%
prose(*book.stability_sentences(records))

# %%
page.table(book.stability_table(records), name="stability",
           caption="Placement moves in each year; children looked after on 31 March who had three or more "
                   "placements in the year (3+); children under 16 looked after for 2½ years or more, and the "
                   "share of them in the same placement for 2 years or more.", source=records.source)

# %% [markdown]
# ## How far from home children live
#
# Living near home usually means keeping the same school, friends and family contact. DfE counts
# children placed inside the council's own area, and those placed more than 20 miles from the home
# they lived in before care.

# %%
prose(*book.distance_sentences(records))

# %%
page.table(records.by_year("cla_by_locality", name="Where the placement is"), name="locality-by-year",
           caption="Children looked after on 31 March, inside or outside the council's area.", source=records.source)

# %%
page.table(records.by_year("cla_by_distance", name="Distance from home"), name="distance-by-year",
           caption="Children looked after on 31 March, by distance between home and placement.",
           source=records.source + "; postcode centres from the ONS Postcode Directory")

# %% [markdown]
# ## The council's figures beside DfE's
#
# The same return is the source of DfE's published figures, so the two should be close. Where they
# differ, the table shows by how much.

# %%
prose(*book.comparison_sentences(records))

# %%
page.table(book.published_comparison_table(records), name="against-dfe",
           caption=f"Figures for 31 March {year} (or the year to then) from the council's records and as DfE "
                   "published them.", source=records.source + "; DfE, Children looked after in England")
