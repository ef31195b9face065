"""Every generated file of the site, from the catalog: pure and deterministic."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from medvlm.catalog import Catalog
from medvlm.render.site.about import about_page, contributing_page
from medvlm.render.site.downloads import download_files
from medvlm.render.site.explorer import explorer_page
from medvlm.render.site.helpwanted import help_wanted_page
from medvlm.render.site.home import home_page
from medvlm.render.site.pages import Pages, axis_counts, site_environment
from medvlm.render.site.papers import paper_pages
from medvlm.render.site.settings import SiteSettings
from medvlm.render.site.terms import term_pages


@dataclass(frozen=True)
class SiteInputs:
    """Everything the pages are made of besides the catalog (read by the caller)."""

    settings: SiteSettings
    contributing: str  # the text of CONTRIBUTING.md


def render_site_files(catalog: Catalog, templates_dir: Path, inputs: SiteInputs) -> dict[str, str]:
    """Every generated page and data file, by path relative to docs_dir."""
    settings = inputs.settings
    pages = Pages(site_environment(templates_dir), {"site_name": settings.site_name})
    counts = axis_counts(catalog)
    files = {
        "index.md": home_page(catalog, counts, pages),
        "explorer/index.md": explorer_page(catalog, counts, pages),
        "about/index.md": about_page(catalog, settings, pages),
        "contributing/index.md": contributing_page(inputs.contributing, settings, pages),
        "help-wanted/index.md": help_wanted_page(catalog, settings, pages),
    }
    files.update(term_pages(catalog, counts, pages))
    files.update(paper_pages(catalog, settings, pages))
    files.update(download_files(catalog, settings, pages))
    return files
