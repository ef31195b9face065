"""Plain helpers shared by tests (fixtures live in conftest.py)."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, replace
from pathlib import Path

from pytest_httpserver import HTTPServer

from medvlm.sources.http import SourcesConfig

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@dataclass
class Result:
    """What a `medvlm` run returned and printed."""

    code: int
    out: str
    err: str


def write_record(root: Path, name: str, text: str) -> Path:
    """Write a record file verbatim (bad input included)."""
    path = root / "papers" / name
    path.write_text(text, encoding="utf-8")
    return path


def sources_config(server: HTTPServer, **overrides: object) -> SourcesConfig:
    """Every metadata service on the test server, no cache, no waiting unless a test asks."""
    config = SourcesConfig(
        arxiv_api=server.url_for("/api/query"),
        crossref_api=server.url_for("/crossref").rstrip("/"),
        s2_api=server.url_for("/graph/v1"),
        cache_path=None,
        timeout=5.0,
        max_retries=1,
        backoff=0.01,
        max_retry_wait=0.05,
        arxiv_interval=0.0,
        crossref_interval=0.0,
        s2_interval=0.0,
    )
    return replace(config, **overrides)  # type: ignore[arg-type]


def git(root: Path, *args: str) -> None:
    """Run git in a test repository, with an identity so commits work on any machine."""
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        cwd=root,
        check=True,
        capture_output=True,
    )
