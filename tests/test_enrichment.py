"""Pure logic of `medvlm.enrichment`: references, combining answers, new and filled records."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import yaml

from medvlm.enrichment import (
    CatalogIndex,
    Reference,
    build_record,
    combine,
    fill_missing,
    missing_fields,
    parse_reference,
    plan_enrichment,
    suggest_model,
)
from medvlm.models import Paper, RecordError, Taxonomy
from medvlm.sources.metadata import WorkMetadata
from medvlm.taxonomy import load_taxonomy
from tests.helpers import DATA

TODAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return load_taxonomy(DATA / "mini" / "taxonomy.yaml")


def paper(taxonomy: Taxonomy, **fields: Any) -> Paper:
    data: dict[str, Any] = {"id": "x2024paper", "title": "A Paper", "tasks": ["other"], **fields}
    return Paper.model_validate(data, context={"taxonomy": taxonomy})


# --- references ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("2403.04290", "arxiv", "2403.04290"),
        ("2403.04290v3", "arxiv", "2403.04290"),
        ("arXiv:2403.04290", "arxiv", "2403.04290"),
        ("https://arxiv.org/abs/2403.04290v2", "arxiv", "2403.04290"),
        ("https://arxiv.org/pdf/2403.04290v2.pdf", "arxiv", "2403.04290"),
        ("https://arxiv.org/html/2403.04290v1", "arxiv", "2403.04290"),
        ("hep-ex/0307015v1", "arxiv", "hep-ex/0307015"),
        ("https://arxiv.org/abs/cs/0112017", "arxiv", "cs/0112017"),
        ("10.48550/arXiv.2403.04290", "arxiv", "2403.04290"),
        ("10.1038/S41586-023-06291-2", "doi", "10.1038/s41586-023-06291-2"),
        ("https://doi.org/10.1038/s41586-023-06291-2", "doi", "10.1038/s41586-023-06291-2"),
        ("doi:10.1007/978-3-031-72390-2_60", "doi", "10.1007/978-3-031-72390-2_60"),
    ],
)
def test_references_in_every_common_form(text: str, kind: str, value: str) -> None:
    reference = parse_reference(text)
    assert (reference.kind, reference.value, reference.text) == (kind, value, text)


def test_a_reference_names_its_semantic_scholar_id() -> None:
    assert parse_reference("2403.04290v2").s2_id == "ARXIV:2403.04290"
    assert parse_reference("10.1038/x1").s2_id == "DOI:10.1038/x1"


@pytest.mark.parametrize("text", ["", "clip", "https://example.org/paper", "2403.042"])
def test_anything_else_is_refused_with_examples(text: str) -> None:
    with pytest.raises(
        ValueError, match=r"^not an arXiv id, DOI or BibTeX file: .*expected e\.g\."
    ):
        parse_reference(text)


# --- combining answers -----------------------------------------------------------------------


ARXIV = WorkMetadata(
    title="MedCLIP-SAM: Bridging Text and Image",
    authors=("Taha Koleilat", "Hassan Rivaz"),
    year=2024,
    venue="arXiv",
    arxiv="2403.20253",
    abstract="Code is available at https://github.com/HealthX-Lab/MedCLIP-SAM.",
    url="https://arxiv.org/abs/2403.20253",
)
S2 = WorkMetadata(
    title="MedCLIP-SAM: Bridging Text and Image",
    authors=("T. Koleilat", "H. Rivaz"),
    year=2024,
    venue="MICCAI",
    arxiv="2403.20253",
    doi="10.1007/978-3-031-72390-2_60",
)


def test_a_preprint_takes_the_published_venue_and_doi_but_keeps_arxivs_author_names() -> None:
    combined = combine(arxiv=ARXIV, s2=S2)
    assert combined.authors == ("Taha Koleilat", "Hassan Rivaz")
    assert (combined.venue, combined.year) == ("MICCAI", 2024)
    assert combined.doi == "10.1007/978-3-031-72390-2_60"
    assert combined.arxiv == "2403.20253"
    assert combined.url == "https://doi.org/10.1007/978-3-031-72390-2_60"
    assert combined.code == "https://github.com/HealthX-Lab/MedCLIP-SAM"


def test_venue_and_year_travel_together() -> None:
    preprint = WorkMetadata(title="T", year=2022, venue="arXiv", arxiv="2201.00001")
    published = WorkMetadata(title="T", year=2023, venue="CVPR", arxiv="2201.00001")
    combined = combine(arxiv=preprint, s2=published)
    assert (combined.venue, combined.year) == ("CVPR", 2023)
    s2_preprint = WorkMetadata(title="T", year=2021, venue="arXiv")
    combined = combine(arxiv=preprint, s2=s2_preprint)
    assert (combined.venue, combined.year) == ("arXiv", 2022)


def test_crossref_is_the_version_of_record() -> None:
    crossref = WorkMetadata(
        title="Large language models encode clinical knowledge",
        authors=("Karan Singhal",),
        year=2023,
        venue="Nature",
        doi="10.1038/s41586-023-06291-2",
    )
    s2 = WorkMetadata(
        authors=("K. Singhal",), year=2022, venue="Nature", arxiv="2212.13138", doi=crossref.doi
    )
    combined = combine(crossref=crossref, s2=s2)
    assert (combined.authors, combined.venue, combined.year) == (("Karan Singhal",), "Nature", 2023)
    assert combined.arxiv == "2212.13138"


def test_arxivs_datacite_doi_is_never_a_doi() -> None:
    s2 = WorkMetadata(title="T", venue="arXiv", doi="10.48550/arxiv.2201.00001")
    combined = combine(s2=s2)
    assert combined.doi is None
    assert combined.arxiv == "2201.00001"
    assert combined.url == "https://arxiv.org/abs/2201.00001"


def test_a_journal_reference_on_arxiv_beats_a_preprint_venue_elsewhere() -> None:
    arxiv = WorkMetadata(title="T", year=2025, venue="Medical Image Analysis", arxiv="2405.00002")
    s2 = WorkMetadata(title="T", year=2024, venue="arXiv")
    combined = combine(arxiv=arxiv, s2=s2)
    assert (combined.venue, combined.year) == ("Medical Image Analysis", 2025)


def test_nothing_combines_to_nothing() -> None:
    assert combine() == WorkMetadata()


# --- new records -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "model"),
    [
        ("MedCLIP-SAM: Bridging Text and Image", "MedCLIP-SAM"),
        ("MedM2G: Unifying Medical Multi-Modal Generation", "MedM2G"),
        ("LLaVA-Med: Training a Large Language-and-Vision Assistant", "LLaVA-Med"),
        ("Review: vision-language models", None),
        ("Segment anything: a study", None),
        ("Learning Transferable Visual Models", None),
    ],
)
def test_a_model_name_is_taken_from_a_title_that_opens_with_one(
    title: str, model: str | None
) -> None:
    assert suggest_model(title) == model


def test_a_new_record_has_suggested_terms_a_unique_id_and_is_unreviewed(
    taxonomy: Taxonomy,
) -> None:
    meta = combine(arxiv=ARXIV, s2=S2)
    meta = WorkMetadata(**{**meta.__dict__, "abstract": "Contrastive segmentation of CT scans."})
    record = build_record(meta, taxonomy, taken={"koleilat2024medclip"}, today=TODAY)
    new = record.paper
    assert new.id == "koleilat2024medclip-b"
    assert (new.tasks, new.strategies, new.modalities) == (
        ["segmentation"],
        ["pretraining"],
        ["ct"],
    )
    assert new.kind == "method"
    assert new.model == "MedCLIP-SAM"
    assert new.reviewed is False
    assert new.added == TODAY
    assert new.links.paper == "https://doi.org/10.1007/978-3-031-72390-2_60"
    assert new.links.code == "https://github.com/HealthX-Lab/MedCLIP-SAM"
    assert record.missing == ()


def test_without_a_task_keyword_the_task_is_other(taxonomy: Taxonomy) -> None:
    plain = build_record(WorkMetadata(title="Something Else"), taxonomy, taken=set(), today=TODAY)
    assert plain.paper.tasks == ["other"]
    assert plain.paper.id == "something"
    assert plain.suggested["strategy"] == []
    assert plain.missing == ("authors", "year", "venue", "model", "links.code")


def test_the_kind_is_suggested_from_the_title_only() -> None:
    data = yaml.safe_load((DATA / "mini" / "taxonomy.yaml").read_text(encoding="utf-8"))
    for term in data["axes"]["kind"]["terms"]:
        term["keywords"] = {"method": ["method"], "survey": ["survey", "review"]}[term["id"]]
    with_keywords = Taxonomy.model_validate(data)

    def kind(title: str, abstract: str) -> str:
        meta = WorkMetadata(title=title, abstract=abstract)
        return build_record(meta, with_keywords, taken=set(), today=TODAY).paper.kind

    assert kind("A Survey of Medical VLMs", "We propose no method.") == "survey"
    assert kind("A New Method for Segmentation", "We review prior work.") == "method"
    assert kind("CLIP-Path", "Unlike the survey by Kim et al.") == "method"


def test_metadata_that_makes_no_valid_record_is_a_record_error(taxonomy: Taxonomy) -> None:
    with pytest.raises(RecordError, match="no title"):
        build_record(WorkMetadata(arxiv="2403.20253"), taxonomy, taken=set(), today=TODAY)
    with pytest.raises(RecordError, match=r"^year: must be between 1950 and"):
        build_record(WorkMetadata(title="Old", year=1850), taxonomy, taken=set(), today=TODAY)


# --- duplicates ------------------------------------------------------------------------------


def test_the_index_finds_a_paper_by_arxiv_id_doi_or_title(taxonomy: Taxonomy) -> None:
    existing = paper(
        taxonomy,
        id="smith2024clip",
        title="CLIP-Path: Contrastive Pretraining",
        ids={"arxiv": "2401.01234", "doi": "10.1000/clip"},
    )
    index = CatalogIndex([existing])
    same_title = paper(taxonomy, title="clip path  contrastive PRETRAINING")
    assert index.duplicate_message(same_title) == (
        "already in the catalog as papers/smith2024clip.yaml (same title)"
    )
    assert index.owner(doi="10.1000/clip") == ("smith2024clip", "DOI")
    assert index.owner(arxiv="2401.01234", besides="smith2024clip") is None
    assert index.duplicate_message(paper(taxonomy, title="Other")) is None
    index.add(paper(taxonomy, id="new2024", title="Other"), new=True)
    assert index.duplicate_message(paper(taxonomy, title="Other")) == (
        "added above as papers/new2024.yaml (same title)"
    )
    assert index.taken == {"smith2024clip", "new2024"}


# --- filling existing records ----------------------------------------------------------------

FOUND = WorkMetadata(
    title="A Different Title",
    authors=("Ada Lovelace",),
    year=2023,
    venue="CVPR",
    arxiv="2301.00001",
    doi="10.1000/found",
    code="https://github.com/a/b",
)


def test_only_empty_fields_are_filled(taxonomy: Taxonomy) -> None:
    hand_written = paper(taxonomy, venue="MICCAI", year=2024, tasks=["segmentation"], reviewed=True)
    result = fill_missing(hand_written, FOUND, taxonomy)
    assert result.filled == ("authors", "ids.doi", "ids.arxiv", "links.code")
    filled = result.paper
    assert (filled.venue, filled.year, filled.title) == ("MICCAI", 2024, "A Paper")
    assert (filled.tasks, filled.reviewed) == (["segmentation"], True)
    assert filled.authors == ["Ada Lovelace"]
    assert (filled.ids.arxiv, filled.ids.doi) == ("2301.00001", "10.1000/found")
    assert filled.links.code == "https://github.com/a/b"
    assert missing_fields(filled) == ()
    assert result.original is hand_written


def test_a_different_identifier_is_kept_and_noted(taxonomy: Taxonomy) -> None:
    record = paper(taxonomy, ids={"doi": "10.1000/mine"})
    result = fill_missing(record, FOUND, taxonomy)
    assert result.paper.ids.doi == "10.1000/mine"
    assert result.notes == ("ids.doi is 10.1000/mine here, 10.1000/found in the sources (kept)",)


def test_an_identifier_another_record_holds_is_not_filled(taxonomy: Taxonomy) -> None:
    other = paper(taxonomy, id="other2023", title="Elsewhere", ids={"doi": "10.1000/found"})
    record = paper(taxonomy)
    result = fill_missing(record, FOUND, taxonomy, CatalogIndex([other, record]))
    assert result.paper.ids.doi is None
    assert "ids.doi" not in result.filled
    assert result.notes == (
        "ids.doi 10.1000/found not filled: papers/other2023.yaml has it (same paper?)",
    )


def test_a_source_value_the_record_rejects_is_left_out(taxonomy: Taxonomy) -> None:
    result = fill_missing(paper(taxonomy), WorkMetadata(year=1850, venue="Nature"), taxonomy)
    assert result.filled == ("venue",)
    assert result.paper.year is None
    assert result.notes[0].startswith("year from the sources not used: year: must be between")


def test_nothing_found_changes_nothing(taxonomy: Taxonomy) -> None:
    record = paper(taxonomy)
    result = fill_missing(record, WorkMetadata(), taxonomy)
    assert not result.changed
    assert result.paper == record


def test_the_plan_skips_what_cannot_be_looked_up_or_needs_nothing(taxonomy: Taxonomy) -> None:
    bare = paper(taxonomy, id="bare")
    preprint = paper(taxonomy, id="pre", ids={"arxiv": "2401.00001"})
    complete = paper(
        taxonomy,
        id="full",
        authors=["A"],
        year=2024,
        venue="V",
        ids={"arxiv": "2401.00002", "doi": "10.1000/full"},
        links={"code": "https://github.com/a/full"},
    )
    plan = plan_enrichment([bare, preprint, complete], only_missing=True)
    assert ([p.id for p in plan.todo], [p.id for p in plan.complete]) == (["pre"], ["full"])
    assert [p.id for p in plan.unidentified] == ["bare"]
    everything = plan_enrichment([bare, preprint, complete], only_missing=False)
    assert [p.id for p in everything.todo] == ["pre", "full"]


def test_reference_labels_say_what_was_asked() -> None:
    assert Reference("arxiv", "2403.20253", "x").label == "arXiv 2403.20253"
    assert Reference("doi", "10.1000/x", "x").label == "DOI 10.1000/x"
