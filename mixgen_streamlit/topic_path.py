"""The words guide's last three steps: the sampler finds the topics from the words alone (step 7),
fails to on the worksheet's own corpus (step 8), and meets the student's guess (step 9).

Each step is a sentence or two and one live chart; the corpora and the sentences come from
:mod:`mixgen_ui.topic_path`, the animation from :mod:`mixgen_ui.gibbs_play`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np
import streamlit as st

from mixgen_core import Document, GibbsRun, Topic, topics_on_vocabulary, word_posteriors
from mixgen_streamlit.cached import cached_agreement, cached_gibbs, topic_spec
from mixgen_streamlit.charts import show_chart
from mixgen_ui.gibbs_play import MAX_GRID_WORDS, MAX_SWEEP_FRAMES, learning_animation
from mixgen_ui.gibbs_view import frame_sweeps
from mixgen_ui.guess_words import current_guesses, fingerprint, score_guess
from mixgen_ui.highlight import document_html, legend_html, titled
from mixgen_ui.topic_path import (
    PATH_DOCS,
    PATH_SWEEPS,
    JoinedScores,
    coin_text,
    join_text,
    learned_text,
    most_likely_topics,
    path_corpus,
    scores_figure,
    spread_text,
    topic_shares,
)
from mixgen_ui.topic_text import guess_document_html


@dataclass(frozen=True)
class Learned:
    """A sampler run on one of the guide's corpora, matched to the true dice sweep by sweep."""

    docs: list[Document]
    run: GibbsRun
    sweeps: list[int]
    numbers: np.ndarray
    agreement: np.ndarray
    true_topic_word: np.ndarray


def learn(topics: Sequence[Topic], student: Document, own_mixes: bool, seed: int) -> Learned:
    """Roll the corpus (the student's document first) and run the sampler on it, both from ``seed``."""
    docs = path_corpus(student, topics, own_mixes, np.random.default_rng([seed, 7 if own_mixes else 8]))
    documents = tuple(tuple(d.words) for d in docs)
    run = cached_gibbs(documents=documents, k=len(topics), seed=seed, sweeps=PATH_SWEEPS)
    sweeps = frame_sweeps(run.n_sweeps, MAX_SWEEP_FRAMES)
    true_tw = topics_on_vocabulary(list(topics), run.vocabulary)
    numbers, agreement = cached_agreement(documents=documents, k=len(topics), seed=seed, sweeps=PATH_SWEEPS,
                                          spec=topic_spec(topics), labels=tuple(int(t) for d in docs for t in d.topics),
                                          shown=tuple(sweeps))
    return Learned(docs, run, sweeps, numbers, agreement, true_tw)


def _play(learned: Learned, names: Sequence[str], key: str) -> None:
    shown = min(MAX_GRID_WORDS, int(learned.run.doc_lengths.sum()))
    st.caption(f"Press ▶ Play. The grid shows the first {shown} of the {int(learned.run.doc_lengths.sum()):,} "
               f"words (document 1 is yours from step 5); every word's topic is re-drawn in every sweep, and "
               "its colour and number change with it. It plays in your browser.")
    show_chart(learning_animation, learned.run, learned.sweeps, learned.numbers, learned.agreement,
               learned.true_topic_word, list(names), key=key)


def find_topics_step(topics: Sequence[Topic], student: Document, seed: int) -> Learned:
    """Step 7: documents each mixing the topics their own way, the dice hidden; the sampler learns them."""
    names = [t.name for t in topics]
    learned = learn(topics, student, True, seed)
    shares = topic_shares(learned.docs)
    st.write(f"Now hide the dice and keep only the words: your document from step 5 and {PATH_DOCS - 1} more, each "
             f"mixing the two topics its own way (their share of {names[0]} words runs {spread_text(shares)}). The sampler starts by giving "
             "every word a random topic, then re-draws one word's topic at a time, favouring the topic its "
             "document already uses most and that already has this word. Words that turn up together end up "
             "together.")
    st.write(learned_text(float(learned.agreement[0]), float(learned.agreement[-1]), learned.run.n_sweeps)
             + " Under the grid, each learned die (hatched) is drawn against the true one (solid).")
    _play(learned, names, "gt_learn_plot")
    return learned


def coin_step(topics: Sequence[Topic], student: Document, seed: int) -> None:
    """Step 8: the worksheet's corpus, one fair coin for every word: the same sampler can't tell the topics apart."""
    names = [t.name for t in topics]
    coin = learn(topics, student, False, seed)
    mixed = learn(topics, student, True, seed)
    st.write(f"The worksheet rolls every document with the same fair coin. Here is such a corpus: your document "
             f"and {PATH_DOCS - 1} more. Their share of {names[0]} words runs {spread_text(topic_shares(coin.docs))}, "
             f"only by chance (in step 7: {spread_text(topic_shares(mixed.docs))}). Same dice, same sampler.")
    st.write(coin_text(float(coin.agreement[-1]), float(mixed.agreement[-1])))
    st.info("**Why the coin hides the topics.** The sampler can only go by which words turn up together in the "
            "same documents. When every document mixes the topics the same way, birthday words and Lord of the "
            "Rings words turn up together just as often everywhere: nothing in the counts differs between "
            "documents but chance, so little tells the two dice apart.", icon=":material/lightbulb:")
    _play(coin, names, "gt_coin_plot")


def join_step(topics: Sequence[Topic], student: Document, seed: int, go_to_guess) -> None:
    """Step 9: the student's guess from step 5 beside the sampler's topics for the same words, and Bayes' rule."""
    names = [t.name for t in topics]
    n = len(student.words)
    state = st.session_state
    mine = state.get("gt_gw_fp") == fingerprint(student.words, student.topics, names, seed)
    guesses = current_guesses(state, "gt", n, len(topics)) if mine else [None] * n
    learned = learn(topics, student, True, seed)
    sampled = most_likely_topics(learned.run, learned.numbers[-1])
    truth = np.asarray(student.topics)
    bayes = np.argmax(word_posteriors(list(topics), student.words), axis=1)
    you = score_guess(truth, guesses)
    scores = JoinedScores(n=n, you=you.n_right, sampler=int((sampled == truth).sum()),
                          bayes=int((bayes == truth).sum()), answered=n - you.unanswered)
    if scores.answered == 0:
        st.write("You have not guessed this document's words yet: step 5 asks you to. Here is what the sampler "
                 "learned in step 7 from the words alone, the dice and this document's mix, makes of them by "
                 "Bayes' rule (step 6 used the true dice and the fair coin), against the truth.")
        st.button("Guess on step 5", key="gt_to_guess", icon=":material/quiz:", on_click=go_to_guess)
    else:
        st.write("Back to your document from step 5: your guess; each word's most likely topic by Bayes' rule "
                 "with the dice and this document's mix the sampler learned in step 7 from the words alone (step 6 "
                 "used the true dice and the fair coin); and the truth.")
    st.write(join_text(scores))
    show_chart(scores_figure, scores, key="gt_join_plot")
    st.html(legend_html(names, show_shared=False))
    if scores.answered:
        st.html(titled("Your guess (grey: not answered or not sure)", guess_document_html(student.words, guesses)))
    st.html(titled("With the learned dice (✗: not the true topic)",
                   document_html(student.words, sampled, wrong=sampled != truth)))
    st.html(titled("The truth", document_html(student.words, truth)))
    st.write("That is the worksheet's closing idea: assume how the words were made (for each word a topic, then a "
             "word from that topic's die), and reason back to the topics that make the words most likely.")
    st.page_link("pages/topics.py", label="Explore more on the full topic page", icon=":material/casino:")
