"""Plotly figures for the Gaussian-mixture page.

Traces and layouts are plain dicts, validated once by :func:`~mixgen_ui.figure_parts.figure`
(see :mod:`mixgen_ui.figure_parts` for why); :func:`_base_layout` and :func:`ellipse_trace` are
shared with :mod:`mixgen_ui.fit_figures` and :mod:`mixgen_ui.guess_figures`.
"""

from __future__ import annotations

from html import escape
from typing import Sequence

import numpy as np
import plotly.graph_objects as go

from mixgen_core import GaussianComponent, ellipse_points

from .figure_parts import Spec, figure, title
from .palette import NEUTRAL, colour, component_name, symbol

#: Standard deviations at which true-component ellipses are drawn.
ELLIPSE_SDS = (1.0, 2.0)
#: Up to this many points the scatter is SVG; above it, WebGL. SVG redraws a small cloud about
#: twice as fast and needs no WebGL context (software-rendered on a computer without a usable GPU,
#: and a classroom of such browsers is what bench/load_test.py measures).
SVG_MAX_POINTS = 2000


def _scatter_type(n_points: int) -> str:
    """The trace type for a cloud of ``n_points``: SVG when small, WebGL when large."""
    return "scatter" if n_points <= SVG_MAX_POINTS else "scattergl"


def _base_layout(**extra) -> Spec:
    """The layout every point chart shares, plus ``extra`` top-level layout properties."""
    return {
        # The legend goes under the plot: above it, plotly's toolbar would cover it once it wraps
        # to two lines on a phone. The top margin leaves the toolbar room of its own.
        "margin": dict(l=10, r=10, t=36, b=10),
        "height": 520,
        "legend": dict(orientation="h", yanchor="top", y=-0.14, xanchor="left", x=0),
        "xaxis": {"title": title("x")},
        # Equal scales, so a round Gaussian looks round.
        "yaxis": {"title": title("y"), "scaleanchor": "x", "scaleratio": 1},
        **extra,
    }


def ellipse_trace(mean: np.ndarray, cov: np.ndarray, n_sd: float, *, name: str, line_colour: str,
                  dash: str = "solid", legendgroup: str | None = None, showlegend: bool = False) -> Spec:
    """A closed curve at ``n_sd`` standard deviations around a Gaussian (a scatter trace dict); an empty
    curve for one too wide to draw (EM's start from a mean typed a million away from the points has a
    spread of about a million: the curve would not be on the chart anyway)."""
    try:
        pts = ellipse_points(mean, cov, n_sd)
    except ValueError:
        pts = np.empty((0, 2))
    trace: Spec = dict(
        type="scatter", x=pts[:, 0], y=pts[:, 1], mode="lines", name=name,
        showlegend=showlegend, hoverinfo="skip", line=dict(color=line_colour, width=1.5, dash=dash),
    )
    if legendgroup is not None:
        trace["legendgroup"] = legendgroup
    return trace


def groups_scatter(points: np.ndarray, labels: np.ndarray | None, names: Sequence[str],
                   truth: Sequence[GaussianComponent] | None, *, coloured: bool,
                   show_ellipses: bool = False) -> go.Figure:
    """The worksheet's two plots in one: points coloured by their true group, or all in one colour.

    Parameters
    ----------
    points : float array of shape (N, 2)
    labels : int array of shape (N,), each point's true group; None when nobody knows them
    names : sequence of str
        Each group's name ("Gaussian 1", a penguin species, a value of an uploaded file: user
        text, escaped here).
    truth : sequence of GaussianComponent, or None
        Each group's Gaussian (for the ellipses).
    coloured : bool
        True: one trace per group, with its own colour and marker shape. False (and whenever
        ``labels`` is None): a single trace in one neutral colour, with nothing that gives the
        source away.
    show_ellipses : bool
        Draw each group's Gaussian at ``ELLIPSE_SDS`` standard deviations (coloured view, with a truth).
    """
    data: list[Spec] = []
    scatter = _scatter_type(len(points))
    if coloured and labels is not None:
        for k, name in enumerate(names):
            sel = labels == k
            label = escape(name)
            data.append(dict(
                type=scatter, x=points[sel, 0], y=points[sel, 1], mode="markers", name=label, legendgroup=str(k),
                marker=dict(color=colour(k), symbol=symbol(k), size=8, line=dict(width=0.5, color="white")),
                hovertemplate=f"{label}<br>x=%{{x:.3f}}<br>y=%{{y:.3f}}<extra></extra>",
            ))
            if show_ellipses and truth is not None:
                for n_sd, dash in zip(ELLIPSE_SDS, ("solid", "dot")):
                    data.append(ellipse_trace(truth[k].mean, truth[k].cov, n_sd, name=f"{label}, {n_sd:g} sd",
                                              line_colour=colour(k), dash=dash, legendgroup=str(k)))
    else:
        data.append(dict(
            type=scatter, x=points[:, 0], y=points[:, 1], mode="markers", name="points",
            marker=dict(color=NEUTRAL, size=8, line=dict(width=0.5, color="white")),
            hovertemplate="x=%{x:.3f}<br>y=%{y:.3f}<extra></extra>",
        ))
    return figure(data, _base_layout(showlegend=coloured and labels is not None))


def components_figure(components: Sequence[GaussianComponent], names: Sequence[str]) -> go.Figure:
    """Each Gaussian before any point is drawn: its mean (a cross) and its ellipses at ``ELLIPSE_SDS``
    standard deviations (a point it draws lands inside them with chance about 39% and 86%).

    Parameters
    ----------
    components : sequence of K GaussianComponent
    names : sequence of K str (escaped here)
    """
    data: list[Spec] = []
    for k, (c, name) in enumerate(zip(components, names)):
        label = escape(name)
        data.append(dict(type="scatter", x=[float(c.mean[0])], y=[float(c.mean[1])], mode="markers", name=label,
                         legendgroup=str(k), marker=dict(color=colour(k), symbol="x-thin", size=14,
                                                         line=dict(width=3, color=colour(k))),
                         hovertemplate=f"{label}: mean (%{{x:.2f}}, %{{y:.2f}})<extra></extra>"))
        for n_sd, dash in zip(ELLIPSE_SDS, ("solid", "dot")):
            data.append(ellipse_trace(c.mean, c.cov, n_sd, name=f"{label}, {n_sd:g} sd", line_colour=colour(k),
                                      dash=dash, legendgroup=str(k)))
    return figure(data, _base_layout(showlegend=True))


def component_names(k: int) -> list[str]:
    """The names of ``k`` generated Gaussians, as :func:`groups_scatter` takes them."""
    return [component_name(i) for i in range(k)]
