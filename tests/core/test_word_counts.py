"""Word counts: the vocabulary of the dice, expected counts, and counts of drawn documents."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mixgen_core.dice import Topic, worksheet_topics
from mixgen_core.documents import sample_documents
from mixgen_core.limits import MAX_TOTAL_WORDS
from mixgen_core.word_counts import (
    expected_word_counts,
    observed_word_counts,
    shared_words,
    vocabulary,
    word_probabilities,
)
from tests.core.test_dice import chi_square

# Upper 0.999 quantile of chi-square(12) (scipy.stats.chi2.ppf(0.999, 12)).
CHI2_999_12 = 32.909
T2 = worksheet_topics()


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
    assert chi_square(observed, expected) < CHI2_999_12


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


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: expected_word_counts(T2, (1, -1), 10), "negative"),
        (lambda: expected_word_counts(T2, None, -1), "at least 0"),
        (lambda: expected_word_counts([], None, 10), "between 1 and 8 topics"),
        (lambda: vocabulary([]), "between 1 and 8 topics"),
        (lambda: shared_words(["run"]), "must be a Topic"),
        (lambda: observed_word_counts([], "run"), "not a single string"),
        # These raised TypeError before the shared list check.
        (lambda: observed_word_counts(5, ["run"]), "list of documents"),
        (lambda: observed_word_counts([], [["run"]]), "each must be text"),
    ],
)
def test_helper_validation(call, message):
    with pytest.raises(ValueError, match=message):
        call()
