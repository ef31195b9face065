"""`medvlm add`: new records from arXiv ids, DOIs and BibTeX files, with fetched metadata."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import requests

from medvlm.catalog import Catalog
from medvlm.cli.engine import load_checked
from medvlm.enrichment.batches import enrich_papers, fetch_references, plan_enrichment
from medvlm.enrichment.index import CatalogIndex, record_path
from medvlm.enrichment.merge import Enrichment
from medvlm.enrichment.records import NewRecord, build_record, still_missing
from medvlm.enrichment.references import Reference, parse_reference
from medvlm.importers.bibtex import BibImportError, BibImportResult, import_bibtex
from medvlm.models import Paper, RecordError
from medvlm.sources.http import SourceError, SourcesConfig, make_session
from medvlm.sources.metadata import WorkMetadata
from medvlm.writer import dump_record, write_record

_AXES_SHOWN = ("task", "strategy", "modality")


@dataclass
class _Report:
    """What `add` did with its arguments, in order: one list for output, one for problems."""

    dry_run: bool
    added: list[Paper] = field(default_factory=list)
    failures: int = 0
    documents: list[str] = field(default_factory=list)

    def info(self, line: str) -> None:
        # A dry run's stdout is the YAML alone, so that it can be redirected to a file.
        print(line, file=sys.stderr if self.dry_run else sys.stdout)

    def fail(self, line: str) -> None:
        self.failures += 1
        print(line, file=sys.stderr)


@dataclass(frozen=True)
class _Argument:
    text: str
    reference: Reference | None = None
    bibtex: Path | None = None
    error: str | None = None


def _classify(text: str, index: CatalogIndex) -> _Argument:
    path = Path(text).expanduser()
    if text.lower().endswith(".bib") or path.is_file():
        if not path.is_file():
            return _Argument(text, error=f"{text}: no such BibTeX file")
        return _Argument(text, bibtex=path)
    try:
        reference = parse_reference(text)
    except ValueError as error:
        return _Argument(text, error=str(error))
    key = {"arxiv": reference.value} if reference.kind == "arxiv" else {"doi": reference.value}
    known = index.describe(index.owner(**key))
    if known is not None:
        return _Argument(text, error=f"{text}: {known}")
    return _Argument(text, reference=reference)


def run_add(args: argparse.Namespace) -> int:
    catalog = load_checked(args.root)
    if catalog is None:
        return 1
    config = SourcesConfig.from_env()  # a SourceError is reported by main()
    index = CatalogIndex(catalog.papers)
    arguments = [_classify(text, index) for text in dict.fromkeys(args.items)]
    report = _Report(dry_run=args.dry_run)
    today = dt.date.today()
    with make_session(config) as session:
        references = [a.reference for a in arguments if a.reference is not None]
        fetched = fetch_references(session, config, references) if references else {}
        for argument in arguments:
            if argument.error is not None:
                report.fail(argument.error)
            elif argument.reference is not None:
                found = fetched[argument.reference]
                _add_reference(argument.reference, found, catalog, index, report, today)
            elif argument.bibtex is not None:
                _add_bibtex(session, config, argument.bibtex, catalog, index, report, today)
    if report.dry_run and report.documents:
        print("---\n".join(report.documents), end="")
    _finish_add(report, len(arguments))
    return 1 if report.failures else 0


def _source_message(reference: Reference, error: SourceError) -> str:
    """The SourceError text, prefixed with what the user typed when it names something else."""
    if error.subject in (reference.value, reference.s2_id) and reference.text == reference.value:
        return str(error)
    return f"{reference.text}: {error}"


def _add_reference(
    reference: Reference,
    fetched: WorkMetadata | SourceError,
    catalog: Catalog,
    index: CatalogIndex,
    report: _Report,
    today: dt.date,
) -> None:
    if isinstance(fetched, SourceError):
        report.fail(_source_message(reference, fetched))
        return
    try:
        record = build_record(fetched, catalog.taxonomy, taken=index.taken, today=today)
    except RecordError as error:
        report.fail(f"{reference.text}: {error}")
        return
    duplicate = index.duplicate_message(record.paper)
    if duplicate is not None:
        report.fail(f"{reference.text}: {duplicate}")
        return
    _emit(catalog.root, record, index, report, origin=reference.label)


def _emit(
    root: Path, record: NewRecord, index: CatalogIndex, report: _Report, *, origin: str
) -> None:
    paper = record.paper
    if report.dry_run:
        report.documents.append(dump_record(paper))
        report.info(f"would add {record_path(paper.id)} ({origin})")
    else:
        try:
            write_record(root, paper)
        except OSError as error:
            report.fail(f"{record_path(paper.id)}: cannot write ({error.strerror or error})")
            return
        report.info(f"added {record_path(paper.id)} ({origin})")
    index.add(paper, new=True)
    report.added.append(paper)
    for line in _review_lines(record):
        report.info(f"  {line}")


def _terms(values: Sequence[str]) -> str:
    return ", ".join(values) if values else "none found"


def _review_lines(record: NewRecord) -> list[str]:
    paper = record.paper
    where = " ".join(str(part) for part in (paper.venue, paper.year) if part)
    lines = [f"{paper.title}" + (f" ({where})" if where else "")]
    terms = "; ".join(f"{axis} {_terms(record.suggested.get(axis, []))}" for axis in _AXES_SHOWN)
    lines.append(f"suggested terms to review: {terms}; kind {paper.kind}")
    if paper.model:
        lines.append(f"model name taken from the title: {paper.model}")
    if record.missing:
        lines.append(f"still missing: {', '.join(record.missing)}")
    lines.extend(f"note: {note}" for note in record.notes)
    return lines


def _finish_add(report: _Report, count: int) -> None:
    verb = "would add" if report.dry_run else "added"
    papers = len(report.added)
    summary = f"{verb} {papers} paper{'s' if papers != 1 else ''}"
    if report.failures:
        summary += f"; {report.failures} problem{'s' if report.failures != 1 else ''}"
        print(summary, file=sys.stderr)
    elif count > 1 or papers > 1:
        report.info(summary)
    if papers and not report.dry_run:
        report.info("next: check the suggested terms, set `reviewed: true`, run `medvlm validate`")


def _add_bibtex(
    session: requests.Session,
    config: SourcesConfig,
    path: Path,
    catalog: Catalog,
    index: CatalogIndex,
    report: _Report,
    today: dt.date,
) -> None:
    """Import the entries of a .bib file, fill their empty fields from the sources, emit them.

    All or nothing for the file as far as the network goes: if a source fails, no record of
    the file is written (a rerun finds the answers already received in the cache).
    """
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        report.fail(f"{shown}: not UTF-8 text")
        return
    except OSError as error:
        report.fail(f"{shown}: cannot read ({error.strerror or error})")
        return
    existing = [*catalog.papers, *report.added]
    try:
        imported = import_bibtex(text, catalog.taxonomy, existing, today)
    except BibImportError as error:
        report.fail(f"{shown}: {error}")
        return
    _report_bib_problems(shown, imported, report)
    try:
        enriched = _fill_bib_records(session, config, imported.papers, existing, catalog)
    except SourceError as error:
        count = len(imported.records)
        report.fail(f"{shown}: {error} ({count} record{'s' if count != 1 else ''} not added)")
        return
    for entry in imported.records:
        result = enriched.get(entry.paper.id)
        paper = result.paper if result is not None else entry.paper
        notes = (*entry.notes, *(result.notes if result is not None else ()))
        if result is not None and result.filled:
            notes = (*notes, f"filled from the sources: {', '.join(result.filled)}")
        record = NewRecord(paper, _record_terms(paper), still_missing(paper), notes)
        _emit(catalog.root, record, index, report, origin=f"{shown}:{entry.line} {entry.key}")


def _record_terms(paper: Paper) -> dict[str, list[str]]:
    return {"task": paper.tasks, "strategy": paper.strategies, "modality": paper.modalities}


def _report_bib_problems(shown: str, imported: BibImportResult, report: _Report) -> None:
    for skipped in imported.skipped:
        key = f" {skipped.key}" if skipped.key else ""
        report.fail(f"{shown}:{skipped.line}:{key} skipped: {skipped.reason}")
    for duplicate in imported.duplicates:
        where = "already in the catalog as" if duplicate.in_catalog else "same paper as"
        report.fail(
            f"{shown}:{duplicate.line}: {duplicate.key}: {where} "
            f"{record_path(duplicate.existing)} (same {duplicate.same})"
        )
    for repeated in imported.duplicate_keys:
        report.fail(
            f"{shown}:{repeated.line}: {repeated.key}: key already used on line "
            f"{repeated.first_line}; entry ignored"
        )


def _fill_bib_records(
    session: requests.Session,
    config: SourcesConfig,
    papers: list[Paper],
    existing: list[Paper],
    catalog: Catalog,
) -> dict[str, Enrichment]:
    """Imported records with their empty fields filled, by id (those with an id to look up).

    The index is a scratch one holding the file's records too: nothing the file brings may
    reach the command's index before the whole file succeeded.
    """
    plan = plan_enrichment(papers, only_missing=True)
    if not plan.todo:
        return {}
    scratch = CatalogIndex([*existing, *papers])
    results = enrich_papers(session, config, plan.todo, catalog.taxonomy, scratch)
    return {result.paper.id: result for result in results}
