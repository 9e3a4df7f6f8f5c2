"""The ellipse of a 2-D Gaussian at so many standard deviations."""

from __future__ import annotations

import numpy as np

from mixgen_core.gaussians import GaussianComponent
from mixgen_core.geometry import ellipse_points


def test_ellipse_is_at_the_right_mahalanobis_distance():
    comp = GaussianComponent.from_variances((1, 2), (2.0, 0.5), 0.7, 1)
    pts = ellipse_points(comp.mean, comp.cov, 2.0)
    d = pts - comp.mean
    maha = np.einsum("ni,ij,nj->n", d, np.linalg.inv(comp.cov), d)
    np.testing.assert_allclose(maha, 4.0)
