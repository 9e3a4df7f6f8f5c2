"""Gaussian-mixture page: draw points from a few 2-D Gaussians, look at them with and without
colour, then reason back to the Gaussians with EM. Every setting is declared in
``mixgen_ui/gaussian_settings.py``."""

from mixgen_ui.router import ensure_router

ensure_router()

import numpy as np
import streamlit as st

from mixgen_core import (
    GAUSSIAN_PRESETS,
    GaussianComponent,
    GaussianSample,
    compare_gaussian_fit,
    responsibilities,
    sample_gaussian_mixture,
)
from mixgen_ui.cached import cached_bic, cached_fit
from mixgen_ui.export import points_csv
from mixgen_ui.fit_figures import bic_figure, fit_scatter, loglik_figure, parameter_table
from mixgen_ui.gaussian_figures import mixture_scatter
from mixgen_ui.gaussian_settings import BIC_AUTO_POINTS, FIT_TOL, GAUSSIANS as G, preset_values
from mixgen_ui import guess_points as guess
from mixgen_ui.links import show_link_notices, show_scenario_link
from mixgen_ui.snippets import gaussian_snippet
from mixgen_ui.text import md_escape
from mixgen_ui.widgets import next_seed, show, tabs


def update(**values) -> None:
    """Write settings from a button or menu (whole numbers as int; stored as their widgets keep them)."""
    st.session_state.update(G.values_for_state(values))


def load_preset() -> None:
    update(**preset_values(st.session_state["g_preset"]))
    st.session_state["g_preset"] = None  # a menu of actions, not a setting: the values are in the URL


def mixture_settings(hidden: bool) -> tuple[list[GaussianComponent], int]:
    """The sidebar: a preset menu, each Gaussian's mean, variances, correlation and count, the seed.

    ``hidden`` (a challenge): nothing is drawn; the values are read from the link, as the
    widgets will read them once the challenge is over.
    """
    def value(where, s):
        return guess.url_value(s, st.query_params.get_all(s.key)) if hidden else show(where, s)

    if hidden:
        st.caption("A challenge: the settings are hidden until you check your guess.")
    else:
        st.selectbox("Load a preset", list(GAUSSIAN_PRESETS), index=None, key="g_preset", on_change=load_preset,
                     placeholder="Choose a mixture…",
                     help="The worksheet's example, and a few mixtures that are easy or hard to untangle.")
    k = value(st, G["g_k"])
    if not hidden:
        st.caption(
            "Each Gaussian has a **mean** (the centre of its cloud), **variances** (how far its points "
            "spread along x and along y: the spread squared) and a **correlation** (how much the cloud "
            "leans: 0 is upright, near 1 or -1 is a thin slanted cloud)."
        )
    values = []
    for i in range(k):
        box = st.container() if hidden else st.expander(f"Gaussian {i + 1}", expanded=i == 0)
        with box:
            c1, c2 = (None, None) if hidden else st.columns(2)
            mx, my = value(c1, G.item(i, "mx")), value(c2, G.item(i, "my"))
            vx, vy = value(c1, G.item(i, "vx")), value(c2, G.item(i, "vy"))
            rho, n = value(st, G.item(i, "rho")), value(st, G.item(i, "n"))
        values.append(((mx, my), (vx, vy), rho, n))
    seed = value(st, G["g_seed"])
    if not hidden:
        st.button("New sample", on_click=lambda: update(g_seed=next_seed(seed)),
                  help="Draw fresh points from the same Gaussians (moves the seed on by one).")
    try:
        return [GaussianComponent.from_variances(m, v, r, n) for m, v, r, n in values], seed
    except ValueError as err:
        st.error(f"These settings can't make a mixture: {err}")
        st.stop()


def the_points(sample: GaussianSample, components: list[GaussianComponent], challenge: bool) -> int | None:
    """The scatter, with the worksheet's question when the colours are off. While the student
    guesses the groups (always, on a challenge link), their groups instead: returns how many
    Gaussians they see, or None when they are not guessing."""
    plot_col, side_col = st.columns([3, 1])
    with side_col:
        if challenge:
            coloured, ellipses, guessing = False, False, True
        else:
            coloured = show(st, G["g_colour"])
            ellipses = show(st, G["g_ellipses"], disabled=not coloured)
            guessing = not coloured and show(st, G["g_guess"])
        if coloured:
            st.info("Each colour and marker shape is one Gaussian. Now switch the colours off.")
        elif guessing:
            st.info("**Which points came from the same Gaussian?** Say how many Gaussians you see, pick a "
                    "group, then lasso its points on the chart (or type centres below). Then check your guess.")
        else:
            st.info("**Could you still guess which points came from the same Gaussian?** "
                    "Switch the colours back on to check, or guess the groups yourself.")
        st.metric("Points", f"{len(sample.points):,}")
        k_guess = show(st, G["g_guess_k"]) if guessing else None
        if k_guess and len(sample.points):
            labels = guess.current_labels(st.session_state, "g", sample.points, k_guess)
            guess.group_picker("g", k_guess, labels)
    with plot_col:
        if k_guess and len(sample.points):
            guess.guess_chart("g", sample.points, labels, k_guess)
        else:
            st.plotly_chart(mixture_scatter(sample, components, coloured=coloured, show_ellipses=ellipses),
                            width="stretch", key="g_plot")
    return k_guess


