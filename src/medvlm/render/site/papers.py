"""A page per paper: its facts, summary, links, terms, BibTeX, the sources its facts were
checked against, and related papers. Kept out of the navigation."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from medvlm.catalog import Catalog, terms_of
from medvlm.models import Paper, Taxonomy
from medvlm.render.exports import paper_bibtex
from medvlm.render.site.pages import (
    PAPERS_DIR,
    SECTION_TITLES,
    TERM_AXES,
    TWO_DOWN,
    Pages,
    term_href,
)
from medvlm.render.site.related import related_papers
from medvlm.render.site.settings import SiteSettings


@dataclass(frozen=True)
class TermLink:
    axis: str
    id: str
    label: str
    href: str  # relative to the site root


@dataclass(frozen=True)
class TermGroup:
    heading: str
    terms: list[TermLink]


@dataclass(frozen=True)
class LinkItem:
    label: str
    href: str


@dataclass(frozen=True)
class PaperView:
    """A paper with everything its own page shows besides the record's fields."""

    paper: Paper
    term_groups: list[TermGroup]
    kind_label: str
    links: list[LinkItem]
    evidence: list[LinkItem]  # "Sources checked", primary first


def _term_groups(taxonomy: Taxonomy, paper: Paper) -> list[TermGroup]:
    groups = []
    for axis in TERM_AXES:
        terms = [
            TermLink(axis, term, taxonomy.term(axis, term).label, term_href(axis, term))
            for term in terms_of(paper, axis)
        ]
        if terms:
            groups.append(TermGroup(SECTION_TITLES[axis], terms))
    return groups


def paper_links(paper: Paper) -> list[LinkItem]:
    """Every distinct link of a record, the best one first."""
    candidates = [
        ("Paper", paper.url),
        ("PDF", paper.links.pdf),
        ("Code", paper.links.code),
        ("Project page", paper.links.project),
        ("arXiv", f"https://arxiv.org/abs/{paper.ids.arxiv}" if paper.ids.arxiv else None),
        ("DOI", f"https://doi.org/{paper.ids.doi}" if paper.ids.doi else None),
    ]
    seen: set[str] = set()
    links = []
    for label, href in candidates:
        if href and href not in seen:
            seen.add(href)
            links.append(LinkItem(label, href))
    return links


def evidence_label(url: str) -> str:
    """A source's address as a reader scans it: no scheme, no `www.`, no trailing slash."""
    parts = urlsplit(url)
    host = parts.netloc.removeprefix("www.")
    rest = url.split(parts.netloc, 1)[1] if parts.netloc else url
    return (host + rest).rstrip("/")


def paper_view(taxonomy: Taxonomy, paper: Paper) -> PaperView:
    return PaperView(
        paper=paper,
        term_groups=_term_groups(taxonomy, paper),
        kind_label=taxonomy.term("kind", paper.kind).label,
        links=paper_links(paper),
        evidence=[LinkItem(evidence_label(url), url) for url in paper.evidence],
    )


def paper_page_path(paper_id: str) -> str:
    """Where a paper's page goes, relative to docs_dir."""
    return f"{PAPERS_DIR}/{paper_id}/index.md"


def paper_pages(catalog: Catalog, settings: SiteSettings, pages: Pages) -> dict[str, str]:
    """Every paper's page, by path."""
    related = related_papers(catalog.papers)
    return {
        paper_page_path(paper.id): pages.render(
            "paper.md.j2",
            TWO_DOWN,
            view=paper_view(catalog.taxonomy, paper),
            bibtex=paper_bibtex(paper),
            related=pages.items(related[paper.id], TWO_DOWN),
            edit_url=settings.edit_url(paper),
            correct_url=settings.correct_url(paper),
        )
        for paper in catalog.papers
    }
