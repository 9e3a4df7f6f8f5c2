"""The assignment problem: pair rows with columns one-to-one at the lowest total cost.

:func:`linear_sum_assignment` is the Hungarian method in its shortest-augmenting-path form
(Jonker & Volgenant 1987, as described by Crouse 2016, "On implementing 2D rectangular
assignment algorithms"): one row at a time joins the matching along a cheapest path in the
reduced costs, so the work is O(R^2 C) for R <= C, with each step vectorised over columns.
It gives the same optimal total as ``scipy.optimize.linear_sum_assignment`` (tested), in
pure numpy, for matrices of any shape up to ``MAX_SIDE`` on a side.
"""

from __future__ import annotations

from typing import Any

import numpy as np

#: Largest number of rows or columns: the solver is O(R^2 C), about a second at 1000 x 1000.
MAX_SIDE = 1_000


def _check_cost(cost: Any) -> np.ndarray:
    """``cost`` as a finite 2-D float array, else ``ValueError``."""
    try:
        arr = np.asarray(cost, dtype=float)
    except (TypeError, ValueError, OverflowError):
        raise ValueError("cost must be a table (2-D array) of numbers.") from None
    if arr.ndim != 2:
        raise ValueError(f"cost must be a table (2-D array) of numbers, but it has {arr.ndim} dimension(s).")
    if max(arr.shape) > MAX_SIDE:
        raise ValueError(f"cost may have at most {MAX_SIDE:,} rows and columns, but it is {arr.shape[0]:,} x "
                         f"{arr.shape[1]:,}.")
    if not np.all(np.isfinite(arr)):
        raise ValueError("cost must contain only finite numbers (no NaN or infinity).")
    return arr


def _augment_all_rows(cost: np.ndarray) -> np.ndarray:
    """Column matched to each row of a finite ``cost`` of shape (R, C) with R <= C.

    Dual potentials ``u`` (rows) and ``v`` (columns) keep every reduced cost
    ``cost[i, j] - u[i] - v[j]`` non-negative and zero on matched pairs: that is the
    certificate of optimality. Each row is added by Dijkstra's shortest path on reduced
    costs from it to a free column, then the path is flipped.
    """
    n_rows, n_cols = cost.shape
    u = np.zeros(n_rows)
    v = np.zeros(n_cols)
    row_of_col = np.full(n_cols, -1, dtype=np.intp)
    col_of_row = np.full(n_rows, -1, dtype=np.intp)
    for start in range(n_rows):
        shortest = np.full(n_cols, np.inf)  # cheapest known path from `start` to each column
        came_from = np.full(n_cols, -1, dtype=np.intp)  # the row before each column on that path
        remaining = np.ones(n_cols, dtype=bool)  # columns whose shortest path is not final yet
        rows_seen = [start]
        row, min_val, sink = start, 0.0, -1
        while sink < 0:
            reduced = min_val + cost[row] - u[row] - v
            better = remaining & (reduced < shortest)
            shortest[better] = reduced[better]
            came_from[better] = row
            candidates = np.where(remaining, shortest, np.inf)
            min_val = float(candidates.min())
            ties = np.flatnonzero(candidates == min_val)
            free = ties[row_of_col[ties] < 0]
            # Among equally short paths, end at a free column at once: fewer steps, same optimum.
            col = int(free[0]) if free.size else int(ties[0])
            remaining[col] = False
            if row_of_col[col] < 0:
                sink = col
            else:
                row = int(row_of_col[col])
                rows_seen.append(row)
        # Update the potentials so the new path's reduced costs are zero and none is negative.
        seen_rows = np.asarray(rows_seen[1:], dtype=np.intp)
        u[start] += min_val
        u[seen_rows] += min_val - shortest[col_of_row[seen_rows]]
        done = ~remaining
        v[done] -= min_val - shortest[done]
        col = sink  # flip the path: each column on it takes the row before it
        while True:
            row = int(came_from[col])
            row_of_col[col] = row
            col_of_row[row], col = col, int(col_of_row[row])
            if row == start:
                break
    return col_of_row


def linear_sum_assignment(cost: Any, maximize: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Pair rows with distinct columns at the lowest (or highest) total cost.

    Same contract as ``scipy.optimize.linear_sum_assignment`` for finite costs.

    Parameters
    ----------
    cost : array of shape (R, C)
        ``cost[i, j]`` is the cost of pairing row ``i`` with column ``j``. Finite numbers;
        R and C may differ, each at most ``MAX_SIDE``. A side of 0 gives no pairs.
    maximize : bool, default False
        Find the highest total instead of the lowest.

    Returns
    -------
    rows : int array of shape (min(R, C),)
        The paired rows, in increasing order (every row when R <= C).
    cols : int array of shape (min(R, C),)
        ``cols[k]`` is the column paired with ``rows[k]`` (every column when C <= R).

    Notes
    -----
    Deterministic: the same matrix always gives the same pairs, also when several pairings
    tie for the best total.
    """
    arr = _check_cost(cost)
    if arr.size == 0:
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp)
    if maximize:
        arr = -arr
    top = float(np.abs(arr).max())
    if top > 2.0**500:  # scale by a power of two (exact) so that sums of potentials cannot overflow
        arr = np.ldexp(arr, -int(np.frexp(top)[1]))
    if arr.shape[0] <= arr.shape[1]:
        cols = _augment_all_rows(arr)
        return np.arange(arr.shape[0], dtype=np.intp), cols
    # More rows than columns: solve the transpose, then list the pairs by row.
    rows = _augment_all_rows(np.ascontiguousarray(arr.T))
    order = np.argsort(rows, kind="stable")
    return rows[order], order.astype(np.intp)
