"""Gaussian-mixture page: draw points from a few 2-D Gaussians, look at them with and without
colour, then reason back to the Gaussians with EM. Every setting is declared in
``mixgen_ui/gaussian_settings.py``."""

from mixgen_streamlit.router import ensure_router

ensure_router()

import numpy as np
import streamlit as st

from mixgen_core import GAUSSIAN_PRESETS, GaussianComponent, sample_gaussian_mixture
from mixgen_streamlit import guess_points as guess
from mixgen_streamlit import real_points as real
from mixgen_streamlit import faults
from mixgen_streamlit.charts import show_chart
from mixgen_streamlit.em_fit import reason_back
from mixgen_streamlit.guess_count import CHALLENGE_SETS_ASIDE, guess_k
from mixgen_streamlit.links import NO_UPLOAD, SAME_SCENARIO, link_value, show_link_notices, show_scenario_link
from mixgen_streamlit.widgets import show, write
from mixgen_ui import guess_points, real_points
from mixgen_ui.export import points_csv
from mixgen_ui.fit_figures import with_axes
from mixgen_ui.gaussian_figures import groups_scatter
from mixgen_ui.gaussian_settings import GAUSSIANS as G
from mixgen_ui.gaussian_settings import preset_values
from mixgen_ui.real_points import PointsOnPage
from mixgen_ui.settings import next_seed
from mixgen_ui.snippets import gaussian_snippet, real_points_snippet
from mixgen_ui.url_params import CHALLENGE_CAPTION, Challenge
from mixgen_streamlit import challenge_builder, classroom


def load_preset() -> None:
    write(G, **preset_values(st.session_state["g_preset"]))
    st.session_state["g_preset"] = None  # a menu of actions, not a setting: the values are in the URL


def mixture_settings(hidden: bool) -> list[GaussianComponent]:
    """The sidebar: a preset menu, each Gaussian's mean, variances, correlation and count.

    ``hidden`` (a challenge): nothing is drawn; the values are read from the link, as the
    widgets will read them once the challenge is over.
    """
    if hidden:
        st.caption(CHALLENGE_CAPTION)
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
    return link_value(s) if hidden else show(where, s)


def sample_controls(hidden: bool) -> int:
    """The seed and "New sample", beside the points they draw (so a new sample reruns only the points
    and what follows from them, not the sidebar)."""
    seed = url_or_widget(st, G["g_seed"], hidden)
    if not hidden:
        st.button("New sample", on_click=lambda: write(G, g_seed=next_seed(seed)), width="stretch",
                  help="Draw fresh points from the same Gaussians (moves the seed on by one).")
    return seed


def the_points(data: PointsOnPage, challenge: Challenge, plot_col, side_col) -> int | None:
    """The scatter, with the worksheet's question when the colours are off. While the student
    guesses the groups (always, on a challenge link), their groups instead: returns how many
    Gaussians they see, or None when they are not guessing. Without a truth (Old Faithful, a file
    without a group column) there is nothing to colour by or to check a guess against."""
    with side_col:
        if challenge.on:
            coloured, ellipses, guessing = False, False, True
        elif not data.has_truth:
            coloured, ellipses, guessing = False, False, False
        else:
            coloured = show(st, G["g_colour"])
            ellipses = show(st, G["g_ellipses"], disabled=not coloured or data.truth is None,
                            **({} if data.generated else {"label": "Show each group's Gaussian",
                                                              "help": "Ellipses at 1 and 2 standard deviations of a "
                                                              "Gaussian fitted to each true group's points."}))
            guessing = not coloured and data.truth is not None and show(st, G["g_guess"])
        if guessing:  # other points than the ones guessed: no answer stands, for any line below
            guess_points.forget_old_guess(st.session_state, "g", data.points)
        checked = bool(st.session_state.get(guess_points.key("g", "checked")))
        if not data.has_truth:
            st.info("**Could you guess which points belong together?** Nobody can check: no one labelled "
                    "these points. Reason back with EM below.")
        elif coloured:
            st.info("Each colour and marker shape is one " + ("Gaussian" if data.generated else "true group")
                    + ". Now switch the colours off.")
        elif guessing:
            st.info(guess_points.guess_prompt(checked, "Gaussian" if data.generated else "group"))
        else:
            st.info("**Could you still guess which points came from the same " + ("Gaussian" if data.generated
                    else "group") + "?** Switch the colours back on to check, or guess the groups yourself.")
        st.metric("Points", f"{len(data.points):,}")
        real.groups_legend(data)
        k_guess = guess_k(challenge.on, checked) if guessing else None
        if k_guess and len(data.points):
            labels = guess_points.current_labels(st.session_state, "g", data.points, k_guess)
            if not checked:
                guess.group_picker("g", k_guess, labels)
    with plot_col:
        if k_guess and len(data.points):
            guess.guess_chart("g", data.points, labels, k_guess, data.axes, selectable=not checked)
        elif data.generated:
            show_chart(groups_scatter, data.points, data.labels, data.names, data.truth, coloured=coloured,
                       show_ellipses=ellipses, key="g_plot", n_points=len(data.points))
        else:
            fig = groups_scatter(data.points, data.labels, data.names, data.truth, coloured=coloured,
                                 show_ellipses=ellipses)
            st.plotly_chart(with_axes(fig, *data.axes),
                            width="stretch", key="g_plot")
    return k_guess


