"""Finding unknown topics: the batch variational Bayes fit of LDA, against the truth and scikit-learn."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mixgen_core.corpus import build_corpus
from mixgen_core.dice import Topic, worksheet_topics
from mixgen_core.fit_vs_truth import align_topics, topic_distances, topics_on_vocabulary
from mixgen_core.limits import MAX_TOTAL_WORDS, MAX_VOCABULARY
from tests.payloads import BAD_DOCUMENTS
from mixgen_core import topic_fit
from mixgen_core.topic_fit import (
    _average_same_optimum,
    _gibbs_sample,
    _gibbs_starts,
    _posterior_median,
    _quantile_die,
    fit_topics,
)


# ----------------------------------------------------------------------------- helpers
def roll_document(topics: list[Topic], weights: np.ndarray, n_words: int, rng: np.random.Generator) -> list[str]:
    """The worksheet's process: per word, pick a topic with ``weights``, then roll its die."""
    which = rng.choice(len(topics), size=n_words, p=weights)
    return [str(rng.choice(topics[k].words, p=topics[k].probabilities)) for k in which]


def lda_corpus(
    n_docs: int, n_topics: int = 3, n_vocab: int = 30, n_words: int = 50, alpha: float = 0.5, seed: int = 0
) -> tuple[np.ndarray, list[str], list[list[str]]]:
    """An LDA corpus: true (K, V) topic-word matrix, the vocabulary and the documents.

    Topics are Dirichlet(0.1) draws over V words: sparse, hence fairly distinct.
    Vectorised: one categorical draw per word by inverse CDF.
    """
    rng = np.random.default_rng(seed)
    beta = rng.dirichlet(np.full(n_vocab, 0.1), size=n_topics)
    theta = rng.dirichlet(np.full(n_topics, alpha), size=n_docs)
    z = (rng.random((n_docs, n_words, 1)) > np.cumsum(theta, axis=1)[:, None, :]).sum(axis=2)
    z = np.minimum(z, n_topics - 1)
    cdf = np.cumsum(beta, axis=1)[z]  # (D, L, V)
    w = np.minimum((rng.random((n_docs, n_words, 1)) > cdf).sum(axis=2), n_vocab - 1)
    vocab = [f"w{i}" for i in range(n_vocab)]
    docs = [[vocab[i] for i in row] for row in w]
    return beta, vocab, docs


def aligned_l1(true: np.ndarray, fitted: np.ndarray) -> np.ndarray:
    match = align_topics(true, fitted)
    return topic_distances(true, fitted)[np.arange(true.shape[0]), match]


def truth_on(beta: np.ndarray, vocab: list[str], fit_vocabulary: tuple[str, ...]) -> np.ndarray:
    return beta[:, [vocab.index(w) for w in fit_vocabulary]]


# ----------------------------------------------------------------------------- step 2: fitting
@pytest.fixture(scope="module")
def corpus_500():
    return lda_corpus(500, seed=0)


@pytest.fixture(scope="module")
def fit_500(corpus_500):
    _, _, docs = corpus_500
    return fit_topics(docs, 3, np.random.default_rng(0), n_init=2)


def test_fit_shapes_and_normalisation(corpus_500, fit_500):
    _, _, docs = corpus_500
    fit = fit_500
    v = len(fit.vocabulary)
    assert fit.topic_word.shape == (3, v) and fit.document_topic.shape == (500, 3)
    np.testing.assert_allclose(fit.topic_word.sum(axis=1), 1.0, rtol=1e-12)
    np.testing.assert_allclose(fit.document_topic.sum(axis=1), 1.0, rtol=1e-12)
    assert len(fit.word_topics) == 500
    for doc, post in zip(docs[:20], fit.word_topics[:20]):
        assert post.shape == (len(doc), 3)
        np.testing.assert_allclose(post.sum(axis=1), 1.0, rtol=1e-12)
    assert fit.converged and fit.restart_objectives.shape == (2,)
    assert fit.objective == fit.restart_objectives.max()


