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
from sufficiency.data import councils
from sufficiency.measures import editions
from sufficiency.publishing.pages import Page, escape, prose

council = councils.resolve_council(la_code)
page = Page(files_dir)
current = editions.headline_record(council, year, model=sn_model)
previous = editions.headline_record(council, year - 1, model=sn_model)
current.to_csv(page.files_dir / "headlines.csv", index=False)   # the build keeps it as the edition's record
changes = editions.compare_editions(current, previous)
prose(editions.summary_sentence(changes, escape(council.name), year))

# %%
page.table(changes, name="what-changed",
           caption=f"Headline figures: edition {year} against edition {year - 1}.",
           source="DfE children looked after tables and LAIT, as loaded for each edition (see Data sources).")
