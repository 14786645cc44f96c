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
group = "london"
members = ""
year = 2025
sn_model = "2025"
files_dir = ""

# %% [markdown]
# # Data sources and quality
#
# The figures in this book come from published statistics kept with the project and read when
# the book is built. Each source has a provenance note and a checksum, so a reader can trace any
# figure to its origin. The one exception is the forecast cost: a council that has given its own
# weekly costs of care for its own book is priced with them here too, so both books agree; the
# others are priced with DfE's published unit costs.

# %%
from sufficiency.chapters import data_sources
from sufficiency.publishing.pages import Page

page = Page(files_dir)
data_sources.sources_section(page, year)

# %% [markdown]
# ## Known breaks and caveats
#
# Quality ratings: **A**, official statistics used as published; **B**, official data compiled or
# reshaped by DfE or a third party from several sources; **C**, useful but incomplete.

# %%
data_sources.caveats_section(year)
