"""EM on the Gaussian page played in the browser: one frame per iteration (plotly frames, no rerun per
frame): the points re-coloured by their responsibilities, the fitted ellipses and means moving, and
the mean log-likelihood drawn as it climbs.

A frame carries each point's colour, so a frame costs about eight bytes per point: the frames are
thinned so that frames x points stays under ``MAX_FRAME_POINTS`` (and at most ``MAX_EM_FRAMES``
frames), and above ``MAX_PLAY_POINTS`` points there is no animation at all (the slider still steps).
"""

from __future__ import annotations

from html import escape
from typing import Sequence

import numpy as np
import plotly.graph_objects as go

from mixgen_core import GaussianComponent, GMMParams, compare_gaussian_fit, ellipse_points, responsibilities

from .figure_parts import Spec, title
from .fit_figures import _truth_ellipses, blended_colours
from .gibbs_figures import _animated, _controls, _floats
from .gibbs_play import TITLE_TOP_PX, pixel_rows
from .gibbs_view import frame_sweeps
from .palette import NEUTRAL, colour

#: Most frames (iterations shown) of the animation.
MAX_EM_FRAMES = 60
#: Most point colours in all frames together (about 0.5 MB of JSON).
MAX_FRAME_POINTS = 60_000
#: Above this many points EM is not animated.
MAX_PLAY_POINTS = 3_000
#: Milliseconds per iteration while playing.
EM_FRAME_MS = 500
#: The scatter's and the log-likelihood panel's heights, and the gap between them, in pixels.
SCATTER_PX, LL_PX, LL_GAP_PX = 380, 110, 90


def playable(n_points: int) -> bool:
    """Whether EM on ``n_points`` points is animated (see ``MAX_PLAY_POINTS``)."""
    return 0 < n_points <= MAX_PLAY_POINTS


