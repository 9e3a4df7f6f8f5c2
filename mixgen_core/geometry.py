"""Shapes drawn over the points: the ellipse of a 2-D Gaussian at so many standard deviations."""

from __future__ import annotations

import numpy as np

from ._checks import as_finite_array, check_count
from .gaussians import check_mean, covariance_factor
from .limits import MAX_ELLIPSE_POINTS, MAX_N_SD


def ellipse_points(mean: np.ndarray, cov: np.ndarray, n_sd: float, n_points: int = 73) -> np.ndarray:
    """Points on the contour of a 2-D Gaussian at ``n_sd`` standard deviations (Mahalanobis distance).

    Parameters
    ----------
    mean : array of shape (2,)
    cov : array of shape (2, 2), symmetric positive semi-definite
    n_sd : float
        1 encloses about 39% of the points of a 2-D Gaussian, 2 about 86%.
    n_points : int
        Points on the closed curve (the first is repeated at the end).

    Returns
    -------
    array of shape (n_points, 2)

    Raises
    ------
    ValueError
        For a mean or covariance that :class:`~mixgen_core.GaussianComponent` would refuse,
        ``n_sd`` outside 0 to ``MAX_N_SD`` or ``n_points`` outside 2 to ``MAX_ELLIPSE_POINTS``.
    """
    mean = check_mean(mean)
    factor = covariance_factor(cov)  # checks cov
    n_sd = float(as_finite_array(n_sd, "n_sd", ()))
    if not 0 <= n_sd <= MAX_N_SD:
        raise ValueError(f"n_sd must be a number of standard deviations between 0 and {MAX_N_SD:g}.")
    n_points = check_count(n_points, "The number of points on the ellipse", minimum=2, maximum=MAX_ELLIPSE_POINTS)
    angle = np.linspace(0.0, 2.0 * np.pi, n_points)
    circle = np.stack([np.cos(angle), np.sin(angle)], axis=1) * n_sd
    return mean + circle @ factor.T
