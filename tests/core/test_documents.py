"""Documents rolled from topics: the sampler's contract, its statistics, its recipe and its checks.

Statistical tests use fixed seeds and the thresholds of :mod:`tests.core.test_dice`
(chi-square 0.999 quantiles, z-tests at 4 standard errors).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mixgen_core.dice import Topic, worksheet_topics
from mixgen_core.documents import Document, dirichlet_parameter, sample_documents, topic_vocabulary
from mixgen_core.limits import (
    MAX_CONCENTRATION,
    MAX_SAMPLED_DOCUMENTS,
    MAX_TOPICS,
    MAX_TOTAL_WORDS,
    MIN_CONCENTRATION,
)
from tests.core.test_dice import Z, big_topics, chi_square

# Upper 0.999 quantiles of chi-square(df).
CHI2_999 = {1: 10.828, 6: 22.458}


def recipe(topic_list, D, W, topic_weights=None, seed=0, concentration=None):
    """The plain-numpy recipe from sample_documents' docstring, written out literally (with
    searchsorted itself, not the core's recipes: an independent oracle)."""

    def cum(p):
        c = np.minimum(np.cumsum(p), 1.0)
        c[np.flatnonzero(p)[-1] :] = 1.0
        return c

    K = len(topic_list)
    if topic_weights is None:
        w = np.full(K, 1.0 / K)
    else:
        w = np.asarray(topic_weights, dtype=float)
        w = w / w.sum()
    alpha = dirichlet_parameter(topic_weights, concentration, K)
    p = [t.probabilities for t in topic_list]
    rng = np.random.default_rng(seed)
    mixing = rng.dirichlet(alpha, size=D) if alpha is not None else np.tile(w, (D, 1))
    u = rng.random((D, W))
    topics = np.array(
        [np.searchsorted(cum(mixing[d]), u[d], side="right") for d in range(D)], dtype=int
    ).reshape(D, W)
    v = rng.random((D, W))
    sides = np.zeros((D, W), dtype=int)
    for k in range(K):
        sides[topics == k] = np.searchsorted(cum(p[k]), v[topics == k], side="right")
    words = [[topic_list[k].words[j] for k, j in zip(topics[d], sides[d])] for d in range(D)]
    return mixing, topics, sides, words


# --- contract -------------------------------------------------------------------------


def test_contract_example():
    topics = worksheet_topics()
    docs = sample_documents(
        topics, n_documents=3, n_words=20, topic_weights=(0.5, 0.5), rng=np.random.default_rng(0)
    )
    assert len(docs) == 3
    for doc in docs:
        assert isinstance(doc, Document)
        assert isinstance(doc.words, list) and len(doc.words) == 20
        assert all(isinstance(word, str) for word in doc.words)
        assert doc.topics.shape == doc.word_sides.shape == (20,)
        assert np.issubdtype(doc.topics.dtype, np.integer) and np.issubdtype(doc.word_sides.dtype, np.integer)
        assert doc.mixing.shape == (2,) and np.allclose(doc.mixing, 0.5)
        assert doc.text == " ".join(doc.words) and len(doc) == 20
        for word, k, j in zip(doc.words, doc.topics, doc.word_sides):
            assert topics[k].words[j] == word


def test_documents_are_read_only_and_words_is_a_fresh_list():
    doc = sample_documents(worksheet_topics(), 2, 5, rng=np.random.default_rng(1))[0]
    with pytest.raises(ValueError):
        doc.topics[0] = 1
    words = doc.words
    words.append("extra")
    assert len(doc.words) == 5


def test_words_are_numbered_in_first_seen_order():
    doc = sample_documents(worksheet_topics(), 1, 50, rng=np.random.default_rng(2))[0]
    assert doc.vocabulary == topic_vocabulary(worksheet_topics())
    assert doc.words == [doc.vocabulary[i] for i in doc.word_ids]


