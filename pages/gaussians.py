"""Gaussian-mixture page: draw points from a few 2-D Gaussians, look at them with and without
colour, then reason back to the Gaussians with EM. Every setting is declared in
``mixgen_ui/gaussian_settings.py``."""

from mixgen_streamlit.router import ensure_router

ensure_router()

import numpy as np
import streamlit as st

from mixgen_streamlit import faults
from mixgen_core import (
    GAUSSIAN_PRESETS,
    GaussianComponent,
    compare_gaussian_fit,
    responsibilities,
    sample_gaussian_mixture,
)
from mixgen_streamlit.cached import cached_bic, cached_fit_from
from mixgen_streamlit.charts import show_chart
from mixgen_ui.export import points_csv
from mixgen_ui.fit_figures import bic_figure, fit_scatter, groups_scatter, loglik_figure, parameter_table, with_axes
from mixgen_ui.gaussian_figures import mixture_scatter
from mixgen_ui.gaussian_settings import BIC_AUTO_POINTS, FIT_TOL, GAUSSIANS as G, preset_values
from mixgen_streamlit import em_start, guess_points as guess, kmeans_view, real_points as real
from mixgen_ui import guess_points, real_points
from mixgen_streamlit.links import NO_UPLOAD, SAME_SCENARIO, show_link_notices, show_scenario_link
from mixgen_ui.real_points import PointsOnPage
from mixgen_ui.start_means import OWN
from mixgen_ui.snippets import gaussian_snippet, real_points_snippet
from mixgen_ui.text import md_escape
from mixgen_streamlit.widgets import show, tabs
from mixgen_ui.settings import next_seed


def update(**values) -> None:
    """Write settings from a button or menu (whole numbers as int; stored as their widgets keep them)."""
    st.session_state.update(G.values_for_state(values))


def load_preset() -> None:
    update(**preset_values(st.session_state["g_preset"]))
    st.session_state["g_preset"] = None  # a menu of actions, not a setting: the values are in the URL


def mixture_settings(hidden: bool) -> list[GaussianComponent]:
    """The sidebar: a preset menu, each Gaussian's mean, variances, correlation and count.

    ``hidden`` (a challenge): nothing is drawn; the values are read from the link, as the
    widgets will read them once the challenge is over.
    """
    if hidden:
        st.caption("A challenge: the settings are hidden until you check your guess.")
    else:
        st.selectbox("Load a preset", list(GAUSSIAN_PRESETS), index=None, key="g_preset", on_change=load_preset,
                     placeholder="Choose a mixture…",
                     help="The worksheet's example, and a few mixtures that are easy or hard to untangle.")
    k = url_or_widget(st, G["g_k"], hidden)
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
            mx, my = (url_or_widget(col, G.item(i, f), hidden) for col, f in ((c1, "mx"), (c2, "my")))
            vx, vy = (url_or_widget(col, G.item(i, f), hidden) for col, f in ((c1, "vx"), (c2, "vy")))
            rho, n = (url_or_widget(st, G.item(i, f), hidden) for f in ("rho", "n"))
        values.append(((mx, my), (vx, vy), rho, n))
    try:
        return [GaussianComponent.from_variances(m, v, r, n) for m, v, r, n in values]
    except ValueError as err:
        st.error(f"These settings can't make a mixture: {err}")
        st.stop()


def url_or_widget(where, s, hidden: bool):
    """A setting's value: from its widget, or (settings hidden by a challenge) from the link."""
    return guess_points.url_value(s, st.query_params.get_all(s.key)) if hidden else show(where, s)


def sample_controls(hidden: bool) -> int:
    """The seed and "New sample", beside the points they draw (so a new sample reruns only the points
    and what follows from them, not the sidebar)."""
    seed = url_or_widget(st, G["g_seed"], hidden)
    if not hidden:
        st.button("New sample", on_click=lambda: update(g_seed=next_seed(seed)), width="stretch",
                  help="Draw fresh points from the same Gaussians (moves the seed on by one).")
    return seed


