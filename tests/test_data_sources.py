"""The data-sources appendix lists every source folder of the manifest with notes and quality."""
from sufficiency.chapters import data_sources
from sufficiency.core.paths import DATA_RAW


def test_every_raw_folder_has_a_row_and_a_note():
    summary = data_sources.source_summary(2025)
    folders = sorted(p.name for p in DATA_RAW.iterdir() if p.is_dir())
    assert sorted(summary["folder"]) == folders
    notes = data_sources.source_notes()
    assert set(folders) <= set(notes), "write a note in source_notes.yml for every new source"
    assert all(notes[f]["caveats"] for f in folders)


def test_summary_counts_data_files_not_provenance_notes():
    summary = data_sources.source_summary(2025).set_index("folder")
    assert summary.loc["lait", "files"] == 3          # long file, dictionary, LA code list
    assert summary.loc["cla_dfe_ees", "quality"] == "A"


def test_local_files_for_a_council_without_a_folder_say_so():
    text = data_sources.local_files_markdown("203")
    assert "has not supplied its own files" in text and "data/local/greenwich" in text
