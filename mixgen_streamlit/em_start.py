"""Where EM starts: the student's choice of initial guess (``g_fit_init``), their own typed means
(``g_start_x<i>``, ``g_start_y<i>``), and the final log-likelihoods of several starts side by side.

The first half holds pure helpers (tested without a running app); the second half the
sections the page shows.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
import streamlit as st

from mixgen_ui.fit_figures import starts_table
from mixgen_ui.gaussian_settings import GAUSSIANS as G
from mixgen_ui.start_means import CLIMB_SENTENCE, poor_start, same_place, start_keys, typed_means
from mixgen_ui.text import md_escape

from .cached import RANDOM_STARTS, cached_starts
from .widgets import show


# --------------------------------------------------------------------------- sections
def init_choice(on_change: Callable[[], None]) -> str:
    """The initial-guess radio."""
    return show(st, G["g_fit_init"], on_change=on_change)


def own_means_form(points: np.ndarray, k: int, on_submit: Callable[[], None]) -> tuple[tuple[float, float], ...] | None:
    """A small form: x and y of each fitted Gaussian's starting mean. Returns the means, or None
    (with a message on the page) when two are at the same place."""
    defaults = poor_start(points, k)
    with st.form("g_start_form", border=True):
        st.caption("Type where each Gaussian's mean starts. The boxes begin with a deliberately poor guess, all "
                   "in a row along the bottom: start EM there, then step through it and watch it climb.")
        for i in range(k):
            c1, c2 = st.columns(2)
            kx, ky = start_keys(i)
            show(c1, G[kx], default=defaults[i][0])
            show(c2, G[ky], default=defaults[i][1])
        st.form_submit_button("Start EM from these means", icon=":material/play_arrow:", on_click=on_submit)
    means = typed_means(st.session_state, k, defaults)
    clash = same_place(means)
    if clash:
        # Each starting mean takes the points nearest to it: of two at one place, only one gets any.
        st.error(f"Fits {clash[0]} and {clash[1]} start at the same place, so only one of them would start with "
                 "points of its own: move one of them.")
        return None
    return means


def starts_section(points: np.ndarray, k: int, seed: int, own: tuple[tuple[float, float], ...] | None,
                   shown: str) -> None:
    """k-means++, a few random starts and the student's own, each run to convergence, side by side."""
    with st.spinner("Running EM from several starts…", show_time=True):
        rows = cached_starts(points, k, seed, own)
    if not rows:
        st.warning("EM can't fit these points from any start: give it more points, or fewer Gaussians to fit.")
        return
    st.dataframe(starts_table(rows, shown), hide_index=True, width="stretch")
    lls = [r[1] for r in rows]
    st.caption(f"Each start run to convergence: k-means++, {RANDOM_STARTS} random starts"
               + (" and your own means" if own is not None else "") + ". " + CLIMB_SENTENCE)
    spread = max(lls) - min(lls)
    if spread > 1e-3:
        st.info(md_escape(f"Here the starts end {spread:.3f} apart in mean log-likelihood per point: some "
                          "stopped on a lower hill."))
    else:
        st.info(f"Here all {len(rows)} starts tried reached (almost) the same height; other starts may still stop "
                "on a lower hill. Try the **Overlapping** preset, or more Gaussians to fit, to find lower hills.")
