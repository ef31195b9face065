"""Shared fixtures: a small catalog copied into a temporary folder, and a CLI runner."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from medvlm.cli import main
from tests.helpers import DATA, REPO, Result


@pytest.fixture
def mini_catalog(tmp_path: Path) -> Path:
    """tests/data/mini (taxonomy + 4 records) with the repository's templates, in tmp_path."""
    root = tmp_path / "catalog"
    shutil.copytree(DATA / "mini", root)
    shutil.copytree(REPO / "templates", root / "templates")
    return root


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """Run `medvlm --root ROOT ARGS...` in-process and capture what it prints."""

    def run(root: Path, *args: str) -> Result:
        try:
            code = main(["--root", str(root), *args])
        except SystemExit as exit_:
            code = int(exit_.code or 0)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run
