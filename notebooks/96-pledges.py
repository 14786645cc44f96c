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
# # Appendix: corporate parenting pledges
#
# As corporate parents the council and its partners make promises to the children they look after
# and to care leavers. They are listed here by theme, because the placement strategy is one of the
# ways those promises are kept.

# %%
from sufficiency.measures import ambitions
from sufficiency.data import councils
from sufficiency.publishing.pages import Markdown, Page, escape, prose

council = councils.resolve_council(la_code)
page = Page(files_dir)
plan = ambitions.load_plan(council)
pledges = plan["pledges"] if plan is not None else None

# %%
if pledges is None or pledges.empty:
    out = prose(f"{escape(council.name)} has not supplied its corporate parenting pledges yet.")
else:
    themes = list(dict.fromkeys(pledges["theme"]))
    text = [f"{escape(council.name)}'s pledges fall under {len(themes)} themes."]
    for theme in themes:
        items = pledges[pledges["theme"] == theme]
        text.append(f"**{escape(theme)}**\n\n" + "\n".join(f"- {escape(p)}" for p in items["pledge"]))
    sources = sorted(set(pledges["source_section"].dropna()))
    if sources:
        text.append("Source: " + "; ".join(escape(s) for s in sources) + ".")
    out = prose(*text)
out
