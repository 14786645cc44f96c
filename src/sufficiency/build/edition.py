"""An edition of the book: which council (or group of councils), which year, which data, and where
it is built.

A council's edition has ``la_code``; a regional edition (``sufficiency build --group`` or
``--councils``) has ``members``, the DfE codes of the group's councils in the edition's year, and
``group``, the group's slug (empty for an ad hoc group named only by its members).

>>> Edition("209", "Lewisham", 2025, Path("_build")).key
'209-2025'
>>> regional = Edition("", "London", 2025, Path("_build/regions/london"), group="london",
...                    members=("202", "209"))
>>> regional.key, regional.notebook_params()["members"]
('group-london-2025', '202,209')
>>> Edition("", "Three councils", 2024, Path("x"), members=("210", "203", "209")).key
'group-councils-203-209-210-2024'
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sufficiency.core.paths import BOOK, BUILD
from sufficiency.data.councils import neighbour_model_for


@dataclass
class Edition:
    """The parameters that define one edition of the book."""

    la_code: str
    la_name: str                    # the council's name; a regional edition's group name
    year: int
    out: Path
    sn_model: str | None = None     # None: the model in use at the edition's year (never a later one)
    episodes: Path | None = None
    council_slug: str = ""
    strict: bool = False            # with an extract: stop at any broken DfE rule instead of repairing
    group: str = ""                 # a regional edition: the group's slug ('' for an ad hoc group)
    members: tuple[str, ...] = ()   # a regional edition: its councils' DfE codes in the edition's year

    def __post_init__(self) -> None:
        if self.sn_model is None:
            self.sn_model = neighbour_model_for(self.year)
        self.members = tuple(self.members)

    @property
    def is_group(self) -> bool:
        return bool(self.members)

    @property
    def group_slug(self) -> str:
        """The group's slug; an ad hoc group is named by its members' codes, in order (as
        :func:`sufficiency.data.groups.resolve` names it)."""
        return self.group or "councils-" + "-".join(sorted(self.members))

    @property
    def key(self) -> str:
        if self.is_group:
            return f"group-{self.group_slug}-{self.year}"
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
        if self.is_group:
            return {"group": self.group, "members": ",".join(self.members), "year": self.year,
                    "sn_model": self.sn_model}
        return {
            "la_code": self.la_code,
            "year": self.year,
            "sn_model": self.sn_model,
            "episodes_dir": str(self.episodes) if self.episodes else "",
        }
