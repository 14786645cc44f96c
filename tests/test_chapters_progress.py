"""sufficiency.chapters.progress ("Progress since the 2014–16 plan"): Lewisham's earlier targets
against DfE's published figures to 2025, word for word; Greenwich has no earlier plan."""
from __future__ import annotations

import pandas as pd

from sufficiency.chapters import progress
from sufficiency.publishing.pages import Page


def test_lewisham_summary_and_table(tmp_path):
    lewisham = progress.load("209", 2025, "2025")
    assert progress.summary_section(lewisham).text == (
        "The earlier plan set 16 measures. For 7 of them DfE still publishes a matching figure; by the latest year "
        "to 2025, 2 of those 7 were at or better than the plan's target. The others are counted only in the "
        "council's own records, which were not published.\n\n"
        "'Then' values are as the plan reported them, some from the council's own systems part-way through a "
        "year, so they may differ a little from DfE's later published figures.\n\n"
        # issue 14: the old "same placement" target was compared with DfE's "same carer" measure unsaid
        "“Long\\-term stability\\: under 16s in care 2\\.5 years or more\\, in the same placement 2 years or more” is "
        "compared across a change of definition: DfE now counts children who stayed with the same carer for two "
        "years, while plans before 2019 counted the same placement, which is narrower.")
    page = Page(tmp_path / "09-progress-since-2014")
    text = progress.measures_section(page, lewisham).text
    assert "**The 2014–16 plan\\'s measures\\: values then\\, targets\\, and published values since\\.**" in text
    assert "Source: Lewisham LAC Commissioning Plan 2014–16" in text and "targets_2014" not in text
    table = pd.read_csv(page.files_dir / "progress-2014.csv", dtype=str).set_index("Measure")
    assert len(table) == 16
    foster = table.loc["Children in care placed in foster care"]
    assert [foster["Latest (published)"], foster["Latest against the 2014 target"]] == ["68% (2025)", "Not reached"]


def test_a_council_without_earlier_targets(tmp_path):
    greenwich = progress.load("203", 2025, "2025")
    assert greenwich.table is None
    assert progress.summary_section(greenwich).text == (
        "Greenwich has not supplied the targets of an earlier plan, so this page has nothing to compare yet.")
    assert progress.measures_section(Page(tmp_path / "p"), greenwich).text == "No earlier targets have been supplied."
