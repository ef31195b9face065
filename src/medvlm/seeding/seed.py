"""`seed_rows`: the rows of one list to records, merged with the catalog (the whole import).

Rows are read (importers/rows.py), grouped into works (grouping.py), cleared of paper links
that belong to another work (claims.py), summed up per work (works.py), and made into new
records or merged into existing ones (records.py); a work that would be a new record passes
the scope rule first (scopegate.py); the review a list accompanies gets the list as a source
too. Nothing is written: the command writes `SeedResult.to_write`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from pydantic import ValidationError

from medvlm.importers.entries import Row
from medvlm.importers.report import Note, SeedReport
from medvlm.importers.rows import RowFacts, RowReader
from medvlm.models import Paper, Taxonomy
from medvlm.problems import from_validation_error
from medvlm.scope.decisions import ScopeDecisions
from medvlm.seeding.claims import settle_shared_links
from medvlm.seeding.grouping import existing_for, group_rows, paper_keys
from medvlm.seeding.records import merged, new_record, validated_paper
from medvlm.seeding.results import (
    SeedError,
    SeedRecord,
    SeedResult,
    final_counts,
    note_merged_titles,
    report_other,
    report_work,
)
from medvlm.seeding.scopegate import ScopeGate
from medvlm.seeding.works import Work, work_of


def seed_rows(
    rows: Sequence[Row],
    *,
    source: str,
    taxonomy: Taxonomy,
    existing: Sequence[Paper],
    added: dt.date,
    scope: ScopeDecisions | None = None,
    list_title: str | None = None,
) -> SeedResult:
    """The records the rows of list `source` give, merged with the `existing` catalog.

    `scope`: the catalog's scope decisions, and with them the scope rule (scopegate.py) for
    works that would be new records; None applies no scope rule (the command always gives
    the catalog's decisions, possibly none). `list_title`: the list's own title, read for
    terms (a pathology list's entries are pathology), not for the scope rule (it would speak
    for every entry).

    Raises SeedError when `source` is not a source of the taxonomy.
    """
    if source not in taxonomy.source_ids():
        known = ", ".join(taxonomy.source_ids()) or "none"
        raise SeedError(f"unknown source {source!r}; known sources: {known}")
    report = SeedReport(source=source)
    reader = RowReader(taxonomy, report, list_title)
    facts: list[RowFacts] = []
    for row in rows:
        report.rows_read += 1
        report.rows_by_style[row.style] += 1
        fact = reader.read(row)
        if fact is not None:
            facts.append(fact)
    index: dict[tuple[str, str], str] = {}
    for paper in existing:
        for key in paper_keys(paper):
            index.setdefault(key, paper.id)
    groups = group_rows(facts)
    matched = [existing_for(group, index, report) for group in groups]
    owners = [
        found or f"#row{group[0].row.line}" for group, found in zip(groups, matched, strict=True)
    ]
    settle_shared_links(groups, owners, existing, report)
    note_merged_titles(groups, report)
    gate = ScopeGate(taxonomy, scope, report) if scope is not None else None
    builder = _Builder(taxonomy, source, added, existing, index, report, gate)
    for group, found in zip(groups, matched, strict=True):
        builder.add(group, found)
    records = builder.records + _review_source(source, taxonomy, builder.by_id, builder.records)
    final_counts(records, report)
    report_other(records, report)
    return SeedResult(records, report)


class _Builder:
    """Makes or merges the record of each group of rows, keeping ids and identity keys unique."""

    def __init__(
        self,
        taxonomy: Taxonomy,
        source: str,
        added: dt.date,
        existing: Sequence[Paper],
        index: dict[tuple[str, str], str],
        report: SeedReport,
        gate: ScopeGate | None,
    ) -> None:
        self.taxonomy, self.source, self.added = taxonomy, source, added
        self.index, self.report, self.gate = index, report, gate
        self.by_id = {paper.id: paper for paper in existing}
        self.taken = set(self.by_id)
        self.records: list[SeedRecord] = []
        self.position: dict[str, int] = {}  # record id -> index in `records`

    def add(self, group: list[RowFacts], found: str | None) -> None:
        work = work_of(group, self.taxonomy)
        if found is None:
            if self.gate is None or self.gate.admits(work, group):
                self._create(work, group)
            return
        before = self.by_id[found]
        at = self.position.get(found)
        # Several groups can be one record (matched by different keys): merge into the latest.
        current = self.records[at].paper if at is not None else before
        paper = merged(current, work, self.taxonomy, self.source, self.index, self.report)
        self.report.merged_rows += len(group)
        if at is None:
            self.position[found] = len(self.records)
            self.records.append(SeedRecord(paper, before, work.lines))
        else:
            self.records[at] = SeedRecord(paper, before, (*self.records[at].lines, *work.lines))

    def _create(self, work: Work, group: Sequence[RowFacts]) -> None:
        report_work(work, group, self.report)
        try:
            paper = new_record(work, self.taxonomy, self.source, self.added, self.taken)
        except ValidationError as error:
            first = from_validation_error(error, Paper, work.title, lambda _loc: 0)[0]
            message = f"no valid record: {first.field}: {first.message}"
            self.report.skipped.append(Note(work.first_line(), work.title, message))
            return
        self.taken.add(paper.id)
        for key in paper_keys(paper):
            self.index.setdefault(key, paper.id)
        self.records.append(SeedRecord(paper, None, work.lines))
        self.report.created += 1
        self.report.merged_rows += len(group) - 1


def _review_source(
    source: str, taxonomy: Taxonomy, by_id: Mapping[str, Paper], records: Sequence[SeedRecord]
) -> list[SeedRecord]:
    """The review a list accompanies records the list as its source (provenance)."""
    review = next((s.review for s in taxonomy.sources if s.id == source), None)
    if review is None or review not in by_id or any(r.paper.id == review for r in records):
        return []
    paper = by_id[review]
    if source in paper.sources:
        return [SeedRecord(paper, paper, ())]
    updated = validated_paper({**paper.to_data(), "sources": [*paper.sources, source]}, taxonomy)
    return [SeedRecord(updated, paper, ())]
