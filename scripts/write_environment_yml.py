"""Write environment.yml (for conda users) from requirements.lock, so the two always agree.

Run by `make lock`; tests/test_environment.py checks the two files match.
"""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def locked_pins(lock_text: str) -> list[str]:
    """The `name==version` lines of a pip-compile style lock, in file order."""
    return [line.strip() for line in lock_text.splitlines()
            if re.match(r"^[A-Za-z0-9_.\-\[\]]+==\S+", line.strip())]


def render(pins: list[str]) -> str:
    lines = [
        "# Generated from requirements.lock by scripts/write_environment_yml.py (make lock). Do not edit.",
        "name: sufficiency",
        "channels:",
        "  - conda-forge",
        "dependencies:",
        "  - python=3.11",
        "  - pip",
        "  - pip:",
        *[f"      - {pin}" for pin in pins],
        "      - -e .",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    pins = locked_pins((ROOT / "requirements.lock").read_text())
    (ROOT / "environment.yml").write_text(render(pins))
    print(f"environment.yml: {len(pins)} pinned packages")
