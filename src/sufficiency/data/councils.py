"""English councils (local authorities with children's services): codes, names,
regions, statistical neighbours and the reorganisations that break their series.

A council is identified by its DfE three-digit LA number (``'209'`` is Lewisham).
:func:`resolve_council` accepts that number, an ONS code, a slug or a name, and
explains what to do when the text matches nothing.

>>> resolve_council("lewisham").code
'209'
>>> resolve_council(209).ons_code
'E09000023'
>>> resolve_council("Hammersmith & Fulham").name
'Hammersmith and Fulham'
>>> region_of("209").name
'London'
>>> [c.name for c in statistical_neighbours("209")][:3]
['Lambeth', 'Southwark', 'Croydon']
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache

from sufficiency.core import files
from sufficiency.core.errors import InputError
from sufficiency.core.paths import DATA_RAW

RATE_FILE = DATA_RAW / "cla_dfe_ees" / "cla_number_and_rate_per_10k_children.csv"
NEIGHBOUR_FILES = {
    "2025": DATA_RAW / "statistical_neighbours" / "statistical_neighbours_2025_long.csv",
    "2021": DATA_RAW / "statistical_neighbours" / "statistical_neighbours_2021_long.csv",
}

#: ONS codes of the nine English regions; DfE splits London into Inner/Outer London.
REGIONS: dict[str, str] = {
    "E12000001": "North East", "E12000002": "North West", "E12000003": "Yorkshire and The Humber",
    "E12000004": "East Midlands", "E12000005": "West Midlands", "E12000006": "East of England",
    "E12000007": "London", "E12000008": "South East", "E12000009": "South West",
}
LONDON_SUBREGIONS: dict[str, str] = {"E13000001": "Inner London", "E13000002": "Outer London"}
ENGLAND_CODE = "E92000001"


@dataclass(frozen=True)
class Region:
    """An English region (ONS code and name); ``str()`` gives the name."""

    code: str
    name: str

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class Council:
    """One English local authority with children's services responsibilities."""

    code: str            # DfE three-digit LA number, e.g. '209'
    name: str            # DfE spelling, e.g. 'Lewisham'
    ons_code: str        # latest ONS code, e.g. 'E09000023'
    region_code: str     # ONS region, e.g. 'E12000007' (London)
    region_name: str
    slug: str            # for file and folder names, e.g. 'lewisham'
    subregion_code: str = ""   # 'E13000001' Inner London / 'E13000002' Outer London, else ''
    subregion_name: str = ""
    current: bool = True       # False for councils abolished by a reorganisation
    former_ons_codes: tuple[str, ...] = field(default=())

    @property
    def region(self) -> Region:
        return Region(self.region_code, self.region_name)

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


@dataclass(frozen=True)
class Reorganisation:
    """A change that breaks a council's data series.

    ``first_year`` is the first reporting year (ending 31 March) published under
    the new arrangement; figures for earlier years belong to ``old_codes``.
    """

    effective: str                 # date the change took effect
    first_year: int
    old_codes: tuple[str, ...]
    new_codes: tuple[str, ...]
    description: str
    ons_code_change: tuple[str, str] | None = None   # (old, new) when only the ONS code changed


#: Reorganisations since 2009 that matter for the published CLA series.
REORGANISATIONS: list[Reorganisation] = [
    Reorganisation("2019-04-01", 2020, ("835", "836", "837"), ("838", "839"),
                   "Dorset (835), Poole (836) and Bournemouth (837) became Dorset (838) and "
                   "Bournemouth, Christchurch and Poole (839)"),
    Reorganisation("2021-04-01", 2022, ("928",), ("940", "941"),
                   "Northamptonshire (928) split into North Northamptonshire (940) and "
                   "West Northamptonshire (941)"),
    Reorganisation("2023-04-01", 2024, ("909",), ("942", "943"),
                   "Cumbria (909) split into Cumberland (942) and Westmorland and Furness (943)"),
    Reorganisation("2023-04-01", 2024, ("815",), ("815",),
                   "North Yorkshire became a unitary council; its DfE number stays 815 but its ONS "
                   "code changed", ("E10000023", "E06000065")),
    Reorganisation("2023-04-01", 2024, ("933",), ("933",),
                   "Somerset became a unitary council; its DfE number stays 933 but its ONS code "
                   "changed", ("E10000027", "E06000066")),
]

#: Successor used when a neighbour list still names an abolished council.
SUCCESSOR = {"835": "838", "836": "839", "837": "839"}


