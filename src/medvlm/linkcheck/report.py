"""What a link check found, as a summary line, a JSON list and a markdown page for the tracking
issue."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from medvlm.linkcheck.model import CheckedLink, LinkStatus
from medvlm.render.templating import md_escape, md_url

# Rows per section of the markdown report: an issue body holds at most 65,536 characters.
MARKDOWN_ROWS = 60


def count_by_status(results: Iterable[CheckedLink]) -> dict[LinkStatus, int]:
    counts = Counter(result.outcome.status for result in results)
    return {status: counts.get(status, 0) for status in LinkStatus}


def summary_line(results: Sequence[CheckedLink]) -> str:
    """`12 links in 5 records: 9 ok, 1 redirected, 1 broken, 1 unknown`."""
    counts = count_by_status(results)
    records = len({result.link.record for result in results})
    links_word = "link" if len(results) == 1 else "links"
    records_word = "record" if records == 1 else "records"
    parts = ", ".join(f"{counts[status]} {status}" for status in LinkStatus)
    return f"{len(results)} {links_word} in {records} {records_word}: {parts}"


def json_report(results: Iterable[CheckedLink]) -> str:
    """Every checked link as a JSON list ordered by record id, then field."""
    ordered = sorted(results, key=lambda result: (result.link.record, result.link.field))
    return json.dumps([result.to_json() for result in ordered], indent=2) + "\n"


def _md_link(url: str) -> str:
    return f"[{md_escape(url)}]({md_url(url).replace('|', '%7C')})"


def _md_rows(
    results: Sequence[CheckedLink], last: str, detail: Callable[[CheckedLink], str]
) -> list[str]:
    """A table of the first `MARKDOWN_ROWS` results, and a line saying how many were left out."""
    rows = [f"| Record | Field | Link | {last} |", "| --- | --- | --- | --- |"]
    for result in results[:MARKDOWN_ROWS]:
        link = result.link
        rows.append(f"| `{link.path}` | `{link.field}` | {_md_link(link.url)} | {detail(result)} |")
    if len(results) > MARKDOWN_ROWS:
        left_out = len(results) - MARKDOWN_ROWS
        rows += ["", f"... and {left_out} more: the full list is in the check's log."]
    return rows


def markdown_report(results: Sequence[CheckedLink]) -> str:
    """A markdown page for the tracking issue: broken links, moved links, then the uncertain."""
    ordered = sorted(results, key=lambda result: (result.link.record, result.link.field))
    broken = [r for r in ordered if r.outcome.status is LinkStatus.BROKEN]
    moved = [r for r in ordered if r.fix is not None]
    unknown = [r for r in ordered if r.outcome.status is LinkStatus.UNKNOWN]
    lines = [f"**{summary_line(results)}**", ""]
    if broken:
        lines += ["## Broken links", "", "Fix or remove these links in the records.", ""]
        lines += _md_rows(broken, "Problem", lambda r: md_escape(r.outcome.message))
        lines.append("")
    if moved:
        lines += ["## Moved permanently", "", "Update the records to the new address.", ""]
        lines += _md_rows(moved, "New address", lambda r: _md_link(r.outcome.moved_to or ""))
        lines.append("")
    if unknown:
        lines += [
            "<details>",
            f"<summary>Could not tell ({len(unknown)}): check by hand</summary>",
            "",
            *_md_rows(unknown, "What happened", lambda r: md_escape(r.outcome.message)),
            "",
            "</details>",
            "",
        ]
    if not (broken or moved or unknown):
        lines += ["Every link works.", ""]
    return "\n".join(lines)
