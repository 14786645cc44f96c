"""Read a council's SSDA903 extract (CSV or Excel) into typed tables, checking DfE's rules.

An extract is a folder holding ``header`` and ``episodes`` files and, where present,
``uasc``, ``oc2``, ``oc3`` and ``missing`` files, as CSV or Excel workbooks (``.xlsx``: a
workbook named for one kind, or one workbook with a sheet per kind). A folder may hold
several annual extracts (in sub-folders or file names carrying the year, e.g.
``2024/episodes.csv`` or ``episodes_2023-24.xlsx``) or one set of files across years; they
may overlap, and for the same CHILD and DECOM the newest extract wins (kept once).

Reading is tolerant of what exports do: columns in any order, header names in any case and
with stray spaces or underscores, blank rows, dates as dd/mm/yyyy, ISO (with or without a
time) or Excel dates, codes and ids saved by a spreadsheet as numbers (``1.0``), empty files.
Content is checked against DfE's rules, each with a written policy (:mod:`.quality`): the
extract cannot be read → stop with one :class:`~sufficiency.core.errors.InputError`; a row
that can be read in a stated way → repaired; one that cannot → left out. Every repair and
exclusion is listed in ``Extract.quality`` (rule, message, rows, line numbers); with
``strict=True`` the first one stops the read instead, as one paragraph. Nothing a finding
or message holds identifies a child: no ID, UPN, date of birth or postcode, and a bad code
is shown only when it is short and cannot be an ID.

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
from sufficiency.records import quality
from sufficiency.records.quality import Report

try:   # optional: only Excel extracts need it
    import openpyxl
except ImportError:
    openpyxl = None

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
#: Code columns that may not be blank (a blank breaks the column's rule; other code columns may be).
CODE_NOT_BLANK = {"SEX", "RNE", "LS", "PLACE"}
#: Code column → the rule id of :data:`.quality.POLICY` its bad values are reported under.
CODE_POLICY = {"PLACE_PROVIDER": "PROVIDER"}
#: Free-text columns trimmed on read (the others, e.g. postcodes, are not used in any count).
TRIMMED = {"CHILD", "MOTHER", "DUC", "IN_TOUCH", "ACTIV", "ACCOM"}
#: Columns a spreadsheet may have saved as numbers ('1.0', '123456.0'): read without the '.0'.
NUMBER_LIKE = {"CHILD", "SEX", "MOTHER", "URN"}
#: Dates that key a row: a row without a readable one is left out under this rule.
KEY_DATES = {("header", "DOB"): "102", ("episodes", "DECOM"): "DECOM"}
#: File types read: CSV (plain or gzipped) and Excel workbooks.
SUFFIXES = {".csv", ".gz", ".xlsx", ".xlsm"}


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
    #: What was found wrong and what was done about it (:mod:`.quality`).
    quality: Report = field(default_factory=Report)

    def where(self, frame: pd.DataFrame, index) -> tuple[Path, int]:
        """(file, line) of a row, for messages."""
        return self.files[int(frame.at[index, "_file"])], int(frame.at[index, "_line"])


def extract_year(path: Path) -> int | None:
    """The collection year (ending 31 March) named in a path, written any of the ways exports write it.

    >>> [extract_year(Path(p)) for p in ["2024", "2023-24", "2023_24", "2023 24", "2023-2024", "FY23-24",
    ...                                  "ssda903_23_24.csv", "episodes.csv"]]
    [2024, 2024, 2024, 2024, 2024, 2024, 2024, None]
    """
    text = str(path)
    span = re.findall(r"(?<!\d)((?:19|20)\d\d)[-_ ](\d\d)(?!\d)", text)
    if span:
        start, end = span[-1]
        return int(start[:2] + end) if int(end) == (int(start) + 1) % 100 else int(start)
    years = re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", text)
    if years:
        return int(years[-1])
    # Two-digit years, only as a pair of consecutive years ('23-24'): a lone '24' could be anything.
    pairs = [(a, b) for a, b in re.findall(r"(?<!\d)(\d\d)[-_ ](\d\d)(?!\d)", text) if int(b) == (int(a) + 1) % 100]
    return 2000 + int(pairs[-1][1]) if pairs else None


def _kind_of(name: str) -> str | None:
    """The SSDA903 kind a file or sheet name names ('Episodes_2024' → 'episodes'), or None."""
    tokens = set(re.split(r"[^a-z0-9]+", name.lower()))
    for kind in KINDS:
        if kind in tokens or kind.rstrip("s") in tokens or kind + "s" in tokens:
            return kind
    return None


def _sheet_names(path: Path) -> list[str]:
    """A workbook's sheet names ([] if it cannot be opened: reading it later says why)."""
    if openpyxl is None:
        return []
    try:
        book = openpyxl.load_workbook(path, read_only=True)
    except Exception:   # openpyxl raises many kinds for a file that is not a workbook
        return []
    try:
        return list(book.sheetnames)
    finally:
        book.close()


