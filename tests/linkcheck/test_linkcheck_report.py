"""Reports of a link check: summary line, JSON and the markdown page for the tracking issue."""

from __future__ import annotations

import json

from medvlm.linkcheck.model import CheckedLink, Link, LinkStatus, Outcome
from medvlm.linkcheck.report import (
    MARKDOWN_ROWS,
    json_report,
    markdown_report,
    summary_line,
)
from tests.helpers import moved_link


def _results() -> list[CheckedLink]:
    return [
        CheckedLink(
            Link("b2024", "links.paper", "https://b.org/x"), Outcome(LinkStatus.OK, 200, None, "")
        ),
        CheckedLink(
            Link("a2024", "links.pdf", "https://a.org/x|y"),
            Outcome(LinkStatus.BROKEN, 404, None, "not found (HTTP 404 NOT FOUND)"),
        ),
        moved_link(
            "a2024", "links.code", "https://github.com/old/repo", "https://github.com/new/repo"
        ),
        CheckedLink(
            Link("c2024", "links.paper", "https://ieee.org/doc"),
            Outcome(
                LinkStatus.UNKNOWN,
                403,
                None,
                "forbidden to the checker (HTTP 403 FORBIDDEN): check by hand",
            ),
        ),
    ]


def test_summary_line_counts_every_class() -> None:
    assert (
        summary_line(_results()) == "4 links in 3 records: 1 ok, 1 redirected, 1 broken, 1 unknown"
    )


def test_json_report_lists_every_link_by_record_then_field() -> None:
    report = json.loads(json_report(_results()))
    assert [(entry["record"], entry["field"]) for entry in report] == [
        ("a2024", "links.code"),
        ("a2024", "links.pdf"),
        ("b2024", "links.paper"),
        ("c2024", "links.paper"),
    ]
    assert report[0] == {
        "record": "a2024",
        "field": "links.code",
        "url": "https://github.com/old/repo",
        "status": "redirected",
        "http_status": 200,
        "final_url": "https://github.com/new/repo",
        "message": "moved permanently to https://github.com/new/repo",
        "moved_to": "https://github.com/new/repo",
    }


def test_fix_is_offered_for_a_permanent_move_only() -> None:
    fixes = [result.fix for result in _results()]
    assert fixes == [
        None,
        None,
        "papers/a2024.yaml: links.code: moved to https://github.com/new/repo",
        None,
    ]


def test_markdown_report_has_a_section_per_kind_of_trouble() -> None:
    report = markdown_report(_results())
    assert report.startswith("**4 links in 3 records: 1 ok, 1 redirected, 1 broken, 1 unknown**\n")
    broken = report.index("## Broken links")
    moved = report.index("## Moved permanently")
    unknown = report.index("<summary>Could not tell (1): check by hand</summary>")
    assert broken < moved < unknown
    # A pipe in a URL must not split the table row.
    assert (
        "| `papers/a2024.yaml` | `links.pdf` | [https://a.org/x\\|y](https://a.org/x%7Cy) "
        "| not found (HTTP 404 NOT FOUND) |" in report
    )
    assert (
        "| `papers/a2024.yaml` | `links.code` | [https://github.com/old/repo](https://github.com/old/repo) "
        "| [https://github.com/new/repo](https://github.com/new/repo) |" in report
    )
    assert "b.org" not in report  # working links are left out


def test_markdown_report_stays_within_an_issue_body() -> None:
    missing = Outcome(LinkStatus.BROKEN, 404, None, "not found (HTTP 404 NOT FOUND)")
    results = [
        CheckedLink(Link(f"r{index:03d}", "links.paper", f"https://example.org/{index}"), missing)
        for index in range(MARKDOWN_ROWS + 5)
    ]
    report = markdown_report(results)
    assert report.count("| not found (HTTP 404 NOT FOUND) |") == MARKDOWN_ROWS
    assert "... and 5 more: the full list is in the check's log." in report
    assert len(report) < 65_536


def test_markdown_report_when_everything_works() -> None:
    report = markdown_report(_results()[:1])
    assert (
        report
        == "**1 link in 1 record: 1 ok, 0 redirected, 0 broken, 0 unknown**\n\nEvery link works.\n"
    )