def slugify(name: str) -> str:
    """A lower-case, hyphenated file-name form of a council name.

    >>> slugify("Bristol, City of"), slugify("Hammersmith & Fulham")
    ('bristol-city-of', 'hammersmith-and-fulham')
    """
    text = name.casefold().replace("&", " and ")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _normalise(text: str) -> str:
    """Name key for matching: case, spaces, punctuation, '&'/'and' and 'the' ignored."""
    text = str(text).casefold().replace("&", " and ")
    text = re.sub(r"\(pre lg\)", " ", text)
    words = [w for w in re.split(r"[^a-z0-9]+", text) if w and w not in ("and", "the")]
    return " ".join(words)


def _region_for(code: str) -> tuple[str, str, str, str]:
    """(region_code, region_name, subregion_code, subregion_name) from a DfE region column code."""
    if code in LONDON_SUBREGIONS:
        return "E12000007", "London", code, LONDON_SUBREGIONS[code]
    return code, REGIONS.get(code, ""), "", ""


@lru_cache(maxsize=1)
def _councils_by_code() -> dict[str, Council]:
    """Every council in the CLA headline table, current and former, keyed by DfE number."""
    frame = files.read_csv(RATE_FILE, required_columns=[
        "time_period", "geographic_level", "region_code", "old_la_code", "la_name", "new_la_code"])
    frame = frame[frame["geographic_level"] == "Local authority"].copy()
    frame["year"] = frame["time_period"].astype(int)
    frame = frame.sort_values("year")
    abolished = {code for r in REORGANISATIONS for code in r.old_codes if code not in r.new_codes}
    councils = {}
    for code, rows in frame.groupby("old_la_code", sort=True):
        latest = rows.iloc[-1]
        region = _region_for(latest["region_code"])
        former = tuple(sorted(set(rows["new_la_code"]) - {latest["new_la_code"]}))
        councils[code] = Council(code=code, name=latest["la_name"], ons_code=latest["new_la_code"],
                                 region_code=region[0], region_name=region[1], slug=slugify(latest["la_name"]),
                                 subregion_code=region[2], subregion_name=region[3],
                                 current=code not in abolished, former_ons_codes=former)
    return councils


def all_councils(include_former: bool = False) -> list[Council]:
    """Current English councils (153 in 2025), sorted by name; add abolished ones on request.

    >>> len(all_councils())
    153
    """
    councils = [c for c in _councils_by_code().values() if include_former or c.current]
    return sorted(councils, key=lambda c: c.name)


@lru_cache(maxsize=1)
def _name_index() -> dict[str, str]:
    """Normalised name variants → DfE number (current councils win over former)."""
    index: dict[str, str] = {}
    for council in sorted(_councils_by_code().values(), key=lambda c: c.current):
        name = council.name
        variants = {name, council.slug}
        # 'Bristol, City of' is also written 'City of Bristol' and 'Bristol'.
        if ", " in name:
            head, tail = name.split(", ", 1)
            variants |= {head, f"{tail} {head}"}
        for variant in variants:
            index[_normalise(variant)] = council.code
    # Common short forms.
    for alias, code in {"BCP": "839", "Hull": "810", "Durham": "840", "Southend": "882",
                        "Telford": "894", "Windsor": "868", "Brighton": "846"}.items():
        index[_normalise(alias)] = code
    return index


def resolve_council(text: str | int | Council) -> Council:
    """Find a council from its DfE number, ONS code, slug or name.

    Raises :class:`InputError` for text that matches no council, suggesting the
    closest names; abolished councils are refused with the names of their successors.

    >>> resolve_council("E09000023").name
    'Lewisham'
    >>> resolve_council("909").name, resolve_council("909").current   # by its code, for its own years
    ('Cumbria', False)
    >>> resolve_council("Lewishm")
    Traceback (most recent call last):
    ...
    sufficiency.core.errors.InputError: council: found 'Lewishm'; expected a DfE LA number (e.g. 209), an ONS code or the name of an English council. Did you mean Lewisham or Newham? Run `sufficiency councils` to list all.
    """
    if isinstance(text, Council):
        return text
    councils = _councils_by_code()
    raw = str(text).strip()
    code = None
    if re.fullmatch(r"\d{1,3}", raw):
        code = raw.zfill(3) if raw.zfill(3) in councils else raw
    elif re.fullmatch(r"[Ee]\d{8}", raw):
        wanted = raw.upper()
        code = next((c.code for c in councils.values()
                     if c.ons_code == wanted or wanted in c.former_ons_codes), None)
    else:
        code = _name_index().get(_normalise(raw))
    council = councils.get(code) if code else None
    # A former council is found by its own code (an edition of a year it existed, such as Cumbria's
    # 909 for 2022); by name it is refused with its successors, as a new user most likely wants them.
    if council is not None and (council.current or code == raw.zfill(3) or re.fullmatch(r"[Ee]\d{8}", raw)):
        return council
    if council is not None:
        raise InputError("council", None, repr(raw), "a current English council",
                         problem=f"{council.name} ({council.code}) was abolished",
                         hint=f"Its area is now served by {_successor_names(council)}")
    names = {c.name: c for c in all_councils()}
    key = _normalise(raw)
    close = [name for name in names if key and key in _normalise(name)][:3]
    close += [name for name in difflib.get_close_matches(raw, list(names), n=3, cutoff=0.6)
              if name not in close][:3 - len(close)]
    suggestion = f"Did you mean {' or '.join(close)}? " if close else ""
    raise InputError("council", None, repr(raw),
                     "a DfE LA number (e.g. 209), an ONS code or the name of an English council",
                     hint=suggestion + "Run `sufficiency councils` to list all")


