"""The synthetic list fixtures (tests/data/markdown) and the seed lists, as the tests of the
list parser read them."""

from __future__ import annotations

import pytest

from medvlm.importers.markdown import Row, parse_markdown
from tests.helpers import DATA, REPO

MARKDOWN = DATA / "markdown"
ANCHORS = REPO.parent / "shared" / "anchors"


def rows_of(name: str) -> dict[str, Row]:
    parsed = parse_markdown((MARKDOWN / name).read_text(encoding="utf-8"))
    return {row.title or f"model:{row.model}": row for row in parsed.rows}


def read_anchor(name: str) -> str:
    path = ANCHORS / name
    if not path.exists():
        pytest.skip(f"seed list {path} not available")
    return path.read_text(encoding="utf-8")
