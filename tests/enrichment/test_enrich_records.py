"""New records from fetched metadata: suggested terms, unique ids, what to review."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from medvlm.enrichment.combine import combine
from medvlm.enrichment.records import build_record
from medvlm.models import RecordError, Taxonomy
from medvlm.sources.metadata import WorkMetadata
from medvlm.taxonomy import suggest_model
from tests.enrichment.factory import ARXIV, S2
from tests.helpers import DATA

TODAY = dt.date(2026, 11, 22)


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
    # Title first: the primary source; then the page of the venue, year and DOI.
    assert new.evidence == [ARXIV.url, S2.url]
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
