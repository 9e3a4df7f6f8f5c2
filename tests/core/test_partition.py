"""Scoring a guessed partition: the Hungarian solver against scipy, the adjusted Rand index
against scikit-learn, accuracy against brute force, invariances, and every refused input."""

from __future__ import annotations

import dataclasses
from itertools import permutations

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from scipy.optimize import linear_sum_assignment as scipy_lsa
from sklearn.metrics import adjusted_rand_score

from mixgen_core import PartitionScore, score_partition
from mixgen_core.assignment import MAX_SIDE, linear_sum_assignment
from mixgen_core.partition import MAX_GROUPS, MAX_ITEMS


# --------------------------------------------------------------------------- helpers
def singletons_for_unassigned(guess) -> np.ndarray:
    """The documented -1 rule for sklearn: each unassigned item gets a fresh label of its own."""
    guess = np.array(guess, dtype=np.int64)
    free = guess == -1
    guess[free] = guess.max(initial=0) + 1 + np.arange(int(free.sum()))
    return guess


def brute_force_correct(true, guess) -> int:
    """Most items in their right group over every one-to-one matching (tiny cases only)."""
    true, guess = np.asarray(true), np.asarray(guess)
    t_names = np.unique(true)
    g_names = np.unique(guess[guess != -1])
    k = max(len(t_names), len(g_names))
    table = np.zeros((k, k), dtype=int)  # padding rows/columns: "matched to nothing"
    for t, g in zip(true, guess):
        if g != -1:
            table[np.searchsorted(t_names, t), np.searchsorted(g_names, g)] += 1
    return max(int(table[np.arange(k), list(p)].sum()) for p in permutations(range(k)))


def assert_plain_sentence(message: str) -> None:
    assert message.endswith(".") and len(message) < 300, message
    first = message.split()[0]
    assert message[0].isupper() or first in {"true_labels", "guessed_labels", "cost"}, message


def assert_consistent(s: PartitionScore, true, guess) -> None:
    """Everything a score says agrees with itself and with the input."""
    true, guess = np.asarray(true), np.asarray(guess)
    n = len(true)
    assert s.correct.shape == s.relabelled.shape == (n,) and s.correct.dtype == bool
    assert set(s.matching) == set(np.unique(guess[guess != -1]).tolist())
    matched = [t for t in s.matching.values() if t != -1]
    assert len(matched) == len(set(matched)) and set(matched) <= set(true.tolist())  # one-to-one
    expected = np.array([s.matching.get(int(g), -1) if g != -1 else -1 for g in guess])
    np.testing.assert_array_equal(s.relabelled, expected)
    np.testing.assert_array_equal(s.correct, s.relabelled == true)
    assert s.n_correct == int(s.correct.sum()) and s.accuracy == s.n_correct / n
    assert 0.0 <= s.accuracy <= 1.0 and -1.0 <= s.adjusted_rand <= 1.0
    assert not s.correct[guess == -1].any()
    for g, t in s.matching.items():  # a reported match always shares an item
        assert t == -1 or np.any((guess == g) & (true == t))


# Small partitions: n items, labels from a few arbitrary names, some guesses unassigned.
@st.composite
def partitions(draw, max_n=30, max_groups=6, unassigned=True):
    n = draw(st.integers(1, max_n))
    t_names = draw(st.lists(st.integers(0, 10**6), min_size=1, max_size=max_groups, unique=True))
    g_names = draw(st.lists(st.integers(0, 10**6), min_size=1, max_size=max_groups, unique=True))
    g_pool = g_names + ([-1] if unassigned else [])
    true = draw(st.lists(st.sampled_from(t_names), min_size=n, max_size=n))
    guess = draw(st.lists(st.sampled_from(g_pool), min_size=n, max_size=n))
    return np.array(true), np.array(guess)


