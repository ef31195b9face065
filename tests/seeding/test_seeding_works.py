"""What the rows of one work say (medvlm.seeding.works): page stability, the kind, model,
domain and tasks of a foundation-model table, tasks nothing names, venues from tags and DOIs."""

from __future__ import annotations

from medvlm.models import Taxonomy
from medvlm.seeding import page_rank
from tests.seeding.seedfixtures import (
    by_title,
    seed,
)


def test_page_rank_prefers_the_version_of_record() -> None:
    ranked = sorted(
        [
            "https://www.researchgate.net/publication/1_X",
            "https://arxiv.org/abs/2303.00001",
            "https://ieeexplore.ieee.org/document/10000001",
            "https://link.springer.com/chapter/10.1007/978-3-031-43904-9_70",
            "https://pmc.ncbi.nlm.nih.gov/articles/PMC10120542/",
        ],
        key=page_rank,
    )
    assert ranked[0].startswith("https://link.springer.com/")
    assert ranked[1].startswith("https://ieeexplore")
    assert ranked[-1].startswith("https://www.researchgate")


def test_foundation_model_table(taxonomy: Taxonomy) -> None:
    papers = [record.paper for record in seed(taxonomy, "seed.md").records]
    clip = by_title(papers, "Learning Transferable Visual Models")
    assert (clip.kind, clip.model, clip.domain) == ("foundation-model", "CLIP", "natural")
    assert (clip.venue, clip.year) == ("ICML", 2021)
    assert clip.links.paper == "https://proceedings.mlr.press/v139/radford21a.html"
    assert clip.tasks == ["multi-task"]  # no task keyword in the title
    unichest = by_title(papers, "UniChest")
    assert unichest.model == "UniChest"  # "Unichest" in the list; the title has the capitals
    assert unichest.tasks == ["classification"]  # from the title's keywords


def test_natural_model_of_medical_images_is_medical(taxonomy: Taxonomy) -> None:
    result = seed(taxonomy, "tables.md")
    papers = [record.paper for record in result.records]
    assert by_title(papers, "A Foundation Model for Chest X-ray").domain == "medical"
    assert by_title(papers, "Learning visual models from captions").domain == "natural"
    assert any("title names medical images" in note.message for note in result.report.fixes)


def test_sections_that_map_to_nothing_go_to_other(taxonomy: Taxonomy) -> None:
    result = seed(taxonomy, "seed.md")
    papers = [record.paper for record in result.records]
    assert by_title(papers, "A Gentle Introduction").tasks == ["other"]
    assert [(note.line, note.title) for note in result.report.other] == [
        (46, "A Gentle Introduction to Vision-Language Models for Clinicians")
    ]


def test_bullet_tags_and_dois_give_venues(taxonomy: Taxonomy) -> None:
    result = seed(taxonomy, "bullets.md")
    papers = [record.paper for record in result.records]
    memory = by_title(papers, "Report Generation with Memory Tokens")
    assert (memory.venue, memory.year) == ("MICCAI", 2024)  # the tag, not arXiv
    assert memory.links.code == "https://github.com/example/memrg"
    assert (by_title(papers, "Grounded Reports").venue, 2024) == ("CVPR", 2024)
    graphs = by_title(papers, "Knowledge Graphs for Radiology Reports")
    assert (graphs.venue, graphs.year) == ("Medical Image Analysis", 2024)
    assert graphs.ids.doi == "10.1016/j.media.2024.103001"
    assert (by_title(papers, "Answering Questions").venue, 2023) == ("TMI", 2023)
    assert by_title(papers, "Asking Endoscopes").venue == "MIDL"
    # A related list is not a paper.
    assert not any(paper.title.startswith("Awesome Medical Imaging") for paper in papers)
