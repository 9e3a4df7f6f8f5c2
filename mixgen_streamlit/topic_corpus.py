"""The topic page's corpus in Streamlit: settings written by a button, and the first documents shown."""

from __future__ import annotations

from typing import Callable

import numpy as np
import streamlit as st

from mixgen_core import Document
from mixgen_ui.highlight import document_html, titled
from mixgen_ui.topic_corpus import CorpusOnPage
from mixgen_ui.topic_settings import SHOWN_DOCS
from mixgen_ui.topic_settings import TOPICS as T
from mixgen_ui.topic_text import mix_text


def update(**values) -> None:
    """Write settings from a button (whole numbers as int; stored as their widgets keep them)."""
    st.session_state.update(T.values_for_state(values))



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
