"""Reasoning back with known topics: Bayes' rule per word, and EM for a document's mixing weights."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mixgen_core.dice import Topic, worksheet_topics
from mixgen_core.word_origins import estimate_mixing_weights, word_posteriors


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
        (worksheet_topics()[0], ["cake"], None, "not a single one"),
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


def _log_likelihood(topics: list[Topic], doc: list[str], weights: np.ndarray) -> float:
    """log P(document | weights), word by word: sum_i log sum_k weights_k P(word_i | topic k)."""
    table = np.array([[dict(zip(t.words, t.probabilities)).get(w, 0.0) for t in topics] for w in doc])
    return float(np.log(table @ weights).sum())


@settings(max_examples=40, deadline=None)
@given(topics_words_weights(), st.integers(31, 199))
def test_em_never_lowers_the_likelihood(case, late):
    topics, doc, _ = case
    # EM starts from uniform weights, so max_iter=i stops it after exactly i iterations
    # (tol=1e-300: only a fixed point stops it earlier, and then nothing changes anyway).
    # Every step of the first 30, and one later step, drawn by hypothesis.
    k = len(topics)
    history = [np.full(k, 1 / k)] + [
        estimate_mixing_weights(topics, doc, max_iter=i, tol=1e-300) for i in [*range(1, 31), late, late + 1]
    ]
    ll = np.array([_log_likelihood(topics, doc, w) for w in history])
    # EM's monotonicity, up to rounding of sums of ~30 logs (1e-12 relative).
    assert np.all(np.diff(ll) >= -1e-12 * np.abs(ll[:-1]) - 1e-12)
    for weights in history:
        assert np.all(weights >= 0)
        np.testing.assert_allclose(weights.sum(), 1.0, rtol=1e-12)
    # The first iteration starts from uniform weights: one M-step from them.
    post = word_posteriors(topics, doc)
    np.testing.assert_allclose(history[1], post.mean(axis=0), rtol=1e-12)


# ----------------------------------------------------------------------------- step 1: EM weights
def test_em_unambiguous_words_give_word_fractions():
    doc = ["cake"] * 6 + ["pizza"] * 3 + ["orc"] * 3 + ["frodo"] * 4
    # Every word has a certain origin, so one M-step lands on the fractions 9/16 and 7/16,
    # and the next confirms no change.
    np.testing.assert_allclose(estimate_mixing_weights(worksheet_topics(), doc, max_iter=1), [9 / 16, 7 / 16],
                               rtol=1e-14)
    np.testing.assert_allclose(estimate_mixing_weights(worksheet_topics(), doc), [9 / 16, 7 / 16], rtol=1e-14)


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


def test_em_returns_plain_weights():
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
