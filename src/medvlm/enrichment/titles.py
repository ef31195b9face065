"""Identifiers for records that have none, found by their exact title.

arXiv is asked first (most of the catalog's papers are there), then Crossref, then Semantic
Scholar; the first service with a paper under the record's title, once normalised, gives it its
arXiv id or DOI, with which `enrich` then looks the record up like any other. A similar title
is never taken: the sources' own searches refuse it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import requests

from medvlm.enrichment.combine import combine
from medvlm.enrichment.index import CatalogIndex
from medvlm.enrichment.merge import Enrichment, fill_missing
from medvlm.models import Paper, Taxonomy
from medvlm.sources.arxiv import search_arxiv_title
from medvlm.sources.crossref import search_crossref_title
from medvlm.sources.http import SourcesConfig
from medvlm.sources.metadata import WorkMetadata
from medvlm.sources.semanticscholar import match_s2_title

_Search = Callable[[requests.Session, SourcesConfig, str], WorkMetadata | None]

# Each search with the way its answer joins the others' (`combine` drops arXiv's DataCite DOIs).
_SEARCHES: tuple[tuple[_Search, Callable[[WorkMetadata], WorkMetadata]], ...] = (
    (search_arxiv_title, lambda found: combine(arxiv=found)),
    (search_crossref_title, lambda found: combine(crossref=found)),
    (match_s2_title, lambda found: combine(s2=found)),
)


@dataclass(frozen=True)
class TitleLookup:
    """What the title search did for one record: `result` is None when no source has it."""

    paper: Paper
    result: Enrichment | None

    @property
    def identified(self) -> bool:
        return self.result is not None and bool(
            self.result.paper.ids.arxiv or self.result.paper.ids.doi
        )


def find_by_title(
    session: requests.Session, config: SourcesConfig, title: str
) -> WorkMetadata | None:
    """The first source's paper under exactly `title` that has an arXiv id or a DOI."""
    for search, joined in _SEARCHES:
        found = search(session, config, title)
        if found is not None:
            meta = joined(found)
            if meta.arxiv or meta.doi:
                return meta
    return None


def identify_by_title(
    session: requests.Session,
    config: SourcesConfig,
    papers: Sequence[Paper],
    taxonomy: Taxonomy,
    index: CatalogIndex,
) -> Iterator[TitleLookup]:
    """Each record of `papers` (none has an arXiv id or DOI) with the identifiers its title found.

    Up to three requests per record, one per service, stopping at the first that knows the
    title. An identifier another record holds is not filled (the merge notes it): the two
    records are probably one paper. SourceError propagates as soon as a request fails.
    """
    for paper in papers:
        found = find_by_title(session, config, paper.title)
        if found is None:
            yield TitleLookup(paper, None)
            continue
        # Only the identifiers: the look-up by id that follows weighs all the sources' answers
        # (a preprint's venue must not take the place a publication's would fill).
        ids = WorkMetadata(arxiv=found.arxiv, doi=found.doi, url=found.url, pages=found.pages)
        result = fill_missing(paper, ids, taxonomy, index)
        index.add(result.paper)
        yield TitleLookup(paper, result)
