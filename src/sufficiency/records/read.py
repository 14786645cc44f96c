"""Read a council's SSDA903 CSV extract into typed tables, checking key DfE rules.

An extract is a folder holding ``header`` and ``episodes`` files and, where present,
``uasc``, ``oc2``, ``oc3`` and ``missing`` files. A folder may hold several annual
extracts (in sub-folders or file names carrying the year, e.g. ``2024/episodes.csv``
or ``episodes_2023-24.csv``); they may overlap, and for the same CHILD and DECOM
the newest extract wins.

Reading is tolerant of what exports do: columns in any order, header names in any
case and with stray spaces, blank trailing rows, dates as dd/mm/yyyy (or ISO).
It is strict about content: a row that breaks a rule stops the read with an
:class:`~sufficiency.core.errors.InputError` naming the file, the line, the column, the
DfE rule and what was expected. Messages never show a child's ID, UPN, date of
birth or postcode; a bad code is shown only when it is short and cannot be an ID.

Speed (a national-scale extract is about a million episodes): files are parsed by
pyarrow when it is installed (pandas otherwise, with the same result), codes and
dates are cleaned once per distinct value, and sorting is skipped when a file is
already in CHILD, DECOM order, as exports usually are.

The rule numbers are those of DfE's SSDA903 validation rules (as also implemented by
the ``csc-validator-be-903`` package, which needs pandas < 2, so it is not a
dependency here): 101 SEX, 102 DOB, 103 ETHNIC, 143 RNE, 144 LS, 145 CIN,
146 PLACE, 149 REC, 356 DEC not before DECOM, 501 episodes of one child do not overlap.

>>> sorted(CODES["RNE"])
['B', 'L', 'P', 'S', 'T', 'U']
>>> extract_year(Path("903/2023-24/episodes.csv"))
2024
"""
from __future__ import annotations

import csv
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from sufficiency.core import files
from sufficiency.core.errors import InputError

try:   # optional: pyarrow's CSV parser is about twice as fast as pandas' on a million rows
    import pyarrow
    import pyarrow.csv
except ImportError:
    pyarrow = None

HEADER_COLUMNS = ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"]
EPISODE_COLUMNS = ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
                   "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"]
REQUIRED = {"header": ["CHILD", "SEX", "DOB"],
            "episodes": ["CHILD", "DECOM", "RNE", "LS", "PLACE", "DEC", "REC"]}
DATE_COLUMNS = {"header": ["DOB", "MC_DOB"], "episodes": ["DECOM", "DEC"], "uasc": ["DOB", "DUC"],
                "oc2": ["DOB"], "oc3": ["DOB"], "missing": ["DOB", "MIS_START", "MIS_END"]}
KINDS = ["header", "episodes", "uasc", "oc2", "oc3", "missing"]

#: DfE SSDA903 code sets, union over the collection years 2022-23 to 2025-26 (codes
#: retired or added in that time, such as H5, P2, Z1, K3 and Z11-Z14, are all accepted
#: so that several years of extracts read together).
CODES: dict[str, frozenset[str]] = {
    "SEX": frozenset({"1", "2"}),
    "RNE": frozenset({"S", "P", "L", "T", "U", "B"}),
    "LS": frozenset({"C1", "C2", "D1", "E1", "V2", "V3", "V4", "J1", "J2", "J3", "L1", "L2", "L3"}),
    "CIN": frozenset({f"N{i}" for i in range(1, 9)}),
    "PLACE": frozenset({"A3", "A4", "A5", "A6", "H5", "K1", "K2", "K3", "P1", "P2", "P3", "R1", "R2",
                        "R3", "R5", "S1", "T0", "T1", "T2", "T3", "T4", "U1", "U2", "U3", "U4", "U5",
                        "U6", "Z1", "Z11", "Z12", "Z13", "Z14"}),
    "PLACE_PROVIDER": frozenset({"PR0", "PR1", "PR2", "PR3", "PR4", "PR5"}),
    "REC": frozenset({"E11", "E12", "E2", "E3", "E4A", "E4B", "E13", "E41", "E45", "E46", "E47", "E48",
                      "E5", "E6", "E7", "E8", "E9", "E14", "E15", "E16", "E17", "X1"}),
    "ETHNIC": frozenset({"WBRI", "WIRI", "WOTH", "WIRT", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND",
                         "APKN", "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT"}),
}
#: Code columns checked on read: column → (DfE rule number, what the column is).
CODE_RULES = {
    ("header", "SEX"): ("101", "sex"),
    ("header", "ETHNIC"): ("103", "ethnicity"),
    ("episodes", "RNE"): ("143", "reason for new episode"),
    ("episodes", "LS"): ("144", "legal status"),
    ("episodes", "CIN"): ("145", "category of need"),
    ("episodes", "PLACE"): ("146", "placement type"),
    ("episodes", "PLACE_PROVIDER"): ("DfE code set", "placement provider"),
    ("episodes", "REC"): ("149", "reason episode ceased"),
}
#: Free-text columns trimmed on read (the others, e.g. postcodes, are not used in any count).
TRIMMED = {"CHILD", "MOTHER", "DUC", "IN_TOUCH", "ACTIV", "ACCOM"}
#: Columns that must never be blank.
NOT_BLANK = {"header": ["CHILD", "SEX", "DOB"], "episodes": ["CHILD", "DECOM", "RNE", "LS", "PLACE"]}


