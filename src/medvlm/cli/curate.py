"""`medvlm curate FILE`: apply a batch of curated records (see curation.py) to papers/."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from medvlm.catalog import PAPERS_DIR
from medvlm.cli.engine import load_checked, write_output
from medvlm.curation import CurationPlan, plan_curation
from medvlm.models import Paper
from medvlm.problems import Problem, ProblemsError
from medvlm.scope.decisions import (
    SCOPE_FILE,
    Decision,
    decision_text,
    with_decisions,
)
from medvlm.writer import write_record
from medvlm.yamlfile import load_yaml


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    curate = subparsers.add_parser(
        "curate",
        help="apply a batch of curated records (facts checked against sources) to papers/",
        description=(
            "Each entry under `records:` gives a record's whole curated state, with the pages "
            "read in `evidence`: its fields replace the record's (a field left out was not "
            "confirmed and is emptied; id, sources and added are kept). Entries under "
            "`remove:` delete records that are not papers or are out of scope (with `reason` "
            "and `evidence`). The whole file is checked first: any problem is reported with "
            "its line and nothing is written."
        ),
    )
    curate.add_argument("file", type=Path, metavar="FILE", help="the curation batch (YAML)")
    curate.add_argument(
        "--check", action="store_true", help="check the batch against the catalog; write nothing"
    )
    curate.set_defaults(handler=run_curate)


def run_curate(args: argparse.Namespace) -> int:
    catalog = load_checked(args.root)
    if catalog is None:
        print("nothing written: the catalog has problems", file=sys.stderr)
        return 1
    shown = str(args.file)
    if not args.file.is_file():
        raise ProblemsError([Problem(shown, 0, "", "file not found")])
    document, problems = load_yaml(args.file, shown)
    plan = plan_curation(document, shown, catalog, dt.date.today()) if document else None
    problems = plan.problems if plan else problems
    if problems or plan is None:
        for problem in problems:
            print(problem, file=sys.stderr)
        count = len(problems)
        print(f"{count} problem{'s' if count != 1 else ''} found; nothing written", file=sys.stderr)
        return 1
    if args.check:
        print(f"{len(plan.papers)} records and {len(plan.removals)} removals would be applied")
        return 0
    for paper in plan.papers:
        try:
            write_record(args.root, paper)
        except OSError as error:
            raise _cannot("write", paper.id, error) from None
    by_id = catalog.by_id()
    _record_decisions(args.root, [by_id[removal.id] for removal in plan.removals], plan)
    for removal in plan.removals:
        try:
            (args.root / PAPERS_DIR / f"{removal.id}.yaml").unlink()
        except OSError as error:
            raise _cannot("remove", removal.id, error) from None
        print(f"removed {removal.id}: {removal.reason}")
    known = {paper.id for paper in catalog.papers}
    added = [paper.id for paper in plan.papers if paper.id not in known]
    for record_id in added:
        print(f"added {record_id}")
    curated = len(plan.papers) - len(added)
    print(f"{curated} records curated, {len(added)} added, {len(plan.removals)} removed")
    return 0


def _cannot(verb: str, record_id: str, error: OSError) -> ProblemsError:
    """A record file that could not be changed (a read-only folder, a full disk)."""
    message = f"cannot {verb}: {error.strerror or error}"
    return ProblemsError([Problem(f"{PAPERS_DIR}/{record_id}.yaml", 0, "", message)])


def _record_decisions(root: Path, removed: list[Paper], plan: CurationPlan) -> None:
    """Each removed record becomes an `out` decision in scope.yaml, so that importing a list
    again never brings it back. Written after the curated records (a failure writing one
    leaves scope.yaml as it was) and before any record is deleted."""
    if not removed:
        return
    reasons = {removal.id: removal for removal in plan.removals}
    entries = [
        decision_text(
            Decision(
                title=paper.title,
                ids=paper.ids,
                decision="out",
                reason=reasons[paper.id].reason,
                evidence=list(reasons[paper.id].evidence),
            ),
            comment=f"was papers/{paper.id}.yaml",
        )
        for paper in removed
    ]
    path = root / SCOPE_FILE
    current = path.read_text(encoding="utf-8") if path.exists() else ""
    write_output(path, with_decisions(current, entries), SCOPE_FILE)
