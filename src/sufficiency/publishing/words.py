"""Sentences generated from numbers: formatting, DfE rounding and descriptions of change.

Numbers are rounded half up, as DfE publishes them (Python's ``round`` rounds half to even).

>>> fmt_number(1234.5)
'1,235'
>>> fmt_number(72.45, 1)
'72.5'
>>> fmt_money(17993), fmt_money(-10)
('£17,993', '−£10')
>>> describe_change({2019: 484, 2022: 462, 2025: 439}, "children")
'fell from 484 children in 2019 to 439 in 2025 (down 45, or 9.3%)'
>>> describe_change({2020: 74, 2025: 68}, "%")
'fell from 74% in 2020 to 68% in 2025 (down 6 percentage points)'
>>> compare(71, 70, "per 10,000 children", "England")
"above England's 70 per 10,000 children"
>>> count_phrase(1, "child", "children"), count_phrase(1234, "child", "children")
('1 child', '1,234 children')
>>> points(1), points(2.5, 1)
('1 percentage point', '2.5 percentage points')
"""
from __future__ import annotations

import math
import re

from sufficiency.core.markers import MARKER_LEGEND, round_half_up  # noqa: F401  (re-exported for notebooks)

#: How every table and sentence shows a value that has no figure (not published, not supplied).
MISSING = "no data"


def is_missing(value) -> bool:
    """True for None and NaN, numpy's NaN scalars included (a value with no figure).

    >>> import numpy as np
    >>> is_missing(None), is_missing(float("nan")), is_missing(np.float32("nan")), is_missing(0), is_missing("c")
    (True, True, True, False, False)
    """
    if value is None:
        return True
    try:
        return math.isnan(value)
    except (TypeError, ValueError, OverflowError):   # text, a marker, an array
        return False


def fmt_figure(value, unit: str = "", ndigits: int = 0, marker: str | None = None) -> str:
    """A figure with its unit as readers see it in tables: '72%', '£1,234', '1,234', a DfE marker,
    or :data:`MISSING`. Whole numbers drop their decimals.

    >>> fmt_figure(72.0, "%"), fmt_figure(1234, "£ a week"), fmt_figure(None, "%"), fmt_figure(None, "", 0, "c")
    ('72%', '£1,234', 'no data', 'c')
    """
    if marker:
        return marker
    if is_missing(value):
        return MISSING
    digits = 0 if float(value).is_integer() else ndigits
    text = fmt_number(value, digits)
    unit = str(unit or "")
    if unit.startswith("%"):
        return text + "%"
    if unit.startswith("£"):
        return fmt_money(value, digits)
    return text


def fmt_number(value, ndigits: int = 0, marker: str | None = None) -> str:
    """A number for prose and tables, with thousands separators; a DfE marker where suppressed."""
    if marker:
        return marker
    if is_missing(value):
        return MISSING
    rounded = round_half_up(value, ndigits)
    return f"{rounded:,.{ndigits}f}"


def fmt_money(value, ndigits: int = 0) -> str:
    """Money as money: £ with thousands separators, rounded half up."""
    if is_missing(value):
        return MISSING
    if round_half_up(value, ndigits) < 0:
        return "−£" + fmt_number(-value, ndigits)
    return "£" + fmt_number(value, ndigits)


def fmt_percent(value, ndigits: int = 0) -> str:
    return MISSING if is_missing(value) else f"{fmt_number(value, ndigits)}%"


#: Plurals that do not just add an "s".
IRREGULAR_PLURALS = {"child": "children", "person": "people", "family": "families", "this": "these",
                     "was": "were", "is": "are", "has": "have", "foster family": "foster families"}


def plural(count, singular: str, plural_form: str | None = None) -> str:
    """The word for ``count`` of something: singular for exactly one (after the rounding shown),
    plural otherwise, zero included ("0 children", as English has it).

    >>> plural(1, "child"), plural(0, "child"), plural(2, "home"), plural(1.0, "place"), plural(0.6, "child")
    ('child', 'children', 'homes', 'place', 'child')
    """
    word = plural_form or IRREGULAR_PLURALS.get(singular, singular + "s")
    if is_missing(count):
        return word
    return singular if round_half_up(abs(float(count)), 0) == 1 else word


def count_phrase(count, singular: str, plural_form: str | None = None, ndigits: int = 0) -> str:
    """A count with its noun, singular or plural as the number shown needs: '1 child', '3 children',
    '1,234 homes'. A missing count reads :data:`MISSING`.

    >>> count_phrase(0, "home"), count_phrase(None, "child"), count_phrase(2, "person")
    ('0 homes', 'no data', '2 people')
    """
    if is_missing(count):
        return MISSING
    shown = fmt_number(count, ndigits)
    word = singular if shown == "1" else plural(2, singular, plural_form)
    return f"{shown} {word}"


