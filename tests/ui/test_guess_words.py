"""Guess, then check (mixgen_ui.guess_words and its HTML in mixgen_ui.topic_text), without a running app."""

from __future__ import annotations

from fractions import Fraction
from html import escape

import numpy as np
import pytest

from mixgen_core import Topic, shared_words, word_posteriors, worksheet_topics
from mixgen_ui.guess_words import (
    GUESS_WORDS,
    NOT_SURE,
    bayes_choice,
    check,
    control_label,
    current_guesses,
    ever_checked,
    fingerprint,
    guess_key,
    is_checked,
    option_label,
    score_guess,
    shared_rows,
    shared_words_text,
    sync_guess,
    uncheck,
    word_likelihoods,
)
from mixgen_ui.topic_text import guess_document_html, guess_word_html, shared_scores_html
from tests.payloads import HOSTILE, LONG_WORD, UNRULY


# --- scoring ---------------------------------------------------------------------------------


def test_score_counts_only_the_named_true_topic():
    s = score_guess([0, 1, 1, 0, 1], [0, 1, 0, NOT_SURE, None])
    assert s.right.tolist() == [True, True, False, False, False]
    assert s.wrong.tolist() == [False, False, True, False, False]  # not sure and unanswered: not marked wrong
    assert (s.n, s.n_right, s.not_sure, s.unanswered) == (5, 2, 1, 1)
    assert s.share == pytest.approx(0.4)


def test_swapped_topic_numbers_are_wrong_not_renamed():
    # score_partition would rename the student's groups; named topics are not arbitrary.
    assert score_guess([0, 0, 1, 1], [1, 1, 0, 0]).share == 0.0


def test_all_not_sure_scores_zero_and_no_words_scores_zero():
    assert score_guess([0, 1], [NOT_SURE, NOT_SURE]).share == 0.0
    assert score_guess([], []).share == 0.0


def test_one_guess_per_word():
    with pytest.raises(ValueError, match="One guess per word"):
        score_guess([0, 1], [0])


def test_bayes_on_the_worksheet_dice():
    topics = worksheet_topics()
    words = ["merry", "orc", "cake", "run", "merry"]
    truth = [1, 1, 0, 0, 0]
    post = word_posteriors(topics, words)
    best = bayes_choice(post)
    assert best.tolist() == [0, 1, 0, 0, 0]  # shared words go to the birthday die (1/7 > 1/8)
    rows = shared_rows(words, truth, post, shared_words(topics))
    merry, run, rest = rows
    assert (merry.word, merry.count, merry.best, merry.n_right) == ("merry", 2, 0, 1)
    assert merry.p_best == pytest.approx(float(Fraction(8, 15)))
    assert (run.word, run.count, run.n_right) == ("run", 1, 1)
    assert (rest.word, rest.count, rest.best, rest.p_best, rest.n_right) == (None, 2, None, 1.0, 2)


def test_shared_rows_without_shared_words():
    topics = [Topic("a", ["x", "y"]), Topic("b", ["z"])]
    rows = shared_rows(["x", "z"], [0, 1], word_posteriors(topics, ["x", "z"]), shared_words(topics))
    assert len(rows) == 1 and rows[0].word is None and rows[0].n_right == 2


def test_word_likelihoods():
    birthday, lotr = worksheet_topics()
    assert word_likelihoods([birthday, lotr], "merry") == pytest.approx([1 / 7, 1 / 8])
    assert word_likelihoods([birthday, lotr], "orc") == pytest.approx([0, 1 / 8])


# --- state -----------------------------------------------------------------------------------


def test_guesses_reset_when_the_document_changes():
    state: dict = {}
    fp = fingerprint(["merry", "orc"], [0, 1], ("a", "b"), 0)
    assert sync_guess(state, "t", fp)
    state[guess_key("t", 0)] = 1
    state[guess_key("t", 1)] = NOT_SURE
    check(state, "t")
    assert not sync_guess(state, "t", fp)  # same document: kept
    assert current_guesses(state, "t", 2, 2) == [1, NOT_SURE] and is_checked(state, "t")
    for other in (fingerprint(["merry", "orc"], [0, 1], ("a", "b"), 1),  # another seed
                  fingerprint(["merry", "orc"], [1, 1], ("a", "b"), 0),  # other true topics
                  fingerprint(["merry", "ring"], [0, 1], ("a", "b"), 0),  # other words
                  fingerprint(["merry", "orc"], [0, 1], ("a", "c"), 0)):  # a renamed topic
        assert other != fp
    assert sync_guess(state, "t", fingerprint(["merry", "orc"], [0, 1], ("a", "b"), 1))
    assert current_guesses(state, "t", 2, 2) == [None, None] and not is_checked(state, "t")
    assert ever_checked(state, "t")  # a checked challenge stays over


