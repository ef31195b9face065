"""`medvlm add` and `medvlm enrich`: their arguments (the commands live in cli/add.py and
cli/enrich.py).

Both commands validate against the catalog first, fetch in batches through one polite, cached
session, and write each record atomically as soon as it is complete. Network failures are
one-line messages (`SourceError`), never tracebacks.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from medvlm.cli.add import run_add
from medvlm.cli.enrich import run_enrich


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add `add` and `enrich` to the `medvlm` parser."""
    add = subparsers.add_parser(
        "add",
        help="add papers by arXiv id, DOI, URL or BibTeX file, with fetched metadata",
        description=(
            "Fetch metadata from arXiv, Crossref and Semantic Scholar, suggest taxonomy terms, "
            "and write papers/<id>.yaml for each paper (reviewed: false)."
        ),
    )
    add.add_argument(
        "items",
        nargs="+",
        metavar="ARG",
        help="arXiv id or URL (2403.04290, arXiv:2403.04290v2, https://arxiv.org/abs/...), "
        "DOI or DOI URL, or a .bib file",
    )
    add.add_argument(
        "--dry-run", action="store_true", help="print the records as YAML; write nothing"
    )
    add.set_defaults(handler=run_add)

    enrich = subparsers.add_parser(
        "enrich",
        help="fill empty fields (authors, year, venue, DOI, arXiv id, code link) from the sources",
        description=(
            "Fill the empty fields of records from arXiv, Semantic Scholar and Crossref; a "
            "record with neither arXiv id nor DOI is first looked up by its exact title. "
            "Values already in a record are never replaced (with --from-bib, a preprint "
            "venue gives way to the published one); taxonomy terms are never touched. Where "
            "each filled value came from is added to the record's evidence."
        ),
    )
    enrich.add_argument("ids", nargs="*", metavar="ID", help="only these records (default: all)")
    enrich.add_argument(
        "--from-bib",
        type=Path,
        metavar="FILE",
        help="merge the entries of a BibTeX file into the records they match, offline",
    )
    enrich.add_argument(
        "--only-missing",
        action="store_true",
        help="skip records that have every field filled (no request for them)",
    )
    enrich.set_defaults(handler=run_enrich)
