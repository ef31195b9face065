"""`medvlm import bib` and `medvlm export` end to end on a copy of the mini catalog."""

from __future__ import annotations

import argparse
import csv
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from bibtexparser.entrypoint import parse_string

from medvlm.cli import exchange
from medvlm.cli.exchange import register
from medvlm.importers.bibtex.entries import BibImportResult, import_bibtex
from tests.helpers import DATA, Run, write_record

BIB = DATA / "bib"


def record_files(root: Path) -> set[str]:
    return {path.name for path in (root / "papers").iterdir()}


def snapshot(root: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in (root / "papers").iterdir()}


# --- import bib -----------------------------------------------------------------------------


def test_import_creates_valid_records_and_reports_them(mini_catalog: Path, run_cli: Run) -> None:
    before = record_files(mini_catalog)
    result = run_cli(mini_catalog, "import", "bib", str(BIB / "zotero.bib"))
    assert result.code == 0, result.err
    assert record_files(mini_catalog) - before == {"zhang2023biomedclip.yaml", "ma2024segment.yaml"}
    bib = BIB / "zotero.bib"
    assert f"{bib}:2: zhang_biomedclip_2023: created papers/zhang2023biomedclip.yaml" in result.out
    assert f"{bib}:18: ma_segment_2024: created papers/ma2024segment.yaml" in result.out
    assert result.out.endswith("2 records created, 0 already present, 0 repeated keys, 0 skipped\n")
    text = (mini_catalog / "papers" / "ma2024segment.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/paper.schema.json\n")
    data = yaml.safe_load(text)
    assert data["title"] == "Segment anything in medical images"
    assert data["ids"] == {"doi": "10.1038/s41467-024-44824-z"}
    assert data["reviewed"] is False
    assert data["added"] == date.today()
    validated = run_cli(mini_catalog, "validate")
    assert validated.code == 0, validated.err
    assert validated.out == "6 records valid\n"


def test_second_import_creates_nothing_and_names_the_records(
    mini_catalog: Path, run_cli: Run
) -> None:
    assert run_cli(mini_catalog, "import", "bib", str(BIB / "dblp.bib")).code == 0
    after_first = snapshot(mini_catalog)
    result = run_cli(mini_catalog, "import", "bib", str(BIB / "dblp.bib"))
    assert result.code == 0, result.err
    assert snapshot(mini_catalog) == after_first
    assert (
        f"{BIB / 'dblp.bib'}:1: DBLP:conf/cvpr/TanidaMKR23: same DOI as tanida2023interactive"
        " (already in the catalog); not imported"
    ) in result.out
    assert "same arXiv id as chen2024chexagent (already in the catalog)" in result.out
    assert "0 records created, 3 already present, 0 repeated keys, 1 skipped" in result.out


def test_import_reports_records_already_in_the_catalog(
    mini_catalog: Path, run_cli: Run, tmp_path: Path
) -> None:
    bib = tmp_path / "mine.bib"
    bib.write_text(
        "@misc{mine, title = {CLIP-Path again}, eprint = {2401.01234}, archivePrefix = {arXiv}}\n",
        encoding="utf-8",
    )
    result = run_cli(mini_catalog, "import", "bib", str(bib))
    assert result.code == 0
    assert result.out == (
        f"{bib}:1: mine: same arXiv id as smith2024clip (already in the catalog); not imported\n"
        "0 records created, 1 already present, 0 repeated keys, 0 skipped\n"
    )


def test_dry_run_writes_nothing(mini_catalog: Path, run_cli: Run) -> None:
    before = snapshot(mini_catalog)
    result = run_cli(mini_catalog, "import", "bib", str(BIB / "ads.bib"), "--dry-run")
    assert result.code == 0, result.err
    assert snapshot(mini_catalog) == before
    assert "2024arXiv240112208C: would create papers/chen2024chexagent.yaml" in result.out
    assert "2 records would be created" in result.out


def test_malformed_entries_are_reported_and_the_rest_imported(
    mini_catalog: Path, run_cli: Run
) -> None:
    bib = BIB / "malformed.bib"
    result = run_cli(mini_catalog, "import", "bib", str(bib))
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert f"{bib}:3: good2023vqa: created papers/roe2023visual.yaml" in lines
    assert any(
        line.startswith(f"{bib}:10: unbalanced2023: skipped: not valid BibTeX") for line in lines
    )
    assert f"{bib}:16: notitle2022: skipped: no title" in lines
    assert f"{bib}:22: (no key): skipped: entry has no key" in lines
    assert f"{bib}:27: good2023vqa: key already used on line 3; entry ignored" in lines
    assert lines[-1] == "2 records created, 0 already present, 1 repeated key, 5 skipped"
    # The report follows the file: line numbers never go back.
    numbers = [int(line.split(":")[1]) for line in lines if line.startswith(str(bib))]
    assert numbers == sorted(numbers)
    assert run_cli(mini_catalog, "validate").code == 0


