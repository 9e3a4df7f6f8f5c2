"""Topic dice and documents: the sampler's contract, its statistics, its recipe and its checks.

Statistical tests use fixed seeds. Chi-square tests compare against the 0.999 quantile
of the chi-square distribution with the stated degrees of freedom (hard-coded from
tables; values from scipy.stats.chi2.ppf(0.999, df)); z-tests use 4 standard errors
(two-sided p = 6.3e-5). With a fixed seed each test is deterministic; these thresholds
say the seed was not cherry-picked to pass a wrong sampler.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mixgen_core.topics import (
    MAX_CONCENTRATION,
    MIN_CONCENTRATION,
    MAX_DOCUMENTS,
    MAX_TOPICS,
    MAX_TOTAL_WORDS,
    Document,
    Topic,
    _DiceTable,
    cumulative_probabilities,
    dirichlet_parameter,
    expected_word_counts,
    observed_word_counts,
    one_hot,
    roll_die,
    running_frequencies,
    sample_documents,
    shared_words,
    side_counts,
    vocabulary,
    word_probabilities,
    worksheet_topics,
)

# Upper 0.999 quantiles of chi-square(df).
CHI2_999 = {1: 10.828, 2: 13.816, 6: 22.458, 7: 24.322, 12: 32.909}
Z = 4.0  # standard errors allowed in z-tests (two-sided p = 6.3e-5)


def chi_square(observed: np.ndarray, expected: np.ndarray) -> float:
    keep = expected > 0
    assert observed[~keep].sum() == 0, "an outcome of probability 0 occurred"
    return float((((observed - expected) ** 2)[keep] / expected[keep]).sum())


def recipe(topic_list, D, W, topic_weights=None, seed=0, concentration=None):
    """The plain-numpy recipe from sample_documents' docstring, written out literally."""

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


