"""Tab 7 of the topic page: collapsed Gibbs sampling stepped through word by word on a small corpus,
then a larger one sweep by sweep. The pure helpers are in :mod:`mixgen_ui.gibbs_view`, the
figures in :mod:`mixgen_ui.gibbs_figures`."""

from __future__ import annotations

from typing import Sequence

import numpy as np
import streamlit as st

from mixgen_core import topics_on_vocabulary
from mixgen_ui.gibbs_figures import MAX_SWEEP_FRAMES, SWEEP_WORDS, sweep_animation
from mixgen_ui.gibbs_play import learning_animation, reroll_animation
from mixgen_ui.gibbs_view import (
    cut_documents,
    display_numbers,
    frame_sweeps,
    next_sweep,
    next_word,
    top_vocabulary,
)
from mixgen_ui.highlight import legend_html
from mixgen_ui.topic_path import learned_text, score_text
from mixgen_ui.text import md_escape
from mixgen_ui.topic_corpus import CorpusOnPage
from mixgen_ui.topic_text import MATCH_HELP
from mixgen_ui.topic_settings import (
    GIBBS_BIG_CORPORA,
    GIBBS_VIEWS,
    GIBBS_BIG_SWEEPS,
    GIBBS_BIG_WORDS,
    GIBBS_SWEEPS,
    GIBBS_WORDS,
    SIDE_DOCS,
    SIDE_WORDS,
)
from mixgen_ui.topic_settings import (
    TOPICS as T,
)

from .cached import cached_agreement, cached_gibbs, cached_rolled, topic_spec
from .charts import show_chart
from .real_text_section import real_corpus
from .topic_corpus import update
from .widgets import show


def watch_topics_found(corpus: CorpusOnPage) -> None:
    """7 · Collapsed Gibbs sampling on a small corpus, one view at a time (one sweep word by word, or every
    sweep one after another); then, on request, a larger corpus sweep by sweep."""
    st.write("Another way to find topics: start by giving every word a random topic, then **re-roll one word's "
             "topic at a time**, leaving all the others as they are. The chance of topic k is the product of two "
             "things: *how much the word's document already uses topic k* and *how much topic k already uses "
             "this word* (over all documents). Words that turn up together pull each other into the same topic. "
             "One pass over every word is a **sweep**. The method is called **collapsed Gibbs sampling**: "
             "*Gibbs sampling* re-rolls one unknown at a time given all the others, and *collapsed* means the "
             "dice themselves are never rolled, only counted from the words' current topics.")
    topics, names = corpus.topics, corpus.names
    if not corpus.real:
        words_docs, labels_docs = [d.words for d in corpus.docs], [d.topics for d in corpus.docs]
        k = len(topics)
    else:
        real = real_corpus(corpus.source)
        if real is None:
            return
        words_docs, labels_docs, k = real.words, None, show(st, T["t_real_k"])
    small, small_labels = cut_documents(words_docs, labels_docs, GIBBS_WORDS)
    gibbs_seed = show(st, T["t_gibbs_seed"])
    try:
        run = cached_gibbs(documents=tuple(map(tuple, small)), k=k, seed=gibbs_seed, sweeps=GIBBS_SWEEPS)
    except ValueError as err:
        st.warning(md_escape(f"The sampler can't run on these words: {err}"))
        return
    truth = None if small_labels is None else (topics_on_vocabulary(topics, run.vocabulary),
                                              np.concatenate(small_labels))
    numbers, final = display_numbers(run, *(truth or (None, None)))
    n = run.assignments.shape[1]
    st.caption(f"The first {n} words of the documents, {k} topics, {GIBBS_SWEEPS} sweeps."
               + ("" if truth is None else " Colours follow the true topic each sampled topic ends up matched to."))
    view = show(st, T["t_gibbs_view"])
    st.html(legend_html([names[j] if j < len(names) and truth is not None else f"topic {j + 1}"
                         for j in range(k)], show_shared=False))
    if view == GIBBS_VIEWS[0]:
        one_sweep_word_by_word(run, numbers, None if truth is None else truth[1])
    else:
        sweeps = frame_sweeps(run.n_sweeps, MAX_SWEEP_FRAMES)
        by_sweep = None if truth is None else cached_agreement(
            documents=tuple(map(tuple, small)), k=k, seed=gibbs_seed, sweeps=GIBBS_SWEEPS, spec=topic_spec(topics),
            labels=tuple(truth[1].tolist()), shown=tuple(sweeps))
        play_all_sweeps(run, sweeps, by_sweep, None if truth is None else truth[0], names)
    if truth is not None:
        st.metric("Words in their true topic after the last sweep", f"{final:.0%}")
    if show(st, T["t_gibbs_big"]):
        watch_sweeps(corpus, words_docs, labels_docs, k, gibbs_seed)


