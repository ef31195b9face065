"""Crossref metadata through the REST API: one DOI (`GET /works/{doi}`), or a title search
(`GET /works?query.bibliographic=...`).

Crossref answers `{"status": "ok", "message-type": "work", "message": {...}}`; titles and
container titles are lists, dates are `{"date-parts": [[year, month, day]]}`, and titles and
abstracts may carry JATS/HTML markup. An unknown DOI is HTTP 404 "Resource not found.". A
search answers `{"status": "ok", "message-type": "work-list", "message": {"items": [...]}}`,
each item a work message (https://github.com/CrossRef/rest-api-doc, "Lists").
The contact address for Crossref's polite pool travels in the session's User-Agent.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace
from typing import Any
from urllib.parse import quote

import requests

from medvlm.identifiers import doi_or_none, normalise_doi, normalise_space
from medvlm.sources.failures import title_subject
from medvlm.sources.http import CROSSREF, SourceError, SourcesConfig, parse_json, send
from medvlm.sources.metadata import WorkMetadata, with_title

# Works asked for per title search: the exact title is among the first few when Crossref has it.
SEARCH_ROWS = 5
# Date fields in order of preference for the year of publication.
_DATE_FIELDS = ("published", "issued", "published-print", "published-online")
_TAG = re.compile(r"<[^>]+>")
# JATS abstracts often open with a heading ("<jats:title>Abstract</jats:title>") that is not text.
_JATS_TITLE = re.compile(r"<jats:title>.*?</jats:title>", re.DOTALL)
# Crossref types whose "container" is not a venue; their venue is the posting server.
_POSTED = {"posted-content"}


def fetch_crossref(session: requests.Session, config: SourcesConfig, doi: str) -> WorkMetadata:
    """Metadata Crossref holds for `doi` (any common DOI form).

    Raises SourceError when the DOI is not a DOI, is unknown to Crossref ("not found
    (HTTP 404)"), or Crossref answers something that is not a work.
    """
    key = _normalise(doi)
    url = f"{config.crossref_api}/works/{quote(key, safe='/')}"
    response = send(session, config, CROSSREF, key, "GET", url)
    data = parse_json(response, CROSSREF, key)
    message = data.get("message") if isinstance(data, dict) else None
    if not isinstance(message, dict) or data.get("status") != "ok":
        raise SourceError(CROSSREF, key, "malformed response (no work in the message)")
    return parse_work(message, key)


def search_crossref_title(
    session: requests.Session, config: SourcesConfig, title: str
) -> WorkMetadata | None:
    """The work Crossref has under exactly `title` (once normalised), or None.

    One `query.bibliographic` request for the first few hits, ranked by relevance; a work whose
    title (or title and subtitle, which Crossref keeps apart) merely resembles `title` is
    refused.
    """
    subject = title_subject(title)
    response = send(
        session,
        config,
        CROSSREF,
        subject,
        "GET",
        f"{config.crossref_api}/works",
        params={"query.bibliographic": title, "rows": SEARCH_ROWS},
    )
    data = parse_json(response, CROSSREF, subject)
    message = data.get("message") if isinstance(data, dict) else None
    items = message.get("items") if isinstance(message, dict) else None
    if not isinstance(items, list) or data.get("status") != "ok":
        raise SourceError(CROSSREF, subject, "malformed response (no list of works)")
    works = [item for item in items if isinstance(item, dict)]
    return with_title((variant for work in works for variant in _title_variants(work)), title)


def _title_variants(message: dict[str, Any]) -> list[WorkMetadata]:
    """The work, and the work titled "title: subtitle" when Crossref has a subtitle."""
    work = parse_work(message)
    subtitle = _first_text(message.get("subtitle"))
    if work.title is None or subtitle is None:
        return [work]
    return [work, replace(work, title=f"{work.title}: {subtitle}")]


def parse_work(message: dict[str, Any], requested_doi: str | None = None) -> WorkMetadata:
    """A Crossref work message as WorkMetadata."""
    doi = doi_or_none(message.get("DOI")) or requested_doi
    return WorkMetadata(
        title=_first_text(message.get("title")),
        authors=_authors(message.get("author")),
        year=_year(message),
        venue=_venue(message),
        doi=doi,
        arxiv=None,
        abstract=_abstract(message.get("abstract")),
        url=f"https://doi.org/{doi}" if doi else None,
    )


def _normalise(doi: str) -> str:
    try:
        return normalise_doi(doi)
    except ValueError as exc:
        raise SourceError(CROSSREF, doi.strip() or repr(doi), str(exc)) from exc


def _clean(value: object) -> str | None:
    """Text without JATS/HTML tags and entities, on one line."""
    if not isinstance(value, str):
        return None
    text = normalise_space(html.unescape(_TAG.sub(" ", value)))
    # Removing inline tags ("<i>in vivo</i>,") can leave a space before punctuation.
    return re.sub(r"\s+([,.;:!?)])", r"\1", text) or None


def _abstract(value: object) -> str | None:
    return _clean(_JATS_TITLE.sub(" ", value)) if isinstance(value, str) else None


def _first_text(values: object) -> str | None:
    if isinstance(values, list):
        for value in values:
            text = _clean(value)
            if text:
                return text
    return None


def _authors(values: object) -> tuple[str, ...]:
    """Authors as "Given Family"; organisations (only `name`) as they are."""
    if not isinstance(values, list):
        return ()
    names = []
    for author in values:
        if not isinstance(author, dict):
            continue
        parts = [author.get("given"), author.get("family")]
        name = " ".join(p.strip() for p in parts if isinstance(p, str) and p.strip())
        if not name and isinstance(author.get("name"), str):
            name = author["name"]
        if name := normalise_space(name):
            names.append(name)
    return tuple(names)


def _year(message: dict[str, Any]) -> int | None:
    for name in _DATE_FIELDS:
        date = message.get(name)
        parts = date.get("date-parts") if isinstance(date, dict) else None
        # Unknown dates come as [[null]]; skip to the next field then.
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
            year = parts[0][0]
            if isinstance(year, int):
                return year
    return None


def _venue(message: dict[str, Any]) -> str | None:
    # With several container titles (a book series, then the proceedings volume), the last
    # names the venue most closely.
    containers = message.get("container-title")
    venue = _first_text(message.get("short-container-title")) or _first_text(
        list(reversed(containers)) if isinstance(containers, list) else None
    )
    if venue is None and message.get("type") in _POSTED:
        institutions = message.get("institution")
        if isinstance(institutions, list) and institutions:
            first = institutions[0]
            venue = _clean(first.get("name")) if isinstance(first, dict) else None
    return venue
