"""What the book's record-level pages need from a council's SSDA903 extract, made safe to print.

A page never touches the extract itself: it calls :func:`load`, which reads the extract (up to
31 March of the edition's year, nothing later), computes every indicator for the years the
extract covers, and suppresses them (:mod:`.disclosure`) before anything else sees them. Tables
and charts on the pages are drawn from the suppressed values only, so a count of 1 to 5 children
reaches the page as ``c`` and never as a number, a bar or a percentage.

When the extract is synthetic (made by ``sufficiency episodes --synthetic``) every page says so
at its top, in every caption's source and in every chart's alt text. What the pages say about
these figures is written by :mod:`sufficiency.chapters.records_text`.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from sufficiency.core.assumptions import RECORDS_YEARS_SHOWN
from sufficiency.core.errors import InputError
from sufficiency.forecasting import demand
from sufficiency.publishing.pages import Markdown, escape
from sufficiency.records import disclosure, indicators, markov, read
from sufficiency.records.synthetic import is_synthetic

#: How many collection years the pages show, at most (the edition's year and those before it).
YEARS_SHOWN = RECORDS_YEARS_SHOWN

SYNTHETIC_BANNER = (
    ":::{{admonition}} Synthetic data: no real children\n:class: warning\n\n"
    "Everything on this page comes from a **synthetic** SSDA903 extract, made by a seeded program "
    "to look like {council}'s published figures. No row of it describes a real child, and none of "
    "its figures is {council}'s. It is here to show what the page looks like when a council points "
    "the book at its own extract.\n:::"
)
REAL_BANNER = (
    ":::{{admonition}} From the council's own records\n:class: note\n\n"
    "This page is built from {council}'s own SSDA903 return: the record of every child it looked "
    "after, which it sends to the Department for Education each year. Only counts are shown, and "
    "any count of 1 to 5 children is replaced by `c` (with further cells hidden where the hidden one "
    "could be worked out), as DfE does. No child's record is published.\n:::"
)


@dataclass
class Records:
    """A council's extract, its indicators by year, and those indicators as they may be published.

    ``counts`` holds the unsuppressed values and is for arithmetic only (never shown); ``safe``
    holds the same rows with ``value`` as published text (whole numbers, ``c``, ``z``).
    """

    council_name: str
    la_code: str
    year: int
    years: list[int]
    extract: read.Extract
    prepared: pd.DataFrame
    counts: pd.DataFrame
    safe: pd.DataFrame
    synthetic: bool

    @property
    def source(self) -> str:
        """The source line for every caption on a record-level page."""
        span = f"{self.years[0]} to {self.years[-1]}" if len(self.years) > 1 else str(self.years[0])
        if self.synthetic:
            return (f"SYNTHETIC SSDA903 extract (no real children), collection years ending 31 March {span}; "
                    "small numbers hidden as c")
        return (f"{self.council_name}'s SSDA903 return, collection years ending 31 March {span}; "
                "small numbers hidden as c")

    @property
    def label(self) -> str:
        """'synthetic ' or '' — to put before 'records' in generated sentences and alt text."""
        return "synthetic " if self.synthetic else ""

    def banner(self) -> Markdown:
        """The box at the top of every record-level page: synthetic, or what the records are."""
        template = SYNTHETIC_BANNER if self.synthetic else REAL_BANNER
        return Markdown(template.format(council=escape(self.council_name)))

    def value(self, measure: str, breakdown: str = "", year: int | None = None) -> str:
        """One published value as text ('c', 'z', or a whole number); '' when not computed."""
        rows = self.safe[(self.safe["measure"] == measure) & (self.safe["breakdown"] == breakdown)
                         & (self.safe["year"] == (year or self.year))]
        return str(rows["value"].iloc[0]) if len(rows) else ""

    def by_year(self, measure: str, *, name: str) -> pd.DataFrame:
        """A breakdown as a table: one row per category (total last), one column per year."""
        return categories_by_year(self.safe[self.safe["measure"] == measure], name=name)


def categories_by_year(safe: pd.DataFrame, *, name: str, year_label: str = "{}") -> pd.DataFrame:
    """Published tidy rows of one measure as a table: one row per category in their order, the
    total ('All children') last, one column per year headed ``year_label.format(year)``."""
    table = safe.pivot_table(index="breakdown", columns="year", values="value", aggfunc="first", sort=False)
    table = table.reindex([b for b in safe["breakdown"].drop_duplicates() if b != ""] + [""])
    table.index = [b if b else "All children" for b in table.index]
    table.columns = [year_label.format(c) for c in table.columns]
    return table.rename_axis(name).reset_index()


def collection_years(extract: read.Extract, year: int) -> list[int]:
    """The collection years whose counts the extract supports, latest ``YEARS_SHOWN`` at most: from
    the year after the first 31 March whose stock it holds in full (:func:`.markov.first_complete_stock`)."""
    first = markov.first_complete_stock(extract) + 1
    return list(range(max(first, year - YEARS_SHOWN + 1), year + 1))


#: Measures that look back over a child's whole time in care or in a placement → the years of
#: history they need before the year counted, so that nothing before the first file is missed.
NEEDS_HISTORY = {"cla_by_duration": 5, "ceased_by_duration": 5, "ceased_median_days_in_care": 5,
                 "cla_by_time_in_placement": 5, "stability_long_term": 3, "stability_long_term_total": 3}
NOT_AVAILABLE = "x"


def check_covers(extract: read.Extract, folder: str | Path, year: int) -> None:
    """Refuse an extract that stops before the edition's year: its counts would be made-up zeros."""
    named = [y for y, _ in read.find_files(folder)["episodes"] if y is not None and y <= year]
    dates = pd.concat([extract.episodes["DECOM"], extract.episodes["DEC"]]).dropna()
    start, _ = indicators.year_bounds(year)
    newest = max(named) if named else (int(dates.max().year + (dates.max().month > 3)) if len(dates) else None)
    if newest is None or newest < year or (len(dates) and dates.max() < start):
        # The newest year the episodes themselves reach (a file named for a later year may hold
        # only older episodes): the edition to suggest must be one the data really covers.
        reached = int(dates.max().year + (dates.max().month > 3)) if len(dates) else None
        usable = min(y for y in (newest, reached) if y is not None) if (newest or reached) else None
        why = (f" (its newest return is for {newest})" if newest is not None and newest < year else
               f" (its files are named for {newest}, but no episode starts or ends after 31 March "
               f"{year - 1})" if newest is not None else "")
        suggestion = (f", or build an earlier edition with --year {usable}" if usable and usable < year else "")
        raise InputError(folder, problem=f"the SSDA903 extract stops before the year to 31 March {year}" + why,
                         expected=f"the return for {year - 1}-{str(year)[-2:]}",
                         hint=f"Add that year's files{suggestion}")


