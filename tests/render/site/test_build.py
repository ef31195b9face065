"""Building the site: the generated tree, one MkDocs (or Zensical) run, safe publishing."""

from __future__ import annotations

from pathlib import Path

import pytest

from medvlm.render.site.build import build_failure
from tests.helpers import Run, write_record
from tests.render.site.support import (
    PWNED_TITLE,
    Built,
    broken_links,
    element_text,
    external_references,
)


def test_site_command_builds_every_page_and_data_file(built: Built) -> None:
    taxonomy = built.catalog.taxonomy
    expected = ["", "explorer", "downloads", "help-wanted", "about", "contributing"]
    for axis in ("task", "strategy", "modality", "dataset"):
        expected += [axis] + [f"{axis}/{term}" for term in taxonomy.term_ids(axis)]
    expected += [f"papers/{paper.id}" for paper in built.catalog.papers]
    missing = [path for path in expected if not (built.site / path / "index.html").is_file()]
    assert missing == []
    for name in ("papers.json", "papers.csv", "papers.bib", "feed.xml", "assets/explorer.js"):
        assert (built.site / name).is_file(), name
    assert f"{len(built.catalog.papers)} papers" in built.output
    assert "built with mkdocs" in built.output
    # The build folder holds the generated tree (never committed; .gitignore lists it).
    assert (built.root / ".site-build" / "docs" / "papers" / "smith2024clip" / "index.md").is_file()


def test_site_is_self_contained(built: Built) -> None:
    assert external_references(built.site) == []
    assert 'class="md-source"' in built.page("")  # the repository link stays...
    assert 'data-md-component="source"' not in built.page("")  # ...without api.github.com calls


def test_offline_check_catches_external_assets(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        '<link rel="stylesheet" href="https://cdn.example.org/x.css">'
        '<script src="//cdn.example.org/x.js"></script><img src="http://example.org/i.png">'
        "<style>body{background:url('https://example.org/bg.png')}</style>",
        encoding="utf-8",
    )
    (tmp_path / "site.css").write_text("@font-face{src:url(https://fonts.example/f.woff)}")
    assert len(external_references(tmp_path)) == 5


def test_internal_links_all_resolve(built: Built) -> None:
    assert broken_links(built.site) == []


def test_failed_build_keeps_the_previous_site(site_catalog: Path, run_cli: Run) -> None:
    assert run_cli(site_catalog, "site").code == 0
    index = site_catalog / "site" / "index.html"
    before = index.read_text("utf-8")
    # A hand-written page with a broken link: `mkdocs build --strict` fails on the warning.
    (site_catalog / "docs" / "notes.md").write_text("# Notes\n\nSee [this](missing.md).\n")
    write_record(
        site_catalog,
        "zed2025new.yaml",
        "id: zed2025new\ntitle: A New Paper\nyear: 2025\ntasks: [vqa]\n",
    )
    result = run_cli(site_catalog, "site")
    assert result.code == 1
    assert result.err.splitlines() == [
        ".site-build/mkdocs.yml: mkdocs: WARNING - Doc file 'notes.md' contains a link "
        "'missing.md', but the target is not found among documentation files.",
        ".site-build/mkdocs.yml: mkdocs build failed (exit code 1): "
        "the previous site is left as it was",
    ]
    assert index.read_text("utf-8") == before
    assert not (site_catalog / "site" / "papers" / "zed2025new").exists()


def test_zensical_failures_are_reported_without_colour_codes() -> None:
    output = (
        "Build started\n\x1b[33mWarning:\x1b[0m page does not exist\n"
        "   \x1b[38;5;246m╭─[\x1b[0m notes.md:3:12 \x1b[38;5;246m]\x1b[0m\n"
        "Traceback (most recent call last):\n  File x\n"
        "RuntimeError: Aborted because --strict flag is set\n"
    )
    assert [str(p) for p in build_failure("zensical", "cfg", output, 1)] == [
        "cfg: zensical: Warning: page does not exist (at notes.md:3:12)",
        "cfg: zensical: RuntimeError: Aborted because --strict flag is set",
        "cfg: zensical build failed (exit code 1): the previous site is left as it was",
    ]


def test_a_generated_page_never_replaces_a_hand_written_one(
    site_catalog: Path, run_cli: Run
) -> None:
    (site_catalog / "docs" / "about.md").write_text("# My about page\n")
    result = run_cli(site_catalog, "site")
    assert result.code == 1
    assert result.err.splitlines() == ["docs/about.md: clashes with a generated page: rename it"]
    assert (site_catalog / "docs" / "about.md").read_text() == "# My about page\n"
    assert not (site_catalog / "site").exists()


def test_hand_written_pages_are_published_and_listed(site_catalog: Path, run_cli: Run) -> None:
    (site_catalog / "docs" / "faq.md").write_text("# Frequent questions\n\nAsk away.\n")
    assert run_cli(site_catalog, "site").code == 0
    page = (site_catalog / "site" / "faq" / "index.html").read_text("utf-8")
    assert "Ask away." in page
    assert 'href="faq/"' in (site_catalog / "site" / "index.html").read_text("utf-8")


def test_builds_from_a_relative_catalog_folder(
    site_catalog: Path, run_cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(site_catalog.parent)
    result = run_cli(Path(site_catalog.name), "site", "--out", "public")
    assert result.code == 0, result.err
    assert (site_catalog.parent / "public" / "papers" / "smith2024clip" / "index.html").is_file()


def test_refuses_to_replace_a_folder_that_is_not_a_site(
    site_catalog: Path, run_cli: Run, tmp_path: Path
) -> None:
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.tex").write_text("keep me")
    result = run_cli(site_catalog, "site", "--out", str(precious))
    assert result.code == 1
    assert "is not a built site (no index.html): refusing to replace it" in result.err
    assert [p.name for p in precious.iterdir()] == ["thesis.tex"]


def test_invalid_records_build_nothing(site_catalog: Path, run_cli: Run) -> None:
    write_record(site_catalog, "bad.yaml", "id: bad\ntitle: Bad\ntasks: [cooking]\n")
    result = run_cli(site_catalog, "site")
    assert result.code == 1
    assert "papers/bad.yaml:3: tasks: unknown task 'cooking'" in result.err
    assert "site not built" in result.err
    assert not (site_catalog / "site").exists()


def test_zensical_builds_the_same_tree(site_catalog: Path, run_cli: Run) -> None:
    site = site_catalog.parent / "zensical-site"
    result = run_cli(site_catalog, "site", "--builder", "zensical", "--out", str(site))
    assert result.code == 0, result.err
    assert "built with zensical" in result.out
    for path in ("", "explorer", "task/segmentation", "papers/smith2024clip"):
        assert (site / path / "index.html").is_file(), path
    assert external_references(site) == []
    assert broken_links(site) == []
    page = (site / "papers" / "eve2024pwned" / "index.html").read_text("utf-8")
    assert "<script>window.__pwned" not in page
    assert element_text(page, "title") == f"{PWNED_TITLE} - Awesome MedVLM"
    assert '<code class="language-bibtex">' in page
