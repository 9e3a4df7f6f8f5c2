"""The topic page's real-text and Gibbs helpers: pure functions, no app."""

from html import escape

import numpy as np
import pytest

from mixgen_core import sample_topic_assignments, sweep_states
from mixgen_ui.gibbs_view import cut_documents, frame_sweeps, next_sweep, next_word
from mixgen_ui.real_text import (
    build_real_corpus,
    coloured_text_html,
    own_documents,
    pruning_text,
    sotu_span_problem,
    year_shares,
)
from mixgen_ui.topic_path import score_text
from mixgen_ui.topic_text import mixes_compared_text, own_mixes_text
from tests.payloads import HOSTILE


def test_next_word_wraps_to_the_next_sweep_and_stops_at_the_end():
    assert next_word(1, 5, 60, 30) == (1, 6)
    assert next_word(1, 60, 60, 30) == (2, 1)
    assert next_word(30, 60, 60, 30) == (30, 60)
    assert next_sweep(30, 30) == 30 and next_sweep(3, 30) == 4


def test_sweep_states_row_is_the_state_before_that_word_is_rerolled():
    """The replay the app draws: row p of sweep_states is the state just before word p + 1 is re-rolled."""
    run = sample_topic_assignments([["a", "b", "c", "a"], ["b", "c", "d"]], 2, np.random.default_rng(0), n_sweeps=3)
    z = sweep_states(run, 2)[2]
    step = run.step_details(1, 2)
    assert z[2] == step.topic_before
    assert list(z[:2]) == list(run.assignments[2, :2]) and list(z[3:]) == list(run.assignments[1, 3:])


def test_cut_documents_and_frames():
    words, labels = cut_documents([["a"] * 40, ["b"] * 40], [[0] * 40, [1] * 40], 60)
    assert [len(w) for w in words] == [40, 20] and [len(lab) for lab in labels] == [40, 20]
    assert frame_sweeps(10, 100) == list(range(11))
    many = frame_sweeps(1000, 100)
    assert len(many) <= 100 and many[0] == 0 and many[-1] == 1000


@pytest.mark.parametrize("payload", HOSTILE)
def test_coloured_text_escapes_every_piece(payload):
    text = f"{payload} garden garden roses"
    html = coloured_text_html(text, [0, 0, 1], frozenset({"garden", "roses"}))
    for piece in payload.split():
        assert escape(piece) in html
    assert "<img" not in html and "<style" not in html


def test_real_corpus_prunes_and_refuses_empty_or_huge():
    corpus = build_real_corpus([("a", "garden roses garden"), ("b", "engine fuel engine garden")] * 2)
    assert corpus.vocabulary == {"engine"}  # "garden" is in every document; the others turn up too rarely
    with pytest.raises(ValueError, match="No word is left"):
        build_real_corpus([("a", "the and of")])
    with pytest.raises(ValueError, match="at most"):
        build_real_corpus([(str(i), ("garden roses tulips " if i % 2 else "engine fuel gears ") * 400)
                           for i in range(60)])


def test_year_shares_weight_by_length():
    years, shares = year_shares([2000, 2000, 2001], np.array([[1.0, 0.0], [0.0, 1.0], [0.5, 0.5]]), [3, 1, 2])
    assert years == [2000, 2001]
    assert np.allclose(shares[:, 0], [0.75, 0.25]) and np.allclose(shares.sum(axis=0), 1)


def test_sotu_span_and_own_documents():
    assert sotu_span_problem(2000, 2009) is None
    assert "after" in sotu_span_problem(2009, 2000) and "at most" in sotu_span_problem(1900, 1950)
    assert own_documents("", []) is None
    assert [lab for lab, _ in own_documents("one\n\ntwo", [])] == ["Document 1", "Document 2"]
    assert [lab for lab, _ in own_documents("", [("f.txt", b"p one\n\np two")])] == ["f.txt, paragraph 1",
                                                                                     "f.txt, paragraph 2"]
    with pytest.raises(ValueError):
        own_documents("", [("bad.txt", b"\x00\x01")])


def test_the_score_sentence_follows_the_numbers():
    assert score_text(-2000.0, -1650.5) == "The score (log joint) rose from −2,000.0 at the random start to −1,650.5."
    assert "fell from −1,650.0" in score_text(-1650.0, -2000.0)
    assert "stayed near −2,000.0" in score_text(-2000.0, -1995.0)


def test_the_words_left_out_are_the_ones_the_pruning_leaves_out():
    two = build_real_corpus([("a", "harbour ships cargo cranes harbour ships"), ("b", "harbour ships cargo gulls")])
    assert "harbour" in two.vocabulary  # in both documents, and kept: the sentence must not say otherwise
    assert "more than" not in pruning_text(2) and "rare ones (fewer than 3 times in all)" in pruning_text(2)
    one = build_real_corpus([("a", "harbour ships cargo tides")])
    assert one.vocabulary == {"harbour", "ships", "cargo", "tides"}  # one document keeps words seen once
    assert "rare" not in pruning_text(1)
    assert "more than 50% of the documents" in pruning_text(3)


def test_learning_sentences_claim_only_what_the_numbers_show():
    assert "nothing to tell apart" in own_mixes_text(1, False, 5000)
    assert "can give the topics away" in own_mixes_text(2, True, 5000) and "few" not in own_mixes_text(2, True, 5000)
    assert "800 words are few" in own_mixes_text(2, False, 800)
    assert mixes_compared_text(0.93, 0.65).startswith("Each document its own mix put 93%")
    assert "came out ahead (95% against 80%)" in mixes_compared_text(0.80, 0.95)
    assert "about the same" in mixes_compared_text(0.70, 0.68)