def test_fit_recovers_lda_topics(corpus_500, fit_500):
    beta, vocab, _ = corpus_500
    errors = aligned_l1(truth_on(beta, vocab, fit_500.vocabulary), fit_500.topic_word)
    # 25 000 words, ~8 300 per topic over <= 30 words: the sampling noise in an
    # estimated die is about sum_w sqrt(p_w / 8300) ~ 0.03 in L1; 0.08 allows for
    # uneven topic sizes while failing for any swapped or merged topic (L1 ~ 1 or more).
    assert np.all(errors < 0.08), errors


def test_fit_matches_or_beats_sklearn(corpus_500, fit_500):
    from sklearn.decomposition import LatentDirichletAllocation

    beta, vocab, docs = corpus_500
    truth = truth_on(beta, vocab, fit_500.vocabulary)
    counts = build_corpus(docs).count_matrix()  # same column order as fit.vocabulary
    lda = LatentDirichletAllocation(n_components=3, learning_method="batch", max_iter=100, random_state=0)
    lda.fit(counts)
    sk_topic_word = lda.components_ / lda.components_.sum(axis=1, keepdims=True)
    ours, theirs = aligned_l1(truth, fit_500.topic_word).mean(), aligned_l1(truth, sk_topic_word).mean()
    # Same model, same priors (1/K) and same estimate (posterior mean of the dice): the two
    # differ only by where each optimiser stops, a few thousandths of L1 at most.
    assert ours <= theirs + 0.005, (ours, theirs)


def test_fit_is_deterministic(corpus_500):
    _, _, docs = corpus_500
    docs = docs[:100]
    a = fit_topics(docs, 3, np.random.default_rng(7), n_init=2, max_iter=50)
    b = fit_topics(docs, 3, np.random.default_rng(7), n_init=2, max_iter=50)
    np.testing.assert_array_equal(a.topic_word, b.topic_word)
    np.testing.assert_array_equal(a.document_topic, b.document_topic)
    np.testing.assert_array_equal(a.objective_history, b.objective_history)
    c = fit_topics(docs, 3, np.random.default_rng(8), n_init=2, max_iter=50)
    assert not np.array_equal(a.topic_word, c.topic_word)  # the seed does matter


def test_objective_never_decreases(corpus_500):
    _, _, docs = corpus_500
    fit = fit_topics(docs[:200], 3, np.random.default_rng(3), n_init=1, max_iter=300, tol=1e-12)
    h = fit.objective_history
    # Coordinate ascent on the ELBO: monotone up to rounding of a sum of ~10^4 terms.
    assert np.all(np.diff(h) >= -1e-10 * np.abs(h[:-1])), np.diff(h).min()
    assert h[-1] > h[0]


def test_word_topics_are_consistent_with_document_topics(corpus_500):
    _, _, docs = corpus_500
    fit = fit_topics(docs[:50], 3, np.random.default_rng(1), n_init=1, max_iter=5000, tol=1e-13)
    alpha = fit.doc_topic_prior
    for d in range(50):
        # At the optimum gamma_d = alpha + sum of the words' topic probabilities.
        expected = (alpha + fit.word_topics[d].sum(axis=0)) / (3 * alpha + len(docs[d]))
        np.testing.assert_allclose(fit.document_topic[d], expected, atol=1e-4)
    # Identical words of a document share their posterior.
    doc, post = docs[0], fit.word_topics[0]
    first = {}
    for word, row in zip(doc, post):
        np.testing.assert_array_equal(row, first.setdefault(word, row))


