"""What a group of rows that are one work says, before it meets the catalog: `work_of(group)`.

- the title: the variant with the best case, the capitals a CVF or ResearchGate page name
  spells, a shouting title in title case (titles.py);
- venue and year: the venue a publisher link spells out (`infer_venue_year`), else a tag on
  the row (`[MICCAI 2024]`, a venue column), else the venue named in citation text cut from the
  title, else arXiv, else a heading's tag; the year of that venue, else the first year any of
  them gives;
- the model name in the case the title writes it, else one the title opens with ("MedCLIP-SAM:
  ..."); a "natural" domain on a model whose title names medical images becomes medical;
- the links: the most stable paper page (`page_rank`), the first PDF, code and project link;
- tasks: those the rows name; rows that name none take their title's task keywords, else the
  task the list's title names, else, under a kind heading, `multi-task` (general-purpose
  models used across tasks), else `other`
  (`guessed_tasks`); the kind a title's keywords suggest when it is not a method
  (`kind_suggestion`); the strategies and modalities the rows' headings name.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from medvlm.importers.rows import DEFAULT_KIND, RowFacts, RowLink
from medvlm.links import canonicalise, infer_venue_year, on_hosts
from medvlm.models import ARXIV_VENUE, Taxonomy
from medvlm.seeding.titles import (
    case_from_page_name,
    case_score,
    is_shouting,
    model_case,
    names_medical_images,
    title_case,
)
from medvlm.taxonomy import suggest_model, suggest_terms

OTHER_TASK = "other"
FOUNDATION_KIND = "foundation-model"
# Foundation models with no task keyword in their title: general-purpose, used across tasks.
FOUNDATION_TASK = "multi-task"
# Landing pages of aggregators: kept only when no publisher or arXiv page is known.
AGGREGATOR_HOSTS = ("researchgate.net", "ui.adsabs.harvard.edu", "semanticscholar.org")
REPOSITORY_HOSTS = ("arxiv.org", "ncbi.nlm.nih.gov", "europepmc.org", "biorxiv.org", "medrxiv.org")


def page_rank(url: str) -> int:
    """How stable a paper page is, lower first: a page naming the DOI (the version of record),
    another publisher's or proceedings page, an open repository (arXiv, PMC), an aggregator."""
    if on_hosts(url, AGGREGATOR_HOSTS):
        return 3
    result = canonicalise(url)
    if result.arxiv or on_hosts(url, REPOSITORY_HOSTS):
        return 2
    return 0 if result.doi else 1


@dataclass
class Work:
    """The values a group of rows gives one record (before merging with a record)."""

    lines: tuple[int, ...]
    title: str
    title_fixes: list[str]
    model: str | None
    model_fix: str | None
    domain: Literal["natural", "medical"] | None
    domain_fix: str | None
    kind_from_list: str | None
    list_task: str | None
    tasks: list[str]
    strategies: list[str]
    modalities: list[str]
    venue: str | None
    year: int | None
    arxiv: str | None
    doi: str | None
    links: dict[str, str]
    publisher_venue: bool

    def first_line(self) -> int:
        return self.lines[0]


def _choose_title(group: Sequence[RowFacts], urls: Sequence[str]) -> tuple[str, list[str]]:
    fixes: list[str] = []
    variants = []
    for fact in group:
        assert fact.title is not None
        cased = case_from_page_name(fact.title, urls)
        variants.append(cased)
    best = max(variants, key=case_score)
    original = group[variants.index(best)].title or best
    if best != original:
        fixes.append(f"title case from the publisher's page name: {best!r}")
    if is_shouting(best):
        best = title_case(best)
        fixes.append(f"title in capitals written in title case: {best!r}")
    return best, fixes


def _venue_and_year(
    group: Sequence[RowFacts], links: Sequence[RowLink]
) -> tuple[str | None, int | None, bool]:
    """(venue, year, whether the venue is a publisher's) from links, tags and citations."""
    publisher: list[tuple[str | None, int | None]] = []
    preprint: list[tuple[str | None, int | None]] = []
    for link in links:
        if link.role not in ("paper", "pdf"):
            continue
        found = infer_venue_year(link.url)
        if found.venue == ARXIV_VENUE:
            preprint.append((found.venue, found.year))
        elif found.found():
            publisher.append((found.venue, found.year))
    tags = [(tag.venue, tag.year) for fact in group for tag in fact.row.tags]
    cited = [(fact.cited_venue, None) for fact in group if fact.cited_venue]
    headings = [(tag.venue, tag.year) for fact in group for tag in fact.heading_tags]
    ordered = [*publisher, *tags, *cited, *preprint, *headings]
    named = [(venue, year) for venue, year in ordered if venue and venue != ARXIV_VENUE]
    fallback: tuple[str | None, int | None] = (None, None)
    chosen = named[0] if named else next(((v, y) for v, y in ordered if v), fallback)
    year = chosen[1] or next((y for _, y in ordered if y), None)
    is_publisher = chosen[0] is not None and chosen[0] != ARXIV_VENUE
    return chosen[0], year, is_publisher


