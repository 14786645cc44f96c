"""The "Cost of care" chapter: weekly costs by type of placement carried to the edition's prices,
what one very expensive placement does to an average, annual spend by type, council against agency
fostering, the share of fostered children with the council's own carers, the council's costs
against its Section 251 unit costs, and the cost model against what was spent on children looked
after; and the council's spending against England, its region and its statistical neighbours.

The page loads what it shows once (:func:`load`); each ``*_section`` function is one cell of the
page and returns its Markdown, writing its tables and charts to ``page``. The figures come from
:mod:`sufficiency.measures.costs`; the sentences, alt text and reader tables from
:mod:`sufficiency.chapters.cost_of_care_words`. Table and figure names are fixed: pages link to them.
"""
from __future__ import annotations

import textwrap
from dataclasses import dataclass

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import FuncFormatter

from sufficiency.chapters.cost_of_care_words import (
    benchmark_alt,
    benchmark_sentences,
    cost_sentences,
    fostering_sentences,
    no_bespoke_sentence,
    no_unit_cost_sentence,
    not_supplied,
    not_supplied_again,
    outlier_sentences,
    per_child_costs_sentence,
    price_year_sentence,
    readers_benchmark_numbers,
    readers_cost_table_at,
    readers_effect_table,
    readers_fostering_table,
    readers_reconciliation_table,
    readers_s251_table,
    readers_share_table,
    readers_spend_benchmark,
    readers_spend_table,
    reconciliation_later_sentence,
    reconciliation_sentences,
    s251_sentences,
    share_alt,
    share_sentences,
    spend_later_sentence,
    spend_no_row_sentence,
    spend_share_sentences,
    two_fostering_prices_sentence,
)
from sufficiency.data import localdata
from sufficiency.data.councils import Council, resolve_council
from sufficiency.measures import costs, trends
from sufficiency.publishing import charts
from sufficiency.publishing.pages import Markdown, Page, prose
from sufficiency.publishing.words import fmt_money, fmt_percent, marker_note

#: The LAIT unit cost charts, in the page's order: code → (figure name, title).
UNIT_COST_FIGURES = {
    "LACFinance": ("s251-cla", "Weekly spend per child looked after"),
    "FosteringFinance": ("s251-fostering", "Weekly spend per child in foster care"),
    "RescareFinance": ("s251-residential", "Weekly spend per child in residential care"),
}
SHARE_TITLE = "Share of children and share of annual spend"
CS_SPEND_SOURCE = ("DfE, Children's social care outcomes and enablers dashboard data (spending per child "
                   "and spending on children looked after, from MHCLG's 2024–25 revenue outturn, RO3)")
RO3_SOURCE = ("MHCLG, Local authority revenue expenditure and financing: revenue outturn for social care (RO3), "
              "2024–25; DfE, children looked after on 31 March 2025 by placement; DfE Section 251 outturn via LAIT")
SHARE_SOURCE = ("Ofsted, fostering in England: filled places with the council's own carers (via LAIT); DfE, children "
                "looked after on 31 March by placement; the council's own count of children with family and "
                "friends foster carers")
S251_SOURCE = "DfE Section 251 outturn weekly unit costs (LAIT)"
BESPOKE_FIGURE = "bespoke_placement_weekly_cost"


