"""The catalog: every record loaded and validated, cross-record checks, and grouping for output."""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path

from pydantic import ValidationError

from medvlm.identifiers import title_key
from medvlm.models import Paper, Taxonomy
from medvlm.problems import Problem, ProblemsError, from_validation_error
from medvlm.scope.decisions import ScopeDecisions, load_decisions, out_of_scope_records
from medvlm.taxonomy import load_taxonomy
from medvlm.yamlfile import KeyPath, load_yaml

PAPERS_DIR = "papers"
TAXONOMY_FILE = "taxonomy.yaml"


@dataclass
class Catalog:
    """Every valid record with the taxonomy; `problems` lists what was wrong in the files."""

    root: Path
    taxonomy: Taxonomy
    papers: list[Paper]
    problems: list[Problem] = field(default_factory=list)
    # The works a person decided in or out of scope (scope.yaml), checked with the records.
    decisions: ScopeDecisions = field(default_factory=lambda: ScopeDecisions([]))

    def by_id(self) -> dict[str, Paper]:
        return {paper.id: paper for paper in self.papers}

    def count(self, axis: str, term: str) -> int:
        return sum(1 for paper in self.papers if term in terms_of(paper, axis))


def terms_of(paper: Paper, axis: str) -> list[str]:
    """The terms a paper has on one axis."""
    if axis == "task":
        return paper.tasks
    if axis == "strategy":
        return paper.strategies
    if axis == "modality":
        return paper.modalities
    if axis == "dataset":
        return paper.datasets
    if axis == "kind":
        return [paper.kind]
    raise KeyError(axis)


def reading_order(papers: Iterable[Paper]) -> list[Paper]:
    """The catalog's one display order: newest first, then title, then id (for ties)."""
    return sorted(papers, key=lambda p: (-(p.year or 0), p.title.casefold(), p.id))


def record_display(path: Path) -> str:
    """A record's path as users see it in messages: relative to the catalog root."""
    return f"{PAPERS_DIR}/{path.name}"


@dataclass
class LoadedRecord:
    """A record file's outcome: the paper when valid, and its problems."""

    path: Path
    display: str
    paper: Paper | None
    problems: list[Problem]
    title_key: str = ""  # normalised title, for the duplicate check

    def line(self, key_path: KeyPath) -> int:
        """Line of a key, read again only when asked: most records never need one."""
        document, _ = load_yaml(self.path, self.display)
        return document.lines.get(key_path, 1) if document else 1


def load_record(path: Path, taxonomy: Taxonomy) -> LoadedRecord:
    """Read, parse and validate one record file; every problem is located."""
    display = record_display(path)
    document, problems = load_yaml(path, display)
    if document is None:
        return LoadedRecord(path, display, None, problems)
    try:
        paper = Paper.model_validate(document.data, context={"taxonomy": taxonomy})
    except ValidationError as error:
        found = from_validation_error(error, Paper, display, document.line_of)
        return LoadedRecord(path, display, None, found)
    if paper.id != path.stem:
        line = document.lines.get(("id",), 1)
        message = f"{paper.id!r} must equal the file name {path.stem!r}"
        return LoadedRecord(path, display, None, [Problem(display, line, "id", message)])
    return LoadedRecord(path, display, paper, [], title_key(paper.title))


# Read from valid records only (their paper is set).
_IDENTITY_KEYS: tuple[tuple[KeyPath, str, Callable[[LoadedRecord], str | None]], ...] = (
    (("id",), "id", attrgetter("paper.id")),
    (("ids", "doi"), "DOI", attrgetter("paper.ids.doi")),
    (("ids", "arxiv"), "arXiv id", attrgetter("paper.ids.arxiv")),
    (("title",), "title", attrgetter("title_key")),
)


def _duplicates(records: list[LoadedRecord]) -> list[Problem]:
    """One problem per record that repeats another's id, DOI, arXiv id or normalised title."""
    problems = []
    valid = [record for record in records if record.paper is not None]
    for key_path, label, value_of in _IDENTITY_KEYS:
        values = [value for value in map(value_of, valid) if value]
        if len(set(values)) == len(values):
            continue  # the common case, found without a loop in Python
        first: dict[str, LoadedRecord] = {}
        for record in valid:
            value = value_of(record)
            if not value:
                continue
            if value in first:
                line = record.line(key_path)
                message = f"same {label} as {first[value].display} (one paper, one record)"
                problems.append(
                    Problem(record.display, line, ".".join(map(str, key_path)), message)
                )
            else:
                first[value] = record
    return problems


def _record_paths(root: Path, problems: list[Problem]) -> list[Path]:
    """The record files in name order; other files in the folder are problems."""
    papers_dir = root / PAPERS_DIR
    if not papers_dir.is_dir():
        raise ProblemsError([Problem(PAPERS_DIR, 0, "", "records folder not found")])
    paths: list[Path] = []
    # iterdir makes the paths (three times faster than joining each name to the folder); a
    # folder is told apart (a stat call) only when not named like a record, and one that is
    # fails to read, reported as such.
    for name, path in sorted((path.name, path) for path in papers_dir.iterdir()):
        if name[0] == ".":
            continue
        if name.endswith(".yaml"):
            paths.append(path)
        elif not path.is_dir():
            problems.append(
                Problem(record_display(path), 0, "", "records are named papers/<id>.yaml")
            )
    return paths


def load_catalog(root: Path) -> Catalog:
    """Load taxonomy and records under `root`; problems are collected, never raised.

    Raises ProblemsError only when the taxonomy itself is unusable (nothing can be checked).
    """
    taxonomy = load_taxonomy(root / TAXONOMY_FILE, TAXONOMY_FILE)
    problems: list[Problem] = []
    paths = _record_paths(root, problems)
    # Loading creates many objects and no garbage cycles: the collector's passes would only
    # re-scan what is loaded (measured: a fifth of loading 10k records).
    collecting = gc.isenabled()
    gc.disable()
    try:
        records = [load_record(path, taxonomy) for path in paths]
    finally:
        if collecting:
            gc.enable()
    for record in records:
        problems.extend(record.problems)
    problems.extend(_duplicates(records))
    papers = [record.paper for record in records if record.paper is not None]
    decisions, scope_problems = load_decisions(root)
    by_id = {record.paper.id: record for record in records if record.paper is not None}
    problems += scope_problems + out_of_scope_records(
        decisions, papers, lambda p: (by_id[p.id].display, by_id[p.id].line(("title",)))
    )
    known = {paper.id for paper in papers}
    for source in taxonomy.sources:
        if source.review and source.review not in known:
            problems.append(
                Problem(
                    TAXONOMY_FILE, 0, f"sources.{source.id}.review", f"no record {source.review!r}"
                )
            )
    return Catalog(root, taxonomy, papers, sorted(problems), decisions)


def group_by_first_terms(papers: Iterable[Paper]) -> dict[str, dict[str, list[Paper]]]:
    """Papers under their first task, then their first strategy ('' when none), reading order."""
    groups: dict[str, dict[str, list[Paper]]] = defaultdict(lambda: defaultdict(list))
    for paper in papers:
        strategy = paper.strategies[0] if paper.strategies else ""
        groups[paper.primary_task][strategy].append(paper)
    return {
        task: {strategy: reading_order(items) for strategy, items in by_strategy.items()}
        for task, by_strategy in groups.items()
    }
