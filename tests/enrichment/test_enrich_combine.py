"""Combining the answers of arXiv, Crossref and Semantic Scholar into one paper's metadata."""

from __future__ import annotations

from medvlm.enrichment.combine import combine
from medvlm.sources.metadata import WorkMetadata
from tests.enrichment.factory import ARXIV, S2


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


def test_each_field_names_the_page_of_the_answer_it_came_from() -> None:
    combined = combine(arxiv=ARXIV, s2=S2)
    from_arxiv = ("title", "authors", "arxiv", "abstract", "code")
    assert {name: combined.page_of(name) for name in from_arxiv} == dict.fromkeys(
        from_arxiv, ARXIV.url
    )
    assert {name: combined.page_of(name) for name in ("venue", "year", "doi")} == dict.fromkeys(
        ("venue", "year", "doi"), S2.url
    )


def test_a_year_taken_apart_from_its_venue_names_its_own_page() -> None:
    undated = WorkMetadata(
        title="T", venue="Radiology", doi="10.1148/x", url="https://doi.org/10.1148/x"
    )
    preprint = WorkMetadata(
        title="T", year=2023, arxiv="2301.00001", url="https://arxiv.org/abs/2301.00001"
    )
    combined = combine(crossref=undated, arxiv=preprint)
    assert (combined.venue, combined.year) == ("Radiology", 2023)
    assert (combined.page_of("venue"), combined.page_of("year")) == (undated.url, preprint.url)
