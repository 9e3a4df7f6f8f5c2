"""Gaussian-mixture page: draw points from a few 2-D Gaussians and look at them with and without colour."""

from mixgen_ui.router import ensure_router

ensure_router()

import numpy as np
import streamlit as st

from mixgen_core import MAX_COMPONENTS, GAUSSIAN_PRESETS, GaussianComponent, sample_gaussian_mixture
from mixgen_ui.gaussian_figures import mixture_scatter
from mixgen_ui.gaussian_state import (
    DEFAULT_PRESET,
    MAX_COUNT,
    MAX_SEED,
    apply_preset,
    component_defaults,
    component_key,
)

if "g_k" not in st.session_state:
    apply_preset(st.session_state, DEFAULT_PRESET)

st.title("A mixture of Gaussians")
st.write(
    "A **mixture** makes each point in two steps: first pick one of several Gaussians, then draw "
    "the point from it. Change the Gaussians in the sidebar and look at the points they make."
)

with st.sidebar:
    st.selectbox(
        "Start from a preset", list(GAUSSIAN_PRESETS), key="g_preset", persist_state="session",
        on_change=lambda: apply_preset(st.session_state, st.session_state["g_preset"]),
        help="The worksheet's example, and a few mixtures that are easy or hard to untangle.",
    )
    k = st.slider("Number of Gaussians", 1, MAX_COMPONENTS, key="g_k", persist_state="session")
    st.caption(
        "Each Gaussian has a **mean** (the centre of its cloud), **variances** (how far its points "
        "spread along x and along y: the spread squared) and a **correlation** (how much the cloud "
        "leans: 0 is upright, near 1 or -1 is a thin slanted cloud)."
    )
    for i in range(k):
        for field, value in component_defaults(i).items():
            st.session_state.setdefault(component_key(i, field), value)
        with st.expander(f"Gaussian {i + 1}", expanded=i == 0):
            c1, c2 = st.columns(2)
            c1.number_input("mean x", -50.0, 50.0, step=0.5, key=component_key(i, "mx"), persist_state="session")
            c2.number_input("mean y", -50.0, 50.0, step=0.5, key=component_key(i, "my"), persist_state="session")
            c1.number_input("variance x", 0.0, 25.0, step=0.05, key=component_key(i, "vx"), persist_state="session", format="%.3f")
            c2.number_input("variance y", 0.0, 25.0, step=0.05, key=component_key(i, "vy"), persist_state="session", format="%.3f")
            st.slider("correlation", -1.0, 1.0, step=0.05, key=component_key(i, "rho"), persist_state="session")
            st.number_input("points", 0, MAX_COUNT, step=10, key=component_key(i, "n"), persist_state="session",
                            help=f"How many points to draw from this Gaussian (at most {MAX_COUNT:,}).")
    st.number_input("Random seed", 0, MAX_SEED, key="g_seed", persist_state="session",
                    help="The same seed and settings always draw the same points.")
    st.button("New sample", on_click=lambda: st.session_state.update(g_seed=(st.session_state["g_seed"] + 1) % (MAX_SEED + 1)),
              help="Draw fresh points from the same Gaussians (moves the seed on by one).")

try:
    components = [
        GaussianComponent.from_variances(
            (st.session_state[component_key(i, "mx")], st.session_state[component_key(i, "my")]),
            (st.session_state[component_key(i, "vx")], st.session_state[component_key(i, "vy")]),
            st.session_state[component_key(i, "rho")],
            st.session_state[component_key(i, "n")],
        )
        for i in range(k)
    ]
    sample = sample_gaussian_mixture(components, np.random.default_rng(st.session_state["g_seed"]))
except ValueError as err:
    st.error(f"These settings can't make a mixture: {err}")
    st.stop()

plot_col, side_col = st.columns([3, 1])
with side_col:
    coloured = st.toggle("Colour by source", key="g_colour", persist_state="session",
                         help="Show which Gaussian each point came from (colour and marker shape).")
    ellipses = st.checkbox("Show the true Gaussians", key="g_ellipses", persist_state="session", disabled=not coloured,
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

with st.expander("What am I looking at?"):
    st.markdown(
        "- A **Gaussian** (normal distribution) in two dimensions makes a cloud of points, densest at its mean.\n"
        "- Its **covariance** is a 2x2 table: the variances of x and y on the diagonal, and how x and y vary "
        "together off it (variance x variance y x correlation, square-rooted).\n"
        "- A **mixture** of Gaussians draws each point from one of them. With colour you see the source; "
        "without it you must reason back from the points alone, which is what fitting a mixture does."
    )
