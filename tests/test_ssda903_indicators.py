"""DfE-style indicators from episodes: a hand-made extract whose every count is known."""
from __future__ import annotations

import numpy as np
import pytest

from sufficiency.records import indicators, read
from sufficiency.records.synthetic import Targets, simulate, write_extract

HEADER = ["CHILD,SEX,DOB,ETHNIC",
          "SYN000001,1,01/01/2015,WBRI", "SYN000002,2,01/06/2012,BAFR", "SYN000003,1,01/03/2024,MWBC",
          "SYN000004,1,10/10/2008,OOTH", "SYN000005,2,01/01/2010,WBRI"]
EPISODES = ["CHILD,DECOM,RNE,LS,PLACE,PLACE_PROVIDER,DEC,REC",
            # A: in the same foster placement since 2020 (long-term stable).
            "SYN000001,01/01/2020,S,C2,U4,PR1,,",
            # B: three placements in the year, one split by a legal-status change (RNE L).
            "SYN000002,01/02/2022,S,C1,U6,PR4,01/05/2024,X1",
            "SYN000002,01/05/2024,P,C2,K2,PR4,01/08/2024,X1",
            "SYN000002,01/08/2024,L,C2,K2,PR4,01/10/2024,X1",
            "SYN000002,01/10/2024,P,C2,U6,PR4,,",
            # C: moved to an adoptive placement in the year and was adopted.
            "SYN000003,10/03/2024,S,V2,U4,PR1,15/04/2024,X1",
            "SYN000003,15/04/2024,P,E1,A5,PR1,20/02/2025,E11",
            # D: started in the year, 16, in supported accommodation; a temporary stay (T1) does not
            # count as a placement, so D has 2 placements in the year, not 3.
            "SYN000004,01/06/2024,S,V2,K3,PR4,05/06/2024,X1",
            "SYN000004,05/06/2024,P,V2,T1,,10/06/2024,X1",
            "SYN000004,10/06/2024,P,V2,K3,PR4,,",
            # E: a short break only (V3): left out of every count.
            "SYN000005,01/05/2024,S,V3,R1,PR4,03/05/2024,E8"]


@pytest.fixture()
def table(tmp_path):
    (tmp_path / "header.csv").write_text("\n".join(HEADER) + "\n")
    (tmp_path / "episodes.csv").write_text("\n".join(EPISODES) + "\n")
    frame = indicators.indicators(read.read_extract(tmp_path), 2025)
    return frame.set_index(["measure", "breakdown"])["value"]


def test_children_looked_after_at_31_march(table):
    assert table[("cla_31_march", "")] == 3
    assert table[("cla_by_placement_type", "Foster placements")] == 2
    assert table[("cla_by_placement_type", indicators.ADOPTION)] == 0
    assert table[("cla_by_placement_type",
                  "Independent and semi-independent living arrangements/supported accommodation")] == 1
    assert table[("cla_by_provider", "Own provision (by the LA)")] == 1
    assert table[("cla_by_provider", "Private provision")] == 2
    assert table[("cla_by_age", "10 to 15 years")] == 2 and table[("cla_by_age", "16 years and over")] == 1


def test_starters_ceased_and_reasons(table):
    assert table[("starters", "")] == 1           # C started before the year; E is a short break
    assert table[("ceased", "")] == 1
    assert table[("ceased_by_reason", "Adopted")] == 1
    assert table[("ceased_by_duration", "6 months to under 1 year")] == 1   # 347 days
    assert table[("ceased_median_days_in_care", "")] == 347


def test_moves_and_stability(table):
    # B twice, C once, D back from a temporary stay; legal-status changes and temporary stays are not moves.
    assert table[("placement_moves", "")] == 4
    assert table[("children_with_placement_moves", "")] == 3
    assert table[("stability_3_plus_placements", "")] == 1
    assert table[("stability_3_plus_placements_total", "")] == 3
    assert table[("stability_long_term_total", "")] == 2   # A and B: under 16, in care 2.5+ years
    assert table[("stability_long_term", "")] == 1


def test_breakdowns_add_up_to_their_totals(tmp_path):
    header, episodes = simulate(targets=Targets(starters={2025: 120}, cla=300), year=2025, seed=3)
    write_extract(header, episodes, tmp_path, year=2025, years=2)
    frame = indicators.indicators_for_years(read.read_extract(tmp_path), [2024, 2025], la_code="209")
    for (year, measure), group in frame.groupby(["year", "measure"]):
        cells = group[group["breakdown"] != ""]
        if len(cells):
            assert cells["value"].sum() == group.loc[group["breakdown"] == "", "value"].iloc[0], measure
    totals = frame[frame["breakdown"] == ""].set_index(["year", "measure"])["value"]
    cla = totals[(2025, "cla_31_march")]
    assert abs(cla - 300) <= 2
    for year in (2024, 2025):   # the distance and locality tables cover every child looked after
        assert totals[(year, "cla_by_distance")] == totals[(year, "cla_by_locality")] == totals[(year, "cla_31_march")]


