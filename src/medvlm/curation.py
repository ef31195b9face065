"""Curated facts applied to records: what `medvlm curate FILE` checks and writes. No I/O.

A curation batch (YAML) holds, under `records:`, the whole curated state of each record it
names: every field a source confirmed, and in `evidence` the pages those facts were read on.
Applying it replaces the record's fields with the batch's, keeping only the record's id, its
provenance (`sources`) and its `added` date: a field the batch leaves out was not confirmed,
and stays empty rather than keeping a value no source showed. An entry without an `id` is a
new paper: it becomes a record named by the id rule (first author, year, first title word),
with the `sources` (lists that include it) the entry gives and today as `added`. `notes` (the
curator's remarks) are never written. Under `remove:`, records that are not papers or are out
of scope, each with a `reason` and the `evidence` read. The batch is checked whole before
anything is written, against the catalog and its scope decisions (`scope.yaml`): no record
may be a work decided out, and a removed record, which becomes an `out` decision, may not be
a work already decided in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import TypeAdapter, ValidationError

from medvlm.catalog import Catalog
from medvlm.identifiers import make_record_id
from medvlm.models import HttpUrl, Paper
from medvlm.problems import Problem, from_validation_error
from medvlm.scope.decisions import SCOPE_FILE, Decided, out_of_scope_message
from medvlm.text import did_you_mean
from medvlm.workkeys import KEY_NAMES, Key, identity_keys, work_keys
from medvlm.yamlfile import KeyPath, YamlDocument

KEPT = ("id", "sources", "added")
CURATED = tuple(name for name in Paper.model_fields if name not in KEPT)
REMARKS = ("notes",)
_SECTIONS = ("records", "remove")
_URLS = TypeAdapter(list[HttpUrl])
# The record field each identity key is read from.
_KEY_FIELDS = {"arxiv": "ids.arxiv", "doi": "ids.doi", "title": "title"}


@dataclass(frozen=True)
class Removal:
    """A record to delete, and why."""

    id: str
    reason: str
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class CurationPlan:
    """What applying a batch would write and delete; empty lists when it has problems."""

    papers: list[Paper]
    removals: list[Removal]
    problems: list[Problem]


def curated_data(existing: Paper | Mapping[str, Any], entry: Mapping[str, Any]) -> dict[str, Any]:
    """The record's data once the entry is applied: the entry's fields, with the record's id,
    sources and added date (for a new paper: the mapping of those that stands in for it)."""
    kept = existing.to_data() if isinstance(existing, Paper) else existing
    data: dict[str, Any] = {key: value for key, value in kept.items() if key in KEPT}
    for key, value in entry.items():
        if key in CURATED and value not in (None, "", [], {}):
            data[key] = value
    return data


class _Located:
    """Problems of one batch file, located by key path."""

    def __init__(self, document: YamlDocument, display: str) -> None:
        self.document = document
        self.display = display
        self.problems: list[Problem] = []

    def add(self, path: KeyPath, message: str) -> None:
        field = ".".join(str(part) for part in path)
        self.problems.append(Problem(self.display, self.document.line_of(path), field, message))

    def line_of(self, prefix: KeyPath) -> Callable[[KeyPath], int]:
        return lambda path: self.document.line_of((*prefix, *path))


def _entries(found: _Located, section: str) -> list[tuple[int, dict[str, Any]]]:
    value = found.document.data.get(section) or []
    if not isinstance(value, list):
        found.add((section,), "must be a list")
        return []
    entries = []
    for index, entry in enumerate(value):
        if not isinstance(entry, dict) or not isinstance(entry.get("id", ""), str):
            found.add((section, index), "must be a mapping (with a text `id`)")
        elif section == "remove" and "id" not in entry:
            found.add((section, index), "must name the record to remove by its `id`")
        else:
            entries.append((index, entry))
    return entries


def _new_identity(entry: Mapping[str, Any], taken: set[str], added: dt.date) -> dict[str, Any]:
    """What stands in for a new paper's record: an id by the id rule, its sources, the date."""
    title = entry.get("title") if isinstance(entry.get("title"), str) else "paper"
    year = entry.get("year") if isinstance(entry.get("year"), int) else None
    authors = entry.get("authors") if isinstance(entry.get("authors"), list) else None
    authors = [str(author) for author in authors or []] or None
    record_id = make_record_id(str(title), year, authors, taken)
    taken.add(record_id)
    return {"id": record_id, "sources": entry.get("sources") or [], "added": added}


def _check_record(
    found: _Located,
    index: int,
    entry: dict[str, Any],
    catalog: Catalog,
    existing: Paper | Mapping[str, Any],
) -> Paper | None:
    where: KeyPath = ("records", index)
    known = (
        (*KEPT, *CURATED, *REMARKS)
        if isinstance(existing, Paper)
        else ("sources", *CURATED, *REMARKS)
    )
    for key in entry:
        if key not in known:
            found.add((*where, key), "unknown field" + did_you_mean(str(key), known))
        elif key in KEPT and key != "id" and isinstance(existing, Paper):
            found.add((*where, key), "kept from the record; a batch does not set it")
    if not entry.get("evidence"):
        found.add(
            (*where, "id"), "no evidence: a curated record lists the pages its facts are from"
        )
    try:
        return Paper.model_validate(
            curated_data(existing, entry), context={"taxonomy": catalog.taxonomy}
        )
    except ValidationError as error:
        located = from_validation_error(error, Paper, found.display, found.line_of(where))
        for problem in located:
            field = ".".join(str(part) for part in where) + "." + problem.field
            found.problems.append(Problem(problem.path, problem.line, field, problem.message))
    return None


