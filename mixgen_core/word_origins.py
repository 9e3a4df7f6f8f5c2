"""Reasoning back from words to topics when the topics (the dice) are known.

The worksheet's generative story for one document: for each word, first choose a topic
with probability ``topic_weights[k]`` (a coin flip for two topics), then roll that topic's
die. Seeing only the words, Bayes' rule tells how likely each topic is to have produced a
given word, and expectation-maximisation (EM) finds the mixing weights that make the whole
document most likely.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np

from ._checks import check_count, check_probabilities, shown
from .topics import Topic

#: Most topics in one model (the alignment brute-forces up to 8! permutations).
MAX_TOPICS = 8
#: Most words in one document handed to the known-topic functions.
MAX_DOCUMENT_WORDS = 1_000_000
#: Most EM iterations for the mixing weights.
MAX_EM_ITER = 100_000
#: Words longer than this are cut (with an ellipsis) when quoted in an error message.
_QUOTE_LENGTH = 40


def quote_word(word: Any) -> str:
    """``repr`` of a word for an error message, cut to about 40 characters."""
    text = repr(word)
    if len(text) > _QUOTE_LENGTH:
        text = text[: _QUOTE_LENGTH - 3] + "..."
    return text


def check_topics(topics: Any) -> list[Topic]:
    """Return ``topics`` as a list of 1 to ``MAX_TOPICS`` :class:`Topic` objects."""
    if isinstance(topics, Topic):
        raise ValueError("topics must be a list of topics, not a single topic: wrap it in [ ].")
    try:
        topics = list(topics)
    except TypeError:
        raise ValueError("topics must be a list of Topic objects.") from None
    if not 1 <= len(topics) <= MAX_TOPICS:
        raise ValueError(f"Give between 1 and {MAX_TOPICS} topics, but got {len(topics)}.")
    if not all(isinstance(t, Topic) for t in topics):
        raise ValueError("Every topic must be a Topic object (a die with words on its sides).")
    return topics


def check_words(words: Any, name: str = "The document", max_words: int = MAX_DOCUMENT_WORDS) -> list[str]:
    """Return ``words`` as a list of ``str`` (a sequence of non-empty strings, at most ``max_words``)."""
    if isinstance(words, str):
        raise ValueError(f"{name} must be a list of words, not a single string: try text.split().")
    if not isinstance(words, (list, tuple, np.ndarray)) or (
        isinstance(words, np.ndarray) and words.ndim != 1
    ):
        raise ValueError(f"{name} must be a list of words.")
    if len(words) > max_words:
        raise ValueError(f"{name} may hold at most {max_words:,} words, but it has {len(words):,}.")
    words = list(words)
    for w in words:
        if not isinstance(w, str):
            raise ValueError(f"{name} must contain only words (text), but it contains {quote_word(w)}.")
        if not w:
            raise ValueError(f"{name} contains an empty word: every word needs at least one letter.")
    return [str(w) for w in words]


def topic_word_table(topics: Sequence[Topic], words: Sequence[str]) -> np.ndarray:
    """Probability of each word on each topic's die.

    Parameters
    ----------
    topics : sequence of K Topic
    words : sequence of n str

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
    topics = check_topics(topics)
    words = check_words(words)
    distinct = list(dict.fromkeys(words))
    index = {w: i for i, w in enumerate(distinct)}
    per_distinct = np.zeros((len(distinct), len(topics)))
    for k, topic in enumerate(topics):  # loops over dice sides (at most 200 each), not over the document
        for w, p in zip(topic.words, topic.probabilities):
            i = index.get(w)
            if i is not None:
                per_distinct[i, k] = p
    missing = np.flatnonzero(per_distinct.sum(axis=1) == 0)
    if missing.size:
        word = distinct[int(missing[0])]
        raise ValueError(
            f"The word {quote_word(word)} is not on any topic's die, so no topic could have produced it."
        )
    ids = np.fromiter(map(index.__getitem__, words), dtype=np.intp, count=len(words))
    return per_distinct[ids]