def test_worksheet_corpus_finds_the_two_topics():
    topics = worksheet_topics()
    rng = np.random.default_rng(1)
    docs = [
        roll_document(topics, np.array([1.0, 0.0]), 20, rng),
        roll_document(topics, np.array([0.0, 1.0]), 20, rng),
        roll_document(topics, np.array([0.5, 0.5]), 20, rng),
    ]
    fit = fit_topics(docs, 2, np.random.default_rng(0))
    truth = topics_on_vocabulary(topics, fit.vocabulary)
    match = align_topics(truth, fit.topic_word)
    dt = fit.document_topic[:, match]  # columns now in the worksheet's order
    assert dt[0, 0] > 0.8 and dt[1, 1] > 0.8  # the pure documents are found pure
    assert np.all(np.isfinite(fit.topic_word))
    # "cake" belongs to the birthday topic and "orc" to the other, whatever the labels.
    cake, orc = fit.vocabulary.index("cake"), fit.vocabulary.index("orc")
    tw = fit.topic_word[match]
    assert tw[0, cake] > tw[1, cake] and tw[1, orc] > tw[0, orc]


def test_on_iteration_reports_every_objective():
    calls = []
    docs = [["a", "b", "a"], ["c", "c", "b"]]
    fit = fit_topics(docs, 2, np.random.default_rng(0), n_init=3, max_iter=20, on_iteration=lambda *a: calls.append(a))
    assert {c[0] for c in calls} == {0, 1, 2}
    best = int(np.argmax(fit.restart_objectives))
    np.testing.assert_array_equal([c[2] for c in calls if c[0] == best], fit.objective_history)
    assert [c[1] for c in calls if c[0] == 0] == list(range(len([c for c in calls if c[0] == 0])))


# ----------------------------------------------------------------------------- edge cases
def test_single_document_and_one_word_documents():
    fit = fit_topics([["cake", "orc", "cake"]], 2, np.random.default_rng(0))
    assert fit.document_topic.shape == (1, 2) and np.all(np.isfinite(fit.topic_word))
    fit = fit_topics([["cake"], ["orc"], ["cake"], ["orc"]], 2, np.random.default_rng(0))
    assert np.all(np.isfinite(fit.document_topic))
    np.testing.assert_allclose(fit.document_topic.sum(axis=1), 1.0)
    # Documents of a single word each: the best fit gives each word its own topic.
    tw = fit.topic_word
    assert abs(tw[0, 0] - tw[1, 0]) > 0.5


def test_empty_documents_among_others_get_uniform_weights():
    fit = fit_topics([["cake", "orc"], [], ["orc"]], 2, np.random.default_rng(0))
    np.testing.assert_allclose(fit.document_topic[1], [0.5, 0.5], rtol=1e-12)
    assert fit.word_topics[1].shape == (0, 2)


def test_a_topic_with_no_words_stays_finite():
    # One word repeated: V = 1, so K = 1 is all that is allowed, and it is exact.
    fit = fit_topics([["cake"] * 5, ["cake"]], 1, np.random.default_rng(0))
    np.testing.assert_array_equal(fit.topic_word, [[1.0]])
    # Three topics, but the documents favour two: strong sparsity pushes a topic to
    # (almost) no words; everything must stay finite and normalised.
    docs = [["a", "b"] * 10, ["c", "d"] * 10] * 5
    fit = fit_topics(docs, 3, np.random.default_rng(0), doc_topic_prior=0.01, topic_word_prior=0.01)
    used = np.array([post.sum(axis=0) for post in fit.word_topics]).sum(axis=0)
    assert np.all(np.isfinite(fit.topic_word)) and np.all(np.isfinite(fit.document_topic))
    np.testing.assert_allclose(fit.topic_word.sum(axis=1), 1.0)
    assert used.min() < 1.0  # some topic explains less than one word out of 200


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(list("abcdef")), max_size=8), min_size=1, max_size=6).filter(
        lambda docs: len({w for d in docs for w in d}) >= 2
    ),
    st.integers(1, 2),
    st.integers(0, 2**32 - 1),
)
def test_fit_never_gives_nan_on_tiny_corpora(docs, k, seed):
    fit = fit_topics(docs, k, np.random.default_rng(seed), n_init=2, max_iter=50)
    assert np.all(np.isfinite(fit.topic_word)) and np.all(np.isfinite(fit.document_topic))
    np.testing.assert_allclose(fit.topic_word.sum(axis=1), 1.0, rtol=1e-12)
    np.testing.assert_allclose(fit.document_topic.sum(axis=1), 1.0, rtol=1e-12)
    h = fit.objective_history
    assert np.all(np.diff(h) >= -1e-10 * np.abs(h[:-1]))
    for doc, post in zip(docs, fit.word_topics):
        assert post.shape == (len(doc), k) and np.all(np.isfinite(post))