def guess_then_check(sample: GaussianSample, components: list[GaussianComponent], k_guess: int,
                     challenge: bool) -> None:
    """Typed centres, "Check my guess", then the guess scored against the truth and against EM."""
    if not len(sample.points):
        st.caption("There are no points to group: give a Gaussian some points.")
        return
    labels = guess.current_labels(st.session_state, "g", sample.points, k_guess)
    guess.centre_form("g", sample.points, k_guess)
    if not challenge:
        st.caption("Teachers: add `&g_challenge=true` to this page's link (Copy link to this scenario, in the "
                   "sidebar) to set it as a challenge: the colours and settings stay hidden until the check.")
    if not guess.check_button("g", also={"_g_challenge_solved": True} if challenge else None):
        return
    em_seed = int(st.session_state.get("g_fit_seed", G["g_fit_seed"].default))
    you, em = guess.results("g", sample, components, labels, k_guess, em_seed)
    if em is not None and you.n_correct > em.n_correct:
        st.button("New initial guess for EM", icon=":material/shuffle:", key="g_guess_em_again",
                  on_click=lambda: update(g_fit=True, g_fit_seed=next_seed(em_seed), g_fit_iter=0),
                  help="Opens the fit below, started from another initial guess.")


def take_home(sample: GaussianSample, components: list[GaussianComponent], seed: int) -> None:
    """The points as CSV and the numpy code that draws them, made only while the expander is open."""
    with st.expander("Take it home: the data and the code", icon=":material/download:", key="g_home",
                     on_change="rerun") as home:
        if home.open:
            st.download_button("Download the points (CSV)", points_csv(sample), "mixgen_points.csv", "text/csv",
                               icon=":material/download:")
            st.caption("Plain numpy code that draws exactly these points (same settings, same seed):")
            st.code(gaussian_snippet(components, seed), language="python")


def what_am_i_looking_at() -> None:
    with st.expander("What am I looking at?"):
        st.markdown(
            "- A **Gaussian** (normal distribution) in two dimensions makes a cloud of points, densest at its mean.\n"
            "- Its **covariance** is a 2x2 table: the variances of x and y on the diagonal, and how x and y vary "
            "together off it (variance x variance y x correlation, square-rooted).\n"
            "- A **mixture** of Gaussians draws each point from one of them. With colour you see the source; "
            "without it you must reason back from the points alone, which is what fitting a mixture does."
        )


def reason_back(sample: GaussianSample, components: list[GaussianComponent]) -> None:
    """EM fitted to the points: stepped, replayed and restarted, against the truth."""
    st.subheader("Reason back: which Gaussians most likely made these points?")
    st.write("The worksheet's answer to its question: assume the points came from a mixture of Gaussians, and "
             "search for the Gaussians that make these points **most likely**. EM (expectation-maximisation) does "
             "that in steps: guess, colour each point by how likely each guessed Gaussian made it, move each "
             "Gaussian to fit its points, repeat.")
    if not show(st, G["g_fit"]):
        return
    k_col, seed_col = st.columns([3, 1])
    fit_k = show(k_col, G["g_fit_k"], default=len(components))
    fit_seed = show(seed_col, G["g_fit_seed"])
    try:
        with st.spinner("Fitting…", show_time=True):
            fit, lls = cached_fit(sample.points, fit_k, fit_seed)
    except ValueError as err:
        st.warning(md_escape(f"EM can't fit these points: {err}"))
        return
    fit_controls(fit.n_iter, fit_seed)
    it = show(st, G["g_fit_iter"], hi=fit.n_iter) if fit.n_iter > 0 else 0
    state = fit.history[it]
    resp = responsibilities(sample.points, state)
    cmp = compare_gaussian_fit([c.mean for c in components], sample.labels, state.means, np.argmax(resp, axis=1))
    plot_col, side_col = st.columns([3, 1])
    with side_col:
        st.metric("Iteration", f"{it} of {fit.n_iter}",
                  help=f"EM stops when the mean log-likelihood gains less than {FIT_TOL:g} in a step.")
        st.metric("Mean log-likelihood", f"{lls[it]:.4f}")
        st.metric("Points agreeing with the truth", f"{cmp.agreement:.0%}",
                  help="Each fitted Gaussian is matched to the true one it is closest to; a point agrees when "
                       "its most likely fitted Gaussian is matched to the Gaussian that really drew it.")
        st.caption("Colours blend where EM is unsure; faint points are uncertain. Ringed points: the fit's "
                   "best guess differs from the true source. Hover a point for its probabilities.")
        if fit.converged and it == fit.n_iter:
            st.success("Converged: another step would change almost nothing.")
    with plot_col:
        st.plotly_chart(fit_scatter(sample.points, components, state, resp, cmp), width="stretch",
                        key="g_fit_plot")
    fit_tabs(sample, components, lls, it, fit_seed, state, resp, cmp)