@dataclass
class CostOfCare:
    """What the chapter shows for one council and edition year. Anything the council has not
    supplied (or supplied only for later years) is None, or an empty dict for ``fostering``."""

    council: Council
    year: int
    price_year: str | None             # the newest price year of the council's cost table ending by ``year``
    given_table: pd.DataFrame | None   # costs.cost_table of that price year, as the council gave it
    carry: costs.Repricing | None      # how that price year is carried to the edition's prices
    table: pd.DataFrame | None         # given_table carried to the edition's prices
    bespoke: pd.Series | None          # the council's latest bespoke placement cost up to ``year``
    fostering: dict                    # costs.fostering_comparison at the edition's prices, {} when none
    agency_children: float | None      # children in agency fostering in the fostering comparison's price year
    unit_trends: dict                  # LAIT code → the council's trends.Trend of that unit cost
    spend: pd.DataFrame | None         # costs.childrens_services_spend; None before a 2025 edition
    share: costs.FosterShare | None = None        # the in-house foster share, like for like
    share_table: pd.DataFrame | None = None       # costs.inhouse_foster_share_table
    s251: pd.DataFrame | None = None              # costs.s251_check at the edition's prices
    s251_given: pd.DataFrame | None = None        # costs.s251_check in the table's own price year
    reconciliation: costs.Reconciliation | None = None

    @property
    def price(self) -> str:
        """The prices the page's money is in, as the book prints them ('2024–25')."""
        return costs.price_year_label(self.carry.to if self.carry else self.price_year)

    @property
    def given_price(self) -> str:
        """The cost table's own price year as the book prints it ('2020–21')."""
        return costs.price_year_label(self.price_year)

    @property
    def cost_source(self) -> str:
        """Where the weekly costs come from, for captions ('' without a cost table)."""
        if self.table is None:
            return ""
        carried = (f", carried to {self.price} prices with {costs.PRICE_INDEX_NAME}"
                   if self.carry is not None and self.carry.repriced else "")
        return (f"{self.council.name}'s own placement costs, {self.given_price} prices{carried}; "
                + "; ".join(sorted(self.table["source_section"].dropna().unique())))


def unit_cost_trends(council: Council, year: int, sn_model: str = "2025") -> dict:
    """LAIT code → the council's :class:`~sufficiency.measures.trends.Trend` of that Section 251 unit
    cost up to ``year``, against England, its region and its neighbours (from ``sn_model``)."""
    frames = costs.unit_cost_frames(year)
    # An edition before LAIT's first Section 251 year (2016–17) has none: left out, and said so.
    return {code: trends.trend(frames[code], council, measure, costs.UNIT, what, model=sn_model, polarity=None)
            for code, (measure, what) in costs.UNIT_COST_MEASURES.items() if frames[code]["year"].notna().any()}


def load(council: str | Council, year: int, sn_model: str = "2025") -> CostOfCare:
    """The council's costs, bespoke placement cost and fostering comparison up to ``year``, its
    LAIT unit cost trends (neighbours from ``sn_model``) and its 2024–25 children's services spend."""
    council = resolve_council(council)
    local_costs = costs.load_if_supplied(localdata.load_costs, council.slug)
    comparison = costs.load_if_supplied(localdata.load_fostering_cost_comparison, council.slug)
    figures = costs.load_if_supplied(localdata.load_local_figures, council.slug)
    price_year = costs.latest_price_year(local_costs, year) if local_costs is not None else None
    given = costs.cost_table(local_costs, price_year) if price_year else None
    carry = costs.repricing(price_year, year) if price_year else None
    table = costs.reprice_table(given, carry) if given is not None else None
    fostering = costs.fostering_comparison(comparison) if comparison is not None else {}
    if fostering and (costs.period_end_year(fostering["price_year"]) or 0) > year:
        fostering = {}
    agency_children = _agency_children(local_costs, fostering)
    if fostering:
        fostering = costs.reprice_comparison(fostering, costs.repricing(fostering["price_year"], year))
    unit_trends = unit_cost_trends(council, year, sn_model)
    share = costs.inhouse_foster_share(council, year)
    given_year = costs.period_end_year(price_year) if price_year else None
    return CostOfCare(
        council, year, price_year, given, carry, table, _bespoke(figures, year), fostering, agency_children,
        unit_trends, costs.childrens_services_spend(council, year), share,
        costs.inhouse_foster_share_table(council, year),
        costs.s251_check(table, council, year, share) if table is not None else None,
        costs.s251_check(given, council, given_year) if given is not None and given_year else None,
        costs.reconciliation(table, council, year, share) if table is not None else None)


