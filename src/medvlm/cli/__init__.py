"""The `medvlm` command: parses arguments, calls the library, prints results.

Each command group lives in its own module with a `register(subparsers)` function; nothing
imports this package. Exit codes: 0 success, 1 problems found (or a failed operation), 2 usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from medvlm import __version__
from medvlm.cli import contrib, engine, exchange, linkcheck, site, status
from medvlm.problems import ProblemsError
from medvlm.sources.http import SourceError

_GROUPS = (engine, exchange, contrib, linkcheck, site, status)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="medvlm",
        description="Maintain the Awesome MedVLM catalog: validate records, build README and site.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--root",
        type=Path,
        default=Path.cwd(),
        help="catalog folder holding taxonomy.yaml and papers/ (default: current folder)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for group in _GROUPS:
        group.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.handler(args)
    except ProblemsError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 1
    except SourceError as error:  # e.g. an unusable MEDVLM_CACHE, met before any request
        print(error, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    return code


if __name__ == "__main__":
    sys.exit(main())
