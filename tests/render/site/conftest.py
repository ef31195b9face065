"""Fixtures of the site tests: one site built per session, and a fresh catalog per test."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from medvlm.catalog import load_catalog
from medvlm.cli import main
from tests.render.site.support import Built, make_site_catalog


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = make_site_catalog(tmp_path_factory.mktemp("site") / "catalog")
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        code = main(["--root", str(root), "site"])
    assert code == 0, output.getvalue()
    return Built(root, root / "site", load_catalog(root), output.getvalue())


@pytest.fixture
def site_catalog(tmp_path: Path) -> Path:
    return make_site_catalog(tmp_path / "catalog")
