"""`medvlm status`: the completeness report, as text and JSON; a report, so it exits 0."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import Run, write_record


def test_text_report_prints_each_share_with_its_target(mini_catalog: Path, run_cli: Run) -> None:
    result = run_cli(mini_catalog, "status")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "Completeness of 4 records"
    table = "\n".join(lines[2:13])
    assert table == (
        "field                                               filled   share  target\n"
        "authors                                             3 of 4   75.0%     95%  below\n"
        "arXiv id or DOI                                     4 of 4  100.0%     90%  met\n"
        "modalities                                          3 of 4   75.0%     98%  below\n"
        "a strategy (methods and foundation models)          2 of 3   66.6%     98%  below\n"
        "reviewed: true                                      1 of 4   25.0%     95%  below\n"
        "summary                                             0 of 4    0.0%     95%  below\n"
        "evidence                                            0 of 4    0.0%     95%  below\n"
        "datasets (methods)                                  0 of 3    0.0%     50%  below\n"
        "\n"
        "Records with venue arXiv: 1 (informational: check each for a peer-reviewed version of "
        "record)"
    )
    missing = result.out.split("\n\n", 3)[3]
    assert "Missing authors (1):\n  lee2022asking\n" in missing
    assert "Missing modalities (1):\n  kim2024survey\n" in missing
    assert (
        "Missing summary (4):\n  doe2023prompt, kim2024survey, lee2022asking, smith2024clip\n"
        in (missing)
    )
    assert "Missing arXiv id or DOI" not in missing  # nothing missing: no list
    assert missing.endswith("Venue arXiv (1):\n  kim2024survey\n")


def test_json_report_has_the_figures_and_the_missing_records(
    mini_catalog: Path, run_cli: Run
) -> None:
    result = run_cli(mini_catalog, "status", "--format", "json")
    assert result.code == 0
    data = json.loads(result.out)
    assert data["records"] == 4
    fields = {field["field"]: field for field in data["fields"]}
    assert list(fields) == [
        "authors",
        "ids",
        "modalities",
        "strategies",
        "reviewed",
        "summary",
        "evidence",
        "datasets",
    ]
    assert fields["strategies"] == {
        "field": "strategies",
        "label": "a strategy",
        "population": "methods and foundation models",
        "total": 3,
        "filled": 2,
        "share": 0.6667,
        "target": 0.98,
        "met": False,
        "missing": ["lee2022asking"],
    }
    assert fields["ids"]["met"] is True and fields["ids"]["missing"] == []
    assert data["arxiv_venue"] == ["kim2024survey"]


def test_filling_a_field_moves_the_share(mini_catalog: Path, run_cli: Run) -> None:
    path = mini_catalog / "papers" / "lee2022asking.yaml"
    path.write_text(
        path.read_text() + "authors: [Lee Park]\nsummary: Answers questions about CT.\n"
    )
    data = json.loads(run_cli(mini_catalog, "status", "--format", "json").out)
    fields = {field["field"]: field for field in data["fields"]}
    assert (fields["authors"]["filled"], fields["authors"]["missing"]) == (4, [])
    assert fields["summary"]["missing"] == ["doe2023prompt", "kim2024survey", "smith2024clip"]


def test_invalid_records_are_left_out_and_said_so(mini_catalog: Path, run_cli: Run) -> None:
    write_record(mini_catalog, "bad.yaml", "id: bad\ntitle: Bad\ntasks: [cooking]\n")
    result = run_cli(mini_catalog, "status")
    assert result.code == 0  # a report, not a check
    assert result.out.startswith("Completeness of 4 records\n")
    assert result.err == (
        "1 problem in the records (see `medvlm validate`): the report counts the valid records "
        "only\n"
    )


def test_a_record_whose_own_doi_names_the_venue_it_lacks_is_listed(
    mini_catalog: Path, run_cli: Run
) -> None:
    assert (
        "Records whose own DOI names a venue they lack: 0 " in run_cli(mini_catalog, "status").out
    )
    path = mini_catalog / "papers" / "kim2024survey.yaml"  # venue: arXiv
    path.write_text(
        path.read_text().replace(
            'ids: {arxiv: "2405.00002"}',
            'ids: {arxiv: "2405.00002", doi: "10.1007/s11604-024-01561-z"}',
        )
    )
    text = run_cli(mini_catalog, "status").out
    assert "Records whose own DOI names a venue they lack: 1 " in text
    assert text.endswith(
        "Venue arXiv or none, but the DOI names one (1):\n"
        "  kim2024survey: 10.1007/s11604-024-01561-z is Japanese Journal of Radiology\n"
    )
    data = json.loads(run_cli(mini_catalog, "status", "--format", "json").out)
    assert data["doi_venue"] == [
        {
            "id": "kim2024survey",
            "doi": "10.1007/s11604-024-01561-z",
            "venue": "Japanese Journal of Radiology",
        }
    ]
