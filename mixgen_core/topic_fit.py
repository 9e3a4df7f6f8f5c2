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
from .corpus import Corpus, build_corpus
from .limits import MAX_INIT, MAX_PRIOR, MAX_TOPIC_FIT_ITER, MAX_TOPICS, MIN_PRIOR
from .special import digamma_and_gammaln, gammaln


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
        """K, the number of topics found."""
        return int(self.topic_word.shape[0])

    @cached_property
    def word_topics(self) -> list[np.ndarray]:
        """Per document, an ``(n_words, K)`` array: each word's topic probabilities (rows sum to 1)."""
        per_token = self._pair_posteriors[self._token_pair]
        return np.split(per_token, np.cumsum(self._doc_lengths)[:-1])


def _check_prior(value: Any, name: str, default: float) -> float:
    """A Dirichlet prior between ``MIN_PRIOR`` and ``MAX_PRIOR`` as a float (``default`` for ``None``)."""
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise ValueError(f"{name} must be a number, but got {shown(value)}.")
    if not MIN_PRIOR <= value <= MAX_PRIOR:  # compared before float(): a huge int would overflow
        got = shown(value) if isinstance(value, (int, np.integer)) else f"{float(value):g}"
        raise ValueError(f"{name} must be between {MIN_PRIOR:g} and {MAX_PRIOR:g}, but got {got}.")
    return float(value)


def _dirichlet_stats(param: np.ndarray, prior: float) -> tuple[np.ndarray, float]:
    """For Dirichlet rows ``q = Dirichlet(param[i])`` (``param`` of shape (n, k)) with prior
    ``Dirichlet(prior)``:

    ``E_q[log p]`` (shape (n, k): psi(param) - psi(row sum)) and the rows' share of the
    ELBO, ``sum_i E_q[log prior density] - E_q[log q]`` (a float).
    """
    n, k = param.shape
    psi, lgam = digamma_and_gammaln(param)
    psi_sum, lgam_sum = digamma_and_gammaln(param.sum(axis=1))
    elog = psi - psi_sum[:, None]
    const = float(gammaln(prior * k)[()] - k * gammaln(prior)[()])
    term = float(np.sum((prior - param) * elog) + lgam.sum() - lgam_sum.sum() + n * const)
    return elog, term


#: Number of groups the words of the documents are sampled in by :func:`_gibbs_start`: all
#: words of a group are resampled at once, at most ``ceil(length / _GIBBS_GROUPS)`` per document.
_GIBBS_GROUPS = 16
#: Sweeps of :func:`_gibbs_start` to forget its random start, then sweeps averaged.
_GIBBS_BURN_IN = 20
_GIBBS_AVERAGED = 20
#: Word updates :func:`_gibbs_start` may make in all, so a huge corpus gets fewer sweeps
#: (at least ``_GIBBS_MIN_SWEEPS``): its start is then quick, and already good.
_GIBBS_BUDGET = 4_000_000
_GIBBS_MIN_SWEEPS = 6


