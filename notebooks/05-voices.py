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
# What placement providers, foster carers, independent reviewing officers and children and young
# people in care said about where children live and how they are looked after. The council records
# each point in its own words; a published codebook sorts the points into themes, so anyone can see
# how a point was placed and check it.

# %%
from sufficiency.measures import costs, themes
from sufficiency.data import councils, localdata
from sufficiency.publishing.pages import Page, escape, prose

council = councils.resolve_council(la_code)
page = Page(files_dir)
codebook = themes.load_codebook()
feedback = costs.load_if_supplied(localdata.load_feedback, council.slug)
figures = costs.load_if_supplied(localdata.load_local_figures, council.slug)
later = 0
if feedback is not None:
    feedback, later = themes.filter_to_year(feedback, year)
    feedback = themes.assign_themes(feedback, codebook,
                                    path=localdata.local_dir(council.slug) / "feedback.csv")
    if feedback.empty:
        feedback = None
source = (f"{council.name}'s record of stakeholder feedback (feedback.csv), points summarised by the "
          f"council" + (f"; {'; '.join(sorted(feedback['source_section'].dropna().unique()))}"
                        if feedback is not None else ""))
gap = costs.not_supplied(council.name, "a record of what stakeholders told it", f"data/local/{council.slug}/feedback.csv")

# %%
if feedback is None:
    out = prose(gap)
else:
    out = prose(themes.summary_sentences(feedback, codebook),
                f"{later} point{'s' if later != 1 else ''} recorded after {year} "
                f"{'are' if later != 1 else 'is'} left out of this edition." if later else "")
out

# %% [markdown]
# ## How points are sorted into themes
#
# Each point is read against the codebook below. A point belongs to a theme when it contains at
# least one of that theme's words or phrases: capital letters do not matter, only whole words count,
# and a `*` at the end of a word stands for any ending (so *communicat\** finds "communicate" and
# "communication"). A point can belong to several themes. A point that contains none of the phrases
# is listed under *Other*, and the count of those points is given above. Where the council has typed
# a theme into the file by hand, that theme is used instead of the phrases. The codebook is the file
# `src/sufficiency/themes_codebook.yml`; changing a phrase there and rebuilding changes the book.

# %%
page.table(themes.codebook_table(codebook), name="codebook", caption="The codebook: themes and the phrases that place a point under each.",
           source="This book's codebook (themes_codebook.yml).")

# %% [markdown]
# ## Themes by group
#
# How many points each group made under each theme. A point with two themes counts once under each,
# so the columns add up to more than the number of points.

# %%
if feedback is None:
    out = prose(gap)
else:
    counts = themes.theme_counts(feedback, codebook)
    out = page.figure(themes.heatmap(counts, title="Points by theme and group"), name="themes-by-group",
                      alt=themes.heatmap_alt(counts),
                      caption="Number of points by theme (rows) and group (columns); darker cells hold more points.",
                      source=source, data=counts.reset_index())
out

# %%
if feedback is not None:
    out = page.table(counts.reset_index(), name="themes-by-group-table",
                     caption="Points by theme and group.", source=source)
else:
    out = None
out

# %% [markdown]
# ## What was said, theme by theme
#
# Every point under each theme it belongs to, as the council recorded it, with the group that made
# it and the point's identifier in the council's file.

# %%
prose(gap) if feedback is None else themes.points_by_theme(feedback, codebook)

# %% [markdown]
# ## Facts from the independent reviewing officers' annual report
#
# Independent reviewing officers (IROs) chair each child's care reviews and can challenge the council
# when a plan drifts. Their annual report gives a few figures the strategy relies on.

# %%
facts = themes.iro_facts(figures, year) if figures is not None else None
if facts is None or facts.empty:
    out = prose(costs.not_supplied(council.name, "figures from its independent reviewing officers' annual report",
                                   f"data/local/{council.slug}/local_figures.csv"))
else:
    out = page.table(facts, name="iro-facts", caption="Figures from the IRO annual report, with the period each covers.",
                     source=f"{council.name}'s own figures (local_figures.csv)")
out
