"""The word-by-word guess both topic pages show: a control per word, then the truth and the scores.
The pure helpers (state, scoring) are in :mod:`mixgen_ui.guess_words`."""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np
import streamlit as st

from mixgen_core import shared_words, word_posteriors
from mixgen_ui.guess_words import (
    GUESS_WORDS,
    NOT_SURE,
    bayes_choice,
    check,
    control_label,
    current_guesses,
    fingerprint,
    guess_key,
    is_checked,
    option_label,
    score_guess,
    shared_rows,
    shared_words_text,
    sync_guess,
    uncheck,
)
from mixgen_ui.highlight import document_html, legend_html
from mixgen_ui.topic_text import guess_document_html, guess_word_html, shared_scores_html
from mixgen_ui.word_verdicts import word_facts, word_guess_verdict

from .verdict_view import show_verdict


def guess_panel(prefix: str, words: Sequence[str], true_topics: Sequence[int], topics: Sequence[Any],
                prior: Any = None, *, extra: tuple = (), own_mix: bool = False) -> bool:
    """Ask for each word's topic, then "Check my guess": the truth, the share right, Bayes' rule's.

    Parameters
    ----------
    prefix : the page's prefix (``t`` or ``gt``): every key starts ``<prefix>_gw``.
    words, true_topics : the document (only its first ``GUESS_WORDS`` words are asked).
    topics : the true :class:`mixgen_core.Topic` dice; prior : their mixing weights (None: uniform).
    own_mix : each document rolled its own mix around ``prior`` (Bayes' rule is then not the best possible).
    extra : settings that made the document (seed, document number...): a change forgets the guess.

    Returns whether the answer is shown. Bayes' rule is computed only then.
    """
    state = st.session_state
    names = [t.name for t in topics]
    n = min(len(words), GUESS_WORDS)
    asked, truth = list(words[:n]), np.asarray(true_topics[:n])
    sync_guess(state, prefix, fingerprint(asked, truth, names, *extra))
    guesses = current_guesses(state, prefix, n, len(topics))
    checked = is_checked(state, prefix)
    st.html(legend_html(names, show_shared=False))
    if len(words) > n:
        st.caption(f"You are asked the first {n} of this document's {len(words)} words; the score counts these.")
    if not checked:
        st.caption("Your guesses so far (a word stays grey until you give it a topic):")
        st.html(guess_document_html(asked, guesses))
        st.caption("Pick each word's topic by its number (see the colours above), or \"not sure\".")
        options = [*range(len(topics)), NOT_SURE]
        with st.container(horizontal=True, gap="medium", key=f"{prefix}_gw_grid"):
            for i, w in enumerate(asked):
                with st.container(width="content", gap="xsmall"):
                    st.html(guess_word_html(i, w, guesses[i]))
                    st.segmented_control(control_label(i, w), options, format_func=option_label,
                                         key=guess_key(prefix, i), label_visibility="collapsed",
                                         persist_state="session")
        answered = sum(g is not None for g in guesses)
        st.button("Check my guess", key=f"{prefix}_gw_check", icon=":material/fact_check:",
                  disabled=answered == 0, on_click=check, args=(state, prefix))
        st.caption(f"{answered} of {n} words answered. \"Not sure\" and unanswered words count as not right."
                   if answered else "Give at least one word a topic to check your guess.")
        return False

    score = score_guess(truth, guesses)
    prior = None if prior is None else np.asarray(prior, dtype=float)
    post = word_posteriors(list(topics), asked, prior)
    bayes = score_guess(truth, [int(b) for b in bayes_choice(post)])
    shared = shared_words(list(topics))
    st.caption("The truth: each word coloured by the topic it was rolled from; ✗ marks a word you gave "
               "another topic; a dashed outline marks a word on more than one die.")
    st.html(document_html(asked, truth, shared=shared, wrong=score.wrong))
    m1, m2 = st.columns(2)
    m1.metric("Your guess: words right", f"{score.share:.0%}", help="A word is right when you named the topic "
              "it was rolled from; \"not sure\" and unanswered words count as not right.")
    m1.caption(f"{score.n_right} of {score.n} words right ({score.not_sure} not sure, "
               f"{score.unanswered} unanswered).")
    m2.metric("Bayes' rule, dice known: words right", f"{bayes.share:.0%}",
              help="Each word given its most likely topic, computed from the dice and how often each topic is "
                   "picked.")
    m2.caption(f"{bayes.n_right} of {bayes.n} words right.")
    show_verdict(word_guess_verdict(word_facts(asked, truth, guesses, bayes_choice(post), shared, list(topics),
                                                  own_mix=own_mix)))
    rows = shared_rows(asked, truth, post, shared)
    st.write(shared_words_text(rows, len(topics), partial=len(words) > n))
    if any(r.word is not None for r in rows):
        st.html(shared_scores_html(rows, names))
    st.button("Guess again", key=f"{prefix}_gw_again", icon=":material/replay:", on_click=uncheck,
              args=(state, prefix), help="Hide the answer and change your guesses.")
    return True
