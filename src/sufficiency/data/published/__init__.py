"""Readers of the published data in ``data/raw``, one module per source.

- :mod:`~sufficiency.data.published.ees`: DfE's headline counts and rates, and its tables by
  characteristic, stability, new placements, leaving care, care leavers and UASC;
- :mod:`~sufficiency.data.published.lait`: any measure of DfE's Local Authority Interactive Tool;
- :mod:`~sufficiency.data.published.sfr`: the 2010–2017 statistical first releases;
- :mod:`~sufficiency.data.published.national`: England's time series since 1994, and two more tables;
- :mod:`~sufficiency.data.published.ofsted`: Ofsted's register of children's homes;
- :mod:`~sufficiency.data.published.prices`: ONS price indices (GDP deflator, CPIH) by financial year;
- :mod:`~sufficiency.data.published.spending`: MHCLG's 2024-25 revenue outturn for children looked after;
- :mod:`~sufficiency.data.published.tidy`: the shared table layout and helpers.

Callers write ``from sufficiency.data import published`` and ``published.cla_headline(2025)``.

Every DfE reader returns one long table with the same columns (:data:`TIDY_COLUMNS`):

``la_code``      DfE three-digit LA number ('209'); None for England and regions
``la_name``      council name, or 'England' / the region's name
``level``        'local authority', 'region' or 'england'
``region_code``  ONS region (E12…, or E13… for DfE's Inner/Outer London rows); None for England
``region_name``
``year``         int, reporting year ending 31 March
``measure``      snake_case id, e.g. 'cla_31_march'
``breakdown``    '' for totals, else the category (e.g. 'Foster placements')
``value``        float; NaN when the publication shows a marker
``marker``       the DfE marker ('c', 'z', 'x', 'k', 'low', '..', '-') or None
``unit``         'children', 'per 10,000 children', '%', '£ per week'…
``source``       short source id ('ees_cla', 'lait', 'sfr_cla')
``release``      the release a figure came from ('R2025', 'LAIT 2026-04', 'SFR50/2017')

Every reader takes ``year_max`` and drops rows after it, so an edition for year
Y never shows later data. Where several releases cover a year, the newest wins.

>>> frame = cla_headline(2025)
>>> lewisham = frame[(frame.la_code == "209") & (frame.measure == "cla_31_march")
...                  & (frame.unit == "children") & (frame.year >= 2019)]
>>> lewisham.value.astype(int).tolist()
[484, 473, 468, 462, 433, 453, 439]
"""
from __future__ import annotations

from sufficiency.data.published.ees import (
    CARE_LEAVER_FILES,
    CLA_CHARACTERISTICS,
    RATE_FILE,
    care_leavers,
    ceased_by_characteristics,
    cla_characteristics,
    cla_headline,
    ees_headline,
    new_placements,
    placement_stability,
    started_by_characteristics,
    uasc,
)
from sufficiency.data.published.lait import (
    LAIT_LONG,
    LAIT_RELEASE,
    lait_dictionary,
    lait_measure,
    lait_polarity,
    lait_year,
)
from sufficiency.data.published.national import (
    england_rate,
    foster_by_provider,
    missing_episodes,
    national_time_series,
    staying_put,
)
from sufficiency.data.published.prices import financial_year_index, price_factor, price_index
from sufficiency.data.published.sfr import SFR_RELEASES, sfr_headline
from sufficiency.data.published.spending import RO3_LINES, RO3_YEAR, ro3_looked_after_lines
from sufficiency.data.published.tidy import ENGLAND, PER_10K, TIDY_COLUMNS, empty_frame, newest_wins

__all__ = [
    "CARE_LEAVER_FILES", "CLA_CHARACTERISTICS", "ENGLAND", "LAIT_LONG", "LAIT_RELEASE", "PER_10K",
    "RATE_FILE", "RO3_LINES", "RO3_YEAR", "SFR_RELEASES", "TIDY_COLUMNS", "care_leavers", "ceased_by_characteristics", "started_by_characteristics", "cla_characteristics",
    "cla_headline", "ees_headline", "empty_frame", "england_rate", "financial_year_index", "foster_by_provider",
    "lait_dictionary", "lait_measure", "lait_polarity", "lait_year", "missing_episodes", "national_time_series", "newest_wins",
    "new_placements", "placement_stability", "price_factor", "price_index", "ro3_looked_after_lines", "sfr_headline", "staying_put", "uasc",
]
