"""DfE value strings: numbers, suppression markers, and half-up rounding.

Published DfE, LAIT and SFR tables put symbols such as ``c`` (suppressed) in the
same columns as the numbers. They carry meaning, so they are kept beside the
value instead of being turned into zeros.

>>> parse_value("484")
(484.0, None)
>>> parse_value("c")
(nan, 'c')
>>> parse_value("9.3699999999999992")   # LAIT float artefact
(9.37, None)
>>> round_half_up(2.5), round_half_up(0.125, 2), round_half_up(1234, -1)
(3.0, 0.13, 1230.0)
"""
from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd

#: Every marker the loaders keep, with what it means (DfE, LAIT and pre-2018 SFR usage).
MARKER_LEGEND: dict[str, str] = {
    "c": "suppressed to protect confidentiality (a small number, or a figure that would reveal one)",
    "z": "not applicable (DfE publishes no figure because none applies to this council or year)",
    "x": "not available; in the 2010-2017 SFR tables, a count of 1 to 5 suppressed",
    "k": "a positive figure that rounds to less than 0.5%",
    "low": "a positive figure too small to show (rounds to zero)",
    "u": "low reliability",
    "..": "not available or not collected",
    "-": "missing or suppressed in the LAIT (no figure published)",
}

_MARKERS_CASEFOLD = {m.casefold(): m for m in MARKER_LEGEND}
# Plain or scientific notation, optional thousands separators, optional trailing %.
_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d*)(\.\d*)?([eE][+-]?\d+)?%?$")


def clean_float(x: float) -> float:
    """Remove binary float artefacts by keeping 15 significant digits.

    >>> clean_float(0.07000000000000001), clean_float(123456.789)
    (0.07, 123456.789)
    """
    if x is None or not math.isfinite(x):
        return x
    return float(f"{x:.15g}")


def is_marker(text: object) -> bool:
    """True when ``text`` is one of the :data:`MARKER_LEGEND` symbols (case-insensitive).

    >>> is_marker(" c "), is_marker("12"), is_marker("LOW")
    (True, False, True)
    """
    return isinstance(text, str) and text.strip().casefold() in _MARKERS_CASEFOLD


def parse_value(text: object) -> tuple[float, str | None]:
    """Turn one published value into ``(value, marker)``.

    A number gives ``(number, None)``; a marker gives ``(nan, marker)``; a blank
    gives ``(nan, None)``. Anything else raises ``ValueError`` naming the text.

    >>> parse_value("1,234"), parse_value(" x "), parse_value("")
    ((1234.0, None), (nan, 'x'), (nan, None))
    >>> parse_value("seven")
    Traceback (most recent call last):
    ...
    ValueError: 'seven' is neither a number nor a known marker (c, z, x, k, low, u, .., -)
    """
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return (math.nan, None)
    if isinstance(text, (int, float, np.integer, np.floating)):
        return (clean_float(float(text)), None)
    stripped = str(text).strip()
    if stripped == "":
        return (math.nan, None)
    marker = _MARKERS_CASEFOLD.get(stripped.casefold())
    if marker is not None:
        return (math.nan, marker)
    if _NUMBER.match(stripped) and any(ch.isdigit() for ch in stripped):
        return (clean_float(float(stripped.replace(",", "").rstrip("%"))), None)
    raise ValueError(f"{stripped!r} is neither a number nor a known marker "
                     f"({', '.join(MARKER_LEGEND)})")


def parse_series(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Vectorised :func:`parse_value` for a column of strings: ``(values, markers)``.

    Unparseable text raises ``ValueError`` naming the first bad value and its
    index label, so callers can turn it into an :class:`~sufficiency.core.errors.InputError`.

    >>> v, m = parse_series(pd.Series(["1", "c", "2.50", None]))
    >>> v.tolist(), m.tolist()
    ([1.0, nan, 2.5, nan], [None, 'c', None, None])
    """
    numbers, markers, bad = _parse(values)
    if bad.any():
        label = bad.idxmax()
        raise ValueError(f"{values[label]!r} at {label!r} is neither a number nor a known marker "
                         f"({', '.join(MARKER_LEGEND)})")
    numbers = numbers.astype(float).map(clean_float)
    markers = markers.where(markers.notna(), None)
    return numbers.rename(values.name), markers.rename(values.name)


def _parse(values: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    text = values.astype("string").str.strip()
    numbers = pd.to_numeric(text.str.replace(",", "", regex=False).str.rstrip("%"), errors="coerce")
    markers = text.str.casefold().map(_MARKERS_CASEFOLD).astype(object)
    bad = numbers.isna() & markers.isna() & text.notna() & (text != "")
    # to_numeric also accepts text such as 'inf' or 'nan': those are not published numbers.
    bad |= numbers.notna() & ~text.fillna("").str.contains(r"\d", regex=True)
    return numbers, markers, bad.fillna(False).astype(bool)


def invalid_cells(values: pd.Series) -> pd.Series:
    """True where a cell is neither a number, a marker nor blank.

    >>> invalid_cells(pd.Series(["1", "c", "lots", ""])).tolist()
    [False, False, True, False]
    """
    return _parse(values)[2]


def round_half_up(x: float, ndigits: int = 0) -> float:
    """Round halves away from zero, as DfE does (Python's ``round`` rounds halves to even).

    Works on the decimal text of ``x``, so 0.125 really is a half.

    >>> round(0.5), round_half_up(0.5), round_half_up(-2.5), round_half_up(71.45, 1)
    (0, 1.0, -3.0, 71.5)
    >>> round_half_up(float("nan"))
    nan
    """
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return x
    quantum = Decimal(1).scaleb(-ndigits)
    return float(Decimal(repr(float(x))).quantize(quantum, rounding=ROUND_HALF_UP))


def format_value(value: float, marker: str | None, ndigits: int = 0) -> str:
    """Text for a table cell: the number with thousands separators, or the marker.

    >>> format_value(1234.0, None), format_value(float("nan"), "c"), format_value(71.456, None, 1)
    ('1,234', 'c', '71.5')
    """
    if marker:
        return marker
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return f"{round_half_up(value, ndigits):,.{max(ndigits, 0)}f}"
