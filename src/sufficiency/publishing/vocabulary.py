"""The council's own words for the reader's prose: an optional ``vocabulary.csv`` in its folder of
files (``data/local/<council>/vocabulary.csv``), with the columns ``term``, ``use_instead`` and
``reason``, applied to the text of every page as the book is put together.

Young people in care have asked councils to drop words such as "placement" and "respite"; a council
that agrees lists them here. The words change only in the book's own prose: tables (which carry
DfE's official measure names), quoted titles, sources, code and link targets keep theirs. A row
whose ``use_instead`` is its ``term`` keeps a longer phrase whole (say "placement order", a legal
term) where a shorter term inside it would otherwise change. Matching ignores case, keeps a capital
first letter, and takes a plural "s" with it.

>>> vocab = Vocabulary.from_rows([("placement", "home", ""), ("respite", "short break", ""),
...                               ("placement order", "placement order", "a legal term")])
>>> vocab.apply("Placements were stable; respite helped.")
'Homes were stable; short break helped.'
>>> vocab.apply("A placement order, “Placement stability”.")
'A placement order, “Placement stability”.'
>>> vocab.apply("| Placement type | 68% |")
'| Placement type | 68% |'
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from sufficiency.core import paths
from sufficiency.core.errors import InputError
from sufficiency.core.files import read_csv

FILE_NAME = "vocabulary.csv"
COLUMNS = ("term", "use_instead", "reason")

#: Spans of a line that keep their words: inline code and roles, link targets, quoted titles,
#: generated file links, and a source note to the end of the line.
_PROTECTED = re.compile(
    r"(\{[a-z-]+\}`[^`]*`"          # a role: {doc}`...`, {download}`...`
    r"|`[^`]*`"                       # inline code
    r"|\]\([^)]*\)"                   # a link target
    r"|“[^”]*”|‘[^’]*’"               # quoted titles
    r"|\\?\"[^\"\n]*?\\?\""           # "quoted" (escaped or not)
    r"|_generated/\S*"                # a generated file
    r"|Sources?\\?:.*$)"              # a source note, to the end of the line
)
#: Lines that keep every word: table rows, fences, directive lines and their options.
_SKIPPED_LINE = re.compile(r"^\s*(\||```|:::|:[a-z-]+:|\{)")


@dataclass
class Vocabulary:
    """The council's chosen words: ``replacements`` maps a lower-case term to the words used instead."""

    replacements: dict[str, str] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_rows(cls, rows) -> "Vocabulary":
        vocab = cls()
        for term, instead, reason in rows:
            vocab.replacements[term.strip().lower()] = instead.strip()
            vocab.reasons[term.strip().lower()] = (reason or "").strip()
        return vocab

    def __bool__(self) -> bool:
        return bool(self.replacements)

    def chosen(self) -> list[tuple[str, str, str]]:
        """The words the council has chosen (term, word used instead, why), without the phrases kept whole."""
        return [(t, w, self.reasons.get(t, "")) for t, w in self.replacements.items() if t != w.lower()]

    def _pattern(self) -> re.Pattern:
        terms = sorted(self.replacements, key=len, reverse=True)   # the longest phrase wins
        alternatives = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in terms)
        return re.compile(rf"\b({alternatives})(s?)\b", re.IGNORECASE)

    def _replace_words(self, text: str, pattern: re.Pattern) -> str:
        def swap(match: re.Match) -> str:
            found, plural = match.group(1), match.group(2)
            instead = self.replacements[re.sub(r"\s+", " ", found.lower())]
            if instead.lower() == re.sub(r"\s+", " ", found.lower()):
                return match.group(0)                  # a phrase kept whole
            if found[0].isupper():
                instead = instead[0].upper() + instead[1:]
            return instead + plural
        return pattern.sub(swap, text)

    def apply(self, text: str) -> str:
        """``text`` (MyST Markdown) with the council's words in its prose (see the module's notes)."""
        if not self.replacements or not text:
            return text
        pattern = self._pattern()
        lines, fenced = [], False
        for line in text.split("\n"):
            if line.lstrip().startswith("```"):
                fenced = not fenced                     # code, raw LaTeX and directives in backticks
                lines.append(line)
                continue
            if fenced or _SKIPPED_LINE.match(line):
                lines.append(line)
                continue
            out, last = [], 0
            for span in _PROTECTED.finditer(line):
                out.append(self._replace_words(line[last:span.start()], pattern))
                out.append(span.group(0))
                last = span.end()
            out.append(self._replace_words(line[last:], pattern))
            lines.append("".join(out))
        return "\n".join(lines)


def vocabulary_file(council_slug: str, *, root: Path | None = None) -> Path:
    # Looked up at call time: a warm kernel may be pointed at another data folder after import.
    return (root or paths.DATA_LOCAL) / council_slug / FILE_NAME


def load_vocabulary(council_slug: str, *, root: Path | None = None) -> Vocabulary:
    """The council's vocabulary; empty when it has no ``vocabulary.csv`` (the file is optional).

    A file without the columns ``term`` and ``use_instead``, an empty cell in either, or a term
    listed twice stops the build with a message naming the file, the row and the column.
    """
    path = vocabulary_file(council_slug, root=root)
    if not council_slug or not path.is_file():
        return Vocabulary()
    frame = read_csv(path, required_columns=["term", "use_instead"])
    seen: dict[str, int] = {}
    rows = []
    for i, row in enumerate(frame.to_dict("records")):
        line = f"row {i + 2}"
        for column in ("term", "use_instead"):
            if not isinstance(row.get(column), str) or not row[column].strip():
                raise InputError(path, f"{line}, column '{column}'", "an empty cell",
                                 "a word or phrase" + (" (the term the council no longer uses)" if column == "term"
                                                        else " (the words to use instead; the term itself to keep "
                                                             "a phrase whole)"))
        term = row["term"].strip().lower()
        if term in seen:
            raise InputError(path, f"{line}, column 'term'", repr(row["term"]),
                             f"each term once (it is already on row {seen[term]})")
        seen[term] = i + 2
        reason = row.get("reason")
        rows.append((row["term"], row["use_instead"], reason if isinstance(reason, str) else ""))
    return Vocabulary.from_rows(rows)
