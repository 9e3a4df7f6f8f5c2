"""Finding unknown topics from documents: latent Dirichlet allocation by batch variational Bayes.

The generative story (the worksheet's, with Dirichlet priors added): each topic ``k`` is a
die ``beta_k ~ Dirichlet(eta)`` over the vocabulary; each document ``d`` has mixing weights
``theta_d ~ Dirichlet(alpha)``; each word first picks a topic from ``theta_d`` and then rolls
that topic's die. Only the words are seen.

Variational Bayes approximates the posterior of ``beta``, ``theta`` and each word's topic by
independent pieces: ``beta_k ~ Dirichlet(lambda_k)``, ``theta_d ~ Dirichlet(gamma_d)`` and,
for each word, topic probabilities ``phi``. Each iteration updates ``phi`` for all words at
once (vectorised over the distinct ``(document, word)`` pairs and their counts), then
``gamma`` and ``lambda`` from ``phi``. Every update is an exact coordinate-ascent step, so
the objective (the evidence lower bound, ELBO) never decreases.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Callable, Sequence

import numpy as np

from ._checks import check_count, check_rng, shown
from .topics import MAX_WORD_LENGTH
from .word_origins import MAX_TOPICS, quote_word

#: Most words in all documents together.
MAX_TOTAL_WORDS = 1_000_000
#: Most documents.
MAX_DOCUMENTS = 100_000
#: Most distinct words.
MAX_VOCABULARY = 20_000
#: Most restarts.
MAX_N_INIT = 20
#: Most iterations per restart.
MAX_ITER = 5_000
#: Priors allowed. The lower end keeps ``exp(E[log theta] + E[log beta])`` far above the
#: smallest double (digamma(0.01) is about -100.6), so no word's probabilities underflow.
MIN_PRIOR, MAX_PRIOR = 0.01, 100.0

_HALF_LOG_2PI = 0.5 * np.log(2.0 * np.pi)


# --------------------------------------------------------------------------- special functions
def _check_positive(x: Any, name: str) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    if np.any(~(x > 0)) or not np.all(np.isfinite(x)):
        raise ValueError(f"{name} is only computed here for positive finite numbers.")
    return x


def _shift(x: np.ndarray, want_psi: bool, want_lgamma: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Shift every ``x < 10`` by exactly 10: returns ``y = x + 10`` there (``x`` elsewhere),
    ``sum_{j<10} 1/(x+j)`` and ``prod_{j<10} (x+j)`` there (0 and 1 elsewhere).

    The product is at most 20^10 (no overflow) and at least x * 9! (no underflow for the
    positive doubles above 1e-300 used here).
    """
    y = x.copy()
    recip = np.zeros_like(x)
    prod = np.ones_like(x)
    small = x < 10.0
    if small.any():
        xs = x[small]
        r = np.zeros_like(xs)
        p = np.ones_like(xs)
        for j in range(0, 10, 2):  # two steps at a time: 1/t + 1/(t+1) = (2t+1) / (t(t+1))
            t = xs + j
            tt = t * (t + 1.0)
            if want_psi:
                r += (2.0 * t + 1.0) / tt
            if want_lgamma:
                p *= tt
        y[small] = xs + 10.0
        recip[small] = r
        prod[small] = p
    return y, recip, prod


def _psi_large(y: np.ndarray) -> np.ndarray:
    inv2 = 1.0 / (y * y)
    series = inv2 * (
        1 / 12
        - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132 - inv2 * (691 / 32760)))))
    )
    return np.log(y) - 0.5 / y - series


def _lgamma_large(y: np.ndarray) -> np.ndarray:
    inv = 1.0 / y
    inv2 = inv * inv
    series = inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 * (1 / 1680 - inv2 * (1 / 1188)))))
    return (y - 0.5) * np.log(y) - y + _HALF_LOG_2PI + series


