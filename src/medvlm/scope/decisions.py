"""`scope.yaml`: works a person judged in or out of the catalog's scope.

```yaml
decisions:
  - title: "EVA-CLIP: Improved Training Techniques for CLIP at Scale"
    ids: {arxiv: "2303.15389"}
    decision: out
    reason: "natural-image (or text-only) model: no medical images with text"
    evidence: [https://arxiv.org/abs/2303.15389]
```

A work is matched by arXiv id, DOI or title (`medvlm.workkeys`: the preprint and its
published version are one work). `out`: an import never creates it, and no record may be it
(`medvlm validate`); `in`: an import writes it although its words show no scope signal. The
file is optional; a broken one is reported with located problems, like a record.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, ValidationError

from medvlm.models import CleanText, HttpUrl, Ids, Paper, Strict, Title, empty_list
from medvlm.problems import Problem, from_validation_error
from medvlm.workkeys import KEY_NAMES, Key, work_keys
from medvlm.yamlfile import load_yaml

SCOPE_FILE = "scope.yaml"


class Decision(Strict):
    """One work judged in or out of scope, why, and where that was checked."""

    title: Title
    ids: Ids = Ids()
    decision: Literal["in", "out"]
    reason: CleanText
    evidence: Annotated[list[HttpUrl], Field(min_length=1)]

    def identity(self) -> list[Key]:
        return work_keys(self.title, self.ids.arxiv, self.ids.doi)


class ScopeFile(Strict):
    decisions: list[Decision] = empty_list()


@dataclass(frozen=True)
class Decided:
    """A decision and the line of `scope.yaml` it starts on."""

    decision: Decision
    line: int


@dataclass
class ScopeDecisions:
    """Every decision of a catalog, looked up by a work's keys."""

    decided: list[Decided]

    def __post_init__(self) -> None:
        self._by_key: dict[Key, Decided] = {}
        for entry in self.decided:
            for key in entry.decision.identity():
                self._by_key.setdefault(key, entry)

    def find(self, keys: Iterable[Key]) -> Decided | None:
        """The decision about the work with these keys, if any."""
        return next((self._by_key[key] for key in keys if key in self._by_key), None)


def load_decisions(root: Path) -> tuple[ScopeDecisions, list[Problem]]:
    """The decisions of the catalog at `root` (none when it has no scope.yaml), and every
    problem of the file, located."""
    path = root / SCOPE_FILE
    if not path.exists():
        return ScopeDecisions([]), []
    doc, problems = load_yaml(path, SCOPE_FILE)
    if doc is None:
        return ScopeDecisions([]), problems
    try:
        parsed = ScopeFile.model_validate(doc.data)
    except ValidationError as error:
        return ScopeDecisions([]), from_validation_error(error, ScopeFile, SCOPE_FILE, doc.line_of)
    decided = [
        Decided(decision, doc.line_of(("decisions", index)))
        for index, decision in enumerate(parsed.decisions)
    ]
    return ScopeDecisions(decided), _repeated(decided)


def _repeated(decided: Sequence[Decided]) -> list[Problem]:
    """One problem per decision about a work an earlier decision is about."""
    problems = []
    first: dict[Key, Decided] = {}
    for index, entry in enumerate(decided):
        for key in entry.decision.identity():
            earlier = first.setdefault(key, entry)
            if earlier is not entry:
                message = (
                    f"same {KEY_NAMES[key[0]]} as the decision on line {earlier.line} "
                    "(one work, one decision)"
                )
                problems.append(Problem(SCOPE_FILE, entry.line, f"decisions.{index}", message))
                break
    return problems


def out_of_scope_records(
    decisions: ScopeDecisions,
    papers: Iterable[Paper],
    locate: Callable[[Paper], tuple[str, int]],
) -> list[Problem]:
    """One problem per record that a decision says is out of scope, located by
    `locate(paper)` (the record's file and title line)."""
    problems: list[Problem] = []
    if not decisions.decided:
        return problems
    for paper in papers:
        found = decisions.find(work_keys(paper.title, paper.ids.arxiv, paper.ids.doi))
        if found is None or found.decision.decision != "out":
            continue
        path, line = locate(paper)
        problems.append(Problem(path, line, "title", out_of_scope_message(found)))
    return problems


def out_of_scope_message(found: Decided) -> str:
    """What is wrong with a record of a work decided out (`found`)."""
    return (
        f"{SCOPE_FILE}:{found.line} decides this work is out of scope "
        f"({found.decision.reason}): remove the record, or change the decision"
    )


def decision_text(decision: Decision, comment: str | None = None) -> str:
    """A decision as an entry of scope.yaml's `decisions:` list, in the file's own style."""
    lines = [f"  # {comment}"] if comment else []
    lines.append(f"  - title: {json.dumps(decision.title, ensure_ascii=False)}")
    ids = {
        name: value
        for name, value in (("arxiv", decision.ids.arxiv), ("doi", decision.ids.doi))
        if value
    }
    if ids:
        inner = ", ".join(f"{name}: {json.dumps(value)}" for name, value in ids.items())
        lines.append(f"    ids: {{{inner}}}")
    lines.append(f"    decision: {decision.decision}")
    lines.append(f"    reason: {json.dumps(decision.reason, ensure_ascii=False)}")
    # Quoted: a URL's "?", "," or "#" would otherwise break or split the flow list.
    lines.append(f"    evidence: [{', '.join(json.dumps(url) for url in decision.evidence)}]")
    return "\n".join(lines) + "\n"


def with_decisions(text: str, entries: Sequence[str]) -> str:
    """scope.yaml's text with decision entries appended (a new file when `text` is empty)."""
    if not text.strip():
        text = "decisions:\n"
    return text.rstrip("\n") + "\n" + "".join(entries)