def the_points(data: PointsOnPage, challenge: bool, plot_col, side_col) -> int | None:
    """The scatter, with the worksheet's question when the colours are off. While the student
    guesses the groups (always, on a challenge link), their groups instead: returns how many
    Gaussians they see, or None when they are not guessing. Without a truth (Old Faithful, a file
    without a group column) there is nothing to colour by or to check a guess against."""
    with side_col:
        if challenge:
            coloured, ellipses, guessing = False, False, True
        elif not data.has_truth:
            coloured, ellipses, guessing = False, False, False
        else:
            coloured = show(st, G["g_colour"])
            ellipses = show(st, G["g_ellipses"], disabled=not coloured or data.truth is None)
            guessing = not coloured and data.truth is not None and show(st, G["g_guess"])
        if not data.has_truth:
            st.info("**Could you guess which points belong together?** Nobody can check: no one labelled "
                    "these points. Reason back with EM below.")
        elif coloured:
            st.info("Each colour and marker shape is one " + ("Gaussian" if data.generated else "true group")
                    + ". Now switch the colours off.")
        elif guessing:
            st.info("**Which points came from the same " + ("Gaussian?** Say how many Gaussians" if data.generated
                    else "group?** Say how many groups") + " you see, pick a group, then lasso its points on the "
                    "chart (or type centres below). Then check your guess.")
        else:
            st.info("**Could you still guess which points came from the same " + ("Gaussian" if data.generated
                    else "group") + "?** Switch the colours back on to check, or guess the groups yourself.")
        st.metric("Points", f"{len(data.points):,}")
        real.groups_legend(data)
        k_guess = show(st, G["g_guess_k"]) if guessing else None
        if k_guess and len(data.points):
            labels = guess_points.current_labels(st.session_state, "g", data.points, k_guess)
            guess.group_picker("g", k_guess, labels)
    with plot_col:
        if k_guess and len(data.points):
            guess.guess_chart("g", data.points, labels, k_guess, axes(data))
        elif data.generated:
            show_chart(mixture_scatter, data.sample, data.truth, coloured=coloured, show_ellipses=ellipses,
                       key="g_plot", n_points=len(data.points))
        else:
            fig = groups_scatter(data.points, data.labels, data.names, data.truth, coloured=coloured,
                                 show_ellipses=ellipses)
            st.plotly_chart(with_axes(fig, *axes(data)),
                            width="stretch", key="g_plot")
    return k_guess


def axes(data: PointsOnPage) -> guess.Axes:
    """Axis titles, and one scale for both axes unless they measure different things (unstandardised data)."""
    return data.x_label, data.y_label, data.generated or data.standardised


def guess_then_check(data: PointsOnPage, k_guess: int, challenge: bool) -> None:
    """Typed centres, "Check my guess", then the guess scored against the truth and against EM."""
    sample, components = data.sample, data.truth
    if not len(sample.points):
        st.caption("There are no points to group: give a Gaussian some points.")
        return
    labels = guess_points.current_labels(st.session_state, "g", sample.points, k_guess)
    guess.centre_form("g", sample.points, k_guess)
    if not challenge:
        st.caption("Teachers: add **&g_challenge=true** to this page's link (Copy link to this scenario, beside "
                   "the points) to set it as a challenge: the colours and settings stay hidden until the check.")
    if not guess.check_button("g", also={"_g_challenge_solved": True} if challenge else None):
        return
    em_seed = int(st.session_state.get("g_fit_seed", G["g_fit_seed"].default))
    you, em = guess.results("g", sample, components, labels, k_guess, em_seed,
                            names=() if data.generated else data.names, axes=axes(data))
    if em is not None and you.n_correct > em.n_correct:
        st.button("New initial guess for EM", icon=":material/shuffle:", key="g_guess_em_again",
                  on_click=lambda: update(g_fit=True, g_fit_seed=next_seed(em_seed), g_fit_iter=0),
                  help="Opens the fit below, started from another initial guess.")


def take_home(data: PointsOnPage, components: list[GaussianComponent], seed: int) -> None:
    """The points as CSV and the code that draws (or loads) them, made only while the expander is open."""
    with st.expander("Take it home: the data and the code", icon=":material/download:", key="g_home",
                     on_change="rerun") as home:
        if home.open and data.generated:
            st.download_button("Download the points (CSV)", points_csv(data.sample), "mixgen_points.csv",
                               "text/csv", icon=":material/download:")
            st.caption("Plain numpy code that draws exactly these points (same settings, same seed):")
            st.code(gaussian_snippet(components, seed), language="python")
        elif home.open:
            st.download_button("Download the points (CSV)", real_points.real_points_csv(data), "mixgen_real_points.csv",
                               "text/csv", icon=":material/download:",
                               help="The first lines say where the data come from and under which licence.")
            st.caption("Python that loads the same columns:")
            st.code(real_points_snippet(*real.snippet_arguments(data)), language="python")


