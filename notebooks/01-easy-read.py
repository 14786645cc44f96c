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
# # For children and young people
#
# This page is for you if you are in care, or have left care. It says what this plan is about,
# in a few words.
#
# ## What is this plan?
#
# When children cannot live with their own family, the council finds them a safe home. The law
# says the council must have enough good homes for them, close to the people and places they know.
# This plan says how the council will do that.
#
# ## Some numbers

# %%
from sufficiency.chapters import easy_read

easy_read.numbers_section(la_code, year, sn_model)

# %% [markdown]
# ## What the council promises you

# %%
easy_read.promises_section(la_code)

# %% [markdown]
# ## What will change

# %%
easy_read.changes_section(la_code)

# %% [markdown]
# ## Who to talk to

# %%
easy_read.talk_to_section(la_code)