@dataclass
class Extract:
    """Typed tables of one SSDA903 extract (several annual files merged, newest first).

    ``header`` and ``episodes`` have the DfE columns (dates as datetime64, codes as
    text, blanks as NaN/NaT) plus ``_file`` and ``_line`` (where each row came from,
    for error messages). ``others`` holds the optional files by kind.
    """

    header: pd.DataFrame
    episodes: pd.DataFrame
    others: dict[str, pd.DataFrame] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)
    year: int | None = None

    def where(self, frame: pd.DataFrame, index) -> tuple[Path, int]:
        """(file, line) of a row, for messages."""
        return self.files[int(frame.at[index, "_file"])], int(frame.at[index, "_line"])


def extract_year(path: Path) -> int | None:
    """The collection year (ending 31 March) named in a path: '2024', '2023-24' or '2023_24' → 2024."""
    text = str(path)
    span = re.findall(r"(?<!\d)((?:19|20)\d\d)[-_](\d\d)(?!\d)", text)
    if span:
        start, end = span[-1]
        return int(start[:2] + end) if int(end) == (int(start) + 1) % 100 else int(start)
    years = re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", text)
    return int(years[-1]) if years else None


def find_files(folder: str | Path) -> dict[str, list[tuple[int | None, Path]]]:
    """The extract's CSV files by kind, each as (collection year or None, path), oldest first."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(folder, problem="the SSDA903 folder is missing",
                         expected="a folder holding header and episodes CSV files")
    found: dict[str, list[tuple[int | None, Path]]] = {kind: [] for kind in KINDS}
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.suffix.lower() not in {".csv", ".gz"}:
            continue
        tokens = set(re.split(r"[^a-z0-9]+", path.name.lower().split(".")[0]))
        for kind in KINDS:
            if kind in tokens or kind.rstrip("s") in tokens or kind + "s" in tokens:
                found[kind].append((extract_year(path.relative_to(folder)), path))
                break
    for kind, items in found.items():
        if len(items) > 1 and any(year is None for year, _ in items):
            unnamed = next(path for year, path in items if year is None)
            raise InputError(unnamed, problem=f"there are {len(items)} {kind} files and this one's name "
                             "does not say which collection year it holds",
                             hint="Put each annual extract in a folder named by its year, e.g. 2024/")
        items.sort(key=lambda item: (item[0] or 0, str(item[1])))
    for kind in ("header", "episodes"):
        if not found[kind]:
            raise InputError(folder, problem=f"no {kind} file was found",
                             expected=f"a CSV file whose name contains '{kind}'")
    return found


def read_extract(folder: str | Path, *, year: int | None = None) -> Extract:
    """Read and validate every annual extract in ``folder``; newest wins for the same CHILD+DECOM.

    With ``year`` (a collection year ending 31 March), extracts named for later years are
    not read, and anything dated after 31 March of ``year`` is dropped (episodes starting
    later) or blanked (an end date or reason after it), so the result never shows later data.
    """
    found = find_files(folder)
    files: list[Path] = []
    tables: dict[str, pd.DataFrame] = {}
    ranks: dict[str, np.ndarray] = {}   # per row, which of its kind's files (0 = oldest) it came from
    for kind, items in found.items():
        if year is not None:
            items = [(y, p) for y, p in items if y is None or y <= year]
        frames = []
        for _, path in items:
            files.append(path)
            frames.append(_read_one(path, kind, file_number=len(files) - 1))
        if frames:
            with warnings.catch_warnings():   # all-blank optional columns in one year's file are fine
                warnings.simplefilter("ignore", FutureWarning)
                tables[kind] = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
            ranks[kind] = np.repeat(np.arange(len(frames), dtype=np.int64), [len(f) for f in frames])
    if "header" not in tables or "episodes" not in tables:
        raise InputError(folder, problem=f"no header and episodes files for {year} or earlier")
    extract = Extract(header=_newest(tables.pop("header"), ["CHILD"], files, ranks["header"]),
                      episodes=_newest(tables.pop("episodes"), ["CHILD", "DECOM"], files, ranks["episodes"]),
                      others=tables, files=files, year=year)
    if year is not None:
        extract.episodes = censor(extract.episodes, year)
    validate(extract)
    return extract


def censor(episodes: pd.DataFrame, year: int) -> pd.DataFrame:
    """Episodes as known on 31 March of ``year``: later starts dropped, later ends and reasons blanked."""
    end = pd.Timestamp(year, 3, 31)
    started = episodes["DECOM"] <= end
    kept = episodes.copy() if started.all() else episodes[started].copy()   # one copy, not two
    later = kept["DEC"] > end
    kept.loc[later, "DEC"] = pd.NaT
    kept.loc[later, "REC"] = np.nan
    return kept


def _newest(frame: pd.DataFrame, key: list[str], files: list[Path], rank: np.ndarray) -> pd.DataFrame:
    """One row per key, sorted by key: the row from the newest file (``rank``, per row: higher is
    newer) wins; duplicates inside one file are errors."""
    if rank.size == 0 or rank[0] == rank[-1]:   # one file: usually already sorted, checked in one pass
        sorted_frame = _if_sorted_and_unique(frame, key)
        if sorted_frame is not None:
            return sorted_frame
    child_key = pd.factorize(frame["CHILD"], sort=True)[0]
    keys = pd.DataFrame({"child": child_key, "rank": rank})
    if "DECOM" in key:
        keys["decom"] = frame["DECOM"].to_numpy().astype("int64")
    dupes = keys.duplicated(keep="first").to_numpy()
    if dupes.any():
        row = frame.iloc[int(dupes.argmax())]
        what = "CHILD" if key == ["CHILD"] else "CHILD and DECOM"
        raise InputError(files[int(row["_file"])], f"line {row['_line']}",
                         problem=f"a second row with the same {what} as an earlier row in this file",
                         expected=f"one row per {what}")
    sort_keys = [keys[c].to_numpy() for c in reversed(keys.columns) if c != "rank"]
    if rank.size and rank.min() != rank.max():
        newest_first = np.lexsort([-rank, *sort_keys])
        keys = keys.iloc[newest_first].drop(columns="rank")
        return frame.iloc[newest_first[~keys.duplicated(keep="first").to_numpy()]].reset_index(drop=True)
    return frame.iloc[np.lexsort(sort_keys)].reset_index(drop=True)


def _if_sorted_and_unique(frame: pd.DataFrame, key: list[str]) -> pd.DataFrame | None:
    """``frame`` itself when its rows are already in strictly ascending key order, else None.

    Exports are usually sorted by CHILD (then DECOM): checking that costs one comparison
    per row, where sorting a million text IDs takes about a second. Strictly ascending also
    means no key repeats.
    """
    child = frame["CHILD"].to_numpy()
    if len(child) < 2:
        return frame
    try:
        greater, same = child[1:] > child[:-1], child[1:] == child[:-1]
    except TypeError:   # not all text: let the general path sort it
        return None
    if not (greater | same).all():
        return None
    if "DECOM" in key:
        decom = frame["DECOM"].to_numpy().astype("int64")
        ascending = greater | (same & (decom[1:] > decom[:-1]))
    else:
        ascending = greater
    return frame if ascending.all() else None


def _read_one(path: Path, kind: str, file_number: int) -> pd.DataFrame:
    """One CSV: normalised headers, blank rows dropped, text trimmed, dates parsed."""
    frame = _read_text_table(path)
    frame.columns = [re.sub(r"\s+", "", str(c).replace("\ufeff", "")).upper() for c in frame.columns]
    blank_child = frame["CHILD"].isna() if "CHILD" in frame.columns else pd.Series(False, index=frame.index)
    if blank_child.any():   # blank rows (often trailing): drop rows with nothing in any cell
        frame = frame.drop(index=frame.index[blank_child][frame[blank_child].isna().all(axis=1).to_numpy()])
    required = REQUIRED.get(kind, ["CHILD"])
    missing = [c for c in required if c not in frame.columns]
    if missing:
        # Never echo the first row: without a header row it is a child's record (id, birth date, postcode).
        names = set(HEADER_COLUMNS) | set(EPISODE_COLUMNS) | {c for cs in REQUIRED.values() for c in cs}
        known = [c for c in frame.columns if c in names]
        found = (f"{len(frame.columns)} columns, of which these are SSDA903 column names: {known}" if known
                 else f"{len(frame.columns)} columns and no column names: the first row does not look like a "
                      "header row")
        raise InputError(path, "header row", found, f"also the column(s) {missing}",
                         hint="Column names may be in any order and case")
    for column in {"header": HEADER_COLUMNS, "episodes": EPISODE_COLUMNS}.get(kind, []):
        if column not in frame.columns:
            frame[column] = np.nan
    codes = {c for (k, c) in CODE_RULES if k == kind}
    for column in frame.columns:
        if column in codes:
            frame[column] = _code_categorical(frame[column])
        elif column not in DATE_COLUMNS.get(kind, []) and column in TRIMMED:
            frame[column] = _trimmed(frame[column])
    frame["_line"] = (frame.index.to_numpy() + 2).astype(np.int64)   # line 1 is the header row
    frame["_file"] = np.int16(file_number)
    frame.index = pd.RangeIndex(len(frame))   # in place: reset_index would copy every column
    for column in NOT_BLANK.get(kind, ["CHILD"]):
        blank = frame[column].isna()
        if blank.any():
            raise InputError(path, f"line {frame.loc[blank, '_line'].iloc[0]}, column {column}",
                             problem="the cell is blank" + _and_more(blank.sum()),
                             expected="a value in every row")
    for column in DATE_COLUMNS.get(kind, []):
        if column in frame.columns:
            frame[column] = _dates(frame[column], path, column, frame["_line"])
    return frame


def _read_text_table(path: Path) -> pd.DataFrame:
    """Every cell as text, blank cells NaN: what :func:`sufficiency.core.files.read_csv` returns, faster.

    With pyarrow installed its parser reads the file (on every core). Anything it does not
    read cleanly (a missing, empty or compressed file, bytes that are not UTF-8, rows with
    too many or too few cells, blank or repeated column names) goes to ``files.read_csv``
    instead, so results and error messages are those of the one reader either way.
    """
    if pyarrow is None or path.suffix.lower() != ".csv":
        return _pandas_text_table(path)
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            names = next(csv.reader(fh))
        if not names or len({name.strip() for name in names}) < len(names) or not all(n.strip() for n in names):
            return _pandas_text_table(path)
        table = pyarrow.csv.read_csv(
            path, parse_options=pyarrow.csv.ParseOptions(newlines_in_values=True),
            convert_options=pyarrow.csv.ConvertOptions(column_types=dict.fromkeys(names, pyarrow.string()),
                                                       strings_can_be_null=True, null_values=[""]))
    except (OSError, StopIteration, UnicodeDecodeError, csv.Error, pyarrow.ArrowException):
        return _pandas_text_table(path)
    if table.column_names != names or not all(pyarrow.types.is_string(t) for t in table.schema.types):
        return _pandas_text_table(path)
    files.record_read(path)
    columns = {}
    for name, column in zip(names, table.columns):
        # Each distinct text becomes one Python string shared by its rows (a million rows of
        # codes and dates hold a few thousand): quicker to make, and to hash later.
        encoded = column.dictionary_encode().combine_chunks()
        distinct = np.append(encoded.dictionary.to_numpy(zero_copy_only=False).astype(object), np.nan)
        codes = encoded.indices.fill_null(len(distinct) - 1).to_numpy(zero_copy_only=False)
        columns[name.strip()] = distinct[codes]   # blank cells: NaN, as pandas gives
    return pd.DataFrame(columns, index=pd.RangeIndex(table.num_rows))


def _pandas_text_table(path: Path) -> pd.DataFrame:
    """``files.read_csv`` with the first column kept as data even when rows have more cells than the
    header (pandas would otherwise make the extra leading cells an index and shift every column).

    Empty extra cells (a trailing comma on each row, as some exports write) are dropped; a
    row with something in a cell beyond the header's columns is an InputError naming its line.
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", pd.errors.ParserWarning)
        frame = files.read_csv(path, index_col=False)
    if any(issubclass(w.category, pd.errors.ParserWarning) for w in caught):
        with open(path, encoding="utf-8-sig", newline="") as fh:
            rows = csv.reader(fh)
            width = len(next(rows))
            for line, row in enumerate(rows, start=2):
                if any(cell.strip() for cell in row[width:]):
                    raise InputError(path, f"line {line}", f"{len(row)} cells",
                                     f"at most {width} cells, one per column of the header row",
                                     problem="the row has more cells than the header row has columns")
    return frame


