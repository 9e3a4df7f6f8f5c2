"""Topics as dice with words on their sides, and documents rolled from them (the worksheet's second half).

- Dice: :func:`roll_die`, :func:`one_hot` (the worksheet's ``multinomial(1, p)``
  outcome), :func:`side_counts`, :func:`running_frequencies`,
  :func:`cumulative_probabilities`.
- Topics: :class:`Topic`, :func:`worksheet_topics`, :func:`vocabulary`,
  :func:`shared_words`, :func:`word_probabilities`, :func:`expected_word_counts`.
- Documents: :func:`sample_documents` (for each word, roll for a topic, then roll that
  topic's die; optionally a Dirichlet mix per document, as in LDA), :class:`Document`,
  :func:`dirichlet_parameter`, :func:`observed_word_counts`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Sequence

import numpy as np

from ._checks import as_finite_array, check_count, check_probabilities, check_rng

#: Most words on one topic's die.
MAX_TOPIC_WORDS = 200
#: Longest word, in characters (longer ones are refused, not cut).
MAX_WORD_LENGTH = 10_000
#: Longest topic name, in characters.
MAX_NAME_LENGTH = 100
#: Most topics (dice) in one mixture.
MAX_TOPICS = 8
#: Most words one call may draw, over all documents (about 24 MB of int arrays).
MAX_TOTAL_WORDS = 1_000_000
#: Most documents one call may draw (each is a small Python object).
MAX_DOCUMENTS = 10_000
#: Smallest and largest Dirichlet concentration accepted: below 0.001 practically every
#: document is a single topic, above 1e6 every document's mix is practically the average.
MIN_CONCENTRATION = 1e-3
MAX_CONCENTRATION = 1e6
#: Most sides :func:`one_hot`, :func:`side_counts` and :func:`running_frequencies` accept.
MAX_SIDES = 10_000


@dataclass(frozen=True)
class Topic:
    """A topic: a die with one word on each side.

    Parameters
    ----------
    name : str
        A label for people, e.g. "kids' birthday".
    words : sequence of str
        The die's sides, at least one, each a non-empty string. A word may appear on
        several topics' dice (the worksheet's topics share "merry" and "run").
    weights : sequence of float, optional
        Side weights, one per word, non-negative with a positive sum; uniform (a fair
        die) when omitted. They are normalised into :attr:`probabilities`.

    Raises
    ------
    ValueError
        For an empty topic, a word that is not a non-empty string, a repeated word,
        too many or too long words, or weights that are negative, non-finite, all zero
        or of the wrong length.
    """

    name: str
    words: tuple[str, ...]
    weights: np.ndarray | None = None
    probabilities: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or len(self.name) > MAX_NAME_LENGTH:
            raise ValueError(f"A topic's name must be text of at most {MAX_NAME_LENGTH} characters.")
        if isinstance(self.words, str):
            raise ValueError("A topic's words must be a list of words, not a single string.")
        try:
            words = tuple(self.words)
        except TypeError:
            raise ValueError("A topic's words must be a list of words.") from None
        if not words:
            raise ValueError(f"The topic {self.name!r} has no words: give its die at least one side.")
        if len(words) > MAX_TOPIC_WORDS:
            raise ValueError(f"A topic may have at most {MAX_TOPIC_WORDS} words.")
        for w in words:
            if not isinstance(w, str) or not w:
                raise ValueError("Every word must be a non-empty piece of text.")
            if len(w) > MAX_WORD_LENGTH:
                raise ValueError(f"A word may be at most {MAX_WORD_LENGTH:,} characters long.")
        if len(set(words)) != len(words):
            raise ValueError(
                f"The topic {self.name!r} lists a word twice: give each word one side and use "
                "weights to make it more likely."
            )
        if self.weights is None:
            probs = np.full(len(words), 1.0 / len(words))
            weights = None
        else:
            probs = check_probabilities(self.weights, f"The word weights of {self.name!r}", len(words))
            weights = np.array(self.weights, dtype=float)
            weights.flags.writeable = False
        probs.flags.writeable = False
        object.__setattr__(self, "words", words)
        object.__setattr__(self, "weights", weights)
        object.__setattr__(self, "probabilities", probs)


def worksheet_topics() -> list[Topic]:
    """The worksheet's two word groups: a kids' birthday party and Lord of the Rings."""
    return [
        Topic("kids' birthday", ["balloon", "happy", "run", "merry", "cake", "jump", "pizza"]),
        Topic("Lord of the Rings", ["spider", "ring", "drums", "orc", "battle", "merry", "run", "frodo"]),
    ]


# ---------------------------------------------------------------------------
# Dice: one roll, many rolls, counting the outcomes
# ---------------------------------------------------------------------------


def _cumulative(p: np.ndarray) -> np.ndarray:
    """:func:`cumulative_probabilities` of already-checked, normalised ``p`` (no copy of the checks)."""
    cum = np.minimum(np.cumsum(p), 1.0)
    cum[np.flatnonzero(p)[-1] :] = 1.0
    return cum


def cumulative_probabilities(probabilities: Any) -> np.ndarray:
    """Running totals of a die's probabilities, made safe for ``np.searchsorted``.

    ``np.cumsum`` of probabilities that add up to 1 may end at 0.9999999999999999, and
    the totals may creep just above 1 before the end. So the totals are capped at 1, and
    every entry from the last side with a positive probability onwards is set to exactly
    1::

        cum = np.minimum(np.cumsum(p), 1.0)
        cum[np.flatnonzero(p)[-1]:] = 1.0

    Then, for ``u = rng.random()`` (always below 1),
    ``np.searchsorted(cum, u, side="right")`` is a side index, and a side of probability
    0 is never returned: its entry equals the one before it, so no ``u`` lands on it.

    Parameters
    ----------
    probabilities : sequence of float, shape (n_sides,)
        Non-negative finite weights with a positive sum, normalised here as
        ``p = weights / weights.sum()``.

    Returns
    -------
    cum : float array of shape (n_sides,)
        Non-decreasing, between 0 and 1, with ``cum[-1] == 1``.
    """
    return _cumulative(check_probabilities(probabilities, "The probabilities"))


def roll_die(probabilities: Any, n_rolls: int, rng: np.random.Generator) -> np.ndarray:
    """Roll a die ``n_rolls`` times and return the index of the side that came up each time.

    This is the worksheet's ``np.argmax(np.random.multinomial(1, p))``, done for all rolls
    at once: ``np.searchsorted(cumulative_probabilities(p), rng.random(n_rolls),
    side="right")``. Side ``j`` comes up when the uniform number lands in
    ``[cum[j-1], cum[j])``, an interval of length ``p[j]``.

    Parameters
    ----------
    probabilities : sequence of float, shape (n_sides,)
        Chance of each side; non-negative weights with a positive sum (normalised here).
    n_rolls : int
        Between 0 and ``MAX_TOTAL_WORDS``.
    rng : numpy.random.Generator

    Returns
    -------
    sides : int array of shape (n_rolls,)
        Values in ``0 .. n_sides - 1``; sides with probability 0 never appear.
    """
    cum = cumulative_probabilities(probabilities)
    n_rolls = check_count(n_rolls, "The number of rolls", maximum=MAX_TOTAL_WORDS)
    rng = check_rng(rng)
    return np.searchsorted(cum, rng.random(n_rolls), side="right")


def _check_sides(sides: Any, n_sides: int, name: str) -> tuple[np.ndarray, int]:
    n_sides = check_count(n_sides, "The number of sides", minimum=1, maximum=MAX_SIDES)
    try:
        arr = np.asarray(sides)
    except (TypeError, ValueError, OverflowError):  # ragged nested lists
        raise ValueError(f"{name} must be whole numbers (side indices).") from None
    if arr.dtype == bool or not (np.issubdtype(arr.dtype, np.integer) or arr.size == 0):
        raise ValueError(f"{name} must be whole numbers (side indices).")
    arr = arr.astype(np.intp)
    if arr.size and (arr.min() < 0 or arr.max() >= n_sides):
        raise ValueError(f"{name} must lie between 0 and {n_sides - 1} (one less than the number of sides).")
    return arr, n_sides


def one_hot(index: Any, n_sides: int) -> np.ndarray:
    """The worksheet's ``np.random.multinomial(1, p)`` outcome: zeros with a single 1.

    Rolling a die once and counting how often each side came up gives a list with a 1 at
    the side rolled and 0 everywhere else; ``np.argmax`` of it recovers ``index``.

    Parameters
    ----------
    index : int or int array of shape (n,)
        The side(s) rolled, each in ``0 .. n_sides - 1``.
    n_sides : int
        Number of sides, between 1 and ``MAX_SIDES``.

    Returns
    -------
    counts : int array of shape (n_sides,), or (n, n_sides) for an array of indices
    """
    arr, n_sides = _check_sides(index, n_sides, "The side index")
    if arr.ndim > 1:
        raise ValueError("The side index must be one number or a flat list of numbers.")
    if arr.size * n_sides > MAX_TOTAL_WORDS:
        raise ValueError(f"That table would have more than {MAX_TOTAL_WORDS:,} entries; use fewer rolls.")
    out = np.zeros(arr.shape + (n_sides,), dtype=np.intp)
    if arr.ndim == 0:
        out[arr] = 1
    else:
        out[np.arange(arr.size), arr] = 1
    return out


def side_counts(sides: Any, n_sides: int) -> np.ndarray:
    """How often each side came up: ``np.bincount(sides, minlength=n_sides)``.

    Divide by ``len(sides)`` for the observed frequencies, which approach the die's
    probabilities as the number of rolls grows.

    Parameters
    ----------
    sides : int array of shape (n_rolls,)
        Rolled side indices, each in ``0 .. n_sides - 1``.
    n_sides : int
        Number of sides, between 1 and ``MAX_SIDES``.

    Returns
    -------
    counts : int array of shape (n_sides,), summing to ``n_rolls``
    """
    arr, n_sides = _check_sides(sides, n_sides, "The rolled sides")
    if arr.ndim != 1:
        raise ValueError("The rolled sides must be a flat list of side indices.")
    return np.bincount(arr, minlength=n_sides)


def running_frequencies(
    sides: Any, n_sides: int, checkpoints: Any = None
) -> tuple[np.ndarray, np.ndarray]:
    """Observed frequency of each side after the first ``n`` rolls, for several ``n``.

    Plotting these against ``n`` shows the frequencies settling down to the probabilities
    (the law of large numbers).

    Parameters
    ----------
    sides : int array of shape (n_rolls,)
        Rolled side indices, each in ``0 .. n_sides - 1``.
    n_sides : int
        Number of sides, between 1 and ``MAX_SIDES``.
    checkpoints : int array of shape (m,), optional
        Numbers of rolls to report, each in ``1 .. n_rolls``. By default about 200
        numbers spaced evenly on a log scale from 1 to ``n_rolls`` (every ``n`` when
        ``n_rolls <= 200``).

    Returns
    -------
    checkpoints : int array of shape (m,)
    frequencies : float array of shape (m, n_sides)
        Row ``i`` is ``side_counts(sides[:checkpoints[i]], n_sides) / checkpoints[i]``.
    """
    arr, n_sides = _check_sides(sides, n_sides, "The rolled sides")
    if arr.ndim != 1:
        raise ValueError("The rolled sides must be a flat list of side indices.")
    n = arr.size
    if checkpoints is None:
        if n == 0:
            cps = np.zeros(0, dtype=np.intp)
        elif n <= 200:
            cps = np.arange(1, n + 1)
        else:
            cps = np.unique(np.round(np.geomspace(1, n, 200)).astype(np.intp))
    else:
        cps = np.asarray(checkpoints)
        if cps.ndim != 1 or cps.dtype == bool or not (np.issubdtype(cps.dtype, np.integer) or cps.size == 0):
            raise ValueError("The checkpoints must be a flat list of whole numbers of rolls.")
        cps = cps.astype(np.intp)
        if cps.size and (cps.min() < 1 or cps.max() > n):
            raise ValueError(f"Each checkpoint must be a number of rolls between 1 and {n:,}.")
    if cps.size * n_sides > MAX_TOTAL_WORDS:
        raise ValueError(f"That table would have more than {MAX_TOTAL_WORDS:,} entries; use fewer checkpoints.")
    # Positions of each side's rolls, in order (a stable sort keeps them increasing); the
    # count among the first c rolls is how many of those positions are below c.
    order = np.argsort(arr, kind="stable")
    bounds = np.searchsorted(arr[order], np.arange(n_sides + 1))
    counts = np.empty((cps.size, n_sides), dtype=np.intp)
    for j in range(n_sides):
        counts[:, j] = np.searchsorted(order[bounds[j] : bounds[j + 1]], cps, side="left")
    return cps, counts / np.maximum(cps, 1)[:, None]


class _DiceTable:
    """Roll many dice at once: exactly ``np.searchsorted(cums[k], v, side="right")``, without binary search.

    Die ``k``'s interval ``[0, 1)`` is cut into ``G`` equal buckets (``G`` a power of
    two, so ``floor(v * G)`` is computed without rounding). For every bucket that
    contains no cumulative entry the answer is the same for all ``v`` in it and is stored
    in a table; the few ``v`` in the other buckets (marked -1) fall back to
    ``np.searchsorted``. So the results are identical to the plain search, only faster.

    Parameters
    ----------
    cums : sequence of float arrays, shape (n_k,) each
        Output of :func:`cumulative_probabilities` for each die.
    labels : sequence of int arrays, shape (n_k,) each
        A number for each side (the word's vocabulary index), returned with the side.
    """

    def __init__(self, cums: Sequence[np.ndarray], labels: Sequence[np.ndarray]) -> None:
        self.cums = list(cums)
        self.labels = [np.asarray(lab, dtype=np.intp) for lab in labels]
        longest = max(len(c) for c in self.cums)
        self.G = 1 << int(min(max(10, np.ceil(np.log2(8 * longest))), 14))
        grid = np.arange(self.G + 1) / self.G
        sides, labs = [], []
        for cum, lab in zip(self.cums, self.labels):
            lo = np.searchsorted(cum, grid[:-1], side="right")  # entries <= bucket start
            hi = np.searchsorted(cum, grid[1:], side="left")  # entries < bucket end
            sure = lo == hi
            sides.append(np.where(sure, lo, -1))
            labs.append(np.where(sure, lab[np.minimum(lo, len(cum) - 1)], -1))
        self.side_table = np.concatenate(sides)
        self.label_table = np.concatenate(labs)

    def roll(self, die: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Side index and label for uniform numbers ``v`` on dice ``die`` (int and float arrays of shape (N,))."""
        # bucket = die * G + floor(v * G), exact: G is a power of two and v >= 0. Written
        # with out= buffers because allocating arrays of a million entries costs as much
        # as the arithmetic.
        bucket = np.multiply(v, self.G, out=np.empty(v.shape, dtype=np.intp), casting="unsafe")
        sides = np.multiply(die, self.G, dtype=np.intp)
        bucket += sides
        self.side_table.take(bucket, out=sides, mode="clip")  # every bucket is in range
        labels = self.label_table.take(bucket, mode="clip")
        unsure = np.flatnonzero(sides < 0)
        if unsure.size:
            vu = v[unsure]
            du = die[unsure]
            for k, (cum, lab) in enumerate(zip(self.cums, self.labels)):
                m = du == k
                if m.any():
                    s = np.searchsorted(cum, vu[m], side="right")
                    sides[unsure[m]] = s
                    labels[unsure[m]] = lab[s]
        return sides, labels


# ---------------------------------------------------------------------------
# Vocabulary and expected counts
# ---------------------------------------------------------------------------


def check_topics(topics: Any) -> list[Topic]:
    """Check that ``topics`` is a list of between 1 and ``MAX_TOPICS`` :class:`Topic` objects."""
    if isinstance(topics, (Topic, str)):
        raise ValueError("Give a list of topics, not a single one.")
    try:
        topics = list(topics)
    except TypeError:
        raise ValueError("Give a list of topics.") from None
    if not topics:
        raise ValueError("Give at least one topic: the list of topics is empty.")
    if len(topics) > MAX_TOPICS:
        raise ValueError(f"At most {MAX_TOPICS} topics can be mixed, but got {len(topics)}.")
    if not all(isinstance(t, Topic) for t in topics):
        raise ValueError("Each topic must be a Topic (a name and the words on its die).")
    return topics


def check_topic_weights(topic_weights: Any, n_topics: int) -> np.ndarray:
    """Topic weights normalised to sum 1 (uniform when ``None``), else ``ValueError``."""
    if topic_weights is None:
        return np.full(n_topics, 1.0 / n_topics)
    arr = np.asarray(topic_weights, dtype=object)
    if arr.ndim == 1 and arr.size != n_topics:
        raise ValueError(f"Give one topic weight per topic: {n_topics} topics but {arr.size} weights.")
    return check_probabilities(topic_weights, "The topic weights", n_topics)


def vocabulary(topics: Sequence[Topic]) -> list[str]:
    """Every word on any of the dice, once each, in the order first seen (topic by topic)."""
    topics = check_topics(topics)
    return list(dict.fromkeys(w for t in topics for w in t.words))


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

    Returns
    -------
    vocabulary : list of str, length V (first-seen order, see :func:`vocabulary`)
    probabilities : float array of shape (V,), summing to 1
    """
    topics = check_topics(topics)
    w = check_topic_weights(topic_weights, len(topics))
    vocab = vocabulary(topics)
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
    topics : sequence of Topic
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


def check_concentration(concentration: Any, n_topics: int, topic_weights_given: bool) -> np.ndarray | float | None:
    """Validate a Dirichlet concentration: ``None``, a number, or one number per topic."""
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
    """The Dirichlet parameter ``alpha`` that :func:`sample_documents` uses, or ``None``.

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

    Exactly these numpy calls, in this order, give the same sample for the same seed.
    Here ``D = n_documents``, ``W = n_words``, ``K = len(topics)``, ``w`` the topic
    weights divided by their sum, ``p[k]`` the probabilities of topic ``k``'s die
    (``Topic.probabilities``: its weights divided by their sum) and ``alpha`` the
    Dirichlet parameter (:func:`dirichlet_parameter`)::

        def cum(p):  # running totals, safe for searchsorted (see cumulative_probabilities)
            c = np.minimum(np.cumsum(p), 1.0)
            c[np.flatnonzero(p)[-1]:] = 1.0
            return c

        rng = np.random.default_rng(seed)
        # 1. each document's topic mix: one rng call, only with a concentration
        mixing = rng.dirichlet(alpha, size=D) if alpha is not None else np.tile(w, (D, 1))
        # 2. a topic for every word
        u = rng.random((D, W))
        topics = np.array([np.searchsorted(cum(mixing[d]), u[d], side="right")
                           for d in range(D)], dtype=int).reshape(D, W)
        # 3. a side of that topic's die for every word
        v = rng.random((D, W))
        sides = np.zeros((D, W), dtype=int)
        for k in range(K):
            sides[topics == k] = np.searchsorted(cum(p[k]), v[topics == k], side="right")
        words = [[topic_list[k].words[j] for k, j in zip(topics[d], sides[d])]
                 for d in range(D)]

    The implementation is vectorised (comparisons and a lookup table in place of binary
    search) but returns exactly these values.

    Parameters
    ----------
    topics : sequence of Topic
        Between 1 and ``MAX_TOPICS`` topics.
    n_documents : int
        Between 0 and ``MAX_DOCUMENTS``.
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
    D = check_count(n_documents, "The number of documents", maximum=MAX_DOCUMENTS)
    W = check_count(n_words, "The number of words per document", maximum=MAX_TOTAL_WORDS)
    if D * W > MAX_TOTAL_WORDS:
        raise ValueError(
            f"That is {D * W:,} words in all; the most this app draws is {MAX_TOTAL_WORDS:,}. "
            "Use fewer documents or shorter ones."
        )
    rng = check_rng(rng)

    vocab = tuple(vocabulary(topics))
    index = {word: i for i, word in enumerate(vocab)}
    dice = _DiceTable(
        [_cumulative(t.probabilities) for t in topics],
        [[index[word] for word in t.words] for t in topics],
    )

    # 1. mixing weights: one row per document
    if alpha is None:
        mixing = np.tile(w, (D, 1))
        cw = _cumulative(w)[None, :]
    else:
        mixing = rng.dirichlet(alpha, size=D)
        cw = np.minimum(np.cumsum(mixing, axis=1), 1.0)
        last = K - 1 - np.argmax(mixing[:, ::-1] > 0, axis=1)  # last positive entry per row
        cw[np.arange(K) >= last[:, None]] = 1.0
    # 2. topics: np.searchsorted(cw[d], u[d], side="right") is the number of cumulative
    # entries <= u; the last entry is 1 and never <= u, so K - 1 comparisons suffice.
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


def observed_word_counts(documents: Sequence[Document], vocabulary: Sequence[str]) -> np.ndarray:
    """How often each word of ``vocabulary`` occurs in all ``documents`` together.

    Parameters
    ----------
    documents : sequence of Document
    vocabulary : sequence of str, length V
        Must contain every word that occurs in the documents.

    Returns
    -------
    counts : int array of shape (V,)
    """
    if isinstance(vocabulary, str):
        raise ValueError("The vocabulary must be a list of words, not a single string.")
    vocab = list(vocabulary)
    index = {word: i for i, word in enumerate(vocab)}
    if len(index) != len(vocab):
        raise ValueError("The vocabulary lists a word twice.")
    documents = list(documents)
    if not all(isinstance(d, Document) for d in documents):
        raise ValueError("Each document must be a Document made by sample_documents.")
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