def test_fingerprint_tells_word_boundaries_apart():
    assert fingerprint(["ab", "c"], [0, 0]) != fingerprint(["a", "bc"], [0, 0])


def test_state_is_bounded_and_bad_values_are_unanswered():
    state = {guess_key("t", i): 0 for i in range(GUESS_WORDS + 10)}
    state.update({guess_key("t", 0): 5, guess_key("t", 1): True, guess_key("t", 2): "1", guess_key("t", 3): -7})
    g = current_guesses(state, "t", 500, 2)
    assert len(g) == GUESS_WORDS and g[:5] == [None, None, None, None, 0]
    sync_guess(state, "t", "new")
    assert not any(guess_key("t", i) in state for i in range(GUESS_WORDS))


def test_check_and_uncheck():
    state: dict = {}
    check(state, "gt")
    uncheck(state, "gt")
    assert not is_checked(state, "gt") and ever_checked(state, "gt") and not ever_checked(state, "t")



# --- HTML: every word literal ----------------------------------------------------------------


@pytest.mark.parametrize("payload", HOSTILE + UNRULY)
def test_hostile_words_stay_literal_in_the_guess_html(payload):
    names = [payload, "plain"]
    blocks = [
        guess_document_html([payload, "cake", payload], [0, None, NOT_SURE]),
        guess_word_html(0, payload, 1),
        guess_word_html(1, payload, None),
        shared_scores_html(shared_rows([payload, "x"], [0, 1], np.array([[0.6, 0.4], [0.0, 1.0]]), {payload}),
                           names),
    ]
    for html in blocks:
        assert escape(payload) in html
        if "<" in payload:
            assert f"<bdi>{payload}" not in html and f"<b>{payload}" not in html
    assert escape(payload) in shared_scores_html(
        shared_rows(["w"], [0], np.array([[0.5, 0.5]]), {"w"}), names)  # a topic's name, escaped
    label = control_label(0, payload)
    assert "<" not in label.replace("\\<", "") and "[" not in label.replace("\\[", "")


def test_guess_document_colours_only_answered_words():
    html = guess_document_html(["a", "b", "c"], [1, None, NOT_SURE])
    assert html.count("vertical-align:super") == 1 and ">2<" in html
    assert html.count("#eef0f4") == 2  # two plain words


def test_long_words_are_cut_in_labels_and_chips():
    assert len(control_label(0, LONG_WORD)) < 100
    assert len(guess_word_html(0, LONG_WORD, None)) < 1_000


def test_option_labels():
    assert [option_label(k) for k in (0, 1, NOT_SURE)] == ["1", "2", "not sure"]


def _rows(topics, words, truth, prior=None):
    post = word_posteriors(topics, words, prior)
    return shared_rows(words, truth, post, shared_words(topics))


def test_the_shared_words_sentence_quotes_bayes_rules_own_probabilities():
    topics = worksheet_topics()
    text = shared_words_text(_rows(topics, ["merry", "run", "orc"], [0, 1, 1]), 2, partial=False)
    assert "53%" in text and "coin flip" in text  # 8/15 with the worksheet's fair coin
    # Heavily weighted topic 1: its shared words are 91% sure, nothing like a coin flip.
    sure = shared_words_text(_rows(topics, ["merry", "run"], [0, 0], np.array([0.9, 0.1])), 2, partial=False)
    assert "91%" in sure and "coin flip" not in sure
    # Weight 0 on topic 2: a shared word can only have come from topic 1.
    certain = shared_words_text(_rows(topics, ["merry", "cake"], [0, 0], np.array([1.0, 0.0])), 2, partial=False)
    assert "sure of every word" in certain and "misses" not in certain
    none = shared_words_text(_rows(topics, ["cake", "orc"], [0, 1]), 2, partial=True)
    assert none.startswith("No word asked is on more than one die")
