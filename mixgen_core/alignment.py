"""Match fitted components (or topics) to the true ones by the best permutation."""

from __future__ import annotations

from functools import lru_cache
from itertools import permutations

import numpy as np

from ._checks import as_finite_array

#: Largest side of a cost matrix: 8! = 40 320 permutations are scored at once.
MAX_ALIGN = 8


@lru_cache(maxsize=MAX_ALIGN)
def _all_permutations(k: int) -> np.ndarray:
    return np.array(list(permutations(range(k))), dtype=np.intp).reshape(-1, k)


def best_permutation(cost: np.ndarray) -> np.ndarray:
    """Assign each true item (row) to a distinct fitted item (column) at the lowest total cost.

    Parameters
    ----------
    cost : array of shape (K_true, K_fit)
        ``cost[i, j]`` is the cost of matching true item ``i`` with fitted item ``j``.
        Both sides are at most ``MAX_ALIGN``; the sides may differ.

    Returns
    -------
    match : int array of shape (K_true,)
        ``match[i]`` is the fitted item matched to true item ``i``, or -1 when there are
        more true items than fitted ones and ``i`` is left unmatched.
    """
    cost = as_finite_array(cost, "The cost matrix", (None, None))
    k_true, k_fit = cost.shape
    k = max(k_true, k_fit)
    if k == 0 or k > MAX_ALIGN:
        raise ValueError(f"Alignment needs between 1 and {MAX_ALIGN} items on each side.")
    top = float(np.abs(cost).max(initial=0.0))
    if top > 1e300:  # scale by a power of two (exact) so that sums of up to 8 costs cannot overflow
        cost = np.ldexp(cost, -int(np.frexp(top)[1]))
    square = np.zeros((k, k))  # padding rows/columns cost nothing: they mean "unmatched"
    square[:k_true, :k_fit] = cost
    perms = _all_permutations(k)
    totals = square[np.arange(k), perms].sum(axis=1)
    best = perms[int(np.argmin(totals))][:k_true]
    return np.where(best < k_fit, best, -1)
