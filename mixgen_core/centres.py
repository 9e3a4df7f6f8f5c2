"""Points in the plane and centres among them: what EM and k-means share.

Both fits work in standardised coordinates (:class:`Frame`), take the same points and
starting positions (:func:`check_points`, :func:`check_init`), start from the same
seedings (:func:`kmeans_plus_plus`, :func:`random_points`) and ask which centre each point
is nearest (:func:`nearest_centre`, also behind the student's "nearest centre" grouping).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ._checks import as_finite_array, quoted
from .limits import MAX_COORDINATE, MAX_POINTS


@dataclass(frozen=True)
class Frame:
    """Standardised coordinates: ``z = (x - center) / scale``, with ``scale`` a power of 2.

    Dividing by a power of two is exact in floating point, so huge or tiny coordinates
    neither overflow nor underflow, and which centre is nearest does not change.
    """

    center: np.ndarray
    scale: float

    @classmethod
    def of(cls, points: np.ndarray) -> "Frame":
        """The frame centred on the points' bounding box, scaled to about half its size."""
        lo, hi = points.min(axis=0), points.max(axis=0)
        half_range = float(np.max(hi / 2 - lo / 2))
        exponent = int(np.frexp(half_range)[1])  # half_range < 2**exponent (0 if all equal)
        return cls(center=lo / 2 + hi / 2, scale=float(np.ldexp(1.0, max(exponent, -332))))

    def standardise(self, points: np.ndarray) -> np.ndarray:
        """Standardised points as rows x, y and a row of ones: shape (3, N), each row contiguous."""
        z = np.ones((3, len(points)))
        np.divide((points - self.center).T, self.scale, out=z[:2])
        return z


def check_points(points: Any, *, fitting: bool) -> np.ndarray:
    """``points`` as a finite (N, 2) float array of 1 to ``MAX_POINTS`` points, else ``ValueError``.

    A fit (``fitting``) also needs the points to differ: one place has no spread to fit.
    """
    arr = as_finite_array(points, "The points", (None, 2))
    n = arr.shape[0]
    if n == 0:
        raise ValueError("There are no points: draw some points first.")
    if n > MAX_POINTS:
        raise ValueError(f"That is {n:,} points; the most this app fits is {MAX_POINTS:,}. Use fewer points.")
    if np.abs(arr).max() > MAX_COORDINATE:
        raise ValueError(
            f"Some coordinates are larger than {MAX_COORDINATE:g}: divide the points by a constant first."
        )
    if fitting and np.all(arr == arr[0]):
        raise ValueError(
            "All points are at the same place, so there is no spread for a Gaussian to fit. "
            "Use points that differ."
        )
    return arr


#: The seedings ``init`` may name.
INIT_METHODS = ("k-means++", "random")


def check_init(init: Any, k: int, what: str = "component", noun: str = "mean") -> str | np.ndarray:
    """``init`` as ``"k-means++"``, ``"random"`` or a finite (K, 2) float array of distinct
    starting positions (data units), else ``ValueError``. ``what`` and ``noun`` name a
    component and its position in messages ("cluster", "centre" for k-means)."""
    choices = f'init must be "k-means++", "random" or an array of starting {noun}s, one row (x, y) per {what}'
    if isinstance(init, str):
        if init not in INIT_METHODS:
            raise ValueError(f"{choices}, but got {quoted(init)}.")
        return init
    if init is None or isinstance(init, (bool, dict, set, bytes)):
        raise ValueError(f"{choices}.")
    try:
        shape = np.shape(init)
    except (TypeError, ValueError):  # ragged lists
        shape = None
    if shape != (k, 2):
        raise ValueError(
            f"init must give one starting {noun} (x, y) per {what}: {k} rows of 2 numbers"
            + (f", but it has shape {shape}." if shape is not None else ".")
        )
    means = as_finite_array(init, f"The starting {noun}s (init)", (k, 2))
    if np.abs(means).max() > MAX_COORDINATE:
        raise ValueError(
            f"Each starting {noun} coordinate must lie between -{MAX_COORDINATE:g} and {MAX_COORDINATE:g}."
        )
    if len(np.unique(means, axis=0)) < k:
        raise ValueError(f"Two starting {noun}s are at the same place: give {k} different ones.")
    return means.copy()


def standardised_means(frame: Frame, means: np.ndarray, noun: str = "mean") -> np.ndarray:
    """The given means (K, 2), in data units, in ``frame``'s standardised units; refused
    (``ValueError``) when far too far from the points."""
    z_means = (means - frame.center) / frame.scale
    if np.abs(z_means).max() > 1e50:  # squared distances must stay far from overflow
        raise ValueError(
            f"A starting {noun} is far too far away from the points, compared with their spread: "
            f"give starting {noun}s nearer the points."
        )
    return z_means


def nearest_centre(x: np.ndarray, y: np.ndarray, centres: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each point's nearest centre (the first on ties) and its squared distance to it.

    ``x`` and ``y`` (N,) are the points' coordinates, ``centres`` (K, 2). Distances come
    from coordinate differences (no cancellation), one centre at a time with a running
    minimum: K small passes over the points, no (K, N) array and no BLAS threads.
    """
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


def kmeans_plus_plus(z: np.ndarray, k: int, rng: np.random.Generator, *, trials: int = 1,
                     what: str = "component") -> np.ndarray:
    """Indices of ``k`` points spread out over the standardised points ``z`` (3, N): k-means++.

    The first is a random point; each next one is drawn with probability proportional to
    its squared distance from the nearest one so far, the best (by the sum of squared
    distances it leaves) of ``trials`` such draws ("greedy" k-means++ for more than one,
    as in scikit-learn). ``what`` names a component in the message when the points sit at
    fewer than ``k`` places.
    """
    x, y = z[0], z[1]
    n = x.size
    chosen = [int(rng.integers(n))]
    dist2 = (x - x[chosen[0]]) ** 2 + (y - y[chosen[0]]) ** 2
    for j in range(1, k):
        cumulative = np.cumsum(dist2)
        if not cumulative[-1] > 0:
            raise ValueError(
                f"The points sit at only {j} different place(s), fewer than the {k} {what}s "
                f"asked for. Use fewer {what}s or points that differ."
            )
        # side="right" never picks a point at distance 0, i.e. one already chosen
        candidates = np.searchsorted(cumulative, rng.random(trials) * cumulative[-1], side="right")
        best, best_total, best_dist2 = -1, np.inf, dist2
        for c in np.minimum(candidates, n - 1):
            new = np.minimum(dist2, (x - x[c]) ** 2 + (y - y[c]) ** 2)
            total = float(new.sum()) if trials > 1 else 0.0
            if total < best_total:
                best, best_total, best_dist2 = int(c), total, new
        chosen.append(best)
        dist2 = best_dist2
    return np.array(chosen)


def random_points(z: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """Indices of ``k`` points at ``k`` different places, drawn at random without replacement
    (a place holding many points is the likelier to be drawn)."""
    n = z.shape[1]
    # cheap first try: k random points, usually all at different places
    first = rng.choice(n, size=min(k, n), replace=False)
    if len(np.unique(z[:2, first].T, axis=0)) == k:
        return first
    order = rng.permutation(n)
    _, place = np.unique(z[:2].T, axis=0, return_inverse=True)
    place = place.reshape(-1)[order]
    _, first_seen = np.unique(place, return_index=True)
    if len(first_seen) < k:
        raise ValueError(
            f"The points sit at only {len(first_seen)} different place(s), fewer than the {k} components "
            "asked for. Use fewer components or points that differ."
        )
    return order[np.sort(first_seen)[:k]]
