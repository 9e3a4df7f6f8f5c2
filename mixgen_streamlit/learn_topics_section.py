"""Tab 6 of the topic page: LDA learns the dice and the mixes from the words alone. For rolled
documents the learned topics are matched to the true ones (after showing why that needs documents
that mix the topics differently); for real text, see :mod:`mixgen_streamlit.real_text_section`."""

from __future__ import annotations

import numpy as np
import streamlit as st

from mixgen_core import compare_topic_fit, topics_on_vocabulary
from mixgen_ui.export import documents_csv
from mixgen_ui.highlight import legend_html
from mixgen_ui.text import markdown_table, md_escape
from mixgen_ui.topic_corpus import CorpusOnPage
from mixgen_ui.topic_fit_figures import topic_comparison_figure, topic_comparisons_figure
from mixgen_ui.topic_settings import LEARNABLE_CORPUS, SHOWN_DOCS, SIDE_DOCS, SIDE_WORDS
from mixgen_ui.topic_settings import TOPICS as T
from mixgen_ui.topic_text import MATCH_HELP, mix_text, mixes_compared_text, own_mixes_text

from .cached import cached_coin_vs_mixes, cached_topic_fit, topic_spec
from .charts import show_chart
from .real_text_section import learn_real_topics
from .topic_corpus import show_documents, update
from .widgets import show
from mixgen_streamlit.topic_reading import how_many_topics_rolled


def learn_the_topics(corpus: CorpusOnPage) -> None:
    """6 · LDA learns the dice and the mixes from the words alone, matched to the true topics: first on
    documents that each mix the topics their own way (a success), then on one fixed coin (and why it
    fails), then on the page's own documents."""
    if corpus.real:
        learn_real_topics(corpus.source)
        return
    topics, docs, names = corpus.topics, corpus.docs, corpus.names
    n_docs, n_words = corpus.n_docs, corpus.n_words
    st.write("Now forget the dice too. From the documents alone, with every word's origin hidden, find the "
             "dice and mixes that best explain the documents (an LDA topic model). The fit starts from a few "
             "rough guesses made by re-rolling each word's topic in turn (collapsed Gibbs sampling, as in tab 7), "
             "then improves the best of them step by step until it stops changing (**variational Bayes**: it "
             "keeps, for every word, a probability of each topic instead of one rolled topic, and adjusts them "
             "all together).")
    side = show(st, T["t_fit_side"])
    if side:
        coin_versus_mixes(corpus)
    st.subheader("Your documents")
    text = own_mixes_text(len(topics), corpus.concentration is not None, n_docs * n_words)
    if corpus.concentration is None and len(topics) > 1:
        text += f"{' Compare with the two corpora above, then give' if side else ' Give'} each document its own mix:"
    st.write(text)
    st.button("Use 200 documents of 50 words, each with its own mix", on_click=lambda: update(**LEARNABLE_CORPUS))
    c1, c2 = st.columns([3, 1])
    fit_k = show(c1, T["t_fit_k"], default=len(topics))
    fit_seed = show(c2, T["t_fit_seed"])
    try:
        with st.spinner("Learning the topics…", show_time=True):
            fit = cached_topic_fit(documents=tuple(tuple(d.words) for d in docs), k=fit_k, seed=fit_seed)
    except ValueError as err:
        st.warning(md_escape(f"The topics can't be learned from these documents: {err}"))
        return
    true_tw = topics_on_vocabulary(topics, fit.vocabulary)
    cmp = compare_topic_fit(true_tw, np.concatenate([d.topics for d in docs]), fit.topic_word,
                            np.concatenate([np.argmax(wt, axis=1) for wt in fit.word_topics]))
    ends = np.cumsum([len(d.words) for d in docs])[:-1]
    inferred, wrong = np.split(cmp.labels, ends), np.split(cmp.wrong, ends)
    m1, m2 = st.columns(2)
    m1.metric("Words assigned to their true topic", f"{cmp.agreement:.0%}",
              help=MATCH_HELP)
    m2.metric("Iterations", f"{fit.n_iter}", help="Until the fit's objective stopped improving.")
    # Drawn only while open: the tab already leads with a chart of this kind, and a second one made it
    # slow to open.
    with st.expander("The dice learned from your documents, beside the true ones", icon=":material/bar_chart:",
                     key="t_fit_dice", on_change="rerun") as dice:
        if dice.open:
            show_chart(topic_comparison_figure, fit.vocabulary, true_tw, fit.topic_word, cmp.match, names,
                       key="t_topics_plot")
    mode = show(st, T["t_fit_colour"])
    st.html(legend_html(names, show_shared=bool(corpus.shared)))
    show_documents(corpus, lambda i, doc: {"no colour": None, "true origin": doc.topics}.get(mode, inferred[i]),
                   None if mode != "inferred origin" else (lambda i, doc: wrong[i]))
    st.download_button("Download the documents with the learned topics (CSV)",  # made when clicked, not every run
                       lambda: documents_csv(docs, topics, fit.word_topics, inferred_numbers=cmp.numbers + 1),
                       "mixgen_documents_learned.csv", "text/csv", icon=":material/download:")
    learned = cmp.in_shown_order(fit.document_topic[:SHOWN_DOCS])
    extra = (f" Learned topics {len(topics) + 1} to {learned.shape[1]} are paired with no true topic: they come last."
             if learned.shape[1] > len(topics) + 1 else
             f" Learned topic {learned.shape[1]} is paired with no true topic: it comes last."
             if learned.shape[1] > len(topics) else "")
    st.markdown(f"**Learned mixes** of the first documents, against the true ones.{extra}\n\n" + markdown_table({
        "document": [f"Document {i + 1}" for i in range(len(learned))],
        "true mix": [mix_text(d.mixing) for d in docs[:len(learned)]],
        "learned mix": [mix_text(row) for row in learned]}))
    how_many_topics_rolled(corpus)


