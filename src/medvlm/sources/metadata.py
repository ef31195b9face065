"""The neutral shape every metadata client returns, whatever service it asked.

Clients translate their service's vocabulary into `WorkMetadata`; callers (`medvlm add`, the
enrichment job) combine several answers with `merge_metadata` and decide what to write. No I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace


@dataclass(frozen=True)
class WorkMetadata:
    """What a service knows about one paper. Every field may be missing (None or empty).

    `authors` are written "Given Family"; `arxiv` is a bare arXiv id (no version) and `doi` a
    lower-case DOI without resolver, as `medvlm.identifiers` normalises them.
    """

    title: str | None = None
    authors: tuple[str, ...] = ()
    year: int | None = None
    venue: str | None = None
    arxiv: str | None = None
    doi: str | None = None
    abstract: str | None = None
    url: str | None = None
    code: str | None = None

    def missing(self) -> tuple[str, ...]:
        """Names of the fields that have no value."""
        return tuple(f.name for f in fields(self) if _is_empty(getattr(self, f.name)))


def merge_metadata(primary: WorkMetadata, secondary: WorkMetadata) -> WorkMetadata:
    """`primary` with each of its empty fields filled from `secondary`; values never mix."""
    filled = {
        name: getattr(secondary, name)
        for name in primary.missing()
        if not _is_empty(getattr(secondary, name))
    }
    return replace(primary, **filled) if filled else primary


def _is_empty(value: object) -> bool:
    return value is None or value == "" or value == ()