def big_topics() -> list[Topic]:
    """Eight dice: long ones (many unsure lookup buckets), zero weights inside and at the ends."""
    g = np.random.default_rng(123)
    out = []
    for k in range(MAX_TOPICS):
        n = [200, 3, 1, 50, 7, 120, 2, 15][k]
        weights = g.random(n) ** 3
        if n > 3:
            weights[[0, n // 2, n - 1]] = 0.0
        words = [f"w{(k * 37 + j) % 260}" for j in range(n)]  # overlapping vocabularies
        out.append(Topic(f"topic {k}", words, weights))
    return out


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
    assert docs[-1].words[-1] in vocabulary(worksheet_topics())


# --- the lookup table equals searchsorted exactly --------------------------------------


def test_dice_table_equals_searchsorted_at_every_edge():
    topics = big_topics() + [Topic("coin", ["a", "b"]), Topic("tenth", ["x"] + [f"y{i}" for i in range(9)])]
    topics = topics[:MAX_TOPICS]
    cums = [cumulative_probabilities(t.probabilities) for t in topics]
    table = _DiceTable(cums, [np.arange(len(c)) + 1000 * k for k, c in enumerate(cums)])
    g = np.random.default_rng(5)
    below_one = np.nextafter(1.0, 0.0)
    for k, cum in enumerate(cums):
        # The hardest values: exactly on cumulative entries and bucket edges, just beside
        # them, 0 and the largest double below 1, plus ordinary random numbers.
        edges = np.concatenate([cum, np.arange(table.G) / table.G])
        v = np.concatenate(
            [edges, np.nextafter(edges, 0.0), np.nextafter(edges, 1.0), [0.0, below_one], g.random(5000)]
        )
        v = v[(v >= 0) & (v < 1)]
        sides, labels = table.roll(np.full(v.size, k), v)
        expected = np.searchsorted(cum, v, side="right")
        np.testing.assert_array_equal(sides, expected)
        np.testing.assert_array_equal(labels, expected + 1000 * k)


# --- statistics -----------------------------------------------------------------------


def test_topic_frequencies_chi_square():
    docs = sample_documents(worksheet_topics(), 200, 1000, (0.3, 0.7), np.random.default_rng(10))
    z = np.concatenate([d.topics for d in docs])
    observed = np.bincount(z, minlength=2)
    # 2 outcomes -> df = 1
    assert chi_square(observed, z.size * np.array([0.3, 0.7])) < CHI2_999[1]


def test_word_frequencies_chi_square_against_expected_counts():
    topics = [
        Topic("kids' birthday", ["balloon", "happy", "run", "merry", "cake", "jump", "pizza"], [1, 2, 3, 1, 4, 1, 2]),
        worksheet_topics()[1],
    ]
    docs = sample_documents(topics, 100, 2000, (0.25, 0.75), np.random.default_rng(11))
    vocab, expected = expected_word_counts(topics, (0.25, 0.75), 100 * 2000)
    observed = observed_word_counts(docs, vocab)
    assert observed.sum() == 200_000 and len(vocab) == 13
    # 13 vocabulary words -> df = 12
    assert chi_square(observed, expected) < CHI2_999[12]


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


def test_cumulative_probabilities_guards_the_last_entry():
    p = np.full(10, 0.1)
    assert np.cumsum(p)[-1] < 1  # the floating-point edge this guards against
    cum = cumulative_probabilities(p)
    assert cum[-1] == 1.0
    assert np.searchsorted(cum, np.nextafter(1.0, 0.0), side="right") == 9
    cum = cumulative_probabilities([0, 0.3, 0, 0.7, 0, 0])
    np.testing.assert_array_equal(cum, [0, 0.3, 0.3, 1, 1, 1])
    assert np.searchsorted(cum, np.nextafter(1.0, 0.0), side="right") == 3
    assert np.searchsorted(cum, 0.0, side="right") == 1
    assert np.all(np.diff(cumulative_probabilities([1e-20, 1, 1, 1, 1, 1, 1, 1e-20])) >= 0)


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


# --- vocabulary and counts ------------------------------------------------------------


def test_vocabulary_and_shared_words_of_the_worksheet():
    topics = worksheet_topics()
    vocab = vocabulary(topics)
    assert vocab == ["balloon", "happy", "run", "merry", "cake", "jump", "pizza",
                     "spider", "ring", "drums", "orc", "battle", "frodo"]  # fmt: skip
    assert shared_words(topics) == {"merry", "run"}
    assert shared_words(topics[:1]) == set()


def test_expected_counts_combine_shared_words_and_sum_to_total():
    topics = worksheet_topics()
    vocab, expected = expected_word_counts(topics, (0.5, 0.5), 1000)
    assert expected.sum() == pytest.approx(1000)
    merry = expected[vocab.index("merry")]
    assert merry == pytest.approx(1000 * (0.5 / 7 + 0.5 / 8))
    assert expected[vocab.index("frodo")] == pytest.approx(1000 * 0.5 / 8)
    _, default = expected_word_counts(topics, None, 1000)
    np.testing.assert_allclose(default, expected)
    _, probs = word_probabilities(topics, (1, 0))
    assert probs[vocab.index("frodo")] == 0 and probs.sum() == pytest.approx(1)


@given(
    weights=st.lists(st.floats(0, 100), min_size=2, max_size=2).filter(lambda w: sum(w) > 0),
    total=st.integers(0, MAX_TOTAL_WORDS),
)
@settings(max_examples=50, deadline=None)
def test_expected_counts_sum_to_total_property(weights, total):
    _, expected = expected_word_counts(worksheet_topics(), weights, total)
    assert expected.sum() == pytest.approx(total, rel=1e-9, abs=1e-9)
    assert np.all(expected >= 0)


def test_observed_word_counts():
    topics = worksheet_topics()
    docs = sample_documents(topics, 7, 30, rng=np.random.default_rng(19))
    vocab = vocabulary(topics)
    counts = observed_word_counts(docs, vocab)
    brute = [sum(d.words.count(word) for d in docs) for word in vocab]
    assert counts.tolist() == brute
    # Any order of the vocabulary, extra words allowed.
    other = ["zebra"] + vocab[::-1]
    assert observed_word_counts(docs, other).tolist() == [0] + brute[::-1]
    assert observed_word_counts([], vocab).tolist() == [0] * len(vocab)
    with pytest.raises(ValueError, match="not in the vocabulary"):
        observed_word_counts(docs, vocab[1:] if counts[0] else vocab[2:])
    with pytest.raises(ValueError, match="twice"):
        observed_word_counts(docs, vocab + ["run"])
    with pytest.raises(ValueError, match="Document"):
        observed_word_counts(["run run"], vocab)


# --- dice helpers ---------------------------------------------------------------------


def test_roll_die_frequencies_chi_square():
    p = np.array([1, 2, 3, 0, 4, 5, 6, 7]) / 28
    sides = roll_die(p, 100_000, np.random.default_rng(20))
    counts = side_counts(sides, 8)
    assert counts.sum() == 100_000 and counts[3] == 0
    # 7 sides of positive probability -> df = 6
    assert chi_square(counts, 100_000 * p) < CHI2_999[6]
    same = np.searchsorted(cumulative_probabilities(p), np.random.default_rng(20).random(100_000), side="right")
    np.testing.assert_array_equal(sides, same)


def test_roll_die_matches_worksheet_style_fair_die():
    # A fair 7-sided die, like the worksheet's prob1: df = 6
    counts = side_counts(roll_die([1] * 7, 70_000, np.random.default_rng(21)), 7)
    assert chi_square(counts, np.full(7, 10_000.0)) < CHI2_999[6]


def test_one_hot_is_the_worksheet_multinomial_outcome():
    v = one_hot(2, 7)
    assert v.tolist() == [0, 0, 1, 0, 0, 0, 0] and np.argmax(v) == 2
    m = one_hot([0, 6, 3], 7)
    assert m.shape == (3, 7) and m.sum(axis=1).tolist() == [1, 1, 1]
    assert np.argmax(m, axis=1).tolist() == [0, 6, 3]
    assert one_hot([], 4).shape == (0, 4)
    # Same shape and kind of outcome as numpy's multinomial(1, p)
    draw = np.random.default_rng(0).multinomial(1, [1 / 7] * 7)
    np.testing.assert_array_equal(one_hot(int(np.argmax(draw)), 7), draw)


def test_running_frequencies_equal_brute_force_and_approach_probabilities():
    p = np.array([0.5, 0.3, 0.2, 0.0])
    sides = roll_die(p, 20_000, np.random.default_rng(22))
    n, freqs = running_frequencies(sides, 4)
    assert n[0] == 1 and n[-1] == 20_000 and np.all(np.diff(n) > 0)
    for i in (0, 5, 50, len(n) - 1):
        np.testing.assert_allclose(freqs[i], np.bincount(sides[: n[i]], minlength=4) / n[i])
    # After 20000 rolls each frequency is within 4 SE = 4 sqrt(p (1 - p) / n) of p.
    assert np.all(np.abs(freqs[-1] - p) <= Z * np.sqrt(p * (1 - p) / 20_000))
    n, freqs = running_frequencies(sides[:10], 4, checkpoints=[1, 10])
    np.testing.assert_allclose(freqs[1], np.bincount(sides[:10], minlength=4) / 10)
    assert running_frequencies(sides[:50], 4)[0].tolist() == list(range(1, 51))
    assert running_frequencies([], 4)[1].shape == (0, 4)


# --- validation -----------------------------------------------------------------------

rng0 = np.random.default_rng(0)
T2 = worksheet_topics()


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(topics=[]), "at least one topic"),
        (dict(topics=T2 * 5), f"At most {MAX_TOPICS} topics"),
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
        (dict(n_documents=MAX_DOCUMENTS + 1), "at most"),
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


@given(st.lists(st.floats(allow_nan=True, allow_infinity=True), min_size=0, max_size=6), st.integers(-3, 30))
@settings(max_examples=200, deadline=None)
@example(probs=[8.988465674311579e307, 8.98846567431158e307], n_rolls=5)  # their sum overflows
def test_roll_die_validation_property(probs, n_rolls):
    p = np.array(probs, dtype=float)
    valid = p.size > 0 and np.all(np.isfinite(p)) and np.all(p >= 0) and p.max() > 0
    valid = valid and n_rolls >= 0
    if not valid:
        with pytest.raises(ValueError):
            roll_die(probs, n_rolls, np.random.default_rng(0))
        return
    sides = roll_die(probs, n_rolls, np.random.default_rng(0))
    assert sides.shape == (n_rolls,)
    assert np.all(p[sides] > 0)


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: one_hot(7, 7), "between 0 and 6"),
        (lambda: one_hot(-1, 7), "between 0 and 6"),
        (lambda: one_hot(1.5, 7), "whole numbers"),
        (lambda: one_hot(True, 7), "whole numbers"),
        (lambda: one_hot(0, 0), "at least 1"),
        (lambda: one_hot([[0]], 3), "flat list"),
        (lambda: one_hot(np.zeros(10**6, dtype=int), 2), "entries"),
        (lambda: side_counts([0, 3], 3), "between 0 and 2"),
        (lambda: side_counts([[0]], 3), "flat list"),
        (lambda: side_counts(["a"], 3), "whole numbers"),
        (lambda: running_frequencies([0, 1], 2, checkpoints=[0]), "between 1 and 2"),
        (lambda: running_frequencies([0, 1], 2, checkpoints=[3]), "between 1 and 2"),
        (lambda: running_frequencies([0, 1], 2, checkpoints=[1.5]), "whole numbers"),
        (lambda: roll_die([0.5, 0.5], -1, np.random.default_rng(0)), "at least 0"),
        (lambda: roll_die([0.5, 0.5], MAX_TOTAL_WORDS + 1, np.random.default_rng(0)), "at most"),
        (lambda: roll_die([0.5, 0.5], 3, 0), "Generator"),
        (lambda: roll_die([], 3, np.random.default_rng(0)), "empty"),
        (lambda: cumulative_probabilities([0, 0]), "not all be zero"),
        (lambda: expected_word_counts(T2, (1, -1), 10), "negative"),
        (lambda: expected_word_counts(T2, None, -1), "at least 0"),
        (lambda: expected_word_counts([], None, 10), "at least one topic"),
        (lambda: vocabulary([]), "at least one topic"),
        (lambda: shared_words(["run"]), "must be a Topic"),
        (lambda: observed_word_counts([], "run"), "not a single string"),
    ],
)
def test_helper_validation(call, message):
    with pytest.raises(ValueError, match=message):
        call()


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(words=[]), "no words"),
        (dict(words="run"), "not a single string"),
        (dict(words=["run", "run"]), "twice"),
        (dict(words=["run", ""]), "non-empty"),
        (dict(words=["run", 3]), "non-empty"),
        (dict(words=["a", "b"], weights=[1, -1]), "negative"),
        (dict(words=["a", "b"], weights=[0, 0]), "not all be zero"),
        (dict(words=["a", "b"], weights=[1, 2, 3]), "shape"),
        (dict(words=["a"], name="x" * 101), "at most 100"),
    ],
)
def test_topic_validation(kwargs, message):
    args = dict(name="t", words=["run"])
    args.update(kwargs)
    with pytest.raises(ValueError, match=message):
        Topic(**args)


def test_huge_word_weights_are_normalised_without_overflow():
    t = Topic("huge", ["a", "b", "c"], [1.5e308, 1.5e308, 0.0])
    np.testing.assert_array_equal(t.probabilities, [0.5, 0.5, 0.0])
