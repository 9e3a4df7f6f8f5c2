"""Every judging sentence about the points is shown only when the facts make it true: each test builds
the case where a sentence would be false and shows that it is not chosen."""

from __future__ import annotations

import numpy as np
import pytest

from mixgen_core import (
    GaussianComponent,
    best_possible_points,
    preset_components,
    sample_gaussian_mixture,
    score_partition,
)
from mixgen_ui.verdicts import (
    SAME_HEIGHT,
    EmFacts,
    GuessFacts,
    KMeansFacts,
    OtherStarts,
    better_start_helps,
    compare_with_em,
    guess_verdict,
    k_sentence,
    kmeans_verdict,
    overlap_sentence,
    round_and_alike,
)


def guess(**kw) -> GuessFacts:
    base = dict(n=60, grouped=60, right=60, adjusted_rand=1.0, best_right=60)
    return GuessFacts(**{**base, **kw})


# --------------------------------------------------------------------------- the student's guess
def test_an_empty_guess_is_never_told_yes():
    kind, text = guess_verdict(guess(grouped=0, right=0, adjusted_rand=0.0))
    assert kind == "warning" and text.startswith("You have not put any point")
    assert "Yes" not in text and "Mostly" not in text


def test_yes_only_when_the_guess_reaches_the_best_possible():
    kind, text = guess_verdict(guess(right=58, adjusted_rand=0.9, best_right=58))
    assert kind == "success" and text.startswith("Yes") and "58 of 60" in text and "as many as" in text
    # one point short of the yardstick: not "Yes"
    kind, text = guess_verdict(guess(right=57, adjusted_rand=0.88, best_right=58))
    assert kind == "info" and text.startswith("Partly") and "57 of 60" in text and "puts 58" in text
    assert "Yes" not in text


def test_beating_the_yardstick_is_called_luck_only_when_it_happens():
    kind, text = guess_verdict(guess(right=59, adjusted_rand=0.95, best_right=58))
    assert kind == "success" and "more than Bayes' rule" in text and "lucky" in text
    # The guess's groups are matched to the truth afterwards, Bayes' rule's are not: beating it is not
    # said to be beyond any rule, only beyond the best one that names each point's Gaussian.
    assert "matched to the true ones after the fact" in text and "does better on average" not in text
    assert "lucky" not in guess_verdict(guess(right=58, adjusted_rand=0.9, best_right=58))[1]


def test_every_point_right_is_yes_even_without_a_yardstick():
    kind, text = guess_verdict(guess(best_right=None))
    assert kind == "success" and "every one of them" in text
    kind, text = guess_verdict(guess(right=59, adjusted_rand=0.95, best_right=None))
    assert kind == "info" and text.startswith("Partly") and "Bayes" not in text  # nothing to measure against


def test_no_better_than_random_only_when_the_adjusted_rand_index_says_so():
    # the case seen: one group of everything, 33% right, adjusted Rand index 0.00
    kind, text = guess_verdict(guess(right=20, adjusted_rand=0.0))
    assert kind == "warning" and text.startswith("Not yet") and "random grouping" in text and "(adjusted Rand index 0.00)" in text
    kind, text = guess_verdict(guess(right=40, adjusted_rand=0.3))
    assert "random" not in text and text.startswith("Partly")


def test_points_left_in_no_group_are_mentioned_only_when_there_are_some():
    text = guess_verdict(guess(grouped=50, right=45, adjusted_rand=0.6))[1]
    assert "The 10 points you left in no group count as wrong." in text
    text = guess_verdict(guess(grouped=59, right=45, adjusted_rand=0.6))[1]
    assert "The 1 point you left in no group counts as wrong." in text
    assert "no group" not in guess_verdict(guess(right=45, adjusted_rand=0.6))[1]


def test_the_yardstick_sentence_says_what_the_points_allow():
    assert "every one of these points" in overlap_sentence(60, 60)
    text = overlap_sentence(60, 57)
    assert "only 57 of 60 points" in text and "3 points sit" in text and "every one" not in text
    assert "1 point sits" in overlap_sentence(60, 59)
    assert overlap_sentence(60, None) is None and overlap_sentence(0, 0) is None


