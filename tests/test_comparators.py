"""sufficiency.measures.comparators: a council against England, its region and its neighbours."""
from __future__ import annotations

import math

import pandas as pd

from sufficiency.data.published import PER_10K, cla_headline
from sufficiency.measures import comparators


def test_comparators_for_lewisham():
    headline = cla_headline(2025)
    table = comparators.comparators(headline, "Lewisham", "cla_31_march", PER_10K).set_index("year")
    row = table.loc[2025]
    assert row.council == 71 and row.england == 67 and row.region == 48   # London
    # Lambeth, Southwark, Croydon, H&F, Greenwich, Waltham Forest, Haringey, Barnet, Leeds, Salford (2025 model)
    rates = headline[(headline.measure == "cla_31_march") & (headline.unit == PER_10K) & (headline.year == 2025)]
    wanted = rates.set_index("la_code").value.loc[["208", "210", "306", "205", "203", "320", "309", "302", "383", "355"]]
    assert math.isclose(row.neighbours_mean, wanted.mean())
    assert row.neighbours_min == wanted.min() and row.neighbours_max == wanted.max() and row.neighbours_n == 10
    assert row.quartile in {"A", "B", "C", "D"}
    assert table.index.min() == 2016


def test_quartile_bands_follow_polarity():
    values = pd.Series([10.0, 20, 30, 40, float("nan")], index=list("abcde"))
    assert comparators.quartile_bands(values, "High").tolist() == ["D", "C", "B", "A", None]
    assert comparators.quartile_bands(values, "Low").tolist() == ["A", "B", "C", "D", None]
