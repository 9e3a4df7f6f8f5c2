"""The words guide's last steps, pure parts: the corpora, the replayed scores, the grid, and every
sentence that judges (each branch from the numbers)."""

from __future__ import annotations

import numpy as np
import pytest

from mixgen_core import sample_documents, sample_topic_assignments, sweep_log_joints, sweep_states, worksheet_topics
from mixgen_ui.gibbs_play import GRID_COLUMNS, grid_cells
from mixgen_ui.topic_path import (
    PATH_DOCS,
    JoinedScores,
    coin_text,
    join_text,
    learned_text,
    most_likely_topics,
    path_corpus,
    topic_shares,
)

TOPICS = worksheet_topics()


def small_run(seed=0, sweeps=5):
    docs = sample_documents(TOPICS, 4, 12, concentration=0.5, rng=np.random.default_rng(seed))
    return docs, sample_topic_assignments([d.words for d in docs], 2, np.random.default_rng(seed), n_sweeps=sweeps)


def test_path_corpus_starts_with_the_students_document_and_rolls_the_rest_its_length():
    (student,) = sample_documents(TOPICS, 1, 20, rng=np.random.default_rng(1))
    for own in (True, False):
        docs = path_corpus(student, TOPICS, own, np.random.default_rng(2))
        assert docs[0] is student and len(docs) == PATH_DOCS and {len(d.words) for d in docs} == {20}
    # A fixed coin: every document's mix is the same one; its own mixes: they differ.
    coin = path_corpus(student, TOPICS, False, np.random.default_rng(2))
    own = path_corpus(student, TOPICS, True, np.random.default_rng(2))
    assert all(np.allclose(d.mixing, coin[1].mixing) for d in coin[1:])
    assert np.ptp([d.mixing[0] for d in own[1:]]) > 0.5
    assert topic_shares(own).max() > topic_shares(coin).max() or topic_shares(own).min() < topic_shares(coin).min()


def test_sweep_states_and_scores_replay_the_run_word_by_word():
    _, run = small_run()
    for sweep in (1, 3, 5):
        states = sweep_states(run, sweep)
        assert np.array_equal(states[0], run.assignments[sweep - 1]) and np.array_equal(states[-1], run.assignments[sweep])
        # Each re-roll changes at most the word re-rolled.
        assert all(np.sum(states[p] != states[p + 1]) <= 1 and np.all(states[p, p + 1:] == states[p + 1, p + 1:])
                   for p in range(states.shape[0] - 1))
        scores = sweep_log_joints(run, sweep)
        assert scores[0] == pytest.approx(run.log_joint[sweep - 1]) and scores[-1] == pytest.approx(run.log_joint[sweep])
    with pytest.raises(ValueError, match="between 1 and 5"):
        sweep_states(run, 6)
    with pytest.raises(ValueError):
        sweep_states(run, 0)


def test_sweep_states_refuses_a_replay_too_large_for_memory():
    words = [["cake", "orc"] * 1_001]  # 2,002 words: the replay would hold 4M topics
    run = sample_topic_assignments(words, 2, np.random.default_rng(0), n_sweeps=1)
    with pytest.raises(ValueError, match="at most 2,000 words"):
        sweep_states(run, 1)


def test_most_likely_topics_is_bayes_rule_with_the_learned_dice_and_mix():
    docs, run = small_run(3, 8)
    numbers = np.array([1, 0])
    for d in range(len(docs)):
        got = most_likely_topics(run, numbers, d)
        start = sum(len(x.words) for x in docs[:d])
        mix, dice = run.document_topic()[d], run.topic_word()
        want = [numbers[int(np.argmax([mix[k] * dice[k, run.word_ids[start + i]] for k in range(2)]))]
                for i in range(len(docs[d].words))]
        assert got.tolist() == want


def test_grid_cells_wrap_documents_and_start_each_on_a_new_row():
    rows, cols, labels = grid_cells([7, 0, 3], 100)
    assert cols.tolist() == [i % GRID_COLUMNS for i in range(7)] + [0, 1, 2]
    assert labels[0] == "doc 1" and labels[-1] == "doc 3" and len(labels) == (7 - 1) // GRID_COLUMNS + 2
    assert rows.tolist()[-3:] == [len(labels) - 1] * 3
    rows, _, labels = grid_cells([7, 3], 8)
    assert rows.size == 8 and labels[-1] == "doc 2"


@pytest.mark.parametrize("start, end, says", [(0.5, 0.9, "rose from 50%"), (0.6, 0.4, "fell from 60%"),
                                              (0.5, 0.52, "stayed near 50%")])
def test_learned_text_follows_the_numbers(start, end, says):
    assert says in learned_text(start, end, 40) and f"{end:.0%}" in learned_text(start, end, 40)


def test_coin_text_claims_far_fewer_only_when_true():
    assert "far fewer" in coin_text(0.55, 0.9)
    assert "far fewer" not in coin_text(0.85, 0.9) and "nearly as many" in coin_text(0.85, 0.9)


def test_join_text_speaks_of_the_guess_only_once_there_is_one():
    none = join_text(JoinedScores(n=20, you=0, sampler=15, bayes=17, answered=0))
    assert "You put" not in none and "put 15" in none and "put 17" in none
    some = join_text(JoinedScores(n=20, you=9, sampler=15, bayes=17, answered=12))
    assert "You put 9 of the 20" in some and "You answered 12 of the 20" in some
    assert "You answered" not in join_text(JoinedScores(n=20, you=9, sampler=15, bayes=17, answered=20))