def find_files(folder: str | Path) -> dict[str, list[tuple[int | None, Path]]]:
    """The extract's files by kind, each as (collection year or None, path), oldest first.

    A CSV or workbook counts for the kind its name names; a workbook whose name names none
    counts for each kind one of its sheets is named for (one workbook holding every table).
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(folder, problem="the SSDA903 folder is missing",
                         expected="a folder holding header and episodes CSV files")
    found: dict[str, list[tuple[int | None, Path]]] = {kind: [] for kind in KINDS}
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.suffix.lower() not in SUFFIXES or path.name.startswith(("~$", ".")):
            continue
        year = extract_year(path.relative_to(folder))
        kind = _kind_of(path.name.split(".")[0])
        if kind is not None:
            found[kind].append((year, path))
        elif path.suffix.lower() in {".xlsx", ".xlsm"}:
            for sheet_kind in dict.fromkeys(_kind_of(name) for name in _sheet_names(path)):
                if sheet_kind is not None:
                    found[sheet_kind].append((year, path))
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
                             expected=f"a CSV file or Excel workbook whose name (or a sheet's) contains '{kind}'")
    return found


def read_and_report(folder: str | Path, *, year: int, strict: bool, report_path: Path) -> tuple[Extract, Path]:
    """:func:`read_extract` and its data-quality report (rules broken, rows, line numbers; nothing
    about a child) written to ``report_path``; returns the extract and where the report went. With
    ``strict`` a broken rule stops here, the report still written, as one paragraph that says where
    the report is."""
    try:
        extract = read_extract(folder, year=year, strict=strict)
    except quality.StrictStop as stop:
        path = stop.report.write(report_path)
        stop.hint = (stop.hint + f"; every one is listed in {path}") if stop.hint else f"The report is in {path}"
        raise InputError(stop.where, stop.location, stop.found, stop.expected, problem=stop.problem,
                         hint=stop.hint) from None
    return extract, extract.quality.write(report_path)


def read_extract(folder: str | Path, *, year: int | None = None, strict: bool = False) -> Extract:
    """Read and check every annual extract in ``folder``; newest wins for the same CHILD+DECOM.

    With ``year`` (a collection year ending 31 March), extracts named for later years are
    not read, and anything dated after 31 March of ``year`` is dropped (episodes starting
    later) or blanked (an end date or reason after it), so the result never shows later data.

    Rows that break a rule are repaired or left out as :data:`.quality.POLICY` says, and listed
    in the result's ``quality`` report; with ``strict`` the first of them raises
    :class:`.quality.StrictStop` (an InputError carrying the whole report) instead.
    """
    found = find_files(folder)
    report = Report(folder=Path(folder))
    files: list[Path] = []
    tables: dict[str, pd.DataFrame] = {}
    ranks: dict[str, np.ndarray] = {}   # per row, which of its kind's files (0 = oldest) it came from
    newest_years: dict[str, int | None] = {}
    for kind, items in found.items():
        if year is not None:
            for later_year, path in items:
                if later_year is not None and later_year > year:
                    report.add("LATER", path, [], [], rows=0,
                               detail=f"the {kind} return for {later_year - 1}-{str(later_year)[-2:]} is after "
                                      f"the edition's year to 31 March {year}")
            items = [(y, p) for y, p in items if y is None or y <= year]
        frames = []
        for item_year, path in items:
            frame = _read_one(path, kind, file_number=len(files), report=report)
            if frame is None:
                continue
            files.append(path)
            frames.append(frame)
            newest_years[kind] = item_year
        if frames:
            with warnings.catch_warnings():   # all-blank optional columns in one year's file are fine
                warnings.simplefilter("ignore", FutureWarning)
                tables[kind] = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
            ranks[kind] = np.repeat(np.arange(len(frames), dtype=np.int64), [len(f) for f in frames])
    if "header" not in tables or "episodes" not in tables:
        raise InputError(folder, problem=f"no header and episodes files with rows for {year} or earlier"
                         if year else "no header and episodes files with rows")
    extract = Extract(header=_newest(tables.pop("header"), ["CHILD"], files, ranks["header"], report),
                      episodes=_newest(tables.pop("episodes"), ["CHILD", "DECOM"], files, ranks["episodes"],
                                       report),
                      others=tables, files=files, year=year, quality=report)
    _note_partial_year(extract, newest_years.get("episodes"))
    if year is not None:
        extract.episodes = censor(extract.episodes, year)
    validate(extract, report)
    if strict:
        report.raise_first_error()
    return extract


def _note_partial_year(extract: Extract, newest: int | None) -> None:
    """A note when the newest return read stops well before its collection year's 31 March (a
    mid-year extract): its year's counts then cover only the months it covers."""
    episodes = extract.episodes
    if newest is None or episodes.empty:
        return
    newest_file = episodes["_file"].max()
    rows = episodes[episodes["_file"] == newest_file]
    latest = pd.concat([rows["DECOM"], rows["DEC"]]).max()
    if pd.notna(latest) and latest < pd.Timestamp(newest, 3, 1):
        extract.quality.add("PARTIAL", extract.files[int(newest_file)], [], [], rows=0,
                            detail=f"the return for {newest - 1}-{str(newest)[-2:]} holds nothing dated after "
                                   f"{latest:%B %Y}: it covers part of the year only")


