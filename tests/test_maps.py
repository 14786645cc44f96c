"""Maps: boundaries join to DfE council numbers for each year's geography; bands; figures written."""
from __future__ import annotations

import pandas as pd

from sufficiency.chapters import maps
from sufficiency.publishing.pages import Page


def test_boundaries_match_the_years_councils():
    new = maps.boundaries(2025)
    assert new.crs.to_epsg() == 27700
    assert {"209", "203", "940", "942", "943"} <= set(new["la_code"])
    old = maps.boundaries(2022)
    assert "909" in set(old["la_code"])               # Cumbria still one council in 2022
    assert "942" not in set(old["la_code"])


def test_bands_cover_all_values():
    values = pd.Series([27.0, 40, 55, 60, 71, 90, 184])
    edges = maps._bands(values)
    assert edges[0] <= 27 and edges[-1] >= 184 and edges == sorted(set(edges))
    assert maps._classify(values, edges).notna().all()


def test_placement_zones_lewisham():
    zones = maps.placement_zones("209", 2025).set_index("zone")
    assert zones.loc["Inside the council's boundary", "children"] == 149   # DfE: 149 placed inside


def test_maps_written(tmp_path):
    page = Page(tmp_path / "maps")
    text = maps.england_rate_map(page, "940", 2025).text
    assert "fig-maps-map-england-rate" in text and (tmp_path / "maps" / "map-england-rate.svg").exists()
    assert "North Northamptonshire" in text
    text = maps.placement_map(page, "203", 2025).text
    assert "Greenwich" in text and (tmp_path / "maps" / "map-placements.csv").exists()
    # The map shows other councils' children: its caption says so, and not that it shows Greenwich's.
    assert "How many children looked after by other councils lived in each council area near Greenwich" in text
    assert "Where Greenwich\\'s children are placed" not in text


def _prose(markdown) -> str:
    """The sentences above a map (everything before its figure)."""
    return markdown.text.split("\n\n:::{figure}")[0]


def test_map_sentences_lewisham_2025(tmp_path):
    page = Page(tmp_path / "maps")
    assert _prose(maps.england_rate_map(page, "209", 2025)) == (
        "The map shades each council by its rate of children looked after on 31 March 2025. Lewisham's rate of 71 "
        "per 10,000 was the 67th highest of the 151 councils on the map. Areas hatched have no published rate for "
        "2025: City of London\\, Isles of Scilly.")
    placements = _prose(maps.placement_map(page, "209", 2025))
    # DfE: 149 inside the boundary, 188 outside within 20 miles, 73 further, 29 distance not recorded.
    assert placements.split("\n\n")[0] == (
        "On 31 March 2025, Lewisham's children looked after lived as follows — inside the council\\'s boundary\\: "
        "149 children \\(34\\%\\)\\; outside the boundary\\, 20 miles or less from home\\: 188 children \\(43\\%\\)\\; "
        "outside the boundary\\, more than 20 miles from home\\: 73 children \\(17\\%\\)\\; outside the boundary\\, "
        "distance not recorded\\: 29 children \\(7\\%\\).")
    # Ofsted 2025: 11 homes in Lewisham with 43 places; DfE: 51 of its children in children's or secure homes.
    assert _prose(maps.supply_map(page, "209", 2025)) == (
        "On 31 March 2025 Ofsted listed 11 children's homes in Lewisham with 43 registered places, run by any "
        "provider and open to children from any council. On 31 March 2025, 51 of Lewisham's own children looked "
        "after lived in children's homes or secure homes, wherever those homes were.")


def test_maps_are_drawn_on_the_chart_theme(tmp_path):
    """Maps share the charts' theme: every word at least the theme's smallest type (legible on a
    phone, where the 7-point legends drawn before were about 4 px high), titles at its title size,
    lines in its Okabe–Ito colours. Drawn after matplotlib's defaults are restored, so a map that
    does not set the theme itself fails."""
    import re

    import matplotlib

    from sufficiency.publishing.charts import FONT_SIZES, OKABE_ITO

    matplotlib.rcdefaults()
    matplotlib.rcParams["text.parse_math"] = False
    page = Page(tmp_path / "maps")
    maps.placement_map(page, "209", 2025)
    svg = (tmp_path / "maps" / "map-placements.svg").read_text(encoding="utf-8")
    sizes = [float(s) for s in re.findall(r"font-size: ([\d.]+)px", svg)]
    assert min(sizes) == FONT_SIZES["legend.fontsize"] and max(sizes) == FONT_SIZES["axes.titlesize"]
    assert "font-family: 'DejaVu Sans'" in svg and OKABE_ITO["vermillion"].lower() in svg.lower()