# --------------------------------------------------------------------------- the solver
def check_assignment(cost, maximize):
    rows, cols = linear_sum_assignment(cost, maximize=maximize)
    ref_rows, ref_cols = scipy_lsa(cost, maximize=maximize)
    r, c = np.shape(cost)
    assert len(rows) == len(cols) == min(r, c)
    assert np.all(np.diff(rows) > 0) and len(set(cols.tolist())) == len(cols)
    assert rows.min(initial=0) >= 0 and rows.max(initial=0) < max(r, 1) and cols.max(initial=0) < max(c, 1)
    ours, theirs = cost[rows, cols].sum(), cost[ref_rows, ref_cols].sum()
    assert ours == pytest.approx(theirs, rel=1e-12, abs=1e-9)
    again = linear_sum_assignment(cost, maximize=maximize)  # deterministic
    np.testing.assert_array_equal(again[1], cols)


@settings(max_examples=150, deadline=None)
@given(
    shape=st.tuples(st.integers(1, 9), st.integers(1, 9)),
    kind=st.sampled_from(["ties", "uniform", "wide"]),
    maximize=st.booleans(),
    seed=st.integers(0, 2**32 - 1),
)
def test_solver_matches_scipy_on_random_rectangles(shape, kind, maximize, seed):
    rng = np.random.default_rng(seed)
    cost = {
        "ties": lambda: rng.integers(0, 3, shape).astype(float),  # many optimal pairings
        "uniform": lambda: rng.random(shape),
        "wide": lambda: rng.normal(size=shape) * 10.0 ** rng.integers(-3, 6),
    }[kind]()
    check_assignment(cost, maximize)


@pytest.mark.parametrize("shape", [(40, 70), (70, 40), (120, 120), (1, 50), (50, 1)])
def test_solver_matches_scipy_on_larger_rectangles(shape):
    rng = np.random.default_rng(sum(shape))
    check_assignment(rng.random(shape), maximize=False)
    check_assignment(rng.integers(0, 5, shape).astype(float), maximize=True)


def test_solver_handles_huge_costs_and_empty_sides():
    cost = np.array([[1e308, -1e308, 0.0], [-1e308, 1e308, 5.0]])
    rows, cols = linear_sum_assignment(cost)
    assert rows.tolist() == [0, 1] and cols.tolist() == [1, 0]
    for shape in [(0, 3), (3, 0), (0, 0)]:
        rows, cols = linear_sum_assignment(np.zeros(shape))
        assert rows.size == cols.size == 0


@pytest.mark.parametrize("cost", [
    [1.0, 2.0], [[1.0, np.nan]], [[np.inf, 0.0]], [["a", "b"]], [[1, 2], [3]], np.zeros((2, 2, 2)),
    np.zeros((MAX_SIDE + 1, 2)),
])
def test_solver_refuses_bad_costs(cost):
    with pytest.raises(ValueError) as err:
        linear_sum_assignment(cost)
    assert_plain_sentence(str(err.value))


# --------------------------------------------------------------------------- against oracles
@settings(max_examples=200, deadline=None)
@given(partitions(max_n=60, max_groups=12))
def test_adjusted_rand_matches_sklearn(pair):
    true, guess = pair
    s = score_partition(true, guess)
    assert s.adjusted_rand == pytest.approx(adjusted_rand_score(true, singletons_for_unassigned(guess)),
                                            rel=1e-12, abs=1e-12)
    assert_consistent(s, true, guess)


@pytest.mark.parametrize("seed", range(3))
def test_adjusted_rand_matches_sklearn_on_a_million_items_without_overflow(seed):
    rng = np.random.default_rng(seed)
    n = 10**6
    true = rng.integers(0, [1, 2, 8][seed], n)  # one group: the largest pair counts (~5e11)
    guess = np.where(rng.random(n) < 0.7, true, rng.integers(-1, 5, n))
    s = score_partition(true, guess)
    assert s.adjusted_rand == pytest.approx(adjusted_rand_score(true, singletons_for_unassigned(guess)),
                                            rel=1e-12, abs=1e-12)


@settings(max_examples=200, deadline=None)
@given(partitions(max_n=14, max_groups=5))
def test_accuracy_and_matching_match_brute_force(pair):
    true, guess = pair
    s = score_partition(true, guess)
    assert s.n_correct == brute_force_correct(true, guess)
    assert_consistent(s, true, guess)


