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
# # National context
#
# The council plans its placements inside a national picture: how many children England looks after,
# where they live, how far from home, how old they are, and who runs the homes they live in. Every
# figure below comes from a published source, named under it with its year.

# %%
from sufficiency.chapters import national
from sufficiency.publishing.pages import Page

page = Page(files_dir)

# %% [markdown]
# ## Children looked after in England

# %%
national.national_numbers(page, year)

# %% [markdown]
# ## Where children live
#
# Most children looked after live with foster carers. The table gives the share of England's children
# looked after in each type of placement on 31 March.

# %%
national.placement_types(page, year)

# %% [markdown]
# ## Distance from home

# %%
national.distance_from_home(page, year)

# %% [markdown]
# ## An older population in care
#
# The age profile of children looked after has moved towards teenagers, whose needs often call for
# different kinds of home.

# %%
national.age_profile(page, year)

# %% [markdown]
# ## Who provides the places
#
# The Competition and Markets Authority's 2022 study of children's social care found that councils
# depend heavily on private providers for children's homes and fostering. The published counts below
# show how that share has moved.

# %%
national.private_provision(page, year)
