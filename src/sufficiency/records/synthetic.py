"""A seeded synthetic SSDA903 extract shaped like a council's published figures.

SYNTHETIC DATA: no row describes a real child. Every CHILD id starts ``SYN``; dates of
birth and UPNs (school code 9999) are drawn at random; postcodes are real postcodes drawn
at random (homes inside the council, placements around it), so no postcode is anyone's
address in this extract. :func:`write_extract` also writes ``SYNTHETIC-DATA.txt`` in the
folder, and :func:`is_synthetic` tells a synthetic extract from a real one.

Postcodes come from the ONS postcode directory (:mod:`.distance`): every home postcode
lies in the council (its districts, for a county), and each placement is drawn inside the
council, outside it within 20 miles of the child's home, further away, or with no postcode,
in the shares the council published (DfE's distance-and-locality table; else 35%, 50% and
15%). Placements with parents (P1) keep the home postcode. Without the postcode package
the generator writes obviously fake postcodes ('ZZ99 3QX'), whose distance is not known.

The simulation follows children through periods of care, vectorised with numpy (no
per-child loop): each year's starters come from the council's published figures; age
at entry, moves, legal-status changes, placement types and reasons for leaving are
drawn from plausible rates; the length of a stay is stretched until the number looked
after on 31 March of ``year`` matches the published count; placement types are drawn
from the council's published mix. Histories are simulated into the future and cut at
each collection year's 31 March, so older annual extracts show episodes still open that
newer ones close (the reader's "newest wins" rule matters, as with real exports).

``scale`` multiplies every flow (about 9,400 episodes, 18 years of history, per unit of scale for Lewisham):
``scale=106`` writes about a million episodes in a few seconds, for benchmarks.

>>> header, episodes = simulate(targets=Targets(starters={2025: 50}, cla=80), year=2025, seed=1)
>>> bool(header["CHILD"].str.startswith("SYN").all()), int(looked_after_count(episodes, 2025))
(True, 80)
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from sufficiency.core.errors import InputError
from sufficiency.data import published
from sufficiency.records.indicators import PLACEMENT_GROUPS
from sufficiency.records.read import Extract, _read_text_table, censor, find_files
from sufficiency.records.synthetic_postcodes import DEFAULT_DISTANCE, DISTANCE_ZONES, choose, draw_postcodes

EPOCH = np.datetime64("1970-01-01", "D")
HISTORY_YEARS = 18   # long enough that every child in care in the extract years entered in the simulation

#: Rough national shape where a council's own figures are missing (England, 31 March 2025).
ENGLAND_MIX = {"Foster placements": 0.67, "Placed for adoption": 0.02,
               "Placed with parents or other person with parental responsibility": 0.06,
               "Independent and semi-independent living arrangements/supported accommodation": 0.08,
               "Secure homes and children's homes": 0.12, "Other residential settings": 0.02,
               "Residential schools": 0.01, "Other placements": 0.02}


@dataclass
class Targets:
    """What the synthetic extract should roughly reproduce.

    ``starters`` by collection year (years missing take the nearest given year), ``cla``
    the number looked after on 31 March of the extract's last year, ``placement_mix``
    the share of that stock in each DfE placement-type group.
    """

    starters: dict[int, float]
    cla: float
    placement_mix: dict[str, float] = field(default_factory=lambda: dict(ENGLAND_MIX))
    share_16_plus: float = 0.3
    #: Share of placements in each zone: see :data:`DISTANCE_ZONES`.
    distance_shares: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_DISTANCE))




def published_targets(la_code: str, year: int) -> Targets:
    """Targets from the council's published starters, CLA at 31 March and placement mix."""
    headline = published.cla_headline(year)
    council = headline[(headline["la_code"] == la_code) & (headline["unit"] == "children")]
    starters = council[council["measure"] == "starters"].dropna(subset=["value"])
    cla = council[(council["measure"] == "cla_31_march") & (council["year"] == year)]["value"].dropna()
    if starters.empty or cla.empty:
        raise InputError(f"--la {la_code}", problem=f"no published starters or children looked after "
                         f"at 31 March {year} for this council", expected="an English council's DfE code")
    chars = published.cla_characteristics(year, ["cla_by_placement_type", "cla_by_age"])
    chars = chars[(chars["la_code"] == la_code) & (chars["unit"] == "children") & (chars["breakdown"] != "")]
    chars = chars[chars["year"] == chars["year"].max()]
    mix = chars[chars["measure"] == "cla_by_placement_type"].set_index("breakdown")["value"]
    # A suppressed cell ('c') is 1 to 5 children: take 3 for the shape of the simulation only.
    mix = mix.reindex(list(PLACEMENT_GROUPS)).fillna(3.0) if len(mix) else pd.Series(ENGLAND_MIX)
    ages = chars[chars["measure"] == "cla_by_age"].set_index("breakdown")["value"].fillna(3.0)
    share_16 = float(ages.get("16 years and over", 0.3 * ages.sum()) / ages.sum()) if len(ages) else 0.3
    return Targets(starters=dict(zip(starters["year"].astype(int), starters["value"].astype(float))),
                   cla=float(cla.iloc[0]), placement_mix=(mix / mix.sum()).to_dict(), share_16_plus=share_16,
                   distance_shares=published_distance_shares(la_code, year))