def test_many_groups_use_the_hungarian_method_not_permutations():
    rng = np.random.default_rng(5)
    true = np.arange(MAX_GROUPS)
    names = rng.permutation(10**6)[:MAX_GROUPS]  # 1000 groups renamed at random
    s = score_partition(true, names[true])
    assert s.accuracy == 1.0 and s.adjusted_rand == 1.0
    assert s.matching == {int(names[t]): int(t) for t in true}
    # 200 groups renamed g = 7 t + 3 (mod 200), 20% of items moved at random: each guessed
    # group keeps ~80 of its ~100 items, so the renaming is the best matching by far.
    true = rng.integers(0, 200, 20_000)
    guess = np.where(rng.random(20_000) < 0.8, (true * 7 + 3) % 200, rng.integers(0, 200, 20_000))
    s = score_partition(true, guess)
    assert s.matching == {g: ((g - 3) * 143) % 200 for g in range(200)}  # 143 = 1/7 (mod 200)
    assert s.n_correct == int(np.sum(((guess - 3) * 143) % 200 == true))


# --------------------------------------------------------------------------- properties
@settings(max_examples=150, deadline=None)
@given(partitions(), st.data())
def test_renaming_groups_changes_no_score(pair, data):
    true, guess = pair
    s = score_partition(true, guess)
    t_names, g_names = np.unique(true), np.unique(guess[guess != -1])
    new_t = data.draw(st.lists(st.integers(0, 2**40), min_size=len(t_names), max_size=len(t_names), unique=True))
    new_g = data.draw(st.lists(st.integers(0, 2**40), min_size=len(g_names), max_size=len(g_names), unique=True))
    true2 = np.array(new_t)[np.searchsorted(t_names, true)]
    guess2 = np.where(guess == -1, -1, np.array(new_g + [0])[np.searchsorted(g_names, guess)])
    s2 = score_partition(true2, guess2)
    assert (s2.accuracy, s2.adjusted_rand, s2.n_correct) == (s.accuracy, s.adjusted_rand, s.n_correct)
    assert_consistent(s2, true2, guess2)


@settings(max_examples=100, deadline=None)
@given(partitions(unassigned=False), st.data())
def test_a_perfect_guess_under_any_names_scores_one(pair, data):
    true, _ = pair
    t_names = np.unique(true)
    names = data.draw(st.lists(st.integers(0, 10**9), min_size=len(t_names), max_size=len(t_names), unique=True))
    guess = np.array(names)[np.searchsorted(t_names, true)]
    s = score_partition(true, guess)
    assert s.accuracy == 1.0 and s.adjusted_rand == 1.0 and s.correct.all()
    assert s.matching == {int(g): int(t) for g, t in zip(names, t_names)}
    np.testing.assert_array_equal(s.relabelled, true)


@settings(max_examples=100, deadline=None)
@given(partitions(unassigned=False), st.data())
def test_unassigning_items_makes_them_wrong_and_never_helps(pair, data):
    true, guess = pair
    drop = np.array(data.draw(st.lists(st.booleans(), min_size=len(true), max_size=len(true))))
    before = score_partition(true, guess)
    after = score_partition(true, np.where(drop, -1, guess))
    assert not after.correct[drop].any() and np.all(after.relabelled[drop] == -1)
    assert after.n_correct <= before.n_correct


@settings(max_examples=100, deadline=None)
@given(partitions(unassigned=False))
def test_more_or_fewer_guessed_groups(pair):
    true, guess = pair
    s = score_partition(true, guess)
    k_true, k_guess = len(np.unique(true)), len(np.unique(guess))
    n_matched = sum(t != -1 for t in s.matching.values())
    assert n_matched <= min(k_true, k_guess)
    assert list(s.matching.values()).count(-1) >= k_guess - k_true
    # at least the single biggest overlap is right; at most every group's biggest overlap
    table = np.array([[np.sum((true == t) & (guess == g)) for g in np.unique(guess)] for t in np.unique(true)])
    assert table.max() <= s.n_correct <= min(table.max(axis=0).sum(), table.max(axis=1).sum())


