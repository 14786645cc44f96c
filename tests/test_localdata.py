"""Tests for sufficiency.data.localdata: Lewisham's real files, the empty template, and
every kind of bad input an officer might type, with the message they would see."""
from __future__ import annotations

import csv
import math
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from sufficiency.core.errors import InputError
from sufficiency.core.paths import DATA_LOCAL
from sufficiency.data import localdata as ld

# ---------------------------------------------------------------- Lewisham's real values

ACTIONS_PER_AMBITION = {1: 6, 2: 6, 3: 4, 4: 10, 5: 8, 6: 11, 7: 10, 8: 12}


@pytest.fixture(scope="module")
def lewisham():
    return ld.load_local("lewisham")


def test_every_numbered_action_of_the_strategy_is_present(lewisham):
    actions = lewisham["actions"]
    assert actions.groupby("ambition").size().to_dict() == ACTIONS_PER_AMBITION
    expected = {f"{a}.{n}" for a, count in ACTIONS_PER_AMBITION.items() for n in range(1, count + 1)}
    assert set(actions["number"]) == expected
    assert set(actions["status"]) == {"not yet reviewed"}  # the council has not reviewed them yet


def test_eight_ambitions_with_titles(lewisham):
    ambitions = lewisham["ambitions"]
    assert ambitions["number"].tolist() == list(range(1, 9))
    assert ambitions["number"].dtype == "int64"
    assert ambitions.set_index("number").loc[6, "title"] == "Commissioned placements"


def test_costs_2020_21_as_published(lewisham):
    costs = lewisham["costs"].set_index("placement_type")
    assert costs.loc["residential", ["children", "weekly_cost_mode", "weekly_cost_mean"]].tolist() == [57, 3200, 4279]
    assert costs.loc["inhouse_fostering", "weekly_cost_mode"] == 438
    assert costs.loc["agency_fostering", "children"] == 212
    assert costs["weekly_cost_mean"].dtype == "float64"
    assert costs["children"].sum() == 611
    comparison = lewisham["fostering_cost_comparison"].set_index("component")["weekly_cost"]
    assert comparison.to_dict() == {"inhouse_direct": 629.0, "inhouse_full": 800.0, "agency_charge": 825.0}


def test_local_figures_keep_the_councils_own_count(lewisham):
    figures = lewisham["local_figures"].set_index(["figure_id", "period"])["value"]
    assert figures[("children_in_care_mgmt", "March 2022")] == 480
    assert figures[("bespoke_placement_weekly_cost", "2022")] == 17993
    assert figures[("iro_escalations_alerts", "2021-22")] == 177
    # referred to but not quoted: blank, read as missing, never as 0
    assert math.isnan(lewisham["local_figures"].set_index("figure_id").loc["care_proceedings_weeks", "value"])


def test_measures_blank_values_are_nan_not_zero(lewisham):
    measures = lewisham["measures"].set_index("id")
    assert measures.loc["M4.2", ["baseline_value", "target_value"]].tolist() == [30.0, 50.0]
    assert measures.loc["M4.2", "indicator"] == "share_inhouse_foster"
    assert math.isnan(measures.loc["M1.2", "baseline_value"])
    assert measures.loc["M4.7", "target_value"] == 0  # a real zero target stays zero
    assert measures.groupby("ambition").size().to_dict() == {1: 4, 2: 4, 3: 2, 4: 7, 5: 7, 6: 5, 7: 7, 8: 4}


def test_feedback_points_by_group(lewisham):
    counts = lewisham["feedback"]["group"].value_counts().to_dict()
    assert counts == {"children and young people": 16, "placement providers": 8,
                      "foster carers": 7, "independent reviewing officers": 4}


def test_pledges_six_themes(lewisham):
    pledges = lewisham["pledges"]
    assert len(pledges) == 23
    assert pledges["theme"].nunique() == 6


def test_targets_2014_long_format(lewisham):
    targets = lewisham["targets_2014"]
    foster = targets[(targets["id"] == "T01") & (targets["value_type"] == "target")]
    assert foster["value"].tolist() == [81.0]
    assert targets[targets["id"] == "T05"]["good_direction"].unique().tolist() == ["down"]


def test_scenarios_are_labelled_illustrative(lewisham):
    scenarios = lewisham["scenarios"]
    assert set(scenarios["illustrative"]) == {"yes"}
    assert scenarios["description"].str.startswith("Illustrative").all()


