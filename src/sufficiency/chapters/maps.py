"""Maps of a council among England's councils: the rate of children looked after, where its
children are placed (as far as the published data say), and the children's homes in each area.

Boundaries are ONS's ultra-generalised ones in ``data/raw/boundaries`` (OGL). Years before 2024 use
the December 2022 county and unitary set (Cumbria, old North Yorkshire and Somerset codes); 2024 on
use the April 2023 set. Polygons are joined to DfE's three-digit LA numbers through
:mod:`sufficiency.data.councils` (current and former ONS codes). Maps are drawn in the British National
Grid (metres), so a 20-mile ring is a true distance.

Every map is drawn on the project's chart theme (:func:`sufficiency.publishing.charts.theme`: its
font, type sizes legible on a phone, titles and text kept as text in SVG and PDF), with a
colour-blind-safe sequential palette (cividis, the theme's palette being for categories) classed
into bands, its legend below the map, areas without data hatched and named as such in the legend,
the council outlined thick, lines in the theme's Okabe–Ito colours, and its numbers as a table
(``page.figure``).

>>> frame = boundaries(2025)
>>> frame.loc[frame.la_code == "209", "name"].item()
'Lewisham'
>>> len(frame) >= 150
True
"""
from __future__ import annotations

import textwrap
from functools import lru_cache

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import to_hex
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from sufficiency.core import files
from sufficiency.core.errors import InputError
from sufficiency.core.paths import DATA_RAW
from sufficiency.data import published
from sufficiency.data.councils import Council, all_councils, resolve_council, statistical_neighbours
from sufficiency.measures import supply
from sufficiency.measures.breakdowns import shares
from sufficiency.publishing.charts import LABEL_SIZE, OKABE_ITO, theme
from sufficiency.publishing.pages import escape, prose
from sufficiency.publishing.words import fmt_number

BOUNDARIES = DATA_RAW / "boundaries"
UTLA_2023 = BOUNDARIES / "utla_apr2023_england_buc_derived.geojson"
CTYUA_2022 = BOUNDARIES / "ctyua_dec2022_england_buc.geojson"
BNG = 27700                      # British National Grid, metres
MILE = 1609.344
SOURCE_BOUNDARIES = ("ONS Open Geography Portal, counties and unitary authorities (ultra-generalised); "
                     "contains OS data © Crown copyright and database right")
NO_DATA_HATCH = "xxx"
NEIGHBOUR_COLOUR = OKABE_ITO["vermillion"]


def boundary_file(year: int):
    """The boundary set that matches DfE's councils in ``year``."""
    return UTLA_2023 if int(year) >= 2024 else CTYUA_2022


@lru_cache(maxsize=4)
def _read_boundaries(path) -> "object":
    import geopandas as gpd  # heavy (GDAL bindings): loaded only when boundaries are read

    files.record_read(path)
    if not path.exists():
        raise InputError(path, problem="the file is missing", hint="Restore data/raw/boundaries from the repository")
    frame = gpd.read_file(path)
    code = next((c for c in frame.columns if c.upper().endswith("CD")), None)
    name = next((c for c in frame.columns if c.upper().endswith("NM")), None)
    if code is None or name is None:
        raise InputError(path, "feature properties", f"{list(frame.columns)}", "a …CD code and a …NM name property")
    frame = frame.rename(columns={code: "ons_code", name: "ons_name"})[["ons_code", "ons_name", "geometry"]]
    return frame.to_crs(BNG)


def boundaries(year: int):
    """A GeoDataFrame of England's councils for ``year``: la_code, name, region_code, ons_code, geometry
    (British National Grid). Polygons whose ONS code matches no council keep la_code None."""
    path = boundary_file(year)
    files.record_read(path)
    frame = _read_boundaries(path).copy()
    by_ons = {}
    for council in all_councils(include_former=True):
        for code in (council.ons_code, *council.former_ons_codes):
            # A current council wins over a former one sharing the code.
            if code not in by_ons or council.current:
                by_ons[code] = council
    frame["la_code"] = frame["ons_code"].map(lambda c: by_ons[c].code if c in by_ons else None)
    frame["name"] = frame["ons_code"].map(lambda c: by_ons[c].name if c in by_ons else None).fillna(frame["ons_name"])
    frame["region_code"] = frame["ons_code"].map(lambda c: by_ons[c].region_code if c in by_ons else None)
    return frame.reset_index(drop=True)


