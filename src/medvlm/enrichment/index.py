"""The identity keys (id, arXiv id, DOI, normalised title) of a catalog's records: what finds a
duplicate before it is written, and the record an outside reference is about."""

from __future__ import annotations

from collections.abc import Iterable

from medvlm.models import Paper
from medvlm.workkeys import KEY_NAMES, identity_keys


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
        for key in identity_keys(paper.title, paper.ids.arxiv, paper.ids.doi):
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
        for key in identity_keys(title, arxiv, doi):
            found = self._keys.get(key)
            if found is not None and found != besides:
                return found, KEY_NAMES[key[0]]
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
