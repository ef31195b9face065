"""`medvlm links check`: what a maintainer sees, the JSON report, exit codes, --changed-only."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.helpers import Run, commit_all, git

FAST = ("--host-interval", "0")


@pytest.fixture
def catalog(mini_catalog: Path) -> Path:
    """The mini catalog without its records (their links point at the internet)."""
    for path in (mini_catalog / "papers").glob("*.yaml"):
        path.unlink()
    return mini_catalog


def add_record(root: Path, record_id: str, **links: str) -> Path:
    lines = [
        f"id: {record_id}",
        f'title: "Paper {record_id}"',
        "year: 2024",
        "tasks: [classification]",
        "links:",
        *(f"  {field}: {json.dumps(url)}" for field, url in links.items()),
    ]
    path = root / "papers" / f"{record_id}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def redirect(status: int, location: str) -> Response:
    return Response(status=status, headers={"Location": location})


def serve_every_kind(server: HTTPServer, release: threading.Event) -> dict[str, str]:
    """One path per kind of answer; returns record id -> URL."""
    server.expect_request("/ok").respond_with_data("fine")
    server.expect_request("/nohead", method="HEAD").respond_with_data("", status=405)
    server.expect_request("/nohead", method="GET").respond_with_data("fine")
    server.expect_request("/old").respond_with_response(redirect(301, server.url_for("/new")))
    server.expect_request("/new").respond_with_data("fine")
    server.expect_request("/temp").respond_with_response(redirect(302, server.url_for("/ok")))
    server.expect_request("/missing").respond_with_data("", status=404)
    server.expect_request("/forbidden").respond_with_data("", status=403)
    server.expect_request("/limited").respond_with_response(
        Response(status=429, headers={"Retry-After": "0"})
    )

    def slow(request: Request) -> Response:
        release.wait(5)
        return Response("late")

    server.expect_request("/slow").respond_with_handler(slow)
    return {
        "a-ok": server.url_for("/ok"),
        "b-nohead": server.url_for("/nohead"),
        "c-moved": server.url_for("/old"),
        "d-temp": server.url_for("/temp"),
        "e-missing": server.url_for("/missing"),
        "f-forbidden": server.url_for("/forbidden"),
        "g-limited": server.url_for("/limited"),
        "h-slow": server.url_for("/slow"),
        "i-refused": f"http://127.0.0.1:{closed_port()}/page",
    }


@pytest.fixture
def every_kind(catalog: Path, server: HTTPServer) -> Iterator[dict[str, str]]:
    release = threading.Event()
    urls = serve_every_kind(server, release)
    for record_id, url in urls.items():
        add_record(catalog, record_id, code=url)
    yield urls
    release.set()
    # Let the held requests finish now rather than in the log of the next test.
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        if sum(request.path == "/slow" for request, _ in server.log) >= 2:
            break
        time.sleep(0.01)


def test_every_kind_of_answer_is_classed_in_the_json_report(
    catalog: Path, every_kind: dict[str, str], server: HTTPServer, run_cli: Run, tmp_path: Path
) -> None:
    report_path = tmp_path / "links.json"
    result = run_cli(
        catalog, "links", "check", "--timeout", "0.5", *FAST, "--json", str(report_path)
    )
    assert result.code == 1  # a broken link fails the check
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert [entry["record"] for entry in report] == sorted(every_kind)
    by_record = {entry.pop("record"): entry for entry in report}
    assert {entry.pop("field") for entry in by_record.values()} == {"links.code"}
    assert {record: entry.pop("url") for record, entry in by_record.items()} == every_kind
    new = server.url_for("/new")
    ok = server.url_for("/ok")
    assert by_record == {
        "a-ok": {
            "status": "ok",
            "http_status": 200,
            "final_url": None,
            "message": "",
            "moved_to": None,
        },
        "b-nohead": {
            "status": "ok",
            "http_status": 200,
            "final_url": None,
            "message": "",
            "moved_to": None,
        },
        "c-moved": {
            "status": "redirected",
            "http_status": 200,
            "final_url": new,
            "message": f"moved permanently to {new}",
            "moved_to": new,
        },
        "d-temp": {
            "status": "redirected",
            "http_status": 200,
            "final_url": ok,
            "message": f"redirected to {ok}",
            "moved_to": None,
        },
        "e-missing": {
            "status": "broken",
            "http_status": 404,
            "final_url": None,
            "message": "not found (HTTP 404 NOT FOUND)",
            "moved_to": None,
        },
        "f-forbidden": {
            "status": "unknown",
            "http_status": 403,
            "final_url": None,
            "message": "forbidden to the checker (HTTP 403 FORBIDDEN): check by hand",
            "moved_to": None,
        },
        "g-limited": {
            "status": "unknown",
            "http_status": 429,
            "final_url": None,
            "message": "rate limited (HTTP 429 TOO MANY REQUESTS): try again later",
            "moved_to": None,
        },
        "h-slow": {
            "status": "unknown",
            "http_status": None,
            "final_url": None,
            "message": "no answer within 0.5 s",
            "moved_to": None,
        },
        "i-refused": {
            "status": "broken",
            "http_status": None,
            "final_url": None,
            "message": "connection refused",
            "moved_to": None,
        },
    }


def test_output_shows_the_links_that_need_a_look_the_fix_and_the_counts(
    catalog: Path, every_kind: dict[str, str], server: HTTPServer, run_cli: Run
) -> None:
    result = run_cli(catalog, "links", "check", "--timeout", "0.5", *FAST)
    assert result.code == 1
    lines = [line.rstrip() for line in result.out.splitlines()]
    assert lines[0] == "Links that need a look"
    table = "\n".join(lines[: lines.index("Permanent redirects (update the records):")])
    for record_id in (
        "c-moved",
        "d-temp",
        "e-missing",
        "f-forbidden",
        "g-limited",
        "h-slow",
        "i-refused",
    ):
        assert f"papers/{record_id}.yaml" in table
        assert every_kind[record_id] in table
    assert "papers/a-ok.yaml" not in table
    assert "papers/b-nohead.yaml" not in table
    # Only the permanent redirect is offered as a fix, on a line of its own.
    assert lines[-2:] == [
        f"papers/c-moved.yaml: links.code: moved to {server.url_for('/new')}",
        "9 links in 9 records: 2 ok, 2 redirected, 2 broken, 3 unknown",
    ]


def test_all_good_links_exit_0_with_only_the_summary(
    catalog: Path, server: HTTPServer, run_cli: Run
) -> None:
    server.expect_request("/ok").respond_with_data("fine")
    server.expect_request("/temp").respond_with_response(redirect(302, server.url_for("/ok")))
    add_record(catalog, "one", paper=server.url_for("/ok"), code=server.url_for("/temp"))
    result = run_cli(catalog, "links", "check", *FAST)
    assert result.code == 0  # redirected and unknown links never fail the check
    assert "Links that need a look" in result.out
    assert "Permanent redirects" not in result.out
    assert result.out.endswith("2 links in 1 record: 1 ok, 1 redirected, 0 broken, 0 unknown\n")


def test_markdown_report_for_the_tracking_issue(
    catalog: Path, server: HTTPServer, run_cli: Run, tmp_path: Path
) -> None:
    server.expect_request("/missing").respond_with_data("", status=404)
    add_record(catalog, "one", pdf=server.url_for("/missing"))
    result = run_cli(catalog, "links", "check", *FAST, "--markdown", str(tmp_path / "links.md"))
    assert result.code == 1
    report = (tmp_path / "links.md").read_text(encoding="utf-8")
    assert "## Broken links" in report
    assert f"| `papers/one.yaml` | `links.pdf` | [{server.url_for('/missing')}]" in report


def test_an_unwritable_report_is_a_clear_error(
    catalog: Path, server: HTTPServer, run_cli: Run, tmp_path: Path
) -> None:
    server.expect_request("/ok").respond_with_data("fine")
    add_record(catalog, "one", paper=server.url_for("/ok"))
    (tmp_path / "taken").mkdir()
    result = run_cli(catalog, "links", "check", *FAST, "--json", str(tmp_path / "taken"))
    assert result.code == 1
    assert result.err.startswith(f"links check: cannot write {tmp_path / 'taken'}: ")
    assert "Traceback" not in result.err


def test_an_invalid_catalog_is_reported_and_nothing_is_requested(
    catalog: Path, server: HTTPServer, run_cli: Run
) -> None:
    server.expect_request("/ok").respond_with_data("fine")
    add_record(catalog, "one", paper=server.url_for("/ok"))
    (catalog / "papers" / "bad.yaml").write_text("id: bad\ntitle: x\n", encoding="utf-8")
    result = run_cli(catalog, "links", "check", *FAST)
    assert result.code == 1
    assert "papers/bad.yaml" in result.err
    assert server.log == []


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        (
            "--concurrency",
            "0",
            "argument --concurrency: expected a whole number of 1 or more, got '0'",
        ),
        (
            "--timeout",
            "soon",
            "argument --timeout: expected a number of seconds (more than 0), got 'soon'",
        ),
        (
            "--host-interval",
            "-1",
            "argument --host-interval: expected a number of seconds (0 or more), got '-1'",
        ),
    ],
)
def test_bad_option_values_are_usage_errors(
    catalog: Path, run_cli: Run, option: str, value: str, message: str
) -> None:
    result = run_cli(catalog, "links", "check", option, value)
    assert result.code == 2
    assert result.err.strip().endswith(message)


# --changed-only ---------------------------------------------------------------------------------


@pytest.fixture
def repo(catalog: Path, server: HTTPServer) -> Path:
    """A git repository holding the catalog: three committed records, each with its own link."""
    server.expect_request("/p/a").respond_with_data("fine")
    server.expect_request("/p/b").respond_with_data("fine")
    server.expect_request("/p/b2").respond_with_data("fine")
    server.expect_request("/p/c").respond_with_data("fine")
    server.expect_request("/p/new").respond_with_data("fine")
    for name in ("a", "b", "c"):
        add_record(catalog, f"rec-{name}", paper=server.url_for(f"/p/{name}"))
    commit_all(catalog, "catalog")
    return catalog


def requested(server: HTTPServer) -> list[str]:
    return sorted({request.path for request, _ in server.log})


def test_changed_only_checks_the_changed_and_new_records(
    repo: Path, server: HTTPServer, run_cli: Run
) -> None:
    add_record(repo, "rec-b", paper=server.url_for("/p/b2"))
    add_record(repo, "rec-new", paper=server.url_for("/p/new"))
    result = run_cli(repo, "links", "check", "--changed-only", *FAST)
    assert result.code == 0
    assert requested(server) == ["/p/b2", "/p/new"]
    assert result.err == "2 changed record(s) relative to HEAD (origin/main does not exist)\n"
    assert result.out.endswith("2 links in 2 records: 2 ok, 0 redirected, 0 broken, 0 unknown\n")


def test_changed_only_compares_with_origin_main_by_default(
    repo: Path, server: HTTPServer, run_cli: Run
) -> None:
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    add_record(repo, "rec-c", paper=server.url_for("/p/c"), code=server.url_for("/p/a"))
    git(repo, "commit", "-q", "-am", "a pull request's change")
    result = run_cli(repo, "links", "check", "--changed-only", *FAST)
    assert result.code == 0
    assert result.err == "1 changed record(s) relative to origin/main\n"
    assert requested(server) == ["/p/a", "/p/c"]


def test_changed_only_with_an_explicit_base(repo: Path, server: HTTPServer, run_cli: Run) -> None:
    add_record(repo, "rec-a", paper=server.url_for("/p/new"))
    git(repo, "commit", "-q", "-am", "change a")
    result = run_cli(repo, "links", "check", "--changed-only", "--base", "HEAD~1", *FAST)
    assert result.code == 0
    assert requested(server) == ["/p/new"]


def test_changed_only_with_nothing_changed_says_so(
    repo: Path, server: HTTPServer, run_cli: Run
) -> None:
    result = run_cli(repo, "links", "check", "--changed-only", *FAST)
    assert result.code == 0
    assert result.out == "no record changed: no links to check\n"
    assert server.log == []


def test_changed_only_with_an_unknown_base_is_a_clear_error(repo: Path, run_cli: Run) -> None:
    result = run_cli(repo, "links", "check", "--changed-only", "--base", "origin/nope")
    assert result.code == 1
    assert result.err == "links check: --base origin/nope: no such revision in this repository\n"


def test_changed_only_outside_git_is_a_clear_error(catalog: Path, run_cli: Run) -> None:
    result = run_cli(catalog, "links", "check", "--changed-only")
    assert result.code == 1
    assert result.err == (
        f"links check: --changed-only needs a git repository, and {catalog} is not in one\n"
    )
