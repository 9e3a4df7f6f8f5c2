"""The yardstick: Bayes' rule with the true Gaussians, checked against scikit-learn's posterior and brute force."""

import numpy as np
import pytest
from scipy.stats import multivariate_normal

from mixgen_core import GAUSSIAN_PRESETS, GaussianComponent, best_possible_points, preset_components
from mixgen_core import sample_gaussian_mixture, score_partition, true_params


def _brute_force_labels(points, components):
    n = sum(c.count for c in components)
    dens = np.array([c.count / n * multivariate_normal(c.mean, c.cov).pdf(points) for c in components])
    return dens.argmax(axis=0)


@pytest.mark.parametrize("name", list(GAUSSIAN_PRESETS))
def test_bayes_rule_matches_densities_computed_by_scipy(name):
    comps = preset_components(name)
    sample = sample_gaussian_mixture(comps, np.random.default_rng(3))
    best = best_possible_points(sample, comps)
    # Bayes' rule names its groups: scored as named, with no relabelling
    assert best.accuracy == pytest.approx(np.mean(_brute_force_labels(sample.points, comps) == sample.labels))


def test_separated_clouds_can_be_told_apart_fully_and_identical_ones_at_chance():
    far = [GaussianComponent([0, 0], [[0.1, 0], [0, 0.1]], 50), GaussianComponent([9, 9], [[0.1, 0], [0, 0.1]], 50)]
    sample = sample_gaussian_mixture(far, np.random.default_rng(0))
    assert best_possible_points(sample, far).accuracy == 1.0
    same = [GaussianComponent([0, 0], [[1, 0], [0, 1]], 2000), GaussianComponent([0, 0], [[1, 0], [0, 1]], 2000)]
    sample = sample_gaussian_mixture(same, np.random.default_rng(0))
    # identical clouds: every point has responsibility 1/2, so the rule can do no better than half
    assert best_possible_points(sample, same).accuracy == pytest.approx(0.5, abs=3 * 0.5 / np.sqrt(4000))


def test_gaussians_that_drew_nothing_or_lie_on_a_line_are_handled():
    comps = [GaussianComponent([0, 0], [[1, 0], [0, 0]], 30), GaussianComponent([5, 5], [[1, 0], [0, 1]], 0),
             GaussianComponent([0, 5], [[1, 0], [0, 1]], 30)]
    params, kept = true_params(comps)
    assert kept.tolist() == [0, 2]
    assert params.weights.tolist() == [0.5, 0.5]
    sample = sample_gaussian_mixture(comps, np.random.default_rng(1))
    assert best_possible_points(sample, comps).accuracy > 0.9
    with pytest.raises(ValueError, match="No Gaussian drew"):
        true_params([GaussianComponent([0, 0], [[1, 0], [0, 1]], 0)])


@pytest.mark.parametrize("n, right", [(1, 1), (5, 8)])
def test_bayes_rule_is_scored_without_relabelling_its_groups(n, right):
    """Overlapping, one (or five) points per Gaussian, seed 9: Bayes' rule gives two points each other's
    Gaussian. Relabelling its groups to fit the truth called that 3 of 3 (and 10 of 15) right."""
    comps = [GaussianComponent(c.mean, c.cov, n) for c in preset_components("Overlapping")]
    sample = sample_gaussian_mixture(comps, np.random.default_rng(9))
    best = best_possible_points(sample, comps)
    assert best.n_correct == right == int((_brute_force_labels(sample.points, comps) == sample.labels).sum())
    assert best.accuracy == right / len(sample.points)
    assert (best.relabelled[best.correct] == sample.labels[best.correct]).all()
    assert all(g == t for g, t in best.matching.items())
    assert best.n_correct < score_partition(sample.labels, best.relabelled).n_correct  # what relabelling said
