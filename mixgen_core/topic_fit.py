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

Where the climb starts decides which optimum it reaches. Each restart starts from a short
run of collapsed Gibbs sampling (every word's topic drawn again and again given all the
others): its topic counts, averaged over the later sweeps, for ``lambda`` and its document
counts for ``gamma``, so the first iteration keeps what the sampler found, which is far
nearer a good optimum than random dice are. The restart with the highest ELBO is kept, and
it alone gives every output: the dice and mixing weights are the posterior means under its
``lambda`` and ``gamma``, the words' topics its ``phi``, the objective its ELBO.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Callable, Iterator, Sequence

import numpy as np

from ._checks import check_count, check_rng, shown
from .corpus import Corpus, build_corpus
from .limits import MAX_INIT, MAX_PRIOR, MAX_TOPIC_FIT_ITER, MAX_TOPICS, MIN_PRIOR
from .restarts import keep_best
from .special import digamma_and_gammaln, gammaln


@dataclass(frozen=True)
class TopicFit:
    """Topics found by :func:`fit_topics`.

    Attributes
    ----------
    vocabulary : tuple of V str
        The distinct words, in first-seen order: the columns of ``topic_word``.
    topic_word : array of shape (K, V)
        Each topic's die (posterior mean) in the best restart, rows sum to 1.
    document_topic : array of shape (D, K)
        Each document's mixing weights (posterior mean) in the best restart, rows sum to 1.
        An empty document gets the prior's mean, uniform weights.
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


def check_topic_model(
    documents: Sequence[Sequence[str]],
    n_topics: Any,
    rng: Any,
    doc_topic_prior: Any,
    topic_word_prior: Any,
) -> tuple[Corpus, int, np.random.Generator, float, float]:
    """The checks :func:`fit_topics` and :func:`~mixgen_core.gibbs.sample_topic_assignments` share.

    The settings first (cheap), then the documents (see :func:`build_corpus`), then that
    there are no more topics than distinct words.

    Returns
    -------
    corpus : Corpus
        The documents as counts.
    n_topics : int
        K.
    rng : numpy.random.Generator
    alpha, eta : float
        The document-topic and topic-word priors (default ``1 / K`` each).

    Raises
    ------
    ValueError
        For anything invalid, with a sentence that says what to change.
    """
    n_topics = check_count(n_topics, "The number of topics", minimum=1, maximum=MAX_TOPICS)
    rng = check_rng(rng)
    alpha = _check_prior(doc_topic_prior, "doc_topic_prior", 1.0 / n_topics)
    eta = _check_prior(topic_word_prior, "topic_word_prior", 1.0 / n_topics)
    corpus = build_corpus(documents)
    v = len(corpus.vocabulary)
    if n_topics > v:
        raise ValueError(
            f"You asked for {n_topics} topics, but the documents use only {v} "
            f"distinct word(s): ask for at most {v} topics."
        )
    return corpus, n_topics, rng, alpha, eta


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


#: Number of groups the words of the documents are sampled in by :func:`_gibbs_starts`: all
#: words of a group are resampled at once, at most ``ceil(length / _GIBBS_GROUPS)`` per document.
_GIBBS_GROUPS = 16
#: Sweeps of :func:`_gibbs_starts`: at most ``_GIBBS_MAX_SWEEPS``, the first half to forget
#: the random start, the second half averaged.
_GIBBS_MAX_SWEEPS = 60
#: Word updates one chain of :func:`_gibbs_starts` may make in all, so a huge corpus gets
#: fewer sweeps (at least ``_GIBBS_MIN_SWEEPS``): its start is then quick, and already good.
_GIBBS_BUDGET = 8_000_000
_GIBBS_MIN_SWEEPS = 6
#: Most words of all chains sampled together: the chains of a small corpus run side by side,
#: so that each numpy call does more work (a sweep of a 3,000-word corpus is mostly overhead).
_GIBBS_JOINT_WORDS = 1 << 16


def _gibbs_starts(
    corpus: Corpus, k: int, alpha: float, eta: float, n_chains: int, rng: np.random.Generator
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Expected topic counts from short runs of collapsed Gibbs sampling, one per chain.

    Every word gets a random topic; then each sweep resamples every word's topic given all
    the others (topic counts of its document plus ``alpha``, times the topic's count of
    the word plus ``eta``, over the topic's size plus ``V eta``; see :func:`_gibbs_sample`).
    The ``n_chains`` chains are independent. After a burn-in the counts of the later
    sweeps are averaged: a start near the posterior mean, from which variational Bayes
    reliably climbs to a far better optimum than from random dice.

    Returns
    -------
    starts : list of n_chains pairs (word_counts, doc_counts)
        ``word_counts`` of shape (K, V) and ``doc_counts`` of shape (D, K): the averaged
        number of each word's and each document's words in each topic, the topic-word and
        document-topic Dirichlet parameters minus the priors, as :func:`_run` starts from.
    """
    n = corpus.token_pair.size
    z = rng.integers(k, size=n_chains * n)
    sweeps = max(_GIBBS_MIN_SWEEPS, min(_GIBBS_MAX_SWEEPS, _GIBBS_BUDGET // n))
    words_avg, docs_avg = _gibbs_sample(corpus, k, alpha, eta, z, n_chains, sweeps, sweeps // 2, rng)
    return [(words_avg[:, r].copy(), docs_avg[:, r].T.copy()) for r in range(n_chains)]


def _gibbs_sample(
    corpus: Corpus,
    k: int,
    alpha: float,
    eta: float,
    z: np.ndarray,
    n_chains: int,
    sweeps: int,
    burn_in: int,
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray]:
    """Collapsed Gibbs sampling of ``n_chains`` chains side by side, from the topics ``z``.

    Each sweep resamples every word's topic given all the others: proportional to the
    topic counts of its document plus ``alpha``, times the topic's count of the word plus
    ``eta``, over the topic's size plus ``V eta``. The words are resampled in
    ``_GIBBS_GROUPS`` groups by their position in the document, each group at once
    (vectorised; a document's words in one group do not see each other's topics while
    they are resampled). The chains are sampled in the same arrays (counts in ``(K,
    chains x D)`` and ``(K, chains x V)`` layout).

    Parameters
    ----------
    corpus : Corpus
        The documents, n words in all.
    k : int
        Number of topics K.
    alpha, eta : float
        The document-topic and topic-word Dirichlet priors.
    z : int array of shape (n_chains x n,)
        Each chain's topic of every word (word ``i`` of chain ``r`` is entry ``r n + i``,
        words in ``corpus.token_pair`` order); updated in place.
    n_chains, sweeps, burn_in : int
        Chains, sweeps, and the first sweeps left out of the averages.
    rng : numpy.random.Generator

    Returns
    -------
    word_counts : array of shape (K, n_chains, V)
        Each chain's averaged count of each word in each topic.
    doc_counts : array of shape (K, n_chains, D)
        Each chain's averaged count of each document's words in each topic.
    """
    token_pair = corpus.token_pair
    d = corpus.doc_ids[token_pair]
    w = corpus.word_ids[token_pair]
    n, n_docs, v = token_pair.size, corpus.n_documents, len(corpus.vocabulary)
    n_rd, n_rv = n_chains * n_docs, n_chains * v
    # Word i of chain r is entry r n + i of z; its document d is column r D + d of the
    # (K, chains x D) document counts, its vocabulary entry w column r V + w of the
    # (K, chains x V) word counts, and its chain column r of the (K, chains) topic sizes.
    chain = np.arange(n_chains)[:, None]
    starts = np.cumsum(corpus.doc_lengths) - corpus.doc_lengths
    group = (np.arange(n) - np.repeat(starts, corpus.doc_lengths)) % _GIBBS_GROUPS
    order = np.argsort(group, kind="stable")
    bounds = np.searchsorted(group[order], np.arange(_GIBBS_GROUPS + 1))
    groups = [
        (
            (chain * n + idx).ravel(),
            (chain * n_docs + d[idx]).ravel(),
            (chain * v + w[idx]).ravel(),
            np.repeat(np.arange(n_chains), idx.size),
        )
        for idx in np.split(order, bounds[1:-1])
        if idx.size
    ]
    doc_col = (chain * n_docs + d).ravel()
    word_col = (chain * v + w).ravel()
    # Flat counts, reshaped views for the gathers below.
    doc_topic = np.bincount(z * n_rd + doc_col, minlength=k * n_rd).astype(float)
    word_topic = np.bincount(z * n_rv + word_col, minlength=k * n_rv).astype(float)
    topic = np.bincount(z * n_chains + np.repeat(np.arange(n_chains), n), minlength=k * n_chains).astype(float)
    doc_topic_2d, word_topic_2d = doc_topic.reshape(k, n_rd), word_topic.reshape(k, n_rv)
    topic_2d = topic.reshape(k, n_chains)
    doc_sum, word_sum = np.zeros_like(doc_topic), np.zeros_like(word_topic)
    v_eta = v * eta
    for sweep in range(sweeps):
        for tok, doc, word, ch in groups:
            old = z[tok]
            np.subtract.at(doc_topic, old * n_rd + doc, 1.0)
            np.subtract.at(word_topic, old * n_rv + word, 1.0)
            np.subtract.at(topic, old * n_chains + ch, 1.0)
            # p[j, i] proportional to (n_dj + alpha)(n_jw + eta) / (n_j + V eta), (K, words)
            p = np.take(doc_topic_2d, doc, axis=1)
            p += alpha
            q = np.take(word_topic_2d, word, axis=1)
            q += eta
            p *= q
            p /= (topic_2d + v_eta) if n_chains == 1 else (np.take(topic_2d, ch, axis=1) + v_eta)
            for j in range(1, k):  # running sums over the topics (np.cumsum on axis 0 is far slower)
                p[j] += p[j - 1]
            u = rng.random(tok.size) * p[-1]
            new = (u >= p[:-1]).sum(axis=0)  # 0 to K - 1: u < p[-1]
            z[tok] = new
            np.add.at(doc_topic, new * n_rd + doc, 1.0)
            np.add.at(word_topic, new * n_rv + word, 1.0)
            np.add.at(topic, new * n_chains + ch, 1.0)
        if sweep >= burn_in:
            doc_sum += doc_topic
            word_sum += word_topic
    n_avg = sweeps - burn_in
    return (word_sum / n_avg).reshape(k, n_chains, v), (doc_sum / n_avg).reshape(k, n_chains, n_docs)


def _run(
    corpus: Corpus,
    k: int,
    alpha: float,
    eta: float,
    start: np.ndarray,
    max_iter: int,
    tol: float,
    on_iteration: Callable[[int, float], None] | None,
    doc_start: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, list[float], bool, np.ndarray]:
    """One restart of the fit with ``k`` topics, from ``lambda = eta + start``.

    Parameters
    ----------
    corpus : Corpus
        The documents as counts of N distinct (document, word) pairs.
    k : int
        Number of topics K.
    alpha, eta : float
        The document-topic and topic-word Dirichlet priors.
    start : array of shape (K, V)
        Topic-word counts to start from (``lambda = eta + start``).
    max_iter : int
        Most iterations.
    tol : float
        Stop when the ELBO changes by less than ``tol`` times its size.
    on_iteration : callable or None
        Called as ``on_iteration(iteration, elbo)`` after each ELBO evaluation.
    doc_start : array of shape (D, K), optional
        Document-topic counts to start from (``gamma = alpha + doc_start``); default each
        document's words split evenly over the topics.

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
    # Start: the given dice and document counts (default: uniform document weights).
    lam = eta + start
    if doc_start is None:
        doc_start = np.repeat(corpus.doc_lengths[:, None] / k, k, axis=1)
    gamma = alpha + doc_start
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


@dataclass
class _Restart:
    """One restart's result: Dirichlet parameters ``gamma`` (D, K) and ``lam`` (K, V), the ELBO
    history, whether it converged, and the word posteriors ``phi`` (N, K)."""

    gamma: np.ndarray
    lam: np.ndarray
    history: list[float]
    converged: bool
    phi: np.ndarray


def _restarts(
    corpus: Corpus,
    k: int,
    alpha: float,
    eta: float,
    rng: np.random.Generator,
    n_init: int,
    max_iter: int,
    tol: float,
    on_iteration: Callable[[int, int, float], None] | None,
    init: str,
) -> Iterator[_Restart]:
    """The ``n_init`` restarts of :func:`fit_topics`, one after another (the Gibbs starts of a
    small corpus are sampled side by side, a batch at a time)."""
    v = len(corpus.vocabulary)
    restart = 0
    while restart < n_init:
        if init == "gibbs":
            n_chains = min(n_init - restart, max(1, _GIBBS_JOINT_WORDS // corpus.token_pair.size))
            starts = _gibbs_starts(corpus, k, alpha, eta, n_chains, rng)
        else:  # random dice, each worth the corpus's words split over K topics
            dice = (float(corpus.counts.sum()) / k) * rng.dirichlet(np.ones(v), size=k)
            starts = [(dice, None)]
        for start, doc_start in starts:
            callback = None if on_iteration is None else (lambda it, obj, r=restart: on_iteration(r, it, obj))
            yield _Restart(*_run(corpus, k, alpha, eta, start, max_iter, tol, callback, doc_start))
            restart += 1


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
    docstring), restarted ``n_init`` times, each restart from a short run of collapsed
    Gibbs sampling (``init``); the restart with the highest objective (ELBO) is kept, and
    every output comes from it. Deterministic for a given ``rng`` state.

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
        Source of the random starts.
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
        ``1 / n_topics`` (as in scikit-learn): a fraction of a pseudo-word per side, so small
        corpora (three documents of 20 words) are smoothed a little and large ones hardly at all.
    on_iteration : callable, optional
        Called as ``on_iteration(restart, iteration, objective)`` after each ELBO
        evaluation, e.g. to update a progress display.
    init : {"gibbs", "random"}, default "gibbs"
        Where each restart starts. ``"gibbs"``: topic and document counts averaged over
        the later half of a short run of collapsed Gibbs sampling (every word's topic
        resampled given all the others, from random topics; see the module docstring).
        ``"random"``: random dice (each a Dirichlet(1) draw) and uniform document weights,
        e.g. to show how much a good start matters.

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
    n_init = check_count(n_init, "n_init", minimum=1, maximum=MAX_INIT)
    max_iter = check_count(max_iter, "max_iter", minimum=1, maximum=MAX_TOPIC_FIT_ITER)
    if isinstance(tol, bool) or not isinstance(tol, (int, float, np.integer, np.floating)) or not 0 < tol < 0.1:
        raise ValueError(f"tol must be a number above 0 and below 0.1, but got {shown(tol)}.")
    if on_iteration is not None and not callable(on_iteration):
        raise ValueError("on_iteration must be a function (or None).")
    if not isinstance(init, str) or init not in ("gibbs", "random"):
        raise ValueError(f'init must be "gibbs" or "random", but got {shown(init)}.')
    corpus, n_topics, rng, alpha, eta = check_topic_model(
        documents, n_topics, rng, doc_topic_prior, topic_word_prior
    )
    runs = _restarts(corpus, n_topics, alpha, eta, rng, n_init, max_iter, tol, on_iteration, init)
    best, finals = keep_best(runs, lambda run: run.history[-1])
    return TopicFit(
        vocabulary=corpus.vocabulary,
        topic_word=best.lam / best.lam.sum(axis=1, keepdims=True),
        document_topic=best.gamma / best.gamma.sum(axis=1, keepdims=True),
        objective=float(best.history[-1]),
        objective_history=np.array(best.history),
        n_iter=len(best.history) - 1,
        converged=best.converged,
        doc_topic_prior=alpha,
        topic_word_prior=eta,
        restart_objectives=np.array(finals),
        _pair_posteriors=best.phi,
        _token_pair=corpus.token_pair,
        _doc_lengths=corpus.doc_lengths,
    )