def published_distance_shares(la_code: str, year: int) -> dict[str, float]:
    """Shares of the council's children in each zone of :data:`DISTANCE_ZONES` at its latest
    published 31 March up to ``year`` (a suppressed cell counts as 3); the default without figures."""
    table = published.cla_characteristics(year, ["cla_by_distance_and_locality"])
    table = table[(table["la_code"] == la_code) & (table["unit"] == "children") & (table["breakdown"] != "")]
    if table.empty:
        return dict(DEFAULT_DISTANCE)
    table = table[table["year"] == table["year"].max()]
    counts = table.set_index("breakdown")["value"].fillna(3.0)
    shares = {zone: float(counts.reindex(labels).fillna(0).sum()) for zone, labels in DISTANCE_ZONES.items()}
    total = sum(shares.values())
    return {zone: value / total for zone, value in shares.items()} if total else dict(DEFAULT_DISTANCE)


# ----------------------------------------------------------------------------- code draws



ENTRY_AGE = {0: 0.17, 1: 0.12, 5: 0.13, 10: 0.36, 16: 0.22}   # lowest age of band → share of starters
ENTRY_AGE_TOP = {0: 1, 1: 5, 5: 10, 10: 16, 16: 18}
STAY_FACTOR = {0: 0.8, 1: 0.55, 5: 0.6, 10: 1.1, 16: 1.0}   # young children leave sooner (home, SGO)
FIRST_LS = {"C1": 0.45, "V2": 0.38, "L1": 0.03, "L2": 0.02, "J2": 0.04, "C2": 0.05, "J1": 0.01, "E1": 0.02}
CIN = {"N1": 0.63, "N2": 0.03, "N3": 0.02, "N4": 0.07, "N5": 0.08, "N6": 0.01, "N7": 0.01, "N8": 0.15}
ETHNIC = {"WBRI": 0.20, "WOTH": 0.05, "MWBC": 0.11, "MWBA": 0.04, "MWAS": 0.02, "MOTH": 0.09,
          "BCRB": 0.12, "BAFR": 0.12, "BOTH": 0.10, "ABAN": 0.01, "APKN": 0.01, "AOTH": 0.03,
          "AIND": 0.01, "CHNE": 0.005, "OOTH": 0.06, "REFU": 0.02}
CODES_IN_GROUP = {
    "Foster placements": {"U1": 0.06, "U2": 0.01, "U3": 0.10, "U4": 0.25, "U5": 0.01, "U6": 0.57},
    "Placed for adoption": {"A3": 0.1, "A4": 0.1, "A5": 0.3, "A6": 0.5},
    "Placed with parents or other person with parental responsibility": {"P1": 1.0},
    "Independent and semi-independent living arrangements/supported accommodation": {"H5": 0.7, "P2": 0.3},
    "Secure homes and children's homes": {"K2": 0.93, "K1": 0.07},
    "Other residential settings": {"R1": 0.4, "R2": 0.2, "R3": 0.3, "R5": 0.1},
    "Residential schools": {"S1": 1.0},
    "Other placements": {"Z1": 1.0},
}
PROVIDER_IN_GROUP = {
    "Foster placements": {"PR1": 0.42, "PR4": 0.55, "PR5": 0.03},
    "Placed for adoption": {"PR1": 0.6, "PR2": 0.2, "PR5": 0.2},
    "Placed with parents or other person with parental responsibility": {"PR0": 1.0},
    "Independent and semi-independent living arrangements/supported accommodation":
        {"PR4": 0.85, "PR5": 0.10, "PR1": 0.05},
    "Secure homes and children's homes": {"PR4": 0.85, "PR1": 0.10, "PR5": 0.05},
    "Other residential settings": {"PR3": 0.5, "PR4": 0.5},
    "Residential schools": {"PR4": 0.7, "PR5": 0.3},
    "Other placements": {"": 0.9, "PR4": 0.1},
}
LEAVING = {"E4A": 0.36, "E4B": 0.05, "E13": 0.10, "E41": 0.07, "E45": 0.06, "E46": 0.02, "E47": 0.08,
           "E48": 0.01, "E3": 0.03, "E8": 0.11, "E9": 0.02, "E14": 0.04, "E16": 0.01, "E2": 0.004}
