"""Identifiers found by exact title, against fake services in the APIs' shapes."""

from __future__ import annotations

from pytest_httpserver import HTTPServer

from medvlm.enrichment.index import CatalogIndex
from medvlm.enrichment.titles import identify_by_title
from medvlm.models import Taxonomy
from medvlm.sources.http import make_session
from tests.cli.fake_sources import FakeArxiv, FakeS2, arxiv_entry, serve
from tests.enrichment.factory import paper
from tests.helpers import sources_config

TITLE = "Prompting Vision-Language Models for Chest X-Ray Reports"


def test_the_first_source_with_the_title_gives_the_id_and_the_rest_are_not_asked(
    taxonomy: Taxonomy, httpserver: HTTPServer
) -> None:
    arxiv = FakeArxiv({"2402.00777": arxiv_entry("2402.00777", TITLE.lower(), ["Ana Lima"])})
    s2 = FakeS2({})
    serve(httpserver, arxiv, s2, crossref_hits=[])
    record = paper(taxonomy, id="chest2024prompting", title=TITLE)
    config = sources_config(httpserver)
    with make_session(config) as session:
        [lookup] = identify_by_title(session, config, [record], taxonomy, CatalogIndex([record]))
    assert lookup.identified and lookup.result is not None
    assert lookup.result.filled == ("ids.arxiv",)  # the rest comes from the look-up by id
    assert lookup.result.paper.evidence == ["https://arxiv.org/abs/2402.00777"]
    assert [request.path for request, _ in httpserver.log] == ["/api/query"]


def test_an_id_another_record_holds_is_not_given_twice(
    taxonomy: Taxonomy, httpserver: HTTPServer
) -> None:
    s2 = FakeS2(
        {
            "x": {
                "paperId": "ab" * 20,
                "externalIds": {"ArXiv": "2402.00777", "DOI": "10.48550/arXiv.2402.00777"},
                "title": TITLE,
            }
        }
    )
    serve(httpserver, FakeArxiv({}), s2, crossref_hits=[])
    holder = paper(taxonomy, id="lima2024prompting", title="Other", ids={"arxiv": "2402.00777"})
    twin = paper(taxonomy, id="chest2024prompting", title=TITLE)
    config = sources_config(httpserver)
    with make_session(config) as session:
        index = CatalogIndex([holder, twin])
        [lookup] = identify_by_title(session, config, [twin], taxonomy, index)
    assert not lookup.identified
    assert lookup.result is not None
    assert lookup.result.notes == (
        "ids.arxiv 2402.00777 not filled: papers/lima2024prompting.yaml has it (same paper?)",
    )
    assert lookup.result.paper.ids.doi is None  # arXiv's own DOI is never a DOI
