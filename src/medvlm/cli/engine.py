"""`medvlm validate` and `medvlm build`: check the records, regenerate README.md and the schema."""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path
from typing import Any

from medvlm.catalog import Catalog, load_catalog
from medvlm.problems import Problem, ProblemsError
from medvlm.render.readme import render_readme
from medvlm.schema import SCHEMA_PATH, render_schema
from medvlm.writer import write_atomic

README = "README.md"
TEMPLATES = "templates"
_DIFF_LINES = 40


def write_output(path: Path, text: str, shown: str, *, create_folders: bool = True) -> None:
    """Write a generated file atomically; a failure is a problem naming it as `shown`."""
    try:
        write_atomic(path, text, create_folders=create_folders)
    except OSError as error:
        message = f"cannot write: {error.strerror or error}"
        raise ProblemsError([Problem(shown, 0, "", message)]) from None


def read_text(path: Path) -> str:
    """A file the user names, as text; an unreadable one is a located problem, not a
    traceback."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        message = f"not UTF-8 text (byte {error.start}); save the file as UTF-8"
    except IsADirectoryError:
        message = "is a folder, not a file"
    except OSError as error:
        message = f"cannot read: {error.strerror or error}"
    raise ProblemsError([Problem(str(path), 0, "", message)])


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    validate = subparsers.add_parser(
        "validate", help="check every record and report all problems, one per line"
    )
    validate.set_defaults(handler=run_validate)
    build = subparsers.add_parser("build", help="regenerate README.md and the record schema")
    build.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 and show what differs when generated files are stale",
    )
    build.set_defaults(handler=run_build)


def load_checked(root: Path) -> Catalog | None:
    """The catalog when it has no problems; otherwise print them all and return None."""
    catalog = load_catalog(root)
    for problem in catalog.problems:
        print(problem, file=sys.stderr)
    if catalog.problems:
        count = len(catalog.problems)
        print(f"{count} problem{'s' if count != 1 else ''} found", file=sys.stderr)
        return None
    return catalog


def run_validate(args: argparse.Namespace) -> int:
    catalog = load_checked(args.root)
    if catalog is None:
        return 1
    print(f"{len(catalog.papers)} records valid")
    return 0


def generated_files(catalog: Catalog) -> dict[str, str]:
    """Every file `build` owns, by path relative to the catalog root, fully rendered."""
    return {
        README: render_readme(catalog, catalog.root / TEMPLATES),
        SCHEMA_PATH: render_schema(catalog.taxonomy),
    }


def _current(root: Path, name: str) -> str:
    """A generated file as it is now: "" when absent or not UTF-8 text (it is then stale)."""
    path = root / name
    if not path.exists():
        return ""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return ""
    except OSError as error:
        raise ProblemsError([Problem(name, 0, "", f"cannot read: {error.strerror}")]) from None


def _stale(root: Path, name: str, expected: str) -> list[str]:
    current = _current(root, name)
    if current == expected:
        return []
    diff = list(
        difflib.unified_diff(
            current.splitlines(),
            expected.splitlines(),
            f"{name} (committed)",
            f"{name} (from records)",
            lineterm="",
        )
    )
    shown = diff[:_DIFF_LINES]
    if len(diff) > _DIFF_LINES:
        shown.append(f"... {len(diff) - _DIFF_LINES} more diff lines")
    return shown


def run_build(args: argparse.Namespace) -> int:
    catalog = load_checked(args.root)
    if catalog is None:
        print("nothing written", file=sys.stderr)
        return 1
    files = generated_files(catalog)
    if args.check:
        stale = {name: _stale(args.root, name, text) for name, text in files.items()}
        stale = {name: diff for name, diff in stale.items() if diff}
        for name, diff in stale.items():
            print(f"{name} is stale: run `medvlm build` and commit the result", file=sys.stderr)
            print("\n".join(diff), file=sys.stderr)
        if stale:
            return 1
        print(f"generated files are up to date ({len(catalog.papers)} papers)")
        return 0
    for name, text in files.items():
        if _current(args.root, name) == text:
            print(f"{name}: unchanged")
            continue
        write_output(args.root / name, text, name)
        print(f"{name}: written")
    print(f"{len(catalog.papers)} papers")
    return 0