def test_missing_local_figures_names_the_gaps():
    gaps = ld.missing_local_figures("lewisham")
    figure_gaps = gaps[gaps["file"] == "local_figures.csv"]
    assert "care_proceedings_weeks" in set(figure_gaps["item"])
    assert not gaps["gap"].eq("the file has no rows").any()
    row = gaps[(gaps["item"] == "M1.2") & (gaps["column"] == "baseline_value")]["row"]
    assert row.tolist() == [3]  # M1.2 is the second data row: spreadsheet row 3


def test_per_file_loaders_match_load_local(lewisham):
    pd.testing.assert_frame_equal(ld.load_actions("lewisham"), lewisham["actions"])
    pd.testing.assert_frame_equal(ld.load_measures("lewisham"), lewisham["measures"])
    pd.testing.assert_frame_equal(ld.load_costs("lewisham"), lewisham["costs"])


# ---------------------------------------------------------------- the template

def test_template_loads_empty_and_matches_the_schema():
    tables = ld.load_local(ld.TEMPLATE_SLUG)
    assert set(tables) == set(ld.FILES)
    for name, frame in tables.items():
        assert frame.empty, name
        assert list(frame.columns) == [c.name for c in ld.FILES[name]]
    gaps = ld.missing_local_figures(ld.TEMPLATE_SLUG)
    assert sorted(gaps["file"]) == sorted(f"{n}.csv" for n in ld.FILES)


def test_lewisham_and_template_headers_agree():
    for name in ld.FILES:
        with open(DATA_LOCAL / "lewisham" / f"{name}.csv", encoding="utf-8") as fh:
            lew = next(csv.reader(fh))
        with open(DATA_LOCAL / ld.TEMPLATE_SLUG / f"{name}.csv", encoding="utf-8") as fh:
            tpl = next(csv.reader(fh))
        assert lew == tpl, name


def test_readme_documents_every_column():
    readme = (DATA_LOCAL / "README.md").read_text(encoding="utf-8")
    sections = re.split(r"^## ", readme, flags=re.M)
    by_file = {s.split(" ", 1)[0]: s for s in sections[1:]}
    for name, columns in ld.FILES.items():
        section = by_file[f"{name}.csv"]
        documented = re.findall(r"^\| (\w+) \|", section, flags=re.M)
        assert [c for c in documented if c != "column"] == [c.name for c in columns], name


# ---------------------------------------------------------------- bad input

@pytest.fixture
def council(tmp_path) -> Path:
    """A copy of Lewisham's files in tmp_path, to break one thing at a time."""
    shutil.copytree(DATA_LOCAL / "lewisham", tmp_path / "testshire")
    return tmp_path / "testshire"


def edit(folder: Path, name: str, row: int, column: str, value: str) -> None:
    """Set one cell, addressed as a spreadsheet would (header is row 1)."""
    path = folder / f"{name}.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    rows[row - 1][rows[0].index(column)] = value
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def message(folder: Path) -> str:
    with pytest.raises(InputError) as info:
        ld.load_local(folder.name, root=folder.parent)
    return str(info.value)


def test_renamed_column(council):
    edit(council, "actions", 1, "ambition", "ambtion")
    text = message(council)
    assert "actions.csv, header row (row 1): found no column 'ambition' (is 'ambtion' it, renamed?)" in text
    assert "expected the columns ['ambition', 'number'" in text


def test_missing_column(council):
    frame = pd.read_csv(council / "costs.csv", dtype=str).drop(columns="children")
    frame.to_csv(council / "costs.csv", index=False)
    assert "costs.csv, header row (row 1): found no column 'children'" in message(council)


def test_text_in_a_number_column(council):
    edit(council, "costs", 3, "weekly_cost_mean", "about 900")
    assert ("costs.csv, row 3, column 'weekly_cost_mean': found 'about 900'; "
            "expected a number of 0 or more, such as 438 (no £ sign), or an empty cell") in message(council)


def test_negative_count(council):
    edit(council, "costs", 2, "children", "-5")
    assert "costs.csv, row 2, column 'children': found the negative number -5; expected a whole number of 0 or more" in message(council)


def test_unknown_placement_type(council):
    edit(council, "costs", 4, "placement_type", "foster_agency")
    text = message(council)
    assert "costs.csv, row 4, column 'placement_type': found 'foster_agency'; expected one of 'inhouse_fostering'" in text


def test_unknown_ambition_in_actions(council):
    edit(council, "actions", 5, "ambition", "9")
    assert ("actions.csv, row 5, column 'ambition': found ambition 9; "
            "expected one of the ambitions in ambitions.csv: [1, 2, 3, 4, 5, 6, 7, 8]") in message(council)


