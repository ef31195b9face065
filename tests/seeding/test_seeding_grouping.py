"""One record per work (medvlm.seeding.grouping): rows of one paper merge."""

from __future__ import annotations

from medvlm.models import Taxonomy
from tests.seeding.seedfixtures import (
    ADDED,
    FIRST,
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