def digamma(x: Any) -> np.ndarray:
    """Digamma function ``psi(x) = d/dx log Gamma(x)`` for positive ``x``, elementwise.

    Below 10, uses ``psi(x) = psi(x + 10) - sum_{j<10} 1/(x + j)`` (the recurrence
    ``psi(x + 1) = psi(x) + 1/x`` ten times); from 10 on, the asymptotic series
    ``log x - 1/(2x) - sum B_2n / (2n x^2n)`` up to ``x^-12``, whose truncation error is
    below 1e-15.

    Parameters
    ----------
    x : array-like of positive floats, any shape

    Returns
    -------
    psi : array of the shape of ``x``
    """
    x = _check_positive(x, "digamma")
    y, recip, _ = _shift(x, True, False)
    return _psi_large(y) - recip


def gammaln(x: Any) -> np.ndarray:
    """Logarithm of the Gamma function for positive ``x``, elementwise.

    Below 10, uses ``log Gamma(x) = log Gamma(x + 10) - log prod_{j<10} (x + j)``; from 10
    on, Stirling's series up to ``x^-9``, whose truncation error is below 1e-13.

    Parameters
    ----------
    x : array-like of positive floats, any shape

    Returns
    -------
    lgamma : array of the shape of ``x``
    """
    x = _check_positive(x, "gammaln")
    y, _, prod = _shift(x, False, True)
    return _lgamma_large(y) - np.log(prod)


