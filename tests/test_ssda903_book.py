"""What the record-level pages show: only suppressed values, labelled synthetic when they are."""
from __future__ import annotations

import pandas as pd
import pytest

from sufficiency.chapters import records_text
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
    assert records_text.percent_text("37", "439") == "8%"
    assert records_text.percent_text("c", "439") == "c"
    assert records_text.percent_text("12", "c") == "c"
    assert records_text.percent_text("0", "0") == "z"


def test_every_page_element_says_synthetic(records):
    assert "Synthetic data: no real children" in str(records.banner())
    assert records.source.startswith("SYNTHETIC SSDA903 extract")
    fig, data, alt = records_text.breakdown_figure(records, "cla_by_placement_type", title="t", what="children")
    assert "synthetic records" in alt
    assert "c" in set(data["children"])          # hidden cells stay 'c' in the chart's numbers
    assert "SYNTHETIC" in fig.axes[0].get_title(loc="left")      # the theme sets titles flush left


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
    for sentences in (records_text.coverage_sentences, records_text.cla_sentences, records_text.flow_sentences,
                      records_text.stability_sentences, records_text.distance_sentences, records_text.transition_sentences):
        assert all(isinstance(text, str) and text for text in sentences(one))
    assert "Half of those who left" not in records_text.flow_sentences(one)[0]


def test_a_hidden_forecast_group_cannot_be_worked_out_from_the_total(records):
    from types import SimpleNamespace

    projected = pd.DataFrame({"year": 2026, "measure": "projected_cla_by_placement_type",
                              "breakdown": ["", "Foster", "Children's homes", "Supported/independent", "With parents"],
                              "value": [100.0, 60.0, 37.0, 3.0, 0.0]})
    no_published = SimpleNamespace(results={}, frame=lambda measure: None)
    table = records_text.side_by_side(records, projected, no_published).set_index("31 March forecast for")
    shown = table["2026: council records"]
    assert shown["Semi-independent and supported"] == "c"
    assert shown["Children's homes"] == "c"          # else 100 - 60 - 37 - 0 gives the hidden 3 away
    assert shown["Foster care"] == "60" and shown["Other placements"] == "0"
    assert shown["All children looked after"] == "100"


# ----------------------------------------------------------------------------- sentences, on known counts
#
# A council's published-style counts for the years to 31 March 2024 and 2025, as the page gets them after
# suppression. The counts are Lewisham's as DfE published them for 2025 (children looked after, placement
# types, starters, leavers, locality, distance, stability); the number of moves, the median days in care
# and the median distance are not published for councils, so those three are illustrative.

LEWISHAM_2025 = {
    ("cla_31_march", ""): "439",
    ("cla_by_placement_type", "Foster placements"): "300",
    ("cla_by_placement_type", "Placed for adoption"): "c",
    ("cla_by_placement_type", "Placed with parents or other person with parental responsibility"): "12",
    ("cla_by_placement_type", "Independent and semi-independent living arrangements/supported accommodation"): "39",
    ("cla_by_placement_type", "Secure homes and children's homes"): "51",
    ("cla_by_placement_type", "Other residential settings"): "15",
    ("cla_by_placement_type", "Residential schools"): "c",
    ("cla_by_placement_type", "Other placements"): "19",
    ("cla_by_placement_type", ""): "439",
    ("starters", ""): "166",
    ("ceased", ""): "182",
    ("ceased_median_days_in_care", ""): "409",
    ("ceased_by_reason", "Adopted"): "14",
    ("ceased_by_reason", "Special guardianship order"): "22",
    ("ceased_by_reason", "Returned home to live with parents or relatives"): "13",
    ("ceased_by_reason", "Left to live with parents, relatives or others without parental responsibility"): "44",
    ("ceased_by_reason", "Moved into independent living"): "35",
    ("ceased_by_reason", ""): "182",
    ("placement_moves", ""): "170",
    ("stability_3_plus_placements", ""): "37",
    ("stability_3_plus_placements_total", ""): "439",
    ("stability_long_term", ""): "78",
    ("stability_long_term_total", ""): "121",
    ("cla_by_locality", "Placed inside the local authority boundary"): "149",
    ("cla_by_locality", "Placed outside the local authority boundary"): "290",
    ("cla_by_locality", ""): "439",
    ("cla_by_distance", "Placed 20 miles or less from home"): "321",
    ("cla_by_distance", "Placed more than 20 miles from home"): "76",
    ("cla_by_distance", "Distance not known or not recorded"): "42",
    ("cla_by_distance", ""): "439",
    ("cla_median_distance_miles", ""): "7",
}


