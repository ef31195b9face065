"""Classing the answers to link requests: redirects, error statuses, slow and closed servers."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from medvlm import __version__
from medvlm.linkcheck.check import check_url
from medvlm.linkcheck.gate import make_link_session
from medvlm.linkcheck.model import CheckSettings, LinkStatus, Outcome
from medvlm.sources.http import SourcesConfig
from tests.linkcheck.fast import FAST


def check(url: str, settings: CheckSettings = FAST) -> Outcome:
    with make_link_session(settings, SourcesConfig(cache_path=None)) as session:
        return check_url(session, url, settings)


def redirect(status: int, location: str) -> Response:
    return Response(status=status, headers={"Location": location})


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
