"""Scoring a student's partition of items into groups against the true one.

A guess names its groups however it likes, so :func:`score_partition` first matches each
guessed group to at most one true group (the matching that puts the most items in their
right group, found by the Hungarian method in :mod:`mixgen_core.assignment`), then reports
the share of items in the right group (``accuracy``) and the adjusted Rand index
(``adjusted_rand``), which needs no matching: it asks, of every pair of items, whether both
partitions put them together or apart, and is 0 on average for a random guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ._checks import as_finite_array, shown
from .assignment import linear_sum_assignment
from .centres import nearest_centre

#: Most different groups on either side (the matching is O(K^3): about a second at 1,000).
MAX_GROUPS = 1_000
#: Most items.
MAX_ITEMS = 1_000_000
#: A guessed label meaning "this item is in no group".
UNASSIGNED = -1
#: Largest whole number a float label may hold: beyond 2**53, floats skip whole numbers.
_MAX_FLOAT_LABEL = 2.0**53


@dataclass(frozen=True, eq=False)
class PartitionScore:
    """How well a guessed partition matches the true one.

    Attributes
    ----------
    accuracy : float
        Share of items in the right group, in [0, 1], after the best one-to-one matching of
        guessed groups to true groups. Unassigned items and items of an unmatched guessed
        group count as wrong.
    adjusted_rand : float
        Adjusted Rand index (Hubert & Arabie 1985): 1 for the same partition, about 0 on
        average for a random one, negative when worse than random; at most 1. It needs no
        matching. Each unassigned item counts as a group of its own.
    matching : dict[int, int]
        For each guessed group label (as in the input, -1 left out), the true group label
        it is matched to, or -1 when it is matched to none (more guessed groups than true
        ones, or no item in common with any true group left to it).
    n_correct : int
        Number of items in the right group after matching.
    correct : bool array of shape (n,)
        Which items are in the right group after matching.
    relabelled : int array of shape (n,)
        Each item's guessed group translated to its matched true label; -1 where the item
        is unassigned or its guessed group is unmatched.
    """

    accuracy: float
    adjusted_rand: float
    matching: dict[int, int]
    n_correct: int
    correct: np.ndarray
    relabelled: np.ndarray


def _as_labels(value: Any, name: str) -> np.ndarray:
    """``value`` as a 1-D int64 array of whole numbers, else ``ValueError``.

    Whole-number floats (``2.0``) are accepted, as a spreadsheet or a float array of labels
    would give them; ``1.5``, NaN, infinities, text and True/False are refused.
    """
    flat = f"{name} must be a flat list of group labels, one per item, like [0, 0, 1, 2]."
    if isinstance(value, (list, tuple)) and any(isinstance(x, (bool, np.bool_)) for x in value):
        # numpy would silently turn [0, True] into [0, 1]
        raise ValueError(f"{name} must hold whole-number group labels, not True or False.")
    try:
        arr = np.asarray(value)
    except (TypeError, ValueError, OverflowError):  # ragged lists
        raise ValueError(flat) from None
    if arr.ndim != 1:
        raise ValueError(flat)
    if arr.size == 0:
        raise ValueError(f"{name} is empty: give the group of at least one item.")
    if arr.size > MAX_ITEMS:
        raise ValueError(f"{name} has {arr.size:,} items, but at most {MAX_ITEMS:,} are supported.")
    if arr.dtype == bool:
        raise ValueError(f"{name} must hold whole-number group labels, not True or False.")
    if np.issubdtype(arr.dtype, np.unsignedinteger):
        if arr.max() > np.iinfo(np.int64).max:
            raise ValueError(f"{name} holds a label too large to handle ({shown(int(arr.max()))}).")
        return arr.astype(np.int64)
    if np.issubdtype(arr.dtype, np.integer):
        return arr.astype(np.int64, copy=False)
    if np.issubdtype(arr.dtype, np.floating):
        arr = arr.astype(np.float64, copy=False)
        if np.isnan(arr).any():
            raise ValueError(f"{name} must hold whole numbers, but it contains NaN (a missing value).")
        whole = np.isfinite(arr) & (arr == np.round(arr))
        if not whole.all():
            raise ValueError(f"{name} must hold whole numbers, but it contains {shown(float(arr[~whole][0]))}.")
        if np.abs(arr).max() > _MAX_FLOAT_LABEL:
            raise ValueError(f"{name} holds a label too large to handle ({shown(float(np.abs(arr).max()))}); "
                             "use smaller whole numbers.")
        return arr.astype(np.int64)
    if arr.dtype.kind in "US":
        raise ValueError(f"{name} must hold whole numbers, but it contains text such as {shown(arr[0].item())}.")
    # object arrays (None, huge Python ints, mixtures), complex numbers, dates...
    raise ValueError(f"{name} must hold only whole numbers, like [0, 0, 1, 2].")


def _pairs(counts: np.ndarray) -> int:
    """Number of unordered pairs within groups of the given sizes, exactly, as a Python int."""
    counts = counts.astype(np.int64, copy=False)
    # each term is at most 1e6 * 1e6 / 2 and the terms sum to at most n^2 / 2: no int64 overflow
    return int((counts * (counts - 1) // 2).sum())


def _adjusted_rand(table: np.ndarray, true_sizes: np.ndarray, n: int) -> float:
    """Adjusted Rand index from the contingency ``table`` (K_true, K_guess) of assigned items,
    the true groups' sizes (K_true,) counting every item, and the number of items ``n``.

    Unassigned items are singletons: they add no pair within a guessed group, so leaving
    them out of ``table`` is exact. Python ints keep the products (up to ~1e23) exact.
    """
    together_both = _pairs(table)
    together_true = _pairs(true_sizes)
    together_guess = _pairs(table.sum(axis=0))
    all_pairs = n * (n - 1) // 2
    # The pair confusion counts, as scikit-learn's formula uses them.
    tp = together_both
    fn = together_true - tp
    fp = together_guess - tp
    tn = all_pairs - tp - fn - fp
    if fn == 0 and fp == 0:  # the same partition (also n = 1, or all singletons on both sides)
        return 1.0
    # Python's int / int is correctly rounded, so this is the exact index to float precision.
    return 2 * (tp * tn - fn * fp) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn))


def score_partition(true_labels: Any, guessed_labels: Any) -> PartitionScore:
    """Score a guessed partition of ``n`` items against the true one.

    Parameters
    ----------
    true_labels : int array of shape (n,)
        Each item's true group: any whole numbers >= 0 (they need not be 0..K-1, e.g.
        ``[3, 3, 10]``), at most ``MAX_GROUPS`` different ones.
    guessed_labels : int array of shape (n,)
        Each item's guessed group: any whole numbers >= 0, named independently of the truth
        (a guess that swaps two names scores 1.0), or -1 for an item put in no group. At
        most ``MAX_GROUPS`` different groups; there may be more or fewer than true ones.

    Whole-number floats such as ``2.0`` are accepted as labels; ``1.5``, NaN, text and
    True/False are not. ``n`` is between 1 and ``MAX_ITEMS``.

    Returns
    -------
    PartitionScore
        ``accuracy`` after the matching that puts the most items in their right group,
        ``adjusted_rand``, the ``matching`` itself and per-item results.

    Raises
    ------
    ValueError
        With a sentence saying what is wrong with the labels.

    Notes
    -----
    The matching maximises the number of items in their right group; among matchings that
    tie, it prefers pairing a guessed group with the true group of the same label, then is
    deterministic. A guessed group is reported as matched only to a true group it shares
    at least one item with.

    For the adjusted Rand index an unassigned item (-1) is a group of its own: it is
    together with no other item, which is what "in no group" means when counting pairs.
    Degenerate cases follow scikit-learn: two identical partitions (including n = 1, or
    both all singletons) score 1.0.

    Examples
    --------
    >>> s = score_partition([0, 0, 1, 1], [7, 7, 3, 3])
    >>> s.accuracy, s.adjusted_rand, s.matching
    (1.0, 1.0, {3: 1, 7: 0})
    """
    true = _as_labels(true_labels, "true_labels")
    guess = _as_labels(guessed_labels, "guessed_labels")
    if true.shape != guess.shape:
        raise ValueError(f"true_labels and guessed_labels must give one label per item, but they have "
                         f"{true.size:,} and {guess.size:,} labels.")
    if true.min() < 0:
        raise ValueError(f"true_labels must not be negative (only a guess may use -1 for an unassigned item), "
                         f"but it contains {shown(int(true.min()))}.")
    if guess.min() < UNASSIGNED:
        raise ValueError(f"guessed_labels may use -1 for an item in no group, but no other negative number; "
                         f"it contains {shown(int(guess.min()))}.")
    true_names, true_index = np.unique(true, return_inverse=True)
    assigned = guess != UNASSIGNED
    guess_names, guess_index = np.unique(guess[assigned], return_inverse=True)
    for side, names in (("true_labels", true_names), ("guessed_labels", guess_names)):
        if names.size > MAX_GROUPS:
            raise ValueError(f"{side} has {names.size:,} different groups, but at most {MAX_GROUPS:,} are supported.")
    k_true, k_guess = true_names.size, guess_names.size
    n = true.size

    # Contingency table: table[i, j] items of true group i put in guessed group j.
    table = np.bincount(true_index[assigned] * k_guess + guess_index,
                        minlength=k_true * k_guess).reshape(k_true, k_guess)

    # Most items first; a tie-break bonus of 1 for equal names can never outweigh one item,
    # since the bonuses add up to at most min(K_true, K_guess) < weight. All values are
    # whole numbers below 2**53, so the float solver handles them exactly.
    weight = min(k_true, k_guess) + 1
    gain = table * float(weight) + (true_names[:, None] == guess_names[None, :])
    to_true = np.full(k_guess, -1, dtype=np.intp)  # index of the true group matched to each guessed one
    rows, cols = linear_sum_assignment(gain, maximize=True)
    shares_items = table[rows, cols] > 0
    to_true[cols[shares_items]] = rows[shares_items]

    matched_label = np.where(to_true >= 0, true_names[to_true], -1)
    relabelled = np.full(n, -1, dtype=np.int64)
    relabelled[assigned] = matched_label[guess_index]
    correct = relabelled == true
    n_correct = int(correct.sum())
    relabelled.setflags(write=False)
    correct.setflags(write=False)
    return PartitionScore(
        accuracy=n_correct / n,
        adjusted_rand=_adjusted_rand(table, np.bincount(true_index, minlength=k_true), n),
        matching={int(g): int(t) for g, t in zip(guess_names, matched_label)},
        n_correct=n_correct,
        correct=correct,
        relabelled=relabelled,
    )


#: Most centres :func:`nearest_centres` takes (one per guessed group).
MAX_CENTRES = MAX_GROUPS


def nearest_centres(points: Any, centres: Any) -> np.ndarray:
    """Put each point in the group of its nearest centre (straight-line distance).

    Parameters
    ----------
    points : array of shape (N, 2)
        Finite coordinates; N may be 0 (then the result is empty), at most ``MAX_ITEMS``.
    centres : array of shape (K, 2)
        Between 1 and ``MAX_CENTRES`` finite centres; several may coincide.

    Returns
    -------
    int array of shape (N,)
        ``labels[n]`` is the index (0 to K-1) of the centre nearest to point ``n``; when
        two or more are equally near, the lowest index wins.

    Raises
    ------
    ValueError
        With a sentence saying what is wrong with the points or the centres.

    Examples
    --------
    >>> nearest_centres([[0, 0], [4, 1], [2, 0]], [[0, 0], [4, 0]]).tolist()
    [0, 1, 0]
    """
    pts = as_finite_array(points, "The points", (None, 2))
    try:
        empty = np.size(centres) == 0
    except (TypeError, ValueError):  # ragged lists: as_finite_array says so below
        empty = False
    if empty:
        raise ValueError(f"Give between 1 and {MAX_CENTRES:,} centres, but got none.")
    ctr = as_finite_array(centres, "The centres", (None, 2))
    if len(pts) > MAX_ITEMS:
        raise ValueError(f"There are {len(pts):,} points, but at most {MAX_ITEMS:,} are supported.")
    if not 1 <= len(ctr) <= MAX_CENTRES:
        raise ValueError(f"Give between 1 and {MAX_CENTRES:,} centres, but got {len(ctr):,}.")
    # Scale by a power of two (exact, so it keeps which centre is nearer) to below 1 in size:
    # then no difference or square can overflow, even for coordinates near 1e308.
    top = max(float(np.abs(pts).max(initial=0.0)), float(np.abs(ctr).max()))
    if top > 0:
        shift = -int(np.frexp(top)[1])
        pts, ctr = np.ldexp(pts, shift), np.ldexp(ctr, shift)
    labels, _ = nearest_centre(np.ascontiguousarray(pts[:, 0]), np.ascontiguousarray(pts[:, 1]), ctr)
    return labels.astype(np.int64, copy=False)
