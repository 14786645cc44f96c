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
# # Moves between placement types, and a forecast built from them
#
# The forecasts chapter works from one published number a year. A council's own records show more:
# each child's placement on 31 March, and where the same child was a year later. Counting those moves
# gives the chances of staying, moving to another type of placement, or leaving care, for children of
# each age in each type of placement. Applied to the children in care now, with the usual number of
# new arrivals added each year, they give a *stock-and-flow* forecast: the approach of the children's
# services demand model that Social Finance built for councils. This page sets that forecast beside
# the one made from published figures, and scores both on past years in the same way.

# %%
from sufficiency.data import councils
from sufficiency.publishing.pages import Page, prose
from sufficiency.records import backtest, book

council = councils.resolve_council(la_code)
page = Page(files_dir)
records = book.load(episodes_dir, la_code=council.code, council_name=council.name, year=year)
projected = book.projection(records)
forecasts = book.aggregate_forecasts(council.code, year)
comparison = backtest.compare_with_aggregate(records.extract, council.code, year,
                                             published=forecasts.series.get("cla_31_march"))
records.banner()

# %% [markdown]
# ## Where children were a year later

# %%
prose(*book.transition_sentences(records))

# %%
page.table(book.transition_summary(records), name="transitions",
           caption=f"Children looked after on 31 March, by placement type, and where they were on 31 March a "
                   f"year later; the years from {records.years[0]} to {year - 1} added together.",
           source=records.source)

# %% [markdown]
# ## The stock-and-flow forecast
#
# The model assumes that the chances seen over the last three years hold for the next three, and that
# as many children start to be looked after as in an average recent year. It is a baseline: it cannot
# know about a new service or a change in the courts. The 80% ranges come from re-running the model
# many times with the chances and arrivals varied as chance alone would vary them, so the real range
# is wider.

# %%
prose(*book.projection_sentences(records, projected))

# %%
page.table(book.projection_table(records, projected, "projected_cla_by_placement_type", name="Placement type"),
           name="projection-by-placement", caption="Stock-and-flow forecast of children looked after, by placement type.",
           source=records.source + "; forecast by the stock-and-flow model")

# %%
page.table(book.projection_table(records, projected, "projected_cla_by_age", name="Age on 31 March"),
           name="projection-by-age", caption="Stock-and-flow forecast of children looked after, by age.",
           source=records.source + "; forecast by the stock-and-flow model")

# %% [markdown]
# ## Beside the forecast from published figures

# %%
fig, data, alt = book.side_by_side_figure(records, projected, forecasts)
page.figure(fig, name="two-forecasts", alt=alt, data=data,
            caption="Children looked after on 31 March: the forecast from published figures (as in the forecasts "
                    "chapter) and the stock-and-flow forecast from the council's records, each with its 80% range.",
            source=records.source + "; DfE, Children looked after in England")

# %%
page.table(book.side_by_side(records, projected, forecasts), name="two-forecasts-by-group",
           caption="Central forecasts from published figures and from the council's records, by placement group.",
           source=records.source + "; DfE, Children looked after in England")

# %% [markdown]
# ## How each would have done
#
# Each method was given only what was known on 31 March of a past year, asked to forecast the next
# years, and scored against what then happened. The stock-and-flow model is scored against the counts
# in the council's records, and the other methods against DfE's published counts, because those are
# the figures each sets out to predict. The scaled error divides each method's average miss by the
# average change from one year to the next in its own figures: below 1 means it beat simply carrying
# the last figure forward.

# %%
prose(*comparison.notes)

# %%
page.table(book.backtest_table(comparison), name="backtest",
           caption="How far each method's past forecasts were from what happened.",
           source=records.source + "; DfE, Children looked after in England")
