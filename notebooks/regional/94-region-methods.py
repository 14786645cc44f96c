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
# # How the group's figures are made

# %%
from sufficiency.chapters import regional
from sufficiency.publishing.pages import prose

the_group = regional.group_for(group, members, year)
prose(regional.members_sentence(the_group))

# %% [markdown]
# ## Group totals and confidentiality
#
# DfE hides some small figures to protect children's privacy. A group total is published only when
# every council's figure is published: otherwise the total, less the other councils' figures, would
# reveal the hidden one. Where one part of a set of figures that add up is hidden, one more is hidden
# with it for the same reason. A table says so wherever a figure is withheld.

# %% [markdown]
# ## Councils whose boundaries changed

# %%
prose(regional.joined_histories_text(the_group))

# %% [markdown]
# ## Forecast ranges for the group
#
# Each council's forecast comes with ranges learnt from how well such forecasts did for every
# council in the past. The group's central forecast is the sum of its councils'. Its ranges come from
# simulating many possible futures for every council at once, with the councils' misses linked as
# strongly as past forecasts' misses were across councils. If councils always missed together, the
# group's range would be the sum of their ranges; as they do not, it is usually narrower. Where most
# councils' ranges reach much further up than down (small counts that can jump, such as unaccompanied
# children), the group's range sits higher than the sum of their central forecasts, and its upper
# end can be above the sum of their upper ends: many councils each likely to rise a little are
# together likely to rise more than their central forecasts added. The pages say so where it happens.
