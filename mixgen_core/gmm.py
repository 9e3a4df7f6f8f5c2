"""Fitting a mixture of 2-D Gaussians to points with EM: "reason back" to the Gaussians.

The worksheet draws points from three Gaussians and asks whether we could guess, from
the uncoloured cloud, which points came from the same Gaussian. Expectation-maximisation
(EM) answers by alternating two steps:

* **E-step**: for every point, how responsible is each component for it (Bayes' rule)?
* **M-step**: refit each component's weight, mean and covariance to the points, each
  point counted with its responsibility.

Each round never lowers the likelihood of the data, so the fit climbs to a (local) best.

Numerical design
----------------
* All 2x2 algebra is written out in closed form. Inside a fit every covariance is kept
  as its eigen-decomposition (two variances along two perpendicular axes), so its
  determinant is the product of the variances and its inverse is a rotation plus a
  scaling: no cancellation, and the Mahalanobis distances of all points to all
  components come from one small matrix product.
* Points are standardised internally (centred, divided by a power of two, which is
  exact in floating point), so huge or tiny coordinates neither overflow nor underflow.
* ``reg_covar`` is a floor on each covariance's variances (its eigenvalues), not an
  amount added to the diagonal. Adding ``reg_covar`` (as scikit-learn does) is not the
  maximiser of any fixed objective, so the plain likelihood can then go down near the end
  of a fit. The floor is the exact M-step for Gaussians whose covariances may not be
  flatter than ``reg_covar`` in any direction, so the likelihood provably never decreases
  and flat (collinear) clusters stay finite. For data spread over more than about 100
  units the floor is raised to ``1e-10 * scale**2`` (``scale`` about half the range of
  the points) so that covariances rebuilt from their entries stay positive definite.
* A component whose total responsibility falls below ``COLLAPSE_SIZE`` points has
  collapsed: it keeps its previous mean and covariance and its (near-zero) weight. The
  other components are updated exactly, so this is still a valid EM step (the likelihood
  still cannot decrease), and nothing becomes NaN. The page can show the student the
  component that lost all its points.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ._checks import as_finite_array, check_count, check_probabilities, check_rng
from .centres import (
    Frame,
    check_init,
    check_points,
    kmeans_plus_plus,
    nearest_centre,
    random_points,
    standardised_means,
)
from .limits import MAX_COMPONENTS, MAX_COORDINATE, MAX_COVARIANCE, MAX_GMM_ITER, MAX_INIT, MAX_REG_COVAR
from .restarts import keep_best

#: A component responsible for fewer points than this (in total) has collapsed.
COLLAPSE_SIZE = 1e-8
# Smallest variance relative to the squared data scale (see the module docstring).
_REL_FLOOR = 1e-10
_LOG_2PI = float(np.log(2 * np.pi))


@dataclass(frozen=True)
class GMMParams:
    """One state of a Gaussian mixture: what EM's history records after each step.

    Parameters
    ----------
    weights : array of shape (K,)
        Mixing weights: non-negative, normalised to sum to 1.
    means : array of shape (K, 2)
    covariances : array of shape (K, 2, 2)
        Symmetric positive-definite covariance matrices.

    Raises
    ------
    ValueError
        If the shapes disagree, a number is not finite, or a covariance is not
        symmetric positive definite.
    """

    weights: np.ndarray
    means: np.ndarray
    covariances: np.ndarray

    def __post_init__(self) -> None:
        means = as_finite_array(self.means, "The means", (None, 2))
        k = means.shape[0]
        if not 1 <= k <= MAX_COMPONENTS:
            raise ValueError(f"A mixture needs between 1 and {MAX_COMPONENTS} components.")
        weights = check_probabilities(self.weights, "The weights", k)
        covs = as_finite_array(self.covariances, "The covariances", (k, 2, 2))
        if np.abs(means).max() > MAX_COORDINATE:
            raise ValueError(f"Each mean coordinate must lie between -{MAX_COORDINATE:g} and {MAX_COORDINATE:g}.")
        if np.abs(covs).max() > MAX_COVARIANCE:
            raise ValueError(f"Each covariance entry must lie between -{MAX_COVARIANCE:g} and {MAX_COVARIANCE:g}.")
        a, b, c = covs[:, 0, 0], covs[:, 0, 1], covs[:, 1, 1]
        scale = np.maximum(np.abs(covs).max(axis=(1, 2)), 1e-300)
        if np.any(np.abs(b - covs[:, 1, 0]) > 1e-9 * scale):
            raise ValueError("Each covariance must be symmetric: top-right and bottom-left entries equal.")
        if np.any(_eig2(a, b, c)[1] <= 0):
            raise ValueError(
                "Each covariance must be positive definite: both variances positive and the "
                "off-diagonal entry squared smaller than their product."
            )
        means, covs = means.copy(), covs.copy()  # never freeze the caller's arrays
        covs[:, 1, 0] = b
        for arr in (weights, means, covs):
            arr.flags.writeable = False
        object.__setattr__(self, "weights", weights)
        object.__setattr__(self, "means", means)
        object.__setattr__(self, "covariances", covs)

    @property
    def n_components(self) -> int:
        return len(self.weights)


@dataclass(frozen=True)
class GMMFit:
    """Result of :func:`fit_gmm`.

    Attributes
    ----------
    weights : array of shape (K,)
    means : array of shape (K, 2)
    covariances : array of shape (K, 2, 2)
    responsibilities : array of shape (N, K)
        ``responsibilities[n, k]``: probability that point ``n`` came from component ``k``
        under the final parameters. Rows sum to 1.
    log_likelihoods : array of shape (n_iter,)
        Mean log-likelihood per point of the parameters after each iteration
        (``log_likelihoods[i - 1]`` belongs to ``history[i]``). Never decreases.
    converged : bool
        True if the last improvement was below ``tol`` before ``max_iter`` iterations.
    n_iter : int
        Number of EM iterations run (in the best restart).
    history : tuple of GMMParams, length n_iter + 1
        ``history[0]`` is the initialisation, ``history[i]`` the state after iteration ``i``.
    """

    weights: np.ndarray
    means: np.ndarray
    covariances: np.ndarray
    responsibilities: np.ndarray
    log_likelihoods: np.ndarray
    converged: bool
    n_iter: int
    history: tuple[GMMParams, ...]

    @property
    def params(self) -> GMMParams:
        """The final state, the same as ``history[-1]``."""
        return self.history[-1]

    @property
    def labels(self) -> np.ndarray:
        """Hard assignments, shape (N,): the most responsible component of each point."""
        return np.argmax(self.responsibilities, axis=1)


# --- internal representation -------------------------------------------------------------
# A state inside a fit is (weights (K,), means (K, 2), variances (K, 2), axes (K, 2)) in
# standardised coordinates: component k's covariance is R diag(variances[k]) R^T where R
# rotates by the angle whose (cos, sin) is axes[k].
_State = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def _eig2(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Closed-form eigen-decomposition of symmetric 2x2 matrices [[a, b], [b, c]].

    Returns the larger eigenvalues, the smaller ones, and (cos, sin) of the angle of the
    larger one's eigenvector, shape (K, 2).
    """
    mid, half_diff = a / 2 + c / 2, a / 2 - c / 2  # halved first: no overflow
    radius = np.hypot(half_diff, b)
    angle = 0.5 * np.arctan2(b, half_diff)
    return mid + radius, mid - radius, np.stack([np.cos(angle), np.sin(angle)], axis=1)