def _posteriors_from_table(table: np.ndarray, weights: np.ndarray) -> np.ndarray:
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
        The known dice, 1 to 8 of them.
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
    words = check_words(words)
    table = topic_word_table(topics, words)
    impossible = np.flatnonzero((table * weights).sum(axis=1) == 0)
    if impossible.size:
        raise ValueError(
            f"The word {quote_word(words[int(impossible[0])])} is only on dice of topics whose "
            "weight is zero, so it could not have been produced."
        )
    return _posteriors_from_table(table, weights)


@dataclass(frozen=True)
class MixingWeightsFit:
    """EM estimate of one document's mixing weights, with its history.

    Attributes
    ----------
    weights : array of shape (K,)
        Final mixing weights (maximum likelihood estimate), summing to 1.
    weight_history : array of shape (n_iter + 1, K)
        Weights before the first iteration (uniform) and after each iteration.
    log_likelihood_history : array of shape (n_iter + 1,)
        Log-likelihood of the document under each row of ``weight_history``; never decreases.
    n_iter : int
        Number of EM iterations run.
    converged : bool
        Whether the largest change of a weight fell below ``tol`` before ``max_iter``.
    """

    weights: np.ndarray
    weight_history: np.ndarray
    log_likelihood_history: np.ndarray
    n_iter: int
    converged: bool


def estimate_mixing_weights(
    topics: Sequence[Topic],
    words: Sequence[str],
    max_iter: int = 1000,
    tol: float = 1e-8,
    *,
    return_history: bool = False,
) -> np.ndarray | MixingWeightsFit:
    """Mixing weights that make a document most likely, by EM with the topics known.

    Starting from uniform weights, each iteration computes every word's topic posteriors
    (E-step, :func:`word_posteriors`) and sets each weight to the average posterior of that
    topic over the document's words (M-step). The log-likelihood never decreases.

    Parameters
    ----------
    topics : sequence of K Topic
        The known dice, 1 to 8 of them.
    words : sequence of n str
        The document, at least one word, each on at least one die.
    max_iter : int, default 1000
        Most EM iterations, 1 to 100 000.
    tol : float, default 1e-8
        Stop when no weight changes by more than this in one iteration (0 < tol < 1).
    return_history : bool, default False
        Return a :class:`MixingWeightsFit` with the per-iteration history instead of
        just the weights.

    Returns
    -------
    weights : array of shape (K,)
        Or a :class:`MixingWeightsFit` when ``return_history`` is true.

    Raises
    ------
    ValueError
        For invalid topics or settings, an empty document, or a word on no die.
    """
    topics = check_topics(topics)
    max_iter = check_count(max_iter, "max_iter", minimum=1, maximum=MAX_EM_ITER)
    if isinstance(tol, bool) or not isinstance(tol, (int, float, np.integer, np.floating)) or not 0 < tol < 1:
        raise ValueError(f"tol must be a number between 0 and 1, but got {shown(tol)}.")
    words = check_words(words)
    if not words:
        raise ValueError("The document has no words, so there is nothing to estimate the weights from.")
    table = topic_word_table(topics, words)
    # Identical words have identical posteriors: work on distinct rows with counts.
    rows, counts = np.unique(table, axis=0, return_counts=True)
    n = counts.sum()
    weights = np.full(len(topics), 1.0 / len(topics))
    history = [weights]
    loglik = [float(counts @ np.log(rows @ weights))]
    converged = False
    n_iter = 0
    for n_iter in range(1, max_iter + 1):
        # Every word has a positive probability under the current weights: starting
        # uniform, a topic's weight only drops to 0 if none of the words is on its die.
        post = _posteriors_from_table(rows, weights)
        new = counts @ post / n
        new = new / new.sum()
        history.append(new)
        loglik.append(float(counts @ np.log(rows @ new)))
        change = float(np.max(np.abs(new - weights)))
        weights = new
        if change < tol:
            converged = True
            break
    if not return_history:
        return weights
    return MixingWeightsFit(
        weights=weights,
        weight_history=np.array(history),
        log_likelihood_history=np.array(loglik),
        n_iter=n_iter,
        converged=converged,
    )
