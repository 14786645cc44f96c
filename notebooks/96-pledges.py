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
from sufficiency.chapters import pledges

pledges.pledges_section(la_code)
