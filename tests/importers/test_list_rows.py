"""One row of a list as record fields (medvlm.importers.rows): model names standing in for
titles, task columns, links (signed, not repositories), cleaned titles; through `seed_rows`,
which reports what rows say."""

from __future__ import annotations

import re

import pytest

from medvlm.models import Taxonomy
from medvlm.writer import dump_record
from tests.seeding.seedfixtures import (
    SECOND,
    by_title,
    real_taxonomy,
    seed,
)


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return real_taxonomy()


def test_model_without_title_keeps_the_model_as_title(taxonomy: Taxonomy) -> None:
    result = seed(taxonomy, "seed.md")
    papers = [record.paper for record in result.records]
    openclip = by_title(papers, "OpenCLIP")
    assert openclip.model is None  # not repeated
    assert openclip.ids.doi == "10.5281/zenodo.5143773"
    assert (openclip.venue, openclip.year) == ("Zenodo", 2021)
    # An aggregator's page is replaced by the DOI it names.
    assert openclip.links.paper == "https://doi.org/10.5281/zenodo.5143773"
    model_titles = [(note.line, note.title) for note in result.report.model_titles]
    assert model_titles == [(8, "OpenCLIP"), (9, "GPT 4V")]
    # A model with neither paper title nor link is kept too, titled by its name.
    gpt4v = by_title(papers, "GPT 4V")
    assert (gpt4v.kind, gpt4v.domain, gpt4v.links.paper) == ("foundation-model", "natural", None)


def test_task_column_wins_over_the_heading(taxonomy: Taxonomy) -> None:
    result = seed(taxonomy, "tables.md")
    papers = [record.paper for record in result.records]
    assert by_title(papers, "Ultrasound Super-Resolution").tasks == ["super-resolution"]
    assert by_title(papers, "Zero-Shot Lesion Detection").tasks == ["detection"]
    # A task column naming no term falls back to the heading, and is reported.
    assert by_title(papers, "Image Quality Scoring").tasks == ["other"]
    assert [note.line for note in result.report.notes] == [25]
    assert 25 in [note.line for note in result.report.other]


def test_signed_links_are_never_stored(taxonomy: Taxonomy) -> None:
    result = seed(taxonomy, "seed.md")
    papers = [record.paper for record in result.records]
    flair = by_title(papers, "A Foundation Language-Image Model of the Retina")
    assert flair.links.paper == (
        "https://www.sciencedirect.com/science/article/pii/S1361841524002822"
    )
    assert (flair.venue, flair.year) == ("Medical Image Analysis", 2024)
    harnessing = by_title(papers, "Harnessing the potential")
    assert harnessing.links.paper is None and harnessing.links.pdf is None
    report = result.report
    assert report.rule_counts["signed-stripped"] == 1
    assert report.rule_counts["signed-dropped"] == 1
    assert [note.line for note in report.dropped] == [27]
    text = "".join(dump_record(paper) for paper in papers)
    assert not re.search(r"X-Amz|Signature=|token=|Expires=|silverchair", text, re.IGNORECASE)


def test_titles_are_cleaned(taxonomy: Taxonomy) -> None:
    papers = [record.paper for record in seed(taxonomy, "seed.md").records]
    lung = by_title(papers, "Clip-lung")
    assert lung.title == "Clip-lung: Textual knowledge-guided lung nodule malignancy prediction"
    assert (lung.venue, lung.year) == ("MICCAI", 2023)  # venue from the citation, year arXiv's
    bench = by_title(papers, "CXPMRG-Bench")
    assert "Report Generation on" in bench.title  # double space collapsed
    shouting = by_title(papers, "Contrastive Language Prompting")
    assert shouting.title.endswith("in Medical Anomaly Detection")


def test_code_links_that_are_not_repositories(taxonomy: Taxonomy) -> None:
    papers = [record.paper for record in seed(taxonomy, "seed-second.md", source=SECOND).records]
    assert by_title(papers, "Multiple Prompt Fusion").links.code is None  # github.com/vios-s
    unichest = by_title(papers, "UniChest")
    assert unichest.links.code is None
    assert unichest.links.project == "https://sites.google.com/view/unichest"
    assert by_title(papers, "Clip-lung").links.code == "https://github.com/example/cliplung"