def test_worked_examples():
    # a group split in two: the smaller half is wrong
    s = score_partition([0] * 6 + [1] * 4, [5, 5, 5, 5, 6, 6, 7, 7, 7, 7])
    assert s.accuracy == 0.8 and s.matching == {5: 0, 6: -1, 7: 1}
    # two groups merged: the smaller one is wrong
    s = score_partition([0] * 6 + [1] * 4, [9] * 10)
    assert s.accuracy == 0.6 and s.matching == {9: 0} and s.adjusted_rand == 0.0
    # labels need not be 0..K-1; a swap of names is perfect
    s = score_partition([3, 3, 10, 10], [10, 10, 3, 3])
    assert s.accuracy == 1.0 and s.adjusted_rand == 1.0 and s.matching == {3: 10, 10: 3}
    # everything unassigned: nothing right; for pairs, each item is its own group
    s = score_partition([0, 0, 1], [-1, -1, -1])
    assert s.accuracy == 0.0 and s.matching == {} and not s.correct.any()
    assert s.adjusted_rand == adjusted_rand_score([0, 0, 1], [0, 1, 2]) == 0.0
    # degenerate cases as in scikit-learn: one item; all singletons on both sides
    assert score_partition([4], [-1]).adjusted_rand == 1.0
    assert score_partition([0, 1, 2], [-1, -1, -1]).adjusted_rand == 1.0
    assert score_partition([0, 1, 2], [-1, -1, -1]).accuracy == 0.0
    # a guessed group with no item in common with any true group left to it is unmatched
    s = score_partition([0, 0, 1], [5, 6, -1])
    assert s.matching == {5: 0, 6: -1} and s.n_correct == 1


def test_ties_prefer_the_same_names_and_are_deterministic():
    assert score_partition([0, 1], [1, 1]).matching == {1: 1}
    assert score_partition([0, 1], [0, 0]).matching == {0: 0}
    rng = np.random.default_rng(0)
    true, guess = rng.integers(0, 4, 40), rng.integers(0, 4, 40)
    first = score_partition(true, guess)
    assert all(score_partition(true, guess).matching == first.matching for _ in range(3))


def test_whole_number_floats_are_labels():
    ints = score_partition([0, 0, 3, 3], [1, -1, 2, 2])
    floats = score_partition(np.array([0.0, 0.0, 3.0, 3.0]), [1.0, -1.0, 2.0, 2.0])
    assert (floats.accuracy, floats.adjusted_rand, floats.matching) == (ints.accuracy, ints.adjusted_rand,
                                                                       ints.matching)
    assert all(type(k) is int and type(v) is int for k, v in floats.matching.items())
    assert score_partition(np.array([0, 1], dtype=np.uint8), np.array([1, 0], dtype=np.int16)).accuracy == 1.0


def test_the_score_cannot_be_changed():
    s = score_partition([0, 1, 1], [1, 0, 0])
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.accuracy = 0.5
    with pytest.raises(ValueError):
        s.correct[0] = False
    with pytest.raises(ValueError):
        s.relabelled[0] = 7


def test_a_random_guess_has_adjusted_rand_near_zero():
    # Under independence (and the permutation model it conditions to) E[ARI] = 0. Its
    # standard error, from Pearson's chi-square (df (Kt-1)(Kg-1)) after linearising the
    # index, is 2 sqrt(2 (Kt-1)(Kg-1)) / (n (Kt + Kg - 2)); checked against 1,500
    # simulations at n = 3,000 (ratio of spreads 0.95 to 1.03).
    rng = np.random.default_rng(2024)
    n, k_true, k_guess = 500_000, 4, 6
    s = score_partition(rng.integers(0, k_true, n), rng.integers(0, k_guess, n))
    se = 2 * np.sqrt(2 * (k_true - 1) * (k_guess - 1)) / (n * (k_true + k_guess - 2))
    assert abs(s.adjusted_rand) < 4 * se
    assert abs(s.accuracy - 1 / k_guess) < 0.01  # the best matching of 4 out of 6 random groups