def known_records(changes: dict | None = None, *, synthetic: bool = False, short_2024: bool = False) -> book.Records:
    from types import SimpleNamespace

    values = LEWISHAM_2025 | (changes or {})
    rows = [{"year": 2025, "measure": m, "breakdown": b, "value": v} for (m, b), v in values.items()]
    rows += [{"year": 2024, "measure": "cla_31_march", "breakdown": "", "value": "453"},
             {"year": 2024, "measure": "cla_by_duration", "breakdown": "Under 1 year",
              "value": "x" if short_2024 else "120"}]
    return book.Records(council_name="Lewisham", la_code="209", year=2025, years=[2024, 2025],
                        extract=SimpleNamespace(files=["header", "episodes"] * 3), prepared=None, counts=None,
                        safe=pd.DataFrame(rows), synthetic=synthetic)


def test_coverage_sentences():
    assert records_text.coverage_sentences(known_records()) == [
        "The extract read for this edition has 6 files. This page counts the 2 years ending 31 March 2024 to "
        "2025: each year's figures use only what was recorded by 31 March of that year, so they can be set beside "
        "what DfE published at the time. Children looked after under a series of short breaks are left out of "
        "every count, as in DfE's figures. In the tables, c marks a number hidden to protect children's privacy: "
        "a count of 1 to 5, or another cell hidden so that such a count cannot be worked out."]
    text = records_text.coverage_sentences(known_records(synthetic=True, short_2024=True))[0]
    assert text.startswith("The synthetic extract read for this edition has 6 files.")
    assert ("Because the extract is synthetic, the figures below show how the page works, not how Lewisham's "
            "children live.") in text
    assert ("For the year to 31 March 2024 the extract does not reach far enough back to see how long children "
            "had been in care or in their placement, so those figures show x (not available) rather than numbers "
            "that would be too low.") in text


def test_cla_sentences():
    assert records_text.cla_sentences(known_records()) == [
        "On 31 March 2025 the records show 439 children looked after. On 31 March 2024 they showed 453 children. "
        "The most common placement was foster placements: 300 children (68% of all those looked after). The "
        "counts for 2 of the placement types are hidden (c) to protect children's privacy."]
    assert records_text.cla_sentences(known_records({("cla_31_march", ""): "c"}, synthetic=True))[0].startswith(
        "On 31 March 2025 the synthetic records show a hidden number of children looked after.")


def test_flow_sentences():
    assert records_text.flow_sentences(known_records()) == [
        "In the year to 31 March 2025, 166 children started to be looked after and 182 children ceased to be looked "
        "after (a child is counted once however many times they started or left). Half of those who left had been "
        "looked after for 409 days or fewer. The most common way care ended was: left to live with parents\\, "
        "relatives or others without parental responsibility (44 children)."]    # escaped for MyST
    assert "Half of those who left" not in records_text.flow_sentences(known_records({("ceased_median_days_in_care", ""): "x"}))[0]


def test_stability_sentences():
    assert records_text.stability_sentences(known_records()) == [
        "In the year to 31 March 2025 the records show 170 moves from one placement to another (moves into and out "
        "of short temporary placements are not counted, as DfE does not count them). 8% of the children looked "
        "after on 31 March had lived in three or more placements during the year; DfE counts this as instability, "
        "so a lower share is better. Of the children under 16 looked after for two and a half years or more, 64% "
        "had been in the same placement for at least two years; a higher share is better. DfE now counts the same "
        "carer rather than the same placement for long-term stability; an extract does not identify carers, so "
        "this page counts placements, DfE's rule before 2019."]
    hidden = records_text.stability_sentences(known_records({("stability_3_plus_placements", ""): "c",
                                                     ("stability_long_term_total", ""): "x",
                                                     ("placement_moves", ""): "1"}))[0]
    assert "show 1 move from one placement" in hidden
    assert ("The share with three or more placements cannot be published for this year: the count is too small. "
            "Long-term stability cannot be worked out for this year: the extract does not reach back far enough "
            "to see how long each child had been in care.") in hidden


def test_distance_sentences():
    assert records_text.distance_sentences(known_records()) == [
        "On 31 March 2025, 149 children (34%) lived inside Lewisham's boundary, 321 children (73%) within 20 miles "
        "of the home they came from and 76 children (17%) further away. Half of the children whose distance is "
        "known lived within about 7 miles of home. For 42 children the distance is not known: a postcode is "
        "missing, is not a current postcode, or the placement's address is withheld. Distances are straight lines "
        "between the centres of the two postcodes (ONS Postcode Directory), as DfE measures them; the journey is "
        "usually longer."]
    none_known = known_records({("cla_by_distance", "Placed 20 miles or less from home"): "0",
                                ("cla_by_distance", "Placed more than 20 miles from home"): "0"})
    assert records_text.distance_sentences(none_known) == [
        "The records hold no usable home and placement postcodes for the children looked after on 31 March 2025, "
        "so distances from home cannot be worked out."]


