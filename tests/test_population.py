"""Child population (ONS mid-year estimates) and Census 2021 ethnicity: exact published values,
the year limit, markers kept, and councils created after the series began."""
from __future__ import annotations

import math

from sufficiency.data.population import child_population, ethnicity_groups


def test_lewisham_uses_the_estimate_dfe_uses_for_its_rate():
    pop = child_population("209", 2025)
    latest = pop.iloc[-1]
    # DfE's 2025 rate for Lewisham divides by the mid-2024 estimate, 62,052.
    assert (int(latest["year"]), int(latest["mid_year"]), latest["children"]) == (2025, 2024, 62052.0)
    assert pop.set_index("mid_year").loc[2012, "children"] == 64514.0


def test_year_max_drops_later_estimates():
    pop = child_population("209", 2022)
    assert pop["year"].max() == 2022 and pop["mid_year"].max() == 2021
    assert pop.set_index("mid_year").loc[2021, "children"] == 64443.0


def test_new_council_starts_when_it_was_created():
    pop = child_population("940", 2025)
    assert pop["mid_year"].tolist() == [2021, 2022, 2023, 2024]
    assert pop["children"].tolist() == [79186.0, 79966.0, 81494.0, 83113.0]


def test_markers_are_kept_not_zeroed():
    from sufficiency.data.population import _population_all

    rows = _population_all()
    bournemouth = rows[rows["la_code"] == "837"]   # abolished 2019: the file shows x, not a number
    assert len(bournemouth) and bournemouth["marker"].eq("x").all()
    assert bournemouth["children"].map(math.isnan).all()


def test_england():
    assert child_population(None, 2025).iloc[-1]["children"] == 12183016.0


def test_ethnicity_five_groups_all_ages():
    groups = ethnicity_groups("209").set_index("short")
    assert groups["people"].to_dict() == {"White": 154749, "Mixed": 24253, "Asian": 26927, "Black": 80473,
                                          "Other": 14151}
    assert round(groups["percent"].sum(), 6) == 100
    assert ethnicity_groups("940").set_index("short").loc["White", "people"] == 324664
    assert ethnicity_groups(None)["people"].sum() == 56490017   # England's usual residents


def test_ethnicity_not_before_the_census():
    assert ethnicity_groups("209", 2020).empty
    assert not ethnicity_groups("209", 2021).empty
