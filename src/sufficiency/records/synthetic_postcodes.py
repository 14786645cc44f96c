"""Postcodes for a synthetic SSDA903 extract: real ONS postcode centroids in and around the council,
drawn so that the distances from home match the shares DfE publishes for it.

No postcode drawn here belongs to a child: they are points of the ONS Postcode Directory picked at
random, and the extract that carries them is marked SYNTHETIC (:mod:`sufficiency.records.synthetic`).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from sufficiency.records import distance

#: Zones a placement is drawn in → DfE's distance-and-locality labels that make them up.
DISTANCE_ZONES = {
    "inside_near": ["1. Placed inside the LA boundary, 20 miles or less from home"],
    "outside_near": ["2. Placed outside the LA boundary, 20 miles or less from home"],
    "inside_far": ["3. Placed inside the LA boundary, more than 20 miles from home"],
    "outside_far": ["4. Placed outside the LA boundary, more than 20 miles from home"],
    "not_known": ["5. Placed inside the LA boundary, distance not known or not recorded",
                  "6. Placed outside the LA boundary, distance not known or not recorded"],
}

#: Where a council's figures are missing: about a third inside, half nearby, the rest further.
DEFAULT_DISTANCE = {"inside_near": 0.35, "outside_near": 0.50, "outside_far": 0.15}


def choose(rng: np.random.Generator, options: dict, size: int) -> np.ndarray:
    """Draw ``size`` keys of ``options`` with probabilities proportional to its values."""
    keys = np.array(list(options), dtype=object)
    weights = np.array(list(options.values()), dtype=float)
    return keys[rng.choice(len(keys), size=size, p=weights / weights.sum())]


@dataclass(frozen=True)
class Neighbourhood:
    """Real postcodes to draw from: the council's own, those nearby outside it, those further away.

    Each pool is a frame of ``postcode`` ('SE6 4RU'), ``easting`` and ``northing`` (metres);
    ``near`` lies outside the council within 20 miles of its furthest postcode from the centre,
    ``far`` outside it, 20 to 120 miles from the centre (samples of at most ``POOL_SIZE``).
    """

    centre: tuple[float, float]
    home: pd.DataFrame
    near: pd.DataFrame
    far: pd.DataFrame


POOL_SIZE = 40_000
FAR_MILES = 120


@lru_cache(maxsize=8)
def neighbourhood(la_code: str) -> Neighbourhood:
    """Pools of real postcodes around a council (reads every letter of the postcode directory once)."""
    ons = distance.council_ons_codes(la_code)
    frames = []
    for first in distance.letters_available():
        table = distance.letter(first)
        if table is None:
            continue
        # Is each district part of the council? The appended False serves postcodes with none (-1).
        member = np.append(np.isin(distance.council_of(table.districts), list(ons)), False)
        located = ~np.isnan(table.easting) & ~np.isnan(table.northing)
        inside = member[table.district]
        frames.append(pd.DataFrame({"postcode": table.postcode[located], "easting": table.easting[located],
                                    "northing": table.northing[located], "inside": inside[located]}))
    every = pd.concat(frames, ignore_index=True)
    home = every[every["inside"]]
    if home.empty:
        raise distance.PostcodesUnavailable(f"no postcode of council {la_code} in the directory")
    centre = (float(home["easting"].mean()), float(home["northing"].mean()))
    miles = distance.straight_line_miles(centre[0], centre[1], every["easting"], every["northing"])
    radius = float(miles[every["inside"].to_numpy()].max())
    outside = ~every["inside"].to_numpy()
    near = every[outside & (miles <= radius + 20)]
    far = every[outside & (miles > 20) & (miles <= FAR_MILES)]
    pools = []
    for pool in (home, near, far):
        pick = np.random.default_rng(0).choice(len(pool), size=min(len(pool), POOL_SIZE), replace=False) \
            if len(pool) > POOL_SIZE else np.arange(len(pool))
        pool = pool.iloc[np.sort(pick)]
        pools.append(pd.DataFrame({"postcode": distance.display_form(pool["postcode"].to_numpy()),
                                   "easting": pool["easting"].to_numpy(), "northing": pool["northing"].to_numpy()}))
    return Neighbourhood(centre, *pools)


def _draw_near(rng: np.random.Generator, pool: pd.DataFrame, east: np.ndarray, north: np.ndarray,
               far: bool, tries: int = 30) -> np.ndarray:
    """Rows of ``pool``, one per home given, within 20 miles of it (or beyond, ``far``), by redrawing misses."""
    pick = rng.integers(0, len(pool), size=len(east))
    pending = np.arange(len(east))
    pool_east, pool_north = pool["easting"].to_numpy(), pool["northing"].to_numpy()
    for _ in range(tries):
        miles = distance.straight_line_miles(east[pending], north[pending], pool_east[pick[pending]],
                                             pool_north[pick[pending]])
        pending = pending[(miles <= 20) == far]
        if not len(pending):
            break
        pick[pending] = rng.integers(0, len(pool), size=len(pending))
    return pick   # the few still missing (e.g. nowhere in a small borough is 20 miles away) stay as drawn


def _fake_postcodes(rng: np.random.Generator, size: int) -> np.ndarray:
    """Obviously fake 'ZZ99 3QX'-style postcodes (never in the directory: distance not known)."""
    letters = np.array(list("ABDEFGHJLNPQRSTUWXYZ"))[rng.integers(0, 20, size=(size, 2))]
    digits = rng.integers(1, 10, size=size).astype(str)
    return np.char.add(np.char.add("ZZ99 ", digits), np.char.add(letters[:, 0], letters[:, 1])).astype(object)


def draw_postcodes(rng: np.random.Generator, la_code: str, shares: dict[str, float], children: int,
                   child_of: np.ndarray, place: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """HOME_POST of each child and PL_POST of each placement (``child_of`` its child, ``place`` its PLACE code).

    Placements with parents (P1) keep the home postcode; 'Other' placements (Z1, Z11) and the
    'not known' share have none. Falls back to fake postcodes if the directory cannot be used.
    """
    try:
        hood = neighbourhood(la_code)
    except Exception:   # no package, unknown council, damaged file: never stop a demonstration build
        home = _fake_postcodes(rng, children)
        placed = np.where(place == "P1", home[child_of], _fake_postcodes(rng, len(place))).astype(object)
        return home, np.where(np.isin(place, ["Z1", "Z11"]), None, placed)
    home_row = rng.integers(0, len(hood.home), size=children)
    home = hood.home["postcode"].to_numpy()[home_row]
    east = hood.home["easting"].to_numpy()[home_row][child_of]
    north = hood.home["northing"].to_numpy()[home_row][child_of]
    zone = choose(rng, {z: shares.get(z, 0.0) for z in DISTANCE_ZONES}, len(place))
    placed = np.full(len(place), None, dtype=object)
    for name, pool, far in (("inside_near", hood.home, False), ("inside_far", hood.home, True),
                            ("outside_near", hood.near, False), ("outside_far", hood.far, True)):
        rows = np.flatnonzero(zone == name)
        if len(rows) and len(pool):
            placed[rows] = pool["postcode"].to_numpy()[_draw_near(rng, pool, east[rows], north[rows], far)]
    placed = np.where(place == "P1", home[child_of], placed)
    return home, np.where(np.isin(place, ["Z1", "Z11"]), None, placed)
