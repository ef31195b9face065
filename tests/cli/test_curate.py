"""`medvlm curate FILE`: curated records replace what the records held; bad batches write nothing."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
import yaml

from tests.helpers import Run

CURATED = """\
records:
  - id: doe2023prompt
    title: "Prompt Learning for Chest X-ray Segmentation"
    authors: [John Doe, Mary Major]
    year: 2024
    venue: MICCAI
    kind: method
    ids: {arxiv: "2401.09999"}
    links: {paper: "https://arxiv.org/abs/2401.09999"}
    tasks: [segmentation]
    strategies: [prompt-learning]
    modalities: [xray]
    datasets: [mimic-cxr]
    summary: Learns text prompts that steer a segmentation model on chest X-rays.
    evidence: [https://arxiv.org/abs/2401.09999]
    reviewed: true
    notes: the journal DOI in the old record was not confirmed
remove:
  - id: lee2022asking
    reason: not a paper
    evidence: [https://example.org/lee]
"""


def write_batch(root: Path, text: str) -> Path:
    path = root / "batch.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def record(root: Path, record_id: str) -> dict[str, object]:
    data: dict[str, object] = yaml.safe_load((root / "papers" / f"{record_id}.yaml").read_text())
    return data


def snapshot(root: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted((root / "papers").iterdir())}


def test_a_batch_replaces_the_records_fields_and_removes_records(
    mini_catalog: Path, run_cli: Run
) -> None:
    before = record(mini_catalog, "doe2023prompt")
    removed_title = record(mini_catalog, "lee2022asking")["title"]
    result = run_cli(mini_catalog, "curate", str(write_batch(mini_catalog, CURATED)))
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "removed lee2022asking: not a paper",
        "1 records curated, 0 added, 1 removed",
    ]
    after = record(mini_catalog, "doe2023prompt")
    # The batch's fields win; a field it leaves out (the unconfirmed DOI) is emptied; the
    # record's id and added date stay; the curator's notes are not written.
    assert after["authors"] == ["John Doe", "Mary Major"]
    assert after["ids"] == {"arxiv": "2401.09999"}
    assert after["added"] == before["added"]
    assert after["evidence"] == ["https://arxiv.org/abs/2401.09999"]
    assert "notes" not in after
    assert not (mini_catalog / "papers" / "lee2022asking.yaml").exists()
    # The removal is a scope decision, so that importing a list again never brings it back.
    decisions = yaml.safe_load((mini_catalog / "scope.yaml").read_text())["decisions"]
    assert [(d["title"], d["decision"], d["reason"]) for d in decisions] == [
        (removed_title, "out", "not a paper")
    ]
    assert run_cli(mini_catalog, "validate").code == 0


def test_check_writes_nothing(mini_catalog: Path, run_cli: Run) -> None:
    before = snapshot(mini_catalog)
    result = run_cli(mini_catalog, "curate", str(write_batch(mini_catalog, CURATED)), "--check")
    assert result.code == 0, result.err
    assert result.out == "1 records and 1 removals would be applied\n"
    assert snapshot(mini_catalog) == before


def test_every_problem_is_located_and_nothing_is_written(mini_catalog: Path, run_cli: Run) -> None:
    bad = (
        CURATED.replace("datasets: [mimic-cxr]", "datasets: [mimic-cx]")
        .replace("    evidence: [https://arxiv.org/abs/2401.09999]\n", "")
        .replace("    notes:", "    note:")
        + "  - id: nobody2020\n    reason: gone\n    evidence: [https://example.org]\n"
        + "  - id: smith2024clip\n    reason: dup\n    evidence: [not-a-url]\n"
    )
    before = snapshot(mini_catalog)
    path = write_batch(mini_catalog, bad)
    result = run_cli(mini_catalog, "curate", str(path))
    assert result.code == 1
    assert "Traceback" not in result.err
    assert result.err.splitlines() == [
        f"{path}:2: records.0.id: no evidence: a curated record lists the pages its facts are from",
        f"{path}:13: records.0.datasets: unknown dataset 'mimic-cx' (did you mean 'mimic-cxr'?)",
        f"{path}:16: records.0.note: unknown field (did you mean 'notes'?)",
        f"{path}:21: remove.1.id: no record papers/nobody2020.yaml",
        f"{path}:26: remove.2.evidence.0: must be an http(s) URL, got 'not-a-url'",
        "5 problems found; nothing written",
    ]
    assert snapshot(mini_catalog) == before


def test_a_curated_record_may_not_take_another_records_identity(
    mini_catalog: Path, run_cli: Run
) -> None:
    clash = CURATED.replace('"2401.09999"', '"2401.01234"')  # smith2024clip's arXiv id
    path = write_batch(mini_catalog, clash)
    result = run_cli(mini_catalog, "curate", str(path))
    assert result.code == 1
    assert result.err.splitlines()[0] == (
        f"{path}:2: records.0.ids.arxiv: same arXiv id as papers/smith2024clip.yaml"
    )


NEW = """\
records:
  - title: "Grounded Report Generation for Chest X-rays"
    authors: [Ana Ortiz, Bo Li]
    year: 2025
    venue: MICCAI
    ids: {arxiv: "2501.00001"}
    tasks: [vqa]
    modalities: [xray]
    summary: Writes reports whose sentences point at boxes on the image.
    evidence: [https://github.com/example/grounded/blob/abc/README.md]
    sources: [list-a]
    reviewed: true
"""


def test_an_entry_without_id_adds_a_record_named_by_the_id_rule(
    mini_catalog: Path, run_cli: Run
) -> None:
    result = run_cli(mini_catalog, "curate", str(write_batch(mini_catalog, NEW)))
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "added ortiz2025grounded",
        "0 records curated, 1 added, 0 removed",
    ]
    added = record(mini_catalog, "ortiz2025grounded")
    assert added["sources"] == ["list-a"]
    assert added["evidence"] == ["https://github.com/example/grounded/blob/abc/README.md"]
    assert "added" in added
    assert run_cli(mini_catalog, "validate").code == 0
    # The same paper again is a duplicate of the record just added.
    again = run_cli(mini_catalog, "curate", str(write_batch(mini_catalog, NEW)))
    assert again.code == 1
    assert "same title as papers/ortiz2025grounded.yaml" in again.err


def test_a_batch_does_not_set_an_existing_records_provenance(
    mini_catalog: Path, run_cli: Run
) -> None:
    path = write_batch(
        mini_catalog,
        CURATED.replace("    reviewed: true\n", "    reviewed: true\n    sources: [list-a]\n", 1),
    )
    result = run_cli(mini_catalog, "curate", str(path))
    assert result.code == 1
    assert (
        f"{path}:17: records.0.sources: kept from the record; a batch does not set it" in result.err
    )


def test_a_removed_record_decided_in_scope_is_refused_before_anything_is_written(
    mini_catalog: Path, run_cli: Run
) -> None:
    # Its `out` decision would be a second decision about one work: scope.yaml broken.
    title = record(mini_catalog, "lee2022asking")["title"]
    scope = (
        f"decisions:\n  - title: {title!r}\n    decision: in\n    reason: checked\n"
        "    evidence: [https://example.org/lee]\n"
    )
    (mini_catalog / "scope.yaml").write_text(scope, encoding="utf-8")
    before = snapshot(mini_catalog)
    path = write_batch(mini_catalog, CURATED)
    result = run_cli(mini_catalog, "curate", str(path))
    assert result.code == 1
    assert result.err.splitlines() == [
        f"{path}:19: remove.0.id: scope.yaml:2 decides this work is in scope: to remove the "
        "record, change that decision to out and delete it",
        "1 problem found; nothing written",
    ]
    assert snapshot(mini_catalog) == before
    assert (mini_catalog / "scope.yaml").read_text(encoding="utf-8") == scope


def test_a_new_record_decided_out_of_scope_is_refused(mini_catalog: Path, run_cli: Run) -> None:
    scope = (
        'decisions:\n  - title: "Grounded Report Generation for Chest X-rays"\n'
        "    decision: out\n    reason: not a paper\n    evidence: [https://example.org/g]\n"
    )
    (mini_catalog / "scope.yaml").write_text(scope, encoding="utf-8")
    path = write_batch(mini_catalog, NEW)
    result = run_cli(mini_catalog, "curate", str(path))
    assert result.code == 1
    assert result.err.splitlines()[0] == (
        f"{path}:2: records.0.title: scope.yaml:2 decides this work is out of scope (not a "
        "paper): remove the record, or change the decision"
    )
    assert not (mini_catalog / "papers" / "ortiz2025grounded.yaml").exists()


def test_a_record_that_cannot_be_written_is_a_problem_and_scope_yaml_is_untouched(
    mini_catalog: Path, run_cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(root: Path, paper: object) -> Path:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("medvlm.cli.curate.write_record", full_disk)
    result = run_cli(mini_catalog, "curate", str(write_batch(mini_catalog, CURATED)))
    assert result.code == 1
    assert result.err == "papers/doe2023prompt.yaml: cannot write: No space left on device\n"
    # The removal's decision is not written while the record it removes is still there.
    assert not (mini_catalog / "scope.yaml").exists()
    assert (mini_catalog / "papers" / "lee2022asking.yaml").exists()
    assert run_cli(mini_catalog, "validate").code == 0