def _distinct_trimmed(values: pd.Series, *, upper: bool = False) -> tuple[np.ndarray, np.ndarray, bool]:
    """(row codes, distinct values trimmed, whether trimming changed any): -1 codes a blank cell.

    Works on the distinct values only: a million rows hold a few thousand dates and codes.
    """
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    uniques = np.asarray(uniques, dtype=object)
    if not upper and not _any_padded(uniques):   # e.g. 400,000 IDs with no spaces: nothing to do
        return codes, uniques, False
    cleaned = pd.Index(uniques, dtype=object).str.strip()
    if upper:
        cleaned = cleaned.str.upper()
    cleaned = np.asarray(cleaned.where(cleaned != "", np.nan), dtype=object)
    changed = bool(len(cleaned)) and not (cleaned == uniques).all()
    return codes, cleaned, changed


def _any_padded(texts: np.ndarray) -> bool:
    """Whether any text is empty or starts or ends with white space (True if any is not text).

    A few substring searches of the texts joined, instead of a Python call per text.

    >>> _any_padded(np.array(["SYN1", "SYN2"], dtype=object)), _any_padded(np.array(["SYN1", " SYN2"], dtype=object))
    (False, True)
    """
    try:
        joined = "\x00" + "\x00".join(texts) + "\x00"
    except TypeError:
        return True
    if not joined.isascii():   # other white space (e.g. a no-break space): one regular-expression scan
        return re.search(r"\x00(?:\s|\x00)|\s\x00", joined) is not None
    spaces = [space for space in _ASCII_SPACE if space in joined]   # usually none: one quick scan each
    return "\x00\x00" in joined or any(f"\x00{space}" in joined or f"{space}\x00" in joined for space in spaces)


