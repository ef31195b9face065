"""`medvlm enrich --from-bib FILE`: entries merged into their records offline, one line each."""

from __future__ import annotations

import shutil
from pathlib import Path

from pytest_httpserver import HTTPServer

from tests.cli.record_files import load, snapshot
from tests.helpers import DATA, Run

FROMBIB = DATA / "frombib"


def test_entries_fill_their_records_and_each_entry_is_reported(
    mini_catalog: Path, services: Path, httpserver: HTTPServer, run_cli: Run
) -> None:
    bib = FROMBIB / "official.bib"

    result = run_cli(mini_catalog, "enrich", "--from-bib", str(bib))

    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        f"{bib}:3: kim2024survey: papers/kim2024survey.yaml (same arXiv id): "
        "filled year, venue, ids.doi, links.code",
        "  note: venue arXiv 2024 replaced by MICCAI 2025: the published version wins over the "
        "preprint",
        f"{bib}:14: lee2022asking: papers/lee2022asking.yaml (same arXiv id): "
        "filled authors, venue",
        f"{bib}:22: doe2023prompt: papers/doe2023prompt.yaml (same DOI): nothing to fill",
        f"{bib}:31: clippath: papers/smith2024clip.yaml (same title): nothing to fill",
        f"{bib}:38: elsewhere2020: no record has its arXiv id, DOI or title",
        f"{bib}:45: miccai2024: skipped: @proceedings is a volume, not a paper",
        "2 records enriched from 6 entries; 2 matched with nothing to fill; 1 unmatched; 1 skipped",
    ]
    kim = load(mini_catalog, "kim2024survey")
    assert (kim["venue"], kim["year"]) == ("MICCAI", 2025)
    assert kim["ids"] == {"arxiv": "2405.00002", "doi": "10.1007/978-3-031-00000-0_1"}
    assert kim["evidence"] == ["https://doi.org/10.1007/978-3-031-00000-0_1"]
    assert load(mini_catalog, "lee2022asking")["evidence"] == ["https://arxiv.org/abs/2201.00001"]
    assert httpserver.log == []  # offline: the file is the source
    assert run_cli(mini_catalog, "validate").code == 0

    written = snapshot(mini_catalog)
    again = run_cli(mini_catalog, "enrich", "--from-bib", str(bib))
    assert again.code == 0
    assert again.out.splitlines()[-1] == (
        "0 records enriched from 6 entries; 4 matched with nothing to fill; 1 unmatched; 1 skipped"
    )
    assert snapshot(mini_catalog) == written


def test_an_unreadable_entry_is_a_located_error_and_nothing_is_written(
    mini_catalog: Path, run_cli: Run
) -> None:
    bib = FROMBIB / "broken.bib"
    before = snapshot(mini_catalog)

    result = run_cli(mini_catalog, "enrich", "--from-bib", str(bib))

    assert result.code == 1
    lines = result.err.splitlines()
    assert lines[0].startswith(
        f"{bib}:9: unbalanced2023: not valid BibTeX (unbalanced braces or a missing comma?)"
    )
    assert lines[1:] == [
        f"{bib}:15: doe2023prompt: key already used on line 1",
        f"{bib}: nothing written (fix the entries above, then run again)",
    ]
    assert result.out == ""
    assert snapshot(mini_catalog) == before  # not even the readable entry's record


def test_a_missing_or_empty_file_is_a_located_error(
    mini_catalog: Path, tmp_path: Path, run_cli: Run
) -> None:
    missing = run_cli(mini_catalog, "enrich", "--from-bib", str(tmp_path / "nope.bib"))
    assert missing.code == 1
    assert missing.err == f"{tmp_path / 'nope.bib'}: cannot read: No such file or directory\n"
    notes = tmp_path / "notes.bib"
    shutil.copy(DATA / "mini" / "taxonomy.yaml", notes)
    empty = run_cli(mini_catalog, "enrich", "--from-bib", str(notes))
    assert (empty.code, empty.err) == (1, f"{notes}: no BibTeX entries found\n")


def test_from_bib_takes_no_record_ids(mini_catalog: Path, run_cli: Run) -> None:
    bib = str(FROMBIB / "official.bib")
    result = run_cli(mini_catalog, "enrich", "--from-bib", bib, "kim2024survey")
    assert result.code == 2
    assert result.err == "medvlm enrich: --from-bib takes no record ids and no --only-missing\n"
