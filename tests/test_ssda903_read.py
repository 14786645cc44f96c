"""Reading SSDA903 extracts: tolerance of export quirks, newest-wins merging, DfE rules, safe errors."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sufficiency.core.errors import InputError
from sufficiency.records import read


@pytest.fixture(autouse=True, params=["pandas parser", "pyarrow parser"])
def parser(request, monkeypatch):
    """Every test runs with pandas' CSV parser and, when pyarrow is installed, with pyarrow's."""
    if request.param == "pandas parser":
        monkeypatch.setattr(read, "pyarrow", None)
    elif read.pyarrow is None:
        pytest.skip("pyarrow is not installed")
    return request.param


HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"
EPISODES = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"


def write(folder: Path, header_rows: list[str], episode_rows: list[str], *, header=HEADER, episodes=EPISODES):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "header.csv").write_text(header + "".join(r + "\n" for r in header_rows))
    (folder / "episodes.csv").write_text(episodes + "".join(r + "\n" for r in episode_rows))
    return folder


CHILD_A = "SYN000901,1,14/02/2012,WBRI,Z209999900001,,"
EPISODE_A = "SYN000901,01/05/2023,S,C1,N1,U4,PR1,,,,SE13 6QJ,SE4 1AB,XXXXXXX"


def test_reads_and_types_a_minimal_extract(tmp_path):
    extract = read.read_extract(write(tmp_path, [CHILD_A], [EPISODE_A]))
    assert extract.episodes.loc[0, "DECOM"] == pd.Timestamp(2023, 5, 1)
    assert pd.isna(extract.episodes.loc[0, "DEC"])
    assert extract.header.loc[0, "DOB"] == pd.Timestamp(2012, 2, 14)
    assert extract.episodes.loc[0, "PLACE"] == "U4"


def test_tolerates_column_order_case_spaces_and_blank_rows(tmp_path):
    header = " dob , Child,sex ,ETHNIC\n"
    episodes = "place, decom ,child,RNE,ls,dec,REC\n"
    folder = write(tmp_path, ["14/02/2012,SYN000901, 1 ,wbri", ",,,", ",,,"],
                   [" u4 ,01/05/2023,SYN000901,S,C1,,", ",,,,,,"], header=header, episodes=episodes)
    extract = read.read_extract(folder)
    assert len(extract.episodes) == 1 and len(extract.header) == 1
    assert extract.episodes.loc[0, "PLACE"] == "U4"
    assert extract.header.loc[0, "ETHNIC"] == "WBRI"


def test_newest_extract_wins_for_the_same_child_and_start(tmp_path):
    write(tmp_path / "2024", [CHILD_A], [EPISODE_A])
    closed = "SYN000901,01/05/2023,S,C1,N1,U4,PR1,10/06/2024,E4A,,SE13 6QJ,SE4 1AB,XXXXXXX"
    write(tmp_path / "2025", [CHILD_A], [closed])
    extract = read.read_extract(tmp_path)
    assert len(extract.episodes) == 1
    assert extract.episodes.loc[0, "DEC"] == pd.Timestamp(2024, 6, 10)
    # As known on 31 March 2024 the episode was still open, and the 2025 file is not read.
    as_of_2024 = read.read_extract(tmp_path, year=2024)
    assert pd.isna(as_of_2024.episodes.loc[0, "DEC"]) and pd.isna(as_of_2024.episodes.loc[0, "REC"])
    assert all("2025" not in str(p) for p in as_of_2024.files)


def _error(tmp_path, header_rows, episode_rows) -> str:
    with pytest.raises(InputError) as caught:
        read.read_extract(write(tmp_path, header_rows, episode_rows), strict=True)
    return str(caught.value)


@pytest.mark.parametrize("row, rule", [
    ("SYN000901,01/05/2023,S,C1,N1,Q9,PR1,,,,,,", "146"),
    ("SYN000901,01/05/2023,S,Z9,N1,U4,PR1,,,,,,", "144"),
    ("SYN000901,01/05/2023,X,C1,N1,U4,PR1,,,,,,", "143"),
    ("SYN000901,01/05/2023,S,C1,N1,U4,PR1,01/06/2023,E99,,,,", "149"),
    ("SYN000901,01/05/2023,S,C1,N1,U4,PR1,01/04/2023,E4A,,,,", "356"),
])
def test_rule_breaks_name_file_line_and_rule(tmp_path, row, rule):
    message = _error(tmp_path, [CHILD_A], [row])
    assert "episodes.csv" in message and "line 2" in message and f"rule {rule}" in message
    assert "SYN000901" not in message


def test_overlapping_episodes_break_rule_501(tmp_path):
    rows = ["SYN000901,01/05/2023,S,C1,N1,U4,PR1,01/09/2023,X1,,,,",
            "SYN000901,01/08/2023,P,C1,N1,U6,PR4,,,,,,"]
    message = _error(tmp_path, [CHILD_A], rows)
    assert "rule 501" in message and "line 3" in message


def test_errors_never_show_a_date_of_birth_an_id_or_a_postcode(tmp_path):
    message = _error(tmp_path, ["SYN000901,1,31/02/2012,WBRI,Z209999900001,,"], [EPISODE_A])
    assert "rule 102" in message and "31/02/2012" not in message and "header.csv" in message
    # A child's ID or a postcode in a code column is described, not printed.
    for value in ("SYN000901", "SE13 6QJ"):
        message = _error(tmp_path, [CHILD_A], [f"SYN000901,01/05/2023,S,C1,N1,{value},PR1,,,,,,"])
        assert value not in message and "not a code" in message


def test_child_without_a_header_row_is_an_error(tmp_path):
    message = _error(tmp_path, [CHILD_A], [EPISODE_A, "SYN000902,01/05/2023,S,C1,N1,U4,PR1,,,,,,"])
    assert "no row in the header file" in message and "SYN000902" not in message


def test_missing_required_column_is_named(tmp_path):
    with pytest.raises(InputError, match="PLACE"):
        read.read_extract(write(tmp_path, [CHILD_A], ["SYN000901,01/05/2023,S,C1,,"],
                                episodes="CHILD,DECOM,RNE,LS,DEC,REC\n"))


def test_two_unnamed_extracts_are_ambiguous(tmp_path):
    write(tmp_path / "a", [CHILD_A], [EPISODE_A])
    write(tmp_path / "b", [CHILD_A], [EPISODE_A])
    with pytest.raises(InputError, match="collection year"):
        read.read_extract(tmp_path)


CHILD_B = "SYN000902,2,03/03/2010,WBRI,Z209999900002,,"
EPISODES_AB = ["SYN000901,01/05/2023,S,C1,N1,U4,PR1,01/09/2023,E4A,,,,",
               "SYN000901,01/10/2023,S,C1,N1,k2,PR4,,,,,,",
               "SYN000902,02/02/2022,S,C2,N2,U1,PR1,,,,,,"]


def test_rows_come_out_sorted_by_child_and_start_whatever_the_file_order(tmp_path):
    in_order = read.read_extract(write(tmp_path / "sorted", [CHILD_A, CHILD_B], EPISODES_AB))
    shuffled = read.read_extract(write(tmp_path / "shuffled", [CHILD_B, CHILD_A], EPISODES_AB[::-1]))
    assert in_order.episodes["CHILD"].tolist() == ["SYN000901", "SYN000901", "SYN000902"]
    assert shuffled.episodes["DECOM"].tolist() == in_order.episodes["DECOM"].tolist()
    # _line still points at the row in the file it came from (the first row is line 2).
    assert shuffled.episodes["_line"].tolist() == [4, 3, 2] and in_order.episodes["_line"].tolist() == [2, 3, 4]
    assert shuffled.header["CHILD"].tolist() == ["SYN000901", "SYN000902"]
    pd.testing.assert_frame_equal(shuffled.episodes.drop(columns="_line"), in_order.episodes.drop(columns="_line"))


@pytest.mark.parametrize("rows, line", [
    (EPISODES_AB + [EPISODES_AB[2]], 5),                     # sorted file, repeated last row
    ([EPISODES_AB[2], EPISODES_AB[0], EPISODES_AB[2]], 4),   # unsorted file
])
def test_a_repeated_child_and_start_in_one_file_is_an_error(tmp_path, rows, line):
    message = _error(tmp_path, [CHILD_A, CHILD_B], rows)
    assert f"line {line}" in message and "same CHILD and DECOM" in message and "SYN00090" not in message


def test_a_repeated_child_in_the_header_is_an_error(tmp_path):
    message = _error(tmp_path, [CHILD_A, CHILD_B, CHILD_A], [EPISODE_A])
    assert "header.csv" in message and "line 4" in message and "same CHILD" in message


def test_ids_with_spaces_are_trimmed_and_codes_merge_into_sorted_categories(tmp_path):
    rows = [" SYN000901 ,01/05/2023,S,C1,N1, u4 ,PR1,01/09/2023,E4A,,,,",
            "SYN000901,01/10/2023,S,C1,N1,U4,PR1,,,,,,",
            "SYN000902,02/02/2022,S,C2,N2,k2,PR4,,,,,,"]
    extract = read.read_extract(write(tmp_path, [CHILD_A, CHILD_B.replace(",", " ,", 1)], rows))
    assert extract.episodes["CHILD"].tolist() == ["SYN000901", "SYN000901", "SYN000902"]
    place = extract.episodes["PLACE"]
    assert place.tolist() == ["U4", "U4", "K2"] and place.cat.categories.tolist() == ["K2", "U4"]
    assert extract.header["CHILD"].tolist() == ["SYN000901", "SYN000902"]


def test_rows_with_missing_cells_read_as_blanks_and_extra_cells_are_an_error(tmp_path):
    short = "SYN000901,01/05/2023,S,C1,N1,U4,PR1,,"   # pandas pads a short row; pyarrow hands it over
    extract = read.read_extract(write(tmp_path / "short", [CHILD_A], [short]))
    assert extract.episodes.loc[0, "PLACE"] == "U4" and pd.isna(extract.episodes.loc[0, "URN"])
    # Trailing empty cells (a comma ending each row) are tolerated; anything in them is an error.
    trailing = read.read_extract(write(tmp_path / "trailing", [CHILD_A], [EPISODE_A + ",,"]))
    assert trailing.episodes.loc[0, "CHILD"] == "SYN000901" and trailing.episodes.loc[0, "URN"] == "XXXXXXX"
    later = EPISODE_A.replace("2023", "2024")
    for rows, message in (([EPISODE_A + ",x,", later], "line 2: the row has more cells than the header.*found 15 cells"),
                          ([EPISODE_A, later + ",x,"], "cannot be read as CSV.*line 3, saw 15")):
        with pytest.raises(InputError, match=message) as caught:
            read.read_extract(write(tmp_path / "long", [CHILD_A], rows))
        assert "SYN000901" not in str(caught.value)


def test_both_parsers_give_the_same_tables(tmp_path, monkeypatch, parser):
    rows = ['"SYN000901",01/05/2023,S,C1,N1,U4,PR1,01/09/2023,E4A,,"SE13 6QJ",,', "", *EPISODES_AB[1:], ",,,,,,,,,,,,"]
    folder = write(tmp_path, [CHILD_A, CHILD_B], rows, header="\ufeff" + HEADER)
    ours = read.read_extract(folder)
    monkeypatch.setattr(read, "pyarrow", None)
    pandas_only = read.read_extract(folder)
    for name in ("header", "episodes"):
        pd.testing.assert_frame_equal(getattr(ours, name), getattr(pandas_only, name))
    assert ours.episodes.loc[0, "HOME_POST"] == "SE13 6QJ" and ours.episodes["REASON_PLACE_CHANGE"].isna().all()
    assert not any(value is None for value in ours.episodes["REASON_PLACE_CHANGE"])   # NaN, as pandas gives


@pytest.mark.parametrize("texts, padded", [
    (["SYN1", "SYN2"], False), (["SYN1", "SYN2 "], True), (["\tSYN1", "SYN2"], True), (["SYN1", ""], True),
    (["SYN1", "SYN2\u00a0"], True), (["SYNé", "SYN2"], False), (["SYNé", " SYN2"], True),
])
def test_padding_is_found_wherever_it_is(texts, padded, parser):
    assert read._any_padded(np.array(texts, dtype=object)) is padded


def test_a_file_without_a_header_row_is_refused_without_printing_its_first_record(tmp_path):
    folder = write(tmp_path, [CHILD_A], [EPISODE_A], episodes="")   # episodes.csv starts with a record
    with pytest.raises(InputError) as caught:
        read.read_extract(folder)
    message = str(caught.value)
    assert "episodes.csv" in message and "does not look like a header row" in message
    for secret in ("SYN000901", "01/05/2023", "SE13 6QJ", "SE4 1AB"):
        assert secret not in message