#: The ASCII characters ``str.strip`` removes.
_ASCII_SPACE = [chr(c) for c in range(128) if chr(c).isspace()]


def _trimmed(values: pd.Series, *, upper: bool = False) -> pd.Series:
    """Text without surrounding spaces (blank → NaN), upper-cased for codes."""
    codes, cleaned, changed = _distinct_trimmed(values, upper=upper)
    if not changed and values.dtype == object:   # nothing to trim (the usual case): keep the column
        return values
    result = np.full(len(values), np.nan, dtype=object)
    present = codes >= 0
    result[present] = cleaned[codes[present]]
    return pd.Series(result, index=values.index, name=values.name)


def _code_categorical(values: pd.Series) -> pd.Categorical:
    """A code column trimmed and upper-cased, as a categorical with sorted categories.

    The same as ``pd.Categorical(_trimmed(values, upper=True))``, built from the distinct
    values without a second pass over every row.
    """
    codes, cleaned, _ = _distinct_trimmed(values, upper=True)
    # Distinct values may merge once trimmed (' u4' and 'U4'); blanks after trimming become NaN (-1).
    merged, categories = pd.factorize(cleaned, sort=True, use_na_sentinel=True)
    row_codes = np.where(codes >= 0, merged[np.maximum(codes, 0)] if len(merged) else -1, -1)
    return pd.Categorical.from_codes(row_codes, categories=pd.Index(categories, dtype=object))


