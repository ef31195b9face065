"""Charts drawn at build time as inline SVG: geometry here, markup in templates/site/charts/.

The site has no charting library (it must work offline and stay small), so a chart is a
handful of rectangles whose positions are computed once, in Python, and rendered by a template.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from jinja2 import Environment

from medvlm.render.templating import render_template

BAR_CHART_TEMPLATE = "site/charts/bars.svg.j2"
_NICE_STEPS = (1, 2, 5, 10)
_MIN_LABEL_GAP = 34.0  # px between two x labels; fewer labels are shown when bars are narrow


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float
    show_label: bool

    @property
    def centre(self) -> float:
        return self.x + self.width / 2


@dataclass(frozen=True)
class Tick:
    value: int
    y: float


@dataclass(frozen=True)
class BarChart:
    """A vertical bar chart laid out in a `width` x `height` viewBox."""

    chart_id: str
    title: str
    description: str
    x_label: str
    y_label: str
    width: int
    height: int
    left: float
    top: float
    right: float
    bottom: float
    bars: list[Bar]
    ticks: list[Tick]

    @property
    def plot_height(self) -> float:
        return self.bottom - self.top


def nice_ticks(maximum: int, target: int = 5) -> list[int]:
    """Round axis values from 0 to at least `maximum`: steps of 1, 2 or 5 times a power of ten."""
    if maximum <= 0:
        return [0, 1]
    raw = maximum / target
    power = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = next(s * power for s in _NICE_STEPS if s * power >= raw)
    top = math.ceil(maximum / step) * step
    return list(range(0, top + 1, step))


def year_counts(years: Iterable[int | None]) -> list[tuple[str, int]]:
    """Papers per year for every year from the first to the last (gaps shown as zero)."""
    counts = Counter(year for year in years if year is not None)
    if not counts:
        return []
    return [(str(year), counts[year]) for year in range(min(counts), max(counts) + 1)]


def bar_chart(
    values: Sequence[tuple[str, int]],
    *,
    chart_id: str,
    title: str,
    description: str,
    x_label: str,
    y_label: str,
    width: int = 640,
    height: int = 280,
) -> BarChart:
    """Lay out one bar per (label, value), in the given order, on a zero-based value axis."""
    left, top, right, bottom = 56.0, 16.0, width - 12.0, height - 56.0
    ticks_values = nice_ticks(max((value for _, value in values), default=0))
    scale = (bottom - top) / ticks_values[-1]
    slot = (right - left) / max(len(values), 1)
    label_every = max(1, math.ceil(_MIN_LABEL_GAP / slot))
    bars = []
    for index, (label, value) in enumerate(values):
        bar_height = value * scale
        bars.append(
            Bar(
                label=label,
                value=value,
                x=round(left + index * slot + slot * 0.15, 2),
                y=round(bottom - bar_height, 2),
                width=round(slot * 0.7, 2),
                height=round(bar_height, 2),
                show_label=index % label_every == 0,
            )
        )
    ticks = [Tick(value, round(bottom - value * scale, 2)) for value in ticks_values]
    return BarChart(
        chart_id, title, description, x_label, y_label, width, height,
        left, top, right, bottom, bars, ticks,
    )  # fmt: skip


def render_bar_chart(environment: Environment, chart: BarChart) -> str:
    """The chart as an accessible inline <svg> (title, desc, labelled axes, a title per bar)."""
    return render_template(environment, BAR_CHART_TEMPLATE, {"chart": chart})
