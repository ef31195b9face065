"""scope.yaml (medvlm.scope.decisions): decisions found by a work's ids or title, every
mistake in the file a located problem, and `medvlm validate` failing on a record that a
decision says is out of scope."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from medvlm.scope.decisions import (
    Decision,
    ScopeFile,
    decision_text,
    load_decisions,
    with_decisions,
)
from medvlm.workkeys import work_keys
from tests.helpers import REPO, Run, write_record

DECISIONS = """\
decisions:
  - title: "EVA-CLIP: Improved Training Techniques for CLIP at Scale"
    ids: {arxiv: "2303.15389"}
    decision: out
    reason: "natural-image model: no medical images with text"
    evidence: [https://arxiv.org/abs/2303.15389]
  - title: Registration of Scans Guided by Text Prompts
    ids: {doi: 10.1109/TMI.2024.0000001}
    decision: in
    reason: registers medical images guided by text
    evidence: [https://doi.org/10.1109/TMI.2024.0000001]
"""


def write_scope(root: Path, text: str) -> None:
    (root / "scope.yaml").write_text(text, encoding="utf-8")


def test_decisions_are_found_by_arxiv_id_doi_or_title(tmp_path: Path) -> None:
    write_scope(tmp_path, DECISIONS)
    decisions, problems = load_decisions(tmp_path)
    assert problems == []
    by_arxiv = decisions.find(work_keys(None, "2303.15389", None))
    assert by_arxiv is not None and (by_arxiv.decision.decision, by_arxiv.line) == ("out", 2)
    # The published version of a preprint: same title, another id.
    by_title = decisions.find(
        work_keys("EVA-CLIP: improved training techniques for CLIP at scale.", None, "10.1/x")
    )
    assert by_title is by_arxiv
    by_doi = decisions.find(work_keys(None, None, "10.1109/tmi.2024.0000001"))
    assert by_doi is not None and by_doi.decision.decision == "in"
    assert decisions.find(work_keys("Another Paper", "2401.00001", None)) is None


def test_no_file_is_no_decision(tmp_path: Path) -> None:
    decisions, problems = load_decisions(tmp_path)
    assert (decisions.decided, problems) == ([], [])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "decisions:\n  - title: A Work\n    decision: maybe\n    reason: r\n"
            "    evidence: [https://example.org/a]\n",
            ["scope.yaml:3: decisions.0.decision: input should be 'in' or 'out', got 'maybe'"],
        ),
        (
            "decisions:\n  - title: A Work\n    decision: out\n    reason: r\n    evidence: []\n",
            ["scope.yaml:5: decisions.0.evidence: list should have at least 1 item"],
        ),
        (
            "decisions:\n  - title: A Work\n    decision: out\n    reason: r\n"
            "    evidence: [ftp://example.org/a]\n    note: x\n",
            [
                "scope.yaml:5: decisions.0.evidence.0: must be an http(s) URL, "
                "got 'ftp://example.org/a'",
                "scope.yaml:6: decisions.0.note: unknown field",
            ],
        ),
        (
            "decisions:\n  - title: A Work\n    ids: {arxiv: 2303.1538}\n    decision: out\n"
            "    reason: r\n    evidence: [https://example.org/a]\n",
            [
                "scope.yaml:3: decisions.0.ids.arxiv: must be a quoted string such as "
                '"2403.04290", got the number 2303.1538'
            ],
        ),
        ("decisions: [\n", ["scope.yaml:2: YAML syntax error"]),
    ],
)
def test_mistakes_are_located(tmp_path: Path, text: str, expected: list[str]) -> None:
    write_scope(tmp_path, text)
    decisions, problems = load_decisions(tmp_path)
    assert decisions.decided == []
    shown = [str(problem) for problem in problems]
    assert len(shown) == len(expected)
    for line, start in zip(shown, expected, strict=True):
        assert line.startswith(start), line


def test_one_work_one_decision(tmp_path: Path) -> None:
    repeated = DECISIONS + (
        "  - title: EVA-CLIP Improved Training Techniques for CLIP at Scale\n"
        "    decision: in\n    reason: r\n    evidence: [https://example.org/a]\n"
    )
    write_scope(tmp_path, repeated)
    _, problems = load_decisions(tmp_path)
    assert [str(problem) for problem in problems] == [
        "scope.yaml:12: decisions.2: same title as the decision on line 2 (one work, one decision)"
    ]


def test_validate_fails_on_a_record_decided_out(mini_catalog: Path, run_cli: Run) -> None:
    write_scope(mini_catalog, DECISIONS)
    assert run_cli(mini_catalog, "validate").code == 0
    write_record(
        mini_catalog,
        "eva2023.yaml",
        "id: eva2023\ntitle: 'EVA-CLIP: Improved Training Techniques for CLIP at Scale'\n"
        "kind: method\ntasks: [other]\n",
    )
    result = run_cli(mini_catalog, "validate")
    assert result.code == 1
    assert result.err.splitlines()[0] == (
        "papers/eva2023.yaml:2: title: scope.yaml:2 decides this work is out of scope "
        "(natural-image model: no medical images with text): remove the record, or change "
        "the decision"
    )


def test_validate_reports_a_broken_scope_file(mini_catalog: Path, run_cli: Run) -> None:
    write_scope(mini_catalog, "decisions:\n  - title: A Work\n")
    result = run_cli(mini_catalog, "validate")
    assert result.code == 1
    assert "scope.yaml:2: decisions.0.decision: required field is missing" in result.err
    assert "Traceback" not in result.err


def test_the_committed_decisions_are_valid_and_cite_their_evidence() -> None:
    decisions, problems = load_decisions(REPO)
    assert problems == []
    removed = {entry.decision.title for entry in decisions.decided}
    assert "GPT-4 Technical Report" in removed
    assert all(entry.decision.evidence for entry in decisions.decided)


def test_a_decision_written_as_text_reads_back_the_same() -> None:
    decision = Decision(
        title='A "quoted" title: with colon',
        ids={"arxiv": "2401.00001"},
        decision="out",
        reason="text-only: no images",
        evidence=["https://arxiv.org/abs/2401.00001", "https://openreview.net/forum?id=a,b#c"],
    )
    text = with_decisions("", [decision_text(decision, comment="was papers/x.yaml")])
    assert ScopeFile.model_validate(yaml.safe_load(text)).decisions == [decision]
    again = with_decisions(text, [decision_text(decision)])
    assert len(yaml.safe_load(again)["decisions"]) == 2