def test_projection_sentences():
    projected = pd.DataFrame({"measure": "projected_cla_by_placement_type", "breakdown": "",
                              "year": [2026, 2027, 2028], "value": [441.4, 437.6, 435.2],
                              "lower_80": [420.0, 410.0, 404.5], "upper_80": [462.0, 466.0, 469.0]})
    assert records_text.projection_sentences(known_records(), projected) == [
        "Starting from the 439 children looked after on 31 March 2025 in the records, the stock-and-flow model "
        "expects about 435 on 31 March 2028, with an 80% range of 405 to 469. Figures are rounded to whole "
        "children, and a forecast of 1 to 5 children in a group is shown as c, as a count would be."]


def test_transition_sentences_give_shares_only_when_no_cell_is_hidden(monkeypatch):
    full = pd.DataFrame({"Placement on 31 March": ["Foster", "Children's homes"], "Children": ["600", "100"],
                         "Same type a year later": ["420", "50"], "Another type a year later": ["60", "20"],
                         "No longer looked after a year later": ["120", "30"]})
    monkeypatch.setattr(records_text, "transition_summary", lambda records: full)
    assert records_text.transition_sentences(known_records()) == [
        "Counting every child looked after on 31 March 2024 (700 in all), 67% were in the same type of placement a "
        "year later, 11% in another type and 21% were no longer looked after."]
    longer = known_records()
    longer.years = [2022, 2023, 2024, 2025]
    assert records_text.transition_sentences(longer) == [
        "Counting every child looked after on 31 March of each year from 2022 to 2024 (700 in all, a child counted "
        "once a year), 67% were in the same type of placement a year later, 11% in another type and 21% were no "
        "longer looked after."]
    monkeypatch.setattr(records_text, "transition_summary", lambda records: full.assign(**{"Same type a year later": ["c", "50"]}))
    assert records_text.transition_sentences(known_records()) == [
        "The table follows the 700 children looked after on 31 March 2024 to where they were a year later. Some "
        "cells are hidden to protect children's privacy, so overall shares are not given."]
    assert records_text.transition_sentences(longer) == [
        "The table follows 700 times a child was looked after on 31 March (from 2022 to 2024; a child counts once "
        "for each year) to where they were a year later. Some cells are hidden to protect children's privacy, so "
        "overall shares are not given."]
    monkeypatch.setattr(records_text, "transition_summary", lambda records: full.assign(Children=["600", "c"]))
    assert records_text.transition_sentences(longer)[0].startswith(
        "The table follows every child looked after on 31 March (from 2022 to 2024; a child counts once for each "
        "year) to where")


def test_breakdown_figure_alt_text_names_the_largest_group_and_the_hidden_ones():
    fig, data, alt = records_text.breakdown_figure(known_records(), "cla_by_placement_type", title="Placement types",
                                           what="children looked after by placement type")
    assert alt == ("Bar chart of children looked after by placement type on 31 March 2025, from records, in 8 "
                   "groups. The largest group is Foster placements with 300 children. 2 groups are hidden to "
                   "protect children's privacy.")
    # In the chart's order: largest first, the hidden groups last.
    assert data["children"].tolist() == ["300", "51", "39", "19", "15", "12", "c", "c"]


def test_stability_table_by_year():
    table = records_text.stability_table(known_records())
    assert table.iloc[-1].tolist() == ["2025", "170", "", "37", "8%", "121", "64%"]


@pytest.mark.parametrize("value, unit, text", [(3.0, "", "+3"), (-1.0, "%", "-1 point"), (-4.0, "%", "-4 points"),
                                               (0.2, "%", "0"), (float("nan"), "", "")])
def test_difference_in_words(value, unit, text):
    assert records_text._difference(value, unit) == text


