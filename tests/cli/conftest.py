"""Fixtures of the CLI tests that reach metadata services (`add`, `enrich`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from tests.cli.fake_sources import use_fake_services


@pytest.fixture
def services(httpserver: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The MEDVLM_* variables pointing at `httpserver`, with no waiting; the HTTP cache file."""
    return use_fake_services(httpserver, tmp_path, monkeypatch)