def what_am_i_looking_at() -> None:
    with st.expander("What am I looking at?"):
        st.markdown(
            "- A **Gaussian** (normal distribution) in two dimensions makes a cloud of points, densest at its mean.\n"
            "- Its **covariance** is a 2x2 table: the variances of x and y on the diagonal, and how x and y vary "
            "together off it (variance x variance y x correlation, square-rooted).\n"
            "- A **mixture** of Gaussians draws each point from one of them. With colour you see the source; "
            "without it you must reason back from the points alone, which is what fitting a mixture does."
        )


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
    fit_k = show(k_col, G["g_fit_k"], default=real_points.default_fit_k(data))
    fit_seed = show(seed_col, G["g_fit_seed"])
    init = em_start.init_choice(on_change=lambda: update(g_fit_iter=0))
    own = em_start.own_means_form(data.points, fit_k, lambda: update(g_fit_iter=0)) if init == OWN else None
    if init == OWN and own is None:
        return
    try:
        with st.spinner("Fitting…", show_time=True):
            fit, lls = cached_fit_from(data.points, fit_k, fit_seed, own if own is not None else init)
    except ValueError as err:
        st.warning(md_escape(f"EM can't fit these points: {err}"))
        return
    fit_controls(fit.n_iter, fit_seed, own is not None)
    it = show(st, G["g_fit_iter"], hi=fit.n_iter) if fit.n_iter > 0 else 0
    state = fit.history[it]
    resp = responsibilities(data.points, state)
    cmp = (compare_gaussian_fit(data.true_means(), data.labels, state.means, np.argmax(resp, axis=1))
           if data.has_truth else None)
    with_kmeans = show(st, G["g_kmeans"])

    def fit_chart() -> None:
        show_chart(fit_scatter, data.points, data.truth, state, resp, cmp, key="g_fit_plot",
                   n_points=len(data.points), axes=axes(data),
                   truth_name="true Gaussians (2 sd)" if data.generated else "true groups (2 sd)")

    if with_kmeans:
        em_col, km_col = st.columns(2)
        with em_col:
            st.markdown("**EM: soft assignments**")
            fit_chart()
            fit_numbers(fit, lls, it, cmp)
        with km_col:
            kmeans_view.kmeans_panel(data, fit, it, cmp)
        kmeans_view.kmeans_verdict(data, fit, it, cmp)
    else:
        plot_col, side_col = st.columns([3, 1])
        with side_col:
            fit_numbers(fit, lls, it, cmp)
        with plot_col:
            fit_chart()
    fit_tabs(data, lls, it, fit_seed, fit_k, init, own, state, resp, cmp)


def fit_numbers(fit, lls, it, cmp) -> None:
    """Iteration, log-likelihood, agreement with the truth, what the colours mean, convergence."""
    st.metric("Iteration", f"{it} of {fit.n_iter}",
              help=f"EM stops when the mean log-likelihood gains less than {FIT_TOL:g} in a step.")
    st.metric("Mean log-likelihood", f"{lls[it]:.4f}")
    if cmp is not None:
        st.metric("Points agreeing with the truth", f"{cmp.agreement:.0%}",
                  help="Each fitted Gaussian is matched to the true one it is closest to; a point agrees when "
                       "its most likely fitted Gaussian is matched to the Gaussian that really drew it.")
        st.caption("Colours blend where EM is unsure; faint points are uncertain. Ringed points: the fit's "
                   "best guess differs from the true source. Hover a point for its probabilities.")
    else:
        st.caption("Colours blend where EM is unsure; faint points are uncertain. " + real_points.NOBODY_KNOWS)
    if fit.converged and it == fit.n_iter:
        st.success("Converged: another step would change almost nothing.")


def fit_controls(n_iter: int, fit_seed: int, own_start: bool) -> None:
    """Step, run, rewind, restart."""
    c1, c2, c3, c4 = st.columns(4)
    c1.button("Step one iteration", icon=":material/skip_next:", width="stretch",
              on_click=lambda: update(g_fit_iter=min(int(st.session_state.get("g_fit_iter", 0)) + 1, n_iter)))
    c2.button("Run to convergence", icon=":material/fast_forward:", width="stretch",
              on_click=lambda: update(g_fit_iter=n_iter))
    c3.button("Back to the start", icon=":material/replay:", width="stretch", on_click=lambda: update(g_fit_iter=0))
    c4.button("New initial guess", icon=":material/shuffle:", width="stretch", disabled=own_start,
              on_click=lambda: update(g_fit_seed=next_seed(fit_seed), g_fit_iter=0),
              help="Your own means are the start: change them above." if own_start else None)


