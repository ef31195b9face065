"""The shared session: configuration, User-Agent, timeouts and unreachable hosts."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from medvlm import __version__
from medvlm.sources.cache import DEFAULT_CACHE_EXPIRY
from medvlm.sources.http import (
    DEFAULT_ARXIV_API,
    DEFAULT_CROSSREF_API,
    DEFAULT_S2_API,
    SourceError,
    SourcesConfig,
)
from tests.sources.scripted import get, make_config

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
