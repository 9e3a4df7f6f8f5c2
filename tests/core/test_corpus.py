"""Documents as counts of distinct (document, word) pairs, and the checks on them."""

from __future__ import annotations

import numpy as np
import pytest

from mixgen_core.corpus import build_corpus
from mixgen_core.limits import MAX_FIT_DOCUMENTS, MAX_VOCABULARY


def test_build_corpus_counts_and_order():
    corpus = build_corpus([["b", "a", "b"], [], ["c", "a"]])
    assert corpus.vocabulary == ("b", "a", "c")  # first-seen order
    np.testing.assert_array_equal(corpus.count_matrix(), [[2, 1, 0], [0, 0, 0], [0, 1, 1]])
    np.testing.assert_array_equal(corpus.doc_lengths, [3, 0, 2])
    # token_pair points each word, in order, to its (document, word) pair.
    pairs = list(zip(corpus.doc_ids[corpus.token_pair], corpus.word_ids[corpus.token_pair]))
    assert pairs == [(0, 0), (0, 1), (0, 0), (2, 2), (2, 1)]


def test_count_matrix_is_what_countvectorizer_gives():
    corpus = build_corpus([["a", "b", "a"], ["b"]])
    np.testing.assert_array_equal(corpus.count_matrix(), [[2, 1], [0, 1]])
    assert corpus.n_documents == 2


def test_numpy_strings_become_plain_text():
    corpus = build_corpus([np.array(["a", "b"]), ("b",)])
    assert corpus.vocabulary == ("a", "b") and all(type(w) is str for w in corpus.vocabulary)


@pytest.mark.parametrize(
    "docs, message",
    [
        ([["a"]] * (MAX_FIT_DOCUMENTS + 1), "at most 100,000 documents"),
        ([[f"w{i}" for i in range(MAX_VOCABULARY + 1)]], "20,000 distinct words"),
        ([{"a", "b"}], "Document 1 must be a list of words"),
        ([np.array([["a"]])], "Document 1 must be a list of words"),
        (5, "list of documents"),
    ],
)
def test_build_corpus_refuses(docs, message):
    with pytest.raises(ValueError, match=message):
        build_corpus(docs)

