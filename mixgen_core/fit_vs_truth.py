"""Comparing a fit with the truth: which fitted component (or topic) is which true one, and
which points (or words) the fit puts with another source than the one that made them.

EM and LDA number what they find arbitrarily. :func:`best_permutation` matches fitted items
to true ones one-to-one at the lowest total cost (closest means for Gaussians, closest dice
for topics); :func:`compare_gaussian_fit` and :func:`compare_topic_fit` return everything a
page, a figure or an export shows about a fit against the truth, as a :class:`FitComparison`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import permutations
from typing import Any, Sequence

import numpy as np

from ._checks import as_finite_array
from .dice import Topic
from .documents import check_topics
from .limits import MAX_ALIGN


@lru_cache(maxsize=MAX_ALIGN)
def _all_permutations(k: int) -> np.ndarray:
    return np.array(list(permutations(range(k))), dtype=np.intp).reshape(-1, k)


def best_permutation(cost: np.ndarray) -> np.ndarray:
    """Assign each true item (row) to a distinct fitted item (column) at the lowest total cost.

    Parameters
    ----------
    cost : array of shape (K_true, K_fit)
        ``cost[i, j]`` is the cost of matching true item ``i`` with fitted item ``j``.
        Both sides are at most ``MAX_ALIGN``; the sides may differ.

    Returns
    -------
    match : int array of shape (K_true,)
        ``match[i]`` is the fitted item matched to true item ``i``, or -1 when there are
        more true items than fitted ones and ``i`` is left unmatched.
    """
    cost = as_finite_array(cost, "The cost matrix", (None, None))
    k_true, k_fit = cost.shape
    k = max(k_true, k_fit)
    if k == 0 or k > MAX_ALIGN:
        raise ValueError(f"Alignment needs between 1 and {MAX_ALIGN} items on each side.")
    top = float(np.abs(cost).max(initial=0.0))
    if top > 1e300:  # scale by a power of two (exact) so that sums of up to 8 costs cannot overflow
        cost = np.ldexp(cost, -int(np.frexp(top)[1]))
    square = np.zeros((k, k))  # padding rows/columns cost nothing: they mean "unmatched"
    square[:k_true, :k_fit] = cost
    perms = _all_permutations(k)
    totals = square[np.arange(k), perms].sum(axis=1)
    best = perms[int(np.argmin(totals))][:k_true]
    return np.where(best < k_fit, best, -1)


def _mean_distances(true_means: Any, fitted_means: Any) -> np.ndarray:
    """Squared distances (K_true, K_fit) between true and fitted means, relative to their spread
    so that they cannot overflow."""
    true_means = as_finite_array(true_means, "The true means", (None, 2))
    fitted_means = as_finite_array(fitted_means, "The fitted means", (None, 2))
    for name, arr in (("true", true_means), ("fitted", fitted_means)):
        if not 1 <= len(arr) <= MAX_ALIGN:
            raise ValueError(f"There must be between 1 and {MAX_ALIGN} {name} means.")
    both = np.concatenate([true_means, fitted_means])
    top = float(np.abs(both).max())
    if top > 0:  # first a power-of-two scale (exact) to below 1, so the mean cannot overflow
        both = np.ldexp(both, -int(np.frexp(top)[1]))
    centred = (both - both.mean(axis=0)) / max(float(np.abs(both - both.mean(axis=0)).max()), 1e-300)
    diff = centred[: len(true_means), None, :] - centred[None, len(true_means) :, :]
    return (diff**2).sum(axis=2)


def align_components(true_means: Any, fitted_means: Any) -> np.ndarray:
    """Match each true component to a distinct fitted one, by closest means.

    EM numbers its components arbitrarily; this finds the one-to-one matching with the
    smallest total squared distance between matched means.

    Parameters
    ----------
    true_means : array of shape (K_true, 2)
    fitted_means : array of shape (K_fit, 2)
        K_true and K_fit may differ; each is at most ``MAX_ALIGN``.

    Returns
    -------
    match : int array of shape (K_true,)
        ``match[i]`` is the fitted component matched to true component ``i``, or -1
        when there are fewer fitted components and ``i`` is left unmatched.
    """
    return best_permutation(_mean_distances(true_means, fitted_means))


def _whole_numbers(value: object, message: str) -> np.ndarray:
    """``value`` as a 1-D integer array, else ``ValueError(message)`` (also for ragged lists)."""
    try:
        arr = np.asarray(value)
    except (TypeError, ValueError, OverflowError):
        raise ValueError(message) from None
    if arr.ndim != 1 or not np.issubdtype(arr.dtype, np.integer):
        raise ValueError(message)
    return arr


def relabel(fitted_labels: np.ndarray, match: np.ndarray) -> np.ndarray:
    """Translate fitted component numbers into the matched true component numbers.

    Parameters
    ----------
    fitted_labels : int array of shape (N,)
        Hard assignments, e.g. ``fit.labels``.
    match : int array of shape (K_true,)
        From :func:`align_components`.

    Returns
    -------
    int array of shape (N,)
        The true component matched to each point's fitted component, or -1 where that
        fitted component matches no true one.
    """
    labels = _whole_numbers(fitted_labels, "The fitted labels must be a 1-D array of whole numbers.")
    match = _whole_numbers(match, "The match must be a 1-D array of whole numbers, as align_components returns.")
    if labels.size and labels.min() < 0:
        raise ValueError("The fitted labels must not be negative.")
    if labels.size and labels.max() >= MAX_ALIGN or match.size and match.max() >= MAX_ALIGN:
        raise ValueError(f"Component numbers must be below {MAX_ALIGN}: a fit has at most {MAX_ALIGN} components.")
    if match.size and match.min() < -1:
        raise ValueError("The match may only hold component numbers and -1 (unmatched).")
    size = max(int(match.max(initial=-1)), int(labels.max(initial=-1))) + 1
    to_true = np.full(size, -1)
    matched = match >= 0
    to_true[match[matched]] = np.flatnonzero(matched)
    return to_true[labels]


def topics_on_vocabulary(topics: Sequence[Topic], vocabulary: Sequence[str]) -> np.ndarray:
    """Each known topic's word probabilities laid out on a fit's vocabulary.

    Parameters
    ----------
    topics : sequence of K_true Topic
    vocabulary : sequence of V str
        E.g. ``fit.vocabulary``.

    Returns
    -------
    matrix : array of shape (K_true, V)
        ``matrix[k, j]`` is the probability of ``vocabulary[j]`` on topic ``k``'s die (0 if
        absent). Sides whose word never occurs in the vocabulary are left out, so a row
        sums to less than 1 when some of its words were never rolled.
    """
    topics = check_topics(topics)
    if isinstance(vocabulary, str):
        raise ValueError("vocabulary must be a list of words, not a single string.")
    try:
        vocabulary = list(vocabulary)
    except TypeError:
        raise ValueError("vocabulary must be a list of words.") from None
    if not all(isinstance(w, str) for w in vocabulary):
        raise ValueError("vocabulary must contain only words (text).")
    index = {w: j for j, w in enumerate(vocabulary)}
    if len(index) != len(vocabulary):
        raise ValueError("vocabulary lists a word twice: each word must be one column.")
    matrix = np.zeros((len(topics), len(index)))
    for k, topic in enumerate(topics):  # loops over dice sides, at most 200 per topic
        for w, p in zip(topic.words, topic.probabilities):
            j = index.get(w)
            if j is not None:
                matrix[k, j] = p
    return matrix


def topic_distances(true_topic_word: Any, fitted_topic_word: Any) -> np.ndarray:
    """L1 distance between every true topic and every fitted topic (twice the total variation).

    Parameters
    ----------
    true_topic_word : array of shape (K_true, V)
    fitted_topic_word : array of shape (K_fit, V)
        Same vocabulary order (see :func:`topics_on_vocabulary`).

    Returns
    -------
    distances : array of shape (K_true, K_fit)
        Between 0 (same die) and 2 (no word in common).
    """
    true = as_finite_array(true_topic_word, "The true topic-word matrix", (None, None))
    fitted = as_finite_array(fitted_topic_word, "The fitted topic-word matrix", (None, true.shape[1]))
    for name, arr in (("true", true), ("fitted", fitted)):
        if arr.size and not (arr.min() >= 0 and arr.max() <= 1):  # probabilities: no overflow below
            raise ValueError(f"The {name} topic-word matrix must hold probabilities between 0 and 1.")
    return np.abs(true[:, None, :] - fitted[None, :, :]).sum(axis=2)


def align_topics(true_topic_word: Any, fitted_topic_word: Any) -> np.ndarray:
    """Match each true topic to a distinct fitted topic, minimising the total L1 distance.

    Parameters
    ----------
    true_topic_word : array of shape (K_true, V)
    fitted_topic_word : array of shape (K_fit, V)
        Same vocabulary order; both K at most 8.

    Returns
    -------
    match : int array of shape (K_true,)
        Fitted topic matched to each true topic, or -1 when there are fewer fitted topics.
    """
    return best_permutation(topic_distances(true_topic_word, fitted_topic_word))


@dataclass(frozen=True)
class FitComparison:
    """A fit against the truth, in the truth's numbering.

    Attributes
    ----------
    match : int array of shape (K_true,)
        ``match[i]`` is the fitted item matched to true item ``i``, or -1 when there are
        fewer fitted items and ``i`` is left unmatched.
    numbers : int array of shape (K_fit,)
        The 0-based number each fitted item is shown as: its matched true item's, else the
        next numbers after the true ones (K_true, K_true + 1, ...) in fitted order. Use it
        for colours and for the numbers people see (add 1).
    labels : int array of shape (N,)
        Each item's fitted label renumbered by ``numbers``: equal to the true label exactly
        where the fit agrees with the truth.
    wrong : bool array of shape (N,)
        Where the fit puts an item with another source than the one that made it.
    agreement : float
        Share of items where the fit agrees with the truth (1.0 when there are none).
    """

    match: np.ndarray
    numbers: np.ndarray
    labels: np.ndarray
    wrong: np.ndarray
    agreement: float

    def in_shown_order(self, columns: np.ndarray) -> np.ndarray:
        """Columns per fitted item, e.g. documents' learned mixes of shape (D, K_fit), in the order their
        numbers are shown: the true items' first (zero where a true item is unmatched), then the fitted
        items matched to none. Shape (D, max(K_true, K_fit)); nothing of a row is dropped."""
        columns = np.asarray(columns, dtype=float)
        out = np.zeros(columns.shape[:-1] + (max(len(self.match), len(self.numbers)),))
        out[..., self.numbers] = columns
        return out


def _numbers(match: np.ndarray, k_fit: int) -> np.ndarray:
    numbers = np.full(k_fit, -1)
    matched = match >= 0
    numbers[match[matched]] = np.flatnonzero(matched)
    spare = numbers < 0
    numbers[spare] = len(match) + np.arange(int(spare.sum()))
    return numbers


def compare_labels(cost: Any, true_labels: Any, fitted_labels: Any) -> FitComparison:
    """Match fitted items to true ones by ``cost`` and compare each item's labels.

    Parameters
    ----------
    cost : array of shape (K_true, K_fit)
        ``cost[i, j]`` is the cost of matching true item ``i`` with fitted item ``j``.
    true_labels : int array of shape (N,)
        The true item (0 to K_true - 1) that made each point or word.
    fitted_labels : int array of shape (N,)
        The fitted item (0 to K_fit - 1) each point or word is assigned to.

    Returns
    -------
    FitComparison
    """
    match = best_permutation(cost)
    k_true, k_fit = np.shape(cost)
    true_labels = _whole_numbers(true_labels, "The true labels must be a 1-D array of whole numbers.")
    fitted_labels = _whole_numbers(fitted_labels, "The fitted labels must be a 1-D array of whole numbers.")
    if true_labels.shape != fitted_labels.shape:
        raise ValueError("There must be one true label per fitted label.")
    for name, labels, k in (("true", true_labels, k_true), ("fitted", fitted_labels, k_fit)):
        if labels.size and not (labels.min() >= 0 and labels.max() < k):
            raise ValueError(f"Each {name} label must be between 0 and {k - 1}, one of the {k} {name} items.")
    numbers = _numbers(match, k_fit)
    labels = numbers[fitted_labels]
    wrong = labels != true_labels
    agreement = 1.0 - float(wrong.mean()) if wrong.size else 1.0
    return FitComparison(match=match, numbers=numbers, labels=labels, wrong=wrong, agreement=agreement)


def compare_gaussian_fit(true_means: Any, true_labels: Any, fitted_means: Any, fitted_labels: Any) -> FitComparison:
    """EM's components against the true Gaussians, matched by closest means.

    Parameters
    ----------
    true_means : array of shape (K_true, 2)
    true_labels : int array of shape (N,)
        The Gaussian that drew each point (``sample.labels``).
    fitted_means : array of shape (K_fit, 2)
    fitted_labels : int array of shape (N,)
        Each point's most likely fitted component (``argmax`` of its responsibilities).

    Returns
    -------
    FitComparison
    """
    return compare_labels(_mean_distances(true_means, fitted_means), true_labels, fitted_labels)


def compare_topic_fit(true_topic_word: Any, true_labels: Any, fitted_topic_word: Any,
                      fitted_labels: Any) -> FitComparison:
    """Learned topics against the true dice, matched by the smallest L1 distance.

    Parameters
    ----------
    true_topic_word : array of shape (K_true, V)
        From :func:`topics_on_vocabulary` on the fit's vocabulary.
    true_labels : int array of shape (N,)
        The topic each word was rolled from, documents concatenated.
    fitted_topic_word : array of shape (K_fit, V)
    fitted_labels : int array of shape (N,)
        Each word's most likely learned topic, in the same order.

    Returns
    -------
    FitComparison
    """
    return compare_labels(topic_distances(true_topic_word, fitted_topic_word), true_labels, fitted_labels)