def _covariances(variances: np.ndarray, axes: np.ndarray) -> np.ndarray:
    """Covariance matrices (K, 2, 2) from variances along the axes (K, 2) and axes (K, 2)."""
    cos, sin = axes[:, 0], axes[:, 1]
    v1, v2 = variances[:, 0], variances[:, 1]
    off = (v1 - v2) * cos * sin
    return np.stack(
        [np.stack([v1 * cos**2 + v2 * sin**2, off], 1), np.stack([off, v1 * sin**2 + v2 * cos**2], 1)], 1
    )


def _floor(frame: Frame, reg_covar: float) -> float:
    """Smallest variance allowed, in standardised units."""
    return max(reg_covar / frame.scale / frame.scale, _REL_FLOOR)


def _log_jacobian(frame: Frame) -> float:
    """Log-density in data units = log-density in standardised units minus this."""
    return 2 * float(np.log(frame.scale))


def _to_state(frame: Frame, params: GMMParams) -> _State:
    """``params`` in standardised units; refused when a component is far too narrow, wide or far."""
    with np.errstate(over="ignore"):  # a far too wide component for tightly packed points: refused below
        covs = params.covariances / frame.scale / frame.scale
    means = (params.means - frame.center) / frame.scale
    too_wide = not np.abs(covs).max() <= 1e200  # also catches infinity
    if not too_wide:
        big, small, axes = _eig2(covs[:, 0, 0], covs[:, 0, 1], covs[:, 1, 1])
    # bounds that keep squared whitened distances below 1e200 (no overflow)
    if too_wide or np.any(small < 1e-100) or np.any(np.abs(means) > 1e50):
        raise ValueError(
            "A component is far too narrow, too wide or too far away, compared with the spread "
            "of the points: give it a covariance nearer their spread or a mean nearer the points."
        )
    return params.weights, means, np.stack([big, small], axis=1), axes


