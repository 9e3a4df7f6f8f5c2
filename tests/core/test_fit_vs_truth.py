"""A fit against the truth: matching fitted items to true ones, and comparing their labels."""

from __future__ import annotations

import numpy as np
import pytest

from mixgen_core.dice import worksheet_topics
from mixgen_core.fit_vs_truth import (
    FitComparison,
    align_components,
    align_topics,
    best_permutation,
    compare_gaussian_fit,
    compare_labels,
    compare_topic_fit,
    relabel,
    topic_distances,
    topics_on_vocabulary,
)
from mixgen_core.limits import MAX_ALIGN

# The worksheet's three Gaussians' means.
TRUE_MEANS = np.array([(1.0, 1.0), (5.0, 2.0), (1.0, 4.0)])


# --- matching -------------------------------------------------------------------------------
def test_best_permutation_minimises_the_total_cost():
    cost = np.array([[4.0, 1.0, 3.0], [2.0, 0.0, 5.0], [3.0, 2.0, 2.0]])
    # Greedy would give row 1 its 0 and leave row 0 worse off: 4 + 0 + 2 = 6 > 1 + 2 + 2 = 5.
    assert best_permutation(cost).tolist() == [1, 0, 2]
    assert best_permutation(cost[:, 1:]).tolist() == [-1, 0, 1]  # fewer fitted: one true left over
    assert best_permutation(cost[:2]).tolist() == [1, 0]  # more fitted: one fitted left over
    with pytest.raises(ValueError, match=f"between 1 and {MAX_ALIGN}"):
        best_permutation(np.zeros((MAX_ALIGN + 1, 2)))
    with pytest.raises(ValueError, match=f"between 1 and {MAX_ALIGN}"):
        best_permutation(np.zeros((0, 0)))


def test_alignment_recovers_a_permutation_and_handles_different_counts():
    perm = np.array([2, 0, 1])
    fitted = TRUE_MEANS[perm] + 0.01
    match = align_components(TRUE_MEANS, fitted)
    np.testing.assert_array_equal(fitted[match], TRUE_MEANS + 0.01)
    assert list(align_components(TRUE_MEANS, fitted[:2])) == [1, -1, 0]  # (1, 1) unmatched
    extra = np.vstack([fitted, [[9.0, 9.0]]])
    np.testing.assert_array_equal(align_components(TRUE_MEANS, extra), match)
    # relabelled hard assignments compare directly with true labels
    assert list(relabel(np.array([0, 1, 2, 3]), match)) == [2, 0, 1, -1]
    cmp = compare_gaussian_fit(TRUE_MEANS, np.array([2, 0, 1, 0]), extra, np.array([0, 1, 2, 3]))
    assert cmp.agreement == 0.75 and cmp.wrong.tolist() == [False, False, False, True]
    assert cmp.numbers.tolist() == [2, 0, 1, 3]  # the unmatched fourth is shown as a fourth colour


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


def test_relabel_maps_fitted_numbers_to_true_ones():
    match = np.array([1, -1, 0])  # true 0 <- fitted 1, true 1 unmatched, true 2 <- fitted 0
    assert relabel(np.array([0, 1, 1, 0]), match).tolist() == [2, 0, 0, 2]
    assert relabel(np.array([2]), match).tolist() == [-1]  # a fitted number no true one matches
    assert relabel(np.array([], dtype=int), match).tolist() == []
    with pytest.raises(ValueError, match="must not be negative"):
        relabel(np.array([-1]), match)


# --- comparing labels -------------------------------------------------------------------------
# Two true items, three fitted: fitted 2 is closest to true 0, fitted 0 to true 1, fitted 1
# to neither.
COST = np.array([[5.0, 4.0, 0.0], [0.0, 3.0, 6.0]])


