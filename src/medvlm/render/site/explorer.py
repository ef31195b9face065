"""The explorer page: filters and a table that assets/explorer.js fills from papers.json."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from medvlm.catalog import Catalog
from medvlm.render.site.pages import FILTER_AXES, ONE_DOWN, Pages, TermCount, years_of


@dataclass(frozen=True)
class Facet:
    """One explorer filter: an axis and its terms with catalog-wide (cross-listed) counts."""

    axis: str
    label: str
    terms: list[TermCount]


def explorer_context(catalog: Catalog, counts: Mapping[str, list[TermCount]]) -> dict[str, Any]:
    facets = [
        Facet(axis, catalog.taxonomy.axes[axis].label, counts[axis])  # type: ignore[index]
        for axis in FILTER_AXES
    ]
    return {"total": len(catalog.papers), "facets": facets, "years": years_of(catalog.papers)}


def explorer_page(catalog: Catalog, counts: Mapping[str, list[TermCount]], pages: Pages) -> str:
    return pages.render("explorer.md.j2", ONE_DOWN, **explorer_context(catalog, counts))
