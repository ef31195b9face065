"""One paper's metadata from the answers of several services (arXiv, Crossref, Semantic Scholar)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from medvlm.enrichment.references import ARXIV_DOI_PREFIX
from medvlm.identifiers import arxiv_id_or_none
from medvlm.links import find_code_link
from medvlm.sources.metadata import WorkMetadata

T = TypeVar("T")

_PREPRINT_VENUES = frozenset({"arxiv"})


def combine(
    *,
    arxiv: WorkMetadata | None = None,
    crossref: WorkMetadata | None = None,
    s2: WorkMetadata | None = None,
) -> WorkMetadata:
    """One paper's metadata from the answers of the three services (any may be missing).

    Title and authors come from the publisher (Crossref) first, then arXiv, whose author
    names are complete where Semantic Scholar abbreviates them. Venue and year are taken
    together from the published version when any source knows one (Crossref, an arXiv
    journal reference, Semantic Scholar), else from the preprint ("arXiv", year submitted).
    arXiv's DataCite DOIs are never kept as DOIs.
    """
    answers = [meta for meta in (crossref, arxiv, s2) if meta is not None]
    doi = _first(_publisher_doi(meta.doi) for meta in answers)
    arxiv_id = _first(meta.arxiv for meta in (arxiv, s2) if meta is not None) or _first(
        _arxiv_from_doi(meta.doi) for meta in answers
    )
    abstract = _first(meta.abstract for meta in (arxiv, crossref, s2) if meta is not None)
    venue, year = _venue_and_year(arxiv, crossref, s2)
    code = _first(meta.code for meta in answers) or find_code_link(
        *(meta.abstract for meta in answers)
    )
    return WorkMetadata(
        title=_first(meta.title for meta in answers),
        authors=next((meta.authors for meta in answers if meta.authors), ()),
        year=year,
        venue=venue,
        arxiv=arxiv_id,
        doi=doi,
        abstract=abstract,
        url=landing_page(arxiv_id, doi),
        code=code,
    )


def landing_page(arxiv_id: str | None, doi: str | None) -> str | None:
    """The stable page of a paper: its DOI (the version of record) when known, else arXiv's."""
    if doi:
        return f"https://doi.org/{doi}"
    if arxiv_id:
        return f"https://arxiv.org/abs/{arxiv_id}"
    return None


def _first(values: Iterable[T | None]) -> T | None:
    for value in values:
        if value:
            return value
    return None


def _publisher_doi(doi: str | None) -> str | None:
    return doi if doi and not doi.startswith("10.48550/") else None


def _arxiv_from_doi(doi: str | None) -> str | None:
    if not doi or not doi.startswith(ARXIV_DOI_PREFIX):
        return None
    return arxiv_id_or_none(doi[len(ARXIV_DOI_PREFIX) :])


def _is_preprint_venue(venue: str | None) -> bool:
    return venue is not None and venue.casefold() in _PREPRINT_VENUES


def _venue_and_year(
    arxiv: WorkMetadata | None, crossref: WorkMetadata | None, s2: WorkMetadata | None
) -> tuple[str | None, int | None]:
    # A venue and its year belong together: a preprint's year is not the conference's.
    ranked = [
        crossref if crossref and crossref.venue else None,
        arxiv if arxiv and arxiv.venue and not _is_preprint_venue(arxiv.venue) else None,
        s2 if s2 and s2.venue and not _is_preprint_venue(s2.venue) else None,
        arxiv,
        s2,
        crossref,
    ]
    chosen = next((meta for meta in ranked if meta is not None), None)
    if chosen is None:
        return None, None
    year = chosen.year or _first(meta.year for meta in (crossref, arxiv, s2) if meta is not None)
    return chosen.venue, year
