"""An edition of the book: which council, which year, which data, and where it is built."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sufficiency.core.paths import BOOK, BUILD
from sufficiency.data.councils import neighbour_model_for


@dataclass
class Edition:
    """The parameters that define one edition of the book."""

    la_code: str
    la_name: str
    year: int
    out: Path
    sn_model: str | None = None     # None: the model in use at the edition's year (never a later one)
    episodes: Path | None = None
    council_slug: str = ""
    strict: bool = False            # with an extract: stop at any broken DfE rule instead of repairing

    def __post_init__(self) -> None:
        if self.sn_model is None:
            self.sn_model = neighbour_model_for(self.year)

    @property
    def key(self) -> str:
        return f"{self.la_code}-{self.year}" + ("-episodes" if self.episodes else "")

    @property
    def source_dir(self) -> Path:
        """The Sphinx source folder the executed pages are staged in: ``book/`` for the default
        output folder; for any other ``--out``, a folder of its own beside it, so editions built
        side by side (another council, a record-level demonstration) never mix their pages."""
        if self.out.resolve() == BUILD.resolve():
            return BOOK
        return self.out.resolve() / ".source"

    def notebook_params(self) -> dict:
        return {
            "la_code": self.la_code,
            "year": self.year,
            "sn_model": self.sn_model,
            "episodes_dir": str(self.episodes) if self.episodes else "",
        }
