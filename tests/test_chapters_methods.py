"""The Methods and assumptions page lists the constants the code uses, in words, from one place."""
from __future__ import annotations

import pandas as pd

from sufficiency.chapters import methods
from sufficiency.core import assumptions
from sufficiency.publishing.pages import Page


def test_every_assumption_is_listed_with_its_value(tmp_path):
    table = methods.assumptions_table()
    assert len(table) == len(assumptions.ASSUMPTIONS)
    rows = table.set_index("Assumption")["Value"].to_dict()
    assert rows["Weeks in a year"] == "52.14"
    assert rows["National Transfer Scheme level"] == "0.1%"
    assert rows["Gap from England worth naming (percentage points)"] == "3"
    assert not [a for a in table["Assumption"] if a.isupper()], "a code name reached readers"


def test_the_section_says_how_many_values_and_offers_the_table(tmp_path):
    text = str(methods.assumptions_section(Page(str(tmp_path))))
    assert text.startswith("The 15 values below shape figures and sentences throughout the book.")
    # Markdown-escaped, as the page carries it.
    assert "**Assumptions and rules used across the book\\.**" in text
    assert "| Weeks in a year | 52\\.14 |" in text


def test_the_status_rule_is_the_scorecard_s_own():
    from sufficiency.measures.ambitions import STATUS_RULE

    assert str(methods.status_rule_section()) == STATUS_RULE


# ------------------------------------------------------------------ the national back-test

def _backtest():
    rows = []
    for scope, method, h, n, c80, c95, mase in [
            ("all councils", "new", "1", 4265, 0.786, 0.937, 1.349), ("all councils", "new", "all", 12763, 0.777, 0.928, 1.889),
            ("all councils", "new", "2", 4251, 0.769, 0.92, 1.96), ("all councils", "new", "3", 4247, 0.776, 0.928, 2.362),
            ("all councils", "naive", "1", 4265, None, None, 1.361), ("all councils", "naive", "2", 4251, None, None, 1.978),
            ("all councils", "naive", "3", 4247, None, None, 2.379), ("all councils", "naive", "all", 12763, None, None, 1.905),
            ("sample", "old", "all", 1100, 0.709, 0.884, 1.875), ("sample", "naive", "all", 1100, None, None, 1.803),
            ("measure:uasc", "new", "all", 1374, 0.691, 0.893, 2.823)]:
        rows.append({"scope": scope, "method": method, "horizon": h, "forecasts": n, "councils": 150 if scope != "sample"
                     else 13, "coverage_80": c80, "coverage_95": c95, "mase": mase})
    return pd.DataFrame(rows)


def test_national_backtest_sentences():
    assert methods.national_backtest_sentences(_backtest()) == [
        "The forecasts were tested as if made in each year from 2019 to 2022 for every council and every series, "
        "using only the figures published by then, and compared with what DfE later published: 12,763 forecasts "
        "one to three years ahead. The 80% ranges held the real figure 78% of the time and the 95% ranges 93%.",
        "At one, two and three years ahead the forecasts missed by less, on average, than carrying the last figure "
        "forward (1% less over all three), only slightly: for most series, most years, the last figure is hard to "
        "beat.",
        "The method of earlier editions, tried on a fixed sample of councils, held the real figure inside its 80% "
        "ranges 71% of the time and inside its 95% ranges 88%, and missed by more than carrying the last figure "
        "forward."]
    worse = _backtest()
    worse.loc[(worse["method"] == "new") & (worse["horizon"] == "3"), "mase"] = 2.5
    assert methods.national_backtest_sentences(worse)[1] == (
        "The forecasts did not miss by less than carrying the last figure forward at every horizon (they did at "
        "1 and 2 years ahead).")


def test_national_backtest_table_in_words():
    table = methods.national_backtest_table(_backtest())
    assert table.iloc[0].tolist() == ["Every council", "learnt from every council (this book)", "1", "4,265", "79%",
                                      "94%", "1.35"]
    assert table.iloc[4].tolist() == ["Every council", "last figure carried forward", "1", "4,265", "–", "–", "1.36"]
    assert table.iloc[8].tolist() == ["A fixed sample of 13 councils",
                                      "best of five methods on the council's own figures (earlier editions)", "1 to 3",
                                      "1,100", "71%", "88%", "1.88"]
    assert len(table) == 10  # the per-series rows stay in the file


def test_the_committed_national_backtest_meets_its_targets():
    """The file the appendix shows: the new ranges hold 75-85% and 92-97% of actual figures, and the
    new forecasts miss by less than the last figure carried forward at every horizon."""
    table = pd.read_csv(methods.NATIONAL_BACKTEST, dtype={"horizon": str})
    new = table[(table["scope"] == "all councils") & (table["method"] == "new")].set_index("horizon")
    naive = table[(table["scope"] == "all councils") & (table["method"] == "naive")].set_index("horizon")
    assert 0.75 <= new.loc["all", "coverage_80"] <= 0.85
    assert 0.92 <= new.loc["all", "coverage_95"] <= 0.97
    assert (new.loc[["1", "2", "3"], "mase"] < naive.loc[["1", "2", "3"], "mase"]).all()


def test_the_section_without_a_backtest_file_says_so(tmp_path, monkeypatch):
    monkeypatch.setattr(methods, "NATIONAL_BACKTEST", tmp_path / "missing.csv")
    assert str(methods.national_backtest_section(Page(str(tmp_path)), 2025)) == (
        "The national test of the forecasting methods has not been run for this build, so its results are not "
        "shown.")


def test_an_edition_before_the_backtest_s_last_figures_does_not_show_it(tmp_path):
    """The 2022 edition never sees figures published after March 2022, the back-test included."""
    assert str(methods.national_backtest_section(Page(str(tmp_path)), 2022)) == (
        "The national test of the forecasting methods compares forecasts with figures published up to 2025, "
        "after this edition's data, so it is not shown in this edition.")
    shown = str(methods.national_backtest_section(Page(str(tmp_path)), 2025))
    assert shown.startswith("The forecasts were tested as if made in each year from 2019 to 2022")
    assert "| Every council | learnt from every council \\(this book\\) | 1 | 4\\,265 | 79\\% | 94\\% | 1\\.35 |" in shown
