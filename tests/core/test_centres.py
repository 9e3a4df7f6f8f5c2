"""Points and centres shared by EM and k-means: nearest centre, k-means++, random points."""

from __future__ import annotations

import numpy as np
import pytest

from mixgen_core.centres import Frame, kmeans_plus_plus, nearest_centre, random_points, standardised_means


def test_nearest_centre_matches_brute_force_and_keeps_the_first_on_ties():
    rng = np.random.default_rng(0)
    points = rng.normal(size=(500, 2))
    centres = rng.normal(size=(5, 2))
    labels, dist2 = nearest_centre(points[:, 0].copy(), points[:, 1].copy(), centres)
    all_d2 = ((points[:, None, :] - centres[None]) ** 2).sum(axis=2)
    np.testing.assert_array_equal(labels, np.argmin(all_d2, axis=1))  # argmin: the first on ties
    np.testing.assert_allclose(dist2, all_d2.min(axis=1), rtol=1e-12)
    tied, _ = nearest_centre(np.array([0.0]), np.array([0.0]), np.array([[1.0, 0.0], [-1.0, 0.0]]))
    assert tied.tolist() == [0]


def test_kmeans_plus_plus_picks_distinct_places_in_proportion_to_squared_distance():
    # Three points: after the first at 0, the next is 2 (distance^2 4) four times as often as 1.
    z = np.array([[0.0, 1.0, 2.0], [0.0, 0.0, 0.0], [1.0, 1.0, 1.0]])
    picks = [kmeans_plus_plus(z, 2, np.random.default_rng(s)) for s in range(3000)]
    after_zero = [p[1] for p in picks if p[0] == 0]
    share = np.mean(np.array(after_zero) == 2)
    se = np.sqrt(0.8 * 0.2 / len(after_zero))
    assert abs(share - 0.8) < 4 * se, share
    assert all(len(set(p.tolist())) == 2 for p in picks)
    with pytest.raises(ValueError, match="only 1 different place"):
        kmeans_plus_plus(np.ones((3, 4)), 2, np.random.default_rng(0), what="cluster")


def test_greedy_kmeans_plus_plus_leaves_no_more_spread_than_plain():
    rng = np.random.default_rng(1)
    points = np.concatenate([rng.normal(c, 0.3, size=(100, 2)) for c in ((0, 0), (4, 0), (0, 4), (4, 4))])
    frame = Frame.of(points)
    z = frame.standardise(points)

    def inertia(idx):
        return float(nearest_centre(z[0], z[1], z[:2, idx].T)[1].sum())

    plain = np.mean([inertia(kmeans_plus_plus(z, 4, np.random.default_rng(s))) for s in range(100)])
    greedy = np.mean([inertia(kmeans_plus_plus(z, 4, np.random.default_rng(s), trials=3)) for s in range(100)])
    assert greedy < plain


def test_random_points_are_at_distinct_places_and_standardised_means_invert_the_frame():
    points = np.repeat(np.arange(10.0).reshape(5, 2), 3, axis=0)  # 5 places, 3 points each
    frame = Frame.of(points)
    z = frame.standardise(points)
    for seed in range(20):
        idx = random_points(z, 5, np.random.default_rng(seed))
        assert len(np.unique(points[idx], axis=0)) == 5
    means = np.array([[1.0, 2.0], [3.0, 5.0]])
    np.testing.assert_allclose(standardised_means(frame, means) * frame.scale + frame.center, means)
    with pytest.raises(ValueError, match="far too far"):
        standardised_means(frame, np.array([[1e60, 0.0]]))