def one_sweep_word_by_word(run, numbers: np.ndarray, true_labels: np.ndarray | None) -> None:
    """One sweep of the small run, word by word: the sweep and the word picked with sliders or stepped
    with buttons, and every word of the sweep re-rolled in turn when played (``numbers``: the topic
    each sampled topic is shown as; ``true_labels``: each word's true topic, with a truth)."""
    n = run.assignments.shape[1]
    c1, c2 = st.columns(2)
    sweep = show(c1, T["t_gibbs_sweep"])
    step = show(c2, T["t_gibbs_step"])
    if step > n:
        st.caption(f"There are only {n} words: showing word {n}.")
        step = n
    b1, b2 = st.columns(2)
    after_word = next_word(sweep, step, n, GIBBS_SWEEPS)
    b1.button("Next word", icon=":material/skip_next:", width="stretch",
              on_click=lambda: update(t_gibbs_sweep=after_word[0], t_gibbs_step=after_word[1]))
    b2.button("Next sweep", icon=":material/fast_forward:", width="stretch",
              on_click=lambda: update(t_gibbs_sweep=next_sweep(sweep, GIBBS_SWEEPS)))
    st.caption("Press ▶ Play to watch every word of this sweep re-rolled in turn: the ringed word is the one "
               "being re-rolled, and its colour changes when it gets a new topic. It plays in your browser; "
               "drag the slider under the chart to go back and forth.")
    show_chart(reroll_animation, run, sweep, step - 1, numbers, true_labels, key="t_gibbs_step_plot")


def play_all_sweeps(run, sweeps: list[int], by_sweep: tuple[np.ndarray, np.ndarray] | None,
                    true_tw: np.ndarray | None, names: Sequence[str]) -> None:
    """Every sweep of the small run in ``sweeps``, one frame each: the words recoloured, the learned dice,
    the share of words in their true topic (``by_sweep``: numbers and agreement, with a truth) and the score."""
    if by_sweep is None:
        numbers, agreement, true_tw = np.tile(np.arange(run.n_topics), (len(sweeps), 1)), None, None
        names = [f"topic {j + 1}" for j in range(run.n_topics)]
    else:
        numbers, agreement = by_sweep
    happened = score_text(float(run.log_joint[sweeps[0]]), float(run.log_joint[sweeps[-1]]))
    if agreement is not None:
        happened = learned_text(float(agreement[0]), float(agreement[-1]), run.n_sweeps) + " " + happened
    st.caption(f"All {run.n_sweeps} sweeps, one after another: press ▶ Play to watch the words change colour "
               "sweep by sweep" + (", each learned die (hatched) beside the true one (solid)" if agreement is not None
                                   else "") + ". " + happened)
    show_chart(learning_animation, run, sweeps, numbers, agreement, true_tw, list(names), key="t_gibbs_all_plot")


def watch_sweeps(corpus: CorpusOnPage, words_docs: Sequence[Sequence[str]],
                 labels_docs: Sequence[Sequence[int]] | None, k: int, gibbs_seed: int) -> None:
    """A larger corpus, one frame per sweep: the learned dice, the log joint, agreement with the truth.

    Parameters
    ----------
    corpus : CorpusOnPage
    words_docs : sequence of D sequences of str
        The page's documents (rolled or real), cut to the first words here.
    labels_docs : sequence of D int arrays (each word's true topic), or None for real text
    k : int
        How many topics to sample.
    gibbs_seed : int
    """
    if not corpus.real:
        which = show(st, T["t_gibbs_corpus"])
        if which == GIBBS_BIG_CORPORA[2]:
            words, labels = cut_documents(words_docs, labels_docs, GIBBS_BIG_WORDS)
        else:
            rolled = cached_rolled(topic_spec(corpus.topics), tuple(corpus.mixing), SIDE_DOCS, SIDE_WORDS,
                                   1.0 if which == GIBBS_BIG_CORPORA[0] else None, corpus.seed)
            words, labels = [list(w) for w in rolled[0]], [list(t) for t in rolled[1]]
    else:
        words, labels = cut_documents(words_docs, None, GIBBS_BIG_WORDS)
    n = sum(map(len, words))
    try:
        with st.spinner(f"Sampling {GIBBS_BIG_SWEEPS} sweeps over {n:,} words…", show_time=True):
            run = cached_gibbs(tuple(map(tuple, words)), k, gibbs_seed, GIBBS_BIG_SWEEPS)
    except ValueError as err:
        st.warning(md_escape(f"The sampler can't run on these words: {err}"))
        return
    sweeps = frame_sweeps(run.n_sweeps, MAX_SWEEP_FRAMES)
    if labels is not None:
        numbers, agreement = cached_agreement(
            documents=tuple(map(tuple, words)), k=k, seed=gibbs_seed, sweeps=GIBBS_BIG_SWEEPS,
            spec=topic_spec(corpus.topics), labels=tuple(int(t) for d in labels for t in d), shown=tuple(sweeps))
        st.metric("Words in their true topic after the last sweep", f"{agreement[-1]:.0%}",
                  help="Matched again after each sweep. " + MATCH_HELP)
    else:
        numbers, agreement = np.tile(np.arange(k), (len(sweeps), 1)), None
    st.caption(f"{n:,} words, {GIBBS_BIG_SWEEPS} sweeps. Press ▶ Play to watch the dice and the log joint sweep by "
               f"sweep. {score_text(float(run.log_joint[0]), float(run.log_joint[-1]))} The **log joint** measures how well the current topics explain the words: the "
               "logarithm of the probability of every word together with the topic it is given now (higher is "
               "better).")
    show_chart(sweep_animation, run, sweeps, numbers, top_vocabulary(run, SWEEP_WORDS), agreement,
               key="t_gibbs_sweep_plot")
