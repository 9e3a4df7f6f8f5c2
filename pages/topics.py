"""Topic-documents page: dice with words on their sides, documents rolled from topics, and mixtures."""

from mixgen_ui.router import ensure_router

ensure_router()

import numpy as np
import streamlit as st

from mixgen_core import Topic
from mixgen_core.topics import (
    MAX_TOPICS,
    expected_word_counts,
    observed_word_counts,
    one_hot,
    roll_die,
    running_frequencies,
    sample_documents,
    shared_words,
    side_counts,
)
from mixgen_ui.highlight import document_html, legend_html, text_html
from mixgen_ui.text import md_escape
from mixgen_ui.topic_figures import die_figure, frequency_figure, word_count_figure
from mixgen_ui.topic_state import (
    MAX_DOC_WORDS,
    MAX_DOCS,
    MAX_PAGE_WORDS,
    MAX_SEED,
    MAX_WORDS_CHARS,
    ROLL_CHOICES,
    SHOWN_DOCS,
    init_state,
    topic_defaults,
    topic_key,
    topics_from_state,
)

init_state(st.session_state)

st.title("Words from topics")
st.write(
    "A **topic** is a die with a word on each side. Roll it to get a word; roll it 20 times to get a "
    "document. A **mixture** of topics first rolls which topic to use, then rolls that topic's die."
)

with st.sidebar:
    st.subheader("Topics")
    k = st.number_input("Number of topics", 1, MAX_TOPICS, key="t_k", persist_state="session")
    st.caption("Type each topic's words separated by commas. Weights are optional: one number per "
               "word, for a loaded die. The mixing weight says how often the topic is picked.")
    for i in range(k):
        for field, value in topic_defaults(i).items():
            st.session_state.setdefault(topic_key(i, field), value)
        with st.expander(f"Topic {i + 1}", expanded=i < 2):
            st.text_input("name", key=topic_key(i, "name"), persist_state="session", max_chars=100)
            st.text_area("words", key=topic_key(i, "words"), persist_state="session", max_chars=MAX_WORDS_CHARS, height=90)
            st.text_input("word weights (optional)", key=topic_key(i, "weights"), persist_state="session", max_chars=2000,
                          placeholder="e.g. 3, 1, 1")
            st.number_input("mixing weight", 0.0, 100.0, step=0.5, key=topic_key(i, "mix"), persist_state="session",
                            help="Relative chance of picking this topic for each word of a mixed document.")
    st.number_input("Random seed", 0, MAX_SEED, key="t_seed", persist_state="session",
                    help="The same seed and settings always roll the same words.")
    st.button("New documents", on_click=lambda: st.session_state.update(
        t_seed=(st.session_state["t_seed"] + 1) % (MAX_SEED + 1)))

topics, mixing, errors = topics_from_state(st.session_state, k)
for message in errors:
    st.error(md_escape(message))
if errors:
    st.stop()
if sum(mixing) <= 0:
    st.error("Give at least one topic a mixing weight above 0, so there is a topic to pick.")
    st.stop()

names = [t.name for t in topics]
seed = st.session_state["t_seed"]
die_tab, single_tab, mixed_tab, counts_tab = st.tabs(
    ["1 · Roll a die", "2 · One topic per document", "3 · Mixed documents", "4 · Word counts"])