def _dates(text: pd.Series, path: Path, column: str, lines: pd.Series) -> pd.Series:
    """dd/mm/yyyy (or yyyy-mm-dd) text → datetime64; an unreadable date is an InputError (value not shown)."""
    codes, uniques = pd.factorize(text, use_na_sentinel=True)
    parsed = _parse_dates(pd.Series(uniques, dtype=object))
    values = np.full(len(text), np.datetime64("NaT"), dtype="datetime64[ns]")
    values[codes >= 0] = parsed.to_numpy()[codes[codes >= 0]]
    dates = pd.Series(values, index=text.index)
    bad = dates.isna() & text.notna()
    if bad.any():
        rule = "DfE rule 102: " if column == "DOB" else ""
        raise InputError(path, f"line {lines[bad].iloc[0]}, column {column}",
                         problem=f"{rule}the date cannot be read" + _and_more(bad.sum()),
                         expected="a date written dd/mm/yyyy")
    return dates


def _parse_dates(text: pd.Series) -> pd.Series:
    """Parse dd/mm/yyyy, falling back to yyyy-mm-dd; NaT where neither fits."""
    dates = pd.to_datetime(text, format="%d/%m/%Y", errors="coerce")
    retry = dates.isna() & text.notna()
    if retry.any():
        dates[retry] = pd.to_datetime(text[retry], format="%Y-%m-%d", errors="coerce")
    return dates


