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
# # Our ambitions: the scorecard
#
# The strategy sets out eight ambitions, each with actions and measures of success. This page
# brings every measure together: where it started, its latest value, the target, which way it is
# moving and whether it is on course.

# %%
from sufficiency.measures import ambitions
from sufficiency.data import councils
from sufficiency.publishing.words import fmt_number
from sufficiency.publishing.pages import Markdown, Page, escape, prose

council = councils.resolve_council(la_code)
page = Page(files_dir)
plan = ambitions.load_plan(council)
card = ambitions.scorecard(council, year, model=sn_model)

# %%
if plan is None:
    out = prose(f"{escape(council.name)} has not supplied its ambitions and measures of success yet, so "
                "there is no scorecard in this edition. They go in the council's own files "
                f"(data/local/{council.slug}/ambitions.csv, actions.csv and measures.csv; see "
                "data/local/README.md).")
else:
    counts = ambitions.status_counts(card)
    n = dict(zip(counts["Status"], counts["Measures"]))
    out = prose(
        f"{escape(council.name)}'s strategy has {len(plan['ambitions'])} ambitions and {len(card)} measures "
        f"of success. Using data up to {year}: {n['Met']} met, {n['On track']} on track, "
        f"{n['Off track']} off track, {n['Too early to tell']} too early to tell, and "
        f"{n['No data']} with no value yet.",
        "A measure with no value is shown as no data: nothing is estimated to fill a gap.")
out

# %% [markdown]
# ## How a status is decided

# %%
Markdown(ambitions.STATUS_RULE)

# %% [markdown]
# ## Counts by status

# %%
if plan is None:
    out = prose("There are no measures to count.")
else:
    out = page.table(ambitions.status_counts(card), name="status-counts",
                     caption=f"Measures of success by status, data to {year}.",
                     source=f"{council.name}'s measures of success; published and local data as listed below")
out

# %% [markdown]
# ## Every measure
#
# Baselines are as the strategy states them. Latest values come from DfE's published tables where
# a published series matches the measure, otherwise from the council's own records. A measure's
# number starts with its ambition's (M4.2 belongs to ambition 4). The last column is the average of
# the statistical neighbours in the same year, shown only where councils' figures are comparable.

# %%
if plan is None:
    out = prose("No measures have been supplied yet.")
else:
    out = page.table(ambitions.reader_table(card), name="scorecard",
                     caption=f"Measures of success: baseline, latest value, target, trend and status, data to {year}.",
                     source="DfE, Children looked after in England (published tables and LAIT); Ofsted, "
                            f"Fostering in England; {council.name}'s own records and measures of success")
out