def coin_versus_mixes(corpus: CorpusOnPage) -> None:
    """The same dice, two corpora of 200 documents: one fixed coin, or each document its own mix."""
    fit_k = len(corpus.topics)
    if fit_k == 1:
        st.caption("With one topic, one fixed coin and each document's own mix roll the same documents: there "
                   "is nothing to tell apart, so there is nothing to compare.")
        return
    try:
        with st.spinner("Learning the topics of both corpora…", show_time=True):
            both = cached_coin_vs_mixes(spec=topic_spec(corpus.topics), mixing=tuple(corpus.mixing), n_docs=SIDE_DOCS,
                                        n_words=SIDE_WORDS, seed=corpus.seed, k=fit_k, fit_seed=0)
    except ValueError as err:
        st.warning(md_escape(f"The topics can't be learned from these documents: {err}"))
        return
    st.caption(f"Both corpora roll {SIDE_DOCS} documents of {SIDE_WORDS} words from the dice in the sidebar; "
               f"{fit_k} topics are learned from each, then matched to the true dice.")
    corpora = (("own", "Documents that each mix the topics their own way", "each document its own mix",
                "Documents lean on different topics: words that turn up together can give the topics away."),
               ("fixed", "The worksheet's way: one fixed coin for every document", "one fixed coin",
                "Every document mixes the topics the same way: nothing but chance tells them apart."))
    for column, (key, heading, _, why) in zip(st.columns(2), corpora):
        column.markdown(f"**{heading}**")
        column.metric("Words assigned to their true topic", f"{both[key]['agreement']:.0%}",
                      help=MATCH_HELP)
        column.caption(why)
    st.write(mixes_compared_text(both["own"]["agreement"], both["fixed"]["agreement"]))
    # One chart for both corpora, the learnable one's rows first: the browser draws it in about the time of one.
    show_chart(topic_comparisons_figure, [(short, both[key]["vocabulary"], both[key]["true"], both[key]["fitted"],
                                           both[key]["match"]) for key, _, short, _ in corpora],
               corpus.names, key="t_side_plot")
    st.info("**How can topics be found from words alone?** From which words turn up *together*: the words "
            "of one topic crowd into the documents that use that topic a lot and thin out in the others. "
            "That only works when documents mix the topics **differently**. When every document mixes them "
            "the same way (one fixed coin for every word), every document looks alike: nothing in the "
            "counts tells the topics apart (only chance differences between documents give a hint), and "
            "**more documents hardly help**: any split of the words into topics that keeps each word's overall "
            "share explains such documents about as well.", icon=":material/lightbulb:")