def _and_more(count: int) -> str:
    return f" (and {count - 1} more row{'s' if count > 2 else ''})" if count > 1 else ""


def _shown(value, ids: set[str]) -> str:
    """A found code, shown only if it is short and cannot be a child's ID, UPN or postcode."""
    text = str(value)
    if re.fullmatch(r"[A-Za-z0-9]{1,4}", text) and text not in ids:
        return f"'{text}'"
    return "a value that is not a code"


def validate(extract: Extract) -> None:
    """Raise an InputError for the first DfE rule broken (codes, dates, overlaps, links)."""
    tables = {"header": extract.header, "episodes": extract.episodes}
    for (kind, column), (rule, label) in CODE_RULES.items():
        values = tables[kind][column]
        if isinstance(values.dtype, pd.CategoricalDtype) and values.cat.categories.isin(CODES[column]).all():
            continue   # every distinct code is valid: no need to look at each row
        bad = values.notna() & ~values.isin(CODES[column])
        if bad.any():
            first = bad.idxmax()
            path, line = extract.where(tables[kind], first)
            rule_text = f"DfE rule {rule}" if rule[0].isdigit() else rule
            ids = set(extract.header["CHILD"].unique())
            raise InputError(path, f"line {line}, column {column}", _shown(values[first], ids),
                             f"a valid {label} code (one of {', '.join(sorted(CODES[column]))})",
                             problem=f"{rule_text}: {label} is not a valid code" + _and_more(bad.sum()))
    episodes = extract.episodes
    ends_early = episodes["DEC"] < episodes["DECOM"]
    if ends_early.any():
        path, line = extract.where(episodes, ends_early.idxmax())
        raise InputError(path, f"line {line}, columns DECOM and DEC",
                         problem="DfE rule 356: the episode ceased (DEC) before it started (DECOM)"
                         + _and_more(ends_early.sum()), expected="DEC on or after DECOM")
    reason_without_end = episodes["DEC"].isna() & episodes["REC"].notna()
    end_without_reason = episodes["DEC"].notna() & episodes["REC"].isna()
    for mask, text in ((reason_without_end, "a reason episode ceased (REC) but no date ceased (DEC)"),
                       (end_without_reason, "a date ceased (DEC) but no reason (REC)")):
        if mask.any():
            path, line = extract.where(episodes, mask.idxmax())
            raise InputError(path, f"line {line}, columns DEC and REC", problem=f"the episode has {text}"
                             + _and_more(mask.sum()), expected="both DEC and REC, or neither")
    # Each episode's row in the header (-1: none); header CHILDs are unique, so one hash lookup serves
    # both the link check and the date of birth.
    header_row = pd.Index(extract.header["CHILD"]).get_indexer(episodes["CHILD"])
    unknown = pd.Series(header_row < 0, index=episodes.index)
    if unknown.any():
        path, line = extract.where(episodes, unknown.idxmax())
        raise InputError(path, f"line {line}, column CHILD",
                         problem="the child has episodes but no row in the header file"
                         + _and_more(unknown.sum()), expected="every CHILD in episodes also in header")
    # Episodes are sorted by CHILD then DECOM: each must start on or after the previous one's end.
    same_child = episodes["CHILD"].eq(episodes["CHILD"].shift())
    previous_end = episodes["DEC"].shift()
    previous_open = previous_end.isna()
    overlap = same_child & (previous_open | (episodes["DECOM"] < previous_end))
    if overlap.any():
        path, line = extract.where(episodes, overlap.idxmax())
        raise InputError(path, f"line {line}, column DECOM",
                         problem="DfE rule 501: the episode starts before the same child's previous "
                         "episode ended (or while it is still open)" + _and_more(overlap.sum()),
                         expected="episodes of one child that do not overlap",
                         hint="If the files hold several years, check the newer one corrects the older")
    dob = extract.header["DOB"].to_numpy()[header_row]
    before_birth = episodes["DECOM"] < dob
    if before_birth.any():
        path, line = extract.where(episodes, before_birth.idxmax())
        raise InputError(path, f"line {line}, column DECOM",
                         problem="the episode starts before the child's date of birth"
                         + _and_more(before_birth.sum()), expected="DECOM on or after DOB")
