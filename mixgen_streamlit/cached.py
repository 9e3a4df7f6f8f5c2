"""Results worth keeping between reruns, bounded so a shared instance's memory stays flat.

Called by keyword where a page calls them on every run: Streamlit looks up the name of each
positional argument of a cached function with ``inspect.signature``, on every call.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from mixgen_core import GMMFit, KMeansFit, TopicFit, bic_curve, fit_gmm, fit_kmeans, fit_topics, mean_log_likelihood
from mixgen_ui.gaussian_settings import FIT_MAX_ITER, FIT_TOL

#: Restarts of the topic fit: more find better optima, each costs one more fit.
TOPIC_RESTARTS = 3


@st.cache_data(max_entries=32, show_spinner=False)
def cached_fit(points: np.ndarray, k: int, seed: int) -> tuple[GMMFit, list[float]]:
    """EM on ``points`` with ``k`` components from seed ``seed``, and the log-likelihood of
    every state in its history (iteration 0, the initial guess, included)."""
    fit = fit_gmm(points, k, np.random.default_rng(seed), max_iter=FIT_MAX_ITER, tol=FIT_TOL)
    return fit, [mean_log_likelihood(points, fit.history[0]), *map(float, fit.log_likelihoods)]


#: Random starts compared in the "Different starts" tab (besides k-means++ and the student's own).
RANDOM_STARTS = 4
#: Most k-means iterations the page runs (each replayable, as EM's).
KMEANS_MAX_ITER = 200


def _init_arg(init: str | tuple[tuple[float, float], ...]) -> str | np.ndarray:
    """The page's initial-guess choice as :func:`fit_gmm`'s ``init``: a seeding's name or the means."""
    if isinstance(init, str):
        return {"random points": "random"}.get(init, init)
    return np.array(init, dtype=float).reshape(-1, 2)


def cached_fit_from(points: np.ndarray, k: int, seed: int,
                    init: str | tuple[tuple[float, float], ...]) -> tuple[GMMFit, list[float]]:
    """:func:`cached_fit` from another initial guess: ``"k-means++"`` (the very same fit and cache
    entry), ``"random points"`` or the student's own means (a tuple of (x, y), one per component)."""
    if isinstance(init, str) and init == "k-means++":
        return cached_fit(points=points, k=k, seed=seed)
    return _cached_fit_init(points=points, k=k, seed=seed, init=init)


@st.cache_data(max_entries=32, show_spinner=False)
def _cached_fit_init(points: np.ndarray, k: int, seed: int,
                     init: str | tuple[tuple[float, float], ...]) -> tuple[GMMFit, list[float]]:
    fit = fit_gmm(points, k, np.random.default_rng(seed), max_iter=FIT_MAX_ITER, tol=FIT_TOL,
                  init=_init_arg(init))
    return fit, [mean_log_likelihood(points, fit.history[0]), *map(float, fit.log_likelihoods)]


@st.cache_data(max_entries=16, show_spinner=False)
def cached_starts(points: np.ndarray, k: int, seed: int,
                  own: tuple[tuple[float, float], ...] | None) -> list[tuple[str, float, int, bool]]:
    """EM's final mean log-likelihood from several starts: ``(start, final, iterations, converged)``
    for k-means++ (seed ``seed``), ``RANDOM_STARTS`` random-point starts (seeds ``seed``,
    ``seed + 1``, ...) and, if given, the student's own means. A start EM cannot use is left out."""
    starts: list[tuple[str, int, str | tuple]] = [(f"k-means++ (seed {seed})", seed, "k-means++")]
    starts += [(f"random points (seed {seed + i})", seed + i, "random points") for i in range(RANDOM_STARTS)]
    if own is not None:
        starts.append(("your own means", seed, own))
    rows = []
    for name, s, init in starts:
        try:
            fit, lls = cached_fit_from(points, k, s, init)
        except ValueError:
            continue
        rows.append((name, float(lls[-1]), int(fit.n_iter), bool(fit.converged)))
    return rows


@st.cache_data(max_entries=16, show_spinner=False)
def cached_kmeans(points: np.ndarray, k: int, start: tuple[tuple[float, float], ...]) -> KMeansFit:
    """k-means (Lloyd's algorithm, refined by point moves where it gets stuck) from the given starting
    centres (EM's initial means), every step kept."""
    return fit_kmeans(points, k, np.random.default_rng(0), init=np.array(start, dtype=float),
                      max_iter=KMEANS_MAX_ITER)


@st.cache_data(max_entries=16, show_spinner=False)
def cached_bic(points: np.ndarray, seed: int) -> dict[int, float]:
    """BIC for K = 1..8 (fewer when there are fewer distinct points), best of 2 fits each."""
    distinct = len(np.unique(points, axis=0))
    return bic_curve(points, range(1, min(8, distinct) + 1), np.random.default_rng(seed), n_init=2)


@st.cache_data(max_entries=16, show_spinner=False)
def cached_topic_fit(documents: tuple[tuple[str, ...], ...], k: int, seed: int) -> TopicFit:
    """Topics learned from ``documents`` (LDA: variational Bayes from collapsed-Gibbs starts), best of a few restarts."""
    return fit_topics([list(d) for d in documents], k, np.random.default_rng(seed), n_init=TOPIC_RESTARTS)


