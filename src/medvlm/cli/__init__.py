"""The `medvlm` command: parses arguments, calls the library, prints results.

Each command group lives in its own module with a `register(subparsers)` function; nothing
imports this package. Exit codes: 0 success, 1 problems found (or a failed operation), 2 usage.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

from medvlm import __version__
from medvlm.problems import OneLineError, ProblemsError

# Each command's group module (medvlm.cli.<group>), imported only when one of its commands
# runs: together the groups import HTTP clients, BibTeX and site tooling, half a second that
# `medvlm validate` should not pay. Listed in the order `medvlm --help` shows them.
COMMANDS: dict[str, str] = {
    "validate": "engine",
    "build": "engine",
    "import": "exchange",
    "export": "exchange",
    "add": "contrib",
    "enrich": "contrib",
    "curate": "curate",
    "links": "linkcheck",
    "site": "site",
    "serve": "site",
    "status": "status",
}


def _command_in(argv: Sequence[str]) -> str | None:
    """The command word of `argv` when it names one; None otherwise (help, or a typo)."""
    words = iter(argv)
    for word in words:
        if word == "--root":
            next(words, None)
        elif not word.startswith("-"):
            return word if word in COMMANDS else None
    return None


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The `medvlm` parser; with `argv`, only the group of the command it names is imported."""
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
    command = _command_in(sys.argv[1:] if argv is None else argv)
    groups = [COMMANDS[command]] if command else list(dict.fromkeys(COMMANDS.values()))
    for group in groups:
        importlib.import_module(f"medvlm.cli.{group}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    try:
        code: int = args.handler(args)
    except ProblemsError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 1
    except OneLineError as error:  # e.g. an unusable MEDVLM_CACHE, met before any request
        print(error, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    return code


if __name__ == "__main__":
    sys.exit(main())
