"""The topic page's real text: choosing it (State of the Union years, or the student's own text)
and tab 6's topics learned from it. The pure helpers are in :mod:`mixgen_ui.real_text`.

A real corpus is passed around as its ``source``, a small tuple that keys the caches
(:func:`mixgen_streamlit.cached.cached_real_corpus`): ``("sotu", first_year, last_year)`` or
``("text", ((label, text), ...))``.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from mixgen_ui.real_text import (
    RealCorpus,
    coloured_text_html,
    label_html,
    own_documents,
    pruning_text,
    sotu_span_problem,
    top_words,
    year_shares,
)
from mixgen_ui.text import md_escape
from mixgen_ui.topic_fit_figures import year_share_figure
from mixgen_ui.topic_settings import SHOWN_DOCS
from mixgen_ui.topic_settings import TOPICS as T
from mixgen_ui.topic_text import mix_text

from .cached import cached_real_corpus, cached_real_fit
from .widgets import show
from mixgen_streamlit.topic_reading import how_many_topics_real, read_topics, suggested_topics


def sotu_source() -> tuple | None:
    """A span of years of the State of the Union addresses, each paragraph a document."""
    st.caption("Presidents' State of the Union addresses (public domain), each paragraph one document. "
               "Real text has no dice: tabs 3 to 5 need the true topics, so tabs 6 and 7 learn them.")
    c1, c2 = st.columns(2)
    first, last = show(c1, T["t_sotu_from"]), show(c2, T["t_sotu_to"])
    problem = sotu_span_problem(first, last)
    if problem:
        st.warning(problem)
        return None
    return ("sotu", first, last)


def own_text_source() -> tuple | None:
    """Pasted text (documents between blank lines) or uploaded .txt files."""
    s = T["t_text"]  # not bound to the link: it may be long
    text = st.text_area(s.label, key=s.key, max_chars=s.max_chars, help="Read in memory only, never stored.",
                        placeholder="Paste some paragraphs here, with a blank line between them.", **s.extra)
    files = st.file_uploader("Or upload .txt files (one document per file; a single file: one per paragraph)",
                             type=["txt"], accept_multiple_files=True, key="t_files")
    try:
        labelled = own_documents(text, [(f.name, f.getvalue()) for f in files or []])
    except ValueError as err:
        st.error(md_escape(str(err)))
        return None
    if labelled is None:
        st.info("Type or paste some text, or upload .txt files: tabs 6 and 7 learn its topics.")
        return None
    return ("text", tuple(labelled))


def real_corpus(source: tuple | None) -> RealCorpus | None:
    """The real corpus chosen above, tokenised and pruned (cached), or None after a message."""
    if source is None:
        st.info("Choose the years or give some text above first.")
        return None
    try:
        with st.spinner("Reading the text…"):
            return cached_real_corpus(source)
    except ValueError as err:
        st.warning(md_escape(str(err)))
        return None


def learn_real_topics(source: tuple | None) -> None:
    """6 · (real text) Topics learned from real paragraphs: top words, coloured paragraphs, use by year."""
    st.write("Real text has no dice to compare with: nobody knows its true topics. The model still finds "
             "groups of words that turn up together in the same paragraphs; read each topic's top words and "
             "name it yourself.")
    corpus = real_corpus(source)
    if corpus is None:
        return
    st.caption(pruning_text(len(corpus.words)))
    c1, c2 = st.columns([3, 1])
    k = show(c1, T["t_real_k"], default=suggested_topics(source, corpus))
    fit_seed = show(c2, T["t_fit_seed"])
    how_many_topics_real(source, corpus, k)
    try:
        with st.spinner(f"Learning {k} topics from {corpus.n_words:,} words…", show_time=True):
            fit = cached_real_fit(source, k, fit_seed)
    except ValueError as err:
        st.warning(md_escape(f"The topics can't be learned from this text: {err}"))
        return
    lengths = [len(w) for w in corpus.words]
    shares = (fit.document_topic * np.asarray(lengths)[:, None]).sum(axis=0) / max(sum(lengths), 1)
    tops = top_words(fit.topic_word, fit.vocabulary)
    st.caption(f"{len(corpus.words):,} documents, {corpus.n_words:,} words, {len(fit.vocabulary):,} distinct.")
    from mixgen_ui.topic_warnings import fewer_topics_warning

    warning = fewer_topics_warning(shares, tops)  # most probable words: copies of one topic share them
    if warning:
        st.warning(warning, icon=":material/call_merge:")
    read_topics(source, corpus, fit, shares)
    if corpus.years is not None:
        st.markdown("**How much each topic is used, year by year**")
        years, by_year = year_shares(corpus.years, fit.document_topic, lengths)
        st.plotly_chart(year_share_figure(years, by_year, [", ".join(t[:3]) for t in tops]), width="stretch",
                        key="t_years_plot")
    st.markdown("**The paragraphs, every kept word coloured by its most likely topic** (plain words were left out)")
    vocab = frozenset(fit.vocabulary)
    for i in range(min(SHOWN_DOCS, len(corpus.words))):
        topics_i = np.argmax(fit.word_topics[i], axis=1) if len(corpus.words[i]) else []
        st.html(label_html(corpus.labels[i], f" · mix {mix_text(fit.document_topic[i])}"))
        st.html(coloured_text_html(corpus.texts[i], topics_i, vocab))
    if len(corpus.words) > SHOWN_DOCS:
        st.caption(f"Showing {SHOWN_DOCS} of {len(corpus.words):,} documents; the topics use all of them.")
