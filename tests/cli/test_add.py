"""`medvlm add`: new records from arXiv ids, DOIs and BibTeX files, against fake services."""

from __future__ import annotations

import datetime as dt
import socket
from pathlib import Path

import pytest
import yaml
from pytest_httpserver import HTTPServer

from medvlm.models import Paper
from medvlm.taxonomy import load_taxonomy
from tests.cli.fake_sources import (
    ADD_DATA,
    FakeArxiv,
    FakeS2,
    arxiv_fake,
    crossref_requests,
    crossref_work,
    entries_in,
    s2_papers,
    serve,
)
from tests.cli.record_files import papers_in
from tests.helpers import Run

MEDCLIP = "2403.20253"
NATURE_DOI = "10.1038/s41586-023-06291-2"


def load(path: Path) -> dict[str, object]:
    data: dict[str, object] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def test_add_by_arxiv_id_writes_a_valid_record_with_venue_doi_code_and_suggestions(
    mini_catalog: Path, services: Path, httpserver: HTTPServer, run_cli: Run
) -> None:
    arxiv, s2 = arxiv_fake(), FakeS2(s2_papers())
    serve(httpserver, arxiv, s2)

    result = run_cli(mini_catalog, "add", MEDCLIP)

    assert result.code == 0, result.err
    path = mini_catalog / "papers" / "koleilat2024medclip.yaml"
    assert load(path) == {
        "id": "koleilat2024medclip",
        "title": "MedCLIP-SAM: Bridging Text and Image Towards Universal Medical Image Segmentation",
        "authors": ["Taha Koleilat", "Hojat Asgariandehkordi", "Hassan Rivaz", "Yiming Xiao"],
        "year": 2024,
        "venue": "MICCAI",
        "kind": "method",
        "model": "MedCLIP-SAM",
        "ids": {"arxiv": MEDCLIP, "doi": "10.1007/978-3-031-72390-2_60"},
        "links": {
            "paper": "https://doi.org/10.1007/978-3-031-72390-2_60",
            "code": "https://github.com/HealthX-Lab/MedCLIP-SAM",
        },
        "tasks": ["segmentation"],
        "strategies": ["pretraining"],
        "modalities": ["xray"],
        # Title, authors and code from arXiv; venue, year and DOI from Semantic Scholar.
        "evidence": [
            "https://arxiv.org/abs/2403.20253",
            "https://www.semanticscholar.org/paper/8b3a2f5c1d9e4a7b6c0f1e2d3c4b5a6978877665",
        ],
        "reviewed": False,
        "added": dt.date.today(),
    }
    assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")
    assert "added papers/koleilat2024medclip.yaml (arXiv 2403.20253)" in result.out
    assert "suggested terms to review: task segmentation; strategy pretraining; modality xray" in (
        result.out
    )
    assert "model name taken from the title: MedCLIP-SAM" in result.out
    assert "still missing" not in result.out
    assert arxiv.requests == [[MEDCLIP]]
    assert s2.requests == [[f"ARXIV:{MEDCLIP}"]]
    assert run_cli(mini_catalog, "validate").code == 0


@pytest.mark.parametrize(
    "argument",
    [
        "https://arxiv.org/abs/2403.20253v2",
        "https://arxiv.org/pdf/2403.20253v1",
        "arXiv:2403.20253v2",
        "https://doi.org/10.48550/arXiv.2403.20253",
    ],
)
def test_arxiv_urls_versions_and_prefixes_name_the_same_preprint(
    argument: str, mini_catalog: Path, services: Path, httpserver: HTTPServer, run_cli: Run
) -> None:
    # Semantic Scholar knows nothing (null): the record stays a preprint.
    arxiv, s2 = arxiv_fake(), FakeS2({})
    serve(httpserver, arxiv, s2)

    result = run_cli(mini_catalog, "add", argument)

    assert result.code == 0, result.err
    record = load(mini_catalog / "papers" / "koleilat2024medclip.yaml")
    assert record["venue"] == "arXiv"
    assert record["year"] == 2024
    assert record["ids"] == {"arxiv": MEDCLIP}
    assert record["links"] == {
        "paper": "https://arxiv.org/abs/2403.20253",
        "code": "https://github.com/HealthX-Lab/MedCLIP-SAM",
    }
    assert arxiv.requests == [[MEDCLIP]]


