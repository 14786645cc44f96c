# %% [parameters]
la_code = "209"
year = 2025
sn_model = "2025"
episodes_dir = ""
files_dir = ""

# %% [markdown]
# # National context
#
# The council plans its placements inside a national picture: how many children England looks after,
# where they live, how far from home, how old they are, and who runs the homes they live in. Every
# figure below comes from a published source, named under it with its year.

# %%
from sufficiency.chapters import context
from sufficiency.publishing.pages import Page, prose

page = Page(files_dir)

# %% [markdown]
# ## Children looked after in England

# %%
context.national_numbers(page, year)

# %% [markdown]
# ## Where children live
#
# Most children looked after live with foster carers. The table gives the share of England's children
# looked after in each type of placement on 31 March.

# %%
placements, placement_shares = context.england_breakdown_table(
    page, "cla_by_placement_type", year, name="england-placements",
    caption="Children looked after in England on 31 March, by placement type")
prose(context.england_share_sentence(placement_shares, "Foster placements", "the share living in foster placements"),
      context.england_share_sentence(placement_shares, "Secure homes and children's homes",
                                     "the share living in children's homes or secure homes"))

# %%
placements

# %% [markdown]
# ## Distance from home

# %%
distance, distance_shares = context.england_breakdown_table(
    page, "cla_by_distance", year, name="england-distance",
    caption="Children looked after in England on 31 March, by distance between home and placement")
prose(context.england_share_sentence(distance_shares, "Placed more than 20 miles from home",
                                     "the share placed more than 20 miles from home"))

# %%
distance

# %% [markdown]
# ## An older population in care
#
# The age profile of children looked after has moved towards teenagers, whose needs often call for
# different kinds of home.

# %%
ages, age_shares = context.england_breakdown_table(
    page, "cla_by_age", year, name="england-age", caption="Children looked after in England on 31 March, by age")
prose(context.england_share_sentence(age_shares, "16 years and over", "the share aged 16 and over"),
      context.england_share_sentence(age_shares, "Under 1 year", "the share aged under 1"))

# %%
ages

# %% [markdown]
# ## Who provides the places
#
# The Competition and Markets Authority's 2022 study of children's social care found that councils
# depend heavily on private providers for children's homes and fostering. The published counts below
# show how that share has moved.

# %%
context.private_provision(page, year)
