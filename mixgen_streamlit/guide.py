"""Shared pieces of the "Follow the worksheet" guides: the step picker and Back/Next.

Every key is prefixed by the guide's own prefix (``gg`` or ``gt``): ``<prefix>_step`` is
also the URL parameter, so a teacher can link to ``?gg_step=3``.

The guides' url paths in ``app.py`` are their file names (``guide_gaussians``): until
``st.navigation`` has run once in a server, Streamlit looks pages up by file name in the
old ``pages/`` folder mode, so another path (``guide-gaussians``) would get a "Page not
found" box on the first visit after a restart.
"""

from __future__ import annotations

from typing import Sequence

import streamlit as st

from mixgen_core import GAUSSIAN_PRESETS


def _go(key: str, step: int) -> None:
    st.session_state[key] = step


def step_picker(prefix: str, titles: Sequence[str]) -> int:
    """The step indicator (bound to the URL as ``<prefix>_step``) and the step's heading; returns the step (1-based)."""
    n = len(titles)
    step = st.segmented_control(
        "Step", list(range(1, n + 1)), default=1, required=True, key=f"{prefix}_step", bind="query-params",
        format_func=str, help="Jump to any step; the address bar keeps the step, so you can share a link to it.",
    )
    step = step if isinstance(step, int) and 1 <= step <= n else 1
    st.subheader(f"Step {step} of {n}: {titles[step - 1]}")
    return step


def back_next(prefix: str, step: int, n: int) -> None:
    """Back and Next buttons under the step, side by side even on a phone."""
    key = f"{prefix}_step"
    with st.container(horizontal=True, gap="small"):
        st.button("Back", key=f"{prefix}_back", icon=":material/arrow_back:", disabled=step <= 1,
                  on_click=_go, args=(key, max(step - 1, 1)))
        # A plain button: no accent is both 4.5:1 as text on the dark theme's background and 4.5:1
        # under a primary button's white label, so primary buttons fail contrast in one theme.
        st.button("Next", key=f"{prefix}_next", icon=":material/arrow_forward:", icon_position="right",
                  disabled=step >= n, on_click=_go, args=(key, min(step + 1, n)))


def worksheet_gaussian_code() -> str:
    """The worksheet's three Gaussians written as the worksheet writes them (``mean1 = (1,1)`` ...)."""
    spec = GAUSSIAN_PRESETS["The worksheet's example"]
    lines = [f"mean{i + 1} = ({m[0]:g},{m[1]:g})" for i, (m, _, _) in enumerate(spec)]
    lines += [f"cov{i + 1} = (({v[0]:g}, 0), (0, {v[1]:g}))" for i, (_, v, _) in enumerate(spec)]
    lines.append(f"numpoints = {spec[0][2]}")
    return "\n".join(lines)