def test_unknown_ambition_in_measures(council):
    edit(council, "measures", 2, "ambition", "12")
    assert "measures.csv, row 2, column 'ambition': found ambition 12" in message(council)


def test_action_number_under_the_wrong_ambition(council):
    edit(council, "actions", 2, "number", "2.9")
    assert "actions.csv, row 2, column 'number': found action 2.9 under ambition 1; expected a number starting '1.'" in message(council)


def test_duplicated_action_number(council):
    edit(council, "actions", 3, "number", "1.1")
    assert ("actions.csv, row 3, column 'number': found number '1.1' again (already on row 2); "
            "expected each number only once") in message(council)


def test_duplicated_measure_id(council):
    edit(council, "measures", 5, "id", "M1.1")
    assert "measures.csv, row 5, column 'id': found id 'M1.1' again (already on row 2)" in message(council)


def test_target_not_a_number(council):
    edit(council, "measures", 13, "target_value", "50%")
    assert ("measures.csv, row 13, column 'target_value': found '50%'; expected a number such as 75 or 1,120 "
            "(no £ or % sign), or an empty cell") in message(council)


def test_feedback_row_with_no_group(council):
    edit(council, "feedback", 7, "group", "")
    assert "feedback.csv, row 7, column 'group': found an empty cell; expected one of 'placement providers'" in message(council)


def test_unknown_feedback_group(council):
    edit(council, "feedback", 4, "group", "Foster Carer")
    text = message(council)
    assert "feedback.csv, row 4, column 'group': found 'Foster Carer'; expected one of" in text
    assert "Did you mean 'foster carers'?" in text


def test_empty_file(council):
    (council / "pledges.csv").write_text("", encoding="utf-8")
    assert "pledges.csv: the file is empty" in message(council)


def test_unquoted_comma_in_a_text_cell(council):
    path = council / "actions.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = "1,1.2,Short breaks, and respite,,,done,,,§8"  # row 3 gains a tenth field
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    text = message(council)
    assert "actions.csv: the file cannot be read as CSV" in text
    assert "saw 10" in text
    assert "A text cell that contains a comma must be wrapped in double quotes" in text


def test_missing_file_points_at_the_template(council):
    (council / "scenarios.csv").unlink()
    assert "scenarios.csv: the file is missing. Copy it from" in message(council)


def test_unknown_indicator(council):
    edit(council, "measures", 2, "indicator", "local:no_such_figure")
    assert ("measures.csv, row 2, column 'indicator': found 'local:no_such_figure'; "
            "expected a figure_id in local_figures.csv after 'local:'") in message(council)


def test_unknown_council(tmp_path):
    (tmp_path / "lewisham").mkdir()
    with pytest.raises(InputError, match=r"no folder of local data for this council; expected one of \['lewisham'\]"):
        ld.local_dir("nowhere", root=tmp_path)


# ---------------------------------------------------------------- values are read faithfully

def test_free_text_verbatim_and_numbers_with_commas(council):
    odd = "  Carers said <b>'home'</b> & NA, not \"placement\"  "
    edit(council, "feedback", 2, "point", odd)
    edit(council, "feedback", 2, "theme", "")
    edit(council, "costs", 4, "weekly_cost_mode", "1,120")
    tables = ld.load_local(council.name, root=council.parent)
    assert tables["feedback"].loc[0, "point"] == odd
    assert math.isnan(tables["feedback"].loc[0, "theme"])
    assert tables["costs"].loc[2, "weekly_cost_mode"] == 1120.0


def test_choices_are_case_and_space_tolerant(council):
    edit(council, "actions", 2, "status", " On Track ")
    actions = ld.load_local(council.name, root=council.parent)["actions"]
    assert actions.loc[0, "status"] == "on track"


# ---------------------------------------------------------------- action statuses and strategy periods

def test_a_status_the_build_does_not_know_is_refused_in_one_paragraph(council):
    edit(council, "actions", 12, "status", "Complete")
    assert message(council) == (
        f"{council}/actions.csv, row 12, column 'status': found 'Complete'; expected one of 'done', 'on track', "
        "'delayed', 'not started', 'dropped', 'not yet reviewed', or an empty cell. The word 'complete' is no "
        "longer used: write 'done'.")


