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
# # At a glance
#
# ```{raw} latex
# \chapter*{At a glance}\markboth{At a glance}{At a glance}
# ```

# %%
from sufficiency.chapters import at_a_glance, introduction

introduction.title_section(la_code, year)

# %% [markdown]
# ## Key messages
#
# The figures that matter most for finding children the right homes, each against the year before,
# England and the councils most like this one. Each links to the page that shows it in full.

# %%
at_a_glance.messages_section(la_code, year, sn_model)

# %% [markdown]
# ## The strategy and its ambitions

# %%
at_a_glance.strategy_section(la_code, year)

# %% [markdown]
# ## The next three years

# %%
at_a_glance.forecast_section(la_code, year, sn_model)

# %% [markdown]
# ## What the council needs to decide

# %%
at_a_glance.decisions_section(la_code, year, sn_model)