# --- the topic page: Gibbs sampling, two corpora side by side, real text ---------------------------
#: A topic as a cache key: (name, words, side probabilities).
TopicSpec = tuple[tuple[str, tuple[str, ...], tuple[float, ...]], ...]


def topic_spec(topics) -> TopicSpec:
    """Topics as plain tuples, cheap to hash as a cache key."""
    return tuple((t.name, tuple(t.words), tuple(float(p) for p in t.probabilities)) for t in topics)


@st.cache_data(max_entries=8, show_spinner=False)
def cached_rolled(spec: TopicSpec, mixing: tuple[float, ...], n_docs: int, n_words: int,
                  concentration: float | None, seed: int) -> tuple[tuple[tuple[str, ...], ...], tuple[tuple[int, ...], ...]]:
    """Documents rolled from the dice ``spec`` (words, and each word's true topic), keyed by how they were made."""
    from mixgen_core import Topic, sample_documents

    topics = [Topic(name, list(words), list(p)) for name, words, p in spec]
    docs = sample_documents(topics, n_docs, n_words, topic_weights=list(mixing), concentration=concentration,
                            rng=np.random.default_rng(seed))
    return tuple(tuple(d.words) for d in docs), tuple(tuple(int(t) for t in d.topics) for d in docs)


@st.cache_data(max_entries=16, show_spinner=False)
def cached_gibbs(documents: tuple[tuple[str, ...], ...], k: int, seed: int, sweeps: int):
    """Collapsed Gibbs sampling on ``documents``, every sweep kept (a :class:`mixgen_core.GibbsRun`)."""
    from mixgen_core import sample_topic_assignments

    return sample_topic_assignments([list(d) for d in documents], k, np.random.default_rng(seed), n_sweeps=sweeps)


@st.cache_data(max_entries=16, show_spinner=False)
def cached_agreement(documents: tuple[tuple[str, ...], ...], k: int, seed: int, sweeps: int, spec: TopicSpec,
                     labels: tuple[int, ...], shown: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray]:
    """:func:`mixgen_ui.gibbs_view.agreement_by_sweep` for :func:`cached_gibbs`'s run on the same arguments,
    against the dice ``spec`` and the words' true topics ``labels``, at the sweeps ``shown``: matching every
    shown sweep to the truth is the largest part of a rerun that only redraws the animation."""
    from mixgen_core import Topic, topics_on_vocabulary
    from mixgen_ui.gibbs_view import agreement_by_sweep

    run = cached_gibbs(documents=documents, k=k, seed=seed, sweeps=sweeps)
    true_tw = topics_on_vocabulary([Topic(name, list(words), list(p)) for name, words, p in spec], run.vocabulary)
    return agreement_by_sweep(run, true_tw, np.asarray(labels, dtype=int), list(shown))


@st.cache_data(max_entries=8, show_spinner=False)
def cached_coin_vs_mixes(spec: TopicSpec, mixing: tuple[float, ...], n_docs: int, n_words: int, seed: int,
                         k: int, fit_seed: int) -> dict:
    """The same dice rolled into two corpora, one fixed coin for every document (``"fixed"``) and each
    document its own Dirichlet(1) mix (``"own"``), and the topics learned from each, against the truth.

    Returns ``{name: {"vocabulary", "true", "fitted", "match", "agreement"}}``.
    """
    from mixgen_core import Topic, compare_topic_fit, topics_on_vocabulary

    topics = [Topic(name, list(words), list(p)) for name, words, p in spec]
    out = {}
    for name, concentration in (("fixed", None), ("own", 1.0)):
        words, labels = cached_rolled(spec, mixing, n_docs, n_words, concentration, seed)
        fit = fit_topics([list(d) for d in words], k, np.random.default_rng(fit_seed), n_init=2)
        true_tw = topics_on_vocabulary(topics, fit.vocabulary)
        cmp = compare_topic_fit(true_tw, np.concatenate(labels), fit.topic_word,
                                np.concatenate([np.argmax(wt, axis=1) for wt in fit.word_topics]))
        out[name] = {"vocabulary": fit.vocabulary, "true": true_tw, "fitted": fit.topic_word, "match": cmp.match,
                     "agreement": cmp.agreement}
    return out


@st.cache_data(max_entries=8, show_spinner=False)
def cached_real_corpus(source: tuple):
    """A real corpus (:class:`mixgen_ui.real_text.RealCorpus`): ``("sotu", first_year, last_year)`` or
    ``("text", ((label, text), ...))``, tokenised and pruned."""
    from mixgen_ui.real_text import build_real_corpus

    if source[0] == "sotu":
        from .datasets import sotu_paragraphs

        pairs = sotu_paragraphs(int(source[1]), int(source[2]))
        return build_real_corpus([(str(y), p) for y, p in pairs], [y for y, _ in pairs])
    return build_real_corpus(list(source[1]))


@st.cache_data(max_entries=8, show_spinner=False)
def cached_real_fit(source: tuple, k: int, seed: int) -> TopicFit:
    """Topics learned from the real corpus ``source`` (see :func:`cached_real_corpus`)."""
    corpus = cached_real_corpus(source)
    return fit_topics([list(d) for d in corpus.words], k, np.random.default_rng(seed), n_init=2)
