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
# # What changed since the last edition
#
# The headline figures of this edition beside those of the edition a year earlier. Each edition is
# worked out from the data as they stood at its own cut-off, so a figure for the same year can
# differ slightly where DfE has since revised it. "Better" and "worse" follow the direction that is
# good for children, where one is agreed.

# %%
from sufficiency.chapters import what_changed
from sufficiency.publishing.pages import Page

page = Page(files_dir)
what_changed.changes_section(page, la_code, year, sn_model)
