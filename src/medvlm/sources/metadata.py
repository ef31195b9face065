"""The neutral shape every metadata client returns, whatever service it asked. No I/O.

Clients translate their service's vocabulary into `WorkMetadata`; callers (`medvlm add`, the
enrichment job) combine several answers and decide what to write, and record where each fact
they write came from (`page_of`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from medvlm.identifiers import title_key

# Servers that post papers before (or without) peer review: their name as a venue says
# "preprint", and a journal or proceedings venue is the version of record.
PREPRINT_SERVERS = frozenset(
    {"arxiv", "biorxiv", "medrxiv", "techrxiv", "chemrxiv", "ssrn", "research square"}
)


@dataclass(frozen=True)
class WorkMetadata:
    """What a service knows about one paper. Every field may be missing (None or empty).

    `authors` are written "Given Family"; `arxiv` is a bare arXiv id (no version) and `doi` a
    lower-case DOI without resolver, as `medvlm.identifiers` normalises them. `url` is the page
    where a reader can check these facts: the arXiv abstract page, https://doi.org/<doi> for
    Crossref, the Semantic Scholar paper page. Metadata combined from several answers names the
    page of each field's answer in `pages` (by field name).
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
    pages: Mapping[str, str] = field(default_factory=dict, hash=False)

    def page_of(self, name: str) -> str | None:
        """Where the value of field `name` can be checked."""
        return self.pages.get(name) or self.url

    @property
    def published(self) -> bool:
        """Whether the venue is a journal or proceedings (the version of record), not a
        preprint server."""
        return is_published_venue(self.venue)


def is_published_venue(venue: str | None) -> bool:
    """Whether `venue` names a journal or proceedings rather than a preprint server."""
    return venue is not None and venue.strip() != "" and venue.casefold() not in PREPRINT_SERVERS


def with_title(candidates: Iterable[WorkMetadata], title: str) -> WorkMetadata | None:
    """The first candidate whose title is `title` once normalised (case, accents, punctuation
    and spacing ignored); None when none is. A search hit with a merely similar title is
    another paper as often as not, so nothing looser is accepted."""
    wanted = title_key(title)
    if not wanted:
        return None
    return next(
        (meta for meta in candidates if meta.title and title_key(meta.title) == wanted), None
    )
