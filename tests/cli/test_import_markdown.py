"""`medvlm import markdown FILE --source NAME`: end to end on a small catalog, in-process."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
import yaml

from medvlm.links import venuetables
from tests.helpers import DATA, REPO, Run

MARKDOWN = DATA / "markdown"
SEED = MARKDOWN / "seed.md"
SECOND = MARKDOWN / "seed-second.md"


@pytest.fixture
def run(run_cli: Run) -> Run:
    return run_cli


# Decisions about two rows of seed.md whose titles show no medical images with language.
SCOPE = """\
decisions:
  - title: "Harnessing the potential of large language models in medical education: promise and pitfalls"
    decision: out
    reason: "text-only language models in medical education: no medical images"
    evidence: [https://doi.org/10.1093/jamia/ocad252]
  - title: Spatially Covariant Image Registration with Text Prompts
    decision: in
    reason: "registers medical images guided by text prompts"
    evidence: [https://ieeexplore.ieee.org/document/10684804]
"""


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    """The real taxonomy, the two review records its sources name, and scope decisions."""
    root = tmp_path / "catalog"
    (root / "papers").mkdir(parents=True)
    shutil.copy(REPO / "taxonomy.yaml", root / "taxonomy.yaml")
    for name in ("lin2025taming.yaml", "li2025vision.yaml"):
        shutil.copy(REPO / "papers" / name, root / "papers" / name)
    (root / "scope.yaml").write_text(SCOPE, encoding="utf-8")
    return root


def digests(root: Path) -> dict[str, str]:
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted((root / "papers").glob("*.yaml"))
    }


def load(root: Path, name: str) -> dict[str, object]:
    data = yaml.safe_load((root / "papers" / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_dry_run_reports_and_writes_nothing(run: Run, catalog: Path) -> None:
    before = digests(catalog)
    result = run(
        catalog, "import", "markdown", str(SEED), "--source", "awesome-vlm-for-mia", "--dry-run"
    )
    assert result.code == 0, result.err
    assert digests(catalog) == before
    out = result.out
    assert f"{SEED}: 17 rows read (17 table rows) from list awesome-vlm-for-mia" in out
    assert "records would be created: 12" in out
    assert "papers not written (scope): 3 undecided, 1 out of scope by scope.yaml" in out
    assert "expiring links: 1 repaired (stable page kept), 1 dropped" in out
    # No year: three IEEE Xplore pages (their URLs say nothing).
    assert (
        "records of this list: 12; with year 9 (75%), venue 9 (75%), arXiv id 6 (50%), "
        "DOI 0 (0%), code link 0 (0%)" in out
    )
    assert "rows skipped: 0\n" in out
    assert f"{SEED}:9: GPT 4V: no paper title: the model name is kept as title" in out
    assert f"rows whose model name is kept as title: 2\n  {SEED}:8: OpenCLIP" in out
    assert f"rows sent to task other: 1\n  {SEED}:46: A Gentle Introduction" in out
    assert "signed download URL that expires" in out
    # The scope rule: a decision excludes one row, admits another that shows no signal
    # ("Spatially Covariant Image Registration with Text Prompts"); the natural-domain models
    # of the list's model table, and the rows giving only a model's name, wait for one.
    assert (
        f"papers out of scope by scope.yaml: 1\n  {SEED}:27: 'Harnessing the potential of large "
        "language models in medical education: promise and pitfalls' (no ids): scope.yaml:2: "
        "out of scope: text-only language models in medical education: no medical images\n"
    ) in out
    assert (
        "papers to decide (no medical-image and language words; add each to scope.yaml with "
        f"decision in or out, a reason and evidence): 3\n  {SEED}:6: 'Learning Transferable "
        "Visual Models From Natural Language Supervision' (no ids): no medical-image word in "
        "the title (the list marks it natural-domain)\n"
    ) in out
    assert (
        f"{SEED}:8: 'OpenCLIP' (DOI 10.5281/zenodo.5143773): no paper title in the list, "
        "only the name 'OpenCLIP'"
    ) in out


def test_import_writes_valid_records(run: Run, catalog: Path) -> None:
    result = run(
        catalog, "import", "markdown", str(SEED), "--source", "awesome-vlm-for-mia",
        "--added", "2026-11-22",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert "records created: 12" in result.out
    assert len(digests(catalog)) == 14
    kiut = load(catalog, "kiut2023.yaml")
    assert kiut["title"] == "KiUT: Knowledge-Injected U-Transformer for Radiology Report Generation"
    assert kiut["tasks"] == ["report-generation", "vqa"]
    assert kiut["reviewed"] is False
    assert str(kiut["added"]) == "2026-11-22"
    text = (catalog / "papers" / "kiut2023.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/paper.schema.json\n")
    validated = run(catalog, "validate")
    assert validated.code == 0, validated.err
    assert "14 records valid" in validated.out
    assert any("Spatially Covariant" in load(catalog, name)["title"] for name in digests(catalog))


def test_second_run_changes_no_byte(run: Run, catalog: Path) -> None:
    for path, source in ((SEED, "awesome-vlm-for-mia"), (SECOND, "vlm-in-mia")):
        assert run(catalog, "import", "markdown", str(path), "--source", source).code == 0
    before = digests(catalog)
    for path, source in ((SEED, "awesome-vlm-for-mia"), (SECOND, "vlm-in-mia")):
        again = run(catalog, "import", "markdown", str(path), "--source", source)
        assert again.code == 0, again.err
        assert "records created: 0" in again.out
        assert "matched, 0 changed" in again.out
    assert digests(catalog) == before


def test_second_list_completes_the_records_of_the_first(run: Run, catalog: Path) -> None:
    run(catalog, "import", "markdown", str(SEED), "--source", "awesome-vlm-for-mia")
    result = run(catalog, "import", "markdown", str(SECOND), "--source", "vlm-in-mia")
    assert result.code == 0, result.err
    assert "records created: 2" in result.out  # the copied row and the lesion detector
    vqa = load(catalog, "open2023.yaml")
    assert vqa["venue"] == "MICCAI"
    assert vqa["sources"] == ["awesome-vlm-for-mia", "vlm-in-mia"]
    assert vqa["ids"] == {"arxiv": "2303.05977", "doi": "10.1007/978-3-031-43904-9_70"}
    assert f"{SECOND}:8: Diffusion-based data augmentation" in result.out


def test_reviewed_record_keeps_what_a_person_wrote(run: Run, catalog: Path) -> None:
    hand = (
        "id: sonsbeek2023open\n"
        "title: Open-Ended Medical VQA Through Prefix Tuning (title as a person wrote it)\n"
        "kind: method\n"
        "ids:\n  arxiv: '2303.05977'\n"
        "tasks: [vqa, classification]\n"
        "reviewed: true\n"
    )
    (catalog / "papers" / "sonsbeek2023open.yaml").write_text(hand, encoding="utf-8")
    result = run(catalog, "import", "markdown", str(SEED), "--source", "awesome-vlm-for-mia")
    assert result.code == 0, result.err
    merged = load(catalog, "sonsbeek2023open.yaml")
    assert (
        merged["title"]
        == "Open-Ended Medical VQA Through Prefix Tuning (title as a person wrote it)"
    )
    assert merged["tasks"] == ["vqa", "classification"]
    assert (merged["year"], merged["venue"]) == (2023, "arXiv")
    assert merged["sources"] == ["awesome-vlm-for-mia"]
    assert "strategies" not in merged
    assert "records already in the catalog: 1 matched, 1 changed" in result.out


def test_unknown_source_is_a_usage_error(run: Run, catalog: Path) -> None:
    before = digests(catalog)
    result = run(catalog, "import", "markdown", str(SEED), "--source", "my-list")
    assert result.code == 2
    assert (
        "argument --source: unknown source 'my-list'; known sources: awesome-vlm-for-mia, "
        "vlm-in-mia" in result.err
    )
    assert digests(catalog) == before


def test_source_is_required(run: Run, catalog: Path) -> None:
    result = run(catalog, "import", "markdown", str(SEED))
    assert result.code == 2
    assert "--source" in result.err


def test_missing_file(run: Run, catalog: Path, tmp_path: Path) -> None:
    missing = tmp_path / "nope.md"
    result = run(catalog, "import", "markdown", str(missing), "--source", "vlm-in-mia")
    assert result.code == 1
    assert result.err.strip() == f"{missing}: cannot read: No such file or directory"


def test_file_without_papers(run: Run, catalog: Path, tmp_path: Path) -> None:
    prose = tmp_path / "prose.md"
    prose.write_text("# Notes\n\nNo list here.\n", encoding="utf-8")
    result = run(catalog, "import", "markdown", str(prose), "--source", "vlm-in-mia")
    assert result.code == 1
    assert "no papers found" in result.err


def test_broken_catalog_is_not_imported_into(run: Run, catalog: Path) -> None:
    (catalog / "papers" / "broken.yaml").write_text("id: broken\ntitle: [\n", encoding="utf-8")
    result = run(catalog, "import", "markdown", str(SEED), "--source", "vlm-in-mia")
    assert result.code == 1
    assert "fix the catalog before importing; nothing written" in result.err
    assert len(digests(catalog)) == 3


def test_bad_added_date(run: Run, catalog: Path) -> None:
    result = run(
        catalog, "import", "markdown", str(SEED), "--source", "vlm-in-mia", "--added", "22/11/2026"
    )
    assert result.code == 2
    assert "not a date: '22/11/2026' (expected YYYY-MM-DD)" in result.err


def test_broken_venue_tables_are_a_located_error(
    run: Run, catalog: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tables = tmp_path / "venues.yaml"
    shipped = venuetables.VENUES_FILE.read_text(encoding="utf-8")
    tables.write_text(shipped.replace("acl_events:", "acl_event:"), encoding="utf-8")
    monkeypatch.setattr(venuetables, "VENUES_FILE", tables)
    venuetables.venue_tables.cache_clear()
    try:
        before = digests(catalog)
        result = run(catalog, "import", "markdown", str(SEED), "--source", "vlm-in-mia")
    finally:
        venuetables.venue_tables.cache_clear()  # the next test reads the shipped tables
    assert result.code == 1
    assert f"{tables}:1: acl_events: required field is missing" in result.err
    assert "Traceback" not in result.err
    assert digests(catalog) == before
