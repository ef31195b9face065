"""Plain helpers shared by tests (fixtures live in conftest.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@dataclass
class Result:
    """What a `medvlm` run returned and printed."""

    code: int
    out: str
    err: str


def write_record(root: Path, name: str, text: str) -> Path:
    """Write a record file verbatim (bad input included)."""
    path = root / "papers" / name
    path.write_text(text, encoding="utf-8")
    return path
