# %% [parameters]
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
from sufficiency.chapters import context
from sufficiency.data import councils
from sufficiency.publishing.pages import Page, prose

council = councils.resolve_council(la_code)
page = Page(files_dir)

# %% [markdown]
# ## Starting and leaving care

# %%
context.trend_section(page, "entering", council, year, sn_model)

# %% [markdown]
# ## Where children live: placement types and providers

# %%
context.trend_section(page, "placement", council, year, sn_model)

# %% [markdown]
# ## How near home children live

# %%
context.trend_section(page, "location", council, year, sn_model)

# %% [markdown]
# ## Stability

# %%
context.trend_section(page, "stability", council, year, sn_model)

# %% [markdown]
# ## Age and sex
#
# The ethnicity of children looked after is compared with the child population in the chapter on
# local context.

# %%
context.trend_section(page, "who", council, year, sn_model)

# %% [markdown]
# ## Legal status

# %%
context.trend_section(page, "legal", council, year, sn_model)

# %% [markdown]
# ## Unaccompanied asylum-seeking children

# %%
context.trend_section(page, "uasc", council, year, sn_model)

# %% [markdown]
# ## Children who go missing
#
# DfE publishes these figures as official statistics rather than national statistics: councils
# record missing episodes in different ways, so differences between councils need care.

# %%
context.trend_section(page, "missing", council, year, sn_model)

# %% [markdown]
# ## Care leavers

# %%
context.trend_section(page, "leavers", council, year, sn_model)
