"""The record files of a test catalog, as the CLI tests read them back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


def load(root: Path, record_id: str) -> dict[str, Any]:
    """papers/<record_id>.yaml as data."""
    text = (root / "papers" / f"{record_id}.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def snapshot(root: Path) -> dict[str, bytes]:
    """Every record file's bytes, by name: equal snapshots mean nothing was written."""
    return {path.name: path.read_bytes() for path in sorted((root / "papers").iterdir())}