def censor(episodes: pd.DataFrame, year: int) -> pd.DataFrame:
    """Episodes as known on 31 March of ``year``: later starts dropped, later ends and reasons blanked."""
    end = pd.Timestamp(year, 3, 31)
    started = episodes["DECOM"] <= end
    kept = episodes.copy() if started.all() else episodes[started].copy()   # one copy, not two
    later = kept["DEC"] > end
    kept.loc[later, "DEC"] = pd.NaT
    kept.loc[later, "REC"] = np.nan
    return kept


def _newest(frame: pd.DataFrame, key: list[str], files: list[Path], rank: np.ndarray,
            report: Report | None = None) -> pd.DataFrame:
    """One row per key, sorted by key: the row from the newest file (``rank``, per row: higher is
    newer) wins, and how many rows that merged is noted in ``report``. A key repeated inside
    one file keeps its first row; the later ones are left out and reported (rule REPEAT)."""
    report = report if report is not None else Report()
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
        for file_number, lines in _lines_by_file(frame, dupes):
            what = "CHILD" if key == ["CHILD"] else "CHILD and DECOM"
            report.add("REPEAT", files[file_number], list(key), lines,
                       detail=f"a second row with the same {what} as an earlier row in this file")
        frame, keys, rank = frame[~dupes], keys[~dupes], rank[~dupes]
    sort_keys = [keys[c].to_numpy() for c in reversed(keys.columns) if c != "rank"]
    if rank.size and rank.min() != rank.max():
        newest_first = np.lexsort([-rank, *sort_keys])
        keys = keys.iloc[newest_first].drop(columns="rank")
        kept = ~keys.duplicated(keep="first").to_numpy()
        if not kept.all():
            what = "child" if key == ["CHILD"] else "episode"
            newest_file = files[int(frame["_file"].max())]
            report.add("RETURNS", newest_file, list(key), [], rows=int((~kept).sum()),
                       detail=f"the same {what} (same {' and '.join(key)}) in more than one year's return")
        return frame.iloc[newest_first[kept]].reset_index(drop=True)
    return frame.iloc[np.lexsort(sort_keys)].reset_index(drop=True)