def _bands(values: pd.Series, n: int = 5) -> list[float]:
    """Class breaks at quantiles of the known values, rounded to whole numbers and made distinct.

    >>> _bands(pd.Series([10, 20, 30, 40, 50, 60, 70, 80, 90, 100.0]))
    [10, 28, 46, 64, 82, 100]
    """
    known = values.dropna()
    if known.empty:
        return []
    edges = [int(np.floor(known.min()))] + [int(round(known.quantile(q / n))) for q in range(1, n)] + \
        [int(np.ceil(known.max()))]
    out = []
    for e in edges:
        if not out or e > out[-1]:
            out.append(e)
    return out


def _classify(values: pd.Series, edges: list[float]) -> pd.Series:
    """The band index (0…) of each value; NaN stays NaN."""
    if len(edges) < 2:
        return pd.Series(np.nan, index=values.index)
    return pd.cut(values, bins=edges, include_lowest=True, labels=False)


def _band_labels(edges: list[float], unit: str = "") -> list[str]:
    return [f"{a:,} to {b:,}{unit}" if i == 0 else f"over {a:,} to {b:,}{unit}" for i, (a, b) in
            enumerate(zip(edges[:-1], edges[1:]))]


def _choropleth(ax, frame, column: str, edges: list[float], unit: str, *, legend_title: str):
    """Fill ``frame`` by band of ``column`` (cividis), hatch no-data areas, add a legend."""
    cmap = plt.get_cmap("cividis_r", max(len(edges) - 1, 1))
    band = _classify(frame[column], edges)
    colours = [to_hex(cmap(int(b))) if not pd.isna(b) else "#ffffff" for b in band]
    frame.plot(ax=ax, color=colours, edgecolor="#555555", linewidth=0.25)
    missing = frame[band.isna()]
    if len(missing):
        missing.plot(ax=ax, facecolor="white", edgecolor="#777777", hatch=NO_DATA_HATCH, linewidth=0.25)
    handles = [Patch(facecolor=cmap(i), edgecolor="#555555", label=label)
               for i, label in enumerate(_band_labels(edges, unit))]
    if len(missing):
        handles.append(Patch(facecolor="white", edgecolor="#777777", hatch=NO_DATA_HATCH, label="no figure published"))
    return handles


def _outline(ax, frame, council: Council, *, label: bool = True):
    shape = frame[frame["la_code"] == council.code]
    if shape.empty:
        return False
    shape.boundary.plot(ax=ax, color="black", linewidth=2.4)
    shape.boundary.plot(ax=ax, color="white", linewidth=0.8, linestyle="--")
    if label:
        point = shape.geometry.iloc[0].representative_point()
        ax.annotate(council.name, xy=(point.x, point.y), xytext=(12, 12), textcoords="offset points", fontsize=LABEL_SIZE,
                    fontweight="bold", arrowprops={"arrowstyle": "-", "color": "black", "lw": 0.8},
                    bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "black", "lw": 0.5})
    return True


def _frame_axes(ax):
    ax.set_axis_off()
    ax.set_aspect("equal")


def _legend_below(fig, ax, handles, title: str, ncol: int = 2) -> None:
    """The map's legend under it, in the theme's type, so the map keeps the figure's full width."""
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.0, -0.02), ncol=ncol, title=title,
              alignment="left", handlelength=1.6, columnspacing=1.2)


def _title(text: str) -> str:
    return textwrap.fill(text, 44)


