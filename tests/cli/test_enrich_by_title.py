"""`medvlm enrich` for records without an arXiv id or DOI: found by their exact title only."""

from __future__ import annotations

import json
from pathlib import Path

from pytest_httpserver import HTTPServer

from tests.cli.fake_sources import FakeArxiv, FakeS2, arxiv_entry, crossref_work, serve
from tests.cli.record_files import generated_catalog, load
from tests.helpers import Run, write_record


def record(root: Path, record_id: str, title: str) -> None:
    write_record(root, f"{record_id}.yaml", f'id: {record_id}\ntitle: "{title}"\ntasks: [other]\n')


def test_records_without_identifiers_are_found_by_their_exact_title_only(
    tmp_path: Path, services: Path, httpserver: HTTPServer, run_cli: Run
) -> None:
    root = generated_catalog(tmp_path, 0)
    record(root, "chest2024prompting", "Prompting Vision-Language Models for Chest X-Ray Reports")
    record(root, "retina2023foundation", "Foundation Models for Retinal Imaging")
    record(root, "bench2022known", "A Benchmark Known Only to Semantic Scholar")
    record(root, "segment2021anything", "Segment Anything in Medical Images")
    arxiv = FakeArxiv(
        {
            "2402.00777": arxiv_entry(
                "2402.00777",
                "Prompting vision-language models for chest X-ray reports",
                ["Ana Lima", "Ben Okafor"],
            ),
            # Near misses: each holds a record's title and more.
            "2203.00333": arxiv_entry(
                "2203.00333", "A Benchmark Known Only to Semantic Scholar, Extended", ["Cy Ng"]
            ),
            "2408.00874": arxiv_entry(
                "2408.00874", "Segment Anything in Medical Images and Videos", ["Di Wu"]
            ),
        }
    )
    s2 = FakeS2(
        {
            "ARXIV:2402.00777": {
                "paperId": "c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00",
                "externalIds": {"ArXiv": "2402.00777", "DOI": "10.1000/chest-reports"},
                "title": "Prompting Vision-Language Models for Chest X-Ray Reports",
                "venue": "MIDL",
                "year": 2024,
                "authors": [{"authorId": "1", "name": "A. Lima"}],
            },
            "S2:bench": {
                "paperId": "be4c40be4c40be4c40be4c40be4c40be4c40be4c",
                "externalIds": {"ArXiv": "2203.00333"},
                "title": "A benchmark known only to Semantic Scholar",
                "venue": "arXiv.org",
                "year": 2022,
                "authors": [{"authorId": "2", "name": "Cy Ng"}],
            },
            "S2:sam": {
                "paperId": "5a405a405a405a405a405a405a405a405a405a40",
                "externalIds": {"ArXiv": "2408.00874"},
                "title": "Segment Anything in Medical Images and Videos",
                "year": 2024,
                "authors": [{"authorId": "3", "name": "Di Wu"}],
            },
        }
    )
    retina = json.loads(crossref_work())["message"]
    retina.update(
        {
            "DOI": "10.1000/retina",
            "title": ["Foundation models for retinal imaging"],
            "container-title": ["Ophthalmology Science"],
            "short-container-title": ["Ophthalmol. Sci."],
        }
    )
    loose = {**retina, "DOI": "10.1000/other", "title": ["Foundation models for imaging"]}
    answer = json.dumps({"status": "ok", "message-type": "work", "message": retina})
    serve(httpserver, arxiv, s2, {"10.1000/retina": answer}, crossref_hits=[loose, retina])

    result = run_cli(root, "enrich")

    assert result.code == 0, result.err
    chest = load(root, "chest2024prompting")
    assert chest["ids"] == {"arxiv": "2402.00777", "doi": "10.1000/chest-reports"}
    assert (chest["authors"], chest["venue"], chest["year"]) == (
        ["Ana Lima", "Ben Okafor"],
        "MIDL",
        2024,
    )
    assert chest["evidence"] == [
        "https://arxiv.org/abs/2402.00777",
        "https://www.semanticscholar.org/paper/c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00",
    ]
    retina_record = load(root, "retina2023foundation")
    assert retina_record["ids"] == {"doi": "10.1000/retina"}
    assert retina_record["venue"] == "Ophthalmol. Sci."
    assert retina_record["evidence"] == ["https://doi.org/10.1000/retina"]
    bench = load(root, "bench2022known")
    assert bench["ids"] == {"arxiv": "2203.00333"}
    assert bench["evidence"][0] == (
        "https://www.semanticscholar.org/paper/be4c40be4c40be4c40be4c40be4c40be4c40be4c"
    )
    assert "ids" not in load(root, "segment2021anything")  # only similar titles exist
    # Each title asked of arXiv, then of the next service while none had it.
    assert len(arxiv.searches) == 4
    assert s2.matches == [
        "A Benchmark Known Only to Semantic Scholar",
        "Segment Anything in Medical Images",
    ]
    assert result.out.splitlines() == [
        "filled empty fields of 3 records:",
        "  papers/bench2022known.yaml: ids.arxiv, authors, year, venue",
        "  papers/chest2024prompting.yaml: ids.arxiv, authors, year, venue, ids.doi",
        "  papers/retina2023foundation.yaml: ids.doi, authors, year, venue",
        "checked 3 records; 3 enriched, 0 unchanged; 1 without an arXiv id or DOI that no "
        "source has under its title",
    ]
    assert run_cli(root, "validate").code == 0
