"""Drawings that fit the column: from one diagram, a narrow drawing for phones and a wide one for desktops.

A diagram is drawn as written when that drawing fits a phone's column (``NARROW.max_width``): one drawing serves
every screen. Otherwise the page gets two drawings of the same source, switched by CSS on the column's width:

- **narrow**: top to bottom, shorter lines (``dot.NARROW``);
- **wide**: the diagram as written (``dot.WIDE``).

Each must fit its column at its own size, so that its text keeps its size (14 and 12 px; the CSS only ever shrinks a
drawing, never enlarges it). When a drawing is too wide, boxes that Graphviz put side by side on the widest row are
drawn one below the other (an invisible arrow, like ``after:`` in the YAML), one at a time, measuring the layout
again each time (``dot -Tjson``, cached like the SVG), until it fits or no row has two boxes left. A wide drawing
that still does not fit a desktop column is not used: the narrow one is shown there too.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

from .dot import NARROW, WIDE, DotSource, Layout, to_dot
from .model import Diagram

MAX_STEPS = 24      # boxes moved at most per drawing (the largest diagram needs fewer than 10)


@dataclass(frozen=True)
class View:
    """One drawing of a diagram on the page."""

    name: str           # "narrow", "wide", or "all" (one drawing for every screen)
    dot: DotSource
    width: int          # px, as measured by Graphviz


def _rows(measure: dict) -> list[list[tuple[str, float, float]]]:
    """The boxes of a top-to-bottom layout, by row (same y), each row sorted left to right: (name, left, right)."""
    rows: dict[float, list[tuple[str, float, float]]] = {}
    for name, (x, y, w) in measure["nodes"].items():
        rows.setdefault(round(y * 2) / 2, []).append((name, x - w / 2, x + w / 2))
    return [sorted(r, key=lambda b: b[1]) for _, r in sorted(rows.items())]


def choose(diagram: Diagram, measure: dict, stack: list[tuple[str, str]]) -> tuple[str, str] | None:
    """The next box to draw lower, below which box: on the widest row that has two boxes or more, the last box of
    the row in the file's order goes below its left-hand neighbour. None when no row has two boxes."""
    order = {n.id: i for i, n in enumerate(diagram.nodes)}
    best = None
    for row in _rows(measure):
        row = [b for b in row if b[0] in order]
        if len(row) < 2:
            continue
        span = row[-1][2] - row[0][1]
        if best is None or span > best[0]:
            best = (span, row)
    if best is None:
        return None
    row = best[1]
    names = [b[0] for b in row]
    below = max(names, key=order.__getitem__)
    i = names.index(below)
    above = names[i - 1] if i > 0 else names[1]
    return None if (above, below) in stack else (above, below)


def fitted(diagram: Diagram, lang: str, layout: Layout, measure: Callable[[str], dict]) -> tuple[DotSource, int]:
    """The DOT source of ``diagram`` drawn as ``layout`` says, with boxes stacked until it is at most
    ``layout.max_width`` wide (or the narrowest drawing found); and its width."""
    if layout.direction_of(diagram) != "TB":       # stacking boxes narrows a top-to-bottom drawing only
        layout = replace(layout, direction="TB")
    stack: list[tuple[str, str]] = []
    best: tuple[int, DotSource] | None = None
    for _ in range(MAX_STEPS):
        dot = to_dot(diagram, lang, layout, tuple(stack))
        m = measure(dot.text)
        if best is None or m["width"] < best[0]:
            best = (m["width"], dot)
        if m["width"] <= layout.max_width:
            break
        step = choose(diagram, m, stack)
        if step is None:
            break
        stack.append(step)
    return best[1], best[0]


def views(diagram: Diagram, lang: str, measure: Callable[[str], dict]) -> list[View]:
    """The drawings of ``diagram`` for a page: ``[all]``, or ``[narrow, wide]`` (narrow first: it is the one shown
    without CSS container queries)."""
    own = to_dot(diagram, lang)
    own_width = measure(own.text)["width"]
    if own_width <= NARROW.max_width:
        return [View("all", own, own_width)]
    narrow, narrow_width = fitted(diagram, lang, NARROW, measure)
    if own_width <= WIDE.max_width:
        wide, wide_width = to_dot(diagram, lang, WIDE), own_width
    else:
        wide, wide_width = fitted(diagram, lang, WIDE, measure)
    if wide_width > WIDE.max_width or wide_width <= narrow_width:
        return [View("all", narrow, narrow_width)]
    return [View("narrow", narrow, narrow_width), View("wide", wide, wide_width)]