def _lines_by_file(frame: pd.DataFrame, mask) -> list[tuple[int, np.ndarray]]:
    """(file number, line numbers) of the rows ``mask`` marks, file by file."""
    mask = np.asarray(mask, dtype=bool)
    numbers, lines = frame["_file"].to_numpy()[mask], frame["_line"].to_numpy()[mask]
    return [(int(n), lines[numbers == n]) for n in np.unique(numbers)]


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


#: Every SSDA903 column name this reader knows, by its letters and digits only ('Place Provider',
#: 'place_provider' and 'PLACEPROVIDER' all name PLACE_PROVIDER).
_KNOWN_COLUMNS = {re.sub(r"[^A-Z0-9]", "", name): name for name in
                  [*HEADER_COLUMNS, *EPISODE_COLUMNS, "DUC", "MIS_START", "MIS_END", "IN_TOUCH", "ACTIV", "ACCOM"]}


def _column_name(name) -> str:
    """A header cell as the DfE column name it means: case, spaces and separators ignored."""
    text = re.sub(r"\s+", "", str(name).replace("\ufeff", "")).upper()
    return _KNOWN_COLUMNS.get(re.sub(r"[^A-Z0-9]", "", text), text)


def _is_empty(path: Path) -> bool:
    """A CSV with nothing but white space in it (a zero-byte export, or only line breaks)."""
    if path.suffix.lower() != ".csv":
        return False
    if path.stat().st_size == 0:
        return True
    if path.stat().st_size > 64:
        return False
    return not path.read_bytes().decode("utf-8-sig", errors="replace").strip()


def _read_one(path: Path, kind: str, file_number: int, report: Report | None = None) -> pd.DataFrame | None:
    """One file (or a workbook's sheet): normalised headers, blank rows dropped, text trimmed, dates
    parsed. Rows that break a rule are left out or repaired and recorded in ``report``; an empty
    file is recorded and None returned."""
    report = report if report is not None else Report()
    if _is_empty(path):
        report.add("EMPTY", path, [], [], rows=0, detail=f"the {kind} file is empty")
        return None
    frame = _read_text_table(path, kind)
    if frame is None or (frame.empty and len(frame.columns) == 0):
        report.add("EMPTY", path, [], [], rows=0, detail=f"the {kind} file or sheet is empty")
        return None
    lines = frame.pop("_line").to_numpy() if "_line" in frame.columns else frame.index.to_numpy() + 2
    frame.columns = [_column_name(c) for c in frame.columns]
    blank_child = frame["CHILD"].isna() if "CHILD" in frame.columns else pd.Series(False, index=frame.index)
    if blank_child.any():   # blank rows (often trailing): drop rows with nothing in any cell
        empty = frame.index[blank_child][frame[blank_child].isna().all(axis=1).to_numpy()]
        keep = ~frame.index.isin(empty)
        frame, lines = frame[keep], lines[keep]
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
    numbered: list[str] = []
    number_rows = np.zeros(len(frame), dtype=bool)
    for column in frame.columns:
        if column in codes:
            frame[column], changed = _code_categorical(frame[column], numbers=column in NUMBER_LIKE)
        elif column not in DATE_COLUMNS.get(kind, []) and (column in TRIMMED or column in NUMBER_LIKE):
            frame[column], changed = _trimmed(frame[column], numbers=column in NUMBER_LIKE)
        else:
            continue
        if changed.any():
            numbered.append(column)
            number_rows |= changed
    if numbered:
        report.add("NUMBER", path, numbered, lines[number_rows])
    frame["_line"] = lines.astype(np.int64)   # line 1 is the header row
    frame["_file"] = np.int16(file_number)
    frame.index = pd.RangeIndex(len(frame))   # in place: reset_index would copy every column
    left_out = frame["CHILD"].isna().to_numpy()
    if left_out.any():
        report.add("CHILD", path, ["CHILD"], lines[left_out])
    for column in DATE_COLUMNS.get(kind, []):
        if column not in frame.columns:
            continue
        frame[column], bad = _dates(frame[column])
        rule = KEY_DATES.get((kind, column))
        if rule is not None:   # a row keyed by this date cannot be placed without it: left out
            bad = (bad | frame[column].isna().to_numpy()) & ~left_out
            if bad.any():
                report.add(rule, path, [column], lines[bad])
                left_out |= bad
        elif bad.any():
            report.add("DEC" if column == "DEC" else "DATE", path, [column], lines[bad])
            if column == "DEC":   # read as open: a reason without its date means nothing either
                frame.loc[bad, "REC"] = np.nan
    return frame[~left_out].reset_index(drop=True) if left_out.any() else frame