def _check_removal(found: _Located, index: int, entry: dict[str, Any]) -> Removal | None:
    where: KeyPath = ("remove", index)
    reason = entry.get("reason")
    evidence = entry.get("evidence")
    if not isinstance(reason, str) or not reason.strip():
        found.add((*where, "reason"), "say why the record is removed")
        return None
    if not isinstance(evidence, list) or not evidence:
        found.add((*where, "evidence"), "list the pages read to decide")
        return None
    try:
        urls = _URLS.validate_python(evidence)
    except ValidationError as error:
        for detail in error.errors(include_url=False):
            position = detail["loc"][0]
            found.add(
                (*where, "evidence", position),
                f"must be an http(s) URL, got {evidence[int(position)]!r}",
            )
        return None
    return Removal(entry["id"], reason.strip(), tuple(urls))


def plan_curation(
    document: YamlDocument,
    display: str,
    catalog: Catalog,
    today: dt.date,
) -> CurationPlan:
    """Check a batch against the catalog and its scope decisions; what applying it would
    write and delete (new records are added on `today`)."""
    found = _Located(document, display)
    if not isinstance(document.data, dict):
        found.add((), "must be a mapping with `records:` and/or `remove:`")
        return CurationPlan([], [], found.problems)
    for key in document.data:
        if key not in _SECTIONS:
            found.add((key,), "unknown section" + did_you_mean(str(key), _SECTIONS))
    by_id = catalog.by_id()
    taken = set(by_id)
    papers: list[Paper] = []
    removals: list[Removal] = []
    named: dict[str, KeyPath] = {}
    for section in _SECTIONS:
        for index, entry in _entries(found, section):
            if section == "records" and "id" not in entry:
                new = _new_identity(entry, taken, today)
                paper = _check_record(found, index, entry, catalog, new)
                named[new["id"]] = (section, index)
                papers.extend([paper] if paper else [])
                continue
            record_id = entry["id"]
            if record_id in named:
                found.add((section, index, "id"), f"{record_id!r} is named twice in this file")
                continue
            named[record_id] = (section, index)
            if record_id not in by_id:
                found.add((section, index, "id"), f"no record papers/{record_id}.yaml")
            elif section == "records":
                paper = _check_record(found, index, entry, catalog, by_id[record_id])
                papers.extend([paper] if paper else [])
            else:
                removal = _check_removal(found, index, entry)
                removals.extend([removal] if removal else [])
    _check_duplicates(found, papers, set(named), catalog, named)
    _check_scope(found, papers, removals, catalog, named)
    if found.problems:
        return CurationPlan([], [], sorted(found.problems))
    return CurationPlan(papers, removals, [])


def _check_duplicates(
    found: _Located,
    papers: list[Paper],
    changed: set[str],
    catalog: Catalog,
    named: Mapping[str, KeyPath],
) -> None:
    """The catalog after the batch must still hold each paper once."""
    owners: dict[Key, str] = {}
    for paper in catalog.papers:
        if paper.id not in changed:
            for key in identity_keys(paper.title, paper.ids.arxiv, paper.ids.doi):
                owners[key] = paper.id
    for paper in papers:
        for key in identity_keys(paper.title, paper.ids.arxiv, paper.ids.doi):
            other = owners.setdefault(key, paper.id)
            if other != paper.id:
                kind, _ = key
                message = f"same {KEY_NAMES[kind]} as papers/{other}.yaml"
                found.add((*named[paper.id], _KEY_FIELDS[kind]), message)


def _check_scope(
    found: _Located,
    papers: list[Paper],
    removals: list[Removal],
    catalog: Catalog,
    named: Mapping[str, KeyPath],
) -> None:
    """No curated record may be a work decided out of scope (`medvlm validate` would refuse
    it); no removed record a work decided in (its `out` decision would be a second one)."""

    def decided(paper: Paper, wanted: str) -> Decided | None:
        entry = catalog.decisions.find(work_keys(paper.title, paper.ids.arxiv, paper.ids.doi))
        return entry if entry is not None and entry.decision.decision == wanted else None

    for paper in papers:
        if out := decided(paper, "out"):
            found.add((*named[paper.id], "title"), out_of_scope_message(out))
    by_id = catalog.by_id()
    for removal in removals:
        if kept := decided(by_id[removal.id], "in"):
            message = (
                f"{SCOPE_FILE}:{kept.line} decides this work is in scope: to remove the record, "
                "change that decision to out and delete it"
            )
            found.add((*named[removal.id], "id"), message)
