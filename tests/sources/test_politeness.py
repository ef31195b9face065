"""The session's politeness: retries honouring Retry-After, and per-host spacing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from medvlm.sources.http import CROSSREF, SourceError, make_session, send
from medvlm.sources.politeness import PoliteAdapter, retry_after_seconds
from tests.sources.scripted import Recorder, get, make_config, ok

# Retry-After -----------------------------------------------------------------------------


def test_retry_after_in_seconds_and_as_http_date() -> None:
    now = datetime(2026, 1, 15, 12, 0, 0, tzinfo=UTC)
    assert retry_after_seconds("1") == 1.0
    assert retry_after_seconds(format_datetime(now + timedelta(seconds=30), usegmt=True), now) == 30
    assert retry_after_seconds(format_datetime(now - timedelta(seconds=30), usegmt=True), now) == 0
    assert retry_after_seconds("tomorrow-ish") is None
    assert retry_after_seconds(None) is None


def test_429_is_retried_after_the_capped_retry_after(httpserver: HTTPServer) -> None:
    busy = Recorder(lambda: Response("slow down", status=429, headers={"Retry-After": "1"}), ok)
    httpserver.expect_request("/busy").respond_with_handler(busy)
    config = make_config(httpserver, max_retry_wait=0.3)
    assert get(config, httpserver.url_for("/busy")) == "fine"
    assert len(busy.times) == 2
    gap = busy.times[1] - busy.times[0]
    assert 0.3 <= gap < 1.0  # Retry-After asked for 1 s; the cap allows 0.3 s


def test_429_waits_the_whole_retry_after_under_the_cap(httpserver: HTTPServer) -> None:
    busy = Recorder(lambda: Response("slow down", status=429, headers={"Retry-After": "1"}), ok)
    httpserver.expect_request("/busy").respond_with_handler(busy)
    config = make_config(httpserver, max_retry_wait=5.0)
    assert get(config, httpserver.url_for("/busy")) == "fine"
    assert len(busy.times) == 2
    assert busy.times[1] - busy.times[0] >= 1.0


def test_500_then_success_is_retried(httpserver: HTTPServer) -> None:
    flaky = Recorder(lambda: Response("oops", status=500), ok)
    httpserver.expect_request("/flaky").respond_with_handler(flaky)
    assert get(make_config(httpserver), httpserver.url_for("/flaky")) == "fine"
    assert len(httpserver.log) == 2


def test_persistent_503_gives_up_with_a_clear_message(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/down").respond_with_data("Service is down", status=503)
    config = make_config(httpserver, max_retries=2)
    with pytest.raises(SourceError) as caught:
        get(config, httpserver.url_for("/down"))
    assert str(caught.value) == (
        "Crossref: 10.1/x: server error (HTTP 503 SERVICE UNAVAILABLE), "
        "gave up after 3 attempts: Service is down"
    )
    assert len(httpserver.log) == 3


def test_persistent_429_reports_rate_limiting(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/busy").respond_with_json(
        {"message": "Too Many Requests", "code": "429"}, status=429
    )
    config = make_config(httpserver, max_retries=1)
    with pytest.raises(SourceError, match=r"rate limited \(HTTP 429 .*\), gave up after 2"):
        get(config, httpserver.url_for("/busy"))
    assert len(httpserver.log) == 2


def test_other_client_errors_are_not_retried(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/bad").respond_with_json({"error": "Unrecognized field"}, 400)
    with pytest.raises(SourceError) as caught:
        get(make_config(httpserver), httpserver.url_for("/bad"))
    assert str(caught.value) == "Crossref: 10.1/x: HTTP 400 BAD REQUEST: Unrecognized field"
    assert len(httpserver.log) == 1


# Rate limit -----------------------------------------------------------------------------


def test_requests_to_one_host_are_spaced_by_the_minimum_interval(httpserver: HTTPServer) -> None:
    recorder = Recorder(ok)
    httpserver.expect_request("/crossref/works/10.1/x").respond_with_handler(recorder)
    config = make_config(httpserver, crossref_interval=0.2)
    url = httpserver.url_for("/crossref/works/10.1/x")
    with make_session(config) as session:
        for _ in range(2):
            send(session, config, CROSSREF, "10.1/x", "GET", url)
    assert len(recorder.times) == 2
    # Stamped by the server's handler thread: allow its scheduling jitter, not a missing wait.
    assert recorder.times[1] - recorder.times[0] >= 0.2 - 0.02


def test_without_an_interval_requests_are_not_delayed(httpserver: HTTPServer) -> None:
    recorder = Recorder(ok)
    httpserver.expect_request("/ping").respond_with_handler(recorder)
    config = make_config(httpserver)
    with make_session(config) as session:
        for _ in range(3):
            send(session, config, CROSSREF, "ping", "GET", httpserver.url_for("/ping"))
    assert recorder.times[-1] - recorder.times[0] < 0.2


def test_waiting_for_one_host_reserves_slots_and_never_delays_another() -> None:
    slept: list[float] = []
    adapter = PoliteAdapter(
        timeout=1.0,
        max_retries=0,
        backoff=0.0,
        max_retry_wait=0.0,
        host_intervals={"export.arxiv.org": 3.0},
        sleep=slept.append,
        clock=lambda: 100.0,  # frozen: every wait is what the reservation says
    )
    for _ in range(3):
        adapter._wait_for_turn("export.arxiv.org")
    adapter._wait_for_turn("api.crossref.org")
    assert slept == [3.0, 6.0]
