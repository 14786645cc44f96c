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
# # Data sources and quality
#
# Every published figure in this book comes from the files listed here, kept with the project and
# read when the book is built. Each source has a provenance note (who published it, under what
# licence, where the copy came from) and a checksum, so a reader can trace any figure to its origin
# and check that the file has not changed.

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

# %% [markdown]
# ## The council's own files
#
# Figures that are not published nationally (costs, local management figures, consultation
# feedback, the council's ambitions and measures) come from records the council keeps and supplies
# itself. Where a record is empty, the book says so rather than showing a value.

# %%
data_sources.local_files_section(la_code)
