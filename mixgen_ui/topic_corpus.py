"""The documents on the topic page, whatever made them, and what the page's sections share.

:class:`CorpusOnPage` is what the sections in :mod:`mixgen_ui.learn_topics_section` and
:mod:`mixgen_ui.gibbs_section` work on: the topics typed in the sidebar, how the documents were
rolled from them, and the documents; or, for real text, only where the text comes from
(``source``) and no documents.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np
import streamlit as st

from mixgen_core import Document, Topic

from .highlight import document_html, titled
from .topic_settings import SHOWN_DOCS, TOPICS as T
from .topic_text import mix_text


def update(**values) -> None:
    """Write settings from a button (whole numbers as int; stored as their widgets keep them)."""
    st.session_state.update(T.values_for_state(values))


@dataclass(frozen=True)
class CorpusOnPage:
    """The topics in the sidebar and the documents the page's tabs show and fit.

    Attributes
    ----------
    topics : list of Topic
        The dice typed in the sidebar (tabs 1 and 2 roll them, even for real text).
    mixing : list of float
        Each topic's mixing weight as typed (not scaled to add up to 1).
    names : list of str
        Each topic's name (user text: escape it).
    shared : set of str
        The words on more than one die.
    seed : int
        The seed the documents are rolled with.
    n_docs, n_words : int
        How many documents of how many words are rolled (0 for real text).
    concentration : float or None
        Each document draws its own mix from a Dirichlet with this concentration; None: one
        fixed coin for every document.
    source : tuple or None
        The real corpus (see :func:`mixgen_ui.cached.cached_real_corpus`); None for rolled documents.
    docs : list of Document
        The rolled documents (none for real text).
    """

    topics: list[Topic]
    mixing: list[float]
    names: list[str]
    shared: set[str]
    seed: int
    n_docs: int
    n_words: int
    concentration: float | None
    source: tuple | None
    docs: list[Document]


def show_documents(corpus: CorpusOnPage, topic_of: Callable[[int, Document], np.ndarray | None],
                   wrong_of: Callable[[int, Document], np.ndarray] | None = None) -> None:
    """The first documents as highlighted text.

    Parameters
    ----------
    corpus : CorpusOnPage
    topic_of : callable
        ``topic_of(i, doc)`` gives each word's topic in document ``i`` (int array of shape
        (n_words,)), or None for no colour.
    wrong_of : callable, optional
        ``wrong_of(i, doc)`` marks the words given the wrong topic (bool array of shape (n_words,)).
    """
    docs = corpus.docs
    for i, doc in enumerate(docs[:SHOWN_DOCS]):
        st.html(titled(f"Document {i + 1} (true topic mix {mix_text(doc.mixing)})",
                       document_html(doc.words, topic_of(i, doc), shared=corpus.shared,
                                     wrong=None if wrong_of is None else wrong_of(i, doc))))
    if len(docs) > SHOWN_DOCS:
        st.caption(f"Showing {SHOWN_DOCS} of {len(docs)} documents; the counts and fits use all of them.")
