"""k-means beside EM: Lloyd's algorithm from EM's own initial means, stepped with the same
iteration slider, hard clusters next to EM's blended responsibilities."""

from __future__ import annotations

import numpy as np
import streamlit as st

from mixgen_core import FitComparison, GMMFit, compare_gaussian_fit
from mixgen_ui.fit_figures import kmeans_scatter, with_axes
from mixgen_ui.real_points import PointsOnPage

from .cached import cached_kmeans

WHY_KMEANS_FAILS = (
    "k-means gives every point wholly to its nearest centre, as if every cloud were round and all of the same "
    "size. EM gives each Gaussian its own spread, slant and weight, and lets a point belong partly to two. So "
    "where clouds are elongated or of very different sizes, k-means tends to cut straight across them where EM "
    "need not (though EM too can stop on a poor fit from a poor start): "
    "try the **Elongated and correlated** and **Touching clouds** presets."
)


def start_of(fit: GMMFit) -> tuple[tuple[float, float], ...]:
    """EM's initial means as a hashable start for k-means (the same start for both)."""
    return tuple((float(x), float(y)) for x, y in fit.history[0].means.tolist())


def kmeans_at(data: PointsOnPage, fit: GMMFit, it: int):
    """k-means from EM's start, its state at iteration ``it`` (or its last, if it stopped sooner),
    and that state's comparison with the truth (None when nobody knows it)."""
    km = cached_kmeans(data.points, fit.history[0].n_components, start_of(fit))
    j = min(it, km.n_iter)
    state = km.history[j]
    cmp = (compare_gaussian_fit(data.true_means(), data.labels, state.centres, np.asarray(state.labels))
           if data.has_truth else None)
    return km, j, state, cmp


def kmeans_panel(data: PointsOnPage, fit: GMMFit, it: int, em_cmp: FitComparison | None) -> None:
    """The k-means chart and its numbers, for the column beside EM's."""
    try:
        km, j, state, cmp = kmeans_at(data, fit, it)
    except ValueError as err:
        st.warning(f"k-means can't run on these points: {err}")
        return
    st.markdown("**k-means: hard clusters**")
    fig = with_axes(kmeans_scatter(data.points, data.truth, state.centres, np.asarray(state.labels), cmp,
                                   truth_name=data.truth_legend),
                    *data.axes)
    st.plotly_chart(fig, width="stretch", key="g_kmeans_plot")
    st.metric("k-means iteration", f"{j} of {km.n_iter}",
              help="k-means steps with EM's slider; when it has stopped, its last state stays on screen. Its "
                   "steps are Lloyd's point moves: each point goes to its nearest centre, then each centre "
                   "moves to the mean of its points; where that gets stuck, single points are moved one at a time.")
    if state.step == "move":
        st.caption(f"Step {j}: Lloyd had stopped, but {state.moved} point{'s' if state.moved != 1 else ''} moved "
                   "to another cluster, one at a time, each where it lowered the total squared distance most (or "
                   "on the way to a bigger fall). Moving a point moves both means, so a point can be nearer its "
                   "own centre yet better off in another cluster: a move Lloyd's steps never make. Lloyd goes on "
                   "from the new centres.")
    if cmp is not None:
        st.metric("k-means: points agreeing with the truth", f"{cmp.agreement:.0%}")
    st.caption("Each point in one cluster's colour, no blending: k-means never says it is unsure. Ringed: the "
               "cluster differs from the true group.")


def kmeans_verdict(data: PointsOnPage, fit: GMMFit, it: int, em_cmp: FitComparison | None) -> None:
    """Who agrees more with the truth here (only once both have stopped; the sentence is chosen by
    :func:`mixgen_ui.verdicts.kmeans_verdict`), then why k-means can fail where EM does not."""
    from mixgen_streamlit.verdict_view import show_verdict
    from mixgen_ui.verdicts import KMeansFacts, kmeans_verdict as choose, round_and_alike

    if em_cmp is not None:
        try:
            km, j, _, cmp = kmeans_at(data, fit, it)
        except ValueError:
            cmp = None
        if cmp is not None:
            n = len(data.points)
            show_verdict(choose(KMeansFacts(
                n=n, em_right=round(em_cmp.agreement * n), km_right=round(cmp.agreement * n),
                em_done=bool(fit.converged) and it >= fit.n_iter, km_done=bool(km.converged) and j >= km.n_iter,
                # Only the Gaussians that drew points make the clouds on screen.
                round_alike=round_and_alike([c.cov for c in data.truth if c.count > 0]) if data.generated else None)))
    st.caption(WHY_KMEANS_FAILS)