LEAVING_AT_18 = {"E17": 0.25, "E5": 0.45, "E6": 0.10, "E8": 0.13, "E7": 0.05, "E15": 0.02}
MOVE_REASONS = {"CARPL": 0.3, "CHILD": 0.1, "CLOSE": 0.05, "ALLEG": 0.03, "STAND": 0.12, "APPRR": 0.15,
                "CREQB": 0.05, "LAREQ": 0.1, "PLACE": 0.05, "OTHER": 0.05}


# ----------------------------------------------------------------------------- the simulation

def looked_after_count(episodes: pd.DataFrame, year: int) -> int:
    """Children with an open episode on 31 March ``year`` (short breaks included)."""
    end = pd.Timestamp(year, 3, 31)
    return int(((episodes["DECOM"] <= end) & (episodes["DEC"].isna() | (episodes["DEC"] > end))).sum())


def simulate(*, targets: Targets, year: int, seed: int = 0, scale: float = 1.0,
             la_code: str = "209") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Complete synthetic histories (header, episodes) — dates typed, future included, uncensored."""
    rng = np.random.default_rng(seed)
    first_year = year - HISTORY_YEARS
    given = sorted(targets.starters)
    years = np.arange(first_year, year + 1)
    expected = np.array([targets.starters[min(given, key=lambda g: abs(g - y))] for y in years]) * scale
    counts = rng.poisson(expected)
    n = int(counts.sum())
    year_of = np.repeat(years, counts)
    year_start = (np.array([f"{y - 1}-04-01" for y in year_of], dtype="datetime64[D]") - EPOCH).astype(np.int64)
    entry = year_start + rng.integers(0, 365, size=n)

    band_low = choose(rng, ENTRY_AGE, n).astype(int)
    band_top = np.vectorize(ENTRY_AGE_TOP.get)(band_low) if n else band_low
    age_days = (band_low * 365.25 + rng.random(n) * (band_top - band_low) * 365.25).astype(np.int64)
    dob = entry - age_days
    to_18 = (dob + np.int64(18 * 365.25)) - entry   # days left until the 18th birthday (about)
    uasc = (age_days >= 14 * 365) & (rng.random(n) < 0.3)

    # Stays: a third are short; the rest are long and stretched to meet the published stock.
    short = rng.random(n) < 0.32
    short_days = rng.exponential(45.0, n) + 1
    long_shape = rng.gamma(0.9, 1.0, n)
    adopt = (age_days < 3 * 365) & (rng.random(n) < 0.25)
    stay_factor = np.vectorize(STAY_FACTOR.get)(band_low) if n else np.ones(0)
    cutoff = (np.datetime64(f"{year}-03-31") - EPOCH).astype(np.int64)

    def durations(mean_days: float) -> np.ndarray:
        days = np.where(short & ~adopt, short_days, long_shape * mean_days * stay_factor + 30)
        days = np.where(adopt, 420 + long_shape * 250, days)
        return np.maximum(np.minimum(days, to_18), 1).astype(np.int64)

    low, high = 50.0, 20000.0
    for _ in range(40):   # bisection: the stock at 31 March rises with the mean length of stay
        mid = (low + high) / 2
        stock = np.count_nonzero((entry <= cutoff) & (entry + durations(mid) > cutoff))
        low, high = (mid, high) if stock < targets.cla * scale else (low, mid)
    duration = durations((low + high) / 2)
    aged_out = duration >= to_18
    adopt &= ~aged_out
    end = entry + duration

    # Events within each period: start, moves, a legal-status change, the adoption placement,
    # a step down into supported or independent living at 16 or 17.
    moves_rate = np.where(age_days >= 10 * 365, 0.6, 0.3) / 365.0
    frailty = rng.gamma(0.5, 2.0, n)   # moves cluster in some children: most have none, a few many
    n_moves = np.minimum(rng.poisson(moves_rate * frailty * duration), 12)
    move_period = np.repeat(np.arange(n), n_moves)
    move_day = entry[move_period] + (rng.random(len(move_period)) * duration[move_period]).astype(np.int64)
    first_ls = choose(rng, FIRST_LS, n)
    adoption_start = end - (120 + rng.integers(0, 180, size=n))
    adoption_start = np.maximum(adoption_start, entry + 60)
    keep = ~adopt[move_period] | (move_day < adoption_start[move_period] - 30)
    move_period, move_day = move_period[keep], move_day[keep]
    ls_change = (first_ls == "C1") & (duration > 150) & ~adopt
    ls_period = np.flatnonzero(ls_change)
    ls_day = entry[ls_period] + 60 + (
        rng.random(len(ls_period)) * np.minimum(duration[ls_period] - 90, 400)).astype(np.int64)
    adopt_period = np.flatnonzero(adopt)
    leaving_day = dob + np.int64(16 * 365.25) + rng.integers(0, 540, size=n)
    step_down = (leaving_day > entry + 30) & (leaving_day < end - 14) & (rng.random(n) < 0.45)
    step_period = np.flatnonzero(step_down)
    kinds = np.concatenate([np.zeros(n, np.int8), np.ones(len(move_period), np.int8),
                            np.full(len(ls_period), 2, np.int8), np.full(len(adopt_period), 3, np.int8),
                            np.full(len(step_period), 4, np.int8)])
    period = np.concatenate([np.arange(n), move_period, ls_period, adopt_period, step_period])
    day = np.concatenate([entry, move_day, ls_day, adoption_start[adopt_period], leaving_day[step_period]])
    order = np.lexsort((kinds, day, period))
    period, day, kinds = period[order], day[order], kinds[order]
    distinct = np.ones(len(period), bool)
    distinct[1:] = (period[1:] != period[:-1]) | (day[1:] != day[:-1])
    period, day, kinds = period[distinct], day[distinct], kinds[distinct]
    last = np.ones(len(period), bool)
    last[:-1] = period[1:] != period[:-1]
    dec = np.where(last, end[period], np.roll(day, -1))

    # Placement type for each new placement, by age at its start; legal-status changes keep it.
    m = len(period)
    age_at = (day - dob[period]) / 365.25
    mix = {g: max(share, 1e-6) for g, share in targets.placement_mix.items()}
    independent = "Independent and semi-independent living arrangements/supported accommodation"
    young = {g: (0 if g in (independent, "Placed for adoption") else s) for g, s in mix.items()}
    share_ind_16 = min(0.85, mix.get(independent, 0.08) / max(targets.share_16_plus, 0.05))
    older = {g: (0 if g == "Placed for adoption" else s) for g, s in mix.items() if g != independent}
    total_older = sum(older.values())
    older = {g: s / total_older * (1 - share_ind_16) for g, s in older.items()}
    older[independent] = share_ind_16
    group = np.where(age_at >= 16, choose(rng, older, m), choose(rng, young, m))
    group = np.where(kinds == 3, "Placed for adoption", group)
    group = np.where(kinds == 4, independent, group)
    new_placement = kinds != 2
    placement_no = np.cumsum(new_placement) - 1
    group = group[new_placement][placement_no]           # legal-status changes keep the placement
    place = np.empty(m, dtype=object)
    provider = np.empty(m, dtype=object)
    for name in PLACEMENT_GROUPS:
        rows = np.flatnonzero(group == name)
        place[rows] = choose(rng, CODES_IN_GROUP[name], len(rows))
        provider[rows] = choose(rng, PROVIDER_IN_GROUP[name], len(rows))
    place, provider = place[new_placement][placement_no], provider[new_placement][placement_no]
    # Codes that changed: supported accommodation K3 from April 2024, Z1 split from April 2025.
    place = np.where((place == "H5") & (day >= _day("2024-04-01")), "K3", place)
    place = np.where((place == "Z1") & (day >= _day("2025-04-01")), "Z11", place)
    provider = np.where(provider == "", None, provider)

    rne = np.array(["S", "P", "L", "B", "P"], dtype=object)[kinds]
    rne = np.where((kinds == 1) & (rng.random(m) < 0.05), "T", rne)
    ls = first_ls[period].astype(object)
    # Has this period's legal-status change happened by this episode? (counts within each period)
    changes = np.cumsum(kinds == 2)
    period_first = np.maximum.accumulate(np.where(kinds == 0, np.arange(m), 0))
    after_change = changes - changes[period_first] > 0
    ls = np.where(after_change & ls_change[period], "C2", ls)
    ls = np.where(group == "Placed for adoption", "E1", ls)
    rec = np.where(last, np.where(adopt[period], choose(rng, {"E11": 0.85, "E12": 0.15}, m),
                                  np.where(aged_out[period], choose(rng, LEAVING_AT_18, m),
                                           choose(rng, LEAVING, m))), "X1")
    reason_change = np.where(np.isin(rne, ["P", "T", "B"]), choose(rng, MOVE_REASONS, m), None)

    # Postcodes are drawn for placement starts only (other episodes copy them): the costly part.
    starts = np.flatnonzero(new_placement)
    # Children placed with parents are at home and 'other' placements have no postcode: the zone
    # shares of the rest are reduced by those, so the stock as a whole matches the published shares.
    shares = dict(targets.distance_shares)
    for zone, group in (("inside_near", "Placed with parents or other person with parental responsibility"),
                        ("not_known", "Other placements")):
        shares[zone] = max(0.0, shares.get(zone, 0.0) - targets.placement_mix.get(group, 0.0))
    home_by_child, start_post = draw_postcodes(rng, la_code, shares, n, period[starts], place[starts])
    home_post, pl_post = home_by_child[period], start_post[placement_no]
    urn = np.where(np.isin(place, ["K1", "K2", "K3", "S1", "R3"]),
                   np.char.add("SC", rng.integers(900000, 999999, size=m).astype(str)), "XXXXXXX")
    urn = urn[new_placement][placement_no]   # one per placement

    width = max(6, len(str(n)))
    child_ids = np.char.add("SYN", np.char.zfill(np.arange(1, n + 1).astype(str), width))
    episodes = pd.DataFrame({
        "CHILD": child_ids[period], "DECOM": _dates(day), "RNE": rne, "LS": ls, "CIN": choose(rng, CIN, n)[period],
        "PLACE": place, "PLACE_PROVIDER": provider, "DEC": _dates(dec), "REC": rec,
        "REASON_PLACE_CHANGE": reason_change, "HOME_POST": home_post, "PL_POST": pl_post, "URN": urn})
    sex = np.where(rng.random(n) < 0.54, "1", "2")
    la_digits = f"{int(la_code):03d}" if la_code.isdigit() else "999"
    upn = np.char.add(f"Z{la_digits}9999", np.char.zfill(rng.integers(0, 10**5, n).astype(str), 5))
    upn = np.where(rng.random(n) < 0.15, "UN1", upn).astype(object)
    mother = np.where(sex == "2", np.where((age_days > 14 * 365) & (rng.random(n) < 0.03), "1", "0"), None)
    mc_dob = np.where(mother == "1", end - rng.integers(30, 300, size=n), -10**6)
    header = pd.DataFrame({"CHILD": child_ids, "SEX": sex, "DOB": _dates(dob), "ETHNIC": choose(rng, ETHNIC, n),
                           "UPN": upn, "MOTHER": mother,
                           "MC_DOB": pd.Series(_dates(mc_dob)).where(mc_dob > -10**6)})
    header.attrs["uasc"] = uasc
    return header, episodes


def _day(text: str) -> np.int64:
    return (np.datetime64(text) - EPOCH).astype(np.int64)


def _dates(days: np.ndarray) -> np.ndarray:
    return (EPOCH + np.asarray(days, dtype=np.int64)).astype("datetime64[ns]")


# ----------------------------------------------------------------------------- writing

def _text_dates(values: pd.Series) -> pd.Series:
    """dd/mm/yyyy text, formatting each distinct date once (fast for a million rows)."""
    codes, uniques = pd.factorize(values)
    text = np.asarray(pd.DatetimeIndex(uniques).strftime("%d/%m/%Y"), dtype=object)
    return pd.Series(np.where(codes >= 0, text[np.maximum(codes, 0)] if len(text) else "", ""), index=values.index)


def _write(frame: pd.DataFrame, path: Path, date_columns: list[str]) -> None:
    """A plain CSV (blank for missing), joined directly: several times faster than ``to_csv`` for a
    million rows. Generated values never hold a comma, quote or line break, so nothing needs quoting."""
    columns = []
    for name in frame.columns:
        values = _text_dates(frame[name]) if name in date_columns else frame[name]
        missing = pd.isna(values).to_numpy()
        raw = values.to_numpy(dtype=object)
        if pd.api.types.infer_dtype(raw[~missing], skipna=False) not in ("string", "empty"):
            raw = raw.astype(str).astype(object)   # rare: non-text values (slow for big columns)
        columns.append(np.where(missing, "", raw).tolist())
    lines = [",".join(frame.columns)] + [",".join(row) for row in zip(*columns)]
    body = "\n".join(lines) + "\n"
    if any(c in body for c in ('"', "\r")) or body.count(",") != (len(frame.columns) - 1) * len(lines):
        raise ValueError(f"a generated value needs CSV quoting ({path.name})")   # never expected
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")


MARKER = "SYNTHETIC-DATA.txt"
MARKER_TEXT = """SYNTHETIC DATA - NOT REAL CHILDREN

