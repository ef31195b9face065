"""Term pages: every paper with the term, cross-listed, with the term's definition."""

from __future__ import annotations

import html
import re

from medvlm.models import Paper
from tests.render.site.support import Built


def test_term_pages_list_every_paper_with_the_term(built: Built) -> None:
    for axis in ("task", "strategy", "modality"):
        for term in built.catalog.taxonomy.axes[axis].terms:
            page = built.page(f"{axis}/{term.id}")
            listed = re.findall(r'<li data-paper-id="([^"]+)"', page)
            expected = sorted(p.id for p in built.catalog.papers if term.id in _terms(p, axis))
            assert sorted(listed) == expected, (axis, term.id)
            assert f"<strong>{len(expected)}</strong> paper" in page
            assert html.escape(term.description, quote=False) in page
    # Cross-listed: a paper with two tasks is on both task pages.
    assert 'data-paper-id="smith2024clip"' in built.page("task/classification")
    assert 'data-paper-id="smith2024clip"' in built.page("task/segmentation")


def _terms(paper: Paper, axis: str) -> list[str]:
    return {"task": paper.tasks, "strategy": paper.strategies, "modality": paper.modalities}[axis]