def test_unmatched_fitted_items_are_numbered_after_the_true_ones():
    cmp = compare_labels(COST, np.array([0, 1]), np.array([2, 0]))
    assert cmp.match.tolist() == [2, 0]
    assert cmp.numbers.tolist() == [1, 2, 0]  # fitted 1 matches no true item: shown as number 2
    five = np.array([[0.0, 9, 9, 9, 9], [9, 9, 9, 9, 0.0]])  # fitted 1, 2 and 3 left over
    assert compare_labels(five, np.array([0]), np.array([2])).numbers.tolist() == [0, 2, 3, 4, 1]


def test_wrong_and_agreement():
    true = np.array([0, 0, 1, 1, 1])
    fitted = np.array([2, 0, 0, 1, 0])  # in true numbers: 0, 1, 1, 2, 1
    cmp = compare_labels(COST, true, fitted)
    assert cmp.labels.tolist() == [0, 1, 1, 2, 1]
    assert cmp.wrong.tolist() == [False, True, False, True, False]
    assert cmp.agreement == pytest.approx(3 / 5)
    perfect = compare_labels(COST, np.array([0, 1]), np.array([2, 0]))
    assert perfect.agreement == 1.0 and not perfect.wrong.any()


def test_no_items_agree_completely():
    cmp = compare_labels(COST, np.array([], dtype=int), np.array([], dtype=int))
    assert cmp.agreement == 1.0
    assert cmp.labels.shape == cmp.wrong.shape == (0,)


@pytest.mark.parametrize(
    "true, fitted, message",
    [
        ([0, 2], [0, 1], "Each true label must be between 0 and 1"),
        ([0, -1], [0, 1], "Each true label must be between 0 and 1"),
        ([0, 1], [0, 3], "Each fitted label must be between 0 and 2"),
        ([0, 1], [0], "one true label per fitted label"),
        ([0.5, 1], [0, 1], "true labels must be a 1-D array of whole numbers"),
        ([0, 1], [[0, 1]], "fitted labels must be a 1-D array of whole numbers"),
    ],
)
def test_label_errors(true, fitted, message):
    with pytest.raises(ValueError, match=message):
        compare_labels(COST, np.array(true), np.array(fitted))


def test_compare_gaussian_fit_matches_by_closest_means():
    fitted_means = np.array([[5.1, 2.0], [1.0, 4.1], [1.1, 1.0]])  # true 1, 2, 0
    true_labels = np.array([0, 1, 2, 2])
    cmp = compare_gaussian_fit(TRUE_MEANS, true_labels, fitted_means, np.array([2, 0, 1, 0]))
    assert cmp.match.tolist() == [2, 0, 1]
    assert cmp.labels.tolist() == [0, 1, 2, 1] and cmp.agreement == 0.75


def test_compare_topic_fit_matches_by_smallest_l1_distance():
    truth = topics_on_vocabulary(worksheet_topics(), ("cake", "orc", "merry"))
    fitted = truth[::-1] / truth[::-1].sum(axis=1, keepdims=True)  # the same dice, swapped
    cmp = compare_topic_fit(truth, np.array([0, 1, 1]), fitted, np.array([1, 0, 1]))
    assert cmp.match.tolist() == [1, 0]
    assert cmp.labels.tolist() == [0, 1, 0] and cmp.wrong.tolist() == [False, False, True]


def test_in_shown_order_reorders_columns_zeroes_unmatched_true_items_and_keeps_extra_fitted_ones():
    cmp = compare_labels(COST, np.array([0]), np.array([2]))  # 2 true, 3 fitted: match [2, 0]
    columns = np.array([[0.1, 0.2, 0.7], [0.5, 0.5, 0.0]])  # (D, K_fit)
    # True items' columns first, then fitted item 1, matched to none: every row still adds up.
    np.testing.assert_array_equal(cmp.in_shown_order(columns), [[0.7, 0.1, 0.2], [0.0, 0.5, 0.5]])
    fewer = compare_labels(COST.T, np.array([2]), np.array([0]))  # 3 true, 2 fitted
    assert fewer.match.tolist() == [1, -1, 0]
    np.testing.assert_array_equal(fewer.in_shown_order(np.array([[0.25, 0.75]])), [[0.75, 0.0, 0.25]])
    assert isinstance(fewer, FitComparison)
