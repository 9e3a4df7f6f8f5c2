"""Counting words: which words the dice hold, and how often each is expected or was seen.

- :func:`vocabulary` and :func:`shared_words`: the words on the dice (the worksheet's
  "merry" and "run" are on both).
- :func:`word_probabilities` and :func:`expected_word_counts`: what the mixture predicts.
- :func:`observed_word_counts`: what :func:`~mixgen_core.documents.sample_documents` drew.
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from ._checks import check_count, check_list
from .dice import Topic
from .documents import Document, check_topic_weights, check_topics, topic_vocabulary
from .limits import MAX_TOTAL_WORDS


def vocabulary(topics: Sequence[Topic]) -> list[str]:
    """Every word on any of the dice, once each, in the order first seen (topic by topic).

    Returns
    -------
    list of str, length V
        The order in which ``Document.word_ids`` number the words.
    """
    return list(topic_vocabulary(check_topics(topics)))


def shared_words(topics: Sequence[Topic]) -> set[str]:
    """The words that are on more than one topic's die (the worksheet's "merry" and "run")."""
    topics = check_topics(topics)
    seen: dict[str, int] = {}
    for t in topics:
        for w in t.words:
            seen[w] = seen.get(w, 0) + 1
    return {w for w, n in seen.items() if n > 1}


def word_probabilities(topics: Sequence[Topic], topic_weights: Any = None) -> tuple[list[str], np.ndarray]:
    """Chance that one word of a document is each vocabulary word.

    ``P(word) = sum_k topic_weights[k] * P(word | topic k)``: a word on several dice
    collects probability from each of them.

    Parameters
    ----------
    topics : sequence of K Topic
    topic_weights : sequence of float of shape (K,), or None for equal weights

    Returns
    -------
    vocabulary : list of str, length V (first-seen order, see :func:`vocabulary`)
    probabilities : float array of shape (V,), summing to 1
    """
    topics = check_topics(topics)
    w = check_topic_weights(topic_weights, len(topics))
    vocab = list(topic_vocabulary(topics))
    index = {word: i for i, word in enumerate(vocab)}
    probs = np.zeros(len(vocab))
    for wk, t in zip(w, topics):
        np.add.at(probs, [index[word] for word in t.words], wk * t.probabilities)
    return vocab, probs


def expected_word_counts(
    topics: Sequence[Topic], topic_weights: Any, n_words_total: int
) -> tuple[list[str], np.ndarray]:
    """How often each vocabulary word is expected among ``n_words_total`` drawn words.

    ``n_words_total * P(word)`` with ``P`` from :func:`word_probabilities`. This also
    holds with a Dirichlet ``concentration`` (a single number): each document's mix then
    varies, but its average is ``topic_weights``.

    Parameters
    ----------
    topics : sequence of K Topic
    topic_weights : sequence of float of shape (K,), or None for equal weights
    n_words_total : int
        Between 0 and ``MAX_TOTAL_WORDS``.

    Returns
    -------
    vocabulary : list of str, length V
    counts : float array of shape (V,), summing to ``n_words_total``
    """
    vocab, probs = word_probabilities(topics, topic_weights)
    n = check_count(n_words_total, "The total number of words", maximum=MAX_TOTAL_WORDS)
    return vocab, n * probs


def observed_word_counts(documents: Sequence[Document], vocabulary: Sequence[str]) -> np.ndarray:
    """How often each word of ``vocabulary`` occurs in all ``documents`` together.

    Parameters
    ----------
    documents : sequence of D Document
    vocabulary : sequence of V str
        Must contain every word that occurs in the documents, each once (any order,
        extra words allowed).

    Returns
    -------
    counts : int array of shape (V,)
    """
    vocab = check_list(vocabulary, "The vocabulary", "words", str, "text")
    index = {word: i for i, word in enumerate(vocab)}
    if len(index) != len(vocab):
        raise ValueError("The vocabulary lists a word twice.")
    documents = check_list(documents, "documents", "documents", Document, "a Document made by sample_documents")
    # Count word ids per distinct vocabulary (one for all documents of one call), then
    # translate each id to the caller's vocabulary once, not once per word.
    by_vocab: dict[tuple[str, ...], np.ndarray] = {}
    for d in documents:
        c = np.bincount(d.word_ids, minlength=len(d.vocabulary))
        if d.vocabulary in by_vocab:
            by_vocab[d.vocabulary] += c
        else:
            by_vocab[d.vocabulary] = c
    counts = np.zeros(len(vocab), dtype=np.intp)
    for doc_vocab, c in by_vocab.items():
        for word, n in zip(doc_vocab, c.tolist()):
            if n:
                if word not in index:
                    raise ValueError(f"The word {word!r} occurs in the documents but not in the vocabulary.")
                counts[index[word]] += n
    return counts
