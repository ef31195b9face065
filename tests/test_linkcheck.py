"""Link checking as a library: classing answers, redirects, politeness limits, reports, git."""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from itertools import pairwise
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from medvlm import __version__
from medvlm.linkcheck import (
    MARKDOWN_ROWS,
    CheckedLink,
    CheckSettings,
    GitError,
    HostGate,
    Link,
    LinkStatus,
    Outcome,
    changed_record_files,
    check_links,
    check_url,
    collect_links,
    interleave_by_host,
    json_report,
    make_link_session,
    markdown_report,
    resolve_base,
    summary_line,
)
from medvlm.models import Paper
from medvlm.sources.http import SourcesConfig
from tests.helpers import git

FAST = CheckSettings(host_interval=0.0, timeout=5.0, backoff=0.0, max_retry_wait=0.0)


def check(url: str, settings: CheckSettings = FAST) -> Outcome:
    with make_link_session(settings, SourcesConfig(cache_path=None)) as session:
        return check_url(session, url, settings)


def redirect(status: int, location: str) -> Response:
    return Response(status=status, headers={"Location": location})


# What to check --------------------------------------------------------------------------------


def test_collect_links_takes_every_stored_link_in_record_then_field_order() -> None:
    papers = [
        Paper(
            id="zed2024b",
            title="B",
            tasks=["other"],
            links={"paper": "https://b.org/p", "code": "https://github.com/b/b"},
        ),
        Paper(id="abe2023a", title="A", tasks=["other"], links={"project": "https://a.org"}),
        Paper(id="nolinks2022", title="C", tasks=["other"], ids={"arxiv": "2201.00001"}),
    ]
    assert collect_links(papers) == [
        Link("abe2023a", "links.project", "https://a.org"),
        Link("zed2024b", "links.code", "https://github.com/b/b"),
        Link("zed2024b", "links.paper", "https://b.org/p"),
    ]


def test_urls_are_interleaved_over_hosts_so_workers_spread_out() -> None:
    urls = [
        "https://a.org/1",
        "https://a.org/2",
        "https://a.org/3",
        "https://b.org/1",
        "http://c.org",
    ]
    assert interleave_by_host(urls) == [
        "https://a.org/1",
        "https://b.org/1",
        "http://c.org",
        "https://a.org/2",
        "https://a.org/3",
    ]


# Classing answers -----------------------------------------------------------------------------


def test_ok_answer_is_ok(server: HTTPServer) -> None:
    server.expect_request("/page").respond_with_data("fine")
    assert check(server.url_for("/page")) == Outcome(LinkStatus.OK, 200, None, "")


def test_head_is_tried_first_and_get_only_when_head_is_refused(server: HTTPServer) -> None:
    server.expect_request("/direct").respond_with_data("fine")
    server.expect_request("/nohead", method="HEAD").respond_with_data("", status=405)
    server.expect_request("/nohead", method="GET").respond_with_data("fine")
    assert check(server.url_for("/direct")).status is LinkStatus.OK
    assert check(server.url_for("/nohead")).status is LinkStatus.OK
    seen = [(request.method, request.path) for request, _ in server.log]
    assert seen == [("HEAD", "/direct"), ("HEAD", "/nohead"), ("GET", "/nohead")]


def test_requests_carry_the_project_user_agent_and_are_never_cached(
    server: HTTPServer, tmp_path: Path
) -> None:
    agents: list[str | None] = []

    def answer(request: Request) -> Response:
        agents.append(request.headers.get("User-Agent"))
        return Response("fine")

    server.expect_request("/page").respond_with_handler(answer)
    # Even when the metadata clients are configured with a cache, a link check asks live.
    config = SourcesConfig(cache_path=tmp_path / "http.sqlite")
    with make_link_session(FAST, config) as session:
        check_url(session, server.url_for("/page"), FAST)
        check_url(session, server.url_for("/page"), FAST)
    assert agents == [config.user_agent()] * 2
    assert config.user_agent().startswith(f"awesome-medvlm/{__version__} (+https://github.com/")
    assert not (tmp_path / "http.sqlite").exists()


def test_chain_of_permanent_redirects_offers_the_final_address(server: HTTPServer) -> None:
    server.expect_request("/a").respond_with_response(redirect(301, server.url_for("/b")))
    server.expect_request("/b").respond_with_response(redirect(308, server.url_for("/c")))
    server.expect_request("/c").respond_with_data("fine")
    outcome = check(server.url_for("/a"))
    assert outcome.status is LinkStatus.REDIRECTED
    assert outcome.moved_to == outcome.final_url == server.url_for("/c")
    assert outcome.message == f"moved permanently to {server.url_for('/c')}"


def test_a_temporary_hop_stops_the_offered_fix_where_it_starts(server: HTTPServer) -> None:
    server.expect_request("/a").respond_with_response(redirect(301, server.url_for("/b")))
    server.expect_request("/b").respond_with_response(redirect(302, server.url_for("/session")))
    server.expect_request("/session").respond_with_data("fine")
    outcome = check(server.url_for("/a"))
    assert outcome.final_url == server.url_for("/session")
    assert outcome.moved_to == server.url_for("/b")


