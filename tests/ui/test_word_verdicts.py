"""Every judging sentence about a word-by-word topic guess is chosen only when the document's facts make
it true: each test builds the case where a sentence would be false and shows it is not chosen."""

from __future__ import annotations

import numpy as np

from mixgen_core import shared_words, word_posteriors, worksheet_topics
from mixgen_ui.word_verdicts import WordFacts, word_facts, word_guess_verdict, word_question_answer

TOPICS = worksheet_topics()
SHARED = shared_words(TOPICS)


def facts(words, truth, guesses) -> WordFacts:
    bayes = np.argmax(word_posteriors(TOPICS, words), axis=1)
    return word_facts(words, truth, guesses, bayes, SHARED, TOPICS)


def test_facts_are_counted_from_the_document():
    f = facts(["orc", "cake", "merry", "run"], [1, 0, 1, 0], [1, 1, None, -1])
    assert (f.n, f.named, f.right, f.one_die, f.missed_one_die) == (4, 2, 1, 2, 1)
    assert f.shared == ("merry", "run") and f.example_one_die == ("orc", TOPICS[1].name)
    assert f.bayes_right == 3  # merry -> birthday (8/15) is wrong here, run -> birthday right


def test_nothing_named_is_told_so_never_yes():
    kind, text = word_guess_verdict(facts(["orc", "cake"], [1, 0], [-1, None]))
    assert kind == "warning" and text.startswith("You named no word's topic")


def test_yes_only_at_or_above_bayes():
    words, truth = ["orc", "cake", "merry"], [1, 0, 1]
    kind, text = word_guess_verdict(facts(words, truth, [1, 0, 1]))  # merry right, where Bayes says birthday
    assert kind == "success" and "more than Bayes' rule" in text and "lucky" in text
    kind, text = word_guess_verdict(facts(words, truth, [1, 0, 0]))
    assert kind == "success" and "as many as" in text and "lucky" not in text
    kind, text = word_guess_verdict(facts(words, truth, [1, 1, 0]))
    assert kind == "info" and text.startswith("Partly") and "Yes" not in text


def test_none_right_is_not_called_partly():
    kind, text = word_guess_verdict(facts(["orc", "cake"], [1, 0], [0, 1]))
    assert kind == "warning" and text.startswith("Not yet: none of the 2 words") and "Partly" not in text


def test_one_die_hint_only_when_a_one_die_word_was_missed():
    text = word_guess_verdict(facts(["orc", "merry", "run"], [1, 1, 0], [0, 0, 1]))[1]
    assert "1 word you did not get right is on one die only" in text
    text = word_guess_verdict(facts(["orc", "merry", "run"], [1, 1, 0], [1, 0, 1]))[1]
    assert "one die only" not in text  # the misses are all shared words


def test_most_words_only_when_most_are_on_one_die():
    answer = word_question_answer(facts(["orc", "cake", "frodo", "merry"], [1, 0, 1, 0], [None] * 4))
    assert answer.startswith("For most words of this document, yes: 3 of 4") and '"orc"' in answer
    answer = word_question_answer(facts(["orc", "merry", "run", "merry"], [1, 0, 1, 0], [None] * 4))
    assert "most" not in answer and answer.startswith("For some words, yes: 1 of 4")
    answer = word_question_answer(facts(["merry", "run"], [1, 0], [None] * 2))
    assert answer.startswith("For no word") and "yes" not in answer


def test_shared_words_are_named_only_when_the_document_has_them():
    answer = word_question_answer(facts(["orc", "cake", "merry"], [1, 0, 0], [None] * 3))
    assert '"merry"' in answer and '"run"' not in answer and "is on more than one die" in answer
    answer = word_question_answer(facts(["orc", "cake"], [1, 0], [None] * 2))
    assert "merry" not in answer and "No word here is on more than one die" in answer


def test_luck_is_claimed_only_where_bayes_rule_is_the_best_anyone_can_do():
    # Each document its own mix: the words hint at the document's mix, so beating Bayes' rule with the
    # average mix is not luck.
    words, truth = ["orc", "cake", "merry"], [1, 0, 1]
    bayes = np.argmax(word_posteriors(TOPICS, words), axis=1)
    own = word_facts(words, truth, [1, 0, 1], bayes, SHARED, TOPICS, own_mix=True)
    kind, text = word_guess_verdict(own)
    assert kind == "success" and "lucky" not in text and "its own mix" in text
