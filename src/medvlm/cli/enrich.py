"""`medvlm enrich`: empty fields of existing records filled from the metadata services."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from medvlm.catalog import Catalog
from medvlm.cli.engine import load_checked
from medvlm.cli.progress import progress_bar
from medvlm.enrichment.batches import enrich_papers, plan_enrichment
from medvlm.enrichment.index import CatalogIndex, record_path
from medvlm.enrichment.merge import Enrichment
from medvlm.models import Paper
from medvlm.sources.http import SourceError, SourcesConfig, make_session
from medvlm.text import did_you_mean
from medvlm.writer import write_record


def run_enrich(args: argparse.Namespace) -> int:
    catalog = load_checked(args.root)
    if catalog is None:
        return 1
    selected = _select(catalog, args.ids)
    if selected is None:
        return 1
    plan = plan_enrichment(selected, only_missing=args.only_missing)
    if not plan.todo:
        _print_enrich_summary(plan.complete, plan.unidentified, [], [], 0)
        return 0
    config = SourcesConfig.from_env()  # a SourceError is reported by main()
    index = CatalogIndex(catalog.papers)
    changed: list[Enrichment] = []
    noted: list[Enrichment] = []
    checked = 0
    failure: str | None = None
    with make_session(config) as session, progress_bar("enriching", len(plan.todo)) as advance:
        try:
            for result in enrich_papers(session, config, plan.todo, catalog.taxonomy, index):
                if result.changed:
                    write_record(catalog.root, result.paper)
                    changed.append(result)
                if result.notes:
                    noted.append(result)
                checked += 1
                advance()
        except SourceError as error:
            failure = str(error)
        except OSError as error:
            failure = f"cannot write a record: {error}"
    _print_enrich_summary(plan.complete, plan.unidentified, changed, noted, checked)
    if failure is not None:
        print(f"stopped: {failure}", file=sys.stderr)
        done = (
            f"{len(changed)} record{'s' if len(changed) != 1 else ''} enriched before the "
            "failure are written"
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


def _print_enrich_summary(
    complete: list[Paper],
    unidentified: list[Paper],
    changed: list[Enrichment],
    noted: list[Enrichment],
    checked: int,
) -> None:
    if changed:
        print(f"filled empty fields of {len(changed)} record{'s' if len(changed) != 1 else ''}:")
        for result in changed:
            print(f"  {record_path(result.paper.id)}: {', '.join(result.filled)}")
    for result in noted:
        for note in result.notes:
            print(f"note: {record_path(result.paper.id)}: {note}")
    parts = [f"checked {checked} record{'s' if checked != 1 else ''}"]
    parts.append(f"{len(changed)} enriched, {checked - len(changed)} unchanged")
    if complete:
        parts.append(f"{len(complete)} skipped with nothing missing")
    if unidentified:
        parts.append(f"{len(unidentified)} without an arXiv id or DOI to look up")
    print("; ".join(parts))
