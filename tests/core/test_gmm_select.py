"""Choosing the number of components with the Bayesian information criterion."""

from __future__ import annotations

import numpy as np
import pytest

from mixgen_core.gmm import fit_gmm
from mixgen_core.gmm_select import bic, bic_curve, n_free_parameters
from tests.core.test_gmm import RNG, worksheet_sample


def test_bic_picks_three_well_separated_clusters():
    points = worksheet_sample((200, 200, 200), seed=10).points
    curve = bic_curve(points, range(1, 7), RNG(0), n_init=3)
    assert list(curve) == [1, 2, 3, 4, 5, 6]
    assert min(curve, key=curve.get) == 3
    fit = fit_gmm(points, 3, RNG(0))
    expected = -2 * 600 * fit.log_likelihoods[-1] + (3 - 1 + 2 * 3 + 3 * 3) * np.log(600)
    np.testing.assert_allclose(bic(points, fit), expected, rtol=1e-12)
    assert bic(points, fit) == bic(points, fit.params)


def test_free_parameters_of_a_mixture():
    # K - 1 weights, 2K mean coordinates, 3K covariance entries
    assert [n_free_parameters(k) for k in (1, 2, 3)] == [5, 11, 17]


@pytest.mark.parametrize("ks, message", [(None, "ks must be a list"), (5, "ks must be a list"),
                                         ([], "at least one number"), ([0], "at least 1"), (["3"], "whole number")])
def test_bic_curve_refuses_bad_ks(ks, message):
    with pytest.raises(ValueError, match=message):
        bic_curve(np.arange(20.0).reshape(10, 2), ks, RNG(0))
