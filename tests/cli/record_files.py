"""The record files of a test catalog, as the CLI tests read them back."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from tests.helpers import DATA


def load(root: Path, record_id: str) -> dict[str, Any]:
    """papers/<record_id>.yaml as data."""
    text = (root / "papers" / f"{record_id}.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def snapshot(root: Path) -> dict[str, bytes]:
    """Every record file's bytes, by name: equal snapshots mean nothing was written."""
    return {path.name: path.read_bytes() for path in sorted((root / "papers").iterdir())}


def papers_in(root: Path) -> set[str]:
    """The names of the record files."""
    return {path.name for path in (root / "papers").iterdir()}


def generated_id(number: int) -> str:
    return f"2401.{number:05d}"


def generated_catalog(tmp_path: Path, count: int, *, dois: tuple[str, ...] = ()) -> Path:
    """A catalog of `count` preprints known only by arXiv id and title (no authors, venue),
    plus one record per DOI known only by DOI and title."""
    root = tmp_path / "generated"
    (root / "papers").mkdir(parents=True)
    shutil.copy(DATA / "mini" / "taxonomy.yaml", root / "taxonomy.yaml")
    for number in range(1, count + 1):
        record_id = f"gen{number:04d}"
        (root / "papers" / f"{record_id}.yaml").write_text(
            f'id: {record_id}\ntitle: "Generated paper {number}"\nyear: 2024\n'
            f'ids: {{arxiv: "{generated_id(number)}"}}\ntasks: [other]\n',
            encoding="utf-8",
        )
    for letter, doi in zip("abcdefgh", dois, strict=False):
        record_id = f"doi-{letter}"
        (root / "papers" / f"{record_id}.yaml").write_text(
            f'id: {record_id}\ntitle: "Published paper {letter}"\n'
            f"ids: {{doi: {doi}}}\ntasks: [other]\n",
            encoding="utf-8",
        )
    return root
