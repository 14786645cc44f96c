"""Distance from home to placement: real postcode centroids, straight lines in miles, 'not known' kept."""
from __future__ import annotations

import math

import numpy as np
import pytest

from sufficiency.core import files
from sufficiency.records import distance

# ONS postcode directory (Nov 2025) centroids, British National Grid metres.
LEWISHAM_TOWN_HALL = ("SE6 4RU", 537684.0, 173666.0, "E09000023")
WHITECHAPEL = ("E1 6AN", 533416.0, 181746.0, "E09000001")
BIRMINGHAM = ("B1 1BB", 406654.0, 286948.0, "E08000025")


def test_centroids_and_districts_of_known_postcodes():
    found = distance.locate([LEWISHAM_TOWN_HALL[0], WHITECHAPEL[0], BIRMINGHAM[0]])
    assert found.values.tolist() == [list(LEWISHAM_TOWN_HALL[1:]), list(WHITECHAPEL[1:]), list(BIRMINGHAM[1:])]


def test_distance_is_the_straight_line_between_centroids_in_miles():
    miles = distance.distance_miles([LEWISHAM_TOWN_HALL[0], LEWISHAM_TOWN_HALL[0]], [WHITECHAPEL[0], BIRMINGHAM[0]])
    # By hand: sqrt(4268² + 8080²) m and sqrt(131030² + 113282²) m, over 1609.344 m a mile.
    assert miles[0] == pytest.approx(math.hypot(537684 - 533416, 181746 - 173666) / 1609.344)
    assert miles[0] == pytest.approx(5.678, abs=0.001)
    assert miles[1] == pytest.approx(107.628, abs=0.001)


def test_postcodes_match_whatever_their_case_and_spacing():
    found = distance.locate(["se64ru", " SE6  4RU ", "Se6 4rU"])
    assert (found["easting"] == 537684.0).all() and (found["district"] == "E09000023").all()


def test_blank_malformed_and_unknown_postcodes_give_a_distance_not_known_never_zero():
    home = ["", None, np.nan, "NOT A POSTCODE", "ZZ99 3VZ", "SE6 4RU", "ZZ99 3VZ"]
    placed = ["", None, np.nan, "NOT A POSTCODE", "ZZ99 3VZ", "ZZ99 3VZ", "SE6 4RU"]
    assert np.isnan(distance.distance_miles(home, placed)).all()
    assert distance.distance_miles(["SE6 4RU"], ["se6 4ru"]).tolist() == [0.0]   # placed at home


def test_only_the_letters_needed_are_read_and_each_read_is_recorded(tmp_path, monkeypatch):
    log = tmp_path / "reads.txt"
    monkeypatch.setenv(files.READS_LOG_ENV, str(log))
    distance._letter.cache_clear()
    distance.locate(["SE6 4RU", "se13 6lw", "", "1234"])
    assert distance._letter.cache_info().currsize == 1
    distance.locate(["SE6 4RU"])                                    # parsed once, recorded each time
    assert [line.rsplit("/", 1)[-1] for line in log.read_text().splitlines()] == ["postcodes_S.msgpack.br"] * 2


def test_inside_a_council_uses_upper_tier_councils():
    districts = ["E07000105", "E07000110", "E09000023", "E09000001", "", "E08000039"]   # Ashford, Maidstone, ...
    assert distance.inside_council(districts, "886")[:4].tolist() == [1.0, 1.0, 0.0, 0.0]   # Kent (county)
    assert np.isnan(distance.inside_council(districts, "209")[4])
    assert distance.inside_council(districts, "209")[2] == 1.0
    assert distance.inside_council(districts, "373")[5] == 1.0   # Sheffield's district code since 2024


def test_display_form_has_one_space_before_the_inward_code():
    assert distance.pcd7(["e16an"]) == ["E1  6AN"]
    assert distance.display_form(distance.pcd7(["e16an", "SE100AA"])).tolist() == ["E1 6AN", "SE10 0AA"]
