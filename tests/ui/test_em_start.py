"""The initial-guess helpers of mixgen_ui/start_means.py and the starts table of fit_figures."""

import numpy as np

from mixgen_ui.start_means import poor_start, same_place, typed_means
from mixgen_ui.fit_figures import starts_table


def test_poor_start_is_k_distinct_round_means_along_the_bottom():
    rng = np.random.default_rng(0)
    points = rng.normal([4000.0, 45.0], [800.0, 5.0], size=(300, 2))  # grams and millimetres
    for k in range(1, 9):
        means = poor_start(points, k)
        assert len(means) == k and len(set(means)) == k
        assert all(points[:, 0].min() <= x <= points[:, 0].max() for x, _ in means)
        assert len({y for _, y in means}) == 1 and means[0][1] < np.median(points[:, 1])
    assert poor_start(np.array([[0.0, 0.0], [1.0, 1.0]]), 3) == [(0.25, 0.15), (0.5, 0.15), (0.75, 0.15)]
    assert len(set(poor_start(np.zeros((4, 2)), 3))) == 3  # no spread: still distinct
    assert poor_start(np.zeros((0, 2)), 2) == [(0.0, 0.0), (1.0, 0.0)]


def test_typed_means_fall_back_to_defaults_and_find_clashes():
    state = {"g_start_x0": 1.0, "g_start_y0": 2.0, "g_start_x1": float("nan"), "g_start_y1": True}
    means = typed_means(state, 2, [(9.0, 9.0), (5.0, 6.0)])
    assert means == ((1.0, 2.0), (5.0, 6.0))
    assert same_place(means) is None
    assert same_place(((1.0, 2.0), (3.0, 4.0), (1.0, 2.0))) == (1, 3)


def test_starts_table_marks_the_highest_and_the_shown_start():
    rows = [("k-means++ (seed 0)", -3.2, 5, True), ("random points (seed 0)", -3.5, 200, False),
            ("your own means", -3.2 + 1e-9, 12, True)]
    table = starts_table(rows, "your own means")
    assert table["highest"] == ["★ highest", "", "★ highest"]
    assert table["start"][2] == "your own means (shown above)"
    assert table["iterations"] == [5, "200 (not converged)", 12]
