"""EM for 2-D Gaussian mixtures: correctness, an sklearn oracle, degenerate inputs."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from sklearn.datasets import load_iris
from sklearn.mixture import GaussianMixture

from mixgen_core.gaussians import GaussianComponent, sample_gaussian_mixture
from mixgen_core.gmm import (
    GMMParams,
    fit_gmm,
    init_params,
    mean_log_likelihood,
    responsibilities,
)
from mixgen_core.fit_vs_truth import align_components, compare_gaussian_fit
from mixgen_core.limits import MAX_POINTS

# The worksheet's three Gaussians.
TRUE_MEANS = np.array([(1.0, 1.0), (5.0, 2.0), (1.0, 4.0)])
TRUE_VARS = np.array([(0.1, 0.1), (0.5, 0.4), (1.0, 0.1)])  # diagonal covariances


def worksheet_sample(counts, seed):
    comps = [GaussianComponent(m, np.diag(v), n) for m, v, n in zip(TRUE_MEANS, TRUE_VARS, counts)]
    return sample_gaussian_mixture(comps, np.random.default_rng(seed))


def assert_non_decreasing(ll):
    # rounding in a mean over N points is ~1e-16 relative; 1e-9 leaves a wide margin
    assert np.all(np.diff(ll) >= -1e-9 * np.abs(ll[1:])), np.diff(ll).min()


@pytest.fixture(scope="module")
def big_fit():
    sample = worksheet_sample((6000, 8000, 6000), seed=1)
    fit = fit_gmm(sample.points, 3, np.random.default_rng(0), tol=1e-6, max_iter=500)
    return sample, fit


# --- basic properties ---------------------------------------------------------------------
def test_responsibilities_rows_sum_to_one_and_ll_never_decreases(big_fit):
    _, fit = big_fit
    assert fit.responsibilities.shape == (20000, 3)
    assert np.all(fit.responsibilities >= 0)
    np.testing.assert_allclose(fit.responsibilities.sum(axis=1), 1.0, rtol=0, atol=1e-12)
    assert fit.converged and 1 <= fit.n_iter < 500
    assert_non_decreasing(fit.log_likelihoods)
    np.testing.assert_allclose(fit.weights.sum(), 1.0, atol=1e-12)


def test_recovers_the_worksheet_gaussians(big_fit):
    sample, fit = big_fit
    counts = np.array([6000, 8000, 6000])
    match = align_components(TRUE_MEANS, fit.means)
    assert sorted(match) == [0, 1, 2]
    means, covs, weights = fit.means[match], fit.covariances[match], fit.weights[match]
    # Standard errors with n_k points of component k: mean sqrt(var / n_k); variance
    # var * sqrt(2 / n_k) (Gaussian); covariance (true 0) sqrt(var_x var_y / n_k); weight
    # sqrt(w (1 - w) / N) (binomial, conservative for fixed counts). EM with slightly
    # overlapping clusters is a bit noisier than known labels, hence 5 SE.
    se_mean = np.sqrt(TRUE_VARS / counts[:, None])
    assert np.all(np.abs(means - TRUE_MEANS) <= 5 * se_mean)
    variances = covs[:, [0, 1], [0, 1]]
    assert np.all(np.abs(variances - TRUE_VARS) <= 5 * TRUE_VARS * np.sqrt(2 / counts[:, None]))
    se_cov = np.sqrt(TRUE_VARS.prod(axis=1) / counts)
    assert np.all(np.abs(covs[:, 0, 1]) <= 5 * se_cov)
    w = counts / counts.sum()
    assert np.all(np.abs(weights - w) <= 5 * np.sqrt(w * (1 - w) / counts.sum()))
    assert compare_gaussian_fit(TRUE_MEANS, sample.labels, fit.params.means, fit.labels).agreement > 0.98


def test_history_replays_the_fit(big_fit):
    sample, fit = big_fit
    assert len(fit.history) == fit.n_iter + 1 == len(fit.log_likelihoods) + 1
    last = fit.history[-1]
    np.testing.assert_array_equal(last.means, fit.means)
    np.testing.assert_allclose(responsibilities(sample.points, last), fit.responsibilities, atol=1e-10)
    for i in (0, 1, fit.n_iter - 1):
        # one EM step from any state of the history, as the page replays it, gives the next state
        step = fit_gmm(sample.points, 3, np.random.default_rng(1), init=fit.history[i], max_iter=1, tol=0)
        stepped = step.history[1]
        np.testing.assert_allclose(stepped.means, fit.history[i + 1].means, rtol=1e-9)
        np.testing.assert_allclose(stepped.covariances, fit.history[i + 1].covariances, rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(step.log_likelihoods[0], fit.log_likelihoods[i], rtol=1e-12)
        np.testing.assert_allclose(fit.log_likelihoods[i], mean_log_likelihood(sample.points, fit.history[i + 1]),
                                   rtol=1e-12)


def test_same_seed_same_fit_and_restarts_keep_the_best():
    points = worksheet_sample((40, 40, 40), seed=3).points
    a = fit_gmm(points, 3, np.random.default_rng(7), n_init=4)
    b = fit_gmm(points, 3, np.random.default_rng(7), n_init=4)
    np.testing.assert_array_equal(a.means, b.means)
    np.testing.assert_array_equal(a.log_likelihoods, b.log_likelihoods)
    # the first of the four restarts is exactly the single fit with the same seed
    single = fit_gmm(points, 3, np.random.default_rng(7))
    assert a.log_likelihoods[-1] >= single.log_likelihoods[-1]


def test_init_params_seeds_at_distinct_data_points():
    points = worksheet_sample((30, 30, 30), seed=4).points
    params = init_params(points, 3, np.random.default_rng(0))
    np.testing.assert_array_equal(params.weights, np.full(3, 1 / 3))
    for mean in params.means:  # every initial mean is one of the points
        assert np.any(np.all(np.isclose(points, mean, rtol=0, atol=1e-12), axis=1))
    assert len(np.unique(params.means, axis=0)) == 3
    assert np.all(np.linalg.eigvalsh(params.covariances) > 0)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 2**32 - 1),
    k_true=st.integers(1, 4),
    k_fit=st.integers(1, 4),
    n=st.integers(20, 300),
    log_reg=st.floats(-6, 0),
    grid=st.sampled_from([0.0, 0.5]),
)
def test_property_log_likelihood_never_decreases(seed, k_true, k_fit, n, log_reg, grid):
    rng = np.random.default_rng(seed)
    comps = []
    for count in rng.multinomial(n, np.full(k_true, 1 / k_true)):
        sx, sy = np.exp(rng.uniform(-3, 1, 2))  # standard deviations 0.05 to 2.7
        rho = rng.uniform(-0.95, 0.95)
        cov = [[sx * sx, rho * sx * sy], [rho * sx * sy, sy * sy]]
        comps.append(GaussianComponent(rng.uniform(-10, 10, 2), cov, count))
    points = sample_gaussian_mixture(comps, rng).points
    if grid:  # rounding makes duplicates: spiky components that lean on the floor
        points = np.round(points / grid) * grid
    assume(len(np.unique(points, axis=0)) >= k_fit)
    fit = fit_gmm(points, k_fit, rng, tol=0, max_iter=40, reg_covar=10.0**log_reg)
    assert_non_decreasing(fit.log_likelihoods)
    assert np.all(np.isfinite(fit.covariances)) and np.all(np.isfinite(fit.log_likelihoods))
    np.testing.assert_allclose(fit.responsibilities.sum(axis=1), 1.0, atol=1e-12)
    # every covariance respects the floor in every direction
    assert np.all(np.linalg.eigvalsh(fit.covariances) >= 10.0**log_reg * (1 - 1e-6))


# --- oracle: scikit-learn must not find a better likelihood ---------------------------------
def sklearn_fit(points, k, n_init):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # ConvergenceWarning is not our business here
        return GaussianMixture(
            k, covariance_type="full", n_init=n_init, reg_covar=1e-6, tol=1e-6, max_iter=1000, random_state=0
        ).fit(points)


@pytest.mark.parametrize("dataset", ["worksheet", "iris"])
def test_sklearn_finds_no_better_likelihood(dataset):
    if dataset == "worksheet":
        points = worksheet_sample((300, 500, 400), seed=5).points
    else:
        points = load_iris().data[:, 2:4]  # petal length and width
    ours = fit_gmm(points, 3, np.random.default_rng(0), n_init=10, tol=1e-6, max_iter=1000, reg_covar=1e-6)
    gm = sklearn_fit(points, 3, n_init=10)
    theirs = gm.score(points)
    # sklearn adds reg_covar to the diagonal, we floor eigenvalues: both ~1e-6 effects
    slack = 1e-6 * abs(theirs)
    assert theirs <= ours.log_likelihoods[-1] + slack
    np.testing.assert_allclose(mean_log_likelihood(points, ours.params), ours.log_likelihoods[-1], rtol=1e-12)
    # Stricter, same basin: started from sklearn's answer, our EM must climb at least as
    # high. (On iris the restarts above find a higher, spiky optimum: setosa's many petal
    # widths of exactly 0.2 lie on a line that a component can hug at the reg_covar floor.)
    start = GMMParams(gm.weights_, gm.means_, gm.covariances_)
    polished = fit_gmm(points, 3, np.random.default_rng(0), init=start, tol=1e-9, max_iter=1000)
    assert polished.log_likelihoods[-1] >= theirs - slack
    assert polished.log_likelihoods[0] >= theirs - slack  # the very first step already does


def test_mean_log_likelihood_matches_sklearn_for_the_same_parameters():
    points = worksheet_sample((50, 50, 50), seed=6).points
    params = fit_gmm(points, 3, np.random.default_rng(0)).params
    gm = GaussianMixture(3, covariance_type="full")
    gm.weights_, gm.means_, gm.covariances_ = params.weights, params.means, params.covariances
    gm.precisions_cholesky_ = np.linalg.cholesky(np.linalg.inv(params.covariances))
    np.testing.assert_allclose(mean_log_likelihood(points, params), gm.score(points), rtol=1e-12)
    np.testing.assert_allclose(responsibilities(points, params), gm.predict_proba(points), atol=1e-12)


# --- degenerate inputs ----------------------------------------------------------------------
RNG = np.random.default_rng


@pytest.mark.parametrize(
    "points, k, kwargs, message",
    [
        (np.ones((10, 2)), 1, {}, "same place"),
        (np.repeat([[0.0, 0.0], [1.0, 1.0]], 5, axis=0), 3, {}, "only 2 different"),
        (np.zeros((10, 3)), 2, {}, "shape"),
        (np.zeros(10), 2, {}, "shape"),
        (np.zeros((0, 2)), 1, {}, "no points"),
        ([[0.0, 1.0], [np.nan, 2.0], [3.0, 4.0]], 1, {}, "finite"),
        ([[0.0, 1.0], [np.inf, 2.0]], 1, {}, "finite"),
        ([["a", "b"]], 1, {}, "numbers"),
        ([[0.0, 1e101], [1.0, 2.0]], 1, {}, "divide"),
        (np.arange(20.0).reshape(10, 2), 0, {}, "at least 1"),
        (np.arange(20.0).reshape(10, 2), 9, {}, "at most 8"),
        (np.arange(20.0).reshape(10, 2), 2.5, {}, "whole number"),
        (np.arange(20.0).reshape(10, 2), 2, {"max_iter": 1001}, "max_iter"),
        (np.arange(20.0).reshape(10, 2), 2, {"max_iter": 0}, "max_iter"),
        (np.arange(20.0).reshape(10, 2), 2, {"n_init": 21}, "n_init"),
        (np.arange(20.0).reshape(10, 2), 2, {"tol": -1.0}, "tol"),
        (np.arange(20.0).reshape(10, 2), 2, {"reg_covar": 0.0}, "reg_covar"),
        (np.arange(20.0).reshape(10, 2), 2, {"reg_covar": np.nan}, "reg_covar"),
    ],
)
def test_bad_input_gets_a_clear_error(points, k, kwargs, message):
    with pytest.raises(ValueError, match=message):
        fit_gmm(points, k, RNG(0), **kwargs)


def test_too_many_points_and_bad_rng():
    with pytest.raises(ValueError, match="most this app fits"):
        fit_gmm(np.zeros((MAX_POINTS + 1, 2)), 1, RNG(0))
    with pytest.raises(ValueError, match="Generator"):
        fit_gmm(np.arange(20.0).reshape(10, 2), 2, 0)
    with pytest.raises(ValueError, match="n_init must be 1"):
        points = np.arange(20.0).reshape(10, 2) ** 1.5
        fit_gmm(points, 2, RNG(0), n_init=2, init=init_params(points, 2, RNG(0)))


def test_bad_params_get_a_clear_error():
    with pytest.raises(ValueError, match="positive definite"):
        GMMParams(weights=[1.0], means=[[0.0, 0.0]], covariances=[[[1.0, 2.0], [2.0, 1.0]]])
    with pytest.raises(ValueError, match="symmetric"):
        GMMParams(weights=[1.0], means=[[0.0, 0.0]], covariances=[[[1.0, 0.5], [0.0, 1.0]]])
    with pytest.raises(ValueError, match="negative"):
        GMMParams(weights=[1.5, -0.5], means=np.zeros((2, 2)), covariances=np.stack([np.eye(2)] * 2))
    points = worksheet_sample((5, 5, 5), seed=2).points
    needle = GMMParams(weights=[1.0], means=[[1.0, 1.0]], covariances=[1e-305 * np.eye(2)])
    with pytest.raises(ValueError, match="far too narrow"):
        responsibilities(points, needle)  # whitened distances would overflow
    with pytest.raises(ValueError, match="GMMParams"):
        responsibilities(np.zeros((3, 2)), {"weights": [1.0]})


def test_collinear_points_give_a_finite_fit():
    t = np.linspace(-3, 3, 200)
    points = np.stack([t, 2 * t + 1], axis=1)  # every point on one line
    fit = fit_gmm(points, 2, RNG(0), reg_covar=1e-6)
    assert np.all(np.isfinite(fit.covariances)) and np.all(np.isfinite(fit.log_likelihoods))
    # the thin direction is exactly the floor: variance reg_covar across the line
    np.testing.assert_allclose(np.linalg.eigvalsh(fit.covariances)[:, 0], 1e-6, rtol=1e-4)
    assert_non_decreasing(fit.log_likelihoods)


def test_huge_coordinates_fit_like_the_rescaled_data():
    points = worksheet_sample((100, 100, 100), seed=8).points
    scale, shift = 1e6, np.array([3e7, -5e6])
    small = fit_gmm(points, 3, RNG(0))
    big = fit_gmm(points * scale + shift, 3, RNG(0), reg_covar=1e-6 * scale**2)
    np.testing.assert_allclose(big.means, small.means * scale + shift, rtol=1e-8)
    np.testing.assert_allclose(big.covariances, small.covariances * scale**2, rtol=1e-6)
    # densities scale by 1 / scale^2
    np.testing.assert_allclose(big.log_likelihoods, small.log_likelihoods - 2 * np.log(scale), rtol=1e-9)


def test_a_collapsing_component_keeps_its_shape_and_stays_finite():
    points = worksheet_sample((50, 50, 50), seed=9).points
    # a third component far away and tiny: its responsibilities underflow to exactly 0
    far = GMMParams(
        weights=[0.4, 0.4, 0.2],
        means=[[1.0, 1.0], [5.0, 2.0], [1e4, 1e4]],
        covariances=[np.eye(2), np.eye(2), 1e-4 * np.eye(2)],
    )
    assert np.all(responsibilities(points, far)[:, 2] == 0)
    new = fit_gmm(points, 3, RNG(0), init=far, tol=0, max_iter=1).history[1]
    assert new.weights[2] == 0
    np.testing.assert_array_equal(new.means[2], far.means[2])
    np.testing.assert_allclose(new.covariances[2], far.covariances[2], rtol=1e-12)
    assert np.isfinite(mean_log_likelihood(points, new))
    assert mean_log_likelihood(points, new) >= mean_log_likelihood(points, far)
    fit = fit_gmm(points, 3, RNG(0), init=far, tol=0, max_iter=20)
    assert np.all(np.isfinite(fit.means)) and fit.weights[2] == 0
    assert_non_decreasing(fit.log_likelihoods)


# --- where EM starts: init ----------------------------------------------------------------------
def test_default_init_is_k_means_plus_plus_and_unchanged():
    points = worksheet_sample((40, 40, 40), seed=11).points
    a = fit_gmm(points, 3, RNG(5), n_init=2)
    b = fit_gmm(points, 3, RNG(5), n_init=2, init="k-means++")
    np.testing.assert_array_equal(a.means, b.means)
    np.testing.assert_array_equal(a.log_likelihoods, b.log_likelihoods)
    np.testing.assert_array_equal(init_params(points, 3, RNG(5)).covariances,
                                  init_params(points, 3, RNG(5), init="k-means++").covariances)


def test_given_means_start_the_fit_there():
    points = worksheet_sample((40, 40, 40), seed=12).points
    guess = np.array([[0.0, 0.0], [6.0, 2.0], [1.0, 5.0]])
    fit = fit_gmm(points, 3, RNG(0), init=guess)
    np.testing.assert_allclose(fit.history[0].means, guess, rtol=1e-15, atol=1e-15)
    np.testing.assert_array_equal(fit.history[0].weights, np.full(3, 1 / 3))
    start = init_params(points, 3, RNG(99), init=guess)  # rng unused: the same start
    np.testing.assert_array_equal(start.covariances, fit.history[0].covariances)
    # each covariance is that of the points nearest to its mean, about the mean
    nearest = np.argmin(((points[:, None] - guess[None]) ** 2).sum(axis=2), axis=1)
    for j in range(3):
        d = points[nearest == j] - guess[j]
        np.testing.assert_allclose(start.covariances[j], d.T @ d / len(d), rtol=1e-9)
    assert_non_decreasing(fit.log_likelihoods)
    # a mean nearest to no point gets the data's covariance, and the fit stays finite
    far = fit_gmm(points, 2, RNG(0), init=[[1.0, 1.0], [50.0, 50.0]], tol=0, max_iter=10)
    np.testing.assert_allclose(far.history[0].covariances[1], np.cov(points.T), rtol=1e-9)
    assert np.all(np.isfinite(far.means)) and np.all(np.isfinite(far.log_likelihoods))


def test_random_init_starts_at_distinct_data_points():
    points = np.repeat(worksheet_sample((3, 3, 3), seed=13).points, 4, axis=0)  # each point 4 times
    for seed in range(10):
        params = init_params(points, 8, RNG(seed), init="random")
        assert len(np.unique(params.means, axis=0)) == 8
        for mean in params.means:
            assert np.any(np.all(np.isclose(points, mean, rtol=0, atol=1e-12), axis=1))
    fit = fit_gmm(points, 3, RNG(0), init="random", n_init=3)
    assert np.all(np.isfinite(fit.means))


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"init": "kmeans"}, "k-means"),
        ({"init": None}, "init must be"),
        ({"init": [[0.0, 0.0]]}, "2 rows of 2"),
        ({"init": [[0.0, 0.0], [1.0]]}, "2 rows of 2"),
        ({"init": [[0.0, 0.0], [np.inf, 1.0]]}, "finite"),
        ({"init": [["a", "b"], [1.0, 1.0]]}, "numbers"),
        ({"init": [[1.0, 1.0], [1.0, 1.0]]}, "same place"),
        ({"init": [[1.0, 1.0], [1e200, 1.0]]}, "between"),
        ({"init": [[1.0, 1.0], [1e60, 1.0]]}, "far too far"),
        ({"init": [[1.0, 1.0], [2.0, 1.0]], "n_init": 2}, "n_init must be 1"),
        ({"init": "state of 3"}, "has 3 components, but the fit asks for 2"),
        ({"init": "state of 2", "n_init": 2}, "n_init must be 1"),
    ],
)
def test_bad_init_gets_a_clear_error(kwargs, message):
    points = np.arange(20.0).reshape(10, 2) ** 1.5
    state = kwargs["init"].startswith("state of") if isinstance(kwargs["init"], str) else False
    if state:  # a whole starting state (GMMParams) of that many components
        kwargs = kwargs | {"init": init_params(points, int(kwargs["init"][-1]), RNG(0))}
    with pytest.raises(ValueError, match=message):
        fit_gmm(points, 2, RNG(0), **kwargs)
    if not state and "n_init" not in kwargs:
        with pytest.raises(ValueError, match=message):
            init_params(points, 2, RNG(0), init=kwargs["init"])
