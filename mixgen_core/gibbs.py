"""Finding unknown topics one word at a time: collapsed Gibbs sampling for LDA.

The model is the one :mod:`~mixgen_core.topic_fit` fits (topic dice ``beta_k ~
Dirichlet(eta)``, document mixes ``theta_d ~ Dirichlet(alpha)``), but the dice and the mixes
are integrated out ("collapsed"): what remains is each word's topic ``z``. The sampler starts
from uniformly random topics and then, sweep after sweep, visits every word in document
order and re-rolls its topic given all the others. With the word's own topic taken out of
the counts,

    p(z_i = k | all other topics, words)  proportional to
        (n_dk + alpha) * (n_kw + eta) / (n_k + V * eta)

where ``n_dk`` counts the words of the word's document ``d`` in topic ``k``, ``n_kw`` the
times this vocabulary word ``w`` is in topic ``k`` (all documents), ``n_k`` all words in
topic ``k``, and ``V`` is the vocabulary size. The first factor is how much the document
already uses topic ``k``; the second is how much topic ``k`` likes this word. In the long
run the topics are draws from the posterior ``p(z | words)``.

One re-roll is a few multiplications per topic, so the loop over words is a plain Python
loop over Python lists: numpy pays about a microsecond per call on arrays of K <= 8
numbers, several times the arithmetic itself (``python -m bench.bench_gibbs`` measures
both). The counts are updated in place and the cumulative weights written into one
preallocated buffer; the uniforms of a sweep are drawn at once.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Any, Callable, Sequence

import numpy as np

from ._checks import check_count, shown
from .corpus import Corpus
from .limits import MAX_GIBBS_HISTORY, MAX_GIBBS_SWEEPS
from .special import gammaln
from .topic_fit import check_topic_model


@dataclass(frozen=True)
class GibbsStep:
    """One re-roll of one word's topic, as the sampler saw it (see :meth:`GibbsRun.step_details`).

    All counts leave out the word being re-rolled. ``K`` is the number of topics.

    Attributes
    ----------
    sweep : int
        The step turns row ``sweep`` of ``GibbsRun.assignments`` into row ``sweep + 1``
        (it is part of sweep number ``sweep + 1``).
    position : int
        The word's index among all words (documents concatenated).
    document : int
        The word's document (0-based).
    position_in_document : int
        The word's index within its document.
    word : str
        The word itself.
    word_index : int
        Its column in ``GibbsRun.vocabulary``.
    topic_before, topic_after : int
        Its topic before the re-roll (``assignments[sweep, position]``) and the topic drawn
        (``assignments[sweep + 1, position]``).
    document_counts : int array of shape (K,)
        ``n_dk``: words of this document in each topic, this word excluded.
    word_counts : int array of shape (K,)
        ``n_kw``: how often this word (anywhere in the corpus) is in each topic, this
        occurrence excluded.
    topic_totals : int array of shape (K,)
        ``n_k``: all words in each topic, this word excluded.
    document_factor : float array of shape (K,)
        ``n_dk + alpha``: how much the document already uses each topic.
    word_factor : float array of shape (K,)
        ``(n_kw + eta) / (n_k + V * eta)``: each topic's current probability of this word.
    weights : float array of shape (K,)
        ``document_factor * word_factor``, the unnormalised chances the sampler drew from.
    probabilities : float array of shape (K,)
        ``weights`` divided by their sum: the chance of each topic in this re-roll.
    """

    sweep: int
    position: int
    document: int
    position_in_document: int
    word: str
    word_index: int
    topic_before: int
    topic_after: int
    document_counts: np.ndarray
    word_counts: np.ndarray
    topic_totals: np.ndarray
    document_factor: np.ndarray
    word_factor: np.ndarray
    weights: np.ndarray
    probabilities: np.ndarray


@dataclass(frozen=True)
class GibbsRun:
    """A collapsed Gibbs sampling run of :func:`sample_topic_assignments`.

    ``S`` is the number of sweeps, ``N`` the number of words (documents concatenated, each
    in its order), ``D`` the number of documents, ``V`` the number of distinct words and
    ``K`` the number of topics. Topic numbers are arbitrary labels (any relabelling is as
    likely), and a long run may swap them.

    Attributes
    ----------
    vocabulary : tuple of V str
        The distinct words, in first-seen order.
    assignments : read-only int8 array of shape (S + 1, N)
        Every word's topic (0 to K - 1) after each sweep; row 0 is the uniformly random
        start.
    log_joint : float array of shape (S + 1,)
        ``log p(words, topics | alpha, eta)`` for each row of ``assignments`` (dice and
        mixes integrated out): higher means the topics explain the words better.
    doc_ids : int array of shape (N,)
        Each word's document.
    word_ids : int array of shape (N,)
        Each word's column in ``vocabulary``.
    doc_lengths : int array of shape (D,)
        Words per document; document ``d``'s words are positions
        ``doc_lengths[:d].sum()`` up to (not including) ``doc_lengths[:d + 1].sum()``.
    n_topics : int
        K.
    doc_topic_prior, topic_word_prior : float
        The Dirichlet priors alpha and eta used.
    """

    vocabulary: tuple[str, ...]
    assignments: np.ndarray
    log_joint: np.ndarray
    doc_ids: np.ndarray
    word_ids: np.ndarray
    doc_lengths: np.ndarray
    n_topics: int
    doc_topic_prior: float
    topic_word_prior: float

    @property
    def n_sweeps(self) -> int:
        """S, the number of sweeps run (``assignments`` has S + 1 rows)."""
        return int(self.assignments.shape[0] - 1)

    def _row(self, sweep: Any) -> np.ndarray:
        """Row ``sweep`` of the assignments (``None``: the last) as an intp array."""
        if sweep is None:
            sweep = self.n_sweeps
        sweep = check_count(sweep, "The sweep number", minimum=0)
        if sweep > self.n_sweeps:
            raise ValueError(
                f"The sweep number must be between 0 (the random start) and {self.n_sweeps:,} (the last sweep), "
                f"but got {shown(sweep)}."
            )
        return self.assignments[sweep].astype(np.intp)

    def counts(self, sweep: int | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The topic counts after ``sweep`` sweeps.

        Parameters
        ----------
        sweep : int, optional
            0 (the random start) to ``n_sweeps``; default the last.

        Returns
        -------
        document_counts : int array of shape (D, K)
            ``n_dk``: words of document ``d`` in topic ``k``.
        topic_word_counts : int array of shape (K, V)
            ``n_kw``: occurrences of word ``w`` in topic ``k``.
        topic_totals : int array of shape (K,)
            ``n_k``: all words in topic ``k``.
        """
        z = self._row(sweep)
        return _counts(z, self.doc_ids, self.word_ids, self.doc_lengths.size, len(self.vocabulary), self.n_topics)

    def topic_word(self, sweep: int | None = None) -> np.ndarray:
        """Each topic's die estimated after ``sweep`` sweeps: the posterior mean given the topics.

        ``(n_kw + eta) / (n_k + V * eta)``, the word probabilities the sampler uses.

        Parameters
        ----------
        sweep : int, optional
            0 (the random start) to ``n_sweeps``; default the last.

        Returns
        -------
        topic_word : array of shape (K, V)
            Rows sum to 1; columns in ``vocabulary`` order.
        """
        _, n_kw, n_k = self.counts(sweep)
        eta = self.topic_word_prior
        return (n_kw + eta) / (n_k[:, None] + len(self.vocabulary) * eta)

    def document_topic(self, sweep: int | None = None) -> np.ndarray:
        """Each document's mix estimated after ``sweep`` sweeps: the posterior mean given the topics.

        ``(n_dk + alpha) / (N_d + K * alpha)``; an empty document gets uniform weights.

        Parameters
        ----------
        sweep : int, optional
            0 (the random start) to ``n_sweeps``; default the last.

        Returns
        -------
        document_topic : array of shape (D, K)
            Rows sum to 1.
        """
        n_dk, _, _ = self.counts(sweep)
        alpha = self.doc_topic_prior
        return (n_dk + alpha) / (self.doc_lengths[:, None] + self.n_topics * alpha)

    def step_details(self, sweep: int, position: int) -> GibbsStep:
        """What the sampler saw when it re-rolled word ``position`` during sweep ``sweep + 1``.

        The state just before that re-roll: the words before ``position`` already carry
        their new topics (row ``sweep + 1`` of ``assignments``), this word and the words
        after it still carry their old ones (row ``sweep``). The counts are recomputed from
        those stored topics with this word left out; the resulting ``weights`` are, to the
        last bit, the ones the sampler drew ``topic_after`` from.

        Parameters
        ----------
        sweep : int
            0 to ``n_sweeps - 1``: the step from row ``sweep`` to row ``sweep + 1``.
        position : int
            0 to N - 1: the word, counting through the documents in order.

        Returns
        -------
        GibbsStep
        """
        sweep = check_count(sweep, "The sweep number", minimum=0)
        if sweep >= self.n_sweeps:
            raise ValueError(
                f"The sweep number of a step must be between 0 and {self.n_sweeps - 1:,}: step s re-rolls "
                f"a word from row s into row s + 1, and the last row is {self.n_sweeps:,}; but got {shown(sweep)}."
            )
        n = self.assignments.shape[1]
        position = check_count(position, "The word position", minimum=0)
        if position >= n:
            raise ValueError(
                f"The word position must be between 0 and {n - 1:,} (one number per word of the documents), "
                f"but got {shown(position)}."
            )
        z = np.concatenate((self.assignments[sweep + 1, :position], self.assignments[sweep, position:]))
        z = z.astype(np.intp)
        k_count, v = self.n_topics, len(self.vocabulary)
        d, w, before = int(self.doc_ids[position]), int(self.word_ids[position]), int(z[position])
        start = int(self.doc_lengths[:d].sum())
        stop = start + int(self.doc_lengths[d])
        own = np.bincount([before], minlength=k_count)  # the word's own count, taken out
        doc_counts = np.bincount(z[start:stop], minlength=k_count) - own
        word_counts = np.bincount(z[self.word_ids == w], minlength=k_count) - own
        totals = np.bincount(z, minlength=k_count) - own
        alpha, eta = self.doc_topic_prior, self.topic_word_prior
        # Same operations in the same order as the sampler's loop: bit-for-bit its weights.
        doc_factor = doc_counts + alpha
        word_factor = (word_counts + eta) / (totals + v * eta)
        weights = doc_factor * word_factor
        return GibbsStep(
            sweep=sweep,
            position=position,
            document=d,
            position_in_document=position - start,
            word=self.vocabulary[w],
            word_index=w,
            topic_before=before,
            topic_after=int(self.assignments[sweep + 1, position]),
            document_counts=doc_counts,
            word_counts=word_counts,
            topic_totals=totals,
            document_factor=doc_factor,
            word_factor=word_factor,
            weights=weights,
            probabilities=weights / weights.sum(),
        )


