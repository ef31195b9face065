"""arXiv metadata through the export API (an Atom feed per query).

Ids go out in batches through `id_list` (with `max_results` set to the batch size, or arXiv
would stop at 10); a title goes out as a `ti:` phrase search. Titles and abstracts arrive
hard-wrapped and are joined onto one line. arXiv reports a malformed id with HTTP 400 and a
feed whose single entry is titled "Error"; an id that is well formed but unknown simply has no
entry.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping, Sequence

import requests

from medvlm.identifiers import (
    arxiv_id_or_none,
    doi_or_none,
    normalise_arxiv_id,
    normalise_space,
)
from medvlm.links import find_code_link
from medvlm.sources.failures import describe_ids, snippet, status_problem, title_subject
from medvlm.sources.http import ARXIV, SourceError, SourcesConfig, send
from medvlm.sources.metadata import WorkMetadata, with_title

BATCH_SIZE = 100
# Hits asked for per title search: the exact title is among the first few when arXiv has it.
SEARCH_RESULTS = 5

_NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "arxiv": "http://arxiv.org/schemas/atom",
    "opensearch": "http://a9.com/-/spec/opensearch/1.1/",
}
_WORD = re.compile(r"\w+")
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
# Where a journal reference stops naming the venue: volume, pages, publisher details, year.
_VENUE_END = re.compile(r"[,;(]|\s(?:vol\.?|volume|pp\.?|pages?|no\.)\s", re.IGNORECASE)


def fetch_arxiv(
    session: requests.Session, config: SourcesConfig, ids: Sequence[str]
) -> dict[str, WorkMetadata]:
    """Metadata for each arXiv id that arXiv knows, keyed by the bare (normalised) id.

    Ids may carry versions, `arXiv:` prefixes or be abs/pdf URLs. Unknown ids are absent from
    the result; see `require_arxiv`. Raises SourceError for an id that is not an arXiv id, for
    an arXiv error feed and for anything the service answers that is not a feed.
    """
    wanted = _normalised_unique(ids)
    found: dict[str, WorkMetadata] = {}
    for start in range(0, len(wanted), BATCH_SIZE):
        batch = wanted[start : start + BATCH_SIZE]
        found.update(_fetch_batch(session, config, batch))
    return {arxiv_id: found[arxiv_id] for arxiv_id in wanted if arxiv_id in found}


def fetch_arxiv_paper(
    session: requests.Session, config: SourcesConfig, arxiv_id: str
) -> WorkMetadata:
    """Metadata for one arXiv id; SourceError "no such paper" when arXiv has none."""
    return require_arxiv(fetch_arxiv(session, config, [arxiv_id]), arxiv_id)


def require_arxiv(found: Mapping[str, WorkMetadata], arxiv_id: str) -> WorkMetadata:
    """The entry for `arxiv_id` in a `fetch_arxiv` result, or SourceError if arXiv had none."""
    key = _normalise(arxiv_id)
    if key not in found:
        raise SourceError(ARXIV, key, "no such paper")
    return found[key]


def _normalised_unique(ids: Sequence[str]) -> list[str]:
    unique: dict[str, None] = {}
    for value in ids:
        unique[_normalise(value)] = None
    return list(unique)


def _normalise(value: str) -> str:
    try:
        return normalise_arxiv_id(value)
    except ValueError as exc:
        raise SourceError(ARXIV, value.strip() or repr(value), str(exc)) from exc


def _fetch_batch(
    session: requests.Session, config: SourcesConfig, batch: list[str]
) -> dict[str, WorkMetadata]:
    params: dict[str, str | int] = {"id_list": ",".join(batch), "max_results": len(batch)}
    feed = _query(session, config, describe_ids(batch), params)
    return {meta.arxiv: meta for meta in parse_entries(feed) if meta.arxiv}


def search_arxiv_title(
    session: requests.Session, config: SourcesConfig, title: str
) -> WorkMetadata | None:
    """The paper arXiv has under exactly `title` (once normalised), or None.

    One `search_query=ti:"..."` request (the phrase search of the API user manual, section
    5.1: https://info.arxiv.org/help/api/user-manual.html); the title's words go into the
    phrase without punctuation, which the query syntax would read as operators. A hit whose
    title merely resembles `title` is refused.
    """
    words = " ".join(_WORD.findall(title))
    if not words:
        return None
    params: dict[str, str | int] = {"search_query": f'ti:"{words}"', "max_results": SEARCH_RESULTS}
    feed = _query(session, config, title_subject(title), params)
    return with_title(parse_entries(feed), title)


def _query(
    session: requests.Session, config: SourcesConfig, subject: str, params: dict[str, str | int]
) -> ET.Element:
    """The feed arXiv answers to `params`; SourceError for an error feed or anything else."""
    response = send(
        session, config, ARXIV, subject, "GET", config.arxiv_api, params=params, accept=(200, 400)
    )
    if response.status_code != 200:
        # arXiv explains a rejected request in an error feed; say what it said when it did.
        explained = _error_in(response)
        raise SourceError(ARXIV, subject, explained or status_problem(response, attempts=1))
    feed = _parse_feed(response, subject)
    error = feed_error(feed)
    if error is not None:  # older deployments sent the error feed with HTTP 200
        raise SourceError(ARXIV, subject, error)
    return feed


def _error_in(response: requests.Response) -> str | None:
    try:
        return feed_error(ET.fromstring(response.content))
    except ET.ParseError:
        return None


def _parse_feed(response: requests.Response, subject: str) -> ET.Element:
    try:
        root = ET.fromstring(response.content)
    except ET.ParseError as exc:
        raise SourceError(
            ARXIV, subject, f"malformed response (not XML): {snippet(response.text)}"
        ) from exc
    if root.tag != f"{{{_NS['atom']}}}feed":
        raise SourceError(ARXIV, subject, f"malformed response (not an Atom feed): <{root.tag}>")
    return root


def feed_error(feed: ET.Element) -> str | None:
    """arXiv's message when the feed is an error feed (one entry titled "Error"), else None."""
    entries = feed.findall("atom:entry", _NS)
    if len(entries) != 1:
        return None
    entry = entries[0]
    entry_id = _text(entry, "atom:id") or ""
    if _text(entry, "atom:title") != "Error" and "/api/errors" not in entry_id:
        return None
    return _text(entry, "atom:summary") or "arXiv reported an error without a message"


def parse_entries(feed: ET.Element) -> Iterator[WorkMetadata]:
    """One WorkMetadata per paper entry of an Atom feed; entries without an id or title are
    skipped (arXiv has sent such placeholders for unknown ids)."""
    for entry in feed.findall("atom:entry", _NS):
        meta = parse_entry(entry)
        if meta is not None:
            yield meta


def parse_entry(entry: ET.Element) -> WorkMetadata | None:
    """A paper entry as WorkMetadata; None when it is not a paper (no arXiv id or no title)."""
    arxiv_id = _entry_arxiv_id(entry)
    title = _text(entry, "atom:title")
    if arxiv_id is None or not title:
        return None
    published = _text(entry, "atom:published") or ""
    submitted_year = int(published[:4]) if published[:4].isdigit() else None
    journal_ref = _text(entry, "arxiv:journal_ref")
    return WorkMetadata(
        title=title,
        authors=tuple(
            name
            for author in entry.findall("atom:author", _NS)
            if (name := _text(author, "atom:name"))
        ),
        year=_journal_year(journal_ref, submitted_year) if journal_ref else submitted_year,
        venue=venue_from_journal_ref(journal_ref) if journal_ref else "arXiv",
        arxiv=arxiv_id,
        doi=_first_doi(_text(entry, "arxiv:doi")),
        abstract=_text(entry, "atom:summary"),
        url=f"https://arxiv.org/abs/{arxiv_id}",
        # Authors announce their repository in the comment ("Code: https://github.com/...").
        code=find_code_link(_text(entry, "arxiv:comment")),
    )


def _entry_arxiv_id(entry: ET.Element) -> str | None:
    candidates = [_text(entry, "atom:id")]
    candidates += [
        link.get("href")
        for link in entry.findall("atom:link", _NS)
        if link.get("rel") == "alternate"
    ]
    return next(filter(None, map(arxiv_id_or_none, candidates)), None)


def _text(element: ET.Element, path: str) -> str | None:
    """The text of a child element on one line; None when absent or blank."""
    child = element.find(path, _NS)
    if child is None:
        return None
    return normalise_space("".join(child.itertext())) or None


def _first_doi(value: str | None) -> str | None:
    """arXiv's DOI field sometimes lists several DOIs separated by spaces; take the first."""
    return next(filter(None, map(doi_or_none, (value or "").split())), None)


def venue_from_journal_ref(journal_ref: str) -> str:
    """A short venue from a free-text journal reference.

    "Medical Image Analysis, Volume 89, 2023, 102918" -> "Medical Image Analysis";
    "CVPR 2024" -> "CVPR"; "Nature Medicine 29, 1-10 (2023)" -> "Nature Medicine";
    "Eur.Phys.J. C31 (2003) 17-29" -> "Eur.Phys.J. C31".
    Falls back to the whole reference when nothing is left.
    """
    text = normalise_space(journal_ref)
    head = _VENUE_END.split(text, maxsplit=1)[0].strip()
    # A trailing year ("CVPR 2024", "MICCAI'23") or bare volume number ("Nature Medicine 29").
    head = re.sub(r"(?:\s*['\u2019]\d{2}|\s+\d{1,4})$", "", head).strip(" :;,-")
    return head or text


def _journal_year(journal_ref: str, submitted: int | None) -> int | None:
    """The publication year in a journal reference (the last plausible one), else `submitted`.

    A published paper is cited with the venue's year, which often differs from the preprint's.
    """
    ceiling = (submitted or 2100) + 5
    years = [int(y) for y in _YEAR.findall(journal_ref) if int(y) <= ceiling]
    return years[-1] if years else submitted
