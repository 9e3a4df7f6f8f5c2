"""The numpy recipes the samplers run: one source for the app and for the code it shows.

Each function here is copied, character for character, into the take-home scripts of
:mod:`mixgen_ui.snippets` (with ``inspect.getsource``), and the core calls the very same
function to draw the sample on screen. So the code a student runs at home is the code
that ran in the app, and the two cannot drift apart.

That is why every function here

- uses nothing but ``np`` (numpy, imported as ``np`` by the scripts too): no other
  import, no helper from elsewhere in the core;
- checks nothing: the core's callers validate first (a student's script holds values the
  app has already checked);
- reads as a worksheet answer: a student sees this text in the script.
"""

import numpy as np


def cholesky_2x2(cov: np.ndarray) -> np.ndarray:
    """Lower-triangular L with L @ L.T == cov, for a 2x2 covariance (also a flat one).

    The Cholesky factor written out in closed form: np.linalg.cholesky refuses a flat
    (singular) covariance, which a point cloud along a line has.

    Parameters
    ----------
    cov : array of shape (2, 2)
        Symmetric, positive semi-definite.

    Returns
    -------
    L : array of shape (2, 2)
        [[l00, 0], [l10, l11]].
    """
    a, b, c = float(cov[0, 0]), float(cov[1, 0]), float(cov[1, 1])
    if a > 0:
        l00 = np.sqrt(a)
        # |b| may pass sqrt(a * c) by a rounding error: keep the corner of L @ L.T at c
        l10 = float(np.clip(b / l00, -np.sqrt(c), np.sqrt(c)))
        l11 = np.sqrt(max(c - l10 * l10, 0.0))
    else:  # no spread along x: all the spread is along y (b is 0 then)
        l00, l10, l11 = 0.0, 0.0, np.sqrt(max(c, 0.0))
    return np.array([[l00, 0.0], [l10, l11]])


def mixture_points(
    rng: np.random.Generator, means: np.ndarray, factors: np.ndarray, counts: list[int]
) -> tuple[np.ndarray, np.ndarray]:
    """Draw counts[k] points from the Gaussian with mean means[k] and covariance factors[k] @ factors[k].T.

    Standard normal numbers for all points at once (component 0's rows first), then each
    component's block z becomes z @ L.T + mean, computed in place: points from a Gaussian
    with that mean and covariance, like the worksheet's
    np.random.multivariate_normal(mean, cov, count) (which uses other random numbers).

    Parameters
    ----------
    rng : numpy.random.Generator
    means : array of shape (K, 2)
    factors : array of shape (K, 2, 2)
        Lower-triangular, e.g. cholesky_2x2(cov) of each component.
    counts : list of K whole numbers

    Returns
    -------
    points : array of shape (N, 2), N = sum(counts)
    labels : int array of shape (N,)
        The component each point came from (0 for the first).
    """
    points = rng.standard_normal((int(sum(counts)), 2))
    start = 0
    for mean, factor, n in zip(means, factors, counts):
        block = points[start : start + n]
        (l00, _), (l10, l11) = factor
        block[:, 1] *= l11  # y first: it needs the untouched x
        if l10:
            block[:, 1] += l10 * block[:, 0]
        block[:, 0] *= l00
        block += mean
        start += n
    labels = np.repeat(np.arange(len(counts)), counts)
    return points, labels


def cumulative(p: np.ndarray) -> np.ndarray:
    """Running totals of a die's side probabilities, safe for np.searchsorted.

    np.cumsum of probabilities that add up to 1 may end at 0.9999999999999999, and may
    creep just above 1 before the end. So the totals are capped at 1, and every total from
    the last side with a positive probability on is exactly 1. A side of probability 0
    then has the same total as the side before it, so no roll ever lands on it.

    Parameters
    ----------
    p : array of shape (n_sides,), or (n_dice, n_sides) for one die per row
        Non-negative, each die's row adding up to 1.

    Returns
    -------
    cum : array of the shape of p
        Non-decreasing along each row, ending in exactly 1.
    """
    n_sides = np.shape(p)[-1]
    cum = np.minimum(np.cumsum(p, axis=-1), 1.0)
    last = n_sides - 1 - np.argmax(np.flip(p, axis=-1) > 0, axis=-1)  # last side with p > 0
    cum[np.arange(n_sides) >= np.expand_dims(last, -1)] = 1.0
    return cum


def roll(cum: np.ndarray, u: np.ndarray) -> np.ndarray:
    """The sides a die shows for uniform numbers u in [0, 1): the worksheet's argmax(multinomial(1, p)).

    Side j comes up when u lands in [cum[j-1], cum[j]), an interval of length p[j].

    Parameters
    ----------
    cum : array of shape (n_sides,)
        cumulative(p) of the die.
    u : array of any shape
        Uniform numbers, e.g. rng.random(n_rolls).

    Returns
    -------
    sides : int array of the shape of u
    """
    return np.searchsorted(cum, u, side="right")
