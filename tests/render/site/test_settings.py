"""What the pages take from mkdocs.yml."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from medvlm.models import Paper
from medvlm.render.site.settings import SiteSettings
from tests.helpers import Run


def test_missing_site_configuration_is_a_located_problem(site_catalog: Path, run_cli: Run) -> None:
    (site_catalog / "mkdocs.yml").unlink()
    result = run_cli(site_catalog, "site")
    assert result.code == 1
    assert result.err.strip() == "mkdocs.yml: not found (the site's configuration)"


def test_correction_links_fill_in_the_issue_form() -> None:
    settings = SiteSettings("Site", "https://example.org/", "https://github.com/o/r/")
    paper = Paper(id="smith2024clip", title="T", tasks=["other"])
    url = settings.correct_url(paper, "Missing a summary & evidence.")
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://github.com/o/r/issues/new"
    assert parse_qs(parts.query) == {
        "template": ["correct-record.yml"],
        "title": ["Correct record: smith2024clip"],
        "record": ["smith2024clip"],
        "problem": ["Missing a summary & evidence."],
    }
    assert "problem" not in settings.correct_url(paper)
    assert settings.edit_url(paper) == "https://github.com/o/r/edit/main/papers/smith2024clip.yaml"
