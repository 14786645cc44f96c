# %% [parameters]
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
from sufficiency.data import councils, publicdata
from sufficiency.measures import trends
from sufficiency.publishing.words import describe_change, fmt_number
from sufficiency.publishing.pages import Page, prose

council = councils.resolve_council(la_code)
page = Page(files_dir)
headline = publicdata.cla_headline(year_max=year)
count = trends.trend(headline, council, "cla_31_march", "children", "children looked after on 31 March",
                     model=sn_model, compared=False)
rate = trends.trend(headline, council, "cla_31_march", "per 10,000 children",
                    "children looked after on 31 March", model=sn_model)

# %% [markdown]
# ## The number of children

# %%
prose(trends.sentences(count))

# %%
trends.figure(page, count, name="cla-count", title="Children looked after on 31 March")

# %% [markdown]
# ## The rate per 10,000 children
#
# A rate allows for the size of each area's child population, so councils of different sizes can be
# compared.

# %%
prose(trends.sentences(rate))

# %%
trends.figure(page, rate, name="cla-rate", title="Children looked after per 10,000 children")
