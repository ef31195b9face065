"""Fetching for `add` and `enrich` in batches: arXiv (one `id_list` request per 100 ids),
Crossref (one request per DOI) and Semantic Scholar (one batch per 500 ids).

`fetch_references` answers for the papers given to `medvlm add`; `enrich_papers` does the same
for existing records and yields each record as soon as its data is complete, so that a command
can write it before the next batch goes out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

import requests

from medvlm.enrichment.combine import combine
from medvlm.enrichment.index import CatalogIndex
from medvlm.enrichment.merge import Enrichment, fill_missing, missing_fields
from medvlm.enrichment.references import Reference
from medvlm.models import Paper, Taxonomy
from medvlm.sources.arxiv import BATCH_SIZE as ARXIV_BATCH
from medvlm.sources.arxiv import fetch_arxiv
from medvlm.sources.crossref import fetch_crossref
from medvlm.sources.http import ARXIV, SourceError, SourcesConfig
from medvlm.sources.metadata import WorkMetadata
from medvlm.sources.semanticscholar import BATCH_SIZE as S2_BATCH
from medvlm.sources.semanticscholar import fetch_s2_batch, s2_arxiv_id, s2_doi_id

T = TypeVar("T")

# Of the enrichable fields, what Crossref can give (it knows no arXiv ids and no code links).
_CROSSREF_FIELDS = frozenset({"authors", "year", "venue"})
# At most this many Crossref look-ups per `enrich` run: each is one request for one record.
CROSSREF_LIMIT = 500
# How `status_problem` words a 404; Crossref answers it for DOIs registered elsewhere (DataCite).
_NOT_FOUND = "not found (HTTP 404)"


def _batch_or_each(
    fetch: Callable[[list[str]], Mapping[str, T]], keys: list[str]
) -> dict[str, T | SourceError]:
    """`fetch` for all keys in one go; if that fails, for each key alone, so that one bad key
    (an id arXiv rejects) fails only itself. Keys missing from an answer stay missing."""
    if not keys:
        return {}
    try:
        return dict(fetch(keys))
    except SourceError as error:
        if len(keys) == 1:
            return {keys[0]: error}
    results: dict[str, T | SourceError] = {}
    for key in keys:
        try:
            results.update(fetch([key]))
        except SourceError as error:
            results[key] = error
    return results


def fetch_references(
    session: requests.Session, config: SourcesConfig, refs: Sequence[Reference]
) -> dict[Reference, WorkMetadata | SourceError]:
    """Combined metadata for each reference, or the SourceError that prevented it.

    Requests: one arXiv `id_list` request per 100 arXiv ids, one Crossref request per DOI,
    then one Semantic Scholar batch (per 500) for the references still alive, which brings
    the published venue and the other identifier. When a batch fails, its references are
    asked for one by one, so that every reference gets its own answer or error.
    """
    unique = list(dict.fromkeys(refs))
    arxiv_ids = [ref.value for ref in unique if ref.kind == "arxiv"]
    arxiv_found = _batch_or_each(lambda ids: fetch_arxiv(session, config, ids), arxiv_ids)
    primary: dict[Reference, WorkMetadata | SourceError] = {}
    for ref in unique:
        if ref.kind == "arxiv":
            found = arxiv_found.get(ref.value)
            primary[ref] = (
                found if found is not None else SourceError(ARXIV, ref.value, "no such paper")
            )
        else:
            primary[ref] = _crossref_or_error(session, config, ref.value)
    alive = [ref for ref in unique if isinstance(primary[ref], WorkMetadata)]
    s2_found = _batch_or_each(
        lambda ids: fetch_s2_batch(session, config, ids), [ref.s2_id for ref in alive]
    )
    results: dict[Reference, WorkMetadata | SourceError] = {}
    for ref in unique:
        first = primary[ref]
        if isinstance(first, SourceError):
            results[ref] = first
            continue
        second = s2_found.get(ref.s2_id)
        if isinstance(second, SourceError):
            results[ref] = second
        elif ref.kind == "arxiv":
            results[ref] = combine(arxiv=first, s2=second)
        else:
            results[ref] = combine(crossref=first, s2=second)
    return results


def _crossref_or_error(
    session: requests.Session, config: SourcesConfig, doi: str
) -> WorkMetadata | SourceError:
    try:
        return fetch_crossref(session, config, doi)
    except SourceError as error:
        return error


@dataclass(frozen=True)
class EnrichmentPlan:
    """Which records `enrich` asks the sources about, and which it leaves alone and why."""

    todo: list[Paper]
    complete: list[Paper] = field(default_factory=list)
    unidentified: list[Paper] = field(default_factory=list)


def plan_enrichment(papers: Iterable[Paper], *, only_missing: bool) -> EnrichmentPlan:
    """Records with an arXiv id or DOI to look up; with `only_missing`, only those with an
    empty enrichable field (the others cost no request)."""
    todo: list[Paper] = []
    complete: list[Paper] = []
    unidentified: list[Paper] = []
    for paper in papers:
        if not paper.ids.arxiv and not paper.ids.doi:
            unidentified.append(paper)
        elif only_missing and not missing_fields(paper):
            complete.append(paper)
        else:
            todo.append(paper)
    return EnrichmentPlan(todo, complete, unidentified)


def _s2_id(paper: Paper) -> str:
    # An arXiv id maps to Semantic Scholar more reliably than a DOI does.
    if paper.ids.arxiv:
        return s2_arxiv_id(paper.ids.arxiv)
    assert paper.ids.doi is not None  # plan_enrichment keeps only records with an identifier
    return s2_doi_id(paper.ids.doi)


def _chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass
class _CrossrefBudget:
    left: int


def enrich_papers(
    session: requests.Session,
    config: SourcesConfig,
    todo: Sequence[Paper],
    taxonomy: Taxonomy,
    index: CatalogIndex,
    *,
    crossref_limit: int = CROSSREF_LIMIT,
) -> Iterator[Enrichment]:
    """Each record of `todo` with its empty fields filled, yielded as soon as it is complete.

    Requests: one Semantic Scholar batch per 500 records, and within it one arXiv request per
    100 records; then Crossref, one request per record that has a DOI and still lacks
    authors, year or venue (at most `crossref_limit` per run). A SourceError propagates
    as soon as a request fails: records yielded before it are complete and can be kept.
    `index` learns the identifiers filled in, so no two records receive the same one.
    """
    budget = _CrossrefBudget(crossref_limit)
    for outer in _chunks(todo, S2_BATCH):
        s2_found = fetch_s2_batch(session, config, [_s2_id(paper) for paper in outer])
        for inner in _chunks(outer, ARXIV_BATCH):
            arxiv_ids = [paper.ids.arxiv for paper in inner if paper.ids.arxiv]
            arxiv_found = fetch_arxiv(session, config, arxiv_ids)
            for paper in inner:
                arxiv_meta = arxiv_found.get(paper.ids.arxiv) if paper.ids.arxiv else None
                result = _enrich_one(
                    session,
                    config,
                    paper,
                    arxiv_meta,
                    s2_found.get(_s2_id(paper)),
                    taxonomy,
                    index,
                    budget,
                )
                index.add(result.paper)
                yield result


def _enrich_one(
    session: requests.Session,
    config: SourcesConfig,
    paper: Paper,
    arxiv_meta: WorkMetadata | None,
    s2_meta: WorkMetadata | None,
    taxonomy: Taxonomy,
    index: CatalogIndex,
    budget: _CrossrefBudget,
) -> Enrichment:
    notes: list[str] = []
    if paper.ids.arxiv and arxiv_meta is None:
        notes.append(f"arXiv has no paper {paper.ids.arxiv}")
    meta = combine(arxiv=arxiv_meta, s2=s2_meta)
    result = fill_missing(paper, meta, taxonomy, index)
    doi = result.paper.ids.doi
    wanted = _CROSSREF_FIELDS.intersection(missing_fields(result.paper))
    if doi and wanted:
        if budget.left <= 0:
            notes.append("Crossref not asked: look-up limit for one run reached (rerun later)")
        else:
            budget.left -= 1
            crossref = _crossref_unless_unknown(session, config, doi)
            if crossref is None:
                notes.append(f"Crossref has no work {doi}")
            else:
                meta = combine(arxiv=arxiv_meta, crossref=crossref, s2=s2_meta)
                result = fill_missing(paper, meta, taxonomy, index)
    return Enrichment(paper, result.paper, result.filled, (*notes, *result.notes))


def _crossref_unless_unknown(
    session: requests.Session, config: SourcesConfig, doi: str
) -> WorkMetadata | None:
    """Crossref's work, or None when Crossref does not know the DOI (a record's DOI may be
    registered with another agency); any other failure propagates."""
    try:
        return fetch_crossref(session, config, doi)
    except SourceError as error:
        if error.problem == _NOT_FOUND:
            return None
        raise