def _to_params(frame: Frame, state: _State) -> GMMParams:
    """A standardised state as parameters in data units."""
    weights, means, variances, axes = state
    return GMMParams(
        weights=weights,
        means=means * frame.scale + frame.center,
        covariances=_covariances(variances, axes) * frame.scale * frame.scale,
    )


def _features(z: np.ndarray) -> np.ndarray:
    """Per-point sufficient statistics (N, 6): 1, x, y, x^2, xy, y^2, for one-pass M-steps."""
    x, y = z[0], z[1]
    return np.stack([np.ones_like(x), x, y, x * x, x * y, y * y], axis=1)


def _e_step(z: np.ndarray, state: _State) -> tuple[np.ndarray, float]:
    """Responsibilities (K, N) and mean log-likelihood (standardised units) of ``state``.

    ``z`` is (3, N): standardised x, y and a row of ones. With
    ``A_k = diag(variances)^(-1/2) R^T`` the Mahalanobis distance is ``|A_k (z - mu_k)|^2``,
    so one (2K x 3) @ (3 x N) product whitens the points for all components at once.
    """
    weights, means, variances, axes = state
    k = len(weights)
    cos, sin = axes[:, 0], axes[:, 1]
    inv_sd = np.sqrt(0.5 / variances)  # the 1/2 of the Gaussian's exponent folded in
    whiten = np.stack(
        [np.stack([cos, sin], 1) * inv_sd[:, :1], np.stack([-sin, cos], 1) * inv_sd[:, 1:]], 1
    )  # (K, 2, 2): rows are the axes divided by their standard deviations
    shift = -np.einsum("kij,kj->ki", whiten, means)[:, :, None]
    t = np.concatenate([whiten, shift], axis=2).reshape(2 * k, 3) @ z
    np.square(t, out=t)
    half_maha = t[0::2]
    half_maha += t[1::2]
    log_w = np.full(k, -np.inf)
    np.log(weights, out=log_w, where=weights > 0)  # a collapsed component may weigh exactly 0
    const = log_w - _LOG_2PI - 0.5 * np.log(variances).sum(axis=1)
    log_p = np.subtract(const[:, None], half_maha, out=half_maha)  # (K, N) log(w_k N(z_n | k))
    # log-sum-exp over components, then normalise in place into responsibilities
    top = log_p.max(axis=0)
    log_p -= top
    np.exp(log_p, out=log_p)
    total = log_p.sum(axis=0)
    log_p /= total
    np.log(total, out=total)
    total += top
    return log_p, float(total.mean())


