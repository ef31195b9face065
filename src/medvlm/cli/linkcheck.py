"""`medvlm links check`: request every stored link and report the ones that need a look."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from medvlm.catalog import Catalog
from medvlm.cli.engine import load_checked
from medvlm.cli.progress import progress_bar
from medvlm.linkcheck import (
    DEFAULT_BASE,
    CheckedLink,
    CheckSettings,
    GitError,
    Link,
    LinkStatus,
    changed_record_files,
    check_links,
    collect_links,
    json_report,
    make_link_session,
    markdown_report,
    resolve_base,
    summary_line,
)
from medvlm.sources.http import SourceError, SourcesConfig
from medvlm.writer import write_atomic

_DEFAULTS = CheckSettings()
# Wide enough for a URL per line in CI logs, where there is no terminal to measure.
_LOG_WIDTH = 160


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, got {text!r}")
    return value


def _seconds(text: str, *, allow_zero: bool) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if value < 0 or (value == 0 and not allow_zero) or value != value:
        smallest = "0 or more" if allow_zero else "more than 0"
        raise argparse.ArgumentTypeError(f"expected a number of seconds ({smallest}), got {text!r}")
    return value


def _timeout(text: str) -> float:
    return _seconds(text, allow_zero=False)


def _interval(text: str) -> float:
    return _seconds(text, allow_zero=True)


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add this group's commands to the `medvlm` parser."""
    links = subparsers.add_parser("links", help="check the links stored in the records")
    commands = links.add_subparsers(dest="links_command", metavar="COMMAND", required=True)
    check = commands.add_parser(
        "check",
        help="request every stored link; exit 1 when any is broken",
        description=(
            "Request every links.* URL of the records (HEAD, then GET when HEAD is refused) and "
            "class each as ok, redirected, broken or unknown. Exit 1 when any link is broken."
        ),
    )
    check.add_argument(
        "--changed-only",
        action="store_true",
        help="only records changed relative to --base (and new untracked ones), found with git",
    )
    check.add_argument(
        "--base",
        metavar="REV",
        help=f"git revision to compare with (default {DEFAULT_BASE}, else HEAD)",
    )
    check.add_argument(
        "--json", type=Path, metavar="FILE", help="also write every result to FILE as JSON"
    )
    check.add_argument(
        "--markdown",
        type=Path,
        metavar="FILE",
        help="also write a markdown report of the links that need a look (for an issue)",
    )
    check.add_argument(
        "--concurrency",
        type=_positive_int,
        default=_DEFAULTS.concurrency,
        metavar="N",
        help=f"requests in flight at once (default {_DEFAULTS.concurrency}; "
        f"at most {_DEFAULTS.per_host} per host)",
    )
    check.add_argument(
        "--timeout",
        type=_timeout,
        default=_DEFAULTS.timeout,
        metavar="S",
        help=f"seconds to wait for a server (default {_DEFAULTS.timeout:g})",
    )
    check.add_argument(
        "--host-interval",
        type=_interval,
        default=_DEFAULTS.host_interval,
        metavar="S",
        help=f"minimum seconds between requests to one host (default {_DEFAULTS.host_interval:g})",
    )
    check.set_defaults(handler=run_check)


def _selected_papers(args: argparse.Namespace, catalog: Catalog) -> tuple[Catalog, str | None]:
    """The catalog, narrowed to the changed records with --changed-only; and a note for stderr."""
    if not args.changed_only:
        return catalog, None
    base = resolve_base(args.root, args.base)
    files = changed_record_files(args.root, base)
    stems = {Path(name).stem for name in files}
    papers = [paper for paper in catalog.papers if paper.id in stems]
    fallback = " (origin/main does not exist)" if args.base is None and base == "HEAD" else ""
    note = f"{len(papers)} changed record(s) relative to {base}{fallback}"
    return dataclasses.replace(catalog, papers=papers), note


def _run(links: Sequence[Link], settings: CheckSettings) -> list[CheckedLink]:
    session = make_link_session(settings, SourcesConfig.from_env())
    distinct = len({link.url for link in links})
    with session, progress_bar("checking links", distinct) as advance:
        return check_links(links, session, settings, lambda _url, _outcome: advance())


def _table(results: Sequence[CheckedLink]) -> Table:
    table = Table(title="Links that need a look", title_justify="left")
    table.add_column("Record")
    table.add_column("Field")
    table.add_column("Status")
    table.add_column("HTTP", justify="right")
    table.add_column("URL and detail", overflow="fold")
    for result in results:
        outcome = result.outcome
        detail = result.link.url + (f"\n{outcome.message}" if outcome.message else "")
        table.add_row(
            result.link.path,
            result.link.field,
            str(outcome.status),
            str(outcome.http_status or "-"),
            detail,
        )
    return table


def _print_results(results: Sequence[CheckedLink]) -> None:
    stdout = Console(width=None if sys.stdout.isatty() else _LOG_WIDTH, highlight=False)
    attention = [r for r in results if r.outcome.status is not LinkStatus.OK]
    if attention:
        stdout.print(_table(attention))
    fixes = [result.fix for result in results if result.fix is not None]
    if fixes:
        # Plain lines, one per fix, never wrapped: they are meant to be copied or grepped.
        print("Permanent redirects (update the records):")
        for fix in fixes:
            print(fix)
    print(summary_line(results))


def run_check(args: argparse.Namespace) -> int:
    catalog = load_checked(args.root)
    if catalog is None:
        return 1
    settings = CheckSettings(
        concurrency=args.concurrency, timeout=args.timeout, host_interval=args.host_interval
    )
    try:
        catalog, note = _selected_papers(args, catalog)
        links = collect_links(catalog.papers)
        if note:
            print(note, file=sys.stderr)
        if args.changed_only and not catalog.papers:
            print("no record changed: no links to check")
            return 0
        results = _run(links, settings)
    except (GitError, SourceError) as error:
        print(f"links check: {error}", file=sys.stderr)
        return 1
    _print_results(results)
    for path, render in ((args.json, json_report), (args.markdown, markdown_report)):
        if path is None:
            continue
        try:
            write_atomic(path, render(results), create_folders=False)
        except OSError as error:
            print(f"links check: cannot write {path}: {error.strerror or error}", file=sys.stderr)
            return 1
    broken = any(result.outcome.status is LinkStatus.BROKEN for result in results)
    return 1 if broken else 0
