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
# # About this strategy

# %%
from sufficiency.chapters import introduction

introduction.title_section(la_code, year)

# %% [markdown]
# ## The duty this strategy answers
#
# Section 22G of the Children Act 1989 asks every council in England to take steps that secure,
# so far as reasonably practicable, enough accommodation inside its own area to meet the needs of
# the children it looks after, where living there is consistent with their welfare. Statutory
# guidance (2010) expects a council to set out how it will do that: what its children need now, what
# they are likely to need, what homes exist to meet those needs, and what it will do about the gap.
# Councils usually publish that thinking as a placement sufficiency strategy, renewed every few years.
#
# ## What this book is

# %%
introduction.about_section(la_code, year, sn_model, episodes_dir)

# %% [markdown]
# ## How to read this book
#
# - **Years** are reporting years ending on 31 March: "2025" means the year from 1 April 2024 to
#   31 March 2025, or the position on 31 March 2025.
# - **Rates** are per 10,000 children aged under 18 living in the area. DfE works them out from the
#   Office for National Statistics mid-year estimate of the year before.
# - **Rounding** follows DfE: halves round up. Figures for England and the regions are rounded by the
#   publisher to the nearest 10, so they may not add up exactly.
# - **Symbols** from the publisher are kept rather than replaced by zeros: `c` means suppressed to
#   protect confidentiality, `z` not applicable, `x` not available, `k` a positive figure below 0.5%,
#   `low` a figure too small to show.
# - **Comparisons** are with England, the council's region and its statistical neighbours: the
#   councils DfE judges most similar on the factors that drive demand for children's services.
# - **Every chart** has a description of what it shows and a table of its numbers a click away,
#   which can be downloaded as a CSV file.
#
# {{ printing }}