Every file in this folder was made up by a computer program (sufficiency.records.synthetic).
No row describes a real child: the IDs (all starting SYN), dates of birth, UPNs and histories
are invented. The postcodes are real postcodes picked at random in and around the council, so
that distances can be computed; no child lives or is placed at any of them.
The figures these files produce are a demonstration, not the council's statistics.
"""


def is_synthetic(source: str | Path | Extract) -> bool:
    """True for a synthetic extract: a folder holding ``SYNTHETIC-DATA.txt``, or an extract (or folder)
    whose every CHILD id starts 'SYN'. A folder that cannot be read is not called synthetic.

    >>> is_synthetic(Extract(header=pd.DataFrame({"CHILD": ["SYN000001"]}), episodes=pd.DataFrame()))
    True
    """
    if isinstance(source, Extract):
        ids = source.header["CHILD"].astype(str)
        return bool(len(ids)) and bool(ids.str.startswith("SYN").all())
    folder = Path(source)
    if (folder / MARKER).is_file():
        return True
    try:
        headers = [path for _, path in find_files(folder)["header"]]
        ids = []
        for path in headers:
            frame = _read_text_table(path, "header")
            column = next(c for c in frame.columns if str(c).strip().upper() == "CHILD")
            ids.append(frame[column].dropna().astype(str).str.strip())
    except (InputError, StopIteration, OSError, AttributeError):
        return False
    every = pd.concat(ids) if ids else pd.Series(dtype=str)
    return bool(len(every)) and bool(every.str.startswith("SYN").all())


def write_extract(header: pd.DataFrame, episodes: pd.DataFrame, folder: str | Path, *, year: int,
                  years: int = 3, layout: str = "annual", mid_year: bool = False) -> list[Path]:
    """Write the histories as a council would export them, with the :data:`MARKER` file; return the
    data files written.

    ``layout='annual'``: one folder per collection year (``folder/2025/header.csv`` …) holding
    the episodes open at some time in that year, as known on its 31 March. ``'single'``: one
    ``header.csv`` and ``episodes.csv`` with everything up to 31 March ``year``.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    written = []
    uasc = header.attrs.get("uasc")
    extracts = ([(folder / str(y), y) for y in range(year - years + 1, year + 1)] if layout == "annual"
                else [(folder, year)])
    if mid_year and layout == "annual":
        extracts.append((folder / str(year + 1), year + 1))
    for target, y in extracts:
        known = censor(episodes, y) if y <= year else _known_on(episodes, pd.Timestamp(year, 9, 30))
        if layout == "annual":
            known = known[known["DEC"].isna() | (known["DEC"] >= pd.Timestamp(y - 1, 4, 1))]
        children = header["CHILD"].isin(known["CHILD"].unique())
        _write(header[children], target / "header.csv", ["DOB", "MC_DOB"])
        _write(known, target / "episodes.csv", ["DECOM", "DEC"])
        written += [target / "header.csv", target / "episodes.csv"]
        if uasc is not None:
            rows = header[children & uasc]
            table = pd.DataFrame({"CHILD": rows["CHILD"], "SEX": rows["SEX"], "DOB": rows["DOB"],
                                  "DUC": rows["DOB"] + pd.DateOffset(years=18)})
            _write(table, target / "uasc.csv", ["DOB", "DUC"])
            written.append(target / "uasc.csv")
    return written