def work_of(group: list[RowFacts], taxonomy: Taxonomy) -> Work:
    links = [link for fact in group for link in fact.links]
    urls = [link.url for link in links]
    title, title_fixes = _choose_title(group, urls)
    venue, year, is_publisher = _venue_and_year(group, links)
    listed_model = next((fact.model for fact in group if fact.model), None)
    model_fix = None
    model = listed_model
    if listed_model:
        model = model_case(listed_model, title)
        if model != listed_model:
            model_fix = f"model name {listed_model!r} written as the title writes it: {model!r}"
    else:
        model = suggest_model(title)
    if model == title:  # a model name kept as title is not repeated as the model
        model = None
    domain = next((fact.domain for fact in group if fact.domain), None)
    domain_fix = None
    if domain == "natural" and names_medical_images(taxonomy, title):
        domain = "medical"
        domain_fix = "domain: the list says natural, the title names medical images: medical"
    kind = next((fact.kind for fact in group if fact.kind), None)
    doi = next((link.result.doi for link in links if link.result.doi), None)
    return Work(
        lines=tuple(fact.row.line for fact in group),
        title=title,
        title_fixes=title_fixes,
        model=model,
        model_fix=model_fix,
        domain=domain,
        domain_fix=domain_fix,
        kind_from_list=kind,
        list_task=next((fact.list_task for fact in group if fact.list_task), None),
        tasks=_union(fact.tasks for fact in group),
        strategies=_union(fact.strategies for fact in group),
        modalities=_union(fact.modalities for fact in group),
        venue=venue,
        year=year,
        arxiv=next((link.result.arxiv for link in links if link.result.arxiv), None),
        doi=doi,
        links=_best_links(links, doi),
        publisher_venue=is_publisher,
    )


def _union(lists: Iterable[Sequence[str]]) -> list[str]:
    """The terms of several rows, each once, in the order first given."""
    return list(dict.fromkeys(term for terms in lists for term in terms))


def _best_links(links: Sequence[RowLink], doi: str | None) -> dict[str, str]:
    chosen: dict[str, str] = {}
    pages = sorted((link.url for link in links if link.role == "paper"), key=page_rank)
    if pages:
        best = pages[0]
        # An aggregator's copy is the last resort: the DOI it names resolves to the original.
        chosen["paper"] = f"https://doi.org/{doi}" if doi and page_rank(best) == 3 else best
    for role in ("pdf", "code", "project"):
        url = next((link.url for link in links if link.role == role), None)
        if url:
            chosen[role] = url
    return chosen


def kind_suggestion(taxonomy: Taxonomy, title: str) -> str:
    """A non-method kind whose keywords the title has (dataset, benchmark, ...), else method.
    Foundation models are known from the list's structure, not from title words."""
    kinds = [
        k
        for k in suggest_terms(taxonomy, "kind", title)
        if k not in (DEFAULT_KIND, FOUNDATION_KIND)
    ]
    known = taxonomy.term_ids("kind")
    return kinds[0] if kinds else (DEFAULT_KIND if DEFAULT_KIND in known else known[0])


def guessed_tasks(
    taxonomy: Taxonomy, title: str, kind_from_list: str | None, list_task: str | None = None
) -> list[str]:
    """The tasks of a row that no heading or column gives a task: those its title's keywords
    name; else the task the list's title names; else, for a row under a kind heading (a
    foundation-model table), multi-task; otherwise `other`."""
    known = taxonomy.term_ids("task")
    keywords = [t for t in suggest_terms(taxonomy, "task", title) if t != OTHER_TASK]
    if keywords:
        return keywords
    if list_task:
        return [list_task]
    if kind_from_list and FOUNDATION_TASK in known:
        return [FOUNDATION_TASK]
    return [OTHER_TASK if OTHER_TASK in known else known[-1]]
