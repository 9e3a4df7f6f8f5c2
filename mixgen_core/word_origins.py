"""Reasoning back from words to topics when the topics (the dice) are known.

The worksheet's generative story for one document: for each word, first choose a topic
with probability ``topic_weights[k]`` (a coin flip for two topics), then roll that topic's
die. Seeing only the words, Bayes' rule tells how likely each topic is to have produced a
given word, and expectation-maximisation (EM) finds the mixing weights that make the whole
document most likely.
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from ._checks import check_count, check_list, check_probabilities, quoted, shown
from .dice import Topic
from .documents import check_topics
from .fit_vs_truth import topics_on_vocabulary
from .limits import MAX_MIXING_ITER, MAX_TOTAL_WORDS


def _check_document(words: Any) -> list[str]:
    """The words of one document: at most ``MAX_TOTAL_WORDS`` non-empty ``str``, else ``ValueError``.

    Returns
    -------
    list of n str
        Numpy strings turned into plain ``str`` (so that a message quotes them plainly).
    """
    words = check_list(words, "The document", "words", str, "text", maximum=MAX_TOTAL_WORDS)
    if not all(words):
        raise ValueError("The document contains an empty word: every word needs at least one letter.")
    return list(map(str, words))


def _topic_word_table(topics: list[Topic], words: list[str]) -> np.ndarray:
    """Probability of each word on each topic's die.

    Parameters
    ----------
    topics : list of K Topic, already checked
    words : list of n str, already checked

    Returns
    -------
    table : array of shape (n, K)
        ``table[i, k]`` is the probability that topic ``k``'s die shows ``words[i]``
        (0 when the word is not on that die).

    Raises
    ------
    ValueError
        If a word is on none of the dice (it names the word).
    """
    distinct = list(dict.fromkeys(words))
    per_distinct = topics_on_vocabulary(topics, distinct).T  # (n_distinct, K)
    missing = np.flatnonzero(per_distinct.sum(axis=1) == 0)
    if missing.size:
        word = distinct[int(missing[0])]
        raise ValueError(
            f"The word {quoted(word)} is not on any topic's die, so no topic could have produced it."
        )
    index = {w: i for i, w in enumerate(distinct)}
    ids = np.fromiter(map(index.__getitem__, words), dtype=np.intp, count=len(words))
    return per_distinct[ids]


def _posteriors_from_table(table: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Bayes' rule: rows (n, K) of ``P(word | topic)`` times weights (K,), normalised per row."""
    joint = table * weights  # prior times likelihood, (n, K)
    evidence = joint.sum(axis=1, keepdims=True)
    return joint / evidence


def word_posteriors(topics: Sequence[Topic], words: Sequence[str], topic_weights: Any = None) -> np.ndarray:
    """Which topic produced each word? Bayes' rule with known topics.

    ``P(topic k | word) = weight_k * P(word | topic k) / sum_j weight_j * P(word | topic j)``,
    where ``P(word | topic k)`` is the probability of that side on topic ``k``'s die (0 when
    the word is not on it).

    Parameters
    ----------
    topics : sequence of K Topic
        The known dice, 1 to ``MAX_TOPICS`` of them.
    words : sequence of n str
        The document's words (may be empty).
    topic_weights : array-like of shape (K,), optional
        Prior mixing weights (how often each topic is chosen); non-negative, normalised
        here. Uniform (a fair coin for two topics) when omitted.

    Returns
    -------
    posteriors : array of shape (n, K)
        Row ``i`` holds the probability of each topic having produced ``words[i]``; each
        row sums to 1.

    Raises
    ------
    ValueError
        For invalid topics, words or weights, for a word on no die (named in the message),
        or for a word that only topics of weight zero could produce.

    Examples
    --------
    With a fair coin, "merry" (1 side of 7 on the birthday die, 1 of 8 on the Lord of the
    Rings die) came from the birthday topic with probability (1/7) / (1/7 + 1/8) = 8/15.
    """
    topics = check_topics(topics)
    k = len(topics)
    if topic_weights is None:
        weights = np.full(k, 1.0 / k)
    else:
        weights = check_probabilities(topic_weights, "The topic weights", k)
    words = _check_document(words)
    table = _topic_word_table(topics, words)
    impossible = np.flatnonzero((table * weights).sum(axis=1) == 0)
    if impossible.size:
        raise ValueError(
            f"The word {quoted(words[int(impossible[0])])} is only on dice of topics whose "
            "weight is zero, so it could not have been produced."
        )
    return _posteriors_from_table(table, weights)


def estimate_mixing_weights(
    topics: Sequence[Topic],
    words: Sequence[str],
    max_iter: int = 1000,
    tol: float = 1e-8,
) -> np.ndarray:
    """Mixing weights that make a document most likely, by EM with the topics known.

    Starting from uniform weights, each iteration computes every word's topic posteriors
    (E-step, :func:`word_posteriors`) and sets each weight to the average posterior of that
    topic over the document's words (M-step). The log-likelihood never decreases.

    Parameters
    ----------
    topics : sequence of K Topic
        The known dice, 1 to ``MAX_TOPICS`` of them.
    words : sequence of n str
        The document, at least one word, each on at least one die.
    max_iter : int, default 1000
        Most EM iterations, 1 to ``MAX_MIXING_ITER``.
    tol : float, default 1e-8
        Stop when no weight changes by more than this in one iteration (0 < tol < 1).

    Returns
    -------
    weights : array of shape (K,)
        Summing to 1.

    Raises
    ------
    ValueError
        For invalid topics or settings, an empty document, or a word on no die.
    """
    topics = check_topics(topics)
    max_iter = check_count(max_iter, "max_iter", minimum=1, maximum=MAX_MIXING_ITER)
    if isinstance(tol, bool) or not isinstance(tol, (int, float, np.integer, np.floating)) or not 0 < tol < 1:
        raise ValueError(f"tol must be a number between 0 and 1, but got {shown(tol)}.")
    words = _check_document(words)
    if not words:
        raise ValueError("The document has no words, so there is nothing to estimate the weights from.")
    table = _topic_word_table(topics, words)
    # Identical words have identical posteriors: work on distinct rows with counts.
    rows, counts = np.unique(table, axis=0, return_counts=True)
    n = counts.sum()
    weights = np.full(len(topics), 1.0 / len(topics))
    for _ in range(max_iter):
        # Every word has a positive probability under the current weights: starting
        # uniform, a topic's weight only drops to 0 if none of the words is on its die.
        post = _posteriors_from_table(rows, weights)
        new = counts @ post / n
        new = new / new.sum()
        change = float(np.max(np.abs(new - weights)))
        weights = new
        if change < tol:
            break
    return weights