def _read_text_table(path: Path, kind: str = "") -> pd.DataFrame | None:
    """Every cell as text, blank cells NaN: what :func:`sufficiency.core.files.read_csv` returns, faster.

    An Excel workbook is read by :func:`_read_sheet` (the sheet for ``kind``).

    With pyarrow installed its parser reads the file (on every core). Anything it does not
    read cleanly (a missing, empty or compressed file, bytes that are not UTF-8, rows with
    too many or too few cells, blank or repeated column names) goes to ``files.read_csv``
    instead, so results and error messages are those of the one reader either way.
    """
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        return _read_sheet(path, kind)
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


def _read_sheet(path: Path, kind: str) -> pd.DataFrame | None:
    """The sheet of a workbook that holds ``kind`` (named for it, or the only sheet) as text, with
    a ``_line`` column (the sheet's row number). Dates become dd/mm/yyyy, whole numbers lose '.0'.
    None when the sheet has no rows at all."""
    if openpyxl is None:
        raise InputError(path, problem="Excel workbooks need the openpyxl package, which is not installed",
                         hint="Install it (pip install openpyxl) or save each sheet as CSV UTF-8")
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:   # a corrupt or password-protected file: many exception types
        raise InputError(path, problem=f"the file cannot be read as an Excel workbook ({type(exc).__name__})",
                         expected="an .xlsx workbook, or a CSV file") from None
    files.record_read(path)
    try:
        named = [name for name in book.sheetnames if _kind_of(name) == kind]
        if not named and len(book.sheetnames) > 1 and _kind_of(path.name.split(".")[0]) != kind:
            raise InputError(path, problem=f"no sheet of this workbook is named for the {kind} table",
                             found=f"sheets {book.sheetnames}", expected=f"a sheet named '{kind}'")
        sheet = book[named[0] if named else book.sheetnames[0]]
        rows = [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()
    if not rows:
        return None
    width = max(len(row) for row in rows)
    names = [str(n).strip() if n is not None else "" for n in rows[0]] + [""] * (width - len(rows[0]))
    while names and not names[-1] and all(len(r) < len(names) or r[len(names) - 1] is None for r in rows[1:]):
        names.pop()   # unnamed empty columns at the right (formatting left in the sheet)
    body = [[np.nan if cell is None else cell for cell in (row + [None] * width)[:len(names)]] for row in rows[1:]]
    frame = pd.DataFrame(body, columns=names, dtype=object)
    frame["_line"] = np.arange(2, len(body) + 2, dtype=np.int64)
    return frame


def _cell_text(value) -> str | None:
    """A workbook cell as the text a CSV export would hold (None for an empty cell)."""
    if value is None:
        return None
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    return text if text.strip() else None


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


def _distinct_trimmed(values: pd.Series, *, upper: bool = False,
                      numbers: bool = False) -> tuple[np.ndarray, np.ndarray, bool, np.ndarray]:
    """(row codes, distinct values trimmed, whether trimming changed any, which distinct values were
    whole numbers written with '.0'): -1 codes a blank cell. With ``numbers``, '12.0' becomes '12'.

    Works on the distinct values only: a million rows hold a few thousand dates and codes.
    """
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    uniques = np.asarray(uniques, dtype=object)
    numbered = np.zeros(len(uniques), dtype=bool)
    if numbers and _any_number_text(uniques):
        numbered = np.asarray(pd.Index(uniques, dtype=object).str.fullmatch(r"\s*\d+\.0+\s*"), dtype=bool)
    if not upper and not numbered.any() and not _any_padded(uniques):   # e.g. 400,000 IDs, nothing to do
        return codes, uniques, False, numbered
    cleaned = pd.Index(uniques, dtype=object).str.strip()
    if numbered.any():
        cleaned = pd.Index(np.where(numbered, cleaned.str.replace(r"\.0+$", "", regex=True), cleaned), dtype=object)
    if upper:
        cleaned = cleaned.str.upper()
    cleaned = np.asarray(cleaned.where(cleaned != "", np.nan), dtype=object)
    changed = bool(len(cleaned)) and not (cleaned == uniques).all()
    return codes, cleaned, changed, numbered


def _any_number_text(texts: np.ndarray) -> bool:
    """Whether any text may be a whole number written with '.0' (one substring scan of them all).

    >>> _any_number_text(np.array(["SYN1", "2"], dtype=object)), _any_number_text(np.array(["1.0"], dtype=object))
    (False, True)
    """
    try:
        return ".0" in "\x00".join(texts)
    except TypeError:
        return True


def _rows_of(codes: np.ndarray, distinct: np.ndarray) -> np.ndarray:
    """Per row, whether its distinct value (``codes``, -1 for blank) is one ``distinct`` marks."""
    if not distinct.any():
        return np.zeros(len(codes), dtype=bool)
    return (codes >= 0) & distinct[np.maximum(codes, 0)]


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


def _trimmed(values: pd.Series, *, upper: bool = False, numbers: bool = False) -> tuple[pd.Series, np.ndarray]:
    """(text without surrounding spaces, blank → NaN, upper-cased for codes; per row, whether it
    was a whole number written with '.0', read without it when ``numbers``)."""
    codes, cleaned, changed, numbered = _distinct_trimmed(values, upper=upper, numbers=numbers)
    if not changed and values.dtype == object:   # nothing to trim (the usual case): keep the column
        return values, _rows_of(codes, numbered)
    result = np.full(len(values), np.nan, dtype=object)
    present = codes >= 0
    result[present] = cleaned[codes[present]]
    return pd.Series(result, index=values.index, name=values.name), _rows_of(codes, numbered)


def _code_categorical(values: pd.Series, *, numbers: bool = False) -> tuple[pd.Categorical, np.ndarray]:
    """A code column trimmed and upper-cased, as a categorical with sorted categories (and, per
    row, whether it was a whole number written with '.0').

    The same as ``pd.Categorical(_trimmed(values, upper=True))``, built from the distinct
    values without a second pass over every row.
    """
    codes, cleaned, _, numbered = _distinct_trimmed(values, upper=True, numbers=numbers)
    # Distinct values may merge once trimmed (' u4' and 'U4'); blanks after trimming become NaN (-1).
    merged, categories = pd.factorize(cleaned, sort=True, use_na_sentinel=True)
    row_codes = np.where(codes >= 0, merged[np.maximum(codes, 0)] if len(merged) else -1, -1)
    return (pd.Categorical.from_codes(row_codes, categories=pd.Index(categories, dtype=object)),
            _rows_of(codes, numbered))


def _dates(text: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """(dd/mm/yyyy, ISO or ISO-with-time text → datetime64; per row, whether a written date could
    not be read). Unreadable dates come back NaT; the caller decides what the row's rule does."""
    codes, uniques = pd.factorize(text, use_na_sentinel=True)
    parsed = _parse_dates(pd.Series(uniques, dtype=object))
    values = np.full(len(text), np.datetime64("NaT"), dtype="datetime64[ns]")
    values[codes >= 0] = parsed.to_numpy()[codes[codes >= 0]]
    dates = pd.Series(values, index=text.index)
    return dates, (dates.isna() & text.notna()).to_numpy()


#: Date formats read, in order: DfE's dd/mm/yyyy, then what other exports write.
DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y %H:%M"]


def _parse_dates(text: pd.Series) -> pd.Series:
    """Parse each of :data:`DATE_FORMATS` in turn; NaT where none fits.

    >>> _parse_dates(pd.Series(["01/05/2023", "2023-05-01", "2023-05-01 00:00:00", "1/5/2023", "31/02/2023"])).tolist()[:4]
    [Timestamp('2023-05-01 00:00:00'), Timestamp('2023-05-01 00:00:00'), Timestamp('2023-05-01 00:00:00'), Timestamp('2023-05-01 00:00:00')]
    >>> bool(pd.isna(_parse_dates(pd.Series(["31/02/2023"]))[0]))
    True
    """
    text = text.str.strip() if len(text) else text
    dates = pd.to_datetime(text, format=DATE_FORMATS[0], errors="coerce")
    for form in DATE_FORMATS[1:]:
        retry = dates.isna() & text.notna()
        if not retry.any():
            break
        dates[retry] = pd.to_datetime(text[retry], format=form, errors="coerce")
    return dates


def _shown(value, ids: set[str]) -> str:
    """A found code, shown only if it is short and cannot be a child's ID, UPN or postcode."""
    text = str(value)
    if re.fullmatch(r"[A-Za-z0-9]{1,4}", text) and text not in ids:
        return f"'{text}'"
    return "a value that is not a code"


def validate(extract: Extract, report: Report | None = None) -> None:
    """Check DfE's rules (codes, dates, links, overlaps), repairing or leaving out rows as
    :data:`.quality.POLICY` says and recording each in ``report``. Without a report, the first
    rule broken raises an InputError instead (the strict behaviour)."""
    strict = report is None
    report = report if report is not None else Report()

    def found(rule: str, frame: pd.DataFrame, mask, columns: list[str], **details) -> None:
        for file_number, lines in _lines_by_file(frame, mask):
            report.add(rule, extract.files[file_number], columns, lines, **details)

    ids: set[str] | None = None
    for kind in ("header", "episodes"):
        frame = getattr(extract, kind)
        left_out = np.zeros(len(frame), dtype=bool)
        for (code_kind, column), (rule, label) in CODE_RULES.items():
            if code_kind != kind:
                continue
            values = frame[column]
            if (isinstance(values.dtype, pd.CategoricalDtype) and values.cat.categories.isin(CODES[column]).all()
                    and (column not in CODE_NOT_BLANK or not (values.cat.codes.to_numpy() < 0).any())):
                continue   # every distinct code is valid (and none blank where one must be): no row to look at
            bad = values.notna() & ~values.isin(CODES[column])
            if column in CODE_NOT_BLANK:
                bad |= values.isna()
            bad = bad.to_numpy() & ~left_out
            if not bad.any():
                continue
            if ids is None:
                ids = set(extract.header["CHILD"].unique())
            first = values[bad].iloc[0]
            shown = _shown(first, ids) if pd.notna(first) else "a blank cell"
            rule_id = CODE_POLICY.get(column, rule)
            found(rule_id, frame, bad, [column], found=shown)
            if quality.POLICY[rule_id].action == quality.EXCLUDE:
                left_out |= bad
            elif column == "REC":   # with a date ceased, repaired below as a missing reason (not twice)
                frame[column] = _set_blank(values, bad)
                frame["_rec_reported"] = bad
            else:
                frame[column] = _set_blank(values, bad)
        if left_out.any():
            setattr(extract, kind, frame[~left_out].reset_index(drop=True))
    episodes = extract.episodes
    ends_early = (episodes["DEC"] < episodes["DECOM"]).to_numpy()
    if ends_early.any():
        found("356", episodes, ends_early, ["DECOM", "DEC"])
        episodes = episodes[~ends_early].reset_index(drop=True)
    reason_without_end = (episodes["DEC"].isna() & episodes["REC"].notna()).to_numpy()
    if reason_without_end.any():
        found("OPEN", episodes, reason_without_end, ["DEC", "REC"])
        episodes["REC"] = _set_blank(episodes["REC"], reason_without_end)
    # Each episode's row in the header (-1: none); header CHILDs are unique, so one hash lookup serves
    # both the link check and the date of birth.
    header_row = pd.Index(extract.header["CHILD"]).get_indexer(episodes["CHILD"])
    unknown = header_row < 0
    if unknown.any():
        found("LINK", episodes, unknown, ["CHILD"])
        episodes, header_row = episodes[~unknown].reset_index(drop=True), header_row[~unknown]
    dob = extract.header["DOB"].to_numpy()[header_row]
    before_birth = (episodes["DECOM"].to_numpy() < dob)
    if before_birth.any():
        found("DOB_AFTER", episodes, before_birth, ["DECOM"])
        episodes = episodes[~before_birth].reset_index(drop=True)
    # Episodes are sorted by CHILD then DECOM: each must start on or after the previous one's end.
    same_child = episodes["CHILD"].eq(episodes["CHILD"].shift()).to_numpy()
    previous_end = episodes["DEC"].shift()
    overlap = same_child & (previous_end.isna() | (episodes["DECOM"] < previous_end)).to_numpy()
    if overlap.any():
        found("501", episodes, overlap, ["DECOM"],
              detail=quality.POLICY["501"].problem + " (if the files hold several years, check the newer one "
                     "corrects the older)" if strict else "")
        # The earlier episode ends the day the later one starts, the child still looked after.
        earlier = np.flatnonzero(overlap) - 1
        decom = episodes["DECOM"].to_numpy()
        # By position: censored episodes keep their row labels, with gaps.
        episodes.iloc[earlier, episodes.columns.get_loc("DEC")] = decom[earlier + 1]
        episodes["REC"] = _set_value(episodes["REC"], np.isin(np.arange(len(episodes)), earlier), "X1")
    end_without_reason = (episodes["DEC"].notna() & episodes["REC"].isna()).to_numpy()
    if end_without_reason.any():
        already = (episodes.pop("_rec_reported").to_numpy() if "_rec_reported" in episodes
                   else np.zeros(len(episodes), dtype=bool))
        if (end_without_reason & ~already).any():
            found("REC", episodes, end_without_reason & ~already, ["DEC", "REC"])
        next_starts = episodes["DECOM"].shift(-1).to_numpy()
        continues = (episodes["CHILD"].eq(episodes["CHILD"].shift(-1)).to_numpy()
                     & (next_starts == episodes["DEC"].to_numpy()))
        episodes["REC"] = _set_value(episodes["REC"], end_without_reason & continues, "X1")
        episodes["REC"] = _set_value(episodes["REC"], end_without_reason & ~continues, "E8")
    extract.episodes = episodes.drop(columns="_rec_reported", errors="ignore")
    if strict:
        report.raise_first_error()


def _set_blank(values: pd.Series, mask: np.ndarray) -> pd.Series:
    """``values`` with the rows ``mask`` marks blank (NaN), keeping a categorical a categorical."""
    return values.mask(pd.Series(mask, index=values.index))


def _set_value(values: pd.Series, mask: np.ndarray, value: str) -> pd.Series:
    """``values`` with ``value`` in the rows ``mask`` marks (added to a categorical's categories)."""
    if not mask.any():
        return values
    if isinstance(values.dtype, pd.CategoricalDtype) and value not in values.cat.categories:
        values = values.cat.set_categories(sorted([*values.cat.categories, value]))
    values = values.copy()
    values[pd.Series(mask, index=values.index)] = value
    return values
