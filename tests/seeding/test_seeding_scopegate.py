"""The scope rule at import (medvlm.seeding.scopegate): new works are written when a decision
says `in` or their title and headings show medical images with language; works decided `out`
are excluded and the others held back for a decision, all reported."""

from __future__ import annotations

from medvlm.importers.markdown import parse_markdown
from medvlm.importers.report import Candidate
from medvlm.models import Paper, Taxonomy
from medvlm.scope.decisions import Decided, Decision, ScopeDecisions
from medvlm.seeding import SeedResult, seed_rows
from tests.seeding.seedfixtures import ADDED, FIRST, MARKDOWN, record


def decided(title: str, decision: str, line: int, **ids: str) -> Decided:
    data = {
        "title": title,
        "ids": ids,
        "decision": decision,
        "reason": "checked by hand",
        "evidence": ["https://example.org/evidence"],
    }
    return Decided(Decision.model_validate(data), line)


def seed_under_scope(
    taxonomy: Taxonomy, name: str, decisions: list[Decided], existing: list[Paper] | None = None
) -> SeedResult:
    parsed = parse_markdown((MARKDOWN / name).read_text(encoding="utf-8"))
    return seed_rows(
        parsed.rows,
        source=FIRST,
        taxonomy=taxonomy,
        existing=existing or [],
        added=ADDED,
        scope=ScopeDecisions(decisions),
        list_title=parsed.title,
    )


def titles(result: SeedResult) -> list[str]:
    return [record.paper.title for record in result.records if record.created]


def test_works_without_a_signal_wait_for_a_decision(taxonomy: Taxonomy) -> None:
    result = seed_under_scope(taxonomy, "reasoning.md", [])
    # The section "Multimodal Reasoning" speaks for its entries; the training section does
    # not, and the title names no medical images.
    assert titles(result) == [
        "Step-by-Step Rationales for Fundus Photograph Questions",
        "Grounded Reasoning over Ultrasound Videos",
        "Slide-Level Chain of Thought for Gigapixel Images",
    ]
    assert result.report.undecided == [
        Candidate(
            25,
            "Reward Shaping for Clinical Dialogue Agents",
            "2508.00034",
            None,
            "no medical-image word in the title or section headings",
        )
    ]
    assert result.report.excluded == []


def test_decisions_admit_and_exclude(taxonomy: Taxonomy) -> None:
    decisions = [
        decided("Reward Shaping for Clinical Dialogue Agents", "in", 2),
        # Found by its arXiv id although the list writes another title.
        decided("Another Title", "out", 8, arxiv="2506.00032"),
    ]
    result = seed_under_scope(taxonomy, "reasoning.md", decisions)
    assert "Reward Shaping for Clinical Dialogue Agents" in titles(result)
    assert "Grounded Reasoning over Ultrasound Videos" not in titles(result)
    assert result.report.undecided == []
    assert result.report.excluded == [
        Candidate(
            15,
            "Grounded Reasoning over Ultrasound Videos",
            "2506.00032",
            None,
            "scope.yaml:8: out of scope: checked by hand",
        )
    ]


def test_only_the_title_speaks_for_a_natural_domain_model(taxonomy: Taxonomy) -> None:
    result = seed_under_scope(taxonomy, "tables.md", [])
    natural = {c.title: c.why for c in result.report.undecided}
    assert natural["Learning visual models from captions at scale"] == (
        "no medical-image word in the title (the list marks it natural-domain)"
    )
    # The list says natural, the title names medical images: medical, judged with its
    # headings (which name no language either).
    assert natural["A Foundation Model for Chest X-ray Interpretation"] == (
        "no language word in the title or section headings"
    )


def test_records_already_in_the_catalog_are_never_held_back(taxonomy: Taxonomy) -> None:
    existing = record(
        taxonomy,
        id="reward2025",
        title="Reward Shaping for Clinical Dialogue Agents",
        kind="method",
        tasks=["other"],
    )
    result = seed_under_scope(taxonomy, "reasoning.md", [], [existing])
    assert result.report.undecided == []
    merged = next(r for r in result.records if r.paper.id == "reward2025")
    assert merged.paper.sources == [FIRST]


def test_a_name_standing_in_for_the_title_waits_for_a_look_up(taxonomy: Taxonomy) -> None:
    result = seed_under_scope(taxonomy, "htmltables.md", [])
    undecided = {c.title: c.why for c in result.report.undecided}
    assert undecided["StainSet"] == "no paper title in the list, only the name 'StainSet'"
    # A dataset row citing a paper another row titles is that paper.
    assert "SlideTalk-QA" not in undecided
    assert "SlideTalk: Conversations about Whole-Slide Images" in titles(result)
    # Omics under "Biomedical MLLMs": the title alone speaks, and names no medical images.
    assert "Chatting with Single-Cell Expression Profiles" in undecided
