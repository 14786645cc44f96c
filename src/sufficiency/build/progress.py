"""What a build tells its user: progress lines, the report of what ran, and the error that stops it."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sufficiency.core.paths import PROJECT_ROOT


class BuildError(Exception):
    """A build step failed; the message says which and where to look."""


@dataclass
class BuildReport:
    executed: list[str] = field(default_factory=list)
    cached: list[str] = field(default_factory=list)
    html: Path | None = None
    pdf: Path | None = None
    pdf_skipped_reason: str | None = None
    seconds: dict = field(default_factory=dict)


def say(message: str) -> None:
    print(message, flush=True)


def short(path: Path) -> str:
    """A path relative to the project when it is inside it."""
    path = Path(path)
    return str(path.relative_to(PROJECT_ROOT)) if path.is_relative_to(PROJECT_ROOT) else str(path)
