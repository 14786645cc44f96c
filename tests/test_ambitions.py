"""The scorecard rule on constructed inputs, and Lewisham's scorecard from the real files."""
from __future__ import annotations

import math

import pytest

from sufficiency.measures import ambitions
from sufficiency.measures.ambitions import assess, trend_of


def test_met_in_either_direction():
    assert assess(latest=80, target=75, direction="up")[0] == "met"
    assert assess(latest=74.6, target=75, direction="up")[0] == "met"      # 75 as shown
    assert assess(latest=8, target=9, direction="down")[0] == "met"
    assert assess(latest=10, target=9, direction="down")[0] != "met"


def test_on_track_needs_progress_in_proportion_to_time():
    common = dict(target=50, direction="up", reference=30, reference_year=2022, target_year=2026)
    # half the time gone (2024), half the gap closed (40) -> on track; 39 -> off track
    assert assess(latest=40, latest_year=2024, **common)[0] == "on track"
    assert assess(latest=39, latest_year=2024, **common)[0] == "off track"
    # moving the wrong way
    assert assess(latest=25, latest_year=2023, **common)[0] == "off track"


def test_target_date_passed_is_off_track():
    status, reason = assess(latest=49, target=50, direction="up", reference=30, reference_year=2022,
                            latest_year=2026, target_year=2026)
    assert status == "off track" and "passed" in reason


def test_direction_only_aims_compare_with_the_baseline():
    base = dict(direction="down", reference=10, reference_year=2022, latest_year=2024)
    assert assess(latest=8, **base)[0] == "on track"
    assert assess(latest=10.2, **base)[0] == "off track"   # no better, as shown
    assert assess(latest=12, **base)[0] == "off track"


def test_no_baseline_uses_the_trend():
    assert assess(latest=5, direction="up", trend="improving")[0] == "on track"
    assert assess(latest=5, direction="up", trend="stable")[0] == "off track"
    assert assess(latest=5, direction="up")[0] == "too early to tell"


def test_no_data_is_never_filled_in():
    assert assess(latest=None, target=10, direction="up")[0] == "no data"
    assert assess(latest=float("nan"), direction="down")[0] == "no data"


def test_latest_not_after_baseline_is_too_early():
    assert assess(latest=76, direction="up", reference=76, reference_year=2022,
                  latest_year=2022)[0] == "too early to tell"


def test_trend_of():
    assert trend_of([1, 2, 3, 4], "up") == "improving"
    assert trend_of([4, 3, 9, 3], "up") == "stable"        # last three: 3 .. 3
    assert trend_of([10, 12], "down") == "worsening"
    assert trend_of([float("nan"), 3], "up") == "too few values"


def test_status_rule_is_written_for_readers():
    for word in ("No data", "Met", "On track", "off track", "Too early to tell"):
        assert word in ambitions.STATUS_RULE


@pytest.fixture(scope="module")
def lewisham_2025():
    return ambitions.scorecard("209", 2025).set_index("id")


def test_lewisham_scorecard_2025(lewisham_2025):
    card = lewisham_2025
    assert len(card) == 40
    foster = card.loc["M4.1"]       # 68% in foster care in 2025 (DfE), target at least 75% by 2024-25
    assert (foster.latest_value, foster.latest_year, foster.status) == (68.0, 2025, "off track")
    assert foster.reference_value == 78.0        # DfE's 2022 figure, like with like (strategy: 80)
    assert foster.neighbours_average == pytest.approx(70.0, abs=0.05)
    stable = card.loc["M5.2"]       # 3+ placements: 9% in 2022 -> 8% in 2025, lower is better
    assert (stable.latest_value, stable.status) == (8.0, "on track")
    assert card.loc["M5.1"].status == "off track"   # long-term stability 75% -> 64%
    assert card.loc["M1.4"].status == "no data"     # no public council series
    assert card.loc["M2.2"].status == "no data" and math.isnan(card.loc["M2.2"].latest_value)
    assert card.loc["M6.2"].status == "no recent value"   # one cost year only, 2020-21


def test_lewisham_2022_edition_sees_nothing_later():
    card = ambitions.scorecard("209", 2022).set_index("id")
    assert card["latest_year"].dropna().max() <= 2022
    assert card.loc["M4.1", "status"] == "met"      # 78% in 2022 against at least 75%


def test_council_without_files_gives_an_empty_scorecard():
    card = ambitions.scorecard("203", 2025)
    assert card.empty and list(card.columns) == ambitions.SCORECARD_COLUMNS
    assert ambitions.load_plan("203") is None