def test_a_temporary_first_hop_offers_no_fix(server: HTTPServer) -> None:
    server.expect_request("/a").respond_with_response(redirect(307, server.url_for("/b")))
    server.expect_request("/b").respond_with_response(redirect(301, server.url_for("/c")))
    server.expect_request("/c").respond_with_data("fine")
    outcome = check(server.url_for("/a"))
    assert outcome.status is LinkStatus.REDIRECTED
    assert outcome.moved_to is None
    assert outcome.message == f"redirected to {server.url_for('/c')}"


def test_a_redirect_to_a_missing_page_is_broken_and_says_where(server: HTTPServer) -> None:
    server.expect_request("/old").respond_with_response(redirect(301, server.url_for("/gone")))
    server.expect_request("/gone").respond_with_data("", status=410)
    outcome = check(server.url_for("/old"))
    assert outcome == Outcome(
        LinkStatus.BROKEN,
        410,
        server.url_for("/gone"),
        f"gone (HTTP 410 GONE) at {server.url_for('/gone')}",
    )


def test_a_redirect_loop_is_broken_after_the_redirect_limit(server: HTTPServer) -> None:
    server.expect_request("/loop").respond_with_response(redirect(302, "/loop"))
    outcome = check(server.url_for("/loop"))
    assert outcome.status is LinkStatus.BROKEN
    assert outcome.message == "more than 10 redirects (a redirect loop?)"
    assert len(server.log) == 11  # the first request and 10 redirects, then it stops


@pytest.mark.parametrize(
    ("status", "expected", "message"),
    [
        (400, LinkStatus.BROKEN, "HTTP 400 BAD REQUEST"),
        (404, LinkStatus.BROKEN, "not found (HTTP 404 NOT FOUND)"),
        (403, LinkStatus.UNKNOWN, "forbidden to the checker (HTTP 403 FORBIDDEN): check by hand"),
        (429, LinkStatus.UNKNOWN, "rate limited (HTTP 429 TOO MANY REQUESTS): try again later"),
        (503, LinkStatus.UNKNOWN, "server error (HTTP 503 SERVICE UNAVAILABLE)"),
    ],
)
def test_error_statuses_are_classed(
    server: HTTPServer, status: int, expected: LinkStatus, message: str
) -> None:
    server.expect_request("/page").respond_with_data("", status=status)
    assert check(server.url_for("/page")) == Outcome(expected, status, None, message)


def test_a_busy_server_is_retried_then_not_asked_again_with_get(server: HTTPServer) -> None:
    server.expect_request("/busy").respond_with_response(
        Response(status=503, headers={"Retry-After": "0"})
    )
    assert check(server.url_for("/busy")).status is LinkStatus.UNKNOWN
    # One retry of HEAD (settings.retries == 1), and no GET: it would only add load.
    assert [request.method for request, _ in server.log] == ["HEAD", "HEAD"]


def test_a_server_too_slow_to_answer_is_unknown(server: HTTPServer) -> None:
    release = threading.Event()

    def slow(request: Request) -> Response:
        release.wait(5)
        return Response("late")

    server.expect_request("/slow").respond_with_handler(slow)
    started = time.monotonic()
    outcome = check(server.url_for("/slow"), CheckSettings(host_interval=0.0, timeout=0.5))
    elapsed = time.monotonic() - started
    release.set()
    assert outcome == Outcome(LinkStatus.UNKNOWN, None, None, "no answer within 0.5 s")
    assert elapsed < 2.0  # HEAD and GET each gave up at the timeout
    # Let the held requests finish here, not in the log of the next test.
    deadline = time.monotonic() + 5
    while len(server.log) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert sorted(request.method for request, _ in server.log) == ["GET", "HEAD"]


def test_a_refused_connection_is_broken() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # The port is closed now: nothing listens there.
    outcome = check(f"http://127.0.0.1:{port}/page")
    assert outcome == Outcome(LinkStatus.BROKEN, None, None, "connection refused")


# Politeness -----------------------------------------------------------------------------------


class InFlight:
    """A handler that holds each request a moment and notes the most seen at once, per host."""

    def __init__(self, hold: float) -> None:
        self.hold = hold
        self.lock = threading.Lock()
        self.now: dict[str, int] = {}
        self.most: dict[str, int] = {}
        self.total = 0
        self.most_total = 0
        self.starts: list[float] = []

    def __call__(self, request: Request) -> Response:
        host = request.headers.get("Host", "").split(":")[0]
        with self.lock:
            self.starts.append(time.monotonic())
            self.now[host] = self.now.get(host, 0) + 1
            self.total += 1
            self.most[host] = max(self.most.get(host, 0), self.now[host])
            self.most_total = max(self.most_total, self.total)
        time.sleep(self.hold)
        with self.lock:
            self.now[host] -= 1
            self.total -= 1
        return Response("fine")


