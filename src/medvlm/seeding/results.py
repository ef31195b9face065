"""What seeding gives: the records a list maps to (`SeedRecord`, created or merged), the result
(`SeedResult`) and the report's figures and notes that need the whole import (`final_counts`,
`report_other`, `note_merged_titles`, `report_work`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from medvlm.identifiers import title_key
from medvlm.importers.report import Note, SeedReport
from medvlm.importers.rows import RowFacts
from medvlm.models import Paper
from medvlm.seeding.works import OTHER_TASK, Work


@dataclass(frozen=True)
class SeedRecord:
    """A record the list maps to: `before` is None for a new record."""

    paper: Paper
    before: Paper | None
    lines: tuple[int, ...]

    @property
    def created(self) -> bool:
        return self.before is None

    @property
    def changed(self) -> bool:
        return self.before is None or self.before != self.paper


@dataclass
class SeedResult:
    records: list[SeedRecord]
    report: SeedReport

    @property
    def to_write(self) -> list[Paper]:
        """The records to write: new ones and those the merge changed, in list order."""
        return [record.paper for record in self.records if record.changed]


class SeedError(ValueError):
    """The inputs cannot be seeded at all (an unknown source)."""


def note_merged_titles(groups: Sequence[list[RowFacts]], report: SeedReport) -> None:
    """Rows joined by an arXiv id or DOI although their titles differ: worth a look."""
    for group in groups:
        keys = {title_key(fact.title) for fact in group if fact.title}
        if len(keys) > 1:
            lines = ", ".join(str(fact.row.line) for fact in group)
            message = f"rows {lines} share an arXiv id or DOI but not their title: one record"
            report.notes.append(Note(group[0].row.line, group[0].label, message))


def report_work(work: Work, group: Sequence[RowFacts], report: SeedReport) -> None:
    """The list defects corrected in a new record's values (title, model, domain)."""
    line = work.first_line()
    for fix in work.title_fixes:
        report.fixes.append(Note(line, group[0].label, fix))
    for other in (work.model_fix, work.domain_fix):
        if other:
            report.fixes.append(Note(line, work.title, other))


def report_other(records: Sequence[SeedRecord], report: SeedReport) -> None:
    """New records whose rows map to no task: they go to task other."""
    for record in records:
        if record.created and record.paper.tasks == [OTHER_TASK]:
            message = "no heading or task column maps to a task: task other"
            report.other.append(Note(record.lines[0], record.paper.title, message))


def final_counts(records: Sequence[SeedRecord], report: SeedReport) -> None:
    """The records of the list, matched and changed, and the shares with each field."""
    listed = [record.paper for record in records if record.lines]
    report.records = len(listed)
    report.existing_matched = sum(1 for record in records if record.lines and not record.created)
    report.existing_changed = sum(1 for record in records if not record.created and record.changed)
    report.coverage = {
        "year": sum(paper.year is not None for paper in listed),
        "venue": sum(paper.venue is not None for paper in listed),
        "arxiv": sum(paper.ids.arxiv is not None for paper in listed),
        "doi": sum(paper.ids.doi is not None for paper in listed),
        "code": sum(paper.links.code is not None for paper in listed),
    }
