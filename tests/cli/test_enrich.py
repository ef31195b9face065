"""`medvlm enrich`: empty fields filled from fake services, in batches, resumably."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any

import pytest
import yaml
from pytest_httpserver import HTTPServer

from tests.cli.fake_sources import (
    ADD_DATA,
    FakeArxiv,
    FakeS2,
    arxiv_entry,
    crossref_requests,
    crossref_work,
    entries_in,
    s2_papers,
    serve,
)
from tests.cli.record_files import generated_catalog, generated_id, load, snapshot
from tests.helpers import Run


def generated_arxiv(count: int, **options: Any) -> FakeArxiv:
    entries = {
        generated_id(n): arxiv_entry(
            generated_id(n), f"Generated paper {n}", [f"Author {n}", "Second Author"]
        )
        for n in range(1, count + 1)
    }
    return FakeArxiv(entries, **options)


def test_enrich_fills_only_empty_fields_and_keeps_what_people_wrote(
    mini_catalog: Path, services: Path, httpserver: HTTPServer, run_cli: Run
) -> None:
    arxiv = FakeArxiv(entries_in(ADD_DATA / "arxiv_entries.xml"))
    s2 = FakeS2(s2_papers())
    serve(httpserver, arxiv, s2)
    before = {record: load(mini_catalog, record) for record in ("smith2024clip", "lee2022asking")}

    result = run_cli(mini_catalog, "enrich")

    assert result.code == 0, result.err
    smith = load(mini_catalog, "smith2024clip")
    # Semantic Scholar says NeurIPS and the abstract names another repository: both kept.
    assert smith["venue"] == "MICCAI"
    assert smith["links"] == {"code": "https://github.com/example/clip-path"}
    assert smith["authors"] == ["Jane Smith", "Wei Zhang"]
    assert smith["ids"] == {"arxiv": "2401.01234", "doi": "10.5555/clip-path.2024.17"}
    # The DOI came from Semantic Scholar: its page is where it can be checked.
    assert smith["evidence"] == [
        "https://www.semanticscholar.org/paper/1f0e2d3c4b5a69788776655443322110ffeeddcc"
    ]
    unchanged = {**before["smith2024clip"], "ids": smith["ids"], "evidence": smith["evidence"]}
    assert smith == unchanged  # terms, reviewed intact

    lee = load(mini_catalog, "lee2022asking")
    assert lee["authors"] == ["Hana Lee", "Omar Farouk"]  # arXiv's full names
    assert lee["venue"] == "arXiv"
    assert lee["ids"] == {"arxiv": "2201.00001"}  # arXiv's own DOI is not a DOI
    assert lee["links"] == {"code": "https://github.com/example/asking-answering"}
    assert lee["title"] == before["lee2022asking"]["title"]
    assert (lee["tasks"], lee["modalities"]) == (["vqa"], ["ct", "xray"])
    assert lee["evidence"] == ["https://arxiv.org/abs/2201.00001"]

    doe = load(mini_catalog, "doe2023prompt")
    assert doe["ids"] == {"arxiv": "2303.00003", "doi": "10.1038/s41746-023-00001-x"}
    assert doe["links"]["code"] == "https://github.com/jdoe/prompt-cxr"
    # Both from Semantic Scholar (the code link is in the abstract it gives).
    assert doe["evidence"] == [
        "https://www.semanticscholar.org/paper/bb22cc33dd44ee55ff6677889900aabbccddeeff"
    ]

    kim = load(mini_catalog, "kim2024survey")
    assert kim["venue"] == "arXiv"  # hand-written; arXiv's journal reference does not replace it

    assert result.out.splitlines() == [
        "filled empty fields of 3 records:",
        "  papers/doe2023prompt.yaml: ids.arxiv, links.code",
        "  papers/lee2022asking.yaml: authors, venue, links.code",
        "  papers/smith2024clip.yaml: ids.doi",
        "checked 4 records; 3 enriched, 1 unchanged",
    ]
    assert "enriching" not in result.err  # no progress bar outside a terminal
    assert arxiv.requests == [["2405.00002", "2201.00001", "2401.01234"]]
    assert s2.requests == [
        [
            "DOI:10.1038/s41746-023-00001-x",
            "ARXIV:2405.00002",
            "ARXIV:2201.00001",
            "ARXIV:2401.01234",
        ]
    ]
    assert crossref_requests(httpserver) == []  # nothing Crossref could add was missing
    assert run_cli(mini_catalog, "validate").code == 0

    again = run_cli(mini_catalog, "enrich")
    assert again.code == 0
    assert again.out.splitlines()[-1] == "checked 4 records; 0 enriched, 4 unchanged"


COMPLETE_RECORD = """\
id: full2024record
title: "A Record With Every Field"
authors: [Ada Full]
year: 2024
venue: MIDL
ids: {arxiv: "2402.00042", doi: 10.1000/full}
links: {code: "https://github.com/example/full"}
tasks: [classification]
"""


def test_only_missing_costs_no_request_for_complete_records(
    mini_catalog: Path, services: Path, httpserver: HTTPServer, run_cli: Run
) -> None:
    (mini_catalog / "papers" / "full2024record.yaml").write_text(COMPLETE_RECORD, "utf-8")
    entries = entries_in(ADD_DATA / "arxiv_entries.xml")
    entries["2402.00042"] = arxiv_entry("2402.00042", "A Record With Every Field", ["Ada Full"])
    papers = s2_papers()
    papers["ARXIV:2402.00042"] = {
        "paperId": "ff00",
        "externalIds": {"ArXiv": "2402.00042", "DOI": "10.1000/other"},
        "title": "A Record With Every Field",
        "venue": "ICLR",
        "year": 2025,
        "authors": [{"authorId": "1", "name": "A. Full"}],
    }
    arxiv, s2 = FakeArxiv(entries), FakeS2(papers)
    serve(httpserver, arxiv, s2)
    complete = (mini_catalog / "papers" / "full2024record.yaml").read_bytes()

    skipping = run_cli(mini_catalog, "enrich", "--only-missing")

    assert skipping.code == 0, skipping.err
    assert "2402.00042" not in arxiv.asked()
    assert "ARXIV:2402.00042" not in s2.asked()
    assert skipping.out.splitlines()[-1] == (
        "checked 4 records; 3 enriched, 1 unchanged; 1 skipped with nothing missing"
    )

    checking = run_cli(mini_catalog, "enrich", "full2024record")

    assert checking.code == 0, checking.err
    assert arxiv.requests[-1] == ["2402.00042"]
    assert s2.requests[-1] == ["ARXIV:2402.00042"]
    assert (mini_catalog / "papers" / "full2024record.yaml").read_bytes() == complete
    assert checking.out.splitlines() == [
        "note: papers/full2024record.yaml: ids.doi is 10.1000/full here, 10.1000/other in the "
        "sources (kept)",
        "checked 1 record; 0 enriched, 1 unchanged",
    ]


def test_ids_restrict_the_records_and_an_unknown_id_is_an_error(
    mini_catalog: Path, services: Path, httpserver: HTTPServer, run_cli: Run
) -> None:
    arxiv, s2 = FakeArxiv(entries_in(ADD_DATA / "arxiv_entries.xml")), FakeS2(s2_papers())
    serve(httpserver, arxiv, s2)
    before = snapshot(mini_catalog)

    unknown = run_cli(mini_catalog, "enrich", "lee2022asking", "smith2024cli")

    assert unknown.code == 1
    assert unknown.err == "no record 'smith2024cli' (did you mean 'smith2024clip'?)\n"
    assert httpserver.log == []
    assert snapshot(mini_catalog) == before

    one = run_cli(mini_catalog, "enrich", "lee2022asking")

    assert one.code == 0, one.err
    assert arxiv.requests == [["2201.00001"]]
    assert s2.requests == [["ARXIV:2201.00001"]]
    assert load(mini_catalog, "smith2024clip") == yaml.safe_load(before["smith2024clip.yaml"])


def test_batches_cost_a_request_per_100_arxiv_ids_and_per_500_semantic_scholar_ids(
    tmp_path: Path, services: Path, httpserver: HTTPServer, run_cli: Run
) -> None:
    count = 520
    dois = ("10.1234/gen-a", "10.1234/gen-b", "10.1234/gen-c")
    root = generated_catalog(tmp_path, count, dois=dois)
    arxiv = generated_arxiv(count)
    # Semantic Scholar knows only the third DOI; Crossref knows the first and not the second.
    s2 = FakeS2(
        {
            "DOI:10.1234/gen-c": {
                "paperId": "cc",
                "externalIds": {"DOI": "10.1234/gen-c"},
                "title": "Published paper c",
                "venue": "Radiology",
                "year": 2023,
                "authors": [{"authorId": "9", "name": "Carla Cruz"}],
            }
        }
    )
    work = json.loads(crossref_work())
    work["message"]["DOI"] = "10.1234/gen-a"
    serve(
        httpserver,
        arxiv,
        s2,
        crossref={"10.1234/gen-a": json.dumps(work), "10.1234/gen-b": None},
    )

    result = run_cli(root, "enrich")

    assert result.code == 0, result.err
    assert len(arxiv.requests) == 6  # ceil(520 / 100), not 520
    assert sorted(arxiv.asked()) == sorted(generated_id(n) for n in range(1, count + 1))
    assert [len(batch) for batch in s2.requests] == [500, 23]  # ceil(523 / 500)
    # Crossref only for DOI records still missing fields after Semantic Scholar.
    assert crossref_requests(httpserver) == ["10.1234/gen-a", "10.1234/gen-b"]
    assert load(root, "gen0520")["authors"] == ["Author 520", "Second Author"]
    assert load(root, "gen0520")["venue"] == "arXiv"
    assert (load(root, "doi-a")["venue"], load(root, "doi-a")["year"]) == ("Nature", 2023)
    assert load(root, "doi-c")["venue"] == "Radiology"
    assert "note: papers/doi-b.yaml: Crossref has no work 10.1234/gen-b" in result.out
    assert result.out.splitlines()[-1] == "checked 523 records; 522 enriched, 1 unchanged"


def test_a_failure_half_way_keeps_the_finished_batches_and_a_rerun_continues(
    tmp_path: Path, services: Path, httpserver: HTTPServer, run_cli: Run
) -> None:
    root = generated_catalog(tmp_path, 150)
    arxiv = generated_arxiv(150, broken={generated_id(120)})
    s2 = FakeS2({})
    serve(httpserver, arxiv, s2)

    failed = run_cli(root, "enrich")

    assert failed.code == 1
    stopped = [line for line in failed.err.splitlines() if line.startswith("stopped: ")]
    assert stopped == [
        "stopped: arXiv: 2401.00101, 2401.00102, ... (50 ids): server error "
        "(HTTP 503 SERVICE UNAVAILABLE), gave up after 2 attempts: Service Unavailable"
    ]
    assert "100 records enriched before the failure are written" in failed.err
    assert "Traceback" not in failed.err
    assert all(load(root, f"gen{n:04d}").get("authors") for n in range(1, 101))
    assert not any(load(root, f"gen{n:04d}").get("authors") for n in range(101, 151))
    assert len(arxiv.requests) == 3  # batch 1, batch 2 and its one retry
    assert len(s2.requests) == 1

    arxiv.broken.clear()
    resumed = run_cli(root, "enrich")

    assert resumed.code == 0, resumed.err
    assert all(load(root, f"gen{n:04d}").get("authors") for n in range(1, 151))
    # The cache answered everything already received: only the failed batch went out again.
    assert [len(batch) for batch in arxiv.requests[3:]] == [50]
    assert arxiv.requests[3][0] == generated_id(101)
    assert len(s2.requests) == 1
    assert resumed.out.splitlines()[-1] == "checked 150 records; 50 enriched, 100 unchanged"
    assert run_cli(root, "validate").code == 0


def test_an_unreachable_service_stops_with_one_line_and_writes_nothing(
    mini_catalog: Path, services: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Run
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("MEDVLM_S2_API", f"http://127.0.0.1:{port}/graph/v1")
    before = snapshot(mini_catalog)

    result = run_cli(mini_catalog, "enrich", "smith2024clip")

    assert result.code == 1
    assert result.err.splitlines()[0] == (
        "stopped: Semantic Scholar: ARXIV:2401.01234: unreachable (connection refused) at "
        f"http://127.0.0.1:{port}/graph/v1/paper/batch"
    )
    assert snapshot(mini_catalog) == before


def test_an_unusable_cache_location_is_a_clean_error(
    mini_catalog: Path, run_cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MEDVLM_CACHE", "/dev/null/cache")
    for args in (("enrich",), ("add", "2401.00001")):
        result = run_cli(mini_catalog, *args)
        assert result.code == 1
        assert result.err.startswith("configuration: MEDVLM_CACHE: "), result.err
        assert "Traceback" not in result.err
