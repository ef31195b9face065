"""A new record from fetched metadata, with suggested taxonomy terms and what to review."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from medvlm.enrichment.combine import landing_page
from medvlm.identifiers import make_record_id
from medvlm.models import Paper, RecordError, Taxonomy
from medvlm.problems import from_validation_error
from medvlm.sources.metadata import WorkMetadata
from medvlm.taxonomy import suggest_all, suggest_model


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
    """A new, unreviewed record for the paper `meta` describes; its id is unique in `taken`,
    its evidence the pages its facts were taken from.

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
        "evidence": _evidence(meta),
        "reviewed": False,
        "added": today,
    }
    paper = validate_paper(_without_none(data), taxonomy)
    return NewRecord(paper, suggested, still_missing(paper))


# The facts a new record takes from the sources, in the order their pages are listed.
_FACTS = ("title", "authors", "year", "venue", "arxiv", "doi", "code")


def _evidence(meta: WorkMetadata) -> list[str]:
    """The pages the record's facts were taken from, primary source (the title's) first."""
    pages = (meta.page_of(name) for name in _FACTS if getattr(meta, name))
    return [page for page in dict.fromkeys(pages) if page]


def still_missing(paper: Paper) -> tuple[str, ...]:
    """What a contributor may want to add by hand to a new record."""
    names = ("authors", "year", "venue", "model", "links.code")
    return tuple(name for name in names if not value_of(paper, name))


def _without_none(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value is not None}


def validate_paper(data: Mapping[str, Any], taxonomy: Taxonomy) -> Paper:
    """The Paper for `data`, checked against the taxonomy; RecordError lists what is wrong."""
    try:
        return Paper.model_validate(dict(data), context={"taxonomy": taxonomy})
    except ValidationError as error:
        problems = from_validation_error(error, Paper, "record", lambda _loc: 0)
        raise RecordError("; ".join(f"{p.field}: {p.message}" for p in problems)) from None


def value_of(paper: Paper, name: str) -> Any:
    """The value of a field named as in messages ("links.code")."""
    value: Any = paper
    for part in name.split("."):
        value = getattr(value, part)
    return value
