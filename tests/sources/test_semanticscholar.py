"""Semantic Scholar client against Graph API answers: batch lists with nulls, single papers."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from medvlm.sources.arxiv import fetch_arxiv
from medvlm.sources.http import SourceError, SourcesConfig, make_session
from medvlm.sources.metadata import WorkMetadata
from medvlm.sources.semanticscholar import (
    FIELDS,
    fetch_s2_batch,
    fetch_s2_paper,
    match_s2_title,
    s2_arxiv_id,
    s2_doi_id,
)
from tests.helpers import sources_config

DATA = Path(__file__).parent.parent / "data" / "sources"
BATCH_PATH = "/graph/v1/paper/batch"
BATCH_IDS = [
    "ARXIV:2103.00020",
    "ARXIV:2403.99999",
    "DOI:10.1038/s41586-023-06291-2",
    "ARXIV:2010.00747",
]


make_config = sources_config


def load(name: str) -> Any:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def batch(
    httpserver: HTTPServer, ids: list[str], **overrides: object
) -> dict[str, WorkMetadata | None]:
    config = make_config(httpserver, **overrides)
    with make_session(config) as session:
        return fetch_s2_batch(session, config, ids)


def test_a_batch_with_an_unknown_id(httpserver: HTTPServer) -> None:
    httpserver.expect_request(
        BATCH_PATH, method="POST", query_string={"fields": FIELDS}, json={"ids": BATCH_IDS}
    ).respond_with_json(load("s2_batch.json"))
    found = batch(httpserver, BATCH_IDS)

    assert list(found) == BATCH_IDS
    assert found["ARXIV:2403.99999"] is None
    assert found["ARXIV:2103.00020"] == WorkMetadata(
        title="Learning Transferable Visual Models From Natural Language Supervision",
        authors=("Alec Radford", "Jong Wook Kim"),
        year=2021,
        venue="ICML",
        arxiv="2103.00020",
        doi=None,
        abstract=(
            "State-of-the-art computer vision systems are trained to predict a fixed set of "
            "predetermined object categories. This restricted form of supervision limits their "
            "generality and usability since additional labeled data is needed to specify any "
            "other visual concept."
        ),
        # Where these facts can be checked: the paper's Semantic Scholar page.
        url="https://www.semanticscholar.org/paper/6f870f7f02a8c59c3e23f407f3ef00dd1dcf8fc4",
    )
    medpalm = found["DOI:10.1038/s41586-023-06291-2"]
    assert medpalm is not None
    assert medpalm.venue == "Nature"  # a journal keeps its name
    assert medpalm.doi == "10.1038/s41586-023-06291-2"
    assert medpalm.arxiv == "2212.13138"
    assert medpalm.abstract is None
    assert medpalm.url == (
        "https://www.semanticscholar.org/paper/4e9ae5c0c5e5c1d7c0e9b4b1a3a3f0b8f0d6d2d1"
    )
    convirt = found["ARXIV:2010.00747"]
    assert convirt is not None
    assert convirt.venue == "arXiv"
    assert convirt.year == 2020


def test_id_helpers_build_prefixed_external_ids() -> None:
    assert s2_arxiv_id("https://arxiv.org/abs/2103.00020v3") == "ARXIV:2103.00020"
    assert s2_arxiv_id("cs/0112017") == "ARXIV:cs/0112017"
    assert s2_doi_id("https://doi.org/10.1038/S41586-023-06291-2") == (
        "DOI:10.1038/s41586-023-06291-2"
    )
    with pytest.raises(ValueError, match="not an arXiv id"):
        s2_arxiv_id("ICML 2021")


def test_1200_ids_take_exactly_three_requests(httpserver: HTTPServer) -> None:
    def answer(request: Request) -> Response:
        ids = request.get_json()["ids"]
        papers = [
            None if int(i.split(".")[1]) % 3 == 0 else {"paperId": i, "title": f"Paper {i}"}
            for i in ids
        ]
        return Response(json.dumps(papers), content_type="application/json")

    httpserver.expect_request(BATCH_PATH, method="POST").respond_with_handler(answer)
    ids = [f"ARXIV:2401.{n:05d}" for n in range(1, 1201)]
    found = batch(httpserver, ids)

    assert len(httpserver.log) == 3
    sizes = [len(request.get_json()["ids"]) for request, _ in httpserver.log]
    assert sizes == [500, 500, 200]
    assert list(found) == ids
    assert found["ARXIV:2401.00003"] is None
    paper = found["ARXIV:2401.01199"]
    assert paper is not None
    assert paper.title == "Paper ARXIV:2401.01199"
    assert sum(1 for value in found.values() if value is None) == 400


def test_one_paper(httpserver: HTTPServer) -> None:
    httpserver.expect_request(
        "/graph/v1/paper/ARXIV:2103.00020", query_string={"fields": FIELDS}
    ).respond_with_json(load("s2_paper.json"))
    config = make_config(httpserver)
    with make_session(config) as session:
        paper = fetch_s2_paper(session, config, "ARXIV:2103.00020")
    assert paper.title == "Learning Transferable Visual Models From Natural Language Supervision"
    assert len(paper.authors) == 12
    assert paper.authors[3] == "A. Ramesh"
    assert paper.venue == "ICML"
    assert paper.year == 2021


def test_an_unknown_paper_is_not_found(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/graph/v1/paper/ARXIV:2403.99999").respond_with_json(
        load("s2_not_found.json"), status=404
    )
    config = make_config(httpserver)
    with make_session(config) as session, pytest.raises(SourceError) as caught:
        fetch_s2_paper(session, config, "ARXIV:2403.99999")
    assert str(caught.value) == "Semantic Scholar: ARXIV:2403.99999: not found (HTTP 404)"


def test_the_api_key_goes_to_semantic_scholar_only(httpserver: HTTPServer) -> None:
    httpserver.expect_request(BATCH_PATH, method="POST").respond_with_json([None])
    httpserver.expect_request("/api/query").respond_with_data(
        (DATA / "arxiv_empty.xml").read_text(encoding="utf-8"),
        content_type="application/atom+xml",
    )
    config = make_config(httpserver, s2_api_key="s2-secret")
    with make_session(config) as session:
        assert fetch_s2_batch(session, config, ["ARXIV:2403.99999"]) == {"ARXIV:2403.99999": None}
        assert fetch_arxiv(session, config, ["2403.99999"]) == {}
    s2_request, arxiv_request = (request for request, _ in httpserver.log)
    assert s2_request.headers.get("x-api-key") == "s2-secret"
    assert "x-api-key" not in arxiv_request.headers


def test_a_batch_answer_that_is_not_a_list_is_malformed(httpserver: HTTPServer) -> None:
    httpserver.expect_request(BATCH_PATH, method="POST").respond_with_json({"data": []})
    with pytest.raises(SourceError) as caught:
        batch(httpserver, ["ARXIV:2103.00020", "ARXIV:2010.00747"])
    assert str(caught.value) == (
        "Semantic Scholar: ARXIV:2103.00020, ARXIV:2010.00747: "
        "malformed response (expected a list of 2 papers, got dict)"
    )


def test_a_batch_answer_of_the_wrong_length_is_malformed(httpserver: HTTPServer) -> None:
    httpserver.expect_request(BATCH_PATH, method="POST").respond_with_json([None])
    with pytest.raises(SourceError, match=r"expected a list of 2 papers, got 1 items\)$"):
        batch(httpserver, ["ARXIV:2103.00020", "ARXIV:2010.00747"])


def test_a_body_that_is_not_json_is_malformed(httpserver: HTTPServer) -> None:
    httpserver.expect_request(BATCH_PATH, method="POST").respond_with_data(
        "upstream request timeout", content_type="text/plain"
    )
    with pytest.raises(SourceError) as caught:
        batch(httpserver, ["ARXIV:2103.00020"])
    assert str(caught.value) == (
        "Semantic Scholar: ARXIV:2103.00020: malformed response (not JSON): "
        "'upstream request timeout'"
    )


def test_a_rejected_batch_reports_semantic_scholars_message(httpserver: HTTPServer) -> None:
    httpserver.expect_request(BATCH_PATH, method="POST").respond_with_json(
        {"error": "Unacceptable query params: [fieldz=title]"}, status=400
    )
    with pytest.raises(SourceError) as caught:
        batch(httpserver, ["ARXIV:2103.00020"])
    assert str(caught.value) == (
        "Semantic Scholar: ARXIV:2103.00020: HTTP 400 BAD REQUEST: "
        "Unacceptable query params: [fieldz=title]"
    )


def test_a_rate_limited_batch_is_retried(httpserver: HTTPServer) -> None:
    httpserver.expect_oneshot_request(BATCH_PATH, method="POST").respond_with_json(
        {"message": "Too Many Requests", "code": "429"}, status=429, headers={"Retry-After": "1"}
    )
    httpserver.expect_request(BATCH_PATH, method="POST").respond_with_json([None])
    assert batch(httpserver, ["ARXIV:2403.99999"]) == {"ARXIV:2403.99999": None}
    assert len(httpserver.log) == 2


def test_batches_are_cached_by_their_ids(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request(BATCH_PATH, method="POST").respond_with_json([None])
    cache = tmp_path / "http.sqlite"
    assert batch(httpserver, ["ARXIV:2403.99999"], cache_path=cache) == {"ARXIV:2403.99999": None}
    assert batch(httpserver, ["ARXIV:2403.99999"], cache_path=cache) == {"ARXIV:2403.99999": None}
    assert len(httpserver.log) == 1
    batch(httpserver, ["ARXIV:2403.99998"], cache_path=cache)  # another body, another entry
    assert len(httpserver.log) == 2


def test_an_unreachable_service_is_named_with_its_url() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = SourcesConfig(
        s2_api=f"http://127.0.0.1:{port}/graph/v1", cache_path=None, s2_interval=0.0
    )
    with make_session(config) as session, pytest.raises(SourceError) as caught:
        fetch_s2_batch(session, config, ["ARXIV:2103.00020"])
    assert str(caught.value) == (
        "Semantic Scholar: ARXIV:2103.00020: unreachable (connection refused) "
        f"at http://127.0.0.1:{port}/graph/v1/paper/batch"
    )


def test_duplicate_ids_are_asked_for_once(httpserver: HTTPServer) -> None:
    httpserver.expect_request(
        BATCH_PATH, method="POST", json={"ids": ["ARXIV:2403.99999"]}
    ).respond_with_json([None])
    found = batch(httpserver, ["ARXIV:2403.99999", " ARXIV:2403.99999"])
    assert found == {"ARXIV:2403.99999": None}


# --- title match -----------------------------------------------------------------------------

MATCH_PATH = "/graph/v1/paper/search/match"
MEDCLIP_SAM = "MedCLIP-SAM: Bridging Text and Image Towards Universal Medical Image Segmentation"


def match(httpserver: HTTPServer, title: str) -> WorkMetadata | None:
    config = make_config(httpserver)
    with make_session(config) as session:
        return match_s2_title(session, config, title)


def test_a_title_match_with_the_same_title_is_taken(httpserver: HTTPServer) -> None:
    httpserver.expect_request(MATCH_PATH).respond_with_json(load("s2_title_match.json"))
    found = match(httpserver, MEDCLIP_SAM.upper())
    assert found is not None
    assert (found.arxiv, found.doi) == ("2403.20253", "10.1007/978-3-031-72390-2_60")
    assert found.venue == "MICCAI"
    assert found.url == (
        "https://www.semanticscholar.org/paper/8b3a2f5c1d9e4a7b6c0f1e2d3c4b5a6978877665"
    )
    request, _ = httpserver.log[0]
    assert request.args["query"] == MEDCLIP_SAM.upper()
    assert request.args["fields"] == FIELDS


def test_the_best_match_of_a_near_miss_title_is_refused(httpserver: HTTPServer) -> None:
    # Semantic Scholar answers its best match, whatever its score: here MedCLIP-SAM for a
    # title that lacks a word of it.
    httpserver.expect_request(MATCH_PATH).respond_with_json(load("s2_title_match.json"))
    assert (
        match(httpserver, "MedCLIP-SAM: Bridging Text and Image Towards Medical Image Segmentation")
        is None
    )


def test_no_title_match_is_nothing_found(httpserver: HTTPServer) -> None:
    httpserver.expect_request(MATCH_PATH).respond_with_json(
        {"error": "Title match not found"}, status=404
    )
    assert match(httpserver, "A Title No Paper Has") is None