def fit_controls(n_iter: int, fit_seed: int) -> None:
    """Step, run, rewind, restart."""
    c1, c2, c3, c4 = st.columns(4)
    c1.button("Step one iteration", icon=":material/skip_next:", width="stretch",
              on_click=lambda: update(g_fit_iter=min(int(st.session_state.get("g_fit_iter", 0)) + 1, n_iter)))
    c2.button("Run to convergence", icon=":material/fast_forward:", width="stretch",
              on_click=lambda: update(g_fit_iter=n_iter))
    c3.button("Back to the start", icon=":material/replay:", width="stretch", on_click=lambda: update(g_fit_iter=0))
    c4.button("New initial guess", icon=":material/shuffle:", width="stretch",
              on_click=lambda: update(g_fit_seed=next_seed(fit_seed), g_fit_iter=0))


def fit_tabs(sample, components, lls, it, fit_seed, state, resp, cmp) -> None:
    """Log-likelihood, BIC and the true-versus-fitted table; bound to the URL, so only the open tab runs."""
    ll_tab, bic_tab, table_tab = tabs(st, G["g_fit_tab"]).values()
    with ll_tab:
        st.plotly_chart(loglik_figure(lls, it), width="stretch", key="g_ll_plot")
        st.caption("EM never lowers the likelihood: each step climbs until it levels off, often at the top of "
                   "a nearby hill rather than the highest one. Try a new initial guess.")
    with bic_tab:
        if bic_tab.open and (len(sample.points) <= BIC_AUTO_POINTS or st.button("Compare K = 1 to 8")):
            with st.spinner("Fitting K = 1 to 8…", show_time=True):
                curve = cached_bic(sample.points, fit_seed)
            st.plotly_chart(bic_figure(curve, len(components)), width="stretch", key="g_bic_plot")
            st.caption("More Gaussians always fit the points better, so BIC charges for every extra parameter. "
                       "The K with the lowest BIC is the best trade-off.")
    with table_tab:
        st.dataframe(parameter_table(components, state, cmp.match), hide_index=True, width="stretch")
        st.download_button("Download the points with this fit (CSV)",
                           points_csv(sample, np.argmax(resp, axis=1), resp, fitted_numbers=cmp.numbers + 1),
                           "mixgen_points_fit.csv", "text/csv", icon=":material/download:")


show_link_notices(G)
# A teacher's challenge link: guessing, with the colours and the settings hidden until the check.
challenge = guess.url_value(G["g_challenge"], st.query_params.get_all("g_challenge"))
hidden = challenge and not st.session_state.get("_g_challenge_solved")
st.title("A mixture of Gaussians")
st.write(
    "A **mixture** makes each point in two steps: first pick one of several Gaussians, then draw "
    "the point from it. Change the Gaussians in the sidebar and look at the points they make."
)
if hidden:
    st.caption("A challenge: the settings are hidden until you check your guess.")
with st.sidebar:
    components, seed = mixture_settings(hidden=hidden)
    link_slot = st.container()
try:
    sample = sample_gaussian_mixture(components, np.random.default_rng(seed))
except ValueError as err:
    st.error(f"These settings can't make a mixture: {err}")
    st.stop()
k_guess = the_points(sample, components, challenge)
if k_guess:
    guess_then_check(sample, components, k_guess, challenge)
if not hidden:
    take_home(sample, components, seed)
what_am_i_looking_at()
if not hidden:
    with link_slot:
        show_scenario_link("gaussians")
    st.divider()
    reason_back(sample, components)
