"""Gaussian-mixture page: draw points from a few 2-D Gaussians and look at them with and without colour."""

from mixgen_ui.router import ensure_router

ensure_router()

import numpy as np
import streamlit as st

from mixgen_core import (
    GAUSSIAN_PRESETS,
    MAX_COMPONENTS,
    GaussianComponent,
    align_components,
    relabel,
    responsibilities,
    sample_gaussian_mixture,
)
from mixgen_ui.cached import cached_bic, cached_fit
from mixgen_ui.export import aligned_numbers, points_csv
from mixgen_ui.snippets import gaussian_snippet
from mixgen_ui.fit_figures import bic_figure, fit_scatter, fitted_colour_index, loglik_figure, parameter_table
from mixgen_ui.gaussian_figures import mixture_scatter
from mixgen_ui.gaussian_state import (
    BIC_AUTO_POINTS,
    FIELDS,
    FIT_TOL,
    SETTINGS,
    apply_preset,
    component_defaults,
    component_key,
    link_param,
)
from mixgen_ui.text import md_escape
from mixgen_ui.links import show_link_notices, show_scenario_link
from mixgen_ui.widgets import next_seed, seed_input, whole_number_input

URL = dict(bind="query-params")
show_link_notices(link_param, "g_k", SETTINGS["g_k"], 3)

st.title("A mixture of Gaussians")
st.write(
    "A **mixture** makes each point in two steps: first pick one of several Gaussians, then draw "
    "the point from it. Change the Gaussians in the sidebar and look at the points they make."
)


def _load_preset() -> None:
    apply_preset(st.session_state, st.session_state["g_preset"])
    st.session_state["g_preset"] = None  # a menu of actions, not a setting: the values are in the URL


with st.sidebar:
    st.selectbox("Load a preset", list(GAUSSIAN_PRESETS), index=None, key="g_preset", on_change=_load_preset,
                 placeholder="Choose a mixture…",
                 help="The worksheet's example, and a few mixtures that are easy or hard to untangle.")
    k = st.slider("Number of Gaussians", int(SETTINGS["g_k"].lo), int(SETTINGS["g_k"].hi), value=3, key="g_k", **URL)
    st.caption(
        "Each Gaussian has a **mean** (the centre of its cloud), **variances** (how far its points "
        "spread along x and along y: the spread squared) and a **correlation** (how much the cloud "
        "leans: 0 is upright, near 1 or -1 is a thin slanted cloud)."
    )
    values = []
    for i in range(k):
        d = component_defaults(i)

        def number(col, label, field, **kw):
            spec = FIELDS[field]
            return col.number_input(label, spec.lo, spec.hi, value=float(d[field]),
                                    key=component_key(i, field), **URL, **kw)

        with st.expander(f"Gaussian {i + 1}", expanded=i == 0):
            c1, c2 = st.columns(2)
            mx, my = number(c1, "mean x", "mx", step=0.5), number(c2, "mean y", "my", step=0.5)
            vx = number(c1, "variance x", "vx", step=0.05, format="%.3f")
            vy = number(c2, "variance y", "vy", step=0.05, format="%.3f")
            rho = st.slider("correlation", FIELDS["rho"].lo, FIELDS["rho"].hi, value=float(d["rho"]), step=0.05,
                            key=component_key(i, "rho"), **URL)
            n = whole_number_input(st, "points", 0, int(FIELDS["n"].hi), d["n"], component_key(i, "n"),
                                   help=f"How many points to draw from this Gaussian (at most {int(FIELDS['n'].hi):,}).")
        values.append(((mx, my), (vx, vy), rho, n))
    seed = seed_input(st, "Random seed", "g_seed",
                      help="The same seed and settings always draw the same points.")
    st.button("New sample", on_click=lambda: st.session_state.update(g_seed=next_seed(seed)),
              help="Draw fresh points from the same Gaussians (moves the seed on by one).")
    link_slot = st.container()

try:
    components = [GaussianComponent.from_variances(m, v, r, n) for m, v, r, n in values]
    sample = sample_gaussian_mixture(components, np.random.default_rng(seed))
except ValueError as err:
    st.error(f"These settings can't make a mixture: {err}")
    st.stop()

plot_col, side_col = st.columns([3, 1])
with side_col:
    coloured = st.toggle("Colour by source", value=True, key="g_colour", **URL,
                         help="Show which Gaussian each point came from (colour and marker shape).")
    ellipses = st.checkbox("Show the true Gaussians", value=False, key="g_ellipses", disabled=not coloured, **URL,
                           help="Ellipses at 1 and 2 standard deviations around each Gaussian's mean.")
    if coloured:
        st.info("Each colour and marker shape is one Gaussian. Now switch the colours off.")
    else:
        st.info("**Could you still guess which points came from the same Gaussian?** "
                "Switch the colours back on to check.")
    st.metric("Points", f"{len(sample.points):,}")
with plot_col:
    st.plotly_chart(mixture_scatter(sample, components, coloured=coloured, show_ellipses=ellipses),
                    width="stretch", key="g_plot")

# Lazy: the CSV and the highlighted code are only made while the expander is open.
with st.expander("Take it home: the data and the code", icon=":material/download:", key="g_home",
                 on_change="rerun") as home:
    if home.open:
        st.download_button("Download the points (CSV)", points_csv(sample), "mixgen_points.csv", "text/csv",
                           icon=":material/download:")
        st.caption("Plain numpy code that draws exactly these points (same settings, same seed):")
        st.code(gaussian_snippet(components, seed), language="python")

