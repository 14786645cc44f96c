"""The data-sources appendix (sufficiency.chapters.data_sources): every source folder of the manifest with
its notes and quality, the sentence and tables the page prints, and the state of a council's own files."""
import pandas as pd

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


def lait_and_dashboard():
    """Two rows of the real summary (data/manifest.csv and source_notes.yml), as the page's functions take them."""
    summary = data_sources.source_summary(2025).set_index("folder")
    return summary.loc[["lait", "cla_dfe_csc_dashboard"]].reset_index()


def test_summary_sentence_in_words():
    assert data_sources.summary_sentence(lait_and_dashboard(), 2025) == (
        "The book reads 7 published files from 2 sources (6.4 MiB in all). This edition uses figures up to "
        "31 March 2025 and ignores anything later in the same files.")
    many = pd.DataFrame({"files": [1200, 34], "bytes": [2**30, 2**20]})
    assert data_sources.summary_sentence(many, 2022).startswith(
        "The book reads 1,234 published files from 2 sources (1,025.0 MiB in all). This edition uses figures up "
        "to 31 March 2022")


def test_summary_table_for_readers():
    table = data_sources.summary_table(lait_and_dashboard())
    assert table.iloc[0].to_dict() == {
        "Source": "DfE, Local Authority Interactive Tool (LAIT)", "Folder": "data/raw/lait",
        "Coverage": "2016-2025; current LAs", "Licence": "Open Government Licence v3.0", "Quality": "B",
        "Used for": "series from 2016, foster places, Section 251 weekly unit costs, polarity used for quartile bands"}


def test_caveats_are_escaped_with_their_quality():
    assert data_sources.caveats_markdown(lait_and_dashboard().iloc[:1]) == (
        "**DfE\\, Local Authority Interactive Tool \\(LAIT\\)** (quality B)\n\n"
        "- LAIT republishes figures from many DfE\\, ONS and Ofsted sources\\; a dash marks a missing or "
        "suppressed value\\.\n"
        "- Percentages are rounded to whole numbers\\, and some values carry binary rounding artefacts that the "
        "loaders remove\\.")
    no_caveats = lait_and_dashboard().iloc[:1].assign(caveats=[[]])
    assert data_sources.caveats_markdown(no_caveats).endswith("(quality B)\n\n- No known caveats.")


def test_local_files_for_a_council_without_a_folder_say_so():
    assert data_sources.local_files_markdown("203") == (
        "Greenwich has not supplied its own figures yet, so the chapters that need them say which are missing.")


def test_local_files_of_lewisham_with_their_rows():
    text = data_sources.local_files_markdown("209")
    assert "| What the council supplied | Rows | State |\n| --- | --- | --- |\n" in text
    assert "| Weekly costs by type of home | 7 | filled |" in text
    assert "| What children\\, carers and providers said | 35 | filled |" in text
    assert ".csv" not in text and "data\\/local" not in text, "the page names no files"


def test_an_empty_file_is_said_to_show_no_data(tmp_path, monkeypatch):
    folder = tmp_path / "greenwich"
    folder.mkdir()
    (folder / "costs.csv").write_text("price_year,placement_type\n2020-21,residential\n")
    (folder / "feedback.csv").write_text("id,group,point\n")
    monkeypatch.setattr(data_sources, "DATA_LOCAL", tmp_path)
    monkeypatch.setattr(data_sources.localdata, "DATA_LOCAL", tmp_path)
    assert data_sources.local_files_markdown("203").split("\n\n")[1] == (
        "| What the council supplied | Rows | State |\n| --- | --- | --- |\n"
        "| Weekly costs by type of home | 1 | filled |\n"
        "| What children\\, carers and providers said | 0 | empty\\: the book shows no data for it |")
