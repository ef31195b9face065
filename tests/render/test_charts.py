"""Build-time SVG charts: axis ticks, bar geometry, and accessible, escaped markup."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET

import pytest

from medvlm.render.charts import bar_chart, nice_ticks, render_bar_chart, year_counts
from medvlm.render.site.pages import site_environment
from tests.helpers import REPO

SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize(
    ("maximum", "ticks"),
    [
        (0, [0, 1]),
        (1, [0, 1]),
        (7, [0, 2, 4, 6, 8]),
        (10, [0, 2, 4, 6, 8, 10]),
        (11, [0, 5, 10, 15]),
        (120, [0, 50, 100, 150]),
        (1000, [0, 200, 400, 600, 800, 1000]),
    ],
)
def test_ticks_are_round_and_cover_the_maximum(maximum: int, ticks: list[int]) -> None:
    assert nice_ticks(maximum) == ticks


def test_year_counts_fill_the_gaps_and_skip_undated() -> None:
    assert year_counts([2022, None, 2020, 2022]) == [("2020", 1), ("2021", 0), ("2022", 2)]
    assert year_counts([None]) == []


def test_bars_are_proportional_and_inside_the_plot() -> None:
    chart = bar_chart(
        [("2020", 4), ("2021", 0), ("2022", 8)],
        chart_id="c", title="t", description="d", x_label="x", y_label="y",
    )  # fmt: skip
    first, empty, tallest = chart.bars
    assert chart.ticks[-1].value == 8
    assert tallest.y == pytest.approx(chart.top)  # the largest value reaches the top tick
    assert tallest.height == pytest.approx(2 * first.height)
    assert empty.height == 0 and empty.y == pytest.approx(chart.bottom)
    for bar in chart.bars:
        assert chart.left <= bar.x and bar.x + bar.width <= chart.right
        assert bar.y + bar.height == pytest.approx(chart.bottom)
    assert first.x < empty.x < tallest.x


def test_labels_are_thinned_when_bars_are_narrow() -> None:
    values = [(str(year), 1) for year in range(1960, 2030)]
    chart = bar_chart(values, chart_id="c", title="t", description="d", x_label="x", y_label="y")
    shown = [bar.label for bar in chart.bars if bar.show_label]
    assert 5 < len(shown) < len(values)
    assert shown[0] == "1960"
    positions = [bar.centre for bar in chart.bars if bar.show_label]
    assert min(b - a for a, b in itertools.pairwise(positions)) >= 30


def test_rendered_chart_is_accessible_valid_svg() -> None:
    chart = bar_chart(
        [("2023", 3), ("2024", 5)],
        chart_id="per-year",
        title="Papers <per> year",
        description="Counts & more",
        x_label="Publication year",
        y_label="Papers",
    )
    markup = render_bar_chart(site_environment(REPO / "templates"), chart)
    svg = ET.fromstring(markup)  # well-formed: the title's "<" and "&" were escaped
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "per-year-title per-year-desc"
    assert svg.findtext(f"{SVG}title") == "Papers <per> year"
    assert svg.findtext(f"{SVG}desc") == "Counts & more"
    texts = [element.text for element in svg.iter(f"{SVG}text")]
    assert "Publication year" in texts and "Papers" in texts
    bars = list(svg.iter(f"{SVG}rect"))
    assert [bar.findtext(f"{SVG}title") for bar in bars] == ["2023: 3", "2024: 5"]