def successors(council: Council) -> list[Council]:
    """The councils that took over an abolished council's area, in the order DfE numbers them.

    >>> [c.name for c in successors(resolve_council("909"))]
    ['Cumberland', 'Westmorland and Furness']
    """
    councils = _councils_by_code()
    if council.code in _WHOLLY_WITHIN:
        return [councils[_WHOLLY_WITHIN[council.code]]]
    return [councils[c] for r in REORGANISATIONS if council.code in r.old_codes and council.code not in r.new_codes
            for c in r.new_codes if c in councils]


# Poole and Bournemouth lie wholly within Bournemouth, Christchurch and Poole; Dorset county's area went to
# both new councils (Christchurch to BCP), so it keeps the reorganisation's full list.
_WHOLLY_WITHIN = {"836": "839", "837": "839"}


def _successor_names(council: Council) -> str:
    return " and ".join(f"{c.name} ({c.code})" for c in successors(council))


def councils_for_year(year: int) -> list[Council]:
    """Every council that published figures for the year ending 31 March ``year``: today's councils,
    less those a later reorganisation created, plus those it abolished (Cumbria in 2022, say).

    >>> len(councils_for_year(2025)), len(councils_for_year(2022))
    (153, 152)
    """
    created_later = {code for r in REORGANISATIONS if r.first_year > year
                     for code in r.new_codes if code not in r.old_codes}
    abolished = {code for r in REORGANISATIONS if r.first_year <= year
                 for code in r.old_codes if code not in r.new_codes}
    return [c for c in all_councils(include_former=True)
            if c.code not in created_later and c.code not in abolished]


def council_in_year(name: str | int | Council, year: int, *, what: str = "council") -> Council:
    """The council ``name`` (a DfE code, ONS code, slug or name) among those that published figures
    for ``year``: Cumbria for 2022, though it was abolished in 2023. A council that did not exist
    that year stops with one paragraph saying so (``what`` names the option it came from).

    >>> council_in_year("909", 2022).name, council_in_year("cumbria", 2022).code
    ('Cumbria', '909')
    >>> council_in_year("942", 2022)
    Traceback (most recent call last):
    ...
    sufficiency.core.errors.InputError: council: found 'Cumberland (942)'; expected a council that published figures for the year to 31 March 2022. Cumberland was formed after that year.
    >>> council_in_year("909", 2025)
    Traceback (most recent call last):
    ...
    sufficiency.core.errors.InputError: council: found 'Cumbria (909)'; expected a council that published figures for the year to 31 March 2025. Cumbria was abolished before that year; its area is now served by Cumberland (942) and Westmorland and Furness (943).
    """
    in_year = councils_for_year(year)
    if isinstance(name, Council):
        council = name
    else:
        raw = str(name).strip()
        wanted = raw.zfill(3) if raw.isdigit() else raw.casefold()
        council = next((c for c in in_year if wanted in (c.code, c.slug, c.name.casefold(),
                                                         str(c.ons_code).casefold())), None)
        if council is None:
            council = resolve_council(raw)      # any other spelling, or a clear message
    if council in in_year:
        return council
    if council.current:
        why = f"{council.name} was formed after that year"
    else:
        why = f"{council.name} was abolished before that year; its area is now served by {_successor_names(council)}"
    raise InputError(what, found=repr(f"{council.name} ({council.code})"),
                     expected=f"a council that published figures for the year to 31 March {year}. {why}")


