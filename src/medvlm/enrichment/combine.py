"""One paper's metadata from the answers of several services (arXiv, Crossref, Semantic Scholar),
with the page each fact was taken from."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from medvlm.enrichment.references import ARXIV_DOI_PREFIX
from medvlm.identifiers import arxiv_id_or_none
from medvlm.links import find_code_link
from medvlm.sources.metadata import WorkMetadata

T = TypeVar("T")


class _Sourced:
    """Values picked from the answers, remembering the page of the answer each came from."""

    def __init__(self) -> None:
        self.pages: dict[str, str] = {}

    def first(
        self, name: str, answers: Iterable[WorkMetadata | None], value: Callable[[WorkMetadata], T]
    ) -> T | None:
        """The first non-empty `value` among the answers, noted as field `name`'s."""
        for meta in answers:
            found = value(meta) if meta is not None else None
            if found:
                self.note(name, meta)
                return found
        return None

    def note(self, name: str, meta: WorkMetadata | None) -> None:
        if meta is not None and meta.url:
            self.pages[name] = meta.url


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
    arXiv's DataCite DOIs are never kept as DOIs. `pages` names the answer each field came
    from (its `url`), for the records' evidence.
    """
    answers = (crossref, arxiv, s2)
    picked = _Sourced()
    title = picked.first("title", answers, lambda meta: meta.title)
    authors = picked.first("authors", answers, lambda meta: meta.authors)
    doi = picked.first("doi", answers, lambda meta: _publisher_doi(meta.doi))
    arxiv_id = picked.first("arxiv", (arxiv, s2), lambda meta: meta.arxiv) or picked.first(
        "arxiv", answers, lambda meta: _arxiv_from_doi(meta.doi)
    )
    abstract = picked.first("abstract", (arxiv, crossref, s2), lambda meta: meta.abstract)
    venue, year = _venue_and_year(arxiv, crossref, s2, picked)
    code = picked.first("code", answers, lambda meta: meta.code) or picked.first(
        "code", answers, lambda meta: find_code_link(meta.abstract)
    )
    return WorkMetadata(
        title=title,
        authors=authors or (),
        year=year,
        venue=venue,
        arxiv=arxiv_id,
        doi=doi,
        abstract=abstract,
        url=landing_page(arxiv_id, doi),
        code=code,
        pages=picked.pages,
    )


def landing_page(arxiv_id: str | None, doi: str | None) -> str | None:
    """The stable page of a paper: its DOI (the version of record) when known, else arXiv's."""
    if doi:
        return f"https://doi.org/{doi}"
    if arxiv_id:
        return f"https://arxiv.org/abs/{arxiv_id}"
    return None


def _publisher_doi(doi: str | None) -> str | None:
    return doi if doi and not doi.startswith("10.48550/") else None


def _arxiv_from_doi(doi: str | None) -> str | None:
    if not doi or not doi.startswith(ARXIV_DOI_PREFIX):
        return None
    return arxiv_id_or_none(doi[len(ARXIV_DOI_PREFIX) :])


def _venue_and_year(
    arxiv: WorkMetadata | None,
    crossref: WorkMetadata | None,
    s2: WorkMetadata | None,
    picked: _Sourced,
) -> tuple[str | None, int | None]:
    # A venue and its year belong together: a preprint's year is not the conference's.
    ranked = [
        crossref if crossref and crossref.venue else None,
        arxiv if arxiv and arxiv.published else None,
        s2 if s2 and s2.published else None,
        arxiv,
        s2,
        crossref,
    ]
    chosen = next((meta for meta in ranked if meta is not None), None)
    if chosen is None:
        return None, None
    if chosen.venue:
        picked.note("venue", chosen)
    if chosen.year:
        picked.note("year", chosen)
        return chosen.venue, chosen.year
    return chosen.venue, picked.first("year", (crossref, arxiv, s2), lambda meta: meta.year)
