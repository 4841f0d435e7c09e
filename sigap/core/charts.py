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
