"""Finding unknown topics: the batch variational Bayes fit of LDA, against the truth and scikit-learn.

Tolerances come from standard errors of the dice; the sweep against scikit-learn over many
corpora is a benchmark (``python -m bench.bench_topic_fit``), not a test."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mixgen_core.corpus import build_corpus
from mixgen_core.dice import Topic, worksheet_topics
from mixgen_core.fit_vs_truth import align_topics, topic_distances, topics_on_vocabulary
from mixgen_core.limits import MAX_TOTAL_WORDS, MAX_VOCABULARY
from mixgen_core.topic_fit import _gibbs_starts, fit_topics
from tests.payloads import BAD_DOCUMENTS


# ----------------------------------------------------------------------------- helpers
def roll_document(topics: list[Topic], weights: np.ndarray, n_words: int, rng: np.random.Generator) -> list[str]:
    """The worksheet's process: per word, pick a topic with ``weights``, then roll its die."""
    which = rng.choice(len(topics), size=n_words, p=weights)
    return [str(rng.choice(topics[k].words, p=topics[k].probabilities)) for k in which]


def lda_corpus_with_topics(
    n_docs: int, n_topics: int = 3, n_vocab: int = 30, n_words: int = 50, alpha: float = 0.5, seed: int = 0
) -> tuple[np.ndarray, list[str], list[list[str]], np.ndarray]:
    """An LDA corpus: true (K, V) topic-word matrix, the vocabulary, the documents and every
    word's true topic (D, L).

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
    return beta, vocab, docs, z


def lda_corpus(*args, **kwargs) -> tuple[np.ndarray, list[str], list[list[str]]]:
    """:func:`lda_corpus_with_topics` without the words' topics."""
    return lda_corpus_with_topics(*args, **kwargs)[:3]


def l1_standard_error(truth: np.ndarray, words_per_topic: np.ndarray) -> np.ndarray:
    """Per topic, the expected L1 distance of a die estimated from its ``n_k`` words from the
    truth (K,): ``sum_w sqrt(2 / pi) sd_w`` with ``sd_w = sqrt(p_w (1 - p_w) / n_k)`` (each
    estimated probability near normal about the true one; zero-probability words add nothing)."""
    sd = np.sqrt(truth * (1 - truth) / words_per_topic[:, None])
    return np.sqrt(2 / np.pi) * sd.sum(axis=1)


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


def test_fit_recovers_lda_topics_within_a_few_standard_errors():
    # 1,000 documents of 60 words (60,000 words, ~20,000 per topic): every fitted die is as near
    # the truth as a die estimated from the topic's own words would be, up to a few standard
    # errors (the fit does not know which word came from which topic, so it is a little further).
    beta, vocab, docs, z = lda_corpus_with_topics(1000, n_words=60, seed=1)
    fit = fit_topics(docs, 3, np.random.default_rng(1), n_init=2, doc_topic_prior=0.5, topic_word_prior=0.1)
    truth = truth_on(beta, vocab, fit.vocabulary)
    expected = l1_standard_error(truth, np.bincount(z.ravel(), minlength=3))
    errors = aligned_l1(truth, fit.topic_word)
    assert np.all(errors < 3 * expected), (errors, expected)


def test_fit_recovers_the_500_document_corpus(corpus_500, fit_500):
    # default priors (1/K), 25,000 words: the same bound
    beta, vocab, _ = corpus_500
    truth = truth_on(beta, vocab, fit_500.vocabulary)
    aligned = fit_500.topic_word[align_topics(truth, fit_500.topic_word)]
    # each topic's share of the words, as the fit's own word topics count them
    words_per_topic = np.concatenate(fit_500.word_topics).sum(axis=0)[align_topics(truth, fit_500.topic_word)]
    expected = l1_standard_error(truth, words_per_topic)
    errors = np.abs(aligned - truth).sum(axis=1)
    assert np.all(errors < 3 * expected), (errors, expected)