def _m_step(features: np.ndarray, resp: np.ndarray, state: _State, floor: float) -> _State:
    """Exact M-step with every variance floored at ``floor``; collapsed components keep their shape."""
    moments = resp @ features  # (K, 6): weighted sums of 1, x, y, x^2, xy, y^2
    n_k = moments[:, 0]
    live = n_k >= COLLAPSE_SIZE
    safe_n = np.where(live, n_k, 1.0)[:, None]
    means = moments[:, 1:3] / safe_n
    second = moments[:, 3:6] / safe_n
    a = second[:, 0] - means[:, 0] ** 2
    b = second[:, 1] - means[:, 0] * means[:, 1]
    c = second[:, 2] - means[:, 1] ** 2
    big, small, axes = _eig2(a, b, c)
    # Flooring the eigenvalues (not adding to them) maximises the likelihood over
    # covariances no flatter than `floor`: the step stays exact EM.
    variances = np.maximum(np.stack([big, small], axis=1), floor)
    _, old_means, old_variances, old_axes = state
    keep = ~live[:, None]
    return (
        n_k / n_k.sum(),
        np.where(keep, old_means, means),
        np.where(keep, old_variances, variances),
        np.where(keep, old_axes, axes),
    )


def _init_state(z: np.ndarray, k: int, rng: np.random.Generator, floor: float) -> _State:
    """k-means++ seeding in standardised units (see :func:`init_params`)."""
    return _state_at_means(z, z[:2, kmeans_plus_plus(z, k, rng)].T, floor)


def _state_at_means(z: np.ndarray, means: np.ndarray, floor: float) -> _State:
    """Start at the given standardised means (K, 2): equal weights, and each mean's covariance
    that of its nearest points about it (the data's covariance when no point is nearest to it,
    or all such points sit on it)."""
    nearest, _ = nearest_centre(z[0], z[1], means)
    return _state_around(z, means, nearest, floor)


def _state_around(z: np.ndarray, means: np.ndarray, nearest: np.ndarray, floor: float) -> _State:
    """Equal weights, and each mean's covariance that of its nearest points about it (the data's
    covariance when no point is nearest to it, or all such points sit on it).

    ``z`` is (3, N) standardised points, ``means`` (K, 2), ``nearest`` (N,) each point's mean.
    """
    k = len(means)
    dx, dy = z[0] - means[nearest, 0], z[1] - means[nearest, 1]
    count = np.bincount(nearest, minlength=k).astype(float)
    sums = [np.bincount(nearest, w, minlength=k) for w in (dx * dx, dx * dy, dy * dy)]
    a, b, c = (np.divide(s, count, out=np.zeros(k), where=count > 0) for s in sums)
    empty = a + c <= 0
    data_cov = np.cov(z[:2])
    a = np.where(empty, data_cov[0, 0], a)
    b = np.where(empty, data_cov[0, 1], b)
    c = np.where(empty, data_cov[1, 1], c)
    big, small, axes = _eig2(a, b, c)
    variances = np.maximum(np.stack([big, small], axis=1), floor)
    return np.full(k, 1 / k), means, variances, axes


def _start_state(z: np.ndarray, k: int, rng: np.random.Generator, floor: float,
                 init: str | np.ndarray | GMMParams, frame: Frame) -> _State:
    """The starting state for ``init`` (already checked by :func:`_check_start`)."""
    if isinstance(init, GMMParams):
        return _to_state(frame, init)
    if isinstance(init, np.ndarray):
        return _state_at_means(z, standardised_means(frame, init), floor)
    if init == "random":
        return _state_at_means(z, z[:2, random_points(z, k, rng)].T.copy(), floor)
    return _init_state(z, k, rng, floor)


# --- input checks ------------------------------------------------------------------------
def _check_reg_covar(reg_covar: Any) -> float:
    """``reg_covar`` as a float in ``(0, MAX_REG_COVAR]``, else ``ValueError``."""
    reg = float(as_finite_array(reg_covar, "reg_covar", ()))
    if not 0 < reg <= MAX_REG_COVAR:
        raise ValueError(
            f"reg_covar must be a small positive number (at most {MAX_REG_COVAR:g}), for example 1e-6."
        )
    return reg


