"""The fill-only merge into existing records."""

from __future__ import annotations

from dataclasses import replace

from medvlm.enrichment.index import CatalogIndex
from medvlm.enrichment.merge import fill_missing, missing_fields
from medvlm.models import Taxonomy
from medvlm.sources.metadata import WorkMetadata
from tests.enrichment.factory import paper

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


# --- evidence --------------------------------------------------------------------------------

PAGE = "https://doi.org/10.1000/found"


def test_the_page_of_each_filled_value_joins_the_evidence_after_what_is_there(
    taxonomy: Taxonomy,
) -> None:
    pages = {"authors": "https://arxiv.org/abs/2301.00001", "ids.doi": PAGE}
    meta = replace(FOUND, url=PAGE, pages={"authors": pages["authors"]})
    record = paper(taxonomy, venue="CVPR", year=2023, evidence=[PAGE])
    result = fill_missing(record, meta, taxonomy)
    assert result.filled == ("authors", "ids.doi", "ids.arxiv", "links.code")
    assert result.paper.evidence == [PAGE, "https://arxiv.org/abs/2301.00001"]


def test_nothing_filled_adds_no_evidence(taxonomy: Taxonomy) -> None:
    complete = fill_missing(paper(taxonomy), replace(FOUND, url=PAGE), taxonomy).paper
    again = fill_missing(complete, replace(FOUND, url="https://example.org/other"), taxonomy)
    assert not again.changed
    assert again.paper == complete


# --- the version of record -------------------------------------------------------------------

PUBLISHED = WorkMetadata(venue="MICCAI", year=2024, url="https://doi.org/10.1007/x_1")


def test_a_published_venue_replaces_arxiv_with_its_year_when_asked(taxonomy: Taxonomy) -> None:
    preprint = paper(taxonomy, venue="arXiv", year=2023)
    result = fill_missing(preprint, PUBLISHED, taxonomy, version_of_record=True)
    assert (result.paper.venue, result.paper.year) == ("MICCAI", 2024)
    assert result.filled == ("year", "venue")
    assert result.notes == (
        "venue arXiv 2023 replaced by MICCAI 2024: the published version wins over the preprint",
    )
    assert result.paper.evidence == ["https://doi.org/10.1007/x_1"]
    # Otherwise the merge only fills: what the record says stays.
    kept = fill_missing(preprint, PUBLISHED, taxonomy)
    assert (kept.paper.venue, kept.paper.year, kept.changed) == ("arXiv", 2023, False)


def test_only_a_preprint_venue_gives_way_and_only_to_a_publication(taxonomy: Taxonomy) -> None:
    published = paper(taxonomy, venue="CVPR", year=2023)
    assert not fill_missing(published, PUBLISHED, taxonomy, version_of_record=True).changed
    preprint = paper(taxonomy, venue="arXiv", year=2023)
    for elsewhere in ("arXiv", "bioRxiv", "medRxiv"):
        other = replace(PUBLISHED, venue=elsewhere)
        assert not fill_missing(preprint, other, taxonomy, version_of_record=True).changed
    undated = replace(PUBLISHED, year=None)
    result = fill_missing(preprint, undated, taxonomy, version_of_record=True)
    assert (result.paper.venue, result.paper.year, result.filled) == ("MICCAI", 2023, ("venue",))
