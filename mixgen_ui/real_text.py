"""Real text for the topic page: State of the Union paragraphs or a student's own text, cut into
words, with no true topics to compare with.

A real corpus is a list of labelled documents (``"1999"``, ``"Document 3"``, a file's name),
each tokenised (:func:`mixgen_core.tokenize`) and then pruned over the whole corpus
(:func:`mixgen_core.prune_vocabulary`): rare words and words in nearly every document go.
The documents keep their original text, so a paragraph can be shown as it was written with
each kept word coloured by the topic it was given (:func:`coloured_text_html`). Every word,
label and file name is user text: it reaches HTML only through ``html.escape`` (via
:mod:`mixgen_ui.highlight`), never an attribute.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Sequence

import numpy as np

from mixgen_core import prune_vocabulary, tokenize

from .highlight import text_html, word_span

#: Most words (after pruning) a real corpus may hand to the fit: a few seconds of fitting.
MAX_REAL_WORDS = 60_000
#: A word must turn up at least this often in the corpus, and in at most this share of its
#: documents, to be kept (see :func:`mixgen_core.prune_vocabulary`).
MIN_COUNT = 3
MAX_DOC_SHARE = 0.5
#: Words listed per topic.
TOP_WORDS = 10


@dataclass(frozen=True)
class RealCorpus:
    """Labelled documents, their kept words, and (State of the Union) each document's year.

    Attributes
    ----------
    labels : tuple of D str
        What each document is called (user text for files: escape it).
    texts : tuple of D str
        Each document's text as written.
    words : tuple of D tuples of str
        Each document's kept words, in order.
    years : tuple of D int, or None
    """

    labels: tuple[str, ...]
    texts: tuple[str, ...]
    words: tuple[tuple[str, ...], ...]
    years: tuple[int, ...] | None = None

    @property
    def n_words(self) -> int:
        return sum(len(w) for w in self.words)

    @property
    def vocabulary(self) -> frozenset[str]:
        return frozenset(w for doc in self.words for w in doc)


def pruning(n_documents: int, min_count: int = MIN_COUNT) -> tuple[int, float]:
    """The fewest times a word must turn up and the largest share of documents it may be in, for a
    text of ``n_documents``: with two documents or fewer, pruning words in more than half of them would
    drop them all, and a single document keeps its rare words (there is little else)."""
    return (min_count if n_documents > 1 else 1), (MAX_DOC_SHARE if n_documents > 2 else 1.0)


def pruning_text(n_documents: int, min_count: int = MIN_COUNT) -> str:
    """The words left out before learning, as :func:`pruning` leaves them out for this many documents."""
    rare, share = pruning(n_documents, min_count)
    left_out = ["common words (\"the\", \"and\")", "short ones"]
    if rare > 1:
        left_out.append(f"rare ones (fewer than {rare} times in all)")
    if share < 1:
        left_out.append(f"those in more than {share:.0%} of the documents")
    return ", ".join(left_out[:-1]).capitalize() + " and " + left_out[-1] + " are left out first."


def build_real_corpus(labelled: Sequence[tuple[str, str]], years: Sequence[int] | None = None, *,
                      min_count: int = MIN_COUNT) -> RealCorpus:
    """Tokenise and prune ``(label, text)`` documents into a corpus the fit accepts.

    Raises
    ------
    ValueError
        With a sentence for the student: no text, no word left after pruning, or more than
        ``MAX_REAL_WORDS`` words.
    """
    if not labelled:
        raise ValueError("There are no documents: give some text first.")
    tokens = [tokenize(text) for _, text in labelled]
    rare, share = pruning(len(labelled), min_count)
    kept = prune_vocabulary(tokens, min_count=rare, max_doc_share=share)
    n = sum(len(d) for d in kept)
    if n == 0:
        raise ValueError(
            "No word is left to learn from: every word is a common one (\"the\", \"and\"), a short one, or turns "
            f"up fewer than {min_count} times. Give more text, with words that repeat.")
    if n > MAX_REAL_WORDS:
        raise ValueError(f"That is {n:,} words after leaving out the common and rare ones; the topics are learned "
                         f"from at most {MAX_REAL_WORDS:,}. Give less text (or fewer years).")
    return RealCorpus(tuple(lab for lab, _ in labelled), tuple(t for _, t in labelled),
                      tuple(tuple(d) for d in kept), None if years is None else tuple(int(y) for y in years))


def coloured_text_html(text: str, topics: Sequence[int], vocabulary: frozenset[str]) -> str:
    """A document as written, each kept word tinted by its topic (0-based), the rest plain text.

    ``topics`` gives the topic of each kept word in order. A piece of text between spaces is
    coloured by the topic of its first kept word (tokenising piece by piece gives the same
    words as tokenising the whole text: words never span white space).
    """
    out, i = [], 0
    for piece in text.split():
        kept = [w for w in tokenize(piece) if w in vocabulary]
        if kept and i < len(topics):
            out.append(word_span(piece, int(topics[i])))
            i += len(kept)
        else:
            out.append(f"<span>{escape(piece)}</span>")
    return f'<div style="line-height:2.1;font-size:1.0rem;overflow-wrap:anywhere;">{" ".join(out)}</div>'


def top_words(topic_word: np.ndarray, vocabulary: Sequence[str], n: int = TOP_WORDS) -> list[list[str]]:
    """Each topic's ``n`` most probable words, most probable first."""
    return [[vocabulary[j] for j in np.argsort(-row, kind="stable")[:n]] for row in topic_word]


