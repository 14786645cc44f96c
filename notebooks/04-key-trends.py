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
# # Key trends
#
# How the council's children looked after have changed over recent years, measure by measure,
# against England, the region and the statistical neighbours (the councils most like it). Each
# chart shades the range of the neighbours' figures and draws their average. Where DfE names a
# direction that is better for children, the text gives the council's quartile band as the Local
# Authority Interactive Tool (LAIT) does, A being the best quarter of councils. Where DfE suppresses a
# figure to protect children's privacy, its symbol is kept and explained.

# %%
from sufficiency.chapters import key_trends
from sufficiency.publishing.pages import Page

page = Page(files_dir)

# %% [markdown]
# ## Starting and leaving care

# %%
key_trends.trend_section(page, "entering", la_code, year, sn_model)

# %% [markdown]
# ## Where children live: placement types and providers

# %%
key_trends.trend_section(page, "placement", la_code, year, sn_model)

# %% [markdown]
# ## How near home children live

# %%
key_trends.trend_section(page, "location", la_code, year, sn_model)

# %% [markdown]
# ## Stability

# %%
key_trends.trend_section(page, "stability", la_code, year, sn_model)

# %% [markdown]
# ## Age and sex
#
# The ethnicity of children looked after is compared with the child population in the chapter on
# local context.

# %%
key_trends.trend_section(page, "who", la_code, year, sn_model)

# %% [markdown]
# ## Legal status

# %%
key_trends.trend_section(page, "legal", la_code, year, sn_model)

# %% [markdown]
# ## Unaccompanied asylum-seeking children

# %%
key_trends.trend_section(page, "uasc", la_code, year, sn_model)

# %% [markdown]
# ## Children who go missing
#
# DfE publishes these figures as official statistics rather than national statistics: councils
# record missing episodes in different ways, so differences between councils need care.

# %%
key_trends.trend_section(page, "missing", la_code, year, sn_model)

# %% [markdown]
# ## Care leavers

# %%
key_trends.trend_section(page, "leavers", la_code, year, sn_model)
