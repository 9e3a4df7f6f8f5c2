"""Restarts: run a fit from several starts and keep the best.

EM, k-means and the topic fit each climb to a local best that depends on where they
start, so each may run from several starts (``n_init``) and keep the one that ends
highest. :func:`keep_best` is that loop, written once.
"""

from __future__ import annotations

from typing import Callable, Iterable, TypeVar

Run = TypeVar("Run")


def keep_best(runs: Iterable[Run], score: Callable[[Run], float]) -> tuple[Run, list[float]]:
    """The run with the highest score (the first on ties) and every run's score, in order.

    Parameters
    ----------
    runs : iterable of runs
        Usually a generator, so that only the best run so far is kept in memory.
    score : callable
        A run's score: higher is better (give the negative of a cost to be minimised).

    Returns
    -------
    best : run
        The first run whose score no later run beats.
    scores : list of float
        Every run's score, in the order of ``runs``.

    Raises
    ------
    ValueError
        If there are no runs.
    """
    best, best_score, scores = None, 0.0, []
    for run in runs:
        value = score(run)
        scores.append(value)
        if len(scores) == 1 or value > best_score:
            best, best_score = run, value
    if not scores:
        raise ValueError("There must be at least one restart.")
    return best, scores