def points(difference, ndigits: int = 0) -> str:
    """A difference between two percentages, in percentage points, singular where it is one point.

    >>> points(-3), points(0.96), points(0.4, 1)
    ('3 percentage points', '1 percentage point', '0.4 percentage points')
    """
    shown = fmt_number(abs(difference), ndigits)
    return f"{shown} percentage point" + ("" if shown == "1" else "s")


def _known(series: dict) -> list[tuple[int, float]]:
    return [(y, v) for y, v in sorted(series.items()) if not is_missing(v)]


def describe_change(series: dict, unit: str, ndigits: int = 0) -> str:
    """'rose from A unit in Y0 to B in Y1 (up D, or P%)', over the known years of ``series``."""
    known = _known(series)
    if len(known) < 2:
        return "has too few published years to describe a trend"
    (y0, v0), (y1, v1) = known[0], known[-1]
    a, b = round_half_up(v0, ndigits), round_half_up(v1, ndigits)
    percent = unit in ("%", "per cent")
    if a == b:
        shown = f"{fmt_number(v1, ndigits)}%" if percent else f"{fmt_number(v1, ndigits)} {unit}"
        return f"was {shown} in {y1}, the same as in {y0}"
    verb, word = ("rose", "up") if b > a else ("fell", "down")
    diff = abs(b - a)
    if percent:
        # A change in a percentage is in points; a relative change of a percentage confuses readers.
        return (f"{verb} from {fmt_number(v0, ndigits)}% in {y0} to {fmt_number(v1, ndigits)}% in {y1} "
                f"({word} {points(diff, ndigits)})")
    pct = f", or {fmt_number(abs(b - a) / abs(a) * 100, 1)}%" if a else ""
    return (f"{verb} from {fmt_number(v0, ndigits)} {unit} in {y0} to {fmt_number(v1, ndigits)} in {y1} "
            f"({word} {fmt_number(diff, ndigits)}{pct})")


def position(value: float, other: float, ndigits: int = 0) -> str:
    """'above', 'below' or 'the same as', compared at the precision shown (after DfE rounding).

    >>> position(71.4, 71, 0), position(71.6, 71, 0), position(9, 10)
    ('the same as', 'above', 'below')
    """
    a, b = round_half_up(value, ndigits), round_half_up(other, ndigits)
    return "above" if a > b else "below" if a < b else "the same as"


def compare(value: float, other: float, unit: str, other_name: str, ndigits: int = 0) -> str:
    """'above England's 70 per 10,000 children' (compared after DfE rounding)."""
    if is_missing(value) or is_missing(other):
        return f"not comparable with {other_name} ({MISSING})"
    where = position(value, other, ndigits)
    figure = f"{fmt_number(other, ndigits)}%" if unit == "%" else f"{fmt_number(other, ndigits)} {unit}"
    return f"{where} {other_name}'s {figure}"


def marker_note(markers) -> str:
    """A legend sentence for the DfE symbols that appear, e.g. 'c: suppressed to protect confidentiality'."""
    present = sorted({m for m in markers if m})
    if not present:
        return ""
    return "Symbols: " + "; ".join(f"{m} = {MARKER_LEGEND.get(m, 'see the publisher’s notes')}" for m in present) + "."


def and_list(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'.

    >>> and_list(["foster care", "children's homes", "other placements"])
    "foster care, children's homes and other placements"
    """
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


#: The months, as the book writes them (one list for every page that reads or writes a month).
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def release_words(release: str) -> str:
    """A publication's release as readers read it: DfE's 'R2025' is its 2025 release; 'LAIT 2026-04'
    is the LAIT as downloaded in April 2026 (its figures still end with the edition's year).

    >>> release_words("R2025"), release_words("LAIT 2026-04"), release_words("SFR50/2017")
    ('2025 release', 'April 2026 download', 'SFR50/2017')
    """
    text = str(release)
    if match := re.fullmatch(r"R(\d{4})", text):
        return f"{match.group(1)} release"
    if match := re.fullmatch(r"LAIT (\d{4})-(\d{2})", text):
        return f"{MONTHS[int(match.group(2)) - 1]} {match.group(1)} download"
    return text


def marker_meaning(marker) -> str:
    """A DfE marker in brackets with its meaning, for a sentence that has no figure ('' without one).

    >>> marker_meaning("c")
    ' (c: suppressed to protect confidentiality (a small number, or a figure that would reveal one))'
    """
    return f" ({marker}: {MARKER_LEGEND.get(marker, 'see the publisher’s notes')})" if marker else ""