def england_rate_map(page, council: str | Council, year: int):
    """Children looked after per 10,000 children in every council in ``year``: England, and the
    council's region enlarged beside it, the council outlined thick."""
    council = resolve_council(council)
    headline = published.cla_headline(year)
    rows = headline[(headline["measure"] == "cla_31_march") & (headline["unit"] == published.PER_10K)
                    & (headline["level"] == "local authority") & (headline["year"] == int(year))]
    if rows.empty:
        return prose(f"No council-level rates of children looked after are published for {year}.")
    rates = rows.set_index("la_code")["value"]
    geo = boundaries(year)
    geo["rate"] = geo["la_code"].map(rates)
    edges = _bands(geo["rate"])
    theme()
    fig, (left, right) = plt.subplots(1, 2, figsize=(7.5, 6.4), gridspec_kw={"width_ratios": [1.05, 1]})
    handles = _choropleth(left, geo, "rate", edges, "", legend_title="per 10,000")
    _outline(left, geo, council, label=False)
    region = geo[geo["region_code"] == council.region_code]
    _choropleth(right, region, "rate", edges, "", legend_title="per 10,000")
    _outline(right, region, council)
    for ax in (left, right):
        _frame_axes(ax)
    left.set_title("England", fontweight="normal")
    right.set_title(textwrap.fill(council.region_name, 18), fontweight="normal")
    fig.legend(handles=handles, title=f"Per 10,000 children, {year}", loc="lower left", ncol=3,
               alignment="left", handlelength=1.6, columnspacing=1.2)
    fig.suptitle(_title(f"Children looked after per 10,000 children, by council, 31 March {year}"), x=0.02,
                 ha="left", fontsize=plt.rcParams["axes.titlesize"], fontweight="bold")
    fig.tight_layout(rect=(0, 0.2, 1, 0.9))
    known = geo.dropna(subset=["rate"]).drop_duplicates("la_code")
    mine = rates.get(council.code, np.nan)
    rank = int((known["rate"] > mine).sum() + 1) if not pd.isna(mine) else None
    region_rows = known[known["region_code"] == council.region_code].sort_values("rate", ascending=False)
    data = pd.DataFrame({"Council": region_rows["name"],
                         "Per 10,000 children": [fmt_number(v) for v in region_rows["rate"]]})
    text = f"The map shades each council by its rate of children looked after on 31 March {year}."
    if rank:
        text += (f" {escape(council.name)}'s rate of {fmt_number(mine)} per 10,000 was the {_ordinal(rank)} highest of "
                 f"the {len(known)} councils on the map.")
    else:
        text += f" No rate is published for {escape(council.name)} for {year}."
    unmatched = geo[geo["rate"].isna()]
    if len(unmatched):
        text += (f" Areas hatched have no published rate for {year}: "
                 f"{escape(', '.join(sorted(unmatched['name'].astype(str))))}.")
    alt = (f"Map of England's councils shaded in {len(edges) - 1} bands by children looked after per 10,000 children "
           f"in {year}, from {edges[0]} to {edges[-1]}, with {council.region_name} enlarged and {council.name} "
           f"outlined" + (f"; {council.name}: {fmt_number(mine)} per 10,000." if not pd.isna(mine) else "."))
    source = "DfE, Children looked after in England including adoptions; " + SOURCE_BOUNDARIES
    return prose(text) + page.figure(fig, name="map-england-rate", alt=alt, data=data, source=source,
                                     caption=f"Children looked after per 10,000 children by council, {year}; "
                                             f"the table lists the councils of {council.region_name}.")


