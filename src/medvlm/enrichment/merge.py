"""The fill-only merge: a record's empty fields filled from fetched metadata, never replacing a
value a person wrote."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from medvlm.enrichment.index import CatalogIndex, record_path
from medvlm.enrichment.records import validate_paper, value_of
from medvlm.models import Paper, RecordError, Taxonomy
from medvlm.sources.metadata import WorkMetadata

# The fields `medvlm enrich` may fill, as named in its summary (dotted like validation messages).
ENRICHABLE = ("authors", "year", "venue", "ids.doi", "ids.arxiv", "links.code")


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


def missing_fields(paper: Paper) -> tuple[str, ...]:
    """The fields `enrich` can fill that are empty in `paper`."""
    return tuple(name for name in ENRICHABLE if not value_of(paper, name))


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
        existing = value_of(paper, name)
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
