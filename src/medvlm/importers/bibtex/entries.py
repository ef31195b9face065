"""New records from the entries of a BibTeX file (Zotero, JabRef, DBLP, Google Scholar, ADS).

`import_bibtex(text, taxonomy, existing, today)` returns the records to create plus a report:
entries skipped (with key, line and reason), entries that are already in the catalog (naming
the record), and keys used twice in the file. Nothing is written here; the CLI writes the
records. A malformed entry never stops an import: it is reported as skipped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bibtexparser.model import (
    DuplicateBlockKeyBlock,
    Entry,
    ParsingFailedBlock,
)
from pydantic import ValidationError

from medvlm.catalog import Catalog
from medvlm.identifiers import make_record_id, title_key
from medvlm.importers.bibtex.fields import (
    entry_authors,
    entry_links,
    entry_text,
    entry_title,
    entry_year,
    failed_key,
    line_of,
    not_a_paper,
    venue_name,
)
from medvlm.importers.bibtex.parse import failure_reason, parse_bibtex
from medvlm.models import Paper, RecordError, Taxonomy
from medvlm.problems import from_validation_error
from medvlm.taxonomy import suggest_all, suggest_model

OTHER_TASK = "other"


@dataclass(frozen=True)
class BibRecord:
    """A record to create, from the entry `key` that starts on `line` (1-based)."""

    key: str
    line: int
    paper: Paper
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Skipped:
    """An entry that gives no record; `key` is "" when the entry has none."""

    key: str
    line: int
    reason: str


@dataclass(frozen=True)
class Duplicate:
    """An entry for a paper that already has record `existing` (same DOI, arXiv id or title).

    `in_catalog` is False when that record is one this import creates from an earlier entry.
    """

    key: str
    line: int
    existing: str
    same: str
    in_catalog: bool = True


@dataclass(frozen=True)
class DuplicateKey:
    """An entry whose key an earlier entry (on `first_line`) already used; it is ignored."""

    key: str
    line: int
    first_line: int


@dataclass
class BibImportResult:
    records: list[BibRecord] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    duplicate_keys: list[DuplicateKey] = field(default_factory=list)

    @property
    def papers(self) -> list[Paper]:
        return [record.paper for record in self.records]


@dataclass
class _Known:
    """Identities of the records an entry must not repeat: existing ones and new ones."""

    ids: set[str]
    by_identity: dict[tuple[str, str], tuple[str, bool]] = field(default_factory=dict)

    def add(self, paper: Paper, in_catalog: bool) -> None:
        self.ids.add(paper.id)
        for label, value in _identities(paper.ids.doi, paper.ids.arxiv, paper.title):
            self.by_identity.setdefault((label, value), (paper.id, in_catalog))

    def find(self, doi: str | None, arxiv: str | None, title: str) -> tuple[str, str, bool] | None:
        for label, value in _identities(doi, arxiv, title):
            if (label, value) in self.by_identity:
                record, in_catalog = self.by_identity[(label, value)]
                return label, record, in_catalog
        return None


def _identities(doi: str | None, arxiv: str | None, title: str) -> list[tuple[str, str]]:
    pairs = [("DOI", doi), ("arXiv id", arxiv), ("title", title_key(title))]
    return [(label, value) for label, value in pairs if value]


def _record_data(entry: Entry, title: str, taxonomy: Taxonomy) -> tuple[dict[str, Any], list[str]]:
    links = entry_links(entry)
    authors = entry_authors(entry)
    year = entry_year(entry, links.arxiv)
    # The same suggestions as `medvlm add`: RecordError when the taxonomy has no `other` task.
    terms = suggest_all(taxonomy, title, entry_text(entry, "abstract"))
    data: dict[str, Any] = {
        "title": title,
        "authors": authors,
        "year": year,
        "venue": venue_name(entry, links.arxiv),
        "kind": terms["kind"][0],
        "model": suggest_model(title),
        "ids": {"arxiv": links.arxiv, "doi": links.doi},
        "links": {"paper": links.paper, "pdf": links.pdf},
        "tasks": terms["task"],
        "strategies": terms["strategy"],
        "modalities": terms["modality"],
        "reviewed": False,
    }
    notes = list(links.notes)
    if terms["task"] == [OTHER_TASK]:
        notes.append(f"no task keyword in the title or abstract: task set to {OTHER_TASK!r}")
    if not authors:
        notes.append("no authors")
    if year is None:
        notes.append("no year")
    missing = entry.get_parser_metadata("crossref_missing")
    if missing:
        notes.append(f"crossref {missing!r} not found in the file")
    return data, notes


def _validation_reason(error: ValidationError, key: str, line: int) -> str:
    problems = from_validation_error(error, Paper, key, lambda _loc: line)
    return "; ".join(f"{problem.field}: {problem.message}" for problem in problems)


class _Importer:
    def __init__(self, taxonomy: Taxonomy, existing: Sequence[Paper], today: date) -> None:
        self.taxonomy = taxonomy
        self.today = today
        self.known = _Known(ids=set())
        for paper in existing:
            self.known.add(paper, in_catalog=True)
        self.result = BibImportResult()

    def failed(self, block: ParsingFailedBlock) -> None:
        line = line_of(block)
        if isinstance(block, DuplicateBlockKeyBlock):
            first = line_of(block.previous_block)
            self.result.duplicate_keys.append(DuplicateKey(block.key, line, first))
            return
        self.result.skipped.append(Skipped(failed_key(block), line, failure_reason(block)))

    def entry(self, entry: Entry) -> None:
        line = line_of(entry)
        skip = self._skip_reason(entry)
        if skip is not None:
            self.result.skipped.append(Skipped(entry.key, line, skip))
            return
        title = entry_title(entry)
        assert title is not None  # checked by _skip_reason
        try:
            data, notes = _record_data(entry, title, self.taxonomy)
        except RecordError as error:
            self.result.skipped.append(Skipped(entry.key, line, str(error)))
            return
        duplicate = self.known.find(data["ids"]["doi"], data["ids"]["arxiv"], title)
        if duplicate is not None:
            same, record, in_catalog = duplicate
            self.result.duplicates.append(Duplicate(entry.key, line, record, same, in_catalog))
            return
        data["id"] = make_record_id(title, data["year"], data["authors"], self.known.ids)
        data["added"] = self.today
        try:
            paper = Paper.model_validate(_without_empty(data), context={"taxonomy": self.taxonomy})
        except ValidationError as error:
            reason = _validation_reason(error, entry.key, line)
            self.result.skipped.append(Skipped(entry.key, line, reason))
            return
        self.known.add(paper, in_catalog=False)
        self.result.records.append(BibRecord(entry.key, line, paper, tuple(notes)))

    @staticmethod
    def _skip_reason(entry: Entry) -> str | None:
        if not entry.key.strip():
            return "entry has no key"
        if (reason := not_a_paper(entry)) is not None:
            return reason
        if entry_title(entry) is None:
            return "no title"
        return None


def _without_empty(data: dict[str, Any]) -> dict[str, Any]:
    cleaned = {}
    for key, value in data.items():
        if isinstance(value, dict):
            value = {inner: item for inner, item in value.items() if item is not None}
        if value is not None and value != {}:
            cleaned[key] = value
    return cleaned


def import_bibtex(
    text: str, taxonomy: Taxonomy, existing: Catalog | Sequence[Paper], today: date
) -> BibImportResult:
    """Records to create from the BibTeX `text`, and the report of what was not imported.

    Each record gets an id unique against `existing` and the other new records, taxonomy terms
    suggested from its title and abstract (task `other` when none), `reviewed: false` and
    `added: today`. Raises BibImportError when `text` holds no BibTeX entry at all.
    """
    papers = existing.papers if isinstance(existing, Catalog) else existing
    library = parse_bibtex(text)
    importer = _Importer(taxonomy, papers, today)
    for block in library.blocks:
        if isinstance(block, ParsingFailedBlock):
            importer.failed(block)
        elif isinstance(block, Entry):
            importer.entry(block)
    return importer.result
