"""Documents rolled from topics: for each word, roll for a topic, then roll that topic's die.

- :func:`sample_documents` draws :class:`Document` objects, optionally with a Dirichlet mix
  per document (the step from the worksheet to LDA, see :func:`dirichlet_parameter`).
- The checks every function about a list of topics shares: :func:`check_topics`,
  :func:`check_topic_weights`, :func:`check_concentration`, :func:`check_document_counts`.
- :func:`topic_vocabulary`: the order in which words are numbered.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any, Sequence

import numpy as np

from ._checks import as_finite_array, check_count, check_list, check_probabilities, check_rng
from .dice import DiceTable, Topic
from .limits import MAX_CONCENTRATION, MAX_SAMPLED_DOCUMENTS, MAX_TOPICS, MAX_TOTAL_WORDS, MIN_CONCENTRATION
from .recipes import cumulative


# ---------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------


def check_topics(topics: Any) -> list[Topic]:
    """``topics`` as a list of 1 to ``MAX_TOPICS`` :class:`Topic` objects, else ``ValueError``."""
    return check_list(topics, "topics", "topics", Topic, "a Topic object (a die with words on its sides)",
                      minimum=1, maximum=MAX_TOPICS)


def check_topic_weights(topic_weights: Any, n_topics: int) -> np.ndarray:
    """Topic weights normalised to sum 1 (uniform when ``None``), else ``ValueError``.

    Returns
    -------
    float array of shape (n_topics,)
    """
    if topic_weights is None:
        return np.full(n_topics, 1.0 / n_topics)
    arr = np.asarray(topic_weights, dtype=object)
    if arr.ndim == 1 and arr.size != n_topics:
        raise ValueError(f"Give one topic weight per topic: {n_topics} topics but {arr.size} weights.")
    return check_probabilities(topic_weights, "The topic weights", n_topics)


def check_concentration(concentration: Any, n_topics: int, topic_weights_given: bool) -> np.ndarray | float | None:
    """A Dirichlet concentration: ``None``, a number, or one number per topic (shape (n_topics,)).

    Each number must lie between ``MIN_CONCENTRATION`` and ``MAX_CONCENTRATION``; one
    number per topic leaves no room for topic weights.
    """
    if concentration is None:
        return None
    arr = as_finite_array(concentration, "The concentration")
    between = f"between {MIN_CONCENTRATION:g} and {MAX_CONCENTRATION:g}"
    if arr.ndim == 0:
        c = float(arr)
        if not c > 0:
            raise ValueError(f"The concentration must be a positive number ({between}), but got {c:g}.")
        if not MIN_CONCENTRATION <= c <= MAX_CONCENTRATION:
            raise ValueError(f"The concentration must be {between}, but got {c:g}.")
        return c
    if arr.ndim != 1 or arr.size != n_topics:
        raise ValueError(
            f"Give the concentration as one number, or one number per topic ({n_topics} topics)."
        )
    if np.any(arr <= 0):
        raise ValueError(f"Each topic's concentration must be a positive number ({between}).")
    if np.any(arr < MIN_CONCENTRATION) or np.any(arr > MAX_CONCENTRATION):
        raise ValueError(f"Each topic's concentration must be {between}.")
    if topic_weights_given:
        raise ValueError(
            "With one concentration per topic, leave out the topic weights: the average mix "
            "is then the concentrations divided by their sum."
        )
    return arr


def dirichlet_parameter(topic_weights: Any, concentration: Any, n_topics: int) -> np.ndarray | None:
    """The Dirichlet parameter ``alpha`` (shape (n_topics,)) that :func:`sample_documents` uses, or ``None``.

    - ``concentration`` a number ``c``: ``alpha = c * K * topic_weights`` (weights
      normalised; equal when omitted). Equal weights give the symmetric Dirichlet(``c``)
      of LDA. Each document's mix averages ``topic_weights``; large ``c`` keeps every mix
      close to it, small ``c`` makes most documents mostly one topic. Topics of weight 0
      get ``alpha = 0`` and are never used.
    - ``concentration`` one positive number per topic: ``alpha = concentration``
      (topic weights must then be omitted).
    """
    w = check_topic_weights(topic_weights, n_topics)
    c = check_concentration(concentration, n_topics, topic_weights is not None)
    if c is None:
        return None
    if isinstance(c, float):
        return c * n_topics * w
    return c


def check_document_counts(n_documents: Any, n_words: Any) -> tuple[int, int]:
    """``(n_documents, n_words)`` as ints: at most ``MAX_SAMPLED_DOCUMENTS`` documents and
    ``MAX_TOTAL_WORDS`` words in all, else ``ValueError``."""
    n_documents = check_count(n_documents, "The number of documents", maximum=MAX_SAMPLED_DOCUMENTS)
    n_words = check_count(n_words, "The number of words per document", maximum=MAX_TOTAL_WORDS)
    if n_documents * n_words > MAX_TOTAL_WORDS:
        raise ValueError(
            f"That is {n_documents * n_words:,} words in all; the most this app draws is {MAX_TOTAL_WORDS:,}. "
            "Use fewer documents or shorter ones."
        )
    return n_documents, n_words


def topic_vocabulary(topics: Sequence[Topic]) -> tuple[str, ...]:
    """Every word on any of the (already checked) dice, once each, in the order first seen.

    This order numbers the words: ``Document.word_ids`` index into it, and
    :func:`~mixgen_core.word_counts.vocabulary` returns it.
    """
    return tuple(dict.fromkeys(w for t in topics for w in t.words))


# ---------------------------------------------------------------------------
# Documents
# ---------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Document:
    """One generated document: for every word, the topic it came from and the side rolled.

    Attributes
    ----------
    word_ids : int array of shape (n_words,)
        Index of each word in :attr:`vocabulary`.
    topics : int array of shape (n_words,)
        ``topics[i]`` is the index of the topic (die) word ``i`` was drawn from.
    word_sides : int array of shape (n_words,)
        ``word_sides[i]`` is the side of that topic's die that came up, so
        ``topic_list[topics[i]].words[word_sides[i]] == words[i]``.
    mixing : float array of shape (K,)
        The topic weights this document used (its own Dirichlet draw, or the shared
        topic weights).
    vocabulary : tuple of str, length V
        Shared by all documents of one call.
    """

    word_ids: np.ndarray
    topics: np.ndarray
    word_sides: np.ndarray
    mixing: np.ndarray
    vocabulary: tuple[str, ...]

    @cached_property
    def _word_tuple(self) -> tuple[str, ...]:
        """The words as strings, built once: most documents on a page are never read word by word."""
        vocab = self.vocabulary
        return tuple([vocab[i] for i in self.word_ids.tolist()])

    @property
    def words(self) -> list[str]:
        """The document's words, in order (built on first use, then cached)."""
        return list(self._word_tuple)

    @property
    def text(self) -> str:
        """The words joined by spaces."""
        return " ".join(self._word_tuple)

    def __len__(self) -> int:
        return len(self.word_ids)


