"""Hard clustering of 2-D points with k-means (Lloyd's algorithm): EM's "hard" cousin.

k-means looks for ``K`` centres such that the points are close to their nearest centre: it
minimises the *inertia*, the sum over the points of the squared distance to the nearest
centre. Lloyd's algorithm alternates two steps:

* **assign**: every point joins the cluster of its nearest centre (the first on ties);
* **update**: every centre moves to the mean of its cluster's points.

Neither step can raise the inertia, so it never increases; once no point changes its
cluster the centres stop moving and the fit has converged (to a local best). Compared with
EM for Gaussians, each point belongs to one cluster only, and every cluster is a round
cloud of the same size: k-means fails where the true clouds are elongated or of very
different sizes, and EM does not.

Numerical design
----------------
* Points are standardised as in :mod:`~mixgen_core.gmm` (centred, divided by a power of
  two: exact), so huge or tiny coordinates neither overflow nor underflow; inertias are
  reported in the data's units.
* Squared distances are computed from coordinate differences (never by expanding
  ``|x|^2 - 2 x.c + |c|^2``, which cancels), so the assignment is exact and the inertia
  provably never increases along the history.
* A cluster left empty by the assignment has no mean. Its centre moves, deterministically,
  to the point farthest from its own centre (several empty clusters: one after another,
  each time the farthest point from all centres chosen so far). That point then costs
  nothing, so the inertia still does not increase.
* A state's labels follow from its centres (the assignment step), so the history stores
  the centres and inertia of each state and computes its labels when asked: a fit of a
  million points keeps no million labels per iteration.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from ._checks import as_finite_array, check_count, check_rng
from .gmm import _check_init, _check_points, _Frame, _random_points, _standardised_means
from .limits import MAX_COMPONENTS, MAX_INIT, MAX_KMEANS_ITER


def _assign(z: np.ndarray, centres: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each point's nearest centre (the first on ties) and its squared distance to it.

    ``z`` is (3, N) standardised points (a row of ones last), ``centres`` (K, 2) standardised.
    Distances come from coordinate differences (no cancellation), one centre at a time with a
    running minimum: K small passes over the points, no (K, N) array and no BLAS threads.
    """
    x, y = z[0], z[1]
    dist2 = np.subtract(x, centres[0, 0])
    np.square(dist2, out=dist2)
    labels = np.zeros(x.size, dtype=np.intp)
    new = np.empty_like(dist2)
    tmp = np.empty_like(dist2)
    dist2 += np.square(np.subtract(y, centres[0, 1], out=tmp), out=tmp)
    closer = np.empty(x.size, dtype=bool)
    for j in range(1, len(centres)):
        np.subtract(x, centres[j, 0], out=new)
        np.square(new, out=new)
        new += np.square(np.subtract(y, centres[j, 1], out=tmp), out=tmp)
        np.less(new, dist2, out=closer)
        labels[closer] = j
        np.minimum(dist2, new, out=dist2)
    return labels, dist2


@dataclass(frozen=True)
class _Points:
    """The standardised points a fit's states share, to compute their labels on request."""

    z: np.ndarray = field(repr=False)


@dataclass(frozen=True)
class KMeansState:
    """One state of Lloyd's algorithm: what the history records after each step.

    Attributes
    ----------
    centres : array of shape (K, 2)
        The cluster centres.
    inertia : float
        Sum over the points of the squared distance to their nearest centre.
    labels : int array of shape (N,)
        Each point's cluster: its nearest centre (the first on ties). Computed from the
        centres when first asked for.
    """

    centres: np.ndarray
    inertia: float
    _points: _Points = field(repr=False, compare=False)
    _frame: _Frame = field(repr=False, compare=False)

    @cached_property
    def labels(self) -> np.ndarray:
        z_centres = (self.centres - self._frame.center) / self._frame.scale
        labels = _assign(self._points.z, z_centres)[0]
        labels.flags.writeable = False
        return labels

    @property
    def n_clusters(self) -> int:
        return int(self.centres.shape[0])


