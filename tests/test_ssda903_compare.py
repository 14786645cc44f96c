"""The council's own (suppressed) figures beside DfE's published figures."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from sufficiency.records import compare, disclosure, indicators, read, synthetic


@pytest.fixture(scope="module")
def own(tmp_path_factory):
    """Suppressed indicators from a synthetic extract fitted to Lewisham's published 2025 figures."""
    folder = tmp_path_factory.mktemp("lewisham")
    synthetic.generate(folder, la_code="209", year=2025, years=3, seed=0)
    extract = read.read_extract(folder, year=2025)
    return disclosure.suppress(indicators.indicators_for_years(extract, [2024, 2025]))


@pytest.fixture(scope="module")
def table(own):
    return compare.published_comparison(own, "209", 2025)


def _row(table, measure, breakdown="", unit="children"):
    rows = table[(table["measure"] == measure) & (table["breakdown"] == breakdown) & (table["unit"] == unit)]
    assert len(rows) == 1, (measure, breakdown, unit)
    return rows.iloc[0]


def test_columns_and_measures(table):
    assert list(table.columns) == compare.COLUMNS
    assert table["measure"].unique().tolist()[:3] == ["cla_31_march", "starters", "ceased"]
    assert {"cla_by_placement_type", "cla_by_age", "cla_by_provider", "stability_3_plus_placements",
            "stability_long_term"} <= set(table["measure"])


def test_children_looked_after_on_31_march(own, table):
    row = _row(table, "cla_31_march")
    assert row["published"] == "439"                               # Lewisham, DfE, 31 March 2025
    mine = own[(own["year"] == 2025) & (own["measure"] == "cla_31_march")]["value"].iloc[0]
    assert row["own"] == mine and abs(int(mine) - 439) <= 3         # the extract is fitted to 439
    assert row["difference"] == int(mine) - 439
    assert row["label"] == "Children looked after on 31 March"
    assert _row(table, "starters")["published"] == "166"
    assert _row(table, "ceased")["published"] == "182"


def test_markers_are_kept_and_leave_no_difference(table):
    adoption = _row(table, "cla_by_placement_type", "Placed for adoption")
    assert adoption["published"] == "c"                            # suppressed by DfE, not zero
    assert math.isnan(adoption["difference"])
    foster = _row(table, "cla_by_placement_type", "Foster placements")
    assert foster["published"] == "300" and foster["difference"] == int(foster["own"]) - 300
    suppressed = table[(table["own"] == "c") | (table["published"] == "c")]
    assert len(suppressed) and suppressed["difference"].isna().all()
    assert _row(table, "cla_by_age", "16 years and over")["published"] == "136"
    assert _row(table, "cla_by_provider", "Own provision (by the LA)")["published"] == "131"


def test_stability_percentages_are_rounded_as_dfe_does(own, table):
    three = _row(table, "stability_3_plus_placements", unit="%")
    assert three["published"] == "8"                               # 37 of 439, DfE 2025
    counts = own[(own["year"] == 2025)].set_index("measure")["value"]
    expected = compare.percentage(counts["stability_3_plus_placements"], counts["stability_3_plus_placements_total"])
    assert three["own"] == expected
    assert _row(table, "stability_long_term", unit="%")["published"] == "64"
    assert _row(table, "stability_long_term")["published"] == "78"
    # Half up, not to even: 1 of 8 is 12.5%, DfE shows 13.
    assert compare.percentage("1", "8") == "13"
    assert compare.percentage("c", "40") == "c" and compare.percentage("6", "0") == "z"


def test_distance_is_compared_only_when_the_own_table_has_it(own):
    with_distance = compare.published_comparison(own, "209", 2025)
    if (own["measure"] == "cla_by_distance").any():
        row = _row(with_distance, "cla_by_distance", "Placed more than 20 miles from home")
        assert row["published"] == "76"
    without = compare.published_comparison(own[own["measure"] != "cla_by_distance"], "209", 2025)
    assert "cla_by_distance" not in set(without["measure"])


def test_a_year_dfe_has_not_published_is_blank_not_zero(own):
    later = own[own["year"] == 2025].assign(year=2031)
    table = compare.published_comparison(later, "209", 2031)
    assert (table["published"] == "").all() and table["difference"].isna().all()
    assert _row(table, "cla_31_march")["own"] == own[(own["year"] == 2025)
                                                      & (own["measure"] == "cla_31_march")]["value"].iloc[0]


def test_own_rows_keep_their_order(table):
    ages = table[(table["measure"] == "cla_by_age")]["breakdown"].tolist()
    assert ages == [label for _, label in indicators.AGE_BANDS]
    assert isinstance(table, pd.DataFrame)
