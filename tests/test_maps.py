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
    assert "fig-maps-map-england-rate" in text and (tmp_path / "maps" / "map-england-rate.png").exists()
    assert "North Northamptonshire" in text
    text = maps.placement_map(page, "203", 2025).text
    assert "Greenwich" in text and (tmp_path / "maps" / "map-placements.csv").exists()