def _check_params(params: Any) -> GMMParams:
    """``params`` if it is a :class:`GMMParams`, else ``ValueError``."""
    if not isinstance(params, GMMParams):
        raise ValueError("params must be a GMMParams (weights, means, covariances), e.g. fit.history[0].")
    return params


def _check_start(init: Any, k: int, n_init: int) -> str | np.ndarray | GMMParams:
    """``init`` as :func:`fit_gmm` takes it: a seeding's name, K starting means or a whole
    starting state (:class:`GMMParams` of K components), else ``ValueError``."""
    if isinstance(init, GMMParams):
        if init.n_components != k:
            raise ValueError(
                f"The starting state in init has {init.n_components} components, but the fit asks for {k}."
            )
    else:
        init = check_init(init, k)
    if not isinstance(init, str) and n_init != 1:
        raise ValueError("With the start given in init, n_init must be 1: every restart would be the same.")
    return init


# --- public API --------------------------------------------------------------------------
def init_params(
    points: np.ndarray,
    n_components: int,
    rng: np.random.Generator,
    reg_covar: float = 1e-6,
    *,
    init: str | np.ndarray = "k-means++",
) -> GMMParams:
    """Starting parameters for EM: where :func:`fit_gmm` starts for the same arguments.

    The means depend on ``init``:

    * ``"k-means++"`` (default): the first mean is a point chosen uniformly at random; each
      next mean is a point chosen with probability proportional to its squared distance
      from the nearest mean so far, so the means start spread out.
    * ``"random"``: K points at K different places, drawn at random without replacement.
    * an array of shape (K, 2): these means, e.g. the student's own guess (K different
      finite means; ``rng`` is then not used).

    Each component's covariance is that of the points nearest to its mean (about the
    mean), or the whole data's covariance if no point other than one on the mean is
    nearest to it; variances are floored at ``reg_covar``. Weights are equal.

    Parameters
    ----------
    points : array of shape (N, 2)
    n_components : int
        K, between 1 and ``MAX_COMPONENTS``; the points must sit at K or more places.
    rng : numpy.random.Generator
    reg_covar : float
        Smallest variance of a component in any direction.
    init : {"k-means++", "random"} or array of shape (K, 2)
        How to choose the starting means (see above).

    Returns
    -------
    GMMParams
        Weights (K,), means (K, 2), covariances (K, 2, 2).
    """
    points = check_points(points, fitting=True)
    k = check_count(n_components, "The number of components", minimum=1, maximum=MAX_COMPONENTS)
    rng = check_rng(rng)
    reg = _check_reg_covar(reg_covar)
    init = check_init(init, k)
    frame = Frame.of(points)
    z = frame.standardise(points)
    return _to_params(frame, _start_state(z, k, rng, _floor(frame, reg), init, frame))


def responsibilities(points: np.ndarray, params: GMMParams) -> np.ndarray:
    """E-step: how responsible each component is for each point (Bayes' rule).

    Parameters
    ----------
    points : array of shape (N, 2)
    params : GMMParams with K components

    Returns
    -------
    array of shape (N, K)
        ``[n, k]`` = weight_k N(x_n | k) / sum_j weight_j N(x_n | j); rows sum to 1.
        Computed in log space, so far-away points get no NaN.
    """
    points = check_points(points, fitting=False)
    params = _check_params(params)
    frame = Frame.of(points)
    resp, _ = _e_step(frame.standardise(points), _to_state(frame, params))
    return np.ascontiguousarray(resp.T)


def mean_log_likelihood(points: np.ndarray, params: GMMParams) -> float:
    """Mean over the points of log p(x_n | params): higher means the mixture explains them better.

    Parameters
    ----------
    points : array of shape (N, 2)
    params : GMMParams

    Returns
    -------
    float
        The same number as scikit-learn's ``GaussianMixture.score``.
    """
    points = check_points(points, fitting=False)
    params = _check_params(params)
    frame = Frame.of(points)
    _, ll = _e_step(frame.standardise(points), _to_state(frame, params))
    return ll - _log_jacobian(frame)


