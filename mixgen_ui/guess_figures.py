"""Plotly figures for "guess the groups": the student's grouping while they make it, and after the check.

Every point trace carries each point's sample index in ``customdata``, so a lasso or box
selection maps back to the sample whatever traces the figure happens to have.

Traces and layouts are plain dicts, validated once by :func:`~mixgen_ui.figure_parts.figure`
(see :mod:`mixgen_ui.figure_parts` for why).
"""

from __future__ import annotations

from typing import Mapping

import numpy as np
import plotly.graph_objects as go

from mixgen_core import PartitionScore

from .figure_parts import Spec, figure
from .gaussian_figures import _base_layout, _scatter_type
from .palette import COLOURS, NEUTRAL, colour, symbol

#: Ring around a point put in the wrong group (the same ring as EM's disagreements in fit_figures).
WRONG_RING = "#b00020"
UNASSIGNED_NAME = "not in a group yet"


def group_name(i: int) -> str:
    """The name people see for guessed group ``i`` (0-based), counting from 1."""
    return f"Group {i + 1}"


def _points_trace(points: np.ndarray, index: np.ndarray, name: str, *, fill: str, shape: str,
                  hover: str, scatter: str) -> Spec:
    return dict(
        type=scatter, x=points[index, 0], y=points[index, 1], mode="markers", name=name, customdata=index,
        marker=dict(color=fill, symbol=shape, size=8, line=dict(width=0.5, color="white")),
        hovertemplate=f"{hover}<br>x=%{{x:.3f}}<br>y=%{{y:.3f}}<extra></extra>",
    )


def _unassigned_trace(points: np.ndarray, index: np.ndarray, scatter: str) -> Spec:
    # Open circles in the plain colour of the one-colour view: "nothing decided yet".
    return dict(
        type=scatter, x=points[index, 0], y=points[index, 1], mode="markers", name=UNASSIGNED_NAME, customdata=index,
        marker=dict(color=NEUTRAL, symbol="circle-open", size=8, line=dict(width=1.5, color=NEUTRAL)),
        hovertemplate=f"{UNASSIGNED_NAME}<br>x=%{{x:.3f}}<br>y=%{{y:.3f}}<extra></extra>",
    )


def guess_figure(points: np.ndarray, labels: np.ndarray,
                 centres: Mapping[int, tuple[float, float]] | None = None) -> go.Figure:
    """The points as the student has grouped them so far, ready for lasso and box selection.

    Parameters
    ----------
    points : array of shape (N, 2)
    labels : int array of shape (N,)
        Each point's guessed group (0-based), -1 for a point in no group yet.
    centres : mapping of group -> (x, y), optional
        Centres the student typed; each is drawn as a labelled cross in its group's colour.

    Only non-empty traces are drawn: unassigned points first (open grey circles), then one
    trace per group in its palette colour and marker shape. ``customdata`` holds the points'
    indices into ``points``.
    """
    scatter = _scatter_type(len(points))
    data: list[Spec] = []
    free = np.flatnonzero(labels < 0)
    if free.size or not len(points):
        data.append(_unassigned_trace(points, free, scatter))
    for g in np.unique(labels[labels >= 0]).tolist():
        data.append(_points_trace(points, np.flatnonzero(labels == g), group_name(g), fill=colour(g),
                                    shape=symbol(g), hover=group_name(g), scatter=scatter))
    if centres:
        groups = sorted(centres)
        data.append(dict(
            type="scatter", x=[centres[g][0] for g in groups], y=[centres[g][1] for g in groups], mode="markers+text",
            name="your centres", text=[f"centre {g + 1}" for g in groups], textposition="top center",
            marker=dict(symbol="x-thin-open", size=18, color=[colour(g) for g in groups], line=dict(width=3)),
            textfont=dict(color="#808080"), hoverinfo="skip",
        ))
    return figure(data, _base_layout(dragmode="lasso", clickmode="event+select", showlegend=True))


def checked_figure(points: np.ndarray, labels: np.ndarray, score: PartitionScore) -> go.Figure:
    """The student's grouping after the check, each group in the colour of the true Gaussian it
    was matched to (so it lines up with the truth drawn beside it); wrong points ringed.

    Parameters
    ----------
    points : array of shape (N, 2)
    labels : int array of shape (N,), -1 for unassigned
    score : PartitionScore of ``labels`` against the truth (its ``matching`` and ``correct``)
    """
    scatter = _scatter_type(len(points))
    data: list[Spec] = []
    free = np.flatnonzero(labels < 0)
    if free.size:
        data.append(_unassigned_trace(points, free, scatter))
    used = {t for t in score.matching.values() if t >= 0}
    spare = iter(i for i in range(len(COLOURS)) if i not in used)  # colours for unmatched groups
    for g in sorted(score.matching):
        t = score.matching[g]
        c = t if t >= 0 else next(spare, len(COLOURS) - 1)
        name = f"your {group_name(g).lower()}" + (f" = Gaussian {t + 1}" if t >= 0 else " (matched to none)")
        data.append(_points_trace(points, np.flatnonzero(labels == g), name, fill=colour(c), shape=symbol(c),
                                    hover=name, scatter=scatter))
    wrong = np.flatnonzero(~np.asarray(score.correct))
    if wrong.size:
        data.append(dict(
            type=scatter, x=points[wrong, 0], y=points[wrong, 1], mode="markers", name="in the wrong group (or none)",
            marker=dict(symbol="circle-open", size=16, color=WRONG_RING, line=dict(width=2)), hoverinfo="skip",
        ))
    return figure(data, _base_layout(showlegend=True))