def _counts(
    z: np.ndarray, doc_ids: np.ndarray, word_ids: np.ndarray, n_docs: int, v: int, k: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``n_dk`` (D, K), ``n_kw`` (K, V) and ``n_k`` (K,) of the topics ``z`` (N,): one bincount each."""
    n_dk = np.bincount(doc_ids * k + z, minlength=n_docs * k).reshape(n_docs, k)
    n_kw = np.bincount(z * v + word_ids, minlength=k * v).reshape(k, v)
    n_k = np.bincount(z, minlength=k)
    return n_dk, n_kw, n_k


class _LogJoint:
    """``log p(w, z | alpha, eta)`` of topic assignments ``z``, with the gamma functions tabulated.

    Collapsed LDA::

        sum_d [lgamma(K alpha) - lgamma(N_d + K alpha) + sum_k (lgamma(n_dk + alpha) - lgamma(alpha))]
      + sum_k [lgamma(V eta) - lgamma(n_k + V eta) + sum_w (lgamma(n_kw + eta) - lgamma(eta))]

    The counts are whole numbers, so ``lgamma(n + alpha) - lgamma(alpha)``, its ``eta``
    counterpart and ``lgamma(n_k + V eta)`` are looked up in tables over ``n`` (built once
    with :func:`~mixgen_core.special.gammaln`): a sweep of a tiny corpus would otherwise
    spend most of its time in gammaln's own overhead. The terms in ``N_d`` do not depend on
    ``z`` and are summed once.
    """

    def __init__(self, doc_ids: np.ndarray, word_ids: np.ndarray, doc_lengths: np.ndarray, v: int, k: int,
                 alpha: float, eta: float) -> None:
        self.doc_ids, self.word_ids, self.n_docs, self.v, self.k = doc_ids, word_ids, doc_lengths.size, v, k
        # n_dk is at most the longest document; n_kw at most the word's frequency.
        longest = int(doc_lengths.max())
        most_frequent = int(np.bincount(word_ids, minlength=v).max())
        self.doc_table = gammaln(alpha + np.arange(longest + 1)) - gammaln(alpha)[()]
        self.word_table = gammaln(eta + np.arange(most_frequent + 1)) - gammaln(eta)[()]
        self.topic_table = gammaln(v * eta + np.arange(word_ids.size + 1))  # n_k <= N
        ka = k * alpha
        self.constant = float(
            (gammaln(ka)[()] - gammaln(doc_lengths + ka)).sum() + k * self.topic_table[0]
        )

    def __call__(self, z: np.ndarray) -> float:
        n_dk, n_kw, n_k = _counts(z, self.doc_ids, self.word_ids, self.n_docs, self.v, self.k)
        return float(
            self.constant
            + self.doc_table[n_dk].sum()
            + self.word_table[n_kw].sum()
            - self.topic_table[n_k].sum()
        )


def _sweep(
    z: list[int],
    documents: list[tuple[int, int, int]],
    word_of: list[int],
    n_dk: list[list[float]],
    n_wk: list[list[float]],
    n_k: list[float],
    uniforms: list[float],
    alpha: float,
    eta: float,
    v_eta: float,
    cumulative: list[float],
) -> None:
    """Re-roll every word's topic once, in document order, updating ``z`` and the counts in place.

    ``documents`` lists ``(d, start, stop)`` for each non-empty document; the counts are
    whole numbers held as floats (exact), ``n_wk`` by word (one row of K per word) so that
    a word's counts are one list. ``cumulative`` is the preallocated buffer of K
    cumulative weights.
    """
    topics = range(len(n_k))
    top = len(n_k) - 1
    for d, start, stop in documents:
        row_d = n_dk[d]
        for i in range(start, stop):
            k = z[i]
            row_w = n_wk[word_of[i]]
            row_d[k] -= 1.0  # take the word out ...
            row_w[k] -= 1.0
            n_k[k] -= 1.0
            total = 0.0
            for j in topics:
                total += (row_d[j] + alpha) * ((row_w[j] + eta) / (n_k[j] + v_eta))
                cumulative[j] = total
            # The first topic whose cumulative weight exceeds u * total; `top` as the search's
            # end keeps a rounding of u * total up to total inside the topics.
            k = bisect_right(cumulative, uniforms[i] * total, 0, top)
            row_d[k] += 1.0  # ... and put it back with its new topic
            row_w[k] += 1.0
            n_k[k] += 1.0
            z[i] = k


def sample_topic_assignments(
    documents: Sequence[Sequence[str]],
    n_topics: int,
    rng: np.random.Generator,
    *,
    n_sweeps: int = 200,
    doc_topic_prior: float | None = None,
    topic_word_prior: float | None = None,
    on_sweep: Callable[[int, float], None] | None = None,
) -> GibbsRun:
    """Sample every word's topic by collapsed Gibbs sampling for LDA, keeping every sweep.

    Row 0 gives every word a uniformly random topic. Each sweep then visits every word in
    document order, takes it out of the counts, draws its topic with probabilities
    proportional to ``(n_dk + alpha) * (n_kw + eta) / (n_k + V * eta)`` (see the module
    docstring), and puts it back. Deterministic for a given ``rng`` state, which is used
    in exactly this order: ``rng.integers(0, K, size=N)`` for the start, then
    ``rng.random(N)`` per sweep, one uniform ``u`` per word; the topic drawn is the first
    ``k`` whose cumulative weight exceeds ``u`` times the total weight.

    Parameters
    ----------
    documents : sequence of D sequences of str
        Each document a list of words. Empty documents are allowed, but not all of them.
        At most ``MAX_FIT_DOCUMENTS`` documents, ``MAX_TOTAL_WORDS`` words in all and
        ``MAX_VOCABULARY`` distinct words (see :func:`~mixgen_core.corpus.build_corpus`).
    n_topics : int
        Number of topics K, 1 to ``MAX_TOPICS``, and at most the number of distinct words.
    rng : numpy.random.Generator
        Source of the random start and of every draw.
    n_sweeps : int, default 200
        Sweeps S, 1 to ``MAX_GIBBS_SWEEPS``; also ``(S + 1) x N`` (the stored history) may
        be at most ``MAX_GIBBS_HISTORY``.
    doc_topic_prior : float, optional
        Dirichlet prior alpha on each document's mix, ``MIN_PRIOR`` to ``MAX_PRIOR``
        (0.01 to 100); default ``1 / n_topics``, as in :func:`~mixgen_core.topic_fit.fit_topics`.
    topic_word_prior : float, optional
        Dirichlet prior eta on each topic's die, ``MIN_PRIOR`` to ``MAX_PRIOR``; default
        ``1 / n_topics``.
    on_sweep : callable, optional
        Called as ``on_sweep(sweep, log_joint)`` for the start (sweep 0) and after each
        sweep, e.g. to update a progress display.

    Returns
    -------
    run : GibbsRun
        With ``vocabulary`` (V,), ``assignments`` (S + 1, N), ``log_joint`` (S + 1,) and
        methods for the counts, the estimated dice and mixes at any sweep and the details
        of any single re-roll.

    Raises
    ------
    ValueError
        For invalid documents (see :func:`build_corpus`) or settings.
    """
    n_sweeps = check_count(n_sweeps, "n_sweeps", minimum=1, maximum=MAX_GIBBS_SWEEPS)
    if on_sweep is not None and not callable(on_sweep):
        raise ValueError("on_sweep must be a function (or None).")
    corpus, n_topics, rng, alpha, eta = check_topic_model(
        documents, n_topics, rng, doc_topic_prior, topic_word_prior
    )
    n = int(corpus.doc_lengths.sum())
    if (n_sweeps + 1) * n > MAX_GIBBS_HISTORY:
        raise ValueError(
            f"The sampler keeps every word's topic after every sweep, at most {MAX_GIBBS_HISTORY:,} "
            f"in all, but {n_sweeps:,} sweeps of {n:,} words need {(n_sweeps + 1) * n:,}: "
            "use fewer sweeps or fewer words."
        )
    return _sample(corpus, n_topics, alpha, eta, rng, n_sweeps, on_sweep)


def _sample(
    corpus: Corpus,
    k: int,
    alpha: float,
    eta: float,
    rng: np.random.Generator,
    n_sweeps: int,
    on_sweep: Callable[[int, float], None] | None,
) -> GibbsRun:
    """The sampler on a checked corpus (see :func:`sample_topic_assignments`)."""
    v, n_docs = len(corpus.vocabulary), corpus.n_documents
    doc_ids = corpus.doc_ids[corpus.token_pair]
    word_ids = corpus.word_ids[corpus.token_pair]
    n = doc_ids.size
    log_joint = _LogJoint(doc_ids, word_ids, corpus.doc_lengths, v, k, alpha, eta)
    # 1-byte topics (K <= 8): the history is the run's one large array.
    history = np.empty((n_sweeps + 1, n), dtype=np.int8)
    joints = np.empty(n_sweeps + 1)
    z0 = rng.integers(0, k, size=n)
    history[0] = z0
    joints[0] = log_joint(z0)
    if on_sweep is not None:
        on_sweep(0, float(joints[0]))
    # Python lists for the loop: indexing a list is several times cheaper than a numpy scalar.
    n_dk, n_kw, n_k = _counts(z0, doc_ids, word_ids, n_docs, v, k)
    n_dk_list = n_dk.astype(float).tolist()
    n_wk_list = n_kw.T.astype(float).tolist()
    n_k_list = n_k.astype(float).tolist()
    ends = np.cumsum(corpus.doc_lengths).tolist()
    spans = [(d, end - length, end) for d, (end, length) in enumerate(zip(ends, corpus.doc_lengths.tolist()))
             if length]
    z = z0.tolist()
    word_of = word_ids.tolist()
    cumulative = [0.0] * k
    v_eta = v * eta
    for sweep in range(1, n_sweeps + 1):
        _sweep(z, spans, word_of, n_dk_list, n_wk_list, n_k_list, rng.random(n).tolist(),
               alpha, eta, v_eta, cumulative)
        history[sweep] = z
        joints[sweep] = log_joint(history[sweep].astype(np.intp))
        if on_sweep is not None:
            on_sweep(sweep, float(joints[sweep]))
    history.flags.writeable = False  # step_details reads the stored rows: keep them as drawn
    return GibbsRun(
        vocabulary=corpus.vocabulary,
        assignments=history,
        log_joint=joints,
        doc_ids=doc_ids,
        word_ids=word_ids,
        doc_lengths=corpus.doc_lengths,
        n_topics=k,
        doc_topic_prior=alpha,
        topic_word_prior=eta,
    )
