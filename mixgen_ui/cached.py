"""Results worth keeping between reruns, bounded so a shared instance's memory stays flat."""

from __future__ import annotations

import numpy as np
import streamlit as st

from mixgen_core import GMMFit, TopicFit, bic_curve, fit_gmm, fit_topics, mean_log_likelihood

from .gaussian_settings import FIT_MAX_ITER, FIT_TOL

#: Restarts of the topic fit: more find better optima, each costs one more fit.
TOPIC_RESTARTS = 3


@st.cache_data(max_entries=32, show_spinner=False)
def cached_fit(points: np.ndarray, k: int, seed: int) -> tuple[GMMFit, list[float]]:
    """EM on ``points`` with ``k`` components from seed ``seed``, and the log-likelihood of
    every state in its history (iteration 0, the initial guess, included)."""
    fit = fit_gmm(points, k, np.random.default_rng(seed), max_iter=FIT_MAX_ITER, tol=FIT_TOL)
    return fit, [mean_log_likelihood(points, fit.history[0]), *map(float, fit.log_likelihoods)]


@st.cache_data(max_entries=16, show_spinner=False)
def cached_bic(points: np.ndarray, seed: int) -> dict[int, float]:
    """BIC for K = 1..8 (fewer when there are fewer distinct points), best of 2 fits each."""
    distinct = len(np.unique(points, axis=0))
    return bic_curve(points, range(1, min(8, distinct) + 1), np.random.default_rng(seed), n_init=2)


@st.cache_data(max_entries=16, show_spinner=False)
def cached_topic_fit(documents: tuple[tuple[str, ...], ...], k: int, seed: int) -> TopicFit:
    """Topics learned from ``documents`` (LDA by variational Bayes), best of a few restarts."""
    return fit_topics([list(d) for d in documents], k, np.random.default_rng(seed), n_init=TOPIC_RESTARTS)
