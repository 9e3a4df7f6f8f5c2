"""The Gaussian-mixture sampler: reproducibility, statistics, validation."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mixgen_core.gaussians import GaussianComponent, covariance_factor, sample_gaussian_mixture
from mixgen_core.limits import MAX_POINTS

WORKSHEET = [
    GaussianComponent(mean=(1, 1), cov=((0.1, 0), (0, 0.1)), count=20),
    GaussianComponent(mean=(5, 2), cov=((0.5, 0), (0, 0.4)), count=20),
    GaussianComponent(mean=(1, 4), cov=((1, 0), (0, 0.1)), count=20),
]


def test_same_seed_same_sample_and_shapes():
    a = sample_gaussian_mixture(WORKSHEET, rng=np.random.default_rng(7))
    b = sample_gaussian_mixture(WORKSHEET, rng=np.random.default_rng(7))
    c = sample_gaussian_mixture(WORKSHEET, rng=np.random.default_rng(8))
    assert a.points.shape == (60, 2) and a.labels.shape == (60,)
    np.testing.assert_array_equal(a.points, b.points)
    assert not np.array_equal(a.points, c.points)
    np.testing.assert_array_equal(a.labels, np.repeat([0, 1, 2], 20))


def test_sample_is_plain_numpy_recipe():
    """The documented recipe (used by the "show the code" snippet) gives the same numbers."""
    sample = sample_gaussian_mixture(WORKSHEET, rng=np.random.default_rng(3))
    z = np.random.default_rng(3).standard_normal((60, 2))
    for k, comp in enumerate(WORKSHEET):
        block = z[20 * k : 20 * (k + 1)]
        expected = block @ np.linalg.cholesky(comp.cov).T + comp.mean
        np.testing.assert_allclose(sample.points[20 * k : 20 * (k + 1)], expected, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("rho", [-0.8, 0.0, 0.6])
def test_sample_moments_match_within_standard_errors(rho):
    n = 40_000
    comp = GaussianComponent.from_variances((2.0, -1.0), (1.5, 0.4), rho, n)
    pts = sample_gaussian_mixture([comp], np.random.default_rng(11)).points
    cov = comp.cov
    # Sample mean: SE = sqrt(var / n). 4.5 SE: a two-sided tail of 7e-6 per check.
    se_mean = np.sqrt(np.diag(cov) / n)
    assert np.all(np.abs(pts.mean(axis=0) - comp.mean) < 4.5 * se_mean)
    # Sample covariance of Gaussian data: Var(s_ij) = (s_ii s_jj + s_ij^2) / (n - 1).
    est = np.cov(pts.T)
    se_cov = np.sqrt((np.outer(np.diag(cov), np.diag(cov)) + cov**2) / (n - 1))
    assert np.all(np.abs(est - cov) < 4.5 * se_cov)


def test_flat_covariance_and_zero_counts_are_fine():
    flat = GaussianComponent(mean=(0, 0), cov=((1, 1), (1, 1)), count=50)  # all on the line y = x
    none = GaussianComponent(mean=(3, 3), cov=((0, 0), (0, 0)), count=0)
    s = sample_gaussian_mixture([flat, none], np.random.default_rng(0))
    assert s.points.shape == (50, 2)
    np.testing.assert_allclose(s.points[:, 0], s.points[:, 1])


def test_counts_weight_the_labels():
    comps = [GaussianComponent((0, 0), np.eye(2), 5), GaussianComponent((1, 1), np.eye(2), 0),
             GaussianComponent((2, 2), np.eye(2), 7)]
    s = sample_gaussian_mixture(comps, np.random.default_rng(0))
    assert np.bincount(s.labels, minlength=3).tolist() == [5, 0, 7]


@pytest.mark.parametrize(
    "kwargs, fragment",
    [
        (dict(mean=(0, 0), cov=((1, 0.5), (0.2, 1))), "symmetric"),
        (dict(mean=(0, 0), cov=((1, 2), (2, 1))), "positive semi-definite"),
        (dict(mean=(0, 0), cov=((-1, 0), (0, 1))), "negative"),
        (dict(mean=(0, np.nan), cov=np.eye(2)), "finite"),
        (dict(mean=(0, 0), cov=((np.inf, 0), (0, 1))), "finite"),
        (dict(mean=(0, 0, 0), cov=np.eye(2)), "shape"),
        (dict(mean=(0, 0), cov=np.eye(3)), "shape"),
        (dict(mean=("a", 0), cov=np.eye(2)), "numbers"),
        (dict(mean=(1e300, 0), cov=np.eye(2)), "between"),
        (dict(mean=(0, 0), cov=np.eye(2), count=-1), "at least 0"),
        (dict(mean=(0, 0), cov=np.eye(2), count=2.5), "whole number"),
        (dict(mean=(0, 0), cov=np.eye(2), count=MAX_POINTS + 1), "at most"),
    ],
)
def test_bad_components_raise_clear_errors(kwargs, fragment):
    with pytest.raises(ValueError, match=fragment):
        GaussianComponent(**kwargs)


def test_bad_mixtures_raise_clear_errors():
    comp = GaussianComponent((0, 0), np.eye(2), MAX_POINTS // 2 + 1)
    with pytest.raises(ValueError, match="most this app draws"):
        sample_gaussian_mixture([comp, comp], np.random.default_rng(0))
    with pytest.raises(ValueError, match="between 1 and 8"):
        sample_gaussian_mixture([], np.random.default_rng(0))
    with pytest.raises(ValueError, match="between 1 and 8"):
        sample_gaussian_mixture([WORKSHEET[0]] * 9, np.random.default_rng(0))
    with pytest.raises(ValueError, match="GaussianComponent"):
        sample_gaussian_mixture([((0, 0), np.eye(2), 3)], np.random.default_rng(0))
    with pytest.raises(ValueError, match="Generator"):
        sample_gaussian_mixture(WORKSHEET, rng=0)


def test_numpy_never_warns_about_covariances():
    with np.errstate(all="raise"):
        s = sample_gaussian_mixture([GaussianComponent((0, 0), ((1, -1), (-1, 1)), 100)], np.random.default_rng(0))
    assert np.all(np.isfinite(s.points))


@pytest.mark.parametrize("variances", [(22.66805889484224, 5e-324), (5e-324, 34.96534688216123), (5e-324, 5e-324)])
@pytest.mark.parametrize("rho", [-1.0, 1.0])
def test_any_variances_and_correlation_make_a_valid_covariance_even_subnormal(variances, rho):
    # var_x * var_y underflows here: the off-diagonal must still pass the PSD check
    comp = GaussianComponent.from_variances((0, 0), variances, rho, 3)
    assert comp.cov[0, 1] * rho >= 0  # leans the way asked (or not at all, if the spread underflows)
    s = sample_gaussian_mixture([comp], np.random.default_rng(0))
    assert s.points.shape == (3, 2) and np.all(np.isfinite(s.points))


finite = st.floats(-1e3, 1e3, allow_nan=False)


@settings(max_examples=200, deadline=None)
@given(mx=finite, my=finite, vx=st.floats(0, 100), vy=st.floats(0, 100), rho=st.floats(-1, 1),
       n=st.integers(0, 200), seed=st.integers(0, 2**32 - 1))
def test_any_valid_spread_gives_finite_points(mx, my, vx, vy, rho, n, seed):
    comp = GaussianComponent.from_variances((mx, my), (vx, vy), rho, n)
    factor = covariance_factor(comp.cov)
    np.testing.assert_allclose(factor @ factor.T, comp.cov, atol=1e-9 * max(1.0, vx, vy))
    s = sample_gaussian_mixture([comp], np.random.default_rng(seed))
    assert s.points.shape == (n, 2) and np.all(np.isfinite(s.points))


@settings(max_examples=200, deadline=None)
@given(a=st.floats(allow_nan=True, allow_infinity=True), b=st.floats(allow_nan=True, allow_infinity=True),
       c=st.floats(allow_nan=True, allow_infinity=True))
def test_any_covariance_is_accepted_only_if_valid(a, b, c):
    try:
        comp = GaussianComponent((0, 0), ((a, b), (b, c)), 3)
    except ValueError:
        return
    assert np.all(np.isfinite(comp.cov)) and comp.cov[0, 0] >= 0 and comp.cov[1, 1] >= 0
    assert np.all(np.isfinite(sample_gaussian_mixture([comp], np.random.default_rng(0)).points))
