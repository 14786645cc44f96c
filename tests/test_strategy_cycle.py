"""Tests for sufficiency.measures.strategy_cycle: starting the 2025-28 strategy from Lewisham's
2022-25 one (in a copy of its files), the cells left to decide, and every refusal in one paragraph."""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from sufficiency.core.errors import InputError
from sufficiency.core.paths import DATA_LOCAL
from sufficiency.data import localdata as ld
from sufficiency.measures import review
from sufficiency.measures import strategy_cycle as sc


def copy_of_lewisham(root: Path) -> Path:
    shutil.copytree(DATA_LOCAL / "lewisham", root / "lewisham")
    return root / "lewisham"


@pytest.fixture(scope="module")
def started(tmp_path_factory):
    """Lewisham's files after two actions were reviewed and the next strategy was started."""
    root = tmp_path_factory.mktemp("cycle")
    folder = copy_of_lewisham(root)
    actions = pd.read_csv(folder / "actions.csv", dtype=str, keep_default_na=False)
    actions.loc[actions["number"] == "1.1", ["status", "progress_note"]] = ["done", "Protocol in use"]
    actions.loc[actions["number"] == "4.2", ["status", "lead"]] = ["delayed", "Head of Fostering"]
    actions.loc[actions["number"] == "6.3", "status"] = "dropped"
    actions.to_csv(folder / "actions.csv", index=False)
    result = sc.new_strategy("209", "2022-25", "2025-28", local_root=root)
    return root, folder, result


@pytest.mark.slow
def test_the_old_strategy_is_kept_as_it_stood(started):
    root, folder, result = started
    assert result.previous == folder / "previous" / "2022-25"
    assert ld.previous_periods("lewisham", root=root) == ["2022-25"]
    old = ld.load_previous("lewisham", "2022-25", root=root)
    assert old["strategy"]["period"].tolist() == ["2022-25"]
    assert len(old["actions"]) == 67 and len(old["measures"]) == 40
    pd.testing.assert_frame_equal(old["measures"], ld.load_measures("lewisham"))
    statuses = old["actions"].set_index("number")["status"]
    assert statuses[["1.1", "4.2", "6.3", "8.12"]].tolist() == ["done", "delayed", "dropped", "not yet reviewed"]


@pytest.mark.slow
def test_open_actions_are_carried_with_lead_status_and_note(started):
    root, folder, result = started
    assert (result.actions_carried, result.actions_closed, result.measures_carried) == (65, 2, 40)
    actions = ld.load_actions("lewisham", root=root).set_index("number")
    assert "1.1" not in actions.index and "6.3" not in actions.index
    assert actions.loc["4.2", ["lead", "status", "carried_from"]].tolist() == ["Head of Fostering", "delayed", "4.2"]
    assert actions["due"].isna().all()
    assert ld.current_period("lewisham", root=root) == "2025-28"


@pytest.mark.slow
def test_measures_are_carried_with_baselines_recomputed_and_targets_to_fill(started):
    root, folder, result = started
    measures = ld.load_measures("lewisham", root=root).set_index("id")
    # M4.1 share in foster care: 2022-25 baseline 80 (March 2022); DfE's latest, 68% at 31 March 2025
    assert measures.loc["M4.1", ["baseline_value", "baseline_year", "target_year"]].tolist() == [68.0, "2025", "2027-28"]
    assert measures.loc["M1.3", ["baseline_value", "baseline_year"]].tolist() == [71.0, "2025"]
    # a local figure with no later value keeps its own baseline
    assert measures.loc["M4.3", ["baseline_value", "baseline_year"]].tolist() == [76.0, "2021-22"]
    # nothing measures M8.1: no baseline is invented
    assert measures.loc["M8.1", ["baseline_value", "baseline_year"]].isna().all()
    assert measures["target_value"].isna().all()


@pytest.mark.slow
def test_the_review_then_shows_the_earlier_strategy(started):
    root, _, _ = started
    plan = review.reviewed_plan("209", local_root=root)
    assert (plan.period, plan.earlier) == ("2022-25", True)
    assert review.not_yet_reviewed_count("209", local_root=root) == 64
    assert review.status_counts(plan.actions)["done"] == 1


@pytest.mark.slow
def test_cells_still_to_decide_after_the_start(started):
    root, folder, result = started
    cells = result.to_decide
    assert cells.groupby("what").size().to_dict() == {
        "how far the action got": 64, "the target for the new strategy": 40, "when it is due": 65,
        "when its narrative was brought up to date": 8, "who leads it": 64}
    first = cells.iloc[0]
    assert first.tolist() == [str(folder / "previous" / "2022-25" / "actions.csv"), "row 3, column 'status'",
                              "action 1.2", "how far the action got"]
    text = sc.to_decide_text(cells, limit=2)
    assert text == (f"241 cells still to decide:\n"
                    f"  {folder}/previous/2022-25/actions.csv, row 3, column 'status': action 1.2, how far the action got\n"
                    f"  {folder}/previous/2022-25/actions.csv, row 4, column 'status': action 1.3, how far the action got\n"
                    f"  … and 239 more.")


