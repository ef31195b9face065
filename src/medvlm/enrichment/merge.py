"""The fill-only merge: a record's empty fields filled from fetched metadata, never replacing a
value a person wrote."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from medvlm.enrichment.index import CatalogIndex, record_path
from medvlm.enrichment.records import validate_paper, value_of
from medvlm.models import Paper, RecordError, Taxonomy
from medvlm.sources.metadata import WorkMetadata, is_published_venue

# The fields `medvlm enrich` may fill, as named in its summary (dotted like validation messages).
ENRICHABLE = ("authors", "year", "venue", "ids.doi", "ids.arxiv", "links.code")


# Where each of them is in the metadata the sources give.
_META_FIELDS = {
    "authors": "authors",
    "year": "year",
    "venue": "venue",
    "ids.doi": "doi",
    "ids.arxiv": "arxiv",
    "links.code": "code",
}


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

    def then(self, later: Enrichment) -> Enrichment:
        """This step followed by `later`, a step that started from this one's record."""
        return Enrichment(
            self.original,
            later.paper,
            (*self.filled, *later.filled),
            (*self.notes, *later.notes),
        )


def missing_fields(paper: Paper) -> tuple[str, ...]:
    """The fields `enrich` can fill that are empty in `paper`."""
    return tuple(name for name in ENRICHABLE if not value_of(paper, name))


def _candidate(meta: WorkMetadata, name: str) -> Any:
    value = getattr(meta, _META_FIELDS[name])
    return list(value) if isinstance(value, tuple) else value


def _with_value(data: dict[str, Any], name: str, value: Any) -> dict[str, Any]:
    updated = dict(data)
    if "." in name:
        group, key = name.split(".")
        updated[group] = {**updated.get(group, {}), key: value}
    else:
        updated[name] = value
    return updated


def fill_missing(
    paper: Paper,
    meta: WorkMetadata,
    taxonomy: Taxonomy,
    index: CatalogIndex | None = None,
    *,
    version_of_record: bool = False,
) -> Enrichment:
    """`paper` with its empty enrichable fields filled from `meta`; nothing else changes but
    `evidence`, which gains the page each filled value was taken from (`meta.page_of`).

    Values a person wrote are kept even where the sources disagree (a differing arXiv id or
    DOI is noted, as it may be a mistake). An identifier another record already holds is not
    filled either: the two records are probably one paper. With `version_of_record`, one
    value is replaced: a preprint server as venue ("arXiv"), when `meta` shows the paper
    published in a journal or proceedings; the venue and its year then both come from `meta`,
    since the version of record wins over the preprint.
    """
    data = paper.to_data()
    current = paper
    filled: list[str] = []
    notes: list[str] = []
    if version_of_record and _publishes_a_preprint(paper, meta):
        data, current, filled, notes = _take_version_of_record(data, paper, meta, taxonomy)
    for name in ENRICHABLE:
        value = _candidate(meta, name)
        if not value or name in filled:
            continue
        existing = value_of(current, name)
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
    if filled:
        current = _with_evidence(
            data, current, [meta.page_of(_META_FIELDS[n]) for n in filled], taxonomy, notes
        )
    return Enrichment(paper, current, tuple(filled), tuple(notes))


def _publishes_a_preprint(paper: Paper, meta: WorkMetadata) -> bool:
    return bool(paper.venue) and not is_published_venue(paper.venue) and meta.published


def _take_version_of_record(
    data: dict[str, Any], paper: Paper, meta: WorkMetadata, taxonomy: Taxonomy
) -> tuple[dict[str, Any], Paper, list[str], list[str]]:
    """The record with the published venue (and its year, when `meta` has one) in place of
    the preprint's."""
    changes = {"venue": meta.venue, "year": meta.year or paper.year}
    candidate = {**data, **{key: value for key, value in changes.items() if value is not None}}
    try:
        published = validate_paper(candidate, taxonomy)
    except RecordError as error:
        return data, paper, [], [f"published venue from the sources not used: {error}"]
    replaced = [
        name for name in ("year", "venue") if value_of(published, name) != value_of(paper, name)
    ]
    was = " ".join(str(part) for part in (paper.venue, paper.year) if part)
    now = " ".join(str(part) for part in (published.venue, published.year) if part)
    note = f"venue {was} replaced by {now}: the published version wins over the preprint"
    return candidate, published, replaced, [note]


def _with_evidence(
    data: dict[str, Any],
    paper: Paper,
    pages: list[str | None],
    taxonomy: Taxonomy,
    notes: list[str],
) -> Paper:
    """`paper` with the pages not yet in its evidence added after the ones it has."""
    added = [page for page in dict.fromkeys(pages) if page and page not in paper.evidence]
    if not added:
        return paper
    try:
        return validate_paper({**data, "evidence": [*paper.evidence, *added]}, taxonomy)
    except RecordError as error:
        notes.append(f"evidence not added: {error}")
        return paper
