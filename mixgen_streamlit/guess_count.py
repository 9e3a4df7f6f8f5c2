"""How many Gaussians the student sees, asked before they make groups."""

from __future__ import annotations

import streamlit as st

from mixgen_ui.gaussian_settings import GAUSSIANS as G
from .widgets import show


#: The link's settings a challenge does not read: its count box starts empty (see :func:`guess_k`).
CHALLENGE_SETS_ASIDE = ("g_guess_k",)


def guess_k(challenge: bool, checked: bool) -> int | None:
    """The number box (bound to the link). A challenge starts it empty, since its usual default could be
    the answer, and asks for a number before any group is made; None until one is typed."""
    if not challenge:
        return show(st, G["g_guess_k"], disabled=checked)
    s = G["g_guess_k"]
    value = st.number_input(s.label, int(s.lo), int(s.hi), value=None, step=1, key="g_guess_k_challenge",
                            help=s.help, disabled=checked, placeholder="Type a number")
    if value is None:
        st.caption("Type how many Gaussians you see to get that many groups.")
    return value