def top_words_html(words: Sequence[Sequence[str]], shares: Sequence[float]) -> str:
    """One line per topic: its number and share of the words, then its top words tinted in its colour."""
    rows = []
    for k, (ws, share) in enumerate(zip(words, shares)):
        chips = "".join(word_span(w, k) for w in ws)
        rows.append(f'<div style="margin:4px 0;"><b>Topic {k + 1}</b> ({share:.0%} of the words): {chips}</div>')
    return "".join(rows)


def label_html(label: str, detail: str = "") -> str:
    """A document's label (user text) and our own detail, as a small caption."""
    return f'<div style="font-size:0.85rem;opacity:0.85;margin-top:0.6rem;">{text_html(label)}{detail}</div>'


def year_shares(years: Sequence[int], document_topic: np.ndarray, lengths: Sequence[int]) -> tuple[list[int],
                                                                                                    np.ndarray]:
    """Each topic's share of the words, year by year.

    Parameters
    ----------
    years : sequence of D int
    document_topic : array of shape (D, K)
    lengths : sequence of D int (words per document: a long paragraph counts more)

    Returns
    -------
    years : sorted distinct years (Y,)
    shares : array of shape (K, Y), columns sum to 1 (a year without words: zeros)
    """
    years_arr = np.asarray(years)
    distinct = sorted(set(years_arr.tolist()))
    weighted = document_topic * np.asarray(lengths, dtype=float)[:, None]
    index = np.searchsorted(distinct, years_arr)
    sums = np.zeros((len(distinct), document_topic.shape[1]))
    np.add.at(sums, index, weighted)
    totals = sums.sum(axis=1, keepdims=True)
    return distinct, np.divide(sums, totals, out=np.zeros_like(sums), where=totals > 0).T


def sotu_span_problem(first: int, last: int) -> str | None:
    """What is wrong with a span of State of the Union years, or None (years come checked by their widgets)."""
    from .topic_settings import SOTU_MAX_SPAN

    if first > last:
        return f"The first year ({first}) comes after the last ({last}): swap them."
    if last - first + 1 > SOTU_MAX_SPAN:
        return (f"That is {last - first + 1} years; the topics are learned from at most {SOTU_MAX_SPAN} years at "
                "once, so that it takes a few seconds. Choose a shorter span.")
    return None


def own_documents(text: str, files: Sequence[tuple[str, bytes]]) -> list[tuple[str, str]] | None:
    """A student's documents: uploaded files (one document each; a single file, one per paragraph) when
    there are any, else the typed text (one document per block between blank lines); None when both are
    empty. Raises ``ValueError`` (a sentence naming the problem) for unreadable files or too much text."""
    from .datasets import split_paragraphs
    from .text_uploads import documents_from_files, documents_from_text

    if files:
        labelled = documents_from_files(list(files))
        if len(labelled) == 1:
            name, body = labelled[0]
            paragraphs = split_paragraphs(body)
            if not paragraphs:
                raise ValueError(f"The file {name[:40]!r} holds no text.")
            labelled = [(f"{name}, paragraph {i}", p) for i, p in enumerate(paragraphs, start=1)]
        return labelled
    if not text or not text.strip():
        return None
    return documents_from_text(text)