def _gibbs_start(corpus: Corpus, k: int, alpha: float, eta: float, rng: np.random.Generator) -> np.ndarray:
    """Expected topic-word counts (K, V) from a short run of collapsed Gibbs sampling.

    Every word gets a random topic; then each sweep resamples every word's topic given all
    the others (topic counts of its document plus ``alpha``, times the topic's count of
    the word plus ``eta``, over the topic's size plus ``V eta``). The words are resampled
    in ``_GIBBS_GROUPS`` groups by their position in the document, each group at once
    (vectorised; a document's words in one group see each other's old topics: a good start
    needs no more). After a burn-in the topic-word probabilities of the later sweeps are
    averaged: a start near the posterior mean of the dice, from which variational Bayes
    reliably climbs to a far better optimum than from random dice.

    Returns
    -------
    counts : array of shape (K, V)
        The averaged probabilities times the corpus's words split over K topics: a
        topic-word Dirichlet parameter minus the prior, as :func:`_run` starts from.
    """
    token_pair = corpus.token_pair
    d = corpus.doc_ids[token_pair]
    w = corpus.word_ids[token_pair]
    n, n_docs, v = token_pair.size, corpus.n_documents, len(corpus.vocabulary)
    starts = np.cumsum(corpus.doc_lengths) - corpus.doc_lengths
    group = (np.arange(n) - np.repeat(starts, corpus.doc_lengths)) % _GIBBS_GROUPS
    order = np.argsort(group, kind="stable")
    bounds = np.searchsorted(group[order], np.arange(_GIBBS_GROUPS + 1))
    groups = [(d[idx] * k, w[idx], idx) for idx in np.split(order, bounds[1:-1]) if idx.size]
    z = rng.integers(k, size=n)
    doc_topic = np.bincount(d * k + z, minlength=n_docs * k).astype(float)  # flat (D, K)
    word_topic = np.bincount(w * k + z, minlength=v * k).astype(float)  # flat (V, K)
    topic = np.bincount(z, minlength=k).astype(float)
    sweeps = max(_GIBBS_MIN_SWEEPS, min(_GIBBS_BURN_IN + _GIBBS_AVERAGED, _GIBBS_BUDGET // n))
    burn_in = sweeps // 2
    offsets = np.arange(k)
    mean = np.zeros((v, k))
    for sweep in range(sweeps):
        for d_cell, w_ids, idx in groups:
            old = z[idx]
            np.subtract.at(doc_topic, d_cell + old, 1.0)
            np.subtract.at(word_topic, w_ids * k + old, 1.0)
            topic -= np.bincount(old, minlength=k)
            # p[i, j] proportional to (n_dj + alpha)(n_jw + eta) / (n_j + V eta)
            p = doc_topic[d_cell[:, None] + offsets] + alpha
            p *= word_topic[(w_ids * k)[:, None] + offsets] + eta
            p /= topic + v * eta
            np.cumsum(p, axis=1, out=p)
            u = rng.random(idx.size) * p[:, -1]
            new = np.minimum((u[:, None] >= p).sum(axis=1), k - 1)
            z[idx] = new
            np.add.at(doc_topic, d_cell + new, 1.0)
            np.add.at(word_topic, w_ids * k + new, 1.0)
            topic += np.bincount(new, minlength=k)
        if sweep >= burn_in:
            mean += (word_topic.reshape(v, k) + eta) / (topic + v * eta)
    mean = mean.T  # (K, V), rows proportional to the averaged topic-word probabilities
    return mean / mean.sum(axis=1, keepdims=True) * (float(corpus.counts.sum()) / k)


def _run(
    corpus: Corpus,
    k: int,
    alpha: float,
    eta: float,
    start: np.ndarray,
    max_iter: int,
    tol: float,
    on_iteration: Callable[[int, float], None] | None,
) -> tuple[np.ndarray, np.ndarray, list[float], bool, np.ndarray]:
    """One restart of the fit with ``k`` topics, from ``lambda = eta + start`` (K, V).

    Returns
    -------
    gamma : array of shape (D, K)
        Each document's Dirichlet parameter.
    lam : array of shape (K, V)
        Each topic's Dirichlet parameter.
    history : list of float
        The ELBO at the start of each iteration, then at the end.
    converged : bool
    phi : array of shape (N, K)
        Each distinct (document, word) pair's topic probabilities.
    """
    d_ids, w_ids, c = corpus.doc_ids, corpus.word_ids, corpus.counts
    n_docs, v = corpus.n_documents, len(corpus.vocabulary)
    # Work in (K, N) layout (one contiguous row per topic) and one bincount per update
    # over all (topic, pair) cells, with these flat cell indices.
    topic_offsets = np.arange(k)[:, None]
    doc_cell = (topic_offsets * n_docs + d_ids).ravel()
    word_cell = (topic_offsets * v + w_ids).ravel()
    # Start: the given dice and uniform document weights.
    lam = eta + start
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
    init: str = "gibbs",
) -> TopicFit:
    """Find ``n_topics`` topics (dice) and each document's mixing weights from words alone.

    Latent Dirichlet allocation fitted by batch variational Bayes (see the module
    docstring), restarted ``n_init`` times; the restart with the highest objective (ELBO)
    is kept. Each restart starts from a short run of collapsed Gibbs sampling (``init``),
    which leads variational Bayes to far better topics than random dice do.
    Deterministic for a given ``rng`` state.

    Parameters
    ----------
    documents : sequence of D sequences of str
        Each document a list of words. Empty documents are allowed, but not all of them.
        At most ``MAX_FIT_DOCUMENTS`` documents, ``MAX_TOTAL_WORDS`` words in all and
        ``MAX_VOCABULARY`` distinct words (see :func:`~mixgen_core.corpus.build_corpus`).
    n_topics : int
        Number of topics K, 1 to ``MAX_TOPICS``, and at most the number of distinct words
        (with more topics than words some topics could only copy others, so this is refused).
    rng : numpy.random.Generator
        Source of the random starting dice.
    n_init : int, default 4
        Restarts, 1 to ``MAX_INIT``, each from a different random start.
    max_iter : int, default 1000
        Most iterations per restart, 1 to ``MAX_TOPIC_FIT_ITER``.
    tol : float, default 1e-7
        Stop a restart when the ELBO changes by less than ``tol`` times its size
        (0 < tol < 0.1).
    doc_topic_prior : float, optional
        Dirichlet prior alpha on each document's mixing weights, ``MIN_PRIOR`` to
        ``MAX_PRIOR`` (0.01 to 100); default ``1 / n_topics`` (as in scikit-learn). Small
        values favour documents about few topics.
    topic_word_prior : float, optional
        Dirichlet prior eta on each topic's die, ``MIN_PRIOR`` to ``MAX_PRIOR``; default
        ``1 / n_topics`` (as in scikit-learn): a fraction of a pseudo-word per side, so small corpora (three
        documents of 20 words) are smoothed a little and large ones hardly at all.
    on_iteration : callable, optional
        Called as ``on_iteration(restart, iteration, objective)`` after each ELBO
        evaluation, e.g. to update a progress display.
    init : {"gibbs", "random"}, default "gibbs"
        Where each restart starts. ``"gibbs"``: topics averaged over a few sweeps of
        collapsed Gibbs sampling (every word's topic resampled given all the others,
        from random topics). ``"random"``: random dice (each a Dirichlet(1) draw), the
        fit's start before issue 12, e.g. to show how much a good start matters.

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
    n_init = check_count(n_init, "n_init", minimum=1, maximum=MAX_INIT)
    max_iter = check_count(max_iter, "max_iter", minimum=1, maximum=MAX_TOPIC_FIT_ITER)
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
    if not isinstance(init, str) or init not in ("gibbs", "random"):
        raise ValueError(f'init must be "gibbs" or "random", but got {shown(init)}.')
    corpus = build_corpus(documents)
    if n_topics > len(corpus.vocabulary):
        raise ValueError(
            f"You asked for {n_topics} topics, but the documents use only {len(corpus.vocabulary)} "
            f"distinct word(s): ask for at most {len(corpus.vocabulary)} topics."
        )
    v = len(corpus.vocabulary)
    best = None
    finals = []
    for restart in range(n_init):
        callback = None if on_iteration is None else (lambda it, obj, r=restart: on_iteration(r, it, obj))
        if init == "gibbs":
            start = _gibbs_start(corpus, n_topics, alpha, eta, rng)
        else:  # random dice, each worth the corpus's words split over K topics
            start = (float(corpus.counts.sum()) / n_topics) * rng.dirichlet(np.ones(v), size=n_topics)
        gamma, lam, history, converged, phi = _run(corpus, n_topics, alpha, eta, start, max_iter, tol, callback)
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
