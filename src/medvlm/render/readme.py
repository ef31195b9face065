"""Render README.md: the awesome list, grouped by first task then first strategy."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from medvlm.catalog import Catalog, group_by_first_terms, reading_order
from medvlm.models import Paper
from medvlm.render.templating import make_environment, render_template

README_TEMPLATE = "readme/README.md.j2"
UNCLASSIFIED = ""
SURVEY = "survey"  # reviews get their own section: they span every task


@dataclass(frozen=True)
class Subsection:
    strategy: str
    label: str
    papers: list[Paper]


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


def readme_context(catalog: Catalog) -> dict[str, object]:
    """What the README template shows: counts, the matrix and the sections, all in fixed order."""
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
    sections = [
        Section(
            task.id,
            task.label,
            task.description,
            [Subsection(strategy, label, papers) for strategy, label, papers in lists],
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
    }


def render_readme(catalog: Catalog, templates_dir: Path) -> str:
    """The README text for the catalog; deterministic for the same records."""
    environment = make_environment(templates_dir)
    return render_template(environment, README_TEMPLATE, readme_context(catalog))