with die_tab:
    st.write("The worksheet's `np.random.multinomial(1, prob, 1)` rolls a die once: it says how often each "
             "side came up, so it is all 0s and a single 1. `np.argmax` finds where the 1 is: the side rolled.")
    d = st.selectbox("Which die?", range(len(topics)), key="t_die", persist_state="session",
                     format_func=lambda j: f"Topic {j + 1}") if len(topics) > 1 else 0
    d = min(d, len(topics) - 1)
    topic: Topic = topics[d]
    st.html(legend_html([topic.name], show_shared=False))
    left, right = st.columns([1, 1])
    with left:
        st.button("Roll once", key="t_roll_once",
                  on_click=lambda: st.session_state.update(t_roll_count=st.session_state["t_roll_count"] + 1))
        roll_rng = np.random.default_rng([seed, d, st.session_state["t_roll_count"]])
        side = int(roll_die(topic.probabilities, 1, roll_rng)[0])
        st.code(f"one roll (outcome counts): {one_hot(side, len(topic.words)).tolist()}\n"
                f"np.argmax -> side index:   {side}", language=None)
        st.html(f"<div>The word on top: <b>{text_html(topic.words[side])}</b></div>")
    with right:
        n_rolls = st.select_slider("Roll it this many times", ROLL_CHOICES, key="t_rolls", persist_state="session")
        sides = roll_die(topic.probabilities, n_rolls, np.random.default_rng([seed, d]))
        observed = side_counts(sides, len(topic.words)) / n_rolls
        st.plotly_chart(die_figure(topic.words, topic.probabilities, d, observed), width="stretch", key="t_die_plot")
    checkpoints, freqs = running_frequencies(sides, len(topic.words))
    st.plotly_chart(frequency_figure(topic.words, checkpoints, freqs, topic.probabilities, d),
                    width="stretch", key="t_freq_plot")
    st.caption("The more rolls, the closer each side's observed frequency gets to its probability (dashed lines).")

n_words = st.session_state["t_nwords"]
with single_tab:
    st.write("The worksheet's document 1 and document 2: each word rolled from one topic's die only.")
    for j, t in enumerate(topics):
        (doc,) = sample_documents([t], 1, n_words, rng=np.random.default_rng([seed, 1, j]))
        st.html(legend_html([t.name], show_shared=False))
        st.html(document_html(doc.words, [j] * len(doc.words)))

with mixed_tab:
    c1, c2, c3 = st.columns(3)
    n_docs = c1.number_input("Documents", 1, MAX_DOCS, key="t_ndocs", persist_state="session")
    c2.number_input("Words per document", 1, MAX_DOC_WORDS, key="t_nwords", persist_state="session")
    with c3:
        dirichlet = st.toggle("Each document its own mix", key="t_dirichlet", persist_state="session",
                              help="Draw each document's topic weights from a Dirichlet distribution "
                                   "(the step from this worksheet to LDA topic models).")
        alpha = st.slider("Concentration", 0.05, 10.0, step=0.05, key="t_alpha", persist_state="session", disabled=not dirichlet,
                          help="Small: most documents are mostly one topic. Large: every document mixes like the average.")
    if n_docs * n_words > MAX_PAGE_WORDS:
        st.error(f"That is {n_docs * n_words:,} words; this page makes at most {MAX_PAGE_WORDS:,}. "
                 "Use fewer documents or shorter ones.")
        st.stop()
    docs = sample_documents(topics, n_docs, n_words, topic_weights=mixing,
                            concentration=alpha if dirichlet else None, rng=np.random.default_rng(seed))
    shared = shared_words(topics)
    coloured = st.toggle("Colour by topic", key="t_colour", persist_state="session",
                         help="Show which topic's die each word was rolled from (colour and number).")
    if coloured:
        st.html(legend_html(names, show_shared=bool(shared)))
    else:
        st.info("**If you saw only the words, could you tell which topic each came from?** "
                "Switch the colours back on to check.")
    for i, doc in enumerate(docs[:SHOWN_DOCS]):
        mix = " · ".join(f"{m:.0%}" for m in doc.mixing)
        st.caption(f"Document {i + 1} (topic mix {mix})")
        st.html(document_html(doc.words, doc.topics if coloured else None, shared=shared))
    if n_docs > SHOWN_DOCS:
        st.caption(f"Showing {SHOWN_DOCS} of {n_docs} documents; the word counts use all of them.")
    if shared:
        st.warning(
            f"{len(shared)} word(s) sit on more than one die (outlined with dashes when coloured). "
            "Each is coloured by the die it was actually rolled from, but the word alone cannot tell you which: "
            "that is why reasoning back needs probabilities.")
        st.html("<div>Shared words: " + ", ".join(text_html(w) for w in sorted(shared)) + "</div>")

with counts_tab:
    vocab, expected = expected_word_counts(topics, mixing, n_docs * n_words)
    observed = observed_word_counts(docs, vocab)
    st.write(f"How often each word appears in the {n_docs} mixed document(s), against what the mixture "
             "leads us to expect (the mixing weights times each die's probabilities).")
    st.plotly_chart(word_count_figure(vocab, observed, expected), width="stretch", key="t_count_plot")