@pytest.mark.parametrize(
    "weights, concentration",
    [(None, None), ((0.2, 0.0, 1, 3, 0, 0.5, 2, 0), None), (None, 0.05), ((1, 2, 0, 1, 1, 1, 1, 0), 3.0)],
)
def test_every_word_is_on_the_die_of_its_topic(weights, concentration):
    topics = big_topics()
    docs = sample_documents(topics, 40, 500, weights, np.random.default_rng(2), concentration)
    for doc in docs:
        for word, k, j in zip(doc.words, doc.topics.tolist(), doc.word_sides.tolist()):
            assert topics[k].words[j] == word
            assert topics[k].probabilities[j] > 0
            assert doc.mixing[k] > 0


@pytest.mark.parametrize(
    "topic_list, D, W, weights, concentration",
    [
        (worksheet_topics(), 3, 20, (0.5, 0.5), None),
        (worksheet_topics(), 50, 200, (0.1, 0.9), None),
        (worksheet_topics(), 50, 200, None, 0.3),
        (big_topics(), 30, 300, (0.2, 0.0, 1, 3, 0, 0.5, 2, 0), None),
        (big_topics(), 30, 300, None, 0.01),
        (big_topics(), 30, 300, (1, 2, 0, 1, 1, 1, 1, 0), 2.0),
        (big_topics(), 30, 300, None, np.linspace(0.1, 3, 8)),
        (worksheet_topics()[:1], 4, 100, None, None),
        (worksheet_topics()[:1], 4, 100, None, 1.0),
        (worksheet_topics(), 0, 10, None, 1.0),
        (worksheet_topics(), 5, 0, None, 1.0),
    ],
)
def test_sample_equals_the_documented_plain_numpy_recipe(topic_list, D, W, weights, concentration):
    for seed in (0, 1, 2):
        docs = sample_documents(topic_list, D, W, weights, np.random.default_rng(seed), concentration)
        mixing, topics, sides, words = recipe(topic_list, D, W, weights, seed, concentration)
        assert len(docs) == D
        for d, doc in enumerate(docs):
            np.testing.assert_array_equal(doc.mixing, mixing[d])
            np.testing.assert_array_equal(doc.topics, topics[d])
            np.testing.assert_array_equal(doc.word_sides, sides[d])
            assert doc.words == words[d]


def test_same_seed_same_documents_other_seed_other_documents():
    def draw(seed):
        docs = sample_documents(worksheet_topics(), 5, 50, (0.3, 0.7), np.random.default_rng(seed), 1.0)
        return [d.words for d in docs], np.array([d.mixing for d in docs])

    words_a, mix_a = draw(7)
    words_b, mix_b = draw(7)
    words_c, _ = draw(8)
    assert words_a == words_b and np.array_equal(mix_a, mix_b)
    assert words_a != words_c


def test_a_million_words_is_allowed():
    docs = sample_documents(worksheet_topics(), 1000, 1000, rng=np.random.default_rng(0))
    assert sum(len(d) for d in docs) == MAX_TOTAL_WORDS
    assert docs[-1].words[-1] in topic_vocabulary(worksheet_topics())


# --- statistics -----------------------------------------------------------------------


def test_topic_frequencies_chi_square():
    docs = sample_documents(worksheet_topics(), 200, 1000, (0.3, 0.7), np.random.default_rng(10))
    z = np.concatenate([d.topics for d in docs])
    observed = np.bincount(z, minlength=2)
    # 2 outcomes -> df = 1
    assert chi_square(observed, z.size * np.array([0.3, 0.7])) < CHI2_999[1]


def test_sides_given_topic_chi_square():
    topic = Topic("weighted", list("abcdefgh"), [1, 2, 3, 4, 0, 5, 6, 7])
    docs = sample_documents([worksheet_topics()[0], topic], 50, 2000, (0.4, 0.6), np.random.default_rng(12))
    z = np.concatenate([d.topics for d in docs])
    sides = np.concatenate([d.word_sides for d in docs])[z == 1]
    observed = np.bincount(sides, minlength=8)
    # 7 possible sides (one has weight 0) -> df = 6
    assert chi_square(observed, sides.size * topic.probabilities) < CHI2_999[6]


