"""The home page: headline counts, the strategy x task heat map, papers per year, latest
additions."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from medvlm.catalog import Catalog
from medvlm.models import Paper
from medvlm.render.charts import bar_chart, render_bar_chart, year_counts
from medvlm.render.site.pages import TOP, Pages, TermCount, count_papers, explorer_href, years_of

LATEST_COUNT = 10
HEAT_LEVELS = 5


@dataclass(frozen=True)
class HeatCell:
    count: int
    level: int  # 0 (none) .. HEAT_LEVELS (the busiest cell)
    href: str  # relative to the site root; explorer pre-filtered
    label: str  # what a screen reader announces


@dataclass(frozen=True)
class HeatRow:
    term: TermCount
    cells: list[HeatCell]
    total: HeatCell


@dataclass(frozen=True)
class HeatMap:
    columns: list[TermCount]
    rows: list[HeatRow]
    column_totals: list[HeatCell]
    maximum: int


def _level(count: int, maximum: int) -> int:
    return 0 if count == 0 or maximum == 0 else max(1, math.ceil(HEAT_LEVELS * count / maximum))


def heat_map(catalog: Catalog, counts: Mapping[str, list[TermCount]]) -> HeatMap:
    """The strategy x task matrix, cross-listed, with a colour level per cell."""
    pairs: Counter[tuple[str, str]] = Counter(
        (task, strategy)
        for paper in catalog.papers
        for task in paper.tasks
        for strategy in paper.strategies
    )
    tasks, strategies = counts["task"], counts["strategy"]
    maximum = max(pairs.values(), default=0)
    rows = []
    for task in tasks:
        cells = [
            HeatCell(
                count=pairs[(task.id, strategy.id)],
                level=_level(pairs[(task.id, strategy.id)], maximum),
                href=explorer_href(task=task.id, strategy=strategy.id),
                label=(
                    f"{count_papers(pairs[(task.id, strategy.id)])}: {task.label}, {strategy.label}"
                ),
            )
            for strategy in strategies
        ]
        total = HeatCell(task.count, 0, explorer_href(task=task.id), count_papers(task.count))
        rows.append(HeatRow(task, cells, total))
    totals = [
        HeatCell(s.count, 0, explorer_href(strategy=s.id), count_papers(s.count))
        for s in strategies
    ]
    return HeatMap(strategies, rows, totals, maximum)


def latest_papers(papers: Sequence[Paper], limit: int = LATEST_COUNT) -> list[Paper]:
    """The most recently added papers: `added` newest first, then id; undated ones last."""
    ordered = sorted(papers, key=lambda paper: paper.id)
    ordered.sort(key=lambda paper: paper.added or dt.date.min, reverse=True)  # stable: ids stay
    return ordered[:limit]


def home_context(catalog: Catalog, counts: Mapping[str, list[TermCount]]) -> dict[str, Any]:
    papers = catalog.papers
    years = years_of(papers)
    series = year_counts(paper.year for paper in papers)
    busiest = max(series, key=lambda item: item[1], default=("", 0))
    span = f"{years[0]} to {years[-1]}" if years else "no year yet"
    chart = bar_chart(
        series,
        chart_id="papers-per-year",
        title="Papers per year",
        description=(
            f"Number of catalogued papers by publication year, {span}; "
            f"the most, {busiest[1]}, in {busiest[0]}."
            if series
            else "No paper has a publication year yet."
        ),
        x_label="Publication year",
        y_label="Papers",
    )
    return {
        "total": len(papers),
        "with_code": sum(1 for paper in papers if paper.has_code),
        "models": len({paper.model for paper in papers if paper.model}),
        "tasks_used": sum(1 for term in counts["task"] if term.count),
        "modalities_used": sum(1 for term in counts["modality"] if term.count),
        "years": years,
        "heat": heat_map(catalog, counts),
        "heat_levels": list(range(1, HEAT_LEVELS + 1)),
        "undated": sum(1 for paper in papers if paper.year is None),
        "latest": latest_papers(papers),
        "chart": chart,
    }


def home_page(catalog: Catalog, counts: Mapping[str, list[TermCount]], pages: Pages) -> str:
    context = home_context(catalog, counts)
    # The chart's markup comes from an autoescaped template: safe to insert as it is.
    context["chart"] = Markup(render_bar_chart(pages.environment, context.pop("chart")))
    context["latest"] = pages.items(context["latest"], TOP, added=True)
    return pages.render("home.md.j2", TOP, **context)