def _bespoke(figures: pd.DataFrame | None, year: int) -> pd.Series | None:
    """The last bespoke placement cost in local_figures.csv whose period ends by ``year``."""
    if figures is None:
        return None
    rows = figures[(figures["figure_id"] == BESPOKE_FIGURE) & figures["value"].notna()]
    rows = rows[rows["period"].map(lambda p: (costs.period_end_year(p) or 0) <= year)]
    return rows.iloc[-1] if not rows.empty else None


def _agency_children(local_costs: pd.DataFrame | None, fostering: dict) -> float | None:
    """Children in agency fostering in costs.csv, in the fostering comparison's price year."""
    if not fostering or local_costs is None:
        return None
    same_year = local_costs[(local_costs["price_year"] == fostering["price_year"])
                            & (local_costs["placement_type"] == "agency_fostering")]
    return same_year["children"].iloc[0] if not same_year.empty else None


# ---------------------------------------------------------------- the council's own costs

def weekly_costs_section(page: Page, chapter: CostOfCare) -> Markdown:
    """The price year, the weekly cost table in words and as a table (with the mean at the edition's
    prices); or what the council has not supplied."""
    if chapter.table is None:
        return prose(not_supplied(chapter.council.name, f"weekly placement costs priced in {chapter.year} or earlier",
                                  "its table of weekly costs by type of placement"))
    carried = f", with the mean at {chapter.price} prices" if chapter.carry.repriced else ""
    return prose(price_year_sentence(chapter.carry, chapter.council.name),
                 cost_sentences(chapter.given_table, chapter.council.name)) + page.table(
        readers_cost_table_at(chapter.given_table, chapter.table), name="weekly-costs",
        caption=f"Weekly placement costs by type, {chapter.given_price} prices as the council gave them{carried}.",
        source=chapter.cost_source)


def one_placement_section(page: Page, chapter: CostOfCare) -> Markdown:
    """How far one very expensive placement lifts each type's mean, in words and as a table."""
    if chapter.table is None:
        return prose(not_supplied_again(chapter.council.name))
    if chapter.bespoke is None:
        return prose(no_bespoke_sentence(chapter.council.name))
    value, period = chapter.bespoke["value"], chapter.bespoke["period"]
    # The placement's cost is as the council quoted it, so the means stay in their own price year.
    effect = costs.one_placement_effect(chapter.given_table, value)
    return prose(outlier_sentences(effect, value, period)) + page.table(
        readers_effect_table(effect), name="one-placement",
        caption=(f"How one placement at {fmt_money(value)} a week would lift each type's mean "
                 f"({chapter.given_price} prices for the published means; the placement's cost is from {period})."),
        source=f"{chapter.cost_source}; {chapter.bespoke['source']}")


def per_child_costs_section(chapter: CostOfCare) -> Markdown | None:
    """Why no median or trimmed mean is shown; nothing at all without a cost table."""
    return prose(per_child_costs_sentence(chapter.council.name)) if chapter.table is not None else None


def spend_section(page: Page, chapter: CostOfCare) -> Markdown:
    """Annual spend in words, and the chart of each type's share of children against its share of spend."""
    if chapter.table is None:
        return prose(not_supplied_again(chapter.council.name))
    table_year = costs.period_end_year(chapter.price_year)          # 2020-21 ends on 31 March 2021
    count = costs.children_looked_after_on(chapter.council, table_year, edition=max(table_year, chapter.year))
    return prose(spend_share_sentences(chapter.table, looked_after=(count, table_year))) + page.figure(
        share_chart(chapter.table, title=SHARE_TITLE), name="spend-shares",
        alt=share_alt(chapter.table, chapter.table["price_year"].iloc[0]),
        caption=f"Each placement type's share of children and of estimated annual spend, {chapter.price} prices.",
        source=chapter.cost_source, data=readers_spend_table(chapter.table))


