"""The About and Contributing pages."""

from __future__ import annotations

import html

from tests.helpers import REPO
from tests.render.site.support import REPO_URL, Built


def test_contributing_page_is_the_contribution_guide(built: Built) -> None:
    page = built.page("contributing")
    guide = (REPO / "CONTRIBUTING.md").read_text("utf-8")
    heading = guide.splitlines()[0].lstrip("# ")
    assert heading in page
    assert f'href="{REPO_URL}/blob/main/taxonomy.yaml"' in page
    assert f'href="{REPO_URL}/blob/main/papers/"' in page


def test_about_page_lists_the_reviews_and_defines_every_term(built: Built) -> None:
    page = built.page("about")
    assert 'data-paper-id="kim2024survey"' in page  # the mini catalog's one survey
    for axis, model in built.catalog.taxonomy.axes.items():
        for term in model.terms:
            assert f'id="{axis}-{term.id}"' in page
            assert html.escape(term.description, quote=False) in page
    # A dataset's definition links its homepage.
    mimic = built.catalog.taxonomy.term("dataset", "mimic-cxr")
    definition = page.split('id="dataset-mimic-cxr"', 1)[1].split("</dd>", 1)[0]
    assert f'<a href="{mimic.url}">Homepage</a>' in definition
    assert "medvlm serve" in page  # how to preview the site
