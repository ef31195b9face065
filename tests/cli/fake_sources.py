"""Fake arXiv, Semantic Scholar and Crossref on pytest-httpserver for `add` and `enrich` tests.

The fakes answer in the services' shapes (an Atom feed per `id_list` or `ti:` search, a JSON
list with `null` per Semantic Scholar batch and `{"data": [...]}` per title match, a Crossref
work message per DOI and a work list per title search) from the papers they are given,
and record every request that reached them, so tests can count requests and see what the
HTTP cache kept from the server.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from medvlm.sources.http import SourcesConfig
from tests.helpers import DATA, without_waiting

ADD_DATA = DATA / "add"
SOURCES_DATA = DATA / "sources"
ARXIV_PATH = "/api/query"
S2_BATCH_PATH = "/graph/v1/paper/batch"
S2_MATCH_PATH = "/graph/v1/paper/search/match"
CROSSREF_SEARCH = "/crossref/works"
CROSSREF_PREFIX = "/crossref/works/"
ATOM = "application/atom+xml; charset=utf-8"

_ENTRY = re.compile(r"<entry>.*?</entry>", re.DOTALL)
_ENTRY_TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)
_ENTRY_ID = re.compile(r"<id>https?://arxiv\.org/abs/(?P<id>.+?)(?:v\d+)?</id>")


def use_fake_services(
    httpserver: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point the MEDVLM_* variables at `httpserver`, cache in tmp_path, no waiting between
    requests; returns the cache file."""
    cache = tmp_path / "http-cache.sqlite"
    monkeypatch.setenv("MEDVLM_ARXIV_API", httpserver.url_for(ARXIV_PATH))
    monkeypatch.setenv("MEDVLM_CROSSREF_API", httpserver.url_for("/crossref"))
    monkeypatch.setenv("MEDVLM_S2_API", httpserver.url_for("/graph/v1"))
    monkeypatch.setenv("MEDVLM_CACHE", str(cache))
    for name in ("MEDVLM_MAILTO", "S2_API_KEY", "MEDVLM_CACHE_EXPIRY"):
        monkeypatch.delenv(name, raising=False)
    from_env = SourcesConfig.from_env

    # SourcesConfig reads no interval from the environment: set the test values here.
    def quick(environ: Mapping[str, str] | None = None) -> SourcesConfig:
        return without_waiting(from_env(environ))

    monkeypatch.setattr(SourcesConfig, "from_env", quick)
    return cache


# --- arXiv ------------------------------------------------------------------------------------


def entries_in(path: Path) -> dict[str, str]:
    """The `<entry>` elements of a feed file, by bare arXiv id."""
    found = {}
    for match in _ENTRY.finditer(path.read_text(encoding="utf-8")):
        entry_id = _ENTRY_ID.search(match.group(0))
        assert entry_id is not None, match.group(0)[:80]
        found[entry_id.group("id")] = match.group(0)
    return found


def arxiv_entry(
    arxiv_id: str,
    title: str,
    authors: Iterable[str],
    *,
    published: str = "2024-01-05T10:00:00Z",
    summary: str = "An abstract.",
) -> str:
    """One entry in the export API's shape."""
    names = "".join(f"<author><name>{escape(name)}</name></author>" for name in authors)
    return (
        f"<entry><id>http://arxiv.org/abs/{arxiv_id}v1</id>"
        f"<title>{escape(title)}</title><updated>{published}</updated>"
        f'<link href="https://arxiv.org/abs/{arxiv_id}v1" rel="alternate" type="text/html"/>'
        f"<summary>{escape(summary)}</summary><published>{published}</published>"
        f'<arxiv:primary_category term="cs.CV"/>{names}</entry>'
    )


def feed(entries: Iterable[str], query: str) -> str:
    """A feed as the current export API writes it, namespaces on `<feed>`."""
    items = list(entries)
    return (
        "<?xml version='1.0' encoding='UTF-8'?>\n"
        '<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" '
        'xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">'
        "<id>https://arxiv.org/api/fake</id>"
        f"<title>arXiv Query: search_query=&amp;id_list={escape(query)}</title>"
        "<updated>2026-01-15T10:20:11Z</updated>"
        f"<opensearch:itemsPerPage>{len(items)}</opensearch:itemsPerPage>"
        f"<opensearch:totalResults>{len(items)}</opensearch:totalResults>"
        "<opensearch:startIndex>0</opensearch:startIndex>" + "".join(items) + "</feed>"
    )


def error_feed(arxiv_id: str) -> str:
    """arXiv's answer (with HTTP 400) to an id it rejects, as in its API manual."""
    template = (SOURCES_DATA / "arxiv_error.xml").read_text(encoding="utf-8")
    return template.replace("1234.12345", arxiv_id)


def entry_title(entry: str) -> str:
    found = _ENTRY_TITLE.search(entry)
    assert found is not None, entry[:80]
    return found.group(1)


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def contains_phrase(title: str, phrase: str) -> bool:
    """Whether the words of `phrase` stand in `title` one after the other, as arXiv's phrase
    search finds them (a longer title holding them is a hit too)."""
    have, want = words(title), words(phrase)
    return any(have[start : start + len(want)] == want for start in range(len(have)))


