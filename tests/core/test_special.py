"""The special functions of the topic fit, against known values, scipy and their recurrences."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mixgen_core.special import digamma, digamma_and_gammaln, gammaln

EULER_GAMMA = 0.5772156649015329


def test_digamma_known_values():
    np.testing.assert_allclose(digamma(1.0), -EULER_GAMMA, rtol=1e-13)
    np.testing.assert_allclose(digamma(0.5), -EULER_GAMMA - 2 * math.log(2), rtol=1e-13)
    # psi(n) = H_{n-1} - gamma (harmonic numbers)
    for n in (2, 5, 7, 30, 1000):
        harmonic = sum(1 / j for j in range(1, n))
        np.testing.assert_allclose(digamma(float(n)), harmonic - EULER_GAMMA, rtol=1e-13)
    # psi(1/4) = -gamma - pi/2 - 3 log 2
    np.testing.assert_allclose(digamma(0.25), -EULER_GAMMA - math.pi / 2 - 3 * math.log(2), rtol=1e-13)


def test_digamma_and_gammaln_against_scipy_and_math():
    from scipy import special  # test-only reference (scikit-learn depends on scipy)

    x = np.concatenate([np.logspace(-4, 6, 400), np.linspace(0.01, 20, 400)])
    np.testing.assert_allclose(digamma(x), special.digamma(x), rtol=1e-12, atol=1e-12)
    ref = np.array([math.lgamma(v) for v in x])
    np.testing.assert_allclose(gammaln(x), ref, rtol=1e-12, atol=1e-12)
    assert digamma(np.ones((2, 3))).shape == (2, 3)


@settings(max_examples=100, deadline=None)
@given(st.floats(1e-3, 1e4))
def test_digamma_and_gammaln_recurrences(x):
    # psi(x + 1) = psi(x) + 1/x and lgamma(x + 1) = lgamma(x) + log x; absolute error in
    # the 1/x term grows like 1/x, hence the relative tolerance on the larger side.
    np.testing.assert_allclose(digamma(x + 1) - digamma(x), 1 / x, rtol=1e-9)
    np.testing.assert_allclose(gammaln(x + 1) - gammaln(x), math.log(x), rtol=1e-9, atol=1e-11)


@pytest.mark.parametrize("bad", [0.0, -1.0, np.inf, np.nan])
def test_special_functions_refuse_non_positive(bad):
    with pytest.raises(ValueError):
        digamma([1.0, bad])
    with pytest.raises(ValueError):
        gammaln([1.0, bad])


def test_digamma_and_gammaln_together_equal_each_alone():
    x = np.concatenate([np.logspace(-2, 4, 50), np.linspace(0.01, 20, 50)]).reshape(10, 10)
    psi, lgamma = digamma_and_gammaln(x)
    np.testing.assert_array_equal(psi, digamma(x))
    np.testing.assert_array_equal(lgamma, gammaln(x))

