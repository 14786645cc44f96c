"""Reading inputs: recorded reads, clear errors, and the on-disk cache of slow loaders."""
import pytest

from sufficiency.core import files
from sufficiency.core.errors import InputError


def test_missing_and_empty_files_are_named(tmp_path):
    with pytest.raises(InputError, match="missing"):
        files.read_csv(tmp_path / "nope.csv")
    (tmp_path / "empty.csv").write_text("")
    with pytest.raises(InputError, match="empty.csv: the file is empty"):
        files.read_csv(tmp_path / "empty.csv")


def test_markers_survive_as_text(tmp_path):
    (tmp_path / "a.csv").write_text("la,value\n209,c\n210,12\n")
    assert files.read_csv(tmp_path / "a.csv")["value"].tolist() == ["c", "12"]


def test_disk_cache_reuses_until_an_input_changes_and_records_reads(tmp_path, monkeypatch):
    data = tmp_path / "input.csv"
    data.write_text("x\n1\n")
    calls = []

    @files.disk_cached(f"test-loader-{tmp_path}")  # unique per run: old runs leave their files behind
    def loader(n):
        calls.append(n)
        return int(files.read_csv(data)["x"].iloc[0]) * n

    log = tmp_path / "reads.log"
    monkeypatch.setenv(files.READS_LOG_ENV, str(log))
    assert loader(2) == 2 and loader(2) == 2
    assert calls == [2], "the second call must come from the cache"
    assert log.read_text().splitlines() == [str(data.resolve())] * 2, "a cache hit still records its reads"
    data.write_text("x\n5\n")
    assert loader(2) == 10 and calls == [2, 2], "a changed input must run the loader again"
    assert loader(3) == 15 and calls == [2, 2, 3], "other arguments are other entries"


def test_nested_cached_loaders_pass_their_reads_outwards(tmp_path, monkeypatch):
    data = tmp_path / "inner.csv"
    data.write_text("x\n3\n")

    @files.disk_cached(f"inner-{tmp_path}")
    def inner():
        return int(files.read_csv(data)["x"].iloc[0])

    @files.disk_cached(f"outer-{tmp_path}")
    def outer():
        return inner() + 1

    @files.disk_cached(f"empty-{tmp_path}")
    def reads_nothing():
        return 0

    @files.disk_cached(f"outer-empty-{tmp_path}")
    def wraps_one_that_reads_nothing():
        return reads_nothing() + 1   # two empty captures on the stack at once

    assert wraps_one_that_reads_nothing() == 1
    inner()                              # cached before the outer loader runs
    assert outer() == 4
    data.write_text("x\n7\n")
    assert outer() == 8, "the outer entry must know about the file its inner loader read"


def test_a_windows_1252_file_is_reported_at_its_row_and_column(tmp_path):
    """It used to say "byte 48" (pandas' buffer offset), with no row; the bad byte is on row 3."""
    path = tmp_path / "feedback.csv"
    path.write_bytes("id,group,point\nF01,carers,Fine\nF02,young people,Café space\n".encode("cp1252"))
    with pytest.raises(InputError) as err:
        files.read_csv(path)
    message = str(err.value)
    assert "row 3, column 'point' (byte 52 of the file)" in message, message
    assert "Windows-1252" in message and "CSV UTF-8" in message


def test_a_semicolon_separated_file_is_named_as_such(tmp_path):
    path = tmp_path / "costs.csv"
    path.write_text("period;placement_type;children\n2024-25;residential;12\n")
    with pytest.raises(InputError) as err:
        files.read_csv(path, required_columns=["period", "children"])
    assert "separated by semicolons" in str(err.value) and "Comma delimited" in str(err.value)


def test_excel_trailing_rows_of_commas_are_read_and_dropped(tmp_path):
    path = tmp_path / "costs.csv"
    path.write_text("period,children\n2024-25,12\n,\n,\n")
    frame = files.read_csv(path, required_columns=["period", "children"])
    assert frame.to_dict("records") == [{"period": "2024-25", "children": "12"}]
    path.write_text("period,children\n,\n2024-25,12\n")   # a blank row inside the table stays
    assert len(files.read_csv(path)) == 2