@dataclass
class FakeArxiv:
    """The export API for the entries it holds: unknown ids are simply absent, `rejected`
    ids get the error feed with HTTP 400, a batch holding a `broken` id gets HTTP 503, and
    `throttle` requests are answered 429 with Retry-After first. A `ti:"..."` search answers
    the entries whose title holds the phrase."""

    entries: dict[str, str]
    rejected: set[str] = field(default_factory=set)
    broken: set[str] = field(default_factory=set)
    throttle: int = 0
    requests: list[list[str]] = field(default_factory=list)
    searches: list[str] = field(default_factory=list)

    def __call__(self, request: Request) -> Response:
        if "search_query" in request.args:
            return self.search(request.args["search_query"])
        ids = request.args["id_list"].split(",")
        self.requests.append(ids)
        assert request.args["max_results"] == str(len(ids))
        if self.throttle > 0:
            self.throttle -= 1
            return Response("Rate exceeded.", status=429, headers={"Retry-After": "1"})
        for arxiv_id in ids:
            if arxiv_id in self.rejected:
                return Response(error_feed(arxiv_id), status=400, content_type=ATOM)
        if self.broken.intersection(ids):
            return Response("Service Unavailable", status=503)
        known = [self.entries[i] for i in ids if i in self.entries]
        return Response(feed(known, request.args["id_list"]), content_type=ATOM)

    def search(self, query: str) -> Response:
        self.searches.append(query)
        phrase = query.removeprefix('ti:"').removesuffix('"')
        hits = [
            entry for entry in self.entries.values() if contains_phrase(entry_title(entry), phrase)
        ]
        return Response(feed(hits, ""), content_type=ATOM)

    def asked(self) -> list[str]:
        return [arxiv_id for batch in self.requests for arxiv_id in batch]


def arxiv_fake(*, rejected: set[str] | None = None, throttle: int = 0) -> FakeArxiv:
    """arXiv knowing the entries of tests/data/add/arxiv_entries.xml."""
    entries = entries_in(ADD_DATA / "arxiv_entries.xml")
    return FakeArxiv(entries, rejected=rejected or set(), throttle=throttle)


# --- Semantic Scholar -------------------------------------------------------------------------


def s2_papers() -> dict[str, Any]:
    """Graph API paper objects by the id they are asked for ("ARXIV:...", "DOI:...")."""
    papers: dict[str, Any] = json.loads((ADD_DATA / "s2_papers.json").read_text("utf-8"))
    return papers


@dataclass
class FakeS2:
    """`POST /paper/batch`: a list in the order of the ids, `null` for unknown ones.
    `GET /paper/search/match`: the paper sharing most title words with the query, with its
    `matchScore`, or HTTP 404 when none shares one."""

    papers: dict[str, Any]
    requests: list[list[str]] = field(default_factory=list)
    matches: list[str] = field(default_factory=list)

    def match(self, request: Request) -> Response:
        query = request.args["query"]
        self.matches.append(query)
        scored = [
            (len(set(words(paper["title"])) & set(words(query))), paper)
            for paper in self.papers.values()
            if paper is not None
        ]
        score, best = max(scored, key=lambda pair: pair[0], default=(0, None))
        if best is None or score == 0:
            return Response('{"error": "Title match not found"}', status=404)
        body = {"data": [{**best, "matchScore": float(10 * score)}]}
        return Response(json.dumps(body), content_type="application/json")

    def __call__(self, request: Request) -> Response:
        ids = json.loads(request.get_data(as_text=True))["ids"]
        self.requests.append(ids)
        body = json.dumps([self.papers.get(paper_id) for paper_id in ids])
        return Response(body, content_type="application/json")

    def asked(self) -> list[str]:
        return [paper_id for batch in self.requests for paper_id in batch]


# --- Crossref ---------------------------------------------------------------------------------


def crossref_work() -> str:
    """Crossref's work message for 10.1038/s41586-023-06291-2."""
    return (SOURCES_DATA / "crossref_work.json").read_text(encoding="utf-8")


def crossref_search(works: list[dict[str, Any]]) -> str:
    """Crossref's `work-list` answer to a title search, these works its items."""
    message = {"total-results": len(works), "items": works, "items-per-page": 5}
    return json.dumps({"status": "ok", "message-type": "work-list", "message": message})


def serve(
    httpserver: HTTPServer,
    arxiv: FakeArxiv | None = None,
    s2: FakeS2 | None = None,
    crossref: dict[str, str | None] | None = None,
    crossref_hits: list[dict[str, Any]] | None = None,
) -> None:
    """Install the fakes; `crossref` maps DOIs to a work message, or None for HTTP 404;
    `crossref_hits` are the works any title search finds, as Crossref ranks loose matches."""
    if arxiv is not None:
        httpserver.expect_request(ARXIV_PATH).respond_with_handler(arxiv)
    if s2 is not None:
        httpserver.expect_request(S2_BATCH_PATH, method="POST").respond_with_handler(s2)
        httpserver.expect_request(S2_MATCH_PATH).respond_with_handler(s2.match)
    if crossref_hits is not None:
        httpserver.expect_request(CROSSREF_SEARCH).respond_with_data(
            crossref_search(crossref_hits), content_type="application/json;charset=utf-8"
        )
    for doi, body in (crossref or {}).items():
        path = CROSSREF_PREFIX + doi
        if body is None:
            httpserver.expect_request(path).respond_with_data(
                "Resource not found.", status=404, content_type="text/plain"
            )
        else:
            httpserver.expect_request(path).respond_with_data(
                body, content_type="application/json;charset=utf-8"
            )


def crossref_requests(httpserver: HTTPServer) -> list[str]:
    """DOIs asked of Crossref, in order."""
    return [
        request.path.removeprefix(CROSSREF_PREFIX)
        for request, _ in httpserver.log
        if request.path.startswith(CROSSREF_PREFIX)
    ]
