"""What changed since the last edition: comparisons follow the direction that is good for children."""
import math

import pandas as pd

from sufficiency.measures import editions
from sufficiency.data.councils import resolve_council


def _record(edition, values):
    rows = [{"la_code": "209", "edition": edition, "indicator": i, "label": i, "year": edition,
             "value": v, "marker": m, "unit": "%", "good_direction": d} for i, v, m, d in values]
    return pd.DataFrame(rows, columns=editions.RECORD_COLUMNS)


def test_compare_editions_uses_the_good_direction_and_keeps_markers():
    previous = _record(2024, [("a", 70.0, None, "up"), ("b", 10.0, None, "down"), ("c", 5.0, None, ""),
                              ("d", math.nan, "c", "up")])
    current = _record(2025, [("a", 68.0, None, "up"), ("b", 8.0, None, "down"), ("c", 5.0, None, ""),
                             ("d", 12.0, None, "up")])
    table = editions.compare_editions(current, previous).set_index("Measure")
    assert table.loc["a", "Direction"] == "worse" and table.loc["a", "Change"] == "−2 points"
    assert table.loc["b", "Direction"] == "better"
    assert table.loc["c", "Direction"] == "unchanged"
    assert table.loc["d", "Edition 2024"] == "c (2024)" and table.loc["d", "Direction"] == "no comparison"


def test_lewisham_2025_headlines_match_published_figures():
    record = editions.headline_record(resolve_council("209"), 2025).set_index("indicator")
    assert record.loc["cla_rate_per_10k", "value"] == 71
    assert record.loc["share_foster_care", "value"] == 68
    assert record.loc["share_placements_3plus", "value"] == 8
    earlier = editions.headline_record(resolve_council("209"), 2022).set_index("indicator")
    assert earlier["year"].max() <= 2022, "an edition never reads data after its year"
    assert earlier.loc["share_foster_care", "value"] == 78