def _links_on(hosts: list[str], server: HTTPServer, count: int) -> list[Link]:
    return [
        Link(
            f"r{host.replace('.', '')}{index}",
            "links.paper",
            f"http://{host}:{server.port}/p/{index}",
        )
        for host in hosts
        for index in range(count)
    ]


def test_at_most_two_requests_in_flight_per_host(server: HTTPServer) -> None:
    handler = InFlight(hold=0.4)
    server.expect_request(re.compile("^/p/")).respond_with_handler(handler)
    links = _links_on(["127.0.0.1", "localhost"], server, 5)
    with make_link_session(FAST, SourcesConfig(cache_path=None)) as session:
        results = check_links(links, session, FAST)
    assert {result.outcome.status for result in results} == {LinkStatus.OK}
    assert handler.most == {"127.0.0.1": 2, "localhost": 2}
    assert handler.most_total == 4  # the two hosts are checked side by side


def test_requests_to_one_host_are_spaced(server: HTTPServer) -> None:
    handler = InFlight(hold=0.0)
    server.expect_request(re.compile("^/p/")).respond_with_handler(handler)
    settings = CheckSettings(host_interval=0.2)
    with make_link_session(settings, SourcesConfig(cache_path=None)) as session:
        check_links(_links_on(["127.0.0.1"], server, 4), session, settings)
    gaps = [later - earlier for earlier, later in pairwise(handler.starts)]
    assert len(gaps) == 3
    assert min(gaps) >= 0.18


def test_gate_spacing_uses_the_larger_of_default_and_host_interval() -> None:
    now = [0.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(round(seconds, 3))
        now[0] += seconds

    gate = HostGate(2, 0.5, {"export.arxiv.org": 3.0}, sleep=sleep, clock=lambda: now[0])
    for host in ["a.org", "a.org", "export.arxiv.org", "export.arxiv.org", "b.org"]:
        with gate.slot(host):
            pass
    assert waits == [0.5, 3.0]


def test_each_distinct_url_is_requested_once(server: HTTPServer) -> None:
    server.expect_request("/shared").respond_with_data("fine")
    url = server.url_for("/shared")
    links = [Link("a2024x", "links.paper", url), Link("b2024y", "links.project", url)]
    with make_link_session(FAST, SourcesConfig(cache_path=None)) as session:
        results = check_links(links, session, FAST)
    assert [r.link.record for r in results] == ["a2024x", "b2024y"]
    assert len(server.log) == 1


# Reports --------------------------------------------------------------------------------------


def _results() -> list[CheckedLink]:
    return [
        CheckedLink(
            Link("b2024", "links.paper", "https://b.org/x"), Outcome(LinkStatus.OK, 200, None, "")
        ),
        CheckedLink(
            Link("a2024", "links.pdf", "https://a.org/x|y"),
            Outcome(LinkStatus.BROKEN, 404, None, "not found (HTTP 404 NOT FOUND)"),
        ),
        CheckedLink(
            Link("a2024", "links.code", "https://github.com/old/repo"),
            Outcome(
                LinkStatus.REDIRECTED,
                200,
                "https://github.com/new/repo",
                "moved permanently to https://github.com/new/repo",
                "https://github.com/new/repo",
            ),
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


# Which records changed ------------------------------------------------------------------------


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "papers").mkdir(parents=True)
    for name in ("a.yaml", "b.yaml", "c.yaml"):
        (root / "papers" / name).write_text(f"id: {name}\n", encoding="utf-8")
    (root / "notes.txt").write_text("x\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "start")
    return root


def test_changed_files_are_modified_and_untracked_records_not_deleted_ones(repo: Path) -> None:
    (repo / "papers" / "a.yaml").write_text("id: a\nchanged: yes\n", encoding="utf-8")
    (repo / "papers" / "b.yaml").unlink()
    (repo / "papers" / "new.yaml").write_text("id: new\n", encoding="utf-8")
    (repo / "papers" / "scratch.txt").write_text("not a record\n", encoding="utf-8")
    (repo / "notes.txt").write_text("changed outside papers/\n", encoding="utf-8")
    base = resolve_base(repo, None)
    assert base == "HEAD"  # no origin/main in a fresh repository
    assert changed_record_files(repo, base) == ["papers/a.yaml", "papers/new.yaml"]


def test_committed_changes_count_against_an_older_base(repo: Path) -> None:
    (repo / "papers" / "c.yaml").write_text("id: c\nchanged: yes\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "change c")
    assert changed_record_files(repo, resolve_base(repo, None)) == []
    assert changed_record_files(repo, resolve_base(repo, "HEAD~1")) == ["papers/c.yaml"]


def test_origin_main_is_the_default_base_when_it_exists(repo: Path) -> None:
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    assert resolve_base(repo, None) == "origin/main"


def test_an_unknown_base_is_a_clear_error(repo: Path) -> None:
    with pytest.raises(GitError, match=r"^--base nope: no such revision in this repository$"):
        resolve_base(repo, "nope")


def test_outside_a_repository_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(GitError, match="needs a git repository"):
        resolve_base(tmp_path, None)