def load(folder: str | Path, *, la_code: str, council_name: str, year: int,
         extract: read.Extract | None = None) -> Records:
    """Read the extract to 31 March ``year`` (unless it has been read already: ``extract``) and
    compute and suppress every indicator."""
    extract = read.read_extract(folder, year=year) if extract is None else extract
    check_covers(extract, folder, year)
    years = collection_years(extract, year)
    prepared = indicators.prepare(extract)
    counts = pd.concat([indicators.indicators(extract, y, prepared=prepared, la_code=la_code) for y in years],
                       ignore_index=True)
    safe = disclosure.suppress(counts)
    # Too little history before a year: its durations and long-term stability would be understated.
    history = safe["year"] - markov.first_complete_stock(extract)
    short = safe["measure"].map(NEEDS_HISTORY).fillna(0) > history
    safe.loc[short, "value"] = NOT_AVAILABLE
    return Records(council_name=council_name, la_code=la_code, year=year, years=years, extract=extract,
                   prepared=prepared, counts=counts, safe=safe, synthetic=is_synthetic(folder))


def numeric(text: pd.Series) -> pd.Series:
    """Published text values as numbers, suppressed and not-applicable ones as NaN (never 0)."""
    return pd.to_numeric(pd.Series(text).where(~pd.Series(text).isin([disclosure.SUPPRESSED, NOT_AVAILABLE,
                                                                      disclosure.NOT_APPLICABLE])),
                         errors="coerce")


