"""Follow the worksheet, first half: points from three Gaussians, with and without colour, then reasoning back."""

from mixgen_streamlit.router import ensure_router

ensure_router()

import numpy as np
import streamlit as st

from mixgen_core import compare_gaussian_fit, preset_components, responsibilities, sample_gaussian_mixture
from mixgen_streamlit import guess_points as guess
from mixgen_streamlit.cached import cached_fit
from mixgen_streamlit.guide import back_next, step_picker, worksheet_gaussian_code
from mixgen_streamlit.widgets import show
from mixgen_ui import guess_points
from mixgen_ui.fit_figures import fit_scatter, parameter_table
from mixgen_ui.gaussian_figures import component_names, components_figure, groups_scatter
from mixgen_ui.gaussian_settings import DEFAULT_PRESET, GUIDE
from mixgen_ui.palette import component_name
from mixgen_ui.settings import next_seed

TITLES = ["Draw the points", "Colour them by source", "All in one colour", "The question", "Reason back"]

st.title("Follow the worksheet: points from Gaussians")
st.caption("Five short steps through the first half of the worksheet. Use Next, or jump to any step.")

with st.sidebar:
    seed = show(st, GUIDE["gg_seed"])


def _draw_again(seed: int) -> None:
    st.session_state.update(GUIDE.values_for_state({"gg_seed": next_seed(seed)}))
    guess.start_over("gg")


components = preset_components(DEFAULT_PRESET)
sample = sample_gaussian_mixture(components, np.random.default_rng(seed))
step = step_picker("gg", TITLES)

if step == 1:
    st.write("A **Gaussian** makes a cloud of points around its **mean**; its **covariance** is a 2-by-2 table: "
             "the top-left number is the **variance** along x (how far the cloud spreads, squared), the "
             "bottom-right the variance along y, and the two off-diagonal numbers say how x and y move together "
             "(0 here: these clouds do not lean). The worksheet picks three:")
    st.code(worksheet_gaussian_code(), language=None, wrap_lines=True)
    st.write("Where each Gaussian sits: its mean (the cross), and ellipses one and two standard deviations out. "
             "A point it draws lands inside the solid ellipse with chance about 39%, inside the dotted one about 86%.")
    st.plotly_chart(components_figure(components, component_names(len(components))), width="stretch",
                    key="gg_components_plot")
    st.write(f"Here are the {len(sample.points)} points drawn, 20 from each Gaussian. "
             "Press the button to draw a fresh set from the same three Gaussians.")
    st.button("Draw again", key="gg_draw", icon=":material/casino:", on_click=_draw_again, args=(seed,),
              help="Moves the random seed (in the sidebar) on by one.")
    st.dataframe({"drawn from": [component_name(int(i)) for i in sample.labels],
                  "x": np.round(sample.points[:, 0], 3), "y": np.round(sample.points[:, 1], 3)},
                 hide_index=True, height=250, key="gg_table")
elif step == 2:
    st.write("The worksheet plots the points coloured by source: each Gaussian's points in their own colour "
             "(green, red, blue there; here colours that colour-blind readers can tell apart, plus a marker shape).")
    st.plotly_chart(groups_scatter(sample.points, sample.labels, component_names(len(components)), components,
                                   coloured=True), width="stretch", key="gg_coloured_plot")
elif step == 3:
    st.write("Now the same points, all in one colour: this is all you would see of real data, "
             "which never tells you where each point came from.")
    st.plotly_chart(groups_scatter(sample.points, sample.labels, component_names(len(components)), components,
                                   coloured=False), width="stretch", key="gg_plain_plot")
elif step == 4:
    guess_points.forget_old_guess(st.session_state, "gg", sample.points)
    checked = bool(st.session_state.get(guess_points.key("gg", "checked")))
    st.write(guess_points.CHECKED_PROMPT if checked else
             "Look at the one-colour plot. Could you still guess which points came from the same Gaussian? "
             "Try it: say how many Gaussians you see, then put the points in groups (lasso them on the chart, "
             "or type a centre for each group). Then check your guess.")
    k_guess = show(st, GUIDE["gg_guess_k"], disabled=checked)
    labels = guess_points.current_labels(st.session_state, "gg", sample.points, k_guess)
    if not checked:
        plot_col, side_col = st.columns([3, 1])
        with side_col:
            guess.group_picker("gg", k_guess, labels)
        with plot_col:
            guess.guess_chart("gg", sample.points, labels, k_guess)
        guess.centre_form("gg", sample.points, k_guess)
    if guess.check_button("gg"):
        guess.results("gg", sample, components, labels, k_guess, em_seed=seed)
        st.caption("Where clouds touch, a point could have come from either: step 5 reasons back with "
                   "probabilities, which say how likely each source is.")
        st.button("Guess again", key="gg_again", icon=":material/replay:", on_click=guess.start_over, args=("gg",))
elif step == 5:
    st.write("The worksheet's answer: assume the points came from three Gaussians and search for the three that "
             "make these points **most likely**. EM does that search. Dashed ellipses: the Gaussians EM found; "
             "dotted grey: the true ones. Ringed points: EM's best guess differs from the true source.")
    fit, _ = cached_fit(sample.points, 3, seed)
    state = fit.params
    resp = responsibilities(sample.points, state)
    cmp = compare_gaussian_fit([c.mean for c in components], sample.labels, state.means, np.argmax(resp, axis=1))
    st.metric("Points EM puts with their true Gaussian", f"{cmp.agreement:.0%}")
    st.plotly_chart(fit_scatter(sample.points, components, state, resp, cmp), width="stretch", key="gg_fit_plot")
    st.dataframe(parameter_table(components, state, cmp.match), hide_index=True, key="gg_fit_table")
    st.page_link("pages/gaussians.py", label="Explore more on the full Gaussian page", icon=":material/scatter_plot:")

back_next("gg", step, len(TITLES))
