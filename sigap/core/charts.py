"""Small server-side SVG charts: numbers turned into coordinates for templates to draw. No
JavaScript and no library, so a chart costs a few hundred bytes on a weak connection and prints."""

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    value: float
    label: str


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    points: list[Point]
    bands: list[tuple[float, float, str]]  # (y top, height, css class) shaded ranges

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


def line_chart(
    values: Sequence[tuple[str, float]],
    *,
    low: float,
    high: float,
    width: int = 320,
    height: int = 120,
    pad: int = 8,
    bands: Sequence[tuple[float, float, str]] = (),
) -> LineChart | None:
    """A line through ``values`` ((label, value) in order) on a fixed scale ``low``–``high``;
    ``bands`` shade value ranges (low value, high value, css class). None for fewer than two
    values, where a line says nothing."""
    if len(values) < 2 or high <= low:
        return None
    inner_w, inner_h = width - 2 * pad, height - 2 * pad
    step = inner_w / (len(values) - 1)

    def y_of(value: float) -> float:
        clamped = min(max(value, low), high)
        return pad + inner_h * (1 - (clamped - low) / (high - low))

    points = [
        Point(x=pad + i * step, y=y_of(value), value=value, label=label)
        for i, (label, value) in enumerate(values)
    ]
    shaded = [(y_of(top), y_of(bottom) - y_of(top), css) for bottom, top, css in bands]
    return LineChart(width=width, height=height, points=points, bands=shaded)


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    y: float
    width: float  # of the bar, in the chart's units
    text: str  # what is written at the bar's end


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    label_width: int
    bar_height: int
    bars: list[Bar]


def bar_chart(
    rows: Sequence[tuple[str, float, str]],
    *,
    high: float | None = None,
    width: int = 320,
    label_width: int = 110,
    bar_height: int = 18,
    gap: int = 6,
) -> BarChart | None:
    """Horizontal bars for ``rows`` ((label, value, text written beside the bar), in order) on a
    scale from 0 to ``high`` (the largest value when None). None when there is nothing to draw."""
    if not rows:
        return None
    top = high if high is not None else max(value for _, value, _ in rows)
    room = width - label_width - 84  # the text beside the longest bar, e.g. "120 (18,3%)"
    bars = [
        Bar(
            label=label,
            value=value,
            y=i * (bar_height + gap),
            width=0 if top <= 0 else room * min(max(value, 0), top) / top,
            text=text,
        )
        for i, (label, value, text) in enumerate(rows)
    ]
    height = len(rows) * (bar_height + gap) - gap
    return BarChart(
        width=width, height=height, label_width=label_width, bar_height=bar_height, bars=bars
    )