def region_of(code: str | int | Council) -> Region:
    """The ONS region of a council (London boroughs: London, not Inner/Outer London)."""
    council = _councils_by_code().get(str(code).strip()) if not isinstance(code, Council) else code
    if council is None:
        council = resolve_council(code)
    return council.region


def councils_in_region(region_code: str) -> list[Council]:
    """Current councils in an ONS region (E12…) or London sub-region (E13…)."""
    return [c for c in all_councils() if region_code in (c.region_code, c.subregion_code)]


def neighbour_model_for(year: int) -> str:
    """The statistical neighbour model an edition with data to 31 March ``year`` uses: the latest
    model DfE had published by then, so an edition reads nothing later than its own year. Editions
    before the first model we hold (April 2021) use that one, the earliest there is.

    >>> [neighbour_model_for(y) for y in (2019, 2021, 2022, 2024, 2025, 2026)]
    ['2021', '2021', '2021', '2021', '2025', '2025']
    """
    models = sorted(NEIGHBOUR_FILES, key=int)
    usable = [m for m in models if int(m) <= int(year)]
    return usable[-1] if usable else models[0]


@lru_cache(maxsize=4)
def _neighbour_table(model: str):
    if model not in NEIGHBOUR_FILES:
        raise InputError("statistical neighbour model", None, repr(model),
                         f"one of {sorted(NEIGHBOUR_FILES)}")
    return files.read_csv(NEIGHBOUR_FILES[model],
                       required_columns=["la_number", "sn_rank", "sn_la_number", "closeness"])


@lru_cache(maxsize=None)
def _neighbour_rows(model: str, code: str) -> list[dict[str, str]]:
    """One council's neighbour rows, nearest first (only its own rows: each page asks for few)."""
    table = _neighbour_table(model)
    rows = table[table["la_number"] == code].copy()
    rows["rank"] = rows["sn_rank"].astype(int)
    return rows.sort_values("rank", kind="stable").to_dict("records")


def statistical_neighbours(code: str | int | Council, model: str = "2025", *,
                           with_closeness: bool = False) -> list[Council] | list[tuple[Council, str]]:
    """A council's ten DfE statistical neighbours, nearest first.

    ``model`` is '2025' (May 2025 model) or '2021' (April 2021 model). A neighbour
    that has since merged into a new council is replaced by it (once); one that
    was split (Cumbria, Northamptonshire) is left out, so the list may be shorter. With
    ``with_closeness`` each item is ``(council, closeness)``, closeness being
    'Extremely close', 'Very close', 'Close', 'Somewhat close' or 'Not close'.
    """
    council = resolve_council(code)
    rows = _neighbour_rows(str(model), council.code)
    councils = _councils_by_code()
    result, seen = [], set()
    for row in rows:
        neighbour = SUCCESSOR.get(row["sn_la_number"], row["sn_la_number"])
        # A neighbour split in two (Cumbria, Northamptonshire) has no single successor: dropped.
        if neighbour not in councils or not councils[neighbour].current or neighbour in seen \
                or neighbour == council.code:
            continue
        seen.add(neighbour)
        closeness = str(row["closeness"]).strip().capitalize()
        result.append((councils[neighbour], closeness) if with_closeness else councils[neighbour])
    return result


def reorganisations_affecting(code: str | int | Council) -> list[Reorganisation]:
    """The reorganisations where the council is a predecessor or a successor.

    >>> [r.first_year for r in reorganisations_affecting("942")]
    [2024]
    >>> reorganisations_affecting("209")
    []
    """
    code = code.code if isinstance(code, Council) else str(code).strip()
    return [r for r in REORGANISATIONS if code in r.old_codes or code in r.new_codes]


def predecessor_codes(code: str | int | Council) -> list[str]:
    """DfE numbers whose earlier figures cover (part of) this council's area.

    >>> predecessor_codes("839")   # BCP took Christchurch from Dorset county as well
    ['835', '836', '837']
    """
    code = code.code if isinstance(code, Council) else str(code).strip()
    return sorted({old for r in REORGANISATIONS if code in r.new_codes for old in r.old_codes} - {code})


def series_break_year(code: str | int | Council) -> int | None:
    """First year of a council's unbroken series (after a reorganisation), or None.

    ONS-code-only changes do not break the DfE series (same area, same number).

    >>> series_break_year("940"), series_break_year("815"), series_break_year("209")
    (2022, None, None)
    """
    years = [r.first_year for r in reorganisations_affecting(code)
             if r.ons_code_change is None and (code.code if isinstance(code, Council) else str(code)) in r.new_codes]
    return max(years) if years else None