# ----------------------------------------------------------------------------- sentences


# ----------------------------------------------------------------------------- stock and flow

#: The stock-and-flow model's placement types → the groups chapter 7 forecasts from published data.
FORECAST_GROUP = {"Foster": "placement_foster", "Children's homes": "placement_homes",
                  "Supported/independent": "placement_semi_independent"}
FORECAST_GROUP_LABEL = {"placement_foster": "Foster care", "placement_homes": "Children's homes",
                        "placement_semi_independent": "Semi-independent and supported",
                        "placement_other": "Other placements", "cla_31_march": "All children looked after"}


def transition_summary(records: Records) -> pd.DataFrame:
    """Where children in each placement type on 31 March were a year later, pooled over the years
    shown: same type, another type, or out of care. Each row is suppressed like a breakdown
    (its cells add up to its total), so a hidden cell cannot be worked out from the row."""
    # Pool only moves from 31 Marches whose stocks the page publishes: a sum over an unpublished
    # year would give that year's stock away by subtraction.
    start_years = records.years[:-1]
    moves = markov.movements(records.extract, [y + 1 for y in start_years], prepared=records.prepared)
    stayed = moves[moves["placement_from"] != markov.ENTERED]
    outcome = np.where(stayed["placement_to"] == markov.LEFT, "Left care",
                       np.where(stayed["placement_to"] == stayed["placement_from"], "Same type", "Another type"))
    counts = (stayed.assign(outcome=outcome).groupby(["placement_from", "outcome"])["children"].sum()
              .unstack(fill_value=0).reindex(columns=["Same type", "Another type", "Left care"], fill_value=0))
    counts = counts.reindex([p for p in markov.PLACEMENT_LABELS if p in counts.index])
    parts = []
    for placement, row in counts.iterrows():
        parts.append(pd.DataFrame({"year": records.year, "measure": placement,
                                   "breakdown": ["", *row.index], "value": [float(row.sum()), *row.astype(float)]}))
    if not parts:
        return pd.DataFrame(columns=["Placement on 31 March", "Children", "Same type", "Another type", "Left care"])
    safe = disclosure.suppress(pd.concat(parts, ignore_index=True))
    # A row's total is the sum of published stocks; if one of them is hidden, the row would reveal it.
    stocks = records.safe[(records.safe["measure"] == "cla_by_placement_type") & records.safe["year"].isin(start_years)]
    hidden_types = {markov.SHORT_NAMES[b] for b in stocks.loc[stocks["value"] == disclosure.SUPPRESSED, "breakdown"]}
    safe.loc[safe["measure"].isin(hidden_types), "value"] = disclosure.SUPPRESSED
    table = safe.pivot_table(index="measure", columns="breakdown", values="value", aggfunc="first", sort=False)
    table = table.reindex(counts.index)[["", "Same type", "Another type", "Left care"]]
    table.columns = ["Children", "Same type a year later", "Another type a year later",
                     "No longer looked after a year later"]
    return table.rename_axis("Placement on 31 March").reset_index()


def projection(records: Records, horizon: int = 3) -> pd.DataFrame:
    """The stock-and-flow projection from 31 March of the edition's year (with 80% ranges)."""
    return markov.project(records.extract, records.year, horizon=horizon, prepared=records.prepared,
                          intervals=True)


def projection_table(records: Records, projected: pd.DataFrame, measure: str, *, name: str) -> pd.DataFrame:
    """Projected children by category (rows) and year (columns), rounded and suppressed like counts:
    a projection of 1 to 5 children could give away the small count it grew from."""
    rows = projected[projected["measure"] == measure][["year", "measure", "breakdown", "value"]]
    return categories_by_year(disclosure.suppress(rows), name=name, year_label="31 March {}")


def aggregate_forecasts(la_code: str, year: int):
    """Chapter 7's forecasts from published figures (the same function, the same inputs)."""
    return demand.council_forecasts(la_code, year)


# ----------------------------------------------------------------------------- distance, DfE


