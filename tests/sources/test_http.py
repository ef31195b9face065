"""The shared session: configuration, User-Agent, retries, timeouts, rate limit, cache, errors."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from medvlm import __version__
from medvlm.sources.http import (
    CROSSREF,
    DEFAULT_ARXIV_API,
    DEFAULT_CACHE_EXPIRY,
    DEFAULT_CROSSREF_API,
    DEFAULT_S2_API,
    PoliteAdapter,
    SourceError,
    SourcesConfig,
    make_session,
    retry_after_seconds,
    send,
)
from tests.helpers import sources_config


def make_config(httpserver: HTTPServer, **overrides: object) -> SourcesConfig:
    """Two attempts per request here: retries are what this module tests."""
    return sources_config(httpserver, **{"max_retries": 2, **overrides})


def get(config: SourcesConfig, url: str) -> str:
    with make_session(config) as session:
        return send(session, config, CROSSREF, "10.1/x", "GET", url).text


class Recorder:
    """A handler that answers from a script of responses and notes when each request came."""

    def __init__(self, *responses: Callable[[], Response]) -> None:
        self.responses = list(responses)
        self.times: list[float] = []

    def __call__(self, request: Request) -> Response:
        self.times.append(time.monotonic())
        index = min(len(self.times), len(self.responses)) - 1
        return self.responses[index]()


def ok() -> Response:
    return Response("fine", status=200)


# Configuration ---------------------------------------------------------------------------


def test_config_defaults_from_an_empty_environment(tmp_path: Path) -> None:
    config = SourcesConfig.from_env({"XDG_CACHE_HOME": str(tmp_path)})
    assert config.arxiv_api == DEFAULT_ARXIV_API == "https://export.arxiv.org/api/query"
    assert config.crossref_api == DEFAULT_CROSSREF_API == "https://api.crossref.org"
    assert config.s2_api == DEFAULT_S2_API == "https://api.semanticscholar.org/graph/v1"
    assert config.cache_path == tmp_path / "medvlm" / "http.sqlite"
    assert config.cache_expiry == DEFAULT_CACHE_EXPIRY
    assert config.mailto is None
    assert config.s2_api_key is None
    assert config.arxiv_interval == 3.0


def test_config_reads_every_variable(tmp_path: Path) -> None:
    config = SourcesConfig.from_env(
        {
            "MEDVLM_ARXIV_API": "http://localhost:1/api/query",
            "MEDVLM_CROSSREF_API": "http://localhost:2/",
            "MEDVLM_S2_API": "http://localhost:3/graph/v1",
            "MEDVLM_MAILTO": "maintainers@example.org",
            "MEDVLM_CACHE": str(tmp_path / "c.sqlite"),
            "MEDVLM_CACHE_EXPIRY": "60",
            "S2_API_KEY": "secret",
        }
    )
    assert config.arxiv_api == "http://localhost:1/api/query"
    assert config.crossref_api == "http://localhost:2"
    assert config.s2_api == "http://localhost:3/graph/v1"
    assert config.mailto == "maintainers@example.org"
    assert config.cache_path == tmp_path / "c.sqlite"
    assert config.cache_expiry == 60
    assert config.s2_api_key == "secret"


def test_config_cache_off_and_cache_directory(tmp_path: Path) -> None:
    assert SourcesConfig.from_env({"MEDVLM_CACHE": "off"}).cache_path is None
    assert SourcesConfig.from_env({"MEDVLM_CACHE": "OFF"}).cache_path is None
    in_dir = SourcesConfig.from_env({"MEDVLM_CACHE": str(tmp_path)})
    assert in_dir.cache_path == tmp_path / "http.sqlite"


@pytest.mark.parametrize("value", ["soon", "-5", "1.5"])
def test_config_rejects_a_bad_expiry_naming_the_variable(value: str) -> None:
    with pytest.raises(SourceError) as caught:
        SourcesConfig.from_env({"MEDVLM_CACHE_EXPIRY": value})
    assert str(caught.value) == (
        "configuration: MEDVLM_CACHE_EXPIRY: expected a whole number of seconds (0 or more), "
        f"got {value!r}"
    )


def test_config_rejects_a_base_url_that_is_not_http() -> None:
    with pytest.raises(SourceError) as caught:
        SourcesConfig.from_env({"MEDVLM_S2_API": "ftp://example.org/graph"})
    assert str(caught.value) == (
        "configuration: MEDVLM_S2_API: expected an http(s) URL, got 'ftp://example.org/graph'"
    )


def test_host_intervals_give_shared_hosts_the_largest_interval() -> None:
    config = SourcesConfig(
        arxiv_api="https://export.arxiv.org/api/query",
        crossref_api="http://127.0.0.1:8000/crossref",
        s2_api="http://127.0.0.1:8000/s2",
        cache_path=None,
        crossref_interval=0.5,
        s2_interval=1.5,
    )
    assert config.host_intervals() == {"export.arxiv.org": 3.0, "127.0.0.1:8000": 1.5}


# User-Agent ------------------------------------------------------------------------------


def test_requests_carry_a_descriptive_user_agent_with_mailto(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/ping").respond_with_data("pong")
    config = make_config(httpserver, mailto="maintainers@example.org")
    assert get(config, httpserver.url_for("/ping")) == "pong"
    request, _ = httpserver.log[0]
    agent = request.headers["User-Agent"]
    assert agent.startswith(f"awesome-medvlm/{__version__} (+https://github.com/")
    assert agent.endswith("; mailto:maintainers@example.org)")


def test_user_agent_without_mailto_has_no_mailto() -> None:
    config = SourcesConfig(cache_path=None)
    assert "mailto" not in config.user_agent()


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


# Timeouts and unreachable hosts ------------------------------------------------------------


def test_a_slow_answer_times_out_with_the_configured_timeout(httpserver: HTTPServer) -> None:
    finished = threading.Event()
    calls: list[float] = []

    def slow(request: Request) -> Response:
        calls.append(time.monotonic())
        time.sleep(0.6)
        finished.set()
        return Response("too late")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    config = make_config(httpserver, timeout=0.1)
    url = httpserver.url_for("/slow")
    started = time.monotonic()
    with pytest.raises(SourceError) as caught:
        get(config, url)
    assert time.monotonic() - started < 0.5
    assert str(caught.value) == f"Crossref: 10.1/x: timeout after 0.1 s at {url}"
    # The server answers one request at a time: let it finish before the next test uses it.
    assert finished.wait(2.0)
    time.sleep(0.1)  # room for a retry to arrive, if there were one
    assert len(calls) == 1  # a timeout is not retried


def test_a_closed_port_is_reported_as_connection_refused() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/works/10.1/x"
    config = SourcesConfig(cache_path=None, crossref_interval=0.0)
    with pytest.raises(SourceError) as caught:
        get(config, url)
    assert str(caught.value) == f"Crossref: 10.1/x: unreachable (connection refused) at {url}"


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


# Cache ----------------------------------------------------------------------------------


def test_a_repeated_request_is_served_from_the_disk_cache(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    httpserver.expect_request("/ping").respond_with_data("pong")
    config = make_config(httpserver, cache_path=tmp_path / "cache" / "http.sqlite")
    assert get(config, httpserver.url_for("/ping")) == "pong"
    # A new session, as a second run of the command would open.
    assert get(config, httpserver.url_for("/ping")) == "pong"
    assert len(httpserver.log) == 1
    assert (tmp_path / "cache" / "http.sqlite").is_file()


def test_with_the_cache_off_every_request_reaches_the_server(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/ping").respond_with_data("pong")
    env = {"MEDVLM_CROSSREF_API": httpserver.url_for("/"), "MEDVLM_CACHE": "off"}
    config = replace(SourcesConfig.from_env(env), crossref_interval=0.0)
    assert config.cache_path is None
    get(config, httpserver.url_for("/ping"))
    get(config, httpserver.url_for("/ping"))
    assert len(httpserver.log) == 2


def test_errors_are_not_cached(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/missing").respond_with_data("Resource not found.", status=404)
    config = make_config(httpserver, cache_path=tmp_path / "http.sqlite")
    for _ in range(2):
        with pytest.raises(SourceError, match=r"not found \(HTTP 404\)$"):
            get(config, httpserver.url_for("/missing"))
    assert len(httpserver.log) == 2


def test_an_expired_cache_entry_is_fetched_again(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/ping").respond_with_data("pong")
    config = make_config(httpserver, cache_path=tmp_path / "http.sqlite", cache_expiry=0)
    get(config, httpserver.url_for("/ping"))
    get(config, httpserver.url_for("/ping"))
    assert len(httpserver.log) == 2


def test_an_unusable_cache_location_is_a_configuration_error(tmp_path: Path) -> None:
    taken = tmp_path / "http.sqlite"
    taken.mkdir()  # a directory where the database file should be
    config = SourcesConfig(cache_path=taken)
    with pytest.raises(SourceError) as caught:
        make_session(config)
    assert str(caught.value).startswith(f"configuration: MEDVLM_CACHE: cannot use {taken} as")
    assert str(caught.value).endswith("; set MEDVLM_CACHE=off or another path")


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
