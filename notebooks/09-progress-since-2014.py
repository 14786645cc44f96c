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
# # Progress since the 2014–16 plan
#
# The council's earlier commissioning plan for children looked after set targets for 2014 to 2016.
# This page sets what was aimed for then beside what was recorded at the time and where the same
# measures stand now in DfE's published figures.

# %%
from sufficiency.measures import ambitions
from sufficiency.data import councils
from sufficiency.publishing.pages import Page, escape, prose

council = councils.resolve_council(la_code)
page = Page(files_dir)
plan = ambitions.load_plan(council)
has_targets = plan is not None and len(plan["targets_2014"]) > 0
if has_targets:
    progress = ambitions.progress_since_2014(plan, council, year, model=sn_model)

# %%
if not has_targets:
    out = prose(f"{escape(council.name)} has not supplied the targets of an earlier plan, so this page "
                "has nothing to compare yet.")
else:
    counted = progress[progress["against_target"].isin(["reached", "not reached"])]
    reached = int((counted["against_target"] == "reached").sum())
    out = prose(f"The earlier plan set {len(progress)} measures. For {len(counted)} of them DfE still "
                f"publishes a matching figure; by the latest year to {year}, {reached} of those "
                f"{len(counted)} were at or better than the plan's target. The others are counted only "
                "in the council's own records, which were not published.",
                "'Then' values are as the plan reported them, some from the council's own systems "
                "part-way through a year, so they may differ a little from DfE's later published figures.")
out

# %% [markdown]
# ## The measures then and now

# %%
if has_targets:
    out = page.table(ambitions.progress_reader_table(progress), name="progress-2014",
                     caption="The 2014–16 plan's measures: values then, targets, and published values since.",
                     source=f"{council.name} LAC Commissioning Plan 2014–16 (paragraphs as recorded in "
                            "targets_2014.csv); DfE, Children looked after in England (published tables and LAIT)")
else:
    out = prose("No earlier targets have been supplied.")
out