def guess_then_check(data: PointsOnPage, k_guess: int, challenge: Challenge) -> None:
    """Typed centres, "Check my guess", then the guess scored against the truth and against EM."""
    sample, components = data.sample, data.truth
    if not len(sample.points):
        st.caption("There are no points to group: give a Gaussian some points.")
        return
    labels = guess_points.current_labels(st.session_state, "g", sample.points, k_guess)
    if not st.session_state.get(guess_points.key("g", "checked")):
        guess.centre_form("g", sample.points, k_guess)
    classroom.member_note(bool(st.session_state.get("g_guess_checked")))
    if not challenge.on:
        st.caption("Teachers: add **&g_challenge=true** to this page's link (Copy link to this scenario, beside "
                   "the points) to set it as a challenge: the colours and settings stay hidden until the check.")
    if not guess.check_button("g", also={"_g_challenge_solved": True} if challenge.on else None):
        return
    em_seed = int(st.session_state.get("g_fit_seed", G["g_fit_seed"].default))
    you, _, better = guess.results("g", sample, components, labels, k_guess, em_seed,
                                   names=() if data.generated else data.names, axes=data.axes)
    classroom.report_points_guess(you, k_guess)
    with st.container(horizontal=True, gap="small"):
        if better is not None:  # another start climbs higher and puts more points right
            init, start_seed = better
            st.button("Fit EM from that start", icon=":material/shuffle:", key="g_guess_em_again",
                      on_click=lambda: write(G, g_fit=True, g_fit_init=init, g_fit_seed=start_seed, g_fit_iter=0),
                      help=f"Opens the fit below, started from {init} (seed {start_seed}).")
        st.button("Guess again", key="g_guess_again", icon=":material/replay:", on_click=guess.uncheck,
                  args=("g",), help="Hide the answer and change your groups.")


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
            "- Its **covariance** is a 2-by-2 table: the variances of x and of y on the diagonal, and on both "
            "off-diagonal places how x and y vary together: the correlation times the square root of "
            "(the variance of x times the variance of y).\n"
            "- A **mixture** of Gaussians draws each point from one of them. With colour you see the source; "
            "without it you must reason back from the points alone, which is what fitting a mixture does."
        )


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
                                challenge: Challenge) -> None:
    """Everything drawn from the points. A fragment: "New sample", the colour toggles, a guess and
    every step of the fit rerun only this part of the page, not the sidebar's settings."""
    if challenge.hidden and st.session_state.get("_g_challenge_solved"):
        st.rerun(scope="app")  # the check reveals the settings: the sidebar must be drawn again
    plot_col, side_col = st.columns([3, 1])
    seed = None
    if kind == real_points.GENERATED:
        with side_col:
            seed = sample_controls(challenge.hidden)
        data = generated_points(components, seed)
    elif data is None:
        with side_col:
            scenario_link(kind)
        return
    k_guess = the_points(data, challenge, plot_col, side_col)
    if k_guess:
        guess_then_check(data, k_guess, challenge)
    if not challenge.hidden:
        take_home(data, components, seed)
        if data.generated:
            challenge_builder.gaussian_builder(data.sample, components)
    what_am_i_looking_at()
    if not challenge.hidden:
        with side_col:
            scenario_link(kind)
        st.divider()
        reason_back(data)


# A teacher's challenge link: guessing, with the colours and the settings hidden until the check.
challenge = Challenge.of(link_value(G["g_challenge"]), solved=bool(st.session_state.get("_g_challenge_solved")))
show_link_notices(G, set_aside=CHALLENGE_SETS_ASIDE if challenge.on else ())
st.title("A mixture of Gaussians")
if challenge.hidden:
    st.caption(CHALLENGE_CAPTION)
with st.sidebar:
    kind = real.data_choice(challenge.hidden)
if kind == real_points.GENERATED:
    st.write("A **mixture** makes points from several Gaussians. Like the worksheet, this page draws a fixed "
             "number of points from each Gaussian (its *points* setting), so each Gaussian's weight is its share "
             "of the points. (A mixture can also pick each point's Gaussian at random, by those weights: the "
             "shares then vary a little from sample to sample.)"
             + ("" if challenge.hidden else " Change the Gaussians in the sidebar and look at the points they make."))
else:
    st.write("Here the points are real measurements: nobody drew them from Gaussians. A mixture of Gaussians "
             "is a model of them, and reasoning back asks which Gaussians would most likely have made them.")
if kind == real_points.UPLOAD:
    real.upload_section()
with st.sidebar:
    components, data = ((mixture_settings(challenge.hidden), None) if kind == real_points.GENERATED
                        else (None, real.real_settings(kind)))
if kind != real_points.GENERATED:
    challenge = Challenge()  # a challenge is about generated points (the data menu is hidden on one)
    real.upload_problem()
    if data is not None:
        real.about_the_data(data)
the_points_and_what_follows(kind, components, data, challenge)