def test_add_by_doi_url_uses_crossref_and_takes_the_arxiv_id_from_semantic_scholar(
    mini_catalog: Path, services: Path, httpserver: HTTPServer, run_cli: Run
) -> None:
    s2 = FakeS2(s2_papers())
    serve(httpserver, s2=s2, crossref={NATURE_DOI: crossref_work()})

    result = run_cli(mini_catalog, "add", "https://doi.org/10.1038/S41586-023-06291-2")

    assert result.code == 0, result.err
    record = load(mini_catalog / "papers" / "singhal2023large.yaml")
    assert record["title"] == "Large language models encode clinical knowledge"
    assert record["authors"] == [  # Crossref's full names, not Semantic Scholar's "K. Singhal"
        "Karan Singhal",
        "Shekoofeh Azizi",
        "Tao Tu",
        "S. Sara Mahdavi",
        "Jason Wei",
        "Hyung Won Chung",
        "Vivek Natarajan",
    ]
    assert (record["venue"], record["year"]) == ("Nature", 2023)  # Crossref's, not S2's 2022
    assert record["ids"] == {"arxiv": "2212.13138", "doi": NATURE_DOI}
    assert record["links"] == {"paper": f"https://doi.org/{NATURE_DOI}"}
    assert record["tasks"] == ["other"]  # no task keyword in title or abstract
    assert "still missing: model, links.code" in result.out
    assert crossref_requests(httpserver) == [NATURE_DOI]
    assert s2.requests == [[f"DOI:{NATURE_DOI}"]]
    assert run_cli(mini_catalog, "validate").code == 0


def test_a_paper_already_in_the_catalog_is_refused_before_any_request(
    mini_catalog: Path, services: Path, httpserver: HTTPServer, run_cli: Run
) -> None:
    before = papers_in(mini_catalog)

    result = run_cli(mini_catalog, "add", "https://arxiv.org/abs/2401.01234v2")

    assert result.code == 1
    assert result.err.startswith(
        "https://arxiv.org/abs/2401.01234v2: already in the catalog as "
        "papers/smith2024clip.yaml (same arXiv id)\n"
    )
    assert papers_in(mini_catalog) == before
    assert httpserver.log == []


def test_a_fetched_paper_with_the_title_of_a_record_is_refused_naming_it(
    mini_catalog: Path, services: Path, httpserver: HTTPServer, run_cli: Run
) -> None:
    serve(httpserver, arxiv_fake(), FakeS2({}))
    before = papers_in(mini_catalog)

    result = run_cli(mini_catalog, "add", "2405.99999")

    assert result.code == 1
    assert (
        "2405.99999: already in the catalog as papers/kim2024survey.yaml (same title)" in result.err
    )
    assert papers_in(mini_catalog) == before


def test_the_same_paper_twice_in_one_command_is_added_once(
    mini_catalog: Path, services: Path, httpserver: HTTPServer, run_cli: Run
) -> None:
    arxiv = arxiv_fake()
    serve(httpserver, arxiv, FakeS2({}))

    result = run_cli(mini_catalog, "add", MEDCLIP, "arXiv:2403.20253v2")

    assert result.code == 1
    assert (
        "arXiv:2403.20253v2: added above as papers/koleilat2024medclip.yaml (same arXiv id)"
        in result.err
    )
    assert arxiv.requests == [[MEDCLIP]]


def test_an_unknown_arxiv_id_is_a_one_line_error_and_nothing_is_written(
    mini_catalog: Path, services: Path, httpserver: HTTPServer, run_cli: Run
) -> None:
    s2 = FakeS2(s2_papers())
    serve(httpserver, arxiv_fake(), s2)
    before = papers_in(mini_catalog)

    result = run_cli(mini_catalog, "add", "2403.99999")

    assert result.code == 1
    assert result.err == "arXiv: 2403.99999: no such paper\nadded 0 papers; 1 problem\n"
    assert result.out == ""
    assert papers_in(mini_catalog) == before
    assert s2.requests == []  # a paper arXiv does not know is not looked up further


