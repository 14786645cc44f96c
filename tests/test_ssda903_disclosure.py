"""Suppression: 1-5 hidden, secondary suppression so nothing is recovered by subtraction, and no
child's identifiers anywhere in the published table."""
from __future__ import annotations

import numpy as np
import pandas as pd

from sufficiency.records import disclosure, indicators, read
from sufficiency.records.synthetic import Targets, simulate, write_extract


def frame(values, measure="m", year=2025):
    return pd.DataFrame({"year": year, "measure": measure, "breakdown": [""] + [f"b{i}" for i in range(len(values))],
                         "value": [float(sum(values))] + [float(v) for v in values]})


def test_primary_suppression_keeps_zero_and_six():
    out = disclosure.suppress(frame([0, 1, 5, 6, 20]))["value"].tolist()
    assert out == ["32", "0", "c", "c", "6", "20"]


def test_a_lone_suppressed_cell_takes_the_next_smallest_nonzero_cell_with_it():
    assert disclosure.suppress(frame([3, 0, 9, 40]))["value"].tolist() == ["52", "c", "0", "c", "40"]


def test_median_is_hidden_when_its_count_is_small_and_z_when_there_is_none():
    base = pd.DataFrame({"year": [2025, 2025, 2024, 2024], "measure": ["ceased", "ceased_median_days_in_care"] * 2,
                         "breakdown": "", "value": [4.0, 300.0, 0.0, np.nan]})
    assert disclosure.suppress(base)["value"].tolist() == ["c", "c", "0", "z"]


def test_a_hidden_total_is_hidden_everywhere_it_appears():
    rows = pd.concat([frame([3], "cla_31_march").iloc[:1], frame([3, 0], "cla_by_age"),
                      frame([1, 2], "cla_by_provider")])
    out = disclosure.suppress(rows)
    assert (out.loc[out["breakdown"] == "", "value"] == "c").all()


def _recoverable(group: pd.DataFrame) -> bool:
    """True if a suppressed cell equals the shown total minus the shown cells."""
    total = group[group["breakdown"] == ""]["value"].iloc[0]
    cells = group[group["breakdown"] != ""]["value"]
    return total != "c" and (cells == "c").sum() == 1


def test_no_suppressed_value_can_be_recovered_by_subtraction():
    rng = np.random.default_rng(7)
    tables = [frame(list(rng.choice([0, 1, 2, 3, 4, 5, 6, 8, 12, 30], size=rng.integers(1, 8))), f"m{i}")
              for i in range(200)]
    out = disclosure.suppress(pd.concat(tables, ignore_index=True))
    assert (out["value"] == "c").any()
    original = pd.concat(tables).set_index(["measure", "breakdown"])["value"]
    for _, group in out.groupby("measure"):
        assert not _recoverable(group)
        shown = group[group["value"] != "c"]
        assert all(float(v) == original[(m, b)] for m, b, v in zip(shown["measure"], shown["breakdown"], shown["value"]))


def test_published_table_holds_no_identifier_of_any_child(tmp_path):
    header, episodes = simulate(targets=Targets(starters={2025: 40}, cla=60), year=2025, seed=11)
    write_extract(header, episodes, tmp_path, year=2025, years=2)
    extract = read.read_extract(tmp_path)
    out = disclosure.suppress(indicators.indicators_for_years(extract, [2024, 2025]))
    for (_, _), group in out.groupby(["year", "measure"]):
        if (group["breakdown"] != "").any():
            assert not _recoverable(group)
    published = out.to_csv(index=False)
    secrets = set(extract.header["CHILD"]) | set(extract.header["UPN"].dropna())
    secrets |= set(extract.header["DOB"].dt.strftime("%d/%m/%Y")) | set(extract.header["DOB"].dt.strftime("%Y-%m-%d"))
    secrets |= set(extract.episodes["HOME_POST"].dropna()) | set(extract.episodes["PL_POST"].dropna())
    assert len(secrets) > 200
    assert not [s for s in secrets if s in published]
    assert "SYN" not in published


def distance_table(within, over, not_known, median=7.4):
    total = within + over + not_known
    return pd.DataFrame({
        "year": 2025,
        "measure": ["cla_31_march", "cla_by_distance", "cla_by_distance", "cla_by_distance", "cla_by_distance",
                    "cla_median_distance_miles"],
        "breakdown": ["", "", indicators.WITHIN_20, indicators.OVER_20, indicators.DISTANCE_NOT_KNOWN, ""],
        "value": [float(total), float(total), float(within), float(over), float(not_known), median]})


def test_distance_cells_are_suppressed_like_any_breakdown():
    out = disclosure.suppress(distance_table(30, 12, 4))["value"].tolist()
    # 'not known' (4) is hidden, and the next smallest cell (12) with it; the median (base 42) shows.
    assert out == ["46", "46", "30", "c", "c", "7"]


def test_median_distance_is_hidden_when_few_children_have_a_known_distance():
    out = disclosure.suppress(distance_table(3, 2, 40))["value"].tolist()
    assert out[-1] == "c"                                          # base: 3 + 2 known distances
    none_known = disclosure.suppress(distance_table(0, 0, 30, median=np.nan))["value"].tolist()
    assert none_known == ["30", "30", "0", "0", "30", "z"]


def test_a_hidden_number_looked_after_hides_the_distance_and_locality_totals():
    rows = distance_table(2, 1, 1)
    out = disclosure.suppress(rows)
    totals = out[out["breakdown"] == ""].set_index("measure")["value"]
    assert totals["cla_31_march"] == totals["cla_by_distance"] == "c"
    assert "cla_by_distance" in disclosure.SAME_TOTAL["cla_31_march"]
    assert "cla_by_locality" in disclosure.SAME_TOTAL["cla_31_march"]


def test_a_numerator_close_to_its_denominator_is_hidden():
    frame = pd.DataFrame({"year": 2025, "measure": ["stability_long_term", "stability_long_term_total",
                                                     "stability_3_plus_placements", "stability_3_plus_placements_total"],
                          "breakdown": "", "value": [40.0, 43.0, 30.0, 200.0]})
    shown = disclosure.suppress(frame)["value"].tolist()
    assert shown == ["c", "43", "30", "200"]    # 43 - 40 = 3 children would be given away


def test_values_are_rounded_half_up_before_they_are_tested():
    frame = pd.DataFrame({"year": 2026, "measure": "projected", "breakdown": ["", "a", "b", "c"],
                          "value": [96.5, 0.7, 45.5, 50.3]})
    assert disclosure.suppress(frame)["value"].tolist() == ["97", "c", "c", "50"]
