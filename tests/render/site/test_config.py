"""The generated MkDocs config: the navigation, which leaves paper pages out."""

from __future__ import annotations

import json

import yaml

from tests.render.site.support import Built


def test_paper_pages_stay_out_of_the_navigation(built: Built) -> None:
    config = yaml.safe_load((built.root / ".site-build" / "mkdocs.yml").read_text("utf-8"))
    nav_files = json.dumps(config["nav"])
    assert "papers/" not in nav_files
    for term in built.catalog.taxonomy.term_ids("task"):
        assert f"task/{term}/index.md" in nav_files
    top = [next(iter(entry)) for entry in config["nav"]]
    assert top == [
        "Home",
        "Explorer",
        "Tasks",
        "Strategies",
        "Modalities",
        "Datasets",
        "Downloads",
        "Help wanted",
        "Contributing",
        "About",
    ]
    # A paper page carries no link to any other paper page in its navigation sidebar.
    page = built.page("papers/smith2024clip")
    sidebar = page.split('data-md-type="navigation"', 1)[1].split('data-md-type="toc"', 1)[0]
    assert "papers/" not in sidebar
    assert "Explorer" in sidebar
