"""Plain helpers shared by tests (fixtures live in conftest.py)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from pytest_httpserver import HTTPServer

from medvlm.linkcheck.model import CheckedLink, Link, LinkStatus, Outcome
from medvlm.sources.http import SourcesConfig

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@dataclass
class Result:
    """What a `medvlm` run returned and printed."""

    code: int
    out: str
    err: str


# The `run_cli` fixture's type: run(root, *args) -> Result.
Run = Callable[..., Result]


def write_record(root: Path, name: str, text: str) -> Path:
    """Write a record file verbatim (bad input included)."""
    path = root / "papers" / name
    path.write_text(text, encoding="utf-8")
    return path


def copy_site_catalog(root: Path) -> Path:
    """tests/data/mini plus the records of tests/data/site (markup in titles, an undated record)
    with the repository's templates, docs and mkdocs.yml: all `medvlm site` reads except
    CONTRIBUTING.md, which each caller writes as it needs."""
    shutil.copytree(DATA / "mini", root)
    for record in sorted((DATA / "site" / "papers").glob("*.yaml")):
        shutil.copy(record, root / "papers")
    shutil.copytree(REPO / "templates", root / "templates")
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copy(REPO / "mkdocs.yml", root)
    return root


def without_waiting(config: SourcesConfig) -> SourcesConfig:
    """`config` with no politeness delays, one quick retry and short waits: the real ones
    (3 s between arXiv requests, retries backing off for seconds) would make every test slow."""
    return replace(
        config,
        timeout=5.0,
        max_retries=1,
        backoff=0.01,
        max_retry_wait=0.05,
        arxiv_interval=0.0,
        crossref_interval=0.0,
        s2_interval=0.0,
    )


def sources_config(server: HTTPServer, **overrides: object) -> SourcesConfig:
    """Every metadata service on the test server, no cache, no waiting unless a test asks."""
    config = SourcesConfig(
        arxiv_api=server.url_for("/api/query"),
        crossref_api=server.url_for("/crossref").rstrip("/"),
        s2_api=server.url_for("/graph/v1"),
        cache_path=None,
    )
    return replace(without_waiting(config), **overrides)  # type: ignore[arg-type]


def git(root: Path, *args: str) -> None:
    """Run git in a test repository, with an identity so commits work on any machine."""
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        cwd=root,
        check=True,
        capture_output=True,
    )


def commit_all(root: Path, message: str) -> None:
    """Make `root` a git repository on branch main whose one commit holds every file in it."""
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", message)


def moved_link(record_id: str, field: str, old: str, new: str) -> CheckedLink:
    """A link the check found permanently moved (HTTP 301/308), as check.py words it."""
    message = f"moved permanently to {new}"
    return CheckedLink(
        Link(record_id, field, old), Outcome(LinkStatus.REDIRECTED, 200, new, message, new)
    )
