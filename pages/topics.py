"""Topic-documents page: dice with words on their sides, documents rolled from topics, and reasoning
back. Every setting is declared in ``mixgen_ui/topic_settings.py``."""

from mixgen_streamlit.router import ensure_router

ensure_router()

import numpy as np
import streamlit as st

from mixgen_core import (
    MAX_TOPICS,
    Document,
    Topic,
    sample_documents,
    shared_words,
)
from mixgen_streamlit.gibbs_section import watch_topics_found
from mixgen_streamlit.guess_words import guess_panel
from mixgen_streamlit.learn_topics_section import learn_the_topics
from mixgen_streamlit.links import link_value, show_link_notices, show_scenario_link
from mixgen_streamlit.real_text_section import own_text_source, sotu_source
from mixgen_streamlit.topic_corpus import show_documents, update
from mixgen_streamlit.topic_tabs import known_topics, one_topic_per_document, roll_a_die, word_counts
from mixgen_streamlit.widgets import show, tabs
from mixgen_ui.export import documents_csv, documents_json
from mixgen_ui.guess_words import ever_checked
from mixgen_ui.highlight import legend_html
from mixgen_ui.settings import next_seed
from mixgen_ui.snippets import topics_snippet
from mixgen_ui.text import md_escape
from mixgen_ui.topic_corpus import CorpusOnPage
from mixgen_ui.topic_settings import GENERATED, MAX_PAGE_WORDS, SHOWN_DOCS, SOTU, TABS, topics_from_state
from mixgen_ui.topic_settings import TOPICS as T
from mixgen_ui.topic_text import shared_words_html
from mixgen_ui.url_params import CHALLENGE_CAPTION, Challenge, hidden_values
from mixgen_streamlit import challenge_builder, classroom
from mixgen_ui.class_facts import round_document
from mixgen_ui.guess_words import is_checked


def topic_settings() -> tuple[int, int, object]:
    """The sidebar: each topic's name, words, optional word weights and mixing weight; the seed."""
    st.subheader("Topics")
    k = show(st, T["t_k"])
    st.caption("Type each topic's words separated by commas. Weights are optional: one number per "
               "word, for a loaded die. The mixing weight says how often the topic is picked.")
    for i in range(k):
        with st.expander(f"Topic {i + 1}", expanded=i < 2):
            for field in ("name", "words", "weights", "mix"):
                show(st, T.item(i, field))
    seed = show(st, T["t_seed"])
    st.button("New documents", on_click=lambda: update(t_seed=next_seed(seed)))
    return k, seed, st.session_state


def challenge_settings() -> tuple[int, int, dict]:
    """A teacher's challenge before the check: the topics and the seed are read from the link, not shown."""
    st.caption(CHALLENGE_CAPTION)
    k = min(max(int(round(hidden_values([T["t_k"]], st.session_state, st.query_params.get_all)["t_k"])), 1),
            MAX_TOPICS)
    specs = [T["t_seed"], *(T.item(i, f) for i in range(k) for f in ("name", "words", "weights", "mix"))]
    values = hidden_values(specs, st.session_state, st.query_params.get_all)
    return k, int(round(values["t_seed"])), values


def open_challenge() -> None:
    """A challenge link opens on tab 3 (once: the student may then move on)."""
    if "t_challenge_opened" not in st.session_state:
        st.session_state["t_challenge_opened"] = True
        st.session_state["t_tab"] = TABS[2]


def typed_topics(k: int, values) -> tuple[list[Topic], list[float]]:
    """The topics as typed, or a message per problem and a stop."""
    topics, mixing, errors = topics_from_state(values, k)
    for message in errors:
        st.error(md_escape(message))
    if errors:
        st.stop()
    if sum(mixing) <= 0:
        st.error("Give at least one topic a mixing weight above 0, so there is a topic to pick.")
        st.stop()
    return topics, mixing


def corpus_settings(challenge: Challenge) -> tuple[int, int, float | None, tuple | None, bool]:
    """Where the documents come from; for rolled ones, how many of how many words, and whether each
    document has its own mix. Then the real corpus's source (None for rolled documents, or real text
    not given yet) and whether real text is chosen.
    In a challenge, before the check, the corpus is read from the link and not shown (it would tell
    how the documents were made)."""
    if challenge.hidden:
        v = hidden_values([T[k] for k in ("t_ndocs", "t_nwords", "t_dirichlet", "t_alpha")], st.session_state,
                          st.query_params.get_all)
        n_docs, n_words = (int(round(v["t_ndocs"])), int(round(v["t_nwords"]))) if v["t_ndocs"] * v["t_nwords"] <= \
            MAX_PAGE_WORDS else (T["t_ndocs"].default, T["t_nwords"].default)
        return n_docs, n_words, float(v["t_alpha"]) if v["t_dirichlet"] else None, None, False
    with st.container(border=True):
        st.caption("The documents (the corpus: tabs 2 to 7)")
        kind = GENERATED if challenge.on else show(st, T["t_corpus"])
        if kind == SOTU:
            return 0, 0, None, sotu_source(), True
        if kind != GENERATED:
            return 0, 0, None, own_text_source(), True
        c1, c2, c3, c4 = st.columns([1, 1, 1.2, 1.2])
        n_docs, n_words = show(c1, T["t_ndocs"]), show(c2, T["t_nwords"])
        dirichlet = show(c3, T["t_dirichlet"])
        alpha = show(c4, T["t_alpha"], disabled=not dirichlet)
    if n_docs * n_words > MAX_PAGE_WORDS:
        st.error(f"That is {n_docs * n_words:,} words; this page makes at most {MAX_PAGE_WORDS:,}. "
                 "Use fewer documents or shorter ones.")
        st.stop()
    return n_docs, n_words, alpha if dirichlet else None, None, False


