"""Shared fixtures: a small catalog copied into a temporary folder, and a CLI runner."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from medvlm.cli import main
from tests.helpers import DATA, REPO, Result, Run


@pytest.fixture
def mini_catalog(tmp_path: Path) -> Path:
    """tests/data/mini (taxonomy + 4 records) with the repository's templates, in tmp_path."""
    root = tmp_path / "catalog"
    shutil.copytree(DATA / "mini", root)
    shutil.copytree(REPO / "templates", root / "templates")
    return root


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> Run:
    """Run `medvlm --root ROOT ARGS...` in-process and capture what it prints."""

    def run(root: Path, *args: str) -> Result:
        try:
            code = main(["--root", str(root), *args])
        except SystemExit as exit_:
            code = int(exit_.code or 0)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture(scope="session")
def threaded_server() -> Iterator[HTTPServer]:
    """A test server answering requests in parallel, as real hosts do (started once: stopping
    one takes half a second)."""
    httpserver = HTTPServer(host="127.0.0.1", threaded=True)
    httpserver.start()
    yield httpserver
    httpserver.stop()


@pytest.fixture
def server(threaded_server: HTTPServer) -> Iterator[HTTPServer]:
    """The threaded server with no handlers and an empty log."""
    threaded_server.clear()
    yield threaded_server
    threaded_server.clear()
