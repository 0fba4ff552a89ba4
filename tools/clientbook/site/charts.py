"""Small inline SVG charts: no scripts, no fonts from the web, readable without colour."""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape


def chart_value(value: object) -> float | None:
    """A record's number as a point on a chart, or None: not a number, or one no float holds
    (a valid JSON number of 400 digits). The page shows the value as written either way."""
    if not isinstance(value, (int, float)):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None


def bars(
    values: Sequence[tuple[str, float]], *, width: int = 320, height: int = 90, title: str = ""
) -> str:
    """A bar chart of (label, value) pairs, with a <title> for screen readers."""
    if not values:
        return ""
    top = max(v for _, v in values) or 1
    step = width / len(values)
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height + 14}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    for i, (label, value) in enumerate(values):
        h = round(value / top * height, 1)
        x = round(i * step + step * 0.15, 1)
        parts.append(
            f'<rect x="{x}" y="{round(height - h, 1)}" width="{round(step * 0.7, 1)}" height="{h}">'
            f"<title>{escape(label)}: {value:g}</title></rect>"
        )
    parts.append(f'<text x="0" y="{height + 12}">{escape(values[0][0])}</text>')
    parts.append(
        f'<text x="{width}" y="{height + 12}" text-anchor="end">{escape(values[-1][0])}</text></svg>'
    )
    return "".join(parts)


def target_bar(
    actual: float, target: float, higher_is_better: bool = True, *, width: int = 160
) -> str:
    """Actual against target: a filled bar and a target mark; the state in words in <title>."""
    scale = max(actual, target) * 1.1 or 1
    met = actual >= target if higher_is_better else actual <= target
    words = f"actual {actual:g} against target {target:g}: {'met' if met else 'not met'}"
    return (
        f'<svg class="kpi {"met" if met else "missed"}" viewBox="0 0 {width} 14" role="img" aria-label="{escape(words)}">'
        f"<title>{escape(words)}</title>"
        f'<rect class="track" x="0" y="3" width="{width}" height="8"></rect>'
        f'<rect class="value" x="0" y="3" width="{round(actual / scale * width, 1)}" height="8"></rect>'
        f'<rect class="target" x="{round(target / scale * width, 1) - 1}" y="0" width="2" height="14"></rect></svg>'
    )


def line(
    points: Sequence[tuple[str, float]],
    *,
    low: float = 0,
    high: float = 10,
    width: int = 220,
    height: int = 60,
    title: str = "",
) -> str:
    """A line of scores over time (e.g. feedback 0–10), with a dot per point."""
    if not points:
        return ""
    span = (high - low) or 1
    step = width / max(len(points) - 1, 1)
    coords = [
        (round(i * step, 1), round(height - (v - low) / span * height, 1))
        for i, (_, v) in enumerate(points)
    ]
    path = " ".join(f"{x},{y}" for x, y in coords)
    dots = "".join(
        f'<circle cx="{x}" cy="{y}" r="3"><title>{escape(label)}: {v:g}</title></circle>'
        for (x, y), (label, v) in zip(coords, points, strict=True)
    )
    return (
        f'<svg class="chart" viewBox="-4 -4 {width + 8} {height + 8}" role="img" aria-label="{escape(title)}">'
        f'<title>{escape(title)}</title><polyline points="{path}"></polyline>{dots}</svg>'
    )