@pytest.mark.parametrize(
    "docs, kwargs, message",
    [
        *BAD_DOCUMENTS,
        ([["a", "b"]], {"n_init": 0}, "n_init"),
        ([["a", "b"]], {"max_iter": 10**6}, "max_iter"),
        ([["a", "b"]], {"tol": 0.5}, "tol"),
        ([["a", "b"]], {"doc_topic_prior": 0.0}, "doc_topic_prior"),
        ([["a", "b"]], {"topic_word_prior": float("nan")}, "topic_word_prior"),
        ([["a", "b"]], {"topic_word_prior": "1"}, "topic_word_prior"),
        ([["a", "b"]], {"rng": 0}, "Generator"),
        ([["a", "b"]], {"on_iteration": 3}, "function"),
    ],
)
def test_fit_input_errors(docs, kwargs, message):
    args = {"n_topics": 2, "rng": np.random.default_rng(0)} | kwargs
    with pytest.raises(ValueError, match=message):
        fit_topics(docs, **args)


def test_fit_caps():
    with pytest.raises(ValueError, match="1,000,000 words"):
        fit_topics([["a"] * (MAX_TOTAL_WORDS // 2), ["b"] * (MAX_TOTAL_WORDS // 2 + 1)], 2, np.random.default_rng(0))
    with pytest.raises(ValueError, match="20,000 distinct words"):
        fit_topics([[f"w{i}" for i in range(MAX_VOCABULARY + 1)]], 2, np.random.default_rng(0))


# ----------------------------------------------------------------------------- issue 12: the start
def sweep_corpus(n_docs, n_topics, n_vocab, n_words, seed, alpha=0.3, eta=0.05):
    """The bench sweep's corpora: topics Dirichlet(eta), mixes Dirichlet(alpha)."""
    rng = np.random.default_rng(seed)
    beta = rng.dirichlet(np.full(n_vocab, eta), size=n_topics)
    theta = rng.dirichlet(np.full(n_topics, alpha), size=n_docs)
    z = np.minimum((rng.random((n_docs, n_words, 1)) > np.cumsum(theta, axis=1)[:, None, :]).sum(axis=2), n_topics - 1)
    cdf = np.cumsum(beta, axis=1)
    w = np.empty_like(z)
    for k in range(n_topics):
        mask = z == k
        w[mask] = np.minimum(np.searchsorted(cdf[k], rng.random(int(mask.sum())), side="right"), n_vocab - 1)
    vocab = [f"w{i}" for i in range(n_vocab)]
    return beta, vocab, [[vocab[i] for i in row] for row in w]


@pytest.mark.parametrize("seed", [0, 2])
def test_gibbs_start_beats_random_dice(seed, monkeypatch):
    # The variational dice alone (the posterior step, which samples long enough to forget its
    # start, switched off): random dice end in clearly worse optima, with a lower ELBO.
    # Measured: 0.063 and 0.074 from the truth from Gibbs starts, 0.099 and 0.117 from random dice.
    monkeypatch.setattr(topic_fit, "_POSTERIOR_MAX_WORDS", 0)
    beta, vocab, docs = sweep_corpus(100, 3, 60, 30, seed)
    priors = {"doc_topic_prior": 0.3, "topic_word_prior": 0.05}
    fit = fit_topics(docs, 3, np.random.default_rng(seed), n_init=3, **priors)
    random = fit_topics(docs, 3, np.random.default_rng(seed), n_init=3, init="random", **priors)
    truth = truth_on(beta, vocab, fit.vocabulary)
    ours, worse = aligned_l1(truth, fit.topic_word).mean(), aligned_l1(truth, random.topic_word).mean()
    assert ours < 0.9 * worse and fit.objective > random.objective, (ours, worse)


def test_gibbs_start_is_deterministic_and_handles_tiny_corpora():
    docs = [["a", "b", "a"], ["c", "c", "b"], [], ["a"]]
    a = fit_topics(docs, 2, np.random.default_rng(4), n_init=2)
    b = fit_topics(docs, 2, np.random.default_rng(4), n_init=2)
    np.testing.assert_array_equal(a.topic_word, b.topic_word)
    assert np.all(np.isfinite(a.topic_word))
    with pytest.raises(ValueError, match='init must be "gibbs" or "random"'):
        fit_topics(docs, 2, np.random.default_rng(0), init="kmeans")


def test_the_sweep_corpus_where_sklearn_used_to_win():
    # The sweep's largest corpus (K=5, V=300, D=2000 of 60 words, seed 2), 120,000 words:
    # scikit-learn's batch LDA (max_iter=100, random_state=2, same priors) ends 0.0418 from
    # the true dice (bench/bench_topic_fit.py; 30 s to fit, so its figure is kept here).
    # The fit before the sampler's document counts started variational Bayes, with fewer
    # sweeps and no averaging of restarts, ended 0.0421 away; now 0.0411.
    beta, vocab, docs = sweep_corpus(2000, 5, 300, 60, 2)
    fit = fit_topics(docs, 5, np.random.default_rng(2), n_init=3, doc_topic_prior=0.3, topic_word_prior=0.05)
    ours = aligned_l1(truth_on(beta, vocab, fit.vocabulary), fit.topic_word).mean()
    assert ours < 0.0418, ours


def test_variational_bayes_starts_where_the_sampler_left_off():
    # The start is the sampler's averaged counts for the topics AND the documents, so the
    # first ELBO is already close to the last: within 0.015 nats per word here, where
    # starting every document from uniform weights began about 0.5 nats per word lower.
    _, _, docs = sweep_corpus(300, 4, 120, 40, 1)
    fit = fit_topics(docs, 4, np.random.default_rng(1), n_init=2, doc_topic_prior=0.3, topic_word_prior=0.05)
    h = fit.objective_history
    assert 0 <= (h[-1] - h[0]) / 12_000 < 0.05, (h[0], h[-1])


def test_chains_side_by_side_keep_their_own_counts():
    # Chains of a small corpus share arrays; each must still account for every word once.
    docs = [["a", "b", "a", "c"], ["c", "c", "d"], [], ["a", "d", "d", "b", "b"]]
    corpus = build_corpus(docs)
    starts = _gibbs_starts(corpus, 3, 0.3, 0.05, 4, np.random.default_rng(0))
    assert len(starts) == 4
    freq = np.bincount(corpus.word_ids, corpus.counts, minlength=len(corpus.vocabulary))
    for words, doc_counts in starts:
        assert words.shape == (3, 4) and doc_counts.shape == (4, 3)
        np.testing.assert_allclose(words.sum(axis=0), freq)  # every word's count split over topics
        np.testing.assert_allclose(doc_counts.sum(axis=1), corpus.doc_lengths)
        assert words.min() >= 0 and doc_counts.min() >= 0
    assert not np.allclose(starts[0][0], starts[1][0])  # independent chains, not copies


def test_restarts_on_the_same_optimum_are_averaged():
    rng = np.random.default_rng(0)
    best = rng.dirichlet(np.ones(6), size=3)  # (K=3, V=6)

    def near(order, scale):  # the best dice moved a little, topics in another order
        moved = np.abs(best + scale * rng.standard_normal(best.shape))
        return (moved / moved.sum(axis=1, keepdims=True))[order]

    same = near([2, 0, 1], 0.002)
    far = near([0, 1, 2], 0.2)  # another optimum: a die more than 0.05 away
    lower = near([1, 2, 0], 0.002)  # the same dice, but a far lower ELBO
    # ELBOs: best -1000, same -1001, far -1000.5, lower -1100; 10,000 words allow 10 nats.
    out = _average_same_optimum([same, best, far, lower], np.array([-1001.0, -1000.0, -1000.5, -1100.0]), 10_000)
    expected = (best + same[[1, 2, 0]]) / 2  # same's topics put back in the best one's order
    np.testing.assert_allclose(out, expected / expected.sum(axis=1, keepdims=True), atol=1e-12)
    # One restart alone is returned as it is.
    np.testing.assert_allclose(_average_same_optimum([best], np.array([-5.0]), 100), best, atol=1e-15)


# ----------------------------------------------------------------------------- issue 12: the estimate
def test_each_kept_sweep_of_the_posterior_chains_splits_every_word_over_the_topics():
    _, _, docs = sweep_corpus(100, 3, 60, 30, 0)
    corpus = build_corpus(docs)
    z = np.random.default_rng(0).integers(3, size=2 * corpus.token_pair.size)
    words, _ = _gibbs_sample(corpus, 3, 0.3, 0.05, z, 2, 12, 4, np.random.default_rng(1), soft=True)
    assert words.shape == (8, 3, 2, len(corpus.vocabulary))  # (kept sweeps, K, chains, V)
    freq = np.bincount(corpus.word_ids, corpus.counts, minlength=len(corpus.vocabulary))
    np.testing.assert_allclose(words.sum(axis=1), np.broadcast_to(freq, (8, 2, freq.size)))
    assert words.min() >= 0 and not np.allclose(words[-1, :, 0], words[-1, :, 1])  # chains of their own


@pytest.mark.parametrize("seed", range(6))
def test_quantile_die_is_the_die_nearest_the_samples_in_l1(seed):
    # Exact oracle: minimising the mean L1 distance to the samples over dice is a linear
    # programme; its optimum must be what the one-quantile rule gives.
    from scipy.optimize import linprog

    rng = np.random.default_rng(seed)
    s, v = 40, 5
    samples = rng.dirichlet(rng.uniform(0.05, 3, v), size=(s, 1))  # (S, K=1, V)
    got = _quantile_die(samples)[0]
    # variables: x (V), then t (S x V) >= |sample - x|; minimise the mean of t
    p = samples[:, 0, :].ravel()
    eye = np.tile(np.eye(v), (s, 1))
    a_ub = np.block([[eye, -np.eye(s * v)], [-eye, -np.eye(s * v)]])
    b_ub = np.concatenate([p, -p])
    cost = np.concatenate([np.zeros(v), np.full(s * v, 1 / s)])
    lp = linprog(cost, A_ub=a_ub, b_ub=b_ub, A_eq=np.concatenate([np.ones(v), np.zeros(s * v)])[None],
                 b_eq=[1.0], bounds=[(0, None)] * (v + s * v))
    ours = np.abs(samples[:, 0, :] - got).sum(axis=1).mean()
    assert lp.status == 0 and got.sum() == pytest.approx(1) and got.min() >= 0
    assert ours == pytest.approx(lp.fun, abs=1e-9)


def test_quantile_die_of_symmetric_samples_is_their_median():
    # samples and their mirror images about the uniform die: the medians are uniform, summing to 1
    rng = np.random.default_rng(1)
    half = rng.dirichlet(np.ones(4), size=(500, 2))
    samples = np.concatenate([half, 0.5 - half])  # rows sum to 1
    np.testing.assert_allclose(_quantile_die(samples), 0.25, atol=1e-12)


def test_posterior_median_is_near_each_probabilitys_posterior_median(monkeypatch):
    # With the sampler's counts fixed, each probability's posterior is Beta(c + eta, rest): the
    # die must be those Betas' quantile at the one q where they sum to 1 (scipy), within the
    # draws' Monte Carlo error; q is near 1/2, and a word never seen in a topic gets far less
    # than the prior's mean share (a median, not a mean).
    from scipy import optimize, stats

    counts = np.array([[30.0, 5.0, 0.0, 1.0], [0.0, 2.0, 40.0, 9.0]])  # (K=2, V=4)
    chains, kept = 4, 60
    monkeypatch.setattr(topic_fit, "_gibbs_sample",
                        lambda *args, **kwargs: (np.broadcast_to(counts[None, :, None, :], (kept, 2, chains, 4)), None))
    corpus = build_corpus([["a", "b", "c", "d"]])
    ref = (counts + 0.05) / (counts + 0.05).sum(axis=1, keepdims=True)
    got = _posterior_median(corpus, 2, 0.3, 0.05, np.full((4, 2), 0.5), ref, np.random.default_rng(0))
    a = counts + 0.05
    b = a.sum(axis=1, keepdims=True) - a
    for j in range(2):
        q = optimize.brentq(lambda q: stats.beta.ppf(q, a[j], b[j]).sum() - 1, 0.01, 0.99)
        want = stats.beta.ppf(q, a[j], b[j])
        n = chains * kept * topic_fit._POSTERIOR_DRAWS
        se = np.sqrt(q * (1 - q) / n) / stats.beta.pdf(want, a[j], b[j])  # a sample quantile's error
        np.testing.assert_array_less(np.abs(got[j] - want), 4 * se + 1e-9)
        assert 0.5 < q < 0.6
    np.testing.assert_allclose(got.sum(axis=1), 1)
    assert got[0, 2] < 0.1 * a[0, 2] / a[0].sum()


class RecordingRng:
    """A Generator's ``random`` and ``standard_gamma``, recording the size of each gamma draw."""

    def __init__(self, seed: int):
        self.rng, self.gamma_sizes = np.random.default_rng(seed), []

    def random(self, *args, **kwargs):
        return self.rng.random(*args, **kwargs)

    def standard_gamma(self, shape, *args, **kwargs):
        self.gamma_sizes.append(np.size(shape))
        return self.rng.standard_gamma(shape, *args, **kwargs)


def test_posterior_sampling_keeps_memory_bounded_on_a_large_vocabulary(monkeypatch):
    # 8 topics over thousands of distinct words: every sweep's counts of 4 chains would be
    # 120 x 8 x 4 x V numbers, several times the bound; the sweeps kept are thinned and the
    # draws cut so that no array is much over it.
    rng = np.random.default_rng(0)
    # each document about one of 8 topics, each topic rolling its own 500 words
    docs = [[f"w{500 * (d % 8) + i}" for i in rng.integers(500, size=40)] for d in range(100)]
    corpus = build_corpus(docs)
    fit = fit_topics(docs, 8, np.random.default_rng(0), n_init=1)
    v, bound = len(corpus.vocabulary), topic_fit._POSTERIOR_NUMBERS
    sizes = []
    real_sample = topic_fit._gibbs_sample

    def spy(*args, **kwargs):
        words, doc_counts = real_sample(*args, **kwargs)
        sizes.append(words.size)
        return words, doc_counts

    monkeypatch.setattr(topic_fit, "_gibbs_sample", spy)
    recording = RecordingRng(1)
    dice = topic_fit._posterior_median(corpus, 8, 0.3, 0.05, fit._pair_posteriors, fit.topic_word, recording)
    assert 120 * 8 * 4 * v > 4 * bound  # the bound matters here
    assert dice is not None and np.allclose(dice.sum(axis=1), 1)
    assert 0 < sizes[0] <= bound + 8 * 4 * v  # at most one sweep's counts over
    assert recording.gamma_sizes and max(recording.gamma_sizes) <= bound + 8 * 4 * v


def test_posterior_median_keeps_the_fits_topic_order_and_leaves_swapped_chains_out():
    _, _, docs = sweep_corpus(100, 3, 60, 30, 0)
    corpus = build_corpus(docs)
    fit = fit_topics(docs, 3, np.random.default_rng(0), n_init=1, doc_topic_prior=0.3, topic_word_prior=0.05)
    dice = _posterior_median(corpus, 3, 0.3, 0.05, fit._pair_posteriors, fit.topic_word, np.random.default_rng(1))
    assert dice is not None and dice.shape == fit.topic_word.shape and dice.min() > 0
    np.testing.assert_allclose(dice.sum(axis=1), 1)
    assert np.abs(dice - fit.topic_word).sum(axis=1).max() < 0.1  # in the fit's topic order
    # Four one-word documents: the chains swap the two topics back and forth; all left out.
    tiny = build_corpus([["cake"], ["orc"], ["cake"], ["orc"]])
    fit = fit_topics([["cake"], ["orc"], ["cake"], ["orc"]], 2, np.random.default_rng(0))
    assert _posterior_median(tiny, 2, 0.5, 0.5, fit._pair_posteriors, fit.topic_word, np.random.default_rng(3)) is None


SMALL_SEEDS = range(16)


@pytest.fixture(scope="module")
def small_corpora_errors() -> np.ndarray:
    """Per corpus of the bench's smallest size (K=3, V=60, D=100 of 30 words; seeds 0-15), the
    L1 distance from the true dice of: the fit, the fit without the posterior step (no corpus
    small enough to sample), and scikit-learn's batch LDA with the same priors. Shape (16, 3)."""
    from sklearn.decomposition import LatentDirichletAllocation

    priors = {"doc_topic_prior": 0.3, "topic_word_prior": 0.05}
    rows = []
    for seed in SMALL_SEEDS:
        beta, vocab, docs = sweep_corpus(100, 3, 60, 30, seed)
        row = []
        for max_words in (topic_fit._POSTERIOR_MAX_WORDS, 0):
            with pytest.MonkeyPatch.context() as patch:
                patch.setattr(topic_fit, "_POSTERIOR_MAX_WORDS", max_words)
                fit = fit_topics(docs, 3, np.random.default_rng(seed), n_init=3, **priors)
            row.append(aligned_l1(truth_on(beta, vocab, fit.vocabulary), fit.topic_word).mean())
        lda = LatentDirichletAllocation(n_components=3, learning_method="batch", max_iter=100, random_state=seed,
                                        **priors).fit(build_corpus(docs).count_matrix())
        sk = lda.components_ / lda.components_.sum(axis=1, keepdims=True)
        row.append(aligned_l1(truth_on(beta, vocab, fit.vocabulary), sk).mean())
        rows.append(row)
    return np.array(rows)


def test_posterior_step_brings_small_corpora_closer_to_the_truth(small_corpora_errors):
    # measured: 0.0742 on average with the step, 0.0763 without (the variational dice alone)
    ours, without, _ = small_corpora_errors.mean(axis=0)
    assert ours < without - 0.001, (ours, without)


def test_closer_than_sklearn_on_small_corpora_but_for_luck(small_corpora_errors):
    # The goal is never further than scikit-learn; on 100 documents it cannot be guaranteed:
    # even the best estimate given the words (long sampling, bench/bench_topic_fit.py --small)
    # is further on 3 of 48 corpora. Measured here: further on 1 of 16 (seed 6, by 0.7%), the
    # variational dice alone on 5 of 16.
    ours, without, sk = small_corpora_errors.T
    assert (ours > sk).sum() <= 1 and (ours / sk).max() < 1.02, ours / sk
    assert (ours > sk).sum() < (without > sk).sum()
    assert np.median(ours / sk) < 0.96
