"""Reading inputs: recorded reads, clear errors, and the on-disk cache of slow loaders."""
import pytest

from sufficiency import io
from sufficiency.errors import InputError


def test_missing_and_empty_files_are_named(tmp_path):
    with pytest.raises(InputError, match="missing"):
        io.read_csv(tmp_path / "nope.csv")
    (tmp_path / "empty.csv").write_text("")
    with pytest.raises(InputError, match="empty.csv: the file is empty"):
        io.read_csv(tmp_path / "empty.csv")


def test_markers_survive_as_text(tmp_path):
    (tmp_path / "a.csv").write_text("la,value\n209,c\n210,12\n")
    assert io.read_csv(tmp_path / "a.csv")["value"].tolist() == ["c", "12"]


def test_disk_cache_reuses_until_an_input_changes_and_records_reads(tmp_path, monkeypatch):
    data = tmp_path / "input.csv"
    data.write_text("x\n1\n")
    calls = []

    @io.disk_cached(f"test-loader-{tmp_path.name}")
    def loader(n):
        calls.append(n)
        return int(io.read_csv(data)["x"].iloc[0]) * n

    log = tmp_path / "reads.log"
    monkeypatch.setenv(io.READS_LOG_ENV, str(log))
    assert loader(2) == 2 and loader(2) == 2
    assert calls == [2], "the second call must come from the cache"
    assert log.read_text().splitlines() == [str(data.resolve())] * 2, "a cache hit still records its reads"
    data.write_text("x\n5\n")
    assert loader(2) == 10 and calls == [2, 2], "a changed input must run the loader again"
    assert loader(3) == 15 and calls == [2, 2, 3], "other arguments are other entries"