def test_status_counts_and_reader_table(lewisham_2025):
    card = lewisham_2025.reset_index()
    counts = ambitions.status_counts(card)
    assert counts.to_dict("list") == {"Status": ["Met", "On track", "Off track", "No recent value", "Too early to tell",
                                                 "No data"], "Measures": [0, 3, 7, 6, 0, 24]}
    table = ambitions.reader_table(card)
    row = table[table["Measure"].str.startswith("M4.1")].iloc[0]
    assert "Ambition" not in table and (row["Latest"], row["Target"], row["Status"]) == ("68% (2025)", "at least 75% by 2024-25",
                                          "Off track: the target date has passed without the target being reached")


def reader_rows(card, *ids):
    table = ambitions.reader_table(card.reset_index(), with_ambition=True)
    table["id"] = table["Measure"].str.split(":").str[0]
    return {i: table.set_index("id").loc[i].drop("Measure").tolist() for i in ids}


def test_reader_table_rows_in_words(lewisham_2025):
    # columns: Ambition, Baseline, Latest, Target, Trend, Status, Neighbours
    assert reader_rows(lewisham_2025, "M4.1", "M1.3", "M5.2", "M6.2", "M7.1") == {
        "M4.1": ["4", "78% (2022, DfE); 80% as printed", "68% (2025)", "at least 75% by 2024-25", "worsening",
                 "Off track: the target date has passed without the target being reached", "70%"],
        "M1.3": ["1", "72 (2022, DfE); 70 as printed", "71 (2025)", "lower (no figure set)", "worsening",
                 "Off track: better than the baseline, but the last three values are worsening (68 in 2023 to 71 in "
                 "2025)", "64"],
        "M5.2": ["5", "9% (2022, DfE); 10% as printed", "8% (2025)", "lower (no figure set)", "improving",
                 "On track: better than the baseline", "10%"],
        "M6.2": ["6", "£4,279 (2020-21)", "£4,279 (2020-21)", "lower (no figure set)", "", "No value since 2020-21",
                 "no data"],
        "M7.1": ["7", "no data", "88% (2025)", "at least 95% by 2024-25", "improving",
                 "Off track: the target date has passed without the target being reached", "89%"],
    }


def test_a_measure_with_no_value_reads_no_data_in_every_figure_column(lewisham_2025):
    assert reader_rows(lewisham_2025, "M1.1")["M1.1"] == ["1", "no data", "no data", "lower (no figure set)", "", "No data",
                                                           "no data"]
    card = lewisham_2025
    assert card.loc["M1.1", "reason"] == "no value up to this edition"     # local_figures.csv leaves it empty
    assert card.loc["M2.2", "reason"] == "no indicator is named for it, so nothing measures it yet"
    assert card.loc["M1.4", "reason"] == "no public data for councils; the council's own figure is needed"


def test_status_reasons_in_words():
    common = dict(target=50, direction="up", reference=30, reference_year=2022, target_year=2026)
    assert assess(latest=45, latest_year=2024, **common) == (
        "on track", "75% of the gap to the target closed in 50% of the time")
    assert assess(latest=25, latest_year=2023, **common) == (
        "off track", "0% of the gap to the target closed in 25% of the time")
    assert assess(latest=80, target=75, direction="up") == ("met", "the latest value reaches the target")
    assert assess(latest=8, direction="down", reference=10, reference_year=2022, latest_year=2024) == (
        "on track", "better than the baseline")
    assert assess(latest=10.2, direction="down", reference=10, reference_year=2022, latest_year=2024) == (
        "off track", "no better than the baseline")
    assert assess(latest=5, direction="up", trend="worsening") == ("off track", "the recent values are worsening")
    assert assess(latest=5, direction="up") == ("too early to tell", "nothing earlier to compare the latest value with")


def test_measure_chart_alt_text_and_numbers(lewisham_2025):
    from sufficiency.measures import indicators

    row = lewisham_2025.loc["M4.1"].to_dict() | {"id": "M4.1"}
    fig, numbers, alt = ambitions.measure_chart(indicators.series("share_foster_care", "209", 2025), row, "Lewisham")
    assert alt == ("Line chart for measure M4.1: More than 75% of children in care live in a foster home. It shows "
                   "Lewisham's values (%), from 74% in 2020 to 68% in 2025; the target line is at 75%. Trend: "
                   "worsening; status: off track.")
    assert numbers.tail(2).to_dict("list") == {"Year": [2024, 2025], "Period": ["2024", "2025"],
                                               "Lewisham": ["72", "68"], "Neighbours' average": ["69", "70"],
                                               "Target": ["75%", "75%"]}
    cost = lewisham_2025.loc["M6.2"].to_dict() | {"id": "M6.2"}
    fig, numbers, alt = ambitions.measure_chart(indicators.series("cost:residential", "209", 2025), cost, "Lewisham")
    assert alt == ("Chart for measure M6.2: Lower average weekly cost of residential placements. It shows "
                   "Lewisham's values (£ per week): one value, £4,279 in 2020-21. Trend: too few values; status: "
                   "no value since 2020-21.")
    # One value is a dot with its value written beside it, not a line chart with nothing to join.
    ax = fig.axes[0]
    assert [line.get_linestyle() for line in ax.get_lines()] == ["None"]
    assert [t.get_text() for t in ax.texts] == ["Lewisham: £4,279"]
    assert numbers["Lewisham"].tolist() == ["4,279"]


