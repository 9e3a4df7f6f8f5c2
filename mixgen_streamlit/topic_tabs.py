"""Tabs 1, 2, 4 and 5 of the topic page: a die rolled, one topic per document, word counts against
the mixture, and Bayes' rule with the dice known. Each takes the page's :class:`CorpusOnPage`."""

from __future__ import annotations

import numpy as np
import streamlit as st

from mixgen_core import (
    estimate_mixing_weights,
    expected_word_counts,
    observed_word_counts,
    one_hot,
    roll_die,
    running_frequencies,
    sample_documents,
    side_counts,
    word_posteriors,
)
from mixgen_ui.guess_words import word_likelihoods
from mixgen_ui.highlight import document_html, legend_html
from mixgen_ui.topic_corpus import CorpusOnPage
from mixgen_ui.topic_figures import die_figure, frequency_figure, word_count_figure
from mixgen_ui.topic_fit_figures import mixing_figure
from mixgen_ui.topic_settings import MAX_ROLL, SHOWN_DOCS, TOPICS as T
from mixgen_ui.text import markdown_table
from mixgen_ui.topic_text import bayes_html, rolled_word_html

from .topic_corpus import update
from .widgets import show

#: Rows of the table of each word's chances: a longer document's first words.
TABLE_ROWS = 50


def roll_a_die(corpus: CorpusOnPage) -> None:
    """1 · The worksheet's one roll (one-hot and argmax), then many rolls settling on the probabilities."""
    topics, seed = corpus.topics, corpus.seed
    st.write("The worksheet's `np.random.multinomial(1, prob, 1)` rolls a die once: it says how often each "
             "side came up, so it is all 0s and a single 1. `np.argmax` finds where the 1 is: the side rolled.")
    die_names = T["t_die"].options[: len(topics)]
    d = die_names.index(show(st, T["t_die"], options=die_names))
    topic = topics[d]
    st.html(legend_html([topic.name], show_shared=False, indices=[d]))
    left, right = st.columns([1, 1])
    with left:
        roll = show(st, T["t_roll"])
        st.button("Roll once", icon=":material/casino:", on_click=lambda: update(t_roll=min(roll + 1, MAX_ROLL)))
        side = int(roll_die(topic.probabilities, 1, np.random.default_rng([seed, d, roll]))[0])
        st.code(f"one roll (outcome counts): {one_hot(side, len(topic.words)).tolist()}\n"
                f"np.argmax -> side index:   {side}", language=None)
        st.html(rolled_word_html(topic.words[side]))
    with right:
        n_rolls = show(st, T["t_rolls"])
        sides = roll_die(topic.probabilities, n_rolls, np.random.default_rng([seed, d]))
        observed = side_counts(sides, len(topic.words)) / n_rolls
        st.plotly_chart(die_figure(topic.words, topic.probabilities, d, observed), width="stretch",
                        key="t_die_plot")
    checkpoints, freqs = running_frequencies(sides, len(topic.words))
    st.plotly_chart(frequency_figure(topic.words, checkpoints, freqs, topic.probabilities), width="stretch",
                    key="t_freq_plot")
    st.caption("The more rolls, the closer each side's observed frequency gets to its probability (dashed lines). "
               "The number of rolls is on a logarithmic scale: each marked number is 10 times the one before, "
               "so the first few rolls, where the frequencies jump about, get as much room as all the later ones.")


def one_topic_per_document(corpus: CorpusOnPage) -> None:
    """2 · One document per topic, as the worksheet's document 1 and document 2."""
    # Real text rolls no documents, but this tab still rolls the sidebar's dice: the usual length then.
    topics, seed, n_words = corpus.topics, corpus.seed, corpus.n_words or int(T["t_nwords"].default)
    st.write("One document per topic, like the worksheet's document 1 and document 2: each word rolled from "
             "that topic's die only.")
    for j, t in enumerate(topics):
        (doc,) = sample_documents([t], 1, n_words, rng=np.random.default_rng([seed, 1, j]))
        st.html(legend_html([t.name], show_shared=False, indices=[j]))
        st.html(document_html(doc.words, [j] * len(doc.words)))


def word_counts(corpus: CorpusOnPage) -> None:
    """4 · Observed word counts against the mixture's expectation."""
    docs = corpus.docs
    vocab, expected = expected_word_counts(corpus.topics, corpus.mixing, corpus.n_docs * corpus.n_words)
    st.write(f"How often each word appears in the {corpus.n_docs} mixed document(s), against what the mixture "
             "leads us to expect (the mixing weights times each die's probabilities).")
    st.plotly_chart(word_count_figure(vocab, observed_word_counts(docs, vocab), expected), width="stretch",
                    key="t_count_plot")


def known_topics(corpus: CorpusOnPage) -> None:
    """5 · Bayes' rule for each word with the dice known, and one document's mix estimated by EM."""
    topics, mixing, names, shared, docs = corpus.topics, corpus.mixing, corpus.names, corpus.shared, corpus.docs
    st.write("Suppose you know the dice but not which die each word came from. **Bayes' rule** weighs each "
             "topic by how often it is picked (its mixing weight) times how likely its die is to show the word, "
             "then scales the results to add up to 1.")
    doc_names = T["t_doc"].options[: min(len(docs), SHOWN_DOCS)]
    doc = docs[doc_names.index(show(st, T["t_doc"], options=doc_names))]
    prior = np.asarray(mixing) / sum(mixing)
    post = word_posteriors(topics, doc.words, prior)
    guess = np.argmax(post, axis=1)
    wrong = guess != doc.topics
    st.html(legend_html(names, show_shared=bool(shared)))
    st.caption("Each word coloured by its most likely topic; ✗ marks a guess that differs from the truth.")
    st.html(document_html(doc.words, guess, shared=shared, wrong=wrong))
    st.metric("Words whose most likely topic is the true one", f"{1 - wrong.mean():.0%}")
    # A plain table (an interactive grid took the browser most of the tab's time), of a long document's
    # first words only: in a scrolling box, it would be a region a keyboard cannot reach.
    rows = min(len(doc.words), TABLE_ROWS)
    table = {"word": list(doc.words[:rows]), "true topic": [int(t) + 1 for t in doc.topics[:rows]]}
    table.update({f"P(topic {j + 1})": [f"{p:.3f}" for p in post[:rows, j]] for j in range(len(topics))})
    st.markdown(markdown_table(table))
    if rows < len(doc.words):
        st.caption(f"The first {rows} of the document's {len(doc.words)} words; the document above shows every "
                   "word's most likely topic.")
    # A shared word is uncertain only when more than one of its topics can be picked (weight above 0).
    ambiguous = [w for w in dict.fromkeys(doc.words) if w in shared and post[doc.words.index(w)].max() < 1 - 1e-12]
    if ambiguous:
        w = ambiguous[0]
        st.html(bayes_html(w, prior, word_likelihoods(topics, w), post[doc.words.index(w)]))
    est = estimate_mixing_weights(topics, doc.words)
    share = np.bincount(doc.topics, minlength=len(topics)) / max(len(doc.words), 1)
    st.write("**This document's mix**, estimated from its words by EM (the dice known, only the mixing "
             "weights unknown), against the truth:")
    st.plotly_chart(mixing_figure(doc.mixing, est, names, share), width="stretch", key="t_mix_plot")
