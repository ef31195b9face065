"""The taxonomy's pages: an overview per axis, and a page per term listing its papers."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from medvlm.catalog import Catalog, reading_order, terms_of
from medvlm.models import Paper
from medvlm.render.site.pages import (
    ONE_DOWN,
    SECTION_TITLES,
    TERM_AXES,
    TWO_DOWN,
    Pages,
    TermCount,
    explorer_href,
)


def term_pages(
    catalog: Catalog, counts: Mapping[str, list[TermCount]], pages: Pages
) -> dict[str, str]:
    """An overview per axis and a page per term listing its papers (cross-listed), by path."""
    members: dict[tuple[str, str], list[Paper]] = defaultdict(list)
    for paper in reading_order(catalog.papers):
        for axis in TERM_AXES:
            for term_id in terms_of(paper, axis):
                members[(axis, term_id)].append(paper)
    files: dict[str, str] = {}
    for axis in TERM_AXES:
        axis_model = catalog.taxonomy.axes[axis]  # type: ignore[index]
        files[f"{axis}/index.md"] = pages.render(
            "axis.md.j2",
            ONE_DOWN,
            axis=axis,
            title=SECTION_TITLES[axis],
            axis_model=axis_model,
            terms=counts[axis],
        )
        for term in counts[axis]:
            files[f"{axis}/{term.id}/index.md"] = pages.render(
                "term.md.j2",
                TWO_DOWN,
                axis=axis,
                axis_label=axis_model.label,
                term=term,
                papers=pages.items(members[(axis, term.id)], TWO_DOWN),
                explorer=explorer_href(**{axis: term.id}),
            )
    return files