def fit_tabs(data: PointsOnPage, lls, it, fit_seed, fit_k, init, own, state, resp, cmp) -> None:
    """Log-likelihood, BIC, the true-versus-fitted table and different starts; bound to the URL, so only
    the open tab is drawn."""
    ll_tab, bic_tab, table_tab, starts_tab = tabs(st, G["g_fit_tab"]).values()
    if ll_tab.open:
        with ll_tab:
            show_chart(loglik_figure, lls, it, key="g_ll_plot")
            st.caption("EM never lowers the likelihood: each step climbs until it levels off, often at the top of "
                       "a nearby hill rather than the highest one. Try a new initial guess.")
    if bic_tab.open:
        with bic_tab:
            if len(data.points) <= BIC_AUTO_POINTS or st.button("Compare K = 1 to 8"):
                with st.spinner("Fitting K = 1 to 8…", show_time=True):
                    curve = cached_bic(data.points, fit_seed)
                st.plotly_chart(bic_figure(curve, data.k_true), width="stretch", key="g_bic_plot")
                st.caption("More Gaussians always fit the points better, so BIC charges for every extra parameter. "
                           "The K with the lowest BIC is the best trade-off.")
    if table_tab.open:
        with table_tab:
            fit_table(data, state, resp, cmp)
    if starts_tab.open:
        with starts_tab:
            shown = "your own means" if own is not None else (
                f"k-means++ (seed {fit_seed})" if init == "k-means++" else f"random points (seed {fit_seed})")
            em_start.starts_section(data.points, fit_k, fit_seed, own, shown)


def fit_table(data: PointsOnPage, state, resp, cmp) -> None:
    """The fitted Gaussians beside the true ones, and the points with the fit as CSV."""
    fitted = np.argmax(resp, axis=1)
    if cmp is not None and data.truth is not None:
        st.dataframe(parameter_table(data.truth, state, cmp.match, names=data.names), hide_index=True,
                     width="stretch")
    elif cmp is None:
        st.caption(real_points.NOBODY_KNOWS + " So there is nothing true to set the fit beside.")
    if data.generated:
        csv_text = points_csv(data.sample, fitted, resp, fitted_numbers=cmp.numbers + 1)
    else:
        csv_text = real_points.real_points_csv(data, fitted, None if cmp is None else cmp.numbers + 1)
    st.download_button("Download the points with this fit (CSV)", csv_text, "mixgen_points_fit.csv",
                       "text/csv", icon=":material/download:")


def scenario_link(kind: str) -> None:
    """The copyable link; with an uploaded file, one that says it carries no data."""
    show_scenario_link(G, "gaussians", NO_UPLOAD if kind == real_points.UPLOAD else SAME_SCENARIO)


def generated_points(components: list[GaussianComponent], seed: int) -> PointsOnPage:
    try:
        sample = sample_gaussian_mixture(components, np.random.default_rng(seed))
    except ValueError as err:
        st.error(f"These settings can't make a mixture: {err}")
        st.stop()
    return real_points.generated_points(sample, components)


@st.fragment
@faults.guarded  # a fragment rerun does not pass through the router
def the_points_and_what_follows(kind: str, components: list[GaussianComponent] | None, data: PointsOnPage | None,
                                challenge: bool, hidden: bool) -> None:
    """Everything drawn from the points. A fragment: "New sample", the colour toggles, a guess and
    every step of the fit rerun only this part of the page, not the sidebar's settings."""
    if hidden and st.session_state.get("_g_challenge_solved"):
        st.rerun(scope="app")  # the check reveals the settings: the sidebar must be drawn again
    plot_col, side_col = st.columns([3, 1])
    seed = None
    if kind == real_points.GENERATED:
        with side_col:
            seed = sample_controls(hidden)
        data = generated_points(components, seed)
    elif data is None:
        with side_col:
            scenario_link(kind)
        return
    k_guess = the_points(data, challenge, plot_col, side_col)
    if k_guess:
        guess_then_check(data, k_guess, challenge)
    if not hidden:
        take_home(data, components, seed)
    what_am_i_looking_at()
    if not hidden:
        with side_col:
            scenario_link(kind)
        st.divider()
        reason_back(data)


show_link_notices(G)
# A teacher's challenge link: guessing, with the colours and the settings hidden until the check.
challenge = guess_points.url_value(G["g_challenge"], st.query_params.get_all("g_challenge"))
hidden = challenge and not st.session_state.get("_g_challenge_solved")
st.title("A mixture of Gaussians")
st.write(
    "A **mixture** makes each point in two steps: first pick one of several Gaussians, then draw "
    "the point from it. Change the Gaussians in the sidebar and look at the points they make."
)
if hidden:
    st.caption("A challenge: the settings are hidden until you check your guess.")
with st.sidebar:
    kind = real.data_choice(hidden)
if kind == real_points.UPLOAD:
    real.upload_section()
with st.sidebar:
    components, data = (mixture_settings(hidden), None) if kind == real_points.GENERATED else (None, real.real_settings(kind))
if kind != real_points.GENERATED:
    challenge = False
    real.upload_problem()
    if data is not None:
        real.about_the_data(data)
the_points_and_what_follows(kind, components, data, challenge, hidden)
