"""Plotly figures built from plain dicts in one go.

Plotly validates every property it is handed. Building a figure step by step (``add_trace``,
``add_hline``, ``update_layout(xaxis_title=...)``) validates, copies and re-parses property
paths at every step, which costs many times what building the same figure from dicts does. So
a figure function collects its traces, layout and frames as dicts (``{"type": "scatter", "x": ...,
...}``) and calls :func:`figure` once.

Even that one validation is a large share of what is left on a scatter of many points, so the app skips
it and the tests do it (``bench.bench_reruns`` measures reruns): ``tests/conftest.py`` sets
``MIXGEN_CHECK_FIGURES=1`` for every test and every app a test starts, so a misspelt property
still fails the tests.
"""

from __future__ import annotations

import os
from typing import Any, Sequence

import plotly.graph_objects as go

Spec = dict[str, Any]


def checking() -> bool:
    """Whether figures are validated property by property: in the tests, not in the app."""
    return os.environ.get("MIXGEN_CHECK_FIGURES") == "1"


def figure(data: Sequence[Spec], layout: Spec, frames: Sequence[Spec] = ()) -> go.Figure:
    """One ``go.Figure`` from trace dicts, a layout dict and (optionally) frame dicts; every
    property validated by plotly when ``MIXGEN_CHECK_FIGURES=1`` (the tests)."""
    spec: Spec = {"data": list(data), "layout": layout}
    if frames:
        spec["frames"] = list(frames)
    return go.Figure(spec, _validate=checking())


def hline(y: float, line: Spec, *, axis: str = "y", x_axis: str = "x") -> Spec:
    """A horizontal line across a plot at height ``y`` (a layout shape, what ``add_hline`` draws)."""
    return {"type": "line", "xref": f"{x_axis} domain", "x0": 0, "x1": 1, "yref": axis, "y0": y, "y1": y, "line": line}


def vline(x: float, line: Spec, *, axis: str = "x", y_axis: str = "y") -> Spec:
    """A vertical line through a plot at ``x`` (a layout shape, what ``add_vline`` draws)."""
    return {"type": "line", "yref": f"{y_axis} domain", "y0": 0, "y1": 1, "xref": axis, "x0": x, "x1": x, "line": line}


def title(text: str) -> Spec:
    """An axis title: what ``update_layout(xaxis_title=text)`` sets."""
    return {"text": text}


def _clamp(v: float) -> float:
    """A y domain end a rounding error put just outside [0, 1], put back (as ``make_subplots`` does)."""
    if -0.01 < v < 0.0:
        return 0.0
    if 1.0 < v < 1.01:
        return 1.0
    return v


def subplots(rows: int, cols: int, titles: Sequence[str], *, horizontal_spacing: float | None = None,
              vertical_spacing: float | None = None, row_heights: Sequence[float] | None = None) -> Spec:
    """The layout of ``make_subplots(rows, cols, subplot_titles=titles, ...)`` as a dict: one x and y
    axis per cell (``xaxis``, ``yaxis``, ``xaxis2``, ... in row-major order from the top left, each
    anchored to the other) and the titles as annotations over the cells.

    The same arithmetic as ``plotly/_subplots.py`` (start cell top left, no specs, no shared axes),
    so the domains are the same floats to the last bit; ``make_subplots`` itself costs more than
    the rest of a small figure, as it builds and updates a validated layout.
    """
    h_space = 0.2 / cols if horizontal_spacing is None else horizontal_spacing
    v_space = 0.5 / rows if vertical_spacing is None else vertical_spacing  # its default with titles
    widths = [(1.0 - h_space * (cols - 1)) / cols] * cols
    if row_heights is None:
        heights = [(1.0 - v_space * (rows - 1)) / rows] * rows
    else:
        total = float(sum(row_heights))
        heights = [(1.0 - v_space * (rows - 1)) * (h / total) for h in row_heights][::-1]  # bottom row first
    layout: Spec = {}
    annotations = []
    for r in range(rows):
        up = rows - 1 - r  # rows counted from the bottom, where the grid's y starts
        y0 = sum(heights[:up]) + up * v_space
        y_domain = [_clamp(y0 + 0.0), _clamp(y0 + heights[-1 - r] - 0.0)]
        for c in range(cols):
            x0 = sum(widths[:c]) + c * h_space
            x_domain = [x0 + 0.0, x0 + widths[c] - 0.0]
            n = r * cols + c + 1
            suffix = str(n) if n > 1 else ""
            # The axes' domains are clamped to [0, 1] (plotly rejects 1.0000000000000002), the
            # titles are placed from the unclamped ones: both as make_subplots does.
            layout["xaxis" + suffix] = {"domain": [max(0.0, x_domain[0]), min(1.0, x_domain[1])],
                                        "anchor": "y" + suffix}
            layout["yaxis" + suffix] = {"domain": [max(0.0, y_domain[0]), min(1.0, y_domain[1])],
                                        "anchor": "x" + suffix}
            if n <= len(titles) and titles[n - 1]:
                annotations.append({"y": y_domain[1], "xref": "paper", "x": sum(x_domain) / 2.0, "yref": "paper",
                                    "text": titles[n - 1], "showarrow": False, "font": dict(size=16),
                                    "xanchor": "center", "yanchor": "bottom"})
    layout["annotations"] = annotations
    return layout


def cell_axes(n: int) -> Spec:
    """The axes a trace in cell ``n`` (1-based, row-major) of :func:`subplots` draws on:
    ``{"xaxis": "x2", "yaxis": "y2"}``, and ``"x"`` / ``"y"`` for the first (as ``add_trace(row=1)`` sets)."""
    suffix = str(n) if n > 1 else ""
    return {"xaxis": "x" + suffix, "yaxis": "y" + suffix}