def test_zero_weight_sides_and_topics_are_never_drawn():
    # Tiny positive weights next to zeros, zeros first and last, a zero-weight topic.
    tricky = Topic("tricky", ["z0", "tiny", "z1", "big", "z2", "tiny2", "z3"], [0, 1e-300, 0, 1, 0, 1e-17, 0])
    never = Topic("never", ["nope", "nada"])
    docs = sample_documents([tricky, never], 200, 1000, (1.0, 0.0), np.random.default_rng(13))
    words = set(np.concatenate([d.word_ids for d in docs]).tolist())
    vocab = docs[0].vocabulary
    assert {vocab[i] for i in words} <= {"tiny", "big", "tiny2"}
    assert all((d.topics == 0).all() for d in docs)
    # And with a Dirichlet mix: topic weight 0 gives alpha 0, so the topic is never used.
    docs = sample_documents([tricky, never], 200, 100, (1.0, 0.0), np.random.default_rng(14), 0.5)
    assert all((d.topics == 0).all() and d.mixing[1] == 0 for d in docs)


def test_dirichlet_mean_mixing_matches_topic_weights():
    w = np.array([0.2, 0.5, 0.3])
    topics = worksheet_topics() + [Topic("third", ["x", "y"])]
    c, D = 0.7, 4000
    docs = sample_documents(topics, D, 10, w, np.random.default_rng(15), concentration=c)
    mixing = np.array([d.mixing for d in docs])
    assert np.allclose(mixing.sum(axis=1), 1)
    # alpha = c * K * w, alpha0 = c * K; mixing_k ~ Beta(alpha_k, alpha0 - alpha_k),
    # variance w_k (1 - w_k) / (alpha0 + 1); SE of the mean over D documents.
    var = w * (1 - w) / (c * 3 + 1)
    se = np.sqrt(var / D)
    assert np.all(np.abs(mixing.mean(axis=0) - w) < Z * se)
    # The spread of the mixes matches too: sample variance SE ~ var * sqrt(2 / D) is a
    # normal approximation; Beta kurtosis makes it wider, so allow 6 of them.
    assert np.all(np.abs(mixing.var(axis=0) - var) < 6 * var * np.sqrt(2 / D))


def test_dirichlet_per_topic_concentration_mean():
    alpha = np.array([0.5, 2.0])
    D = 4000
    docs = sample_documents(worksheet_topics(), D, 5, rng=np.random.default_rng(16), concentration=alpha)
    mixing = np.array([d.mixing for d in docs])
    mean = alpha / alpha.sum()
    se = np.sqrt(mean * (1 - mean) / (alpha.sum() + 1) / D)
    assert np.all(np.abs(mixing.mean(axis=0) - mean) < Z * se)


def test_documents_follow_their_own_mix():
    D, W = 500, 400
    docs = sample_documents(worksheet_topics(), D, W, rng=np.random.default_rng(17), concentration=0.5)
    mixing = np.array([d.mixing for d in docs])
    counts = np.array([np.bincount(d.topics, minlength=2) for d in docs])
    # Given its mix, a document's count of topic 1 is Binomial(W, m); the total over
    # documents has mean sum W m and variance sum W m (1 - m).
    m = mixing[:, 1]
    assert abs(counts[:, 1].sum() - (W * m).sum()) < Z * np.sqrt((W * m * (1 - m)).sum())
    # Small concentration: most documents are mostly one topic.
    assert np.mean(np.abs(m - 0.5) > 0.25) > 0.4
    # Per document the topic share tracks the mix: correlation near 1.
    assert np.corrcoef(counts[:, 1] / W, m)[0, 1] > 0.95


def test_large_concentration_gives_the_topic_weights():
    docs = sample_documents(worksheet_topics(), 50, 5, (0.3, 0.7), np.random.default_rng(18), MAX_CONCENTRATION)
    # sd of each mix entry = sqrt(0.21 / (2e6 + 1)) = 3.2e-4
    assert np.all(np.abs(np.array([d.mixing for d in docs]) - [0.3, 0.7]) < Z * 3.3e-4)


# --- validation -----------------------------------------------------------------------

