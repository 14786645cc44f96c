"""Forecast demand against the places public data can count, by placement type.

Supply is held at its latest published level (nothing here forecasts capacity), and the
council's share of fostered children living with its own carers comes from the foster places
it filled (:func:`sufficiency.measures.supply.foster_places`).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from sufficiency.forecasting.demand import (
    PLACEMENT_MEASURES,
    PLACEMENT_SHORT,
    ForecastSet,
)
from sufficiency.measures import supply

GAP_COLUMNS = ["placement", "year", "demand", "demand_low_80", "demand_high_80", "supply", "supply_what",
               "gap", "gap_low_80", "gap_high_80"]


def gap_table(fs: ForecastSet) -> pd.DataFrame:
    """Forecast demand against the latest known supply, by placement type and year.

    Supply is held at its latest published level (no one forecasts capacity here):

    - foster care: the council's approved in-house foster places (LAIT);
    - children's homes: registered places in Ofsted-registered homes in the council's area
      (shared with every council that places children there);
    - semi-independent and other: no public count of places, so supply and gap are blank.

    ``gap`` = demand − supply: children who would need a place from elsewhere even if
    every counted place went to the council's children. Its 80% range follows the demand's.
    """
    council, year = fs.council, fs.year
    foster = supply.foster_places(council, year).dropna(subset=["places"])
    homes = supply.children_homes(council, year).dropna(subset=["places"])
    latest = {
        "placement_foster": (float(foster["places"].iloc[-1]),
                             f"the council's own approved foster places on 31 March {int(foster['year'].iloc[-1])}")
        if len(foster) else (np.nan, "not published"),
        "placement_homes": (float(homes["places"].iloc[-1]),
                            f"registered places in children's homes in the area on 31 March {int(homes['year'].iloc[-1])}")
        if len(homes) else (np.nan, "not published"),
        "placement_semi_independent": (np.nan, "no public count"),
        "placement_other": (np.nan, "no public count"),
    }
    rows = []
    for measure in PLACEMENT_MEASURES:
        if measure not in fs.results:
            continue
        value, what = latest[measure]
        for r in fs.frame(measure).itertuples(index=False):
            rows.append({"placement": PLACEMENT_SHORT[measure], "year": int(r.year), "demand": r.point,
                         "demand_low_80": r.lower_80, "demand_high_80": r.upper_80, "supply": value,
                         "supply_what": what, "gap": r.point - value, "gap_low_80": r.lower_80 - value,
                         "gap_high_80": r.upper_80 - value})
    return pd.DataFrame(rows, columns=GAP_COLUMNS)
