"""One record per work: rows that share an arXiv id, a DOI or a title (`medvlm.workkeys`) are
one paper, within the list (`group_rows`) and with the records already in the catalog
(`existing_for`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from medvlm.importers.report import Note, SeedReport
from medvlm.importers.rows import RowFacts
from medvlm.models import Paper
from medvlm.workkeys import Key, work_keys


class _Groups:
    """Union-find over rows sharing an identity key."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def join(self, first: int, second: int) -> None:
        a, b = self.find(first), self.find(second)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def group_rows(facts: Sequence[RowFacts]) -> list[list[RowFacts]]:
    """Rows that are one work, in the order of their first row."""
    groups = _Groups(len(facts))
    first_with: dict[tuple[str, str], int] = {}
    for index, fact in enumerate(facts):
        for key in fact.identity_keys():
            if key in first_with:
                groups.join(first_with[key], index)
            else:
                first_with[key] = index
    members: dict[int, list[RowFacts]] = {}
    for index, fact in enumerate(facts):
        members.setdefault(groups.find(index), []).append(fact)
    return [members[root] for root in sorted(members)]


def paper_keys(paper: Paper) -> list[Key]:
    return work_keys(paper.title, paper.ids.arxiv, paper.ids.doi)


def existing_for(
    group: Sequence[RowFacts], index: Mapping[tuple[str, str], str], report: SeedReport
) -> str | None:
    """The id of the catalog record a group of rows is, if any; two records is a conflict."""
    found: list[str] = []
    for fact in group:
        for key in fact.identity_keys():
            owner = index.get(key)
            if owner is not None and owner not in found:
                found.append(owner)
    if len(found) > 1:
        message = (
            f"rows match several records ({', '.join(found)}): merged into {found[0]} only; "
            "check whether the records are one paper"
        )
        report.notes.append(Note(group[0].row.line, group[0].label, message))
    return found[0] if found else None
