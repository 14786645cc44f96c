"""The "Moves between placement types, and a forecast built from them" chapter: where children
were a year later, the stock-and-flow forecast made from those moves
(:mod:`sufficiency.records.markov` through :mod:`sufficiency.records.book`), that forecast beside
the one from published figures, and how each would have done on past years
(:mod:`sufficiency.records.backtest`).

The page reads the extract and makes both forecasts once (:func:`load`); the back-test is run only
when its section asks for it.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from sufficiency.chapters import own_records, records_text
from sufficiency.data.councils import Council, resolve_council
from sufficiency.publishing.pages import Markdown, Page, prose
from sufficiency.records import backtest, book
from sufficiency.records.book import Records

FORECAST_SOURCE = "; forecast by the stock-and-flow model"
DFE_SOURCE = "; DfE, Children looked after in England"


@dataclass
class StockAndFlow:
    """The council's records, the stock-and-flow forecast from them and the forecasts from
    published figures (as in the forecasts chapter)."""

    records: Records
    projected: pd.DataFrame
    forecasts: object   # what book.aggregate_forecasts returns

    @cached_property
    def comparison(self):
        """Both kinds of forecast scored on past years (:func:`backtest.compare_with_aggregate`)."""
        return backtest.compare_with_aggregate(self.records.extract, self.records.la_code, self.records.year,
                                               published=self.forecasts.series.get("cla_31_march"))


def load(episodes_dir: str, council: str | Council, year: int) -> StockAndFlow:
    """The extract, the stock-and-flow forecast from it, and the forecasts from published figures."""
    council = resolve_council(council)
    records = own_records.load(episodes_dir, council, year)
    return StockAndFlow(records, book.projection(records), book.aggregate_forecasts(council.code, year))


def banner(flows: StockAndFlow) -> Markdown:
    """The box at the top of the page: synthetic records, or what the records are."""
    return own_records.banner(flows.records)


def transitions_section(page: Page, flows: StockAndFlow) -> Markdown:
    """Where children looked after on 31 March were a year later, in words and as a table."""
    records = flows.records
    return prose(*records_text.transition_sentences(records)) + page.table(
        book.transition_summary(records), name="transitions",
        caption=f"Children looked after on 31 March, by placement type, and where they were on 31 March a "
                f"year later; the years from {records.years[0]} to {records.year - 1} added together.",
        source=records.source)


def forecast_section(page: Page, flows: StockAndFlow) -> Markdown:
    """The stock-and-flow forecast in words, then by placement type and by age."""
    records, projected = flows.records, flows.projected
    return prose(*records_text.projection_sentences(records, projected)) + page.table(
        book.projection_table(records, projected, "projected_cla_by_placement_type", name="Placement type"),
        name="projection-by-placement", caption="Stock-and-flow forecast of children looked after, by placement type.",
        source=records.source + FORECAST_SOURCE) + page.table(
        book.projection_table(records, projected, "projected_cla_by_age", name="Age on 31 March"),
        name="projection-by-age", caption="Stock-and-flow forecast of children looked after, by age.",
        source=records.source + FORECAST_SOURCE)


def beside_section(page: Page, flows: StockAndFlow) -> Markdown:
    """The two forecasts of children looked after in one chart, and by placement group in a table."""
    records = flows.records
    fig, data, alt = records_text.side_by_side_figure(records, flows.projected, flows.forecasts)
    return page.figure(
        fig, name="two-forecasts", alt=alt, data=data,
        caption="Children looked after on 31 March: the forecast from published figures (as in the forecasts "
                "chapter) and the stock-and-flow forecast from the council's records, each with its 80% range.",
        source=records.source + DFE_SOURCE) + page.table(
        records_text.side_by_side(records, flows.projected, flows.forecasts), name="two-forecasts-by-group",
        caption="Central forecasts from published figures and from the council's records, by placement group.",
        source=records.source + DFE_SOURCE)


def backtest_section(page: Page, flows: StockAndFlow) -> Markdown:
    """How far each method's past forecasts were from what happened, in words and as a table."""
    comparison = flows.comparison
    return prose(*comparison.notes) + page.table(
        records_text.backtest_table(comparison), name="backtest",
        caption="How far each method's past forecasts were from what happened.",
        source=flows.records.source + DFE_SOURCE)
