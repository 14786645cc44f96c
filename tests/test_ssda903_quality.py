"""Real extracts with real mistakes: every rule's policy (stop, repair, exclude, note), the report
of what was done (rule, rows, line numbers, never a child's details), --strict, and the export
shapes councils make (Excel, several years, numbers with '.0', dates written several ways)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sufficiency.core.errors import InputError
from sufficiency.records import quality, read

HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"
EPISODES = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
CHILD_A = "SYN000901,1,14/02/2012,WBRI,Z209999900001,,"
CHILD_B = "SYN000902,2,03/03/2010,WBRI,Z209999900002,,"
GOOD_A = "SYN000901,01/05/2023,S,C1,N1,U4,PR1,,,,SE13 6QJ,SE4 1AB,XXXXXXX"
GOOD_B = "SYN000902,02/02/2022,S,C2,N2,U1,PR1,,,,,,"


def write(folder: Path, header_rows, episode_rows, *, header=HEADER, episodes=EPISODES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "header.csv").write_text(header + "".join(r + "\n" for r in header_rows))
    (folder / "episodes.csv").write_text(episodes + "".join(r + "\n" for r in episode_rows))
    return folder


def findings(extract) -> dict[str, tuple[str, int, list[int]]]:
    """rule → (action, rows, lines) over the report (one file in these tests)."""
    return {f.rule: (f.policy.action, f.rows, f.lines.tolist()) for f in extract.quality.findings}


def test_a_reason_without_a_date_ceased_is_read_as_open_and_reported(tmp_path):
    rows = [GOOD_A, "SYN000902,02/02/2022,S,C2,N2,U1,PR1,,E4A,,,,"]
    extract = read.read_extract(write(tmp_path, [CHILD_A, CHILD_B], rows))
    assert findings(extract) == {"OPEN": ("repair", 1, [3])}
    child_b = extract.episodes[extract.episodes["CHILD"] == "SYN000902"].iloc[0]
    assert pd.isna(child_b["DEC"]) and pd.isna(child_b["REC"])   # open, so still looked after


def test_a_date_ceased_without_a_reason_ends_the_episode_with_x1_or_e8(tmp_path):
    rows = ["SYN000901,01/05/2023,S,C1,N1,U4,PR1,01/09/2023,,,,,",   # next episode starts that day: X1
            "SYN000901,01/09/2023,P,C1,N1,U6,PR4,01/12/2023,,,,,",   # last: ceased, reason not known → E8
            "SYN000902,02/02/2022,S,C2,N2,U1,PR1,03/03/2023,E99,,,,"]  # invalid reason: rule 149, then E8
    extract = read.read_extract(write(tmp_path, [CHILD_A, CHILD_B], rows))
    assert findings(extract) == {"149": ("repair", 1, [4]), "REC": ("repair", 2, [2, 3])}
    assert extract.episodes["REC"].tolist() == ["X1", "E8", "E8"]
    assert extract.quality.findings[0].found == "'E99'"


def test_an_episode_ending_before_it_starts_is_left_out(tmp_path):
    rows = [GOOD_A, "SYN000902,02/02/2022,S,C2,N2,U1,PR1,01/01/2022,E4A,,,,"]
    extract = read.read_extract(write(tmp_path, [CHILD_A, CHILD_B], rows))
    assert findings(extract) == {"356": ("exclude", 1, [3])}
    assert extract.episodes["CHILD"].tolist() == ["SYN000901"]


def test_bad_codes_exclude_the_episode_or_are_read_as_not_known(tmp_path):
    rows = ["SYN000901,01/05/2023,S,C1,N1,Q9,PR1,,,,,,",   # placement type: left out
            "SYN000902,02/02/2022,S,C2,N9,U1,PR7,,,,,,",   # category of need and provider: not known
            "SYN000903,02/02/2022,,C2,N2,U1,PR1,,,,,,"]    # blank reason for new episode: left out
    header = [CHILD_A.replace(",1,", ",9,"), CHILD_B, "SYN000903,2,03/03/2010,XXXX,Z209999900003,,"]
    extract = read.read_extract(write(tmp_path, header, rows))
    assert findings(extract) == {"101": ("repair", 1, [2]), "103": ("repair", 1, [4]),
                                 "143": ("exclude", 1, [4]), "145": ("repair", 1, [3]),
                                 "146": ("exclude", 1, [2]), "PROVIDER": ("repair", 1, [3])}
    assert extract.episodes["CHILD"].tolist() == ["SYN000902"]
    assert pd.isna(extract.episodes.loc[0, "CIN"]) and pd.isna(extract.episodes.loc[0, "PLACE_PROVIDER"])
    assert extract.header["SEX"].isna().tolist() == [True, False, False]


def test_blank_ids_and_unreadable_birth_dates_leave_the_rows_out(tmp_path):
    header = [CHILD_A, "SYN000902,2,31/02/2010,WBRI,Z209999900002,,", ",1,01/01/2011,WBRI,,,"]
    rows = [GOOD_A, GOOD_B, ",02/02/2022,S,C2,N2,U1,PR1,,,,,,"]
    extract = read.read_extract(write(tmp_path, header, rows))
    # Header: line 3 unreadable date of birth, line 4 no id; episodes: line 4 no id, line 3 the child
    # whose header row was left out.
    assert [(f.rule, f.file, f.lines.tolist()) for f in extract.quality.findings] == [
        ("CHILD", "header.csv", [4]), ("102", "header.csv", [3]), ("CHILD", "episodes.csv", [4]),
        ("LINK", "episodes.csv", [3])]
    assert extract.episodes["CHILD"].tolist() == ["SYN000901"] and extract.header["CHILD"].tolist() == ["SYN000901"]


def test_a_repeated_row_keeps_the_first_and_overlaps_end_the_earlier_episode(tmp_path):
    rows = ["SYN000901,01/05/2023,S,C1,N1,U4,PR1,01/09/2023,E4A,,,,",
            "SYN000901,01/08/2023,P,C1,N1,U6,PR4,,,,,,",
            "SYN000901,01/08/2023,P,C1,N1,K2,PR4,,,,,,"]   # same child and start: left out
    extract = read.read_extract(write(tmp_path, [CHILD_A], rows))
    assert findings(extract) == {"REPEAT": ("exclude", 1, [4]), "501": ("repair", 1, [3])}
    episodes = extract.episodes
    assert episodes["DEC"].tolist()[0] == pd.Timestamp(2023, 8, 1) and episodes["REC"].tolist()[0] == "X1"
    assert episodes["PLACE"].tolist() == ["U4", "U6"]


def test_spreadsheet_numbers_iso_dates_and_column_names_in_any_form_are_read(tmp_path):
    header = "child id,Sex,D.O.B.,ethnic\n"
    episodes = "Child,DECOM,rne,LS,cin,Place,Place Provider,dec,rec,home_post\n"
    folder = write(tmp_path, ["123456.0,2.0,2012-02-14,WBRI", "123457,1,2010-03-03 00:00:00,WBRI"],
                   ["123456.0,2023-05-01,S,C1,N1,U4,PR1,,,", "123457,1/5/2023,S,C1,N1,U6,PR4,,,"],
                   header=header.replace("child id", "CHILD").replace("D.O.B.", "DOB"), episodes=episodes)
    extract = read.read_extract(folder)
    assert extract.header["CHILD"].tolist() == ["123456", "123457"] and extract.header["SEX"].tolist() == ["2", "1"]
    assert extract.header["DOB"].tolist() == [pd.Timestamp(2012, 2, 14), pd.Timestamp(2010, 3, 3)]
    assert extract.episodes["DECOM"].tolist() == [pd.Timestamp(2023, 5, 1)] * 2
    assert extract.episodes["PLACE_PROVIDER"].tolist() == ["PR1", "PR4"]
    notes = [(f.rule, f.file, f.columns, f.rows) for f in extract.quality.findings]
    assert notes == [("NUMBER", "header.csv", ["CHILD", "SEX"], 1), ("NUMBER", "episodes.csv", ["CHILD"], 1)]
    assert extract.quality.errors() == []


def _workbook(path: Path, sheets: dict[str, str]) -> Path:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, text in sheets.items():
        sheet = book.create_sheet(name)
        for line in text.strip("\n").split("\n"):
            sheet.append([_excel_value(cell) for cell in line.split(",")])
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def _excel_value(cell: str):
    """As Excel holds what a user typed: dates as dates, whole numbers as numbers, blanks empty."""
    if not cell:
        return None
    if cell.count("/") == 2:
        return pd.Timestamp(pd.to_datetime(cell, format="%d/%m/%Y")).to_pydatetime()
    return float(cell) if cell.isdigit() else cell


def test_an_excel_workbook_with_a_sheet_per_table_reads_like_the_csv_files(tmp_path):
    csv = read.read_extract(write(tmp_path / "csv", [CHILD_A, CHILD_B], [GOOD_A, GOOD_B]))
    _workbook(tmp_path / "xlsx" / "ssda903.xlsx",
              {"Header": HEADER + CHILD_A + "\n" + CHILD_B, "Episodes": EPISODES + GOOD_A + "\n" + GOOD_B,
               "Notes": "anything\nelse"})
    excel = read.read_extract(tmp_path / "xlsx")
    columns = ["CHILD", "DECOM", "RNE", "LS", "PLACE", "PLACE_PROVIDER", "DEC", "REC", "HOME_POST", "_line"]
    pd.testing.assert_frame_equal(excel.episodes[columns], csv.episodes[columns], check_categorical=False)
    assert excel.header["DOB"].tolist() == csv.header["DOB"].tolist()
    assert excel.header["SEX"].tolist() == ["1", "2"]   # a number in Excel, a code once read
    assert excel.quality.findings == []


def test_one_workbook_per_table_and_year_with_faults_reports_sheet_rows(tmp_path):
    _workbook(tmp_path / "2023" / "header.xlsx", {"Sheet1": HEADER + CHILD_A})
    _workbook(tmp_path / "2024" / "header.xlsx", {"Sheet1": HEADER + CHILD_A})
    _workbook(tmp_path / "2023" / "episodes.xlsx", {"Sheet1": EPISODES + GOOD_B.replace("SYN000902", "SYN000901")})
    closed = "SYN000901,02/02/2022,S,C2,N2,U1,PR1,01/03/2024,X1,,,,"   # the 2023 return's episode, ended
    _workbook(tmp_path / "2024" / "episodes.xlsx",
              {"Sheet1": EPISODES + closed + "\nSYN000901,01/03/2024,P,C1,N1,U4,PR1,,E4A,,,,"})
    extract = read.read_extract(tmp_path)
    assert [(f.rule, f.file, f.rows, f.lines.tolist()) for f in extract.quality.findings] == [
        ("RETURNS", "2024/header.xlsx", 1, []), ("RETURNS", "2024/episodes.xlsx", 1, []),
        ("OPEN", "2024/episodes.xlsx", 1, [3])]


def test_the_same_episode_in_two_returns_is_kept_once_and_an_empty_file_is_skipped(tmp_path):
    write(tmp_path / "2023-24", [CHILD_A], [GOOD_A])
    write(tmp_path / "2024-25", [CHILD_A, CHILD_B], [GOOD_A, GOOD_B])
    (tmp_path / "2024-25" / "uasc.csv").write_text("")
    extract = read.read_extract(tmp_path)
    assert len(extract.episodes) == 2 and len(extract.header) == 2
    notes = [(f.rule, f.file, f.rows) for f in extract.quality.findings]
    assert notes == [("EMPTY", "2024-25/uasc.csv", 0), ("RETURNS", "2024-25/header.csv", 1),
                     ("RETURNS", "2024-25/episodes.csv", 1), ("PARTIAL", "2024-25/episodes.csv", 0)]
    assert [f.rule for f in extract.quality.errors()] == ["EMPTY"] and "uasc" not in extract.others


def test_a_partial_year_return_and_a_later_one_are_noted(tmp_path):
    write(tmp_path / "2024", [CHILD_A], [GOOD_A])
    write(tmp_path / "2025", [CHILD_A], [GOOD_A, ])   # nothing dated after May 2023: part of a year
    partial = read.read_extract(tmp_path)
    assert [(f.rule, f.detail) for f in partial.quality.findings if f.rule == "PARTIAL"] == [
        ("PARTIAL", "the return for 2024-25 holds nothing dated after May 2023: it covers part of the year only")]
    earlier = read.read_extract(tmp_path, year=2024)
    assert [(f.rule, f.file) for f in earlier.quality.findings] == [
        ("LATER", "2025/header.csv"), ("LATER", "2025/episodes.csv"), ("PARTIAL", "2024/episodes.csv")]


def test_strict_stops_at_the_first_rule_with_one_paragraph_and_the_whole_report(tmp_path):
    rows = [GOOD_A, "SYN000902,02/02/2022,S,C2,N2,U1,PR1,,E4A,,,,", "SYN000903,02/02/2022,S,C2,N2,Q9,PR1,,,,,,"]
    folder = write(tmp_path, [CHILD_A, CHILD_B, "SYN000903,1,01/01/2011,WBRI,,,"], rows)
    with pytest.raises(quality.StrictStop) as caught:
        read.read_extract(folder, strict=True)
    message = str(caught.value)
    assert message == (f"{folder}/episodes.csv, line 4, column PLACE: DfE rule 146: placement type is blank or "
                       "not a valid code; found 'Q9'; expected a DfE placement type code. 1 more rule(s) broken in "
                       "this extract; without --strict their rows are repaired or left out and listed in the "
                       "data-quality report.")
    assert [f.rule for f in caught.value.report.errors()] == ["146", "OPEN"]
    assert isinstance(caught.value, InputError) and "SYN0009" not in message


def test_a_missing_column_stops_even_without_strict(tmp_path):
    with pytest.raises(InputError, match="also the column.*PLACE"):
        read.read_extract(write(tmp_path, [CHILD_A], ["SYN000901,01/05/2023,S,C1,,"],
                                episodes="CHILD,DECOM,RNE,LS,DEC,REC\n"))


def test_the_report_file_names_rules_rows_and_lines_and_nothing_about_a_child(tmp_path):
    rows = [GOOD_A, "SYN000902,02/02/2022,S,C2,N2,SE4 1AB,PR1,,,,SE13 6QJ,,",
            "SYN000902,01/01/2023,S,C2,N2,U1,PR1,01/01/2022,E4A,,,,"]
    extract = read.read_extract(write(tmp_path, [CHILD_A, CHILD_B], rows))
    written = extract.quality.write(tmp_path / "out" / "quality.csv")
    table = pd.read_csv(written, dtype=str)
    assert table[["rule", "action", "file", "columns", "rows", "lines"]].values.tolist() == [
        ["146", "exclude", "episodes.csv", "PLACE", "1", "3"],
        ["356", "exclude", "episodes.csv", "DECOM DEC", "1", "4"]]
    text = written.read_text()
    for secret in ("SYN000902", "SE4 1AB", "SE13 6QJ", "03/03/2010", "Z209999900002"):
        assert secret not in text
    assert extract.quality.count("exclude") == 2 and extract.quality.count("repair") == 0


def test_the_summary_adds_rows_by_rule_over_files_in_policy_order(tmp_path):
    report = quality.Report()
    report.add("356", "2024/episodes.csv", ["DECOM", "DEC"], [7])
    report.add("OPEN", "2024/episodes.csv", ["DEC", "REC"], [3, 9])
    report.add("OPEN", "2025/episodes.csv", ["DEC", "REC"], [4])
    summary = report.summary()
    assert summary[["rule", "action", "rows"]].values.tolist() == [["OPEN", "repair", 3], ["356", "exclude", 1]]


def test_every_rule_has_a_policy_and_every_policy_says_what_it_does():
    assert {r.action for r in quality.POLICY.values()} == {"stop", "repair", "exclude", "note"}
    for rule in quality.POLICY.values():
        assert rule.problem and (rule.action == "stop" or rule.done), rule.rule
    codes = {rule for rule, _ in read.CODE_RULES.values()} - {"DfE code set"}
    assert codes | {"PROVIDER"} <= set(quality.POLICY)


def test_line_numbers_in_the_report_file_stop_at_the_limit(tmp_path):
    report = quality.Report()
    report.add("OPEN", "episodes.csv", ["DEC", "REC"], np.arange(2, quality.MAX_LINES + 12))
    row = report.table().iloc[0]
    assert row["rows"] == quality.MAX_LINES + 10 and row["lines"].endswith(" and 10 more")


# ----------------------------------------------------------------------------- the page's section

def _records(report: quality.Report, *, synthetic: bool = True, year: int = 2025):
    """What the quality section reads from Records: the report, the label and the year."""
    from types import SimpleNamespace

    return SimpleNamespace(extract=SimpleNamespace(quality=report), label="synthetic " if synthetic else "",
                           year=year)


def test_the_quality_sentences_count_each_repair_exclusion_and_note():
    from sufficiency.chapters import records_text

    report = quality.Report()
    report.add("OPEN", "2025/episodes.csv", ["DEC", "REC"], [3, 9, 12])
    report.add("356", "2025/episodes.csv", ["DECOM", "DEC"], [7])
    report.add("EMPTY", "2021/uasc.csv", [], [], rows=0)
    report.add("RETURNS", "2025/episodes.csv", ["CHILD", "DECOM"], [], rows=1885)
    report.add("LATER", "2026/episodes.csv", [], [], rows=0,
               detail="the episodes return for 2025-26 is after the edition's year to 31 March 2025")
    assert records_text.quality_sentences(_records(report)) == [
        "The synthetic extract breaks 2 of the rules this page checks. Rather than stop at the first, the page "
        "repairs 3 rows, reading each in the way the table below states, leaves out 1 row it cannot place safely "
        "and skips 1 empty file. Every figure on this page is counted after those repairs and exclusions. The "
        "council's analysts have the same list with the file and line of each row, and nothing about any child.",
        "1,885 episodes appeared in more than one year's return and were counted once, as the newest return "
        "records them. The return for 2025-26 is not read: this edition counts the years to 31 March 2025."]
    table = records_text.quality_table(_records(report))
    assert list(table.columns) == ["DfE rule number", "What was found", "What was done", "Rows"]
    assert table.values.tolist() == [
        ["none", "The episode has a reason episode ceased (REC) but no date ceased (DEC)",
         "Read as open: the reason is set aside and the episode counted as still running", "3"],
        ["356", "The episode ceased (DEC) before it started (DECOM)", "Episode left out", "1"]]


def test_a_clean_extract_says_every_row_is_counted_as_written():
    from sufficiency.chapters import records_text

    report = quality.Report()
    report.add("PARTIAL", "2025/episodes.csv", [], [], rows=0,
               detail="the return for 2024-25 holds nothing dated after September 2024: it covers part of the "
                      "year only")
    assert records_text.quality_sentences(_records(report, synthetic=False)) == [
        "Every row of the extract keeps the DfE validation rules this page checks (codes, dates, one episode at "
        "a time for each child, a header row for every child), so every row is counted as written.",
        "The return for 2024-25 holds nothing dated after September 2024: it covers part of the year only, so "
        "its year's figures count only the months it covers."]
    assert records_text.quality_table(_records(report)).empty


def test_an_unreadable_date_ceased_is_read_as_open(tmp_path):
    rows = [GOOD_A, "SYN000902,02/02/2022,S,C2,N2,U1,PR1,31/02/2024,E4A,,,,"]
    extract = read.read_extract(write(tmp_path, [CHILD_A, CHILD_B], rows))
    assert findings(extract) == {"DEC": ("repair", 1, [3])}
    assert extract.episodes["DEC"].isna().all() and extract.episodes["REC"].isna().all()


def test_a_year_without_its_header_file_uses_the_other_years_and_leaves_out_children_it_cannot_find(tmp_path):
    write(tmp_path / "FY22-23", [CHILD_A], [GOOD_A.replace("01/05/2023", "01/05/2022")])
    (tmp_path / "FY23-24").mkdir()
    (tmp_path / "FY23-24" / "Episodes.CSV").write_text(
        EPISODES + GOOD_A.replace("01/05/2023", "01/05/2022") + "\n" + GOOD_B + "\n")
    extract = read.read_extract(tmp_path)
    assert [(y, p.name) for y, p in read.find_files(tmp_path)["episodes"]] == [(2023, "episodes.csv"),
                                                                                (2024, "Episodes.CSV")]
    assert extract.episodes["CHILD"].tolist() == ["SYN000901"]
    assert [(f.rule, f.file, f.lines.tolist()) for f in extract.quality.errors()] == [
        ("LINK", "FY23-24/Episodes.CSV", [3])]


def test_an_overlap_is_repaired_by_position_when_later_episodes_were_censored(tmp_path):
    rows = ["SYN000900,02/02/2024,S,C2,N2,U1,PR1,,,,,,",           # after 31 March 2023: censored away
            "SYN000901,01/05/2022,S,C1,N1,U4,PR1,,,,,,",          # open: overlaps the next
            "SYN000901,01/08/2022,P,C1,N1,U6,PR4,01/09/2022,E4A,,,,",
            "SYN000902,02/02/2022,S,C2,N2,U1,PR1,,,,,,"]
    folder = write(tmp_path, [CHILD_A.replace("901", "900"), CHILD_A, CHILD_B], rows)
    extract = read.read_extract(folder, year=2023)
    assert findings(extract) == {"501": ("repair", 1, [4])}
    first = extract.episodes.iloc[0]
    assert first["DEC"] == pd.Timestamp(2022, 8, 1) and first["REC"] == "X1"
    assert extract.episodes["DEC"].notna().tolist() == [True, True, False]