def test_comparison_with_dfe_in_words():
    records = known_records({("cla_31_march", ""): "438", ("starters", ""): "169",
                             ("stability_3_plus_placements", ""): "43"})
    assert records_text.comparison_sentences(records) == [
        "For 31 March 2025 the records count 438 children looked after; DfE published 439 children for Lewisham. "
        "Of the 18 figures below, 16 can be compared number for number; the rest are hidden (c) on one side or the "
        "other, or not published. Small differences are expected: DfE's figures are taken from the return as it "
        "was first sent, and a later extract includes corrections."]
    table = records_text.published_comparison_table(records)
    assert table.iloc[0].tolist() == ["Looked after on 31 March", "all", "438", "439", "-1"]
    assert table.iloc[1].tolist() == ["Started to be looked after in the year", "all", "169", "166", "+3"]
    assert table.iloc[4].tolist() == ["Looked after, by placement type", "Placed for adoption", "c", "c", ""]
    assert table.iloc[15].tolist() == ["Looked after with 3 or more placements in the year (%)", "all", "10%", "8%",
                                       "+2 points"]


def test_backtest_table_in_words():
    from types import SimpleNamespace

    rows = [("stock_and_flow", "all", 9, 14.23, 3.05, 0.812, "the extract's own count"),
            ("stock_and_flow", "1", 3, 9.0, 2.0, 0.5, "the extract's own count"),
            ("stock_and_flow", "2", 3, 15.5, 3.1, 0.9, "the extract's own count"),
            ("naive", "all", 9, 20.0, float("nan"), 1.0, "DfE's published count")]
    table = pd.DataFrame(rows, columns=["method", "horizon", "n", "mae", "mape", "mase", "scored_against"])
    readers = records_text.backtest_table(SimpleNamespace(table=table))
    assert readers.to_dict("records") == [
        {"Method": "Stock-and-flow model (council's records)", "Forecasts scored": "9",
         "Average miss (children)": "14.2", "1 year ahead": "9.0", "2 years ahead": "15.5", "3 years ahead": "n/a",
         "Average miss (%)": "3.0%", "Scaled error (MASE)": "0.81", "Scored against": "the extract's own count"},
        {"Method": "Last published figure carried forward", "Forecasts scored": "9",
         "Average miss (children)": "20.0", "1 year ahead": "n/a", "2 years ahead": "n/a", "3 years ahead": "n/a",
         "Average miss (%)": "n/a", "Scaled error (MASE)": "1.00", "Scored against": "DfE's published count"}]
    assert records_text.backtest_table(SimpleNamespace(table=table.iloc[0:0])).empty


def test_side_by_side_figure_alt_text():
    from types import SimpleNamespace

    import matplotlib.pyplot as plt

    projected = pd.DataFrame({"measure": "projected_cla_by_placement_type", "breakdown": "",
                              "year": [2026, 2027, 2028], "value": [441.4, 437.6, 435.2],
                              "lower_80": [420.0, 410.0, 404.5], "upper_80": [462.0, 466.0, 469.0]})
    published = pd.Series({2023: 433.0, 2024: 453.0, 2025: 439.0})       # DfE, Lewisham, 31 March
    forecast = pd.DataFrame({"year": [2026, 2027, 2028], "point": [441.0, 444.0, 447.0],
                             "lower_80": [415.0, 401.0, 390.0], "upper_80": [467.0, 487.0, 504.5]})
    forecasts = SimpleNamespace(series={"cla_31_march": published}, results={"cla_31_march": None},
                                frame=lambda measure: forecast)
    fig, data, alt = records_text.side_by_side_figure(known_records(), projected, forecasts)
    plt.close(fig)
    assert alt == (
        "Line chart of children looked after on 31 March from 2023 to 2028: DfE's published figures and the "
        "council's records up to 2025, then two forecasts to 2028. The forecast from published figures reaches "
        "447 (80% range 390 to 505); the stock-and-flow projection reaches 435 (80% range 405 to 469).")
    assert data.iloc[-1].tolist() == [2028, "", "", "447", "390 to 505", "435", "405 to 469"]


def test_files_named_for_the_edition_but_holding_older_episodes_suggest_a_year_they_reach(tmp_path):
    """It used to say "its newest return is for 2025 … build an earlier edition with --year 2025"."""
    from sufficiency.core.errors import InputError

    made = tmp_path / "made"
    synthetic.generate(made, la_code="209", year=2023, years=2, seed=4)
    folder = tmp_path / "renamed"
    folder.mkdir()
    for item in made.iterdir():
        name = {"2022": "2024", "2023": "2025"}.get(item.name, item.name)
        item.rename(folder / name)
    with pytest.raises(InputError) as caught:
        book.load(folder, la_code="209", council_name="Lewisham", year=2025)
    message = str(caught.value)
    assert "its files are named for 2025, but no episode starts or ends after 31 March 2024" in message
    assert "--year 2023" in message and "--year 2025" not in message