def test_the_yardstick_sentence_allows_for_clouds_that_tie():
    """Two identical Gaussians: at every point both clouds are exactly as likely, so a misplaced point
    sits where another cloud is *at least* as likely as its own, not more likely."""
    same = [GaussianComponent([0, 0], [[1, 0], [0, 1]], 20)] * 2
    sample = sample_gaussian_mixture(same, np.random.default_rng(0))
    best = best_possible_points(sample, same)
    text = overlap_sentence(len(sample.points), best.n_correct)
    assert "at least as likely as the real one" in text and "more likely than" not in text
    assert "nobody can be sure to place them right" in text


def test_the_yardstick_on_overlapping_clouds_is_below_every_point():
    """The sentence "no point here is more likely to come from another cloud" would be false on the
    Overlapping preset: computed there, it is not chosen."""
    comps = preset_components("Overlapping")
    sample = sample_gaussian_mixture(comps, np.random.default_rng(0))
    best = best_possible_points(sample, comps)
    assert best.n_correct < len(sample.points)
    assert "Even knowing" in overlap_sentence(len(sample.points), best.n_correct)


# --------------------------------------------------------------------------- the student against EM
def em(**kw) -> EmFacts:
    base = dict(n=60, you_right=50, em_right=45, best_right=52, em_converged=True, start="k-means++",
                others=OtherStarts(gain=0.0, right=45, tried=5))
    return EmFacts(**{**base, **kw})


def test_em_wins_only_when_it_put_more_right():
    kind, text = compare_with_em(em(you_right=40))
    assert kind == "warning" and text.startswith("EM put 5 points more")
    assert not compare_with_em(em())[1].startswith("EM put")


def test_a_lower_hill_is_blamed_only_when_a_higher_start_also_puts_more_right():
    helps = em(others=OtherStarts(gain=0.1, right=50, tried=5))
    kind, text = compare_with_em(helps)
    assert better_start_helps(helps) and "lower hill" in text and "puts 50 of 60 points right" in text
    assert "starting guess (k-means++)" in text and "random starting guess" not in text
    # the case seen on "Overlapping", seed 0: a higher start with the same accuracy: no "lower hill", no advice
    same = em(others=OtherStarts(gain=0.108, right=45, tried=78))
    kind, text = compare_with_em(same)
    assert not better_start_helps(same)
    assert "lower hill" not in text and "New initial guess" not in text
    assert "the one that climbs highest ends higher than this fit but puts 45 of 60 points right" in text
    # higher only by as much as two fits of one hill differ: the same hill
    flat = em(others=OtherStarts(gain=SAME_HEIGHT / 2, right=50, tried=5))
    assert not better_start_helps(flat) and "lower hill" not in compare_with_em(flat)[1]
    assert "None of the 5 other starts tried ends higher than this fit by more than 0.001 per point." in (
        compare_with_em(flat)[1])


@pytest.mark.parametrize("gain", [0.0, 0.108])
def test_only_the_starts_tried_are_spoken_of(gain):
    """"Hidden in a crowd", seed 6: from fit seed 6 EM ends 0.17 per point higher than from seed 0, so
    no sentence may say that EM found the most likely Gaussians it can or that a new start would not help."""
    text = compare_with_em(em(others=OtherStarts(gain=gain, right=45, tried=5)))[1]
    assert "would not help" not in text and "it can" not in text and "5 other starts tried" in text
    assert "need not be the ones that drew them" in text


def test_real_data_are_not_said_to_be_drawn_from_gaussians():
    """Penguins: nobody drew them from Gaussians, so EM's Gaussians are set against the true groups."""
    for gain in (0.0, 0.108):
        text = compare_with_em(em(others=OtherStarts(gain=gain, right=45, tried=5), truth="group"))[1]
        assert "drew" not in text and "need not follow the true groups" in text


def test_an_unfinished_em_is_said_to_be_unfinished_and_nothing_else():
    kind, text = compare_with_em(em(em_converged=False, others=OtherStarts(gain=0.1, right=55, tried=5)))
    assert "step limit" in text and "lower hill" not in text
    assert "step limit" not in compare_with_em(em())[1]


