"""The whole import (medvlm.seeding.seed_rows): unknown sources, rows that cannot be records,
reviews naming their list, idempotence, import order; the real seed lists and the committed
catalog when they are present."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import pytest

from medvlm.catalog import load_catalog
from medvlm.identifiers import title_key
from medvlm.importers.markdown import parse_markdown
from medvlm.links import canonicalise, clean_title
from medvlm.models import Paper, Taxonomy, max_year
from medvlm.scope.decisions import ScopeDecisions, load_decisions
from medvlm.seeding import SeedError, seed_rows
from medvlm.workkeys import work_keys
from tests.helpers import REPO
from tests.seeding.seedfixtures import (
    ADDED,
    FIRST,
    SECOND,
    SEED_LISTS,
    after,
    anchor_list,
    anchor_rows,
    record,
    seed,
)


def test_unknown_source(taxonomy: Taxonomy) -> None:
    with pytest.raises(SeedError, match="unknown source 'nope'; known sources: awesome-vlm"):
        seed(taxonomy, "seed.md", source="nope")


def test_a_row_that_cannot_be_a_record_is_skipped_with_the_field_and_reason(
    taxonomy: Taxonomy,
) -> None:
    text = (
        "# A list\n\n## Medical Report Generation\n"
        "| Index | Paper Names | PDF Link |\n|:----:|:----------|:-----------|\n"
        "| 1 | A Future Paper on Radiology Report Generation | [PDF](https://openaccess.thecvf"
        ".com/content/CVPR2099/papers/Huang_X_CVPR_2099_paper.pdf) |\n"
        "| 2 | A Present Paper on Radiology Report Generation | [PDF](https://openaccess.thecvf"
        ".com/content/CVPR2023/papers/Huang_Y_CVPR_2023_paper.pdf) |\n"
    )
    rows = parse_markdown(text).rows
    result = seed_rows(rows, source=FIRST, taxonomy=taxonomy, existing=[], added=ADDED)
    assert result.report.created == 1
    (note,) = result.report.skipped
    assert (note.line, note.title) == (6, "A Future Paper on Radiology Report Generation")
    assert note.message == (
        f"no valid record: year: must be between 1950 and {max_year()}, got 2099"
    )


def test_review_records_name_their_list(taxonomy: Taxonomy) -> None:
    review = record(
        taxonomy,
        id="lin2025taming",
        title="Taming Vision-Language Models for Medical Image Analysis: A Comprehensive Review",
        kind="survey",
        tasks=["classification"],
        reviewed=True,
    )
    result = seed(taxonomy, "seed.md", existing=[review])
    updated = next(r.paper for r in result.records if r.paper.id == "lin2025taming")
    assert updated.sources == [FIRST]
    assert updated.model_copy(update={"sources": []}) == review


def test_second_run_changes_nothing(taxonomy: Taxonomy) -> None:
    catalog: list[Paper] = []
    for name, source in (("seed.md", FIRST), ("seed-second.md", SECOND)):
        catalog = after(catalog, seed(taxonomy, name, source, catalog))
    for name, source in (("seed.md", FIRST), ("seed-second.md", SECOND)):
        again = seed(taxonomy, name, source, catalog)
        assert again.to_write == []
        assert again.report.created == 0
        assert again.report.existing_changed == 0


def test_import_order_does_not_change_the_records(taxonomy: Taxonomy) -> None:
    def run(order: Sequence[tuple[str, str]]) -> dict[str, dict[str, Any]]:
        catalog: list[Paper] = []
        for name, source in order:
            catalog = after(catalog, seed(taxonomy, name, source, catalog))
        records = {}
        for paper in catalog:
            data = paper.to_data()
            data.pop("id")
            data["sources"] = sorted(data["sources"])
            records[title_key(paper.title)] = data
        return records

    forward = run([("seed.md", FIRST), ("seed-second.md", SECOND)])
    backward = run([("seed-second.md", SECOND), ("seed.md", FIRST)])
    assert forward == backward


def row_keys(row: Any) -> list[tuple[str, str]]:
    """The identity keys of a row: its links' arXiv ids and DOIs, its cleaned title."""
    keys = []
    for url in row.paper_links:
        result = canonicalise(url)
        keys += work_keys(None, result.arxiv, result.doi)
    title = clean_title(row.title)[0] if row.title else row.model
    return [*keys, *work_keys(title, None, None)]


def paper_keys(paper: Paper) -> list[tuple[str, str]]:
    return work_keys(paper.title, paper.ids.arxiv, paper.ids.doi)


def test_seed_lists_give_one_record_per_distinct_paper(taxonomy: Taxonomy) -> None:
    catalog: list[Paper] = []
    for name, source in SEED_LISTS:
        rows = anchor_rows(name)
        result = seed_rows(rows, source=source, taxonomy=taxonomy, existing=catalog, added=ADDED)
        catalog = after(catalog, result)
    titles = {title_key(paper.title) for paper in catalog}
    assert len(titles) == len(catalog)
    for paper in catalog:
        assert Paper.model_validate(paper.to_data(), context={"taxonomy": taxonomy}) == paper
    with_year = sum(paper.year is not None for paper in catalog) / len(catalog)
    with_venue = sum(paper.venue is not None for paper in catalog) / len(catalog)
    assert with_venue >= 0.8
    assert with_year >= 0.8


def committed_decisions() -> ScopeDecisions:
    decisions, problems = load_decisions(REPO)
    assert problems == []
    return decisions


def test_committed_catalog_holds_every_paper_of_the_seed_lists() -> None:
    """Every row of both seed lists is exactly one record of papers/, or a work scope.yaml
    decides is out of scope (removed from the catalog); no record stores a signed or
    expiring URL, nor a library's repository as its code."""
    catalog = load_catalog(REPO)
    assert catalog.problems == []
    decisions = committed_decisions()
    owners: dict[tuple[str, str], str] = {}
    for paper in catalog.papers:
        for key in paper_keys(paper):
            owners[key] = paper.id
    for name, _ in SEED_LISTS:
        for row in anchor_rows(name):
            keys = row_keys(row)
            found = {owners[key] for key in keys if key in owners}
            decided = decisions.find(keys)
            if decided is not None and decided.decision.decision == "out":
                assert found == set(), (name, row.line, row.title, found)
            else:
                assert len(found) == 1, (name, row.line, row.title, found)
    text = "".join((REPO / "papers" / f"{paper.id}.yaml").read_text() for paper in catalog.papers)
    assert not re.search(r"X-Amz|Signature=|token=|Expires=|silverchair", text, re.IGNORECASE)
    assert "https://github.com/fxsjy/jieba" not in {p.links.code for p in catalog.papers}


def test_reimporting_the_seed_lists_changes_no_committed_record(taxonomy: Taxonomy) -> None:
    """Hand corrections and curation of imported records (a year filled, a wrong link
    removed, fields emptied that no source confirms) survive; works removed as out of scope
    do not come back."""
    catalog = load_catalog(REPO).papers
    decisions = committed_decisions()
    for name, source in SEED_LISTS:
        parsed = anchor_list(name)
        result = seed_rows(
            list(parsed.rows),
            source=source,
            taxonomy=taxonomy,
            existing=catalog,
            added=ADDED,
            scope=decisions,
            list_title=parsed.title,
        )
        changed = [r.paper.id for r in result.records if r.created or r.changed]
        assert changed == [], (name, changed)
        assert result.report.undecided == [], name
