"""point_posterior: one point's E-step, against scipy's densities and Bayes' rule written out."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import multivariate_normal

from mixgen_core import point_posterior, responsibilities
from mixgen_core.gmm import GMMParams

WEIGHTS = np.array([0.5, 0.3, 0.2])
MEANS = np.array([[0.0, 0.0], [4.0, 1.0], [-2.0, 5.0]])
COVS = np.array([[[1.0, 0.3], [0.3, 2.0]], [[0.5, -0.2], [-0.2, 0.4]], [[9.0, 0.0], [0.0, 9.0]]])


def scipy_terms(point, weights, means, covs):
    logpdf = np.array([multivariate_normal(m, c).logpdf(point) for m, c in zip(means, covs)])
    joint = np.log(weights) + logpdf
    return logpdf, np.exp(joint - joint.max()) / np.exp(joint - joint.max()).sum()


@pytest.mark.parametrize("point", [(0.0, 0.0), (1.5, 0.7), (4.0, 1.0), (-3.0, 8.0), (30.0, -12.0)])
def test_matches_scipy(point):
    p = point_posterior(point, WEIGHTS, MEANS, COVS)
    logpdf, resp = scipy_terms(np.array(point), WEIGHTS, MEANS, COVS)
    np.testing.assert_allclose(p.log_density, logpdf, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(p.log_prior, np.log(WEIGHTS), rtol=1e-15)
    np.testing.assert_allclose(p.responsibility, resp, rtol=1e-10, atol=1e-300)
    np.testing.assert_allclose(p.density, np.exp(logpdf), rtol=1e-12)
    np.testing.assert_allclose(p.joint, WEIGHTS * np.exp(logpdf), rtol=1e-12)
    assert p.log_evidence == pytest.approx(np.log((WEIGHTS * np.exp(logpdf)).sum()), rel=1e-12)
    for arr in (p.log_prior, p.log_density, p.responsibility, p.mahalanobis):
        assert arr.shape == (3,)


def test_mahalanobis_is_distance_in_own_spreads():
    p = point_posterior((1.5, 0.7), WEIGHTS, MEANS, COVS)
    for k in range(3):
        d = np.array([1.5, 0.7]) - MEANS[k]
        assert p.mahalanobis[k] == pytest.approx(np.sqrt(d @ np.linalg.solve(COVS[k], d)), rel=1e-12)
    # one spread along an axis of a round cloud: distance 1
    round_cloud = point_posterior((3.0, 0.0), [1.0], [[0.0, 0.0]], [np.eye(2) * 9.0])
    assert round_cloud.mahalanobis[0] == pytest.approx(1.0)


def test_agrees_with_ems_responsibilities():
    rng = np.random.default_rng(3)
    params = GMMParams(WEIGHTS, MEANS, COVS)
    points = rng.normal(scale=4.0, size=(50, 2))
    batch = responsibilities(points, params)
    for x, row in zip(points, batch):
        np.testing.assert_allclose(point_posterior(x, WEIGHTS, MEANS, COVS).responsibility, row, atol=1e-10)


def test_midpoint_of_twins_is_split_evenly_and_far_point_goes_to_wider_cloud():
    covs = np.array([np.eye(2), np.eye(2)])
    p = point_posterior((1.0, 0.0), [0.5, 0.5], [[0.0, 0.0], [2.0, 0.0]], covs)
    np.testing.assert_allclose(p.responsibility, [0.5, 0.5], rtol=1e-14)
    wide = np.array([np.eye(2), np.eye(2) * 4.0])
    far = point_posterior((0.0, 1e6), [0.9, 0.1], [[0.0, 0.0], [0.0, 0.0]], wide)
    assert far.responsibility[1] == 1.0


def test_a_million_units_away_still_gets_finite_shares_summing_to_one():
    p = point_posterior((1e6, -1e6), WEIGHTS, MEANS, COVS)
    assert np.all(np.isfinite(p.responsibility)) and np.all(np.isfinite(p.log_density))
    assert p.responsibility.sum() == pytest.approx(1.0, abs=1e-12)
    assert np.all(p.density == 0.0)  # the densities underflow; the shares do not
    assert np.argmax(p.responsibility) == 2  # the widest cloud


@settings(max_examples=60, deadline=None)
@given(
    st.tuples(st.floats(-1e8, 1e8), st.floats(-1e8, 1e8)),
    st.lists(st.floats(0.01, 1.0), min_size=1, max_size=4),
)
def test_shares_always_sum_to_one(point, raw_weights):
    k = len(raw_weights)
    means = np.arange(2 * k, dtype=float).reshape(k, 2)
    covs = np.array([np.eye(2) * (j + 1) for j in range(k)])
    p = point_posterior(point, raw_weights, means, covs)
    assert np.all(p.responsibility >= 0)
    assert p.responsibility.sum() == pytest.approx(1.0, abs=1e-12)


@pytest.mark.parametrize(
    "point, weights, means, covs, message",
    [
        ((np.nan, 0.0), WEIGHTS, MEANS, COVS, "finite"),
        ((0.0, 0.0, 0.0), WEIGHTS, MEANS, COVS, "shape"),
        ("here", WEIGHTS, MEANS, COVS, "numbers"),
        ((0.0, 0.0), WEIGHTS[:2], MEANS, COVS, "shape"),
        ((0.0, 0.0), WEIGHTS, MEANS[:, :1], COVS, "shape"),
        ((0.0, 0.0), WEIGHTS, MEANS, COVS[:2], "shape"),
        ((0.0, 0.0), WEIGHTS, MEANS, np.array([[[1.0, 2.0], [2.0, 1.0]]] * 3), "positive definite"),
        ((0.0, 0.0), WEIGHTS, MEANS, np.array([[[-1.0, 0.0], [0.0, 1.0]]] * 3), "positive definite"),
        ((0.0, 0.0), [-0.5, 1.0, 0.5], MEANS, COVS, "negative"),
        ((0.0, 0.0), WEIGHTS, np.where(MEANS == 4.0, np.nan, MEANS), COVS, "finite"),
    ],
)
def test_bad_input_is_refused_in_words(point, weights, means, covs, message):
    with pytest.raises(ValueError, match=message):
        point_posterior(point, weights, means, covs)


def test_callers_arrays_stay_writable():
    point = np.array([1.0, 2.0])
    point_posterior(point, WEIGHTS, MEANS, COVS)
    point[0] = 3.0
