"""What importing a paper list reports: the figures the command prints and the rows worth a
look (`Note`), filled in as rows are read (importers/rows.py) and merged (medvlm.seeding)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

# The shares of the list's records the report gives (records with a year, a venue ...).
Coverage = Literal["year", "venue", "arxiv", "doi", "code"]
COVERAGE: tuple[Coverage, ...] = ("year", "venue", "arxiv", "doi", "code")


@dataclass(frozen=True)
class Note:
    """Something the report says about a row (`line` 0: about no single row)."""

    line: int
    title: str
    message: str


@dataclass(frozen=True)
class Candidate:
    """A work the list would add that the scope rule holds back: its first line, title and
    ids, and why (no medical-image or language word; or the decision that excludes it)."""

    line: int
    title: str
    arxiv: str | None
    doi: str | None
    why: str


@dataclass
class SeedReport:
    """What an import did, for the summary the command prints."""

    source: str
    rows_read: int = 0
    rows_by_style: Counter[str] = field(default_factory=Counter)
    created: int = 0
    merged_rows: int = 0
    existing_matched: int = 0
    existing_changed: int = 0
    links_read: int = 0
    rule_counts: Counter[str] = field(default_factory=Counter)
    repaired: list[Note] = field(default_factory=list)
    dropped: list[Note] = field(default_factory=list)
    records: int = 0
    coverage: dict[str, int] = field(default_factory=dict)
    other: list[Note] = field(default_factory=list)
    skipped: list[Note] = field(default_factory=list)
    model_titles: list[Note] = field(default_factory=list)
    fixes: list[Note] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    undecided: list[Candidate] = field(default_factory=list)
    excluded: list[Candidate] = field(default_factory=list)

    def percent(self, name: str) -> float:
        return 100.0 * self.coverage.get(name, 0) / self.records if self.records else 0.0
