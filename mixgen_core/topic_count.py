"""How many topics do the words support? Held-out document completion, like BIC for the Gaussians.

More topics always describe the documents they were fitted on at least as well, so the
fitted objective cannot choose. Instead some documents are held out: topics are fitted on the
rest, and each held-out document's second half is scored given its first half (document
completion, Wallach et al., 2009). The first half says what the document is about (its
mixing weights, found with the topics fixed); a model with the right topics then predicts
the second half's words well, one with too few topics misses what the document is about,
and one with too many has split real topics on noise and predicts no better.

Every candidate is scored on the same held-out words, so two candidates differ by a sum of
per-document differences; its standard error over the held-out documents says whether a
difference is more than the luck of which documents were held out. The chosen number is
the smallest within one such standard error of the best (the one-standard-error rule):
extra topics have to earn their place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np

from ._checks import check_list, check_rng
from .corpus import build_corpus
from .limits import MAX_TOPICS, MIN_HELD_OUT
from .special import digamma
from .topic_fit import fit_topics

#: Share of the documents held out (one in five): most documents still fit the topics.
HELD_OUT_SHARE = 0.2
#: Each fit stops when an iteration changes its objective by less than this share of it: about
#: 0.0001 nats per word or less (a word's log probability is rarely below -10), far below the
#: standard errors that decide between candidates, in far fewer iterations than ``fit_topics``'
#: own default tolerance.
FIT_TOL = 1e-5
#: Fold-in iterations for a held-out document's mixing weights (each a cheap vectorised step).
FOLD_IN_ITER = 100


@dataclass(frozen=True)
class TopicCount:
    """The held-out curve of :func:`choose_topic_count`.

    Attributes
    ----------
    candidates : int array of shape (C,)
        The numbers of topics tried, increasing.
    scores : float array of shape (C,)
        Held-out log-likelihood per word: the mean log probability of a held-out
        document's second-half words given its first half. Higher is better.
    standard_errors : float array of shape (C,)
        Each score's standard error over the held-out documents.
    gap_errors : float array of shape (C,)
        Standard error of each score's gap from the best score, from per-document
        differences (0 for the best itself). Far smaller than ``standard_errors``: every
        candidate is scored on the same documents, so what is easy or hard in them cancels.
    best : int
        The chosen number: the smallest candidate whose score is within one ``gap_errors``
        of the best score.
    top : int
        The candidate with the highest score.
    n_train, n_held_out : int
        Documents the topics were fitted on, and documents held out.
    n_scored_words : int
        Second-half words scored (words never seen in the fitted documents are skipped,
        the same for every candidate).
    """

    candidates: np.ndarray
    scores: np.ndarray
    standard_errors: np.ndarray
    gap_errors: np.ndarray
    best: int
    top: int
    n_train: int
    n_held_out: int
    n_scored_words: int


def _check_candidates(candidates: Any) -> np.ndarray:
    """Distinct whole numbers from 1 to ``MAX_TOPICS``, sorted."""
    values = check_list(candidates, "candidates", "numbers of topics", minimum=1, maximum=MAX_TOPICS)
    out = []
    for value in values:
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not 1 <= value <= MAX_TOPICS:
            raise ValueError(f"Each candidate number of topics must be a whole number from 1 to {MAX_TOPICS}.")
        out.append(int(value))
    if len(set(out)) != len(out):
        raise ValueError("Each candidate number of topics may appear only once.")
    return np.array(sorted(out))


def _split(documents: list, rng: np.random.Generator) -> tuple[list[int], list[int]]:
    """Indices of the documents to fit on and of those to hold out (only ones of 2+ words)."""
    long_enough = [i for i, doc in enumerate(documents) if len(doc) >= 2]
    n_held = max(MIN_HELD_OUT, int(round(HELD_OUT_SHARE * len(documents))))
    if len(long_enough) < n_held or len(documents) - n_held < 2:
        raise ValueError(
            f"Choosing a number of topics needs at least {MIN_HELD_OUT + 2} documents, "
            f"{MIN_HELD_OUT} of them with at least 2 words: some are held out to test the topics."
        )
    held = set(rng.choice(np.array(long_enough), size=n_held, replace=False).tolist())
    return [i for i in range(len(documents)) if i not in held], sorted(held)


def _halves(documents: list, held: list[int], index: dict[str, int]) -> tuple[np.ndarray, ...]:
    """Word indices, document numbers of the first and of the second halves (unknown words dropped)."""
    first_w, first_d, second_w, second_d = [], [], [], []
    for d, i in enumerate(held):
        doc = documents[i]
        cut = len(doc) // 2
        for words, ws, ds in ((doc[:cut], first_w, first_d), (doc[cut:], second_w, second_d)):
            known = [index[w] for w in words if w in index]
            ws.extend(known)
            ds.extend([d] * len(known))
    return tuple(np.array(a, dtype=np.intp) for a in (first_w, first_d, second_w, second_d))


def _per_document(values: np.ndarray, docs: np.ndarray, n_docs: int) -> np.ndarray:
    """Sum of ``values`` (N,) or of each column of ``values`` (N, K) per document."""
    if values.ndim == 1:
        return np.bincount(docs, weights=values, minlength=n_docs)
    return np.stack([np.bincount(docs, weights=col, minlength=n_docs) for col in values.T], axis=1)


def _fold_in(phi: np.ndarray, alpha: float, words: np.ndarray, docs: np.ndarray, n_docs: int) -> np.ndarray:
    """Each held-out document's mixing weights (D_h, K) from its first half, the topics fixed.

    Variational Bayes for the documents alone (the fit's own update of ``gamma``, with the
    dice held fixed), all documents at once; returns the posterior mean of the weights. A
    document whose first half has no known word gets the prior's mean, uniform weights.
    """
    k = phi.shape[0]
    gamma = alpha + np.bincount(docs, minlength=n_docs)[:, None] / k * np.ones(k)
    word_probs = phi[:, words].T  # (N, K)
    for _ in range(FOLD_IN_ITER):
        weights = np.exp(digamma(gamma) - digamma(gamma.sum(axis=1, keepdims=True)))
        r = word_probs * weights[docs]
        r /= r.sum(axis=1, keepdims=True)
        new = alpha + _per_document(r, docs, n_docs)
        done = np.max(np.abs(new - gamma)) < 1e-6
        gamma = new
        if done:
            break
    return gamma / gamma.sum(axis=1, keepdims=True)


def _ratio_errors(loglik: np.ndarray, n_words: np.ndarray) -> np.ndarray:
    """Standard errors of ``sum(loglik[c]) / sum(n_words)`` over the documents, per row ``c``.

    The ratio estimator's standard error: documents are the sampled units, each with its
    own number of scored words.
    """
    m = n_words.size
    total = n_words.sum()
    mean = loglik.sum(axis=-1, keepdims=True) / total
    resid = loglik - mean * n_words
    return np.sqrt(m / (m - 1) * (resid**2).sum(axis=-1)) / total


def choose_topic_count(
    documents: Sequence[Sequence[str]],
    candidates: Any = range(1, MAX_TOPICS + 1),
    *,
    rng: np.random.Generator,
    n_init: int = 1,
) -> TopicCount:
    """Score each candidate number of topics on held-out words and choose one.

    One document in five (at least ``MIN_HELD_OUT``, chosen at random among those of two or
    more words) is held out; for each candidate ``K`` the topics are fitted on the others
    with :func:`~mixgen_core.topic_fit.fit_topics` (to a tolerance of ``FIT_TOL``). Each held-out document is cut in two
    halves (its first ``n // 2`` words, then the rest); its mixing weights are found from the
    first half with the fitted dice fixed (variational Bayes with the fit's prior), and the
    second half is scored: ``log sum_k theta_dk phi_kw`` per word. Words the fitted
    documents never use are skipped (the same words for every candidate).

    Parameters
    ----------
    documents : sequence of D sequences of str
        As :func:`~mixgen_core.topic_fit.fit_topics` takes them; at least
        ``MIN_HELD_OUT + 2`` documents, ``MIN_HELD_OUT`` of them with two or more words.
    candidates : iterable of int, default 1 to ``MAX_TOPICS``
        Distinct numbers of topics from 1 to ``MAX_TOPICS``, each at most the number of
        distinct words in the fitted documents.
    rng : numpy.random.Generator
        Chooses the held-out documents and starts each fit.
    n_init : int, default 1
        Restarts of each fit (see :func:`~mixgen_core.topic_fit.fit_topics`).

    Returns
    -------
    TopicCount
        ``candidates``, ``scores`` (held-out log-likelihood per word, higher is better),
        ``standard_errors``, ``gap_errors`` and ``best`` (the smallest candidate within one
        standard error of its gap from the top score).

    Raises
    ------
    ValueError
        For invalid documents (see :func:`~mixgen_core.corpus.build_corpus`), candidates or
        ``rng``, too few documents to hold some out, or no held-out word the fitted
        documents use.
    """
    rng = check_rng(rng)
    ks = _check_candidates(candidates)
    build_corpus(documents)  # every check of the documents, once, before any work
    docs = [list(doc) for doc in documents]
    train_ids, held = _split(docs, rng)
    train = [docs[i] for i in train_ids]
    vocab = {w: i for i, w in enumerate(dict.fromkeys(w for doc in train for w in doc))}
    if ks[-1] > len(vocab):
        raise ValueError(
            f"The documents the topics are fitted on use only {len(vocab)} distinct words, "
            f"too few for {ks[-1]} topics: try fewer topics or longer documents."
        )
    first_w, first_d, second_w, second_d = _halves(docs, held, vocab)
    n_held = len(held)
    n_scored = np.bincount(second_d, minlength=n_held)
    scored = n_scored > 0
    if not scored.any():
        raise ValueError("No held-out word occurs in the other documents, so no number of topics can be scored.")
    loglik = np.empty((ks.size, n_held))
    for row, k in enumerate(ks):
        fit = fit_topics(train, int(k), rng, n_init=n_init, tol=FIT_TOL)
        order = np.array([vocab[w] for w in fit.vocabulary])
        phi = np.empty_like(fit.topic_word)
        phi[:, order] = fit.topic_word
        theta = _fold_in(phi, fit.doc_topic_prior, first_w, first_d, n_held)
        word_prob = np.einsum("nk,kn->n", theta[second_d], phi[:, second_w])
        loglik[row] = _per_document(np.log(word_prob), second_d, n_held)
    loglik, n_scored = loglik[:, scored], n_scored[scored]
    scores = loglik.sum(axis=1) / n_scored.sum()
    top = int(np.argmax(scores))
    gaps = _ratio_errors(loglik - loglik[top], n_scored) if n_scored.size > 1 else np.zeros(ks.size)
    best = int(np.flatnonzero(scores >= scores[top] - gaps)[0])
    own = _ratio_errors(loglik, n_scored) if n_scored.size > 1 else np.zeros(ks.size)
    for arr in (ks, scores, own, gaps):
        arr.flags.writeable = False
    return TopicCount(
        candidates=ks,
        scores=scores,
        standard_errors=own,
        gap_errors=gaps,
        best=int(ks[best]),
        top=int(ks[top]),
        n_train=len(train),
        n_held_out=n_held,
        n_scored_words=int(n_scored.sum()),
    )
