"""Seeding records from list rows: one record per work, links, inference, suggestions, merging
into existing records (reviewed or not), idempotence, and the report. Synthetic lists in
tests/data/markdown; the real seed lists and the committed catalog when they are present."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

import pytest

from medvlm.catalog import load_catalog
from medvlm.identifiers import title_key
from medvlm.importers.markdown import parse_markdown
from medvlm.links import canonicalise, clean_title
from medvlm.models import Paper, Taxonomy, max_year
from medvlm.seeding import (
    SeedError,
    SeedResult,
    case_from_page_name,
    page_rank,
    seed_rows,
    title_case,
)
from medvlm.taxonomy import load_taxonomy
from medvlm.writer import dump_record
from tests.helpers import DATA, REPO

MARKDOWN = DATA / "markdown"
ANCHORS = REPO.parent / "shared" / "anchors"
ADDED = dt.date(2026, 11, 22)
FIRST = "awesome-vlm-for-mia"
SECOND = "vlm-in-mia"


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
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


# --- small pure helpers ---------------------------------------------------------------------


def test_case_from_page_name() -> None:
    cvf = (
        "https://openaccess.thecvf.com/content/CVPR2023/html/Huang_KiUT_Knowledge-Injected_"
        "U-Transformer_for_Radiology_Report_Generation_CVPR_2023_paper.html"
    )
    title = "Kiut: Knowledge-injected u-transformer for radiology report generation"
    assert case_from_page_name(title, [cvf]) == (
        "KiUT: Knowledge-Injected U-Transformer for Radiology Report Generation"
    )
    assert case_from_page_name(title, ["https://arxiv.org/abs/2303.00001"]) == title


def test_title_case_of_shouting_titles() -> None:
    assert title_case("3D-MIR: A BENCHMARK & EMPIRICAL STUDY ON 3D MEDICAL IMAGE RETRIEVAL") == (
        "3D-MIR: A Benchmark & Empirical Study on 3D Medical Image Retrieval"
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


def test_unknown_source(taxonomy: Taxonomy) -> None:
    with pytest.raises(SeedError, match="unknown source 'nope'; known sources: awesome-vlm"):
        seed(taxonomy, "seed.md", source="nope")


# --- rows to records ------------------------------------------------------------------------


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


def test_natural_model_of_medical_images_is_medical(taxonomy: Taxonomy) -> None:
    result = seed(taxonomy, "tables.md")
    papers = [record.paper for record in result.records]
    assert by_title(papers, "A Foundation Model for Chest X-ray").domain == "medical"
    assert by_title(papers, "Learning visual models from captions").domain == "natural"
    assert any("title names medical images" in note.message for note in result.report.fixes)


def test_task_column_wins_over_the_heading(taxonomy: Taxonomy) -> None:
    result = seed(taxonomy, "tables.md")
    papers = [record.paper for record in result.records]
    assert by_title(papers, "Ultrasound Super-Resolution").tasks == ["super-resolution"]
    assert by_title(papers, "Zero-Shot Lesion Detection").tasks == ["detection"]
    # A task column naming no term falls back to the heading, and is reported.
    assert by_title(papers, "Image Quality Scoring").tasks == ["other"]
    assert [note.line for note in result.report.notes] == [25]
    assert 25 in [note.line for note in result.report.other]


def test_sections_that_map_to_nothing_go_to_other(taxonomy: Taxonomy) -> None:
    result = seed(taxonomy, "seed.md")
    papers = [record.paper for record in result.records]
    assert by_title(papers, "A Gentle Introduction").tasks == ["other"]
    assert [(note.line, note.title) for note in result.report.other] == [
        (46, "A Gentle Introduction to Vision-Language Models for Clinicians")
    ]


def test_rows_of_one_paper_merge(taxonomy: Taxonomy) -> None:
    papers = [record.paper for record in seed(taxonomy, "seed.md").records]
    kiut = by_title(papers, "KiUT")
    assert kiut.title == "KiUT: Knowledge-Injected U-Transformer for Radiology Report Generation"
    assert kiut.tasks == ["report-generation", "vqa"]
    assert kiut.ids.arxiv == "2303.00001"
    # The CVF page names the venue; it wins over the arXiv preprint.
    assert (kiut.venue, kiut.year) == ("CVPR", 2023)
    assert kiut.links.paper is not None and kiut.links.paper.endswith("_paper.html")


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
    assert by_title(papers, "Awesome Medical Imaging").tasks == ["other"]


# --- links that belong to another paper, code links -----------------------------------------


def test_links_copied_from_another_row_are_dropped(taxonomy: Taxonomy) -> None:
    result = seed(taxonomy, "seed-second.md", source=SECOND)
    papers = [record.paper for record in result.records]
    medsyn = by_title(papers, "Medsyn")
    assert medsyn.links.paper == "https://ieeexplore.ieee.org/document/10566053"
    assert medsyn.links.code == "https://github.com/batmanlab/MedSyn"
    copy = by_title(papers, "Diffusion-based data augmentation")
    assert copy.links.paper is None and copy.links.code is None
    fixed = [note.message for note in result.report.fixes if note.line == 8]
    assert len(fixed) == 2


def test_code_links_that_are_not_repositories(taxonomy: Taxonomy) -> None:
    papers = [record.paper for record in seed(taxonomy, "seed-second.md", source=SECOND).records]
    assert by_title(papers, "Multiple Prompt Fusion").links.code is None  # github.com/vios-s
    unichest = by_title(papers, "UniChest")
    assert unichest.links.code is None
    assert unichest.links.project == "https://sites.google.com/view/unichest"
    assert by_title(papers, "Clip-lung").links.code == "https://github.com/example/cliplung"


# --- merging into the catalog ---------------------------------------------------------------


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


# --- the seed lists and the committed catalog -----------------------------------------------


def anchor_rows(name: str) -> list[Any]:
    path = ANCHORS / name
    if not path.exists():
        pytest.skip(f"seed list {path} not available")
    return list(parse_markdown(path.read_text(encoding="utf-8")).rows)


SEED_LISTS = (("awesome-vlm-for-mia.md", FIRST), ("vlm-in-mia.md", SECOND))


def row_keys(row: Any) -> list[tuple[str, str]]:
    """The identity keys of a row: its links' arXiv ids and DOIs, its cleaned title."""
    keys = []
    for url in row.paper_links:
        result = canonicalise(url)
        keys += [("arxiv", result.arxiv)] if result.arxiv else []
        keys += [("doi", result.doi)] if result.doi else []
    title = clean_title(row.title)[0] if row.title else row.model
    return [*keys, ("title", title_key(title))]