def _ordinal(n: int) -> str:
    """'1st', '2nd', '23rd', '11th'.

    >>> [_ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 102)]
    ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '102nd']
    """
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def placement_zones(council: str | Council, year: int) -> pd.DataFrame:
    """The council's children looked after on 31 March by where they live: inside its boundary
    (DfE's locality table), and outside it within 20 miles, further, or at an unrecorded distance
    (DfE's distance-and-locality table). Columns zone, children, percent, marker, year (the latest
    year up to ``year``); a suppressed figure keeps DfE's marker."""
    council = resolve_council(council)
    frame = published.cla_characteristics(year, ["cla_by_distance_and_locality", "cla_by_locality"])
    rows = frame[frame["la_code"] == council.code]
    columns = ["zone", "children", "percent", "marker", "year"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    latest = int(rows["year"].max())
    locality = shares(frame, council, "cla_by_locality", latest).set_index("breakdown")
    detail = shares(frame, council, "cla_by_distance_and_locality", latest)
    out = []
    inside = "Placed inside the local authority boundary"
    if inside in locality.index:
        r = locality.loc[inside]
        out.append(("Inside the council's boundary", r["children"], r["percent"], r["marker"]))
    for key, zone in (("outside the LA boundary, 20 miles or less", "Outside the boundary, 20 miles or less from home"),
                      ("outside the LA boundary, more than 20", "Outside the boundary, more than 20 miles from home"),
                      ("outside the LA boundary, distance not", "Outside the boundary, distance not recorded")):
        match = detail[detail["breakdown"].str.contains(key, case=False, regex=False)]
        if len(match):
            r = match.iloc[0]
            out.append((zone, r["children"], r["percent"], r["marker"]))
    return pd.DataFrame([(*row, latest) for row in out], columns=columns)


def placement_map(page, council: str | Council, year: int, model: str = "2025"):
    """The council's region with the council, a 20-mile ring around it and its statistical
    neighbours, shaded by how many other councils' children each area hosts; and the shares of
    the council's own children in each zone."""
    import geopandas as gpd  # heavy (GDAL bindings): loaded only when a map is drawn

    council = resolve_council(council)
    geo = boundaries(year)
    shape = geo[geo["la_code"] == council.code]
    if shape.empty:
        return prose(f"No boundary for {escape(council.name)} is held for {year}, so no map is drawn.")
    zones = placement_zones(council, year)
    hosted = published.cla_characteristics(year, ["cla_by_la_of_placement"])
    hosted = hosted[(hosted["unit"] == "children") & (hosted["level"] == "local authority")
                    & hosted["breakdown"].str.startswith("2.")]
    hosted_year = int(hosted["year"].max()) if len(hosted) else None
    hosted = hosted[hosted["year"] == hosted_year].set_index("la_code")["value"] if hosted_year else pd.Series(dtype=float)
    ring = shape.geometry.iloc[0].buffer(20 * MILE)
    region = geo[(geo["region_code"] == council.region_code) | geo.intersects(ring)].copy()
    region["hosted"] = region["la_code"].map(hosted)
    theme()
    fig, ax = plt.subplots(figsize=(7.5, 8.4))
    edges = _bands(region["hosted"], 4)
    handles = _choropleth(ax, region, "hosted", edges, "", legend_title="")
    neighbours = [n.code for n in statistical_neighbours(council, model)]
    nb = region[region["la_code"].isin(neighbours)]
    if len(nb):
        nb.boundary.plot(ax=ax, color=NEIGHBOUR_COLOUR, linewidth=1.6, linestyle="-.")
        # Names would crowd small councils: the neighbours are named in the table and the text.
    gpd.GeoSeries([ring], crs=BNG).boundary.plot(ax=ax, color="black", linewidth=1, linestyle=":")
    _outline(ax, region, council)
    _frame_axes(ax)
    handles += [Line2D([], [], color="black", linewidth=2.4, label=council.name),
                Line2D([], [], color="black", linewidth=1, linestyle=":", label="20 miles from its boundary"),
                Line2D([], [], color=NEIGHBOUR_COLOUR, linewidth=1.6, linestyle="-.", label="Statistical neighbour")]
    _legend_below(fig, ax, handles, f"Other councils' children placed in the area, {hosted_year}")
    ax.set_title(_title(f"{council.name}, its neighbours and the children placed in each area"))
    fig.tight_layout()
    name = escape(council.name)
    parts = []
    if len(zones):
        zy = int(zones["year"].iloc[0])
        described = "; ".join(f"{z.zone.lower()}: " + (z.marker if z.marker else f"{fmt_number(z.children)} children "
                                                       f"({fmt_number(z.percent)}%)") for z in zones.itertuples())
        parts.append(f"On 31 March {zy}, {name}'s children looked after lived as follows — {escape(described)}.")
    else:
        parts.append(f"DfE publishes no breakdown of where {name}'s children live up to {year}.")
    parts.append("DfE does not publish which council each child is placed in, so the map cannot show the flows "
                 "between councils. It shows instead, for every council nearby, how many children looked after by "
                 "other councils were living there: areas that host many are where placements are found, and "
                 "where councils compete for them. The dotted ring is 20 miles from the council's boundary; DfE "
                 "measures distance from each child's home address, so the ring is a guide only.")
    data = pd.DataFrame({"Council": region["name"].astype(str),
                         "Statistical neighbour": np.where(region["la_code"].isin(neighbours), "yes", ""),
                         f"Other councils' children placed here ({hosted_year})": [fmt_number(v) for v in region["hosted"]]})
    data = data.sort_values("Council")
    alt = (f"Map of {council.region_name} and nearby councils shaded in bands by the number of other councils' children "
           f"looked after placed there in {hosted_year}, with {council.name} outlined, a 20-mile ring around it and its "
           f"statistical neighbours marked.")
    if len(zones):
        alt += " " + "; ".join(f"{z.zone}: {z.marker or fmt_number(z.percent) + '%'}" for z in zones.itertuples()) + "."
    source = "DfE, Children's social care dashboard data (children looked after by locality, distance and LA of placement); " \
        + SOURCE_BOUNDARIES
    return prose(*parts) + page.figure(fig, name="map-placements", alt=alt, data=data, source=source,
                                       caption=f"How many children looked after by other councils lived in each "
                                               f"council area near {council.name}, {hosted_year} (the map cannot "
                                               f"show where {council.name}'s own children live; the text above says "
                                               "how far from home they are).")


def supply_map(page, council: str | Council, year: int):
    """Ofsted-registered children's home places in each council of the region (and within reach),
    against the council's own children living in children's homes."""
    council = resolve_council(council)
    homes = supply.children_homes_by_council(year)
    homes_year = int(homes["year"].max()) if len(homes) else None
    if homes_year is None or homes[homes["year"] == homes_year]["places"].isna().all():
        return prose(f"Ofsted publishes no count of children's home places up to {year}.")
    homes = homes[homes["year"] == homes_year].set_index("la_code")
    geo = boundaries(year)
    shape = geo[geo["la_code"] == council.code]
    region = geo[geo["region_code"] == council.region_code].copy()
    region["places"] = region["la_code"].map(homes["places"]).fillna(0)   # no home registered: no places
    theme()
    fig, ax = plt.subplots(figsize=(7.5, 7.6))
    edges = _bands(region["places"], 4)
    handles = _choropleth(ax, region, "places", edges, "", legend_title="")
    _outline(ax, region, council)
    _frame_axes(ax)
    handles.append(Line2D([], [], color="black", linewidth=2.4, label=council.name))
    _legend_below(fig, ax, handles, f"Children's home places registered, {homes_year}")
    ax.set_title(_title(f"Children's home places by council, {council.region_name}, 31 March {homes_year}"))
    fig.tight_layout()
    chars = published.cla_characteristics(year, ["cla_by_placement_type"])
    mine = chars[(chars["la_code"] == council.code) & (chars["unit"] == "children")
                 & (chars["breakdown"] == "Secure homes and children's homes")]
    name = escape(council.name)
    places = homes["places"].get(council.code, 0.0)
    n_homes = homes["homes"].get(council.code, 0)
    text = (f"On 31 March {homes_year} Ofsted listed {fmt_number(n_homes)} children's homes in {name} with "
            f"{fmt_number(places)} registered places, run by any provider and open to children from any council.")
    if len(mine):
        row = mine.sort_values("year").iloc[-1]
        value = row["marker"] if row["marker"] else fmt_number(row["value"])
        text += (f" On 31 March {int(row['year'])}, {value} of {name}'s own children looked after lived in "
                 f"children's homes or secure homes, wherever those homes were.")
    if shape.empty:
        text += f" No boundary for {name} is held for {year}, so it is not outlined."
    data = region[["name", "places"]].assign(homes=region["la_code"].map(homes["homes"]).fillna(0)).sort_values("name")
    data = pd.DataFrame({"Council": data["name"].astype(str), "Children's homes": [fmt_number(v) for v in data["homes"]],
                         "Registered places": [fmt_number(v) for v in data["places"]]})
    alt = (f"Map of the councils of {council.region_name} shaded in bands by Ofsted-registered children's home places "
           f"on 31 March {homes_year}, from {edges[0]} to {edges[-1]}, with {council.name} outlined "
           f"({fmt_number(places)} places).")
    source = "Ofsted, Children's social care data in England (providers and places at 31 March); DfE, Children's " \
        "social care dashboard data; " + SOURCE_BOUNDARIES
    return prose(text) + page.figure(fig, name="map-supply", alt=alt, data=data, source=source,
                                     caption=f"Children's home places registered with Ofsted in each council of "
                                             f"{council.region_name}, {homes_year}.")
