"""sufficiency.data.published.sfr: the 2010–2017 statistical first releases."""
from __future__ import annotations

from sufficiency.data import published


def test_sfr_headline_counts_only():
    sfr = published.sfr_headline(2017)
    assert set(sfr.source) == {"sfr_cla"} and set(sfr.unit) == {"children"}
    lewisham = sfr[(sfr.la_code == "209") & (sfr.measure == "cla_31_march")].set_index("year")
    assert lewisham.loc[2010, "value"] == 526 and lewisham.loc[2010, "release"] == "SFR27/2010"
    assert lewisham.loc[2015, "value"] == 486
    assert published.sfr_headline(2012).year.max() == 2012
