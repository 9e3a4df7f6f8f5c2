"""How many topics and relevance, as shown: the curve, its sentence, words by relevance, top documents."""

import numpy as np

from mixgen_core import TopicCount
from tests.app.helpers import decoded
from mixgen_ui.real_text import top_words
from mixgen_ui.topic_reading import (
    count_sentence,
    lambda_label,
    relevant_words,
    shaky_sentence,
    top_documents,
    topic_count_figure,
    word_frequency,
)


def curve(scores, gaps, best, top, n_held_out=20):
    return TopicCount(candidates=np.arange(1, len(scores) + 1), scores=np.array(scores),
                      standard_errors=np.full(len(scores), 0.05), gap_errors=np.array(gaps), best=best, top=top,
                      n_train=80, n_held_out=n_held_out, n_scored_words=400)


def test_shaky_only_with_few_held_out_documents():
    scores, gaps = [-3.0, -2.5, -2.49], [0.05, 0.02, 0.0]
    few = shaky_sentence(curve(scores, gaps, best=2, top=3, n_held_out=5))
    assert "only 5 documents were held out (400 words scored)" in few
    assert "2 of the 3 numbers tried score within one standard error of the best" in few
    assert "1 document was held out" in shaky_sentence(curve(scores, gaps, best=2, top=3, n_held_out=1))
    clear = shaky_sentence(curve([-3.0, -2.5, -2.2], [0.05, 0.02, 0.0], best=3, top=3, n_held_out=29))
    assert "others score more than one such standard error below the best" in clear
    assert shaky_sentence(curve(scores, gaps, best=2, top=3, n_held_out=30)) is None
    assert shaky_sentence(curve(scores, gaps, best=2, top=3, n_held_out=60)) is None


def test_sentence_names_the_choice_the_top_and_the_truth():
    exact = curve([-3.0, -2.5, -2.49], [0.05, 0.02, 0.0], best=2, top=3)
    text = count_sentence(exact, 2)
    assert "**2 topics**" in text and "3 topics score highest, but only 0.0100 per word above 2" in text
    assert "within its standard error of 0.0200" in text and "came from 2 dice: it found the true number" in text
    assert "80 documents" in text and "20 others (400 words)" in text
    assert "did not predict held-out words better than 2" in count_sentence(exact, 3)
    over = curve([-3.0, -2.5, -2.3], [0.05, 0.02, 0.0], best=3, top=3)
    assert "3 topics predicted held-out words better than 2 by more than a standard error" in count_sentence(over, 2)
    assert "score highest" not in count_sentence(over) and "dice" not in count_sentence(over)
    assert "**1 topic**:" in count_sentence(curve([-2.0, -2.01], [0.0, 0.02], best=1, top=1))
    # More dice than numbers the curve could try (no more topics than distinct words): not "off".
    untried = count_sentence(curve([-2.0, -2.01], [0.0, 0.02], best=1, top=1), 4)
    assert "at most 2 topics could be tried" in untried and "off" not in untried


def test_figure_has_error_bars_the_star_and_the_true_line():
    fig = topic_count_figure(curve([-3.0, -2.5, -2.49], [0.05, 0.02, 0.0], best=2, top=3), 3).to_dict()
    assert decoded(fig["data"][0]["error_y"]["array"]).tolist() == [0.05, 0.02, 0.0]
    assert decoded(fig["data"][1]["x"]).tolist() == [2]
    assert fig["layout"]["annotations"][0]["text"] == "true: 3"
    assert "annotations" not in topic_count_figure(curve([-3.0, -2.5], [0.05, 0.0], 2, 2)).to_dict()["layout"]


def test_relevance_ends_are_probability_and_lift():
    vocab = ["people", "tariff", "war", "navy"]
    docs = [["people"] * 6 + ["tariff"], ["people"] * 4 + ["war", "navy", "navy"]]
    freq = word_frequency(docs, vocab)
    np.testing.assert_allclose(freq, [10 / 14, 1 / 14, 1 / 14, 2 / 14])
    phi = np.array([[0.8, 0.2, 0.0, 0.0], [0.5, 0.0, 0.2, 0.3]])
    assert relevant_words(phi, freq, vocab, 1.0, n=4) == top_words(phi, vocab, 4)
    assert relevant_words(phi, freq, vocab, 0.0, n=2) == [["tariff", "people"], ["war", "navy"]]
    assert lambda_label(1.0).endswith("frequent in this topic") and lambda_label(0.0).endswith("special to this topic")


def test_top_documents_by_expected_words_from_the_topic():
    wt = [np.array([[0.9, 0.1]] * 3), np.array([[0.2, 0.8]] * 10), np.zeros((0, 2)), np.array([[1.0, 0.0]])]
    assert top_documents(wt, n=2) == [[0, 1], [1, 0]]  # topic 1: 2.7 words against 2.0
    assert top_documents([np.array([[1.0, 0.0]])], n=3) == [[0], []]
