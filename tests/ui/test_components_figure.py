"""The Gaussians drawn before any point: each mean inside its ellipses, at the distances the caption gives."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from mixgen_core import GaussianComponent
from mixgen_ui.gaussian_figures import ELLIPSE_SDS, components_figure
from tests.payloads import HOSTILE


def mahalanobis(points: np.ndarray, c: GaussianComponent) -> np.ndarray:
    d = points - c.mean
    return np.sqrt(np.einsum("ni,ij,nj->n", d, np.linalg.inv(c.cov), d))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.floats(-50, 50), st.floats(-50, 50), st.floats(0.01, 9), st.floats(0.01, 9),
                          st.floats(-0.9, 0.9)), min_size=1, max_size=5))
def test_each_gaussian_is_its_mean_and_its_ellipses(params):
    components = [GaussianComponent.from_variances((mx, my), (vx, vy), r, 10)
                  for mx, my, vx, vy, r in params]
    traces = components_figure(components, [f"G{k}" for k in range(len(components))]).data
    assert len(traces) == 3 * len(components)
    for k, c in enumerate(components):
        mean, *ellipses = traces[3 * k: 3 * k + 3]
        assert np.allclose([mean.x[0], mean.y[0]], c.mean)
        for n_sd, ellipse in zip(ELLIPSE_SDS, ellipses):  # every point of the curve at n_sd (Mahalanobis)
            assert np.allclose(mahalanobis(np.column_stack([ellipse.x, ellipse.y]), c), n_sd, rtol=1e-6)
            assert ellipse.legendgroup == mean.legendgroup == str(k)


def test_names_are_escaped():
    c = GaussianComponent.from_variances((0, 0), (1, 1), 0.0, 10)
    means = components_figure([c] * len(HOSTILE), HOSTILE).data[::3]
    for trace in means:
        assert "<" not in trace.name and "<" not in trace.hovertemplate.removesuffix("<extra></extra>")
