"""Small template filters and tags for the desk's pages."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from humanly.conversations.labels import describe

register = template.Library()


@register.filter
def slice_text(text: str, finding: Any) -> str:
    """The words of ``text`` a finding marks (its ``start`` to ``end``)."""
    return text[finding.start : finding.end]


@register.filter
def words(value: str) -> str:
    """An engine label as words: "legal_threat" -> "legal threat"."""
    return str(value).replace("_", " ")


def _feelings(values: Iterable[object] | None) -> list[float]:
    found = []
    for value in values or ():
        if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
            found.append(max(-1.0, min(1.0, float(value))))
    return found


@register.filter
def feeling(values: Iterable[object] | None) -> str:
    """The sparkline's label in words: "Feeling over 5 messages: from upset to calmer"."""
    return describe(_feelings(values))


@register.simple_tag
def sparkline(values: Iterable[object] | None, width: int = 120, height: int = 28) -> SafeString | str:
    """``{% sparkline values %}``: values in [-1, 1] (oldest first; -1 upset, 1 glad) as a small inline SVG
    line, drawn here (no script, no file), with the dashed middle line for neutral, a dot on the latest
    value (marked ``low`` when it is uneasy or upset) and its meaning in words as the accessible name.
    Nothing when there are no values."""
    points = _feelings(values)
    if not points:
        return ""
    pad = 3.0
    span_x, span_y = width - 2 * pad, height - 2 * pad
    step = span_x / (len(points) - 1) if len(points) > 1 else 0.0

    def x(i: int) -> float:
        return pad + i * step if len(points) > 1 else width - pad

    def y(value: float) -> float:
        return pad + (1.0 - value) / 2.0 * span_y

    line = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(points))
    end = points[-1]
    return format_html(
        '<svg class="sparkline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" '
        'height="{h}" role="img" aria-label="{label}"><title>{label}</title>'
        '<line class="neutral" x1="{pad}" y1="{mid}" x2="{right}" y2="{mid}" stroke="currentColor" '
        'stroke-opacity="0.3" stroke-width="1" stroke-dasharray="2 3"/>'
        '<polyline points="{line}" fill="none" stroke="currentColor" stroke-width="1.5" '
        'stroke-linecap="round" stroke-linejoin="round"/>'
        '<circle class="{tone}" cx="{cx}" cy="{cy}" r="2.5" fill="currentColor"/></svg>',
        w=width,
        h=height,
        label=describe(points),
        pad=f"{pad:.1f}",
        right=f"{width - pad:.1f}",
        mid=f"{y(0.0):.1f}",
        line=line,
        tone="low" if end <= -0.15 else "even",
        cx=f"{x(len(points) - 1):.1f}",
        cy=f"{y(end):.1f}",
    )
