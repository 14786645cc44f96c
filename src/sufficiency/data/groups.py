"""Groups of councils that plan and buy homes together: English regions, London's sub-regions, and
a co-operative's own members.

Groups are defined in ``data/groups/groups.csv`` (every English region, DfE's Inner and Outer
London, the London Plan's five sub-regions) and, for a user's own groups, ``data/local/groups.csv``
with the same columns: ``slug, name, kind, member, source``, one row per member. ``member`` is a
DfE LA number, or ``region:<ONS code>`` for "every council in that region in the edition's year",
so a region follows reorganisations by itself.

:func:`resolve` turns a group's name or slug, or a list of councils (an ad hoc group), into a
:class:`Group` for one edition year, or stops with one paragraph saying what is wrong.

>>> london = resolve("London", 2025)
>>> len(london.members), london.members[0].name
(33, 'Barking and Dagenham')
>>> resolve("london east", 2025).codes[:3]
('301', '303', '203')
>>> resolve(["209", "Greenwich", 210], 2025).name
'Greenwich, Lewisham and Southwark'
>>> resolve("East Midlands", 2025).codes_in(2021) == resolve("East Midlands", 2021).codes
True
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import pandas as pd

from sufficiency.core import files
from sufficiency.core.errors import InputError
from sufficiency.core.paths import DATA, DATA_LOCAL
from sufficiency.data.councils import (
    REORGANISATIONS,
    Council,
    Reorganisation,
    all_councils,
    resolve_council,
)

GROUPS_FILE = DATA / "groups" / "groups.csv"
LOCAL_GROUPS_FILE = DATA_LOCAL / "groups.csv"
COLUMNS = ["slug", "name", "kind", "member", "source"]
KINDS = ("region", "london-subregion", "cooperative")
AD_HOC = "ad hoc"


@dataclass(frozen=True)
class Group:
    """A group of councils as it stood in the edition ``year``.

    ``members`` are the councils that existed that year; ``joined_histories`` says, in words for
    readers, how the figures of members formed by a reorganisation were joined to their
    predecessors' (empty when no member was reorganised).
    """

    slug: str
    name: str
    kind: str
    year: int
    members: tuple[Council, ...]
    source: str
    joined_histories: tuple[str, ...] = ()

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.members)

    def codes_in(self, year: int) -> tuple[str, ...] | None:
        """The DfE numbers whose published figures make up the group in ``year``, or None.

        Before a reorganisation a member's area was (part of) its predecessors'; the group can
        use the predecessors' figures only when every council formed from them is a member too
        (otherwise part of a predecessor's children would belong to a council outside the group),
        so such years give None.

        >>> resolve("North West", 2025).codes_in(2023)[:3]
        ('889', '890', '350')
        >>> resolve(["942", "888"], 2025).codes_in(2023) is None   # Cumberland without Westmorland
        True
        """
        year = int(year)
        codes: set[str] = set()
        members = set(self.codes)
        for code in self.codes:
            if council_exists(code, year):
                codes.add(code)
                continue
            for reorg in _reorganisations_creating(code, after=year):
                if not set(reorg.new_codes) <= members:
                    return None
                codes.update(c for c in reorg.old_codes if council_exists(c, year))
        by_code = _by_code()
        return tuple(sorted(codes, key=lambda c: by_code[c].name))


# ----------------------------------------------------------------------------- councils by year
def _by_code() -> dict[str, Council]:
    return {c.code: c for c in all_councils(include_former=True)}


def _breaks(reorg: Reorganisation) -> bool:
    """Whether a reorganisation changed areas (not just an ONS code)."""
    return reorg.ons_code_change is None


def _reorganisations_creating(code: str, *, after: int) -> list[Reorganisation]:
    """Reorganisations that created ``code`` with a first year later than ``after``."""
    return [r for r in REORGANISATIONS if _breaks(r) and code in r.new_codes and r.first_year > after]


def council_exists(code: str, year: int) -> bool:
    """Whether DfE publishes figures for council ``code`` for the year ending 31 March ``year``.

    >>> council_exists("909", 2023), council_exists("909", 2024), council_exists("942", 2024)
    (True, False, True)
    >>> council_exists("999", 2025)
    False
    """
    code, year = str(code).strip(), int(year)
    if code not in _by_code():
        return False
    for reorg in REORGANISATIONS:
        if not _breaks(reorg):
            continue
        if code in reorg.old_codes and code not in reorg.new_codes and year >= reorg.first_year:
            return False
        if code in reorg.new_codes and code not in reorg.old_codes and year < reorg.first_year:
            return False
    return True


def councils_in(year: int) -> list[Council]:
    """Every council DfE publishes figures for in ``year``, sorted by name."""
    return [c for c in all_councils(include_former=True) if council_exists(c.code, year)]


def _describe(code: str) -> str:
    council = _by_code().get(code)
    return f"{council.name} ({code})" if council else code


def _not_a_council(code: str, year: int) -> tuple[str, str | None]:
    """(found, hint) for a code that names no council in ``year``: abolished, not yet formed, or unknown."""
    for reorg in REORGANISATIONS:
        if not _breaks(reorg):
            continue
        if code in reorg.old_codes and code not in reorg.new_codes and year >= reorg.first_year:
            successors = " and ".join(_describe(c) for c in reorg.new_codes)
            return (f"{_describe(code)}, which no longer existed in {year}",
                    f"From {reorg.first_year} its area is served by {successors}: use "
                    f"{'those codes' if len(reorg.new_codes) > 1 else 'that code'} instead")
        if code in reorg.new_codes and code not in reorg.old_codes and year < reorg.first_year:
            before = " and ".join(_describe(c) for c in reorg.old_codes)
            return (f"{_describe(code)}, which did not exist yet in {year}",
                    f"Its first published year is {reorg.first_year}; before that its area was "
                    f"served by {before}")
    return f"'{code}', which is not the DfE number of an English council", \
        "Run `sufficiency councils` to list every council and its number"


# ----------------------------------------------------------------------------- reading the files
def _read(path: Path) -> pd.DataFrame:
    frame = files.read_csv(path, required_columns=COLUMNS)
    frame = frame.fillna("")
    for column in COLUMNS:
        frame[column] = frame[column].astype(str).str.strip()
    frame["row_number"] = frame.index + 2      # the spreadsheet row, after the header
    frame["file"] = str(path)
    for row in frame.itertuples(index=False):
        for column in ("slug", "name", "member"):
            if not getattr(row, column):
                raise InputError(path, f"row {row.row_number}, column '{column}'", "an empty cell",
                                 "a value" if column != "member" else
                                 "a DfE LA number (e.g. 209) or region:<ONS code> (e.g. region:E12000007)")
        if row.kind not in KINDS:
            raise InputError(path, f"row {row.row_number}, column 'kind'", repr(row.kind), f"one of {', '.join(KINDS)}")
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", row.slug):
            raise InputError(path, f"row {row.row_number}, column 'slug'", repr(row.slug),
                             "lower-case letters, digits and hyphens (e.g. south-london-partnership)")
    names = frame.groupby("slug")["name"].nunique()
    if (names > 1).any():
        slug = names[names > 1].index[0]
        rows = frame[frame["slug"] == slug]
        raise InputError(path, f"rows {', '.join(map(str, rows['row_number']))}, column 'name'",
                         f"different names for the group '{slug}' ({', '.join(sorted(set(rows['name'])))})",
                         "one name per group")
    return frame


def _definitions(local_file: Path | None) -> pd.DataFrame:
    """The project's groups and the user's (the user's may add groups, never redefine one)."""
    frames = [_read(GROUPS_FILE)]
    local = LOCAL_GROUPS_FILE if local_file is None else Path(local_file)
    if local.exists():
        user = _read(local)
        clash = sorted(set(user["slug"]) & set(frames[0]["slug"]))
        if clash:
            row = user[user["slug"] == clash[0]]["row_number"].iloc[0]
            raise InputError(local, f"row {row}, column 'slug'", repr(clash[0]),
                             "a slug that the project's own groups do not already use",
                             hint="Give your group another slug; the project's groups cannot be redefined")
        frames.append(user)
    return pd.concat(frames, ignore_index=True)


def _key(text: str) -> str:
    text = str(text).casefold().replace("&", " and ")
    return " ".join(w for w in re.split(r"[^a-z0-9]+", text) if w and w not in ("and", "the"))


def _find(spec: str, table: pd.DataFrame) -> pd.DataFrame:
    key = _key(spec)
    rows = table[(table["slug"].map(_key) == key) | (table["name"].map(_key) == key)]
    if not rows.empty:
        return rows
    names = list(dict.fromkeys(table["name"]))
    close = [n for n in names if key and key in _key(n)][:3]
    close += [n for n in difflib.get_close_matches(str(spec), names, n=3, cutoff=0.6) if n not in close]
    close = close[:3]
    listed = ", ".join(close[:-1]) + " or " + close[-1] if len(close) > 1 else "".join(close)
    hint = (f"Did you mean {listed}? " if close else "") + \
        "Run `sufficiency groups` to list every group, or add yours to data/local/groups.csv"
    raise InputError("group", None, repr(str(spec)),
                     "the name or slug of a group (an English region, a London sub-region or a group in "
                     "data/local/groups.csv)", hint=hint)


def _members_of(rows: pd.DataFrame, year: int) -> list[Council]:
    by_code = _by_code()
    members: dict[str, Council] = {}
    for row in rows.itertuples(index=False):
        where, location = row.file, f"row {row.row_number}, column 'member'"
        if row.member.startswith("region:"):
            region = row.member.split(":", 1)[1].strip().upper()
            found = [c for c in councils_in(year) if region in (c.region_code, c.subregion_code)]
            if not found:
                raise InputError(where, location, repr(row.member),
                                 "region: followed by the ONS code of an English region (E12000001 to "
                                 "E12000009) or of Inner or Outer London (E13000001, E13000002)")
            members.update({c.code: c for c in found})
            continue
        code = row.member.zfill(3) if row.member.isdigit() else row.member
        if not council_exists(code, year):
            found, hint = _not_a_council(code, year)
            raise InputError(where, location, found, f"a DfE LA number of an English council in {year}",
                             problem=f"the group '{row.name}' lists a member that is not a council in {year}",
                             hint=hint)
        members[code] = by_code[code]
    return sorted(members.values(), key=lambda c: c.name)


def _ad_hoc_member(item, year: int) -> Council:
    text = str(item).strip()
    by_code = _by_code()
    if re.fullmatch(r"\d{1,3}", text):
        code = text.zfill(3) if text.zfill(3) in by_code else text
        if council_exists(code, year):
            return by_code[code]
        found, hint = _not_a_council(code, year)
        raise InputError("councils", None, found, f"the DfE LA number of an English council in {year}",
                         problem="one of the group's councils is not a council in that year", hint=hint)
    try:
        council = resolve_council(text)
    except InputError as err:
        raise InputError("councils", None, repr(text), f"the DfE LA number or the name of an English council "
                         f"in {year}", hint=err.hint) from None
    if not council_exists(council.code, year):
        found, hint = _not_a_council(council.code, year)
        raise InputError("councils", None, found, f"a council that existed in {year}", hint=hint)
    return council


# ----------------------------------------------------------------------------- joined histories
def _history_sentences(members: Sequence[Council], year: int) -> tuple[str, ...]:
    """Reader sentences on how reorganised members' earlier figures were joined (or why they cannot be)."""
    codes = {c.code for c in members}
    sentences = []
    for reorg in REORGANISATIONS:
        inside = [c for c in reorg.new_codes if c in codes]
        if not inside or reorg.first_year > year:
            continue
        if not _breaks(reorg):
            council = _describe(inside[0])
            sentences.append(f"{council} changed its ONS code in {reorg.effective[:4]} but kept its area and "
                             "its DfE number, so its figures run on unbroken.")
            continue
        old = " and ".join(_describe(c) for c in reorg.old_codes)
        new = " and ".join(_describe(c) for c in reorg.new_codes)
        if set(reorg.new_codes) <= codes:
            sentences.append(f"{new} were formed in {reorg.effective[:4]} from {old}; every council formed "
                             f"from them is in the group, so for years before {reorg.first_year} the group "
                             f"counts {old} in their place and its figures run on unbroken."
                             if len(reorg.new_codes) > 1 else
                             f"{new} was formed in {reorg.effective[:4]} from {old}; for years before "
                             f"{reorg.first_year} the group counts {old} in its place.")
        else:
            outside = " and ".join(_describe(c) for c in reorg.new_codes if c not in codes)
            part = " and ".join(_describe(c) for c in inside)
            sentences.append(f"{part} {'was' if len(inside) == 1 else 'were'} formed in {reorg.effective[:4]} from "
                             f"{old}, together with {outside}, which is not in the group. Earlier figures "
                             f"cannot be split between them, so the group's figures start in {reorg.first_year}.")
    return tuple(sentences)


# ----------------------------------------------------------------------------- public
def resolve(spec: str | Sequence[str | int], year: int, *, local_file: Path | None = None) -> Group:
    """The group named by ``spec`` (a name or slug), or an ad hoc group of the councils listed, as it
    stood in ``year``. Raises :class:`InputError` for an unknown group, a member that is not a
    council in ``year`` (an abolished one is named with its successors) or fewer than two members.

    >>> resolve("Londn", 2025)
    Traceback (most recent call last):
    ...
    sufficiency.core.errors.InputError: group: found 'Londn'; expected the name or slug of a group (an English region, a London sub-region or a group in data/local/groups.csv). Did you mean London, London West or London East? Run `sufficiency groups` to list every group, or add yours to data/local/groups.csv.
    """
    year = int(year)
    if isinstance(spec, str) and "," in spec:
        spec = [s for s in spec.split(",") if s.strip()]
    if isinstance(spec, str):
        rows = _find(spec, _definitions(local_file))
        first = rows.iloc[0]
        members = _members_of(rows, year)
        slug, name, kind, source = first["slug"], first["name"], first["kind"], first["source"]
    else:
        members = []
        for item in spec:
            council = _ad_hoc_member(item, year)
            if council not in members:
                members.append(council)
        members.sort(key=lambda c: c.name)
        names = [c.name for c in members]
        name = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        slug = "councils-" + "-".join(sorted(c.code for c in members))
        kind, source = AD_HOC, "a set of councils chosen for this book"
    if len(members) < 2:
        raise InputError("group" if kind != AD_HOC else "councils", None,
                         f"{len(members)} council{'s' if len(members) != 1 else ''} in {name} in {year}",
                         "at least two councils")
    return Group(slug, name, kind, year, tuple(members), source, _history_sentences(members, year))


def all_groups(year: int, *, local_file: Path | None = None) -> list[Group]:
    """Every defined group (the project's, then the user's) as it stood in ``year``."""
    table = _definitions(local_file)
    return [resolve(slug, year, local_file=local_file) for slug in dict.fromkeys(table["slug"])]


def groups_of(code: str, year: int, *, local_file: Path | None = None) -> list[Group]:
    """The defined groups a council belongs to in ``year`` (for links from its own book).

    >>> [g.slug for g in groups_of("209", 2025)]
    ['london', 'inner-london', 'london-east', 'south-east-london-example']
    """
    return [g for g in all_groups(year, local_file=local_file) if str(code) in g.codes]
