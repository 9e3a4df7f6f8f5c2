"""topic_relevance: LDAvis's relevance, checked exactly on small dice."""

import math

import numpy as np
import pytest

from mixgen_core import topic_relevance

PHI = np.array([[0.5, 0.25, 0.25, 0.0], [0.1, 0.1, 0.4, 0.4]])
P = np.array([0.3, 0.1, 0.4, 0.2])


@pytest.mark.parametrize("lam", [0.0, 0.25, 0.6, 1.0, 1])
def test_formula_entry_by_entry(lam):
    got = topic_relevance(PHI, P, lam)
    assert got.shape == (2, 4)
    for k in range(2):
        for w in range(4):
            if PHI[k, w] == 0:
                assert got[k, w] == -math.inf
            else:
                want = lam * math.log(PHI[k, w]) + (1 - lam) * math.log(PHI[k, w] / P[w])
                assert got[k, w] == pytest.approx(want, rel=1e-14, abs=1e-15)


def test_ends_of_the_slider_rank_by_probability_and_by_lift():
    frequent = topic_relevance(PHI, P, 1.0)
    special = topic_relevance(PHI, P, 0.0)
    np.testing.assert_array_equal(np.argsort(-frequent[1], kind="stable"), np.argsort(-PHI[1], kind="stable"))
    lift = PHI[1] / P
    np.testing.assert_array_equal(np.argsort(-special[1], kind="stable"), np.argsort(-lift, kind="stable"))
    # topic 0: its most probable word is common everywhere; a rarer one is special to it
    assert np.argmax(frequent[0]) == 0 and np.argmax(special[0]) == 1


@pytest.mark.parametrize("lam", [-0.01, 1.01, math.nan, math.inf, "0.5", None, True, [0.5]])
def test_lambda_outside_0_1_or_not_a_number_is_refused(lam):
    with pytest.raises(ValueError, match="lambda must be a number from 0 to 1"):
        topic_relevance(PHI, P, lam)


@pytest.mark.parametrize(
    "phi, p, message",
    [
        (PHI, P[:3], "shape"),
        (PHI[0], P, "shape"),
        (PHI * 2, P, "sum to 1"),
        (PHI, P * 2, "sum to 1"),
        (-PHI, P, "negative"),
        (np.array([[0.5, 0.5, 0.0, 0.0]]), np.array([0.5, 0.5, 0.0, 0.0]), "above 0"),
        (np.where(PHI == 0.5, np.nan, PHI), P, "finite"),
    ],
)
def test_bad_dice_are_refused(phi, p, message):
    with pytest.raises(ValueError, match=message):
        topic_relevance(phi, p, 0.5)
