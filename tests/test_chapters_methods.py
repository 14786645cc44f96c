"""The Methods and assumptions page lists the constants the code uses, in words, from one place."""
from __future__ import annotations

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
    assert text.startswith("The 8 values below shape figures and sentences throughout the book.")
    # Markdown-escaped, as the page carries it.
    assert "**Assumptions and rules used across the book\\.**" in text
    assert "| Weeks in a year | 52\\.14 |" in text


def test_the_status_rule_is_the_scorecard_s_own():
    from sufficiency.measures.ambitions import STATUS_RULE

    assert str(methods.status_rule_section()) == STATUS_RULE