def sample_documents(
    topics: Sequence[Topic],
    n_documents: int,
    n_words: int,
    topic_weights: Any = None,
    rng: np.random.Generator | None = None,
    concentration: Any = None,
) -> list[Document]:
    """Generate documents the worksheet's way: for each word, roll for a topic, then roll that topic's die.

    Every document has ``n_words`` words. With ``concentration=None`` every document
    mixes the topics with the same ``topic_weights``; otherwise each document first draws
    its own mix from a Dirichlet distribution (the step from this worksheet to LDA, see
    :func:`dirichlet_parameter`).

    Exactly these numpy calls, in this order, give the same sample for the same seed
    (``cumulative`` and ``roll`` are the recipes of :mod:`mixgen_core.recipes`; the
    take-home script of :mod:`mixgen_ui.snippets` runs this). Here ``D = n_documents``,
    ``W = n_words``, ``K = len(topics)``, ``w`` the topic weights divided by their sum,
    ``p[k]`` the probabilities of topic ``k``'s die (``Topic.probabilities``: its weights
    divided by their sum) and ``alpha`` the Dirichlet parameter
    (:func:`dirichlet_parameter`)::

        rng = np.random.default_rng(seed)
        # 1. each document's topic mix: one rng call, only with a concentration
        mixing = rng.dirichlet(alpha, size=D) if alpha is not None else np.tile(w, (D, 1))
        # 2. a topic for every word
        u = rng.random((D, W))
        topic_dice = cumulative(mixing)
        topics = np.array([roll(topic_dice[d], u[d]) for d in range(D)], dtype=int).reshape(D, W)
        # 3. a side of that topic's die for every word
        v = rng.random((D, W))
        sides = np.zeros((D, W), dtype=int)
        for k in range(K):
            sides[topics == k] = roll(cumulative(p[k]), v[topics == k])
        words = [[topic_list[k].words[j] for k, j in zip(topics[d], sides[d])]
                 for d in range(D)]

    The implementation is vectorised (comparisons and a :class:`~mixgen_core.dice.DiceTable`
    in place of binary search) but returns exactly these values.

    Parameters
    ----------
    topics : sequence of Topic
        Between 1 and ``MAX_TOPICS`` topics.
    n_documents : int
        Between 0 and ``MAX_SAMPLED_DOCUMENTS``.
    n_words : int
        Words per document; ``n_documents * n_words`` at most ``MAX_TOTAL_WORDS``.
    topic_weights : sequence of float of shape (K,), optional
        How likely each topic is for a word (normalised; equal when omitted). This is the
        worksheet's coin flip between the two word groups.
    rng : numpy.random.Generator
        Source of randomness: the same seed gives the same documents.
    concentration : float or sequence of float of shape (K,), optional
        Dirichlet concentration, see :func:`dirichlet_parameter`.

    Returns
    -------
    list of Document, length ``n_documents``
        ``words`` (list of str, built on first use), ``topics``, ``word_sides`` (int
        arrays of shape (n_words,)) and ``mixing`` (shape (K,)).

    Raises
    ------
    ValueError
        For bad topics, weights, counts, concentration or ``rng`` (checked before any
        random number is drawn).
    """
    topics = check_topics(topics)
    K = len(topics)
    w = check_topic_weights(topic_weights, K)
    alpha = dirichlet_parameter(topic_weights, concentration, K)
    D, W = check_document_counts(n_documents, n_words)
    rng = check_rng(rng)

    vocab = topic_vocabulary(topics)
    index = {word: i for i, word in enumerate(vocab)}
    dice = DiceTable(
        [cumulative(t.probabilities) for t in topics],
        [[index[word] for word in t.words] for t in topics],
    )

    # 1. mixing weights: one row per document, and each row's running totals
    if alpha is None:
        mixing = np.tile(w, (D, 1))
        cw = cumulative(w)[None, :]  # the same for every document
    else:
        mixing = rng.dirichlet(alpha, size=D)
        cw = cumulative(mixing)
    # 2. topics: roll(cw[d], u[d]) is the number of cumulative entries <= u; the last
    # entry is 1 and never <= u, so K - 1 comparisons suffice.
    # One float buffer holds u, then v: rng.random(out=...) gives the same numbers as
    # rng.random(D * W), without allocating a second array.
    buffer = rng.random(D * W)  # u
    u = buffer.reshape(D, W)
    z = np.greater_equal(u, cw[:, :1], out=np.empty((D, W), dtype=np.intp), casting="unsafe")
    for k in range(1, K - 1):
        z += u >= cw[:, k : k + 1]
    z = z.ravel()
    # 3. sides: a roll of die z[i] for every word
    sides, word_ids = dice.roll(z, rng.random(out=buffer))  # v

    for arr in (mixing, z, sides, word_ids):
        arr.flags.writeable = False
    z, sides, word_ids = (a.reshape(D, W) for a in (z, sides, word_ids))
    return [
        Document(word_ids=word_ids[d], topics=z[d], word_sides=sides[d], mixing=mixing[d], vocabulary=vocab)
        for d in range(D)
    ]
