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
# # Methods and assumptions
#
# The fixed values and rules behind the figures in this book, so that a reader can check how a
# number or a status was reached.

# %%
from sufficiency.chapters import methods
from sufficiency.publishing.pages import Page

page = Page(files_dir)

# %% [markdown]
# ## Values used throughout

# %%
methods.assumptions_section(page)

# %% [markdown]
# ## How a measure's status is decided

# %%
methods.status_rule_section()