T2 = worksheet_topics()


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(topics=[]), f"between 1 and {MAX_TOPICS} topics"),
        (dict(topics=T2 * 5), f"between 1 and {MAX_TOPICS} topics"),
        (dict(topics=[T2[0], "cake"]), "must be a Topic"),
        (dict(topics=T2[0]), "not a single one"),
        (dict(topics=5), "list of topics"),
        (dict(topic_weights=(-1, 2)), "must not be negative"),
        (dict(topic_weights=(np.nan, 1)), "finite"),
        (dict(topic_weights=(np.inf, 1)), "finite"),
        (dict(topic_weights=(0, 0)), "must not all be zero"),
        (dict(topic_weights=(1, 2, 3)), "one topic weight per topic"),
        (dict(topic_weights=("a", 1)), "only numbers"),
        (dict(topic_weights=[[1, 2]]), "shape"),
        (dict(n_documents=-1), "at least 0"),
        (dict(n_words=-5), "at least 0"),
        (dict(n_documents=2.5), "whole number"),
        (dict(n_words="20"), "whole number"),
        (dict(n_words=True), "whole number"),
        (dict(n_documents=MAX_SAMPLED_DOCUMENTS + 1), "at most"),
        (dict(n_words=MAX_TOTAL_WORDS + 1, n_documents=1), "at most"),
        (dict(n_documents=1001, n_words=1000), "words in all"),
        (dict(concentration=0), "positive"),
        (dict(concentration=-1), "positive"),
        (dict(concentration=np.nan), "finite"),
        (dict(concentration=np.inf), "finite"),
        (dict(concentration=MAX_CONCENTRATION * 2), "between 0.001 and 1e"),
        (dict(concentration=MIN_CONCENTRATION / 2), "between 0.001 and 1e"),
        (dict(concentration=(1, 1e-4)), "between 0.001 and 1e"),
        (dict(concentration=[[1, 2]]), "one number per topic"),
        (dict(concentration=(1, 0)), "positive"),
        (dict(concentration=(1, 2, 3)), "one number per topic"),
        (dict(concentration=(1, 2), topic_weights=(1, 1)), "leave out the topic weights"),
        (dict(rng=None), "Generator"),
        (dict(rng=np.random.RandomState(0)), "Generator"),
    ],
)
def test_bad_input_raises_a_clear_value_error_before_any_draw(kwargs, message):
    args = dict(topics=T2, n_documents=3, n_words=20, topic_weights=None, rng=np.random.default_rng(0))
    args.update(kwargs)
    rng = args["rng"]
    state = rng.bit_generator.state if isinstance(rng, np.random.Generator) else None
    with pytest.raises(ValueError, match=message):
        sample_documents(**args)
    if state is not None:
        assert rng.bit_generator.state == state  # validated first: no random number used


@given(
    weights=st.lists(st.floats(allow_nan=True, allow_infinity=True), min_size=2, max_size=2),
    concentration=st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True), st.floats(0, 10)),
    n_documents=st.integers(-5, 20),
    n_words=st.integers(-5, 50),
)
@settings(max_examples=200, deadline=None)
@example(weights=[8.988465674311579e307, 8.98846567431158e307], concentration=None, n_documents=2, n_words=3)
@example(weights=[5e-324, 0.0], concentration=MIN_CONCENTRATION, n_documents=3, n_words=3)
@example(weights=[1e-300, 1.0], concentration=MIN_CONCENTRATION, n_documents=3, n_words=3)
@example(weights=[1.0, 1.0], concentration=MIN_CONCENTRATION / 2, n_documents=3, n_words=3)
def test_sampler_either_raises_value_error_or_returns_valid_documents(weights, concentration, n_documents, n_words):
    w = np.array(weights)
    valid = (
        np.all(np.isfinite(w)) and np.all(w >= 0) and w.max() > 0
        and (concentration is None or (np.isfinite(concentration) and MIN_CONCENTRATION <= concentration <= MAX_CONCENTRATION))
        and n_documents >= 0 and n_words >= 0
    )  # fmt: skip
    rng = np.random.default_rng(0)
    if not valid:
        with pytest.raises(ValueError):
            sample_documents(T2, n_documents, n_words, weights, rng, concentration)
        return
    docs = sample_documents(T2, n_documents, n_words, weights, rng, concentration)
    assert len(docs) == n_documents
    p = w / w.max()  # only zero or not matters here
    for doc in docs:
        assert len(doc.words) == n_words
        assert np.all(doc.mixing[p == 0] == 0) and doc.mixing.sum() == pytest.approx(1)
        assert np.all(p[doc.topics] > 0)
