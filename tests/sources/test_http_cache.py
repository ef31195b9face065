"""The session's on-disk cache: repeated answers from disk, errors never kept."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from medvlm.sources.http import SourceError, SourcesConfig, make_session
from tests.sources.scripted import get, make_config


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
