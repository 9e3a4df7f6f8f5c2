"""The point's E-step as text: numbers written for students, sentences true of the numbers."""

import math

import numpy as np
import pytest

from mixgen_core import point_posterior
from mixgen_ui.point_numbers import kmeans_rows, posterior_rows, share_text, small_number, spreads_in_words, why_sentence

EYE = np.eye(2)


@pytest.mark.parametrize("log_value, text", [(math.log(0.0213), "0.0213"), (math.log(3.2e-12), "3.20e-12"),
                                             (-math.inf, "0"), (-2302.585092994046, "10^-1000.0")])
def test_small_numbers(log_value, text):
    assert small_number(log_value) == text


@pytest.mark.parametrize("d, text", [(1.3, "1.3 of its own spreads from the centre"),
                                     (1.0, "1.0 of its own spread from the centre"), (0.01, "at its centre")])
def test_spreads_in_words(d, text):
    assert spreads_in_words(d) == text


@pytest.mark.parametrize("share, text", [(0.0, "0%"), (1e-5, "under 0.1%"), (0.9999, "over 99.9%"), (1.0, "100.0%"),
                                         (0.4567, "45.7%")])
def test_share_text_never_rounds_a_share_away(share, text):
    assert share_text(share) == text


def test_table_has_a_row_per_gaussian_and_the_total():
    post = point_posterior((1.0, 0.0), [0.5, 0.5], [[0, 0], [2, 0]], [EYE, EYE])
    rows = posterior_rows(post, ["A", "B"])
    assert rows["Gaussian"] == ["A", "B", "total"]
    assert rows["share (responsibility)"] == ["50.0%", "50.0%", "100%"]
    assert rows["distance from its centre"][:2] == ["1.0 of its own spread from the centre"] * 2


def test_sentences_follow_the_numbers():
    even = point_posterior((1.0, 0.0), [0.5, 0.5], [[0, 0], [2, 0]], [EYE, EYE])
    assert "almost as much" in why_sentence(even, ["A", "B"])
    far = point_posterior((0.0, 50.0), [0.9, 0.1], [[0, 0], [0, 0]], [EYE, 9 * EYE])
    text = why_sentence(far, ["narrow", "wide"])
    assert text.startswith("wide takes") and "weight is smaller (0.10 against 0.90)" in text
    assert "16.7 of its own spreads from its centre, against 50.0 for narrow" in text
    heavy = point_posterior((1.2, 0.0), [0.9, 0.1], [[0, 0], [2, 0]], [EYE, EYE])
    assert "density there is lower" in why_sentence(heavy, ["A", "B"])
    tight = point_posterior((1.0, 0.0), [0.5, 0.5], [[0, 0], [0, 0]], [0.5 * EYE, 4 * EYE])
    assert "tighter" in why_sentence(tight, ["tight", "wide"])
    assert "nothing to share" in why_sentence(point_posterior((0, 0), [1], [[0, 0]], [EYE]), ["A"])


def test_kmeans_distances():
    rows = kmeans_rows(np.array([0.0, 0.0]), np.array([[3.0, 4.0], [1.0, 0.0]]))
    assert rows["distance"] == ["5", "1"] and rows["gets the point"] == ["no", "yes, all of it"]


def test_equal_densities_leave_the_weights_to_decide():
    """Two identical Gaussians (20 and 40 points): the density is the same for both, so only the
    weight can make the difference, not "its density there is higher"."""
    post = point_posterior((0.2, 0.1), [1 / 3, 2 / 3], [[0, 0], [0, 0]], [EYE, EYE])
    text = why_sentence(post, ["Gaussian 1", "Gaussian 2"])
    assert text.startswith("Gaussian 2 takes 66.7%")
    assert "Its density there is the same as Gaussian 1's, so the weights decide (0.67 against 0.33)." in text
    assert "higher" not in text


def test_weights_that_differ_are_never_printed_equal():
    """A smaller weight that rounds to the same two decimals is written with a third."""
    post = point_posterior((0.0, 0.0), [0.331, 0.334, 0.335], [[0, 0], [1, 0], [50, 50]], [EYE, EYE, EYE])
    text = why_sentence(post, ["A", "B", "C"])
    assert "Its weight is smaller (0.331 against 0.334), but its density there is higher" in text
    assert "the point is 0.0 of its own spreads from its centre, against 1.0 for B" in text
