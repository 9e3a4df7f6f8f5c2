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

Streamlit's chart theme lets every axis widen the figure's margins to hold its tick labels (plotly's
``automargin``), and plotly then draws the whole figure a second time. :func:`figure` asks at once for
the room the tick labels usually take (:func:`label_room`, :func:`bottom_room`), so the browser draws a figure
once; labels that need more still get it, for the price of that second drawing. With those margins no
tick label runs past the chart's edge, so plotly is also spared measuring every label to hide the ones
that would (``ticklabeloverflow="allow"``).
"""

from __future__ import annotations

import math
import os
import re
from html import unescape
from typing import Any, Sequence

import plotly.graph_objects as go

Spec = dict[str, Any]

#: Streamlit's chart theme writes tick labels at 12 px: a character is at most about 7 px wide.
TICK_CHAR_PX = 7
#: Between a y axis' tick labels and the figure's edge and plot: the gaps and the tick.
TICK_PX = 20
#: A y axis' title beside its tick labels: a 14 px line and the theme's gap before it.
AXIS_TITLE_PX = 33
#: Characters of a number on an axis whose range plotly picks ("0.25", "-10", "100%").
NUMBER_CHARS = 4
#: Right of the plot: room for half of the last x tick label.
RIGHT_PX = 24
#: Under the bottom x axis: a line of tick labels (rotated ones, where plotly turns them on a narrow
#: screen, take more and get it as before).
TICK_LINE_PX = 18
#: Over the plot: a row of legend entries set above it (a wrapped row on a narrow screen gets its room as before).
LEGEND_ROW_PX = 42


def checking() -> bool:
    """Whether figures are validated property by property: in the tests, not in the app."""
    return os.environ.get("MIXGEN_CHECK_FIGURES") == "1"


def figure(data: Sequence[Spec], layout: Spec, frames: Sequence[Spec] = ()) -> go.Figure:
    """One ``go.Figure`` from trace dicts, a layout dict and (optionally) frame dicts; every
    property validated by plotly when ``MIXGEN_CHECK_FIGURES=1`` (the tests). The margins are widened
    to hold the tick labels at the left, the right and the bottom, and a legend set above the plot
    (see the module's docstring)."""
    margin = {**layout.get("margin", {})}
    margin["l"] = max(margin.get("l", 0), label_room(layout))
    margin["r"] = max(margin.get("r", 0), RIGHT_PX)
    margin["b"] = max(margin.get("b", 0), bottom_room(layout))
    if _legend_above(layout):
        margin["t"] = max(margin.get("t", 0), LEGEND_ROW_PX)
    layout = {**layout, "margin": margin}
    # Plotly hides a tick label that would run past the chart's edge, measuring every label to find out;
    # with the margins above none does, and drawing them all as they are spares the measuring.
    for key in _axes(layout):
        layout[key] = {"ticklabeloverflow": "allow", **layout.get(key, {})}
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


def _axes(layout: Spec) -> dict[str, Spec]:
    """The layout's x and y axes, with the first pair, which plotly draws even when the layout leaves it out."""
    return {"xaxis": {}, "yaxis": {}, **{k: v for k, v in layout.items()
                                         if k.startswith(("xaxis", "yaxis")) and isinstance(v, dict)}}


def _partner(layout: Spec, key: str, axis: Spec) -> Spec:
    """The axis that ``axis`` (layout key ``key``) is anchored to: its ``anchor``, else the one of its number."""
    other = "xaxis" if key.startswith("y") else "yaxis"
    anchor = axis.get("anchor")
    name = other + anchor[1:] if isinstance(anchor, str) and anchor[:1] in "xy" else other + key[len(other):]
    return _axes(layout).get(name, {})


def _legend_above(layout: Spec) -> bool:
    """Whether the layout sets its legend in a row above the plot (anchored at its bottom, at or over the top)."""
    legend = layout.get("legend") or {}
    return (legend.get("orientation") == "h" and legend.get("yanchor") == "bottom"
            and legend.get("yref", "paper") == "paper" and legend.get("y", 0) >= 1 and layout.get("showlegend") is not False)


def _number_chars(axis: Spec) -> int:
    """Characters of the longest number plotly is likely to write on a numeric ``axis``: worked out from
    its range when it has one (digits, a point and decimals for a step of a fifth of the span, a sign),
    else ``NUMBER_CHARS``."""
    lo, hi = axis.get("range") or (None, None)
    if not (isinstance(lo, (int, float)) and isinstance(hi, (int, float))) or hi <= lo:
        return NUMBER_CHARS
    if axis.get("tickformat") == ".0%":
        return len(f"{max(abs(lo), abs(hi)):.0%}") + (lo < 0)
    decimals = max(0, -math.floor(math.log10((hi - lo) / 5)))
    widest = max(len(f"{v:.{decimals}f}") for v in (lo, hi))
    return widest + len(str(axis.get("tickprefix", ""))) + len(str(axis.get("ticksuffix", "")))


def _edge_axes(layout: Spec, letter: str):
    """The ``letter`` (``"x"`` or ``"y"``) axes whose tick labels sit at the figure's bottom or left edge:
    shown, on their usual side, and in the bottom row or the left column (anchored to an axis whose domain
    starts at 0); panels above or beside others put their labels between the panels."""
    away = "top" if letter == "x" else "right"
    for key, axis in _axes(layout).items():
        if key.startswith(letter + "axis") and axis.get("visible") is not False \
                and axis.get("showticklabels") is not False and axis.get("side") != away \
                and (_partner(layout, key, axis).get("domain") or [0])[0] <= 0:
            yield axis


def _titled(axis: Spec) -> bool:
    return bool((axis.get("title") or {}).get("text"))


def label_room(layout: Spec) -> int:
    """Pixels left of the plot that the tick labels (and titles) of the y axes at the figure's left edge
    take, as Streamlit's chart theme draws them: the left margin that spares plotly a second drawing.
    An axis with its own labels (``ticktext``) takes its longest; a numeric one, :func:`_number_chars`."""
    def chars(axis: Spec) -> int:
        if axis.get("tickmode") != "array":
            return _number_chars(axis)
        return max((len(unescape(re.sub(r"<[^>]*>", "", str(t)))) for t in axis.get("ticktext", [])), default=0)

    return max((TICK_CHAR_PX * chars(axis) + TICK_PX + AXIS_TITLE_PX * _titled(axis)
                for axis in _edge_axes(layout, "y")), default=0)


def bottom_room(layout: Spec) -> int:
    """Pixels under the plot that the bottom x axes' tick labels (one line) and titles take."""
    return max((TICK_LINE_PX + TICK_PX + AXIS_TITLE_PX * _titled(axis) for axis in _edge_axes(layout, "x")),
               default=0)
