"""The lists, constants and helpers the seeding tests share: synthetic lists in
tests/data/markdown, the real seed lists when they are present."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pytest

from medvlm.importers.markdown import ParsedList, parse_markdown
from medvlm.models import Paper, Taxonomy
from medvlm.seeding import SeedResult, seed_rows
from medvlm.taxonomy import load_taxonomy
from tests.helpers import DATA, REPO

MARKDOWN = DATA / "markdown"
ANCHORS = REPO.parent / "shared" / "anchors"
ADDED = dt.date(2026, 11, 22)
FIRST = "awesome-vlm-for-mia"
SECOND = "vlm-in-mia"
SEED_LISTS = (("awesome-vlm-for-mia.md", FIRST), ("vlm-in-mia.md", SECOND))


def real_taxonomy() -> Taxonomy:
    return load_taxonomy(REPO / "taxonomy.yaml")


def seed(
    taxonomy: Taxonomy, name: str, source: str = FIRST, existing: Sequence[Paper] = ()
) -> SeedResult:
    rows = parse_markdown((MARKDOWN / name).read_text(encoding="utf-8")).rows
    return seed_rows(rows, source=source, taxonomy=taxonomy, existing=existing, added=ADDED)


def after(existing: Sequence[Paper], result: SeedResult) -> list[Paper]:
    """The catalog once the result is written."""
    by_id = {paper.id: paper for paper in existing}
    for paper in result.to_write:
        by_id[paper.id] = paper
    return list(by_id.values())


def by_title(papers: Sequence[Paper], start: str) -> Paper:
    found = [paper for paper in papers if paper.title.startswith(start)]
    assert len(found) == 1, [paper.title for paper in papers]
    return found[0]


def record(taxonomy: Taxonomy, **data: Any) -> Paper:
    return Paper.model_validate(data, context={"taxonomy": taxonomy})


def anchor_list(name: str) -> ParsedList:
    path = ANCHORS / name
    if not path.exists():
        pytest.skip(f"seed list {path} not available")
    return parse_markdown(path.read_text(encoding="utf-8"))


def anchor_rows(name: str) -> list[Any]:
    return list(anchor_list(name).rows)
