"""The Gaussian page's "one point, reasoned back": a clicked (or numbered) point's E-step, written out.

For the current EM iteration and for the true Gaussians side by side: each Gaussian's weight,
the point's distance from its centre in its own spreads, the density there, weight x density
and its share (the responsibility); with k-means on, the point's distance to each centre.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from mixgen_core import GMMFit, point_posterior, true_params
from mixgen_ui.palette import component_name
from mixgen_ui.point_numbers import kmeans_rows, posterior_rows, why_sentence
from mixgen_ui.real_points import PointsOnPage

#: The fit chart's widget key (pages/gaussians.py draws it with on_select) and the point box's key.
CHART_KEY = "g_fit_plot"
POINT_KEY = "g_point"
_LAST_CLICK = "_g_point_click"


def clicked_point(points: np.ndarray) -> int | None:
    """The index of the point last clicked on the fit chart, if the click is new, else None.

    Matched by its coordinates: the chart also has ellipses and means, which are not points."""
    event = st.session_state.get(CHART_KEY)
    chosen = (event or {}).get("selection", {}).get("points", []) if hasattr(event, "get") else []
    xy = [(p.get("x"), p.get("y")) for p in chosen if isinstance(p, dict)]
    if xy == st.session_state.get(_LAST_CLICK):
        return None
    st.session_state[_LAST_CLICK] = xy
    for x, y in xy:
        if isinstance(x, (int, float)) and isinstance(y, (int, float)):
            hits = np.flatnonzero((points[:, 0] == x) & (points[:, 1] == y))
            if hits.size:
                return int(hits[0])
    return None


def chosen_point(points: np.ndarray) -> int | None:
    """The point to explain, known before the chart is drawn so that the chart can ring it: a new click on
    the chart (it fills in the number box), else the number typed in the box."""
    clicked = clicked_point(points)
    if clicked is not None:
        st.session_state[POINT_KEY] = clicked + 1
    elif (st.session_state.get(POINT_KEY) or 0) > len(points):  # a new sample with fewer points
        st.session_state[POINT_KEY] = None
    number = st.session_state.get(POINT_KEY)
    return None if number is None else int(number) - 1


def choose_point(points: np.ndarray) -> int | None:
    """The number box: a click on the chart above fills it in (see :func:`chosen_point`), or type a number
    (the keyboard path)."""
    n = len(points)
    chosen_point(points)  # a no-op when the chart's caller has already asked: clears a number beyond n
    number = st.number_input(f"Point number (1 to {n:,})", min_value=1, max_value=max(n, 1), value=None, step=1,
                             key=POINT_KEY, placeholder="Click a point above or type its number",
                             help="Clicking a point on the chart fills this in; Tab here and type to choose by number.")
    return None if number is None else int(number) - 1


def posterior_panel(title: str, point: np.ndarray, weights, means, covariances, names) -> None:
    """One mixture's table and the sentence that reads it."""
    post = point_posterior(point, weights, means, covariances)
    st.markdown(f"**{title}**")
    st.table(posterior_rows(post, names), hide_index=True)  # static: its text wraps, so two fit side by side
    st.caption(why_sentence(post, names))


def explain_point(data: PointsOnPage, fit: GMMFit, it: int, with_kmeans: bool) -> None:
    """Choose a point; show Bayes' rule for it with EM's Gaussians at iteration ``it`` and the true ones."""
    if not len(data.points):
        return
    st.markdown("**One point, reasoned back: why does it get these colours?**")
    i = choose_point(data.points)
    if i is None:
        st.caption("Choose a point to see Bayes' rule with its numbers: for each Gaussian, weight × density "
                   "at the point, and each one's share of the total.")
        return
    point = data.points[i]
    st.write(f"Point {i + 1} at ({point[0]:.3g}, {point[1]:.3g}), ringed on the chart. Each Gaussian's **share** "
             "of the point is its weight × density divided by the total over all Gaussians: what EM's colours show.")
    state = fit.history[it]
    panels = [(f"EM, iteration {it}", state.weights, state.means, state.covariances,
               [f"fit {k + 1}" for k in range(state.n_components)])]
    if data.truth is not None:
        params, kept = true_params(data.truth)
        names = [component_name(int(k)) if data.generated else data.names[int(k)] for k in kept]
        panels.append(("The true " + ("Gaussians" if data.generated else "groups (each group's own Gaussian)"),
                       params.weights, params.means, params.covariances, names))
    for column, panel in zip(st.columns(len(panels)), panels):
        with column:
            posterior_panel(panel[0], point, *panel[1:])
    if with_kmeans:
        from mixgen_streamlit.kmeans_view import kmeans_at

        try:
            _, j, km_state, _ = kmeans_at(data, fit, it)
        except ValueError:
            return
        st.markdown(f"**k-means, iteration {j}: plain distance to each centre**")
        st.table(kmeans_rows(point, km_state.centres), hide_index=True)
        st.caption("k-means gives the whole point to its nearest centre; no weights, no spreads, no shares.")
