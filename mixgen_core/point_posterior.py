"""One point's E-step written out: Bayes' rule for which Gaussian it came from, with every number.

For each Gaussian ``k`` the point ``x`` gets a prior (the mixing weight ``pi_k``), a density
``N(x | mu_k, Sigma_k)`` and their product; its responsibility is that product's share of the
sum over all Gaussians. The sum is formed in log space (log-sum-exp), so a point far from
every cloud, whose densities all underflow to 0, still gets shares that sum to 1: the wider
cloud, whose density falls off more slowly, takes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ._checks import as_finite_array
from .gmm import GMMParams
from .limits import MAX_COORDINATE

_LOG_2PI = float(np.log(2 * np.pi))


@dataclass(frozen=True)
class PointPosterior:
    """Bayes' rule for one point under a mixture of K Gaussians (see :func:`point_posterior`).

    Attributes
    ----------
    point : array of shape (2,)
    log_prior : array of shape (K,)
        ``log pi_k``: the log of each mixing weight (``-inf`` for a weight of 0).
    log_density : array of shape (K,)
        ``log N(point | mu_k, Sigma_k)``.
    log_joint : array of shape (K,)
        ``log_prior + log_density``: the log of weight times density.
    log_evidence : float
        ``log sum_k pi_k N(point | mu_k, Sigma_k)``, the log density of the whole mixture.
    responsibility : array of shape (K,)
        Each Gaussian's share of the sum: the posterior probability that the point came
        from it. Non-negative, sums to 1.
    mahalanobis : array of shape (K,)
        The point's distance from each centre in that Gaussian's own spreads (standard
        deviations along the direction of the point): 1 on its one-spread ellipse.
    """

    point: np.ndarray
    log_prior: np.ndarray
    log_density: np.ndarray
    log_joint: np.ndarray
    log_evidence: float
    responsibility: np.ndarray
    mahalanobis: np.ndarray

    @property
    def weight(self) -> np.ndarray:
        """(K,) mixing weights, ``exp(log_prior)``."""
        return np.exp(self.log_prior)

    @property
    def density(self) -> np.ndarray:
        """(K,) densities at the point; may underflow to 0 far from a cloud (the logs do not)."""
        return np.exp(self.log_density)

    @property
    def joint(self) -> np.ndarray:
        """(K,) weight times density; may underflow to 0 (``responsibility`` never does)."""
        return np.exp(self.log_joint)


def point_posterior(point: Any, weights: Any, means: Any, covariances: Any) -> PointPosterior:
    """Which Gaussian did this point come from? Bayes' rule with every term, in log space.

    Parameters
    ----------
    point : array-like of shape (2,)
        Finite coordinates, each between ``-MAX_COORDINATE`` and ``MAX_COORDINATE``.
    weights : array-like of shape (K,)
        Mixing weights: non-negative, not all 0 (normalised to sum to 1).
    means : array-like of shape (K, 2)
    covariances : array-like of shape (K, 2, 2)
        Symmetric positive-definite matrices.

    Returns
    -------
    PointPosterior
        ``log_prior``, ``log_density``, ``log_joint``, ``responsibility`` and ``mahalanobis``,
        each of shape (K,), and ``log_evidence``.

    Raises
    ------
    ValueError
        If the point is not two finite numbers, or the mixture is not valid (shapes that
        disagree, a NaN, a covariance that is not positive definite; see ``GMMParams``), or
        the point is so far from every Gaussian that even the logs of their densities
        overflow.
    """
    x = as_finite_array(point, "The point", (2,)).copy()  # frozen below: never the caller's array
    if np.abs(x).max() > MAX_COORDINATE:
        raise ValueError(f"Each coordinate of the point must lie between -{MAX_COORDINATE:g} and {MAX_COORDINATE:g}.")
    params = GMMParams(weights, means, covariances)
    cov = params.covariances
    a, b, c = cov[:, 0, 0], cov[:, 0, 1], cov[:, 1, 1]
    det = a * c - b * b
    # Whitened coordinates (Cholesky factor of each covariance): no squared coordinate before
    # the division by a spread, so distances stay finite for any point a GMMParams allows.
    dx, dy = x[0] - params.means[:, 0], x[1] - params.means[:, 1]
    with np.errstate(over="ignore"):
        z1 = dx / np.sqrt(a)
        z2 = (dy - (b / a) * dx) / np.sqrt(det / a)
        distance = np.hypot(z1, z2)
        log_density = -_LOG_2PI - 0.5 * np.log(det) - 0.5 * distance**2
    with np.errstate(divide="ignore"):
        log_prior = np.log(params.weights)
    log_joint = log_prior + log_density
    top = log_joint.max()
    if not np.isfinite(top):
        raise ValueError("The point is too far from every Gaussian for their densities to be compared.")
    shifted = np.exp(log_joint - top)
    total = shifted.sum()
    responsibility = shifted / total
    for arr in (x, log_prior, log_density, log_joint, responsibility, distance):
        arr.flags.writeable = False
    return PointPosterior(
        point=x,
        log_prior=log_prior,
        log_density=log_density,
        log_joint=log_joint,
        log_evidence=float(top + np.log(total)),
        responsibility=responsibility,
        mahalanobis=distance,
    )