def spend_table_section(page: Page, chapter: CostOfCare) -> Markdown | None:
    """The annual spend table; nothing at all without a cost table."""
    if chapter.table is None:
        return None
    return page.table(readers_spend_table(chapter.table), name="annual-spend",
                      caption=f"Estimated annual spend by placement type, {chapter.price} prices.",
                      source=chapter.cost_source)


def fostering_section(page: Page, chapter: CostOfCare) -> Markdown:
    """Council fostering against agency fostering, in words and as a table."""
    if not chapter.fostering:
        return prose(not_supplied(chapter.council.name, "a comparison of council and agency fostering costs",
                                  "its comparison of council and agency fostering costs"))
    gap = costs.fostering_gap(chapter.fostering, chapter.agency_children)
    carried = (f", carried from {chapter.given_price} with {costs.PRICE_INDEX_NAME}"
               if chapter.carry is not None and chapter.carry.repriced else "")
    return prose(fostering_sentences(chapter.fostering, gap, chapter.agency_children, chapter.council.name),
                 two_fostering_prices_sentence(chapter.table, chapter.fostering)) + \
        page.table(readers_fostering_table(chapter.fostering), name="fostering-comparison",
                   caption=("Weekly cost of council and agency fostering, "
                            f"{costs.price_year_label(chapter.fostering['price_year'])} prices{carried}."),
                   source=f"{chapter.council.name}'s own comparison of fostering costs; children in agency "
                          "fostering from its table of placement costs")


def inhouse_share_section(page: Page, chapter: CostOfCare) -> Markdown:
    """The share of fostered children with the council's own carers, like for like, in words and by year."""
    text = prose(share_sentences(chapter.share, chapter.share_table, chapter.council.name))
    rows = chapter.share_table.dropna(subset=["inhouse", "fostered"], how="all") if chapter.share_table is not None \
        else None
    if chapter.share is None or rows is None or rows.empty:
        return text
    return text + page.table(readers_share_table(rows), name="inhouse-share",
                             caption=("Children in foster care on 31 March and the share with the council's own "
                                      "carers, family and friends carers left out of both sides."),
                             source=SHARE_SOURCE)


# ---------------------------------------------------------------- public benchmarks

def unit_cost_sentences_section(chapter: CostOfCare, code: str) -> Markdown:
    """One LAIT unit cost (a key of :data:`UNIT_COST_FIGURES`) in words."""
    if code not in chapter.unit_trends:
        return prose(no_unit_cost_sentence(chapter.year))
    return prose(benchmark_sentences(chapter.unit_trends[code]))


def unit_cost_figure_section(page: Page, chapter: CostOfCare, code: str) -> Markdown:
    """One LAIT unit cost's chart, under the figure name and title :data:`UNIT_COST_FIGURES` gives it."""
    name, title = UNIT_COST_FIGURES[code]
    if code not in chapter.unit_trends:
        return Markdown("")
    return benchmark_figure(page, chapter.unit_trends[code], name=name, title=title)


def s251_section(page: Page, chapter: CostOfCare) -> Markdown:
    """The council's costs at the edition's prices beside its Section 251 unit costs, and why they differ."""
    if chapter.s251 is None:
        return prose(not_supplied_again(chapter.council.name))
    return prose(s251_sentences(chapter.s251, chapter.s251_given, chapter.carry, chapter.council.name)) + page.table(
        readers_s251_table(chapter.s251, chapter.carry), name="s251-check",
        caption=(f"The council's weekly costs at {chapter.price} prices beside its Section 251 unit costs "
                 "(cash prices of their year)."),
        source=f"{chapter.cost_source}; {S251_SOURCE}")


