"""New records and merging into records that exist, reviewed or not
(medvlm.seeding.records)."""

from __future__ import annotations

from medvlm.importers.markdown import parse_markdown
from medvlm.models import Taxonomy
from medvlm.seeding import seed_rows
from tests.seeding.seedfixtures import (
    ADDED,
    FIRST,
    SECOND,
    after,
    by_title,
    record,
    seed,
)


def test_suggested_terms_and_kind(taxonomy: Taxonomy) -> None:
    papers = [record.paper for record in seed(taxonomy, "seed.md").records]
    registration = by_title(papers, "Spatially Covariant Image Registration")
    assert registration.tasks == ["registration"]
    assert registration.strategies == ["prompt-learning"]
    bench = by_title(papers, "CXPMRG-Bench")
    assert bench.model == "CXPMRG-Bench"
    assert bench.kind in ("dataset", "benchmark")
    assert bench.modalities == ["xray"]
    assert by_title(papers, "Clip-lung").kind == "method"


def test_reviewed_records_only_get_empty_fields_and_the_source(taxonomy: Taxonomy) -> None:
    hand = record(
        taxonomy,
        id="zhao2023one",
        title="One Model to Rule Them All (hand-written title)",
        kind="foundation-model",
        model="SAT",
        domain="medical",
        ids={"arxiv": "2312.17183"},
        tasks=["segmentation"],
        sources=[SECOND],
        reviewed=True,
    )
    result = seed(taxonomy, "seed.md", existing=[hand])
    merged = next(r for r in result.records if r.paper.id == "zhao2023one")
    assert not merged.created and merged.changed
    paper = merged.paper
    assert paper.title == hand.title and paper.tasks == ["segmentation"]
    assert (paper.year, paper.venue) == (2023, "arXiv")  # were empty
    assert paper.links.paper == "https://arxiv.org/abs/2312.17183"
    assert paper.sources == [SECOND, FIRST]
    assert paper.strategies == [] and paper.modalities == []  # terms are a person's
    assert sum(1 for r in result.records if "Rule them All" in r.paper.title) == 0
    assert result.report.existing_matched == 1


def test_reviewed_records_keep_a_preprint_venue(taxonomy: Taxonomy) -> None:
    hand = record(
        taxonomy,
        id="vansonsbeek2023open",
        title="Open-ended medical visual question answering through prefix tuning of language models",
        year=2023,
        venue="arXiv",
        ids={"arxiv": "2303.05977"},
        links={"paper": "https://arxiv.org/abs/2303.05977"},
        tasks=["vqa"],
        reviewed=True,
    )
    result = seed(taxonomy, "seed-second.md", source=SECOND, existing=[hand])
    paper = next(r.paper for r in result.records if r.paper.id == hand.id)
    assert (paper.venue, paper.links.paper) == ("arXiv", "https://arxiv.org/abs/2303.05977")
    assert paper.ids.doi == "10.1007/978-3-031-43904-9_70"  # empty: filled
    assert paper.links.code == "https://github.com/tjvsonsbeek/open-ended-medical-vqa"
    assert paper.title == hand.title


def test_unreviewed_records_take_the_published_version(taxonomy: Taxonomy) -> None:
    first = after([], seed(taxonomy, "seed.md"))
    preprint = by_title(first, "Open-ended medical visual question answering")
    assert (preprint.venue, preprint.year) == ("arXiv", 2023)
    result = seed(taxonomy, "seed-second.md", source=SECOND, existing=first)
    both = after(first, result)
    paper = by_title(both, "Open-Ended Medical Visual Question Answering")
    assert paper.id == preprint.id  # never renamed
    assert (paper.venue, paper.year) == ("MICCAI", 2023)
    assert paper.links.paper == "https://link.springer.com/chapter/10.1007/978-3-031-43904-9_70"
    assert (paper.ids.arxiv, paper.ids.doi) == ("2303.05977", "10.1007/978-3-031-43904-9_70")
    assert paper.sources == [FIRST, SECOND]
    lung = by_title(both, "Clip-lung")
    assert lung.title == "Clip-lung: Textual Knowledge-Guided Lung Nodule Malignancy Prediction"
    assert lung.tasks == ["classification"]


def test_curated_records_only_gain_the_source(taxonomy: Taxonomy) -> None:
    """A record with evidence was checked against primary sources: a list is a pointer to the
    paper, not evidence for its facts, so the import fills and replaces nothing."""
    curated = record(
        taxonomy,
        id="zhao2023one",
        title="One Model to Rule them All: Towards Universal Segmentation for Medical Images "
        "with Text Prompts",
        kind="method",
        ids={"arxiv": "2312.17183"},
        tasks=["segmentation"],
        evidence=["https://arxiv.org/abs/2312.17183"],
        sources=[SECOND],
        reviewed=False,  # even unreviewed: its evidence is what counts
    )
    result = seed(taxonomy, "seed.md", existing=[curated])
    merged = next(r for r in result.records if r.paper.id == "zhao2023one")
    # The list gives a year, venue, paper link, model and domain: none is taken.
    assert merged.paper == curated.model_copy(update={"sources": [SECOND, FIRST]})
    # An uncurated record of the same rows takes them (today's fill-empty behaviour).
    plain = curated.model_copy(update={"evidence": []})
    records = seed(taxonomy, "seed.md", existing=[plain]).records
    filled = next(r for r in records if r.paper.id == "zhao2023one")
    assert (filled.paper.year, filled.paper.links.paper) == (
        2023,
        "https://arxiv.org/abs/2312.17183",
    )


def test_a_second_import_does_not_reorder_tasks(taxonomy: Taxonomy) -> None:
    """Tasks that equal the title's task keywords are not taken for a guess: taking them so
    would put the list's task first on the next import, and again on the one after."""
    text = (
        "## Pre-training\n"
        "- [CT-Grounded: Grounded Language-Image Pretraining with CT Scans and Reports]"
        "(https://arxiv.org/abs/2404.00091)\n"
    )
    named = record(
        taxonomy,
        id="ct2024",
        title="CT-Grounded: Grounded Language-Image Pretraining with CT Scans and Reports",
        kind="method",
        ids={"arxiv": "2404.00091"},
        tasks=["detection"],  # named by another list's heading
    )
    rows = parse_markdown(text).rows
    once = seed_rows(rows, source=FIRST, taxonomy=taxonomy, existing=[named], added=ADDED)
    first = once.records[0].paper
    assert first.tasks == ["detection", "representation-learning"]
    twice = seed_rows(rows, source=FIRST, taxonomy=taxonomy, existing=[first], added=ADDED)
    assert twice.to_write == []
