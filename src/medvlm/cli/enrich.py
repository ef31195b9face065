"""`medvlm enrich`: empty fields of existing records filled from the metadata services, records
without an arXiv id or DOI identified by their exact title first (`--from-bib`: cli/frombib.py)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from medvlm.catalog import Catalog
from medvlm.cli.engine import load_checked
from medvlm.cli.frombib import run_from_bib
from medvlm.cli.progress import progress_bar
from medvlm.enrichment.batches import enrich_papers, plan_enrichment
from medvlm.enrichment.index import CatalogIndex, record_path
from medvlm.enrichment.merge import Enrichment
from medvlm.enrichment.titles import TitleLookup, identify_by_title
from medvlm.models import Paper
from medvlm.sources.http import SourceError, SourcesConfig, make_session
from medvlm.text import did_you_mean
from medvlm.writer import write_record


def run_enrich(args: argparse.Namespace) -> int:
    if args.from_bib is not None:
        return run_from_bib(args)
    catalog = load_checked(args.root)
    if catalog is None:
        return 1
    selected = _select(catalog, args.ids)
    if selected is None:
        return 1
    plan = plan_enrichment(selected, only_missing=args.only_missing)
    report = _Report(complete=plan.complete)
    if not plan.todo and not plan.unidentified:
        report.print_summary()
        return 0
    config = SourcesConfig.from_env()  # a SourceError is reported by main()
    index = CatalogIndex(catalog.papers)
    failure: str | None = None
    steps = len(plan.todo) + len(plan.unidentified)
    with make_session(config) as session, progress_bar("enriching", steps) as advance:
        try:
            found: dict[str, Enrichment] = {}
            for lookup in identify_by_title(
                session, config, plan.unidentified, catalog.taxonomy, index
            ):
                advance()
                if lookup.identified and lookup.result is not None:
                    found[lookup.paper.id] = lookup.result
                else:
                    report.unidentified.append(lookup)
            todo = [*plan.todo, *(result.paper for result in found.values())]
            for result in enrich_papers(session, config, todo, catalog.taxonomy, index):
                earlier = found.get(result.paper.id)
                if earlier is None:
                    advance()
                report.add(catalog.root, result if earlier is None else earlier.then(result))
        except SourceError as error:
            failure = str(error)
        except OSError as error:
            failure = f"cannot write a record: {error}"
    report.print_summary()
    if failure is not None:
        print(f"stopped: {failure}", file=sys.stderr)
        changed = len(report.changed)
        done = (
            f"{changed} record{'s' if changed != 1 else ''} enriched before the failure are written"
            if changed
            else "no record was changed"
        )
        print(
            f"{done}; run the same command again to continue (answers already received "
            "come from the HTTP cache)",
            file=sys.stderr,
        )
        return 1
    return 0


@dataclass
class _Report:
    """What `enrich` did, record by record, for the summary it prints at the end."""

    complete: list[Paper]
    changed: list[Enrichment] = field(default_factory=list)
    noted: list[Enrichment] = field(default_factory=list)
    unidentified: list[TitleLookup] = field(default_factory=list)
    checked: int = 0

    def add(self, root: Path, result: Enrichment) -> None:
        """Count a record the sources were asked about; write it if it changed."""
        if result.changed:
            write_record(root, result.paper)
            self.changed.append(result)
        if result.notes:
            self.noted.append(result)
        self.checked += 1

    def print_summary(self) -> None:
        if self.changed:
            count = len(self.changed)
            print(f"filled empty fields of {count} record{'s' if count != 1 else ''}:")
            for result in sorted(self.changed, key=lambda result: result.paper.id):
                print(f"  {record_path(result.paper.id)}: {', '.join(result.filled)}")
        notes = list(self.noted)
        notes += [lookup.result for lookup in self.unidentified if lookup.result is not None]
        for result in sorted(notes, key=lambda result: result.paper.id):
            for note in result.notes:
                print(f"note: {record_path(result.paper.id)}: {note}")
        checked = self.checked
        parts = [f"checked {checked} record{'s' if checked != 1 else ''}"]
        parts.append(f"{len(self.changed)} enriched, {checked - len(self.changed)} unchanged")
        if self.complete:
            parts.append(f"{len(self.complete)} skipped with nothing missing")
        if self.unidentified:
            count = len(self.unidentified)
            parts.append(
                f"{count} without an arXiv id or DOI that no source has under "
                f"{'its' if count == 1 else 'their'} title"
            )
        print("; ".join(parts))


def _select(catalog: Catalog, ids: Sequence[str]) -> list[Paper] | None:
    """The records named by `ids` (all when none); None after reporting unknown ids."""
    papers = sorted(catalog.papers, key=lambda paper: paper.id)
    if not ids:
        return papers
    by_id = {paper.id: paper for paper in papers}
    unknown = [record_id for record_id in dict.fromkeys(ids) if record_id not in by_id]
    for record_id in unknown:
        print(f"no record {record_id!r}{did_you_mean(record_id, by_id)}", file=sys.stderr)
    if unknown:
        return None
    return [by_id[record_id] for record_id in dict.fromkeys(ids)]
