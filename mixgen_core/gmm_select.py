"""Judging a Gaussian-mixture fit: how many components (BIC) and which fitted one is which."""

from __future__ import annotations

from typing import Iterable

import numpy as np

from ._checks import as_finite_array, check_count
from .alignment import MAX_ALIGN, best_permutation
from .gaussians import MAX_COMPONENTS
from .gmm import MAX_INIT, GMMFit, GMMParams, fit_gmm, mean_log_likelihood


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
    if isinstance(ks, str) or not hasattr(ks, "__iter__"):
        raise ValueError("ks must be a list of numbers of components, for example range(1, 9).")
    ks = sorted({check_count(k, "Each number of components", minimum=1, maximum=MAX_COMPONENTS) for k in ks})
    if not ks:
        raise ValueError("Give at least one number of components to try.")
    check_count(n_init, "n_init", minimum=1, maximum=MAX_INIT)
    return {
        k: bic(points, fit_gmm(points, k, rng, n_init=n_init, max_iter=max_iter, tol=tol, reg_covar=reg_covar))
        for k in ks
    }


def align_components(true_means: np.ndarray, fitted_means: np.ndarray) -> np.ndarray:
    """Match each true component to a distinct fitted one, by closest means.

    EM numbers its components arbitrarily; this finds the one-to-one matching with the
    smallest total squared distance between matched means (trying every permutation).

    Parameters
    ----------
    true_means : array of shape (K_true, 2)
    fitted_means : array of shape (K_fit, 2)
        K_true and K_fit may differ; each is at most ``MAX_ALIGN``.

    Returns
    -------
    match : int array of shape (K_true,)
        ``match[i]`` is the fitted component matched to true component ``i``, or -1
        when there are fewer fitted components and ``i`` is left unmatched.
    """
    true_means = as_finite_array(true_means, "The true means", (None, 2))
    fitted_means = as_finite_array(fitted_means, "The fitted means", (None, 2))
    for name, arr in (("true", true_means), ("fitted", fitted_means)):
        if not 1 <= len(arr) <= MAX_ALIGN:
            raise ValueError(f"There must be between 1 and {MAX_ALIGN} {name} means.")
    # relative to the spread, so the squared distances cannot overflow
    both = np.concatenate([true_means, fitted_means])
    top = float(np.abs(both).max())
    if top > 0:  # first a power-of-two scale (exact) to below 1, so the mean cannot overflow
        both = np.ldexp(both, -int(np.frexp(top)[1]))
    centred = (both - both.mean(axis=0)) / max(float(np.abs(both - both.mean(axis=0)).max()), 1e-300)
    diff = centred[: len(true_means), None, :] - centred[None, len(true_means) :, :]
    return best_permutation((diff**2).sum(axis=2))


def _whole_numbers(value: object, message: str) -> np.ndarray:
    """``value`` as a 1-D integer array, else ``ValueError(message)`` (also for ragged lists)."""
    try:
        arr = np.asarray(value)
    except (TypeError, ValueError, OverflowError):
        raise ValueError(message) from None
    if arr.ndim != 1 or not np.issubdtype(arr.dtype, np.integer):
        raise ValueError(message)
    return arr


def relabel(fitted_labels: np.ndarray, match: np.ndarray) -> np.ndarray:
    """Translate fitted component numbers into the matched true component numbers.

    Parameters
    ----------
    fitted_labels : int array of shape (N,)
        Hard assignments, e.g. ``fit.labels``.
    match : int array of shape (K_true,)
        From :func:`align_components`.

    Returns
    -------
    int array of shape (N,)
        The true component matched to each point's fitted component, or -1 where that
        fitted component matches no true one.
    """
    labels = _whole_numbers(fitted_labels, "The fitted labels must be a 1-D array of whole numbers.")
    match = _whole_numbers(match, "The match must be a 1-D array of whole numbers, as align_components returns.")
    if labels.size and labels.min() < 0:
        raise ValueError("The fitted labels must not be negative.")
    if labels.size and labels.max() >= MAX_ALIGN or match.size and match.max() >= MAX_ALIGN:
        raise ValueError(f"Component numbers must be below {MAX_ALIGN}: a fit has at most {MAX_ALIGN} components.")
    if match.size and match.min() < -1:
        raise ValueError("The match may only hold component numbers and -1 (unmatched).")
    size = max(int(match.max(initial=-1)), int(labels.max(initial=-1))) + 1
    to_true = np.full(size, -1)
    matched = match >= 0
    to_true[match[matched]] = np.flatnonzero(matched)
    return to_true[labels]


def agreement_rate(true_labels: np.ndarray, fitted_labels: np.ndarray, match: np.ndarray) -> float:
    """Fraction of points whose fitted component is matched to the component they came from.

    Parameters
    ----------
    true_labels : int array of shape (N,)
    fitted_labels : int array of shape (N,)
    match : int array of shape (K_true,)
        From :func:`align_components`.

    Returns
    -------
    float between 0 and 1
    """
    true_labels = _whole_numbers(true_labels, "The true labels must be a 1-D array of whole numbers.")
    relabelled = relabel(fitted_labels, match)
    if true_labels.shape != relabelled.shape:
        raise ValueError("There must be one true label per fitted label.")
    if relabelled.size == 0:
        raise ValueError("There are no labels to compare.")
    return float(np.mean(relabelled == true_labels))
