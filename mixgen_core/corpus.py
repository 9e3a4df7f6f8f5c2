"""Documents given as lists of words, checked and counted for the topic fit.

:func:`build_corpus` turns documents (lists of words, e.g. ``text.split()``) into a
:class:`Corpus`: counts of the distinct ``(document, word)`` pairs, the form in which
:func:`~mixgen_core.topic_fit.fit_topics` works (and scikit-learn's ``CountVectorizer``
gives).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ._checks import check_list
from .limits import MAX_FIT_DOCUMENTS, MAX_TOTAL_WORDS, MAX_VOCABULARY, MAX_WORD_LENGTH


@dataclass(frozen=True)
class Corpus:
    """Documents as counts of distinct ``(document, word)`` pairs.

    Attributes
    ----------
    vocabulary : tuple of V str
        Distinct words in first-seen order.
    doc_ids, word_ids : int arrays of shape (N,)
        The document and vocabulary index of each distinct pair.
    counts : float array of shape (N,)
        How often the word occurs in the document.
    token_pair : int array of shape (n_words,)
        For each word of the documents, in order, the index of its pair.
    doc_lengths : int array of shape (D,)
    """

    vocabulary: tuple[str, ...]
    doc_ids: np.ndarray
    word_ids: np.ndarray
    counts: np.ndarray
    token_pair: np.ndarray
    doc_lengths: np.ndarray

    @property
    def n_documents(self) -> int:
        """D, the number of documents (empty ones included)."""
        return int(self.doc_lengths.size)

    def count_matrix(self) -> np.ndarray:
        """Dense (D, V) matrix of word counts (what scikit-learn's CountVectorizer gives)."""
        m = np.zeros((self.n_documents, len(self.vocabulary)))
        m[self.doc_ids, self.word_ids] = self.counts
        return m


def build_corpus(documents: Any) -> Corpus:
    """Check documents (lists of words) and count their distinct ``(document, word)`` pairs.

    Parameters
    ----------
    documents : sequence of D sequences of str
        At least one word in all; at most ``MAX_FIT_DOCUMENTS`` documents and
        ``MAX_TOTAL_WORDS`` words in all, ``MAX_VOCABULARY`` distinct words, each word
        non-empty text of at most ``MAX_WORD_LENGTH`` characters.

    Returns
    -------
    corpus : Corpus

    Raises
    ------
    ValueError
        With a sentence naming the problem (and the document, for a bad document).
    """
    documents = check_list(documents, "documents", "documents", maximum=MAX_FIT_DOCUMENTS)
    if not documents:
        raise ValueError("There are no documents: give at least one document with words.")
    documents = [
        check_list(doc, f"Document {i + 1}", "words", str, "text", maximum=MAX_TOTAL_WORDS)
        for i, doc in enumerate(documents)
    ]
    lengths = np.fromiter(map(len, documents), dtype=np.int64, count=len(documents))
    total = int(lengths.sum())
    if total == 0:
        raise ValueError("All documents are empty: there are no words to find topics in.")
    if total > MAX_TOTAL_WORDS:
        raise ValueError(
            f"The documents may hold at most {MAX_TOTAL_WORDS:,} words in all, but hold {total:,}."
        )
    flat = [w for doc in documents for w in doc]
    vocab = dict.fromkeys(flat)  # distinct words, first-seen order
    # Emptiness and length once per distinct word, not once per word.
    if not all(vocab):
        raise ValueError("The documents contain an empty word: every word needs at least one letter.")
    if max(map(len, vocab)) > MAX_WORD_LENGTH:
        raise ValueError(f"A word may be at most {MAX_WORD_LENGTH:,} characters long.")
    if len(vocab) > MAX_VOCABULARY:
        raise ValueError(
            f"The documents may use at most {MAX_VOCABULARY:,} distinct words, but use {len(vocab):,}."
        )
    index = {w: i for i, w in enumerate(vocab)}
    word_of_token = np.fromiter(map(index.__getitem__, flat), dtype=np.int64, count=total)
    doc_of_token = np.repeat(np.arange(len(documents), dtype=np.int64), lengths)
    v = len(vocab)
    # One integer key per (document, word) pair: the distinct keys are the pairs, in
    # document order, and the inverse maps every word of the documents to its pair.
    keys, token_pair, counts = np.unique(
        doc_of_token * v + word_of_token, return_inverse=True, return_counts=True
    )
    return Corpus(
        vocabulary=tuple(map(str, vocab)),  # numpy strings become plain str
        doc_ids=(keys // v).astype(np.intp),
        word_ids=(keys % v).astype(np.intp),
        counts=counts.astype(float),
        token_pair=token_pair.reshape(-1).astype(np.intp),
        doc_lengths=lengths,
    )
