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
# # What people told us
#
# What care providers, foster carers, independent reviewing officers and children and young
# people in care said about where children live and how they are looked after. The council records
# each point in its own words; a published codebook sorts the points into themes, so anyone can see
# how a point was placed and check it.

# %%
from sufficiency.chapters import voices
from sufficiency.publishing.pages import Page

page = Page(files_dir)
chapter = voices.load(la_code, year)

# %%
voices.summary_section(chapter)

# %% [markdown]
# ## When people told us

# %%
voices.consultation_section(chapter)

# %% [markdown]
# ## You said, we did
#
# What the council has done about the points people made.

# %%
voices.responses_section(page, chapter)

# %% [markdown]
# ## How points are sorted into themes
#
# Each point is read against the codebook below. A point touches a theme when it contains at least
# one of that theme's words or phrases: capital letters do not matter, only whole words count, and a
# `*` at the end of a word stands for any ending (so *communicat\** finds "communicate" and
# "communication"). Each point is counted and listed once, under its main theme: the theme of the
# phrase that comes first in the point. A point that contains none of the phrases is listed under
# *Other*, and the count of those points is given above. Where the council has typed a theme into its
# file by hand, that theme is used instead of the phrases. The codebook is printed in full below, so
# anyone can check how a point was placed.

# %%
voices.codebook_section(page, chapter)

# %% [markdown]
# ## Themes by group
#
# How many points each group made under each theme. Each point counts once, under its main theme.

# %%
voices.themes_by_group_section(page, chapter)

# %% [markdown]
# ## What was said, theme by theme
#
# Every point under its main theme, as the council recorded it, with the group that made it, when,
# and the point's identifier in the council's file.

# %%
voices.points_section(chapter)

# %% [markdown]
# ## Facts from the independent reviewing officers' annual report
#
# Independent reviewing officers (IROs) chair each child's care reviews and can challenge the council
# when a plan drifts. Their annual report gives a few figures the strategy relies on.

# %%
voices.iro_section(page, chapter)