def test_unreadable_or_unparseable_files_fail_cleanly(
    mini_catalog: Path, run_cli: Run, tmp_path: Path
) -> None:
    before = snapshot(mini_catalog)
    missing = run_cli(mini_catalog, "import", "bib", str(tmp_path / "missing.bib"))
    assert missing.code == 1
    assert missing.err == f"{tmp_path / 'missing.bib'}: cannot read: No such file or directory\n"
    latin1 = tmp_path / "latin1.bib"
    latin1.write_bytes("@article{k, title = {Caf\xe9}}".encode("latin-1"))
    not_utf8 = run_cli(mini_catalog, "import", "bib", str(latin1))
    assert not_utf8.code == 1
    assert "not UTF-8 text" in not_utf8.err
    notes = tmp_path / "notes.bib"
    notes.write_text("These are notes, not BibTeX.\n", encoding="utf-8")
    not_bibtex = run_cli(mini_catalog, "import", "bib", str(notes))
    assert not_bibtex.code == 1
    assert not_bibtex.err == f"{notes}: no BibTeX entries found\n"
    folder = run_cli(mini_catalog, "import", "bib", str(tmp_path))
    assert folder.code == 1
    assert folder.err == f"{tmp_path}: is a folder, not a file\n"
    assert "Traceback" not in missing.err + not_utf8.err + not_bibtex.err
    assert snapshot(mini_catalog) == before


def test_a_record_file_appearing_during_the_import_is_not_replaced(
    mini_catalog: Path, run_cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    def import_then_race(*args: Any) -> BibImportResult:
        result = import_bibtex(*args)
        # Someone else writes one of the records between reading the catalog and writing.
        write_record(mini_catalog, "ma2024segment.yaml", "# theirs\n")
        return result

    monkeypatch.setattr(exchange, "import_bibtex", import_then_race)
    result = run_cli(mini_catalog, "import", "bib", str(BIB / "zotero.bib"))
    assert result.code == 1
    assert result.err == (
        f"{BIB / 'zotero.bib'}:18: ma_segment_2024: papers/ma2024segment.yaml exists already\n"
    )
    assert (mini_catalog / "papers" / "ma2024segment.yaml").read_text() == "# theirs\n"
    assert not (mini_catalog / "papers" / "zhang2023biomedclip.yaml").exists()


def test_usage_errors_exit_2(mini_catalog: Path, run_cli: Run) -> None:
    assert run_cli(mini_catalog, "import").code == 2
    assert run_cli(mini_catalog, "import", "bib").code == 2
    assert run_cli(mini_catalog, "import", "endnote", "x.enl").code == 2


def test_import_into_a_broken_catalog_writes_nothing(mini_catalog: Path, run_cli: Run) -> None:
    write_record(mini_catalog, "broken.yaml", "id: broken\ntitle: Broken\n")
    before = snapshot(mini_catalog)
    result = run_cli(mini_catalog, "import", "bib", str(BIB / "zotero.bib"))
    assert result.code == 1
    assert "papers/broken.yaml" in result.err
    assert "nothing written" in result.err
    assert snapshot(mini_catalog) == before


# --- export ---------------------------------------------------------------------------------


def test_export_json_to_stdout(mini_catalog: Path, run_cli: Run) -> None:
    result = run_cli(mini_catalog, "export", "--format", "json")
    assert result.code == 0, result.err
    ids = [paper["id"] for paper in json.loads(result.out)["papers"]]
    assert ids == ["kim2024survey", "smith2024clip", "doe2023prompt", "lee2022asking"]


@pytest.mark.parametrize("fmt", ["bibtex", "csv", "json"])
def test_export_to_a_file_matches_stdout(
    mini_catalog: Path, run_cli: Run, tmp_path: Path, fmt: str
) -> None:
    target = tmp_path / f"papers.{fmt}"
    written = run_cli(mini_catalog, "export", "--format", fmt, "-o", str(target))
    assert written.code == 0, written.err
    assert written.out == f"{target}: 4 papers as {fmt}\n"
    printed = run_cli(mini_catalog, "export", "--format", fmt)
    assert target.read_text(encoding="utf-8") == printed.out


def test_exported_bibtex_and_csv_parse(mini_catalog: Path, run_cli: Run) -> None:
    bib = run_cli(mini_catalog, "export", "--format", "bibtex").out
    library = parse_string(bib)
    assert library.failed_blocks == []
    assert len(library.entries) == 4
    rows = list(csv.DictReader(io.StringIO(run_cli(mini_catalog, "export", "--format", "csv").out)))
    assert len(rows) == 4


def test_export_refuses_an_invalid_catalog(
    mini_catalog: Path, run_cli: Run, tmp_path: Path
) -> None:
    write_record(mini_catalog, "broken.yaml", "id: broken\ntitle: Broken\n")
    target = tmp_path / "papers.json"
    result = run_cli(mini_catalog, "export", "--format", "json", "-o", str(target))
    assert result.code == 1
    assert "papers/broken.yaml" in result.err
    assert not target.exists()


def test_export_usage_errors_exit_2(mini_catalog: Path, run_cli: Run) -> None:
    assert run_cli(mini_catalog, "export").code == 2
    assert run_cli(mini_catalog, "export", "--format", "xml").code == 2


# --- the `import` group ------------------------------------------------------------------


def test_import_offers_every_format() -> None:
    parser = argparse.ArgumentParser(prog="medvlm")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["import", "markdown", "list.md", "--source", "vlm-in-mia"])
    assert (args.file, args.source) == (Path("list.md"), "vlm-in-mia")
    args = parser.parse_args(["import", "bib", "refs.bib", "--dry-run"])
    assert args.dry_run is True
    assert args.handler.__name__ == "run_import_bib"


def test_export_into_a_missing_folder_is_an_error(mini_catalog: Path, run_cli: Run) -> None:
    target = mini_catalog / "no-such-folder" / "papers.json"
    result = run_cli(mini_catalog, "export", "--format", "json", "-o", str(target))
    assert result.code == 1
    assert "cannot write: No such file or directory" in result.err
    assert not target.parent.exists()
