"""Plotly figures built from plain dicts in one go.

Plotly validates every property it is handed. Building a figure step by step (``add_trace``,
``add_hline``, ``update_layout(xaxis_title=...)``) validates, copies and re-parses property
paths at every step, and on our pages that was most of a script run: the die-frequency chart
took 67 ms that way and 6 ms from dicts. So a figure function collects its traces, layout and
frames as dicts (``{"type": "scatter", "x": ..., ...}``) and calls :func:`figure` once.

Even that one validation is half of what is left (the scatter of the points: 13 ms validated,
4 ms not), so the app skips it and the tests do it: ``tests/conftest.py`` sets
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
