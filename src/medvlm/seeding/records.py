"""Records from works: a new record (`new_record`), or a work merged into the record that
exists (`merged`), never rewriting what a person wrote.

- every record gains the list in `sources`;
- curated records (with `evidence`: their facts were checked against primary sources) gain
  nothing else: a list is a pointer to a paper, not evidence for its facts;
- other records have their empty fields filled (year, venue, model, domain, ids, links);
- reviewed records (`reviewed: true`, checked by a person) keep their title, kind and terms;
- unreviewed records (made by an import, not yet checked) also take the list's tasks (union;
  tasks guessed because no list named one come after named ones), empty strategies and
  modalities (the list's headings' and the title's), and the kind of a kind heading (a
  foundation-model table) instead of `method`; and provisional
  values give way: venue "arXiv" to a publisher's venue (with its year), a paper page to a
  more stable one (`page_rank`; the arXiv id stays in `ids`), a title to the same title
  written with its capitals.
New records take suggestions, all `reviewed: false`: strategies and modalities the list's
headings name, then those of the title's keywords; the kind from title keywords when a
non-method kind matches.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from medvlm.identifiers import make_record_id, title_key
from medvlm.importers.report import Note, SeedReport
from medvlm.importers.rows import DEFAULT_KIND
from medvlm.models import ARXIV_VENUE, Paper, Taxonomy
from medvlm.seeding.titles import case_score
from medvlm.seeding.works import (
    FOUNDATION_KIND,
    OTHER_TASK,
    Work,
    guessed_tasks,
    kind_suggestion,
    page_rank,
)
from medvlm.taxonomy import suggest_terms


def validated_paper(data: dict[str, Any], taxonomy: Taxonomy) -> Paper:
    return Paper.model_validate(data, context={"taxonomy": taxonomy})


def _without_empty(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value not in (None, {}, [])}


def new_record(
    work: Work, taxonomy: Taxonomy, source: str, added: dt.date, taken: set[str]
) -> Paper:
    kind = work.kind_from_list or kind_suggestion(taxonomy, work.title)
    data: dict[str, Any] = {
        "id": make_record_id(work.title, work.year, None, taken),
        "title": work.title,
        "year": work.year,
        "venue": work.venue,
        "kind": kind,
        "model": work.model,
        "domain": work.domain,
        "ids": _without_empty({"arxiv": work.arxiv, "doi": work.doi}),
        "links": dict(work.links),
        "tasks": work.tasks
        or guessed_tasks(taxonomy, work.title, work.kind_from_list, work.list_task),
        "strategies": _suggested(taxonomy, "strategy", work.strategies, work.title),
        "modalities": _suggested(taxonomy, "modality", work.modalities, work.title),
        "sources": [source],
        "reviewed": False,
        "added": added,
    }
    return validated_paper(_without_empty(data), taxonomy)


def _suggested(taxonomy: Taxonomy, axis: str, listed: list[str], title: str) -> list[str]:
    """The terms the list's headings name, then those the title's keywords suggest."""
    return list(dict.fromkeys([*listed, *suggest_terms(taxonomy, axis, title)]))


def merged(
    paper: Paper,
    work: Work,
    taxonomy: Taxonomy,
    source: str,
    taken_ids: Mapping[tuple[str, str], str],
    report: SeedReport,
) -> Paper:
    """`paper` with what the rows add; see the module's rules for curated and reviewed
    records."""
    data = paper.to_data()
    if source not in data.get("sources", []):
        data["sources"] = [*data.get("sources", []), source]
    if paper.evidence:
        return validated_paper(data, taxonomy)
    unreviewed = not paper.reviewed
    _merge_ids(data, work, taken_ids, report)
    _merge_links(data, work, upgrade=unreviewed)
    _merge_venue(data, work, upgrade=unreviewed)
    if work.model and not data.get("model"):
        data["model"] = work.model
    if unreviewed:
        _merge_title(data, work, report)
        _merge_terms(data, work, taxonomy)
    if work.domain and not data.get("domain") and data.get("kind") == work.kind_from_list:
        data["domain"] = work.domain
    return validated_paper(_without_empty(data), taxonomy)


def _merge_ids(
    data: dict[str, Any],
    work: Work,
    taken_ids: Mapping[tuple[str, str], str],
    report: SeedReport,
) -> None:
    """Empty ids are filled, unless another record holds the id (the two may be one paper)."""
    ids = dict(data.get("ids", {}))
    for name, value in (("arxiv", work.arxiv), ("doi", work.doi)):
        if not value:
            continue
        if ids.get(name) and ids[name] != value:
            message = f"ids.{name} is {ids[name]} in {data['id']}, {value} in the list (kept)"
            report.notes.append(Note(work.first_line(), data["title"], message))
        elif not ids.get(name) and taken_ids.get((name, value), data["id"]) == data["id"]:
            ids[name] = value
    data["ids"] = ids


def _merge_links(data: dict[str, Any], work: Work, *, upgrade: bool) -> None:
    """Empty links are filled; with `upgrade`, a paper page gives way to a more stable one
    (an arXiv page to the publisher's, whose arXiv id stays in `ids`)."""
    links = dict(data.get("links", {}))
    for role, url in work.links.items():
        current = links.get(role)
        if not current or (upgrade and role == "paper" and page_rank(url) < page_rank(current)):
            links[role] = url
    data["links"] = links


def _merge_venue(data: dict[str, Any], work: Work, *, upgrade: bool) -> None:
    """An empty venue or year is filled; with `upgrade`, venue "arXiv" (a preprint's) gives
    way to the venue of the published version, with its year."""
    published = upgrade and data.get("venue") == ARXIV_VENUE and work.publisher_venue
    if work.venue and (not data.get("venue") or published):
        data["venue"] = work.venue
        if published and work.year:
            data["year"] = work.year
    if work.year and not data.get("year"):
        data["year"] = work.year


def _merge_title(data: dict[str, Any], work: Work, report: SeedReport) -> None:
    """The same title written with its capitals replaces one written in lower case."""
    title = data["title"]
    if title_key(title) == title_key(work.title) and case_score(work.title) > case_score(title):
        data["title"] = work.title
        message = f"title {title!r} written with the capitals another row gives it"
        report.fixes.append(Note(work.first_line(), work.title, message))


def _merge_terms(data: dict[str, Any], work: Work, taxonomy: Taxonomy) -> None:
    """Terms an unreviewed record takes from the list: tasks (union), empty strategies and
    modalities, and the kind a list's structure gives instead of the default.

    Tasks guessed because no list named one (a lone `other`, or a foundation model's title
    keywords) come after tasks a list names, so that the first task (where the README lists
    the paper) is the same whichever list is imported first.
    """
    if work.kind_from_list and data.get("kind", DEFAULT_KIND) == DEFAULT_KIND:
        data["kind"] = work.kind_from_list
    tasks = list(data.get("tasks", []))
    kind = data.get("kind", DEFAULT_KIND)
    # What a foundation-model table with no task column gives; other rows naming no task
    # give `other` (title keywords too, but a record's tasks equal to those may as well be
    # named: taking them for a guess would reorder them on the next import).
    guessed = (
        guessed_tasks(taxonomy, data["title"], kind) if kind == FOUNDATION_KIND else [OTHER_TASK]
    )
    listed = work.tasks
    if not listed and work.kind_from_list:
        listed = guessed_tasks(taxonomy, data["title"], work.kind_from_list, work.list_task)
    if listed and tasks in (guessed, [OTHER_TASK]):
        rest = [task for task in tasks if task != OTHER_TASK and task not in listed]
        tasks = [*listed, *rest]
    else:
        tasks += [task for task in listed if task not in tasks]
    data["tasks"] = tasks
    for axis, name, listed in (
        ("strategy", "strategies", work.strategies),
        ("modality", "modalities", work.modalities),
    ):
        if not data.get(name):
            data[name] = _suggested(taxonomy, axis, listed, work.title)
