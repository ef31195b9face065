"""Semantic Scholar metadata through the Graph API.

`POST /paper/batch?fields=...` with `{"ids": [...]}` answers a JSON list in the order of the ids,
with `null` where Semantic Scholar knows no such paper; `GET /paper/{id}` answers one paper or
HTTP 404. Ids are Semantic Scholar paper ids or prefixed external ids ("ARXIV:2103.00020",
"DOI:10.1038/..."); `s2_arxiv_id` and `s2_doi_id` build the latter. `GET /paper/search/match?query=`
answers `{"data": [paper]}` with the one paper whose title best matches (plus its `matchScore`),
or HTTP 404 when none does (Graph API reference, "paper title search":
https://api.semanticscholar.org/api-docs/graph). An API key, when configured, is sent (as
`x-api-key`) to Semantic Scholar only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

import requests

from medvlm.identifiers import (
    arxiv_id_or_none,
    doi_or_none,
    normalise_arxiv_id,
    normalise_doi,
    normalise_space,
)
from medvlm.sources.failures import describe_ids, title_subject
from medvlm.sources.http import SEMANTIC_SCHOLAR, SourceError, SourcesConfig, parse_json, send
from medvlm.sources.metadata import WorkMetadata, with_title

BATCH_SIZE = 500
FIELDS = "title,year,venue,publicationVenue,externalIds,authors,abstract"
# An acronym worth using as a short venue name: "ICML", "MICCAI", "NeurIPS", "IEEE-TMI".
_ACRONYM = re.compile(r"^[A-Z][A-Za-z-]{1,11}$")
_ARXIV_VENUES = {"arxiv", "arxiv.org"}


def s2_arxiv_id(arxiv_id: str) -> str:
    """The Semantic Scholar id for an arXiv id: "ARXIV:<bare id>" (ValueError if not one)."""
    return f"ARXIV:{normalise_arxiv_id(arxiv_id)}"


def s2_doi_id(doi: str) -> str:
    """The Semantic Scholar id for a DOI: "DOI:<doi>" (ValueError if not a DOI)."""
    return f"DOI:{normalise_doi(doi)}"


def fetch_s2_batch(
    session: requests.Session, config: SourcesConfig, ids: Sequence[str]
) -> dict[str, WorkMetadata | None]:
    """Metadata for each id, keyed by the id as given; None where Semantic Scholar has no paper.

    Sends at most 500 ids per request; duplicates are asked for once.
    """
    wanted = list(dict.fromkeys(i.strip() for i in ids))
    if "" in wanted:
        raise SourceError(SEMANTIC_SCHOLAR, repr(""), "empty paper id")
    found: dict[str, WorkMetadata | None] = {}
    for start in range(0, len(wanted), BATCH_SIZE):
        batch = wanted[start : start + BATCH_SIZE]
        found.update(zip(batch, _fetch_batch(session, config, batch), strict=True))
    return {paper_id: found[paper_id] for paper_id in wanted}


def fetch_s2_paper(session: requests.Session, config: SourcesConfig, paper_id: str) -> WorkMetadata:
    """Metadata for one paper id; SourceError "not found (HTTP 404)" when unknown."""
    key = paper_id.strip()
    if not key:
        raise SourceError(SEMANTIC_SCHOLAR, repr(paper_id), "empty paper id")
    url = f"{config.s2_api}/paper/{quote(key, safe='/:')}"
    response = send(
        session,
        config,
        SEMANTIC_SCHOLAR,
        key,
        "GET",
        url,
        params={"fields": FIELDS},
        headers=_headers(config),
    )
    data = parse_json(response, SEMANTIC_SCHOLAR, key)
    if not isinstance(data, dict):
        raise SourceError(SEMANTIC_SCHOLAR, key, "malformed response (not a paper object)")
    return parse_paper(data)


def match_s2_title(
    session: requests.Session, config: SourcesConfig, title: str
) -> WorkMetadata | None:
    """The paper Semantic Scholar has under exactly `title` (once normalised), or None.

    Its title match answers with its best match whatever the score; one whose title merely
    resembles `title` is refused.
    """
    subject = title_subject(title)
    response = send(
        session,
        config,
        SEMANTIC_SCHOLAR,
        subject,
        "GET",
        f"{config.s2_api}/paper/search/match",
        params={"query": title, "fields": FIELDS},
        headers=_headers(config),
        accept=(200, 404),
    )
    if response.status_code == 404:  # "Title match not found"
        return None
    data = parse_json(response, SEMANTIC_SCHOLAR, subject)
    papers = data.get("data") if isinstance(data, dict) else None
    if not isinstance(papers, list):
        raise SourceError(SEMANTIC_SCHOLAR, subject, "malformed response (no data list)")
    return with_title((parse_paper(paper) for paper in papers if isinstance(paper, dict)), title)


def _fetch_batch(
    session: requests.Session, config: SourcesConfig, batch: list[str]
) -> list[WorkMetadata | None]:
    subject = describe_ids(batch)
    response = send(
        session,
        config,
        SEMANTIC_SCHOLAR,
        subject,
        "POST",
        f"{config.s2_api}/paper/batch",
        params={"fields": FIELDS},
        json_body={"ids": batch},
        headers=_headers(config),
    )
    data = parse_json(response, SEMANTIC_SCHOLAR, subject)
    if not isinstance(data, list) or len(data) != len(batch):
        count = f"{len(data)} items" if isinstance(data, list) else type(data).__name__
        raise SourceError(
            SEMANTIC_SCHOLAR,
            subject,
            f"malformed response (expected a list of {len(batch)} papers, got {count})",
        )
    return [parse_paper(item) if isinstance(item, dict) else None for item in data]


def _headers(config: SourcesConfig) -> dict[str, str]:
    return {"x-api-key": config.s2_api_key} if config.s2_api_key else {}


def parse_paper(paper: dict[str, Any]) -> WorkMetadata:
    """A Graph API paper object as WorkMetadata."""
    external = paper.get("externalIds")
    external = external if isinstance(external, dict) else {}
    arxiv_id = arxiv_id_or_none(external.get("ArXiv"))
    doi = doi_or_none(external.get("DOI"))
    year = paper.get("year")
    return WorkMetadata(
        title=_text(paper.get("title")),
        authors=tuple(
            name
            for author in paper.get("authors") or []
            if isinstance(author, dict) and (name := _text(author.get("name")))
        ),
        year=year if isinstance(year, int) else None,
        venue=_venue(paper),
        arxiv=arxiv_id,
        doi=doi,
        abstract=_text(paper.get("abstract")),
        url=_page(paper),
    )


def _text(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return normalise_space(value) or None


def _venue(paper: dict[str, Any]) -> str | None:
    """A short venue: a conference's acronym when it has one, else the venue's name.

    Semantic Scholar names venues in full ("International Conference on Machine Learning");
    the catalog wants the short form people use ("ICML").
    """
    publication = paper.get("publicationVenue")
    publication = publication if isinstance(publication, dict) else {}
    name = _text(publication.get("name")) or _text(paper.get("venue"))
    if name and name.lower() in _ARXIV_VENUES:
        return "arXiv"
    if publication.get("type") == "conference":
        for alternate in publication.get("alternate_names") or []:
            if isinstance(alternate, str) and _ACRONYM.match(alternate) and _caps(alternate) >= 2:
                return alternate
    return name


def _caps(text: str) -> int:
    return sum(1 for c in text if c.isupper())


def _page(paper: dict[str, Any]) -> str | None:
    """The paper's Semantic Scholar page, where the facts given here can be checked."""
    paper_id = paper.get("paperId")
    if isinstance(paper_id, str) and paper_id:
        return f"https://www.semanticscholar.org/paper/{paper_id}"
    return None
