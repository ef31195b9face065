"""`medvlm enrich --from-bib FILE`: BibTeX entries merged into the records they match, offline.

One line per entry, in file order: the record it matched and what it filled, or why not. An
entry the parser cannot read is a located error (`FILE:LINE: key: reason`), exit 1, and no
record is written.
"""

from __future__ import annotations

import argparse
import sys

from medvlm.cli.engine import load_checked, read_text
from medvlm.enrichment.frombib import BibMerge, EntryMerge, merge_bibtex
from medvlm.enrichment.index import record_path
from medvlm.importers.bibtex import BibImportError
from medvlm.problems import Problem, ProblemsError
from medvlm.writer import write_record


def run_from_bib(args: argparse.Namespace) -> int:
    if args.ids or args.only_missing:
        print(
            "medvlm enrich: --from-bib takes no record ids and no --only-missing", file=sys.stderr
        )
        return 2
    catalog = load_checked(args.root)
    if catalog is None:
        return 1
    source = str(args.from_bib)
    try:
        merge = merge_bibtex(read_text(args.from_bib), catalog.papers, catalog.taxonomy)
    except BibImportError as error:
        raise ProblemsError([Problem(source, 0, "", str(error))]) from None
    if merge.unreadable:
        problems = [Problem(source, s.line, s.key, s.reason) for s in merge.unreadable]
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"{source}: nothing written (fix the entries above, then run again)", file=sys.stderr)
        return 1
    for paper in merge.changed:
        try:
            write_record(catalog.root, paper)
        except OSError as error:
            message = f"cannot write: {error.strerror or error}"
            raise ProblemsError([Problem(record_path(paper.id), 0, "", message)]) from None
    for entry in merge.entries:
        head, notes = _entry_report(entry)
        print(f"{source}:{entry.line}: {head}")
        for note in notes:
            print(f"  note: {note}")
    print(_summary(merge))
    return 0


def _entry_report(entry: EntryMerge) -> tuple[str, tuple[str, ...]]:
    """The entry's line (after its location) and its notes."""
    key = entry.key or "(no key)"
    if entry.skipped is not None:
        return f"{key}: skipped: {entry.skipped}", ()
    if entry.record is None or entry.result is None:
        return f"{key}: no record has its arXiv id, DOI or title", ()
    result = entry.result
    done = f"filled {', '.join(result.filled)}" if result.changed else "nothing to fill"
    return f"{key}: {record_path(entry.record)} (same {entry.same}): {done}", result.notes


def _summary(merge: BibMerge) -> str:
    entries = merge.entries
    matched = [e for e in entries if e.result is not None]
    filled = [e for e in matched if e.result is not None and e.result.changed]
    unmatched = [e for e in entries if e.record is None and e.skipped is None]
    skipped = [e for e in entries if e.skipped is not None]
    records = len(merge.changed)
    parts = [
        f"{records} record{'s' if records != 1 else ''} enriched from {len(entries)} "
        f"entr{'ies' if len(entries) != 1 else 'y'}",
        f"{len(matched) - len(filled)} matched with nothing to fill",
        f"{len(unmatched)} unmatched",
    ]
    if skipped:
        parts.append(f"{len(skipped)} skipped")
    return "; ".join(parts)
