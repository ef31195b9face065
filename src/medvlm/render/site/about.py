"""The About page (the reviews, the sources, every term's definition) and the Contributing page
(CONTRIBUTING.md itself)."""

from __future__ import annotations

import re

from medvlm.catalog import Catalog, reading_order
from medvlm.render.site.pages import FILTER_AXES, ONE_DOWN, Pages
from medvlm.render.site.settings import SiteSettings

SURVEY = "survey"


def about_page(catalog: Catalog, settings: SiteSettings, pages: Pages) -> str:
    taxonomy = catalog.taxonomy
    surveys = reading_order(paper for paper in catalog.papers if paper.kind == SURVEY)
    return pages.render(
        "about.md.j2",
        ONE_DOWN,
        surveys=pages.items(surveys, ONE_DOWN),
        axes=[(axis, taxonomy.axes[axis]) for axis in FILTER_AXES],  # type: ignore[index]
        sources=taxonomy.sources,
        repo_url=settings.repo_url,
    )


_RELATIVE_LINK = re.compile(r"(!?\[[^\]]*\]\()(?!https?:|mailto:|#|/)([^)\s]+)(\))")


def absolute_links(markdown: str, settings: SiteSettings) -> str:
    """Relative links of a repository file (e.g. `papers/`) pointed at the file on GitHub."""
    return _RELATIVE_LINK.sub(
        lambda m: f"{m.group(1)}{settings.blob_url(m.group(2))}{m.group(3)}", markdown
    )


def contributing_page(contributing: str, settings: SiteSettings, pages: Pages) -> str:
    """The Contributing page from the text of CONTRIBUTING.md."""
    return pages.render("contributing.md.j2", ONE_DOWN, text=absolute_links(contributing, settings))
