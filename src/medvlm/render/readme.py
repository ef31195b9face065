"""Render README.md: the awesome list, grouped by first task then first strategy."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment

from medvlm.catalog import Catalog, group_by_first_terms, reading_order
from medvlm.models import Paper
from medvlm.render.templating import make_environment, render_template

README_TEMPLATE = "readme/README.md.j2"
ENTRIES_TEMPLATE = "readme/entries.md.j2"
# From this many entries, half the lists are rendered on another core (a fork costs less).
PARALLEL_FROM = 2000
UNCLASSIFIED = ""
SURVEY = "survey"  # reviews get their own section: they span every task


@dataclass(frozen=True)
class Subsection:
    strategy: str
    label: str
    papers: list[Paper]
    entries: str  # the papers as README entries (entries.md.j2)


@dataclass(frozen=True)
class Section:
    task: str
    label: str
    description: str
    subsections: list[Subsection]

    @property
    def count(self) -> int:
        return sum(len(sub.papers) for sub in self.subsections)


@dataclass(frozen=True)
class Column:
    strategy: str
    label: str


def readme_context(catalog: Catalog, environment: Environment) -> dict[str, object]:
    """What the README template shows: counts, the matrix and the sections, all in fixed order;
    each list of entries already rendered."""
    taxonomy = catalog.taxonomy
    surveys = reading_order(paper for paper in catalog.papers if paper.kind == SURVEY)
    groups = group_by_first_terms(paper for paper in catalog.papers if paper.kind != SURVEY)
    strategies = [(term.id, term.label) for term in taxonomy.axes["strategy"].terms]
    unclassified_label = "Strategy not yet classified"
    placed = []
    for task in taxonomy.axes["task"].terms:
        by_strategy = groups.get(task.id, {})
        lists = [
            (strategy, label, by_strategy[strategy])
            for strategy, label in [*strategies, (UNCLASSIFIED, unclassified_label)]
            if by_strategy.get(strategy)
        ]
        if lists:
            placed.append((task, lists))
    rendered = iter(
        render_entry_lists(
            environment, [surveys, *(papers for _, lists in placed for _, _, papers in lists)]
        )
    )
    survey_entries = next(rendered)
    sections = [
        Section(
            task.id,
            task.label,
            task.description,
            [
                Subsection(strategy, label, papers, next(rendered))
                for strategy, label, papers in lists
            ],
        )
        for task, lists in placed
    ]
    used = {sub.strategy for section in sections for sub in section.subsections}
    columns = [
        Column(strategy, label)
        for strategy, label in [*strategies, (UNCLASSIFIED, "Not classified")]
        if strategy != UNCLASSIFIED or UNCLASSIFIED in used
    ]
    papers = catalog.papers
    return {
        "title": "Awesome MedVLM",
        "total": len(papers),
        "with_code": sum(1 for paper in papers if paper.has_code),
        "task_count": len(sections),
        "years": sorted({paper.year for paper in papers if paper.year}),
        "sections": sections,
        "columns": columns,
        "sources": taxonomy.sources,
        "surveys": surveys,
        "survey_entries": survey_entries,
    }


def render_readme(catalog: Catalog, templates_dir: Path) -> str:
    """The README text for the catalog; deterministic for the same records."""
    environment = make_environment(templates_dir)
    return render_template(environment, README_TEMPLATE, readme_context(catalog, environment))


def render_entry_lists(environment: Environment, lists: list[list[Paper]]) -> list[str]:
    """Each list of papers as README entries, in order."""
    return [render_template(environment, ENTRIES_TEMPLATE, {"papers": papers}) for papers in lists]
