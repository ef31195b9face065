"""Records from fetched metadata: new records for `medvlm add`, missing fields for `medvlm enrich`.

Two halves, neither writes files (the commands do):

- pure logic: read what a contributor typed (`parse_reference`), combine the answers of
  several services into one `WorkMetadata` (`combine`), build a new record with suggested
  taxonomy terms (`build_record`), fill the empty fields of an existing record without ever
  replacing a value a person wrote (`fill_missing`), and find duplicates (`CatalogIndex`);
- batched fetching: `fetch_references` asks arXiv (one `id_list` request per 100 ids), Crossref
  (one request per DOI) and Semantic Scholar (one batch per 500 ids) for the papers given to
  `medvlm add`; `enrich_papers` does the same for existing records and yields each record as
  soon as its data is complete, so that a command can write it before the next batch goes out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

import requests
from pydantic import ValidationError

from medvlm.identifiers import (
    arxiv_id_or_none,
    doi_or_none,
    make_record_id,
    normalise_arxiv_id,
    title_key,
)
from medvlm.links import find_code_link
from medvlm.models import Paper, RecordError, Taxonomy
from medvlm.problems import from_validation_error
from medvlm.sources.arxiv import BATCH_SIZE as ARXIV_BATCH
from medvlm.sources.arxiv import fetch_arxiv
from medvlm.sources.crossref import fetch_crossref
from medvlm.sources.http import ARXIV, SourceError, SourcesConfig
from medvlm.sources.metadata import WorkMetadata
from medvlm.sources.semanticscholar import BATCH_SIZE as S2_BATCH
from medvlm.sources.semanticscholar import fetch_s2_batch, s2_arxiv_id, s2_doi_id
from medvlm.taxonomy import suggest_all, suggest_model

T = TypeVar("T")

# The fields `medvlm enrich` may fill, as named in its summary (dotted like validation messages).
ENRICHABLE = ("authors", "year", "venue", "ids.doi", "ids.arxiv", "links.code")
# Of those, what Crossref can give (it knows no arXiv ids and no code links).
_CROSSREF_FIELDS = frozenset({"authors", "year", "venue"})
# At most this many Crossref look-ups per `enrich` run: each is one request for one record.
CROSSREF_LIMIT = 500
# arXiv's DataCite DOIs name the preprint, not a publication: they become arXiv ids.
_ARXIV_DOI_PREFIX = "10.48550/arxiv."
# How `status_problem` words a 404; Crossref answers it for DOIs registered elsewhere (DataCite).
_NOT_FOUND = "not found (HTTP 404)"
_PREPRINT_VENUES = frozenset({"arxiv"})


# --- what contributors type ------------------------------------------------------------------


@dataclass(frozen=True)
class Reference:
    """A paper named by an arXiv id or a DOI; `value` is normalised, `text` as typed."""

    kind: Literal["arxiv", "doi"]
    value: str
    text: str

    @property
    def s2_id(self) -> str:
        """The id Semantic Scholar knows the paper by."""
        return s2_arxiv_id(self.value) if self.kind == "arxiv" else s2_doi_id(self.value)

    @property
    def label(self) -> str:
        return f"arXiv {self.value}" if self.kind == "arxiv" else f"DOI {self.value}"


def parse_reference(text: str) -> Reference:
    """An arXiv id or URL (abs/pdf/html, version, `arXiv:` prefix, old style) or a DOI or DOI URL.

    arXiv's own DOIs (10.48550/arXiv.<id>) name the preprint and become arXiv references.
    Raises ValueError with a message for users when `text` is neither.
    """
    doi = doi_or_none(text)
    if doi is not None:
        if doi.startswith(_ARXIV_DOI_PREFIX):
            return Reference("arxiv", normalise_arxiv_id(doi[len(_ARXIV_DOI_PREFIX) :]), text)
        return Reference("doi", doi, text)
    arxiv = arxiv_id_or_none(text)
    if arxiv is not None:
        return Reference("arxiv", arxiv, text)
    raise ValueError(
        f"not an arXiv id, DOI or BibTeX file: {text!r} "
        "(expected e.g. 2403.04290, https://arxiv.org/abs/2403.04290v2, 10.1038/s41586-023-06291-2 "
        "or refs.bib)"
    )


# --- duplicates ------------------------------------------------------------------------------


def record_path(record_id: str) -> str:
    """Where a record lives, as messages name it."""
    return f"papers/{record_id}.yaml"


class CatalogIndex:
    """The identity keys (id, arXiv id, DOI, normalised title) of the records in a catalog.

    Records added during a command join the index, so that one run cannot add a paper twice.
    """

    def __init__(self, papers: Iterable[Paper] = ()) -> None:
        self._ids: set[str] = set()
        self._new: set[str] = set()
        self._keys: dict[tuple[str, str], str] = {}
        for paper in papers:
            self.add(paper)

    def add(self, paper: Paper, *, new: bool = False) -> None:
        """Index `paper`; `new` marks a record the running command creates."""
        self._ids.add(paper.id)
        if new:
            self._new.add(paper.id)
        for key in _identity(paper.ids.arxiv, paper.ids.doi, paper.title):
            self._keys.setdefault(key, paper.id)

    @property
    def taken(self) -> set[str]:
        """Record ids in use."""
        return set(self._ids)

    def owner(
        self,
        *,
        arxiv: str | None = None,
        doi: str | None = None,
        title: str | None = None,
        besides: str | None = None,
    ) -> tuple[str, str] | None:
        """(record id, what matched) of a record other than `besides` with one of the keys."""
        for key in _identity(arxiv, doi, title):
            found = self._keys.get(key)
            if found is not None and found != besides:
                return found, _KEY_NAMES[key[0]]
        return None

    def duplicate_message(self, paper: Paper) -> str | None:
        """ "already in the catalog as papers/x.yaml (same DOI)" when `paper` repeats a record."""
        return self.describe(
            self.owner(arxiv=paper.ids.arxiv, doi=paper.ids.doi, title=paper.title)
        )

    def describe(self, found: tuple[str, str] | None) -> str | None:
        """The message for an `owner` answer: where the paper already is, and what matched."""
        if found is None:
            return None
        record_id, what = found
        where = "added above as" if record_id in self._new else "already in the catalog as"
        return f"{where} {record_path(record_id)} (same {what})"


_KEY_NAMES = {"arxiv": "arXiv id", "doi": "DOI", "title": "title"}


def _identity(arxiv: str | None, doi: str | None, title: str | None) -> list[tuple[str, str]]:
    keys = []
    if arxiv:
        keys.append(("arxiv", arxiv))
    if doi:
        keys.append(("doi", doi))
    if title and title_key(title):
        keys.append(("title", title_key(title)))
    return keys


# --- combining answers -----------------------------------------------------------------------


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
    if not doi or not doi.startswith(_ARXIV_DOI_PREFIX):
        return None
    return arxiv_id_or_none(doi[len(_ARXIV_DOI_PREFIX) :])


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


# --- new records -----------------------------------------------------------------------------


@dataclass(frozen=True)
class NewRecord:
    """A record built from fetched metadata, with what its contributor should review."""

    paper: Paper
    suggested: dict[str, list[str]]
    missing: tuple[str, ...]
    notes: tuple[str, ...] = ()


def build_record(
    meta: WorkMetadata, taxonomy: Taxonomy, *, taken: set[str], today: dt.date
) -> NewRecord:
    """A new, unreviewed record for the paper `meta` describes; its id is unique in `taken`.

    Raises RecordError when there is no title or the data does not make a valid record.
    """
    if not meta.title:
        raise RecordError("the sources give no title for this paper")
    suggested = suggest_all(taxonomy, meta.title, meta.abstract)
    authors = list(meta.authors)
    data: dict[str, Any] = {
        "id": make_record_id(meta.title, meta.year, authors, taken),
        "title": meta.title,
        "authors": authors,
        "year": meta.year,
        "venue": meta.venue,
        "kind": suggested["kind"][0],
        "model": suggest_model(meta.title),
        "ids": _without_none({"arxiv": meta.arxiv, "doi": meta.doi}),
        "links": _without_none({"paper": landing_page(meta.arxiv, meta.doi), "code": meta.code}),
        "tasks": suggested["task"],
        "strategies": suggested["strategy"],
        "modalities": suggested["modality"],
        "reviewed": False,
        "added": today,
    }
    paper = validate_paper(_without_none(data), taxonomy)
    return NewRecord(paper, suggested, still_missing(paper))


def still_missing(paper: Paper) -> tuple[str, ...]:
    """What a contributor may want to add by hand to a new record."""
    names = ("authors", "year", "venue", "model", "links.code")
    return tuple(name for name in names if not _value_of(paper, name))


def _without_none(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value is not None}


def validate_paper(data: Mapping[str, Any], taxonomy: Taxonomy) -> Paper:
    """The Paper for `data`, checked against the taxonomy; RecordError lists what is wrong."""
    try:
        return Paper.model_validate(dict(data), context={"taxonomy": taxonomy})
    except ValidationError as error:
        problems = from_validation_error(error, Paper, "record", lambda _loc: 0)
        raise RecordError("; ".join(f"{p.field}: {p.message}" for p in problems)) from None


# --- filling existing records ----------------------------------------------------------------


@dataclass(frozen=True)
class Enrichment:
    """What enriching one record did: the record after, the fields filled, and remarks."""

    original: Paper
    paper: Paper
    filled: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.filled)


def _value_of(paper: Paper, name: str) -> Any:
    value: Any = paper
    for part in name.split("."):
        value = getattr(value, part)
    return value


def missing_fields(paper: Paper) -> tuple[str, ...]:
    """The fields `enrich` can fill that are empty in `paper`."""
    return tuple(name for name in ENRICHABLE if not _value_of(paper, name))


def _candidate(meta: WorkMetadata, name: str) -> Any:
    values: dict[str, Any] = {
        "authors": list(meta.authors),
        "year": meta.year,
        "venue": meta.venue,
        "ids.doi": meta.doi,
        "ids.arxiv": meta.arxiv,
        "links.code": meta.code,
    }
    return values[name]


def _with_value(data: dict[str, Any], name: str, value: Any) -> dict[str, Any]:
    updated = dict(data)
    if "." in name:
        group, key = name.split(".")
        updated[group] = {**updated.get(group, {}), key: value}
    else:
        updated[name] = value
    return updated


def fill_missing(
    paper: Paper, meta: WorkMetadata, taxonomy: Taxonomy, index: CatalogIndex | None = None
) -> Enrichment:
    """`paper` with its empty enrichable fields filled from `meta`; nothing else changes.

    Values a person wrote are kept even where the sources disagree (a differing arXiv id or
    DOI is noted, as it may be a mistake). An identifier another record already holds is not
    filled either: the two records are probably one paper.
    """
    data = paper.to_data()
    current = paper
    filled: list[str] = []
    notes: list[str] = []
    for name in ENRICHABLE:
        value = _candidate(meta, name)
        if not value:
            continue
        existing = _value_of(paper, name)
        if existing:
            if name.startswith("ids.") and existing != value:
                notes.append(f"{name} is {existing} here, {value} in the sources (kept)")
            continue
        if name.startswith("ids.") and index is not None:
            key = {"arxiv": value} if name == "ids.arxiv" else {"doi": value}
            owner = index.owner(**key, besides=paper.id)
            if owner is not None:
                notes.append(
                    f"{name} {value} not filled: {record_path(owner[0])} has it (same paper?)"
                )
                continue
        candidate = _with_value(data, name, value)
        try:
            current = validate_paper(candidate, taxonomy)
        except RecordError as error:
            notes.append(f"{name} from the sources not used: {error}")
            continue
        data = candidate
        filled.append(name)
    return Enrichment(paper, current, tuple(filled), tuple(notes))


# --- batched fetching ------------------------------------------------------------------------


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
