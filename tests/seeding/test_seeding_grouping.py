"""One record per work (medvlm.seeding.grouping): rows of one paper merge."""

from __future__ import annotations

from medvlm.importers.markdown import parse_markdown
from medvlm.models import Paper, Taxonomy
from medvlm.seeding import SeedResult, seed_rows
from tests.seeding.seedfixtures import (
    ADDED,
    FIRST,
    SECOND,
    after,
    by_title,
    seed,
)


def test_rows_become_one_record_per_work(taxonomy: Taxonomy) -> None:
    result = seed(taxonomy, "seed.md")
    report = result.report
    assert report.rows_read == 17
    assert report.created == 16
    assert report.merged_rows == 1  # the second Kiut row
    assert report.skipped == []
    papers = [record.paper for record in result.records]
    assert len({paper.id for paper in papers}) == len(papers) == 16
    assert all(paper.reviewed is False and paper.added == ADDED for paper in papers)
    assert all(paper.sources == [FIRST] for paper in papers)


def test_rows_of_one_paper_merge(taxonomy: Taxonomy) -> None:
    papers = [record.paper for record in seed(taxonomy, "seed.md").records]
    kiut = by_title(papers, "KiUT")
    assert kiut.title == "KiUT: Knowledge-Injected U-Transformer for Radiology Report Generation"
    assert kiut.tasks == ["report-generation", "vqa"]
    assert kiut.ids.arxiv == "2303.00001"
    # The CVF page names the venue; it wins over the arXiv preprint.
    assert (kiut.venue, kiut.year) == ("CVPR", 2023)
    assert kiut.links.paper is not None and kiut.links.paper.endswith("_paper.html")


PREPRINTS = """\
## Medical Report Generation
- [Phrase-Aware Decoding for Chest X-ray Report Generation](https://arxiv.org/abs/2503.00012)
- [Memory Networks for Radiology Report Generation](https://arxiv.org/abs/2401.00015)
- Memory networks for radiology report generation [[pdf](https://arxiv.org/pdf/2401.00015v2)]
"""
PUBLISHED = """\
## Medical VQA
- Phrase-aware decoding for chest X-ray report generation. [[paper](https://doi.org/10.1109/TMI.2025.0000012)]
- [Memory Networks for Radiology Report Generation](https://www.sciencedirect.com/science/article/pii/S1361841524000015) [MedIA 2024]
"""


def seed_text(taxonomy: Taxonomy, text: str, source: str, existing: list[Paper]) -> SeedResult:
    rows = parse_markdown(text).rows
    return seed_rows(rows, source=source, taxonomy=taxonomy, existing=existing, added=ADDED)


def test_one_record_per_work_within_and_across_lists(taxonomy: Taxonomy) -> None:
    """The preprint and its published version are one work when they share an id or their
    title, within a list, across lists and against the catalog."""
    first = seed_text(taxonomy, PREPRINTS, FIRST, [])
    assert first.report.created == 2  # two rows of one preprint (abs page, versioned PDF)
    catalog = after([], first)
    second = seed_text(taxonomy, PUBLISHED, SECOND, catalog)
    assert second.report.created == 0
    assert second.report.existing_matched == 2
    catalog = after(catalog, second)
    assert len(catalog) == 2
    decoding = by_title(catalog, "Phrase-Aware Decoding")
    assert (decoding.ids.arxiv, decoding.ids.doi) == ("2503.00012", "10.1109/tmi.2025.0000012")
    assert decoding.sources == [FIRST, SECOND]
    assert sorted(decoding.tasks) == ["report-generation", "vqa"]
    memory = by_title(catalog, "Memory Networks")
    assert memory.ids.arxiv == "2401.00015"
    assert (memory.venue, memory.year) == ("Medical Image Analysis", 2024)
    # Importing either list again finds nothing new.
    for text, source in ((PREPRINTS, FIRST), (PUBLISHED, SECOND)):
        assert seed_text(taxonomy, text, source, catalog).to_write == []
    # The other order gives the same works with the same terms.
    reverse = after([], seed_text(taxonomy, PUBLISHED, SECOND, []))
    reverse = after(reverse, seed_text(taxonomy, PREPRINTS, FIRST, reverse))
    assert len(reverse) == 2
    # The first task is the first list's (where the README lists the paper): sorted here.
    reversed_decoding = by_title(reverse, "Phrase-Aware Decoding")
    assert reversed_decoding.model_copy(update={"tasks": sorted(decoding.tasks)}) == (
        decoding.model_copy(update={"sources": [SECOND, FIRST], "tasks": sorted(decoding.tasks)})
    )