# --------------------------------------------------------------------------- refused input
BAD = [
    ([], [], "empty"),
    ([0, 1, 2], [0, 1], "one label per item"),
    ([0, 1], [0, 1.5], "whole numbers"),
    ([0.5, 1], [0, 1], "whole numbers"),
    ([0, 1], [0, np.nan], "NaN"),
    ([0, np.inf], [0, 1], "whole numbers"),
    (["a", "b"], [0, 1], "text"),
    ([0, 1], ["0", "1"], "text"),
    ([True, False], [0, 1], "True or False"),
    ([0, 1], [0, True], "True or False"),
    (np.array([0, 1]), np.array([True, False]), "True or False"),
    ([[0, 1], [1, 0]], [0, 1], "flat list"),
    ([0, 1], [[0], [1, 2]], "flat list"),
    (5, [0], "flat list"),
    ([0, None], [0, 1], "whole numbers"),
    ([0, 2**70], [0, 1], "whole numbers"),
    ([0, 1e300], [0, 1], "too large"),
    ([0, 1j], [0, 1], "whole numbers"),
    ([0, -1], [0, 1], "not be negative"),
    ([0, 1], [0, -2], "-1"),
    (np.arange(MAX_GROUPS + 1), np.zeros(MAX_GROUPS + 1, dtype=int), "different groups"),
    (np.zeros(MAX_GROUPS + 1, dtype=int), np.arange(MAX_GROUPS + 1), "different groups"),
    (np.zeros(MAX_ITEMS + 1, dtype=int), np.zeros(MAX_ITEMS + 1, dtype=int), "at most"),
    (np.array([0, 2**64 - 1], dtype=np.uint64), [0, 1], "too large"),
]


@pytest.mark.parametrize("true, guess, words", BAD, ids=[b[2] + f"-{i}" for i, b in enumerate(BAD)])
def test_bad_labels_raise_a_plain_sentence(true, guess, words):
    with pytest.raises(ValueError) as err:
        score_partition(true, guess)
    assert type(err.value) is ValueError
    assert_plain_sentence(str(err.value))
    assert words in str(err.value)


# --------------------------------------------------------------------------- nearest_centres
from mixgen_core import nearest_centres  # noqa: E402
from mixgen_core.partition import MAX_CENTRES  # noqa: E402


def test_nearest_centres_example_and_ties_to_the_lowest_index():
    assert nearest_centres([[0, 0], [4, 1], [2, 0]], [[0, 0], [4, 0]]).tolist() == [0, 1, 0]
    # (2, 0) is equally far from both centres, (1, 1) from all three duplicates
    assert nearest_centres([[2, 0]], [[0, 0], [4, 0]]).tolist() == [0]
    assert nearest_centres([[1, 1]], [[5, 5], [1, 1], [1, 1]]).tolist() == [1]
    assert nearest_centres(np.zeros((0, 2)), [[0, 0]]).shape == (0,)


def test_nearest_centres_huge_coordinates_do_not_overflow():
    big = 1e308
    assert nearest_centres([[big, big], [-big, -big]], [[-big, -big], [big, big]]).tolist() == [1, 0]


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 40), st.integers(1, 6), st.integers(0, 2**31))
def test_nearest_centres_matches_brute_force(n, k, seed):
    rng = np.random.default_rng(seed)
    points = rng.integers(-3, 4, size=(n, 2)).astype(float)  # small grid: many exact ties
    centres = rng.integers(-3, 4, size=(k, 2)).astype(float)
    d = ((points[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2)
    np.testing.assert_array_equal(nearest_centres(points, centres), np.argmin(d, axis=1) if n else [])


BAD_CENTRES = [
    ([[0, 0]], [], "between 1"),
    ([[0, 0]], np.zeros((MAX_CENTRES + 1, 2)), "between 1"),
    ([[0, np.nan]], [[0, 0]], "finite"),
    ([[0, 0]], [[np.inf, 0]], "finite"),
    ([[0, 0, 0]], [[0, 0]], "shape"),
    ([[0, 0]], [0, 0], "shape"),
    ([["a", "b"]], [[0, 0]], "numbers"),
]


@pytest.mark.parametrize("points, centres, words", BAD_CENTRES)
def test_nearest_centres_refuses_bad_input_with_a_sentence(points, centres, words):
    with pytest.raises(ValueError) as err:
        nearest_centres(points, centres)
    assert type(err.value) is ValueError
    assert_plain_sentence(str(err.value))
    assert words in str(err.value)
