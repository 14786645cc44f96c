"""The one exception type for expected mistakes in input or parameters.

The command line prints an ``InputError`` as one paragraph, with no traceback,
and exits non-zero; the last good book is left in place.

>>> str(InputError("data/local/x.csv", "row 3, column 'cost'", "'abc'", "a number"))
"data/local/x.csv, row 3, column 'cost': found 'abc'; expected a number."
>>> str(InputError("data/raw/a.csv", problem="the file is empty"))
'data/raw/a.csv: the file is empty.'
"""
from __future__ import annotations

from pathlib import Path

from sufficiency.core.paths import PROJECT_ROOT


class InputError(Exception):
    """An expected problem with an input file or a parameter.

    ``where`` names the file (or the parameter), ``location`` the row/column,
    ``found`` what was there and ``expected`` what should have been; or give a
    free-text ``problem``. ``hint`` says how to put it right.
    """

    def __init__(self, where: str | Path, location: str | None = None, found: str | None = None,
                 expected: str | None = None, *, problem: str | None = None, hint: str | None = None):
        self.where = str(_relative(where))
        self.location = location
        self.found = found
        self.expected = expected
        self.problem = problem
        self.hint = hint
        super().__init__(self.message())

    def message(self) -> str:
        head = self.where + (f", {self.location}" if self.location else "")
        parts = []
        if self.problem:
            parts.append(self.problem)
        if self.found is not None:
            parts.append(f"found {self.found}")
        if self.expected is not None:
            parts.append(f"expected {self.expected}")
        text = f"{head}: " + "; ".join(parts) + "."
        if self.hint:
            hint = self.hint.rstrip(".")
            text += " " + hint + ("" if hint.endswith(("?", "!")) else ".")
        return text


def _relative(where: str | Path) -> str | Path:
    """Show project files relative to the project root, so messages stay short."""
    try:
        return Path(where).resolve().relative_to(PROJECT_ROOT)
    except (ValueError, OSError, TypeError):
        return where
