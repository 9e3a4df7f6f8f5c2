"""EM played in the browser on the Gaussian page: every iteration as one animation, beside the slider
that steps through them one rerun at a time. The figure is :func:`mixgen_ui.em_play.em_animation`."""

from __future__ import annotations

from typing import Sequence

import numpy as np
import streamlit as st

from mixgen_core import GMMFit
from mixgen_streamlit.charts import show_chart
from mixgen_ui.em_play import MAX_PLAY_POINTS, em_animation, frame_iterations, playable
from mixgen_ui.real_points import PointsOnPage


def play_em(data: PointsOnPage, fit: GMMFit, log_likelihoods: Sequence[float], axes: tuple[str, str, bool]) -> None:
    """An expander holding the animation, built only while it is open."""
    with st.expander("▶ Play every iteration in your browser", key="g_em_play", on_change="rerun",
                     icon=":material/play_circle:") as box:
        if not box.open:
            return
        if not playable(len(data.points)):
            st.caption(f"Playing EM is for up to {MAX_PLAY_POINTS:,} points; use the slider above to step.")
            return
        its = frame_iterations(fit.n_iter, len(data.points))
        shown = "every iteration" if len(its) == fit.n_iter + 1 else f"{len(its)} of the {fit.n_iter + 1} iterations"
        st.caption(f"Press ▶ Play: {shown}, one after another. The points take the colour of the Gaussian that "
                   "most likely made them (blended where EM is unsure), the dashed ellipses move, and the "
                   "log-likelihood climbs. It plays in your browser.")
        labels = data.labels if data.has_truth else None
        show_chart(em_animation, data.points, fit.history, list(map(float, log_likelihoods)),
                   data.truth if labels is not None else None, None if labels is None else np.asarray(labels),
                   its, tuple(axes), truth_name=data.truth_legend, key="g_em_play_plot", n_points=len(data.points))
