"""Tests for the topic inference core: from words back to topics."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mixgen_core.topic_inference import (
    MAX_TOTAL_WORDS,
    MAX_VOCABULARY,
    align_topics,
    build_corpus,
    digamma,
    estimate_mixing_weights,
    fit_topics,
    gammaln,
    topic_distances,
    topics_on_vocabulary,
    word_posteriors,
)
from mixgen_core.topics import Topic, worksheet_topics

EULER_GAMMA = 0.5772156649015329


# ----------------------------------------------------------------------------- helpers
def roll_document(
    topics: list[Topic], weights: np.ndarray, n_words: int, rng: np.random.Generator
) -> list[str]:
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


# ----------------------------------------------------------------------------- step 1: posteriors
def test_fair_coin_posteriors_by_hand():
    topics = worksheet_topics()
    post = word_posteriors(topics, ["merry", "cake", "frodo", "run"])
    # "merry": (1/2 * 1/7) / (1/2 * 1/7 + 1/2 * 1/8) = 8/15; "run" is also on both dice.
    np.testing.assert_allclose(post[0], [8 / 15, 7 / 15], rtol=1e-14)
    np.testing.assert_array_equal(post[1], [1.0, 0.0])  # only on the birthday die
    np.testing.assert_array_equal(post[2], [0.0, 1.0])  # only on the Lord of the Rings die
    np.testing.assert_allclose(post[3], post[0], rtol=1e-14)


def test_weighted_posteriors_by_hand():
    post = word_posteriors(worksheet_topics(), ["merry", "cake"], [0.3, 0.7])
    birthday = 0.3 / 7 / (0.3 / 7 + 0.7 / 8)  # = 0.24 / (0.24 + 0.49) = 24/73
    np.testing.assert_allclose(post[0], [birthday, 1 - birthday], rtol=1e-14)
    np.testing.assert_allclose(birthday, 24 / 73, rtol=1e-14)
    np.testing.assert_array_equal(post[1], [1.0, 0.0])
    # Weights are normalised: (3, 7) means the same as (0.3, 0.7).
    np.testing.assert_allclose(word_posteriors(worksheet_topics(), ["merry"], [3, 7])[0], post[0], rtol=1e-14)


def test_weighted_die_posterior():
    loaded = Topic("loaded", ["a", "b"], [3, 1])
    fair = Topic("fair", ["a", "c"])
    post = word_posteriors([loaded, fair], ["a"])
    np.testing.assert_allclose(post[0], [0.75 / 1.25, 0.5 / 1.25], rtol=1e-14)


def test_empty_document_gives_no_rows():
    assert word_posteriors(worksheet_topics(), []).shape == (0, 2)


def test_unknown_word_is_named_and_long_words_are_cut():
    with pytest.raises(ValueError, match=r"'dragon' is not on any topic"):
        word_posteriors(worksheet_topics(), ["cake", "dragon"])
    with pytest.raises(ValueError) as info:
        word_posteriors(worksheet_topics(), ["x" * 5000])
    assert "xxxx..." in str(info.value) and len(str(info.value)) < 150


def test_word_only_on_zero_weight_topic():
    with pytest.raises(ValueError, match="weight is zero"):
        word_posteriors(worksheet_topics(), ["merry", "cake"], [0.0, 1.0])
    # "merry" alone is fine: the other topic can produce it.
    np.testing.assert_array_equal(word_posteriors(worksheet_topics(), ["merry"], [0.0, 1.0]), [[0.0, 1.0]])


@pytest.mark.parametrize(
    "topics, words, weights, message",
    [
        (worksheet_topics()[0], ["cake"], None, "not a single topic"),
        ([], ["cake"], None, "between 1 and 8 topics"),
        (worksheet_topics() * 5, ["cake"], None, "between 1 and 8 topics"),
        (["cake"], ["cake"], None, "Topic object"),
        (worksheet_topics(), "cake", None, "not a single string"),
        (worksheet_topics(), ["cake", 3], None, "only words"),
        (worksheet_topics(), ["cake", ""], None, "empty word"),
        (worksheet_topics(), ["cake"], [1.0], "shape"),
        (worksheet_topics(), ["cake"], [-1.0, 2.0], "negative"),
        (worksheet_topics(), ["cake"], [0.0, 0.0], "all be zero"),
        (worksheet_topics(), ["cake"], [np.nan, 1.0], "finite"),
    ],
)
def test_posterior_input_errors(topics, words, weights, message):
    with pytest.raises(ValueError, match=message):
        word_posteriors(topics, words, weights)


# Random topics over a small alphabet, random weights, words drawn from the union of dice.
_ALPHABET = [f"v{i}" for i in range(6)]


@st.composite
def topics_words_weights(draw):
    k = draw(st.integers(1, 4))
    topics = []
    for j in range(k):
        words = draw(st.lists(st.sampled_from(_ALPHABET), min_size=1, max_size=6, unique=True))
        weights = draw(st.lists(st.floats(0.01, 10), min_size=len(words), max_size=len(words)))
        topics.append(Topic(f"t{j}", words, weights))
    union = sorted({w for t in topics for w in t.words})
    doc = draw(st.lists(st.sampled_from(union), min_size=1, max_size=30))
    mix = np.array(draw(st.lists(st.floats(0.01, 10), min_size=k, max_size=k)))
    return topics, doc, mix


@settings(max_examples=60, deadline=None)
@given(topics_words_weights())
def test_posteriors_are_bayes_rule(case):
    topics, doc, mix = case
    post = word_posteriors(topics, doc, mix)
    assert post.shape == (len(doc), len(topics))
    assert np.all(post >= 0)
    np.testing.assert_allclose(post.sum(axis=1), 1.0, rtol=1e-12)
    # Against a direct, per-word computation of prior times likelihood.
    w = mix / mix.sum()
    for i, word in enumerate(doc):
        joint = np.array(
            [w[k] * dict(zip(t.words, t.probabilities)).get(word, 0.0) for k, t in enumerate(topics)]
        )
        np.testing.assert_allclose(post[i], joint / joint.sum(), rtol=1e-12, atol=1e-15)


@settings(max_examples=40, deadline=None)
@given(topics_words_weights())
def test_em_never_lowers_the_likelihood(case):
    topics, doc, _ = case
    fit = estimate_mixing_weights(topics, doc, max_iter=200, return_history=True)
    ll = fit.log_likelihood_history
    # EM's monotonicity, up to rounding of sums of ~30 logs (1e-12 relative).
    assert np.all(np.diff(ll) >= -1e-12 * np.abs(ll[:-1]) - 1e-12)
    assert np.all(fit.weights >= 0)
    np.testing.assert_allclose(fit.weights.sum(), 1.0, rtol=1e-12)
    np.testing.assert_allclose(fit.weight_history[0], np.full(len(topics), 1 / len(topics)))


# ----------------------------------------------------------------------------- step 1: EM weights
def test_em_unambiguous_words_give_word_fractions():
    doc = ["cake"] * 6 + ["pizza"] * 3 + ["orc"] * 3 + ["frodo"] * 4
    fit = estimate_mixing_weights(worksheet_topics(), doc, return_history=True)
    # Every word has a certain origin, so one M-step lands on the fractions 9/16 and 7/16.
    np.testing.assert_allclose(fit.weights, [9 / 16, 7 / 16], rtol=1e-14)
    assert fit.converged and fit.n_iter == 2  # the second iteration confirms no change


def test_em_matches_closed_form_with_a_shared_word():
    # n1 words only on die 1 (p=1/7), n2 "merry" (1/7 vs 1/8), n3 only on die 2 (p=1/8).
    n1, n2, n3 = 4, 10, 6
    doc = ["cake"] * n1 + ["merry"] * n2 + ["orc"] * n3
    weights = estimate_mixing_weights(worksheet_topics(), doc, max_iter=10_000, tol=1e-13)

    def score(w):  # derivative of the log-likelihood in w = weight of topic 1
        return n1 / w + n2 * (1 / 7 - 1 / 8) / (w / 7 + (1 - w) / 8) - n3 / (1 - w)

    lo, hi = 1e-9, 1 - 1e-9  # the score decreases from +inf to -inf: bisect
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if score(mid) > 0 else (lo, mid)
    # EM converges linearly; tol=1e-13 on the step leaves an error well below 1e-9.
    np.testing.assert_allclose(weights, [lo, 1 - lo], atol=1e-9)


def test_em_only_shared_words_goes_to_the_more_likely_die():
    # "merry" and "run" have probability 1/7 on the birthday die and 1/8 on the other:
    # the likelihood increases all the way to weight 1 for the birthday topic.
    weights = estimate_mixing_weights(worksheet_topics(), ["merry", "run"] * 5, max_iter=2000)
    assert weights[0] > 0.999


def test_em_returns_plain_weights_by_default():
    weights = estimate_mixing_weights(worksheet_topics(), ["cake", "orc"])
    assert isinstance(weights, np.ndarray) and weights.shape == (2,)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"words": []}, "no words"),
        ({"words": ["cake", "dragon"]}, "'dragon'"),
        ({"max_iter": 0}, "at least 1"),
        ({"max_iter": 2.5}, "whole number"),
        ({"tol": 0}, "tol"),
        ({"tol": float("nan")}, "tol"),
        ({"tol": "small"}, "tol"),
    ],
)
def test_em_input_errors(kwargs, message):
    args = {"topics": worksheet_topics(), "words": ["cake"]} | kwargs
    with pytest.raises(ValueError, match=message):
        estimate_mixing_weights(**args)


# ----------------------------------------------------------------------------- special functions
def test_digamma_known_values():
    np.testing.assert_allclose(digamma(1.0), -EULER_GAMMA, rtol=1e-13)
    np.testing.assert_allclose(digamma(0.5), -EULER_GAMMA - 2 * math.log(2), rtol=1e-13)
    # psi(n) = H_{n-1} - gamma (harmonic numbers)
    for n in (2, 5, 7, 30, 1000):
        harmonic = sum(1 / j for j in range(1, n))
        np.testing.assert_allclose(digamma(float(n)), harmonic - EULER_GAMMA, rtol=1e-13)
    # psi(1/4) = -gamma - pi/2 - 3 log 2
    np.testing.assert_allclose(digamma(0.25), -EULER_GAMMA - math.pi / 2 - 3 * math.log(2), rtol=1e-13)


def test_digamma_and_gammaln_against_scipy_and_math():
    from scipy import special  # test-only reference (scikit-learn depends on scipy)

    x = np.concatenate([np.logspace(-4, 6, 400), np.linspace(0.01, 20, 400)])
    np.testing.assert_allclose(digamma(x), special.digamma(x), rtol=1e-12, atol=1e-12)
    ref = np.array([math.lgamma(v) for v in x])
    np.testing.assert_allclose(gammaln(x), ref, rtol=1e-12, atol=1e-12)
    assert digamma(np.ones((2, 3))).shape == (2, 3)


@settings(max_examples=100, deadline=None)
@given(st.floats(1e-3, 1e4))
def test_digamma_and_gammaln_recurrences(x):
    # psi(x + 1) = psi(x) + 1/x and lgamma(x + 1) = lgamma(x) + log x; absolute error in
    # the 1/x term grows like 1/x, hence the relative tolerance on the larger side.
    np.testing.assert_allclose(digamma(x + 1) - digamma(x), 1 / x, rtol=1e-9)
    np.testing.assert_allclose(gammaln(x + 1) - gammaln(x), math.log(x), rtol=1e-9, atol=1e-11)


@pytest.mark.parametrize("bad", [0.0, -1.0, np.inf, np.nan])
def test_special_functions_refuse_non_positive(bad):
    with pytest.raises(ValueError):
        digamma([1.0, bad])
    with pytest.raises(ValueError):
        gammaln([1.0, bad])


# ----------------------------------------------------------------------------- step 2: corpus
def test_build_corpus_counts_and_order():
    corpus = build_corpus([["b", "a", "b"], [], ["c", "a"]])
    assert corpus.vocabulary == ("b", "a", "c")  # first-seen order
    np.testing.assert_array_equal(corpus.count_matrix(), [[2, 1, 0], [0, 0, 0], [0, 1, 1]])
    np.testing.assert_array_equal(corpus.doc_lengths, [3, 0, 2])
    # token_pair points each word, in order, to its (document, word) pair.
    pairs = list(zip(corpus.doc_ids[corpus.token_pair], corpus.word_ids[corpus.token_pair]))
    assert pairs == [(0, 0), (0, 1), (0, 0), (2, 2), (2, 1)]


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
    fit = fit_topics(
        docs, 2, np.random.default_rng(0), n_init=3, max_iter=20, on_iteration=lambda *a: calls.append(a)
    )
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
        ([], {}, "no documents"),
        ([[], []], {}, "All documents are empty"),
        ("cake orc", {}, "list of documents"),
        (["cake orc"], {}, "single string"),
        ([["cake", 3]], {}, "must be text"),
        ([["cake", ""]], {}, "empty word"),
        ([["cake", None]], {}, "None"),
        ([["cake", ["orc"]]], {}, "must be text"),
        ([["cake"], {"orc": 1}], {}, "Document 2 must be a list"),
        ([["cake", "x" * 10_001]], {}, "at most 10,000 characters"),
        ([["cake", "orc"]], {"n_topics": 3}, "at most 2 topics"),
        ([["a", "b"]], {"n_topics": 0}, "at least 1"),
        ([["a", "b"]], {"n_topics": 9}, "at most 8"),
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
        fit_topics(
            [["a"] * (MAX_TOTAL_WORDS // 2), ["b"] * (MAX_TOTAL_WORDS // 2 + 1)], 2, np.random.default_rng(0)
        )
    with pytest.raises(ValueError, match="20,000 distinct words"):
        fit_topics([[f"w{i}" for i in range(MAX_VOCABULARY + 1)]], 2, np.random.default_rng(0))


# ----------------------------------------------------------------------------- alignment helpers
def test_align_topics_undoes_a_permutation():
    rng = np.random.default_rng(0)
    truth = rng.dirichlet(np.ones(10), size=4)
    perm = np.array([2, 0, 3, 1])
    fitted = truth[perm] + 0.001 * rng.random((4, 10))
    fitted /= fitted.sum(axis=1, keepdims=True)
    match = align_topics(truth, fitted)
    np.testing.assert_array_equal(fitted[match].argmax(axis=1), truth.argmax(axis=1))
    np.testing.assert_array_equal(perm[match], np.arange(4))
    # Fewer fitted topics than true ones: one true topic is left unmatched.
    assert sorted(align_topics(truth, fitted[:3]).tolist()) == [-1, 0, 1, 2]


def test_topic_distances_extremes():
    d = topic_distances([[1.0, 0.0], [0.5, 0.5]], [[0.0, 1.0], [1.0, 0.0]])
    np.testing.assert_allclose(d, [[2.0, 0.0], [1.0, 1.0]])
    with pytest.raises(ValueError, match="shape"):
        topic_distances([[1.0, 0.0]], [[1.0, 0.0, 0.0]])


def test_topics_on_vocabulary_orders_columns_and_drops_unseen_words():
    topics = worksheet_topics()
    m = topics_on_vocabulary(topics, ("orc", "merry", "cake", "dragon"))
    np.testing.assert_allclose(m, [[0, 1 / 7, 1 / 7, 0], [1 / 8, 1 / 8, 0, 0]])
    with pytest.raises(ValueError, match="single string"):
        topics_on_vocabulary(topics, "orc merry")
    with pytest.raises(ValueError, match="only words"):
        topics_on_vocabulary(topics, ["orc", ["merry"]])
    with pytest.raises(ValueError, match="twice"):
        topics_on_vocabulary(topics, ["orc", "orc"])