def test_arxivs_error_feed_with_http_400_is_reported_in_arxivs_words(
    mini_catalog: Path, services: Path, httpserver: HTTPServer, run_cli: Run
) -> None:
    serve(httpserver, arxiv_fake(rejected={"1234.12345"}), FakeS2({}))

    result = run_cli(mini_catalog, "add", "1234.12345")

    assert result.code == 1
    assert result.err.splitlines()[0] == "arXiv: 1234.12345: incorrect id format for 1234.12345"


def test_several_arguments_share_one_batch_and_fail_one_by_one(
    mini_catalog: Path, services: Path, httpserver: HTTPServer, run_cli: Run
) -> None:
    arxiv = arxiv_fake(rejected={"1234.12345"})
    s2 = FakeS2(s2_papers())
    serve(httpserver, arxiv, s2)

    result = run_cli(mini_catalog, "add", MEDCLIP, "1234.12345", "2403.99999", "not-an-id")

    assert result.code == 1
    assert (mini_catalog / "papers" / "koleilat2024medclip.yaml").exists()
    errors = result.err.splitlines()
    assert errors[:3] == [
        "arXiv: 1234.12345: incorrect id format for 1234.12345",
        "arXiv: 2403.99999: no such paper",
        "not an arXiv id, DOI or BibTeX file: 'not-an-id' (expected e.g. 2403.04290, "
        "https://arxiv.org/abs/2403.04290v2, 10.1038/s41586-023-06291-2 or refs.bib)",
    ]
    assert errors[3] == "added 1 paper; 3 problems"
    # One batch for the three ids; arXiv rejected it, so each id was asked alone.
    assert arxiv.requests == [
        [MEDCLIP, "1234.12345", "2403.99999"],
        [MEDCLIP],
        ["1234.12345"],
        ["2403.99999"],
    ]
    assert s2.requests == [[f"ARXIV:{MEDCLIP}"]]


def test_semantic_scholar_null_in_a_batch_leaves_that_paper_a_preprint(
    mini_catalog: Path, services: Path, httpserver: HTTPServer, run_cli: Run
) -> None:
    entries = entries_in(ADD_DATA / "arxiv_entries.xml")
    entries["2212.13138"] = (
        entries["2405.99999"]
        .replace("2405.99999", "2212.13138")
        .replace("A Survey of Medical Vision-Language Models", "Lung Segmentation in CT")
    )
    arxiv, s2 = FakeArxiv(entries), FakeS2(s2_papers())
    serve(httpserver, arxiv, s2)

    result = run_cli(mini_catalog, "add", MEDCLIP, "2212.13138")

    assert result.code == 0, result.err
    assert s2.requests == [[f"ARXIV:{MEDCLIP}", "ARXIV:2212.13138"]]  # answered [paper, null]
    assert load(mini_catalog / "papers" / "koleilat2024medclip.yaml")["venue"] == "MICCAI"
    lungs = load(mini_catalog / "papers" / "costa2024lung.yaml")
    assert (lungs["venue"], lungs["ids"]) == ("arXiv", {"arxiv": "2212.13138"})
    assert lungs["tasks"] == ["segmentation"]
    assert lungs["modalities"] == ["ct"]
    assert arxiv.requests == [[MEDCLIP, "2212.13138"]]
    assert "added 2 papers" in result.out


def test_a_doi_crossref_does_not_know_is_a_404_error(
    mini_catalog: Path, services: Path, httpserver: HTTPServer, run_cli: Run
) -> None:
    s2 = FakeS2({})
    serve(httpserver, s2=s2, crossref={"10.1234/missing": None})
    before = papers_in(mini_catalog)

    result = run_cli(mini_catalog, "add", "10.1234/MISSING")

    assert result.code == 1
    assert result.err.splitlines()[0] == (
        "10.1234/MISSING: Crossref: 10.1234/missing: not found (HTTP 404)"
    )
    assert papers_in(mini_catalog) == before
    assert s2.requests == []


