"""`medvlm import ...` and `medvlm export`: bring papers in from other formats, write downloads.

`import` is a command with one sub-command per input format: `bib` (here) and `markdown`
(cli/importmd.py, which adds itself to the group through `add_markdown_command`).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from medvlm.catalog import Catalog, reading_order
from medvlm.cli.engine import load_checked, read_text, write_output
from medvlm.cli.importmd import add_markdown_command
from medvlm.importers.bibtex import BibImportError, BibImportResult, import_bibtex
from medvlm.problems import Problem, ProblemsError
from medvlm.render.exports import export_bibtex, export_csv, export_json
from medvlm.writer import write_record

EXPORTERS: dict[str, Callable[[Catalog], str]] = {
    "bibtex": lambda catalog: export_bibtex(reading_order(catalog.papers)),
    "csv": export_csv,
    "json": export_json,
}


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add `import bib` and `export` to the `medvlm` parser."""
    importer = subparsers.add_parser(
        "import",
        help="create records from a file in another format",
        description="Create records from a file in another format; see each FORMAT's help.",
    )
    formats = importer.add_subparsers(dest="import_format", metavar="FORMAT", required=True)
    bib_help = "create records for the entries of a BibTeX file not yet in the catalog"
    bib = formats.add_parser("bib", help=bib_help, description=bib_help)
    bib.add_argument("file", type=Path, metavar="FILE", help="the .bib file to import")
    bib.add_argument("--dry-run", action="store_true", help="report what would be created")
    bib.set_defaults(handler=run_import_bib)
    add_markdown_command(formats)

    export = subparsers.add_parser(
        "export", help="write the catalog as BibTeX, CSV or JSON (to stdout or a file)"
    )
    export.add_argument("--format", required=True, choices=sorted(EXPORTERS))
    export.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write to FILE instead of stdout"
    )
    export.set_defaults(handler=run_export)


# --- import bib -----------------------------------------------------------------------------


def _report_lines(result: BibImportResult, dry_run: bool) -> list[tuple[int, str]]:
    """One message per entry, with the entry's line, for the report in file order."""
    verb = "would create" if dry_run else "created"
    lines = []
    for record in result.records:
        notes = "".join(f"\n  note: {note}" for note in record.notes)
        lines.append((record.line, f"{record.key}: {verb} papers/{record.paper.id}.yaml{notes}"))
    for duplicate in result.duplicates:
        where = "already in the catalog" if duplicate.in_catalog else "from an earlier entry"
        message = f"same {duplicate.same} as {duplicate.existing} ({where}); not imported"
        lines.append((duplicate.line, f"{duplicate.key}: {message}"))
    for repeated in result.duplicate_keys:
        message = f"key already used on line {repeated.first_line}; entry ignored"
        lines.append((repeated.line, f"{repeated.key}: {message}"))
    for skipped in result.skipped:
        lines.append((skipped.line, f"{skipped.key or '(no key)'}: skipped: {skipped.reason}"))
    return sorted(lines)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _summary(result: BibImportResult, dry_run: bool) -> str:
    verb = "would be created" if dry_run else "created"
    return (
        f"{_count(len(result.records), 'record')} {verb}, "
        f"{len(result.duplicates)} already present, "
        f"{_count(len(result.duplicate_keys), 'repeated key')}, {len(result.skipped)} skipped"
    )


def _write_records(root: Path, source: Path, result: BibImportResult) -> None:
    """Write every new record, each atomically; none when any target exists already."""
    # Ids are unique against the loaded catalog; a file that appeared since is never replaced.
    clashes = []
    for record in result.records:
        name = f"papers/{record.paper.id}.yaml"
        if (root / name).exists():
            clashes.append(Problem(str(source), record.line, record.key, f"{name} exists already"))
    if clashes:
        raise ProblemsError(clashes)
    for record in result.records:
        try:
            write_record(root, record.paper)
        except OSError as error:
            message = f"cannot write papers/{record.paper.id}.yaml: {error.strerror or error}"
            raise ProblemsError([Problem(str(source), record.line, record.key, message)]) from None


def run_import_bib(args: argparse.Namespace) -> int:
    catalog = load_checked(args.root)
    if catalog is None:
        print("fix the catalog before importing; nothing written", file=sys.stderr)
        return 1
    text = read_text(args.file)
    try:
        result = import_bibtex(text, catalog.taxonomy, catalog, date.today())
    except BibImportError as error:
        raise ProblemsError([Problem(str(args.file), 0, "", str(error))]) from None
    if not args.dry_run:
        _write_records(args.root, args.file, result)
    for line, message in _report_lines(result, args.dry_run):
        print(f"{args.file}:{line}: {message}")
    print(_summary(result, args.dry_run))
    return 0


# --- export ---------------------------------------------------------------------------------


def run_export(args: argparse.Namespace) -> int:
    catalog = load_checked(args.root)
    if catalog is None:
        print("nothing exported", file=sys.stderr)
        return 1
    text = EXPORTERS[args.format](catalog)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    write_output(args.output, text, str(args.output), create_folders=False)
    print(f"{args.output}: {len(catalog.papers)} papers as {args.format}")
    return 0
