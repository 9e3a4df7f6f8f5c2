"""Reading a topic's words the way LDAvis does: relevance (Sievert and Shirley, 2014).

A topic's most probable words are often the corpus's most common ones ("government",
"people"), the same in every topic. Lift, ``phi_kw / p(w)``, says how much more often the
topic uses a word than the corpus does, but puts rare words first. Relevance blends the two
logs: ``lambda * log(phi_kw) + (1 - lambda) * log(phi_kw / p(w))``. At ``lambda = 1`` the
ranking is by probability in the topic ("frequent in this topic"), at ``lambda = 0`` by lift
("special to this topic"); Sievert and Shirley's readers found topics easiest to name near 0.6.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ._checks import as_finite_array

_SUM_TOLERANCE = 1e-6


def _check_distributions(value: Any, name: str, shape: tuple[int | None, ...]) -> np.ndarray:
    """Finite non-negative rows that each sum to 1 (within rounding), else ``ValueError``."""
    arr = as_finite_array(value, name, shape)
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty.")
    if np.any(arr < 0):
        raise ValueError(f"{name} must not be negative: they are probabilities.")
    if np.any(np.abs(arr.sum(axis=-1) - 1) > _SUM_TOLERANCE):
        raise ValueError(f"{name} must be probabilities that sum to 1 over the words.")
    return arr


def topic_relevance(topic_word: Any, word_frequency: Any, lam: Any) -> np.ndarray:
    """Each word's relevance to each topic: ``lam * log(phi) + (1 - lam) * log(phi / p(w))``.

    Parameters
    ----------
    topic_word : array-like of shape (K, V)
        ``phi``: each topic's die, rows of non-negative numbers summing to 1.
    word_frequency : array-like of shape (V,)
        ``p(w)``: each word's share of the whole corpus, positive, summing to 1.
    lam : float
        ``lambda`` from 0 ("special to this topic": lift alone) to 1 ("frequent in this
        topic": probability alone).

    Returns
    -------
    relevance : array of shape (K, V)
        Higher is more relevant; sort a row in decreasing order for the topic's top words.
        A word a topic never uses (``phi = 0``) gets ``-inf``: it comes last.

    Raises
    ------
    ValueError
        If ``lam`` is not a number from 0 to 1, or the shapes disagree, or a row is not a
        probability distribution, or a word's corpus share is 0.
    """
    if isinstance(lam, bool) or not isinstance(lam, (int, float, np.integer, np.floating)):
        raise ValueError(f"lambda must be a number from 0 to 1, but got {type(lam).__name__}.")
    if not 0 <= lam <= 1:  # False for NaN too
        raise ValueError(f"lambda must be a number from 0 to 1, but got {float(lam):g}.")
    phi = _check_distributions(topic_word, "The topic-word probabilities", (None, None))
    p = _check_distributions(word_frequency, "The word frequencies", (phi.shape[1],))
    if np.any(p <= 0):
        raise ValueError("Every word's frequency in the corpus must be above 0: each word occurs somewhere.")
    with np.errstate(divide="ignore"):
        # lam*log(phi) + (1-lam)*(log(phi) - log(p)), written so that phi = 0 gives -inf, never NaN.
        return np.log(phi) - (1 - float(lam)) * np.log(p)
