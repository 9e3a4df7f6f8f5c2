"""Sampling 2-D points from a mixture of Gaussians, as in the worksheet's first half."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np

from ._checks import as_finite_array, check_count, check_list, check_rng
from .limits import MAX_ABS, MAX_COMPONENTS, MAX_POINTS
from .recipes import cholesky_2x2, mixture_points

# Relative tolerance for "symmetric" and "positive semi-definite" (rounding from typed decimals).
_TOL = 1e-9


def check_mean(mean: Any) -> np.ndarray:
    """``mean`` as a float array of shape (2,), finite and within ``MAX_ABS``, else ``ValueError``."""
    mean = as_finite_array(mean, "The mean", (2,))
    if np.any(np.abs(mean) > MAX_ABS):
        raise ValueError(f"Each mean coordinate must lie between -{MAX_ABS:g} and {MAX_ABS:g}.")
    return mean


def _max_covariance(var_x: float, var_y: float) -> float:
    """The largest ``|covariance|`` two variances allow: ``sqrt(var_x) * sqrt(var_y)``.

    A product of square roots, not ``sqrt(var_x * var_y)``: the product of two tiny
    variances underflows and loses its digits. The PSD check, ``from_variances`` and
    ``correlation`` all use this one expression, so a correlation of 1 passes the check.
    """
    return float(np.sqrt(max(var_x, 0.0)) * np.sqrt(max(var_y, 0.0)))


def check_covariance(cov: Any) -> np.ndarray:
    """``cov`` as a new symmetric positive semi-definite 2x2 float array, else ``ValueError``.

    Entries must be finite and within ``MAX_ABS``; asymmetry and negative variances within
    rounding (relative ``_TOL``) are tidied away.
    """
    cov = as_finite_array(cov, "The covariance", (2, 2))
    if np.any(np.abs(cov) > MAX_ABS):
        raise ValueError(f"Each covariance entry must lie between -{MAX_ABS:g} and {MAX_ABS:g}.")
    scale = max(float(np.abs(cov).max()), 1e-300)
    if abs(cov[0, 1] - cov[1, 0]) > _TOL * scale:
        raise ValueError(
            "The covariance must be symmetric: the top-right and bottom-left entries must be equal."
        )
    cov = (cov + cov.T) / 2
    a, b, c = cov[0, 0], cov[0, 1], cov[1, 1]
    if a < -_TOL * scale or c < -_TOL * scale:
        raise ValueError("The variances on the covariance's diagonal must not be negative.")
    # relative to a * c, not to the largest entry squared: [[0, 1], [1, 1e5]] is not PSD
    if abs(b) > _max_covariance(a, c) * (1 + _TOL / 2):
        raise ValueError(
            "This covariance is impossible (not positive semi-definite): the off-diagonal "
            "entry squared must not exceed the product of the two variances. Make the "
            "correlation weaker or the variances larger."
        )
    cov[0, 0], cov[1, 1] = max(a, 0.0), max(c, 0.0)
    return cov


def covariance_factor(cov: np.ndarray) -> np.ndarray:
    """Lower-triangular ``L`` with ``L @ L.T == cov`` for a 2x2 positive semi-definite ``cov``.

    This is the Cholesky factor, written out in closed form (:func:`~mixgen_core.recipes.cholesky_2x2`)
    so that it also works for singular (flat) covariances, where ``np.linalg.cholesky`` fails.

    Parameters
    ----------
    cov : array of shape (2, 2)

    Returns
    -------
    L : array of shape (2, 2)

    Raises
    ------
    ValueError
        If ``cov`` is not a finite, symmetric, positive semi-definite 2x2 matrix with
        entries between ``-MAX_ABS`` and ``MAX_ABS``.
    """
    return cholesky_2x2(check_covariance(cov))


@dataclass(frozen=True)
class GaussianComponent:
    """One 2-D Gaussian of the mixture and how many points to draw from it.

    Parameters
    ----------
    mean : sequence of 2 floats
        Centre of the cloud of points.
    cov : 2x2 nested sequence of floats
        Covariance matrix: symmetric and positive semi-definite. Its diagonal holds the
        variances along x and y; the off-diagonal entry says how x and y vary together.
    count : int
        Number of points to draw from this component (0 allowed).

    Raises
    ------
    ValueError
        If the mean or covariance is not finite, has the wrong shape, is too large, or the
        covariance is not symmetric or not positive semi-definite, or the count is invalid.
    """

    mean: np.ndarray
    cov: np.ndarray
    count: int = 20
    factor: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        mean = check_mean(self.mean)
        cov = check_covariance(self.cov)
        count = check_count(self.count, "The number of points", maximum=MAX_POINTS)
        mean.flags.writeable = False
        cov.flags.writeable = False
        factor = covariance_factor(cov)
        factor.flags.writeable = False
        object.__setattr__(self, "mean", mean)
        object.__setattr__(self, "cov", cov)
        object.__setattr__(self, "count", count)
        object.__setattr__(self, "factor", factor)

    @classmethod
    def from_variances(
        cls, mean: Sequence[float], variances: Sequence[float], correlation: float, count: int = 20
    ) -> "GaussianComponent":
        """Build a component from the variances along x and y and their correlation.

        Any variances ``>= 0`` and ``-1 <= correlation <= 1`` give a valid covariance,
        which is why the page offers these three numbers instead of raw covariance
        entries. With correlation 0 the covariance is ``diag(variances)`` exactly, as in
        the worksheet.
        """
        var = as_finite_array(variances, "The variances", (2,))
        if np.any(var < 0):
            raise ValueError("A variance (the spread squared) must not be negative.")
        if np.any(var > MAX_ABS):
            raise ValueError(f"Each variance must be at most {MAX_ABS:g}.")
        rho = float(as_finite_array(correlation, "The correlation", ()))
        if not -1 <= rho <= 1:
            raise ValueError("The correlation must lie between -1 and 1.")
        off = rho * _max_covariance(var[0], var[1])
        return cls(mean=mean, cov=[[var[0], off], [off, var[1]]], count=count)

    @property
    def correlation(self) -> float:
        """Correlation between x and y (0 when either variance is 0)."""
        vx, vy = np.diag(self.cov)
        spread = _max_covariance(vx, vy)
        return float(np.clip(self.cov[0, 1] / spread, -1.0, 1.0)) if spread > 0 else 0.0


@dataclass(frozen=True)
class GaussianSample:
    """Points drawn from a mixture and the component each came from.

    Attributes
    ----------
    points : float array of shape (N, 2)
    labels : int array of shape (N,)
        ``labels[n]`` is the index of the component that point ``n`` was drawn from.
        Points are grouped by component, in component order, as in the worksheet.
    """

    points: np.ndarray
    labels: np.ndarray


def check_components(components: Any) -> list[GaussianComponent]:
    """``components`` as a list of 1 to ``MAX_COMPONENTS`` components whose counts add up
    to at most ``MAX_POINTS``, else ``ValueError``."""
    components = check_list(
        components, "components", "GaussianComponent objects", GaussianComponent,
        "a GaussianComponent (a mean, a covariance and a count)", minimum=1, maximum=MAX_COMPONENTS,
    )
    total = sum(c.count for c in components)
    if total > MAX_POINTS:
        raise ValueError(
            f"That is {total:,} points in all; the most this app draws is {MAX_POINTS:,}. "
            "Use fewer points per component."
        )
    return components


def sample_gaussian_mixture(
    components: Sequence[GaussianComponent], rng: np.random.Generator
) -> GaussianSample:
    """Draw ``component.count`` points from each Gaussian and stack them, as the worksheet does.

    The draw is :func:`~mixgen_core.recipes.mixture_points`: ``z @ L.T + mean`` with
    ``z = rng.standard_normal((N, 2))`` for all ``N`` points at once (component 0's rows
    first) and ``L`` the component's :func:`covariance_factor` (its Cholesky factor), done
    in place. The take-home script runs that same function, so plain numpy with the same
    seed reproduces the sample bit for bit.

    Parameters
    ----------
    components : sequence of GaussianComponent
        Between 1 and ``MAX_COMPONENTS`` components, at most ``MAX_POINTS`` points in all.
    rng : numpy.random.Generator
        Source of randomness: the same seed gives the same sample.

    Returns
    -------
    GaussianSample
        ``points`` of shape (N, 2) and ``labels`` of shape (N,), N the sum of the counts.
    """
    components = check_components(components)
    rng = check_rng(rng)
    means = np.array([c.mean for c in components])
    factors = np.array([c.factor for c in components])
    points, labels = mixture_points(rng, means, factors, [c.count for c in components])
    return GaussianSample(points=points, labels=labels)
