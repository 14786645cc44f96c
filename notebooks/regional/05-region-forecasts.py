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
group = "london"
members = ""
year = 2025
sn_model = "2025"
files_dir = ""

# %% [markdown]
# # The next three years
#
# The group's forecast is the sum of its councils' own forecasts. Each council's range says how far
# its figure may move; councils' figures rarely all move the same way in the same year, so the
# group's range is worked out from how often councils' forecasts have missed together in the past,
# not by adding the councils' ranges.

# %%
from sufficiency.chapters import regional, regional_forecasts
from sufficiency.publishing.pages import Page

page = Page(files_dir)
the_group = regional.group_for(group, members, year)
page.set_title(regional.page_title(the_group, "the next three years"))
forecast = regional_forecasts.forecast_for(the_group, year, files_dir)
regional_forecasts.opening_section(page, forecast)

# %% [markdown]
# ## Children looked after

# %%
regional_forecasts.total_section(page, forecast)

# %% [markdown]
# ## Every series forecast
#
# Children starting and leaving care, unaccompanied children and care leavers are forecast the same
# way: the sum of the councils' forecasts, with the group's range worked out from all of them.

# %%
regional_forecasts.series_section(page, forecast)

# %% [markdown]
# ## By placement type, against the places in the group

# %%
regional_forecasts.gap_section(page, forecast)

# %% [markdown]
# ## What it may cost

# %%
regional_forecasts.cost_section(page, forecast)

# %% [markdown]
# ## Cost scenarios for the group

# %%
regional_forecasts.scenarios_section(page, forecast)
