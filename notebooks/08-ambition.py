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
ambition = 1

# %% [markdown]
# # An ambition: aim, actions and measures
#
# What the ambition sets out to do, where things stood when it was written, the actions that
# serve it, and how its measures of success are moving against their targets.

# %%
from sufficiency.measures import ambitions, indicators
from sufficiency.data import councils
from sufficiency.publishing.pages import Page, escape, prose

council = councils.resolve_council(la_code)
page = Page(files_dir)
plan = ambitions.load_plan(council)
ambition = int(ambition)
found = plan is not None and ambition in set(plan["ambitions"]["number"])
if found:
    info = plan["ambitions"].set_index("number").loc[ambition]
    card = ambitions.scorecard(council, year, model=sn_model, ambition=ambition)

# %%
if not found:
    page.set_title(f"Ambition {ambition}")
if plan is None:
    out = prose(f"{escape(council.name)} has not supplied its ambitions yet, so there is nothing to show "
                f"for ambition {ambition} in this edition.")
elif not found:
    out = prose(f"{escape(council.name)}'s strategy has no ambition {ambition}.")
else:
    page.set_title(f"Ambition {ambition}: {info['title']}")
    out = prose(f"The aim: {escape(info['aim'])}" if isinstance(info["aim"], str) else "")
out

# %% [markdown]
# ## Where things stood

# %%
if found and isinstance(info["narrative"], str):
    out = prose(escape(info["narrative"]),
                f"Source: {escape(info['source_section'])}." if isinstance(info["source_section"], str) else "")
else:
    out = prose("No account of the starting point has been supplied.")
out

# %% [markdown]
# ## Actions

# %%
if found:
    actions = ambitions.actions_table(plan, ambition)
    missing = ambitions.missing_action_details(plan, ambition)
    note = prose(f"The council has not yet recorded {' or '.join(missing)} for these actions."
                 if missing else "")
    out = note + page.table(actions, name="actions", caption=f"Actions under ambition {ambition}.",
                            source=f"{council.name}'s strategy, as recorded in its actions file") if len(actions) \
        else prose("No actions have been recorded under this ambition.")
else:
    out = prose("No actions have been supplied.")
out

# %% [markdown]
# ## Measures of success
#
# Each measure's latest value is set against its target. The scorecard page explains how a status
# is decided.

# %%
if found and len(card):
    out = page.table(ambitions.reader_table(card), name="measures",
                     caption=f"Measures of success for ambition {ambition}, data to {year}.",
                     source="DfE and Ofsted published data; the council's own records")
else:
    out = prose("No measures of success have been supplied for this ambition.")
out

# %%
pieces = []
if found:
    for _, row in card.iterrows():
        name = "measure-" + row["id"].lower().replace(".", "-")
        label = f"{escape(row['id'])}: {escape(row['description'])}"
        if row["status"] == "no data":
            pieces.append(prose(f"{label}. No data yet: {escape(row['reason'])}."))
            continue
        table = indicators.series(row["indicator"], council, year, model=sn_model)
        fig, numbers, alt = ambitions.measure_chart(table, row.to_dict(), council.name)
        pieces.append(prose(f"{label}. Status: {row['status']} ({escape(row['reason'])}).",
                            f"What is counted: {escape(row['definition'])}" if row["definition"] else ""))
        pieces.append(page.figure(fig, name=name, alt=alt,
                                  caption=f"{row['id']}: {row['description']}",
                                  source=row["source"] or "the council's own records", data=numbers))
out = None   # nothing shown when there are no measures (said above)
for piece in pieces:
    out = piece if out is None else out + piece
out
