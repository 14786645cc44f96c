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
# # Glossary
#
# The words this book uses that have a special meaning in children's social care, in plain words.

# %%
from sufficiency.chapters import glossary

glossary.terms_section()

# %% [markdown]
# ## The council's own words

# %%
glossary.vocabulary_section(la_code)