def test_an_unreachable_service_is_a_one_line_error(
    mini_catalog: Path, services: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Run
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/api/query"
    monkeypatch.setenv("MEDVLM_ARXIV_API", url)
    before = papers_in(mini_catalog)

    result = run_cli(mini_catalog, "add", MEDCLIP)

    assert result.code == 1
    assert result.err.splitlines()[0] == (
        f"arXiv: 2403.20253: unreachable (connection refused) at {url}"
    )
    assert "Traceback" not in result.err
    assert papers_in(mini_catalog) == before


def test_rate_limited_with_retry_after_then_answered(
    mini_catalog: Path, services: Path, httpserver: HTTPServer, run_cli: Run
) -> None:
    arxiv = arxiv_fake(throttle=1)
    serve(httpserver, arxiv, FakeS2(s2_papers()))

    result = run_cli(mini_catalog, "add", MEDCLIP)

    assert result.code == 0, result.err
    assert arxiv.requests == [[MEDCLIP], [MEDCLIP]]  # the 429, then the retry
    assert (mini_catalog / "papers" / "koleilat2024medclip.yaml").exists()


def test_a_rerun_is_served_from_the_http_cache(
    mini_catalog: Path, services: Path, httpserver: HTTPServer, run_cli: Run
) -> None:
    arxiv, s2 = arxiv_fake(), FakeS2(s2_papers())
    serve(httpserver, arxiv, s2)

    first = run_cli(mini_catalog, "add", "--dry-run", MEDCLIP)
    second = run_cli(mini_catalog, "add", "--dry-run", MEDCLIP)

    assert first.code == second.code == 0
    assert first.out == second.out
    assert services.exists()
    assert len(arxiv.requests) == len(s2.requests) == 1


def test_dry_run_writes_nothing_and_prints_yaml_that_validates(
    mini_catalog: Path, services: Path, httpserver: HTTPServer, run_cli: Run
) -> None:
    serve(httpserver, arxiv_fake(), FakeS2(s2_papers()))
    before = {p.name: p.read_bytes() for p in (mini_catalog / "papers").iterdir()}

    result = run_cli(mini_catalog, "add", "--dry-run", MEDCLIP, "2201.00001")

    assert result.code == 1  # 2201.00001 is lee2022asking's
    assert {p.name: p.read_bytes() for p in (mini_catalog / "papers").iterdir()} == before
    assert "would add papers/koleilat2024medclip.yaml (arXiv 2403.20253)" in result.err
    assert result.out.startswith("# yaml-language-server: $schema=../schema/paper.schema.json\n")
    documents = list(yaml.safe_load_all(result.out))
    assert len(documents) == 1
    taxonomy = load_taxonomy(mini_catalog / "taxonomy.yaml")
    paper = Paper.model_validate(documents[0], context={"taxonomy": taxonomy})
    assert paper.id == "koleilat2024medclip"
    assert paper.venue == "MICCAI"


def test_dry_run_with_several_papers_prints_a_yaml_stream(
    mini_catalog: Path, services: Path, httpserver: HTTPServer, run_cli: Run
) -> None:
    serve(httpserver, arxiv_fake(), FakeS2(s2_papers()), crossref={NATURE_DOI: crossref_work()})

    result = run_cli(mini_catalog, "add", "--dry-run", MEDCLIP, NATURE_DOI)

    assert result.code == 0, result.err
    ids = [document["id"] for document in yaml.safe_load_all(result.out)]
    assert ids == ["koleilat2024medclip", "singhal2023large"]
    assert not (mini_catalog / "papers" / "singhal2023large.yaml").exists()


def test_an_invalid_catalog_is_reported_and_nothing_is_fetched(
    mini_catalog: Path, services: Path, httpserver: HTTPServer, run_cli: Run
) -> None:
    (mini_catalog / "papers" / "broken.yaml").write_text("id: broken\n", encoding="utf-8")

    result = run_cli(mini_catalog, "add", MEDCLIP)

    assert result.code == 1
    assert "papers/broken.yaml" in result.err
    assert httpserver.log == []
