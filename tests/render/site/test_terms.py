"""Term pages: every paper with the term, cross-listed, with the term's definition."""

from __future__ import annotations

import html
import re

from medvlm.catalog import terms_of
from tests.render.site.support import Built


def test_term_pages_list_every_paper_with_the_term(built: Built) -> None:
    for axis in ("task", "strategy", "modality", "dataset"):
        for term in built.catalog.taxonomy.axes[axis].terms:
            page = built.page(f"{axis}/{term.id}")
            listed = re.findall(r'<li data-paper-id="([^"]+)"', page)
            expected = sorted(p.id for p in built.catalog.papers if term.id in terms_of(p, axis))
            assert sorted(listed) == expected, (axis, term.id)
            assert f"<strong>{len(expected)}</strong> paper" in page
            assert html.escape(term.description, quote=False) in page
    # Cross-listed: a paper with two tasks is on both task pages.
    assert 'data-paper-id="smith2024clip"' in built.page("task/classification")
    assert 'data-paper-id="smith2024clip"' in built.page("task/segmentation")
    # The dataset axis: rich2024every trains on MIMIC-CXR and tests on VQA-RAD.
    assert 'data-paper-id="rich2024every"' in built.page("dataset/vqa-rad")


def test_a_datasets_page_links_its_homepage(built: Built) -> None:
    taxonomy = built.catalog.taxonomy
    mimic = taxonomy.term("dataset", "mimic-cxr")
    assert mimic.url == "https://physionet.org/content/mimic-cxr/"
    page = built.page("dataset/mimic-cxr")
    assert f'<p class="medvlm-homepage"><a href="{mimic.url}">MIMIC-CXR homepage</a></p>' in page
    assert taxonomy.term("dataset", "vqa-rad").url is None
    assert "medvlm-homepage" not in built.page("dataset/vqa-rad")
    overview = built.page("dataset")
    assert f'<a href="{mimic.url}">Homepage</a>' in overview
    assert overview.count(">Homepage</a>") == 1