@pytest.mark.slow
def test_starting_the_same_strategy_twice_is_refused(started):
    root, folder, _ = started
    with pytest.raises(InputError) as info:
        sc.new_strategy("209", "2022-25", "2025-28", local_root=root)
    assert str(info.value).startswith(f"{folder}/strategy.csv, row 2, column 'period': found '2025-28'; "
                                      "expected '2022-25', the strategy given after --from.")


def test_cells_to_decide_in_lewishams_own_files():
    cells = sc.cells_to_decide("209")
    assert len(cells) == 67
    assert cells.iloc[0].tolist() == [str(DATA_LOCAL / "lewisham" / "actions.csv"), "row 2, column 'status'",
                                      "action 1.1", "how far the action got"]
    assert sc.cells_to_decide("203").empty        # Greenwich has no files of its own


def test_a_from_period_that_is_not_the_current_one_is_refused(tmp_path):
    copy_of_lewisham(tmp_path)
    with pytest.raises(InputError) as info:
        sc.new_strategy("209", "2021-24", "2025-28", local_root=tmp_path)
    assert str(info.value) == (f"{tmp_path}/lewisham/strategy.csv, row 2, column 'period': found '2022-25'; "
                               "expected '2021-24', the strategy given after --from. The current strategy is "
                               "2022-25: start the next one with --from 2022-25.")
    assert not (tmp_path / "lewisham" / "previous").exists()


def test_periods_are_checked(tmp_path):
    copy_of_lewisham(tmp_path)
    with pytest.raises(InputError, match=r"^--period: found '2025-2028'; expected a strategy period such as 2025-28\.$"):
        sc.new_strategy("209", "2022-25", "2025-2028", local_root=tmp_path)
    with pytest.raises(InputError, match=r"^--period: found '2021-24'; expected a period that starts after 2022-25 does\.$"):
        sc.new_strategy("209", "2022-25", "2021-24", local_root=tmp_path)


def test_an_earlier_strategy_already_kept_is_not_overwritten(tmp_path):
    folder = copy_of_lewisham(tmp_path)
    (folder / "previous" / "2022-25").mkdir(parents=True)
    with pytest.raises(InputError) as info:
        sc.new_strategy("209", "2022-25", "2025-28", local_root=tmp_path)
    assert str(info.value) == (f"{folder}/previous/2022-25: an earlier strategy is already kept here; expected no "
                               "folder for this period. The new strategy has been started already; move the "
                               "folder away to start again.")


@pytest.mark.slow
def test_a_plan_kept_in_a_workbook_is_started_in_the_workbook(tmp_path):
    from openpyxl import load_workbook
    folder = tmp_path / "lewisham"
    folder.mkdir()
    ld.write_template_workbook(folder / "lewisham.xlsx", "lewisham")
    result = sc.new_strategy("209", "2022-25", "2025-28", local_root=tmp_path)
    assert sorted(p.name for p in folder.iterdir()) == ["lewisham.xlsx", "previous"]
    assert sorted(p.name for p in result.previous.iterdir()) == [
        "actions.csv", "ambitions.csv", "measures.csv", "strategy.csv"]
    book = load_workbook(folder / "lewisham.xlsx")
    assert book.sheetnames == ["notes", "lists", *ld.FILES]      # same sheets, same order
    assert book["strategy"]["A2"].value == "2025-28"
    (status,) = book["actions"].data_validations.dataValidation  # the drop-down list survives
    assert str(status.sqref) == "F2:F1000"
    tables = ld.load_local("lewisham", root=tmp_path)
    assert tables["measures"].set_index("id").loc["M4.1", ["baseline_value", "target_year"]].tolist() == [68.0, "2027-28"]
    assert tables["actions"]["carried_from"].notna().all() and len(tables["actions"]) == 67
    pd.testing.assert_frame_equal(tables["costs"], ld.load_costs("lewisham"))   # other sheets untouched
    assert sc.cells_to_decide("209", local_root=tmp_path).iloc[-1]["cell"] == "sheet ambitions, cell E9 (column 'written')"


def test_a_bad_status_stops_the_start_before_anything_is_written(tmp_path):
    folder = copy_of_lewisham(tmp_path)
    text = (folder / "actions.csv").read_text(encoding="utf-8").replace("not yet reviewed", "finished", 1)
    (folder / "actions.csv").write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=r"actions.csv, row 2, column 'status': found 'finished'"):
        sc.new_strategy("209", "2022-25", "2025-28", local_root=tmp_path)
    assert not (folder / "previous").exists()


def test_target_year_for_a_period():
    assert [sc.target_year_for(p) for p in ("2025-28", "2098-01")] == ["2027-28", "2100-01"]