def paper_keys(paper: Paper) -> list[tuple[str, str]]:
    keys = [("title", title_key(paper.title))]
    keys += [("arxiv", paper.ids.arxiv)] if paper.ids.arxiv else []
    return keys + ([("doi", paper.ids.doi)] if paper.ids.doi else [])


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


def test_committed_catalog_holds_every_paper_of_the_seed_lists() -> None:
    """Every row of both seed lists (but model names without title or link) is exactly one
    record of papers/, and no record stores a signed or expiring URL."""
    catalog = load_catalog(REPO)
    assert catalog.problems == []
    owners: dict[tuple[str, str], str] = {}
    for paper in catalog.papers:
        for key in paper_keys(paper):
            owners[key] = paper.id
    for name, _ in SEED_LISTS:
        for row in anchor_rows(name):
            found = {owners[key] for key in row_keys(row) if key in owners}
            assert len(found) == 1, (name, row.line, row.title, found)
    text = "".join((REPO / "papers" / f"{paper.id}.yaml").read_text() for paper in catalog.papers)
    assert not re.search(r"X-Amz|Signature=|token=|Expires=|silverchair", text, re.IGNORECASE)


def test_reimporting_the_seed_lists_changes_no_committed_record(taxonomy: Taxonomy) -> None:
    """Hand corrections of imported records (a year filled, a wrong link removed) survive."""
    catalog = load_catalog(REPO).papers
    for name, source in SEED_LISTS:
        result = seed_rows(
            anchor_rows(name), source=source, taxonomy=taxonomy, existing=catalog, added=ADDED
        )
        changed = [r.paper.id for r in result.records if r.created or r.changed]
        assert changed == [], (name, changed)


def test_committed_catalog_meets_the_metadata_targets() -> None:
    papers = load_catalog(REPO).papers
    assert sum(p.year is not None for p in papers) / len(papers) >= 0.95
    assert sum(p.venue is not None for p in papers) / len(papers) >= 0.80
    assert "https://github.com/fxsjy/jieba" not in {p.links.code for p in papers}
