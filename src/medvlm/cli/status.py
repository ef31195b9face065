"""`medvlm status`: the completeness report of the catalog (see completeness.py)."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from typing import Any

from medvlm.catalog import load_catalog
from medvlm.completeness import Completeness, DoiVenue, FieldReport, completeness, doi_venues

_WIDTH = 100


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    status = subparsers.add_parser(
        "status",
        help="report how complete the records are: per field, the share filled and who lacks it",
        description=(
            "For every measured field: the share of records that have it, the target, and the "
            "records missing it; then the records whose venue is still arXiv, and those whose "
            "own DOI names a venue they lack. A report: it exits 0 whatever the figures."
        ),
    )
    status.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    status.set_defaults(handler=run_status)


def _label(field: FieldReport) -> str:
    measure = field.measure
    return (
        measure.label
        if measure.population == "all records"
        else (f"{measure.label} ({measure.population})")
    )


def _ids(papers: list[Any]) -> str:
    return textwrap.fill(
        ", ".join(paper.id for paper in papers),
        width=_WIDTH,
        initial_indent="  ",
        subsequent_indent="  ",
        break_on_hyphens=False,
    )


def format_text(report: Completeness, doi_venue: list[DoiVenue]) -> str:
    """The report as a table of figures, then the records missing each field."""
    lines = [f"Completeness of {report.records} records", ""]
    labels = [_label(field) for field in report.fields]
    width = max(len(label) for label in labels)
    lines.append(f"{'field':<{width}}  {'filled':>14}  {'share':>6}  target")
    for label, field in zip(labels, report.fields, strict=True):
        figures = f"{field.filled} of {field.total}"
        verdict = "met" if field.met else "below"
        lines.append(
            f"{label:<{width}}  {figures:>14}  {field.percent:>6}"
            f"  {field.measure.target:>5}%  {verdict}"
        )
    lines.append(
        f"\nRecords with venue arXiv: {len(report.arxiv_venue)} "
        "(informational: check each for a peer-reviewed version of record)"
    )
    lines.append(
        f"Records whose own DOI names a venue they lack: {len(doi_venue)} "
        "(the venue is stale, or the DOI is another work's)"
    )
    for label, field in zip(labels, report.fields, strict=True):
        if field.missing:
            lines += ["", f"Missing {label} ({len(field.missing)}):", _ids(field.missing)]
    if report.arxiv_venue:
        lines += ["", f"Venue arXiv ({len(report.arxiv_venue)}):", _ids(report.arxiv_venue)]
    if doi_venue:
        lines += ["", f"Venue arXiv or none, but the DOI names one ({len(doi_venue)}):"]
        lines += [
            f"  {found.paper.id}: {found.paper.ids.doi} is {found.venue}" for found in doi_venue
        ]
    return "\n".join(lines) + "\n"


def format_json(report: Completeness, doi_venue: list[DoiVenue]) -> str:
    data = {
        "records": report.records,
        "fields": [
            {
                "field": field.measure.field,
                "label": field.measure.label,
                "population": field.measure.population,
                "total": field.total,
                "filled": field.filled,
                "share": round(field.share, 4),
                "target": field.measure.target / 100,
                "met": field.met,
                "missing": [paper.id for paper in field.missing],
            }
            for field in report.fields
        ],
        "arxiv_venue": [paper.id for paper in report.arxiv_venue],
        "doi_venue": [
            {"id": found.paper.id, "doi": found.paper.ids.doi, "venue": found.venue}
            for found in doi_venue
        ],
    }
    return json.dumps(data, indent=2) + "\n"


def run_status(args: argparse.Namespace) -> int:
    catalog = load_catalog(args.root)
    if catalog.problems:
        count = len(catalog.problems)
        print(
            f"{count} problem{'s' if count != 1 else ''} in the records (see `medvlm validate`): "
            "the report counts the valid records only",
            file=sys.stderr,
        )
    report = completeness(catalog.papers)
    found = doi_venues(catalog.papers)
    text = format_json(report, found) if args.format == "json" else format_text(report, found)
    sys.stdout.write(text)
    return 0
