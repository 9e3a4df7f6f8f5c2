"""choose_topic_count: held-out document completion picks the number of topics the words support."""

import numpy as np
import pytest

from mixgen_core import choose_topic_count
from mixgen_core.special import digamma
from mixgen_core.topic_count import _fold_in, _ratio_errors


def lda_documents(n_docs, n_topics, n_vocab, n_words, seed, alpha=0.3, eta=0.05):
    """Documents from latent Dirichlet allocation's generative story, as lists of words."""
    rng = np.random.default_rng(seed)
    beta = rng.dirichlet(np.full(n_vocab, eta), size=n_topics)
    docs = []
    for _ in range(n_docs):
        theta = rng.dirichlet(np.full(n_topics, alpha))
        z = rng.choice(n_topics, size=n_words, p=theta)
        docs.append([f"w{rng.choice(n_vocab, p=beta[k])}" for k in z])
    return docs


def test_picks_the_true_number_on_generated_corpora():
    # Not one corpus of these seeds was looked at before this test was written; a wrong pick
    # on one of four is allowed (the method is statistical), two would say it is broken.
    right = 0
    for i, seed in enumerate(range(1000, 1004)):
        k = 2 + i
        docs = lda_documents(200, k, 80, 50, seed)
        c = choose_topic_count(docs, candidates=range(1, 7), rng=np.random.default_rng(seed))
        right += c.best == k
    assert right >= 3


def test_curve_and_the_one_standard_error_rule():
    docs = lda_documents(120, 3, 60, 40, 7)
    c = choose_topic_count(docs, candidates=[4, 1, 2, 3], rng=np.random.default_rng(1))
    np.testing.assert_array_equal(c.candidates, [1, 2, 3, 4])
    for arr in (c.scores, c.standard_errors, c.gap_errors):
        assert arr.shape == (4,) and np.all(np.isfinite(arr))
    top = int(np.argmax(c.scores))
    assert c.top == c.candidates[top] and c.gap_errors[top] == 0
    within = c.scores >= c.scores[top] - c.gap_errors
    assert c.best == c.candidates[np.flatnonzero(within)[0]]
    assert np.all(c.scores < 0)  # log probabilities of words
    assert c.n_held_out == 24 and c.n_train == 96 and 0 < c.n_scored_words <= 24 * 20
    again = choose_topic_count(docs, candidates=[4, 1, 2, 3], rng=np.random.default_rng(1))
    np.testing.assert_array_equal(again.scores, c.scores)


def test_two_disjoint_vocabularies_make_two_topics():
    rng = np.random.default_rng(0)
    a, b = [f"a{i}" for i in range(12)], [f"b{i}" for i in range(12)]
    docs = [list(rng.choice(a if d % 2 else b, size=20)) for d in range(40)]
    c = choose_topic_count(docs, candidates=range(1, 5), rng=np.random.default_rng(0))
    assert c.best == 2
    # one topic must spread each word over 24 sides; two give each document its own 12
    assert c.scores[1] - c.scores[0] == pytest.approx(np.log(2), abs=0.15)


def test_fold_in_reaches_the_variational_fixed_point():
    rng = np.random.default_rng(2)
    phi = rng.dirichlet(np.ones(10), size=3)
    words = rng.integers(0, 10, size=30)
    docs = np.repeat([0, 1, 2], 10)
    theta = _fold_in(phi, 0.5, words, docs, 4)
    assert theta.shape == (4, 3)
    np.testing.assert_allclose(theta[3], 1 / 3)  # no words: the prior's mean
    for d in range(3):  # one document alone, by a plain loop
        w = words[docs == d]
        gamma = np.full(3, 0.5 + 10 / 3)
        for _ in range(2000):
            r = phi[:, w].T * np.exp(digamma(gamma) - digamma(gamma.sum()))
            gamma = 0.5 + (r / r.sum(axis=1, keepdims=True)).sum(axis=0)
        np.testing.assert_allclose(theta[d], gamma / gamma.sum(), atol=1e-5)


def test_ratio_errors_match_the_textbook_formula():
    ll = np.array([[-10.0, -25.0, -7.0, -30.0]])
    n = np.array([5, 10, 3, 12])
    r = ll.sum() / n.sum()
    want = np.sqrt(4 / 3 * ((ll[0] - r * n) ** 2).sum()) / n.sum()
    assert _ratio_errors(ll, n)[0] == pytest.approx(want)


DOCS = [["a", "b", "c", "d"]] * 10


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"candidates": [0, 1]}, "from 1 to 8"),
        ({"candidates": [9]}, "from 1 to 8"),
        ({"candidates": [2, 2]}, "only once"),
        ({"candidates": ["2"]}, "whole number"),
        ({"candidates": []}, "between 1 and 8"),
        ({"candidates": [5]}, "too few for 5 topics"),
        ({"rng": 3}, "Generator"),
    ],
)
def test_bad_settings_are_refused(kwargs, message):
    args = {"candidates": [1, 2], "rng": np.random.default_rng(0)} | kwargs
    with pytest.raises(ValueError, match=message):
        choose_topic_count(DOCS, **args)


@pytest.mark.parametrize(
    "docs, message",
    [
        ([["a", "b"]] * 6, "at least 7 documents"),
        ([["a"]] * 20, "with at least 2 words"),
        ("a b c", "list"),
        ([["a", 3]] * 10, "word"),
    ],
)
def test_bad_documents_are_refused(docs, message):
    with pytest.raises(ValueError, match=message):
        choose_topic_count(docs, candidates=[1], rng=np.random.default_rng(0))
