"""Inline SVG charts: no script, no stylesheet, no font to fetch, so a report reads offline.

Every text that reaches the markup goes through :func:`html.escape`; each bar carries a
``<title>`` so hovering shows its exact figure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from html import escape

#: Distinct, colour-blind friendly hues for entity types, in order of frequency.
PALETTE = (
    "#4477aa", "#ee6677", "#228833", "#ccbb44", "#66ccee", "#aa3377", "#bbbbbb", "#004488",
    "#ddaa33", "#bb5566",
)  # fmt: skip
OTHER_COLOUR = "#777777"
SEVERITY_COLOURS = {
    "critical": "#a50f15",
    "high": "#e6550d",
    "medium": "#d4a017",
    "low": "#3182bd",
}

_WIDTH = 760
_FONT = 'font-family="sans-serif" font-size="11"'


def stacked_days(
    name: str,
    days: Sequence[date],
    counts: Mapping[str, Mapping[date, int]],
    colours: Mapping[str, str],
    height: int = 220,
) -> str:
    """One bar per day, stacked by series (entity type), with a y axis from 0 to the peak."""
    left, bottom, top = 44, 24, 10
    plot_height = height - bottom - top
    peak = max((sum(series.get(day, 0) for series in counts.values()) for day in days), default=0)
    scale = plot_height / peak if peak else 0.0
    slot = (_WIDTH - left - 8) / max(len(days), 1)
    bar = max(slot * 0.8, 1.0)
    parts = [_open(name, _WIDTH, height, f"Findings per day by entity type, peak {peak}")]
    for fraction in (0.0, 0.5, 1.0):
        y = top + plot_height * (1 - fraction)
        value = round(peak * fraction)
        parts.append(
            f'<line x1="{left}" x2="{_WIDTH - 4}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" {_FONT}>{value}</text>'
        )
    label_every = max(1, len(days) // 10)
    for index, day in enumerate(days):
        x = left + index * slot + (slot - bar) / 2
        y = top + plot_height
        for series, per_day in counts.items():
            count = per_day.get(day, 0)
            if not count:
                continue
            h = count * scale
            y -= h
            tip = escape(f"{day.isoformat()}: {series} {count}")
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                f'fill="{escape(colours.get(series, OTHER_COLOUR))}"><title>{tip}</title></rect>'
            )
        if index % label_every == 0:
            parts.append(
                f'<text x="{x + bar / 2:.1f}" y="{height - 8}" text-anchor="middle" {_FONT}>'
                f"{day.strftime('%m-%d')}</text>"
            )
    parts.append("</svg>")
    return "".join(parts)


def horizontal_bars(
    name: str, values: Mapping[str, int], colours: Mapping[str, str], title: str
) -> str:
    """One labelled bar per key, longest for the largest value, the figure at its end."""
    row, label_width, width = 24, 110, _WIDTH // 2
    height = row * max(len(values), 1) + 8
    peak = max(values.values(), default=0)
    scale = (width - label_width - 50) / peak if peak else 0.0
    parts = [_open(name, width, height, title)]
    for index, (label, value) in enumerate(values.items()):
        y = 4 + index * row
        bar = max(value * scale, 1.0)
        text = escape(label)
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 15}" text-anchor="end" {_FONT}>{text}</text>'
            f'<rect x="{label_width}" y="{y + 3}" width="{bar:.1f}" height="{row - 8}" '
            f'fill="{escape(colours.get(label, OTHER_COLOUR))}">'
            f"<title>{text}: {value}</title></rect>"
            f'<text x="{label_width + bar + 6:.1f}" y="{y + 15}" {_FONT}>{value}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _open(name: str, width: int, height: int, label: str) -> str:
    return (
        f'<svg class="chart" data-chart="{escape(name)}" role="img" '
        f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet">'
    )
