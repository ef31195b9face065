"""`medvlm add FILE.bib`: the entries of a BibTeX file as new records, filled from the sources."""

from __future__ import annotations

import shutil
from pathlib import Path

from pytest_httpserver import HTTPServer

from tests.cli.fake_sources import ADD_DATA, FakeS2, arxiv_fake, s2_papers, serve
from tests.cli.record_files import load, papers_in
from tests.helpers import Run

MEDCLIP = "2403.20253"


def test_add_a_bibtex_file_fills_empty_fields_from_the_sources(
    mini_catalog: Path, services: Path, httpserver: HTTPServer, run_cli: Run
) -> None:
    arxiv, s2 = arxiv_fake(), FakeS2(s2_papers())
    serve(httpserver, arxiv, s2)
    bib = ADD_DATA / "refs.bib"

    result = run_cli(mini_catalog, "add", str(bib))

    assert result.code == 0, result.err
    medclip = load(mini_catalog, "koleilat2024medclip")
    assert medclip["venue"] == "arXiv"  # what the file says is kept
    assert medclip["ids"] == {"arxiv": MEDCLIP, "doi": "10.1007/978-3-031-72390-2_60"}
    assert medclip["links"] == {"code": "https://github.com/HealthX-Lab/MedCLIP-SAM"}
    dental = load(mini_catalog, "park2023dental")
    assert (dental["venue"], dental["year"]) == ("MIDL", 2023)
    assert dental["authors"] == ["Ji-woo Park", "Petra Novak"]
    assert f"added papers/koleilat2024medclip.yaml ({bib}:2 koleilat2024medclip)" in result.out
    assert "filled from the sources: ids.doi, links.code" in result.out
    assert "added 2 papers" in result.out
    assert arxiv.requests == [[MEDCLIP]]  # the entry without identifiers costs no request
    assert s2.requests == [[f"ARXIV:{MEDCLIP}"]]
    assert run_cli(mini_catalog, "validate").code == 0


def test_a_bibtex_entry_already_in_the_catalog_is_refused_the_others_are_added(
    mini_catalog: Path, services: Path, httpserver: HTTPServer, run_cli: Run
) -> None:
    bib = ADD_DATA / "duplicate.bib"

    result = run_cli(mini_catalog, "add", str(bib))

    assert result.code == 1
    assert (
        f"{bib}:2: doe2023: already in the catalog as papers/doe2023prompt.yaml (same DOI)"
        in result.err
    )
    assert (mini_catalog / "papers" / "park2023dental.yaml").exists()
    assert httpserver.log == []  # the new entry has nothing to look up


def test_a_missing_bibtex_file_is_named(
    mini_catalog: Path, services: Path, httpserver: HTTPServer, run_cli: Run, tmp_path: Path
) -> None:
    missing = tmp_path / "nowhere.bib"
    result = run_cli(mini_catalog, "add", str(missing))
    assert result.code == 1
    assert result.err.splitlines()[0] == f"{missing}: no such BibTeX file"


def test_a_bibtex_file_fails_as_a_whole_when_a_source_is_down(
    mini_catalog: Path, services: Path, httpserver: HTTPServer, run_cli: Run, tmp_path: Path
) -> None:
    # Semantic Scholar answers 503 to everything: the file's records are not written.
    httpserver.expect_request("/graph/v1/paper/batch", method="POST").respond_with_data(
        "Service Unavailable", status=503
    )
    bib = tmp_path / "refs.bib"
    shutil.copy(ADD_DATA / "refs.bib", bib)
    before = papers_in(mini_catalog)

    result = run_cli(mini_catalog, "add", str(bib))

    assert result.code == 1
    assert result.err.splitlines()[0].startswith(
        f"{bib}: Semantic Scholar: ARXIV:2403.20253: server error (HTTP 503"
    )
    assert result.err.splitlines()[0].endswith("(2 records not added)")
    assert papers_in(mini_catalog) == before
