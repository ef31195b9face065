"""One row of a list as record fields (medvlm.importers.rows): model names standing in for
titles, task columns, links (signed, not repositories), cleaned titles; through `seed_rows`,
which reports what rows say."""

from __future__ import annotations

import re

import pytest

from medvlm.importers.markdown import parse_markdown
from medvlm.models import Paper, Taxonomy
from medvlm.seeding import seed_rows
from medvlm.writer import dump_record
from tests.seeding.seedfixtures import (
    ADDED,
    MARKDOWN,
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


def list_records(taxonomy: Taxonomy, name: str) -> list[Paper]:
    parsed = parse_markdown((MARKDOWN / name).read_text(encoding="utf-8"))
    result = seed_rows(
        parsed.rows,
        source=SECOND,
        taxonomy=taxonomy,
        existing=[],
        added=ADDED,
        list_title=parsed.title,
    )
    return [record.paper for record in result.records]


def test_headings_name_kinds_strategies_and_modalities(taxonomy: Taxonomy) -> None:
    papers = list_records(taxonomy, "badgetables.md")
    derm = by_title(papers, "A Language-Image Model for Dermoscopy")
    # "Contrastive / Dual-Encoder" is an alias of pretraining; the list's title names the
    # modality of every entry.
    assert derm.strategies == ["pretraining"]
    assert derm.modalities == ["dermatology"]
    skintalk = by_title(papers, "SkinTalk")
    assert skintalk.strategies[0] == "pretraining"
    assert "instruction-tuning" in skintalk.strategies  # "Instruction-Tuned" in the title
    # "Datasets and Benchmarks" names a kind by its keywords; the dataset row citing
    # DermCLIP's paper is that paper.
    assert by_title(papers, "SkinAtlas").kind == "dataset"
    assert len(papers) == 3
    htmls = list_records(taxonomy, "htmltables.md")
    assert by_title(htmls, "SlideTalk").modalities == ["pathology"]  # "Pathology LLMs"
    # "Methods of Biomedical MLLMs": "biomedical" names no modality in a heading.
    assert by_title(htmls, "Chatting with Single-Cell").modalities == []


def test_sections_name_tasks_and_kinds(taxonomy: Taxonomy) -> None:
    papers = list_records(taxonomy, "groups.md")
    # A heading naming a kind; tasks from the title, else the list's title ("Awesome
    # Radiology Report Generation"), never the list's title's kind.
    assert by_title(papers, "RadTalk").kind == "foundation-model"  # "Generalist Models"
    assert by_title(papers, "RadTalk").tasks == ["multi-task"]
    counting = by_title(papers, "Counting Nodules")
    assert (counting.kind, counting.tasks) == ("method", ["report-generation"])
    assert by_title(papers, "A Review of Chest Radiograph").kind == "survey"
    assert by_title(papers, "A Corpus of Chest Radiographs").kind == "dataset"
    assert by_title(papers, "Scoring Generated Radiology Reports").kind == "evaluation"
    # Bold group lines give the venue and year.
    decoding = by_title(papers, "Phrase-Aware Decoding")
    assert (decoding.venue, decoding.year) == ("CVPR", 2025)
    clip = list_records(taxonomy, "paragraphs.md")
    onto = by_title(clip, "Ontology-Guided")
    # "Pre-training" names the task and the strategy; "Knowledge-enhanced" a strategy.
    assert onto.tasks == ["representation-learning"]
    assert onto.strategies[:2] == ["knowledge-augmented", "pretraining"]
