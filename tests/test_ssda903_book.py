"""What the record-level pages show: only suppressed values, labelled synthetic when they are."""
from __future__ import annotations

import pandas as pd
import pytest

from sufficiency.records import book, disclosure, synthetic


@pytest.fixture(scope="module")
def records(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lewisham")
    synthetic.generate(folder, la_code="209", year=2025, years=6, seed=0)
    return book.load(folder, la_code="209", council_name="Lewisham", year=2025)


def test_years_are_those_the_annual_files_cover(records):
    assert records.years == [2021, 2022, 2023, 2024, 2025]
    assert records.synthetic


def test_published_values_never_show_a_count_of_1_to_5(records):
    values = pd.to_numeric(records.safe["value"], errors="coerce")
    counts = ~records.safe["measure"].isin(list(disclosure.DERIVED_FROM))
    assert not ((values >= 1) & (values <= 5) & counts).any()
    assert (records.safe["value"] == "c").any()   # the synthetic extract has small cells to hide


def test_by_year_table_puts_the_total_last_and_keeps_markers(records):
    table = records.by_year("cla_by_placement_type", name="Placement type")
    assert list(table.columns) == ["Placement type", "2021", "2022", "2023", "2024", "2025"]
    assert table.iloc[-1]["Placement type"] == "All children"
    assert table.iloc[-1]["2025"] == records.value("cla_31_march")
    assert table.iloc[-1]["2025"] == "438"   # fitted to Lewisham's published 439 on 31 March 2025
    assert "c" in set(table.drop(columns="Placement type").to_numpy().ravel())


def test_percentages_of_hidden_counts_are_hidden():
    assert book.percent_text("37", "439") == "8%"
    assert book.percent_text("c", "439") == "c"
    assert book.percent_text("12", "c") == "c"
    assert book.percent_text("0", "0") == "z"


def test_every_page_element_says_synthetic(records):
    assert "Synthetic data: no real children" in str(records.banner())
    assert records.source.startswith("SYNTHETIC SSDA903 extract")
    fig, data, alt = book.breakdown_figure(records, "cla_by_placement_type", title="t", what="children")
    assert "synthetic records" in alt
    assert "c" in set(data["children"])          # hidden cells stay 'c' in the chart's numbers
    assert "SYNTHETIC" in fig.axes[0].get_title()


def test_transition_rows_are_suppressed_so_a_hidden_cell_cannot_be_worked_out(records):
    table = book.transition_summary(records)
    cells = table.columns[2:]
    for _, row in table.iterrows():
        hidden = [c for c in cells if row[c] == "c"]
        assert len(hidden) != 1, f"a single hidden cell in {row['Placement on 31 March']} could be recovered"
        shown = pd.to_numeric(pd.Series([row[c] for c in cells]), errors="coerce")
        assert not ((shown >= 1) & (shown <= 5)).any()
        if not hidden:
            assert shown.sum() == int(row["Children"])


def test_projection_table_suppresses_small_forecasts(records):
    projected = book.projection(records)
    table = book.projection_table(records, projected, "projected_cla_by_placement_type", name="Placement type")
    assert list(table.columns) == ["Placement type", "31 March 2026", "31 March 2027", "31 March 2028"]
    values = pd.to_numeric(pd.Series(table.drop(columns="Placement type").to_numpy().ravel()), errors="coerce")
    assert not ((values >= 1) & (values <= 5)).any()
    total = table[table["Placement type"] == "All children"]["31 March 2026"].iloc[0]
    assert 380 <= int(total) <= 500   # about the 438 looked after now: a stable synthetic history


def test_a_real_extract_is_not_called_synthetic(records, tmp_path):
    folder = tmp_path / "real"
    for path in records.extract.files:
        target = folder / path.parent.name / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        text = path.read_text().replace("SYN", "LA0")
        target.write_text(text)
    real = book.load(folder, la_code="209", council_name="Lewisham", year=2025)
    assert not real.synthetic
    assert "SYNTHETIC" not in real.source
    assert "From the council's own records" in str(real.banner())


def test_an_extract_that_stops_before_the_edition_year_is_refused(tmp_path):
    from sufficiency.core.errors import InputError

    synthetic.generate(tmp_path, la_code="209", year=2023, years=2, seed=4)
    with pytest.raises(InputError) as caught:
        book.load(tmp_path, la_code="209", council_name="Lewisham", year=2025)
    assert "stops before the year to 31 March 2025" in str(caught.value)
    assert "newest return is for 2023" in str(caught.value)
    assert book.load(tmp_path, la_code="209", council_name="Lewisham", year=2023).years == [2022, 2023]


def test_years_without_enough_history_show_x_for_durations(records):
    durations = records.safe[records.safe["measure"] == "cla_by_duration"]
    by_year = durations.groupby("year")["value"].apply(set)
    assert by_year[2021] == {"x"} and by_year[2023] == {"x"}      # stocks complete from 2019 only
    assert "x" not in by_year[2024] and "x" not in by_year[2025]
    assert "x" not in set(records.safe.loc[records.safe["measure"] == "cla_31_march", "value"])


def test_one_annual_return_gives_one_year_and_every_sentence(tmp_path):
    synthetic.generate(tmp_path, la_code="209", year=2025, years=1, seed=5)
    one = book.load(tmp_path, la_code="209", council_name="Lewisham", year=2025)
    assert one.years == [2025]
    assert one.value("ceased_median_days_in_care") == "x"       # no history before the return
    for sentences in (book.coverage_sentences, book.cla_sentences, book.flow_sentences,
                      book.stability_sentences, book.distance_sentences, book.transition_sentences):
        assert all(isinstance(text, str) and text for text in sentences(one))
    assert "Half of those who left" not in book.flow_sentences(one)[0]


def test_a_hidden_forecast_group_cannot_be_worked_out_from_the_total(records):
    from types import SimpleNamespace

    projected = pd.DataFrame({"year": 2026, "measure": "projected_cla_by_placement_type",
                              "breakdown": ["", "Foster", "Children's homes", "Supported/independent", "With parents"],
                              "value": [100.0, 60.0, 37.0, 3.0, 0.0]})
    no_published = SimpleNamespace(results={}, frame=lambda measure: None)
    table = book.side_by_side(records, projected, no_published).set_index("31 March forecast for")
    shown = table["2026: council records"]
    assert shown["Semi-independent and supported"] == "c"
    assert shown["Children's homes"] == "c"          # else 100 - 60 - 37 - 0 gives the hidden 3 away
    assert shown["Foster care"] == "60" and shown["Other placements"] == "0"
    assert shown["All children looked after"] == "100"