@dataclass(frozen=True)
class KMeansFit:
    """Result of :func:`fit_kmeans`.

    Attributes
    ----------
    centres : array of shape (K, 2)
        Final centres: each the mean of its cluster's points once converged.
    labels : int array of shape (N,)
        Each point's cluster under the final centres.
    inertia : float
        Final sum of squared distances of the points to their centres (lower is better).
    n_iter : int
        Lloyd iterations (update then assign) run in the best restart.
    converged : bool
        True if the fit stopped before ``max_iter``: no point changed its cluster (or the
        centres moved less than ``tol`` allows).
    history : tuple of KMeansState, length n_iter + 1
        ``history[0]`` is the start (the initial centres and the points' nearest of them),
        ``history[i]`` the state after iteration ``i``.
    inertias : array of shape (n_iter + 1,)
        ``inertias[i]`` is ``history[i].inertia``: never increases.
    restart_inertias : array of shape (n_init,)
        Final inertia of each restart; the fit is the restart with the lowest.
    """

    centres: np.ndarray
    labels: np.ndarray
    inertia: float
    n_iter: int
    converged: bool
    history: tuple[KMeansState, ...]
    inertias: np.ndarray
    restart_inertias: np.ndarray

    @property
    def n_clusters(self) -> int:
        return int(self.centres.shape[0])


