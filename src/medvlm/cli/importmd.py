"""`medvlm import markdown FILE --source NAME`: seed the catalog from an awesome-list README.

`add_markdown_command(import_subparsers)` adds the command to the `medvlm import` group.
The handler reads the file, parses it (`medvlm.importers.markdown`), turns the rows into
records (`medvlm.importers.rows` reads each row, `medvlm.seeding` makes the records) under the
scope rule and the decisions of the catalog's scope.yaml (`medvlm.scope`), writes the new and
changed records (unless `--dry-run`) and prints the import's report.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from medvlm.cli.engine import load_checked, read_text
from medvlm.importers.markdown import parse_markdown
from medvlm.importers.report import Candidate
from medvlm.problems import Problem, ProblemsError
from medvlm.scope.decisions import SCOPE_FILE
from medvlm.seeding import COVERAGE, Note, SeedReport, SeedResult, seed_rows
from medvlm.writer import write_record

COMMAND = "import markdown"
_COVERAGE_NAMES = {
    "year": "year",
    "venue": "venue",
    "arxiv": "arXiv id",
    "doi": "DOI",
    "code": "code link",
}


def add_markdown_command(
    import_subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
    """Add `markdown FILE --source NAME [--dry-run] [--added DATE]` to `medvlm import`."""
    parser = import_subparsers.add_parser(
        "markdown",
        help="create or complete records from an awesome-list README (tables, bullet lists)",
        description=(
            "Create a record for every paper of an awesome-list README and complete the "
            "records already in the catalog: empty fields are filled, reviewed records keep "
            "everything else, records with evidence only gain the list as a source. Headings "
            "and task columns give the terms; links are canonicalised; venue and year are "
            "inferred from them. A new paper is written only when scope.yaml decides it is in "
            "scope, or its title and headings show medical images with language; the others "
            "are reported for a decision. Running it again changes nothing."
        ),
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="the markdown file to import")
    parser.add_argument(
        "--source",
        required=True,
        metavar="NAME",
        help="the list's id in taxonomy.yaml `sources:` (recorded as the records' provenance)",
    )
    parser.add_argument("--dry-run", action="store_true", help="print the report, write no record")
    parser.add_argument(
        "--added",
        type=_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="the `added:` date of new records (default: today)",
    )
    parser.set_defaults(handler=run_import_markdown)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (expected YYYY-MM-DD)") from None


def run_import_markdown(args: argparse.Namespace) -> int:
    catalog = load_checked(args.root)
    if catalog is None:
        print("fix the catalog before importing; nothing written", file=sys.stderr)
        return 1
    known = catalog.taxonomy.source_ids()
    if args.source not in known:
        names = ", ".join(known) if known else "none (add the list to `sources:` in taxonomy.yaml)"
        print(
            f"medvlm {COMMAND}: error: argument --source: unknown source {args.source!r}; "
            f"known sources: {names}",
            file=sys.stderr,
        )
        return 2
    parsed = parse_markdown(read_text(args.file))
    if not parsed.rows:
        message = "no papers found: no table with a title or link column, no list item with a link"
        raise ProblemsError([Problem(str(args.file), 0, "", message)])
    result = seed_rows(
        parsed.rows,
        source=args.source,
        taxonomy=catalog.taxonomy,
        existing=catalog.papers,
        added=args.added or dt.date.today(),
        scope=catalog.decisions,
        list_title=parsed.title,
    )
    if not args.dry_run:
        _write(args.root, args.file, result)
    for ignored in parsed.ignored:
        print(f"{args.file}:{ignored.line}: {ignored.reason}")
    for line in report_lines(str(args.file), result, dry_run=args.dry_run):
        print(line)
    return 0


def _write(root: Path, source: Path, result: SeedResult) -> None:
    """Write new and changed records, each atomically; a new record never replaces a file."""
    clashes = []
    for record in result.records:
        name = f"papers/{record.paper.id}.yaml"
        if record.created and (root / name).exists():
            line = record.lines[0] if record.lines else 0
            clashes.append(Problem(str(source), line, "", f"{name} exists already"))
    if clashes:
        raise ProblemsError(clashes)
    for paper in result.to_write:
        try:
            write_record(root, paper)
        except OSError as error:
            message = f"cannot write papers/{paper.id}.yaml: {error.strerror or error}"
            raise ProblemsError([Problem(str(source), 0, "", message)]) from None


def _percent(report: SeedReport, name: str) -> str:
    return f"{report.coverage.get(name, 0)} ({report.percent(name):.0f}%)"


def _section(file: str, heading: str, notes: list[Note]) -> list[str]:
    lines = [f"{heading}: {len(notes)}"]
    for note in sorted(notes, key=lambda n: n.line):
        where = f"{file}:{note.line}" if note.line else file
        lines.append(f"  {where}: {note.title}: {note.message}")
    return lines


def _candidates(file: str, heading: str, candidates: list[Candidate]) -> list[str]:
    lines = [f"{heading}: {len(candidates)}"]
    for candidate in sorted(candidates, key=lambda c: c.line):
        ids = ", ".join(
            f"{name} {value}"
            for name, value in (("arXiv", candidate.arxiv), ("DOI", candidate.doi))
            if value
        )
        lines.append(
            f"  {file}:{candidate.line}: {candidate.title!r} ({ids or 'no ids'}): {candidate.why}"
        )
    return lines


def report_lines(file: str, result: SeedResult, *, dry_run: bool) -> list[str]:
    """The report of an import, as printed: figures first, then the rows worth a look."""
    report = result.report
    styles = ", ".join(
        f"{count} {style} rows" for style, count in sorted(report.rows_by_style.items())
    )
    verb = "would be " if dry_run else ""
    rules = ", ".join(f"{rule} {count}" for rule, count in sorted(report.rule_counts.items()))
    coverage = ", ".join(f"{_COVERAGE_NAMES[name]} {_percent(report, name)}" for name in COVERAGE)
    lines = [
        f"{file}: {report.rows_read} rows read ({styles or 'none'}) from list {report.source}",
        f"records {verb}created: {report.created}",
        f"papers not written (scope): {len(report.undecided)} undecided, "
        f"{len(report.excluded)} out of scope by {SCOPE_FILE}",
        f"rows merged: {report.merged_rows} (a paper of the catalog or of an earlier row)",
        f"records already in the catalog: {report.existing_matched} matched, "
        f"{report.existing_changed} {verb}changed",
        f"links read: {report.links_read}; rules applied: {rules or 'none'}",
        f"expiring links: {report.rule_counts.get('signed-stripped', 0)} repaired (stable page "
        f"kept), {report.rule_counts.get('signed-dropped', 0)} dropped",
        f"records of this list: {report.records}; with {coverage}",
    ]
    lines += _section(file, "rows sent to task other", report.other)
    lines += _section(file, "rows skipped", report.skipped)
    lines += _section(file, "rows whose model name is kept as title", report.model_titles)
    lines += _section(file, "list defects fixed", report.fixes)
    lines += _section(file, "expiring links repaired", report.repaired)
    lines += _section(file, "links dropped", report.dropped)
    lines += _section(file, "to check", report.notes)
    lines += _candidates(file, "papers out of scope by " + SCOPE_FILE, report.excluded)
    lines += _candidates(
        file,
        f"papers to decide (no medical-image and language words; add each to {SCOPE_FILE} "
        "with decision in or out, a reason and evidence)",
        report.undecided,
    )
    return lines