def mixed_documents(corpus: CorpusOnPage) -> None:
    """3 · Mixed documents, coloured by topic or not (the worksheet's question), and what to take home;
    with the colours off (or from a challenge link), guess each word's topic, then check."""
    challenge, names, shared = corpus.challenge, corpus.names, corpus.shared
    if challenge.on:
        if challenge.hidden:
            st.caption(CHALLENGE_CAPTION)
        guess_the_words(corpus)
        return
    coloured = show(st, T["t_colour"])
    if coloured:
        st.html(legend_html(names, show_shared=bool(shared)))
    elif show(st, T["t_guess"]):
        guess_the_words(corpus)
        return
    else:
        st.info("**If you saw only the words, could you tell which topic each came from?** "
                "Switch the colours back on to check, or answer word by word: guess each word's topic.")
    show_documents(corpus, lambda i, doc: doc.topics if coloured else None)
    take_home(corpus)
    if shared:
        st.warning(
            f"{len(shared)} word(s) sit on more than one die (outlined with dashes when coloured). Each is "
            "coloured by the die it was actually rolled from, but the word alone cannot tell you which: "
            "that is why reasoning back needs probabilities.")
        st.html(shared_words_html(shared))


def guess_the_words(corpus: CorpusOnPage) -> None:
    """The student names each word's topic in one document, then checks against the truth and Bayes' rule."""
    docs = corpus.docs
    st.write("**If you saw only the words, which topic would you say each came from?** Give each word a "
             "topic, then check your guess against the truth and against Bayes' rule with the dice known.")
    if classroom.member():  # a round compares everyone on one document: the round's, not chosen here
        i = round_document(classroom.round_value(T["t_doc"]), len(docs))
        st.caption(f"Everyone in the class round guesses **{T['t_doc'].options[i]}**.")
    else:
        doc_names = T["t_doc"].options[: min(len(docs), SHOWN_DOCS)]
        i = doc_names.index(show(st, T["t_doc"], options=doc_names))
    classroom.member_note(is_checked(st.session_state, "t"))
    if guess_panel("t", docs[i].words, docs[i].topics, corpus.topics, corpus.mixing,
                   extra=(corpus.seed, i, corpus.n_docs, corpus.n_words, corpus.concentration),
                   own_mix=corpus.concentration is not None):
        classroom.report_words_guess("t", docs[i].words, docs[i].topics, len(corpus.topics))


def take_home(corpus: CorpusOnPage) -> None:
    """The documents as CSV and JSON and the numpy code that rolls them, made only while the expander is open."""
    c = corpus
    with st.expander("Take it home: the documents and the code", icon=":material/download:", key="t_home",
                     on_change="rerun") as home:
        if home.open:
            d1, d2 = st.columns(2)
            d1.download_button("Download the documents (CSV)", documents_csv(c.docs, c.topics),
                               "mixgen_documents.csv", "text/csv", icon=":material/download:")
            d2.download_button("Download the documents (JSON)", documents_json(c.docs, c.topics),
                               "mixgen_documents.json", "application/json", icon=":material/download:")
            st.caption("Plain numpy code that rolls exactly these documents (same settings, same seed):")
            st.code(topics_snippet(c.topics, c.n_docs, c.n_words, c.mixing, c.concentration, c.seed),
                    language="python")


def generated_only(section):
    """Tabs that need the true dice: for real text, say so instead."""
    def guarded(corpus: CorpusOnPage) -> None:
        if not corpus.real:
            section(corpus)
        else:
            st.info("Real text has no dice, so there are no true topics to colour, count against or reason back "
                    "from here. Tabs 6 and 7 learn its topics from the words alone; tabs 1 and 2 still roll "
                    "the dice in the sidebar.", icon=":material/info:")
    return guarded


show_link_notices(T)
# A teacher's challenge link: the settings are hidden until a guess is checked.
challenge = Challenge.of(link_value(T["t_challenge"]), solved=ever_checked(st.session_state, "t"))
if challenge.on:
    open_challenge()
st.title("Words from topics")
st.write(
    "A **topic** is a die with a word on each side. Roll it to get a word; roll it 20 times to get a "
    "document. A **mixture** of topics first rolls which topic to use, then rolls that topic's die."
)
with st.sidebar:
    k, seed, values = challenge_settings() if challenge.hidden else topic_settings()
    link_slot = st.container()
topics, mixing = typed_topics(k, values)
names = [t.name for t in topics]
shared = shared_words(topics)
n_docs, n_words, concentration, source, real = corpus_settings(challenge)
docs: list[Document] = [] if real else sample_documents(
    topics, n_docs, n_words, topic_weights=mixing, concentration=concentration, rng=np.random.default_rng(seed))
corpus = CorpusOnPage(topics=topics, mixing=mixing, names=names, shared=shared, seed=seed, n_docs=n_docs,
                      n_words=n_words, concentration=concentration, source=source, docs=docs, challenge=challenge,
                      real=real)
SECTIONS = (roll_a_die, one_topic_per_document, generated_only(mixed_documents), generated_only(word_counts),
            generated_only(known_topics), learn_the_topics, watch_topics_found)
for tab, section in zip(tabs(st, T["t_tab"]).values(), SECTIONS):
    with tab:
        if tab.open and challenge.hidden and section is not SECTIONS[2]:
            st.info("This tab would give the answer away: check your guess on tab 3 first.")
        elif tab.open:  # bound to the URL, the tabs run lazily: only the open one computes
            section(corpus)
if not challenge.hidden:
    with link_slot:
        show_scenario_link(T, "topics")
        if not real:
            challenge_builder.topic_builder(corpus)
