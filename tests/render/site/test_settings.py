"""What the pages take from mkdocs.yml."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import Run


def test_missing_site_configuration_is_a_located_problem(site_catalog: Path, run_cli: Run) -> None:
    (site_catalog / "mkdocs.yml").unlink()
    result = run_cli(site_catalog, "site")
    assert result.code == 1
    assert result.err.strip() == "mkdocs.yml: not found (the site's configuration)"
