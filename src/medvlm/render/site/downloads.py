"""The downloads: the catalog as JSON, CSV and BibTeX, the Atom feed, and the page listing them."""

from __future__ import annotations

from medvlm.catalog import Catalog, reading_order
from medvlm.render.exports import export_atom, export_bibtex, export_csv, export_json
from medvlm.render.site.pages import ONE_DOWN, Pages
from medvlm.render.site.settings import SiteSettings

FEED_LIMIT = 50


def download_files(catalog: Catalog, settings: SiteSettings, pages: Pages) -> dict[str, str]:
    """The Downloads page and the data files it links to, by path."""
    return {
        "downloads/index.md": pages.render(
            "downloads.md.j2", ONE_DOWN, total=len(catalog.papers), feed=FEED_LIMIT
        ),
        "papers.json": export_json(catalog),
        "papers.csv": export_csv(catalog),
        "papers.bib": export_bibtex(reading_order(catalog.papers)),
        "feed.xml": export_atom(catalog, settings.site_url, FEED_LIMIT),
    }