def test_no_reason_is_given_when_other_starts_were_not_compared():
    kind, text = compare_with_em(em(others=None))
    assert kind == "success" and text == "You beat EM by 5 points!"


def test_ties():
    assert "every point" in compare_with_em(em(you_right=60, em_right=60))[1]
    text = compare_with_em(em(you_right=45))[1]
    assert text.startswith("A tie") and "every point" not in text


def test_k_sentence_names_the_truth_it_has():
    assert "You said **1** Gaussian;" in k_sentence(1, 3, None)
    assert "picks **3**" in k_sentence(2, 3, 3) and "BIC can miss" not in k_sentence(2, 3, 3)
    assert "BIC can miss" in k_sentence(3, 3, 2)
    real = k_sentence(2, 3, None, "group")
    assert "Gaussian" not in real and "**3** true groups" in real
    assert "**1** true group." in k_sentence(2, 1, None, "group")


def test_bic_s_miss_is_explained_by_its_direction():
    """The guide at seed 1 (BIC picks 5 of 3) was told that fewer Gaussians explain the points almost as well."""
    fewer = k_sentence(3, 3, 2)
    assert "3 Gaussians do not fit the points enough better than 2" in fewer and "overlap" in fewer
    more = k_sentence(3, 3, 5)
    assert "BIC can miss the other way: here 5 Gaussians fit the points enough better than 3" in more
    assert "fewer" not in more and "overlap" not in more and "chance clumps" in more
    assert "a true group need not be shaped like one Gaussian" in k_sentence(3, 3, 5, "group")


# --------------------------------------------------------------------------- k-means beside EM
def km(**kw) -> KMeansFacts:
    base = dict(n=60, em_right=55, km_right=47, em_done=True, km_done=True, round_alike=False)
    return KMeansFacts(**{**base, **kw})


@pytest.mark.parametrize("em_done, km_done, who", [(False, False, "EM and k-means are"), (False, True, "EM is"),
                                                   (True, False, "k-means is")])
def test_no_winner_while_either_is_still_moving(em_done, km_done, who):
    # the case seen: iteration 1, k-means 8 points ahead; neither had finished
    kind, text = kmeans_verdict(km(em_right=40, km_right=48, em_done=em_done, km_done=km_done))
    assert text.startswith(who) and "still moving" in text
    assert "more right" not in text and "round" not in text


def test_round_clouds_are_named_as_k_means_reason_only_when_they_are_round():
    text = kmeans_verdict(km(em_right=40, km_right=48))[1]
    assert text.startswith("Here k-means gets 8 points more right") and "round" not in text
    text = kmeans_verdict(km(em_right=40, km_right=48, round_alike=True))[1]
    assert "round and of one size" in text


def test_em_ahead_blames_the_shapes_only_when_they_are_not_round():
    assert "not all round" in kmeans_verdict(km())[1]
    assert "round" not in kmeans_verdict(km(round_alike=True))[1]
    assert "round" not in kmeans_verdict(km(round_alike=None))[1]
    assert "same number" in kmeans_verdict(km(km_right=55))[1]


def test_round_and_alike_reads_the_covariances():
    assert round_and_alike([np.eye(2) * 0.3, np.eye(2) * 0.3])
    assert not round_and_alike([np.eye(2) * 0.3, np.eye(2) * 0.5])  # one size only
    assert not round_and_alike([np.diag([1.0, 0.1]), np.diag([1.0, 0.1])])  # the worksheet's elongated cloud
    assert not round_and_alike([np.array([[1, 0.5], [0.5, 1]]), np.eye(2)])
    worksheet = preset_components("The worksheet's example")
    assert not round_and_alike([c.cov for c in worksheet])


def test_a_partition_score_feeds_the_facts():
    truth = [0, 0, 0, 1, 1, 1]
    s = score_partition(truth, [1, 1, 1, 0, 0, 0])
    assert guess_verdict(guess(n=6, grouped=6, right=s.n_correct, adjusted_rand=s.adjusted_rand,
                               best_right=6))[1].startswith("Yes")
