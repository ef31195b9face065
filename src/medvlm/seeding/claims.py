"""Paper links that the rows of several works give: a list defect (a row copied from another
row). The work most rows (and records) give a link to keeps it, on a tie the work whose name
the rows' links spell; the rows that lose it lose the code link copied with it too."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from medvlm.identifiers import first_title_word
from medvlm.importers.report import Note, SeedReport
from medvlm.importers.rows import RowFacts, RowLink
from medvlm.models import Paper
from medvlm.taxonomy import suggest_model


def _name_word(title: str, model: str | None) -> str:
    """The word a paper is known by: its model name, else the first word of its title."""
    name = model or suggest_model(title) or first_title_word(title)
    return re.sub(r"[^a-z0-9]", "", name.casefold())


def _url_words(urls: Iterable[str]) -> set[str]:
    return {word for url in urls for word in re.split(r"[^a-z0-9]+", url.casefold()) if word}


class _LinkClaims:
    """Which works give each paper link. A paper link is one paper's: when rows of several
    works give the same one, the work most rows (and records) give it to keeps it; on a tie,
    the work whose name the rows' links spell (github.com/batmanlab/MedSyn: MedSyn); else
    every work keeps it and the report asks for a check."""

    def __init__(
        self, groups: Sequence[list[RowFacts]], owners: Sequence[str], existing: Sequence[Paper]
    ) -> None:
        self.counts: dict[str, Counter[str]] = {}
        self.names: dict[str, str] = {}
        self.code: dict[str, set[str]] = {}
        self.urls_with: dict[str, set[str]] = {}
        for group, owner in zip(groups, owners, strict=True):
            first = group[0]
            self.names[owner] = _name_word(first.title or "", first.model)
            self.code[owner] = {link.url for f in group for link in f.links if link.role == "code"}
            for fact in group:
                row_urls = {link.url for link in fact.links}
                for link in fact.links:
                    if link.role in ("paper", "pdf"):
                        self.counts.setdefault(link.url, Counter())[owner] += 1
                        self.urls_with.setdefault(link.url, set()).update(row_urls)
        for paper in existing:
            for url in (paper.links.paper, paper.links.pdf):
                if url and url in self.counts:
                    self.counts[url][paper.id] += 1
                    self.names.setdefault(paper.id, _name_word(paper.title, paper.model))
            if paper.links.code:
                self.code.setdefault(paper.id, set()).add(paper.links.code)

    def owner(self, url: str) -> str | None:
        """The work a contested paper link belongs to; None when it is not contested or
        cannot be told."""
        counts = self.counts.get(url, Counter())
        if len(counts) < 2:
            return None
        best = max(counts.values())
        leaders = [name for name, count in counts.items() if count == best]
        if len(leaders) > 1:
            words = _url_words(self.urls_with.get(url, set()))
            leaders = [name for name in leaders if self.names.get(name, "") in words] or leaders
        return leaders[0] if len(leaders) == 1 else None

    def contested(self, url: str) -> bool:
        return len(self.counts.get(url, Counter())) > 1


def settle_shared_links(
    groups: Sequence[list[RowFacts]],
    owners: Sequence[str],
    existing: Sequence[Paper],
    report: SeedReport,
) -> None:
    """Rows lose the paper links that belong to another work (see `_LinkClaims`); a row that
    loses one was copied from that work's row, and loses the copied code link too."""
    claims = _LinkClaims(groups, owners, existing)
    for group, owner in zip(groups, owners, strict=True):
        for fact in group:
            _drop_claimed(fact, owner, claims, report)


def _drop_claimed(fact: RowFacts, owner: str, claims: _LinkClaims, report: SeedReport) -> None:
    kept: list[RowLink] = []
    copied: set[str] = set()
    for link in fact.links:
        if link.role not in ("paper", "pdf") or not claims.contested(link.url):
            kept.append(link)
            continue
        winner = claims.owner(link.url)
        if winner is None or winner == owner:
            if winner is None:
                message = f"paper link {link.url} is also given for another paper; check it"
                report.notes.append(Note(fact.row.line, fact.label, message))
            kept.append(link)
            continue
        copied |= claims.code.get(winner, set())
        message = f"paper link {link.url} belongs to another paper in the lists: not kept"
        report.fixes.append(Note(fact.row.line, fact.label, message))
    final = []
    for link in kept:
        if link.role == "code" and link.url in copied:
            message = f"code link {link.url} was copied with that paper's link: not kept"
            report.fixes.append(Note(fact.row.line, fact.label, message))
            continue
        final.append(link)
    fact.links = final