POSTCODE_EPISODES = ["CHILD,DECOM,RNE,LS,PLACE,PLACE_PROVIDER,DEC,REC,HOME_POST,PL_POST",
                     # A: Lewisham home, foster placement in Whitechapel (5.68 miles, outside the borough).
                     "SYN000001,01/01/2020,S,C2,U4,PR1,,,SE6 4RU,E1 6AN",
                     # B: placed in Birmingham (107.63 miles); earlier placement nearby does not count.
                     "SYN000002,01/02/2022,S,C1,U6,PR4,01/05/2024,X1,SE6 4RU,SE13 6LW",
                     "SYN000002,01/05/2024,P,C2,K2,PR4,,,SE6 4RU,B1 1BB",
                     # C: placed with parents, at home in Lewisham: 0 miles, inside.
                     "SYN000003,10/03/2024,S,C2,P1,PR0,,,se13 6lw,SE13 6LW",
                     # D: no home postcode (distance not known) but placed inside Lewisham.
                     "SYN000004,01/06/2024,S,V2,U6,PR1,,,,BR1 5EP",
                     # E: a postcode not in the directory: distance and location not known.
                     "SYN000005,01/06/2024,S,V2,K2,PR4,,,SE6 4RU,ZZ99 3VZ"]


@pytest.fixture()
def distances(tmp_path):
    (tmp_path / "header.csv").write_text("\n".join(HEADER) + "\n")
    (tmp_path / "episodes.csv").write_text("\n".join(POSTCODE_EPISODES) + "\n")
    frame = indicators.indicators(read.read_extract(tmp_path), 2025, la_code="209")
    return frame.set_index(["measure", "breakdown"])["value"]


def test_distance_from_home_at_31_march(distances):
    assert distances[("cla_31_march", "")] == 5
    assert distances[("cla_by_distance", "")] == 5
    assert distances[("cla_by_distance", indicators.WITHIN_20)] == 2        # A (5.68 miles), C (0)
    assert distances[("cla_by_distance", indicators.OVER_20)] == 1          # B (107.63 miles)
    assert distances[("cla_by_distance", indicators.DISTANCE_NOT_KNOWN)] == 2   # D, E
    assert distances[("cla_median_distance_miles", "")] == pytest.approx(5.678, abs=0.001)


def test_inside_the_council_by_placement_postcode(distances):
    assert distances[("cla_by_locality", indicators.INSIDE)] == 2           # C, D
    assert distances[("cla_by_locality", indicators.OUTSIDE)] == 2          # A, B
    assert distances[("cla_by_locality", indicators.LOCALITY_NOT_KNOWN)] == 1   # E


def test_without_the_council_locality_is_left_out_and_without_postcodes_nothing_is_known(table):
    assert ("cla_by_locality", "") not in table.index
    assert table[("cla_by_distance", indicators.DISTANCE_NOT_KNOWN)] == table[("cla_31_march", "")] == 3
    assert np.isnan(table[("cla_median_distance_miles", "")])


def test_time_in_the_current_placement(table):
    # A: same placement since 1 January 2020; B: back in foster care since 1 October 2024 (181 days);
    # D: in supported accommodation again since 10 June 2024 (294 days).
    assert table[("cla_by_time_in_placement", "5 years and over")] == 1
    assert table[("cla_by_time_in_placement", "Under 6 months")] == 1
    assert table[("cla_by_time_in_placement", "6 months to under 1 year")] == 1
    assert table[("cla_by_time_in_placement", "")] == table[("cla_31_march", "")]


def test_a_return_from_a_temporary_placement_is_not_a_move(tmp_path):
    (tmp_path / "header.csv").write_text("CHILD,SEX,DOB\nSYN000010,1,01/01/2014\n")
    (tmp_path / "episodes.csv").write_text(
        "CHILD,DECOM,RNE,LS,PLACE,PLACE_PROVIDER,DEC,REC,PL_POST,URN\n"
        "SYN000010,01/01/2022,S,C2,U4,PR1,01/08/2024,X1,SE4 1AB,XXXXXXX\n"
        "SYN000010,01/08/2024,P,C2,T0,PR1,08/08/2024,X1,SE4 2CD,XXXXXXX\n"     # a week's respite
        "SYN000010,08/08/2024,P,C2,U4,PR1,,,SE4 1AB,XXXXXXX\n")               # back to the same carers
    table = indicators.indicators(read.read_extract(tmp_path), 2025).set_index(["measure", "breakdown"])["value"]
    assert table[("placement_moves", "")] == 0
    assert table[("stability_3_plus_placements", "")] == 0
    assert table[("cla_by_time_in_placement", "2 years to under 5 years")] == 1   # since January 2022
    assert table[("stability_long_term", "")] == 1