def test_action_details_nobody_recorded_are_named():
    # The action table itself is the ambition page's (chapters/ambition_page.actions_table).
    plan = ambitions.load_plan("209")
    assert ambitions.missing_action_details(plan, 1) == ["who leads them", "when they are due", "progress so far"]


def test_progress_since_2014_in_words():
    progress = ambitions.progress_reader_table(ambitions.progress_since_2014(ambitions.load_plan("209"), "209", 2025))
    rows = progress.set_index("Measure")
    assert rows.loc["Children in care per 10,000 children aged 0-18"].tolist() == [
        "90 (2010); 77.3 (December 2014)", "75",
        "Greenwich 85 (March 2014); Lambeth 87 (March 2014); Southwark 91 (March 2014)",
        "68", "71 (2025)", "67", "Reached"]
    assert rows.loc["Children placed more than 20 miles from home"].tolist() == [
        "14% (March 2014)", "15.4%", "neighbours 13% (March 2014); England 12% (March 2014)",
        "no data", "17% (2025)", "22%", "Not reached"]
    assert rows.loc["Young people in supported lodgings"].tolist() == [
        "9 (December 2014)", "no data", "", "no data", "no data", "no data", "No current published figure"]


# ----------------------------------------------------------------------------- issue 14's scorecard rules
def test_m1_3_baseline_shown_is_the_baseline_used_and_status_follows_the_trend(lewisham_2025):
    # Measured on the 2025 book: baseline "70 (March 2022)", latest 71, trend worsening, status "On track":
    # the status used DfE's 72 while the page showed the printed 70, and contradicted the trend.
    row = lewisham_2025.loc["M1.3"]
    assert (row.baseline_value, row.reference_value, row.latest_value) == (70, 72, 71)
    assert (row.trend, row.status) == ("worsening", "off track")
    assert row.reason == "better than the baseline, but the last three values are worsening (68 in 2023 to 71 in 2025)"


def test_no_measure_is_on_track_while_worsening(lewisham_2025):
    card = lewisham_2025
    assert not ((card["status"] == "on track") & (card["trend"] == "worsening")).any()


def test_assess_never_puts_a_worsening_measure_on_track():
    assert assess(latest=71, direction="down", reference=72, reference_year=2022, latest_year=2025,
                  trend="worsening") == ("off track", "better than the baseline, but the last three values are worsening")
    assert assess(latest=71, direction="down", reference=72, reference_year=2022, latest_year=2025,
                  trend="improving") == ("on track", "better than the baseline")


def test_published_series_fill_measures_that_said_no_data(lewisham_2025):
    # Staying put (key trends shows 68% for 2024), in-house foster places (LAIT: 175 in 2022 to 135 in 2025)
    # and special guardianship orders (22 in 2025) were "no data" or stuck at 2021-22 before.
    assert reader_rows(lewisham_2025, "M7.7", "M6.4", "M3.1") == {
        "M7.7": ["7", "no data", "68% (2024)", "higher (no figure set)", "improving",
                 "On track: the recent values are improving", "66%"],
        "M6.4": ["6", "175 (2022, DfE); 143 as printed", "135 (2025)", "higher (no figure set)", "worsening",
                 "Off track: worse than the baseline", "no data"],
        "M3.1": ["3", "20 (2022, DfE); 28 as printed", "22 (2025)", "higher (no figure set)", "stable",
                 "On track: better than the baseline", "no data"],
    }


def test_no_data_only_where_no_input_has_the_series_and_says_what_would_supply_it(lewisham_2025):
    card = lewisham_2025
    assert (card["status"] == "no data").sum() == 24
    assert card.loc["M1.1", "supplied_by"] == (
        "The council's own figure for care proceedings issued: a row in its local figures with a period and a "
        "value. It has not been filled in yet.")
    assert card.loc["M2.2", "supplied_by"] == (
        "No published series measures this. The council would need to count it in its own records and add "
        "the figure, with its year, to its local figures.")
    assert card.loc["M1.4", "supplied_by"].startswith("DfE publishes time in care only for England.")
    table = ambitions.no_data_table(card.reset_index())
    assert len(table) == 24 and table.loc[0, "Measure"].startswith("M1.1: ")


