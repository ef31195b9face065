"""Crossref client against work messages shaped like the REST API's."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from medvlm.sources.crossref import fetch_crossref, search_crossref_title
from medvlm.sources.http import SourceError, make_session
from medvlm.sources.metadata import WorkMetadata
from tests.helpers import sources_config

DATA = Path(__file__).parent.parent / "data" / "sources"
DOI = "10.1038/s41586-023-06291-2"
CROSSREF_JSON = "application/json;charset=utf-8"


make_config = sources_config


def work_body() -> dict[str, Any]:
    body: dict[str, Any] = json.loads((DATA / "crossref_work.json").read_text(encoding="utf-8"))
    return body


def fetch(httpserver: HTTPServer, doi: str, **overrides: object) -> WorkMetadata:
    config = make_config(httpserver, **overrides)
    with make_session(config) as session:
        return fetch_crossref(session, config, doi)


def test_a_journal_article(httpserver: HTTPServer) -> None:
    httpserver.expect_request(f"/crossref/works/{DOI}").respond_with_data(
        (DATA / "crossref_work.json").read_text(encoding="utf-8"), content_type=CROSSREF_JSON
    )
    work = fetch(httpserver, "https://doi.org/10.1038/S41586-023-06291-2", mailto="a@example.org")
    assert work == WorkMetadata(
        title="Large language models encode clinical knowledge",
        authors=(
            "Karan Singhal",
            "Shekoofeh Azizi",
            "Tao Tu",
            "S. Sara Mahdavi",
            "Jason Wei",
            "Hyung Won Chung",
            "Vivek Natarajan",
        ),
        year=2023,
        venue="Nature",
        arxiv=None,
        doi=DOI,
        abstract=(
            "Large language models (LLMs) have demonstrated impressive capabilities, but the bar "
            "for clinical applications is high. Attempts to assess the clinical knowledge of "
            "models typically rely on automated evaluations based on limited benchmarks."
        ),
        url=f"https://doi.org/{DOI}",
    )
    request, _ = httpserver.log[0]
    assert "mailto:a@example.org" in request.headers["User-Agent"]  # Crossref's polite pool


def test_an_unknown_doi_is_not_found(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/crossref/works/10.1234/missing").respond_with_data(
        "Resource not found.", status=404, content_type="text/plain"
    )
    with pytest.raises(SourceError) as caught:
        fetch(httpserver, "10.1234/missing")
    assert str(caught.value) == "Crossref: 10.1234/missing: not found (HTTP 404)"


def test_a_body_that_is_not_json_is_a_malformed_response(httpserver: HTTPServer) -> None:
    httpserver.expect_request(f"/crossref/works/{DOI}").respond_with_data(
        "<html><body>Gateway maintenance</body></html>", content_type="text/html"
    )
    with pytest.raises(SourceError) as caught:
        fetch(httpserver, DOI)
    assert str(caught.value) == (
        f"Crossref: {DOI}: malformed response (not JSON): "
        "'<html><body>Gateway maintenance</body></html>'"
    )


def test_json_without_a_work_is_a_malformed_response(httpserver: HTTPServer) -> None:
    httpserver.expect_request(f"/crossref/works/{DOI}").respond_with_json(
        {"status": "failed", "message-type": "validation-failure", "message": []}
    )
    with pytest.raises(SourceError, match=r"malformed response \(no work in the message\)$"):
        fetch(httpserver, DOI)


def test_a_value_that_is_not_a_doi_is_refused_before_any_request(httpserver: HTTPServer) -> None:
    with pytest.raises(SourceError) as caught:
        fetch(httpserver, "arXiv:2103.00020")
    assert str(caught.value).startswith("Crossref: arXiv:2103.00020: not a DOI:")
    assert httpserver.log == []


def test_a_proceedings_chapter_with_markup_and_partial_dates(httpserver: HTTPServer) -> None:
    body = work_body()
    message = body["message"]
    message.update(
        {
            "type": "book-chapter",
            "title": ["<i>In vivo</i> report generation, with <sc>CLIP</sc>"],
            "short-container-title": [],
            "container-title": [
                "Lecture Notes in Computer Science",
                "Medical Image Computing and Computer Assisted Intervention \u2013 MICCAI 2023",
            ],
            "author": [
                {"given": "Ana", "family": "Lima", "sequence": "first", "affiliation": []},
                {"name": "The MedVLM Consortium", "sequence": "additional", "affiliation": []},
            ],
            "issued": {"date-parts": [[None]]},
        }
    )
    del message["published"]
    del message["abstract"]
    httpserver.expect_request(f"/crossref/works/{DOI}").respond_with_json(body)
    work = fetch(httpserver, DOI)
    assert work.title == "In vivo report generation, with CLIP"
    assert (
        work.venue
        == "Medical Image Computing and Computer Assisted Intervention \u2013 MICCAI 2023"
    )
    assert work.authors == ("Ana Lima", "The MedVLM Consortium")
    assert work.year == 2023  # from published-print, since issued is [[null]]
    assert work.abstract is None


def test_a_work_without_any_date_has_no_year(httpserver: HTTPServer) -> None:
    body = work_body()
    for name in ("published", "issued", "published-print", "published-online"):
        body["message"].pop(name)
    httpserver.expect_request(f"/crossref/works/{DOI}").respond_with_json(body)
    assert fetch(httpserver, DOI).year is None


def test_a_preprint_takes_its_server_as_venue(httpserver: HTTPServer) -> None:
    body = copy.deepcopy(work_body())
    body["message"].update(
        {
            "type": "posted-content",
            "subtype": "preprint",
            "container-title": [],
            "short-container-title": [],
            "institution": [{"name": "medRxiv"}],
        }
    )
    httpserver.expect_request(f"/crossref/works/{DOI}").respond_with_json(body)
    assert fetch(httpserver, DOI).venue == "medRxiv"


def test_dois_with_reserved_characters_reach_the_right_path(httpserver: HTTPServer) -> None:
    doi = "10.1002/(sici)1097-4636(199709)36:3<299::aid-jbm2>3.0.co;2-a"
    body = work_body()
    body["message"]["DOI"] = doi.upper()
    httpserver.expect_request(f"/crossref/works/{doi}").respond_with_json(body)
    work = fetch(httpserver, doi)
    assert work.doi == doi
    request, _ = httpserver.log[0]
    raw_path = request.environ["RAW_URI"]
    assert "%3B" in raw_path and "%3C" in raw_path  # ";" and "<" travel encoded


# --- title search ----------------------------------------------------------------------------

MEDCLIP_SAM = "MedCLIP-SAM: Bridging Text and Image Towards Universal Medical Image Segmentation"


def search(httpserver: HTTPServer, title: str, body: str | None = None) -> WorkMetadata | None:
    answer = body if body is not None else (DATA / "crossref_title_search.json").read_text("utf-8")
    httpserver.expect_request("/crossref/works").respond_with_data(
        answer, content_type=CROSSREF_JSON
    )
    config = make_config(httpserver)
    with make_session(config) as session:
        return search_crossref_title(session, config, title)


def test_a_title_search_takes_the_work_with_the_same_title_and_subtitle(
    httpserver: HTTPServer,
) -> None:
    # Crossref keeps "MedCLIP-SAM" and its subtitle apart, and ranks the EMNLP MedCLIP first.
    found = search(httpserver, MEDCLIP_SAM)
    assert found is not None
    assert found.doi == "10.1007/978-3-031-72390-2_60"
    assert found.authors[0] == "Taha Koleilat"
    assert found.year == 2024
    assert found.url == "https://doi.org/10.1007/978-3-031-72390-2_60"
    request, _ = httpserver.log[0]
    assert request.args["query.bibliographic"] == MEDCLIP_SAM
    assert request.args["rows"] == "5"


def test_a_title_search_refuses_a_near_miss(httpserver: HTTPServer) -> None:
    # The EMNLP paper's title without "and Text": a similar title is another paper.
    assert search(httpserver, "MedCLIP: Contrastive Learning from Unpaired Medical Images") is None


def test_a_title_search_without_hits_finds_nothing(httpserver: HTTPServer) -> None:
    body = json.loads((DATA / "crossref_title_search.json").read_text("utf-8"))
    body["message"]["items"] = []
    body["message"]["total-results"] = 0
    assert search(httpserver, MEDCLIP_SAM, json.dumps(body)) is None


def test_a_search_answer_without_a_list_of_works_is_malformed(httpserver: HTTPServer) -> None:
    with pytest.raises(SourceError) as caught:
        search(httpserver, "Short title", json.dumps({"status": "ok", "message": {}}))
    assert str(caught.value) == (
        'Crossref: title "Short title": malformed response (no list of works)'
    )