def test_a_misspelt_status_gets_a_suggestion(council):
    edit(council, "actions", 3, "status", "delayd")
    assert "row 3, column 'status': found 'delayd'" in message(council)
    assert message(council).endswith("Did you mean 'delayed'?")


def test_an_empty_status_reads_not_yet_reviewed(council):
    edit(council, "actions", 2, "status", "")
    edit(council, "actions", 3, "status", "dropped")
    actions = ld.load_local(council.name, root=council.parent)["actions"]
    assert actions["status"].iloc[:3].tolist() == ["not yet reviewed", "dropped", "not yet reviewed"]


def test_files_without_the_later_optional_columns_still_load(council):
    frame = pd.read_csv(council / "ambitions.csv", dtype=str).drop(columns="written")
    frame.to_csv(council / "ambitions.csv", index=False)
    ambitions = ld.load_local(council.name, root=council.parent)["ambitions"]
    assert list(ambitions.columns) == [c.name for c in ld.FILES["ambitions"]]
    assert ambitions["written"].isna().all()


def test_the_strategy_period_and_no_earlier_one():
    assert ld.current_period("lewisham") == "2022-25"
    assert ld.current_period("greenwich") is None
    assert ld.previous_periods("lewisham") == []


def test_a_council_without_strategy_csv_has_no_period(council):
    (council / "strategy.csv").unlink()
    assert ld.current_period(council.name, root=council.parent) is None


def test_an_earlier_strategy_is_loaded_and_checked(council):
    earlier = council / "previous" / "2019-22"
    earlier.mkdir(parents=True)
    for name in ld.PLAN_FILES:
        shutil.copy(council / f"{name}.csv", earlier / f"{name}.csv")
    assert ld.previous_periods(council.name, root=council.parent) == ["2019-22"]
    old = ld.load_previous(council.name, "2019-22", root=council.parent)
    assert len(old["actions"]) == 67
    edit(earlier, "actions", 5, "status", "in progress")
    with pytest.raises(InputError) as info:
        ld.load_previous(council.name, "2019-22", root=council.parent)
    assert "previous/2019-22/actions.csv, row 5, column 'status': found 'in progress'" in str(info.value)
    assert str(info.value).endswith("write 'on track' or 'delayed'.")
    with pytest.raises(InputError, match=r"previous/2019-22/actions.csv, row 5, column 'status'"):
        ld.load_local(council.name, root=council.parent)    # the check that runs before a build


def test_write_table_round_trips(council, tmp_path):
    measures = ld.load_local(council.name, root=council.parent)["measures"]
    ld.write_table(council, "measures", measures)
    again = ld.load_local(council.name, root=council.parent)["measures"]
    pd.testing.assert_frame_equal(again, measures)
    assert "M4.2,4,Half of fostered children" in (council / "measures.csv").read_text(encoding="utf-8")


# ---------------------------------------------------------------- what Excel does to a CSV

def test_windows_1252_csv_is_read(council):
    path = council / "feedback.csv"
    text = path.read_text(encoding="utf-8").replace("Training", "Training (£40 a session)", 1)
    path.write_bytes(text.encode("cp1252", errors="replace"))
    feedback = ld.load_local(council.name, root=council.parent)["feedback"]
    assert feedback["point"].str.contains("£40 a session", regex=False).sum() == 1


def test_semicolon_csv_with_a_byte_order_mark_and_a_row_of_semicolons(council):
    frame = pd.read_csv(council / "pledges.csv", dtype=str, keep_default_na=False)
    text = frame.to_csv(index=False, sep=";", lineterminator="\r\n") + ";;;\r\n"
    (council / "pledges.csv").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    pledges = ld.load_local(council.name, root=council.parent)["pledges"]
    assert len(pledges) == 23
    assert pledges["number"].tolist() == list(range(1, 24))


def test_a_decimal_comma_is_named(council):
    edit(council, "costs", 3, "weekly_cost_mean", "963,5")
    assert message(council).endswith("found '963,5'; expected a number of 0 or more, such as 438 (no £ sign), or an "
                                     "empty cell. Write decimals with a point, such as 13.5, not a comma.")


def test_bytes_that_are_no_known_encoding_are_named(council):
    (council / "pledges.csv").write_bytes(b"number,theme,pledge,source_section\n1,a\x81b,c,d\n")
    assert message(council) == (f"{council}/pledges.csv, row 2, column 'theme' (byte 39 of the file): "
                                "the file is neither UTF-8 nor Windows-1252 text; expected a CSV file saved as "
                                "'CSV UTF-8'. Save the file again as 'CSV UTF-8'.")