def _known_on(episodes: pd.DataFrame, day: pd.Timestamp) -> pd.DataFrame:
    """Episodes as a return made on ``day`` holds them: later starts dropped, later ends and reasons blank."""
    kept = episodes[episodes["DECOM"] <= day].copy()
    later = kept["DEC"] > day
    kept.loc[later, "DEC"] = pd.NaT
    kept.loc[later, "REC"] = None
    return kept


def generate(folder: str | Path, *, la_code: str = "209", year: int = 2025, years: int = 3, seed: int = 0,
             scale: float = 1.0, layout: str = "annual", targets: Targets | None = None) -> list[Path]:
    """Simulate and write a synthetic extract for a council (targets from its published figures)."""
    targets = targets or published_targets(la_code, year)
    header, episodes = simulate(targets=targets, year=year, seed=seed, scale=scale, la_code=la_code)
    return write_extract(header, episodes, folder, year=year, years=years, layout=layout)


# ----------------------------------------------------------------------------- planted faults

def plant_faults(folder: str | Path, *, year: int, seed: int = 0) -> dict[str, int]:
    """Turn an annual synthetic extract (``layout='annual'``, five years or more, ending ``year``)
    into one with the mistakes real exports have, and return the rows the reader should report
    under each rule (:data:`.quality.POLICY`) when the edition is ``year``.

    The newest return gets content faults, each in rows chosen so that one does not change
    another's count: reasons without dates (OPEN), dates without reasons (REC), episodes ending
    before they start (356), bad placement types (146) and categories of need (145), blank child
    ids (CHILD), unreadable dates of birth (102, their episodes then LINK), rows repeated (REPEAT).
    Older returns get export shapes: the year before as Excel workbooks (if openpyxl is
    installed), two years before with ISO dates and sex written '1.0' (NUMBER), three years before
    with column names in lower case and spaces, the oldest with an empty UASC file (EMPTY). A
    return for the year after ``year``, if the folder holds one (``write_extract(mid_year=True)``),
    is noted and not read (LATER). Rules about whole files count 0 rows.
    """
    folder = Path(folder)
    rng = np.random.default_rng(seed)
    newest = folder / str(year)
    header = pd.read_csv(newest / "header.csv", dtype=str, keep_default_na=False)
    episodes = pd.read_csv(newest / "episodes.csv", dtype=str, keep_default_na=False)
    older_ids = set()
    for older in range(year - 4, year):
        older_ids |= set(pd.read_csv(folder / str(older) / "header.csv", dtype=str)["CHILD"])
    expected: dict[str, int] = {}
    decom = pd.to_datetime(episodes["DECOM"], format="%d/%m/%Y")
    started_in_year = (decom >= pd.Timestamp(year - 1, 4, 1)).to_numpy()
    last_of_child = (episodes["CHILD"] != episodes["CHILD"].shift(-1)).to_numpy()
    closed = (episodes["DEC"] != "").to_numpy()
    free = np.ones(len(episodes), dtype=bool)

    def pick(mask: np.ndarray, n: int) -> np.ndarray:
        rows = rng.choice(np.flatnonzero(mask & free), size=n, replace=False)
        free[rows] = False
        return np.sort(rows)

    # Children new in this return whose date of birth cannot be read: their episodes have no header row.
    new_children = header.index[~header["CHILD"].isin(older_ids)].to_numpy()
    bad_dob = np.sort(rng.choice(new_children, size=2, replace=False))
    header.loc[bad_dob, "DOB"] = "31/02/" + header.loc[bad_dob, "DOB"].str[-4:]
    orphaned = episodes["CHILD"].isin(header.loc[bad_dob, "CHILD"]).to_numpy()
    free &= ~orphaned
    expected["102"], expected["LINK"] = len(bad_dob), int(orphaned.sum())

    rows = pick(last_of_child & closed, 7)
    episodes.loc[rows, "DEC"] = ""                                        # reason kept, no date: read as open
    expected["OPEN"] = len(rows)
    rows = pick(last_of_child & closed & (episodes["REC"] != "X1").to_numpy(), 6)
    episodes.loc[rows, "REC"] = ""                                        # date kept, no reason: E8
    expected["REC"] = len(rows)
    rows = pick(last_of_child & closed, 6)
    episodes.loc[rows, "DEC"] = (decom[rows] - pd.Timedelta(days=10)).dt.strftime("%d/%m/%Y")
    expected["356"] = len(rows)
    rows = pick(np.ones(len(episodes), dtype=bool), 6)
    episodes.loc[rows, "PLACE"] = "Q9"
    expected["146"] = len(rows)
    rows = pick(np.ones(len(episodes), dtype=bool), 8)
    episodes.loc[rows, "CIN"] = "N0"
    expected["145"] = len(rows)
    rows = pick(started_in_year, 3)   # started this year: no older return holds the episode under its id
    episodes.loc[rows, "CHILD"] = ""
    expected["CHILD"] = len(rows)
    rows = pick(np.ones(len(episodes), dtype=bool), 5)
    episodes = pd.concat([episodes, episodes.loc[rows]], ignore_index=True)   # repeated at the end
    expected["REPEAT"] = len(rows)
    _write(header, newest / "header.csv", [])
    _write(episodes, newest / "episodes.csv", [])

    _as_workbooks(folder / str(year - 1))
    two_before = folder / str(year - 2)
    for name, columns in (("header.csv", ["DOB", "MC_DOB"]), ("episodes.csv", ["DECOM", "DEC"])):
        table = pd.read_csv(two_before / name, dtype=str, keep_default_na=False)
        for column in columns:
            written = pd.to_datetime(table[column].replace("", None), format="%d/%m/%Y")
            table[column] = written.dt.strftime("%Y-%m-%d").fillna("")
        if "SEX" in table:
            table["SEX"] = table["SEX"] + ".0"
            expected["NUMBER"] = len(table)
        _write(table, two_before / name, [])
    three_before = folder / str(year - 3) / "episodes.csv"
    lines = three_before.read_text().split("\n", 1)
    lines[0] = lines[0].lower().replace("_", " ").replace("place provider", "Place Provider")
    three_before.write_text("\n".join(lines))
    oldest = sorted(int(p.name) for p in folder.iterdir() if p.is_dir() and p.name.isdigit() and int(p.name) <= year)[0]
    (folder / str(oldest) / "uasc.csv").write_text("")
    expected["EMPTY"] = 0   # a whole file: no rows
    if (folder / str(year + 1)).is_dir():   # a mid-year return for the next year: not read for ``year``
        expected["LATER"] = 0
    return expected