def _kmeans_plus_plus(z: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """Greedy k-means++ seeding (as scikit-learn's): standardised centres (K, 2).

    The first centre is a random point; each next one is the best, by the inertia it
    leaves, of ``2 + log K`` candidate points drawn with probability proportional to their
    squared distance from the nearest centre so far.
    """
    x, y = z[0], z[1]
    n = x.size
    first = int(rng.integers(n))
    chosen = [first]
    dist2 = (x - x[first]) ** 2 + (y - y[first]) ** 2
    trials = 2 + int(np.log(k))
    for j in range(1, k):
        cumulative = np.cumsum(dist2)
        if not cumulative[-1] > 0:
            raise ValueError(
                f"The points sit at only {j} different place(s), fewer than the {k} clusters "
                "asked for. Use fewer clusters or points that differ."
            )
        # side="right" never picks a point at distance 0, i.e. one at a centre already
        candidates = np.searchsorted(cumulative, rng.random(trials) * cumulative[-1], side="right")
        candidates = np.minimum(candidates, n - 1)
        best, best_total, best_dist2 = -1, np.inf, dist2
        for c in candidates:
            new = np.minimum(dist2, (x - x[c]) ** 2 + (y - y[c]) ** 2)
            total = float(new.sum())
            if total < best_total:
                best, best_total, best_dist2 = int(c), total, new
        chosen.append(best)
        dist2 = best_dist2
    return z[:2, chosen].T.copy()


def _update(z: np.ndarray, labels: np.ndarray, dist2: np.ndarray, centres: np.ndarray) -> np.ndarray:
    """Lloyd's update: each centre to its cluster's mean; an empty cluster's centre to the
    point farthest from its own centre (one empty cluster after another)."""
    k = len(centres)
    count = np.bincount(labels, minlength=k).astype(float)
    new = np.empty_like(centres)
    full = count > 0
    for axis in (0, 1):
        total = np.bincount(labels, z[axis], minlength=k)
        new[:, axis] = np.divide(total, count, out=centres[:, axis].copy(), where=full)
    empty = np.flatnonzero(~full)
    if empty.size:
        far = dist2.copy()
        for j in empty:
            i = int(np.argmax(far))  # distance > 0: the points sit at K or more places
            new[j] = z[:2, i]
            np.minimum(far, (z[0] - z[0, i]) ** 2 + (z[1] - z[1, i]) ** 2, out=far)
    return new


def _lloyd(
    z: np.ndarray, centres: np.ndarray, max_iter: int, shift_tol: float
) -> tuple[list[np.ndarray], list[float], bool, np.ndarray]:
    """Lloyd's algorithm from standardised ``centres``: every state's centres and inertia
    (standardised units), whether it converged, and the final labels."""
    labels, dist2 = _assign(z, centres)
    states, inertias, converged = [centres], [float(dist2.sum())], False
    for _ in range(max_iter):
        new = _update(z, labels, dist2, centres)
        new_labels, dist2 = _assign(z, new)
        states.append(new)
        inertias.append(float(dist2.sum()))
        shift = float(((new - centres) ** 2).sum())
        centres = new
        if np.array_equal(new_labels, labels) or shift <= shift_tol:
            labels = new_labels
            converged = True
            break
        labels = new_labels
    return states, inertias, converged, labels


def fit_kmeans(
    points: np.ndarray,
    n_clusters: int,
    rng: np.random.Generator,
    init: str | np.ndarray = "k-means++",
    *,
    n_init: int = 1,
    max_iter: int = 300,
    tol: float = 0.0,
) -> KMeansFit:
    """Cluster ``points`` into ``n_clusters`` groups around centres by k-means (Lloyd's algorithm).

    Parameters
    ----------
    points : array of shape (N, 2)
        At most ``MAX_POINTS`` finite points, sitting at ``n_clusters`` or more places.
    n_clusters : int
        K, between 1 and ``MAX_COMPONENTS``.
    rng : numpy.random.Generator
        Seeds the starting centres: the same seed gives the same fit.
    init : {"k-means++", "random"} or array of shape (K, 2), default "k-means++"
        Where the centres start. ``"k-means++"``: spread out over the points (greedy
        k-means++ as in scikit-learn: each next centre the best of a few points drawn with
        probability proportional to their squared distance from the centres so far).
        ``"random"``: K random points at different places. An array: these K different
        centres, one row (x, y) per cluster (then ``n_init`` must be 1).
    n_init : int, default 1
        Restarts from different starts, 1 to ``MAX_INIT``; the one with the lowest final
        inertia is kept.
    max_iter : int, default 300
        Most iterations per restart, 1 to ``MAX_KMEANS_ITER``.
    tol : float, default 0
        Also stop when the centres move, in all, less than ``tol`` times the points' mean
        variance (sum of squared moves; scikit-learn's rule). With 0 a restart runs until
        no point changes its cluster (or ``max_iter``).

    Returns
    -------
    KMeansFit
        Final centres (K, 2), labels (N,), inertia and the history of every state.

    Raises
    ------
    ValueError
        For invalid points or settings, with a sentence saying what to change.
    """
    points = _check_points(points, fitting=False)
    k = check_count(n_clusters, "The number of clusters", minimum=1, maximum=MAX_COMPONENTS)
    rng = check_rng(rng)
    init = _check_init(init, k, what="cluster", noun="centre")
    n_init = check_count(n_init, "n_init", minimum=1, maximum=MAX_INIT)
    max_iter = check_count(max_iter, "max_iter", minimum=1, maximum=MAX_KMEANS_ITER)
    tol = float(as_finite_array(tol, "tol", ()))
    if tol < 0:
        raise ValueError("tol must not be negative (use 0 to stop only when no point changes its cluster).")
    if isinstance(init, np.ndarray) and n_init != 1:
        raise ValueError("With starting centres given in init, n_init must be 1: every restart would be the same.")

    frame = _Frame.of(points)
    z = frame.standardise(points)
    shift_tol = tol * float(np.var(z[:2], axis=1).mean())
    best = None
    finals = []
    for _ in range(n_init):
        if isinstance(init, np.ndarray):
            start = _standardised_means(frame, init, noun="centre")
        elif init == "random":
            start = z[:2, _random_points(z, k, rng)].T.copy()
        else:
            start = _kmeans_plus_plus(z, k, rng)
        run = _lloyd(z, start, max_iter, shift_tol)
        finals.append(run[1][-1])
        if best is None or run[1][-1] < best[1][-1]:
            best = run
    states, inertias, converged, labels = best
    scale2 = frame.scale * frame.scale  # a power of two: exact
    shared = _Points(z)
    history = tuple(
        KMeansState(centres=c * frame.scale + frame.center, inertia=i * scale2, _points=shared, _frame=frame)
        for c, i in zip(states, inertias)
    )
    final = history[-1]
    final.__dict__["labels"] = labels  # already computed: fill the cache
    labels.flags.writeable = False
    return KMeansFit(
        centres=final.centres,
        labels=labels,
        inertia=final.inertia,
        n_iter=len(states) - 1,
        converged=converged,
        history=history,
        inertias=np.array(inertias) * scale2,
        restart_inertias=np.array(finals) * scale2,
    )