def fit_gmm(
    points: np.ndarray,
    n_components: int,
    rng: np.random.Generator,
    *,
    max_iter: int = 100,
    tol: float = 1e-3,
    n_init: int = 1,
    reg_covar: float = 1e-6,
    init: str | np.ndarray | GMMParams = "k-means++",
) -> GMMFit:
    """Fit a mixture of ``n_components`` 2-D Gaussians to ``points`` by EM.

    Parameters
    ----------
    points : array of shape (N, 2)
        At most ``MAX_POINTS`` finite points, sitting at ``n_components`` or more places.
    n_components : int
        K, between 1 and ``MAX_COMPONENTS``.
    rng : numpy.random.Generator
        Seeds the initialisations: the same seed gives the same fit.
    max_iter : int
        Most EM iterations per restart, 1 to ``MAX_GMM_ITER``.
    tol : float
        Stop when the mean log-likelihood improves by less than this. With 0, all
        ``max_iter`` iterations run (then ``converged`` is False).
    n_init : int
        Restarts from different seeds, 1 to ``MAX_INIT``; the one with the highest final
        log-likelihood is kept.
    reg_covar : float
        Smallest variance of a component in any direction: keeps flat clusters finite.
    init : {"k-means++", "random"}, array of shape (K, 2) or GMMParams, default "k-means++"
        Where EM starts. ``"k-means++"`` spreads the means out over the points and
        ``"random"`` puts them on K random points at different places (covariances and
        weights then as :func:`init_params` says); an array gives the K starting means
        yourself, one row (x, y) per component, all different (covariances and weights as
        for a seeding); a :class:`GMMParams` of K components is the whole starting state,
        e.g. ``fit.history[i]`` to go on from there. Given means or a state need
        ``n_init`` 1: every restart would be the same.

    Returns
    -------
    GMMFit
        Final parameters, responsibilities (N, K), log-likelihoods and the history.
    """
    points = check_points(points, fitting=True)
    k = check_count(n_components, "The number of components", minimum=1, maximum=MAX_COMPONENTS)
    rng = check_rng(rng)
    max_iter = check_count(max_iter, "max_iter", minimum=1, maximum=MAX_GMM_ITER)
    n_init = check_count(n_init, "n_init", minimum=1, maximum=MAX_INIT)
    tol = float(as_finite_array(tol, "tol", ()))
    if tol < 0:
        raise ValueError("tol must not be negative (use 0 to run all max_iter iterations).")
    reg = _check_reg_covar(reg_covar)
    init = _check_start(init, k, n_init)

    frame = Frame.of(points)
    z = frame.standardise(points)
    floor = _floor(frame, reg)
    features = _features(z)

    def restart() -> tuple[list[_State], list[float], bool, np.ndarray]:
        state = _start_state(z, k, rng, floor, init, frame)
        resp, ll = _e_step(z, state)
        states, lls, converged = [state], [], False
        for _ in range(max_iter):
            state = _m_step(features, resp, state, floor)
            resp, new_ll = _e_step(z, state)
            states.append(state)
            lls.append(new_ll)
            if tol > 0 and new_ll - ll < tol:
                converged = True
                break
            ll = new_ll
        return states, lls, converged, resp

    (states, lls, converged, resp), _ = keep_best((restart() for _ in range(n_init)), lambda run: run[1][-1])
    history = tuple(_to_params(frame, s) for s in states)
    final = history[-1]
    return GMMFit(
        weights=final.weights,
        means=final.means,
        covariances=final.covariances,
        responsibilities=np.ascontiguousarray(resp.T),
        log_likelihoods=np.array(lls) - _log_jacobian(frame),
        converged=converged,
        n_iter=len(lls),
        history=history,
    )