def frame_iterations(n_iter: int, n_points: int) -> list[int]:
    """The iterations shown, 0 (the initial guess) and ``n_iter`` included, evenly spaced, within the caps."""
    most = max(2, min(MAX_EM_FRAMES, MAX_FRAME_POINTS // max(n_points, 1)))
    return frame_sweeps(n_iter, most)


def _range(values: np.ndarray) -> list[float]:
    lo, hi = float(values.min()), float(values.max())
    pad = max((hi - lo) * 0.05, 1e-9)
    return [lo - pad, hi + pad]


def em_animation(points: np.ndarray, history: Sequence[GMMParams], log_likelihoods: Sequence[float],
                 true_components: Sequence[GaussianComponent] | None, true_labels: np.ndarray | None,
                 iterations: Sequence[int], axes: tuple[str, str, bool], *,
                 truth_name: str = "true Gaussians (2 sd)") -> go.Figure:
    """One frame per iteration in ``iterations`` (0 is the initial guess).

    Parameters
    ----------
    points : array of shape (N, 2)
    history : EM's states, ``history[i]`` after iteration i (``GMMFit.history``)
    log_likelihoods : the mean log-likelihood of each state of ``history``
    true_components, true_labels : the truth (its ellipses drawn dotted; colours and the title's share
        follow it), or None when nobody knows it
    iterations : increasing, from 0 (see :func:`frame_iterations`)
    axes : the x and y axis titles (user text: escaped here) and whether both axes share one scale
    truth_name : the truth's legend entry: real data have true groups, not Gaussians that drew them
    """
    ll = np.asarray(log_likelihoods, dtype=float)
    k = history[0].n_components
    true_means = None if true_components is None else np.array([c.mean for c in true_components])

    def state(it: int) -> tuple[np.ndarray, np.ndarray, float | None]:
        """Each point's colour, each fitted component's colour number, and the share agreeing with the truth."""
        params = history[it]
        resp = responsibilities(points, params)
        if true_means is None or true_labels is None:
            return np.asarray(blended_colours(resp, np.arange(k))), np.arange(k), None
        cmp = compare_gaussian_fit(true_means, true_labels, params.means, np.argmax(resp, axis=1))
        return np.asarray(blended_colours(resp, cmp.numbers)), cmp.numbers, float(cmp.agreement)

    states = [state(it) for it in iterations]
    layout, plot = pixel_rows([(1, SCATTER_PX, 0), (1, LL_PX, LL_GAP_PX)])

    def ellipses(i: int) -> list[Spec]:
        params, numbers = history[iterations[i]], states[i][1]
        out = []
        for c in range(k):
            e = ellipse_points(params.means[c], params.covariances[c], 2.0)
            out.append({"type": "scatter", "x": _floats(e[:, 0]), "y": _floats(e[:, 1]),
                        "line": {"color": colour(int(numbers[c])), "width": 2, "dash": "dash"}})
        return out

    def moving(i: int) -> list[Spec]:
        it = iterations[i]
        means = history[it].means
        return [{"type": "scatter", "marker": {"color": states[i][0].tolist(), "size": 8,
                                               "line": {"width": 0.5, "color": "white"}}},
                *ellipses(i),
                {"type": "scatter", "x": _floats(means[:, 0]), "y": _floats(means[:, 1])},
                {"type": "scatter", "x": list(iterations[: i + 1]), "y": _floats(ll[list(iterations[: i + 1])])},
                {"type": "scatter", "x": [it], "y": [float(ll[it])]}]

    def frame_title(i: int) -> str:
        it, share = iterations[i], states[i][2]
        head = "the initial guess" if it == 0 else f"iteration {it} of {iterations[-1]}"
        # Two short lines: one line of both was cut off at a phone's width.
        return head + ("" if share is None else f"<br>{share:.0%} of points agree with the truth")

    truth = _truth_ellipses(true_components, truth_name)
    for t in truth:
        t.update(xaxis="x", yaxis="y")
    now = moving(0)
    data: list[Spec] = [*truth,
                        {**now[0], "x": _floats(points[:, 0]), "y": _floats(points[:, 1]), "mode": "markers",
                         "name": "points", "hoverinfo": "skip", "xaxis": "x", "yaxis": "y"}]
    for c in range(k):
        data.append({**now[1 + c], "mode": "lines", "name": "fitted (2 sd)", "legendgroup": "fit",
                     "showlegend": c == 0, "hoverinfo": "skip", "xaxis": "x", "yaxis": "y"})
    data.append({**now[1 + k], "mode": "markers", "name": "fitted means", "xaxis": "x", "yaxis": "y",
                 "marker": {"symbol": "x", "size": 14, "color": "#808080", "line": {"width": 1.5, "color": "white"}},
                 "hovertemplate": "fitted mean %{x:.3f}, %{y:.3f}<extra></extra>"})
    data.append({**now[2 + k], "mode": "lines", "line": {"color": NEUTRAL}, "showlegend": False,
                 "hoverinfo": "skip", "xaxis": "x2", "yaxis": "y2"})
    data.append({**now[3 + k], "mode": "markers", "marker": {"size": 10, "color": NEUTRAL}, "showlegend": False,
                 "hovertemplate": "iteration %{x}: %{y:.4f}<extra></extra>", "xaxis": "x2", "yaxis": "y2"})
    first = len(truth)
    moved = list(range(first, len(data)))
    frames = [{"name": str(it), "data": moving(i), "traces": moved, "layout": {"title": {"text": frame_title(i)}}}
              for i, it in enumerate(iterations)]
    # Fixed ranges that hold every frame's ellipses, so the view does not jump while playing.
    every = [points] + [ellipse_points(history[it].means[c], history[it].covariances[c], 2.0)
                        for it in iterations for c in range(k)]
    every += [ellipse_points(c.mean, c.cov, 2.0) for c in (true_components or ())]
    allxy = np.vstack(every)
    layout["xaxis"].update(range=_range(allxy[:, 0]), title=title(escape(axes[0])))
    layout["yaxis"].update(range=_range(allxy[:, 1]), title=title(escape(axes[1])))
    if axes[2]:  # a round Gaussian looks round
        layout["yaxis"].update(scaleanchor="x", scaleratio=1)
    layout["xaxis2"].update(range=[-0.5, iterations[-1] + 0.5], title=title("iteration"))
    layout["yaxis2"].update(range=_range(ll[list(iterations)]), title=title("log-lik."))
    controls = _controls([str(it) for it in iterations], 0, "iteration ", EM_FRAME_MS, top=TITLE_TOP_PX + 100, plot=plot, axis=50)
    layout.update(title=dict(text=frame_title(0), font=dict(size=15), x=0, xanchor="left", y=1, yref="container",
                             yanchor="top", pad=dict(t=TITLE_TOP_PX)),
                  legend=dict(orientation="h", x=0, xanchor="left", yref="container", y=1 - (TITLE_TOP_PX + 50) / controls["height"],
                              yanchor="top", font=dict(size=12)),
                  annotations=[{"text": "mean log-likelihood per point", "xref": "paper", "yref": "paper", "x": 0.5,
                                "y": layout["yaxis2"]["domain"][1], "xanchor": "center", "yanchor": "bottom",
                                "showarrow": False, "font": {"size": 14}}],
                  **controls)
    return _animated(data, layout, frames)