def _psi_and_lgamma(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Both functions with one shift (inputs already known positive)."""
    y, recip, prod = _shift(x, True, True)
    return _psi_large(y) - recip, _lgamma_large(y) - np.log(prod)


# --------------------------------------------------------------------------- corpus
@dataclass(frozen=True)
class Corpus:
    """Documents as counts of distinct ``(document, word)`` pairs.

    Attributes
    ----------
    vocabulary : tuple of V str
        Distinct words in first-seen order.
    doc_ids, word_ids : int arrays of shape (N,)
        The document and vocabulary index of each distinct pair.
    counts : float array of shape (N,)
        How often the word occurs in the document.
    token_pair : int array of shape (n_words,)
        For each word of the documents, in order, the index of its pair.
    doc_lengths : int array of shape (D,)
    """

    vocabulary: tuple[str, ...]
    doc_ids: np.ndarray
    word_ids: np.ndarray
    counts: np.ndarray
    token_pair: np.ndarray
    doc_lengths: np.ndarray

    @property
    def n_documents(self) -> int:
        return int(self.doc_lengths.size)

    def count_matrix(self) -> np.ndarray:
        """Dense (D, V) matrix of word counts (what scikit-learn's CountVectorizer gives)."""
        m = np.zeros((self.n_documents, len(self.vocabulary)))
        m[self.doc_ids, self.word_ids] = self.counts
        return m


def build_corpus(documents: Any) -> Corpus:
    """Check documents (lists of words) and count their distinct ``(document, word)`` pairs.

    Parameters
    ----------
    documents : sequence of D sequences of str
        At least one word in all; at most 100 000 documents and 1 000 000 words in all,
        20 000 distinct words, each word non-empty text of at most 10 000 characters.

    Returns
    -------
    corpus : Corpus

    Raises
    ------
    ValueError
        With a sentence naming the problem.
    """
    if isinstance(documents, str) or not hasattr(documents, "__len__"):
        raise ValueError("documents must be a list of documents, each a list of words.")
    if len(documents) == 0:
        raise ValueError("There are no documents: give at least one document with words.")
    if len(documents) > MAX_DOCUMENTS:
        raise ValueError(f"Give at most {MAX_DOCUMENTS:,} documents, but got {len(documents):,}.")
    documents = list(documents)
    for i, doc in enumerate(documents):
        if isinstance(doc, str):
            raise ValueError(
                f"Document {i + 1} is a single string: each document must be a list of words "
                "(try text.split())."
            )
        if not isinstance(doc, (list, tuple, np.ndarray)) or (isinstance(doc, np.ndarray) and doc.ndim != 1):
            raise ValueError(f"Document {i + 1} must be a list of words.")
    lengths = np.fromiter(map(len, documents), dtype=np.int64, count=len(documents))
    total = int(lengths.sum())
    if total == 0:
        raise ValueError("All documents are empty: there are no words to find topics in.")
    if total > MAX_TOTAL_WORDS:
        raise ValueError(
            f"The documents may hold at most {MAX_TOTAL_WORDS:,} words in all, but hold {total:,}."
        )
    flat = [w for doc in documents for w in doc]
    if len(flat) != total:
        raise ValueError("A document changed its length while being read: give lists of words.")
    if not all(isinstance(w, str) for w in flat):  # before hashing: a list as a word is unhashable
        bad = next(w for w in flat if not isinstance(w, str))
        raise ValueError(f"Every word must be text, but the documents contain {quote_word(bad)}.")
    vocab = dict.fromkeys(flat)  # distinct words, first-seen order
    for w in vocab:
        if not w:
            raise ValueError("The documents contain an empty word: every word needs at least one letter.")
        if len(w) > MAX_WORD_LENGTH:
            raise ValueError(f"A word may be at most {MAX_WORD_LENGTH:,} characters long.")
    if len(vocab) > MAX_VOCABULARY:
        raise ValueError(
            f"The documents may use at most {MAX_VOCABULARY:,} distinct words, but use {len(vocab):,}."
        )
    index = {w: i for i, w in enumerate(vocab)}
    word_of_token = np.fromiter(map(index.__getitem__, flat), dtype=np.int64, count=total)
    doc_of_token = np.repeat(np.arange(len(documents), dtype=np.int64), lengths)
    v = len(vocab)
    keys, token_pair, counts = np.unique(
        doc_of_token * v + word_of_token, return_inverse=True, return_counts=True
    )
    return Corpus(
        vocabulary=tuple(str(w) for w in vocab),
        doc_ids=(keys // v).astype(np.intp),
        word_ids=(keys % v).astype(np.intp),
        counts=counts.astype(float),
        token_pair=token_pair.reshape(-1).astype(np.intp),
        doc_lengths=lengths,
    )


# --------------------------------------------------------------------------- the fit
@dataclass(frozen=True)
class TopicFit:
    """Topics found by :func:`fit_topics`.

    Attributes
    ----------
    vocabulary : tuple of V str
        The distinct words, in first-seen order: the columns of ``topic_word``.
    topic_word : array of shape (K, V)
        Each topic's die: posterior mean word probabilities, rows sum to 1.
    document_topic : array of shape (D, K)
        Each document's mixing weights (posterior mean), rows sum to 1. An empty document
        gets the prior's mean, uniform weights.
    objective : float
        Final evidence lower bound (ELBO) of the best restart, a lower bound on the log
        probability of the documents: higher is better.
    objective_history : array of shape (n_iter,)
        ELBO at the start of each iteration of the best restart, then at the end; never
        decreases (up to rounding).
    n_iter : int
        Iterations run by the best restart.
    converged : bool
        Whether the best restart met ``tol`` before ``max_iter``.
    doc_topic_prior, topic_word_prior : float
        The Dirichlet priors alpha and eta used.
    restart_objectives : array of shape (n_init,)
        Final ELBO of each restart.
    """

    vocabulary: tuple[str, ...]
    topic_word: np.ndarray
    document_topic: np.ndarray
    objective: float
    objective_history: np.ndarray
    n_iter: int
    converged: bool
    doc_topic_prior: float
    topic_word_prior: float
    restart_objectives: np.ndarray
    _pair_posteriors: np.ndarray = field(repr=False, compare=False)
    _token_pair: np.ndarray = field(repr=False, compare=False)
    _doc_lengths: np.ndarray = field(repr=False, compare=False)

    @property
    def n_topics(self) -> int:
        return int(self.topic_word.shape[0])

    @cached_property
    def word_topics(self) -> list[np.ndarray]:
        """Per document, an ``(n_words, K)`` array: each word's topic probabilities (rows sum to 1)."""
        per_token = self._pair_posteriors[self._token_pair]
        return np.split(per_token, np.cumsum(self._doc_lengths)[:-1])


def _check_prior(value: Any, name: str, default: float) -> float:
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise ValueError(f"{name} must be a number, but got {shown(value)}.")
    if not MIN_PRIOR <= value <= MAX_PRIOR:  # compared before float(): a huge int would overflow
        got = shown(value) if isinstance(value, (int, np.integer)) else f"{float(value):g}"
        raise ValueError(f"{name} must be between {MIN_PRIOR:g} and {MAX_PRIOR:g}, but got {got}.")
    return float(value)


def _dirichlet_stats(param: np.ndarray, prior: float) -> tuple[np.ndarray, float]:
    """For Dirichlet rows ``q = Dirichlet(param[i])`` with prior ``Dirichlet(prior)``:

    ``E_q[log p]`` (same shape as ``param``: psi(param) - psi(row sum)) and the rows' share
    of the ELBO, ``sum_i E_q[log prior density] - E_q[log q]``.
    """
    n, k = param.shape
    psi, lgam = _psi_and_lgamma(param)
    psi_sum, lgam_sum = _psi_and_lgamma(param.sum(axis=1))
    elog = psi - psi_sum[:, None]
    const = float(gammaln(prior * k)[()] - k * gammaln(prior)[()])
    term = float(np.sum((prior - param) * elog) + lgam.sum() - lgam_sum.sum() + n * const)
    return elog, term


def _run(
    corpus: Corpus,
    k: int,
    alpha: float,
    eta: float,
    rng: np.random.Generator,
    max_iter: int,
    tol: float,
    on_iteration: Callable[[int, float], None] | None,
) -> tuple[np.ndarray, np.ndarray, list[float], bool, np.ndarray]:
    d_ids, w_ids, c = corpus.doc_ids, corpus.word_ids, corpus.counts
    n_docs, v = corpus.n_documents, len(corpus.vocabulary)
    n_words = float(c.sum())
    # Work in (K, N) layout (one contiguous row per topic) and one bincount per update
    # over all (topic, pair) cells, with these flat cell indices.
    topic_offsets = np.arange(k)[:, None]
    doc_cell = (topic_offsets * n_docs + d_ids).ravel()
    word_cell = (topic_offsets * v + w_ids).ravel()
    # Start: random dice (each a Dirichlet(1) draw, worth the corpus's words split over K
    # topics) and uniform document weights.
    lam = eta + (n_words / k) * rng.dirichlet(np.ones(v), size=k)
    gamma = alpha + np.repeat(corpus.doc_lengths[:, None] / k, k, axis=1)
    history: list[float] = []
    converged = False
    for it in range(max_iter + 1):
        elog_theta, theta_term = _dirichlet_stats(gamma, alpha)  # (D, K)
        elog_beta, beta_term = _dirichlet_stats(lam, eta)  # (K, V)
        exp_theta_t = np.exp(elog_theta.T)  # (K, D)
        exp_beta = np.exp(elog_beta)  # (K, V)
        # joint[k, n] = exp(E log theta_dk + E log beta_kw) for the pair n = (d, w).
        joint = np.take(exp_theta_t, d_ids, axis=1)  # np.take: much faster than [:, idx]
        joint *= np.take(exp_beta, w_ids, axis=1)
        norm = joint.sum(axis=0)  # > exp(-300) thanks to MIN_PRIOR: no log(0)
        # (c * log).sum(), not c @ log: BLAS would wake its threads for one dot product.
        elbo = float((c * np.log(norm)).sum()) + theta_term + beta_term
        history.append(elbo)
        if on_iteration is not None:
            on_iteration(it, elbo)
        if it > 0 and abs(elbo - history[-2]) <= tol * abs(elbo):
            converged = True
            break
        if it == max_iter:
            break
        # Expected topic counts of each pair: count * phi = count * joint / norm.
        joint *= c / norm
        flat = joint.ravel()
        gamma = alpha + np.bincount(doc_cell, flat, k * n_docs).reshape(k, n_docs).T
        lam = eta + np.bincount(word_cell, flat, k * v).reshape(k, v)
    # Word posteriors (N, K) for the final gamma and lambda.
    phi = (joint / norm).T
    return gamma, lam, history, converged, phi


def fit_topics(
    documents: Sequence[Sequence[str]],
    n_topics: int,
    rng: np.random.Generator,
    *,
    n_init: int = 4,
    max_iter: int = 1000,
    tol: float = 1e-7,
    doc_topic_prior: float | None = None,
    topic_word_prior: float | None = None,
    on_iteration: Callable[[int, int, float], None] | None = None,
) -> TopicFit:
    """Find ``n_topics`` topics (dice) and each document's mixing weights from words alone.

    Latent Dirichlet allocation fitted by batch variational Bayes (see the module
    docstring), restarted ``n_init`` times from random dice; the restart with the highest
    objective (ELBO) is kept. Deterministic for a given ``rng`` state.

    Parameters
    ----------
    documents : sequence of D sequences of str
        Each document a list of words. Empty documents are allowed, but not all of them.
        At most 100 000 documents, 1 000 000 words in all, 20 000 distinct words.
    n_topics : int
        Number of topics K, 1 to 8, and at most the number of distinct words (with more
        topics than words some topics could only copy others, so this is refused).
    rng : numpy.random.Generator
        Source of the random starting dice.
    n_init : int, default 4
        Restarts, 1 to 20.
    max_iter : int, default 1000
        Most iterations per restart, 1 to 5000.
    tol : float, default 1e-7
        Stop a restart when the ELBO changes by less than ``tol`` times its size
        (0 < tol < 0.1).
    doc_topic_prior : float, optional
        Dirichlet prior alpha on each document's mixing weights, 0.01 to 100; default
        ``1 / n_topics`` (as in scikit-learn). Small values favour documents about few topics.
    topic_word_prior : float, optional
        Dirichlet prior eta on each topic's die, 0.01 to 100; default ``1 / n_topics``
        (as in scikit-learn): a fraction of a pseudo-word per side, so small corpora (three
        documents of 20 words) are smoothed a little and large ones hardly at all.
    on_iteration : callable, optional
        Called as ``on_iteration(restart, iteration, objective)`` after each ELBO
        evaluation, e.g. to update a progress display.

    Returns
    -------
    fit : TopicFit
        With ``vocabulary``, ``topic_word`` (K, V), ``document_topic`` (D, K),
        ``word_topics`` (per document an (n_words, K) array), ``objective`` and
        ``objective_history``.

    Raises
    ------
    ValueError
        For invalid documents (see :func:`build_corpus`) or settings.
    """
    n_topics = check_count(n_topics, "The number of topics", minimum=1, maximum=MAX_TOPICS)
    rng = check_rng(rng)
    n_init = check_count(n_init, "n_init", minimum=1, maximum=MAX_N_INIT)
    max_iter = check_count(max_iter, "max_iter", minimum=1, maximum=MAX_ITER)
    if (
        isinstance(tol, bool)
        or not isinstance(tol, (int, float, np.integer, np.floating))
        or not 0 < tol < 0.1
    ):
        raise ValueError(f"tol must be a number above 0 and below 0.1, but got {shown(tol)}.")
    alpha = _check_prior(doc_topic_prior, "doc_topic_prior", 1.0 / n_topics)
    eta = _check_prior(topic_word_prior, "topic_word_prior", 1.0 / n_topics)
    if on_iteration is not None and not callable(on_iteration):
        raise ValueError("on_iteration must be a function (or None).")
    corpus = build_corpus(documents)
    if n_topics > len(corpus.vocabulary):
        raise ValueError(
            f"You asked for {n_topics} topics, but the documents use only {len(corpus.vocabulary)} "
            f"distinct word(s): ask for at most {len(corpus.vocabulary)} topics."
        )
    best = None
    finals = []
    for restart in range(n_init):
        callback = None if on_iteration is None else (lambda it, obj, r=restart: on_iteration(r, it, obj))
        gamma, lam, history, converged, phi = _run(corpus, n_topics, alpha, eta, rng, max_iter, tol, callback)
        finals.append(history[-1])
        if best is None or history[-1] > best[2][-1]:
            best = (gamma, lam, history, converged, phi)
    gamma, lam, history, converged, phi = best
    return TopicFit(
        vocabulary=corpus.vocabulary,
        topic_word=lam / lam.sum(axis=1, keepdims=True),
        document_topic=gamma / gamma.sum(axis=1, keepdims=True),
        objective=float(history[-1]),
        objective_history=np.array(history),
        n_iter=len(history) - 1,
        converged=converged,
        doc_topic_prior=alpha,
        topic_word_prior=eta,
        restart_objectives=np.array(finals),
        _pair_posteriors=phi,
        _token_pair=corpus.token_pair,
        _doc_lengths=corpus.doc_lengths,
    )