def generate_with_faults(folder: str | Path, *, la_code: str = "209", year: int = 2025, years: int = 5,
                         seed: int = 0, targets: Targets | None = None) -> dict[str, int]:
    """A synthetic annual extract with a mid-year return for the year after ``year`` and the faults of
    :func:`plant_faults`; returns the rows the reader should report under each rule."""
    if years < 5:
        raise InputError("--years", found=str(years), expected="5 or more: the faults are planted in five annual returns")
    targets = targets or published_targets(la_code, year)
    header, episodes = simulate(targets=targets, year=year, seed=seed, la_code=la_code)
    write_extract(header, episodes, folder, year=year, years=years, mid_year=True)
    return plant_faults(folder, year=year, seed=seed)


def _as_workbooks(year_folder: Path) -> None:
    """Each CSV of an annual return saved as an Excel workbook instead, dates as dates and whole
    numbers as numbers, as a council exporting from a spreadsheet would (skipped without openpyxl)."""
    try:
        import openpyxl  # optional: only this demonstration and Excel extracts need it
    except ImportError:
        return
    for path in sorted(year_folder.glob("*.csv")):
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = path.stem
        sheet.append(list(table.columns))
        for row in table.itertuples(index=False):
            sheet.append([_excel_cell(value) for value in row])
        book.save(path.with_suffix(".xlsx"))
        path.unlink()


def _excel_cell(text: str):
    if text == "":
        return None
    if len(text) == 10 and text[2] == "/" and text[5] == "/":
        return pd.Timestamp(int(text[6:]), int(text[3:5]), int(text[:2])).to_pydatetime()
    return int(text) if text.isdigit() and not text.startswith("0") else text
