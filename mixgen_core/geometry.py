"""Shapes drawn over the points: the ellipse of a 2-D Gaussian at so many standard deviations."""

from __future__ import annotations

import numpy as np

from .gaussians import covariance_factor


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
    """
    angle = np.linspace(0.0, 2.0 * np.pi, n_points)
    circle = np.stack([np.cos(angle), np.sin(angle)], axis=1) * n_sd
    return np.asarray(mean, dtype=float) + circle @ covariance_factor(np.asarray(cov, dtype=float)).T