with st.expander("What am I looking at?"):
    st.markdown(
        "- A **Gaussian** (normal distribution) in two dimensions makes a cloud of points, densest at its mean.\n"
        "- Its **covariance** is a 2x2 table: the variances of x and y on the diagonal, and how x and y vary "
        "together off it (variance x variance y x correlation, square-rooted).\n"
        "- A **mixture** of Gaussians draws each point from one of them. With colour you see the source; "
        "without it you must reason back from the points alone, which is what fitting a mixture does."
    )

with link_slot:
    show_scenario_link("gaussians")

st.divider()
st.subheader("Reason back: which Gaussians most likely made these points?")
st.write("The worksheet's answer to its question: assume the points came from a mixture of Gaussians, and "
         "search for the Gaussians that make these points **most likely**. EM (expectation-maximisation) does "
         "that in steps: guess, colour each point by how likely each guessed Gaussian made it, move each "
         "Gaussian to fit its points, repeat.")
if st.toggle("Fit a mixture with EM", value=False, key="g_fit", **URL):
    k_col, seed_col = st.columns([3, 1])
    fit_k = k_col.slider("Gaussians to fit", 1, MAX_COMPONENTS, value=min(k, MAX_COMPONENTS), key="g_fit_k", **URL,
                         help="EM must be told how many Gaussians to look for. The BIC chart below helps choose.")
    fit_seed = seed_input(seed_col, "Fit seed", "g_fit_seed",
                          help="Seeds EM's initial guess; the same seed always gives the same fit.")
    try:
        with st.spinner("Fitting…", show_time=True):
            fit, lls = cached_fit(sample.points, fit_k, fit_seed)
    except ValueError as err:
        st.warning(md_escape(f"EM can't fit these points: {err}"))
        st.stop()
    c1, c2, c3, c4 = st.columns(4)
    c1.button("Step one iteration", icon=":material/skip_next:", width="stretch", disabled=False,
              on_click=lambda: st.session_state.update(g_fit_iter=min(st.session_state.get("g_fit_iter", 0) + 1, fit.n_iter)))
    c2.button("Run to convergence", icon=":material/fast_forward:", width="stretch",
              on_click=lambda: st.session_state.update(g_fit_iter=fit.n_iter))
    c3.button("Back to the start", icon=":material/replay:", width="stretch",
              on_click=lambda: st.session_state.update(g_fit_iter=0))
    c4.button("New initial guess", icon=":material/shuffle:", width="stretch",
              on_click=lambda: st.session_state.update(g_fit_seed=next_seed(fit_seed), g_fit_iter=0))
    if fit.n_iter > 0:
        it = st.slider("Iteration shown", 0, fit.n_iter, value=0, key="g_fit_iter", **URL,
                       help="Replay the fit: 0 is the initial guess.")
    else:
        it = 0
    state = fit.history[it]
    resp = responsibilities(sample.points, state)
    match = align_components(np.array([c.mean for c in components]), state.means)
    order = fitted_colour_index(match, fit_k)
    fitted_as = relabel(np.argmax(resp, axis=1), match)
    disagree = fitted_as != sample.labels
    agree = 1.0 - float(disagree.mean()) if len(disagree) else 1.0
    plot_col, side_col = st.columns([3, 1])
    with side_col:
        st.metric("Iteration", f"{it} of {fit.n_iter}", help=f"EM stops when the mean log-likelihood gains less than {FIT_TOL:g} in a step.")
        st.metric("Mean log-likelihood", f"{lls[it]:.4f}")
        st.metric("Points agreeing with the truth", f"{agree:.0%}",
                  help="Each fitted Gaussian is matched to the true one it is closest to; a point agrees when "
                       "its most likely fitted Gaussian is matched to the Gaussian that really drew it.")
        st.caption("Colours blend where EM is unsure; faint points are uncertain. Ringed points: the fit's "
                   "best guess differs from the true source. Hover a point for its probabilities.")
        if fit.converged and it == fit.n_iter:
            st.success("Converged: another step would change almost nothing.")
    with plot_col:
        st.plotly_chart(fit_scatter(sample.points, components, state, resp, order, disagree),
                        width="stretch", key="g_fit_plot")
    # Bound to the URL, the tabs run lazily: the BIC fits only happen when their tab is open.
    ll_tab, bic_tab, table_tab = st.tabs(["Log-likelihood", "Choosing K (BIC)", "True vs fitted"],
                                         key="g_fit_tab", **URL)
    with ll_tab:
        st.plotly_chart(loglik_figure(lls, it), width="stretch", key="g_ll_plot")
        st.caption("EM never lowers the likelihood: each step climbs until it levels off, often at the top of "
                   "a nearby hill rather than the highest one. Try a new initial guess.")
    with bic_tab:
        if bic_tab.open and (len(sample.points) <= BIC_AUTO_POINTS or st.button("Compare K = 1 to 8")):
            with st.spinner("Fitting K = 1 to 8…", show_time=True):
                curve = cached_bic(sample.points, fit_seed)
            st.plotly_chart(bic_figure(curve, k), width="stretch", key="g_bic_plot")
            st.caption("More Gaussians always fit the points better, so BIC charges for every extra parameter. "
                       "The K with the lowest BIC is the best trade-off.")
    with table_tab:
        st.dataframe(parameter_table(components, state, match), hide_index=True, width="stretch")
        st.download_button("Download the points with this fit (CSV)",
                           points_csv(sample, np.argmax(resp, axis=1), resp,
                                      fitted_numbers=aligned_numbers(match, fit_k)),
                           "mixgen_points_fit.csv", "text/csv", icon=":material/download:")