def test_fit_agrees_with_sklearn_far_within_the_sampling_noise(corpus_500, fit_500):
    # Exact oracle: scikit-learn's batch variational Bayes fits the same model with the same
    # priors (1/K) and gives the same estimate (the dice's posterior mean under q). The two
    # optimisers stop at slightly different places, far closer to each other than either is
    # to the truth: under half a standard error of the dice.
    from sklearn.decomposition import LatentDirichletAllocation

    beta, vocab, docs = corpus_500
    counts = build_corpus(docs).count_matrix()  # same column order as fit.vocabulary
    lda = LatentDirichletAllocation(n_components=3, learning_method="batch", max_iter=200, random_state=0)
    lda.fit(counts)
    sk = lda.components_ / lda.components_.sum(axis=1, keepdims=True)
    sk = sk[align_topics(fit_500.topic_word, sk)]
    words_per_topic = np.concatenate(fit_500.word_topics).sum(axis=0)
    noise = l1_standard_error(fit_500.topic_word, words_per_topic)
    gap = np.abs(sk - fit_500.topic_word).sum(axis=1)
    assert np.all(gap < 0.5 * noise), (gap, noise)


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


def test_every_output_comes_from_one_estimate(corpus_500):
    # The dice, the mixing weights, the words' topics and the objective all belong to one
    # variational posterior q: at its optimum gamma_d = alpha + the document's words' topic
    # probabilities, and lambda_k = eta + every word's probability of topic k, counted per word.
    _, _, docs = corpus_500
    docs = docs[:50]
    fit = fit_topics(docs, 3, np.random.default_rng(1), n_init=3, max_iter=5000, tol=1e-13)
    alpha, eta = fit.doc_topic_prior, fit.topic_word_prior
    for d in range(50):
        expected = (alpha + fit.word_topics[d].sum(axis=0)) / (3 * alpha + len(docs[d]))
        np.testing.assert_allclose(fit.document_topic[d], expected, atol=1e-4)
    index = {w: i for i, w in enumerate(fit.vocabulary)}
    lam = np.full((3, len(fit.vocabulary)), eta)
    for doc, post in zip(docs, fit.word_topics):
        np.add.at(lam.T, [index[w] for w in doc], post)
    np.testing.assert_allclose(fit.topic_word, lam / lam.sum(axis=1, keepdims=True), atol=1e-4)
    assert fit.objective == fit.objective_history[-1] == fit.restart_objectives.max()
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


# ----------------------------------------------------------------------------- the start
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
def test_gibbs_start_beats_random_dice(seed):
    # Random dice end in worse optima of the ELBO, and further from the truth.
    beta, vocab, docs = sweep_corpus(100, 3, 60, 30, seed)
    priors = {"doc_topic_prior": 0.3, "topic_word_prior": 0.05}
    fit = fit_topics(docs, 3, np.random.default_rng(seed), n_init=3, **priors)
    random = fit_topics(docs, 3, np.random.default_rng(seed), n_init=3, init="random", **priors)
    truth = truth_on(beta, vocab, fit.vocabulary)
    ours, worse = aligned_l1(truth, fit.topic_word).mean(), aligned_l1(truth, random.topic_word).mean()
    assert ours < worse and fit.objective > random.objective, (ours, worse)


def test_gibbs_start_is_deterministic_and_handles_tiny_corpora():
    docs = [["a", "b", "a"], ["c", "c", "b"], [], ["a"]]
    a = fit_topics(docs, 2, np.random.default_rng(4), n_init=2)
    b = fit_topics(docs, 2, np.random.default_rng(4), n_init=2)
    np.testing.assert_array_equal(a.topic_word, b.topic_word)
    assert np.all(np.isfinite(a.topic_word))
    with pytest.raises(ValueError, match='init must be "gibbs" or "random"'):
        fit_topics(docs, 2, np.random.default_rng(0), init="kmeans")


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
