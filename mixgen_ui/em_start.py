"""Where EM starts: the student's choice of initial guess (``g_fit_init``), their own typed means
(``g_start_x<i>``, ``g_start_y<i>``), and the final log-likelihoods of several starts side by side.

The first half holds pure helpers (tested without a running app); the second half the
sections the page shows.
"""

from __future__ import annotations

import math
from typing import Any, Callable, Mapping

import numpy as np
import streamlit as st

from .cached import RANDOM_STARTS, cached_starts
from .fit_figures import starts_table
from .gaussian_settings import FIT_INITS, GAUSSIANS as G
from .text import md_escape
from .widgets import show

OWN = FIT_INITS[2]
CLIMB_SENTENCE = ("EM climbs to the top of the nearest hill of likelihood and stops there: different starts can "
                  "end on lower hills, and only comparing them shows which is highest.")


def start_keys(i: int) -> tuple[str, str]:
    """The settings of fitted Gaussian ``i``'s typed starting mean."""
    return f"g_start_x{i}", f"g_start_y{i}"


def _nice_step(span: float) -> int:
    """The power of ten (its exponent) of a round step about a twentieth of ``span`` or less."""
    return math.floor(math.log10(span / 20)) if span > 0 else 0


def _round_to(value: float, exponent: int) -> float:
    """``value`` rounded to a multiple of ``10 ** exponent``, written without float noise (0.6, not 0.6000000000000001)."""
    return float(round(value, -exponent)) if exponent <= 0 else float(round(value / 10**exponent) * 10**exponent)


def poor_start(points: np.ndarray, k: int) -> list[tuple[float, float]]:
    """Default typed means: a deliberately poor guess, all ``k`` in a row along the bottom of the
    points (evenly spaced across their width, 15 % up their height), rounded to a round step so
    they stay put when a new sample moves the points a little. Always ``k`` different means."""
    pts = np.asarray(points, dtype=float).reshape(-1, 2)
    if not len(pts):
        return [(float(i), 0.0) for i in range(k)]
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    span = np.where(hi - lo > 0, hi - lo, 1.0)
    ex, ey = _nice_step(float(span[0])), _nice_step(float(span[1]))
    y = _round_to(lo[1] + 0.15 * span[1], ey)
    return [(_round_to(lo[0] + (i + 1) / (k + 1) * span[0], ex), y) for i in range(k)]


def typed_means(state: Mapping[str, Any], k: int, defaults: list[tuple[float, float]]) -> tuple[tuple[float, float], ...]:
    """The starting means the student has typed (their defaults where a box has no number yet)."""
    out = []
    for i in range(k):
        pair = []
        for key, default in zip(start_keys(i), defaults[i]):
            value = state.get(key)
            ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
            pair.append(float(value) if ok else float(default))
        out.append((pair[0], pair[1]))
    return tuple(out)


def same_place(means: tuple[tuple[float, float], ...]) -> tuple[int, int] | None:
    """The first two fitted Gaussians (1-based) whose typed means are the same, or None."""
    for i in range(len(means)):
        for j in range(i + 1, len(means)):
            if means[i] == means[j]:
                return i + 1, j + 1
    return None


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
        st.error(f"Fits {clash[0]} and {clash[1]} start at the same place, so EM could never tell them apart: "
                 "move one of them.")
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
        st.info("Here every start reached (almost) the same height: these points have one clear hill. Try "
                "the **Overlapping** preset, or more Gaussians to fit, to find lower hills.")
