""""Make this a challenge" on both pages: what stays hidden, how hard it is, a harder start in
one click, the link and QR code to send, and from there a class round."""

from __future__ import annotations

import numpy as np
import streamlit as st

from mixgen_core import (
    GaussianComponent,
    GaussianSample,
    best_possible_points,
    compare_topic_fit,
    topics_on_vocabulary,
    word_posteriors,
)
from mixgen_classroom import without_class_params
from mixgen_ui.class_board import difficulty_sentence, machine_with_k, page_link
from mixgen_ui.class_facts import em_accuracy, round_document
from mixgen_ui.gaussian_settings import GAUSSIANS as G, preset_values
from mixgen_ui.real_points import groups_drawn
from mixgen_ui.settings import PageSettings
from mixgen_ui.topic_settings import TOPICS as T
from mixgen_ui.url_params import scenario_query

from .cached import cached_topic_fit
from .classroom import base_url, show_qr, start_round_panel

#: What a challenge hides until the check.
HIDE_ALL = "Colours, settings and the fit (a challenge)"
HIDE_COLOURS = "Only the colours (settings stay in view; a student can switch colours back on)"
#: The presets that make guessing hard, offered in one click.
HARDER = ("Touching clouds", "Hidden in a crowd")
#: Settings left out of a challenge's link: the page's views that would give the answer away.
_GAUSSIAN_VIEWS = ("g_colour", "g_ellipses", "g_guess", "g_fit", "g_fit_k", "g_fit_iter", "g_fit_tab", "g_kmeans",
                   "g_preset", "g_challenge", "g_data")
_TOPIC_VIEWS = ("t_colour", "t_guess", "t_tab", "t_challenge", "t_corpus")


def challenge_query(query: dict[str, str], views: tuple[str, ...], prefix: str, hide_all: bool) -> dict[str, str]:
    """The scenario's settings, without the views, plus the flags that set the chosen challenge."""
    out = {k: v for k, v in query.items() if k not in views and not k.startswith(f"{prefix}_start_")}
    if hide_all:
        out[f"{prefix}_challenge"] = "true"
    else:
        out.update({f"{prefix}_colour": "false", f"{prefix}_guess": "true"})
        if prefix == "t":
            out["t_tab"] = T["t_tab"].options[2]
    return out


@st.cache_data(max_entries=32, show_spinner=False)
def _points_difficulty(points: np.ndarray, truth: np.ndarray, components: tuple, k: int, seed: int):
    best = best_possible_points(GaussianSample(points, truth), list(components)).accuracy
    return float(best), em_accuracy(points, truth, k, seed)


def _load_preset(name: str) -> None:
    st.session_state.update(G.values_for_state(preset_values(name)))


def _hides_all(prefix: str) -> bool | None:
    """The "Make this a challenge" toggle and, once it is on, the choice of what stays hidden: whether
    everything does (a challenge) or only the colours. None while the toggle is off."""
    if not st.toggle("Make this a challenge", key=f"{prefix}_builder",
                     help="A link (and QR code) that opens this scenario straight into guessing; from it, a "
                          "class round."):
        return None
    hide = st.radio("What stays hidden until the student checks?", (HIDE_ALL, HIDE_COLOURS), key=f"{prefix}_cb_hide")
    return hide == HIDE_ALL


def _send(page: str, settings: PageSettings, views: tuple[str, ...], hide_all: bool) -> None:
    """The challenge's link (this scenario's settings without ``views``), its QR code and a class round."""
    scenario = scenario_query(without_class_params(st.query_params.to_dict()), st.session_state, settings)
    query = challenge_query(scenario, views, settings.prefix, hide_all)
    link = page_link(base_url(), page, query)
    st.caption("Send this link (students open straight into guessing):")
    st.code(link, language=None, wrap_lines=True)
    show_qr(link, 220, "Scan to open the challenge", "QR code of the challenge link")
    start_round_panel(page_link("", page, query).lstrip("/"))


def gaussian_builder(sample: GaussianSample, components: list[GaussianComponent]) -> None:
    """The builder for the points on the Gaussian page."""
    with st.container(border=True):
        hide_all = _hides_all("g")
        if hide_all is None:
            return
        if len(sample.points):
            k_true = groups_drawn(sample.labels)
            best, em = _points_difficulty(sample.points, sample.labels, tuple(components), k_true,
                                          int(G["g_fit_seed"].default))
            st.markdown(difficulty_sentence(best, em, machine_with_k("EM", k_true), "points"))
        st.caption("A harder start, in one click:")
        with st.container(horizontal=True, gap="small"):
            clicked = [st.button(name, key=f"g_cb_{name}", on_click=_load_preset, args=(name,),
                                 help=f"Load the preset \"{name}\" (the link below follows).") for name in HARDER]
        if any(clicked):
            st.rerun(scope="app")  # the sidebar shows the preset's settings too (this may run in a fragment)
        _send("gaussians", G, _GAUSSIAN_VIEWS, hide_all)


@st.cache_data(max_entries=32, show_spinner=False)
def _bayes_share(topics: tuple, documents: tuple) -> float | None:
    """Bayes' rule with the truth known (the dice, and each document's own mix of topics): the share
    of all the documents' words given their true topic. No rule that sees a word can do better on average."""
    right = total = 0
    for words, truth, mixing in documents:
        if words:
            post = word_posteriors(list(topics), list(words), np.asarray(mixing, dtype=float))
            right += int(np.sum(np.argmax(post, axis=1) == np.asarray(truth)))
            total += len(words)
    return right / total if total else None


def _learned_share(corpus) -> float | None:
    """The topics learned from the words alone (the learn tab's fit, same cache): the share of words
    whose most likely learned topic is matched to their true one. None if they cannot be learned."""
    docs = corpus.docs
    try:
        with st.spinner("Learning the topics from the words alone…", show_time=True):
            fit = cached_topic_fit(documents=tuple(tuple(d.words) for d in docs), k=len(corpus.topics),
                                   seed=int(T["t_fit_seed"].default))
    except ValueError:
        return None
    true_tw = topics_on_vocabulary(corpus.topics, fit.vocabulary)
    cmp = compare_topic_fit(true_tw, np.concatenate([d.topics for d in docs]), fit.topic_word,
                            np.concatenate([np.argmax(wt, axis=1) for wt in fit.word_topics]))
    return float(cmp.agreement)


def topic_builder(corpus) -> None:
    """The builder for the documents on the topic page (``corpus``: the page's ``CorpusOnPage``)."""
    with st.container(border=True):
        hide_all = _hides_all("t")
        if hide_all is None:
            return
        if corpus.docs:
            best = _bayes_share(tuple(corpus.topics), tuple(
                (tuple(d.words), tuple(int(t) for t in d.topics), tuple(map(float, d.mixing))) for d in corpus.docs))
            st.markdown(difficulty_sentence(best, _learned_share(corpus), "LDA", "words"))
        if not corpus.shared:
            st.caption("For a harder start, put some words on more than one die: a shared word could have come "
                       "from more than one topic.")
        doc = T["t_doc"].options[round_document(st.session_state.get("t_doc", ""), len(corpus.docs))]
        st.caption(f"In a class round every student guesses the same document, **{doc}** (chosen under "
                   f"\"{T['t_tab'].options[4]}\"), and the board's best possible mark is on its words.")
        _send("topics", T, _TOPIC_VIEWS, hide_all)