def reconciliation_section(page: Page, chapter: CostOfCare) -> Markdown:
    """The cost model's placements on 31 March against the looked-after spending of the same year."""
    if chapter.table is None:
        return prose(not_supplied_again(chapter.council.name))
    if chapter.reconciliation is None:
        return prose(reconciliation_later_sentence(chapter.year))
    rec = chapter.reconciliation
    md = prose(reconciliation_sentences(rec, chapter.carry, chapter.council.name))
    if rec.ro3 is None:
        return md
    return md + page.table(
        readers_reconciliation_table(rec), name="cost-against-spending",
        caption=(f"The cost model's placements on 31 March {rec.year} at {chapter.price} prices beside what was spent "
                 f"on children looked after in {costs.fy(rec.year)}, £ millions."),
        source=f"{chapter.cost_source}; {RO3_SOURCE}")


def childrens_services_section(page: Page, chapter: CostOfCare) -> Markdown:
    """Children's services spending in 2024–25 against the region and England, or why it is left out."""
    if chapter.spend is None:
        return prose(spend_later_sentence(chapter.year))
    if chapter.spend.empty:
        return prose(spend_no_row_sentence(chapter.council.name))
    return page.table(readers_spend_benchmark(chapter.spend), name="cs-spend",
                      caption="Children's services spending, 2024–25, cash prices.", source=CS_SPEND_SOURCE)


# ---------------------------------------------------------------- charts

def share_chart(table: pd.DataFrame, *, title: str):
    """Horizontal bars: each type's share of children against its share of spend (hatched), so the
    two are told apart by pattern as well as colour. The type with the largest share of spend is at the top."""
    charts.theme()
    rows = table.dropna(subset=["share_of_spend"]).sort_values("share_of_spend", kind="stable")
    fig, ax = plt.subplots(figsize=(7.5, 0.8 * len(rows) + 1.8))
    y = np.arange(len(rows))
    ax.barh(y + 0.2, rows["share_of_children"], height=0.38, color=charts.OKABE_ITO["sky"], edgecolor="black",
            linewidth=0.5, label="Share of children")
    ax.barh(y - 0.2, rows["share_of_spend"], height=0.38, color=charts.OKABE_ITO["vermillion"], edgecolor="black",
            linewidth=0.5, hatch="///", label="Share of spend")
    for yy, a, b in zip(y, rows["share_of_children"], rows["share_of_spend"]):
        ax.text(a + 0.5, yy + 0.2, fmt_percent(a), va="center", fontsize=charts.LABEL_SIZE)
        ax.text(b + 0.5, yy - 0.2, fmt_percent(b), va="center", fontsize=charts.LABEL_SIZE)
    ax.set_yticks(y)
    ax.set_yticklabels([_wrap(label, 24) for label in rows["label"]])
    ax.set_xlabel(_wrap("% of all children in the table, and of their annual cost", 46))
    ax.set_xlim(0, max(rows["share_of_children"].max(), rows["share_of_spend"].max()) * 1.15)
    ax.set_title(_wrap(title, 48), pad=34)
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=2, borderaxespad=0.2)
    ax.grid(axis="y", visible=False)
    fig.tight_layout()
    return fig


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width))


def benchmark_figure(page: Page, t: trends.Trend, *, name: str, title: str) -> Markdown:
    """The unit cost chart (council against England, region and neighbours), its £ axis,
    money-worded alt text and the numbers as money."""
    table = t.chart_table()
    fig = charts.comparison_chart(table, labels=t.labels, unit=costs.UNIT + " (cash)", title=title, ndigits=t.ndigits)
    ax = fig.axes[0]
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt_money(v)))
    # Financial years, every other one when there are many (as the chart's own year labels).
    step = 1 if len(ax.get_xticks()) <= 7 else 2
    ax.set_xticklabels([costs.fy(int(y)) if (len(ax.get_xticks()) - 1 - i) % step == 0 else ""
                        for i, y in enumerate(ax.get_xticks())], rotation=45, ha="right")
    fig.tight_layout()
    caption = (f"{title}, {t.council.name} against England, {t.council.region_name} and its statistical "
               f"neighbours, in cash prices of each year. {marker_note(t.table['council_marker'])}").strip()
    return page.figure(fig, name=name, alt=benchmark_alt(t, title), caption=caption, source=t.sources,
                       data=readers_benchmark_numbers(t))
