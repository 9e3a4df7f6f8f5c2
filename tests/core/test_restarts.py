"""Keeping the best of several restarts."""

from __future__ import annotations

import pytest

from mixgen_core.restarts import keep_best


def test_keeps_the_highest_score_and_reports_every_score_in_order():
    best, scores = keep_best(iter([("a", 1.0), ("b", 3.0), ("c", 2.0)]), lambda run: run[1])
    assert best == ("b", 3.0) and scores == [1.0, 3.0, 2.0]


def test_the_first_of_equal_scores_wins_and_one_run_is_its_own_best():
    best, _ = keep_best([("a", 2.0), ("b", 2.0)], lambda run: run[1])
    assert best[0] == "a"
    assert keep_best([("only", -5.0)], lambda run: run[1]) == (("only", -5.0), [-5.0])


def test_runs_are_consumed_one_at_a_time():
    made = []

    def runs():
        for i in range(3):
            made.append(i)
            yield i

    best, scores = keep_best(runs(), lambda i: -abs(i - 1))
    assert best == 1 and scores == [-1, 0, -1] and made == [0, 1, 2]


def test_no_runs_is_an_error():
    with pytest.raises(ValueError, match="at least one restart"):
        keep_best([], float)
