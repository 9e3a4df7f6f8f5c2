"""Choosing the number of components of a Gaussian mixture: the Bayesian information criterion."""

from __future__ import annotations

from typing import Iterable

import numpy as np

from ._checks import check_count, check_list
from .gmm import GMMFit, GMMParams, fit_gmm, mean_log_likelihood
from .limits import MAX_COMPONENTS, MAX_INIT


def n_free_parameters(n_components: int) -> int:
    """Free numbers in a K-component mixture of 2-D Gaussians with full covariances.

    K - 1 weights (they sum to 1), 2K mean coordinates and 3K covariance entries
    (two variances and one covariance each): ``6K - 1``.
    """
    k = check_count(n_components, "The number of components", minimum=1, maximum=MAX_COMPONENTS)
    return (k - 1) + 2 * k + 3 * k


def bic(points: np.ndarray, fit_or_params: GMMFit | GMMParams) -> float:
    """Bayesian information criterion: lower is better.

    ``BIC = -2 * total log-likelihood + (number of free parameters) * log N``: a better
    fit lowers the first term, every extra component raises the second, so the K with
    the lowest BIC balances fitting the points against inventing structure.

    Parameters
    ----------
    points : array of shape (N, 2)
        The points the mixture was fitted to.
    fit_or_params : GMMFit or GMMParams

    Returns
    -------
    float
    """
    params = fit_or_params.params if isinstance(fit_or_params, GMMFit) else fit_or_params
    ll = mean_log_likelihood(points, params)  # also checks points and params
    n = len(points)
    return -2.0 * n * ll + n_free_parameters(params.n_components) * float(np.log(n))


def bic_curve(
    points: np.ndarray,
    ks: Iterable[int],
    rng: np.random.Generator,
    *,
    n_init: int = 3,
    max_iter: int = 100,
    tol: float = 1e-3,
    reg_covar: float = 1e-6,
) -> dict[int, float]:
    """BIC of the best of ``n_init`` fits for each number of components in ``ks``.

    Parameters
    ----------
    points : array of shape (N, 2)
    ks : iterable of int
        Numbers of components to try, each between 1 and ``MAX_COMPONENTS``.
    rng : numpy.random.Generator
    n_init, max_iter, tol, reg_covar
        Passed to :func:`~mixgen_core.gmm.fit_gmm` (``n_init`` at most ``MAX_INIT``).

    Returns
    -------
    dict
        ``{k: bic}`` in increasing k; ``min(curve, key=curve.get)`` is the chosen K.
    """
    ks = check_list(ks, "ks", "numbers of components (for example range(1, 9))",
                    (int, float, np.integer, np.floating), "a whole number")
    ks = sorted({check_count(k, "Each number of components", minimum=1, maximum=MAX_COMPONENTS) for k in ks})
    if not ks:
        raise ValueError("Give at least one number of components to try.")
    check_count(n_init, "n_init", minimum=1, maximum=MAX_INIT)
    return {
        k: bic(points, fit_gmm(points, k, rng, n_init=n_init, max_iter=max_iter, tol=tol, reg_covar=reg_covar))
        for k in ks
    }
