"""Reason back on the Gaussian page: EM fitted to the points from the student's choice of start,
stepped, replayed and restarted, against the truth when there is one, and optionally beside k-means.

:class:`mixgen_ui.real_points.FitOnPage` is what the fit's sections share.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from mixgen_core import compare_gaussian_fit, responsibilities
from mixgen_ui.export import points_csv
from mixgen_ui.fit_figures import bic_figure, fit_scatter, loglik_figure, parameter_table
from mixgen_ui.gaussian_settings import BIC_AUTO_POINTS, FIT_TOL, GAUSSIANS as G
from mixgen_ui.real_points import NOBODY_KNOWS, FitOnPage, PointsOnPage, default_fit_k, real_points_csv
from mixgen_ui.settings import next_seed
from mixgen_ui.start_means import OWN
from mixgen_ui.text import md_escape

from . import em_start, kmeans_view, point_reasoning
from .cached import cached_bic, cached_fit_from
from .em_play import play_em
from .charts import show_chart
from .widgets import show, tabs, write


def reason_back(data: PointsOnPage) -> None:
    """EM fitted to the points: from the student's choice of start, stepped, replayed and restarted,
    against the truth when there is one, and optionally beside k-means."""
    st.subheader("Reason back: which Gaussians most likely made these points?")
    st.write("The worksheet's answer to its question: assume the points came from a mixture of Gaussians, and "
             "search for the Gaussians that make these points **most likely**. EM (expectation-maximisation) does "
             "that in steps: guess, colour each point by how likely each guessed Gaussian made it, move each "
             "Gaussian to fit its points, repeat.")
    if not show(st, G["g_fit"]):
        return
    k_col, seed_col = st.columns([3, 1])
    fit_k = show(k_col, G["g_fit_k"], default=default_fit_k(data))
    fit_seed = show(seed_col, G["g_fit_seed"])
    init = em_start.init_choice(on_change=lambda: write(G, g_fit_iter=0))
    own = em_start.own_means_form(data.points, fit_k, lambda: write(G, g_fit_iter=0)) if init == OWN else None
    if init == OWN and own is None:
        return
    try:
        with st.spinner("Fitting…", show_time=True):
            fit, lls = cached_fit_from(data.points, fit_k, fit_seed, own if own is not None else init)
    except ValueError as err:
        st.warning(md_escape(f"EM can't fit these points: {err}"))
        return
    fit_controls(fit.n_iter, fit_seed, own is not None)
    shown = st.session_state.get("g_fit_iter")
    if isinstance(shown, (int, float)) and shown > fit.n_iter:  # kept from a longer fit: its last iteration
        write(G, g_fit_iter=fit.n_iter)
    it = show(st, G["g_fit_iter"], hi=fit.n_iter) if fit.n_iter > 0 else 0
    play_em(data, fit, lls, data.axes)
    state = fit.history[it]
    resp = responsibilities(data.points, state)
    cmp = (compare_gaussian_fit(data.true_means(), data.labels, state.means, np.argmax(resp, axis=1))
           if data.has_truth else None)
    view = FitOnPage(data=data, fit=fit, lls=lls, it=it, seed=fit_seed, k=fit_k, init=init, own=own,
                     state=state, resp=resp, cmp=cmp)
    with_kmeans = show(st, G["g_kmeans"])
    marked = point_reasoning.chosen_point(data.points) if len(data.points) else None
    if with_kmeans:
        em_col, km_col = st.columns(2)
        with em_col:
            st.markdown("**EM: soft assignments**")
            fit_chart(view, marked)
            fit_numbers(view)
        with km_col:
            kmeans_view.kmeans_panel(data, fit, it, cmp)
        kmeans_view.kmeans_verdict(data, fit, it, cmp)
    else:
        plot_col, side_col = st.columns([3, 1])
        with side_col:
            fit_numbers(view)
        with plot_col:
            fit_chart(view, marked)
    point_reasoning.explain_point(data, fit, it, with_kmeans)
    fit_tabs(view)


def fit_chart(view: FitOnPage, marked: int | None) -> None:
    """The points coloured by the fit at the chosen iteration, the truth's ellipses, wrong points ringed, and
    the point whose numbers are written out below (``marked``) in a big ring."""
    data = view.data
    show_chart(fit_scatter, data.points, data.truth, view.state, view.resp, view.cmp, key="g_fit_plot",
               n_points=len(data.points), axes=data.axes, marked=marked,
               truth_name=data.truth_legend,
               chart=dict(on_select="rerun", selection_mode="points"))


def fit_numbers(view: FitOnPage) -> None:
    """Iteration, log-likelihood, agreement with the truth, what the colours mean, convergence."""
    fit, it, cmp, data = view.fit, view.it, view.cmp, view.data
    st.metric("Iteration", f"{it} of {fit.n_iter}",
              help=f"EM stops when the mean log-likelihood gains less than {FIT_TOL:g} in a step.")
    st.metric("Mean log-likelihood", f"{view.lls[it]:.4f}")
    if cmp is not None:
        truth = "true Gaussian" if data.generated else "true group"
        source = "the Gaussian that really drew it" if data.generated else "its own true group"
        st.metric("Points agreeing with the truth", f"{cmp.agreement:.0%}",
                  help=f"Fitted Gaussians and {truth}s are paired one to one, the pairing whose means are "
                       f"closest in total (squared distance), so a fitted Gaussian may be paired with a {truth} "
                       f"other than the nearest; a fitted Gaussian left without one (more fitted than true) "
                       f"agrees on none of its points. A point agrees when its most likely fitted Gaussian "
                       f"is paired with {source}.")
        st.caption("Colours blend where EM is unsure; faint points are uncertain. Ringed points: the fit's "
                   "best guess differs from the true source. Hover a point for its probabilities.")
    else:
        st.caption("Colours blend where EM is unsure; faint points are uncertain. " + NOBODY_KNOWS)
    if fit.converged and it == fit.n_iter:
        st.success("Converged: another step would change almost nothing.")


def fit_controls(n_iter: int, fit_seed: int, own_start: bool) -> None:
    """Step, run, rewind, restart."""
    c1, c2, c3, c4 = st.columns(4)
    c1.button("Step one iteration", icon=":material/skip_next:", width="stretch",
              on_click=lambda: write(G, g_fit_iter=min(int(st.session_state.get("g_fit_iter", 0)) + 1, n_iter)))
    c2.button("Run to convergence", icon=":material/fast_forward:", width="stretch",
              on_click=lambda: write(G, g_fit_iter=n_iter))
    c3.button("Back to the start", icon=":material/replay:", width="stretch",
              on_click=lambda: write(G, g_fit_iter=0))
    c4.button("New initial guess", icon=":material/shuffle:", width="stretch", disabled=own_start,
              on_click=lambda: write(G, g_fit_seed=next_seed(fit_seed), g_fit_iter=0),
              help="Your own means are the start: change them above." if own_start else None)


def fit_tabs(view: FitOnPage) -> None:
    """Log-likelihood, BIC, the true-versus-fitted table and different starts; bound to the URL, so only
    the open tab is drawn."""
    data = view.data
    ll_tab, bic_tab, table_tab, starts_tab = tabs(st, G["g_fit_tab"]).values()
    if ll_tab.open:
        with ll_tab:
            show_chart(loglik_figure, view.lls, view.it, key="g_ll_plot")
            st.caption("EM never lowers the likelihood: each step climbs until it levels off at the top of the hill "
                       "it started on, which need not be the highest. The Different starts tab compares starts.")
    if bic_tab.open:
        with bic_tab:
            if len(data.points) <= BIC_AUTO_POINTS or st.button("Compare K = 1 to 8"):
                try:
                    with st.spinner("Fitting K = 1 to 8…", show_time=True):
                        curve = cached_bic(data.points, view.seed)
                except ValueError as err:
                    st.warning(md_escape(f"BIC cannot compare numbers of Gaussians here: {err}"))
                    return
                st.plotly_chart(bic_figure(curve, data.k_true), width="stretch", key="g_bic_plot")
                st.caption("At their best, more Gaussians always fit the points at least as well (EM may stop short of "
                           "that best: each K here is the better of two fits), so BIC charges for every extra parameter. "
                           "The K with the lowest BIC is the best trade-off.")
    if table_tab.open:
        with table_tab:
            fit_table(view)
    if starts_tab.open:
        with starts_tab:
            shown = "your own means" if view.own is not None else (
                f"k-means++ (seed {view.seed})" if view.init == "k-means++" else f"random points (seed {view.seed})")
            em_start.starts_section(data.points, view.k, view.seed, view.own, shown)


def fit_table(view: FitOnPage) -> None:
    """The fitted Gaussians beside the true ones, and the points with the fit as CSV."""
    data, cmp = view.data, view.cmp
    fitted = np.argmax(view.resp, axis=1)
    if cmp is not None and data.truth is not None:
        st.dataframe(parameter_table(data.truth, view.state, cmp.match, names=data.names), hide_index=True,
                     width="stretch")
    elif cmp is None:
        st.caption(NOBODY_KNOWS + " So there is nothing true to set the fit beside.")
    if data.generated:
        csv_text = points_csv(data.sample, fitted, view.resp, fitted_numbers=cmp.numbers + 1)
    else:
        csv_text = real_points_csv(data, fitted, None if cmp is None else cmp.numbers + 1)
    st.download_button("Download the points with this fit (CSV)", csv_text, "mixgen_points_fit.csv",
                       "text/csv", icon=":material/download:")
