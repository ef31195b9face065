"""arXiv client against Atom feeds shaped like the export API's."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from medvlm.sources.arxiv import (
    fetch_arxiv,
    fetch_arxiv_paper,
    require_arxiv,
    search_arxiv_title,
    venue_from_journal_ref,
)
from medvlm.sources.http import SourceError, SourcesConfig, make_session
from medvlm.sources.metadata import WorkMetadata
from tests.helpers import sources_config

DATA = Path(__file__).parent.parent / "data" / "sources"
ATOM = "application/atom+xml; charset=utf-8"
API_PATH = "/api/query"


def make_config(httpserver: HTTPServer, **overrides: object) -> SourcesConfig:
    return sources_config(httpserver, **{"arxiv_api": httpserver.url_for(API_PATH), **overrides})


def fixture(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def fetch(httpserver: HTTPServer, ids: list[str], **overrides: object) -> dict[str, WorkMetadata]:
    config = make_config(httpserver, **overrides)
    with make_session(config) as session:
        return fetch_arxiv(session, config, ids)


def test_one_entry(httpserver: HTTPServer) -> None:
    httpserver.expect_request(
        API_PATH, query_string={"id_list": "2103.00020", "max_results": "1"}
    ).respond_with_data(fixture("arxiv_single.xml"), content_type=ATOM)
    found = fetch(httpserver, ["arXiv:2103.00020v1"])
    assert list(found) == ["2103.00020"]
    clip = found["2103.00020"]
    assert clip.title == "Learning Transferable Visual Models From Natural Language Supervision"
    assert clip.authors[:2] == ("Alec Radford", "Jong Wook Kim")
    assert len(clip.authors) == 12
    assert clip.authors[-1] == "Ilya Sutskever"
    assert clip.year == 2021
    assert clip.venue == "arXiv"
    assert clip.arxiv == "2103.00020"
    assert clip.doi is None
    assert clip.url == "https://arxiv.org/abs/2103.00020"
    assert clip.abstract is not None
    assert clip.abstract.startswith("State-of-the-art computer vision systems are trained to")
    assert "\n" not in clip.abstract
    assert "predict a fixed set of predetermined object categories." in clip.abstract


def test_several_entries_old_style_ids_wrapped_titles_and_a_missing_id(
    httpserver: HTTPServer,
) -> None:
    httpserver.expect_request(
        API_PATH,
        query_string={"id_list": "2010.00747,hep-ex/0307015,2403.99999", "max_results": "3"},
    ).respond_with_data(fixture("arxiv_several.xml"), content_type=ATOM)
    found = fetch(
        httpserver, ["2010.00747", "https://arxiv.org/abs/hep-ex/0307015v1", "2403.99999"]
    )

    assert list(found) == ["2010.00747", "hep-ex/0307015"]
    convirt = found["2010.00747"]
    assert convirt.title == (
        "Contrastive Learning of Medical Visual Representations from Paired Images and Text"
    )
    assert convirt.authors == (
        "Yuhao Zhang",
        "Hang Jiang",
        "Yasuhide Miura",
        "Christopher D. Manning",
        "Curtis P. Langlotz",
    )
    assert convirt.year == 2020
    assert convirt.venue == "arXiv"
    assert convirt.abstract == (
        "Learning visual representations of medical images (e.g., X-rays) is core to medical "
        "image understanding but its progress has been held back by the scarcity of human "
        "annotations."
    )

    h1 = found["hep-ex/0307015"]
    assert (
        h1.title == "Multi-Electron Production at High Transverse Momenta in ep Collisions at HERA"
    )
    assert h1.authors == ("H1 Collaboration",)
    assert h1.doi == "10.1140/epjc/s2003-01326-x"
    assert h1.venue == "Eur.Phys.J. C31"
    assert h1.year == 2003
    assert h1.url == "https://arxiv.org/abs/hep-ex/0307015"

    assert require_arxiv(found, "hep-ex/0307015v1") is h1
    with pytest.raises(SourceError) as caught:
        require_arxiv(found, "2403.99999")
    assert str(caught.value) == "arXiv: 2403.99999: no such paper"


def test_an_unknown_id_gives_an_empty_result_and_a_clear_error_for_one_paper(
    httpserver: HTTPServer,
) -> None:
    httpserver.expect_request(API_PATH).respond_with_data(
        fixture("arxiv_empty.xml"), content_type=ATOM
    )
    assert fetch(httpserver, ["2403.99999"]) == {}
    config = make_config(httpserver)
    with make_session(config) as session, pytest.raises(SourceError) as caught:
        fetch_arxiv_paper(session, config, "2403.99999v2")
    assert str(caught.value) == "arXiv: 2403.99999: no such paper"


def test_the_error_feed_sent_with_http_400_becomes_arxivs_message(httpserver: HTTPServer) -> None:
    httpserver.expect_request(API_PATH).respond_with_data(
        fixture("arxiv_error.xml"), status=400, content_type=ATOM
    )
    with pytest.raises(SourceError) as caught:
        fetch(httpserver, ["1234.12345"])
    assert str(caught.value) == "arXiv: 1234.12345: incorrect id format for 1234.12345"
    assert len(httpserver.log) == 1  # a rejected request is not retried


def test_the_error_feed_sent_with_http_200_is_still_an_error(httpserver: HTTPServer) -> None:
    httpserver.expect_request(API_PATH).respond_with_data(
        fixture("arxiv_error.xml"), content_type=ATOM
    )
    with pytest.raises(SourceError, match=r"^arXiv: 1234\.12345: incorrect id format for"):
        fetch(httpserver, ["1234.12345"])


def test_http_400_without_a_feed_reports_the_status(httpserver: HTTPServer) -> None:
    httpserver.expect_request(API_PATH).respond_with_data("Bad Request", status=400)
    with pytest.raises(SourceError) as caught:
        fetch(httpserver, ["2103.00020"])
    assert str(caught.value) == "arXiv: 2103.00020: HTTP 400 BAD REQUEST: Bad Request"


def test_a_body_that_is_not_xml_is_a_malformed_response(httpserver: HTTPServer) -> None:
    # What arXiv sends when it throttles: plain text, not a feed.
    httpserver.expect_request(API_PATH).respond_with_data(
        "Rate exceeded.", content_type="text/plain"
    )
    with pytest.raises(SourceError) as caught:
        fetch(httpserver, ["2103.00020"])
    assert str(caught.value) == "arXiv: 2103.00020: malformed response (not XML): 'Rate exceeded.'"


def test_xml_that_is_not_an_atom_feed_is_a_malformed_response(httpserver: HTTPServer) -> None:
    httpserver.expect_request(API_PATH).respond_with_data("<html><body>Maintenance</body></html>")
    with pytest.raises(SourceError, match=r"malformed response \(not an Atom feed\): <html>$"):
        fetch(httpserver, ["2103.00020"])


def test_a_malformed_id_is_refused_before_any_request(httpserver: HTTPServer) -> None:
    with pytest.raises(SourceError) as caught:
        fetch(httpserver, ["2103.00020", "not-an-id"])
    assert str(caught.value).startswith("arXiv: not-an-id: not an arXiv id: 'not-an-id'")
    assert httpserver.log == []


def test_versions_and_forms_of_one_id_are_asked_for_once(httpserver: HTTPServer) -> None:
    httpserver.expect_request(
        API_PATH, query_string={"id_list": "2103.00020", "max_results": "1"}
    ).respond_with_data(fixture("arxiv_single.xml"), content_type=ATOM)
    found = fetch(
        httpserver, ["2103.00020v2", "arXiv:2103.00020", "https://arxiv.org/pdf/2103.00020"]
    )
    assert list(found) == ["2103.00020"]
    assert len(httpserver.log) == 1


def test_no_ids_means_no_request(httpserver: HTTPServer) -> None:
    assert fetch(httpserver, []) == {}
    assert httpserver.log == []


def feed_for(ids: list[str]) -> str:
    """A classic-format feed with one entry per id, as arXiv answers an id_list."""
    entries = "".join(
        f"""
  <entry>
    <id>http://arxiv.org/abs/{escape(i)}v1</id>
    <published>2024-01-05T10:00:00Z</published>
    <title>Paper {escape(i)}</title>
    <summary>  Abstract of
{escape(i)}.
</summary>
    <author><name>Author Of {escape(i)}</name></author>
    <link href="http://arxiv.org/abs/{escape(i)}v1" rel="alternate" type="text/html"/>
  </entry>"""
        for i in ids
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom">'
        '<opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">'
        f"{len(ids)}</opensearch:totalResults>{entries}\n</feed>"
    )


def test_250_ids_take_exactly_three_requests(httpserver: HTTPServer) -> None:
    def answer(request: Request) -> Response:
        ids = request.args["id_list"].split(",")
        assert request.args["max_results"] == str(len(ids))
        return Response(feed_for(ids), content_type=ATOM)

    httpserver.expect_request(API_PATH).respond_with_handler(answer)
    ids = [f"2401.{n:05d}" for n in range(1, 251)]
    found = fetch(httpserver, ids)

    assert len(httpserver.log) == 3
    sizes = [len(request.args["id_list"].split(",")) for request, _ in httpserver.log]
    assert sizes == [100, 100, 50]
    assert list(found) == ids
    assert found["2401.00250"].title == "Paper 2401.00250"
    assert found["2401.00250"].abstract == "Abstract of 2401.00250."


def test_a_journal_reference_gives_venue_and_year(httpserver: HTTPServer) -> None:
    feed = fixture("arxiv_single.xml").replace(
        '<arxiv:primary_category term="cs.CV"/>',
        '<arxiv:primary_category term="cs.CV"/>\n'
        "    <arxiv:journal_ref>Medical Image Analysis, Volume 95, 2024,\n"
        "  103185</arxiv:journal_ref>\n"
        "    <arxiv:doi>10.1016/J.MEDIA.2024.103185</arxiv:doi>",
    )
    httpserver.expect_request(API_PATH).respond_with_data(feed, content_type=ATOM)
    clip = fetch(httpserver, ["2103.00020"])["2103.00020"]
    assert clip.venue == "Medical Image Analysis"
    assert clip.year == 2024  # the venue's year, not the preprint's 2021
    assert clip.doi == "10.1016/j.media.2024.103185"


@pytest.mark.parametrize(
    ("journal_ref", "venue"),
    [
        ("CVPR 2024", "CVPR"),
        ("MICCAI'23", "MICCAI"),
        ("Nature Medicine 29, 1930-1940 (2023)", "Nature Medicine"),
        ("Eur.Phys.J. C31 (2003) 17-29", "Eur.Phys.J. C31"),
        (
            "Proceedings of the 38th International Conference on Machine Learning, "
            "PMLR 139:8748-8763, 2021",
            "Proceedings of the 38th International Conference on Machine Learning",
        ),
        ("IEEE Transactions on Medical Imaging (2023)", "IEEE Transactions on Medical Imaging"),
    ],
)
def test_venue_from_journal_reference(journal_ref: str, venue: str) -> None:
    assert venue_from_journal_ref(journal_ref) == venue


def test_arxiv_answers_are_cached_on_disk(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request(API_PATH).respond_with_data(
        fixture("arxiv_single.xml"), content_type=ATOM
    )
    first = fetch(httpserver, ["2103.00020"], cache_path=tmp_path / "http.sqlite")
    second = fetch(httpserver, ["2103.00020"], cache_path=tmp_path / "http.sqlite")
    assert first == second
    assert len(httpserver.log) == 1


def test_a_repository_in_the_comment_becomes_the_code_link(httpserver: HTTPServer) -> None:
    feed = fixture("arxiv_single.xml").replace(
        "</entry>",
        '<arxiv:comment xmlns:arxiv="http://arxiv.org/schemas/atom">CVPR 2024. Code:\n'
        "  https://github.com/example/medm2g</arxiv:comment></entry>",
    )
    httpserver.expect_request(API_PATH).respond_with_data(feed, content_type=ATOM)
    assert (
        fetch(httpserver, ["2103.00020"])["2103.00020"].code == "https://github.com/example/medm2g"
    )


# --- title search ----------------------------------------------------------------------------

MEDCLIP_SAM = "MedCLIP-SAM: Bridging Text and Image Towards Universal Medical Image Segmentation"


def search(httpserver: HTTPServer, title: str) -> WorkMetadata | None:
    config = make_config(httpserver)
    with make_session(config) as session:
        return search_arxiv_title(session, config, title)


def test_a_title_search_is_a_phrase_query_and_takes_the_hit_with_the_same_title(
    httpserver: HTTPServer,
) -> None:
    # arXiv ranks MedCLIP-SAMv2 first: only the entry whose title is the record's is taken.
    httpserver.expect_request(API_PATH).respond_with_data(
        fixture("arxiv_title_search.xml"), content_type=ATOM
    )
    found = search(
        httpserver,
        "MedCLIP-SAM:  bridging text and image towards universal medical image segmentation.",
    )
    assert found is not None
    assert (found.arxiv, found.title) == ("2403.20253", MEDCLIP_SAM)
    assert found.url == "https://arxiv.org/abs/2403.20253"
    request, _ = httpserver.log[0]
    assert request.args["search_query"] == (
        'ti:"MedCLIP SAM bridging text and image towards universal medical image segmentation"'
    )
    assert request.args["max_results"] == "5"
    assert "id_list" not in request.args


def test_a_title_search_refuses_a_near_miss(httpserver: HTTPServer) -> None:
    httpserver.expect_request(API_PATH).respond_with_data(
        fixture("arxiv_title_search.xml"), content_type=ATOM
    )
    # One word short of MedCLIP-SAMv2's title, one word off MedCLIP-SAM's: neither is it.
    assert (
        search(httpserver, "MedCLIP-SAM: Towards Universal Text-Driven Medical Image Segmentation")
        is None
    )
    assert (
        search(
            httpserver, "MedCLIP-SAM: Bridging Text and Image Towards Universal Image Segmentation"
        )
        is None
    )


def test_a_title_search_without_hits_finds_nothing(httpserver: HTTPServer) -> None:
    httpserver.expect_request(API_PATH).respond_with_data(
        fixture("arxiv_empty.xml"), content_type=ATOM
    )
    assert search(httpserver, "A Title No Paper Has") is None


def test_a_title_search_failure_names_the_title(httpserver: HTTPServer) -> None:
    httpserver.expect_request(API_PATH).respond_with_data("<html>busy</html>", status=503)
    with pytest.raises(SourceError) as caught:
        search(httpserver, MEDCLIP_SAM)
    assert str(caught.value) == (
        'arXiv: title "MedCLIP-SAM: Bridging Text and Image Towards Universal...": '
        "server error (HTTP 503 SERVICE UNAVAILABLE), gave up after 2 attempts"
    )
