"""What the reader found wrong in an SSDA903 extract, what it did about it, and the written policy.

Councils analyse mid-year extracts long before DfE's validation is clean, so reading does not stop
at the first broken rule. Every rule has a written policy (:data:`POLICY`):

- **stop**: the extract cannot be read (no header row, a required column missing, a file that is
  not a table). Reading stops with one paragraph naming the file, line, column and rule.
- **repair**: the row is kept and read in a stated way (a reason episode ceased without a date
  ceased: the episode is read as open). The row is counted in the report.
- **exclude**: the row is left out (an episode that ends before it starts). Counted too.
- **note**: an export habit tidied on the way in (a code written ``1.0``; the same episode in two
  years' returns, kept once). Not an error; listed so the analyst can see it.

With ``strict=True`` (``--strict`` on the command line) any repair or exclusion stops the read
as before, with the first one's paragraph.

The :class:`Report` lists each finding in DfE's terms: rule, message, number of rows and their
line numbers, never a child's id, date of birth, UPN or postcode (those never enter a finding:
only line numbers, file names relative to the extract and short codes do).

>>> report = Report()
>>> _ = report.add("OPEN", "episodes.csv", ["DEC", "REC"], [402, 317])
>>> row = report.table().iloc[0]
>>> row["rule"], row["action"], int(row["rows"]), row["lines"]
('OPEN', 'repair', 2, '317 402')
>>> row["done"]
'read as open: the reason is set aside and the episode counted as still running'
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from sufficiency.core.errors import InputError

STOP, REPAIR, EXCLUDE, NOTE = "stop", "repair", "exclude", "note"
#: Line numbers written per finding in the report file, at most (a systematic fault in a million
#: rows would otherwise write a million numbers); the row count is always the full count.
MAX_LINES = 200


@dataclass(frozen=True)
class Rule:
    """One rule: DfE's number (or a short name for a format rule), what breaking it means, the
    action taken, and what that action does to the row, in words."""

    rule: str
    problem: str
    action: str
    done: str = ""
    expected: str = ""


def _rules(*rules: Rule) -> dict[str, Rule]:
    return {r.rule: r for r in rules}


#: Every rule the reader checks, keyed by rule id, with its policy. Rule numbers are DfE's
#: SSDA903 validation rules; names in capitals are format rules of the export itself.
POLICY: dict[str, Rule] = _rules(
    # --- the extract cannot be read: stop
    Rule("FOLDER", "the SSDA903 folder is missing", STOP, expected="a folder holding header and episodes files"),
    Rule("FILES", "no header or episodes file", STOP, expected="header and episodes files (CSV or Excel)"),
    Rule("HEADER_ROW", "the file has no header row or lacks a required column", STOP,
         expected="a first row naming the columns"),
    Rule("TABLE", "the file cannot be read as a table", STOP, expected="a CSV file or an Excel workbook"),
    Rule("YEAR", "several files of one kind and a name that does not say its collection year", STOP,
         expected="each annual return in a folder or file named by its year"),
    # --- a row is kept and read in a stated way: repair
    Rule("101", "sex is blank or not a valid code", REPAIR, "sex read as not known", "1 or 2"),
    Rule("103", "ethnicity is not a valid code", REPAIR, "ethnicity read as not known", "a DfE ethnicity code"),
    Rule("145", "category of need is not a valid code", REPAIR, "category of need read as not known",
         "N1 to N8"),
    Rule("PROVIDER", "placement provider is not a valid code", REPAIR, "provider read as not known",
         "PR0 to PR5"),
    Rule("OPEN", "the episode has a reason episode ceased (REC) but no date ceased (DEC)", REPAIR,
         "read as open: the reason is set aside and the episode counted as still running",
         "both DEC and REC, or neither"),
    Rule("149", "reason episode ceased is not a valid code", REPAIR,
         "with a date ceased, read as a missing reason (below); without one, set aside", "a DfE reason code"),
    Rule("DEC", "the date ceased (DEC) cannot be read", REPAIR,
         "read as open: the date and reason are set aside", "a date written dd/mm/yyyy"),
    Rule("REC", "the episode has a date ceased (DEC) but no reason (REC)", REPAIR,
         "the episode ends on its date: reason X1 when the child's next episode starts that day, "
         "otherwise E8 (ceased for any other reason)", "both DEC and REC, or neither"),
    Rule("501", "the episode starts before the same child's previous episode ended (or while it is "
         "still open)", REPAIR, "the previous episode is ended the day this one starts (reason X1)",
         "episodes of one child that do not overlap"),
    Rule("DATE", "an optional date cannot be read", REPAIR, "the date read as not known",
         "a date written dd/mm/yyyy"),
    # --- a row is left out: exclude
    Rule("CHILD", "the child id (CHILD) is blank", EXCLUDE, "row left out", "a value in every row"),
    Rule("102", "the date of birth is blank or cannot be read", EXCLUDE,
         "child left out (with their episodes)", "a date written dd/mm/yyyy"),
    Rule("DECOM", "the date episode commenced (DECOM) is blank or cannot be read", EXCLUDE,
         "episode left out", "a date written dd/mm/yyyy"),
    Rule("143", "reason for new episode is blank or not a valid code", EXCLUDE, "episode left out",
         "S, P, L, T, U or B"),
    Rule("144", "legal status is blank or not a valid code", EXCLUDE, "episode left out", "a DfE legal status code"),
    Rule("146", "placement type is blank or not a valid code", EXCLUDE, "episode left out",
         "a DfE placement type code"),
    Rule("356", "the episode ceased (DEC) before it started (DECOM)", EXCLUDE, "episode left out",
         "DEC on or after DECOM"),
    Rule("LINK", "the child has episodes but no row in the header file that could be read", EXCLUDE, "episode left out",
         "every CHILD in episodes also in header"),
    Rule("DOB_AFTER", "the episode starts before the child's date of birth", EXCLUDE, "episode left out",
         "DECOM on or after DOB"),
    Rule("REPEAT", "a second row with the same CHILD (header) or CHILD and DECOM (episodes) in one file",
         EXCLUDE, "the first row is kept, the later ones left out", "one row per child, or per child and start"),
    Rule("EMPTY", "the file is empty", EXCLUDE, "file not read", "a header row and rows"),
    # --- export habits tidied: note
    Rule("NUMBER", "a code written as a number with '.0' (as spreadsheets save it)", NOTE,
         "read without the '.0'", "the code as text"),
    Rule("RETURNS", "the same row in more than one year's return", NOTE, "kept once, from the newest return"),
    Rule("LATER", "a return for a year after the edition's", NOTE, "not read: the edition shows nothing later"),
    Rule("PARTIAL", "the newest return covers only part of its collection year", NOTE,
         "read as it is: counts for that year cover only the months the return covers"),
)


@dataclass
class Finding:
    """One rule broken in one file: where (file relative to the extract, columns), how many rows
    and which lines. ``found`` is a safe description of a bad value (a short code), or ''."""

    rule: str
    file: str
    columns: list[str]
    lines: np.ndarray
    rows: int
    found: str = ""
    detail: str = ""

    @property
    def policy(self) -> Rule:
        return POLICY[self.rule]

    def error(self, folder: Path | None = None) -> InputError:
        """The finding as the one-paragraph error ``--strict`` (or a stop rule) raises."""
        policy = self.policy
        where = (folder / self.file) if folder is not None else self.file
        column = "column" if len(self.columns) == 1 else "columns"
        location = ", ".join(([f"line {int(self.lines[0])}"] if len(self.lines) else [])
                             + ([f"{column} {' and '.join(self.columns)}"] if self.columns else [])) or None
        rule = f"DfE rule {self.rule}: " if self.rule[0].isdigit() else ""
        more = self.rows - 1
        problem = (rule + (self.detail or policy.problem)
                   + (f" (and {more} more row{'s' if more > 1 else ''})" if more > 0 else ""))
        return InputError(where, location, self.found or None, policy.expected or None, problem=problem)


@dataclass
class Report:
    """Every finding of one read, in the order found. ``folder`` is the extract's folder."""

    findings: list[Finding] = field(default_factory=list)
    folder: Path | None = None

    def add(self, rule: str, file: str | Path, columns: list[str], lines, *, found: str = "",
            detail: str = "", rows: int | None = None) -> Finding:
        """Record a finding; ``lines`` are the file's line numbers (header row = line 1)."""
        if rule not in POLICY:
            raise KeyError(f"no policy for rule {rule}")
        lines = np.sort(np.asarray(lines, dtype=np.int64))
        finding = Finding(rule=rule, file=str(self._name(file)), columns=list(columns), lines=lines,
                          rows=int(rows if rows is not None else len(lines)), found=found, detail=detail)
        self.findings.append(finding)
        if finding.policy.action == STOP:
            raise finding.error(self.folder)
        return finding

    def _name(self, file: str | Path) -> str | Path:
        if self.folder is not None:
            try:
                return Path(file).relative_to(self.folder)
            except ValueError:
                pass
        return Path(file).name if isinstance(file, Path) else file

    def errors(self) -> list[Finding]:
        """Findings that break a rule (repairs and exclusions), not notes."""
        return [f for f in self.findings if f.policy.action in (REPAIR, EXCLUDE)]

    def raise_first_error(self) -> None:
        """``--strict``: stop with the first rule broken, and say how many more there are."""
        errors = self.errors()
        if errors:
            first = errors[0].error(self.folder)
            others = len({f.rule for f in errors[1:]} - {errors[0].rule})
            if others:
                first.hint = (f"{others} more rule(s) broken in this extract; without --strict their rows "
                              "are repaired or left out and listed in the data-quality report")
            raise StrictStop(first, self)

    def count(self, action: str) -> int:
        """Rows repaired, excluded or tidied (``action``), over every finding."""
        return sum(f.rows for f in self.findings if f.policy.action == action)

    def headline(self) -> str:
        """One line for the terminal: what was repaired and left out.

        >>> report = Report()
        >>> _ = report.add("OPEN", "e.csv", ["DEC", "REC"], [3, 4])
        >>> _ = report.add("EMPTY", "uasc.csv", [], [], rows=0)
        >>> report.headline()
        '2 rows repaired, 0 rows left out, 1 file not read (rules broken: 1)'
        """
        if not self.errors():
            return "no DfE rule broken"
        files = sum(1 for f in self.findings if f.rule == "EMPTY")
        rules = len({f.rule for f in self.errors()} - {"EMPTY"})

        def plural(n: int, word: str) -> str:
            return f"{n:,} {word}{'' if n == 1 else 's'}"
        return (f"{plural(self.count(REPAIR), 'row')} repaired, {plural(self.count(EXCLUDE), 'row')} left out"
                + (f", {plural(files, 'file')} not read" if files else "") + f" (rules broken: {rules})")

    def table(self) -> pd.DataFrame:
        """One row per finding: rule, action, what was found and done, file, columns, rows, lines."""
        rows = []
        for f in self.findings:
            listed = " ".join(str(int(n)) for n in f.lines[:MAX_LINES])
            if len(f.lines) > MAX_LINES:
                listed += f" and {len(f.lines) - MAX_LINES} more"
            rows.append({"rule": f.rule, "action": f.policy.action, "message": f.detail or f.policy.problem,
                         "done": f.policy.done, "file": f.file, "columns": " ".join(f.columns), "rows": f.rows,
                         "lines": listed})
        return pd.DataFrame(rows, columns=["rule", "action", "message", "done", "file", "columns", "rows", "lines"])

    def summary(self) -> pd.DataFrame:
        """Findings added up over files, in policy order: rule, action, message, done, rows, files
        (rows is 0 for a finding about a whole file, such as an empty one)."""
        table = self.table()
        columns = ["rule", "action", "message", "done", "rows", "files"]
        if table.empty:
            return pd.DataFrame(columns=columns)
        order = {rule: i for i, rule in enumerate(POLICY)}
        grouped = (table.groupby(["rule", "action", "message", "done"], sort=False)
                   .agg(rows=("rows", "sum"), files=("file", "nunique")).reset_index())
        grouped["_order"] = grouped["rule"].map(order)
        return grouped.sort_values("_order", kind="stable")[columns].reset_index(drop=True)

    def write(self, path: str | Path) -> Path:
        """The report as CSV (no child's details: rules, files, columns, counts, line numbers)."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.table().to_csv(path, index=False)
        return path


class StrictStop(InputError):
    """``--strict`` met a rule broken: the first one's paragraph, with the whole report attached."""

    def __init__(self, first: InputError, report: Report):
        self.report = report
        super().__init__(first.where, first.location, first.found, first.expected, problem=first.problem,
                         hint=first.hint)
