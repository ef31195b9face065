"""The home page: counts, the strategy x task heat map, the chart, latest additions."""

from __future__ import annotations

import re

from tests.render.site.support import Built, tags_of


def test_heat_map_counts_every_paper_under_every_task_and_strategy(built: Built) -> None:
    home = built.page("")
    taxonomy = built.catalog.taxonomy
    for task in taxonomy.term_ids("task"):
        for strategy in taxonomy.term_ids("strategy"):
            count = sum(
                1 for p in built.catalog.papers if task in p.tasks and strategy in p.strategies
            )
            link = f'href="explorer/?task={task}&amp;strategy={strategy}"'
            if count:
                label = f"{count} paper{'s' if count != 1 else ''}: "
                assert re.search(rf'{re.escape(link)} aria-label="{label}', home), (
                    task,
                    strategy,
                )
            else:
                assert link not in home
    # smith2024clip (classification+segmentation, pretraining) counts in both rows.
    assert 'href="explorer/?task=segmentation&amp;strategy=pretraining"' in home


def test_heat_map_is_an_accessible_table(built: Built) -> None:
    home = built.page("")
    table = home.split('<table class="medvlm-heat">', 1)[1].split("</table>", 1)[0]
    assert "<caption>" in table
    scopes = [attrs.get("scope") for tag, attrs in tags_of(table) if tag == "th"]
    tasks = len(built.catalog.taxonomy.term_ids("task"))
    strategies = len(built.catalog.taxonomy.term_ids("strategy"))
    assert scopes.count("col") == strategies + 2  # the task column and the total column
    assert scopes.count("row") == tasks + 1  # one per task, and the totals row
    levels = set(re.findall(r"medvlm-heat--(\d)", table))
    assert {"0", "5"} <= levels  # empty cells and the busiest cell on the colour scale


def test_home_shows_counts_chart_and_latest_additions(built: Built) -> None:
    home = built.page("")
    papers = built.catalog.papers
    assert f"<strong>{len(papers)}</strong> papers" in home
    with_code = sum(1 for p in papers if p.has_code)
    assert f"<strong>{with_code}</strong> with code" in home
    svg = home.split('<svg class="medvlm-chart"', 1)[1].split("</svg>", 1)[0]
    assert 'role="img"' in svg
    assert 'aria-labelledby="papers-per-year-title papers-per-year-desc"' in svg
    assert '<title id="papers-per-year-title">Papers per year</title>' in svg
    assert "Publication year" in svg and ">Papers</text>" in svg
    years = sorted({p.year for p in papers if p.year})
    assert svg.count("<rect") == years[-1] - years[0] + 1
    assert "1 paper without a publication year is not shown" in home
    latest = home.split("Latest additions", 1)[1]
    order = re.findall(r'<li data-paper-id="([^"]+)"', latest)
    dated = sorted((p for p in papers if p.added), key=lambda p: p.id)
    dated.sort(key=lambda p: p.added, reverse=True)  # type: ignore[arg-type, return-value]
    assert order[: len(dated)] == [p.id for p in dated]