def test_a_baseline_year_the_published_series_does_not_cover_stops_the_build(tmp_path):
    import shutil

    from sufficiency.core.errors import InputError
    from sufficiency.core.paths import DATA_LOCAL
    shutil.copytree(DATA_LOCAL / "lewisham", tmp_path / "lewisham")
    path = tmp_path / "lewisham" / "measures.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "cla_rate_per_10k,March 2022,70", "cla_rate_per_10k,March 1999,70"), encoding="utf-8")
    with pytest.raises(InputError) as error:
        ambitions.scorecard("209", 2025, local_root=tmp_path)
    text = str(error.value)
    assert "measures.csv" in text and "row 4, column 'baseline_year'" in text
    assert "'March 1999' for measure M1.3 (cla_rate_per_10k)" in text


# ----------------------------------------------------------------------------- review 6 (W6, W7)
def test_a_passed_target_date_ranks_above_an_old_value(lewisham_2025):
    # Review 6, W7: M4.2 read "Too early to tell" although its target date (2024-25) had passed.
    row = lewisham_2025.loc["M4.2"]
    assert (row.status, row.reason) == (
        "off track", "the target date has passed without the target being reached; no value since 2022")
    assert assess(latest=29, target=50, direction="up", reference=29, reference_year=2022, latest_year=2022,
                  target_year=2025, edition_year=2025) == (
        "off track", "the target date has passed without the target being reached; no value since 2022")


def test_a_latest_value_older_than_two_years_is_named_never_too_early(lewisham_2025):
    # Review 6, W7: six measures whose latest value is from 2020-21 or 2021-22 read "Too early to tell".
    card = lewisham_2025
    old = card[card["status"] == "no recent value"]
    assert old.index.tolist() == ["M4.3", "M4.5", "M5.7", "M6.1", "M6.2", "M7.2"]
    assert card.loc["M6.2", "reason"] == "no value since 2020-21"
    assert card.loc["M4.3", "reason"] == "no value since 2021-22"
    assert (card["status"] == "too early to tell").sum() == 0
    assert assess(latest=76, direction="up", reference=76, reference_year=2022, latest_year=2022,
                  latest_period="2021-22", edition_year=2025) == ("no recent value", "no value since 2021-22")
    # within the edition's last two years, a value no later than the baseline is still too early to judge
    assert assess(latest=76, direction="up", reference=76, reference_year=2024, latest_year=2024,
                  edition_year=2025)[0] == "too early to tell"


def test_status_in_words_says_why(lewisham_2025):
    # Review 6, W6: M1.3 read "Off track" on the scorecard beside a latest value below its baseline, with no reason.
    rows = reader_rows(lewisham_2025, "M1.3", "M4.2", "M4.3", "M5.1", "M1.1")
    assert rows["M1.3"][5] == ("Off track: better than the baseline, but the last three values are worsening "
                               "(68 in 2023 to 71 in 2025)")
    assert rows["M4.2"][5] == ("Off track: the target date has passed without the target being reached; no value "
                               "since 2022")
    assert rows["M4.3"][5] == "No value since 2021-22"
    assert rows["M5.1"][5] == "Off track: worse than the baseline"
    assert rows["M1.1"][5] == "No data"
    assert rows["M4.2"][1] == "29% (2022, recomputed); 30% as printed"


def test_status_counts_name_an_old_value_and_what_off_track_counts(lewisham_2025):
    card = lewisham_2025.reset_index()
    assert ambitions.status_counts(card, 2025).to_dict("list") == {
        "Status": ["Met", "On track", "Off track", "No value in 2024 or 2025", "Too early to tell", "No data"],
        "Measures": [0, 3, 7, 6, 0, 24]}
    assert ambitions.off_track_breakdown(card) == (3, 4)


def test_a_trend_across_a_gap_in_the_years_names_them(lewisham_2025):
    # Review 6, W7: M4.3 read "worsening" beside the same value (76, 2021-22) as baseline and latest; the
    # trend compares it with 155 in December 2014, a value shown only in the chart.
    rows = reader_rows(lewisham_2025, "M4.3", "M1.3")
    assert rows["M4.3"][4] == "worsening (December 2014 to 2021-22)"
    assert rows["M1.3"][4] == "worsening"          # 2023, 2024 and 2025: years in a row, nothing to add


def test_targets_whose_date_has_passed_are_counted_by_what_is_known(lewisham_2025):
    # Review 6, W6: the summary page's "9 measures whose target date has passed" beside the scorecard's
    # "7 off track" read as a disagreement; of the 9, 3 have a value short of the target and 6 have none.
    assert ambitions.passed_targets(lewisham_2025.reset_index(), 2025) == {"met": 0, "short": 3, "no value": 6}
    assert ambitions.passed_targets(lewisham_2025.reset_index(), 2024) == {"met": 0, "short": 0, "no value": 0}
